"""The session engine under a fake clock: controls, countdown ticks, stalls and zero drift."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpguide.core.routines.routine import PointStep, RestStep, Routine, Settings, Step
from tpguide.core.session.engine import STALL_SECONDS, Event, SessionEngine
from tpguide.core.session.planner import Plan, make_plan

T0 = 1000.0


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def to(self, when: float) -> None:
        assert when >= self.now, "a monotonic clock never goes back"
        self.now = when


def plan_of(*steps: Step) -> Plan:
    return make_plan(Routine(id="t", title="T", steps=tuple(steps)))


def point(point_id: str = "a", **values: object) -> PointStep:
    return PointStep(point_id, Settings().with_overrides(**values))


def started(clock: FakeClock | None = None, plan: Plan | None = None) -> SessionEngine:
    engine = SessionEngine(plan or simple_plan(), clock or FakeClock())
    engine.start()
    return engine


def simple_plan() -> Plan:
    """prepare 5 | press 30 | release 10 | press 30 | release 10 | done (at 85)."""
    return plan_of(point(side="left", cycles=2))


def run_to_end(engine: SessionEngine, clock: FakeClock) -> list[Event]:
    """Sleep exactly until each deadline, as the Qt shell does, collecting every event."""
    events = engine.poll()
    while (deadline := engine.next_deadline()) is not None:
        clock.to(max(deadline, clock.now))
        events.extend(engine.poll())
    return events


def of_kind(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.kind == kind]


def phase_starts(events: list[Event]) -> list[tuple[int | None, float]]:
    return [(e.index, e.due) for e in of_kind(events, "phase_started")]


# ----- a plain run ------------------------------------------------------------------------


def test_idle_until_started() -> None:
    clock = FakeClock()
    engine = SessionEngine(simple_plan(), clock)
    assert engine.state == "idle"
    assert engine.poll() == []
    assert engine.next_deadline() is None
    snap = engine.snapshot()
    assert (snap.index, snap.elapsed, snap.progress, snap.phase.kind) == (0, 0.0, 0.0, "prepare")
    assert not engine.pause()
    assert not engine.skip()


def test_start_begins_the_first_phase_now() -> None:
    clock = FakeClock()
    engine = started(clock)
    events = engine.poll()
    assert [(e.kind, e.index, e.due) for e in events] == [("phase_started", 0, T0)]
    assert engine.state == "running"
    assert not engine.start()


def test_an_uncontrolled_run_hits_every_boundary_and_finishes_once() -> None:
    clock = FakeClock()
    plan = simple_plan()
    engine = started(clock, plan)
    events = run_to_end(engine, clock)
    assert phase_starts(events) == [(i, T0 + p.start) for i, p in enumerate(plan.phases)]
    finished = of_kind(events, "finished")
    assert [(e.due, e.index) for e in finished] == [(T0 + 85.0, len(plan.phases) - 1)]
    assert events[-1].kind == "finished"
    assert engine.state == "finished"
    assert engine.poll() == []
    snap = engine.snapshot()
    assert (snap.progress, snap.remaining, snap.phase.kind) == (1.0, 0.0, "done")


def test_next_deadline_is_the_next_event() -> None:
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    assert engine.next_deadline() == T0 + 2.0  # tick 3 before the press at 5
    clock.to(T0 + 1.999)
    assert engine.poll() == []
    clock.to(T0 + 2.0)
    assert [(e.kind, e.count) for e in engine.poll()] == [("tick", 3)]


def test_snapshot_mid_phase() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 15.0)
    snap = engine.snapshot()
    assert (snap.phase.kind, snap.phase.cycle, snap.index) == ("press", 1, 1)
    assert (snap.phase_elapsed, snap.phase_remaining) == (10.0, 20.0)
    assert (snap.elapsed, snap.remaining, snap.total) == (15.0, 70.0, 85.0)
    assert snap.progress == pytest.approx(15 / 85)
    assert (snap.point_number, snap.point_count) == (1, 1)
    assert snap.upcoming is not None
    assert snap.upcoming.kind == "release"


# ----- pause and resume -------------------------------------------------------------------


def test_pause_mid_press_resumes_with_the_same_time_left() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 15.0)  # 10 s into the first press
    assert engine.pause()
    assert engine.poll()[-1].kind == "paused"
    assert engine.next_deadline() is None
    clock.advance(100.0)
    assert engine.poll() == []
    assert engine.snapshot().phase_remaining == 20.0
    assert engine.resume()
    assert [e.kind for e in engine.poll()] == ["resumed"]
    snap = engine.snapshot()
    assert (snap.state, snap.phase.kind, snap.phase_remaining) == ("running", "press", 20.0)
    events = run_to_end(engine, clock)
    assert phase_starts(events)[0] == (2, T0 + 100.0 + 35.0)


def test_pause_and_resume_are_no_ops_in_the_wrong_state() -> None:
    engine = started()
    assert not engine.resume()
    assert engine.pause()
    assert not engine.pause()
    assert engine.resume()
    assert not engine.resume()


def test_events_due_before_a_pause_are_delivered_before_it() -> None:
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    clock.to(T0 + 5.5)
    engine.pause()
    assert [e.kind for e in engine.poll()] == ["tick", "tick", "tick", "phase_started", "paused"]


# ----- skip and back ----------------------------------------------------------------------


def switch_plan() -> Plan:
    """prepare 5 | L press 30 | L release 10 | switch 5 (at 45) | R press 30 (at 50) | ..."""
    return plan_of(point(side="both", cycles=1))


def test_skip_during_the_switch_lands_on_the_right_sides_first_press() -> None:
    clock = FakeClock()
    plan = switch_plan()
    engine = started(clock, plan)
    clock.to(T0 + 46.0)
    engine.poll()
    assert engine.snapshot().phase.kind == "switch"
    assert engine.skip()
    events = engine.poll()
    assert [(e.kind, e.due) for e in events] == [("phase_started", T0 + 46.0)]
    phase = engine.snapshot().phase
    assert (phase.kind, phase.side, phase.cycle) == ("press", "right", 1)
    later = run_to_end(engine, clock)
    assert phase_starts(later)[0] == (engine.plan.phases.index(phase) + 1, T0 + 46.0 + 30.0)


def test_skip_from_the_last_phase_finishes() -> None:
    clock = FakeClock()
    engine = started(clock)
    for _ in range(4):
        engine.skip()
    engine.poll()
    assert engine.snapshot().index == 4
    engine.skip()
    assert [e.kind for e in engine.poll()] == ["phase_started", "finished"]
    assert engine.state == "finished"
    assert not engine.skip()


def test_back_within_two_seconds_goes_to_the_previous_phase() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 6.5)  # 1.5 s into the first press
    engine.poll()
    assert engine.back()
    assert engine.snapshot().index == 0
    assert engine.snapshot().phase_remaining == 5.0


def test_back_after_two_seconds_restarts_the_phase() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 7.0)  # exactly 2 s into the first press
    engine.poll()
    assert engine.back()
    snap = engine.snapshot()
    assert (snap.index, snap.phase_remaining) == (1, 30.0)
    assert [(e.kind, e.index, e.due) for e in engine.poll()] == [("phase_started", 1, T0 + 7.0)]
    events = run_to_end(engine, clock)
    assert phase_starts(events)[0] == (2, T0 + 37.0)


def test_back_at_the_very_start_restarts_the_first_phase() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 1.0)
    engine.back()
    snap = engine.snapshot()
    assert (snap.index, snap.phase_remaining) == (0, 5.0)


def test_controls_while_paused_move_the_phase_and_stay_paused() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 10.0)
    engine.pause()
    clock.advance(50.0)
    engine.skip()
    snap = engine.snapshot()
    assert (snap.state, snap.index, snap.phase_remaining) == ("paused", 2, 10.0)
    clock.advance(7.0)
    engine.resume()
    engine.poll()
    events = run_to_end(engine, clock)
    assert phase_starts(events)[0] == (3, T0 + 67.0 + 10.0)


# ----- points -----------------------------------------------------------------------------


def points_plan() -> Plan:
    """Three points; indexes: a 0-7 (rest 7), b 8-12, rest step 13, c 14-20, done 21."""
    return plan_of(
        point("a", side="both", cycles=1),            # prepare, p, r, switch, p, r, rest
        point("b", side="together", cycles=2),        # prepare, p, r, p, r
        RestStep(20.0),
        point("c", side="both", cycles=1),
    )


def first_phase_of(plan: Plan, point_id: str) -> int:
    return next(i for i, p in enumerate(plan.phases) if p.point == point_id)


def engine_at(index: int, into: float, plan: Plan) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = started(clock, plan)
    clock.to(T0 + plan.phases[index].start + into)
    engine.poll()
    assert engine.index == index
    return engine, clock


def test_points_plan_layout() -> None:
    plan = points_plan()
    assert [first_phase_of(plan, p) for p in "abc"] == [0, 7, 13]
    assert plan.phases[6].kind == plan.phases[12].kind == "rest"


def test_next_point_goes_to_the_next_points_first_phase() -> None:
    plan = points_plan()
    engine, _ = engine_at(2, 3.0, plan)
    assert engine.next_point()
    assert engine.index == 7
    snap = engine.snapshot()
    assert (snap.phase.point, snap.phase.kind, snap.point_number) == ("b", "prepare", 2)


@pytest.mark.parametrize(("at", "to"), [(0, 7), (7, 13)])
def test_next_point_from_a_points_first_phase_goes_to_the_next_point(at: int, to: int) -> None:
    plan = points_plan()
    engine, _ = engine_at(at, 0.0, plan)
    assert engine.next_point()
    assert (engine.index, engine.snapshot().phase_elapsed) == (to, 0.0)


@pytest.mark.parametrize("rest_index", [6, 12])
def test_next_point_from_a_rest(rest_index: int) -> None:
    plan = points_plan()
    engine, _ = engine_at(rest_index, 1.0, plan)
    engine.next_point()
    assert engine.index == rest_index + 1
    assert engine.snapshot().phase.point_index is not None


def test_next_point_on_the_last_point_finishes() -> None:
    plan = points_plan()
    engine, _ = engine_at(15, 1.0, plan)
    engine.next_point()
    assert engine.state == "finished"
    assert [e.kind for e in engine.poll()] == ["phase_started", "finished"]


def test_previous_point_restarts_the_point_after_two_seconds() -> None:
    plan = points_plan()
    engine, _ = engine_at(9, 1.0, plan)  # b's second phase: well over 2 s into b
    engine.previous_point()
    assert (engine.index, engine.snapshot().phase_elapsed) == (7, 0.0)


def test_previous_point_within_two_seconds_goes_to_the_previous_point() -> None:
    plan = points_plan()
    engine, _ = engine_at(7, 1.0, plan)
    engine.previous_point()
    assert engine.index == 0


@pytest.mark.parametrize(("into", "to"), [(1.75, 0), (2.0, 7)])
def test_previous_point_at_exactly_two_seconds_restarts_the_point(into: float, to: int) -> None:
    plan = points_plan()
    engine, _ = engine_at(7, into, plan)  # b starts at 100 s, so the times are exact
    assert engine.previous_point()
    assert (engine.index, engine.snapshot().phase_elapsed) == (to, 0.0)


def test_previous_point_from_a_rest_goes_to_the_point_before_it() -> None:
    plan = points_plan()
    engine, _ = engine_at(12, 5.0, plan)
    engine.previous_point()
    assert engine.index == 7


def test_previous_point_on_the_first_point_restarts_it() -> None:
    engine, _ = engine_at(0, 1.0, points_plan())
    engine.previous_point()
    assert (engine.index, engine.snapshot().phase_remaining) == (0, 5.0)


def test_next_point_and_side_for_the_coming_up_line() -> None:
    plan = points_plan()

    def coming_up(index: int) -> tuple[str | None, str | None]:
        snap = engine_at(index, 0.5, plan)[0].snapshot()
        return snap.next_point, snap.next_side

    assert [coming_up(i) for i in (2, 5, 6, 12, 18)] == [
        ("a", "right"), ("b", "together"), ("b", "together"), ("c", "left"), (None, None),
    ]


def test_a_both_step_is_one_point() -> None:
    plan = points_plan()
    engine, _ = engine_at(4, 0.5, plan)  # a, right side
    snap = engine.snapshot()
    assert (snap.point_number, snap.point_count, snap.phase.side) == (1, 3, "right")


def test_a_session_may_start_with_a_rest() -> None:
    plan = plan_of(RestStep(20.0), RestStep(10.0), point("a", side="left", cycles=1),
                   point("b", side="right"))
    clock = FakeClock()
    engine = started(clock, plan)
    snap = engine.snapshot()
    assert (snap.phase.kind, snap.point_number, snap.point_count) == ("rest", None, 2)
    assert (snap.next_point, snap.next_side) == ("a", "left")
    clock.advance(25.0)  # 5 s into the second rest
    assert engine.previous_point()  # no point before it: back to the very start
    assert (engine.index, engine.snapshot().phase_elapsed) == (0, 0.0)
    assert engine.next_point()
    snap = engine.snapshot()
    assert (engine.index, snap.phase.kind, snap.point_number) == (2, "prepare", 1)
    clock.advance(1.0)
    assert engine.previous_point()  # within 2 s of the first point: back to the very start
    assert engine.index == 0


# ----- countdown ticks --------------------------------------------------------------------


def tick_plan() -> Plan:
    return plan_of(
        point("a", side="both", cycles=2, release=2.0),  # a release shorter than 3 s
        point("b", side="left", cycles=1, prepare=0.0),   # after a rest, no prepare
        RestStep(30.0),
        point("c", side="right", cycles=1, prepare=0.0),  # straight after a rest step
    )


def test_three_two_one_before_every_press() -> None:
    clock = FakeClock()
    plan = tick_plan()
    engine = started(clock, plan)
    events = run_to_end(engine, clock)
    expected = [
        (T0 + phase.start - n, n, i)
        for i, phase in enumerate(plan.phases)
        if phase.kind == "press"
        for n in (3, 2, 1)
    ]
    assert [(e.due, e.count, e.index) for e in of_kind(events, "tick")] == expected
    assert {plan.phases[i - 1].kind for _, _, i in expected} == {
        "prepare", "release", "switch", "rest",
    }


def test_a_tick_and_a_phase_start_at_the_same_moment_start_the_phase_first() -> None:
    clock = FakeClock()
    engine = started(clock, plan_of(point(side="left", cycles=2, release=3.0)))
    events = run_to_end(engine, clock)
    release = next(e for e in events if e.kind == "phase_started" and e.index == 2)
    at_release = [e.kind for e in events if e.due == release.due]
    assert at_release == ["phase_started", "tick"]


def test_ticks_before_the_session_start_are_dropped() -> None:
    clock = FakeClock()
    engine = started(clock, plan_of(point(side="left", cycles=2, prepare=0.0)))
    events = run_to_end(engine, clock)
    assert [(e.due - T0, e.count) for e in of_kind(events, "tick")] == [
        (37.0, 3), (38.0, 2), (39.0, 1),  # only before the second press
    ]


def test_a_short_prepare_keeps_the_ticks_from_the_start_on() -> None:
    clock = FakeClock()
    engine = started(clock, plan_of(point(side="left", cycles=1, prepare=2.0)))
    events = run_to_end(engine, clock)
    assert [(e.due - T0, e.count) for e in of_kind(events, "tick")] == [(0.0, 2), (1.0, 1)]
    assert [e.kind for e in events[:2]] == ["phase_started", "tick"]


def test_ticks_resume_after_a_skip() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 10.0)
    engine.skip()  # press -> release, which now ends at 20
    events = run_to_end(engine, clock)
    assert [(e.due - T0, e.count) for e in of_kind(events, "tick")] == [
        (2.0, 3), (3.0, 2), (4.0, 1),  # before the first press
        (17.0, 3), (18.0, 2), (19.0, 1),  # before the second, on the shifted timeline
    ]


def test_ticks_inside_a_skipped_phase_are_not_delivered() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 42.5)  # 7.5 s into the first release: tick 3 (at 42) is out
    events = engine.poll()
    engine.skip()        # the press starts now; ticks 2 and 1 fell inside the skipped release
    events += run_to_end(engine, clock)
    assert [e.due - T0 for e in of_kind(events, "tick")] == [2.0, 3.0, 4.0, 42.0]


def test_ticks_are_repeated_when_a_phase_is_restarted() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 44.0)  # ticks 3 and 2 before the press at 45 delivered
    engine.poll()
    engine.back()        # restart the release: its ticks come again
    events = run_to_end(engine, clock)
    assert [e.due - T0 for e in of_kind(events, "tick")] == [51.0, 52.0, 53.0]


# ----- stalls -----------------------------------------------------------------------------


def test_a_stall_delivers_the_missed_events_in_order_and_reports_the_gap() -> None:
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    clock.to(T0 + 50.0)
    events = engine.poll()
    assert [(e.kind, e.due - T0) for e in events] == [
        ("tick", 2.0), ("tick", 3.0), ("tick", 4.0), ("phase_started", 5.0),
        ("phase_started", 35.0),
        ("tick", 42.0), ("tick", 43.0), ("tick", 44.0), ("phase_started", 45.0),
        ("stall", 50.0),
    ]
    assert events[-1].late == 48.0


def test_no_stall_within_ten_seconds() -> None:
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    clock.to(T0 + 2.0 + STALL_SECONDS)
    assert "stall" not in [e.kind for e in engine.poll()]


def test_a_stall_is_an_event_more_than_ten_seconds_late() -> None:
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    clock.to(T0 + 12.0)  # the first tick, due at 2 s, is exactly 10 s late
    assert "stall" not in [e.kind for e in engine.poll()]
    clock = FakeClock()
    engine = started(clock)
    engine.poll()
    clock.to(T0 + 12.25)
    stalls = of_kind(engine.poll(), "stall")
    assert [(e.due - T0, e.late) for e in stalls] == [(12.25, 10.25)]


def test_a_frozen_wake_in_a_long_press_is_a_stall_even_with_nothing_due() -> None:
    """The engine is the one stall detector: a caller that woke 11 s late reports it."""
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 5.0)
    engine.poll()  # the press begins at 5 s and lasts 30 s: nothing is due until 35 s
    clock.to(T0 + 16.5)
    events = engine.poll(gap=STALL_SECONDS + 1.5)
    assert [(e.kind, e.late) for e in events] == [("stall", STALL_SECONDS + 1.5)]


def test_a_wake_at_the_stall_limit_is_not_a_stall() -> None:
    clock = FakeClock()
    engine = started(clock)
    clock.to(T0 + 5.0)
    engine.poll()
    clock.to(T0 + 15.0)
    assert engine.poll(gap=STALL_SECONDS) == []


# ----- stop -------------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["idle", "running", "paused"])
def test_stop_anytime(when: str) -> None:
    clock = FakeClock()
    engine = SessionEngine(simple_plan(), clock)
    if when != "idle":
        engine.start()
        clock.to(T0 + 20.0)
    if when == "paused":
        engine.pause()
    clock.advance(1.0)
    assert engine.stop()
    events = engine.poll()
    assert events[-1].kind == "stopped"
    assert events[-1].due == clock.now
    assert engine.state == "stopped"
    assert engine.next_deadline() is None
    clock.advance(500.0)
    assert engine.poll() == []
    for control in (engine.start, engine.pause, engine.resume, engine.skip, engine.stop):
        assert not control()
    assert engine.snapshot().elapsed == (0.0 if when == "idle" else 20.0 if when == "paused"
                                         else 21.0)


def test_stop_after_finishing_does_nothing() -> None:
    clock = FakeClock()
    engine = started(clock)
    run_to_end(engine, clock)
    assert not engine.stop()
    assert engine.state == "finished"


# ----- zero drift over three hours ----------------------------------------------------------


def three_hour_plan() -> Plan:
    step = point(side="both", press=62.5, release=12.25, cycles=5, prepare=5, switch=5, rest=10)
    steps: list[Step] = [step] * 7 + [RestStep(75.0)] + [step] * 7
    plan = plan_of(*steps)
    assert 2.9 * 3600 < plan.total_seconds <= 3 * 3600
    return plan


def dyadic(rng: random.Random, most: float) -> float:
    """A random duration in 1/64 s, so that float sums in the test and engine are exact."""
    return rng.randint(1, int(most * 64)) / 64


def test_three_hours_with_pauses_land_every_boundary_exactly() -> None:
    rng = random.Random(7)
    clock = FakeClock()
    plan = three_hour_plan()
    engine = started(clock, plan)
    paused = 0.0
    starts: list[int | None] = []

    def check(events: list[Event]) -> None:
        for event in events:
            start = plan.phases[event.index or 0].start
            if event.kind == "phase_started":
                assert event.due == T0 + paused + start
                starts.append(event.index)
            elif event.kind == "tick":
                assert event.due == T0 + paused + start - (event.count or 0)

    check(engine.poll())
    while engine.state == "running":
        clock.advance(dyadic(rng, 120.0))
        if rng.random() < 0.3 and engine.pause():
            check(engine.poll()[:-1])  # everything due up to the pause, then "paused"
            pause_at = clock.now
            clock.advance(dyadic(rng, 300.0))
            engine.resume()
            paused += clock.now - pause_at
        check(engine.poll())
    assert engine.state == "finished"
    assert starts == list(range(len(plan.phases)))


def test_three_hours_of_random_controls_drift_by_nothing() -> None:
    rng = random.Random(11)
    clock = FakeClock()
    plan = three_hour_plan()
    engine = started(clock, plan)
    origin = T0  # when the plan's position 0 is; jumps reset it, pauses push it
    controls: list[Callable[[], bool]] = [
        engine.skip, engine.back, engine.next_point, engine.previous_point,
    ]
    checked = 0
    engine.poll()
    for _ in range(3000):
        if engine.state != "running":
            break
        clock.advance(dyadic(rng, 90.0))
        for event in engine.poll():
            if event.kind == "phase_started":
                assert event.due == origin + plan.phases[event.index or 0].start
                checked += 1
        roll = rng.random()
        if roll < 0.1:
            engine.pause()
            pause_at = clock.now
            clock.advance(dyadic(rng, 200.0))
            engine.resume()
            origin += clock.now - pause_at
        elif roll < 0.25 and engine.state == "running":
            rng.choice(controls)()
            if engine.state == "running":
                origin = clock.now - plan.phases[engine.index].start
        engine.poll()
    assert checked > 200
    for event in run_to_end(engine, clock):
        if event.kind in ("phase_started", "finished"):
            assert event.due == origin + plan.phases[event.index or 0].start
    assert engine.state == "finished"


# ----- properties over random control sequences ---------------------------------------------

ACTIONS = ("wait", "pause", "resume", "skip", "back", "next_point", "previous_point")
REWINDS = {"back", "previous_point"}


@settings(deadline=None, max_examples=200)
@given(
    ops=st.lists(
        st.tuples(
            st.sampled_from(ACTIONS),
            st.integers(min_value=0, max_value=60 * 4).map(lambda q: q / 4),
        ),
        max_size=60,
    ),
    stop_at=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
)
def test_random_control_sequences_keep_the_invariants(
    ops: list[tuple[str, float]], stop_at: int | None
) -> None:
    clock = FakeClock()
    plan = tick_plan()
    engine = started(clock, plan)
    events: list[Event] = engine.poll()
    last_index = 0
    for n, (action, wait) in enumerate(ops):
        clock.advance(wait)
        if n == stop_at:
            engine.stop()
        elif action != "wait":
            getattr(engine, action)()
        batch = engine.poll()
        for event in batch:
            if event.kind == "phase_started":
                assert event.index is not None
                assert event.index >= last_index or action in REWINDS
                last_index = event.index
        events += batch
        snap = engine.snapshot()
        assert snap.phase_remaining >= 0.0
        assert snap.remaining >= 0.0
        assert 0.0 <= snap.progress <= 1.0
        assert 0.0 <= snap.phase_elapsed <= snap.phase.duration
    if engine.state == "paused":
        engine.resume()
    events += run_to_end(engine, clock)
    dues = [e.due for e in events]
    assert dues == sorted(dues)
    assert engine.state in ("finished", "stopped")
    assert len(of_kind(events, "finished")) == (1 if engine.state == "finished" else 0)
    assert len(of_kind(events, "stopped")) == (1 if engine.state == "stopped" else 0)
