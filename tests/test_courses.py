"""Treatment courses: the file format, due today, adherence, midnight and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tpguide.core.courses.loader import load_course_text
from tpguide.core.courses.model import CourseClock, adherence, completed_days, due_on, local_day
from tpguide.core.courses.store import CourseClashError, active_courses, import_course
from tpguide.core.diary.store import HistoryStore

COURSE = """\
tpguide-course: 1
id: neck-recovery
title: Neck recovery
prepared_for: Sam
stages:
  - routine: stiff-neck
    times_per_day: 2
    days: 14
  - routine: stiff-neck
    times_per_week: 2
    weeks: 6
"""
BERLIN = ZoneInfo("Europe/Berlin")


def where(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.severity) for d in load_course_text(text, None).diagnostics]


def test_a_valid_course_reads_its_stages() -> None:
    course = load_course_text(COURSE, {"stiff-neck"}).course
    assert course is not None
    assert [(s.per, s.times, s.periods) for s in course.stages] == [("day", 2, 14), ("week", 2, 6)]
    assert course.days == 14 + 42 and course.prepared_for == "Sam"


def test_course_errors_are_located_like_routine_errors() -> None:
    assert where(COURSE.replace("times_per_day: 2", "times_per_day: 9")) == [(7, 20, "error")]
    assert where(COURSE.replace("    days: 14", "    weeks: 2")) == [(6, 5, "error")]
    assert where(COURSE.replace("routine: stiff-neck\n    times_per_day",
                                "routin: stiff-neck\n    times_per_day")) == [
        (6, 5, "error"), (6, 5, "error")]
    assert where(COURSE.replace("tpguide-course: 1", "tpguide-course: 2")) == [(1, 17, "error")]
    assert where("id: x\n") == [(1, 1, "error"), (1, 1, "error"), (1, 1, "error")]


def test_unknown_routine_is_a_warning() -> None:
    result = load_course_text(COURSE, {"other"})
    assert result.course is not None
    assert [(d.line, d.severity) for d in result.diagnostics] == [(6, "warning"), (9, "warning")]


def test_validate_command_accepts_course_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    good = tmp_path / "neck.course.yaml"
    good.write_text(COURSE.replace("stiff-neck", "tension-headache-basic"), encoding="utf-8")
    bad = tmp_path / "bad.course.yaml"
    bad.write_text(COURSE.replace("days: 14", "days: 0"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tpguide", "validate", str(good), str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stdout.strip() == f"{bad}:8:11: error: days must be a whole number from 1 to " \
                                 "365; got 0"


def test_due_today_counts_sessions_of_that_local_day() -> None:
    course = load_course_text(COURSE, set()).course
    assert course is not None
    start = date(2026, 12, 1)
    done = [("stiff-neck", date(2026, 12, 3))]
    today = due_on(course, start, date(2026, 12, 3), done)
    assert today is not None and (today.done, today.due, today.remaining) == (1, 2, 1)
    assert due_on(course, start, date(2026, 11, 30), done) is None
    week = due_on(course, start, date(2026, 12, 17), [("stiff-neck", date(2026, 12, 15))])
    assert week is not None and week.period == "week"
    assert (week.done, week.due, week.period_start) == (1, 2, date(2026, 12, 15))
    assert due_on(course, start, start + timedelta(days=56), []) is None


def test_a_simulated_fortnight_with_missed_days_is_counted_not_punished(
        tpguide_home: Path) -> None:
    course = load_course_text(COURSE, set()).course
    assert course is not None
    clock_now = [datetime(2026, 12, 1, 8, 0, tzinfo=UTC)]
    store = HistoryStore(now=lambda: clock_now[0])
    for day in range(14):
        for hour in (8, 19):
            if day in (4, 9) and hour == 19:
                continue  # two evenings missed
            clock_now[0] = datetime(2026, 12, 1 + day, hour, 0, tzinfo=UTC)
            sid = store.start_session("stiff-neck", "Stiff neck", 300)
            store.finish_session(sid, "completed", 300)
    clock = CourseClock(now=lambda: clock_now[0], tz=UTC)
    done = completed_days(store.sessions(), UTC)
    result = adherence(course, date(2026, 12, 1), clock.today(), done)
    assert (result.done, result.due) == (26, 28)
    assert round(result.fraction, 3) == round(26 / 28, 3)
    store.close()


def test_midnight_and_daylight_saving_change_use_local_days() -> None:
    # 2026-10-25: clocks in Berlin go back from 03:00 CEST to 02:00 CET.
    late = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)  # 23:30 local, still the 25th
    after = datetime(2026, 10, 25, 23, 30, tzinfo=UTC)  # 00:30 local on the 26th
    assert local_day(late, BERLIN) == date(2026, 10, 25)
    assert local_day(after, BERLIN) == date(2026, 10, 26)
    spring = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 CET on the 29th
    assert local_day(spring, BERLIN) == date(2026, 3, 29)
    course = load_course_text(COURSE, set()).course
    assert course is not None
    done = [("stiff-neck", local_day(t, BERLIN)) for t in (late, after)]
    day25 = due_on(course, date(2026, 10, 20), date(2026, 10, 25), done)
    day26 = due_on(course, date(2026, 10, 20), date(2026, 10, 26), done)
    assert day25 is not None and day26 is not None
    assert (day25.done, day26.done) == (1, 1)


def test_import_pins_the_start_and_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "neck.course.yaml"
    source.write_text(COURSE, encoding="utf-8")
    result = import_course(source, date(2026, 12, 1))
    assert result.course is not None and result.course.start == date(2026, 12, 1)
    assert [a.course.id for a in active_courses(date(2026, 12, 5))] == ["neck-recovery"]
    assert active_courses(date(2027, 2, 1)) == []
    with pytest.raises(CourseClashError):
        import_course(source, date(2026, 12, 2))
    again = import_course(source, date(2026, 12, 2), replace=True)
    assert again.course is not None and again.course.start == date(2026, 12, 2)
