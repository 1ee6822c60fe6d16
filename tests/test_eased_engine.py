"""Until-eased presses under the fake clock: early ends, pauses and backs, with zero drift.

The engine re-times everything after a skip through its one timeline offset; the tracker
(``core.session.presses``) turns the same events into the diary's rows: eased with its time,
did not ease, or a fixed press that was only rated.
"""

from __future__ import annotations

import pytest

from tests.test_engine import T0, FakeClock, plan_of, point
from tpguide.core.routines.routine import RestStep
from tpguide.core.session.engine import Event, SessionEngine
from tpguide.core.session.planner import Plan
from tpguide.core.session.presses import PressResult, PressTracker


def eased_plan() -> Plan:
    """prepare 5 | press 60 (eased) | release 10 | press 60 | release 10 | rest 20 |
    prepare 5 | press 30 (fixed) | release 10 | done."""
    return plan_of(point("upper-trapezius.1", side="left", cycles=2, press=60,
                         until_eased=True, rest=20),
                   point("temporalis.1", side="left", cycles=1))


class Session:
    """An engine and a tracker driven the way the Qt controller drives them."""

    def __init__(self, plan: Plan) -> None:
        self.clock = FakeClock()
        self.engine = SessionEngine(plan, self.clock)
        self.tracker = PressTracker(plan.phases)
        self.saved: list[PressResult] = []
        self.starts: list[tuple[str, float]] = []

    def _take(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "phase_started" and event.index is not None:
                assert event.phase is not None
                self.starts.append((event.phase.kind, event.due - T0))
                self._keep(self.tracker.phase_started(event.index))

    def _keep(self, result: PressResult | None) -> None:
        if result is not None:
            self.saved.append(result)

    def start(self) -> None:
        self.engine.start()
        self._take(self.engine.poll())

    def wait(self, seconds: float) -> None:
        """Sleep to each deadline within ``seconds``, as the controller's one timer does."""
        end = self.clock.now + seconds
        while (deadline := self.engine.next_deadline()) is not None and deadline <= end:
            self.clock.to(max(deadline, self.clock.now))
            self._take(self.engine.poll())
        self.clock.to(end)
        self._take(self.engine.poll())

    def eased(self) -> None:
        """Right, "It eased" or media Next: the snapshot before the skip gives the time held."""
        before = self.engine.snapshot()
        assert self.engine.skip()
        self._keep(self.tracker.skipped(before.index, before.phase_elapsed))
        self._take(self.engine.poll())

    def back(self) -> None:
        assert self.engine.back()
        self.tracker.left()
        self._take(self.engine.poll())

    def rate(self, level: int) -> None:
        self._keep(self.tracker.rate(level))


def test_an_early_end_starts_the_release_at_once_and_moves_everything_after() -> None:
    s = Session(eased_plan())
    s.start()
    s.wait(5 + 23.5)  # 23.5 s into the first press
    s.eased()
    s.wait(10 + 60 + 10 + 20 + 5 + 30 + 10 + 1)
    saved_by_early_end = 60 - 23.5
    assert s.starts == [
        ("prepare", 0.0), ("press", 5.0), ("release", 28.5), ("press", 38.5),
        ("release", 98.5), ("rest", 108.5), ("prepare", 128.5), ("press", 133.5),
        ("release", 163.5), ("done", 173.5)]
    assert s.starts[-1][1] == s.engine.plan.total_seconds - saved_by_early_end  # exactly
    assert s.engine.state == "finished"
    assert [(r.cycle, r.outcome, r.held_seconds, r.limit_seconds) for r in s.saved] == [
        (1, "eased", 23.5, 60.0), (2, "not-eased", 60.0, 60.0)]


def test_pauses_and_backs_around_early_ends_leave_no_drift() -> None:
    s = Session(eased_plan())
    s.start()
    s.wait(5 + 10)                     # 10 s into press 1
    assert s.engine.pause()
    s.clock.advance(42.125)            # paused: neither held time nor the plan moves
    assert s.engine.resume()
    s.wait(7.25)                       # 17.25 s held
    s.back()                           # restart the press: that attempt is not recorded
    s.wait(12.0)
    assert s.engine.pause()
    s.clock.advance(3.0)
    assert s.engine.resume()
    s.eased()                          # 12 s into the restarted press
    s.wait(10 + 31)                    # the release, then 31 s into press 2
    s.eased()
    s.wait(10 + 20 + 5 + 30 + 10 + 1)
    kinds = [k for k, _ in s.starts]
    assert kinds == ["prepare", "press", "press", "release", "press", "release", "rest",
                     "prepare", "press", "release", "done"]
    paused = 42.125 + 3.0
    moved = -17.25 + (60 - 12) + (60 - 31)  # the restart, then the two early ends
    assert s.engine.paused_total == paused
    assert s.starts[-1][1] == s.engine.plan.total_seconds + paused - moved
    starts = [t for _, t in s.starts]
    gaps = [round(b - a, 9) for a, b in zip(starts[3:], starts[4:], strict=False)]
    assert gaps == [10.0, 31.0, 10.0, 20.0, 5.0, 30.0, 10.0]  # each phase its own length
    assert [(r.cycle, r.outcome, r.held_seconds) for r in s.saved] == [
        (1, "eased", 12.0), (2, "eased", 31.0)]


def test_reaching_the_longest_hold_records_did_not_ease() -> None:
    s = Session(eased_plan())
    s.start()
    s.wait(5 + 60 + 10 + 60 + 1)
    assert [(r.point, r.side, r.cycle, r.outcome, r.held_seconds) for r in s.saved] == [
        ("upper-trapezius.1", "left", 1, "not-eased", 60.0),
        ("upper-trapezius.1", "left", 2, "not-eased", 60.0)]


def test_the_last_tenderness_within_a_press_and_its_release_wins() -> None:
    s = Session(eased_plan())
    s.start()
    s.rate(9)                          # during prepare: no press to rate
    assert not s.tracker.can_rate
    s.wait(5 + 4)
    s.rate(7)
    s.rate(6)                          # still in the press: kept for when it ends
    assert s.saved == []
    s.eased()
    assert [(r.outcome, r.tenderness) for r in s.saved] == [("eased", 6)]
    s.wait(3)
    s.rate(4)                          # in the release right after: the row is saved again
    assert [(r.cycle, r.tenderness) for r in s.saved] == [(1, 6), (1, 4)]
    s.wait(7 + 60 + 10 + 20 + 5 + 1)   # into the fixed press of the second point
    s.rate(3)
    s.wait(30 + 2)                     # its release
    s.rate(2)
    s.wait(10)
    s.rate(5)                          # the done phase: nothing to rate
    rows = {(r.point, r.cycle): r for r in s.saved}  # a later save of a row replaces it
    assert rows[("upper-trapezius.1", 1)].tenderness == 4
    assert rows[("upper-trapezius.1", 2)].outcome == "not-eased"
    assert rows[("temporalis.1", 1)] == PressResult(1, "temporalis.1", "left", 1, "timed",
                                                    30.0, 30.0, 2)


def test_a_fixed_press_nobody_rated_is_not_recorded_and_ratings_are_0_to_10() -> None:
    s = Session(plan_of(point("temporalis.1", side="left", cycles=1), RestStep(5)))
    s.start()
    s.wait(60)
    assert s.saved == []
    with pytest.raises(ValueError, match="0 to 10"):
        s.tracker.rate(11)
