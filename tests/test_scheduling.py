"""Cues on the beat, under a fake clock: every cue is handed to a stream that reads ahead
early enough to be heard on its boundary, with zero drift; the person's jumps re-time the
session so a phase counts from when its cue is heard; pauses and jumps withdraw the rest."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.session_helpers import FakeClock, reference_cues
from tests.test_engine import plan_of, point
from tpguide.core.routines.routine import RestStep
from tpguide.core.session.cues import RecordingCuePlayer, announcements, cues_for_event
from tpguide.core.session.engine import Event, SessionEngine
from tpguide.core.session.planner import Plan
from tpguide.core.session.prompts import fit_session
from tpguide.core.session.scheduling import MARGIN_S, CueScheduler, SessionClock

LEAD = 0.25  # like a PulseAudio stream: what is handed over now is heard this much later


def cues_of(plan: Plan) -> Callable[[Event], list[str]]:
    """Each event's cues as the controller chooses them (the voice fitted to the phases)."""
    announce = announcements(plan.phases)
    fitted = fit_session(plan.phases, speech=False)
    return lambda event: cues_for_event(event, announce, fitted=fitted)


class Session:
    """The controller's loop without Qt: wake exactly when asked, sound, hand over."""

    def __init__(self, plan: Plan, lead: float = LEAD, speed: float = 1.0) -> None:
        self.clock = FakeClock()
        self.session_clock = SessionClock(speed, self.clock)
        self.engine = SessionEngine(plan, self.session_clock)
        self.player = RecordingCuePlayer(self.clock, lead=lead)
        self.scheduler = CueScheduler(self.engine, self.player, cues_of(plan),
                                      self.session_clock)
        self.events: list[Event] = []

    def refresh(self, control: bool = False) -> None:
        events = self.engine.poll()
        self.events += events
        late = self.scheduler.sound(events)
        if control:
            self.scheduler.make_room(late)
        if self.engine.state == "running":
            self.scheduler.hand_over()

    def start(self) -> None:
        self.engine.start()
        self.refresh(control=True)

    def control(self, action: str) -> None:
        assert getattr(self.engine, action)()
        self.scheduler.forget()
        self.refresh(control=True)

    def next_wake(self) -> float | None:
        times = [t for t in (self.engine.next_deadline(), self.scheduler.next_wake())
                 if t is not None]
        return self.session_clock.real_time(min(times)) if times else None

    def run(self, until: float | None = None) -> None:
        while (wake := self.next_wake()) is not None and (until is None or wake <= until):
            self.clock.now = max(wake + 1e-9, self.clock.now)  # a timer never fires early
            self.refresh()
        if until is not None:
            self.clock.now = max(until, self.clock.now)
            self.refresh()

    def tones(self) -> list[tuple[float, str]]:
        return [(t, c) for t, c in self.player.played if not c.startswith("voice:")]


def _plan() -> Plan:
    return plan_of(point(side="left", cycles=2, prepare=4, press=4, release=3),
                   RestStep(3.6), point("b", side="right", prepare=3, press=4, release=3))


def test_every_cue_is_handed_over_early_and_heard_on_its_boundary() -> None:
    session = Session(_plan())
    session.start()
    origin = session.clock.now + LEAD  # phase 0 counts from when its cue is heard
    session.run()
    plan = session.engine.plan
    assert session.player.cues == reference_cues(plan)
    tones = [(t, c) for t, c in session.tones() if c != "tick"]
    assert [c for _, c in tones] == [p.kind for p in plan.phases]
    for (heard, _), phase in zip(tones, plan.phases, strict=True):
        assert heard == pytest.approx(origin + phase.start, abs=1e-6)  # zero drift
    ticks = [t for t, c in session.tones() if c == "tick"]
    presses = [origin + p.start for p in plan.phases if p.kind == "press"]
    assert ticks == pytest.approx(sorted(p - k for p in presses for k in (3, 2, 1)))


def test_the_scheduler_wakes_a_lead_and_a_margin_before_each_cue() -> None:
    session = Session(_plan())
    session.start()
    handed_at: dict[int, float] = {}
    while (wake := session.next_wake()) is not None:
        session.clock.now = max(wake, session.clock.now)
        before = set(session.scheduler._handed)
        session.refresh()
        for mark in set(session.scheduler._handed) - before:
            handed_at[mark] = session.clock.now
    coming = {e.mark: e.due for e in session.events if e.mark >= 0}
    early = [coming[m] - t for m, t in handed_at.items() if m in coming]
    assert early and min(early) == pytest.approx(LEAD + MARGIN_S, abs=0.002)


def test_a_skip_changes_the_screen_at_once_and_the_phase_counts_from_its_cue() -> None:
    session = Session(_plan())
    session.start()
    session.run(until=session.clock.now + 1.0 + LEAD)  # 1 s into the 4 s prepare
    pressed = session.clock.now
    session.control("skip")
    assert session.engine.snapshot().phase.kind == "press"  # the screen changes at once
    assert session.engine.snapshot().phase_remaining == 4.0
    heard = [t for t, c in session.player.played if c == "press"]
    assert heard == [pytest.approx(pressed + LEAD)]  # as soon as the stream allows
    session.run(until=pressed + LEAD + 3.999)
    assert session.engine.snapshot().phase.kind == "press"  # never shortened
    session.run(until=pressed + LEAD + 4.0)
    assert session.engine.snapshot().phase.kind == "release"
    release = [t for t, c in session.player.played if c == "release"]
    assert release == [pytest.approx(pressed + LEAD + 4.0, abs=1e-6)]


def test_a_pause_withdraws_every_cue_not_yet_heard() -> None:
    session = Session(_plan())
    session.start()
    boundary = session.clock.now + LEAD + 4.0  # the first press
    session.run(until=boundary - 0.1)  # the press tone is handed over already
    assert "press" in [c for t, c in session.player.withdrawn + session.player.played
                       if t == pytest.approx(boundary)]
    session.control("pause")
    assert [c for _, c in session.player.withdrawn] == ["press", "voice:press"]
    assert all(t <= session.clock.now for t, _ in session.player.played)
    session.clock.advance(30.0)
    session.control("resume")
    resumed = session.clock.now
    session.run(until=resumed + 2.0)
    presses = [t for t, c in session.player.played if c == "press"]
    # 0.1 s was left, less than the stream needs: the timeline waits until it can be heard
    assert presses == [pytest.approx(resumed + LEAD, abs=1e-6)]
    assert session.engine.snapshot().phase.kind == "press"


def test_a_resume_far_from_a_boundary_keeps_its_time() -> None:
    session = Session(_plan())
    session.start()
    session.run(until=session.clock.now + 2.0)
    left = session.engine.snapshot().phase_remaining
    session.control("pause")
    session.clock.advance(5.0)
    session.control("resume")
    assert session.engine.snapshot().phase_remaining == pytest.approx(left)


@pytest.mark.parametrize("action", ["back", "next_point", "previous_point"])
def test_every_jump_withdraws_and_re_times(action: str) -> None:
    session = Session(_plan())
    session.start()
    session.run(until=session.clock.now + 7.9)  # in the first press, 0.1 s before release
    pressed = session.clock.now
    session.control(action)
    assert ("release" in [c for _, c in session.player.withdrawn]) is True
    phase = session.engine.snapshot().phase
    assert session.engine.snapshot().phase_remaining == phase.duration
    first = [t for t, c in session.player.played if t > pressed and c == phase.kind]
    assert first == [pytest.approx(pressed + LEAD)]


def test_a_preview_at_ten_times_speed_still_lands_on_its_boundaries() -> None:
    session = Session(_plan(), speed=10.0)
    session.start()
    origin = session.clock.now + LEAD
    session.run()
    plan = session.engine.plan
    tones = [(t, c) for t, c in session.tones() if c != "tick"]
    for (heard, _), phase in zip(tones, plan.phases, strict=True):
        assert heard == pytest.approx(origin + phase.start / 10, abs=1e-6)


def test_without_a_read_ahead_cues_are_played_when_due() -> None:
    session = Session(_plan(), lead=0.0)
    session.start()
    session.run()
    assert session.scheduler.lookahead() == 0.0
    assert session.player.cues == reference_cues(session.engine.plan)


def test_upcoming_events_are_the_ones_poll_delivers_later() -> None:
    clock = FakeClock()
    engine = SessionEngine(_plan(), clock)
    engine.start()
    engine.poll()
    ahead = engine.upcoming(clock.now + 4.5)
    assert [(e.kind, e.due - clock.now) for e in ahead] == [
        ("tick", 1.0), ("tick", 2.0), ("tick", 3.0), ("phase_started", 4.0)]
    clock.advance(4.5)
    delivered = engine.poll()
    assert [(e.kind, e.mark, e.due) for e in delivered] == [
        (e.kind, e.mark, e.due) for e in ahead]
    engine.pause()
    assert engine.upcoming(clock.now + 100) == []


def test_delay_moves_every_later_event_and_nothing_drifts() -> None:
    clock = FakeClock()
    engine = SessionEngine(_plan(), clock)
    engine.start()
    engine.poll()
    assert engine.delay(0.25)
    assert engine.next_deadline() == pytest.approx(clock.now + 1.25)
    for _ in range(40):
        deadline = engine.next_deadline()
        if deadline is None:
            break
        clock.now = max(deadline, clock.now)
        for event in engine.poll():
            if event.kind == "phase_started" and event.phase is not None:
                assert event.due == pytest.approx(1000.25 + event.phase.start, abs=1e-6)
    assert engine.state == "finished"


class QueueingPlayer(RecordingCuePlayer):
    """Voices queue behind their tone, as in the mixer: heard a second after it."""

    def schedule(self, cue: str, at: float) -> float:
        heard = super().schedule(cue, at)
        return heard + 1.0 if cue.startswith("voice:") else heard


def test_a_start_waits_for_the_tone_not_for_the_voice_after_it() -> None:
    session = Session(_plan())
    session.player = QueueingPlayer(session.clock, lead=LEAD)
    session.scheduler = CueScheduler(session.engine, session.player,
                                     cues_of(session.engine.plan), session.session_clock)
    session.start()
    started = session.clock.now
    assert session.player.cues[0] == "prepare" and session.player.cues[1].startswith("voice:")
    assert session.engine.next_deadline() == pytest.approx(started + LEAD + 1.0)  # a tick
