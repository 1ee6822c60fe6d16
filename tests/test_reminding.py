"""When a desktop reminder comes, and what Snooze and Skip today do, on an injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tpguide import paths
from tpguide.core.courses.edit import CourseDraft
from tpguide.core.courses.loader import load_course_text
from tpguide.core.courses.model import Course, Stage
from tpguide.core.courses.reminding import (
    SNOOZE,
    DueItem,
    ReminderState,
    due_items,
    gather,
    load_state,
    save_state,
    to_remind,
)
from tpguide.core.courses.store import Assigned

BERLIN = ZoneInfo("Europe/Berlin")
DAILY = DueItem("Neck recovery", "stiff-neck", 2, "day")
WEEKLY = DueItem("Neck recovery", "stiff-neck", 1, "week")
COURSE = """\
tpguide-course: 1
id: neck-recovery
title: Neck recovery
remind_at: "18:30"
stages:
  - routine: stiff-neck
    times_per_day: 1
    days: 3
"""


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in Berlin in December 2026 (no daylight saving change in between)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


FRESH = ReminderState()


def remind(now: datetime, state: ReminderState = FRESH,
           items: list[DueItem] | None = None) -> list[DueItem]:
    return to_remind(now, BERLIN, state, [DAILY] if items is None else items)


def test_a_due_day_reminds_outside_the_quiet_hours_only() -> None:
    assert remind(at(1, 7, 59)) == []
    assert remind(at(1, 8, 0)) == [DAILY]
    assert remind(at(1, 22, 0)) == []
    assert remind(at(1, 12), items=[]) == []  # nothing due: nothing said


def test_a_course_time_of_day_is_kept_even_in_the_quiet_hours() -> None:
    evening = DueItem("Neck recovery", "stiff-neck", 1, "day", time(18, 30))
    late = DueItem("Night shift", "jaw-release", 1, "day", time(23, 15))
    assert remind(at(1, 18, 29), items=[evening]) == []
    assert remind(at(1, 18, 30), items=[evening]) == [evening]
    assert remind(at(1, 23, 0), items=[late]) == []
    assert remind(at(1, 23, 15), items=[late, evening]) == [late, evening]


def test_once_shown_it_comes_back_after_four_hours_while_a_daily_session_is_due() -> None:
    shown = ReminderState().notified(at(1, 9))
    assert remind(at(1, 12, 59), shown) == []
    assert remind(at(1, 13), shown) == [DAILY]
    assert remind(at(1, 13), shown, [WEEKLY]) == []  # a weekly stage: once a day at most
    assert remind(at(2, 8), shown, [WEEKLY]) == [WEEKLY]


def test_snooze_brings_it_back_thirty_minutes_later() -> None:
    snoozed = ReminderState().notified(at(1, 9)).snoozed(at(1, 9, 5))
    assert timedelta(minutes=30) == SNOOZE
    assert remind(at(1, 9, 34), snoozed) == []
    assert remind(at(1, 9, 35), snoozed) == [DAILY]
    again = snoozed.notified(at(1, 9, 35))
    assert again.snoozed_until is None and remind(at(1, 9, 40), again) == []


def test_skip_today_stays_quiet_until_the_next_due_day() -> None:
    skipped = ReminderState().notified(at(1, 9)).skipped(date(2026, 12, 1))
    assert remind(at(1, 13), skipped) == []
    assert remind(at(1, 21, 59), skipped) == []
    assert remind(at(2, 0, 30), skipped) == []  # quiet hours, then the next day is due
    assert remind(at(2, 8), skipped) == [DAILY]


def test_skip_counts_the_local_day_not_the_utc_one() -> None:
    # 00:30 in Berlin on the 2nd is still the 1st in UTC: the skip of the 1st is over
    skipped = ReminderState().skipped(date(2026, 12, 1))
    late = DueItem("Neck recovery", "stiff-neck", 1, "day", time(0, 15))
    assert to_remind(at(2, 0, 30), BERLIN, skipped, [late]) == [late]


def test_sessions_done_are_counted_off_and_courses_not_running_say_nothing() -> None:
    course = Course("neck", "Neck recovery", (Stage("stiff-neck", "day", 2, 3),),
                    remind_at=time(18))
    assigned = Assigned(Path("neck.course.yaml"), course, date(2026, 12, 1))
    done = [("stiff-neck", date(2026, 12, 2))]
    assert due_items([assigned], date(2026, 12, 2), done) == [
        DueItem("Neck recovery", "stiff-neck", 1, "day", time(18))]
    assert due_items([assigned], date(2026, 12, 2), done * 2) == []
    assert due_items([assigned], date(2026, 11, 30), []) == []
    assert due_items([assigned], date(2026, 12, 4), []) == []


def test_remind_at_is_read_as_a_time_and_kept_by_the_editor() -> None:
    result = load_course_text(COURSE, {"stiff-neck"})
    assert result.course is not None and result.course.remind_at == time(18, 30)
    draft = CourseDraft.from_course(result.course)
    assert 'remind_at: "18:30"' in draft.to_yaml() or "remind_at: '18:30'" in draft.to_yaml()
    again = load_course_text(draft.to_yaml(), {"stiff-neck"}).course
    assert again is not None and again.remind_at == time(18, 30)


@pytest.mark.parametrize("value", ["18:30:00", "25:00", "6pm", "18.30", "1830"])
def test_a_wrong_remind_at_is_an_error_on_its_line(value: str) -> None:
    text = COURSE.replace('"18:30"', value)
    result = load_course_text(text, {"stiff-neck"})
    assert result.course is None
    [error] = result.errors
    assert error.line == 4 and "remind_at must be a time written HH:MM" in error.message


def test_unquoted_times_are_judged_from_the_text_not_yaml_base_60() -> None:
    result = load_course_text(COURSE.replace('"18:30"', "18:30"), {"stiff-neck"})
    assert result.course is not None and result.course.remind_at == time(18, 30)


def test_the_answers_survive_a_restart_and_a_damaged_file_is_a_fresh_start(
        tmp_path: Path) -> None:
    path = tmp_path / "state" / "reminders.json"
    assert load_state(path) == ReminderState()
    state = ReminderState().notified(at(1, 9)).snoozed(at(1, 9, 5)).skipped(date(2026, 12, 1))
    save_state(path, state)
    assert load_state(path) == state
    path.write_text('{"notified_at": "yesterday", "skipped_day": 5}', encoding="utf-8")
    assert load_state(path) == ReminderState()
    path.write_text("[", encoding="utf-8")
    assert load_state(path) == ReminderState()


def test_gather_reads_courses_and_the_diary_without_creating_it() -> None:
    assert gather(date(2026, 12, 1), BERLIN) == []
    folder = paths.ensure(paths.courses_dir())
    (folder / "neck.course.yaml").write_text(COURSE + "start: 2026-12-01\n", encoding="utf-8")
    assert gather(date(2026, 12, 1), BERLIN) == [
        DueItem("Neck recovery", "stiff-neck", 1, "day", time(18, 30))]
    assert not paths.history_db().exists()
