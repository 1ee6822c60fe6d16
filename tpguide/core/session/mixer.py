"""Mixes cue sounds into one continuous stream of 16-bit mono samples, without Qt.

One long-lived audio stream fed by this mixer replaced one QSoundEffect per sound:
starting and stopping many short streams made Qt's PulseAudio backend spin on a
closed socket and freeze the event loop (measured here, Qt 6.11 and 6.12). Sounds
are placed at stream frames chosen by the caller (the frame heard at the cue's due time,
see ``stream_clock``), and voice prompts queue behind their phase's tone and each other,
so they never overlap it. A sound stays withdrawable until its first frame is rendered.
"""

from __future__ import annotations

import itertools
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from tpguide.core.session.voice_names import VOICE_GAP_S

RATE = 44_100
FADE_S = 0.01
"""A sound cut short (a stop, or a jump past the phase it belonged to) fades over this long
instead of clicking."""
_GAP = round(VOICE_GAP_S * RATE)
_FADE = round(FADE_S * RATE)
_BED_FADE = round(0.05 * RATE)  # a loop that stops fades out over 50 ms: no click

Role = Literal["tone", "tick", "voice"]


class WavFormatError(ValueError):
    """A cue file is not 44.1 kHz, mono, 16-bit PCM."""


def read_pcm(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        shape = (wav.getframerate(), wav.getnchannels(), wav.getsampwidth())
        if shape != (RATE, 1, 2):
            raise WavFormatError(f"{path.name}: {shape}, expected ({RATE}, 1, 2)")
        samples = array("h")
        samples.frombytes(wav.readframes(wav.getnframes()))
    return samples


class Placed(NamedTuple):
    """Where a sound went: its id (to withdraw or report it) and its first and end frames."""

    id: int
    start: int
    end: int


@dataclass
class _Playing:
    id: int
    key: str
    samples: array[int]
    start: int  # absolute frame at which it begins
    gain: float
    role: Role

    @property
    def end(self) -> int:
        return self.start + len(self.samples)

    def cut(self, at: int) -> None:
        """End at frame ``at``, fading out over the frames before it (no click)."""
        keep = max(0, at - self.start)
        samples = self.samples[:keep]
        fade = min(_FADE, keep)
        for i in range(fade):
            n = keep - fade + i
            samples[n] = int(samples[n] * (fade - i) / (fade + 1))
        self.samples = samples


class Mixer:
    """Sounds by key; ``play_tone``/``queue_voice`` place them, ``render`` produces bytes."""

    def __init__(self) -> None:
        self.sounds: dict[str, array[int]] = {}
        self.frame = 0  # frames rendered so far: the next frame the device will get
        self.gain = 1.0
        self._playing: list[_Playing] = []
        self._ids = itertools.count(1)
        # A loop under everything (the breathing guide): not a placed sound, so placing,
        # withdrawing and cutting cues never look at it.
        self._bed: array[int] | None = None
        self._bed_from = 0
        self._bed_end: int | None = None

    def add(self, key: str, samples: array[int]) -> None:
        self.sounds[key] = samples

    @property
    def busy(self) -> bool:
        return bool(self._playing)

    def ids(self) -> set[int]:
        """The ids of every sound placed and not yet played out."""
        return {p.id for p in self._playing}

    def play_tone(self, key: str, *, keeps_voice: bool = False, at: int = 0) -> Placed | None:
        """Place a tone at frame ``at`` (never in the past); a phase tone (not a tick) cuts
        the speech about the last phase."""
        samples = self.sounds.get(key)
        if samples is None:
            return None
        start = max(self.frame, at)
        if not keeps_voice:
            self.drop_voice(start)
        return self._place(key, samples, start, self.gain, "tick" if keeps_voice else "tone")

    def queue_voice(self, key: str, gain: float = 1.0, at: int = 0) -> Placed | None:
        """Place a voice prompt after the last tone and the voices already waiting."""
        samples = self.sounds.get(key)
        if samples is None:
            return None
        ends = [p.end for p in self._playing if p.role != "tick"]
        after = max(ends, default=0)
        start = max(self.frame, at, after + _GAP if after else 0)
        return self._place(key, samples, start, self.gain * gain, "voice")

    def _place(self, key: str, samples: array[int], start: int, gain: float,
               role: Role) -> Placed:
        item = _Playing(next(self._ids), key, samples, start, gain, role)
        self._playing.append(item)
        return Placed(item.id, item.start, item.end)

    def drop_voice(self, at: int) -> list[int]:
        """Forget voices that start at ``at`` or later and cut one still speaking then;
        returns the ids of those forgotten."""
        gone = [p.id for p in self._playing if p.role == "voice" and p.start >= at]
        for item in self._playing:
            if item.role == "voice" and item.start < at < item.end:
                item.cut(at)
        self._playing = [p for p in self._playing if p.id not in gone]
        return gone

    def withdraw(self) -> list[int]:
        """Forget every sound not yet begun in the stream; returns their ids.

        What the device already has (up to ``frame``) is on its way and is heard; a sound
        already begun plays out.
        """
        gone = [p.id for p in self._playing if p.start >= self.frame]
        self._playing = [p for p in self._playing if p.start < self.frame]
        return gone

    def silence(self) -> list[int]:
        """Withdraw everything and cut what is playing, from the next frame on."""
        gone = self.withdraw()
        for item in self._playing:
            item.cut(self.frame)
        return gone

    def set_bed(self, samples: array[int] | None, at: int = 0) -> None:
        """Loop ``samples`` under the cues from frame ``at``; None fades the loop out."""
        start = max(self.frame, at)
        if samples is not None:
            self._bed, self._bed_from, self._bed_end = samples, start, None
        elif self._bed is not None and self._bed_end is None:
            self._bed_end = start + _BED_FADE

    def clear(self) -> None:
        self._playing.clear()
        self.set_bed(None)

    def render(self, frames: int) -> bytes:
        """The next ``frames`` samples as bytes."""
        limit = self.frame + frames
        out = array("h", bytes(2 * frames))
        for item in list(self._playing):
            _mix(out, item, self.frame, limit)
            if item.end <= limit:
                self._playing.remove(item)
        if self._bed is not None:
            self._mix_bed(out, limit)
        self.frame = limit
        return out.tobytes()

    def _mix_bed(self, out: array[int], limit: int) -> None:
        bed, since, stop = self._bed, self._bed_from, self._bed_end
        assert bed is not None
        first = self.frame
        for frame in range(max(first, since), limit if stop is None else min(limit, stop)):
            fade = 1.0 if stop is None else (stop - frame) / _BED_FADE
            value = out[frame - first] + int(bed[(frame - since) % len(bed)] * self.gain * fade)
            out[frame - first] = 32767 if value > 32767 else -32768 if value < -32768 else value
        if stop is not None and stop <= limit:
            self._bed = None


def _mix(out: array[int], item: _Playing, first: int, limit: int) -> None:
    begin = max(first, item.start)
    end = min(limit, item.end)
    if begin >= end:
        return
    src = item.start
    gain = item.gain
    samples = item.samples
    for frame in range(begin, end):
        value = out[frame - first] + int(samples[frame - src] * gain)
        out[frame - first] = 32767 if value > 32767 else -32768 if value < -32768 else value
