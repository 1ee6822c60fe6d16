"""Reading and checking a course file into a :class:`~tpguide.core.courses.model.Course`.

Kept apart from ``tpguide.core.courses.model`` so that due dates and adherence (the main
window's first screen) do not import the YAML loader: import this module where it is used.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.courses.model import (
    COURSE_VERSION,
    DATE_PATTERN,
    MAX_STAGES,
    REQUIRED,
    STAGE_BOUNDS,
    STAGE_KEYS,
    TEXTS,
    TIME_PATTERN,
    TOP_KEYS,
    Course,
    CourseResult,
    Stage,
)
from tpguide.core.i18n import _
from tpguide.core.routines.diagnostics import Diagnostic, capped, quote
from tpguide.core.routines.loader import read_limited
from tpguide.core.routines.rules import SLUG_PATTERN
from tpguide.core.routines.validator import Validator
from tpguide.core.routines.yamlsafe import Mapping, Node, Scalar, Sequence, decode, parse

_DATE = re.compile(DATE_PATTERN)
_TIME = re.compile(TIME_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)


class _CourseValidator(Validator):
    def __init__(self, known_routines: set[str] | None) -> None:
        super().__init__(default_atlas())
        self.known = known_routines

    def course(self, root: Node | None) -> Course | None:
        if not isinstance(root, Mapping):
            self.diags.append(Diagnostic(1, 1, "error", _("not a tpguide course: the file must "
                                                          "be a mapping starting with "
                                                          "'tpguide-course: 1'")))
            return None
        if not self.version(root):
            return None
        self.required(root, REQUIRED, _("the course"))
        values: dict[str, object] = {}
        stages: list[Stage] = []
        for key, node in root.items:
            name = key.value
            if name in TEXTS:
                values[name] = self.text(key, node, TEXTS[name])
            elif name == "start":
                values[name] = self.day(key, node)
            elif name == "remind_at":
                values[name] = self.time_of_day(key, node)
            elif name == "stages":
                stages = self.stages(key, node)
            elif name != "tpguide-course":
                self.unknown_key(key, TOP_KEYS, _("a course key"))
        if any(d.is_error for d in self.diags):
            return None
        return Course(id=str(values["id"]), title=str(values["title"]), stages=tuple(stages),
                      start=values.get("start"),  # type: ignore[arg-type]
                      prepared_for=_text(values.get("prepared_for")),
                      author=_text(values.get("author")), notes=_text(values.get("notes")),
                      remind_at=values.get("remind_at"))  # type: ignore[arg-type]

    def version(self, root: Mapping) -> bool:
        found = root.get("tpguide-course")
        if found is None:
            self.error(root, _("not a tpguide course: add 'tpguide-course: 1' at the top"))
            return True
        value = self.integer(found[0], found[1], 0, 10**6)
        if value is not None and value > COURSE_VERSION:
            node = found[1]
            self.diags[:] = [Diagnostic(node.line, node.column, "error",
                             _("written for a newer tpguide (course format {version}); update "
                               "tpguide to open it").format(version=value))]
            return False
        if value is not None and value < COURSE_VERSION:
            self.error(found[1], _("tpguide-course must be {version}; got {value}").format(
                version=COURSE_VERSION, value=value))
        return True

    def day(self, key: Scalar, node: Node) -> date | None:
        value = self.scalar(key, node, _("write a date such as 2026-12-01"))
        if value is None:
            return None
        match = _DATE.match(value.value)
        try:
            if match is None:
                raise ValueError
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.error(value, _("start must be a date written YYYY-MM-DD; got {value}").format(
                value=quote(value.value)))
            return None

    def time_of_day(self, key: Scalar, node: Node) -> time | None:
        """``remind_at: "18:30"``: judged from the text (YAML 1.1 reads 18:30 as 1110)."""
        value = self.scalar(key, node, _("write a time of day such as \"18:30\""))
        if value is None:
            return None
        match = _TIME.match(value.value)
        if match is None:
            self.error(value, _("remind_at must be a time written HH:MM (24 hours); got "
                                "{value}").format(value=quote(value.value)))
            return None
        return time(int(match[1]), int(match[2]))

    def stages(self, key: Scalar, node: Node) -> list[Stage]:
        if not isinstance(node, Sequence) or not node.items:
            self.error(key if isinstance(node, Scalar) and node.is_null else node,
                       _("'stages' must be a list of one or more stages"))
            return []
        stages = []
        for i, item in enumerate(node.items):
            if i == MAX_STAGES:
                self.error(item, _("too many stages: at most {most}").format(most=MAX_STAGES))
                break
            stage = self.stage(item)
            if stage is not None:
                stages.append(stage)
        return stages

    def stage(self, node: Node) -> Stage | None:
        if not isinstance(node, Mapping):
            self.error(node, _("each stage must be a mapping with 'routine' and how often"))
            return None
        self.required(node, ("routine",), _("this stage"))
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
                self.unknown_key(k, STAGE_KEYS, _("a stage key"))
        return self.frequency(node, routine, numbers, notes)

    def frequency(self, node: Mapping, routine: str | None, numbers: dict[str, int | None],
                  notes: str | None) -> Stage | None:
        daily = "times_per_day" in numbers or "days" in numbers
        weekly = "times_per_week" in numbers or "weeks" in numbers
        if daily == weekly:
            self.error(node, _("a stage needs either 'times_per_day' with 'days', or "
                               "'times_per_week' with 'weeks'"))
            return None
        per, times_key, periods_key = (("day", "times_per_day", "days") if daily
                                       else ("week", "times_per_week", "weeks"))
        for needed in (times_key, periods_key):
            if needed not in numbers:
                self.error(node, _("this stage is missing the required key {key}").format(
                    key=quote(needed)))
        times, periods = numbers.get(times_key), numbers.get(periods_key)
        if routine is None or times is None or periods is None:
            return None
        return Stage(routine, per, times, periods, notes)

    def routine_id(self, key: Scalar, node: Node) -> str | None:
        value = self.scalar(key, node, _("write a routine id such as 'stiff-neck'"))
        if value is None:
            return None
        if not _SLUG.fullmatch(value.value):
            self.error(value, _("routine {value} is not a routine id (lower-case letters, "
                                "digits and hyphens)").format(value=quote(value.value)))
            return None
        if self.known is not None and value.value not in self.known:
            self.warn(value, _("no routine with id {value} in this tpguide's library; the "
                               "person needs that routine too").format(value=quote(value.value)))
        return value.value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _known_routine_ids() -> set[str]:
    from tpguide.core.library.sources import entries

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
