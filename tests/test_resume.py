"""Continue where I stopped: the core pieces (engine start_at, where to begin, which session)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.test_engine import T0, FakeClock, phase_starts, plan_of, point, run_to_end
from tpguide.core.diary.records import SessionRecord
from tpguide.core.routines.routine import RestStep
from tpguide.core.session.engine import SessionEngine
from tpguide.core.session.planner import Plan
from tpguide.core.session.resume import OFFER_FOR, block_start, last_cut_short, resume_point

NOW = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)


def two_points() -> Plan:
    """a: prepare 5, left press 30/release 10, switch 5, right press 30/release 10 (0-90),
    rest 20 (90-110), b: prepare 5, left press 30/release 10 (110-155), done."""
    return plan_of(point("a", side="both", cycles=1, rest=20), point("b", side="left", cycles=1))


def record(status: str = "interrupted", done: float = 70.0, started: datetime = NOW,
           session_id: int = 1, routine_id: str = "t") -> SessionRecord:
    return SessionRecord(session_id, routine_id, "T", started, None, 155.0, done,
                         status)  # type: ignore[arg-type]


# ----- the engine ---------------------------------------------------------------------------


def test_start_at_begins_the_session_at_that_phase_on_its_own_timeline() -> None:
    plan = two_points()
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    index = [p.kind for p in plan.phases].index("switch")
    assert engine.start_at(index)
    idle = engine.snapshot()
    assert (idle.state, idle.index, idle.phase.side, idle.elapsed) == ("idle", index, "right", 45)
    assert engine.start()
    events = run_to_end(engine, clock)
    starts = phase_starts(events)
    assert starts[0] == (index, T0)  # the switch phase starts now, nothing before it
    assert [i for i, _ in starts] == list(range(index, len(plan.phases)))
    snap = engine.snapshot()
    assert (snap.state, snap.elapsed) == ("finished", plan.total_seconds)
    assert events[-1].due == pytest.approx(T0 + plan.total_seconds - 45)


def test_start_at_counts_down_to_later_presses_only() -> None:
    plan = two_points()
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start_at(1)  # a's first press: its own countdown fell before the start
    engine.start()
    ticks = [e for e in run_to_end(engine, clock) if e.kind == "tick"]
    presses = [i for i, p in enumerate(plan.phases) if p.kind == "press"]
    assert {e.index for e in ticks} == set(presses[1:])


def test_start_at_is_refused_once_started_or_out_of_range() -> None:
    plan = two_points()
    engine = SessionEngine(plan, FakeClock())
    assert not engine.start_at(len(plan.phases))
    assert not engine.start_at(-1)
    engine.start()
    assert not engine.start_at(1)


# ----- where to begin -----------------------------------------------------------------------


def test_a_session_cut_mid_side_begins_again_at_that_side() -> None:
    plan = two_points()
    kinds = [(p.kind, p.side) for p in plan.phases]
    assert block_start(plan, 70.0) == kinds.index(("switch", "right"))  # right press, a
    assert block_start(plan, 95.0) == kinds.index(("prepare", "left"), 1)  # the rest: b next
    assert block_start(plan, 120.0) == kinds.index(("prepare", "left"), 1)


def test_nothing_to_continue_before_the_first_side_is_over_or_at_the_end() -> None:
    plan = two_points()
    assert block_start(plan, 0.0) is None
    assert block_start(plan, 30.0) is None  # still on a's left side: start afresh
    assert block_start(plan, plan.total_seconds) is None


def test_a_plan_ending_in_a_rest_has_nothing_after_it() -> None:
    plan = plan_of(point("a", side="left", cycles=1), RestStep(rest=30.0))
    assert block_start(plan, plan.total_seconds - 5) is None


def test_resume_point_names_the_point_side_and_time_left() -> None:
    plan = two_points()
    found = resume_point(record(done=70.0), plan)
    assert found is not None
    assert (found.point, found.side, found.point_number, found.point_count) == ("a", "right", 1, 2)
    assert found.left_seconds == plan.total_seconds - 45


@pytest.mark.parametrize("status", ["completed", "unwell", "running"])
def test_only_sessions_cut_short_are_continued(status: str) -> None:
    assert resume_point(record(status), two_points()) is None


def test_another_routine_is_not_continued() -> None:
    assert resume_point(record(routine_id="other"), two_points()) is None


# ----- which session ------------------------------------------------------------------------


def test_the_newest_session_is_offered_when_it_was_cut_short_lately() -> None:
    older = record("stopped", session_id=1, started=NOW - timedelta(hours=2))
    newest = record("interrupted", session_id=2, started=NOW - timedelta(hours=1))
    assert last_cut_short([older, newest], NOW) == newest
    assert last_cut_short([newest], NOW + OFFER_FOR) is None
    assert last_cut_short([], NOW) is None


def test_nothing_is_offered_after_a_finished_or_unwell_session() -> None:
    cut = record("interrupted", session_id=1, started=NOW - timedelta(hours=2))
    for status in ("completed", "unwell"):
        later = record(status, session_id=2, started=NOW - timedelta(hours=1))
        assert last_cut_short([cut, later], NOW) is None
