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
from tpguide.core.i18n import N_, _

STATUS_WORDS = {"completed": N_("completed"), "interrupted": N_("interrupted (cut short)"),
                "stopped": N_("stopped"), "unwell": N_("STOPPED - felt unwell")}
"""How a session's stored status reads (English; see ``status_words``)."""


def status_words(status: str) -> str:
    """A stored status as a person reads it, in the active language (unknown: as stored)."""
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def when(text: str) -> str:
    """A stored UTC time as local date and time."""
    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")


def _pain(session: dict[str, Any]) -> str:
    before, after = session.get("pain_before"), session.get("pain_after")
    if before is None and after is None:
        return _("pain not rated")
    return _("pain {before} -> {after}").format(before="-" if before is None else before,
                                                 after="-" if after is None else after)


def client_text(report: Report) -> str:
    s = summarize(report)
    client = report["client"]
    lines = [_("{name}  (client id {id})").format(name=client["name"] or _("(no name)"),
                                                  id=client["id"]),
             _("Period {since} to {until}; report made {made}").format(
                 since=s.since, until=s.until, made=when(report["created"])),
             _("{sessions} sessions ({completed} completed), adherence {adherence}, "
               "median pain change {change}").format(
                 sessions=s.sessions, completed=s.completed, adherence=percent(s.adherence),
                 change=change_words(s.median_change)), ""]
    stops = unwell_stops(report)
    if stops:
        lines.append(_("!! {n} session(s) stopped with 'I feel unwell' - read first:").format(
            n=len(stops)))
        lines += [f"   {r.started_at.astimezone():%Y-%m-%d %H:%M}  {r.routine_title}"
                  + (_("  note: {note}").format(note=r.note) if r.note else "") for r in stops]
        lines.append("")
    if report["courses"]:
        lines.append(_("Courses:"))
        lines += ["   " + _("{title} ({start} to {end}): {done} of {due} sessions").format(
                  title=c["title"], start=c["start"], end=c["end"], done=c["done"], due=c["due"])
                  for c in report["courses"]]
        lines.append("")
    lines.append(_("Sessions:"))
    lines += [f"   {when(x['started_at'])}  {x['routine_title']}  "
              f"{status_words(x['status'])}, {_pain(x)}"
              + _points(x) for x in report["sessions"]] or ["   " + _("none")]
    lines.append("")
    lines.append(_("Headache days per month: {months}").format(
        months=pair_rows(headache_days_per_month(report))))
    lines.append(_("Medication days per class: {classes}").format(
        classes=pair_rows(medication_days_per_class(report))))
    lines += [f"   {a.text}" for a in overuse_alerts(report)]
    notes = [(x["started_at"], x["note"]) for x in report["sessions"] if x.get("note")]
    notes += [(h["started_at"], h["notes"]) for h in report["headaches"] if h.get("notes")]
    if notes:
        lines += ["", _("Notes:")]
        lines += [f"   {when(at)}  {text}" for at, text in sorted(notes)]
    elif not report.get("notes_included", True):
        lines += ["", _("The client left their notes out of this report.")]
    return "\n".join(lines)


def _points(session: dict[str, Any]) -> str:
    parts = []
    for p in session.get("points", []):
        bits = [p["point"] + (f" {p['side']}" if p.get("side") else "")]
        if p.get("tenderness") is not None:
            bits.append(_("tenderness {level}").format(level=p["tenderness"]))
        if p.get("time_to_ease_seconds") is not None:
            bits.append(_("eased after {seconds} s").format(
                seconds=f"{p['time_to_ease_seconds']:g}"))
        parts.append(" ".join(bits))
    return ("; " + ", ".join(parts)) if parts else ""
