"""A step's settings in plain words, so handouts and screens read like a therapist talking.

The pressure wording and the tool labels are defined here once, for every screen and the
handout, in the reader's language (the core's catalogue). A screen may pass its own
``translate`` (Qt's ``tr``), which reads the same catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

from tpguide.core.i18n import N_, ROUTINE_CONTEXT, _, ngettext, pgettext
from tpguide.core.routines.durations import format_seconds
from tpguide.core.routines.routine import RestStep, Settings, Step, pressure_word

BUILTIN_AUTHOR = "tpguide team"
"""The author line of every routine that ships with tpguide."""


def by_builtin_team(author: str | None) -> bool:
    """Whether a routine is the tpguide team's own (no therapist of the reader wrote it):
    its author line in English, or as a built-in routine shows it in the reader's language
    (core/routines/builtin_text.py translates it with the routine's other texts)."""
    name = (author or "").strip().casefold()
    return name in (BUILTIN_AUTHOR, pgettext(ROUTINE_CONTEXT, BUILTIN_AUTHOR).casefold())


def notes_label(author: str | None) -> str:
    """What a routine's own safety notes are introduced with on paper: its author's name
    when a person wrote it, else a plain "Note:" (never a therapist who is not there)."""
    name = " ".join((author or "").split())[:60]
    return _("Note:") if not name or by_builtin_team(name) else _("From {name}:").format(
        name=name)


def closing_words(author: str | None) -> str:
    """The handout's last line: therapist wording only when someone other than the tpguide
    team wrote the routine."""
    if (author or "").strip() and not by_builtin_team(author):
        return _("Keep to the routine your therapist gave you, and tell them how it went. "
                 "Printed by tpguide.")
    return _("Stop at once if you feel dizzy, numb, tingling or unwell, and see a doctor if "
             "your headaches change. Printed by tpguide.")


SIDE_WORDS: dict[str, str] = {
    "left": N_("left"),
    "right": N_("right"),
    "both": N_("left then right"),
    "together": N_("both sides together"),
}
#: The one label per tool id (``routine.TOOLS``): the session, the editor, the routine page,
#: the atlas and the handout all name a tool by this.
TOOL_LABELS: dict[str, str] = {
    "fingers": N_("fingertips"),
    "thumb": N_("thumb"),
    "knuckles": N_("knuckles"),
    "pincer": N_("pincer grip (thumb and fingers)"),
    "palm": N_("palm of the hand"),
    "ball": N_("a ball against a wall or floor"),
    "cane": N_("a hooked cane"),
}
PRESSURE_PATTERN = N_("{word}, {level}/10")


def duration_words(seconds: float) -> str:
    """``30 s``, ``1 min``, ``1 min 30 s``: short lengths the way people say them."""
    if seconds < 60:
        return _("{seconds} s").format(seconds=format_seconds(seconds))
    minutes, rest = divmod(seconds, 60)
    if rest:
        return _("{minutes} min {seconds} s").format(minutes=int(minutes),
                                                    seconds=format_seconds(rest))
    return _("{minutes} min").format(minutes=int(minutes))


def times_words(count: int) -> str:
    return ngettext("once", "{count} times", count).format(count=count)


def side_words(side: str) -> str:
    return _(SIDE_WORDS[side]) if side in SIDE_WORDS else side


def pressure_text(level: int | None, translate: Callable[[str], str] = _) -> str:
    """``moderate, 5/10`` (UI.md): the word first, for people who think in words, then the
    number, which is what the routine file says; "" when there is no pressure (a rest)."""
    if level is None:
        return ""
    return translate(PRESSURE_PATTERN).format(word=translate(pressure_word(level)), level=level)


def tool_label(tool: str | None, translate: Callable[[str], str] = _) -> str:
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
        _("release {duration}").format(duration=duration_words(settings.release)),
        times_words(settings.cycles),
        side_words(settings.side),
    ))
    return _("{timing}; pressure: {pressure}; use: {tool}").format(
        timing=timing, pressure=pressure_text(settings.pressure),
        tool=tool_label(settings.tool))


def press_words(settings: Settings) -> str:
    """``press 30 s``, or ``hold until it eases, at most 60 s`` for a responsive hold (its
    limit in seconds, the unit people count a hold in)."""
    if settings.until_eased:
        return _("hold until it eases, at most {seconds} s").format(
            seconds=format_seconds(settings.press))
    return _("press {duration}").format(duration=duration_words(settings.press))


def step_words(step: Step) -> str:
    """One line for any step: its settings, or ``rest 1 min`` for a pause."""
    if isinstance(step, RestStep):
        return _("rest {duration}").format(duration=duration_words(step.rest))
    return settings_words(step.settings)


def length_words(seconds: float) -> str:
    """``about 12 minutes``: a whole routine's length for people."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return _("under a minute")
    if minutes < 60:
        return ngettext("about {n} minute", "about {n} minutes", minutes).format(n=minutes)
    hours, rest = divmod(minutes, 60)
    text = ngettext("about {n} hour", "about {n} hours", hours).format(n=hours)
    return _("{hours} {minutes} min").format(hours=text, minutes=rest) if rest else text
