"""Treatment courses: which routines to do how often, over weeks, and how it is going.

A course is its own small file (``*.course.yaml``), versioned and validated with
the same care and error format as routines. Due and adherence are computed on
local calendar days from an injectable wall clock, so midnight and daylight
saving changes are testable. Missed days are counted, never punished.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from tpguide.core.atlas import default_atlas
from tpguide.core.diagnostics import Diagnostic, capped, quote
from tpguide.core.loader import _Validator, read_limited
from tpguide.core.rules import SLUG_PATTERN, TextRule
from tpguide.core.yamlsafe import Mapping, Node, Scalar, Sequence, decode, parse

COURSE_VERSION = 1
COURSE_SUFFIX = ".course.yaml"
MAX_STAGES = 20
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_SLUG = re.compile(SLUG_PATTERN)

TOP_KEYS = ("tpguide-course", "id", "title", "prepared_for", "author", "notes", "start", "stages")
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


class _CourseValidator(_Validator):
    def __init__(self, known_routines: set[str] | None) -> None:
        super().__init__(default_atlas())
        self.known = known_routines

    def course(self, root: Node | None) -> Course | None:
        if not isinstance(root, Mapping):
            self.diags.append(Diagnostic(1, 1, "error", "not a tpguide course: the file must be "
                                         "a mapping starting with 'tpguide-course: 1'"))
            return None
        if not self.version(root):
            return None
        self.required(root, REQUIRED, "the course")
        values: dict[str, object] = {}
        stages: list[Stage] = []
        for key, node in root.items:
            name = key.value
            if name in TEXTS:
                values[name] = self.text(key, node, TEXTS[name])
            elif name == "start":
                values[name] = self.day(key, node)
            elif name == "stages":
                stages = self.stages(key, node)
            elif name != "tpguide-course":
                self.unknown_key(key, TOP_KEYS, "a course key")
        if any(d.is_error for d in self.diags):
            return None
        return Course(id=str(values["id"]), title=str(values["title"]), stages=tuple(stages),
                      start=values.get("start"),  # type: ignore[arg-type]
                      prepared_for=_text(values.get("prepared_for")),
                      author=_text(values.get("author")), notes=_text(values.get("notes")))

    def version(self, root: Mapping) -> bool:
        found = root.get("tpguide-course")
        if found is None:
            self.error(root, "not a tpguide course: add 'tpguide-course: 1' at the top")
            return True
        value = self.integer(found[0], found[1], 0, 10**6)
        if value is not None and value > COURSE_VERSION:
            node = found[1]
            self.diags[:] = [Diagnostic(node.line, node.column, "error",
                             f"written for a newer tpguide (course format {value}); update "
                             "tpguide to open it")]
            return False
        if value is not None and value < COURSE_VERSION:
            self.error(found[1], f"tpguide-course must be {COURSE_VERSION}; got {value}")
        return True

    def day(self, key: Scalar, node: Node) -> date | None:
        value = self.scalar(key, node, "write a date such as 2026-12-01")
        if value is None:
            return None
        match = _DATE.match(value.value)
        try:
            if match is None:
                raise ValueError
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.error(value, f"start must be a date written YYYY-MM-DD; got {quote(value.value)}")
            return None

    def stages(self, key: Scalar, node: Node) -> list[Stage]:
        if not isinstance(node, Sequence) or not node.items:
            self.error(key if isinstance(node, Scalar) and node.is_null else node,
                       "'stages' must be a list of one or more stages")
            return []
        stages = []
        for i, item in enumerate(node.items):
            if i == MAX_STAGES:
                self.error(item, f"too many stages: at most {MAX_STAGES}")
                break
            stage = self.stage(item)
            if stage is not None:
                stages.append(stage)
        return stages

    def stage(self, node: Node) -> Stage | None:
        if not isinstance(node, Mapping):
            self.error(node, "each stage must be a mapping with 'routine' and how often")
            return None
        self.required(node, ("routine",), "this stage")
        routine, notes, numbers = None, None, {}
        for k, v in node.items:
            if k.value == "routine":
                routine = self.routine_id(k, v)
            elif k.value == "notes":
                notes = self.text(k, v, TEXTS["notes"])
            elif k.value in STAGE_BOUNDS:
                low, high = STAGE_BOUNDS[k.value]
                numbers[k.value] = self.integer(k, v, low, high)
            else:
                self.unknown_key(k, STAGE_KEYS, "a stage key")
        return self.frequency(node, routine, numbers, notes)

    def frequency(self, node: Mapping, routine: str | None, numbers: dict[str, int | None],
                  notes: str | None) -> Stage | None:
        daily = "times_per_day" in numbers or "days" in numbers
        weekly = "times_per_week" in numbers or "weeks" in numbers
        if daily == weekly:
            self.error(node, "a stage needs either 'times_per_day' with 'days', or "
                       "'times_per_week' with 'weeks'")
            return None
        per, times_key, periods_key = (("day", "times_per_day", "days") if daily
                                       else ("week", "times_per_week", "weeks"))
        for needed in (times_key, periods_key):
            if needed not in numbers:
                self.error(node, f"this stage is missing the required key {quote(needed)}")
        times, periods = numbers.get(times_key), numbers.get(periods_key)
        if routine is None or times is None or periods is None:
            return None
        return Stage(routine, per, times, periods, notes)

    def routine_id(self, key: Scalar, node: Node) -> str | None:
        value = self.scalar(key, node, "write a routine id such as 'stiff-neck'")
        if value is None:
            return None
        if not _SLUG.fullmatch(value.value):
            self.error(value, f"routine {quote(value.value)} is not a routine id (lower-case "
                       "letters, digits and hyphens)")
            return None
        if self.known is not None and value.value not in self.known:
            self.warn(value, f"no routine with id {quote(value.value)} in this tpguide's library; "
                      "the person needs that routine too")
        return value.value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _known_routine_ids() -> set[str]:
    from tpguide.core.library import entries

    return {e.result.routine.id for e in entries() if e.result.routine is not None}


def load_course_text(text: str, known_routines: set[str] | None = None) -> CourseResult:
    parsed = parse(text)
    if parsed.refusals:
        return CourseResult(None, capped(parsed.refusals + parsed.extra))
    validator = _CourseValidator(known_routines)
    course = validator.course(parsed.root)
    diagnostics = capped(validator.diags + parsed.extra)
    return CourseResult(None if any(d.is_error for d in diagnostics) else course, diagnostics)


def load_course_file(path: Path, known_routines: set[str] | None = None) -> CourseResult:
    """Raises OSError when unreadable; everything else is a diagnostic."""
    text, refusal = decode(read_limited(path))
    if refusal is not None or text is None:
        return CourseResult(None, [refusal] if refusal else [])
    known = _known_routine_ids() if known_routines is None else known_routines
    return load_course_text(text, known)


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
