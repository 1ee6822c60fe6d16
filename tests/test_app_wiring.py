"""The parts wired into the app: editor, diary, courses, sharing and opening files, as a user
meets them in the window ``tpguide`` builds (``tpguide.ui.app.build_window``)."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.app_helpers import (
    QUICK_ID,
    QUICK_TITLE,
    FastSessions,
    RealApp,
    open_sessions,
    rating_dialog,
    rows,
    settings,
    write_quick,
)
from tpguide import paths
from tpguide.core.courses.edit import CourseDraft, StageDraft
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.store import import_course
from tpguide.core.library.catalog import Group
from tpguide.core.library.sharing import read_archive
from tpguide.core.routines.loader import load_routine_file
from tpguide.core.routines.serialize import routine_to_data
from tpguide.ui import app as app_module
from tpguide.ui.editor.window import EditorWindow
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.shell import sharing as main_sharing
from tpguide.ui.shell.main_window import MainWindow

COURSE = """\
tpguide-course: 1
id: quick-course
title: Quick recovery
prepared_for: Sam
stages:
  - routine: quick
    times_per_day: 2
    days: 14
"""




def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    """A menu bar action by its menu and its text (without the & marks)."""
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu:
            sub = top.menu()
            assert isinstance(sub, QMenu)
            for action in sub.actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu} > {text}")


def editors() -> list[EditorWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, EditorWindow) and w.isVisible()]


def course_file(tmp_path: Path, text: str = COURSE) -> Path:
    source = tmp_path / "quick.course.yaml"
    source.write_text(text, encoding="utf-8")
    return source


def today() -> object:
    return CourseClock(now=lambda: datetime.now(UTC)).today()


def progress_texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.courses.today.findChildren(QLabel)
            if label.objectName() == "progress" and label.isVisibleTo(window)]


def start_and_rate_before(qtbot: QtBot, window: MainWindow, pain: int) -> SessionWindow:
    """Press the routine page's Start, answer the before-rating; the session window opens."""
    window.routine_page.start_button.click()
    dialog = rating_dialog("before")
    assert dialog is not None, "the before-session rating should be asked"
    with qtbot.waitSignal(window.sessionStarted) as started:
        dialog.panel.scale.button(pain).click()
    session = started.args[0]
    assert isinstance(session, SessionWindow) and session.isVisible()
    return session


def rate_after(qtbot: QtBot, window: MainWindow, pain: int) -> None:
    dialog = rating_dialog("after")
    assert dialog is not None, "the after-session rating should be asked"
    hub = window.history
    assert hub is not None
    with qtbot.waitSignal(hub.changed):
        dialog.panel.scale.button(pain).click()
        dialog.panel.save_button.click()


# ---------------------------------------------------------------------- 1. the editor
def test_new_routine_opens_the_editor(qtbot: QtBot, real_app: RealApp) -> None:
    window = real_app.window()
    window.header.new.click()
    [editor] = editors()
    assert editor.saver.path is None and editor.draft.steps == []


def test_edit_a_copy_of_a_builtin_opens_a_new_draft_saved_as_one_of_mine(
    qtbot: QtBot, real_app: RealApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = real_app.window()
    builtin = next(i for i in window.library.items(Group.BUILTIN) if i.ok)
    routine = builtin.result.routine
    assert routine is not None
    window.library.select_path(builtin.path)
    assert window.routine_page.copy_button.isVisible()
    window.routine_page.copy_button.click()
    [editor] = editors()
    assert editor.saver.path is None  # Save asks where: Save As semantics
    assert editor.draft.title == f"{routine.title} (copy)"
    assert editor.draft.id != routine.id
    assert window.library.items(Group.MINE) == []  # nothing copied until it is saved
    asked: list[str] = []

    def save_as(parent: object, caption: str, suggested: str, *_: object) -> tuple[str, str]:
        asked.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert editor.saver.save()
    [target] = [Path(a) for a in asked]
    assert target.parent == paths.user_routines_dir()
    mine = window.library.item_at(target)  # the library has it at once
    assert mine is not None and mine.group is Group.MINE and mine.ok
    assert window.routine_page.title.text() == f"{routine.title} (copy)"
    assert builtin.path.read_text(encoding="utf-8") != target.read_text(encoding="utf-8")


def test_edit_of_my_routine_opens_it_and_saving_reloads_the_library(
    qtbot: QtBot, real_app: RealApp
) -> None:
    path = write_quick()
    window = real_app.window()
    real_app.select(window)
    window.routine_page.edit_button.click()
    [editor] = editors()
    assert editor.saver.path == path
    editor.form.title.selectAll()
    qtbot.keyClicks(editor.form.title, "Quick, renamed")
    assert editor.saver.save()
    qtbot.waitUntil(lambda: window.routine_page.title.text() == "Quick, renamed")


# ---------------------------------------------------------------------- 2. the diary
def test_a_session_started_here_is_recorded_with_both_ratings_and_shown_in_history(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings()
    window = real_app.window()
    window.show_page("history")  # the History page reads the same diary
    history = window.pages.page("history")
    assert history.store is window.history.store()  # type: ignore[attr-defined, union-attr]
    table = history.findChild(QTableView)
    assert table is not None and table.model().rowCount() == 0
    real_app.select(window)
    session = start_and_rate_before(qtbot, window, 6)
    session.controller.start()
    fast.run(session)
    assert session.controller.state == "finished"
    rate_after(qtbot, window, 3)
    [row] = window.history.sessions()  # type: ignore[union-attr]
    assert (row.routine_id, row.status, row.pain_before, row.pain_after) == (  # type: ignore[attr-defined]
        QUICK_ID, "completed", 6, 3)
    assert history.sessions_table.model().rowCount() == 1  # type: ignore[attr-defined]


def test_i_feel_unwell_is_recorded_as_unwell_without_the_after_question(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings()
    window = real_app.window()
    real_app.select(window)
    session = start_and_rate_before(qtbot, window, 4)
    session.controller.start()
    fast.clock.advance(1)
    session.controller.wake()
    hub = window.history
    assert hub is not None
    with qtbot.waitSignal(hub.changed):
        session.unwell()
    [row] = hub.sessions()
    assert (row.status, row.pain_before, row.pain_after) == ("unwell", 4, None)  # type: ignore[attr-defined]
    assert rating_dialog("after") is None


def test_with_ratings_off_nothing_is_asked_and_the_session_is_still_recorded(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    session.controller.start()
    hub = window.history
    assert hub is not None
    with qtbot.waitSignal(hub.changed):
        fast.run(session)
    [row] = hub.sessions()
    assert (row.status, row.pain_before, row.pain_after) == ("completed", None, None)  # type: ignore[attr-defined]


def test_stop_asking_turns_the_ratings_off_for_the_next_session(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings()
    window = real_app.window()
    real_app.select(window)
    window.routine_page.start_button.click()
    dialog = rating_dialog("before")
    assert dialog is not None
    with qtbot.waitSignal(window.sessionStarted):
        dialog.panel.stop_asking.click()
    assert window.settings.settings().ask_pain_ratings is False
    open_sessions()[0].close()
    with qtbot.waitSignal(window.sessionStarted):
        window.routine_page.start_button.click()  # no question this time


def test_a_preview_at_another_speed_is_not_recorded(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    fast.speed = 10.0
    window = real_app.window()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    assert session.controller.speed == 10.0
    session.controller.start()
    fast.run(session)
    assert session.controller.state == "finished"
    assert window.history.sessions() == []  # type: ignore[union-attr]


def test_a_crashed_session_is_marked_interrupted_when_the_app_opens(
    qtbot: QtBot, real_app: RealApp
) -> None:
    from tpguide.core.diary.store import HistoryStore

    with HistoryStore() as store:
        store.start_session("quick", "Quick", 30, 5)
    paths.session_lock().unlink()  # the process that held it is gone
    window = real_app.window()
    [row] = window.history.sessions()  # type: ignore[union-attr]
    assert row.status == "interrupted"  # type: ignore[attr-defined]


def test_a_diary_that_cannot_be_opened_is_explained_and_sessions_still_run(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    import sqlite3

    write_quick()
    settings(ask_pain_ratings=False)
    database = paths.history_db()
    database.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA user_version = 999")  # written by a newer tpguide
    window = real_app.window()
    qtbot.waitUntil(lambda: any("newer version of tpguide" in m
                                for m in window.notices.messages()))
    window.show_page("history")
    texts = [label.text() for label in window.pages.page("history").findChildren(QLabel)]
    assert any("newer version of tpguide" in text for text in texts)
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    assert "newer version of tpguide" in session.notice_text()
    session.controller.start()
    fast.run(session)
    assert session.controller.state == "finished"


def test_tpguide_run_records_the_session_too(
    qtbot: QtBot, fast: FastSessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_quick()
    settings()
    steps: list[str] = []

    def act() -> None:  # inside run_session's event loop, as the person would
        before = rating_dialog("before")
        if before is not None:
            steps.append("before")
            before.panel.scale.button(7).click()
        elif open_sessions() and "session" not in steps:
            steps.append("session")
            session = open_sessions()[0]
            session.controller.start()
            fast.clock.advance(2)
            session.controller.wake()
            session.unwell()  # ends at once, no question after
            session.close()
            return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(QApplication.quit)
    watchdog.start(15000)
    from tpguide.ui.run_command import run_session

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # Qt would post a Quit that outlives this run
    try:
        assert run_session(str(path)) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert watchdog.isActive(), "the run did not end by itself"
    watchdog.stop()
    assert steps == ["before", "session"]
    [row] = rows()
    assert (row.routine_id, row.status, row.pain_before) == (QUICK_ID, "unwell", 7)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- 3. courses
def test_an_assigned_course_shows_on_the_start_page_and_starts_through_the_gate(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions, tmp_path: Path
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    import_course(course_file(tmp_path), today())  # type: ignore[arg-type]
    window = real_app.window()
    assert window.current_page() == "welcome"
    assert window.courses.today.isVisibleTo(window)
    qtbot.waitUntil(lambda: progress_texts(window) == [f"{QUICK_TITLE}: 0 of 2 done today"])
    [start] = [b for b in window.courses.today.findChildren(QPushButton)
               if b.objectName() == "start" and b.isVisibleTo(window)]
    with qtbot.waitSignal(window.sessionStarted) as started:
        start.click()
    session = started.args[0]
    session.controller.start()
    fast.run(session)
    session.close()
    qtbot.waitUntil(lambda: progress_texts(window) == [f"{QUICK_TITLE}: 1 of 2 done today"])
    window.show_page("history")
    adherence = window.courses.adherence
    assert adherence is not None
    assert any("Quick recovery: 1 of" in text for text in adherence.texts())


def test_a_course_start_goes_through_the_safety_gate(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tpguide.ui.widgets import safety_pages as safety

    write_quick()
    settings(safety_acknowledged=False)
    import_course(course_file(tmp_path), today())  # type: ignore[arg-type]
    shown: list[QDialog] = []
    monkeypatch.setattr(safety.SafetyDialog, "exec",
                        lambda d: (shown.append(d), int(QDialog.DialogCode.Rejected))[1])
    window = real_app.window()
    assert window.courses.start(QUICK_ID) is False
    assert len(shown) == 1 and open_sessions() == []


def test_no_course_no_today_panel(real_app: RealApp) -> None:
    window = real_app.window()
    assert not window.courses.today.isVisibleTo(window)


def test_a_reminder_shows_the_banner_and_pauses_during_a_session(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions, tmp_path: Path
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    import_course(course_file(tmp_path), today())  # type: ignore[arg-type]
    window = real_app.window()
    reminders = window.courses.reminders
    assert reminders.timer.isActive()  # started after the first paint
    banner = window.courses.banner
    banner.hide()  # (the first check may have reminded already, unless in quiet hours)
    reminders.quiet = None
    reminders.repeat = timedelta(0)  # remind again at every check
    text = reminders.check()
    assert text is not None and "Quick recovery" in text and "2 more today" in text
    assert banner.isVisible() and banner.text() == text
    assert banner.geometry().top() >= window.header.geometry().bottom()  # under the header
    banner.show_button.click()
    assert not banner.isVisible() and window.current_page() == "welcome"
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    assert reminders.paused
    assert reminders.check() is None and not banner.isVisible()
    started.args[0].close()
    assert not reminders.paused
    assert reminders.check() is not None and banner.isVisible()


def test_file_import_course_assigns_it_and_a_clash_asks(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_quick()
    source = course_file(tmp_path)
    window = real_app.window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    menu_action(window, "File", "Import course…").trigger()
    assert progress_texts(window) == [f"{QUICK_TITLE}: 0 of 2 done today"]
    assert (paths.courses_dir() / "quick-course.course.yaml").exists()
    asked: list[Path] = []
    window.courses.ask_replace = lambda parent, target: (asked.append(target), False)[1]
    source.write_text(COURSE.replace("times_per_day: 2", "times_per_day: 3"), encoding="utf-8")
    menu_action(window, "File", "Import course…").trigger()
    assert asked == [paths.courses_dir() / "quick-course.course.yaml"]
    assert progress_texts(window) == [f"{QUICK_TITLE}: 0 of 2 done today"]  # kept
    window.courses.ask_replace = lambda parent, target: True
    menu_action(window, "File", "Import course…").trigger()
    qtbot.waitUntil(lambda: progress_texts(window) == [f"{QUICK_TITLE}: 0 of 3 done today"])


def test_a_broken_course_file_is_explained_and_nothing_changes(
    real_app: RealApp, tmp_path: Path
) -> None:
    window = real_app.window()
    broken = course_file(tmp_path, "tpguide-course: 1\nid: Bad Id\ntitle: x\nstages: []\n")
    assert window.courses.import_file(broken) is None
    assert window.courses.told and "quick.course.yaml" in window.courses.told[-1]
    assert not paths.courses_dir().exists() or not list(paths.courses_dir().iterdir())


def test_the_course_editor_is_in_the_courses_menu_and_saving_refreshes_today(
    qtbot: QtBot, real_app: RealApp
) -> None:
    write_quick()
    window = real_app.window()
    menu_action(window, "Courses", "New course…").trigger()
    editor = window.courses.editor
    assert editor is not None and editor.isVisible() and editor.isWindow()
    editor.set_draft(CourseDraft(title="Neck work", stages=[StageDraft(QUICK_ID, "day", 1, 7)]),
                     fixed_id=False)
    assert editor.save() is not None
    assert progress_texts(window) == [f"{QUICK_TITLE}: 0 of 1 done today"]
    menu_action(window, "Courses", "Courses…").trigger()
    assert window.courses.editor is editor and editor.draft().title == "Neck work"


# ---------------------------------------------------------------------- 4. handout and sharing
def test_print_export_pdf_from_the_routine_page(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = real_app.window()
    item = next(i for i in window.library.items(Group.BUILTIN) if i.ok)
    window.library.select_path(item.path)
    out = tmp_path / "handout.pdf"

    def to_pdf(dialog: QPrintDialog) -> int:  # the person picks "Print to file (PDF)"
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", to_pdf)
    assert window.routine_page.share_button.menu() is window.routine_page.share_menu
    window.routine_page.print_action.trigger()
    assert window.sharing.for_whom is not None  # who is it for? (empty: no name)
    window.sharing.for_whom.accept()
    assert out.read_bytes().startswith(b"%PDF")
    out.unlink()
    menu_action(window, "Routine", "Print / Export PDF…").trigger()
    window.sharing.for_whom.accept()
    assert out.exists()


def test_routine_actions_are_off_without_a_routine_page(real_app: RealApp) -> None:
    window = real_app.window()
    assert not menu_action(window, "Routine", "Export routine…").isEnabled()
    window.library.select_path(window.library.items(Group.BUILTIN)[0].path)
    assert menu_action(window, "Routine", "Export routine…").isEnabled()


def test_export_routine_writes_a_self_contained_file(
    real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = real_app.window()
    item = next(i for i in window.library.items(Group.BUILTIN) if i.ok)
    routine = item.result.routine
    assert routine is not None
    window.library.select_path(item.path)
    suggested: list[str] = []

    def save(parent: object, caption: str, name: str, *_: object) -> tuple[str, str]:
        suggested.append(name)
        return str(tmp_path / "for-sam"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.routine_page.export_action.trigger()
    assert Path(suggested[0]).name == f"{routine.id}.tpguide.yaml"
    written = tmp_path / "for-sam.tpguide.yaml"
    again = load_routine_file(written).routine
    assert again is not None and routine_to_data(again) == routine_to_data(routine)


def test_export_several_as_zip(
    real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = real_app.window()
    chosen = [i for i in window.library.items(Group.BUILTIN) if i.ok][:2]

    def tick(dialog: main_sharing.ChooseRoutines) -> int:
        dialog.set_checked([i.path for i in chosen])
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(main_sharing.ChooseRoutines, "exec", tick)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "share"), ""))
    menu_action(window, "File", "Export several as zip…").trigger()
    verdict = read_archive(tmp_path / "share.zip")
    assert verdict.refused is None
    assert sorted(m.routine.id for m in verdict.ok) == sorted(  # type: ignore[union-attr]
        i.result.routine.id for i in chosen)  # type: ignore[union-attr]


def test_import_routines_from_zip_shows_each_verdict_and_asks_on_a_clash(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_quick()
    archive = tmp_path / "from-sam.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("new.tpguide.yaml", sh.QUICK.replace("id: quick", "id: brand-new")
                   .replace(QUICK_TITLE, "Brand new"))
        z.writestr("quick.tpguide.yaml", sh.QUICK.replace(QUICK_TITLE, "Quick from Sam"))
        z.writestr("broken.tpguide.yaml", "tpguide: 1\nid: Bad Id\ntitle: x\nsteps: []\n")
        z.writestr("../evil.yaml", "x")
    window = real_app.window()
    asked: list[str] = []
    window.sharing.ask_resolution = lambda parent, clash: (asked.append(clash.routine_id),
                                                           "keep-both")[1]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), ""))
    menu_action(window, "File", "Import routines from zip…").trigger()
    assert asked == [QUICK_ID]
    report = window.sharing.report
    assert report[0] == "✓ 'new.tpguide.yaml': imported as “Brand new” (brand-new.tpguide.yaml)"
    assert report[1] == ("✓ 'quick.tpguide.yaml': imported as “Quick from Sam” "
                         "(quick-2.tpguide.yaml)")
    assert report[2].startswith("✗ 'broken.tpguide.yaml': has errors, not imported: ")
    assert report[3].startswith("✗ '../evil.yaml': not read (")
    dialog = window.sharing.report_dialog
    assert dialog is not None and dialog.isVisible()
    titles = {i.title for i in window.library.items(Group.MINE)}
    assert {"Brand new", "Quick from Sam", QUICK_TITLE} <= titles
    assert not (tmp_path / "evil.yaml").exists() and not (paths.data_dir() / "evil.yaml").exists()
    window.sharing.ask_resolution = lambda parent, clash: "skip"
    assert window.sharing.import_zip(archive) == []
    assert "– 'quick.tpguide.yaml': skipped; yours is kept" in window.sharing.report


# ---------------------------------------------------------------------- 5. opening files
def _run_gui(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, path: Path,
             check: object) -> list[MainWindow]:
    built: list[MainWindow] = []
    real_build = app_module.build_window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look = (app.palette(), app.font(), app.styleSheet())

    def build(qapp: QApplication) -> MainWindow:
        built.append(real_build(qapp))
        return built[-1]

    def fake_exec() -> int:
        window = built[0]
        qtbot.addWidget(window)
        check(window)  # type: ignore[operator]
        window.close()
        return 0

    monkeypatch.setattr(app_module, "build_window", build)
    monkeypatch.setattr(app_module, "_exec", fake_exec)
    try:
        assert app_module.run_gui(str(path)) == 0
    finally:
        app.setPalette(look[0])
        app.setFont(look[1])
        app.setStyleSheet(look[2])
    return built


def test_tpguide_course_file_imports_the_course(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_quick()
    source = course_file(tmp_path)

    def check(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: progress_texts(window) == [f"{QUICK_TITLE}: 0 of 2 done today"])
        assert window.current_page() == "welcome"
        assert window.library.item_at(source) is None  # not opened as a routine

    [window] = _run_gui(qtbot, monkeypatch, source, check)
    assert (paths.courses_dir() / "quick-course.course.yaml").exists()


def test_tpguide_routine_file_opens_its_page_and_the_diary_closes_at_exit(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "given.yaml"
    source.write_text(sh.QUICK.replace(QUICK_TITLE, "Given routine"), encoding="utf-8")

    def check(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: window.current_page() == "routine")
        assert window.routine_page.title.text() == "Given routine"
        hub = window.history
        assert hub is not None
        qtbot.waitUntil(hub.is_open)

    [window] = _run_gui(qtbot, monkeypatch, source, check)
    hub = window.history
    assert hub is not None and hub._store is None  # noqa: SLF001  (closed after exec)
