"""A step's settings in plain words, so handouts and screens read like a therapist talking."""

from __future__ import annotations

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
TOOL_WORDS: dict[str, str] = {
    "fingers": "with the fingertips",
    "thumb": "with the thumb",
    "knuckles": "with the knuckles",
    "pincer": "with a pincer grip (thumb and fingers)",
    "palm": "with the palm",
    "ball": "with a ball",
    "cane": "with a hooked cane",
}


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


def pressure_words(level: int) -> str:
    """``moderate pressure (5/10)``."""
    return f"{pressure_word(level)} pressure ({level}/10)"


def tool_words(tool: str) -> str:
    return TOOL_WORDS.get(tool, f"with the {tool}")


def settings_words(settings: Settings) -> str:
    """``press 30 s, release 10 s, 3 times, left then right, moderate pressure (5/10), ...``."""
    return ", ".join((
        f"press {duration_words(settings.press)}",
        f"release {duration_words(settings.release)}",
        times_words(settings.cycles),
        side_words(settings.side),
        pressure_words(settings.pressure),
        tool_words(settings.tool),
    ))


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
