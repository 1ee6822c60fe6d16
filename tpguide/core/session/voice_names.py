"""The names of the voice prompts a session can say, where a "Next:" is announced, and the
silence kept between two prompts.

A prompt's name is its WAV's stem in ``assets/voice`` (``next-upper-trapezius.1-left``,
``side-left``; ``count-3`` and ``say-<digest>`` are named in ``cue_names``). These are plain
functions of a plan, shared by the cues a session plays (``cues``), the fitting of prompts
between tones (``prompts``), ``tpguide validate``'s check that a ``say:`` line fits, and the
tool that renders the prompts. No Qt and no ``typing`` here: ``tpguide validate`` imports
this module.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Protocol

    class PhaseLike(Protocol):
        """What :func:`announcements` needs of a planned phase (the planner's Phase has it)."""

        @property
        def kind(self) -> str: ...
        @property
        def point(self) -> str | None: ...
        @property
        def side(self) -> str | None: ...
        @property
        def step(self) -> int | None: ...


FIXED_PROMPTS: tuple[str, ...] = (
    "get-ready", "press", "release", "switch-left", "switch-right", "together", "rest",
    "session-complete", "stop-question",
)
VOICE_GAP_S = 0.12
"""Silence between two voice prompts: the mixer keeps it, the fitting (``prompts``) counts it."""
ANNOUNCED_SIDES: tuple[str, ...] = ("left", "right", "together")
_POINTED = ("prepare", "switch", "press", "release")


def announced_side(side: str) -> str:
    """The side a "Next:" prompt names: a ``both`` step starts on the left."""
    if side == "both":
        return "left"
    if side not in ANNOUNCED_SIDES:
        raise ValueError(f"not a side: {side!r}")
    return side


def next_point_prompt(point: str, side: str) -> str:
    """Prompt name for "Next: <spoken name>, your left side" (see assets/tools/make_voice.py)."""
    return f"next-{point}-{announced_side(side)}"


def next_point_short_prompt(point: str, side: str) -> str:
    """Prompt name for the shorter "Next: <spoken name>, left" (said when the long one would
    not end in time)."""
    return f"{next_point_prompt(point, side)}-short"


def side_prompt(side: str) -> str:
    """Prompt name for the side alone: "Left side", "Right side", "Both sides"."""
    return f"side-{announced_side(side)}"


def announcements(phases: Sequence[PhaseLike]) -> list[tuple[str, str] | None]:
    """For each phase, the (point, side) to announce as "Next:" when it starts, or None.

    A release or rest phase announces the point of the phase right after it when that phase
    starts a new step, or changes side without a switch phase. A prepare phase announces its
    own point unless the phase before it already did.
    """
    result: list[tuple[str, str] | None] = [None] * len(phases)
    for i, phase in enumerate(phases):
        if phase.kind in ("release", "rest") and i + 1 < len(phases):
            after = phases[i + 1]
            new_step = after.step != phase.step or phase.kind == "rest"
            new_side = after.side != phase.side and after.kind != "switch"
            if after.kind in _POINTED and after.point and after.side and (new_step or new_side):
                result[i] = (after.point, after.side)
        elif (
            phase.kind == "prepare" and phase.point and phase.side
            and (i == 0 or result[i - 1] is None)
        ):
            result[i] = (phase.point, phase.side)
    return result
