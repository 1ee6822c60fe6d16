"""Starts the desktop app: application identity, look from the settings, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from tpguide import APP_ID, APP_NAME, resources
from tpguide.core.settings import AppSettings, SettingsStore
from tpguide.ui.appearance import Appearance
from tpguide.ui.main_window import MainWindow
from tpguide.ui.plain import refresh_fonts
from tpguide.ui.settings_view import SettingsController

ICON = "icons/org.tpguide.TPGuide.svg"


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("tpguide")
    app.setDesktopFileName(APP_ID)
    icon = resources.asset(ICON)
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(app: QApplication, store: SettingsStore | None = None) -> MainWindow:
    """The main window with the saved look applied and kept in step with the settings."""
    controller = SettingsController(store or SettingsStore())
    appearance = Appearance(app)
    appearance.apply(controller.settings())
    window = MainWindow(controller)

    def restyle(settings: AppSettings) -> None:
        appearance.apply(settings)
        refresh_fonts(window)

    controller.changed.connect(restyle)
    restyle(controller.settings())
    hints = QGuiApplication.styleHints()
    if hints is not None:  # "Like the system" follows the desktop switching light and dark
        def follow(_scheme: object) -> None:
            restyle(controller.settings())

        hints.colorSchemeChanged.connect(follow)
        window.destroyed.connect(lambda: hints.colorSchemeChanged.disconnect(follow))
    window.historyRequested.connect(lambda: install_history(window))
    if controller.store.notice:
        window.say(controller.store.notice, 0)
    return window


def install_history(window: MainWindow) -> None:
    """Put the real history view in place the first time History is shown (lazy import)."""
    from tpguide.core.history import HistoryStore
    from tpguide.ui.history_view import HistoryView

    def routines() -> list[tuple[str, str]]:
        return [(r.id, r.title) for item in window.library.items()
                if (r := item.result.routine) is not None]

    window.set_history_widget(HistoryView(HistoryStore(), routines, parent=window))


def run_gui(path: str | None) -> int:
    """Show the main window (and ``path``, if given); returns the exit code."""
    app = make_application()
    window = build_window(app)
    window.resize(1280, 800)
    window.show()
    if path:
        QTimer.singleShot(0, lambda: window.open_file(Path(path)))
    return _exec()


def _exec() -> int:
    """The event loop (a seam for tests)."""
    app = QApplication.instance()
    return app.exec() if app is not None else 1
