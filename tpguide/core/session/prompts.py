"""Plans what the voice says in every phase before the session starts, so that no prompt runs
into the next phase's tone and none is cut.

A phase's tone sounds at its boundary; the mixer queues its voice prompts behind the tone and
behind each other, ``VOICE_GAP_S`` apart (tpguide.core.session.mixer). A prompt that is still
speaking when the next tone comes is cut mid-word, and one that ends just before the tone
blurs into it; a person with eyes closed then hears neither. So every prompt is planned with
its real length (from its pack's manifest, see ``voice_pack``) and kept only if it ends at
least ``MIN_GAP_S`` before the next boundary. Where it would not, a shorter form is said
("Next: upper trapezius, your left side" -> "Next: upper trapezius, left" -> "Left side" ->
nothing); the screen always carries the full text.

Which prompts win when not all fit, in order: the side of the next point (at least "Left
side"), then the routine's ``say:`` line (the author's own words, said nowhere else), then the
next point's name ("Next: upper trapezius, left"), then the phase word ("Get ready", "Release",
"Rest": its tone already means the same; "Switch to your left side" keeps "Left side" before
nothing), and last the long form over the short one. A prompt is shortened before anything is
dropped for it. When a rest or release could say only the side of the next point, the prepare
that follows names the point, if that fits.

Countdown ticks (quiet clicks on the last three seconds before a press) are not avoided:
UI.md does not ask it, they do not cut or delay a voice, and avoiding them would silence
almost every "Next:" in a short prepare or rest. Spoken counts ("three", "two", "one"), when
wanted, are the least needed and are kept only where they fit behind the phase's prompts.

No Qt here: the prompts' lengths come from the pack's manifest, the tones' from their WAV
headers (the standard ``wave`` module); nothing is decoded to plan.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from functools import cache

from tpguide import resources
from tpguide.core.record import record
from tpguide.core.session.cue_names import count_prompt, say_prompt
from tpguide.core.session.planner import PHASE_KINDS
from tpguide.core.session.timeline import COUNTDOWN
from tpguide.core.session.voice_names import (
    FIXED_PROMPTS,
    VOICE_GAP_S,
    announcements,
    next_point_prompt,
    next_point_short_prompt,
    side_prompt,
)
from tpguide.core.session.voice_pack import PackLengths, WavLengths, voice_location

TYPE_CHECKING = False  # neither typing nor pathlib at run time: tpguide validate fits prompts
if TYPE_CHECKING:
    from collections.abc import Sequence
    from os import PathLike
    from typing import Protocol

    from tpguide.core.session.planner import Plan
    from tpguide.core.session.voice_names import PhaseLike

    class TimedPhase(PhaseLike, Protocol):
        """What the fitter needs of a planned phase (the planner's Phase has it)."""

        @property
        def start(self) -> float: ...
        @property
        def duration(self) -> float: ...
        @property
        def say(self) -> str | None: ...

MIN_GAP_S = 0.4
"""Silence a prompt leaves before the next phase's tone."""
SPEECH_START_S = 0.5
"""What a speech engine takes before its first sound (speechd is slow to start)."""
SPEECH_SECONDS_PER_CHAR = 0.075
"""Speaking time per character of ``say:`` text: every built-in line, rendered at 150 words
a minute, takes less (59-79 ms a character, pauses at commas included)."""
COUNT_SLACK_S = 0.2
"""A spoken count may start this much after its tick and still be heard as belonging to it."""

_US = 1_000_000


def _us(seconds: float) -> int:
    """Times are compared as whole microseconds, so 0.4 s exactly is 0.4 s."""
    return round(seconds * _US)


# -- lengths -----------------------------------------------------------------------------------
@cache
def _pack(folder: str) -> PackLengths:
    return PackLengths(folder)


@cache
def _tones(folder: str) -> WavLengths:
    return WavLengths(folder)


def prompt_lengths(voice_dir: str | PathLike[str] | None = None) -> PackLengths:
    """Every pre-rendered prompt's length in seconds, by name, from the manifest of the pack
    in ``voice_dir`` (the active language's by default); read once."""
    return _pack(os.fspath(voice_dir) if voice_dir else voice_location())


def tone_lengths(sounds_dir: str | PathLike[str] | None = None) -> Mapping[str, float]:
    """Each phase tone's length: the longer of the plain and the calm sound (either may play)."""
    found = _tones(os.fspath(sounds_dir) if sounds_dir else resources.location("sounds"))
    return {kind: max(found.get(kind, 0.0), found.get(f"calm-{kind}", 0.0))
            for kind in PHASE_KINDS}


def speech_seconds(text: str) -> float:
    """An estimate of how long a speech engine takes to say ``text`` (generous on purpose)."""
    return SPEECH_START_S + len(" ".join(text.split())) * SPEECH_SECONDS_PER_CHAR


# -- the result --------------------------------------------------------------------------------
@record(frozen=True, slots=True)
class FittedPhase:
    """What the voice says in one phase.

    ``prompts``: the pre-rendered prompts, in order, after the tone. ``speak``: ``say:`` text
    that has no recording, for a speech engine, to start ``speak_at`` seconds into the phase
    (after the prompts). ``counts``: the countdown numbers to say before this (press) phase.
    ``voice_end``: when the last prompt ends, in seconds from the phase start.
    """

    prompts: tuple[str, ...] = ()
    speak: str | None = None
    speak_at: float = 0.0
    counts: frozenset[int] = frozenset()
    voice_end: float = 0.0


# -- the slots of one phase --------------------------------------------------------------------
@record(frozen=True)
class _Slot:
    role: str  # "word", "next", "say" or "speech"
    forms: tuple[str, ...]  # longest first; the slot may also say nothing


_WORDS = {"prepare": "get-ready", "press": "press", "release": "release", "rest": "rest",
          "done": "session-complete"}


def _slots(phase: TimedPhase, say: str | None, announce: tuple[str, str] | None,
           lengths: Mapping[str, float], speech: bool, side_alone: bool = True) -> list[_Slot]:
    """The phase's prompts in the order they are said; forms without a recording are left out
    (and the side alone when ``side_alone`` is false)."""
    kind = phase.kind
    if kind == "switch" and phase.side in ("left", "right"):
        word: tuple[str, ...] = (f"switch-{phase.side}", side_prompt(phase.side))
    else:
        word = (_WORDS[kind],) if kind in _WORDS else ()
    slots = [_Slot("word", word)]
    if say and (recorded := _recorded(say, lengths)) is not None:
        slots.append(_Slot("say", (recorded,)))
    elif say and speech:
        slots.append(_Slot("speech", (say,)))
    if announce is not None:
        point, side = announce
        forms = (next_point_prompt(point, side), next_point_short_prompt(point, side))
        nxt = _Slot("next", forms + ((side_prompt(side),) if side_alone else ()))
        slots.insert(0 if kind == "prepare" else len(slots), nxt)
    return [_Slot(s.role, tuple(f for f in s.forms if s.role == "speech" or f in lengths))
            for s in slots]


def _recorded(say: str, lengths: Mapping[str, float]) -> str | None:
    """The recorded prompt of a ``say:`` line, if there is one. Lengths that leave every
    ``say-`` name out (``tpguide validate``'s) answer without hashing the text: hashlib
    (OpenSSL) would be the slowest import of ``tpguide validate``."""
    if isinstance(lengths, PackLengths) and not lengths.may_hold("say-"):
        return None
    name = say_prompt(say)
    return name if name in lengths else None


def _preference(choice: dict[str, str | None]) -> tuple[int, ...]:
    """Larger is better (the order is in the module docstring); judged by the names chosen,
    since a form without a recording is not offered at all."""
    nxt = choice.get("next")
    said = choice.get("say") or choice.get("speech")
    word = choice.get("word")
    names_point = nxt is not None and nxt.startswith("next-")
    return (
        int(nxt is not None),
        int(said is not None),
        int(names_point),
        0 if word is None else 1 if word.startswith("side-") else 2,
        int(names_point and nxt is not None and not nxt.endswith("-short")),
    )


def _length(slot: _Slot, form: str, lengths: Mapping[str, float]) -> int:
    return _us(speech_seconds(form) if slot.role == "speech" else lengths[form])


def _fit_phase(phase: TimedPhase, say: str | None, announce: tuple[str, str] | None,
               lengths: Mapping[str, float], tone: float, room: float | None,
               speech: bool, side_alone: bool = True) -> FittedPhase:
    slots = [s for s in _slots(phase, say, announce, lengths, speech, side_alone) if s.forms]
    options = [range(-1, len(s.forms)) for s in slots]  # -1: say nothing
    best: tuple[tuple[int, ...], FittedPhase] | None = None
    for picks in itertools.product(*options):
        choice = {s.role: (s.forms[p] if p >= 0 else None)
                  for s, p in zip(slots, picks, strict=True)}
        key = _preference(choice)
        if best is not None and key <= best[0]:
            continue  # it could not win even if it fits: not laid out at all
        fitted = _place(slots, picks, lengths, tone)
        if room is not None and _us(fitted.voice_end) + _us(MIN_GAP_S) > _us(room) and (
            fitted.prompts or fitted.speak
        ):
            continue
        best = (key, fitted)
    return best[1] if best is not None else FittedPhase(voice_end=tone)


def _place(slots: Sequence[_Slot], picks: Sequence[int], lengths: Mapping[str, float],
           tone: float) -> FittedPhase:
    """Lay the picked forms out as the mixer will: after the tone, one gap apart; speech from
    an engine outside the mixer goes last, so it cannot talk over a recorded prompt."""
    t = _us(tone)
    prompts: list[str] = []
    speak: str | None = None
    for slot, pick in zip(slots, picks, strict=True):
        if pick < 0 or slot.role == "speech":
            continue
        t += _us(VOICE_GAP_S) + _length(slot, slot.forms[pick], lengths)
        prompts.append(slot.forms[pick])
    speak_at = 0
    for slot, pick in zip(slots, picks, strict=True):
        if pick >= 0 and slot.role == "speech":
            speak = slot.forms[pick]
            speak_at = t + _us(VOICE_GAP_S)
            t = speak_at + _length(slot, speak, lengths)
    return FittedPhase(tuple(prompts), speak, speak_at / _US, frozenset(), t / _US)


# -- the whole plan ----------------------------------------------------------------------------
def fit_phases(
    phases: Sequence[TimedPhase],
    lengths: Mapping[str, float],
    tones: Mapping[str, float] | None = None,
    *,
    speech: bool = True,
    countdown: bool = False,
) -> list[FittedPhase]:
    """Per phase, what its voice says (see :class:`FittedPhase`).

    ``lengths``: prompt name -> seconds (:func:`prompt_lengths`); a prompt missing there is
    never chosen. ``tones``: phase kind -> seconds of its tone (:func:`tone_lengths`).
    ``speech``: a speech engine may say ``say:`` text that has no recording. ``countdown``:
    numbers are spoken with the ticks before each press, where they fit. The last phase
    (done) has no next tone, so everything fits there.
    """
    tones = tone_lengths() if tones is None else tones
    announced = announcements(phases)
    fitted: list[FittedPhase] = []
    unnamed: tuple[str, str] | None = None  # the last phase announced it but could not name it
    for i, phase in enumerate(phases):
        room = phase.duration if i + 1 < len(phases) else None  # done: no next tone
        announce, side_alone = announced[i], True
        if announce is None and phase.kind == "prepare" and unnamed == (phase.point, phase.side):
            announce, side_alone = unnamed, False  # name the point now, if it fits
        fitted.append(_fit_phase(phase, phase.say, announce, lengths,
                                 tones.get(phase.kind, 0.0), room, speech, side_alone))
        named = announce is not None and any(
            p in (next_point_prompt(*announce), next_point_short_prompt(*announce))
            for p in fitted[-1].prompts)
        unnamed = announce if announce is not None and not named else None
    if countdown:
        _fit_counts(phases, fitted, lengths)
    return fitted


def _fit_counts(phases: Sequence[TimedPhase], fitted: list[FittedPhase],
                lengths: Mapping[str, float]) -> None:
    """Keep each spoken count that starts with its tick and ends in time, behind the prompts
    (and earlier counts) of the phase its tick falls in."""
    starts = [p.start for p in phases]
    busy = {i: _us(starts[i] + f.voice_end) for i, f in enumerate(fitted)}
    for p, phase in enumerate(phases):
        if phase.kind != "press":
            continue
        kept: set[int] = set()
        for lead in COUNTDOWN:
            tick = _us(starts[p] - lead)
            name = count_prompt(lead)
            if tick < 0 or name is None or name not in lengths:
                continue
            j = max(i for i in range(p) if _us(starts[i]) <= tick)
            begin = max(tick, busy[j] + _us(VOICE_GAP_S))
            end = begin + _us(lengths[name])
            if begin <= tick + _us(COUNT_SLACK_S) and end + _us(MIN_GAP_S) <= _us(starts[j + 1]):
                busy[j] = end
                kept.add(lead)
        old = fitted[p]
        fitted[p] = FittedPhase(old.prompts, old.speak, old.speak_at, frozenset(kept),
                                old.voice_end)


def fit_prompts(plan: Plan, lengths: Mapping[str, float],
                tones: Mapping[str, float] | None = None) -> list[tuple[str, ...]]:
    """Per phase of ``plan``, the names of the prompts to play after its tone, in order."""
    return [f.prompts for f in fit_phases(plan.phases, lengths, tones)]


def fit_session(phases: Sequence[TimedPhase], *, speech: bool = True,
                countdown: bool = False) -> list[FittedPhase]:
    """:func:`fit_phases` with the shipped prompts and tones (what a session plays)."""
    return fit_phases(phases, prompt_lengths(), tone_lengths(), speech=speech,
                      countdown=countdown)


def voice_prompts_needed(phases: Sequence[TimedPhase],
                         lengths: Mapping[str, float] | None = None) -> set[str]:
    """Every pre-rendered prompt a session of ``phases`` can play, with or without a speech
    engine (to load only those), plus the fixed phase words and the countdown numbers."""
    lengths = prompt_lengths() if lengths is None else lengths
    tones = tone_lengths()
    needed = set(FIXED_PROMPTS) | {f"count-{n}" for n in COUNTDOWN}
    for speech in (True, False):
        for fitted in fit_phases(phases, lengths, tones, speech=speech):
            needed.update(fitted.prompts)
    return needed


def unsaid_say_lines(phases: Sequence[TimedPhase]) -> list[tuple[int, float]]:
    """(phase index, estimated seconds) of every ``say:`` line that would not be spoken
    because its phase leaves too little room, judged by the text's length alone (as for a
    speech engine), so that ``tpguide validate`` can warn the author before a session."""
    fitted = fit_phases(phases, prompt_lengths().without("say-"), tone_lengths(), speech=True)
    return [(i, speech_seconds(phase.say)) for i, (phase, f) in enumerate(zip(phases, fitted,
            strict=True)) if phase.say and f.speak is None]
