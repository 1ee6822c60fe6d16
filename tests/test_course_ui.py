"""Courses in the window: the Today panel, the adherence widget and the course editor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide import paths
from tpguide.core.courses.loader import load_course_file
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.store import active_courses, assigned_courses, import_course
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.courses.adherence import CourseAdherenceView
from tpguide.ui.courses.editor import CourseEditor
from tpguide.ui.courses.today import TodayPanel

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 12, 1, 7, 30, tzinfo=BERLIN)
ROUTINES = [("stiff-neck", "Stiff neck"), ("jaw-and-temples", "Jaw and temples")]
TITLES = dict(ROUTINES)
COURSE = """\
tpguide-course: 1
id: neck-recovery
title: Neck recovery
prepared_for: Sam
author: A. Therapist
stages:
  - routine: stiff-neck
    times_per_day: 2
    days: 14
    notes: Slow breaths while you press.
  - routine: stiff-neck
    times_per_week: 2
    weeks: 6
"""
WORDS_WE_NEVER_SAY = ("missed", "streak", "behind", "late", "failed", "only ")


class Clock:
    """A wall clock the test sets by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def course_clock(clock: Clock) -> CourseClock:
    return CourseClock(now=clock, tz=BERLIN)


@pytest.fixture
def store(clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(now=clock) as opened:  # the per-test TPGUIDE_HOME
        yield opened


def do_session(store: HistoryStore, clock: Clock, at: datetime,
               routine: str = "stiff-neck") -> None:
    clock.now = at
    session = store.start_session(routine, TITLES.get(routine, routine), 300)
    clock.now = at + timedelta(minutes=5)
    store.finish_session(session, "completed", 300)


def shown(root: QWidget) -> list[str]:
    return [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()]


def editor(qtbot: QtBot, course_clock: CourseClock) -> CourseEditor:
    widget = CourseEditor(course_clock, routines=lambda: list(ROUTINES))
    qtbot.addWidget(widget)
    return widget


def today_panel(qtbot: QtBot, course_clock: CourseClock, store: HistoryStore) -> TodayPanel:
    panel = TodayPanel(course_clock, store.sessions, titles=lambda: dict(TITLES))
    qtbot.addWidget(panel)
    return panel


def test_a_course_followed_for_a_fortnight_shows_today_and_adherence(
        qtbot: QtBot, clock: Clock, course_clock: CourseClock, store: HistoryStore) -> None:
    # The therapist's course, assigned through the editor on 1 December.
    form = editor(qtbot, course_clock)
    form.title_edit.setText("Neck recovery")
    form.for_edit.setText("Sam")
    form.stages.row(0).routine.setCurrentIndex(0)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(form.courseSaved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert Path(saved.args[0]).name == "neck-recovery.course.yaml"
    [assigned] = active_courses(course_clock.today())
    assert assigned.start == date(2026, 12, 1) and assigned.course.days == 14 + 42

    panel = today_panel(qtbot, course_clock, store)
    view = CourseAdherenceView(course_clock, store.sessions)
    qtbot.addWidget(view)
    assert "Stiff neck: 0 of 2 done today" in shown(panel)

    for day in range(14):
        for hour in (8, 19):
            if day in (4, 9) and hour == 19:
                continue  # two evenings missed
            do_session(store, clock, datetime(2026, 12, 1 + day, hour, 0, tzinfo=BERLIN))
            if (day, hour) == (6, 8):  # mid-course, after the morning session of day 7
                panel.refresh()
                view.refresh()
                assert "Neck recovery · day 7 of 56" in shown(panel)
                assert "Stiff neck: 1 of 2 done today" in shown(panel)
                assert view.texts() == ["Neck recovery: 12 of 14 sessions, day 7 of 56"]
        if day == 9:  # the morning after a missed evening says nothing about it
            clock.now = datetime(2026, 12, 11, 7, 0, tzinfo=BERLIN)
            panel.refresh()
            assert "Stiff neck: 0 of 2 done today" in shown(panel)
            assert not any(word in line.lower() for line in shown(panel)
                           for word in WORDS_WE_NEVER_SAY)
    panel.refresh()
    view.refresh()
    assert "Stiff neck: all 2 done today" in shown(panel)
    assert view.texts() == ["Neck recovery: 26 of 28 sessions, day 14 of 56"]
    assert "26 of 28 sessions" in shown(view)
    bar_names = [w.accessibleName() for w in view.findChildren(QWidget)
                 if type(w).__name__ == "AdherenceBar" and w.isVisibleTo(view)]
    assert bar_names == ["Neck recovery: 26 of 28 sessions, day 14 of 56"]

    # Day 15: the weekly stage begins; Start asks for the routine by id.
    clock.now = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
    assert panel.refresh() is True
    assert panel.refresh() is False  # nothing changed: nothing is rebuilt
    assert "Stiff neck, this week (until Monday): 0 of 2 done" in shown(panel)
    [start] = [b for b in panel.findChildren(QPushButton) if b.isVisibleTo(panel)]
    assert start.accessibleName() == "Start Stiff neck for Neck recovery"
    with qtbot.waitSignal(panel.startRequested) as started:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert started.args == ["stiff-neck"]


def test_today_before_and_after_a_course_and_unknown_routines(
        qtbot: QtBot, clock: Clock, course_clock: CourseClock, store: HistoryStore,
        tmp_path: Path) -> None:
    source = tmp_path / "neck.course.yaml"
    source.write_text(COURSE.replace("stages:", "start: 2026-12-03\nstages:")
                      .replace("stiff-neck", "not-here"), encoding="utf-8")
    import_course(source, date(2026, 12, 1))
    panel = today_panel(qtbot, course_clock, store)
    assert shown(panel)[1:] == ["No course today.", "Neck recovery starts Thursday 3 December."]
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN)
    panel.refresh()
    lines = shown(panel)
    assert "not-here: 0 of 2 done today" in lines and "For Sam, from A. Therapist" in lines
    assert "Slow breaths while you press." in lines
    assert any("not in your library" in line for line in lines)
    [start] = [b for b in panel.findChildren(QPushButton) if b.isVisibleTo(panel)]
    assert not start.isEnabled()
    clock.now = datetime(2027, 2, 1, 9, 0, tzinfo=BERLIN)
    panel.refresh()
    assert "No course today." in shown(panel)


def test_course_text_is_shown_as_plain_text(
        qtbot: QtBot, course_clock: CourseClock, store: HistoryStore, tmp_path: Path) -> None:
    source = tmp_path / "html.course.yaml"
    source.write_text(COURSE.replace("title: Neck recovery", "title: <b>Bold</b> &amp; more")
                      .replace("Slow breaths", "<a href='x'>link</a>"), encoding="utf-8")
    import_course(source, course_clock.today())
    panel = today_panel(qtbot, course_clock, store)
    view = CourseAdherenceView(course_clock, store.sessions)
    qtbot.addWidget(view)
    for root in (panel, view):
        labels = [w for w in root.findChildren(QLabel) if "<" in w.text()]
        assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    assert any(line.startswith("<b>Bold</b> &amp; more") for line in shown(panel))


def test_every_course_control_has_a_name(
        qtbot: QtBot, course_clock: CourseClock, store: HistoryStore, tmp_path: Path) -> None:
    source = tmp_path / "neck.course.yaml"
    source.write_text(COURSE, encoding="utf-8")
    import_course(source, course_clock.today())
    two = tmp_path / "jaw.course.yaml"
    two.write_text(COURSE.replace("neck-recovery", "jaw").replace("Neck recovery", "Jaw"),
                   encoding="utf-8")
    import_course(two, course_clock.today())
    form = editor(qtbot, course_clock)
    form.stages.add_stage()
    form.stages.add_stage()
    panel = today_panel(qtbot, course_clock, store)
    view = CourseAdherenceView(course_clock, store.sessions)
    qtbot.addWidget(view)
    for widget in (form, panel, view):
        widget.show()
        assert_accessible(widget)


# ---------------------------------------------------------------- the editor
def test_live_checks_are_located_and_lead_to_the_field(
        qtbot: QtBot, course_clock: CourseClock) -> None:
    form = editor(qtbot, course_clock)
    form.show()
    form.title_edit.setText("Neck recovery")
    assert form.problems() == ["No problems: the course file is valid."]
    assert "3 │ title: Neck recovery" in form.preview.toPlainText()
    form.title_edit.setText("")
    assert "Title – Please fix: title must not be empty" in form.problems()
    assert form.save() is None
    assert "fix the problems" in form.status.text()
    assert not paths.courses_dir().exists()
    form.title_edit.setText("Neck")
    form.notes_edit.setPlainText("x" * 5001)
    [problem] = [i for i in range(form.checks.count())
                 if "Please fix" in form.checks.item(i).text()]
    assert "Notes – Please fix: notes is 5001 characters long" in \
        form.checks.item(problem).text()
    form.checks.itemActivated.emit(form.checks.item(problem))
    assert form.focusWidget() is form.notes_edit


def test_stages_are_added_reordered_and_removed(
        qtbot: QtBot, course_clock: CourseClock) -> None:
    form = editor(qtbot, course_clock)
    form.show()
    form.title_edit.setText("Neck")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    form.stages.row(2).routine.setCurrentIndex(1)  # jaw-and-temples
    form.stages.row(2).per.setCurrentIndex(0)  # a day
    form.stages.row(2).times.setValue(3)
    form.stages.row(2).periods.setValue(5)
    draft = form.draft()
    assert [(s.routine, s.per, s.times, s.periods) for s in draft.stages] == [
        ("stiff-neck", "day", 2, 14), ("stiff-neck", "week", 2, 6),
        ("jaw-and-temples", "day", 3, 5)]
    assert [form.stages.row(i).days.text() for i in range(3)] == ["1–14", "15–56", "57–61"]
    qtbot.mouseClick(form.stages.row(2).up, Qt.MouseButton.LeftButton)
    assert [s.routine for s in draft.stages] == ["stiff-neck", "jaw-and-temples", "stiff-neck"]
    assert form.focusWidget() is form.stages.row(1).up
    assert not form.stages.row(0).up.isEnabled() and not form.stages.row(2).down.isEnabled()
    qtbot.mouseClick(form.stages.row(0).remove, Qt.MouseButton.LeftButton)
    assert [s.routine for s in draft.stages] == ["jaw-and-temples", "stiff-neck"]
    text = form.preview.toPlainText()
    assert "routine: jaw-and-temples" in text and "times_per_day: 3" in text
    form.stages.row(1).per.setCurrentIndex(1)  # a week: bounds follow
    assert form.stages.row(1).periods.maximum() == 52
    assert form.stages.row(1).periods.suffix() == " weeks"


def test_save_never_overwrites_without_asking(
        qtbot: QtBot, course_clock: CourseClock) -> None:
    form = editor(qtbot, course_clock)
    form.title_edit.setText("Neck recovery")
    first = form.save()
    assert first is not None and first.parent == paths.courses_dir()
    original = first.read_bytes()
    asked: list[Path] = []
    answers = iter(["cancel", "keep-both", "replace"])

    def answer(target: Path, keep_both: bool) -> str:
        asked.append(target)
        return next(answers)

    form.files.ask_clash = answer  # type: ignore[method-assign]
    form.new_course()
    form.title_edit.setText("Neck recovery")
    form.notes_edit.setPlainText("Second version")
    assert form.save() is None and first.read_bytes() == original
    both = form.save()
    assert both is not None and both.name == "neck-recovery-2.course.yaml"
    assert first.read_bytes() == original
    form.notes_edit.setPlainText("Third version")
    replaced = form.save()
    assert replaced == both and asked == [first, first, both]
    result = load_course_file(both, set())
    assert result.course is not None and result.course.notes == "Third version"
    assert sorted(a.course.id for a in assigned_courses()) == ["neck-recovery",
                                                               "neck-recovery-2"]
    assert not list(paths.courses_dir().glob(".*.tmp"))


def test_export_writes_a_course_file_that_loads(
        qtbot: QtBot, course_clock: CourseClock, tmp_path: Path) -> None:
    form = editor(qtbot, course_clock)
    form.title_edit.setText("Neck recovery")
    form.files.ask_export_path = lambda suggested: tmp_path / "for-sam"  # type: ignore[method-assign]
    target = form.export()
    assert target == tmp_path / "for-sam.course.yaml"
    result = load_course_file(target, {"stiff-neck"})
    assert result.diagnostics == [] and result.course is not None
    assert result.course.start is None  # starts on the day the client imports it
    assert not paths.courses_dir().exists()  # exporting assigns nothing here


def test_import_shows_problems_and_never_loses_the_original(
        qtbot: QtBot, course_clock: CourseClock, tmp_path: Path) -> None:
    form = editor(qtbot, course_clock)
    bad = tmp_path / "bad.course.yaml"
    bad.write_text(COURSE.replace("days: 14", "days: 0"), encoding="utf-8")
    before = bad.read_bytes()
    assert form.import_file(bad) is None
    assert "bad.course.yaml:9:11: error: days must be a whole number from 1 to 365; got 0" \
        in form.problems()
    assert bad.read_bytes() == before and assigned_courses() == []

    good = tmp_path / "neck.course.yaml"
    good.write_text(COURSE, encoding="utf-8")
    with qtbot.waitSignal(form.courseSaved):
        target = form.import_file(good)
    assert target is not None and good.read_text(encoding="utf-8") == COURSE
    assert form.title_edit.text() == "Neck recovery" and form.for_edit.text() == "Sam"
    assert form.start_check.isChecked()  # pinned to the day it was imported
    assert "Imported." in form.status.text() and "starts today" in form.status.text()
    assigned = target.read_bytes()

    form.title_edit.setText("Changed in the form")
    form.files.ask_discard = lambda: False  # type: ignore[method-assign]
    assert form.import_file(good) is None
    assert form.title_edit.text() == "Changed in the form"
    form.files.ask_discard = lambda: True  # type: ignore[method-assign]
    form.files.ask_clash = lambda target, keep_both: "cancel"  # type: ignore[method-assign]
    assert form.import_file(good) is None
    assert target.read_bytes() == assigned


def test_message_boxes_show_titles_as_plain_text(
        qtbot: QtBot, course_clock: CourseClock) -> None:
    form = editor(qtbot, course_clock)
    box = form.files._box("t", "<b>x</b>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.deleteLater()
    QApplication.processEvents()
