"""``tpguide run`` with sound on behaves like a session from the main window: "I feel unwell"
shows the stop-at-once page and the app stays open, DONE sounds and stays on screen, closing
the window ends the app, and a sound output that goes away pauses the session until Start
goes on with the new one. Real sound: a private PulseAudio null sink, the app in its own
process (Qt keeps audio state per process), driven through ``tests.run_probe``."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import audio_helpers as ah
from tests.run_probe import RunProbe

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SHORT = """\
tpguide: 1
id: run-sound
title: Run with sound
steps:
  - point: upper-trapezius.1
    side: left
    prepare: 1s
    press: PRESS
    release: 1s
    cycles: 1
"""


@pytest.fixture
def null_sink(tmp_path: Path) -> Iterator[ah.PulseServer]:
    server = ah.start_null_sink(tmp_path / "pulse")
    try:
        yield server
    finally:
        server.stop()


def _start(server: ah.PulseServer, tmp_path: Path, press: str = "2s") -> RunProbe:
    """``tpguide run`` of a short routine: safety notes read, pain ratings off, voice off."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    settings = {"safety_acknowledged": True, "ask_pain_ratings": False, "voice": False}
    (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    routine = tmp_path / "run.yaml"
    routine.write_text(SHORT.replace("PRESS", press), encoding="utf-8")
    env = dict(server.env, TPGUIDE_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    probe = RunProbe([str(routine)], env, str(ROOT))
    assert probe.wait_for("window")["player"] == "QtCuePlayer"
    return probe


def test_unwell_shows_the_stop_at_once_page_and_the_app_stays_open(
    null_sink: ah.PulseServer, tmp_path: Path
) -> None:
    probe = _start(null_sink, tmp_path, press="30s")
    try:
        probe.send("key Space")
        probe.wait_for("heard", cue="press")  # during the first press
        probe.send("key U")
        probe.wait_for("unwell")
        probe.wait_for("state", state="stopped")
        probe.ask("wait 2000", "waited")  # the app's own loop still runs two seconds later
        status = probe.ask("status", "status")
        assert status["visible"] and status["unwell"] and status["state"] == "stopped"
        assert not [e for e in probe.events if e["event"] == "exit"]
        probe.send("close")  # closing it ends the app
        assert probe.wait_for("exit")["status"] == 0
    finally:
        probe.end()


def test_done_sounds_and_stays_on_screen_until_closed(
    null_sink: ah.PulseServer, tmp_path: Path
) -> None:
    recorder = ah.start_recording(null_sink, tmp_path / "monitor.wav")
    probe = _start(null_sink, tmp_path)
    try:
        probe.send("key Space")
        probe.wait_for("state", state="finished")
        probe.wait_for("heard", cue="done")
        probe.ask("wait 2000", "waited")  # the done tone is heard out, the window stays
        status = probe.ask("status", "status")
        assert status["visible"] and status["state"] == "finished"
        assert status["phase"] == "done" and status["phase_word"] == "DONE"
        probe.send("close")
        assert probe.wait_for("exit")["status"] == 0
    finally:
        probe.end()
        path = recorder.stop()
    wav = ah.read_wav(path)
    sounds = ah.segments(wav.samples, wav.rate, gap_s=0.1)
    assert len(sounds) >= 4, sounds  # prepare, press (with its tick), release, done
    start, end = sounds[-1]
    assert end - start > 1.0  # the done arpeggio, heard out
    assert ah.pitch_between(wav, end - 0.2, end - 0.04) == pytest.approx(783.99, rel=0.06)


def _sink_module(server: ah.PulseServer, name: str) -> str:
    listed = subprocess.run(["pactl", "list", "short", "modules"], env=server.env,
                            capture_output=True, text=True, timeout=10, check=True).stdout
    return next(line.split()[0] for line in listed.splitlines()
                if "module-null-sink" in line and f"sink_name={name}" in line)


def test_a_lost_output_pauses_and_start_goes_on_with_the_new_one(
    null_sink: ah.PulseServer, tmp_path: Path
) -> None:
    probe = _start(null_sink, tmp_path, press="8s")  # lost and paused well inside it
    try:
        probe.send("key Space")
        probe.wait_for("heard", cue="press")
        subprocess.run(["pactl", "unload-module", _sink_module(null_sink, "nullsink")],
                       env=null_sink.env, timeout=10, check=True)
        notice = probe.wait_for("notice")["text"]
        assert "paused" in notice
        probe.wait_for("state", state="paused")
        status = probe.ask("status", "status")
        assert status["notice"] == notice and not status["available"]
        subprocess.run(["pactl", "load-module", "module-null-sink", "sink_name=second"],
                       env=null_sink.env, timeout=10, check=True, capture_output=True)
        subprocess.run(["pactl", "set-default-sink", "second"], env=null_sink.env, timeout=10,
                       check=True)
        recording = tmp_path / "second.wav"
        recorder = ah.start_recording(null_sink, recording, device="second.monitor")
        try:
            after = len(probe.events)
            probe.send("key Space")  # Start goes on, on the new default output
            probe.wait_for("state", state="running", after=after)
            probe.wait_for("heard", cue="release", timeout_s=60, after=after)
            status = probe.ask("status", "status")
            assert status["available"] and status["notice"] == ""
            probe.ask("wait 1000", "waited")
        finally:
            path = recorder.stop()
        probe.send("close")
        assert probe.wait_for("exit")["status"] == 0
    finally:
        probe.end()
    wav = ah.read_wav(path)
    sounds = [(a, b) for a, b in ah.segments(wav.samples, wav.rate, gap_s=0.1) if b - a > 0.3]
    assert sounds, "nothing was heard on the new output"
    start, _ = sounds[-1]  # the release: G5 falling to C5
    assert ah.pitch_between(wav, start + 0.03, start + 0.15) == pytest.approx(783.99, rel=0.06)
