"""Runs a plan against an injectable monotonic clock, so sessions are exact and testable.

Every phase boundary is ``session_start + offset + phase.start``, where ``offset`` is the
single timeline offset: the total time paused plus whatever skips and backs moved the
timeline by. Nothing is chained from one phase to the next, so nothing drifts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tpguide.core.session.planner import Phase, Plan
from tpguide.core.session.timeline import (
    COUNTDOWN,
    FINISH,
    PHASE,
    TICK,
    build_marks,
    mark_offsets,
    next_blocks,
    point_firsts,
)

State = Literal["idle", "running", "paused", "finished", "stopped"]
EventKind = Literal["phase_started", "tick", "paused", "resumed", "finished", "stopped", "stall"]

STALL_SECONDS = 10.0
"""An event delivered more than this long after it was due reports a stall."""
BACK_GRACE_SECONDS = 2.0
"""Within this long of a phase (point) start, back (previous point) goes one further back."""
__all__ = ["COUNTDOWN", "Event", "SessionEngine", "Snapshot", "State"]


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or became due) at monotonic time ``due``.

    ``phase``/``index``: the phase started, the press a tick counts down to, or the phase
    current at pause, resume, stop and finish. ``count``: 3, 2 or 1 on ticks.
    ``late``: on a stall, how long after its due time the oldest late event was delivered.
    ``mark``: which scheduled mark it is (the same number ``upcoming`` gave it ahead of
    time); -1 for pause, resume, stop and stall.
    """

    kind: EventKind
    due: float
    phase: Phase | None = None
    index: int | None = None
    count: int | None = None
    late: float = 0.0
    mark: int = -1


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a session view shows at one instant; times in seconds."""

    state: State
    phase: Phase
    index: int
    phase_count: int
    phase_elapsed: float
    phase_remaining: float
    elapsed: float
    remaining: float
    total: float
    progress: float
    point_number: int | None
    point_count: int
    next_point: str | None
    next_side: str | None
    upcoming: Phase | None


class SessionEngine:
    """The session's state machine: idle -> running <-> paused -> finished | stopped.

    Controls (start, pause, resume, stop, skip, back, next_point, previous_point) return
    whether they did anything; outside the states where they apply they are no-ops.
    Events accumulate until ``poll()``; ``next_deadline()`` says when to poll next.
    """

    def __init__(self, plan: Plan, clock: Callable[[], float] = time.monotonic, *,
                 stall_after: float = STALL_SECONDS) -> None:
        if not plan.phases:
            raise ValueError("a plan needs at least one phase")
        self._stall_after, self._plan, self._phases, self._clock = (
            stall_after, plan, plan.phases, clock)
        self._marks = build_marks(plan)
        self._offsets = mark_offsets(plan, self._marks)
        self._start_mark = {m[2]: n for n, m in enumerate(self._marks) if m[1] == PHASE}
        self._finish_mark = next(n for n, m in enumerate(self._marks) if m[1] == FINISH)
        self._next_block = next_blocks(plan.phases)
        self._point_first = point_firsts(plan.phases)
        self._state: State = "idle"
        self._t0 = self._origin = self._paused_at = 0.0  # monotonic times
        self._paused_total = self._jump_total = 0.0  # seconds the timeline was moved by
        self._stopped_at_position = 0.0
        self._begin = 0  # the phase a start begins at (start_at)
        self._index = 0
        self._cursor = 0
        self._last_due = float("-inf")
        self._pending: list[Event] = []

    # ----- queries -------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def state(self) -> State:
        return self._state

    @property
    def index(self) -> int:
        return self._index

    @property
    def paused_total(self) -> float:
        """Seconds spent paused so far (not counting a pause in progress)."""
        return self._paused_total

    def poll(self, gap: float = 0.0) -> list[Event]:
        """All events due up to now, oldest first; a ``stall`` event ends a late batch.

        ``gap``: how long after it was due the caller woke up to poll (seconds of this
        engine's clock). A gap over the stall limit is a stall too, even when no mark was
        due in it (the process was frozen in the middle of a long press).
        """
        now = self._clock()
        self._advance(now, gap)
        events, self._pending = self._pending, []
        return events

    def next_deadline(self) -> float | None:
        """Monotonic time of the next event (in the past if some are waiting to be polled)."""
        if self._pending:
            return self._pending[0].due
        if self._state != "running" or self._cursor >= len(self._marks):
            return None
        return max(self._origin + self._offsets[self._cursor], self._last_due)

    def start_time(self, index: int) -> float:
        """Monotonic time at which phase ``index`` begins on the current timeline."""
        return self._origin + self._phases[index].start

    def upcoming(self, until: float) -> list[Event]:
        """The events not yet delivered that fall due by monotonic time ``until``, oldest first.

        What the cue player needs ahead of time: each has its due time and the ``mark``
        number that ``poll`` gives the same event when it is delivered. Only while running
        (a pause or a jump moves every later time).
        """
        if self._state != "running":
            return []
        found: list[Event] = []
        for number in range(self._cursor, len(self._marks)):
            due = max(self._origin + self._offsets[number], self._last_due)
            if due > until:
                break
            found.append(self._event(number, due))
            if number == self._finish_mark:
                break
        return found

    def snapshot(self) -> Snapshot:
        """What to show now; brings the engine up to date first (events wait for ``poll``)."""
        now = self._clock()
        self._advance(now)
        phase = self._phases[self._index]
        total = self._plan.total_seconds
        position = self._position(now)
        phase_elapsed = min(max(position - phase.start, 0.0), phase.duration)
        following = self._next_block[self._index]
        ahead = None if following is None else self._phases[following]
        upcoming = self._index + 1
        return Snapshot(
            state=self._state, phase=phase, index=self._index, phase_count=len(self._phases),
            phase_elapsed=phase_elapsed, phase_remaining=max(phase.duration - phase_elapsed, 0.0),
            elapsed=position, remaining=max(total - position, 0.0), total=total,
            progress=self._progress(position),
            point_number=None if phase.point_index is None else phase.point_index + 1,
            point_count=self._plan.point_count,
            next_point=None if ahead is None else ahead.point,
            next_side=None if ahead is None else ahead.side,
            upcoming=self._phases[upcoming] if upcoming < len(self._phases) else None,
        )

    # ----- controls ------------------------------------------------------------------------

    def start_at(self, index: int) -> bool:
        """Before the start: begin at phase ``index`` (a session cut short, continued).

        Its position on the timeline is kept, so time left and "point 3 of 8" read as in
        the first run; the countdown ticks before that phase are not sounded.
        """
        if self._state != "idle" or not 0 <= index < len(self._phases):
            return False
        self._begin = self._index = index
        return True

    def start(self) -> bool:
        if self._state != "idle":
            return False
        now = self._t0 = self._origin = self._clock()
        self._state = "running"
        if self._begin:
            self._jump(now, self._begin)
        self._advance(now)
        return True

    def pause(self) -> bool:
        now = self._clock()
        self._advance(now)
        if self._state != "running":
            return False
        self._state, self._paused_at = "paused", now
        self._emit_current("paused", now)
        return True

    def resume(self) -> bool:
        if self._state != "paused":
            return False
        now = self._clock()
        self._paused_total += now - self._paused_at
        self._set_origin()
        self._state = "running"
        self._emit_current("resumed", now)
        self._advance(now)
        return True

    def stop(self) -> bool:
        now = self._clock()
        self._advance(now)
        if self._state in ("finished", "stopped"):
            return False
        self._stopped_at_position, self._state = self._position(now), "stopped"
        self._emit_current("stopped", now)
        return True

    def skip(self) -> bool:
        """Go to the start of the next phase."""
        return self._control(lambda now: self._index + 1)

    def back(self) -> bool:
        """Restart the current phase, or go to the previous one within 2 s of its start."""
        return self._control(self._back_target)

    def next_point(self) -> bool:
        """Go to the first phase of the next point (the done phase after the last point)."""
        return self._control(self._next_point_target)

    def previous_point(self) -> bool:
        """Restart the current point, or go to the previous one within 2 s of its start."""
        return self._control(self._previous_point_target)

    def delay(self, seconds: float) -> bool:
        """Move everything not yet delivered ``seconds`` later.

        After a start, resume or jump the new phase's cue can only be heard once the audio
        stream reaches it: the phase counts from then, so a press is never shortened.
        """
        if seconds <= 0 or self._state not in ("running", "paused"):
            return False
        self._jump_total += seconds
        self._set_origin()
        return True

    # ----- targets of the jumping controls ---------------------------------------------------

    def _back_target(self, now: float) -> int:
        into = self._position(now) - self._phases[self._index].start
        return self._index - 1 if into < BACK_GRACE_SECONDS and self._index > 0 else self._index

    def _next_point_target(self, now: float) -> int:
        for first in self._point_first:
            if first > self._index:
                return first
        return self._end_target()

    def _end_target(self) -> int:
        """The closing zero-length done phase, or past the end when a plan has none."""
        last = len(self._phases) - 1
        return last if self._phases[last].duration == 0 else last + 1

    def _previous_point_target(self, now: float) -> int:
        point = self._phases[self._index].point_index
        if point is None:
            earlier = [first for first in self._point_first if first < self._index]
            return earlier[-1] if earlier else 0
        first = self._point_first[point]
        if self._position(now) - self._phases[first].start >= BACK_GRACE_SECONDS:
            return first
        return self._point_first[point - 1] if point > 0 else 0

    # ----- timeline bookkeeping --------------------------------------------------------------

    def _control(self, target: Callable[[float], int]) -> bool:
        now = self._clock()
        self._advance(now)
        if self._state not in ("running", "paused"):
            return False
        self._jump(now, target(now))
        return True

    def _set_origin(self) -> None:
        """The monotonic time at which the plan's position 0 is (or would have been)."""
        self._origin = self._t0 + (self._paused_total + self._jump_total)

    def _raw_position(self, now: float) -> float:
        reference = self._paused_at if self._state == "paused" else now
        return reference - self._origin

    def _position(self, now: float) -> float:
        """Seconds into the plan's timeline, 0..total."""
        if self._state == "idle":
            return self._phases[self._begin].start
        if self._state == "finished":
            return self._plan.total_seconds
        if self._state == "stopped":
            return self._stopped_at_position
        return min(max(self._raw_position(now), 0.0), self._plan.total_seconds)

    def _progress(self, position: float) -> float:
        total = self._plan.total_seconds
        if total <= 0:
            return 1.0 if self._state == "finished" else 0.0
        return min(max(position / total, 0.0), 1.0)

    def _jump(self, now: float, target: int) -> None:
        """Move the timeline so that phase ``target`` starts now; its start events fire now."""
        if target >= len(self._phases):
            start, self._cursor = self._plan.total_seconds, self._finish_mark
        else:
            start, self._cursor = self._phases[target].start, self._start_mark[target]
            self._index = target
        self._jump_total += self._raw_position(now) - start
        self._set_origin()
        key = self._marks[self._cursor][0]
        while self._cursor < len(self._marks) and self._marks[self._cursor][0] == key:
            self._cursor += 1
            self._deliver(self._cursor - 1, now)
            if self._finished():
                break

    def _finished(self) -> bool:
        return self._state == "finished"

    def _advance(self, now: float, gap: float = 0.0) -> None:
        """Deliver every mark due by ``now``; report a stall when one was over 10 s late."""
        if self._state != "running":
            return
        oldest_late: float | None = now - gap if gap > self._stall_after else None
        marks, offsets, origin = self._marks, self._offsets, self._origin
        while self._cursor < len(marks):
            due = origin + offsets[self._cursor]
            if due > now:
                break
            self._cursor += 1
            if now - due > self._stall_after and (oldest_late is None or due < oldest_late):
                oldest_late = due
            self._deliver(self._cursor - 1, due)
            if self._finished():
                break
        if oldest_late is not None:
            self._emit("stall", now, late=now - oldest_late)

    def _event(self, number: int, due: float) -> Event:
        _, priority, index, lead = self._marks[number]
        kind: EventKind = ("phase_started" if priority == PHASE
                           else "tick" if priority == TICK else "finished")
        count = lead if priority == TICK else None
        return Event(kind, due, self._phases[index], index, count, mark=number)

    def _deliver(self, number: int, due: float) -> None:
        event = self._event(number, max(due, self._last_due))
        self._last_due = event.due
        if event.kind == "phase_started":
            self._index = event.index or 0
        elif event.kind == "finished":
            self._state = "finished"
        self._pending.append(event)

    def _emit_current(self, kind: EventKind, due: float) -> None:
        self._emit(kind, due, self._phases[self._index], self._index)

    def _emit(self, kind: EventKind, due: float, phase: Phase | None = None,
              index: int | None = None, late: float = 0.0) -> None:
        """Queue an event; due times never go backwards, even by a rounding error."""
        due = max(due, self._last_due)
        self._last_due = due
        self._pending.append(Event(kind, due, phase, index, late=late))
