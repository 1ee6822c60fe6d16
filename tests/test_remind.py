"""``tpguide remind``: a due course becomes a notification whose buttons do what they say.

The notification server is a fake in its own process on the run's private bus; it logs
each Notify and sends ActionInvoked or NotificationClosed when the test tells it to.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.app_helpers import QUICK_TITLE, RealApp, settings, write_quick
from tests.dbus_helpers import FakeDesktop
from tpguide import paths
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.reminding import load_state
from tpguide.ui import app as app_module
from tpguide.ui.handsfree.hands_free import HandsFree
from tpguide.ui.handsfree.instance import InstanceServer
from tpguide.ui.handsfree.notifications import Notifications
from tpguide.ui.handsfree.remind import ReminderRun, remind

ROOT = Path(__file__).resolve().parent.parent
BERLIN = ZoneInfo("Europe/Berlin")
COURSE = """\
tpguide-course: 1
id: neck
title: Neck recovery
start: 2026-12-01
stages:
  - routine: quick
    times_per_day: 1
    days: 7
"""
ACTIONS = ["start", "Start", "snooze", "Snooze 30 min", "skip", "Skip today"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN).astimezone(UTC)

    def course_clock(self) -> CourseClock:
        return CourseClock(lambda: self.now, BERLIN)


@pytest.fixture
def course() -> None:
    write_quick()
    folder = paths.ensure(paths.courses_dir())
    (folder / "neck.course.yaml").write_text(COURSE, encoding="utf-8")



@pytest.fixture
def notifications(fake_desktop: Callable[..., FakeDesktop]) -> FakeDesktop:
    return fake_desktop("notifications")


def reminder(clock: Clock, started: list[str] | None = None) -> ReminderRun:
    if started is None:
        return ReminderRun(Notifications(), clock.course_clock())
    return ReminderRun(Notifications(), clock.course_clock(), start=started.append)


def test_a_due_course_raises_a_notification_with_start_snooze_and_skip(
        qtbot: QtBot, course: None, notifications: FakeDesktop) -> None:
    run = reminder(Clock())
    assert run.check()
    [notify] = notifications.wait_for(qtbot, "Notify")
    app, replaces, icon, summary, body, actions, hints, timeout, _ = notify["args"]
    assert (app, replaces, icon, timeout) == ("tpguide", 0, "org.tpguide.TPGuide", -1)
    assert summary == "tpguide course reminder"
    assert body == f"Neck recovery: {QUICK_TITLE}, 1 more today, whenever it suits you."
    assert actions == ACTIONS and hints == {"desktop-entry": "org.tpguide.TPGuide"}
    assert not run.check()  # shown: not again at once


def test_start_opens_the_routine_in_the_running_app_through_the_gate(
        qtbot: QtBot, course: None, notifications: FakeDesktop, real_app: RealApp) -> None:
    settings(safety_acknowledged=False, ask_pain_ratings=False)
    window = real_app.window()
    server = InstanceServer(app_module.instance_answers(
        window, HandsFree(window.launcher, mpris=False, parent=window)), parent=window)
    assert server.listen()
    run = reminder(Clock())
    assert run.check()
    gate: list[str] = []
    sh.answer_gate(True, gate)
    with qtbot.waitSignal(run.done, timeout=15000):
        notifications.tell("action 1 start")
    assert gate == ["SafetyDialog"]
    session = window.launcher.current
    assert session is not None and session.routine.title == QUICK_TITLE
    assert notifications.wait_for(qtbot, "CloseNotification")[0]["args"] == [1]
    session.close()


def test_snooze_notifies_again_thirty_minutes_later(
        qtbot: QtBot, course: None, notifications: FakeDesktop) -> None:
    clock = Clock()
    run = reminder(clock)
    assert run.check()
    with qtbot.waitSignal(run.notifications.closed):  # the first one goes away...
        notifications.tell("action 1 snooze")
    assert run.wake_timer.isActive()  # ...and its closing does not end the wait
    assert run.wake_timer.interval() == 30 * 60 * 1000
    assert load_state(paths.reminder_state()).snoozed_until == clock.now + timedelta(minutes=30)
    clock.now += timedelta(minutes=30)
    run.wake_timer.stop()
    run.wake()  # what the timer does
    assert [c["args"][-1] for c in notifications.wait_for(qtbot, "Notify", 2)] == [1, 2]


def test_skip_today_stays_quiet_until_the_next_due_day(
        qtbot: QtBot, course: None, notifications: FakeDesktop) -> None:
    clock = Clock()
    run = reminder(clock)
    assert run.check()
    with qtbot.waitSignal(run.done):
        notifications.tell("action 1 skip")
    clock.now += timedelta(hours=6)
    assert not reminder(clock).check()
    clock.now += timedelta(hours=18)  # 10:00 the next day, and the course is still due
    assert reminder(clock).check()
    assert len(notifications.wait_for(qtbot, "Notify", 2)) == 2


def test_a_dismissed_reminder_ends_the_command_and_others_are_ignored(
        qtbot: QtBot, course: None, notifications: FakeDesktop) -> None:
    started: list[str] = []
    run = reminder(Clock(), started)
    assert run.check()
    notifications.tell("action 99 start")  # someone else's notification
    with qtbot.waitSignal(run.done):
        notifications.tell("closed 1 2")
    assert started == []


def test_remind_is_quiet_while_the_app_is_open(
        qtbot: QtBot, course: None, notifications: FakeDesktop) -> None:
    server = InstanceServer(lambda message: {"ok": True, "message": ""})
    assert server.listen()
    try:
        assert remind(Clock().course_clock()) == 0
    finally:
        server.close()
    assert notifications.calls("Notify") == []


_PROBE = """
import json, sys
from tpguide.cli import main
code = main(["remind"])
print(json.dumps({"code": code, "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}))
"""


def test_remind_with_nothing_due_ends_without_loading_qt() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"code": 0, "qt": []}


_NOTIFY_PROBE = """
import json, sys
from tpguide.ui.handsfree import remind
print(json.dumps(sorted(m for m in sys.modules if m.startswith("PySide6.Qt"))))
"""


def test_remind_loads_no_widgets() -> None:
    out = subprocess.run([sys.executable, "-c", _NOTIFY_PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    assert set(json.loads(out.stdout.strip().splitlines()[-1])) <= {
        "PySide6.QtCore", "PySide6.QtDBus", "PySide6.QtNetwork"}
