"""Runs ``tpguide run ROUTINE`` for real in this process and lets a test drive it like a person.

``python -m tests.run_probe ROUTINE`` calls the ``tpguide`` command's own entry point (the
cue player is the real one, on whatever sound server the environment names). Each line on
stdout is one JSON event: ``window`` (the session window opened), ``state``, ``phase``
(kind), ``heard`` (a cue the player says is being heard), ``notice`` (text), ``unwell``
(the stop-at-once page is showing), ``status`` (answer to ``status``), ``waited`` and, last,
``exit`` (the command's exit status). Each line on stdin is a command: ``key NAME`` (a Qt key
name, pressed on the window), ``wait MS`` (answers ``waited`` after MS ms of the app's own
event loop), ``status`` or ``close``. Everything that touches the sound device runs here,
in its own process: Qt keeps its audio state per process.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tpguide.cli import main as tpguide_main
from tpguide.core.session.engine import Snapshot
from tpguide.ui.session.window import SessionWindow


def emit(event: str, **values: Any) -> None:
    sys.stdout.write(json.dumps({"event": event, "t": time.monotonic(), **values}) + "\n")
    sys.stdout.flush()


class Driver:
    """Finds the session window, reports what it does and carries out commands."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.window: SessionWindow | None = None
        self.commands: queue.Queue[str] = queue.Queue()
        self.poll = QTimer()
        self.poll.timeout.connect(self._tick)
        self.poll.start(20)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self.commands.put(line.strip())

    def _tick(self) -> None:
        if self.window is None:
            found = [w for w in self.app.topLevelWidgets()
                     if isinstance(w, SessionWindow) and w.isVisible()]
            if found:
                self._attach(found[0])
            return
        while not self.commands.empty():
            self._run(self.commands.get())

    def _attach(self, window: SessionWindow) -> None:
        self.window = window
        controller = window.controller
        controller.stateChanged.connect(lambda state: emit("state", state=state))
        controller.phaseStarted.connect(lambda phase: emit("phase", kind=phase.kind))
        controller.soundLost.connect(lambda text: emit("notice", text=text))
        controller.soundUnavailable.connect(lambda text: emit("notice", text=text))
        window.unwellShown.connect(lambda: emit("unwell"))
        started = getattr(controller.player, "cue_started", None)
        if started is not None:
            started.connect(lambda cue: emit("heard", cue=cue))
        emit("window", player=type(controller.player).__name__)

    def _run(self, command: str) -> None:
        window = self.window
        assert window is not None
        verb, _, arg = command.partition(" ")
        if verb == "key":
            window.activateWindow()
            QTest.keyClick(window, getattr(Qt.Key, f"Key_{arg}"))
        elif verb == "wait":
            QTimer.singleShot(int(arg), lambda: emit("waited"))
        elif verb == "status":
            snap: Snapshot = window.controller.snapshot()
            emit("status", visible=window.isVisible(), state=snap.state, phase=snap.phase.kind,
                 phase_word=window.column.phase_label.text(), notice=window.notice_text(),
                 unwell=window.unwell_panel.isVisible(),
                 available=window.controller.player.available)
        elif verb == "close":
            window.close()


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    driver = Driver(app)
    status = tpguide_main(["run", *argv])
    driver.poll.stop()
    emit("exit", status=status)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


# -- the test's side ----------------------------------------------------------------------------
class RunProbe:
    """A ``tests.run_probe`` process: send commands, wait for events (bounded, no sleeps)."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: str) -> None:
        import subprocess
        import tempfile

        self._err = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in end()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.run_probe", *args], env=env, cwd=cwd, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err)
        self.events: list[dict[str, Any]] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def wait_for(self, event: str, timeout_s: float = 30.0, after: int = 0,
                 **values: Any) -> dict[str, Any]:
        """The first event named ``event`` with these values, from the ``after``-th on
        (already seen or still to come)."""

        def matches(item: dict[str, Any]) -> bool:
            return item["event"] == event and all(item.get(k) == v for k, v in values.items())

        deadline = time.monotonic() + timeout_s
        while True:
            seen = next((item for item in self.events[after:] if matches(item)), None)
            if seen is not None:
                return seen
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                errors = self.stderr()
                self.end()
                raise AssertionError(f"no {event} {values} within {timeout_s} s: "
                                     f"{self.events}\n{errors}")
            if line.startswith("{"):
                self.events.append(json.loads(line))

    def ask(self, command: str, answer: str, timeout_s: float = 30.0) -> dict[str, Any]:
        """Send ``command`` and wait for the ``answer`` event that follows it."""
        after = len(self.events)
        self.send(command)
        return self.wait_for(answer, timeout_s, after)

    def stderr(self) -> str:
        self._err.seek(0)
        return self._err.read()

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        if self.process.stdin is not None:
            self.process.stdin.close()
        self._err.close()
