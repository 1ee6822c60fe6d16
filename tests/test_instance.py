"""One app process per person: a second tpguide hands over and ends; shells control sessions.

The running app is this test process; the second one is a real ``python -m tpguide``
started with QProcess, so this process's event loop answers it while the test waits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.app_helpers import QUICK_TITLE, RealApp, real_app_for, settings, write_quick
from tpguide import paths
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui import app as app_module
from tpguide.ui.handsfree.hands_free import HandsFree
from tpguide.ui.handsfree.instance import InstanceLock, InstanceServer, request, routed
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.widgets.settings_owner import SettingsOwner

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def tpguide(qtbot: QtBot, *args: str) -> tuple[int, str]:
    """``tpguide ARGS`` as another process; (exit code, stderr)."""
    process = QProcess()
    process.setWorkingDirectory(str(ROOT))
    with qtbot.waitSignal(process.finished, timeout=60000):
        process.start(sys.executable, ["-m", "tpguide", *args])
    return process.exitCode(), bytes(process.readAllStandardError().data()).decode("utf-8")


def test_the_lock_belongs_to_one_process_and_a_dead_holder_loses_it() -> None:
    first = InstanceLock()
    assert first.claim() is True
    assert InstanceLock().claim() is False
    first.release()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    paths.instance_lock().write_text(f"{gone.stdout.strip()}\ntpguide\n{os.uname().nodename}\n",
                                     encoding="utf-8")  # left by a process that crashed
    again = InstanceLock()
    assert again.claim() is True
    again.release()


def test_no_running_app_means_no_answer_and_a_control_says_so(qtbot: QtBot) -> None:
    assert request({"cmd": "ping"}, connect_wait_ms=0) is None
    code, err = tpguide(qtbot, "--pause")
    assert code == 1 and "no tpguide is running" in err


@pytest.fixture
def real_app(qtbot: QtBot) -> Iterator[RealApp]:
    """The app's look is put back afterwards (later tests share this QApplication)."""
    yield from real_app_for(qtbot)


@pytest.fixture
def running_session(qtbot: QtBot) -> tuple[SessionWindow, InstanceServer]:
    """A session window in this process, answering second processes like ``tpguide run``."""
    launcher = SessionLauncher(SettingsOwner(sh.store()))
    hands_free = HandsFree(launcher, mpris=False, parent=launcher)
    server = InstanceServer(routed({"control": lambda m: hands_free.control(str(m["action"]))}),
                            parent=launcher)
    assert server.listen()
    window = launcher.open(sh.routine(), cue_player=RecordingCuePlayer(), clock=sh.FakeClock())
    assert window is not None
    qtbot.addWidget(window)
    return window, server


def test_pause_resume_skip_and_stop_from_the_command_line(
        qtbot: QtBot, running_session: tuple[SessionWindow, InstanceServer]) -> None:
    window, _ = running_session
    c = window.controller
    assert tpguide(qtbot, "--resume")[0] == 0  # --resume before the start starts it
    assert c.state == "running"
    code, err = tpguide(qtbot, "--pause")
    assert (code, c.state) == (0, "paused") and "paused" in err
    assert tpguide(qtbot, "--resume")[0] == 0 and c.state == "running"
    before = c.snapshot().index
    assert tpguide(qtbot, "--skip")[0] == 0 and c.snapshot().index == before + 1
    code, err = tpguide(qtbot, "--stop")
    assert c.state == "running" and "again within 8 seconds" in err  # it asks first
    assert tpguide(qtbot, "--stop")[0] == 0 and c.state == "stopped"


def test_a_second_tpguide_file_opens_in_the_running_app(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        real_app: RealApp) -> None:
    settings()
    first = write_quick()
    second = tmp_path / "second.yaml"
    second.write_text(sh.QUICK.replace(QUICK_TITLE, "Second routine"), encoding="utf-8")
    built: list[MainWindow] = []
    real_build = app_module.build_window
    outcome: list[tuple[int, str]] = []

    def build(qapp: QApplication) -> MainWindow:
        built.append(real_build(qapp))
        real_app.windows.append(built[-1])
        return built[-1]

    def fake_exec() -> int:  # the first app's event loop, while the second one starts
        window = built[0]
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.current_page() == "routine")
        outcome.append(tpguide(qtbot, str(second)))
        qtbot.waitUntil(lambda: window.routine_page.title.text() == "Second routine")
        window.close()
        return 0

    monkeypatch.setattr(app_module, "build_window", build)
    monkeypatch.setattr(app_module, "_exec", fake_exec)
    assert app_module.run_gui(str(first)) == 0
    assert outcome == [(0, "")] and len(built) == 1
    assert InstanceLock().claim() is True  # released when the app ended


def test_a_second_tpguide_run_never_starts_a_second_session(qtbot: QtBot,
                                                           real_app: RealApp) -> None:
    path = write_quick()
    settings(ask_pain_ratings=False)
    seen: list[tuple[int, str]] = []

    def act() -> None:  # inside the first run's event loop
        sessions = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, SessionWindow) and w.isVisible()]
        if not sessions:
            QTimer.singleShot(20, act)
            return
        seen.append(tpguide(qtbot, "run", str(path)))
        assert "running a session" in sessions[0].notice_text()
        assert len([w for w in QApplication.topLevelWidgets()
                    if isinstance(w, SessionWindow) and w.isVisible()]) == 1
        sessions[0].close()

    QTimer.singleShot(0, act)
    from tpguide.ui.run_command import run_session

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    try:
        assert run_session(str(path)) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
    [(code, err)] = seen
    assert code == 1 and "tpguide is running a session" in err


def test_the_main_window_starts_a_handed_routine_through_the_gate(qtbot: QtBot,
                                                                  real_app: RealApp) -> None:
    path = write_quick()
    settings(safety_acknowledged=False, ask_pain_ratings=False)
    window = real_app.window()
    hands_free = HandsFree(window.launcher, mpris=False, parent=window)
    answer = app_module.instance_answers(window, hands_free)
    gate: list[str] = []
    sh.answer_gate(True, gate)
    assert answer({"cmd": "run", "routine": str(path)}) == {"ok": True, "message": ""}
    assert gate == ["SafetyDialog"]
    session = window.launcher.current
    assert session is not None and session.routine.title == QUICK_TITLE
    again = answer({"cmd": "run", "routine": str(path)})  # one session at a time
    assert again["ok"] is False and "already open" in again["message"]
    assert answer({"cmd": "control", "action": "resume"})["ok"] is True
    qtbot.waitUntil(lambda: session.controller.state == "running")  # once its sounds load
    session.close()
    assert answer({"cmd": "run", "routine": "no-such-routine"})["ok"] is False
