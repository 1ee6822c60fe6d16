"""A client's report as plain text for ``tpguide clients show``: unwell stops first.

Names and notes come from another person's file: they were checked to hold no control
or text-direction characters, and are printed as they are, never interpreted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tpguide.core.care.build import Report
from tpguide.core.care.summary import (
    change_words,
    headache_days_per_month,
    medication_days_per_class,
    overuse_alerts,
    pair_rows,
    percent,
    summarize,
    unwell_stops,
)

STATUS_WORDS = {"completed": "completed", "interrupted": "interrupted (cut short)",
                "stopped": "stopped", "unwell": "STOPPED - felt unwell"}


def when(text: str) -> str:
    """A stored UTC time as local date and time."""
    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")


def _pain(session: dict[str, Any]) -> str:
    before, after = session.get("pain_before"), session.get("pain_after")
    if before is None and after is None:
        return "pain not rated"
    return f"pain {'-' if before is None else before} -> {'-' if after is None else after}"


def client_text(report: Report) -> str:
    s = summarize(report)
    client = report["client"]
    lines = [f"{client['name'] or '(no name)'}  (client id {client['id']})",
             f"Period {s.since} to {s.until}; report made {when(report['created'])}",
             f"{s.sessions} sessions ({s.completed} completed), adherence {percent(s.adherence)}, "
             f"median pain change {change_words(s.median_change)}", ""]
    stops = unwell_stops(report)
    if stops:
        lines.append(f"!! {len(stops)} session(s) stopped with 'I feel unwell' - read first:")
        lines += [f"   {r.started_at.astimezone():%Y-%m-%d %H:%M}  {r.routine_title}"
                  + (f"  note: {r.note}" if r.note else "") for r in stops]
        lines.append("")
    if report["courses"]:
        lines.append("Courses:")
        lines += [f"   {c['title']} ({c['start']} to {c['end']}): {c['done']} of {c['due']} "
                  "sessions" for c in report["courses"]]
        lines.append("")
    lines.append("Sessions:")
    lines += [f"   {when(x['started_at'])}  {x['routine_title']}  "
              f"{STATUS_WORDS.get(x['status'], x['status'])}, {_pain(x)}"
              + _points(x) for x in report["sessions"]] or ["   none"]
    lines.append("")
    lines.append("Headache days per month: " + pair_rows(headache_days_per_month(report)))
    lines.append("Medication days per class: " + pair_rows(medication_days_per_class(report)))
    lines += [f"   {a.text}" for a in overuse_alerts(report)]
    notes = [(x["started_at"], x["note"]) for x in report["sessions"] if x.get("note")]
    notes += [(h["started_at"], h["notes"]) for h in report["headaches"] if h.get("notes")]
    if notes:
        lines += ["", "Notes:"]
        lines += [f"   {when(at)}  {text}" for at, text in sorted(notes)]
    elif not report.get("notes_included", True):
        lines += ["", "The client left their notes out of this report."]
    return "\n".join(lines)


def _points(session: dict[str, Any]) -> str:
    parts = []
    for p in session.get("points", []):
        bits = [p["point"] + (f" {p['side']}" if p.get("side") else "")]
        if p.get("tenderness") is not None:
            bits.append(f"tenderness {p['tenderness']}")
        if p.get("time_to_ease_seconds") is not None:
            bits.append(f"eased after {p['time_to_ease_seconds']:g} s")
        parts.append(" ".join(bits))
    return ("; " + ", ".join(parts)) if parts else ""
