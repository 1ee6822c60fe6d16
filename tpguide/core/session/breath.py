"""The breathing guide's sound: a soft, slow breath to follow during release and rest.

One cycle is ten seconds (six breaths a minute): a four-second breath in, then a six-second
breath out, the longer out-breath that slow-breathing exercises use. It is shaped noise,
quieter on the way in and lower on the way out, made here in a fixed way (the same samples
on every machine, no file to ship) and kept far below the cues: its peak is
``BREATH_PEAK_DBFS``, at least 12 dB under the tones (about -6 dBFS) and the voice (-3 dBFS).
"""

from __future__ import annotations

import math
from array import array

from tpguide.core.session.mixer import RATE

IN_SECONDS, OUT_SECONDS = 4.0, 6.0
CYCLE_SECONDS = IN_SECONDS + OUT_SECONDS
BREATH_PEAK_DBFS = -28.0
BREATHING_KINDS: tuple[str, ...] = ("release", "rest")
"""The phases the guide sounds in (never under a press or a switch)."""


def _noise(count: int, seed: int = 0x2545F491) -> list[float]:
    """Deterministic white noise in -1..1 (a 32-bit xorshift: the same on every machine)."""
    state = seed
    out = []
    for _ in range(count):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(state / 0x7FFFFFFF - 1.0)
    return out


def _envelope(t: float) -> tuple[float, float]:
    """(loudness 0..1, low-pass amount 0..1) at ``t`` seconds into the cycle: a smooth swell
    and fade for each half, the out-breath softer-edged and darker."""
    if t < IN_SECONDS:
        return math.sin(math.pi * t / IN_SECONDS) ** 2 * 0.8, 0.25
    u = (t - IN_SECONDS) / OUT_SECONDS
    return math.sin(math.pi * u) ** 2, 0.12


def breath_cycle(rate: int = RATE) -> array[int]:
    """One cycle of the breath (10 s), 16-bit mono, peaking at ``BREATH_PEAK_DBFS``; it
    starts and ends in silence, so it loops without a click."""
    count = round(CYCLE_SECONDS * rate)
    noise = _noise(count)
    shaped = []
    low = 0.0
    for n in range(count):
        loud, smooth = _envelope(n / rate)
        low += smooth * (noise[n] - low)  # one-pole low-pass: air, not hiss
        shaped.append(low * loud)
    peak = max(abs(v) for v in shaped) or 1.0
    scale = 32767 * 10 ** (BREATH_PEAK_DBFS / 20) / peak
    return array("h", (round(v * scale) for v in shaped))


def breathing(kind: str, state: str, remaining: float) -> bool:
    """Whether the guide sounds now: in a running release or rest phase, until the countdown
    ticks before the next press begin (they are quieter than the tones)."""
    return state == "running" and kind in BREATHING_KINDS and remaining > QUIET_BEFORE_END


QUIET_BEFORE_END = 4.0
"""Seconds before a release or rest ends when the breath falls silent: a second before the
countdown ticks (3, 2, 1), which are quieter than the tones; the session window wakes at
each whole second of the countdown, so it stops right there."""
