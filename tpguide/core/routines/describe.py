"""A step's settings in plain words, so handouts and screens read like a therapist talking.

The pressure wording and the tool labels are defined here once, for every screen and the
handout: plain Python has no translator, so each function takes an optional ``translate``
that a screen passes to put the words (and the pattern around them) into the user's language.
"""

from __future__ import annotations

from collections.abc import Callable

from tpguide.core.routines.durations import format_seconds
from tpguide.core.routines.routine import RestStep, Settings, Step, pressure_word

BUILTIN_AUTHOR = "tpguide team"
"""The author line of every routine that ships with tpguide."""


def by_builtin_team(author: str | None) -> bool:
    """Whether a routine is the tpguide team's own (no therapist of the reader wrote it)."""
    return (author or "").strip().casefold() == BUILTIN_AUTHOR


def notes_label(author: str | None) -> str:
    """What a routine's own safety notes are introduced with on paper: its author's name
    when a person wrote it, else a plain "Note:" (never a therapist who is not there)."""
    name = " ".join((author or "").split())[:60]
    return "Note:" if not name or by_builtin_team(name) else f"From {name}:"


def closing_words(author: str | None) -> str:
    """The handout's last line: therapist wording only when someone other than the tpguide
    team wrote the routine."""
    if (author or "").strip() and not by_builtin_team(author):
        return ("Keep to the routine your therapist gave you, and tell them how it went. "
                "Printed by tpguide.")
    return ("Stop at once if you feel dizzy, numb, tingling or unwell, and see a doctor if "
            "your headaches change. Printed by tpguide.")


SIDE_WORDS: dict[str, str] = {
    "left": "left",
    "right": "right",
    "both": "left then right",
    "together": "both sides together",
}
#: The one label per tool id (``routine.TOOLS``): the session, the editor, the routine page,
#: the atlas and the handout all name a tool by this.
TOOL_LABELS: dict[str, str] = {
    "fingers": "fingertips",
    "thumb": "thumb",
    "knuckles": "knuckles",
    "pincer": "pincer grip (thumb and fingers)",
    "palm": "palm of the hand",
    "ball": "a ball against a wall or floor",
    "cane": "a hooked cane",
}
PRESSURE_PATTERN = "{word}, {level}/10"


def _as_is(text: str) -> str:
    return text


def duration_words(seconds: float) -> str:
    """``30 s``, ``1 min``, ``1 min 30 s``: short lengths the way people say them."""
    if seconds < 60:
        return f"{format_seconds(seconds)} s"
    minutes, rest = divmod(seconds, 60)
    text = f"{int(minutes)} min"
    return f"{text} {format_seconds(rest)} s" if rest else text


def times_words(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def side_words(side: str) -> str:
    return SIDE_WORDS.get(side, side)


def pressure_text(level: int | None, translate: Callable[[str], str] = _as_is) -> str:
    """``moderate, 5/10`` (UI.md): the word first, for people who think in words, then the
    number, which is what the routine file says; "" when there is no pressure (a rest)."""
    if level is None:
        return ""
    return translate(PRESSURE_PATTERN).format(word=translate(pressure_word(level)), level=level)


def tool_label(tool: str | None, translate: Callable[[str], str] = _as_is) -> str:
    """The tool's label; an id this version does not know is shown as it is."""
    if not tool:
        return ""
    return translate(TOOL_LABELS[tool]) if tool in TOOL_LABELS else tool


def settings_words(settings: Settings) -> str:
    """``press 30 s, release 10 s, 3 times, left then right; pressure: moderate, 5/10; use:
    fingertips``: the timing as a therapist says it, then pressure and tool as the session
    window labels them. An until-eased press reads ``hold until it eases, at most 60 s``."""
    timing = ", ".join((
        press_words(settings),
        f"release {duration_words(settings.release)}",
        times_words(settings.cycles),
        side_words(settings.side),
    ))
    return (f"{timing}; pressure: {pressure_text(settings.pressure)}; "
            f"use: {tool_label(settings.tool)}")


def press_words(settings: Settings) -> str:
    """``press 30 s``, or ``hold until it eases, at most 60 s`` for a responsive hold (its
    limit in seconds, the unit people count a hold in)."""
    if settings.until_eased:
        return f"hold until it eases, at most {format_seconds(settings.press)} s"
    return f"press {duration_words(settings.press)}"


def step_words(step: Step) -> str:
    """One line for any step: its settings, or ``rest 1 min`` for a pause."""
    if isinstance(step, RestStep):
        return f"rest {duration_words(step.rest)}"
    return settings_words(step.settings)


def length_words(seconds: float) -> str:
    """``about 12 minutes``: a whole routine's length for people."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    text = f"about {hours} hour{'s' if hours != 1 else ''}"
    return f"{text} {rest} min" if rest else text
