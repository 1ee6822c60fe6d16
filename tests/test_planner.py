"""The plan rules of ROUTINE-FORMAT.md, one by one, and the `plan --json` shape."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tpguide.core.atlas.atlas import Atlas, Point
from tpguide.core.routines.routine import PointStep, RestStep, Routine, Settings, Step
from tpguide.core.session.planner import (
    Phase,
    Plan,
    format_offset,
    format_plan_text,
    make_plan,
    plan_to_json,
)


def routine(*steps: Step) -> Routine:
    return Routine(id="test-routine", title="Test", steps=tuple(steps))


def point(point_id: str = "upper-trapezius.1", **settings: object) -> PointStep:
    return PointStep(point_id, Settings().with_overrides(**settings))


def kinds(plan: Plan) -> list[str]:
    return [p.kind for p in plan.phases]


def labelled(plan: Plan) -> list[tuple[str, str | None, int | None]]:
    return [(p.kind, p.side, p.cycle) for p in plan.phases]


def example_routine() -> Routine:
    """routines/example.yaml, as the loader would build it with the built-in defaults."""
    return routine(
        PointStep(
            "upper-trapezius.1",
            Settings(side="both", pressure=6, tool="pincer"),
            instructions="Pinch the top of the shoulder between thumb and fingers.",
        ),
        PointStep("suboccipitals.1", Settings(side="together", press=45.0)),
        RestStep(60.0, say="Breathe slowly and let the shoulders drop."),
        PointStep("temporalis.1", Settings()),
    )


# ----- sides ------------------------------------------------------------------------------


def test_both_is_left_then_right_with_a_switch() -> None:
    plan = make_plan(routine(point(side="both", cycles=2)))
    assert labelled(plan) == [
        ("prepare", "left", None),
        ("press", "left", 1), ("release", "left", 1),
        ("press", "left", 2), ("release", "left", 2),
        ("switch", "right", None),
        ("press", "right", 1), ("release", "right", 1),
        ("press", "right", 2), ("release", "right", 2),
        ("done", None, None),
    ]


@pytest.mark.parametrize("side", ["left", "right", "together"])
def test_one_sided_steps_have_no_switch(side: str) -> None:
    plan = make_plan(routine(point(side=side, cycles=2)))
    assert labelled(plan) == [
        ("prepare", side, None),
        ("press", side, 1), ("release", side, 1),
        ("press", side, 2), ("release", side, 2),
        ("done", None, None),
    ]


def test_prepare_zero_has_no_prepare_phase() -> None:
    plan = make_plan(routine(point(side="both", prepare=0.0, cycles=1)))
    assert kinds(plan) == ["press", "release", "switch", "press", "release", "done"]


def test_switch_zero_has_no_switch_phase() -> None:
    plan = make_plan(routine(point(side="both", switch=0.0, cycles=1)))
    assert labelled(plan) == [
        ("prepare", "left", None),
        ("press", "left", 1), ("release", "left", 1),
        ("press", "right", 1), ("release", "right", 1),
        ("done", None, None),
    ]


def test_a_one_second_switch_and_rest_are_kept() -> None:
    plan = make_plan(routine(point("a", side="both", cycles=1, switch=1, rest=1),
                             point("b", side="left", cycles=1, prepare=0)))
    assert [(p.kind, p.duration, p.start) for p in plan.phases] == [
        ("prepare", 5.0, 0.0),
        ("press", 30.0, 5.0), ("release", 10.0, 35.0),
        ("switch", 1.0, 45.0),
        ("press", 30.0, 46.0), ("release", 10.0, 76.0),
        ("rest", 1.0, 86.0),
        ("press", 30.0, 87.0), ("release", 10.0, 117.0),
        ("done", 0.0, 127.0),
    ]


def test_durations_come_from_the_settings() -> None:
    plan = make_plan(routine(point(side="both", prepare=7, press=20, release=4, switch=3)))
    durations = {p.kind: p.duration for p in plan.phases}
    assert durations == {
        "prepare": 7.0, "press": 20.0, "release": 4.0, "switch": 3.0, "done": 0.0,
    }


# ----- rests ------------------------------------------------------------------------------


def test_rest_after_a_point_step_only_before_another_point_step() -> None:
    plan = make_plan(routine(
        point("a", side="left", cycles=1, rest=12),
        point("b", side="left", cycles=1, rest=12),
        RestStep(30.0),
        point("c", side="left", cycles=1, rest=12),
    ))
    assert [(p.kind, p.step, p.duration) for p in plan.phases if p.kind in ("rest", "done")] == [
        ("rest", 0, 12.0),   # a -> b: a's own rest, carrying a's index
        ("rest", 2, 30.0),   # b -> rest step: no rest for b; the rest step carries its index
        ("done", None, 0.0),  # c is last: no rest
    ]


def test_a_routine_may_start_with_a_rest_step() -> None:
    first = point("a", side="left", cycles=1, rest=4)
    second = point("b", side="right", cycles=1)
    plan = make_plan(routine(RestStep(20.0, say="Settle in."), first, second))
    assert [(p.kind, p.start, p.step, p.point, p.side, p.point_index) for p in plan.phases] == [
        ("rest", 0.0, 0, None, None, None),
        ("prepare", 20.0, 1, "a", "left", 0),
        ("press", 25.0, 1, "a", "left", 0), ("release", 55.0, 1, "a", "left", 0),
        ("rest", 65.0, 1, None, None, None),
        ("prepare", 69.0, 2, "b", "right", 1),
        ("press", 74.0, 2, "b", "right", 1), ("release", 104.0, 2, "b", "right", 1),
        ("done", 114.0, None, None, None, None),
    ]
    assert plan.phases[0].say == "Settle in."
    assert (plan.point_count, plan.total_seconds) == (2, 114.0)


def test_rest_zero_gives_no_rest_phase() -> None:
    plan = make_plan(routine(point("a", side="left", rest=0), point("b", side="left")))
    assert "rest" not in kinds(plan)


def test_the_rest_setting_of_the_step_before_counts() -> None:
    plan = make_plan(routine(point("a", side="left", rest=3), point("b", side="left", rest=99)))
    assert [p.duration for p in plan.phases if p.kind == "rest"] == [3.0]


def test_consecutive_rest_steps_each_give_one_phase() -> None:
    plan = make_plan(routine(RestStep(5.0), RestStep(6.0), point("a", side="left", cycles=1)))
    assert [(p.kind, p.step, p.duration) for p in plan.phases[:2]] == [
        ("rest", 0, 5.0), ("rest", 1, 6.0),
    ]


def test_rest_and_done_phases_have_no_point_side_or_cycles() -> None:
    plan = make_plan(routine(point("a"), point("b"), RestStep(9.0), point("c")))
    for phase in plan.phases:
        if phase.kind in ("rest", "done"):
            assert (phase.point, phase.side, phase.cycle, phase.cycles) == (None,) * 4
            assert (phase.pressure, phase.tool, phase.point_index) == (None,) * 3


# ----- indexes, cycles, extras ------------------------------------------------------------


def test_step_index_and_point_index() -> None:
    plan = make_plan(routine(RestStep(5.0), point("a"), RestStep(5.0), point("b")))
    firsts = {p.step: p.point_index for p in plan.phases}
    assert firsts == {0: None, 1: 0, 2: None, 3: 1, None: None}
    assert plan.point_count == 2


def test_cycle_on_press_and_release_cycles_on_point_phases() -> None:
    plan = make_plan(routine(point(side="both", cycles=4)))
    for phase in plan.phases:
        if phase.kind in ("press", "release"):
            assert phase.cycle is not None
            assert 1 <= phase.cycle <= 4
        else:
            assert phase.cycle is None
        expected_cycles = None if phase.kind == "done" else 4
        assert phase.cycles == expected_cycles


def test_pressure_tool_instructions_and_say() -> None:
    step = PointStep(
        "a", Settings(side="both", pressure=6, tool="pincer"), instructions="Pinch.", say="Now."
    )
    plan = make_plan(routine(step))
    point_phases = plan.phases[:-1]
    assert {(p.pressure, p.tool, p.instructions) for p in point_phases} == {(6, "pincer", "Pinch.")}
    assert [p.say for p in point_phases] == ["Now."] + [None] * (len(point_phases) - 1)


def test_rest_step_carries_its_say_and_instructions() -> None:
    plan = make_plan(routine(RestStep(60.0, say="Breathe.", instructions="Sit back.")))
    assert (plan.phases[0].say, plan.phases[0].instructions) == ("Breathe.", "Sit back.")


# ----- timing -----------------------------------------------------------------------------


def test_done_phase_closes_the_plan() -> None:
    plan = make_plan(routine(point()))
    done = plan.phases[-1]
    assert (done.kind, done.duration, done.step) == ("done", 0.0, None)
    assert done.start == plan.total_seconds
    assert kinds(plan).count("done") == 1


def test_phases_are_back_to_back_and_total_is_the_sum() -> None:
    plan = make_plan(example_routine())
    assert plan.phases[0].start == 0.0
    for before, after in zip(plan.phases, plan.phases[1:], strict=False):
        assert after.start == before.start + before.duration
    assert plan.total_seconds == sum(p.duration for p in plan.phases)


def test_fractional_durations_do_not_accumulate_error() -> None:
    plan = make_plan(routine(point(side="both", prepare=0.1, press=0.7, release=0.1, cycles=20)))
    expected = Fraction(0)
    for phase in plan.phases:
        assert phase.start == float(expected)
        expected += Fraction(str(phase.duration))
    assert plan.total_seconds == float(Fraction("0.1") + 2 * 20 * Fraction("0.8") + 5)


def test_half_seconds_stay_exact() -> None:
    plan = make_plan(routine(point(side="left", prepare=2.5, press=2.5, release=2.5, cycles=2)))
    assert [p.start for p in plan.phases] == [0.0, 2.5, 5.0, 7.5, 10.0, 12.5]


def test_the_contract_example_totals_740_seconds() -> None:
    # upper-trapezius both: prepare 5 + 3 x (30 + 10) + switch 5 + 3 x (30 + 10) = 250, + rest 10
    # suboccipitals together: prepare 5 + 3 x (45 + 10) = 170, no rest (a rest step follows)
    # rest step 60; temporalis both: 250, last step so no rest
    plan = make_plan(example_routine())
    assert plan.total_seconds == (250 + 10) + 170 + 60 + 250 == 740
    assert plan.point_count == 3
    assert kinds(plan).count("press") == 3 * 2 + 3 + 3 * 2
    assert [p.step for p in plan.phases if p.kind == "rest"] == [0, 2]


# ----- JSON and text ----------------------------------------------------------------------


CONTRACT_KEYS = ("kind", "start", "duration", "step", "point", "side", "cycle", "cycles")


def test_plan_json_shape_matches_the_contract() -> None:
    doc = plan_to_json(make_plan(example_routine()))
    assert doc["routine"] == "test-routine"
    assert doc["total_seconds"] == 740.0
    assert isinstance(doc["total_seconds"], float)
    first = {k: doc["phases"][0][k] for k in CONTRACT_KEYS}
    assert first == {
        "kind": "prepare", "start": 0.0, "duration": 5.0, "step": 0,
        "point": "upper-trapezius.1", "side": "left", "cycle": None, "cycles": 3,
    }
    for phase in doc["phases"]:
        assert set(CONTRACT_KEYS) <= set(phase)
        assert isinstance(phase["start"], float)
        assert isinstance(phase["duration"], float)
    assert json.loads(json.dumps(doc)) == doc


def test_plan_json_serialises_nulls() -> None:
    text = json.dumps(plan_to_json(make_plan(routine(point()))))
    last = json.loads(text)["phases"][-1]
    assert {k: last[k] for k in CONTRACT_KEYS} == {
        "kind": "done", "start": 250.0, "duration": 0.0, "step": None,
        "point": None, "side": None, "cycle": None, "cycles": None,
    }


def tiny_atlas() -> Atlas:
    def p(pid: str, name: str) -> Point:
        return Point(
            id=pid, muscle=pid.split(".")[0], name=name, spoken=name.lower(), region="neck",
            view="head-back", at=(0.0, 0.0), essential=(), spillover=(), locate="", technique="",
            tools=("fingers",), max_pressure=7, one_side_at_a_time=False, cautions=(), sources=(),
        )

    return Atlas(points={"upper-trapezius.1": p("upper-trapezius.1", "Shoulder ridge")}, zones={})


def test_format_plan_text_is_a_readable_timeline() -> None:
    text = format_plan_text(make_plan(example_routine()), tiny_atlas())
    lines = text.splitlines()
    assert "0:00" in lines[2]
    assert "prepare" in lines[2]
    assert "Shoulder ridge" in lines[2]
    assert "left" in lines[2]
    assert any("press" in line and "1/3" in line for line in lines)
    assert any("suboccipitals.1" in line for line in lines)  # not in the atlas: the id
    assert any(line.split()[:2] == ["4:20", "prepare"] for line in lines)
    assert lines[-1] == "Total 12:20"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.0, "0:00"), (5.0, "0:05"), (62.5, "1:02.5"), (740.0, "12:20"), (10800.0, "180:00"),
     (0.125, "0:00.125")],
)
def test_format_offset(seconds: float, text: str) -> None:
    assert format_offset(seconds) == text


def test_phase_is_immutable() -> None:
    phase = make_plan(routine(point())).phases[0]
    assert isinstance(phase, Phase)
    with pytest.raises(AttributeError):
        phase.start = 3.0  # type: ignore[misc]
