"""A progress report made from the person's own diary and courses, for their therapist.

Nothing leaves the machine here: this builds the report as data; the person sees it in
a preview (or asks for it on the command line) and saves the one file themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from tpguide import __version__
from tpguide.core.care.format import REPORT_VERSION, VERSION_KEY
from tpguide.core.courses.model import adherence, completed_days, local_day
from tpguide.core.courses.store import Assigned
from tpguide.core.diary.records import HeadacheEntry, PressRecord, SessionRecord

Report = dict[str, Any]
PointsOf = Callable[[int], list[dict[str, Any]]]
"""Per session id, the points worked with tenderness and time to ease (when recorded)."""


@dataclass(frozen=True)
class ReportRequest:
    """What the person asked for: their name as typed, the period, and whether notes go."""

    name: str = ""
    since: date | None = None
    until: date | None = None
    include_notes: bool = True


def _utc(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def _no_points(_session_id: int) -> list[dict[str, Any]]:
    return []


def points_from_presses(presses: Iterable[PressRecord]) -> PointsOf:
    """``points_of`` from the diary's press rows: one entry per point and side of a session.

    A point pressed more than once (cycles, or a step repeated) is summed up by what came
    last: the last tenderness given, and whether the last hold-until-eased press eased and
    how long it took. A fixed press says nothing about easing (``eased`` is null).
    """
    by_session: dict[int, dict[tuple[str, str], dict[str, Any]]] = {}
    ordered = sorted(presses, key=lambda p: (p.session_id, p.step, p.cycle))
    for press in ordered:
        side = "both" if press.side == "together" else press.side
        entry = by_session.setdefault(press.session_id, {}).setdefault(
            (press.point, side), {"point": press.point, "side": side, "tenderness": None,
                                  "eased": None, "time_to_ease_seconds": None})
        if press.tenderness is not None:
            entry["tenderness"] = press.tenderness
        if press.outcome != "timed":
            eased = press.outcome == "eased"
            entry["eased"] = eased
            entry["time_to_ease_seconds"] = round(press.held_seconds, 1) if eased else None

    def points_of(session_id: int) -> list[dict[str, Any]]:
        return [dict(entry) for entry in by_session.get(session_id, {}).values()]

    return points_of


def period_of(request: ReportRequest, sessions: Sequence[SessionRecord],
              headaches: Sequence[HeadacheEntry], today: date,
              tz: tzinfo | None) -> tuple[date, date]:
    """The asked period; without a start, from the first diary entry (or the end day)."""
    until = request.until or today
    if request.since is not None:
        return request.since, until
    moments = [r.started_at for r in sessions] + [h.started_at for h in headaches]
    days = [local_day(m, tz) for m in moments]
    first = min((d for d in days if d <= until), default=until)
    return first, until


def build_report(request: ReportRequest, sessions: Sequence[SessionRecord],
                 headaches: Sequence[HeadacheEntry], courses: Iterable[Assigned], *,
                 client_id: str, now: datetime, tz: tzinfo | None = None,
                 points_of: PointsOf = _no_points) -> Report:
    """The report as JSON-ready data; sessions and headaches oldest first."""
    since, until = period_of(request, sessions, headaches, local_day(now, tz), tz)

    def inside(moment: datetime) -> bool:
        return since <= local_day(moment, tz) <= until

    chosen = sorted((s for s in sessions if s.status != "running" and inside(s.started_at)),
                    key=lambda s: (s.started_at, s.id))
    logged = sorted((h for h in headaches if inside(h.started_at)),
                    key=lambda h: (h.started_at, h.id or 0))
    return {
        VERSION_KEY: REPORT_VERSION,
        "created": _utc(now),
        "made_by": f"tpguide {__version__}",
        "client": {"id": client_id, "name": request.name.strip()},
        "period": {"since": since.isoformat(), "until": until.isoformat()},
        "notes_included": request.include_notes,
        "sessions": [_session(s, request.include_notes, points_of) for s in chosen],
        "courses": _courses(courses, sessions, since, until, tz),
        "headaches": [_headache(h, request.include_notes) for h in logged],
    }


def _session(record: SessionRecord, notes: bool, points_of: PointsOf) -> dict[str, Any]:
    out: dict[str, Any] = {
        "routine_id": record.routine_id,
        "routine_title": record.routine_title,
        "started_at": _utc(record.started_at),
        "ended_at": _utc(record.ended_at),
        "planned_seconds": round(record.planned_seconds, 1),
        "completed_seconds": round(record.completed_seconds, 1),
        "status": record.status,
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "note": (record.note or None) if notes else None,
    }
    points = points_of(record.id)
    if points:
        out["points"] = points
    return out


def _headache(entry: HeadacheEntry, notes: bool) -> dict[str, Any]:
    day = entry.medication_day
    return {
        "started_at": _utc(entry.started_at),
        "ended_at": _utc(entry.ended_at),
        "intensity": entry.intensity,
        "medication_class": entry.medication_class or ("other" if entry.medication else None),
        "medication_day": day.isoformat() if day is not None and entry.took_medication else None,
        "new_or_different": entry.new_or_different,
        "notes": (entry.notes or None) if notes else None,
    }


def _courses(courses: Iterable[Assigned], sessions: Sequence[SessionRecord], since: date,
             until: date, tz: tzinfo | None) -> list[dict[str, Any]]:
    """Each course that ran in the period: sessions done against those asked, to its end."""
    done_days = completed_days(sessions, tz)
    out = []
    for assigned in sorted(courses, key=lambda a: (a.start, a.course.id)):
        if assigned.end < since or assigned.start > until:
            continue
        score = adherence(assigned.course, assigned.start, min(until, assigned.end), done_days)
        out.append({"id": assigned.course.id, "title": assigned.course.title,
                    "start": assigned.start.isoformat(), "end": assigned.end.isoformat(),
                    "done": score.done, "due": score.due})
    return out


def report_bytes(report: Report) -> bytes:
    """The file's bytes: indented JSON, UTF-8, readable by any tool and by a person."""
    return (json.dumps(report, indent=1, ensure_ascii=False, allow_nan=False) + "\n").encode()
