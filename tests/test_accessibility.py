"""Quality: every window's focusable controls have a human-readable name, unique in that window,
and the main flows work with the keyboard alone.

The walk shows every page, tab and state a person can reach, then checks the window with
``tests.a11y.assert_accessible`` (screen readers announce that name; two controls with one
name cannot be told apart).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.a11y import accessibility_problems, assert_accessible
from tests.app_helpers import (
    QUICK_ID,
    FastSessions,
    RealApp,
    assign_quick_course,
    open_sessions,
    rating_dialog,
    settings,
    write_quick,
)
from tests.session_helpers import start_session
from tpguide.core.diary.store import HistoryStore
from tpguide.core.library.catalog import Group
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui.courses.editor import CourseEditor
from tpguide.ui.diary.headache_log import HeadacheLogDialog
from tpguide.ui.editor.window import EditorWindow
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.shell import sharing as main_sharing
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.widgets.pain_rating import PainRatingDialog
from tpguide.ui.widgets.safety_pages import SafetyDialog

BROKEN = "tpguide: 1\nid: Bad Id\ntitle: Broken\nsteps:\n  - point: upper-trapezius.9\n"




def check_tabs(qtbot: QtBot, window: QWidget) -> None:
    """Check ``window`` with each tab of each of its tab widgets shown in turn."""
    assert_accessible(window)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            problems = accessibility_problems(window)
            assert not problems, f"tab {tabs.tabText(index)!r}:\n" + "\n".join(problems)


@pytest.fixture
def app_window(qtbot: QtBot, real_app: RealApp, tmp_path: Path) -> MainWindow:
    """The real main window with one own routine, an opened broken file, a course and a
    reminder showing."""
    write_quick()
    settings(ask_pain_ratings=False)
    assign_quick_course(tmp_path)
    window = real_app.window()
    window.courses.banner.show_reminder("Quick recovery: Quick test routine, 2 more today.")
    return window


# ---------------------------------------------------------------------- the main window
@pytest.mark.parametrize("page", ["welcome", "routine", "problems", "atlas", "finder",
                                  "history", "settings"])
def test_every_page_of_the_main_window(
    qtbot: QtBot, app_window: MainWindow, tmp_path: Path, page: str
) -> None:
    window = app_window
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    window.open_file(broken)
    if page == "routine":
        item = next(i for i in window.library.items(Group.MINE) if i.ok)
        window.library.select_path(item.path)
    window.show_page(page)
    assert window.current_page() == page
    if page == "welcome":
        assert window.courses.today.isVisibleTo(window) and window.courses.banner.isVisible()
    check_tabs(qtbot, window)


def test_the_routine_page_of_a_builtin_and_its_share_menu(app_window: MainWindow) -> None:
    window = app_window
    window.library.select_path(window.library.items(Group.BUILTIN)[0].path)
    assert window.routine_page.copy_button.isVisible()
    assert_accessible(window)
    for action in window.routine_page.share_menu.actions():
        assert action.text().replace("&", "").strip()


def test_the_history_page_with_sessions_and_a_headache(
    qtbot: QtBot, app_window: MainWindow
) -> None:
    store = app_window.history.store()  # type: ignore[union-attr]
    assert store is not None
    session = store.start_session(QUICK_ID, "Quick", 30, 5)
    store.finish_session(session, "completed", 30, 3, "fine")
    app_window.show_page("history")
    log = app_window.pages.page("history").log_headache()  # type: ignore[attr-defined]
    qtbot.addWidget(log)
    check_tabs(qtbot, app_window)
    check_tabs(qtbot, log)


# ---------------------------------------------------------------------- other windows
@pytest.fixture
def session_window(qtbot: QtBot) -> Iterator[SessionWindow]:
    clock = sh.FakeClock()
    window = start_session(sh.routine(), store=sh.store(), cue_player=RecordingCuePlayer(clock),
                           clock=clock)
    assert window is not None
    qtbot.addWidget(window)
    yield window
    window.close()


def test_the_session_window_before_during_and_unwell(
    qtbot: QtBot, session_window: SessionWindow
) -> None:
    assert_accessible(session_window)  # the intro, before Start
    session_window.controller.start()
    assert_accessible(session_window)
    session_window.controller.pause()
    assert_accessible(session_window)
    session_window.unwell()
    assert_accessible(session_window)


def test_the_safety_gate(qtbot: QtBot) -> None:
    dialog = SafetyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert_accessible(dialog)


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_pain_rating(qtbot: QtBot, when: str) -> None:
    dialog = PainRatingDialog(when)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert_accessible(dialog)


def test_the_headache_log(qtbot: QtBot) -> None:
    dialog = HeadacheLogDialog([(QUICK_ID, "Quick test routine")])
    qtbot.addWidget(dialog)
    dialog.show()
    check_tabs(qtbot, dialog)


def test_the_routine_editor_new_and_for_a_copy(qtbot: QtBot, app_window: MainWindow) -> None:
    app_window.header.new.click()
    [new] = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, EditorWindow) and w.isVisible()]
    check_tabs(qtbot, new)
    new.close()
    app_window.library.select_path(app_window.library.items(Group.BUILTIN)[0].path)
    app_window.routine_page.copy_button.click()
    [copy] = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, EditorWindow) and w.isVisible()]
    assert copy.draft.steps
    copy.tabs.setCurrentIndex(1)
    copy.steps.select(0)
    check_tabs(qtbot, copy)


def test_the_course_editor(qtbot: QtBot, app_window: MainWindow) -> None:
    editor = app_window.courses.open_editor(app_window.courses.active_courses()[0])
    assert isinstance(editor, CourseEditor) and editor.isWindow()
    assert_accessible(editor)
    editor.stages.add_stage()
    assert_accessible(editor)


def test_the_sharing_windows(
    qtbot: QtBot, app_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [i for i in app_window.library.items() if i.ok]
    chooser = main_sharing.ChooseRoutines(items, items[0].path, app_window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert_accessible(chooser)
    archive = tmp_path / "empty.zip"
    archive.write_bytes(b"not a zip")
    app_window.sharing.import_zip(archive)
    report = app_window.sharing.report_dialog
    assert report is not None
    assert_accessible(report)


# ---------------------------------------------------------------------- the keyboard alone
def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        text: str | None = None) -> None:
    """One key press, sent where the keyboard focus is (as the windowing system would)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, k, modifier)


def test_the_main_flow_with_only_the_keyboard(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings()
    window = real_app.window()
    sh.activate(qtbot, window)
    # find the routine: Ctrl+L, type, Down into the list, Enter starts it
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    for letter in "quick":
        key(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"))
    key(qtbot, Qt.Key.Key_Down)
    current = window.library.current()
    assert current is not None and current.result.routine is not None
    assert current.result.routine.id == QUICK_ID and window.current_page() == "routine"
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rating_dialog("before") is not None
                    and QApplication.activeWindow() is rating_dialog("before"))
    with qtbot.waitSignal(window.sessionStarted) as started:
        key(qtbot, Qt.Key.Key_6)  # how much it hurts before
    session = started.args[0]
    assert isinstance(session, SessionWindow)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session)
    key(qtbot, Qt.Key.Key_Space)  # start
    assert session.controller.state == "running"
    fast.clock.advance(1.5)
    session.controller.wake()
    key(qtbot, Qt.Key.Key_Space)  # pause
    assert session.controller.state == "paused"
    key(qtbot, Qt.Key.Key_Space)  # resume
    index = session.controller.engine.index
    key(qtbot, Qt.Key.Key_Right)  # skip
    assert session.controller.engine.index > index
    key(qtbot, Qt.Key.Key_Escape)  # stop? (asks)
    assert session.controller.state == "running"
    key(qtbot, Qt.Key.Key_Escape)  # yes, stop
    assert session.controller.state == "stopped"
    qtbot.waitUntil(lambda: rating_dialog("after") is not None
                    and QApplication.activeWindow() is rating_dialog("after"))
    hub = window.history
    assert hub is not None
    key(qtbot, Qt.Key.Key_3)  # how much it hurts after
    with qtbot.waitSignal(hub.changed):
        key(qtbot, Qt.Key.Key_Return)  # save
    with HistoryStore() as store:
        [row] = store.sessions()
    assert (row.routine_id, row.status, row.pain_before, row.pain_after) == (
        QUICK_ID, "stopped", 6, 3)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session)  # the keys come back
    key(qtbot, Qt.Key.Key_Escape)  # the session has ended: Esc closes its window
    assert open_sessions() == []


def test_unwell_with_one_key_from_the_header_start(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    window.library.select_path(next(i.path for i in window.library.items(Group.MINE)))
    sh.activate(qtbot, window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Go > Start
    session = started.args[0]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session)
    key(qtbot, Qt.Key.Key_Space)
    hub = window.history
    assert hub is not None
    with qtbot.waitSignal(hub.changed):
        key(qtbot, Qt.Key.Key_U)
    [row] = hub.sessions()
    assert row.status == "unwell"  # type: ignore[attr-defined]
    assert session.unwell_panel.isVisible()
