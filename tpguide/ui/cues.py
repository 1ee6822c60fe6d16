"""Plays phase tones and voice prompts with QSoundEffect, falling back to silence without audio.

Every sound is loaded once, before the session (``load()`` then ``loaded(bool)``), so no cue
is late or silent. A voice prompt never overlaps its phase's tone: it waits in a queue until
the tone's known length has passed (QSoundEffect's ``playingChanged`` arrives ~0.5 s after
the sound really ends, measured under PulseAudio), driven by timers, never blocking.
"""

from __future__ import annotations

import logging
import os
import wave
from collections import deque
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl, Signal

from tpguide import resources
from tpguide.core.cues import (
    TONE_KINDS,
    CuePlayer,
    NullCuePlayer,
    RecordingCuePlayer,
    check_cue,
    clamp_volume,
    is_voice,
    prompt_of,
)

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

__all__ = [
    "CuePlayer", "NullCuePlayer", "QtCuePlayer", "RecordingCuePlayer", "make_cue_player",
    "no_sound_notice",
]

log = logging.getLogger(__name__)

VOICE_GAP_MS = 120  # silence between a tone's end and the voice prompt that follows it
CALM_VOICE_GAIN = 0.6  # voice prompts are quieter in calm mode (tones have calm-*.wav)
LOAD_TIMEOUT_MS = 5000  # an effect still Loading after this counts as failed


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)


def no_sound_notice() -> str:
    """The notice shown once when cues cannot be heard."""
    return _tr("No sound device found: cues will be visual only")


def _wav_ms(path: Path) -> int:
    """Length of a WAV in milliseconds (0 if it cannot be read)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return round(1000 * wav.getnframes() / wav.getframerate())
    except (OSError, EOFError, wave.Error):
        return 0


def _one_shot(parent: QObject, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(slot)
    return timer


class QtCuePlayer(QObject):
    """CuePlayer on QSoundEffect: one effect per WAV, created once by ``load()``.

    Signals:
        loaded(bool): every effect is Ready or Error (or timed out); True when the tones
            can be heard. Emitted once, never synchronously from ``load()``.
        cue_started(str): a cue was handed to the audio device (tones at once, voice prompts
            when their turn in the queue comes). For tests and benchmarks.
    """

    loaded = Signal(bool)
    cue_started = Signal(str)

    def __init__(
        self,
        sounds_dir: Path | None = None,
        voice_dir: Path | None = None,
        prompts: Iterable[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sounds_dir = sounds_dir or resources.asset("sounds")
        self._voice_dir = voice_dir or resources.asset("voice")
        self._prompts = None if prompts is None else sorted(set(prompts))
        self._effects: dict[str, QSoundEffect] = {}
        self._lengths: dict[str, int] = {}
        self._ready = False
        self._loading = False
        self._creating = False
        self._available = False
        self._reason: str | None = None
        self._callbacks: list[Callable[[bool], None]] = []
        self._statuses: dict[str, str] = {}
        self._volume = 1.0
        self._muted = False
        self._calm = False
        self._queue: deque[str] = deque()
        self._voice_playing: QSoundEffect | None = None
        self._voice_timer = _one_shot(self, self._next_voice)
        self._load_timer = _one_shot(self, self._finish_loading)

    # -- CuePlayer ---------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._available

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def unavailable_reason(self) -> str | None:
        return self._reason

    def load(self) -> None:
        """Create every effect and start loading; ``loaded`` follows (asynchronously)."""
        if self._loading or self._ready:
            return
        self._loading = True
        multimedia = import_module("PySide6.QtMultimedia")
        if not multimedia.QMediaDevices.audioOutputs():
            log.info("no audio output device: cues will be visual only")
            QTimer.singleShot(0, self._finish_loading)
            return
        self._creating = True  # no verdict until every effect exists
        for key, path in self._sources():
            effect = multimedia.QSoundEffect(self)
            effect.statusChanged.connect(self._check_loaded)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[key] = effect
            self._lengths[key] = _wav_ms(path)
        self._creating = False
        self._apply_volume()
        self._load_timer.start(LOAD_TIMEOUT_MS)
        QTimer.singleShot(0, self._check_loaded)

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        if self._ready:
            callback(self._available)
        else:
            self._callbacks.append(callback)

    def play(self, cue: str) -> None:
        check_cue(cue)
        if not self._available or self._muted:
            return
        if is_voice(cue):
            self._queue.append(cue)
            if not self._voice_timer.isActive() and self._voice_playing is None:
                self._next_voice()
            return
        effect = self._tone(cue)
        if effect is None:
            return
        if cue != "tick":  # a new phase: speech about the last one is stale
            self._stop_voice()
        effect.play()
        self.cue_started.emit(cue)
        if cue != "tick":
            self._voice_timer.start(self._lengths.get(self._tone_key(cue), 0) + VOICE_GAP_MS)

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.stop_all()
        for effect in self._effects.values():
            effect.setMuted(muted)

    def set_calm(self, calm: bool) -> None:
        self._calm = calm
        self._apply_volume()

    def stop_all(self) -> None:
        self._queue.clear()
        self._voice_timer.stop()
        self._voice_playing = None
        for effect in self._effects.values():
            if effect.isPlaying():
                effect.stop()

    def sound_for(self, cue: str) -> str | None:
        """The loaded sound a cue would play now (``calm-press`` in calm mode), or None."""
        key = cue if is_voice(check_cue(cue)) else self._tone_key(cue)
        return key if key in self._effects else None

    def effect_statuses(self) -> dict[str, str]:
        """Each sound's QSoundEffect status name when loading finished (diagnostics, tests)."""
        return dict(self._statuses)

    # -- loading -----------------------------------------------------------------------------
    def _sources(self) -> list[tuple[str, Path]]:
        """(key, WAV) of every sound that exists; a missing calm tone falls back to plain."""
        tones = [(key, self._sounds_dir / f"{key}.wav")
                 for kind in TONE_KINDS for key in (kind, f"calm-{kind}")]
        names = self._prompts
        if names is None:
            names = sorted(p.stem for p in self._voice_dir.glob("*.wav"))
        voices = [(f"voice:{name}", self._voice_dir / f"{name}.wav") for name in names]
        missing = [str(path) for _, path in tones + voices if not path.is_file()]
        if missing:
            log.warning("missing sounds: %s", ", ".join(missing))
        return [(key, path) for key, path in tones + voices if path.is_file()]

    def _check_loaded(self) -> None:
        if self._ready or self._creating or not self._effects:
            return
        multimedia = import_module("PySide6.QtMultimedia")
        done = (multimedia.QSoundEffect.Status.Ready, multimedia.QSoundEffect.Status.Error)
        if all(effect.status() in done for effect in self._effects.values()):
            self._finish_loading()

    def _finish_loading(self) -> None:
        if self._ready:
            return
        self._load_timer.stop()
        multimedia = import_module("PySide6.QtMultimedia")
        ready = multimedia.QSoundEffect.Status.Ready
        self._statuses = {k: e.status().name for k, e in self._effects.items()}
        failed = [k for k, e in self._effects.items() if e.status() != ready]
        for key in failed:  # an effect that failed is never played (and never waited for)
            self._effects.pop(key).deleteLater()
        tones_ok = bool(self._effects) and all(kind in self._effects for kind in TONE_KINDS)
        if failed:
            log.warning("sounds that did not load: %s", ", ".join(sorted(failed)))
        self._available = tones_ok
        self._reason = None if tones_ok else no_sound_notice()
        self._ready = True
        self._loading = False
        self.loaded.emit(tones_ok)
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(tones_ok)

    # -- playing -----------------------------------------------------------------------------
    def _tone_key(self, kind: str) -> str:
        calm = f"calm-{kind}"
        return calm if self._calm and calm in self._effects else kind

    def _tone(self, kind: str) -> QSoundEffect | None:
        return self._effects.get(self._tone_key(kind))

    def _next_voice(self) -> None:
        self._voice_playing = None
        while self._queue:
            cue = self._queue.popleft()
            effect = self._effects.get(cue)
            if effect is None:
                log.info("no sound for %s", prompt_of(cue))
                continue
            effect.play()
            self._voice_playing = effect
            self.cue_started.emit(cue)
            self._voice_timer.start(self._lengths.get(cue, 0) + VOICE_GAP_MS)
            return

    def _stop_voice(self) -> None:
        self._queue.clear()
        self._voice_timer.stop()
        if self._voice_playing is not None:
            self._voice_playing.stop()
            self._voice_playing = None

    def _apply_volume(self) -> None:
        multimedia = import_module("PySide6.QtMultimedia")
        scale = multimedia.QtAudio.VolumeScale
        linear = multimedia.QtAudio.convertVolume(
            self._volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale
        )
        for key, effect in self._effects.items():
            gain = CALM_VOICE_GAIN if self._calm and is_voice(key) else 1.0
            effect.setVolume(linear * gain)


def _multimedia_error() -> str | None:
    try:
        import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        return str(exc)
    return None


def make_cue_player(
    *,
    sounds_dir: Path | None = None,
    voice_dir: Path | None = None,
    prompts: Iterable[str] | None = None,
    parent: QObject | None = None,
) -> CuePlayer:
    """A QtCuePlayer when QtMultimedia imports, else a NullCuePlayer that says why.

    ``TPGUIDE_AUDIO=off`` in the environment forces the null player (quiet test runs). Call
    ``load()`` on the result and wait for ``when_ready`` before starting a session.
    """
    if os.environ.get("TPGUIDE_AUDIO", "").lower() == "off":
        return NullCuePlayer(_tr("Sound is turned off: cues will be visual only"))
    error = _multimedia_error()
    if error is not None:
        log.warning("QtMultimedia is not available: %s", error)
        return NullCuePlayer(no_sound_notice())
    return QtCuePlayer(sounds_dir, voice_dir, prompts, parent)
