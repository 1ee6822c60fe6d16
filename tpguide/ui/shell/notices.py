"""Notices that stay until read: what went wrong at start-up, or with a file, one under another.

A one-line status bar shows one message at a time, and the next replaces it: "your settings
were reset" (which means the safety notes come again) was gone a second later under the
diary's own notice. Here every notice keeps its own row, in the order it came, until the
person dismisses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tpguide.ui.widgets.plain import plain_label

_NAME_WORDS = 8


class NoticeRow(QFrame):
    """One notice: its text (plain, selectable) and a Dismiss button."""

    dismissed = Signal()

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = message
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 8, 8)
        self.label = plain_label(message, "body", self, selectable=True)
        self.label.setAccessibleName(self.tr("Notice"))
        row.addWidget(self.label, 1)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        short = " ".join(message.split()[:_NAME_WORDS])
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the notice: {start}…").format(
            start=short))
        self.dismiss_button.setMinimumHeight(40)
        self.dismiss_button.clicked.connect(self.dismissed)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)


class NoticeArea(QWidget):
    """The main window's notices, oldest first; hidden while there are none.

    Signals:
        changed(): a notice was added or dismissed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Notices"))
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(12, 0, 12, 8)
        self._column.setSpacing(6)
        self._rows: list[NoticeRow] = []
        self.hide()

    def add(self, message: str) -> None:
        """Show ``message`` under the others (once: the same text twice is one notice)."""
        if not message or message in self.messages():
            return
        row = NoticeRow(message, self)
        row.dismissed.connect(lambda: self.dismiss(row))
        self._rows.append(row)
        self._column.addWidget(row)
        self.show()
        self.changed.emit()

    def messages(self) -> list[str]:
        return [row.message for row in self._rows]

    def rows(self) -> list[NoticeRow]:
        return list(self._rows)

    def dismiss(self, row: NoticeRow) -> None:
        if row not in self._rows:
            return
        self._rows.remove(row)
        row.hide()
        row.deleteLater()
        self.setVisible(bool(self._rows))
        self.changed.emit()
