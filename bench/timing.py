"""Measures whether cues come on time: phase-wake drift, play()-to-sound latency, play() cost.

(a) A 60 s, 30-phase plan is driven by the real SessionController with a recording cue
    player; each phase's first cue time is compared with its planned start. Two bare precise
    QTimer chains run in the same event loop as baselines (offset so no wake collides): a
    naive chain (each wake starts the next 2 s timer) and a deadline chain (each wake re-arms
    for ``start + n * 2 s - now``, what the controller does).
(b) Boundary -> audible onset: ``tpguide run`` plays a routine of 3-4 s phases (tones only)
    on a private PulseAudio null sink whose monitor parecord records; each phase tone's onset
    in the recording is compared with the time the app says the phase is due (it reports it
    under TPGUIDE_AUTOSTART). The recording is placed on the monotonic clock by polling its
    size (best case of ``now - seconds written``), so figures include a few ms of that.
(c) The player alone: a fresh process hands ~10 cues to the real QtCuePlayer 0.5 s before
    their due times (as the session's scheduler does); due time -> onset, and the cost of
    each schedule() call (the mixer lock and placement).

Usage: python bench/timing.py   (needs pulseaudio and parecord for (b) and (c))
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout

PHASES = 30
PHASE_S = 2.0
BASELINE_OFFSETS_S = (0.5, 1.0)  # naive and deadline chains wake between the session's wakes
LATENCY_CUES = ("prepare", "press", "release", "press", "release", "rest", "prepare", "press",
                "release", "done")
LATENCY_GAP_MS = (1000, 1000, 1000, 1000, 1000, 2000, 1000, 1000, 1000, 1000)
PROBE_TIMEOUT_S = 60.0
HAND_OVER_S = 0.5
SESSION_ROUTINE = """\
tpguide: 1
id: bench-short-phases
title: Short phases
steps:
  - point: upper-trapezius.1
    side: left
    prepare: 4s
    press: 4s
    release: 3s
    cycles: 2
  - rest: 3.6s
  - point: temporalis.1
    side: right
    prepare: 3s
    press: 4s
    release: 3s
    cycles: 1
"""


def _app() -> Any:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance() or QCoreApplication(sys.argv[:1])


def _stats(errors_s: list[float]) -> str:
    ms = [e * 1000 for e in errors_s]
    absolute = [abs(e) for e in ms]
    return (f"max |err| {max(absolute):6.2f} ms, mean |err| {statistics.fmean(absolute):6.2f} ms, "
            f"last {ms[-1]:+7.2f} ms")


def _plan() -> Any:
    from tpguide.core.session.planner import Phase, Plan

    kinds = ("press", "release")
    phases = [
        Phase(kinds[i % 2], i * PHASE_S, PHASE_S, 0, "upper-trapezius.1", "left",  # type: ignore[arg-type]
              cycle=i // 2 + 1, cycles=PHASES // 2, point_index=0)
        for i in range(PHASES)
    ]
    total = PHASES * PHASE_S
    return Plan("bench", (*phases, Phase("done", total, 0.0, None)), total, 1)


class _Chain:
    """A bare precise single-shot QTimer waking every PHASE_S; records (planned, actual)."""

    def __init__(self, start: float, wakes: int, deadline: bool,
                 clock: Callable[[], float]) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.start = start
        self.wakes = wakes
        self.deadline = deadline
        self.clock = clock
        self.errors: list[float] = []
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._wake)
        self.timer.start(max(0, round((start - clock()) * 1000)))

    def _wake(self) -> None:
        now = self.clock()
        planned = self.start + len(self.errors) * PHASE_S
        self.errors.append(now - planned)
        if len(self.errors) >= self.wakes:
            return
        if self.deadline:
            due = self.start + len(self.errors) * PHASE_S
            self.timer.start(max(0, round((due - self.clock()) * 1000)))
        else:
            self.timer.start(round(PHASE_S * 1000))


def measure_drift() -> dict[str, list[float]]:
    """(a): errors (s) of the controller's phase starts and of the two baseline chains."""
    from PySide6.QtCore import QEventLoop, QTimer

    from tpguide.core.session.cues import RecordingCuePlayer, is_voice
    from tpguide.ui.session.controller import SessionController

    _app()
    plan = _plan()
    clock = time.monotonic
    player = RecordingCuePlayer(clock)
    controller = SessionController(plan, player, clock=clock, voice=False, ticks=True)
    loop = QEventLoop()
    controller.finished.connect(lambda: QTimer.singleShot(100, loop.quit))
    controller.prepare()
    t0 = clock()
    chains = [
        _Chain(t0 + offset, PHASES, deadline, clock)
        for offset, deadline in zip(BASELINE_OFFSETS_S, (False, True), strict=True)
    ]
    controller.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(round((PHASES * PHASE_S + 10) * 1000))
    cpu0, wall0 = time.process_time(), clock()
    loop.exec()
    cpu_share = (time.process_time() - cpu0) / (clock() - wall0)
    starts = [t for t, cue in player.played if cue != "tick" and not is_voice(cue)]
    if len(starts) != len(plan.phases):
        raise RuntimeError(f"expected {len(plan.phases)} phase cues, got {len(starts)}")
    origin = starts[0]  # phase 0 is sounded inside start(), microseconds after the origin
    session = [t - (origin + p.start) for t, p in zip(starts, plan.phases, strict=True)]
    return {"controller": session[1:], "naive chain": chains[0].errors[1:],
            "deadline chain": chains[1].errors[1:], "cpu share": [cpu_share]}


# -- (b) and (c): a probe process on a null sink ------------------------------------------------
def _probe() -> None:
    """In the probe process: load the QtCuePlayer, play the cues, print JSON."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from tpguide.ui.session.cue_player import QtCuePlayer

    app = QGuiApplication(sys.argv[:1])
    player = QtCuePlayer()
    loop = QEventLoop()
    result: dict[str, Any] = {"plays": [], "cost_us": []}
    asked = time.monotonic()

    def loaded(ok: bool) -> None:
        result["loaded"] = ok
        result["load_ms"] = (time.monotonic() - asked) * 1000
        loop.quit()

    player.loaded.connect(loaded)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(20_000)
    player.load()
    loop.exec()
    guard.stop()
    if not result.get("loaded"):
        print(json.dumps(result))
        return

    def play(cue: str) -> None:
        before = time.perf_counter()
        due = time.monotonic() + HAND_OVER_S
        player.schedule(cue, due)
        result["cost_us"].append((time.perf_counter() - before) * 1e6)
        result["plays"].append((due, cue))

    timers = []
    offset = 0
    for cue, gap in zip(LATENCY_CUES, LATENCY_GAP_MS, strict=True):
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda cue=cue: play(cue))
        timer.start(offset)  # the first cue at once, like a session's first phase
        timers.append(timer)
        offset += gap
    QTimer.singleShot(offset + 1500, loop.quit)  # let the last cue be heard out
    loop.exec()
    player.close()
    print(json.dumps(result))
    del app


def measure_latency() -> dict[str, Any]:
    """(b) and (c): play() times and costs from the probe, onsets from the recording."""
    from tests import audio_helpers as ah

    with tempfile.TemporaryDirectory(prefix="tpguide-cue-bench-") as tmp:
        server = ah.start_null_sink(Path(tmp) / "pulse")
        try:
            wav_path = Path(tmp) / "monitor.wav"
            recorder = ah.start_recording(server, wav_path)
            probe = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--probe"],
                env=server.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True,
            )
            origin = recorder.flowing_since
            deadline = time.monotonic() + PROBE_TIMEOUT_S
            while probe.poll() is None and time.monotonic() < deadline:
                written = max(0, wav_path.stat().st_size - 44) / (2 * 44_100)
                origin = min(origin, time.monotonic() - written)
                time.sleep(0.01)
            if probe.poll() is None:
                probe.kill()
            out, err = probe.communicate(timeout=10)
            recorder.stop()
        finally:
            server.stop()
        lines = out.strip().splitlines()
        if probe.returncode != 0 or not lines:
            raise RuntimeError(f"latency probe failed ({probe.returncode}):\n{err}")
        result: dict[str, Any] = json.loads(lines[-1])
        if not result.get("loaded"):
            raise RuntimeError(f"no audio stream on the null sink:\n{err}")
        wav = ah.read_wav(wav_path)
        onsets = [start for start, _ in ah.segments(wav.samples, wav.rate, gap_s=0.1)]
    plays = [t for t, _ in result["plays"]]
    if len(onsets) != len(plays):
        raise RuntimeError(f"{len(plays)} cues played, {len(onsets)} heard: {onsets}")
    result["latency_s"] = [origin + onset - played for onset, played in zip(onsets, plays,
                                                                             strict=True)]
    result["spacing_error_s"] = [
        (onsets[i + 1] - onsets[i]) - (plays[i + 1] - plays[i]) for i in range(len(plays) - 1)
    ]
    return result


def measure_session() -> dict[str, Any]:
    """(b): each phase tone's onset in a recording of ``tpguide run`` - its due time."""
    from tests import audio_helpers as ah

    with tempfile.TemporaryDirectory(prefix="tpguide-session-bench-") as tmp:
        home = Path(tmp) / "home"
        (home / "config").mkdir(parents=True)
        settings = {"safety_acknowledged": True, "voice": False, "ticks": False}
        (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        routine = Path(tmp) / "short.yaml"
        routine.write_text(SESSION_ROUTINE, encoding="utf-8")
        server = ah.start_null_sink(Path(tmp) / "pulse")
        try:
            recorder = ah.start_recording(server, Path(tmp) / "monitor.wav")
            env = dict(server.env, TPGUIDE_HOME=str(home), TPGUIDE_AUTOSTART="1",
                       QT_QPA_PLATFORM="offscreen")
            try:
                done, origin = ah.run_while_recording(
                    recorder, [sys.executable, "-m", "tpguide", "run", str(routine)], env,
                    PROBE_TIMEOUT_S)
            finally:
                wav_path = recorder.stop()
        finally:
            server.stop()
        if done.returncode != 0:
            raise RuntimeError(f"tpguide run failed ({done.returncode}):\n{done.stderr}")
        wav = ah.read_wav(wav_path)
        onsets = [origin + start for start, _ in ah.segments(wav.samples, wav.rate, gap_s=0.1)]
    due = [float(line.split()[-1]) for line in done.stderr.splitlines()
           if line.startswith("tpguide: phase ")]
    if len(onsets) != len(due):
        raise RuntimeError(f"{len(due)} phases, {len(onsets)} sounds heard")
    return {"latency_s": [heard - at for heard, at in zip(onsets, due, strict=True)]}


def main() -> None:
    began = time.monotonic()
    drift = measure_drift()
    cpu_share = drift.pop("cpu share")[0]
    wakes = len(drift["controller"])
    print(f"(a) phase-start wakes, {PHASES} phases of {PHASE_S:.0f} s ({wakes} measured), "
          f"|actual - planned|:")
    for name, errors in drift.items():
        print(f"    {name:15} {_stats(errors)}")
    print(f"    CPU while the session ran (with the two baseline chains): "
          f"{cpu_share * 100:.1f} % of one core (aim <= 3 %)")
    try:
        session = measure_session()
        latency = measure_latency()
    except (AssertionError, RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"(b) cue latency: not measured ({str(exc).splitlines()[0]})")
        print(f"    total wall {time.monotonic() - began:.0f} s")
        return
    ms = [x * 1000 for x in session["latency_s"]]
    print(f"(b) phase boundary -> audible onset, tpguide run on a null sink, {len(ms)} phases: "
          f"median {statistics.median(ms):+.0f} ms, min {min(ms):+.0f} ms, "
          f"max {max(ms):+.0f} ms (aim: median within 30 ms)")
    ms = [x * 1000 for x in latency["latency_s"]]
    spacing = [abs(x) * 1000 for x in latency["spacing_error_s"]]
    print(f"(c) the player alone, due time -> onset, {len(ms)} cues handed over "
          f"{HAND_OVER_S:.1f} s ahead: median {statistics.median(ms):+.0f} ms, min "
          f"{min(ms):+.0f} ms, max {max(ms):+.0f} ms; spacing error max {max(spacing):.0f} ms;"
          f" load() -> loaded {latency['load_ms']:.0f} ms")
    cost = latency["cost_us"]
    print(f"    schedule() call: median {statistics.median(cost):.0f} us, max {max(cost):.0f} us "
          f"({len(cost)} calls, QtCuePlayer on a live stream)")
    print(f"    total wall {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    if "--probe" in sys.argv:
        _probe()
    else:
        main()
