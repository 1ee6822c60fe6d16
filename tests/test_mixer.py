"""The cue mixer: sounds land at the frames asked for, voices wait their turn, mixing clips."""

from __future__ import annotations

from array import array

from tpguide.core.session.mixer import RATE, Mixer
from tpguide.core.session.voice_names import VOICE_GAP_S


def _tone(value: int, frames: int) -> array[int]:
    return array("h", [value] * frames)


def _samples(data: bytes) -> array[int]:
    out = array("h")
    out.frombytes(data)
    return out


def test_a_tone_starts_at_the_frame_asked_for() -> None:
    mixer = Mixer()
    mixer.add("press", _tone(1000, 10))
    assert mixer.play_tone("press", at=5) == 5
    out = _samples(mixer.render(20))
    assert list(out[:5]) == [0] * 5 and list(out[5:15]) == [1000] * 10 and out[15] == 0


def test_a_voice_waits_for_its_tone_and_a_gap() -> None:
    mixer = Mixer()
    mixer.add("press", _tone(1, 100))
    mixer.add("voice:press", _tone(2, 10))
    mixer.play_tone("press", at=0)
    begin = mixer.queue_voice("voice:press", at=0)
    assert begin == 100 + round(VOICE_GAP_S * RATE)


def test_a_new_phase_tone_cuts_stale_speech_but_a_tick_does_not() -> None:
    mixer = Mixer()
    mixer.add("release", _tone(1, 10))
    mixer.add("tick", _tone(3, 5))
    mixer.add("voice:next", _tone(2, 50_000))
    mixer.play_tone("release", at=0)
    mixer.queue_voice("voice:next", at=0)
    mixer.play_tone("tick", keeps_voice=True, at=10_000)
    assert any(p.voice for p in mixer._playing)
    mixer.play_tone("release", at=0)
    assert not any(p.voice for p in mixer._playing)


def test_overlapping_sounds_add_and_clip() -> None:
    mixer = Mixer()
    mixer.add("a", _tone(30_000, 4))
    mixer.add("b", _tone(10_000, 4))
    mixer.play_tone("a", at=0)
    mixer.play_tone("b", keeps_voice=True, at=0)
    assert list(_samples(mixer.render(4))) == [32767] * 4


def test_sounds_are_never_placed_in_the_past() -> None:
    mixer = Mixer()
    mixer.add("a", _tone(5, 3))
    mixer.render(100)
    assert mixer.play_tone("a", at=10) == 100
