"""A course being edited in a form, turned into ``*.course.yaml`` text the course loader accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from tpguide.core.courses.loader import load_course_text
from tpguide.core.courses.model import Course, CourseResult, Stage
from tpguide.core.routines import serialize
from tpguide.core.routines.yamlsafe import Mapping, Sequence, parse

PERIODS = ("day", "week")
dump_yaml = serialize.dump_yaml
_KEYS = {"day": ("times_per_day", "days"), "week": ("times_per_week", "weeks")}


@dataclass
class StageDraft:
    """One stage as the form holds it: ``times`` a ``per`` for ``periods`` days or weeks."""

    routine: str = ""
    per: str = "day"
    times: int = 1
    periods: int = 7
    notes: str = ""

    @property
    def days(self) -> int:
        return self.periods * (7 if self.per == "week" else 1)

    def to_data(self) -> dict[str, Any]:
        times_key, periods_key = _KEYS.get(self.per, _KEYS["day"])
        data: dict[str, Any] = {"routine": self.routine, times_key: self.times,
                                periods_key: self.periods}
        if self.notes:
            data["notes"] = self.notes
        return data

    @classmethod
    def from_stage(cls, stage: Stage) -> StageDraft:
        return cls(stage.routine, stage.per, stage.times, stage.periods, stage.notes or "")


@dataclass
class CourseDraft:
    """Everything a course file holds, mutable; empty optional texts are left out of the file."""

    id: str = ""
    title: str = ""
    prepared_for: str = ""
    author: str = ""
    notes: str = ""
    start: date | None = None
    stages: list[StageDraft] = field(default_factory=list)
    remind_at: time | None = None

    @classmethod
    def from_course(cls, course: Course) -> CourseDraft:
        return cls(course.id, course.title, course.prepared_for or "", course.author or "",
                   course.notes or "", course.start,
                   [StageDraft.from_stage(s) for s in course.stages], course.remind_at)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tpguide-course": 1, "id": self.id, "title": self.title}
        for key in ("prepared_for", "author", "notes"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.start is not None:
            data["start"] = self.start  # a YAML date, written unquoted as YYYY-MM-DD
        if self.remind_at is not None:  # a string: the dumper quotes it, so 18:30 stays a time
            data["remind_at"] = self.remind_at.strftime("%H:%M")
        data["stages"] = [stage.to_data() for stage in self.stages]
        return data

    def to_yaml(self) -> str:
        """The course file's text: ``tpguide-course: 1`` first, never anchors or aliases."""
        return dump_yaml(self.to_data())

    def check(self, known_routines: set[str] | None = None) -> CourseResult:
        """What the course loader says about this draft, located in ``to_yaml()``'s text."""
        return load_course_text(self.to_yaml(), known_routines)

    def add_stage(self, stage: StageDraft | None = None) -> int:
        """Append a stage (by default a copy of the last one's routine); returns its index."""
        if stage is None:
            last = self.stages[-1] if self.stages else None
            stage = StageDraft(routine=last.routine) if last is not None else StageDraft()
        self.stages.append(stage)
        return len(self.stages) - 1

    def remove_stage(self, index: int) -> None:
        del self.stages[index]

    def move_stage(self, index: int, offset: int) -> int:
        """Move a stage up (-1) or down (+1), staying in bounds; returns where it ended up."""
        target = max(0, min(len(self.stages) - 1, index + offset))
        self.stages.insert(target, self.stages.pop(index))
        return target


def slug_for(title: str) -> str:
    """A course id made from its title: lower-case letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:64].strip("-")
    return slug or "my-course"


def free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is not taken yet."""
    if wanted not in taken:
        return wanted
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = wanted[: 64 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


def stage_days(stages: list[StageDraft]) -> list[tuple[int, int]]:
    """The first and last course day (1-based) of each stage: [(1, 14), (15, 56)]."""
    spans, first = [], 1
    for stage in stages:
        spans.append((first, first + stage.days - 1))
        first += stage.days
    return spans


Place = tuple[str, int | None, str | None]


def place_of(text: str, line: int) -> Place:
    """Which field a line of the course text belongs to: (key, stage index, stage key).

    Lets a form focus the field a located message talks about; ("", None, None) if unknown.
    """
    root = parse(text).root
    if not isinstance(root, Mapping):
        return "", None, None
    found: Place = ("", None, None)
    for key, node in root.items:
        if key.line > line:
            break
        found = (key.value, None, None)
        if key.value == "stages" and isinstance(node, Sequence):
            found = _stage_place(node, line) or found
    return found


def _stage_place(stages: Sequence, line: int) -> Place | None:
    found: Place | None = None
    for index, item in enumerate(stages.items):
        if item.line > line:
            break
        found = ("stages", index, None)
        if isinstance(item, Mapping):
            for key, _ in item.items:
                if key.line > line:
                    break
                found = ("stages", index, key.value)
    return found
