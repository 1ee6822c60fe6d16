"""One session at a time, in front, filling the screen: checked on the real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.app_helpers import (
    FastSessions,
    RealApp,
    open_sessions,
    rating_dialog,
    settings,
    write_quick,
)
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.widgets.pain_rating import PainRatingDialog


def questions() -> list[PainRatingDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, PainRatingDialog) and w.isVisible()]


def action(window: MainWindow, menu_name: str, text: str) -> QAction:
    menu = window.menuBar().findChild(QMenu, menu_name) if menu_name else None
    actions = menu.actions() if menu is not None else [
        a for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
    return next(a for a in actions if a.text().replace("&", "") == text)


def starts(window: MainWindow) -> list[bool]:
    """Whether each way to start from the main window is enabled now."""
    return [window.header.start.isEnabled(), window.routine_page.start_button.isEnabled(),
            action(window, "", "Start").isEnabled(),
            action(window, "RoutineMenu", "Start this routine").isEnabled()]


def test_space_on_the_main_window_during_a_session_starts_nothing(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=True)
    window = real_app.window()
    real_app.select(window)
    window.header.start.setFocus()
    qtbot.keyClick(window.header.start, Qt.Key.Key_Space)  # the first start: its question
    first = rating_dialog("before")
    assert first is not None
    window.header.start.click()  # Start again while the question is open: no second one
    assert window.start_selected() is False
    assert questions() == [first]
    with qtbot.waitSignal(window.sessionStarted) as started:
        first.panel.scale.button(4).click()
    session = started.args[0]
    qtbot.waitUntil(session.isActiveWindow, timeout=3000)
    window.activateWindow()  # focus left on the main window, as a person might
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.header.start.click()
    assert open_sessions() == [session]
    assert questions() == []
    assert not window.header.start.isEnabled()


def test_every_start_is_greyed_while_a_session_is_open(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    real_app.select(window)
    assert starts(window) == [True, True, True, True]
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    assert starts(window) == [False, False, False, False]
    window.show_page("finder")
    window.show_page("routine")
    assert starts(window) == [False, False, False, False]
    session.close()
    assert starts(window) == [True, True, True, True]


def test_the_session_window_opens_in_front_and_covers_the_main_window(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.header.start.click()
    session = started.args[0]
    qtbot.waitUntil(session.isActiveWindow, timeout=3000)
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: session.frameGeometry().contains(screen), timeout=3000)
    assert session.frameGeometry().contains(window.frameGeometry().intersected(screen))
    assert session.isMaximized()


def test_the_session_window_goes_full_screen_when_the_setting_says_so(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False, fullscreen_session=True)
    window = real_app.window()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.header.start.click()
    session = started.args[0]
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: session.isFullScreen() and session.geometry().contains(screen),
                    timeout=3000)
