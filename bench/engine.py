"""How long the session engine takes per event: 10,000 phases driven by a fake clock."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a source checkout

from tpguide.core.routines.routine import PointStep, Routine, Settings  # noqa: E402
from tpguide.core.session.engine import SessionEngine  # noqa: E402
from tpguide.core.session.planner import Phase, Plan, make_plan  # noqa: E402

TARGET_PHASES = 10_000


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def big_plan() -> Plan:
    """Point steps (both sides, 20 cycles), cut to exactly 10,000 phases with a done at the end."""
    step = PointStep("upper-trapezius.1", Settings(side="both", cycles=20))
    steps = TARGET_PHASES // 80 + 1
    phases = make_plan(Routine("bench", "Bench", (step,) * steps)).phases[: TARGET_PHASES - 1]
    end = phases[-1].end
    return Plan("bench", (*phases, Phase("done", end, 0.0, None)), end, steps)


def drive(plan: Plan) -> tuple[float, int]:
    """Run the whole plan, waking exactly at each deadline; returns (seconds, events)."""
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    began = time.perf_counter()
    engine.start()
    events = len(engine.poll())
    while (deadline := engine.next_deadline()) is not None:
        clock.now = deadline
        events += len(engine.poll())
    elapsed = time.perf_counter() - began
    assert engine.state == "finished"
    return elapsed, events


def main() -> None:
    plan = big_plan()
    build_began = time.perf_counter()
    SessionEngine(plan)
    build = time.perf_counter() - build_began
    elapsed, events = drive(plan)
    phases = len(plan.phases)
    print(f"phases: {phases}, events: {events}, planned time: {plan.total_seconds / 3600:.1f} h")
    print(f"engine construction: {build * 1000:.1f} ms")
    print(f"driven to the end: {elapsed * 1000:.1f} ms total, "
          f"{elapsed * 1e6 / phases:.1f} us per phase, {elapsed * 1e6 / events:.1f} us per event")


if __name__ == "__main__":
    main()
