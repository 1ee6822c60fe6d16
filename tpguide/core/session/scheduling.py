"""Hands every cue to the player before it is due, so it is heard on the boundary.

The audio stream is read well ahead of what is heard (``CuePlayer.lead``), so a cue
handed over at its due time is heard late by that much. The engine knows every coming
event: the scheduler asks it for those due within the lead (and a margin) and gives each
cue to the player with its due time; the player places it where the stream is heard then.
When the engine later delivers that event, its cue is not played again.

A control the person uses (start, resume, skip, back, next or previous point) changes the
timeline at once; the new phase's cue can only be heard when the stream gets there, so
the engine is moved on by that delay and the phase counts from when its cue is heard.
No Qt here: the controller drives this from its timer, tests from a fake clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from tpguide.core.session.cues import CuePlayer
from tpguide.core.session.engine import Event, SessionEngine

MARGIN_S = 0.2
"""Cues are handed over this long before the stream's read-ahead would make them late (a
wake can be late on a busy machine; the stream reads in chunks)."""
PEEK = 8
"""How many coming events are looked at to find when to wake next."""


class SessionClock:
    """The engine's clock: the base clock, ``speed`` times as fast from its creation.

    The editor's preview runs ten times faster; cues still go to the player on the base
    (real) clock, so ``real_time`` converts the engine's due times back.
    """

    def __init__(self, speed: float, base: Callable[[], float]) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = float(speed)
        self.base = base
        self._t0 = base()

    def __call__(self) -> float:
        if self.speed == 1.0:
            return self.base()
        return self._t0 + (self.base() - self._t0) * self.speed

    def real_time(self, engine_time: float) -> float:
        """The base clock's time at which the engine's clock reads ``engine_time``."""
        if self.speed == 1.0:
            return engine_time
        return self._t0 + (engine_time - self._t0) / self.speed


class CueScheduler:
    """Schedules the cues of coming events and plays those of events it did not foresee.

    ``cues_of(event)`` says which cues an event plays (none when sound is off for it).
    """

    def __init__(self, engine: SessionEngine, player: CuePlayer,
                 cues_of: Callable[[Event], list[str]], clock: SessionClock) -> None:
        self._engine = engine
        self._player = player
        self._cues_of = cues_of
        self._clock = clock
        self._handed: set[int] = set()  # marks whose cues the player has

    def lookahead(self) -> float:
        """Seconds (real) before its due time that a cue is handed over."""
        lead = self._player.lead
        return lead + MARGIN_S if lead > 0 else 0.0

    def forget(self) -> None:
        """The player dropped what it had not yet sounded (a pause, a jump, a stop)."""
        self._player.withdraw()
        self._handed.clear()

    def hand_over(self) -> None:
        """Give the player every cue due within the lookahead that it does not have yet."""
        ahead = self.lookahead()
        if ahead <= 0:
            return
        until = self._clock() + ahead * self._clock.speed
        for event in self._engine.upcoming(until):
            if event.mark in self._handed:
                continue
            self._handed.add(event.mark)
            at = self._clock.real_time(event.due)
            for cue in self._cues_of(event):
                self._player.schedule(cue, at)

    def next_wake(self) -> float | None:
        """Engine time at which the next cue not yet handed over must be handed over."""
        ahead = self.lookahead()
        if ahead <= 0:
            return None
        coming = self._engine.upcoming(math.inf)[:PEEK]
        due = next((e.due for e in coming if e.mark not in self._handed), None)
        if due is None:
            return coming[-1].due if coming else None
        return due - ahead * self._clock.speed

    def sound(self, events: list[Event], only_newest: bool = False) -> float:
        """Play the cues of delivered events that were not handed over ahead of time.

        They sound as soon as the stream allows. ``only_newest``: after a stall only the
        last event with cues sounds. Returns how late (real seconds) the latest of their
        tones is heard after it was due (0 when none was late).
        """
        sounding = [(e, cues) for e in events
                    if e.mark not in self._handed and (cues := self._cues_of(e))]
        if only_newest:
            sounding = sounding[-1:]
        late = 0.0
        for event, cues in sounding:
            if event.mark >= 0:
                self._handed.add(event.mark)
            at = self._clock.real_time(event.due)
            heard = [self._player.schedule(cue, at) for cue in cues]
            late = max(late, heard[0] - at)  # the tone; the voice follows it on purpose
        return late

    def make_room(self, late: float) -> None:
        """After a control: let the timeline wait until the stream can sound its cues.

        ``late`` is how long after now the new phase's cue is heard (from ``sound``); a
        resume with a boundary closer than the stream's lead waits for that too.
        """
        if self._engine.state != "running":
            return
        wait = late
        deadline = self._engine.next_deadline()
        if deadline is not None and self._player.lead > 0:
            soonest = self._clock.base() + self._player.lead
            wait = max(wait, soonest - self._clock.real_time(deadline))
        if wait > 0:
            self._engine.delay(wait * self._clock.speed)
