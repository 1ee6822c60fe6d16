"""Turns a routine into a flat, timed list of phases, exactly by the plan rules of the format."""

from __future__ import annotations

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.i18n import _, ngettext, pgettext
from tpguide.core.record import record
from tpguide.core.routines.routine import PointStep, RestStep, Routine

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    from typing import Any, Literal

    PhaseKind = Literal["prepare", "press", "release", "switch", "rest", "done"]
    # (kind, duration, side, cycle) for each phase of a point step, before timing is attached.
    _Draft = tuple[PhaseKind, float, str, int | None]

PHASE_KINDS: tuple[PhaseKind, ...] = ("prepare", "press", "release", "switch", "rest", "done")

_US_PER_SECOND = 1_000_000


@record(frozen=True, slots=True)
class Phase:
    """One stretch of the session; ``start`` is its offset in seconds from the session start.

    ``point_index`` is the 0-based index among point steps (None on rest and done phases);
    ``say`` is set on the first phase of a step only, ``instructions`` on all its phases.
    ``until_eased`` is True or False on press phases (True: ``duration`` is the longest the
    press may last; the person ends it when the tenderness eases) and None on the others.
    """

    kind: PhaseKind
    start: float
    duration: float
    step: int | None
    point: str | None = None
    side: str | None = None
    cycle: int | None = None
    cycles: int | None = None
    pressure: int | None = None
    tool: str | None = None
    point_index: int | None = None
    instructions: str | None = None
    say: str | None = None
    until_eased: bool | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration


@record(frozen=True, slots=True)
class Plan:
    """The whole session laid out: phases back to back, ending with a zero-length done phase."""

    routine_id: str
    phases: tuple[Phase, ...]
    total_seconds: float
    point_count: int


def to_microseconds(seconds: float) -> int:
    """Durations are summed as whole microseconds, so starts never accumulate float error."""
    return round(seconds * _US_PER_SECOND)


def _seconds(us: int) -> float:
    return us / _US_PER_SECOND


def _point_drafts(step: PointStep) -> list[_Draft]:
    """The prepare, switch, press and release phases of one point step, in order."""
    s = step.settings
    sides = step.sides
    drafts: list[_Draft] = []
    if s.prepare > 0:
        drafts.append(("prepare", s.prepare, sides[0], None))
    for k, side in enumerate(sides):
        if k > 0 and s.switch > 0:
            drafts.append(("switch", s.switch, side, None))
        for cycle in range(1, s.cycles + 1):
            drafts.append(("press", s.press, side, cycle))
            drafts.append(("release", s.release, side, cycle))
    return drafts


class _Timeline:
    """Appends phases back to back, keeping the running start in exact microseconds."""

    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.clock_us = 0

    def add(self, kind: PhaseKind, seconds: float, step: int | None, **extra: Any) -> None:
        duration_us = to_microseconds(seconds)
        self.phases.append(
            Phase(kind, _seconds(self.clock_us), _seconds(duration_us), step, **extra)
        )
        self.clock_us += duration_us


def _add_point_step(
    timeline: _Timeline, step: PointStep, index: int, point_index: int, rest_after: bool
) -> None:
    s = step.settings
    for n, (kind, seconds, side, cycle) in enumerate(_point_drafts(step)):
        timeline.add(
            kind, seconds, index, point=step.point, side=side, cycle=cycle, cycles=s.cycles,
            pressure=s.pressure, tool=s.tool, point_index=point_index,
            instructions=step.instructions, say=step.say if n == 0 else None,
            until_eased=s.until_eased if kind == "press" else None,
        )
    if rest_after and s.rest > 0:
        timeline.add("rest", s.rest, index)


def _add_rest_step(timeline: _Timeline, step: RestStep, index: int) -> None:
    timeline.add("rest", step.rest, index, instructions=step.instructions, say=step.say)


def make_plan(routine: Routine) -> Plan:
    """Lay out a routine's phases by the contract's plan rules (ROUTINE-FORMAT.md, "The plan")."""
    timeline = _Timeline()
    steps = routine.steps
    point_index = 0
    for index, step in enumerate(steps):
        if isinstance(step, RestStep):
            _add_rest_step(timeline, step, index)
            continue
        next_is_point = index + 1 < len(steps) and isinstance(steps[index + 1], PointStep)
        _add_point_step(timeline, step, index, point_index, next_is_point)
        point_index += 1
    timeline.add("done", 0.0, None)
    return Plan(routine.id, tuple(timeline.phases), _seconds(timeline.clock_us), point_index)


def phase_to_json(phase: Phase) -> dict[str, Any]:
    """The contract's eight keys first, then this implementation's extra keys."""
    return {
        "kind": phase.kind,
        "start": float(phase.start),
        "duration": float(phase.duration),
        "step": phase.step,
        "point": phase.point,
        "side": phase.side,
        "cycle": phase.cycle,
        "cycles": phase.cycles,
        "pressure": phase.pressure,
        "tool": phase.tool,
        "point_index": phase.point_index,
        "instructions": phase.instructions,
        "say": phase.say,
        "until_eased": phase.until_eased,
    }


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The document ``tpguide plan --json`` prints."""
    return {
        "routine": plan.routine_id,
        "total_seconds": float(plan.total_seconds),
        "phases": [phase_to_json(p) for p in plan.phases],
    }


def format_offset(seconds: float) -> str:
    """``m:ss`` (minutes may exceed 59); fractional seconds keep up to three decimals."""
    us = to_microseconds(seconds)
    minutes, rest_us = divmod(us, 60 * _US_PER_SECOND)
    whole, frac_us = divmod(rest_us, _US_PER_SECOND)
    if frac_us == 0:
        return f"{minutes}:{whole:02d}"
    frac = f"{frac_us:06d}"[:3].rstrip("0") or "0"
    return f"{minutes}:{whole:02d}.{frac}"


def _point_name(atlas: Atlas, point_id: str | None) -> str:
    if point_id is None:
        return ""
    point = atlas.get(point_id)
    return point.name if point is not None else point_id


def _kind_words(kind: str) -> str:
    """A phase kind as the plan's reader sees it (the JSON keeps the kind itself)."""
    words = {"prepare": pgettext("plan", "prepare"), "switch": pgettext("plan", "switch"),
             "press": pgettext("plan", "press"), "release": pgettext("plan", "release"),
             "rest": pgettext("plan", "rest"),
             "done": pgettext("plan", "done")}
    return words.get(kind, kind)


def _side_words(side: str | None) -> str:
    words = {"left": pgettext("plan", "left"), "right": pgettext("plan", "right"),
             "both": pgettext("plan", "both")}
    return words.get(side, side) if side else ""


def _phase_line(phase: Phase, atlas: Atlas, kind_width: int = 8, side_width: int = 8) -> str:
    cycle = f"{phase.cycle}/{phase.cycles}" if phase.cycle is not None else ""
    if phase.until_eased:
        cycle += "  " + _("until eased, at most {seconds} s").format(
            seconds=f"{phase.duration:g}")
    duration = f"{phase.duration:g} s" if phase.kind != "done" else ""
    columns = (
        f"{format_offset(phase.start):>8}",
        f"{_kind_words(phase.kind):<{kind_width}}",
        f"{duration:>7}",
        f"{_point_name(atlas, phase.point):<44}",
        f"{_side_words(phase.side):<{side_width}}",
        cycle,
    )
    return "  ".join(columns).rstrip()


def format_plan_text(plan: Plan, atlas: Atlas) -> str:
    """A readable timeline, one phase a line, ending with the total."""
    points = ngettext("{n} point", "{n} points", plan.point_count).format(n=plan.point_count)
    phases = ngettext("{n} phase", "{n} phases", len(plan.phases)).format(n=len(plan.phases))
    header = _("Plan for {routine}: {points}, {phases}").format(
        routine=plan.routine_id, points=points, phases=phases)
    lines = [header, ""]
    # Columns as wide as this language's longest word ("prepárate" is wider than "prepare").
    kind_width = max([8, *(len(_kind_words(p.kind)) for p in plan.phases)])
    side_width = max([8, *(len(_side_words(p.side)) for p in plan.phases)])
    lines.extend(_phase_line(p, atlas, kind_width, side_width) for p in plan.phases)
    lines.extend(["", _("Total {time}").format(time=format_offset(plan.total_seconds))])
    return "\n".join(lines) + "\n"
