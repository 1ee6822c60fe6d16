"""Synthesises the phase tones (assets/sounds/*.wav) so every cue can be rebuilt and reviewed.

Each phase kind gets its own pitch and pattern (UI.md): a person with eyes closed, or a
recording, can tell them apart. Output is 44.1 kHz 16-bit mono, deterministic (the same bytes
on every run), with soft attacks and short fades so nothing clicks. ``calm-<kind>.wav`` are the
calm-mode variants: a fifth lower, about 6 dB quieter, slower attacks.

Usage: python assets/tools/make_tones.py [--out DIR]
Standard library only.
"""

from __future__ import annotations

import argparse
import math
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
FADE_OUT = 0.012  # seconds of raised-cosine fade at the very end of every file
OUT_DIR = Path(__file__).resolve().parent.parent / "sounds"

# Note frequencies (equal temperament, A4 = 440 Hz).
C4, E4, G4 = 261.63, 329.63, 392.00
C5, E5, G5, A5 = 523.25, 659.26, 783.99, 880.00
CLICK = 1_760.0


@dataclass(frozen=True)
class Note:
    freq: float
    start: float  # seconds from the file's start
    length: float  # seconds until this note's own fade-out ends
    attack: float  # seconds of raised-cosine attack
    decay: float  # time constant of the exponential decay, seconds (0: flat)
    level: float = 1.0  # relative level before the file is normalised


@dataclass(frozen=True)
class Tone:
    notes: tuple[Note, ...]
    duration: float
    peak_dbfs: float
    partials: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.22), (3.0, 0.06))


def _note_samples(note: Note, partials: tuple[tuple[float, float], ...]) -> list[float]:
    count = int(round(note.length * RATE))
    attack = max(1, int(round(note.attack * RATE)))
    release = min(count // 2, int(round(0.02 * RATE)))
    out: list[float] = []
    for i in range(count):
        t = i / RATE
        env = 0.5 - 0.5 * math.cos(math.pi * i / attack) if i < attack else 1.0
        if note.decay > 0:
            env *= math.exp(-max(0.0, t - note.attack) / note.decay)
        if i >= count - release:
            env *= 0.5 - 0.5 * math.cos(math.pi * (count - i) / release)
        value = 0.0
        for mult, amp in partials:
            # Upper partials die away faster: a soft, bell-like timbre.
            fade = math.exp(-t * (mult - 1.0) * 6.0)
            value += amp * fade * math.sin(2.0 * math.pi * note.freq * mult * t)
        out.append(note.level * env * value)
    return out


def render(tone: Tone) -> array[int]:
    """The tone as 16-bit samples, peak-normalised to ``tone.peak_dbfs``."""
    total = int(round(tone.duration * RATE))
    mix = [0.0] * total
    for note in tone.notes:
        first = int(round(note.start * RATE))
        for i, value in enumerate(_note_samples(note, tone.partials)):
            if first + i < total:
                mix[first + i] += value
    fade = int(round(FADE_OUT * RATE))
    for i in range(fade):
        mix[total - fade + i] *= 0.5 + 0.5 * math.cos(math.pi * (i + 1) / fade)
    mix[0] = 0.0
    peak = max(abs(v) for v in mix) or 1.0
    gain = 10 ** (tone.peak_dbfs / 20.0) * 32767.0 / peak
    return array("h", (int(round(v * gain)) for v in mix))


def _two_note(first: float, second: float, attack: float) -> tuple[Note, ...]:
    return (
        Note(first, 0.0, 0.26, attack, 0.30),
        Note(second, 0.22, 0.46, attack, 0.22),
    )


def tones(calm: bool) -> dict[str, Tone]:
    """Every tone kind; calm mode lowers pitches a fifth, slows attacks and quietens."""
    k = 2.0 / 3.0 if calm else 1.0  # pitch factor
    a = 2.5 if calm else 1.0  # attack factor
    quiet = -6.0 if calm else 0.0  # extra level in dB
    soft: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.12))
    partials = soft if calm else ((1.0, 1.0), (2.0, 0.22), (3.0, 0.06))

    def tone(notes: tuple[Note, ...], duration: float, peak: float = -6.0) -> Tone:
        return Tone(notes, duration, peak + quiet, partials)

    return {
        "prepare": tone((Note(E5 * k, 0.0, 0.55, 0.025 * a, 0.20),), 0.55),
        "press": tone(_two_note(C5 * k, G5 * k, 0.030 * a), 0.68),
        "release": tone(_two_note(G5 * k, C5 * k, 0.030 * a), 0.68),
        "switch": tone(
            (
                Note(A5 * k, 0.0, 0.10, 0.008 * a, 0.0),
                Note(A5 * k, 0.18, 0.10, 0.008 * a, 0.0),
            ),
            0.30,
        ),
        "rest": tone(
            (
                Note(C4 * k, 0.0, 1.40, 0.020 * a, 0.45),
                Note(G4 * k, 0.0, 1.40, 0.020 * a, 0.30, 0.25),
            ),
            1.40,
        ),
        "done": tone(
            (
                Note(C5 * k, 0.00, 0.40, 0.015 * a, 0.25),
                Note(E5 * k, 0.16, 0.40, 0.015 * a, 0.25),
                Note(G5 * k, 0.32, 0.98, 0.015 * a, 0.35),
            ),
            1.30,
        ),
        # a short high "tock" a little quieter than the tones: its 30 ms decay carries enough
        # energy to be heard (a 35 ms click at -18 dBFS measured ~25 dB under the tones in a
        # recording); padded with silence as every cue file is
        "tick": tone((Note(CLICK * k, 0.0, 0.08, 0.001 * a, 0.030),), 0.25, -8.0),
    }


def write_wav(path: Path, samples: array[int]) -> None:
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    tmp = path.with_suffix(".wav.tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for calm in (False, True):
        for kind, tone in tones(calm).items():
            path = out / (f"calm-{kind}.wav" if calm else f"{kind}.wav")
            write_wav(path, render(tone))
            total += path.stat().st_size
    print(f"wrote {len(tones(False)) * 2} tones to {out} ({total / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
