"""A broken routine file's problems, listed compiler-style so the person can fix them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from tpguide.core.i18n import ngettext
from tpguide.core.library.catalog import Group, Item
from tpguide.core.routines.diagnostics import Diagnostic
from tpguide.ui.library.routine_page import big_button
from tpguide.ui.widgets.fit import wrap_rows
from tpguide.ui.widgets.plain import plain_label


class DiagnosticsView(QFrame):
    """Lists every error and warning as ``file:line:col: error: message`` (plain text).

    Signals:
        reloadRequested(str): read this file again.
        addRequested(str): copy this (opened) file into the user's routines anyway.
    """

    reloadRequested = Signal(str)
    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 16, 24, 24)
        col.setSpacing(12)
        self.title = plain_label(self.tr("This routine file has problems"), "title", self)
        self.file_label = plain_label("", "big", self, selectable=True)
        self.hint = plain_label("", "body", self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Problems found in the file"))
        self.list.setSpacing(4)
        wrap_rows(self.list)  # each message whole, its rows as tall as the wrapped text
        self._monospace()
        row = QHBoxLayout()
        self.reload_button = big_button(self.tr("Check again"),
                                        self.tr("Check the file again"), self)
        self.reload_button.clicked.connect(self._reload)
        self.add_button = big_button(self.tr("Add to my routines anyway"),
                                     self.tr("Add the broken file to my routines"), self)
        self.add_button.clicked.connect(self._add)
        row.addWidget(self.reload_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        for widget in (self.title, self.file_label, self.hint):
            col.addWidget(widget)
        col.addLayout(row)
        col.addWidget(self.list, 1)

    def _monospace(self) -> None:
        """Columns line up in a fixed-width font, as large as the text around it."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.1)
        self.list.setFont(mono)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._monospace()

    def item(self) -> Item | None:
        return self._item

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def show_item(self, item: Item) -> None:
        self._item = item
        self.file_label.setText(str(item.path))
        errors = len(item.result.errors)
        self.hint.setText(self._hint(item.group, errors))
        self.add_button.setVisible(item.group is Group.OPENED)
        self.show_diagnostics(item.path, item.result.diagnostics)

    def show_diagnostics(self, path: Path, diagnostics: list[Diagnostic]) -> None:
        self.list.clear()
        for diagnostic in diagnostics:
            self.list.addItem(diagnostic.format(path.name))
        if not diagnostics:
            self.list.addItem(self.tr("{name}: this file could not be loaded").format(
                name=path.name))

    def _hint(self, group: Group, errors: int) -> str:
        count = ngettext("{n} problem to fix.", "{n} problems to fix.", errors).format(n=errors)
        if group is Group.MINE:
            more = self.tr("Fix them in a text editor: tpguide reads the file again "
                           "as soon as you save it.")
        else:
            more = self.tr("Fix them in a text editor, save, then press Check again. "
                           "Each line says where: file, line and column.")
        return f"{count} {more}"

    def _reload(self) -> None:
        if self._item is not None:
            self.reloadRequested.emit(str(self._item.path))

    def _add(self) -> None:
        if self._item is not None:
            self.addRequested.emit(str(self._item.path))
