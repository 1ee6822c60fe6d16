"""What a report says at a glance: for ``tpguide clients list``, the Clients page and the
doctor's PDF. Pure functions over a checked report (see ``format``)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from tpguide.core.care.build import Report
from tpguide.core.courses.model import local_day
from tpguide.core.diary import alerts
from tpguide.core.diary.records import HeadacheEntry, SessionRecord
from tpguide.core.diary.stats import PainPoint, pain_points
from tpguide.core.i18n import _


@dataclass(frozen=True)
class Summary:
    """One client's period in numbers; ``median_change`` is after minus before (negative:
    less pain), over sessions rated both times."""

    since: str
    until: str
    sessions: int
    completed: int
    unwell: int
    done: int
    due: int
    median_change: float | None
    last_session: date | None

    @property
    def adherence(self) -> float | None:
        return min(self.done, self.due) / self.due if self.due else None


def sessions_of(report: Report) -> list[SessionRecord]:
    """The report's sessions as diary records (ids by position), oldest first."""
    return [_record(i + 1, s) for i, s in enumerate(report["sessions"])]


def _record(index: int, s: dict[str, Any]) -> SessionRecord:
    ended = s.get("ended_at")
    return SessionRecord(
        id=index, routine_id=s["routine_id"], routine_title=s["routine_title"],
        started_at=datetime.fromisoformat(s["started_at"]),
        ended_at=datetime.fromisoformat(ended) if ended else None,
        planned_seconds=float(s["planned_seconds"]),
        completed_seconds=float(s["completed_seconds"]), status=s["status"],
        pain_before=s.get("pain_before"), pain_after=s.get("pain_after"), note=s.get("note"))


def headaches_of(report: Report) -> list[HeadacheEntry]:
    out = []
    for i, h in enumerate(report["headaches"]):
        ended, day = h.get("ended_at"), h.get("medication_day")
        out.append(HeadacheEntry(
            id=i + 1, started_at=datetime.fromisoformat(h["started_at"]),
            ended_at=datetime.fromisoformat(ended) if ended else None,
            intensity=h["intensity"], medication_class=h.get("medication_class"),
            medication_day=date.fromisoformat(day) if day else None,
            new_or_different=h["new_or_different"], notes=h.get("notes")))
    return out


def summarize(report: Report, tz: tzinfo | None = None) -> Summary:
    records = sessions_of(report)
    changes = [r.pain_change for r in records if r.pain_change is not None]
    return Summary(
        since=report["period"]["since"], until=report["period"]["until"],
        sessions=len(records), completed=sum(r.status == "completed" for r in records),
        unwell=sum(r.status == "unwell" for r in records),
        done=sum(int(c["done"]) for c in report["courses"]),
        due=sum(int(c["due"]) for c in report["courses"]),
        median_change=float(statistics.median(changes)) if changes else None,
        last_session=local_day(records[-1].started_at, tz) if records else None)


def unwell_stops(report: Report) -> list[SessionRecord]:
    """Sessions stopped with "I feel unwell", newest first: a therapist reads these first."""
    return sorted((r for r in sessions_of(report) if r.status == "unwell"),
                  key=lambda r: r.started_at, reverse=True)


def pain_series(report: Report) -> list[PainPoint]:
    return pain_points(sessions_of(report))


def headache_days_per_month(report: Report, tz: tzinfo | None = None) -> list[tuple[str, int]]:
    """('2025-03', distinct local days with a headache) for every month of the period."""
    days: dict[str, set[date]] = {}
    for entry in headaches_of(report):
        day = local_day(entry.started_at, tz)
        days.setdefault(day.strftime("%Y-%m"), set()).add(day)
    months = _months(date.fromisoformat(report["period"]["since"]),
                     date.fromisoformat(report["period"]["until"]))
    return [(m, len(days.get(m, ()))) for m in months]


def _months(first: date, last: date) -> list[str]:
    out: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def medication_days_per_class(report: Report) -> list[tuple[str, int]]:
    """Distinct days a medicine of each class was taken in the whole period."""
    days: dict[str, set[date]] = {}
    for entry in headaches_of(report):
        if entry.took_medication:
            days.setdefault(entry.medication_class or "other", set()).add(
                alerts.medication_day(entry))
    return sorted(((name, len(found)) for name, found in days.items()), key=lambda x: -x[1])


def overuse_alerts(report: Report) -> list[alerts.Alert]:
    """The medication-overuse alerts for the 30 days that end the period."""
    until = date.fromisoformat(report["period"]["until"])
    return alerts.medication_overuse(headaches_of(report), until)


def routines_done(report: Report, tz: tzinfo | None = None) -> list[tuple[str, int, list[date]]]:
    """(title, completed sessions, the days) per routine, most done first."""
    found: dict[str, tuple[str, list[date]]] = {}
    for record in sessions_of(report):
        if record.status == "completed":
            title, days = found.setdefault(record.routine_id, (record.routine_title, []))
            days.append(local_day(record.started_at, tz))
    rows = [(title, len(days), days) for title, days in found.values()]
    return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))


def short_id(client_id: str) -> str:
    return client_id[:8]


def change_words(change: float | None) -> str:
    if change is None:
        return _("not rated")
    if change == 0:
        return _("0 (no change)")
    return (_("{change} (less pain)") if change < 0 else _("{change} (more pain)")).format(
        change=f"{change:+g}")


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)} %"


def pair_rows(rows: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{name}: {count}" for name, count in rows) or _("none")


def file_slug(name: str, client_id: str) -> str:
    """A client's name made safe for a file name ("Anna Berg" -> "anna-berg"), else the id."""
    letters = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.strip().lower())
    slug = "-".join(part for part in letters.split("-") if part)[:40].strip("-")
    return slug or short_id(client_id)
