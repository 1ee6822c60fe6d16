"""The main window's content pages; the heavier ones are built the first time they are shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.widgets.names import view_name
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.settings_owner import SettingsOwner

LAZY = ("atlas", "finder", "history", "settings")


class HistoryPlaceholder(QFrame):
    """Stands in for the history view until one is installed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(40, 40, 40, 40)
        col.addWidget(plain_label(self.tr("History"), "title", self))
        col.addWidget(plain_label(self.tr(
            "Your past sessions and how much they helped will be shown here."), "big", self))
        col.addStretch(1)


class LazyPages(QStackedWidget):
    """Named pages; ``show(name)`` builds atlas, finder, history and settings on first use.

    ``later(name, build)`` registers another page that is built on first use (``page``).
    Without an atlas the shipped one is read when a page first needs it.

    Signals:
        finderRoutine(str): the finder asked to run this routine YAML.
        finderSave(str): the finder asked to keep this routine YAML among the person's own.
        historyShown(): the History page was shown while it is still the placeholder.
    """

    finderRoutine = Signal(str)
    finderSave = Signal(str)
    historyShown = Signal()

    def __init__(self, atlas: Atlas | None, settings: SettingsOwner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given_atlas = atlas
        self._settings = settings
        self._pages: dict[str, QWidget] = {}
        self._later: dict[str, Callable[[], QWidget]] = {}
        self._history_is_placeholder = True

    @property
    def _atlas(self) -> Atlas:
        if self._given_atlas is None:
            self._given_atlas = default_atlas()
        return self._given_atlas

    def later(self, name: str, build: Callable[[], QWidget]) -> None:
        """Build the page ``name`` with ``build`` the first time it is asked for."""
        self._later[name] = build

    def add(self, name: str, widget: QWidget) -> None:
        old = self._pages.get(name)
        if old is not None:
            was_current = self.currentWidget() is old
            self.removeWidget(old)
            old.deleteLater()
        self._pages[name] = widget
        self.addWidget(widget)
        if old is not None and was_current:
            self.setCurrentWidget(widget)

    def page(self, name: str) -> QWidget:
        """The page by name, built now if it is one of the lazy ones."""
        if name not in self._pages:
            if name in self._later:
                self.add(name, self._later.pop(name)())
            elif name in LAZY:
                self.add(name, self._build(name))
            else:
                raise KeyError(name)
        return self._pages[name]

    def built(self) -> list[str]:
        return list(self._pages)

    def is_built(self, name: str) -> bool:
        return name in self._pages

    def show(self, name: str) -> QWidget:  # type: ignore[override]
        widget = self.page(name)
        self.setCurrentWidget(widget)
        if name == "history" and self._history_is_placeholder:
            self.historyShown.emit()
        return widget

    def current_name(self) -> str:
        current = self.currentWidget()
        return next((n for n, w in self._pages.items() if w is current), "")

    def finder_saved(self, path: Path | None) -> None:
        """The finder's routine was saved (``path``): its panel says where."""
        made = getattr(self._pages.get("finder"), "made", None)
        if path is not None and made is not None:
            made.show_saved(path.name)

    def set_history_widget(self, widget: QWidget) -> None:
        self._history_is_placeholder = False
        self.add("history", widget)

    def _build(self, name: str) -> QWidget:
        if name == "atlas":
            from tpguide.ui.atlas.browser import AtlasBrowser

            return AtlasBrowser(self._atlas, self)
        if name == "finder":
            return self._finder()
        if name == "history":
            return HistoryPlaceholder(self)
        from tpguide.ui.shell.settings_view import SettingsView

        return SettingsView(self._settings, self)

    def _finder(self) -> QWidget:
        from tpguide.ui.atlas.finder import FINDER_VIEWS, WhereDoesItHurt

        finder = WhereDoesItHurt(self._atlas, self)
        for view in FINDER_VIEWS:
            finder.body_view(view).setAccessibleName(
                self.tr("Sore spot picker: {view}").format(view=view_name(view)))
        for area in finder.findChildren(QScrollArea):
            if not area.accessibleName():
                area.setAccessibleName(self.tr("Points that may send pain there"))
        finder.routineRequested.connect(self.finderRoutine)
        finder.saveRequested.connect(self.finderSave)
        return finder
