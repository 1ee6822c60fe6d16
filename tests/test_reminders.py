"""Course reminders: when they come, what they say, tray or in-window, quiet hours, midnight."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.store import import_course
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.courses.reminders import ReminderBanner, ReminderService, in_quiet_hours, next_wake

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = 60 * 60 * 1000  # ms
COURSE = """\
tpguide-course: 1
id: neck-recovery
title: Neck recovery
start: 2026-12-01
stages:
  - routine: stiff-neck
    times_per_day: 2
    days: 14
  - routine: stiff-neck
    times_per_week: 2
    weeks: 6
"""


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeTray:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, msg: str, icon: QSystemTrayIcon.MessageIcon,
                    msecs: int = 10000) -> None:
        self.messages.append((title, msg))


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))


@pytest.fixture
def store(clock: Clock, tmp_path: Path) -> Iterator[HistoryStore]:
    source = tmp_path / "neck.course.yaml"
    source.write_text(COURSE, encoding="utf-8")
    import_course(source, date(2026, 12, 1))
    with HistoryStore(now=clock) as opened:
        yield opened


Make = Callable[..., ReminderService]


@pytest.fixture
def service(clock: Clock, store: HistoryStore) -> Iterator[Make]:
    """Builds reminder services on the test's clock and history; stops their timers after."""
    made: list[ReminderService] = []

    def make(**options: Any) -> ReminderService:
        options.setdefault("quiet", None)
        options.setdefault("tray_available", lambda: False)
        reminders = ReminderService(CourseClock(clock, BERLIN), None, sessions=store.sessions,
                                    titles=lambda: {"stiff-neck": "Stiff neck"}, **options)
        made.append(reminders)
        return reminders

    yield make
    for reminders in made:
        reminders.stop()
        reminders.deleteLater()


def done(store: HistoryStore) -> None:
    session = store.start_session("stiff-neck", "Stiff neck", 300)
    store.finish_session(session, "completed", 300)


def test_a_reminder_is_shown_in_the_window_when_there_is_no_tray(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service()
    with qtbot.waitSignal(reminders.reminder) as shown:
        reminders.start()
    assert shown.args == ["Neck recovery: Stiff neck, 2 more today, whenever it suits you."]
    assert reminders.tray is None
    # The timer is re-armed from the injected clock, for when it may remind again: 09:00 + 4 h.
    qtbot.waitUntil(lambda: reminders.timer.interval() == 4 * HOUR)
    assert reminders.timer.isActive()


def wake_and_wait(qtbot: QtBot, reminders: ReminderService) -> int:
    """Let the service check now; the interval (ms) its timer is then armed for."""
    reminders.start()
    qtbot.waitUntil(lambda: reminders.timer.interval() > 0)
    assert reminders.timer.isActive()
    return reminders.timer.interval()


def test_with_nothing_due_the_timer_sleeps_until_midnight_instead_of_polling(
        qtbot: QtBot, clock: Clock, store: HistoryStore, service: Make) -> None:
    reminders = service()
    done(store)
    done(store)  # both of today's sessions are done
    assert wake_and_wait(qtbot, reminders) == 15 * HOUR  # 09:00 -> midnight, a new day
    clock.now = datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)  # the course is over
    assert wake_and_wait(qtbot, reminders) == 15 * HOUR


def test_the_timer_wakes_for_the_repeat_the_end_of_quiet_hours_or_a_new_week_day(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service(quiet=(time(22, 0), time(8, 0)))
    clock.now = datetime(2026, 12, 3, 6, 30, tzinfo=BERLIN)
    assert wake_and_wait(qtbot, reminders) == 90 * 60 * 1000  # quiet until 08:00
    clock.now = datetime(2026, 12, 3, 21, 0, tzinfo=BERLIN)
    assert wake_and_wait(qtbot, reminders) == 3 * HOUR  # reminded at 21:00; midnight first
    clock.now = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)  # weekly stage: once a day
    assert wake_and_wait(qtbot, reminders) == 15 * HOUR


def test_a_reminder_held_back_by_a_session_comes_when_the_session_ends(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service()
    reminders.set_paused(True)
    wake_and_wait(qtbot, reminders)
    assert reminders.last_text is None  # nothing shown during the session
    with qtbot.waitSignal(reminders.reminder):
        reminders.set_paused(False)


def test_the_tray_is_used_where_there_is_one_and_the_window_still_gets_it(
        qtbot: QtBot, service: Make) -> None:
    tray = FakeTray()
    parents: list[QObject] = []

    def make(parent: QObject) -> FakeTray:
        parents.append(parent)
        return tray

    reminders = service(tray_available=lambda: True, tray_factory=make)
    with qtbot.waitSignal(reminders.reminder):
        reminders.check()
    assert tray.messages == [("tpguide course",
                              "Neck recovery: Stiff neck, 2 more today, whenever it suits you.")]
    assert parents == [reminders] and reminders.tray is tray


def test_reminders_are_spaced_and_stop_when_done(
        clock: Clock, store: HistoryStore, service: Make) -> None:
    reminders = service()
    assert reminders.check() is not None
    clock.now += timedelta(hours=1)
    assert reminders.check() is None  # not again so soon
    done(store)
    clock.now += timedelta(hours=3)
    assert reminders.check() == "Neck recovery: Stiff neck, 1 more today, whenever it suits you."
    done(store)
    clock.now += timedelta(hours=5)
    assert reminders.check() is None  # all done today: nothing to say
    reminders.set_paused(True)
    clock.now = datetime(2026, 12, 4, 9, 0, tzinfo=BERLIN)
    assert reminders.check() is None  # a session is running
    reminders.set_paused(False)
    assert reminders.check() is not None


def test_a_new_day_is_announced_and_yesterday_is_not_mentioned(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service()
    reminders.check()
    clock.now = datetime(2026, 12, 4, 0, 0, 30, tzinfo=BERLIN)
    with qtbot.waitSignal(reminders.dayChanged) as changed:
        text = reminders.check()
    assert changed.args == ["2026-12-04"]
    assert text == "Neck recovery: Stiff neck, 2 more today, whenever it suits you."


def test_quiet_hours_hold_reminders_back(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service(quiet=(time(22, 0), time(8, 0)))
    clock.now = datetime(2026, 12, 3, 7, 0, tzinfo=BERLIN)
    assert reminders.check() is None
    clock.now = datetime(2026, 12, 3, 8, 0, tzinfo=BERLIN)
    assert reminders.check() is not None


def test_weekly_stages_remind_once_a_day(
        qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service()
    clock.now = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
    assert reminders.check() == (
        "Neck recovery: Stiff neck, 2 more this week, whenever it suits you.")
    clock.now += timedelta(hours=9)
    assert reminders.check() is None
    clock.now = datetime(2026, 12, 16, 9, 0, tzinfo=BERLIN)
    assert reminders.check() is not None


def test_no_course_no_reminder(qtbot: QtBot, clock: Clock, service: Make) -> None:
    reminders = service()
    clock.now = datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)
    assert reminders.check() is None


def test_next_wake_comes_at_local_midnight_and_at_the_end_of_quiet_hours() -> None:
    course_clock = CourseClock(lambda: datetime.now(UTC), BERLIN)
    late = datetime(2026, 12, 3, 23, 58, tzinfo=BERLIN)
    assert next_wake(late, None, course_clock) == timedelta(minutes=2)
    assert next_wake(late - timedelta(hours=1), None, course_clock) == timedelta(hours=1,
                                                                                minutes=2)
    again = late - timedelta(minutes=30)
    assert next_wake(again - timedelta(hours=1), None, course_clock, again) == timedelta(hours=1)
    # 24 October 2026: Berlin's clocks go back at 03:00 on the 25th; midnight is still local.
    before_dst = datetime(2026, 10, 24, 21, 50, tzinfo=UTC)  # 23:50 CEST
    assert next_wake(before_dst, None, course_clock) == timedelta(minutes=10)
    assert next_wake(before_dst + timedelta(minutes=6), None,
                     course_clock) == timedelta(minutes=4)
    quiet = (time(22, 0), time(8, 0))
    early = datetime(2026, 12, 3, 7, 58, tzinfo=BERLIN)
    assert next_wake(early, quiet, course_clock) == timedelta(minutes=2)
    assert in_quiet_hours(late, quiet, course_clock)
    assert not in_quiet_hours(datetime(2026, 12, 3, 12, 0, tzinfo=BERLIN), quiet, course_clock)
    day_quiet = (time(13, 0), time(14, 0))
    assert in_quiet_hours(datetime(2026, 12, 3, 13, 30, tzinfo=BERLIN), day_quiet,
                          course_clock)


def test_the_banner_shows_reminders_as_plain_text(qtbot: QtBot) -> None:
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_reminder("<b>Neck</b>: Stiff neck, 1 more today.")
    assert not banner.isHidden()
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert banner.text() == "<b>Neck</b>: Stiff neck, 1 more today."
    banner.show()
    assert_accessible(banner)
    with qtbot.waitSignal(banner.showTodayRequested):
        qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    banner.show_reminder("again")
    qtbot.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
