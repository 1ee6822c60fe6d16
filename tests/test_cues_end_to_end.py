"""Proves ``tpguide run`` really sounds every phase cue, in order and on time, or says it cannot.

The app runs in its own process (Qt keeps audio state per process) with ``TPGUIDE_AUTOSTART=1``
on a private PulseAudio null sink whose monitor ``parecord`` records; the recording is then
compared with the phase boundaries ``tpguide plan --json`` reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import audio_helpers as ah
from tpguide.core.session.engine import COUNTDOWN

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT_S = 60.0
INTERVAL_TOLERANCE_S = 0.06
# Across the session: the player's lead grows once, early, when the device first reads
# further ahead than it had by the time the sounds were ready; later cues then come up to
# ~45 ms later than the first ones (measured here). That step is allowed on top.
DRIFT_TOLERANCE_S = 0.08
# A cue is placed where the stream is heard at its due time; the recording is put on the
# monotonic clock by watching how much it holds (a few ms late at worst, measured here).
ONSET_TOLERANCE_S = 0.05
NOTICE = "No sound device found: cues will be visual only"
C4, C5, E5, G5, CLICK = 261.63, 523.25, 659.26, 783.99, 1760.0

# Integer phase lengths of at least 1 s: every phase tone (<= 0.68 s; rest 1.4 s in a 2 s
# phase) ends before the next sound, and every countdown tick (1, 2, 3 s before a press)
# either coincides with a phase start or falls in a silence, so each sound is its own segment.
ROUTINE = """\
tpguide: 1
id: e2e-cues
title: End-to-end cue check
steps:
  - point: upper-trapezius.1
    side: left
    prepare: 1s
    press: 1s
    release: 2s
    cycles: 2
  - rest: 2s
  - point: masseter.1
    side: right
    prepare: 3s
    press: 1s
    release: 1s
    cycles: 1
"""


@dataclass(frozen=True)
class Sound:
    """One sound found in the recording: when it began, how long, which kind, how loud."""

    start: float
    length: float
    kind: str
    peak: float


def _env(base: dict[str, str], home: Path) -> dict[str, str]:
    env = dict(base)
    env.update(TPGUIDE_HOME=str(home), TPGUIDE_AUTOSTART="1", QT_QPA_PLATFORM="offscreen")
    return env


def _home(tmp_path: Path) -> Path:
    """A TPGUIDE_HOME with the safety gate acknowledged and voice prompts off (tones only)."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    settings = {"safety_acknowledged": True, "voice": False, "ticks": True, "muted": False}
    (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return home


def _routine(tmp_path: Path) -> Path:
    path = tmp_path / "e2e.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    return path


def _run_app(routine: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tpguide", "run", str(routine)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
    )


def _phase_times(stderr: str) -> dict[int, float]:
    """Phase index -> monotonic time it was due to be heard (``tpguide: phase I at T``)."""
    found = {}
    for line in stderr.splitlines():
        if line.startswith("tpguide: phase "):
            _, _, index, _, at = line.split()
            found[int(index)] = float(at)
    return found


def expected_sounds(plan: Mapping[str, Any]) -> list[tuple[float, str]]:
    """(time, kind) of every separate sound: phase starts, and ticks that fall on no phase."""
    phases = plan["phases"]
    starts = {round(float(p["start"]), 6): str(p["kind"]) for p in phases}
    ticks = {
        round(float(p["start"]) - lead, 6)
        for p in phases if p["kind"] == "press"
        for lead in COUNTDOWN if float(p["start"]) - lead >= 0
    }
    return sorted([*starts.items(), *((t, "tick") for t in ticks - starts.keys())])


def classify(wav: ah.Wav, start: float, end: float) -> str:
    """The cue kind of one recorded sound, by its length and its pitch at start and end."""

    def near(hz: float, note: float) -> bool:
        return abs(hz - note) < 0.06 * note

    if end - start < 0.15:  # a 35 ms click: its pitch over 10 ms from where it is heard
        burst = wav.samples[int(start * wav.rate):int(end * wav.rate) + 1]
        peak = max(abs(x) for x in burst)
        heard = next(i for i, x in enumerate(burst) if abs(x) > 0.1 * peak)
        click = ah.pitch_hz(burst[heard:heard + wav.rate // 100], wav.rate)
        return "tick" if near(click, CLICK) else f"?({click:.0f} Hz click)"
    first = ah.pitch_between(wav, start + 0.04, start + 0.15)
    last = ah.pitch_between(wav, end - 0.2, end - 0.04)
    if near(first, C4):
        return "rest"
    if near(first, E5) and near(last, E5):
        return "prepare"
    if near(first, G5) and near(last, C5):
        return "release"
    if near(first, C5) and near(last, G5):
        return "done" if end - start > 1.0 else "press"
    return f"?({first:.0f}->{last:.0f} Hz, {end - start:.2f} s)"


def recorded_sounds(wav: ah.Wav) -> list[Sound]:
    found = []
    for start, end in ah.segments(wav.samples, wav.rate, gap_s=0.1):
        chunk = wav.samples[int(start * wav.rate):int(end * wav.rate) + 1]
        peak = max((abs(s) for s in chunk), default=0) / 32768.0
        found.append(Sound(start, end - start, classify(wav, start, end), peak))
    return found


@pytest.fixture(scope="module")
def null_sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ah.PulseServer]:
    server = ah.start_null_sink(tmp_path_factory.mktemp("pulse-e2e"))
    try:
        yield server
    finally:
        server.stop()


def test_expected_sounds_follow_the_plan() -> None:
    plan = {"phases": [
        {"kind": "prepare", "start": 0.0}, {"kind": "press", "start": 1.0},
        {"kind": "release", "start": 2.0}, {"kind": "press", "start": 4.0},
        {"kind": "done", "start": 5.0},
    ]}
    assert expected_sounds(plan) == [
        (0.0, "prepare"), (1.0, "press"), (2.0, "release"), (3.0, "tick"), (4.0, "press"),
        (5.0, "done"),
    ]


def test_a_real_session_sounds_every_cue_in_order_and_on_time(
    null_sink: ah.PulseServer, tmp_path: Path
) -> None:
    routine = _routine(tmp_path)
    planned = subprocess.run(
        [sys.executable, "-m", "tpguide", "plan", str(routine), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )
    plan = json.loads(planned.stdout)
    assert plan["total_seconds"] <= 15
    expected = expected_sounds(plan)
    assert [k for _, k in expected if k != "tick"] == [p["kind"] for p in plan["phases"]]

    recorder = ah.start_recording(null_sink, tmp_path / "monitor.wav")
    try:
        done, origin = ah.run_while_recording(
            recorder, [sys.executable, "-m", "tpguide", "run", str(routine)],
            _env(null_sink.env, _home(tmp_path)), RUN_TIMEOUT_S)
    finally:
        path = recorder.stop()
    assert done.returncode == 0, done.stderr
    assert "tpguide: session finished" in done.stderr, done.stderr
    assert "tpguide: notice:" not in done.stderr, done.stderr

    wav = ah.read_wav(path)
    sounds = recorded_sounds(wav)
    report = "\n".join(f"{s.start:8.3f} {s.length:6.3f} {s.peak:5.3f} {s.kind}" for s in sounds)
    assert [s.kind for s in sounds] == [k for _, k in expected], report

    # the intervals between onsets are those between the planned boundaries
    gaps = [b.start - a.start for a, b in zip(sounds, sounds[1:], strict=False)]
    planned_gaps = [b[0] - a[0] for a, b in zip(expected, expected[1:], strict=False)]
    for got, want in zip(gaps, planned_gaps, strict=True):
        assert got == pytest.approx(want, abs=INTERVAL_TOLERANCE_S), report
    # and they do not add up to a drift
    t0, e0 = sounds[0].start, expected[0][0]
    for sound, (when, kind) in zip(sounds, expected, strict=True):
        drift = (sound.start - t0) - (when - e0)
        assert abs(drift) <= DRIFT_TOLERANCE_S, f"{kind} at {when} s off by {drift:+.3f} s\n" \
                                                f"{report}"

    # and each is heard when the app meant it to be: on its boundary, not a read-ahead later
    due = _phase_times(done.stderr)
    assert sorted(due) == list(range(len(plan["phases"]))), done.stderr
    phases = iter(range(len(plan["phases"])))
    for sound, (when, kind) in zip(sounds, expected, strict=True):
        if kind == "tick":
            continue
        index = next(phases)
        assert origin + sound.start - due[index] == pytest.approx(0.0, abs=ONSET_TOLERANCE_S), \
            f"{kind} at {when} s heard {origin + sound.start - due[index]:+.3f} s off\n{report}"

    # ticks are heard: quieter than every phase tone, but within 10 dB of them
    ticks = [ah.dbfs(s.peak) for s in sounds if s.kind == "tick"]
    tones = [ah.dbfs(s.peak) for s in sounds if s.kind != "tick"]
    assert ticks and max(tones) - 10 < min(ticks) and max(ticks) < min(tones), report


def test_without_a_sound_server_the_session_runs_with_visual_cues(tmp_path: Path) -> None:
    env = _env(ah.no_audio_env(tmp_path / "runtime"), _home(tmp_path))
    done = _run_app(_routine(tmp_path), env)
    assert done.returncode == 0, done.stderr
    assert f"tpguide: notice: {NOTICE}" in done.stderr, done.stderr
    assert "tpguide: session finished" in done.stderr, done.stderr
