"""Names the sounds a session makes, and the CuePlayer interface, so sessions run without audio.

A cue is a tone kind (``prepare``, ``press``, ``release``, ``switch``, ``rest``, ``done``,
``tick``) or a pre-rendered voice prompt written ``voice:<prompt>`` (``voice:press``,
``voice:next-upper-trapezius.1-left``, ``voice:count-3``). The functions here decide which cues
a phase plays; players (Qt, null, recording) decide how. No Qt here. The prompt names and
where "Next:" is announced live in ``voice_names`` (``tpguide validate`` needs them without
the players); ``announcements`` is offered here too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tpguide.core.session.cue_names import MAX_COUNT as MAX_COUNT
from tpguide.core.session.cue_names import TONE_KINDS as TONE_KINDS
from tpguide.core.session.cue_names import VOICE_PREFIX as VOICE_PREFIX
from tpguide.core.session.cue_names import check_cue as check_cue
from tpguide.core.session.cue_names import count_prompt as count_prompt
from tpguide.core.session.cue_names import is_voice as is_voice
from tpguide.core.session.cue_names import prompt_of as prompt_of
from tpguide.core.session.cue_names import say_prompt as say_prompt
from tpguide.core.session.cue_names import voice as voice
from tpguide.core.session.voice_names import announcements as announcements
from tpguide.core.session.voice_names import next_point_prompt

if TYPE_CHECKING:
    from tpguide.core.session.voice_names import PhaseLike


def _phase_prompts(kind: str, side: str | None, announce: str | None) -> list[str]:
    if kind == "prepare":
        return ([announce] if announce else []) + ["get-ready"]
    if kind == "press":
        return ["press"]
    if kind in ("release", "rest"):
        return [kind] + ([announce] if announce else [])
    if kind == "switch":
        return [f"switch-{side}"] if side in ("left", "right") else []
    if kind == "done":
        return ["session-complete"]
    return []  # tick


def cues_for_phase(
    kind: str,
    side: str | None = None,
    next_point: str | None = None,
    next_side: str | None = None,
    voice_enabled: bool = True,
    count: int | None = None,
) -> list[str]:
    """The cues to play, in order, when a phase (or a countdown tick) starts.

    ``kind`` is a phase kind or ``tick``; ``side`` is the phase's side (for ``switch``, the side
    switched to). ``next_point``/``next_side``, when given, are announced ("Next: ...") during a
    prepare, release or rest phase; :func:`announcements` says when to give them. ``count``
    adds a spoken number at the end (for example the seconds left on a tick), if wanted. The
    tone always comes first; voice prompts follow and are skipped when ``voice_enabled`` is
    false.
    """
    if kind not in TONE_KINDS:
        raise ValueError(f"not a phase kind: {kind!r}")
    cues = [kind]
    if not voice_enabled:
        return cues
    announce = None
    if next_point is not None and kind in ("prepare", "release", "rest"):
        announce = next_point_prompt(next_point, next_side or "left")
    prompts = _phase_prompts(kind, side, announce)
    if count is not None and (number := count_prompt(count)) is not None:
        prompts.append(number)
    return cues + [voice(p) for p in prompts]


def plan_cues(phases: Sequence[PhaseLike], voice_enabled: bool = True) -> list[list[str]]:
    """The cues of every phase of a plan, in order (ticks are the shell's to add)."""
    cues: list[list[str]] = []
    for phase, announce in zip(phases, announcements(phases), strict=True):
        point, side = announce if announce else (None, None)
        cues.append(cues_for_phase(phase.kind, phase.side, point, side, voice_enabled))
    return cues


class FittedLike(Protocol):
    """What :func:`cues_for_event` needs of a phase's planned voice
    (``core.session.prompts.FittedPhase``)."""

    @property
    def prompts(self) -> tuple[str, ...]: ...
    @property
    def counts(self) -> frozenset[int]: ...


class EventLike(Protocol):
    """What :func:`cues_for_event` needs of an engine event (``core.session.engine.Event``)."""

    @property
    def kind(self) -> str: ...
    @property
    def phase(self) -> PhaseLike | None: ...
    @property
    def index(self) -> int | None: ...
    @property
    def count(self) -> int | None: ...


def cues_for_event(
    event: EventLike,
    announce: Sequence[tuple[str, str] | None],
    voice_enabled: bool = True,
    spoken_countdown: bool = False,
    fitted: Sequence[FittedLike] | None = None,
) -> list[str]:
    """The cues for one engine event; ``announce`` is :func:`announcements` of the plan.

    ``phase_started`` plays its phase's cues; ``tick`` a tick (and the number, when
    ``spoken_countdown``); pause, resume, stop, stall and finish play nothing (the done
    phase's own start plays the done cue). ``fitted``, per phase, is the voice planned to
    fit between the tones (``core.session.prompts.fit_phases``): when given, a phase says
    exactly its planned prompts, and a tick says its number only where one was planned.
    """
    index = event.index
    planned = None
    if fitted is not None and index is not None and 0 <= index < len(fitted):
        planned = fitted[index]
    if event.kind == "tick":
        count = event.count if spoken_countdown else None
        if planned is not None and count not in planned.counts:
            count = None
        return cues_for_phase("tick", voice_enabled=voice_enabled, count=count)
    if event.kind != "phase_started" or event.phase is None:
        return []
    if planned is not None:
        return [event.phase.kind] + [voice(p) for p in planned.prompts if voice_enabled]
    found = announce[index] if index is not None and 0 <= index < len(announce) else None
    point, side = found if found else (None, None)
    return cues_for_phase(event.phase.kind, event.phase.side, point, side, voice_enabled)


@runtime_checkable
class CuePlayer(Protocol):
    """Plays cues; every method returns at once and none may raise for a missing sound.

    ``load()`` starts loading; ``ready`` turns true when every sound is loaded or failed, and
    ``when_ready(cb)`` calls ``cb(available)`` then (at once if already ready). A session must
    not start before that. ``available`` is true when cues will really be heard;
    ``unavailable_reason`` is the notice the UI shows once when they will not.

    Times are on the monotonic clock the player was made with. ``schedule(cue, at)`` plays a
    cue so that it is heard at ``at`` (or as soon as the stream allows, if that is later) and
    returns when it will be heard; ``lead`` says how long before ``at`` it must be handed
    over for that (0: at ``at`` is early enough). ``withdraw()`` forgets every cue not yet
    on its way to the device; ``stop_all()`` also cuts what is playing. ``when_lost(cb)``
    calls ``cb(notice)`` when the output device goes away or changes; ``reopen()`` opens the
    current default output (``when_ready`` follows).
    """

    @property
    def available(self) -> bool: ...
    @property
    def ready(self) -> bool: ...
    @property
    def unavailable_reason(self) -> str | None: ...
    @property
    def lead(self) -> float: ...
    def load(self) -> None: ...
    def when_ready(self, callback: Callable[[bool], None]) -> None: ...
    def play(self, cue: str) -> None: ...
    def schedule(self, cue: str, at: float) -> float: ...
    def withdraw(self) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def set_muted(self, muted: bool) -> None: ...
    def set_calm(self, calm: bool) -> None: ...
    def set_breathing(self, on: bool) -> None: ...
    def stop_all(self) -> None: ...
    def when_lost(self, callback: Callable[[str], None]) -> None: ...
    def reopen(self) -> None: ...


class NullCuePlayer:
    """No audio: plays and records nothing; ready at once, never available."""

    lead = 0.0

    def __init__(self, reason: str | None = None) -> None:
        self._reason = reason

    @property
    def available(self) -> bool:
        return False

    @property
    def ready(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> str | None:
        return self._reason

    def load(self) -> None:
        pass

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        callback(False)

    def play(self, cue: str) -> None:
        check_cue(cue)

    def schedule(self, cue: str, at: float) -> float:
        check_cue(cue)
        return at

    def set_volume(self, volume: float) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass

    def set_calm(self, calm: bool) -> None:
        pass

    def set_breathing(self, on: bool) -> None:
        pass

    def withdraw(self) -> None:
        pass

    def stop_all(self) -> None:
        pass

    def when_lost(self, callback: Callable[[str], None]) -> None:
        pass

    def reopen(self) -> None:
        pass


class RecordingCuePlayer:
    """For tests: records ``(time heard, cue)`` for every cue played while not muted.

    ``lead`` acts like an audio stream that reads that far ahead: a cue handed over later
    than ``lead`` before its time is heard ``lead`` after it was handed over, and ``withdraw``
    forgets the cues not yet heard. ``lose(notice)`` acts like the device going away.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, lead: float = 0.0) -> None:
        self._clock = clock
        self.lead = lead
        self.played: list[tuple[float, str]] = []
        self.withdrawn: list[tuple[float, str]] = []
        self.volume = 1.0
        self.muted = False
        self.calm = False
        self.stops = 0
        self.breathing: list[tuple[float, bool]] = []  # (clock(), on) at each change
        self.reopens = 0
        self._lost: list[Callable[[str], None]] = []

    @property
    def cues(self) -> list[str]:
        return [cue for _, cue in self.played]

    @property
    def available(self) -> bool:
        return True

    @property
    def ready(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> str | None:
        return None

    def load(self) -> None:
        pass

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        callback(True)

    def play(self, cue: str) -> None:
        if self.muted:
            check_cue(cue)
            return
        now = self._clock()
        self._record(cue, now, now)

    def schedule(self, cue: str, at: float) -> float:
        return self._record(cue, at, self._clock())

    def _record(self, cue: str, at: float, now: float) -> float:
        check_cue(cue)
        heard = max(at, now + self.lead)
        if not self.muted:
            self.played.append((heard, cue))
        return heard

    def withdraw(self) -> None:
        now = self._clock()
        self.withdrawn += [(t, cue) for t, cue in self.played if t > now]
        self.played = [(t, cue) for t, cue in self.played if t <= now]

    def set_volume(self, volume: float) -> None:
        from tpguide.core.settings import clamp_volume  # json and the settings file: not here

        self.volume = clamp_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:  # as the real player does: nothing still to come is heard
            self.withdraw()

    def set_calm(self, calm: bool) -> None:
        self.calm = calm

    def set_breathing(self, on: bool) -> None:
        self.breathing.append((self._clock(), on))

    def stop_all(self) -> None:
        self.stops += 1
        self.withdraw()

    def when_lost(self, callback: Callable[[str], None]) -> None:
        self._lost.append(callback)

    def lose(self, notice: str) -> None:
        for callback in self._lost:
            callback(notice)

    def reopen(self) -> None:
        self.reopens += 1
