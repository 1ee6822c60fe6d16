"""The cue mixer and the stream clock: sounds land at the frame heard at their due time,
voices wait their turn, mixing clips, and what is not yet in the stream can be withdrawn."""

from __future__ import annotations

from array import array

import pytest

from tpguide.core.session.mixer import FADE_S, RATE, VOICE_GAP_S, Mixer
from tpguide.core.session.stream_clock import DRIFT_S, StreamClock


def _tone(value: int, frames: int) -> array[int]:
    return array("h", [value] * frames)


def _samples(data: bytes) -> array[int]:
    out = array("h")
    out.frombytes(data)
    return out


def test_a_tone_starts_at_the_frame_asked_for() -> None:
    mixer = Mixer()
    mixer.add("press", _tone(1000, 10))
    placed = mixer.play_tone("press", at=5)
    assert placed is not None and (placed.start, placed.end) == (5, 15)
    out = _samples(mixer.render(20))
    assert list(out[:5]) == [0] * 5 and list(out[5:15]) == [1000] * 10 and out[15] == 0


def test_a_voice_waits_for_its_tone_and_a_gap() -> None:
    mixer = Mixer()
    mixer.add("press", _tone(1, 100))
    mixer.add("voice:press", _tone(2, 10))
    mixer.play_tone("press", at=0)
    placed = mixer.queue_voice("voice:press", at=0)
    assert placed is not None and placed.start == 100 + round(VOICE_GAP_S * RATE)


def test_a_new_phase_tone_cuts_stale_speech_but_a_tick_does_not() -> None:
    mixer = Mixer()
    mixer.add("release", _tone(1, 10))
    mixer.add("tick", _tone(3, 5))
    mixer.add("voice:next", _tone(2000, 50_000))
    mixer.play_tone("release", at=0)
    voice = mixer.queue_voice("voice:next", at=0)
    assert voice is not None
    mixer.play_tone("tick", keeps_voice=True, at=10_000)
    assert mixer.drop_voice(60_000) == []  # still speaking then: cut, not forgotten
    mixer.play_tone("release", at=20_000)
    out = _samples(mixer.render(60_000))
    assert out[10_000] == 2003 and out[19_000] == 2000  # the tick did not cut the voice
    assert out[20_005] == 1 and not any(out[20_010:])  # the new tone alone
    fade = out[20_000 - round(FADE_S * RATE):20_000]
    assert all(a >= b for a, b in zip(fade, fade[1:], strict=False))  # faded, no click
    assert abs(fade[-1]) < 2000 // 10


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
    placed = mixer.play_tone("a", at=10)
    assert placed is not None and placed.start == 100


def test_withdraw_forgets_what_the_stream_has_not_reached_and_keeps_the_rest() -> None:
    mixer = Mixer()
    mixer.add("press", _tone(100, 50))
    mixer.add("voice:press", _tone(7, 50))
    begun = mixer.play_tone("press", at=80)
    later = mixer.play_tone("press", at=400)
    voice = mixer.queue_voice("voice:press", at=400)
    assert begun and later and voice
    mixer.render(100)  # the first tone is half rendered: on its way to the device
    assert sorted(mixer.withdraw()) == sorted([later.id, voice.id])
    out = _samples(mixer.render(1000))
    assert list(out[:30]) == [100] * 30 and not any(out[30:])


def test_silence_cuts_what_plays_with_a_fade() -> None:
    mixer = Mixer()
    mixer.add("rest", _tone(10_000, 10 * RATE))
    mixer.play_tone("rest", at=0)
    mixer.render(1000)
    mixer.silence()
    out = _samples(mixer.render(RATE))
    assert not mixer.busy and not any(out)


# -- the stream clock: where a cue due at an instant goes ------------------------------------
class FakeStream:
    """A device that plays one frame per 1/RATE s from ``start`` and has rendered ``ahead``
    seconds more than it played (a pull stream reading ahead)."""

    def __init__(self, start: float, ahead: float = 0.25) -> None:
        self.start = start
        self.ahead = ahead
        self.stalled_for = 0.0

    def heard(self, now: float) -> int:
        return round((now - self.start - self.stalled_for) * RATE)

    def rendered(self, now: float) -> int:
        return self.heard(now) + round(self.ahead * RATE)


def test_a_cue_due_at_an_instant_is_placed_at_the_frame_heard_then() -> None:
    stream = FakeStream(start=100.0)
    clock = StreamClock()
    for i in range(5):  # the player reads the position every 250 ms
        now = 101.0 + i * 0.25
        clock.observe(now, stream.heard(now))
        clock.pulled(now, stream.rendered(now))
    now = 102.0
    due = now + 0.4  # handed over ahead of its time
    frame = clock.frame_at(due)
    assert frame == stream.heard(due)
    assert frame >= stream.rendered(now)  # still in the future of the stream: placeable
    assert clock.time_of(frame) == pytest.approx(due, abs=1 / RATE)
    assert clock.lead == pytest.approx(0.25, abs=1 / RATE)


def test_late_reports_do_not_pull_the_estimate_back() -> None:
    stream = FakeStream(start=0.0)
    clock = StreamClock()
    clock.observe(1.0, stream.heard(1.0))
    clock.observe(1.25, stream.heard(1.25) - round(0.005 * RATE))  # reported 5 ms stale
    assert clock.frame_at(2.0) == stream.heard(2.0)
    assert clock.reanchored == 0


def test_a_stream_that_falls_behind_re_anchors_the_clock() -> None:
    stream = FakeStream(start=0.0)
    clock = StreamClock()
    clock.observe(1.0, stream.heard(1.0))
    stream.stalled_for = 0.3  # the device paused for 300 ms
    assert clock.observe(1.5, stream.heard(1.5)) is True
    assert clock.reanchored == 1
    assert clock.frame_at(2.0) == stream.heard(2.0)  # cues now follow the late stream
    stream.stalled_for = 0.3 + DRIFT_S / 2  # a wobble under the limit changes nothing
    assert clock.observe(1.75, stream.heard(1.75)) is False
