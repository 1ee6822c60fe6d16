"""Lets cue tests hear what really plays: a private null sink, a probe subprocess, WAV analysis.

Pitch is estimated by zero crossings, sounds are found by level (onsets, segments).

Qt's audio backend keeps its state per process, so everything that touches a sound device
runs in a fresh ``python -m tests.audio_helpers probe ...`` whose last output line is JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import wave
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTALL_HINT = "apt-get install -y --no-install-recommends pulseaudio pulseaudio-utils"
PROBE_TIMEOUT_S = 60.0
HAND_OVER_MS = 500  # the probe hands each cue to the player this long before it is due


def _end(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wav_seconds_so_far(path: Path) -> float:
    """Seconds of mono 16-bit 44.1 kHz audio a growing WAV holds (header not counted)."""
    try:
        return max(0, path.stat().st_size - 44) / (2 * 44_100)
    except FileNotFoundError:
        return 0.0


def _poll_until(
    process: subprocess.Popen[bytes], done: Callable[[], bool], timeout_s: float
) -> bool:
    """Bounded poll; each pause also notices the process exiting."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if done():
            return True
        try:
            process.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        return done()
    return done()


# -- PulseAudio null sink ---------------------------------------------------------------------
@dataclass
class PulseServer:
    """A private PulseAudio daemon with one null sink, reachable only through ``socket``."""

    process: subprocess.Popen[bytes]
    runtime: Path
    socket: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        _end(self.process)


def _client_env(base: dict[str, str], runtime: Path, server: str) -> dict[str, str]:
    conf = runtime / "client.conf"
    conf.write_text("autospawn = no\n", encoding="utf-8")
    env = dict(base)
    env.update(
        XDG_RUNTIME_DIR=str(runtime),
        PULSE_RUNTIME_PATH=str(runtime / "pulse"),
        PULSE_CLIENTCONFIG=str(conf),
        PULSE_SERVER=server,
        HOME=str(runtime),
    )
    return env


def no_audio_env(runtime: Path) -> dict[str, str]:
    """Environment of a process that can reach no sound server at all."""
    runtime.mkdir(parents=True, exist_ok=True)
    return _client_env(probe_base_env(), runtime, "unix:/nonexistent")


def require(tool: str) -> str:
    """The path of ``tool``, or an AssertionError saying how to install it (no skipping)."""
    path = shutil.which(tool)
    if path is None:
        raise AssertionError(f"{tool} is not installed; the audio tests need it: {INSTALL_HINT}")
    return path


def start_null_sink(runtime: Path, timeout_s: float = 15.0) -> PulseServer:
    """Start ``pulseaudio`` with a null sink; return once a client can talk to it."""
    binary = require("pulseaudio")
    pactl = require("pactl")
    runtime.mkdir(parents=True, exist_ok=True)
    (runtime / "pulse").mkdir(exist_ok=True)
    sock = runtime / "native"
    log = runtime / "pulseaudio.log"
    env = _client_env(probe_base_env(), runtime, f"unix:{sock}")
    env.pop("PULSE_SERVER")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                binary, "--daemonize=no", "--exit-idle-time=-1", "-n", "--use-pid-file=no",
                "--load=module-null-sink sink_name=nullsink",
                f"--load=module-native-protocol-unix auth-anonymous=1 socket={sock}",
            ],
            env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )
    server = PulseServer(process, runtime, sock, log, _client_env(env, runtime, f"unix:{sock}"))

    def answers() -> bool:
        if not sock.exists():
            return False
        info = subprocess.run(
            [pactl, "info"], env=server.env, capture_output=True, text=True, timeout=10
        )
        return info.returncode == 0 and "nullsink" in info.stdout

    if _poll_until(process, answers, timeout_s):
        return server
    if process.poll() is not None:
        raise AssertionError(f"pulseaudio exited ({process.returncode}):\n{log.read_text()}")
    server.stop()
    raise AssertionError(f"pulseaudio did not answer within {timeout_s} s:\n{log.read_text()}")


@dataclass
class Recorder:
    """``parecord`` capturing the null sink's monitor into a mono 44.1 kHz WAV.

    The monitor delivers its first data about 2 s after the recording stream connects
    (measured here), so ``start_recording`` returns only once data flows, and ``stop``
    waits until the file has caught up with the time that passed.
    """

    process: subprocess.Popen[bytes]
    path: Path
    flowing_since: float  # monotonic time when data began to arrive

    def wait_for_sounds(self, count: int, min_s: float = 0.3,
                        timeout_s: float = PROBE_TIMEOUT_S) -> None:
        """Return once the recording holds ``count`` sounds longer than ``min_s``, each
        followed by silence: heard to their end, whatever pace the null sink drained at."""
        checked = [0.0]

        def heard() -> bool:
            seconds = _wav_seconds_so_far(self.path)
            if seconds - checked[0] < 0.05:  # analyse each 50 ms of new audio once
                return False
            checked[0] = seconds
            return len(_ended_sounds(_read_growing(self.path), min_s)) >= count

        if not _poll_until(self.process, heard, timeout_s):
            found = _ended_sounds(_read_growing(self.path), min_s)
            raise AssertionError(f"recorded {len(found)} of {count} sounds within {timeout_s} s:"
                                 f" {found}")

    def stop(self) -> Path:
        behind = time.monotonic() - self.flowing_since - 0.15
        _poll_until(self.process, lambda: _wav_seconds_so_far(self.path) >= behind, 5.0)
        _end(self.process, signal.SIGINT)  # SIGINT lets parecord finish the WAV header
        return self.path


def _read_growing(path: Path) -> array[int]:
    """The samples parecord has written so far (its WAV header is finished only at the end)."""
    data = path.read_bytes()[44:]
    samples = array("h")
    samples.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _ended_sounds(samples: array[int], min_s: float) -> list[tuple[float, float]]:
    """Sounds longer than ``min_s`` that silence has followed (the last may still be playing)."""
    found = segments(samples, 44_100)
    if found and found[-1][1] >= len(samples) / 44_100 - 0.1:
        found.pop()  # runs to the end of what was recorded: not over yet
    return [(a, b) for a, b in found if b - a > min_s]


def run_while_recording(recorder: Recorder, args: list[str], env: dict[str, str],
                        timeout_s: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``args`` while ``recorder`` records; also return the monotonic time of the
    recording's first sample (the best of many looks at how much the file holds, so a cue's
    onset in the file can be compared with when the app meant it to be heard)."""
    origin = recorder.flowing_since
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err, text=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            origin = min(origin, time.monotonic() - _wav_seconds_so_far(recorder.path))
            try:
                process.wait(timeout=0.005)
            except subprocess.TimeoutExpired:
                continue
            break
        _end(process, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(args, process.returncode, out.read(), err.read())
    return done, origin


def start_recording(server: PulseServer, path: Path, timeout_s: float = 15.0,
                    device: str = "nullsink.monitor") -> Recorder:
    """Record ``device``; return once audio data really reaches the file."""
    parecord = require("parecord")
    process = subprocess.Popen(
        [
            parecord, f"--device={device}", "--file-format=wav", "--channels=1",
            "--rate=44100", "--format=s16le", "--latency-msec=10", str(path),
        ],
        env=server.env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    if _poll_until(process, lambda: _wav_seconds_so_far(path) > 0.02, timeout_s):
        return Recorder(process, path, time.monotonic() - _wav_seconds_so_far(path))
    _end(process)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    raise AssertionError(f"parecord recorded nothing within {timeout_s} s ({process.returncode}):"
                         f"\n{stderr}")


# -- the probe subprocess ---------------------------------------------------------------------
def probe_base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "TPGUIDE_AUDIO"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run_probe(env: dict[str, str], *args: str, timeout_s: float = PROBE_TIMEOUT_S) -> Any:
    """Run the probe with ``args`` in a fresh interpreter; return its JSON result."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.audio_helpers", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise AssertionError(
            f"probe {args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return json.loads(lines[-1])


def start_probe(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """Start the probe with ``--hold``: its stream stays open until ``finish_probe``."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.audio_helpers", *args, "--hold"], env=env, cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish_probe(process: subprocess.Popen[str], timeout_s: float = PROBE_TIMEOUT_S) -> Any:
    """Tell a held probe to close its stream (end of its stdin); return its JSON result."""
    try:
        out, err = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate(timeout=10)
    lines = out.strip().splitlines()
    if process.returncode != 0 or not lines:
        raise AssertionError(f"held probe failed ({process.returncode}):\n{out}\n{err}")
    return json.loads(lines[-1])


def _until_stdin_ends(loop: Any) -> Any:
    """A notifier that quits ``loop`` when the test closes the probe's stdin."""
    from PySide6.QtCore import QSocketNotifier

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def readable(*_: object) -> None:
        if not os.read(sys.stdin.fileno(), 4096):
            notifier.setEnabled(False)
            loop.quit()

    notifier.activated.connect(readable)
    return notifier


def _probe(script: list[tuple[int, str]], linger_ms: int, calm: bool,
           hold: bool = False) -> dict[str, Any]:
    """Load the cue player, then play ``script`` ((offset ms, cue), ...) and report.

    Each cue is due ``offset`` ms after a start a little ahead and is handed over
    HAND_OVER_MS before that; ``started`` says when the player reports it heard and ``heard``
    when ``schedule`` said it would be (ms from that start). The stream closes ``linger_ms``
    after the last cue is due or, with ``hold``, when stdin ends: the test says when it has
    heard enough, since the null sink drains at an uneven pace.
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from tpguide.ui.session.cue_player import QtCuePlayer, make_cue_player

    app = QGuiApplication([])
    clock = QElapsedTimer()
    clock.start()
    player = make_cue_player()
    result: dict[str, Any] = {"player": type(player).__name__}
    loop = QEventLoop()
    loaded: list[bool] = []
    started: list[tuple[int, str]] = []
    if isinstance(player, QtCuePlayer):

        def on_loaded(ok: bool) -> None:
            loaded.append(ok)
            loop.quit()

        player.loaded.connect(on_loaded)
        player.cue_started.connect(lambda cue: started.append((clock.elapsed(), cue)))
    result["create_ms"] = clock.elapsed()  # includes importing QtMultimedia
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(20_000)
    player.load()
    if isinstance(player, QtCuePlayer):
        loop.exec()
    guard.stop()
    result["loaded"] = loaded
    result["load_ms"] = clock.elapsed() - result["create_ms"]
    result["ready"] = player.ready
    result["available"] = player.available
    result["reason"] = player.unavailable_reason
    if isinstance(player, QtCuePlayer):
        from PySide6.QtMultimedia import QMediaDevices

        result["outputs"] = [d.description() for d in QMediaDevices.audioOutputs()]
        result["statuses"] = player.effect_statuses()
        player.set_calm(calm)
        result["sound_for"] = {cue: player.sound_for(cue) for cue in ("press", "voice:press")}
    play_ms: list[float] = []
    heard: list[tuple[float, str]] = []
    # each cue is due at t0 + its offset and handed over HAND_OVER_MS before that, as a
    # session's scheduler does (the stream reads ahead; see tpguide.core.session.scheduling)
    t0 = clock.elapsed() + HAND_OVER_MS + 100
    due0 = time.monotonic() + (HAND_OVER_MS + 100) / 1000

    def fire(cue: str, offset: int) -> None:
        before = time.perf_counter()
        at = player.schedule(cue, due0 + offset / 1000)
        play_ms.append((time.perf_counter() - before) * 1000)
        heard.append(((at - due0) * 1000, cue))

    timers = []
    for offset, cue in script:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda cue=cue, offset=offset: fire(cue, offset))
        timer.start(offset + 100)
        timers.append(timer)
    end = max((offset for offset, _ in script), default=0) + HAND_OVER_MS + 100 + linger_ms
    if hold:
        notifier = _until_stdin_ends(loop)
    else:
        QTimer.singleShot(end, loop.quit)
    loop.exec()
    if hold:
        notifier.setEnabled(False)
    result["play_ms"] = play_ms
    result["heard"] = heard
    result["started"] = [(t - t0, cue) for t, cue in started if t >= t0 - 50]
    result["total_ms"] = clock.elapsed()
    player.stop_all()
    del app
    return result


def _parse_script(items: list[str]) -> list[tuple[int, str]]:
    script = []
    for item in items:
        cue, _, offset = item.rpartition("@")
        script.append((int(offset), cue))
    return script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cue player probe (tests)")
    sub = parser.add_subparsers(dest="command", required=True)
    probe = sub.add_parser("probe", help="load, play CUE@MS ..., print JSON")
    probe.add_argument("script", nargs="*", help="cue@offset_ms")
    probe.add_argument("--linger", type=int, default=300, help="ms to keep running at the end")
    probe.add_argument("--calm", action="store_true", help="play in calm mode")
    probe.add_argument("--hold", action="store_true", help="keep playing until stdin ends")
    args = parser.parse_args(argv)
    result = _probe(_parse_script(args.script), args.linger, args.calm, args.hold)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


# -- WAV analysis -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Wav:
    rate: int
    channels: int
    width: int
    samples: array[int]

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate

    @property
    def peak(self) -> float:
        return max((abs(s) for s in self.samples), default=0) / 32768.0


def read_wav(path: Path) -> Wav:
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        samples = array("h")
        if wav.getsampwidth() == 2:
            samples.frombytes(frames)
            if sys.byteorder == "big":
                samples.byteswap()
        return Wav(wav.getframerate(), wav.getnchannels(), wav.getsampwidth(), samples)


def dbfs(level: float) -> float:
    return 20 * math.log10(level) if level > 0 else -math.inf


def pitch_hz(samples: array[int] | list[int], rate: int) -> float:
    """Dominant pitch of a mostly-sinusoidal stretch, by counting zero crossings."""
    crossings = sum(1 for a, b in zip(samples, samples[1:], strict=False) if (a < 0) != (b < 0))
    return crossings * rate / (2 * max(1, len(samples) - 1))


def frame_rms(samples: array[int], rate: int, frame_ms: int = 10) -> list[float]:
    size = max(1, rate * frame_ms // 1000)
    out = []
    for start in range(0, len(samples) - size + 1, size):
        chunk = samples[start:start + size]
        out.append(math.sqrt(sum(s * s for s in chunk) / size) / 32768.0)
    return out


def onsets(samples: array[int], rate: int, frame_ms: int = 10) -> list[float]:
    """Times (s) where the level jumps up: a new note or a new sound."""
    rms = frame_rms(samples, rate, frame_ms)
    floor = 0.05 * max(rms, default=0.0)
    found: list[float] = []
    last = -1.0
    for i in range(len(rms)):
        before = rms[i - 3] if i >= 3 else 0.0
        t = i * frame_ms / 1000
        if rms[i] > floor and rms[i] > 1.6 * before + 1e-4 and t - last > 0.08:
            found.append(t)
            last = t
    return found


def segments(samples: array[int], rate: int, gap_s: float = 0.1) -> list[tuple[float, float]]:
    """(start, end) seconds of the sounds in a recording, split by silences of ``gap_s``."""
    frame_ms = 5
    rms = frame_rms(samples, rate, frame_ms)
    step = max(1, rate * frame_ms // 1000) / rate  # 220 samples at 44.1 kHz, not 5 ms
    threshold = max(0.01 * max(rms, default=0.0), 1e-4)
    result: list[tuple[float, float]] = []
    start: float | None = None
    quiet = 0
    for i, level in enumerate(rms):
        t = i * step
        if level > threshold:
            if start is None:
                start = t
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet * step >= gap_s:
                result.append((start, t - gap_s))
                start, quiet = None, 0
    if start is not None:
        result.append((start, len(rms) * step))
    return result


def dropouts(wav: Wav, start_s: float, end_s: float) -> list[tuple[float, float]]:
    """(start, length) in seconds of silent 5 ms frames inside a sound: where the stream
    underran (seen when the machine is starved of CPU), which skews pitch and spacing."""
    size = wav.rate * 5 // 1000
    first, last = int(start_s * wav.rate), int(end_s * wav.rate)
    holes: list[tuple[float, float]] = []
    for i, level in enumerate(frame_rms(wav.samples[first:last], wav.rate, 5)):
        t = (first + i * size) / wav.rate
        if level >= 1e-3:
            continue
        if holes and abs(holes[-1][0] + holes[-1][1] - t) < 1e-6:
            holes[-1] = (holes[-1][0], holes[-1][1] + size / wav.rate)
        else:
            holes.append((t, size / wav.rate))
    return holes


def pitch_between(wav: Wav, start_s: float, end_s: float) -> float:
    return pitch_hz(wav.samples[int(start_s * wav.rate):int(end_s * wav.rate)], wav.rate)


if __name__ == "__main__":
    raise SystemExit(main())


def decode_prompts(names: Iterable[str], folder: Path) -> dict[str, array[int]]:
    """Decode prompts of a voice pack as the cue player does (a QApplication must exist)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from tpguide.core.session.voice_pack import PackLengths
    from tpguide.ui.session.voice_decoder import PromptDecoder

    pack = PackLengths(folder)
    result: dict[str, array[int]] = {}
    loop = QEventLoop()

    def done(samples: dict[str, array[int]], errors: dict[str, str]) -> None:
        assert errors == {}
        result.update(samples)
        loop.quit()

    # parented and deleted by the event loop, as in the player: dropped by Python while
    # Qt's decoders wind down, it crashed
    decoder = PromptDecoder([(name, Path(pack.path(name) or "")) for name in names], done,
                            QCoreApplication.instance())
    decoder.start()
    if not result:
        loop.exec()
    decoder.deleteLater()
    return result
