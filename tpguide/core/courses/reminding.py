"""Desktop reminders while the app is closed: what is due, and what the person answered.

``tpguide remind`` runs from a timer (or once at login) and stays only while its
notification is open. Everything it decides is here, on an injected clock: a reminder
comes once a due day has reached the course's ``remind_at`` (or, without one, outside the
quiet hours); "Snooze 30 min" brings it back half an hour later; "Skip today" keeps it
quiet until the next day something is due; a dismissed reminder comes back after a few
hours only while a daily session is still due. Nothing is said about days that passed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from tpguide.core.courses.model import local_day
from tpguide.core.courses.store import Assigned

SNOOZE = timedelta(minutes=30)
REPEAT = timedelta(hours=4)
QUIET = (time(22, 0), time(8, 0))
MAX_STATE_BYTES = 4096


@dataclass(frozen=True)
class DueItem:
    """One running course's ask that is still open today (or this week)."""

    course_title: str
    routine_id: str
    remaining: int
    period: str  # "day" | "week"
    remind_at: time | None = None


@dataclass(frozen=True)
class ReminderState:
    """The last reminder and the answer to it; times are aware datetimes."""

    notified_at: datetime | None = None
    snoozed_until: datetime | None = None
    skipped_day: date | None = None

    def notified(self, now: datetime) -> ReminderState:
        return replace(self, notified_at=now, snoozed_until=None)

    def snoozed(self, now: datetime) -> ReminderState:
        return replace(self, snoozed_until=now + SNOOZE)

    def skipped(self, today: date) -> ReminderState:
        return replace(self, skipped_day=today, snoozed_until=None)


def due_items(courses: Iterable[Assigned], today: date,
              done_days: list[tuple[str, date]]) -> list[DueItem]:
    """What the courses running today still ask for (sessions done are counted off)."""
    items = []
    for assigned in courses:
        due = assigned.due(today, done_days)
        if due is not None and due.remaining > 0:
            items.append(DueItem(assigned.course.title, due.stage.routine, due.remaining,
                                 due.period, assigned.course.remind_at))
    return items


def in_quiet_hours(moment: time, quiet: tuple[time, time] | None = QUIET) -> bool:
    if quiet is None:
        return False
    start, end = quiet
    return start <= moment < end if start <= end else (moment >= start or moment < end)


def _ready(item: DueItem, local: datetime, quiet: tuple[time, time] | None) -> bool:
    """A time the course chose is kept even inside the quiet hours: the person set it."""
    if item.remind_at is not None:
        return local.time() >= item.remind_at
    return not in_quiet_hours(local.time(), quiet)


def to_remind(now: datetime, tz: tzinfo | None, state: ReminderState, items: list[DueItem], *,
              quiet: tuple[time, time] | None = QUIET,
              repeat: timedelta = REPEAT) -> list[DueItem]:
    """The items to put in a reminder now; empty when it is not time (or nothing is due)."""
    local = now.astimezone(tz) if tz is not None else now.astimezone()
    today = local.date()
    if state.skipped_day == today:
        return []
    ready = [item for item in items if _ready(item, local, quiet)]
    if not ready:
        return []
    if state.snoozed_until is not None:
        return ready if now >= state.snoozed_until else []
    last = state.notified_at
    if last is None or local_day(last, tz) != today:
        return ready
    daily = any(item.period == "day" for item in ready)
    return ready if daily and now - last >= repeat else []


# -- the state file -----------------------------------------------------------------------

def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def load_state(path: Path) -> ReminderState:
    """The saved answers; a missing or damaged file is a fresh start (it is only a reminder)."""
    from tpguide.core.atomic_io import read_bounded

    try:
        data = json.loads(read_bounded(path, MAX_STATE_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return ReminderState()
    if not isinstance(data, dict):
        return ReminderState()
    return ReminderState(_when(data.get("notified_at")), _when(data.get("snoozed_until")),
                         _day(data.get("skipped_day")))


def save_state(path: Path, state: ReminderState) -> None:
    """Write the answers atomically; raises OSError (WriteError) when the disk refuses."""
    from tpguide.core.atomic_io import PRIVATE, write_atomic

    data = {"notified_at": state.notified_at.isoformat() if state.notified_at else None,
            "snoozed_until": state.snoozed_until.isoformat() if state.snoozed_until else None,
            "skipped_day": state.skipped_day.isoformat() if state.skipped_day else None}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data).encode("utf-8"), mode=PRIVATE)


def gather(today: date, tz: tzinfo | None) -> list[DueItem]:
    """Read the assigned courses and the diary's completed sessions: what is due today.

    The diary is only read, never created; when it cannot be read every session still
    counts as due (a reminder too many is better than a silent course).
    """
    from tpguide import paths
    from tpguide.core.courses.model import completed_days
    from tpguide.core.courses.store import assigned_courses

    courses = assigned_courses()
    if not courses:
        return []
    done: list[tuple[str, date]] = []
    if paths.history_db().is_file():
        from tpguide.core.diary.store import HistoryError, HistoryStore

        try:
            with HistoryStore() as store:
                done = completed_days(store.sessions(), tz)
        except HistoryError:
            done = []
    return due_items(courses, today, done)
