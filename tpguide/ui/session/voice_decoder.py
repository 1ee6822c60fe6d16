"""Decodes the voice prompts a session needs (Ogg Vorbis, 22.05 kHz) to the mixer's samples.

The packs are stored compressed (``assets/voice/<lang>/``, see ``core.session.voice_pack``);
Python has no Vorbis decoder, Qt's QAudioDecoder (its FFmpeg backend, in the PySide6 wheels)
has one, needs no sound device and resamples to the 44.1 kHz mono 16-bit the one cue stream
plays. Only the prompts of the session's plan are decoded, two at a time (two decoders
overlap their start-up; more gained nothing on two cores), before Start: measured about
8 ms a prompt here, so a plan's ~20 prompts delay Start by well under 0.3 s.

A prompt that cannot be decoded is reported and left out (its cue is then silent, as a missing
file was); a decoder that never ends is given up after ``TIMEOUT_MS``.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLoggingCategory, QObject, QTimer, QUrl

from tpguide.core.session.mixer import RATE

if TYPE_CHECKING:  # imported when used: QtMultimedia may be missing (then there is no sound)
    from PySide6.QtMultimedia import QAudioFormat

log = logging.getLogger(__name__)

PARALLEL = 2
TIMEOUT_MS = 10_000
"""Far beyond any real decoding (a few ms a prompt): only a stuck decoder reaches it."""


_quiet: list[bool] = []


def _quiet_ffmpeg() -> None:
    """FFmpeg describes every file it opens ("Input #0, ogg, ...": ~30 lines a session) and
    warns about Vorbis end trimming, through Qt's ``qt.multimedia.ffmpeg`` categories; none
    of it is for the person at the terminal (a failed decode is logged here). QT_LOGGING_RULES
    still turns it on for debugging."""
    if not _quiet:
        _quiet.append(True)
        QLoggingCategory.setFilterRules("qt.multimedia.ffmpeg*=false")


def _ffmpeg_errors_only() -> None:
    """libavcodec also writes to stderr itself, not through Qt: "[vorbis @ 0x...] Could not
    update timestamps for discarded samples." for each prompt whose end padding it trims. Its
    level is lowered to errors in the FFmpeg that Qt loaded (the one shipped with PySide6);
    when that library cannot be found this does nothing."""
    import ctypes
    import glob

    from PySide6.QtCore import QLibraryInfo

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)
    for path in sorted(glob.glob(f"{folder}/libavutil.so.*"))[:1]:
        try:
            ctypes.CDLL(path).av_log_set_level(16)  # AV_LOG_ERROR
        except (OSError, AttributeError):
            return


def _format() -> QAudioFormat:
    fmt: QAudioFormat = import_module("PySide6.QtMultimedia").QAudioFormat()
    fmt.setSampleRate(RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(fmt.SampleFormat.Int16)
    return fmt


class _One(QObject):
    """One file through one QAudioDecoder; ``done(key, samples or None, error)`` once."""

    def __init__(self, key: str, path: Path, done: Callable[[str, array[int] | None, str],
                                                            None], parent: QObject) -> None:
        super().__init__(parent)
        self.key = key
        self._done = done
        self._chunks: list[bytes] = []
        self._over = False
        _quiet_ffmpeg()
        self._format = _format()
        self._decoder = import_module("PySide6.QtMultimedia").QAudioDecoder(self)
        if len(_quiet) == 1:  # once, after Qt's FFmpeg has set its own log level
            _quiet.append(True)
            _ffmpeg_errors_only()
        self._decoder.setAudioFormat(self._format)
        self._decoder.bufferReady.connect(self._read)
        self._decoder.finished.connect(self._finished)
        self._decoder.error.connect(self._failed)
        self._decoder.setSource(QUrl.fromLocalFile(str(path)))

    def start(self) -> None:
        self._decoder.start()

    def _read(self) -> None:
        while self._decoder.bufferAvailable():
            buffer = self._decoder.read()
            fmt = buffer.format()
            if (fmt.sampleRate(), fmt.channelCount(), fmt.sampleFormat()) != (
                    RATE, 1, self._format.sampleFormat()):
                self._end(None, f"decoded as {fmt.sampleRate()} Hz, "
                                f"{fmt.channelCount()} channels")
                return
            self._chunks.append(bytes(buffer.constData()))

    def _finished(self) -> None:
        self._read()
        samples = array("h")
        samples.frombytes(b"".join(self._chunks))
        self._end(samples if samples else None, "" if samples else "no samples")

    def _failed(self, _error: object) -> None:
        self._end(None, self._decoder.errorString() or "cannot be decoded")

    def _end(self, samples: array[int] | None, error: str) -> None:
        if self._over:
            return
        self._over = True
        self._decoder.stop()
        self._done(self.key, samples, error)


class PromptDecoder(QObject):
    """Decodes ``(key, file)`` pairs, ``PARALLEL`` at a time, then calls ``done`` once with
    the samples by key and the errors by key."""

    def __init__(self, jobs: Sequence[tuple[str, Path]],
                 done: Callable[[dict[str, array[int]], dict[str, str]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = list(jobs)
        self._done = done
        self._active: dict[str, _One] = {}
        self.samples: dict[str, array[int]] = {}
        self.errors: dict[str, str] = {}
        self._over = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._give_up)

    def start(self) -> None:
        self._timeout.start(TIMEOUT_MS)
        for _ in range(PARALLEL):
            self._next()
        if not self._active:
            self._finish()

    def _next(self) -> None:
        if not self._queue:
            return
        key, path = self._queue.pop(0)
        one = _One(key, path, self._one_done, self)
        self._active[key] = one
        one.start()

    def _one_done(self, key: str, samples: array[int] | None, error: str) -> None:
        one = self._active.pop(key, None)
        if one is None or self._over:
            return
        if samples is not None:
            self.samples[key] = samples
        else:
            self.errors[key] = error
            log.warning("voice prompt %s not decoded: %s", key, error)
        one.deleteLater()
        self._next()
        if not self._active:
            self._finish()

    def _give_up(self) -> None:
        for key in [*self._active, *(k for k, _ in self._queue)]:
            self.errors[key] = "decoding took too long"
        self._active.clear()
        self._queue.clear()
        self._finish()

    def _finish(self) -> None:
        if self._over:
            return
        self._over = True
        self._timeout.stop()
        self._done(self.samples, self.errors)
