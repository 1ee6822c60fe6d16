"""The user's assigned courses in ``<data>/courses/``: import, export, list, today's due.

Importing a course with no start date pins it to the day it was assigned, so
"day 3 of 14" means the same thing every time the app opens.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tpguide import paths
from tpguide.core.atomic_io import PRIVATE, SHARED, write_atomic
from tpguide.core.courses.model import COURSE_SUFFIX, Course, CourseResult, DueToday, due_on
from tpguide.core.i18n import _
from tpguide.core.record import record

_START_LINE = re.compile(r"^start:.*$", re.MULTILINE)


@record(frozen=True)
class Assigned:
    path: Path
    course: Course
    start: date

    @property
    def end(self) -> date:
        from datetime import timedelta

        return self.start + timedelta(days=self.course.days - 1)

    def due(self, day: date, done_days: list[tuple[str, date]]) -> DueToday | None:
        return due_on(self.course, self.start, day, done_days)


class CourseClashError(Exception):
    """A course with this file name is already assigned; the UI asks what to do."""

    def __init__(self, target: Path) -> None:
        super().__init__(_("a course named {name} is already assigned").format(
            name=target.name))
        self.target = target


def course_files() -> list[Path]:
    folder = paths.courses_dir()
    return sorted(folder.glob(f"*{COURSE_SUFFIX}")) if folder.is_dir() else []


def assigned_courses() -> list[Assigned]:
    from tpguide.core.courses.loader import load_course_file

    found = []
    for path in course_files():
        result = load_course_file(path, known_routines=set())
        course = result.course
        if course is not None and course.start is not None:
            found.append(Assigned(path, course, course.start))
    return found


def active_courses(today: date) -> list[Assigned]:
    return [a for a in assigned_courses() if a.start <= today <= a.end]


def pin_start(text: str, start: date) -> str:
    """The course text with its start date set, keeping everything else as written."""
    line = f"start: {start.isoformat()}"
    if _START_LINE.search(text):
        return _START_LINE.sub(line, text, count=1)
    return text.rstrip("\n") + "\n" + line + "\n"


def import_course(source: Path, today: date, *, replace: bool = False) -> CourseResult:
    """Validate and copy a course into the user's folder; raises CourseClashError or OSError."""
    from tpguide.core.courses.loader import load_course_text
    from tpguide.core.routines.loader import read_limited
    from tpguide.core.routines.yamlsafe import decode

    text, refusal = decode(read_limited(source))
    if refusal is not None or text is None:
        return CourseResult(None, [refusal] if refusal else [])
    result = load_course_text(text, known_routines=None)
    if result.course is None:
        return result
    if result.course.start is None:
        text = pin_start(text, today)
    target = paths.ensure(paths.courses_dir()) / f"{result.course.id}{COURSE_SUFFIX}"
    if target.exists() and not replace:
        raise CourseClashError(target)
    write_atomic(target, text.encode("utf-8"), mode=PRIVATE)
    return load_course_text(text, known_routines=None)


def export_course(assigned: Assigned, target: Path) -> None:
    from tpguide.core.routines.loader import read_limited

    write_atomic(target, read_limited(assigned.path), mode=SHARED)
