"""Plays phase tones and voice prompts through one audio stream, or says there is none.

Every sound is read once, before the session (``load()`` then ``loaded(bool)``), so no cue
is late or silent: the tones from WAV, the voice prompts the plan needs decoded from the
active language's compressed pack (``voice_decoder``). One QAudioSink stays open and
pulls its samples from the ``Mixer`` (see ``audio_stream``); one QSoundEffect per sound froze
Qt's PulseAudio backend after a few plays. A cue is handed over with the time it must be
heard; it goes into the stream at the frame heard then. Voice prompts queue behind their tone
inside the mixer.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import wave
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from tpguide import resources
from tpguide.core.session.breath import breath_cycle
from tpguide.core.session.cues import (
    TONE_KINDS,
    CuePlayer,
    NullCuePlayer,
    RecordingCuePlayer,
    check_cue,
    is_voice,
    prompt_of,
)
from tpguide.core.session.mixer import RATE, Mixer, Placed, WavFormatError, read_pcm
from tpguide.core.session.voice_pack import PackLengths, voice_location
from tpguide.core.settings import clamp_volume
from tpguide.ui.session.audio_stream import AudioStream, convert_volume, multimedia_error
from tpguide.ui.session.voice_decoder import PromptDecoder

__all__ = [
    "CuePlayer", "NullCuePlayer", "QtCuePlayer", "RecordingCuePlayer", "make_cue_player",
    "no_sound_notice",
]

log = logging.getLogger(__name__)

CALM_VOICE_GAIN = 0.6  # voice prompts are quieter in calm mode (tones have calm-*.wav)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)


def no_sound_notice() -> str:
    """The notice shown once when cues cannot be heard."""
    return _tr("No sound device found: cues will be visual only")


def lost_notice(how: str) -> str:
    """The notice shown when the output went away ("gone") or changed ("changed")."""
    if how == "changed":
        return _tr("The sound output changed, so the session is paused. "
                   "Press Start to go on with the new output.")
    return _tr("The sound output went away, so the session is paused. "
               "Press Start to go on with the output you have now.")


class QtCuePlayer(QObject):
    """CuePlayer on one long-lived QAudioSink fed by the pure-Python ``Mixer``.

    Signals:
        loaded(bool): the sounds are read and the audio stream is open (True), or there
            is no device (False). Emitted once per ``load()``/``reopen()``, never
            synchronously.
        cue_started(str): a cue is being heard now (as the stream clock says). For tests
            and benchmarks.
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
        self._voice_dir = voice_dir or Path(voice_location())
        self._prompts = None if prompts is None else sorted(set(prompts))
        self._mixer = Mixer()
        self._lock = threading.Lock()
        self._stream = AudioStream(self._mixer, self._lock, self)
        self._stream.opened.connect(self._finish)
        self._stream.lost.connect(self._on_lost)
        self._pending: list[tuple[float, int, str]] = []  # (heard at, sound id, cue)
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._pending_timer.timeout.connect(self._emit_due)
        self._ready = False
        self._loading = False
        self._available = False
        self._reason: str | None = None
        self._callbacks: list[Callable[[bool], None]] = []
        self._lost_callbacks: list[Callable[[str], None]] = []
        self._statuses: dict[str, str] = {}
        self._volume = 1.0
        self._muted = False
        self._calm = False
        self._breath: array[int] | None = None  # made when the breathing guide first sounds
        self._decoder: PromptDecoder | None = None
        self.decode_seconds = 0.0
        """How long the last load spent decoding voice prompts (benchmarks report it)."""
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

    @property
    def lead(self) -> float:
        """How long before its time a cue must be handed over to be heard on time."""
        return self._stream.lead if self._available else 0.0

    def load(self) -> None:
        """Read every sound and open the stream; ``loaded`` follows (asynchronously)."""
        if self._loading or self._ready:
            return
        self._loading = True
        QTimer.singleShot(0, self._open)

    def reopen(self) -> None:
        """Open the current default output again (after it went away or changed)."""
        if self._loading:
            return
        self.withdraw()
        self._stream.close()
        self._ready = False
        self.load()

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        if self._ready:
            callback(self._available)
        else:
            self._callbacks.append(callback)

    def when_lost(self, callback: Callable[[str], None]) -> None:
        self._lost_callbacks.append(callback)

    def play(self, cue: str) -> None:
        """Play ``cue`` as soon as the stream allows."""
        self.schedule(cue, time.monotonic())

    def schedule(self, cue: str, at: float) -> float:
        """Place ``cue`` at the stream frame heard at ``at``; returns when it will be heard."""
        check_cue(cue)
        if not self._available or self._muted:
            return at
        frame = self._stream.frame_at(at)
        placed = self._place(cue, frame)
        if placed is None:
            log.info("no sound for %s", cue)
            return at
        heard = self._stream.time_of(placed.start)
        self._pending.append((heard, placed.id, cue))
        self._arm_pending()
        return heard

    def withdraw(self) -> None:
        """Forget every cue the stream has not taken yet (what it has is heard anyway)."""
        with self._lock:
            gone = set(self._mixer.withdraw())
        self._forget(gone)

    def stop_all(self) -> None:
        """Withdraw everything and cut what is playing (with a short fade), the breathing
        guide's loop too."""
        with self._lock:
            gone = set(self._mixer.silence())
            self._mixer.set_bed(None)
        self._forget(gone)

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
        """Start or fade out the breathing guide's loop under the cues (it is not a cue:
        nothing is scheduled, withdrawn or announced for it)."""
        if not self._available:
            return
        if on and self._breath is None:
            self._breath = breath_cycle()
        now = self._stream.frame_at(time.monotonic())
        with self._lock:
            self._mixer.set_bed(self._breath if on and not self._muted else None, at=now)

    def close(self) -> None:
        """Stop the stream (the app is quitting or the session window closed)."""
        self._stream.close()

    def sound_for(self, cue: str) -> str | None:
        """The loaded sound a cue would play now (``calm-press`` in calm mode), or None."""
        key = cue if is_voice(check_cue(cue)) else self._tone_key(cue)
        return key if key in self._mixer.sounds else None

    def effect_statuses(self) -> dict[str, str]:
        """Each sound's load result ('Ready' or the reason it failed), for diagnostics."""
        return dict(self._statuses)

    # -- loading -----------------------------------------------------------------------------
    def _sources(self) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]]]:
        """(key, file) of every sound that exists: the tones (a missing calm tone falls back
        to plain) and the voice prompts (from the pack's manifest; a folder without one, as
        tests make, may hold ``<name>.wav``)."""
        tones = [(key, self._sounds_dir / f"{key}.wav")
                 for kind in TONE_KINDS for key in (kind, f"calm-{kind}")]
        pack = PackLengths(self._voice_dir)
        names = self._prompts
        if names is None:
            names = sorted({*pack, *(p.stem for p in self._voice_dir.glob("*.wav"))})
        voices = [(f"voice:{name}", Path(pack.path(name) or self._voice_dir / f"{name}.wav"))
                  for name in names]
        missing = [str(path) for _, path in tones + voices if not path.is_file()]
        if missing:
            log.warning("missing sounds: %s", ", ".join(missing))
        return ([(key, path) for key, path in tones if path.is_file()],
                [(key, path) for key, path in voices if path.is_file()])

    def _read_sounds(self) -> list[tuple[str, Path]]:
        """Read the WAVs now; return the compressed prompts, still to be decoded."""
        tones, voices = self._sources()
        for key, path in tones + [(k, p) for k, p in voices if p.suffix == ".wav"]:
            try:
                self._mixer.add(key, read_pcm(path))
                self._statuses[key] = "Ready"
            except (OSError, EOFError, wave.Error, WavFormatError) as exc:
                self._statuses[key] = f"Error: {exc}"
                log.warning("sound %s not loaded: %s", key, exc)
        return [(key, path) for key, path in voices if path.suffix != ".wav"]

    def _open(self) -> None:
        if not self._statuses:
            compressed = self._read_sounds()
            if compressed:
                started = time.monotonic()
                self._decoder = PromptDecoder(compressed, lambda samples, errors: self._decoded(
                    samples, errors, started), self)
                self._decoder.start()
                return
        self._open_stream()

    def _decoded(self, samples: dict[str, array[int]], errors: dict[str, str],
                 started: float) -> None:
        self.decode_seconds = time.monotonic() - started
        pack = PackLengths(self._voice_dir)
        with self._lock:
            for key, pcm in samples.items():
                self._mixer.add(key, _cut(pcm, round(pack[prompt_of(key)] * RATE)))
        self._statuses.update({key: "Ready" for key in samples})
        self._statuses.update({key: f"Error: {error}" for key, error in errors.items()})
        if self._decoder is not None:
            self._decoder.deleteLater()  # in the event loop: Qt's decoders wind down first
            self._decoder = None
        self._open_stream()

    def _open_stream(self) -> None:
        if not all(kind in self._mixer.sounds for kind in TONE_KINDS):
            self._finish(False)
            return
        self._apply_volume()
        self._stream.open()  # ``opened`` once the device plays, or at once when it cannot

    def _finish(self, ok: bool) -> None:
        if not self._loading:
            return
        self._available = ok
        self._reason = None if ok else no_sound_notice()
        self._ready = True
        self._loading = False
        self.loaded.emit(ok)
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(ok)

    def _on_lost(self, how: str) -> None:
        self._available = False
        self._reason = lost_notice(how)
        with self._lock:
            self._mixer.clear()
        self._forget(None)
        for callback in list(self._lost_callbacks):
            callback(self._reason)

    # -- playing -----------------------------------------------------------------------------
    def _place(self, cue: str, frame: int) -> Placed | None:
        with self._lock:
            if is_voice(cue):
                gain = CALM_VOICE_GAIN if self._calm else 1.0
                return self._mixer.queue_voice(cue, gain, at=frame)
            before = self._mixer.ids()
            placed = self._mixer.play_tone(self._tone_key(cue), keeps_voice=cue == "tick",
                                           at=frame)
            dropped = before - self._mixer.ids()  # voices a new phase's tone made stale
        if dropped:
            self._forget(dropped)
        return placed

    def _tone_key(self, kind: str) -> str:
        calm = f"calm-{kind}"
        return calm if self._calm and calm in self._mixer.sounds else kind

    def _apply_volume(self) -> None:
        self._stream.set_volume(convert_volume(self._volume))

    def _forget(self, ids: set[int] | None) -> None:
        """Drop the announcements of withdrawn sounds (all of them: ``None``)."""
        self._pending = [] if ids is None else [p for p in self._pending if p[1] not in ids]
        self._arm_pending()

    def _arm_pending(self) -> None:
        if not self._pending:
            self._pending_timer.stop()
            return
        due = min(t for t, _, _ in self._pending)
        self._pending_timer.start(max(0, round((due - time.monotonic()) * 1000)))

    def _emit_due(self) -> None:
        now = time.monotonic()
        due = sorted(p for p in self._pending if p[0] <= now + 0.001)
        self._pending = [p for p in self._pending if p[0] > now + 0.001]
        for _, _, cue in due:
            self.cue_started.emit(cue)
        self._arm_pending()


def _cut(samples: array[int], frames: int) -> array[int]:
    """A decoded prompt exactly as long as its manifest says (the length it was planned
    with): the silence padded after it is cut, and a tail a decoder dropped is silence."""
    if len(samples) >= frames:
        return samples[:frames]
    return samples + array("h", bytes(2 * (frames - len(samples))))


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
    error = multimedia_error()
    if error is not None:
        log.warning("QtMultimedia is not available: %s", error)
        return NullCuePlayer(no_sound_notice())
    return QtCuePlayer(sounds_dir, voice_dir, prompts, parent)
