"""The names of the voice prompts a session can say, where a "Next:" is announced, and the
silence kept between two prompts.

A prompt's name is its WAV's stem in ``assets/voice`` (``next-upper-trapezius.1-left``,
``side-left``; ``count-3`` and ``say-<digest>`` are named in ``cue_names``). These are plain
functions of a plan, shared by the cues a session plays (``cues``), the fitting of prompts
between tones (``prompts``), ``tpguide validate``'s check that a ``say:`` line fits, and the
tool that renders the prompts. No Qt and no ``typing`` here: ``tpguide validate`` imports
this module.

The words each prompt says are here too, marked for the catalogue (context ``voice``: they are
heard, not read), so that ``assets/tools/make_voice.py`` renders every language from the same
catalogue the windows use. They are translated when called: the renderer picks the language
first.
"""

from __future__ import annotations

from tpguide.core.i18n import pgettext

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


# -- what the prompts say (translated when called) ---------------------------------------------
def fixed_texts() -> dict[str, str]:
    """The words of each of ``FIXED_PROMPTS``, in the active language."""
    return {
        "get-ready": pgettext("voice", "Get ready"),
        "press": pgettext("voice", "Press"),
        "release": pgettext("voice", "Release"),
        "switch-left": pgettext("voice", "Switch to your left side"),
        "switch-right": pgettext("voice", "Switch to your right side"),
        "together": pgettext("voice", "Both sides together"),
        "rest": pgettext("voice", "Rest"),
        "session-complete": pgettext("voice", "Session complete"),
        "stop-question": pgettext("voice", "Stop the session? Press stop again to end it."),
    }


def number_words() -> tuple[str, ...]:
    """"zero" to "twenty" as spoken (a tenderness of 0 is confirmed aloud like any other)."""
    return (
        pgettext("voice", "zero"), pgettext("voice", "one"), pgettext("voice", "two"),
        pgettext("voice", "three"), pgettext("voice", "four"), pgettext("voice", "five"),
        pgettext("voice", "six"), pgettext("voice", "seven"), pgettext("voice", "eight"),
        pgettext("voice", "nine"), pgettext("voice", "ten"), pgettext("voice", "eleven"),
        pgettext("voice", "twelve"), pgettext("voice", "thirteen"),
        pgettext("voice", "fourteen"), pgettext("voice", "fifteen"),
        pgettext("voice", "sixteen"), pgettext("voice", "seventeen"),
        pgettext("voice", "eighteen"), pgettext("voice", "nineteen"),
        pgettext("voice", "twenty"),
    )


def side_text(side: str) -> str:
    """The words of :func:`side_prompt`: "Left side", "Right side", "Both sides"."""
    side = announced_side(side)
    if side == "left":
        return pgettext("voice", "Left side")
    if side == "right":
        return pgettext("voice", "Right side")
    return pgettext("voice", "Both sides")


def next_point_text(name: str, side: str) -> str:
    """The words of :func:`next_point_prompt` for a point whose spoken name is ``name``."""
    side = announced_side(side)
    if side == "left":
        text = pgettext("voice", "Next: {name}, your left side")
    elif side == "right":
        text = pgettext("voice", "Next: {name}, your right side")
    else:
        text = pgettext("voice", "Next: {name}, both sides together")
    return text.format(name=name)


def next_point_short_text(name: str, side: str) -> str:
    """The words of :func:`next_point_short_prompt`: the side in one word."""
    side = announced_side(side)
    if side == "left":
        text = pgettext("voice", "Next: {name}, left")
    elif side == "right":
        text = pgettext("voice", "Next: {name}, right")
    else:
        text = pgettext("voice", "Next: {name}, both sides")
    return text.format(name=name)
