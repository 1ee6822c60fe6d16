"""Cue players that need no sound device: one for no audio at all, one for tests.

Both follow ``cues.CuePlayer``; the real one is ``tpguide.ui.session.cue_player.QtCuePlayer``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tpguide.core.session.cues import check_cue
from tpguide.core.settings import clamp_volume


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
        self.volume = clamp_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:  # as the real player does: nothing still to come is heard
            self.withdraw()

    def set_calm(self, calm: bool) -> None:
        self.calm = calm

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
