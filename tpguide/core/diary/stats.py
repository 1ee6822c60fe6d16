"""Summaries of the session history for charts and their accessible tables, as pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from tpguide.core.diary.records import SessionRecord
from tpguide.core.record import record


@record(frozen=True)
class RoutineChange:
    """Mean pain change (after minus before; negative is better) over a routine's rated sessions."""

    routine_id: str
    routine_title: str
    rated_sessions: int
    mean_change: float


@record(frozen=True)
class WeekCount:
    """Sessions started in the week beginning ``week_start`` (a Monday, local time)."""

    week_start: date
    sessions: int
    completed: int


@record(frozen=True)
class PainPoint:
    """One session's pain ratings for the chart; either rating may be missing."""

    session_id: int
    started_at: datetime
    routine_id: str
    pain_before: int | None
    pain_after: int | None


def average_change(sessions: Iterable[SessionRecord]) -> list[RoutineChange]:
    """Per routine, sorted by title; the title shown is that of the newest session."""
    groups: dict[str, list[SessionRecord]] = {}
    for session in sorted(sessions, key=lambda r: (r.started_at, r.id)):
        if session.pain_change is not None:
            groups.setdefault(session.routine_id, []).append(session)
    changes = [_routine_change(routine_id, rows) for routine_id, rows in groups.items()]
    return sorted(changes, key=lambda c: (c.routine_title.casefold(), c.routine_id))


def _routine_change(routine_id: str, rows: Sequence[SessionRecord]) -> RoutineChange:
    total = sum(row.pain_change or 0 for row in rows)
    return RoutineChange(routine_id, rows[-1].routine_title, len(rows), total / len(rows))


def week_start(moment: datetime, tz: tzinfo | None) -> date:
    """The Monday of the local week holding ``moment`` (``tz`` None: the system's zone)."""
    day = moment.astimezone(tz).date()
    return day - timedelta(days=day.weekday())


def weekly_counts(
    sessions: Iterable[SessionRecord], now: datetime, tz: tzinfo | None
) -> list[WeekCount]:
    """Every week from the first session's to the current one, empty weeks included."""
    started: dict[date, int] = {}
    completed: dict[date, int] = {}
    for session in sessions:
        week = week_start(session.started_at, tz)
        started[week] = started.get(week, 0) + 1
        completed[week] = completed.get(week, 0) + (session.status == "completed")
    if not started:
        return []
    weeks = _mondays(min(started), max(max(started), week_start(now, tz)))
    return [WeekCount(w, started.get(w, 0), completed.get(w, 0)) for w in weeks]


def _mondays(first: date, last: date) -> list[date]:
    count = (last - first).days // 7 + 1
    return [first + timedelta(weeks=i) for i in range(count)]


def pain_points(sessions: Iterable[SessionRecord]) -> list[PainPoint]:
    """Sessions with at least one rating, oldest first."""
    rated = [r for r in sessions if r.pain_before is not None or r.pain_after is not None]
    rated.sort(key=lambda r: (r.started_at, r.id))
    return [PainPoint(r.id, r.started_at, r.routine_id, r.pain_before, r.pain_after) for r in rated]
