"""The plan's fixed timeline, computed once per session: its marks and its points.

A mark is one scheduled event on the plan's own clock: a phase start, a countdown tick or
the finish. The engine walks these in order; it and the cue scheduler name a mark by its
position in the list, so an event delivered late is still known as the one scheduled early.
"""

from __future__ import annotations

from tpguide.core.session.planner import Phase, Plan, to_microseconds

COUNTDOWN: tuple[int, ...] = (3, 2, 1)
"""Seconds before every press phase at which a tick is due."""

# Marks are sorted by (position in microseconds, priority, phase index); lead is seconds
# before the phase start (ticks only).
PHASE, FINISH, TICK = 0, 1, 2
Mark = tuple[int, int, int, int]


def build_marks(plan: Plan) -> list[Mark]:
    """Every phase start, every countdown tick at or after the session start, and the finish."""
    marks: list[Mark] = []
    for index, phase in enumerate(plan.phases):
        key = to_microseconds(phase.start)
        marks.append((key, PHASE, index, 0))
        if phase.kind == "press":
            marks.extend(
                (key - lead * 1_000_000, TICK, index, lead)
                for lead in COUNTDOWN
                if key >= lead * 1_000_000
            )
    marks.append((to_microseconds(plan.total_seconds), FINISH, len(plan.phases) - 1, 0))
    marks.sort()
    return marks


def mark_offsets(plan: Plan, marks: list[Mark]) -> list[float]:
    """Each mark's offset in seconds from the plan's start (the hot loop only adds)."""
    return [plan.total_seconds if m[1] == FINISH else plan.phases[m[2]].start - m[3]
            for m in marks]


def _block(phase: Phase) -> tuple[int, str | None] | None:
    """One side of one point: the unit "Next: ..." announces."""
    return None if phase.point_index is None else (phase.point_index, phase.side)


def next_blocks(phases: tuple[Phase, ...]) -> list[int | None]:
    """For each phase, the first later phase that begins a different point or side."""
    result: list[int | None] = [None] * len(phases)
    following: int | None = None  # nearest later phase that belongs to a point
    for i in range(len(phases) - 1, -1, -1):
        if following is not None and _block(phases[following]) == _block(phases[i]):
            result[i] = result[following]
        else:
            result[i] = following
        if _block(phases[i]) is not None:
            following = i
    return result


def point_firsts(phases: tuple[Phase, ...]) -> list[int]:
    """The index of each point's first phase, in point order."""
    firsts: dict[int, int] = {}
    for i, phase in enumerate(phases):
        if phase.point_index is not None:
            firsts.setdefault(phase.point_index, i)
    return [firsts[p] for p in sorted(firsts)]
