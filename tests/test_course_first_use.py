"""The course editor as a first-time user meets it, and the main Start with a course due today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.app_helpers import FastSessions, RealApp, settings
from tests.test_course_ui import ROUTINES, START, Clock
from tpguide import paths
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.store import assigned_courses
from tpguide.ui.courses.controller import make_course_editor
from tpguide.ui.courses.editor import CourseEditor


@pytest.fixture
def course_clock() -> CourseClock:
    return CourseClock(now=Clock(START), tz=START.tzinfo)


def _window(qtbot: QtBot, clock: CourseClock) -> CourseEditor:
    editor = make_course_editor(clock, None)  # type: ignore[arg-type]
    editor.routines = list(ROUTINES)
    editor.stages.routines = list(ROUTINES)
    editor.new_course()
    editor.show()  # it deletes itself when closed
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=3000)  # keys reach its shortcuts
    return editor


def test_a_new_course_opens_without_errors(qtbot: QtBot, course_clock: CourseClock) -> None:
    editor = _window(qtbot, course_clock)
    shown = editor.problems()
    assert len(shown) == 1 and "title" in shown[0], shown
    assert not any(word in shown[0] for word in ("error", ".course.yaml", ":2:", "Please fix"))
    editor.title_edit.setText("Neck")
    assert editor.problems() == ["No problems: the course file is valid."]
    editor.title_edit.setText("")
    assert editor.problems() == ["Title – Please fix: title must not be empty"]
    editor.files.ask_discard = lambda: True  # type: ignore[method-assign]
    editor.close()


def test_saving_leaves_fixed_start_date_as_it_was(
    qtbot: QtBot, course_clock: CourseClock
) -> None:
    editor = _window(qtbot, course_clock)
    editor.title_edit.setText("Neck recovery")
    assert not editor.start_check.isChecked()
    assert editor.save() is not None
    assert not editor.start_check.isChecked()  # not ticked by saving
    assert not editor.is_dirty()
    [assigned] = assigned_courses()
    assert assigned.start == START.date()  # assigned from today all the same
    editor.start_check.setChecked(True)
    editor.files.ask_clash = lambda target, keep_both: "replace"  # type: ignore[method-assign]
    assert editor.save() is not None
    assert editor.start_check.isChecked()
    editor.close()


def test_close_button_and_esc_close_the_editor(qtbot: QtBot, course_clock: CourseClock) -> None:
    editor = _window(qtbot, course_clock)
    assert editor.close_button.isVisible()
    editor.close_button.click()
    assert not editor.isVisible()
    again = _window(qtbot, course_clock)
    again.title_edit.setText("Half done")
    asked: list[bool] = []
    again.files.ask_discard = lambda: asked.append(True) or False  # type: ignore[method-assign]
    qtbot.keyClick(again.title_edit, Qt.Key.Key_Escape)
    assert asked == [True] and again.isVisible()  # changes: it asked, and stayed
    again.files.ask_discard = lambda: True  # type: ignore[method-assign]
    qtbot.keyClick(again.title_edit, Qt.Key.Key_Escape)
    assert not again.isVisible()


COURSE = """\
tpguide-course: 1
id: neck-course
title: Neck course
start: {start}
stages:
  - routine: stiff-neck
    times_per_day: 2
    days: 14
"""


def test_with_a_course_due_today_the_main_start_begins_its_routine(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    settings(ask_pain_ratings=False)
    folder = paths.ensure(paths.courses_dir())
    (folder / "neck-course.course.yaml").write_text(
        COURSE.format(start=date.today().isoformat()), encoding="utf-8")
    window = real_app.window()
    begins = window.welcome.suggestion.text()
    assert "today's course" in begins and "Stiff neck" in begins and "Neck course" in begins
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.header.start.click()
    assert started.args[0].column.title_label.text().startswith("Stiff neck")
