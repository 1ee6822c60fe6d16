"""A private D-Bus for the whole test run, fake desktop services, and gdbus from Qt tests.

``start_private_bus`` runs a dbus-daemon that belongs to the test run only (no service
activation, nothing from the desktop); conftest points both the session and the system
bus addresses at it, so no test ever reaches the person's real desktop or logind.

``FakeDesktop`` runs ``tests/dbus_fakes.py`` in its own process (a blocking call from the
app must not wait on the test's own event loop): a screensaver, a notification server
and logind, each recording what it was asked in a log the test reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

HERE = Path(__file__).resolve().parent
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
NO_BUS = "unix:path=/nonexistent/tpguide-tests-have-no-bus"


def start_private_bus() -> tuple[subprocess.Popen[str] | None, str]:
    """(the daemon, its address); without dbus-daemon an address that reaches nothing."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        return None, NO_BUS
    folder = Path(tempfile.mkdtemp(prefix="tpguide-bus-"))
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(tmp=folder), encoding="utf-8")
    process = subprocess.Popen([daemon, f"--config-file={config}", "--nofork",
                                "--print-address=1"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    return process, address or NO_BUS


def require_bus() -> str:
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
    assert address != NO_BUS, "install dbus-daemon (.ci/install-deps) for the D-Bus tests"
    return address


class FakeDesktop:
    """The fake services in their own process; ``calls`` reads what they were asked."""

    def __init__(self, log: Path, *services: str) -> None:
        require_bus()
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "dbus_fakes.py"), str(log), *services],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ))
        assert self.process.stdout is not None
        ready = self.process.stdout.readline().strip()
        assert ready == "ready", ready

    def calls(self, member: str | None = None) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        found = [json.loads(line) for line in lines if line.strip()]
        return [c for c in found if member is None or c["member"] == member]

    def wait_for(self, qtbot: QtBot, member: str, count: int = 1,
                 timeout: int = 10000) -> list[dict[str, Any]]:
        qtbot.waitUntil(lambda: len(self.calls(member)) >= count, timeout=timeout)
        return self.calls(member)

    def tell(self, line: str) -> None:
        """A command for the fakes: ``action ID KEY`` or ``closed ID REASON``."""
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def gdbus(qtbot: QtBot, *args: str, timeout: int = 10000) -> str:
    """Run ``gdbus ARGS`` on the session bus without blocking this process's event loop
    (the service may be this very process); its output, or AssertionError with stderr."""
    assert shutil.which("gdbus"), "install libglib2.0-bin (.ci/install-deps) for gdbus"
    process = QProcess()
    with qtbot.waitSignal(process.finished, timeout=timeout):
        process.start("gdbus", list(args))
    out = bytes(process.readAllStandardOutput().data()).decode("utf-8")
    err = bytes(process.readAllStandardError().data()).decode("utf-8")
    assert process.exitCode() == 0, err
    return out.strip()


def mpris_call(qtbot: QtBot, method: str, *args: str) -> str:
    return gdbus(qtbot, "call", "--session", "--dest", "org.mpris.MediaPlayer2.tpguide",
                 "--object-path", "/org/mpris/MediaPlayer2", "--method", method, *args)


def mpris_get(qtbot: QtBot, name: str, interface: str = "org.mpris.MediaPlayer2.Player") -> str:
    return mpris_call(qtbot, "org.freedesktop.DBus.Properties.Get", interface, name)
