"""End to end on a real X server (Xvfb) and the run's private bus: ``tpguide run`` in its
own process, driven the way a desktop drives it: MPRIS calls (gdbus, as a headset button
or the lock screen would) and the keyboard's media keys (xdotool). The screensaver and
logind are fakes that log what they were asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.dbus_helpers import FakeDesktop, require_bus

ROOT = Path(__file__).resolve().parent.parent
NAME = "org.mpris.MediaPlayer2.tpguide"
pytestmark = pytest.mark.slow


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server; its display name (``:N``, chosen by Xvfb)."""
    assert shutil.which("Xvfb") and shutil.which("xdotool"), "install xvfb and xdotool"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x800x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        number = chosen.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def gdbus(*args: str) -> str:
    out = subprocess.run(["gdbus", "call", "--session", *args], capture_output=True, text=True,
                         timeout=30)
    return out.stdout.strip() if out.returncode == 0 else f"error: {out.stderr.strip()}"


def player(method: str, *args: str) -> str:
    return gdbus("--dest", NAME, "--object-path", "/org/mpris/MediaPlayer2", "--method",
                 method, *args)


def status() -> str:
    return player("org.freedesktop.DBus.Properties.Get", "org.mpris.MediaPlayer2.Player",
                  "PlaybackStatus")


def test_gdbus_and_media_keys_drive_a_tpguide_run_session_kept_awake(
        qtbot: QtBot, display: str, tmp_path: Path,
        fake_desktop: Callable[..., FakeDesktop]) -> None:
    require_bus()
    fakes = fake_desktop("screensaver", "login1")
    sh.store(ask_pain_ratings=False)  # acknowledged safety notes, no questions in the way
    routine = tmp_path / "quick.yaml"
    routine.write_text(sh.QUICK.replace("rest: 1s", "rest: 30s"), encoding="utf-8")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("TPGUIDE_AUTOSTART", None)  # the bus and the keys start it, nothing else
    app = subprocess.Popen([sys.executable, "-m", "tpguide", "run", str(routine)], cwd=ROOT,
                           env=env, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: status() == "(<'Stopped'>,)", timeout=30000)
        assert fakes.calls() == []  # a window waiting for Start keeps nothing awake

        assert player("org.mpris.MediaPlayer2.Player.PlayPause") == "()"
        qtbot.waitUntil(lambda: status() == "(<'Playing'>,)", timeout=15000)
        inhibits = fakes.wait_for(qtbot, "Inhibit", 2)
        assert {c["service"] for c in inhibits} == {"screensaver", "login1"}

        assert player("org.mpris.MediaPlayer2.Player.PlayPause") == "()"
        qtbot.waitUntil(lambda: status() == "(<'Paused'>,)", timeout=15000)

        def key(name: str) -> None:
            subprocess.run(["xdotool", "key", name], env=env, check=True, timeout=30)

        key("XF86AudioPlay")
        qtbot.waitUntil(lambda: status() == "(<'Playing'>,)", timeout=15000)
        assert fakes.calls("UnInhibit") == [] and fakes.calls("Released") == []
        key("XF86AudioStop")
        key("XF86AudioStop")  # the second Stop within 8 s stops
        qtbot.waitUntil(lambda: status() == "(<'Stopped'>,)", timeout=15000)
        cookie = next(c["args"][2] for c in inhibits if c["service"] == "screensaver")
        assert fakes.wait_for(qtbot, "UnInhibit")[0]["args"] == [cookie]
        fakes.wait_for(qtbot, "Released")

        player("org.mpris.MediaPlayer2.Player.Stop")  # stopped: Stop closes the window
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        assert app.stderr is not None
        app.stderr.close()
