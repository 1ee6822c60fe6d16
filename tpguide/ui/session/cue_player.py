"""Plays phase tones and voice prompts through one audio stream, or says there is none.

Every sound is read once, before the session (``load()`` then ``loaded(bool)``), so no cue
is late or silent. One QAudioSink stays open and pulls its samples from the ``Mixer``;
one QSoundEffect per sound froze Qt's PulseAudio backend after a few plays (see
tpguide.core.session.mixer). Voice prompts queue behind their tone inside the mixer.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import wave
from array import array
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QIODevice, QObject, Qt, QTimer, Signal

from tpguide import resources
from tpguide.core.session.breath import breath_cycle
from tpguide.core.session.cues import (
    TONE_KINDS,
    CuePlayer,
    NullCuePlayer,
    RecordingCuePlayer,
    check_cue,
    is_voice,
)
from tpguide.core.session.mixer import RATE, Mixer, WavFormatError, read_pcm
from tpguide.core.settings import clamp_volume

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink

__all__ = [
    "CuePlayer", "NullCuePlayer", "QtCuePlayer", "RecordingCuePlayer", "make_cue_player",
    "no_sound_notice",
]

log = logging.getLogger(__name__)

CALM_VOICE_GAIN = 0.6  # voice prompts are quieter in calm mode (tones have calm-*.wav)
BUFFER_S = 0.08  # the stream's buffer: about the latency a cue has
SETTLE_S = 0.3  # after opening, the device's first read-ahead has happened by then
FEED_MS = 15  # how often the stream is topped up
FLOW_TIMEOUT_S = 5.0  # longest wait for a device that took its first read-ahead, then paused


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)


def no_sound_notice() -> str:
    """The notice shown once when cues cannot be heard."""
    return _tr("No sound device found: cues will be visual only")


class _MixerSource(QIODevice):
    """The stream's data: the audio device pulls mixed samples as it needs them."""

    def __init__(self, mixer: Mixer, lock: threading.Lock, parent: QObject) -> None:
        super().__init__(parent)
        self._mixer = mixer
        self._lock = lock
        self.open(QIODevice.OpenModeFlag.ReadOnly)

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name
        with self._lock:
            return self._mixer.render(max(0, maxlen) // 2)

    def writeData(self, data: bytes | bytearray | memoryview, size: int) -> int:  # noqa: N802
        return -1

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return 1 << 20

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return True


class QtCuePlayer(QObject):
    """CuePlayer on one long-lived QAudioSink fed by the pure-Python ``Mixer``.

    Signals:
        loaded(bool): the sounds are read and the audio stream is open (True), or there
            is no device (False). Emitted once, never synchronously from ``load()``.
        cue_started(str): a cue was handed to the audio stream (tones at once, voice
            prompts when their turn in the queue comes). For tests and benchmarks.
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
        self._mixer = Mixer()
        self._lock = threading.Lock()
        self._sink: QAudioSink | None = None
        self._source: _MixerSource | None = None
        self._opened_at = 0.0
        self._lead = round(BUFFER_S * RATE)
        self._pending: list[tuple[float, str]] = []
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._pending_timer.timeout.connect(self._emit_due)
        self._ready = False
        self._loading = False
        self._available = False
        self._reason: str | None = None
        self._callbacks: list[Callable[[bool], None]] = []
        self._statuses: dict[str, str] = {}
        self._volume = 1.0
        self._muted = False
        self._calm = False
        self._breath: array[int] | None = None  # made when the breathing guide first sounds
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

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
        """Read every sound and open the stream; ``loaded`` follows (asynchronously)."""
        if self._loading or self._ready:
            return
        self._loading = True
        QTimer.singleShot(0, self._open)

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        if self._ready:
            callback(self._available)
        else:
            self._callbacks.append(callback)

    def play(self, cue: str) -> None:
        check_cue(cue)
        if not self._available or self._muted:
            return
        now = self._frame_now()
        with self._lock:
            if is_voice(cue):
                gain = CALM_VOICE_GAIN if self._calm else 1.0
                begin = self._mixer.queue_voice(cue, gain, at=now)
            else:
                begin = self._mixer.play_tone(self._tone_key(cue), keeps_voice=cue == "tick",
                                              at=now)
        if begin is None:
            log.info("no sound for %s", cue)
            return
        if is_voice(cue):
            self._announce_later(cue, begin - now)
            return
        if cue != "tick":
            self._pending.clear()  # the voices they announced were cut with them
        self.cue_started.emit(cue)

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.stop_all()

    def set_calm(self, calm: bool) -> None:
        self._calm = calm
        self._apply_volume()

    def set_breathing(self, on: bool) -> None:
        """Start or fade out the breathing guide's loop under the cues."""
        if not self._available:
            return
        if on and self._breath is None:
            self._breath = breath_cycle()
        now = self._frame_now()
        with self._lock:
            self._mixer.set_bed(self._breath if on and not self._muted else None, at=now)

    def stop_all(self) -> None:
        with self._lock:
            self._mixer.clear()
        self._pending.clear()

    def close(self) -> None:
        """Stop the stream (the app is quitting or the session window closed)."""
        if self._sink is not None:
            self._sink.stop()
            self._sink = None

    def sound_for(self, cue: str) -> str | None:
        """The loaded sound a cue would play now (``calm-press`` in calm mode), or None."""
        key = cue if is_voice(check_cue(cue)) else self._tone_key(cue)
        return key if key in self._mixer.sounds else None

    def effect_statuses(self) -> dict[str, str]:
        """Each sound's load result ('Ready' or the reason it failed), for diagnostics."""
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

    def _read_sounds(self) -> None:
        for key, path in self._sources():
            try:
                self._mixer.add(key, read_pcm(path))
                self._statuses[key] = "Ready"
            except (OSError, EOFError, wave.Error, WavFormatError) as exc:
                self._statuses[key] = f"Error: {exc}"
                log.warning("sound %s not loaded: %s", key, exc)

    def _open(self) -> None:
        multimedia = import_module("PySide6.QtMultimedia")
        device = multimedia.QMediaDevices.defaultAudioOutput()
        if not multimedia.QMediaDevices.audioOutputs() or device.isNull():
            log.info("no audio output device: cues will be visual only")
            self._finish(False)
            return
        self._read_sounds()
        if not all(kind in self._mixer.sounds for kind in TONE_KINDS):
            self._finish(False)
            return
        fmt = multimedia.QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(multimedia.QAudioFormat.SampleFormat.Int16)
        sink = multimedia.QAudioSink(device, fmt, self)
        sink.setBufferSize(2 * round(RATE * BUFFER_S))
        self._source = _MixerSource(self._mixer, self._lock, self)
        sink.start(self._source)
        if sink.error() != multimedia.QtAudio.Error.NoError:
            log.warning("the audio stream did not open: %s", sink.error())
            sink.deleteLater()
            self._finish(False)
            return
        self._sink = sink
        self._opened_at = time.monotonic()
        self._apply_volume()
        # ready once the device has taken its first read-ahead, so the lead is known
        QTimer.singleShot(round(SETTLE_S * 1000), self._settled)

    def _announce_later(self, cue: str, frames_ahead: int) -> None:
        """Emit ``cue_started`` when a queued voice prompt is due to be heard."""
        self._pending.append((time.monotonic() + frames_ahead / RATE, cue))
        self._arm_pending()

    def _arm_pending(self) -> None:
        if not self._pending:
            self._pending_timer.stop()
            return
        due = min(t for t, _ in self._pending)
        self._pending_timer.start(max(0, round((due - time.monotonic()) * 1000)))

    def _emit_due(self) -> None:
        now = time.monotonic()
        due = sorted(p for p in self._pending if p[0] <= now + 0.001)
        self._pending = [p for p in self._pending if p[0] > now + 0.001]
        for _, cue in due:
            self.cue_started.emit(cue)
        self._arm_pending()

    def _frame_now(self) -> int:
        """The stream frame that belongs to this instant: cues are placed by the wall clock,
        so their spacing is right even where the device drains the stream unevenly. The
        offset only grows (when the device reads further ahead than ever before)."""
        wall = round((time.monotonic() - self._opened_at) * RATE)
        with self._lock:
            self._lead = max(self._lead, self._mixer.frame - wall)
        return wall + self._lead

    def _settled(self, stuck_at: int | None = None, waited_s: float = 0.0) -> None:
        """Finish opening once the device keeps pace with the wall clock.

        A PulseAudio stream (seen on a null sink, in most runs) can take its first read-ahead
        and then pull nothing for over a second; counting from the opening would make every
        cue that much late for the whole session. So wait until it pulls again and count the
        wall clock from the frame it has reached.
        """
        with self._lock:
            frame = self._mixer.frame
        behind = frame < (time.monotonic() - self._opened_at) * RATE
        if behind and stuck_at is None:
            stuck_at = frame
        if behind and frame == stuck_at and waited_s < FLOW_TIMEOUT_S:
            QTimer.singleShot(FEED_MS, lambda: self._settled(stuck_at, waited_s + FEED_MS / 1000))
            return
        if behind:
            log.info("the audio device paused %.2f s after opening", SETTLE_S + waited_s)
            self._opened_at = time.monotonic() - frame / RATE
        self._frame_now()  # takes the device's read-ahead as the lead
        self._finish(True)

    def _finish(self, ok: bool) -> None:
        self._available = ok
        self._reason = None if ok else no_sound_notice()
        self._ready = True
        self._loading = False
        self.loaded.emit(ok)
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(ok)

    # -- playing -----------------------------------------------------------------------------
    def _tone_key(self, kind: str) -> str:
        calm = f"calm-{kind}"
        return calm if self._calm and calm in self._mixer.sounds else kind

    def _apply_volume(self) -> None:
        multimedia = import_module("PySide6.QtMultimedia")
        scale = multimedia.QtAudio.VolumeScale
        linear = multimedia.QtAudio.convertVolume(
            self._volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale
        )
        with self._lock:
            self._mixer.gain = linear


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
