"""Continue where I stopped: from a session row cut short to the phase to begin again at.

The diary keeps how far each session got on its plan's timeline (``completed_seconds``).
A session that was interrupted (a crash, a power cut) or stopped with Esc can be taken up
again at the start of the point and side it had reached: never after "I feel unwell",
never after a finished one, and only for a while (a day later it is a new session).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tpguide.core.diary.records import SessionRecord
from tpguide.core.session.planner import Plan

RESUMABLE = frozenset({"interrupted", "stopped"})
OFFER_FOR = timedelta(hours=12)
"""How long after it started a cut-short session is offered again."""


@dataclass(frozen=True)
class ResumePoint:
    """Where a continued session begins: phase ``index`` of the plan, on ``point``'s
    ``side``, which is point ``point_number`` of ``point_count``."""

    session_id: int
    routine_id: str
    routine_title: str
    index: int
    point: str
    side: str | None
    point_number: int
    point_count: int
    left_seconds: float


def block_start(plan: Plan, position: float) -> int | None:
    """The first phase of the point and side being worked at ``position`` seconds.

    A rest between points counts as the point after it. None when nothing is left to do,
    or when the session had not got past its first point's first side (start afresh).
    """
    phases = plan.phases
    at = next((i for i, p in enumerate(phases) if p.start <= position < p.end), None)
    if at is None:
        return None
    while at < len(phases) and phases[at].point_index is None:
        at += 1  # a rest: the point that follows
    if at >= len(phases):
        return None
    block = (phases[at].point_index, phases[at].side)
    while at > 0 and (phases[at - 1].point_index, phases[at - 1].side) == block:
        at -= 1
    return at or None


def resume_point(record: SessionRecord, plan: Plan) -> ResumePoint | None:
    """Where ``record``'s session would continue with this plan, if it can."""
    if record.status not in RESUMABLE or record.routine_id != plan.routine_id:
        return None
    index = block_start(plan, record.completed_seconds or 0.0)
    if index is None:
        return None
    phase = plan.phases[index]
    assert phase.point is not None
    assert phase.point_index is not None
    return ResumePoint(record.id, record.routine_id, record.routine_title, index, phase.point,
                       phase.side, phase.point_index + 1, plan.point_count,
                       plan.total_seconds - phase.start)


def last_cut_short(sessions: Iterable[SessionRecord], now: datetime) -> SessionRecord | None:
    """The newest session, when it was cut short (not finished, not "unwell") and recent."""
    newest = max(sessions, key=lambda s: (s.started_at, s.id), default=None)
    if newest is None or newest.status not in RESUMABLE:
        return None
    return newest if now - newest.started_at <= OFFER_FOR else None
