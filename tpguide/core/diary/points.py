"""What the diary knows about each point: recent tenderness, time to ease, and hold suggestions.

Pure functions over ``PressRecord`` lists (newest session first, as the store returns them),
so the "Your points" page, the routine page and the editor all read the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from statistics import median

from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.stats import week_start
from tpguide.core.i18n import N_, _
from tpguide.core.routines.durations import format_seconds
from tpguide.core.routines.editing import PointDraft, RoutineDraft
from tpguide.core.routines.routine import PointStep, Routine

HOLD_MARGIN = 10.0
"""Seconds added to the usual time to ease, so a suggested hold rarely cuts one short."""
HOLD_MIN, HOLD_MAX = 15.0, 90.0
"""The range a suggested longest hold is kept in (over 90 s the format warns)."""
RECENT = 5
"""How many eased presses (for a suggestion) or sessions (for a summary) count as recent."""

PointSide = tuple[str, str]


def _newest_first(presses: Sequence[PressRecord]) -> list[PressRecord]:
    """Newest session first; within a session the later press first."""
    def key(p: PressRecord) -> tuple[datetime, int, int, int]:
        return (p.started_at or datetime.min, p.session_id, p.step, p.cycle)

    return sorted(presses, key=key, reverse=True)


def suggested_hold(times_to_ease: Sequence[float]) -> float | None:
    """The median of the most recent (first) five times to ease plus 10 s, in whole seconds,
    kept within 15-90 s; None when there is nothing to go on."""
    recent = list(times_to_ease[:RECENT])
    if not recent:
        return None
    return min(HOLD_MAX, max(HOLD_MIN, float(round(median(recent) + HOLD_MARGIN))))


def times_to_ease(presses: Sequence[PressRecord], point: str) -> list[float]:
    """Every eased press of a point (either side), newest first."""
    return [p.held_seconds for p in _newest_first(presses) if p.point == point and p.eased]


@dataclass(frozen=True)
class HoldChange:
    """One until-eased step whose longest hold would change to fit the person's own times."""

    step: int
    point: str
    current: float
    suggested: float
    based_on: int  # how many eased presses the suggestion comes from


def hold_changes(routine: Routine, presses: Sequence[PressRecord]) -> list[HoldChange]:
    """The change "Use my hold times" offers for each until-eased step (none where it is
    already the suggestion, or where the point never eased)."""
    changes: list[HoldChange] = []
    for index, step in enumerate(routine.steps):
        if not isinstance(step, PointStep) or not step.settings.until_eased:
            continue
        times = times_to_ease(presses, step.point)
        new = suggested_hold(times)
        if new is not None and new != step.settings.press:
            changes.append(HoldChange(index, step.point, step.settings.press, new,
                                      min(len(times), RECENT)))
    return changes


@dataclass(frozen=True)
class EaseSummary:
    """How a point on one side eased over its last few sessions with until-eased holds."""

    point: str
    side: str
    sessions: int
    eased_seconds: float | None  # median time to ease; None: it never eased in them


def ease_summary(presses: Sequence[PressRecord], point: str, side: str) -> EaseSummary | None:
    """Over the point-side's last five sessions that held it until eased; None if none did."""
    held = [p for p in _newest_first(presses) if p.point == point and p.side == side
            and p.outcome != "timed"]
    sessions = list(dict.fromkeys(p.session_id for p in held))[:RECENT]
    eased = [p.held_seconds for p in held if p.session_id in sessions and p.eased]
    if not sessions:
        return None
    return EaseSummary(point, side, len(sessions), median(eased) if eased else None)


def about_seconds(seconds: float) -> int:
    """A time to ease as people say it: to the nearest 5 s (at least 5)."""
    return max(5, int(round(seconds / 5.0)) * 5)


def ease_words(summary: EaseSummary, translate: Callable[[str], str] = _) -> str:
    """``eased in about 35 s (last 5 sessions)``, or ``did not ease (last session)``, in the
    active language; a screen may pass its own ``translate`` (Qt's tr, the same catalogue)."""
    sessions = (translate(N_("last session")) if summary.sessions == 1 else
                translate(N_("last {n} sessions")).format(n=summary.sessions))
    if summary.eased_seconds is None:
        return translate(N_("did not ease ({sessions})")).format(sessions=sessions)
    return translate(N_("eased in about {seconds} s ({sessions})")).format(
        seconds=about_seconds(summary.eased_seconds), sessions=sessions)


@dataclass(frozen=True)
class Tenderness:
    """The latest tenderness a point-side was given, and the weekly means behind its trend."""

    point: str
    side: str
    latest: int
    when: datetime
    weekly: tuple[tuple[date, float], ...]  # oldest week first


def tenderness_by_point(presses: Sequence[PressRecord], tz: tzinfo | None = None,
                        weeks: int = 8) -> list[Tenderness]:
    """Every point-side that was ever given a tenderness, most tender first."""
    rated: dict[PointSide, list[tuple[datetime, int]]] = {}
    for press in _newest_first(presses):
        if press.tenderness is not None and press.started_at is not None:
            rated.setdefault((press.point, press.side), []).append(
                (press.started_at, press.tenderness))
    marks = []
    for (point, side), rows in rated.items():
        by_week: dict[date, list[int]] = {}
        for when, value in rows:
            by_week.setdefault(week_start(when, tz), []).append(value)
        weekly = sorted((week, sum(v) / len(v)) for week, v in by_week.items())[-weeks:]
        when, value = rows[0]
        marks.append(Tenderness(point, side, value, when, tuple(weekly)))
    return sorted(marks, key=lambda m: (-m.latest, m.point, m.side))


def change_lines(changes: Sequence[HoldChange], names: dict[str, str],
                 translate: Callable[[str], str] = _) -> list[str]:
    """``Step 1, Upper trapezius, top of the shoulder: at most 60 s -> 45 s (from 5 eased
    holds)``: the list a person reads before accepting; ``names`` maps point ids to names."""
    return [translate(N_("Step {n}, {point}: at most {old} s → {new} s (from {count} eased "
                         "holds)")).format(n=c.step + 1, point=names.get(c.point, c.point),
                                       old=format_seconds(c.current),
                                       new=format_seconds(c.suggested), count=c.based_on)
            for c in changes]


HOLDS_QUESTION = N_("Your own times to ease would change these holds (the median of each "
                    "point's last five eased holds, plus 10 seconds):\n\n{lines}")


def apply_hold_changes(draft: RoutineDraft, changes: Sequence[HoldChange]) -> None:
    """Set each changed step's own ``press`` in an editor draft (the person accepted them)."""
    for change in changes:
        step = draft.steps[change.step]
        if isinstance(step, PointDraft) and step.point == change.point:
            step.values["press"] = change.suggested
