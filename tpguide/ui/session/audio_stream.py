"""The one long-lived output stream: which frame is heard when, and whether the device is there.

A QAudioSink in pull mode reads the ``Mixer`` (one QSoundEffect per sound froze Qt's
PulseAudio backend). PulseAudio reads it about a quarter of a second ahead, so where to
place a cue is worked out from what the device has really played: ``processedUSecs``
read against the monotonic clock feeds a ``StreamClock``. Measured on a null sink, that
position matches the recorded onsets within ~10 ms, and it stops moving when the device
goes away (the sink stays "active" and reports no error), which is how a lost device is
noticed; a change of the default output is noticed from QMediaDevices.
"""

from __future__ import annotations

import logging
import threading
import time
from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QIODevice, QObject, Qt, QTimer, Signal

from tpguide.core.session.mixer import RATE, Mixer
from tpguide.core.session.stream_clock import StreamClock

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink, QMediaDevices

log = logging.getLogger(__name__)

WATCH_MS = 100  # how often the played position is read
FLOW_TIMEOUT_S = 5.0  # longest wait for a new stream's position to start moving
LOST_AFTER_S = 2.0  # a position that stands still this long while open: the device is gone
STUCK_CHECKS = 10  # ...seen by this many checks in a row (not one check after a busy spell:
# the stream is read on the main thread, so a blocked event loop stops it too)
GUESSED_LEAD_S = 0.3  # where the device reports no position: how late a cue is heard


class _MixerSource(QIODevice):
    """The stream's data: the audio device pulls mixed samples as it needs them, and each
    read is noted (when, and up to which frame) to measure how far ahead it reads."""

    def __init__(self, mixer: Mixer, lock: threading.Lock, parent: QObject) -> None:
        super().__init__(parent)
        self._mixer = mixer
        self._lock = lock
        self.pulls: list[tuple[float, int]] = []
        self.open(QIODevice.OpenModeFlag.ReadOnly)

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name
        with self._lock:
            data = self._mixer.render(max(0, maxlen) // 2)
            if len(self.pulls) < 1000:
                self.pulls.append((time.monotonic(), self._mixer.frame))
        return data

    def writeData(self, data: bytes | bytearray | memoryview, size: int) -> int:  # noqa: N802
        return -1

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return 1 << 20

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return True


class AudioStream(QObject):
    """Opens the default output, keeps the stream clock, and reports the device going away.

    Signals:
        opened(bool): after ``open()``: the stream flows (True) or could not open (False).
        lost(str): the device went away ("gone") or the default output changed
            ("changed"); the stream is closed by then.
    """

    opened = Signal(bool)
    lost = Signal(str)

    def __init__(self, mixer: Mixer, lock: threading.Lock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mixer = mixer
        self._lock = lock
        self.clock = StreamClock()
        self._sink: QAudioSink | None = None
        self._source: _MixerSource | None = None
        self._devices: QMediaDevices | None = None
        self._device_id = QByteArray()
        self._base = 0  # mixer frame at which this stream began
        self._flowing = False
        self._opened_at = 0.0
        self._last_position = -1
        self._moved_at = 0.0
        self._stuck = 0  # checks in a row that saw the position stand still
        self._watch = QTimer(self)
        self._watch.setTimerType(Qt.TimerType.PreciseTimer)
        self._watch.timeout.connect(self._check)

    @property
    def is_open(self) -> bool:
        return self._sink is not None

    def open(self) -> None:
        """Open the current default output; ``opened`` follows (never synchronously)."""
        multimedia = import_module("PySide6.QtMultimedia")
        if self._devices is None:
            self._devices = multimedia.QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._outputs_changed)
        device = multimedia.QMediaDevices.defaultAudioOutput()
        if not multimedia.QMediaDevices.audioOutputs() or device.isNull():
            log.info("no audio output device: cues will be visual only")
            QTimer.singleShot(0, lambda: self.opened.emit(False))
            return
        fmt = multimedia.QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(multimedia.QAudioFormat.SampleFormat.Int16)
        sink = multimedia.QAudioSink(device, fmt, self)
        if self._source is None:
            self._source = _MixerSource(self._mixer, self._lock, self)
        with self._lock:
            self._base = self._mixer.frame
            self._source.pulls.clear()
        self.clock.reset()
        sink.start(self._source)
        if sink.error() != multimedia.QtAudio.Error.NoError:
            log.warning("the audio stream did not open: %s", sink.error())
            sink.deleteLater()
            QTimer.singleShot(0, lambda: self.opened.emit(False))
            return
        self._sink = sink
        self._device_id = device.id()
        self._flowing = False
        self._last_position = -1
        self._stuck = 0
        self._opened_at = self._moved_at = time.monotonic()
        self._watch.start(WATCH_MS)

    def close(self) -> None:
        """Stop the stream (the app is quitting, the window closed, the device went away)."""
        self._watch.stop()
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()

    def set_volume(self, linear: float) -> None:
        with self._lock:
            self._mixer.gain = linear

    # -- where cues go -------------------------------------------------------------------------
    def frame_at(self, when: float) -> int:
        """The stream frame heard at monotonic time ``when`` (the next one to render, if the
        device reports no position)."""
        if self.clock.known:
            return self.clock.frame_at(when)
        with self._lock:
            return self._mixer.frame

    def time_of(self, frame: int) -> float:
        """When ``frame`` is heard (monotonic)."""
        if self.clock.known:
            return self.clock.time_of(frame)
        with self._lock:
            ahead = (frame - self._mixer.frame) / RATE
        return time.monotonic() + GUESSED_LEAD_S + max(0.0, ahead)

    @property
    def lead(self) -> float:
        """How long before its time a cue must be placed to be heard on time (seconds)."""
        return self.clock.lead if self.clock.known and self.clock.lead > 0 else GUESSED_LEAD_S

    # -- watching the device -------------------------------------------------------------------
    def _check(self) -> None:
        sink = self._sink
        if sink is None:
            return
        now = time.monotonic()
        position = sink.processedUSecs()
        error = sink.error()
        if error != import_module("PySide6.QtMultimedia").QtAudio.Error.NoError:
            self._lose("gone", f"the stream reported {error}")
            return
        self._stuck += 1
        if position != self._last_position:
            self._moved_at = now
            self._stuck = 0
            if self._last_position >= 0 and position > 0:
                if self.clock.observe(now, self._base + position * RATE // 1_000_000):
                    log.info("the audio stream fell behind; placing cues from where it is")
                if not self._flowing:
                    self._flowing = True
                    self.opened.emit(True)
            self._last_position = position
        with self._lock:
            pulls = self._source.pulls[:] if self._source is not None else []
            if self._source is not None:
                self._source.pulls.clear()
        for when, frame in pulls:
            self.clock.pulled(when, frame)
        if not self._flowing and now - self._opened_at > FLOW_TIMEOUT_S:
            log.info("the audio device reports no position; cue times are guessed")
            self._flowing = True
            self.opened.emit(True)
        elif (self._flowing and now - self._moved_at > LOST_AFTER_S
              and self._stuck >= STUCK_CHECKS):
            self._lose("gone", f"no audio played for {now - self._moved_at:.1f} s")

    def _outputs_changed(self) -> None:
        if self._sink is None:
            return
        multimedia = import_module("PySide6.QtMultimedia")
        default = multimedia.QMediaDevices.defaultAudioOutput()
        ids = [d.id() for d in multimedia.QMediaDevices.audioOutputs()]
        if self._device_id not in ids:
            self._lose("gone", "the output device was removed")
        elif default.id() != self._device_id:
            self._lose("changed", "the default output changed")

    def _lose(self, how: str, why: str) -> None:
        log.warning("audio output lost (%s): %s", how, why)
        self.close()
        self.lost.emit(how)


def multimedia_error() -> str | None:
    """Why QtMultimedia cannot be used here, or None when it can."""
    try:
        import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        return str(exc)
    return None


def convert_volume(volume: float) -> Any:
    """The linear gain for a volume on the logarithmic scale a person hears as even steps."""
    multimedia = import_module("PySide6.QtMultimedia")
    scale = multimedia.QtAudio.VolumeScale
    return multimedia.QtAudio.convertVolume(
        volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale)
