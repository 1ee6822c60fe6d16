"""Treatment courses: which routines to do how often, over weeks, and how it is going.

A course is its own small file (``*.course.yaml``), versioned and validated with
the same care and error format as routines. Due and adherence are computed on
local calendar days from an injectable wall clock, so midnight and daylight
saving changes are testable. Missed days are counted, never punished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from tpguide.core.routines.diagnostics import Diagnostic
from tpguide.core.routines.rules import TextRule

COURSE_VERSION = 1
COURSE_SUFFIX = ".course.yaml"
MAX_STAGES = 20
DATE_PATTERN = r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):([0-5][0-9])$"

TOP_KEYS = ("tpguide-course", "id", "title", "prepared_for", "author", "notes", "start",
            "remind_at", "stages")
REQUIRED = ("id", "title", "stages")
TEXTS = {
    "id": TextRule(1, 64, slug=True),
    "title": TextRule(1, 120),
    "prepared_for": TextRule(0, 120),
    "author": TextRule(0, 120),
    "notes": TextRule(0, 5000),
}
STAGE_KEYS = ("routine", "times_per_day", "days", "times_per_week", "weeks", "notes")
STAGE_BOUNDS = {"times_per_day": (1, 6), "days": (1, 365), "times_per_week": (1, 14),
                "weeks": (1, 52)}


@dataclass(frozen=True)
class Stage:
    """One part of a course: a routine done N times a day for D days, or N a week for W weeks."""

    routine: str
    per: str  # "day" | "week"
    times: int
    periods: int
    notes: str | None = None

    @property
    def days(self) -> int:
        return self.periods * (7 if self.per == "week" else 1)


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    stages: tuple[Stage, ...]
    start: date | None = None
    prepared_for: str | None = None
    author: str | None = None
    notes: str | None = None
    remind_at: time | None = None
    """The local time of day from which a due day's desktop reminder may come (None: any
    time outside the quiet hours)."""

    @property
    def days(self) -> int:
        return sum(stage.days for stage in self.stages)


@dataclass(frozen=True)
class CourseResult:
    course: Course | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


# -- due and adherence ---------------------------------------------------------

@dataclass(frozen=True)
class DueToday:
    """What the course asks for on one day: 'stiff-neck: 1 of 2 done today'."""

    stage: Stage
    stage_index: int
    done: int
    due: int
    period: str  # "day" | "week"
    period_start: date
    period_end: date

    @property
    def remaining(self) -> int:
        return max(0, self.due - self.done)


@dataclass(frozen=True)
class Adherence:
    done: int
    due: int

    @property
    def fraction(self) -> float:
        return min(self.done, self.due) / self.due if self.due else 0.0


def local_day(moment: datetime, tz: tzinfo | None) -> date:
    """The calendar day a moment falls on where the person lives."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(tz).date() if tz is not None else moment.astimezone().date()


def _stage_at(course: Course, start: date, day: date) -> tuple[int, Stage, date] | None:
    cursor = start
    for i, stage in enumerate(course.stages):
        end = cursor + timedelta(days=stage.days)
        if cursor <= day < end:
            return i, stage, cursor
        cursor = end
    return None


def _period(stage: Stage, stage_start: date, day: date) -> tuple[date, date]:
    if stage.per == "day":
        return day, day
    offset = (day - stage_start).days // 7 * 7
    first = stage_start + timedelta(days=offset)
    return first, first + timedelta(days=6)


def _count(done_days: Iterable[tuple[str, date]], routine: str, first: date, last: date) -> int:
    return sum(1 for rid, d in done_days if rid == routine and first <= d <= last)


def due_on(course: Course, start: date, day: date,
           done_days: Iterable[tuple[str, date]]) -> DueToday | None:
    """The stage and count due on ``day``; None before the start or after the end."""
    found = _stage_at(course, start, day)
    if found is None:
        return None
    index, stage, stage_start = found
    first, last = _period(stage, stage_start, day)
    done = _count(list(done_days), stage.routine, first, last)
    return DueToday(stage, index, done, stage.times, stage.per, first, last)


def adherence(course: Course, start: date, today: date,
              done_days: Iterable[tuple[str, date]]) -> Adherence:
    """Sessions done against sessions asked for, over the periods that have fully begun."""
    done_list = list(done_days)
    done = due = 0
    cursor = start
    for stage in course.stages:
        step = 1 if stage.per == "day" else 7
        for k in range(stage.periods):
            first = cursor + timedelta(days=k * step)
            if first > today:
                return Adherence(done, due)
            last = first + timedelta(days=step - 1)
            due += stage.times
            done += min(stage.times, _count(done_list, stage.routine, first, last))
        cursor += timedelta(days=stage.days)
    return Adherence(done, due)


def completed_days(sessions: Iterable[object], tz: tzinfo | None) -> list[tuple[str, date]]:
    """(routine id, local day) for each completed session in the history."""
    out = []
    for s in sessions:
        if getattr(s, "status", None) == "completed":
            out.append((str(getattr(s, "routine_id", "")), local_day(s.started_at, tz)))  # type: ignore[attr-defined]
    return out


@dataclass
class CourseClock:
    """Today's date for courses, from an injectable wall clock and time zone."""

    now: Callable[[], datetime]
    tz: tzinfo | None = None

    def today(self) -> date:
        return local_day(self.now(), self.tz)
