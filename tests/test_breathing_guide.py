"""The breathing guide: a slow breath (6 a minute, out longer than in) looped under the cues,
at least 12 dB below every tone and voice prompt, only in running release and rest phases."""

from __future__ import annotations

import math
from array import array

import pytest
from pytestqt.qtbot import QtBot

from tests.audio_helpers import decode_prompts
from tpguide import resources
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.session import breath
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.session.mixer import RATE, Mixer, read_pcm
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.breathing import BreathingGuide
from tpguide.ui.session.controller import SessionController

MARGIN_DB = 12.0
CALM_VOICE_GAIN = 0.6  # as the Qt cue player plays voices in calm mode


def _samples(data: bytes) -> array[int]:
    out = array("h")
    out.frombytes(data)
    return out


def _db(samples: array[int] | list[int]) -> float:
    rms = math.sqrt(sum(v * v for v in samples) / len(samples))
    return 20 * math.log10(max(rms, 1e-9) / 32767)


def _loudest_second(samples: array[int]) -> float:
    return max(_db(samples[i:i + RATE]) for i in range(0, len(samples) - RATE + 1, RATE // 4))


def _rendered(mixer: Mixer, key: str, gain: float = 1.0) -> array[int]:
    """A sound alone through the mixer, as the stream carries it."""
    length = len(mixer.sounds[key])
    if key.startswith("voice:"):
        mixer.queue_voice(key, gain)
    else:
        mixer.play_tone(key)
    out = _samples(mixer.render(length + RATE))
    return out[out.tolist().index(next(v for v in out if v)):][:length]


@pytest.fixture(scope="module")
def cycle() -> array[int]:
    return breath.breath_cycle()


def test_six_breaths_a_minute_out_longer_than_in(cycle: array[int]) -> None:
    assert len(cycle) == 10 * RATE and 60 / breath.CYCLE_SECONDS == 6
    assert breath.OUT_SECONDS > breath.IN_SECONDS
    quiet = [abs(v) for v in cycle[:50]] + [abs(v) for v in cycle[-50:]]
    assert max(quiet) < 20  # it starts and ends in silence: it loops without a click
    half = round(breath.IN_SECONDS * RATE)  # a quiet moment between breathing in and out
    assert max(abs(v) for v in cycle[half - 200:half + 200]) < 0.1 * max(cycle)
    assert breath.breath_cycle() == cycle  # the same samples every time


def test_tones_and_voice_stay_12_db_above_the_breath_in_the_mixer(
        cycle: array[int], qtbot: QtBot) -> None:
    mixer = Mixer()
    mixer.set_bed(cycle)
    bed = _loudest_second(_samples(mixer.render(len(cycle) * 2)))
    sounds, voices = resources.asset("sounds"), resources.asset("voice/en")
    levels: dict[str, float] = {}
    for path in sorted(sounds.glob("*.wav")):
        if "tick" not in path.stem:  # ticks never sound with the breath (see below)
            mixer.add(path.stem, read_pcm(path))
            levels[path.stem] = _db(_rendered(mixer, path.stem))
    names = ("press", "release", "rest", "count-6", "next-upper-trapezius.1-left")
    decoded = decode_prompts(names, voices)
    for name in names:
        key = f"voice:{name}"
        mixer.add(key, decoded[name])
        levels[key] = _db(_rendered(mixer, key))
        levels[f"{key} (calm)"] = _db(_rendered(mixer, key, CALM_VOICE_GAIN))
    short = {name: round(level - bed, 1) for name, level in levels.items()
             if level - bed < MARGIN_DB}
    assert short == {}, f"less than {MARGIN_DB} dB above the breath ({bed:.1f} dBFS)"


def test_the_loop_repeats_and_fades_out_when_stopped(cycle: array[int]) -> None:
    mixer = Mixer()
    mixer.set_bed(cycle, at=100)
    first = _samples(mixer.render(len(cycle) + 100))
    again = _samples(mixer.render(len(cycle)))
    assert first[100:].tolist() == cycle.tolist() and again.tolist() == cycle.tolist()
    mixer.set_bed(None)
    tail = _samples(mixer.render(RATE))
    fade = round(0.05 * RATE)
    assert max(abs(v) for v in tail[fade:]) == 0
    assert abs(tail[fade - 1]) <= abs(cycle[(len(again) + fade - 1) % len(cycle)]) / fade + 1
    mixer.set_bed(cycle)
    mixer.clear()  # stop_all: the breath goes too
    assert max(abs(v) for v in _samples(mixer.render(RATE))[fade:]) == 0


@pytest.mark.parametrize(("kind", "state", "remaining", "on"), [
    ("release", "running", 6.0, True), ("rest", "running", 4.5, True),
    ("release", "running", 4.0, False), ("press", "running", 20.0, False),
    ("switch", "running", 5.0, False), ("prepare", "running", 5.0, False),
    ("rest", "paused", 10.0, False), ("done", "finished", 0.0, False)])
def test_it_sounds_only_in_running_release_and_rest_before_the_countdown(
        kind: str, state: str, remaining: float, on: bool) -> None:
    assert breath.breathing(kind, state, remaining) is on


def test_the_guide_follows_the_session(qtbot: QtBot) -> None:
    routine = load_routine_text(
        "tpguide: 1\nid: b\ntitle: B\ndefaults: {prepare: 2s, press: 5s, release: 10s, "
        "cycles: 1, rest: 8s}\nsteps:\n  - point: temporalis.1\n    side: left\n"
        "  - point: masseter.1\n    side: left\n").routine
    assert routine is not None

    class Clock:
        now = 1000.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()
    player = RecordingCuePlayer(clock)
    controller = SessionController(make_plan(routine), player, clock=clock)
    BreathingGuide(controller, player)
    controller.start()

    def run(seconds: float) -> None:
        for _ in range(round(seconds * 4)):
            clock.now += 0.25
            controller.wake()

    run(2 + 5 + 10 + 8 + 2 + 5 + 10 + 1)
    assert controller.state == "finished"
    assert [(round(t - 1000.0, 2), on) for t, on in player.breathing] == [
        (7.0, True), (13.0, False),      # the release after the first press, until 4 s left
        (17.0, True), (21.0, False),     # the rest
        (32.0, True), (38.0, False)]     # the last release
