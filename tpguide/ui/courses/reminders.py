"""Gentle course reminders: the tray where there is one, and always a notice in the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from tpguide.core.courses.model import CourseClock, completed_days
from tpguide.core.courses.store import assigned_courses
from tpguide.core.i18n import ngettext
from tpguide.ui.courses.today import (
    Courses,
    Sessions,
    Titles,
    TodayItem,
    routine_titles,
    today_items,
)
from tpguide.ui.widgets.plain import plain_label

DEFAULT_QUIET = (time(22, 0), time(8, 0))


class Tray(Protocol):
    def showMessage(self, title: str, msg: str, icon: QSystemTrayIcon.MessageIcon,
                    msecs: int = ...) -> None: ...


def history_sessions() -> list[object]:
    """Every session in the person's history (opened briefly, then closed)."""
    from tpguide.core.diary.store import HistoryStore

    with HistoryStore() as store:
        return list(store.sessions())


def _local(moment: datetime, clock: CourseClock) -> datetime:
    return moment.astimezone(clock.tz) if clock.tz is not None else moment.astimezone()


def _at(day: date, when: time, clock: CourseClock) -> datetime:
    """``when`` on ``day`` where the person lives (daylight saving included)."""
    if clock.tz is not None:
        return datetime.combine(day, when, tzinfo=clock.tz)
    return datetime.combine(day, when).astimezone()


def in_quiet_hours(moment: datetime, quiet: tuple[time, time] | None,
                   clock: CourseClock) -> bool:
    if quiet is None:
        return False
    start, end = quiet
    now = _local(moment, clock).time()
    return start <= now < end if start <= end else (now >= start or now < end)


def next_wake(moment: datetime, quiet: tuple[time, time] | None, clock: CourseClock,
              again: datetime | None = None) -> timedelta:
    """How long until a reminder could next be due: local midnight (a new day), the end of
    quiet hours, or ``again`` (when a daily reminder may be repeated), whichever comes first.

    Nothing else makes one due, so the timer sleeps until then instead of polling: an idle
    window wakes once a day. Changes in between (a session ends, a course is imported) ask
    for a check themselves.
    """
    local = _local(moment, clock)
    candidates = [_at(local.date() + timedelta(days=1), time(0), clock)]
    if again is not None:
        candidates.append(again)
    if quiet is not None and in_quiet_hours(moment, quiet, clock):
        end = _at(local.date(), quiet[1], clock)
        candidates.append(end if end > moment else _at(local.date() + timedelta(days=1),
                                                      quiet[1], clock))
    return max(timedelta(seconds=1), min(c - moment for c in candidates))


class ReminderService(QObject):
    """Reminds, calmly, when a running course still asks for something today.

    The first reminder of a day comes at the first check outside quiet hours; while a
    daily session is still due, another follows after ``repeat``. Weekly stages remind at
    most once a day. Nothing is said about days that have passed. The timer is armed for
    the next moment a reminder could be due (see ``next_wake``), never to poll.

    Signals:
        reminder(str): reminder text for an in-window notice (always emitted).
        activated(): the person clicked the tray icon or its message.
        dayChanged(str): the local day changed (ISO date); refresh day-based views.
    """

    reminder = Signal(str)
    activated = Signal()
    dayChanged = Signal(str)

    def __init__(self, clock: CourseClock, parent: QObject | None = None, *,
                 sessions: Sessions = history_sessions, courses: Courses = assigned_courses,
                 titles: Titles = routine_titles, repeat: timedelta = timedelta(hours=4),
                 quiet: tuple[time, time] | None = DEFAULT_QUIET,
                 tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
                 tray_factory: Callable[[QObject], Tray] | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._sessions, self._courses, self._titles = sessions, courses, titles
        self.repeat, self.quiet = repeat, quiet
        self._tray_available = tray_available
        self._tray_factory = tray_factory or self._system_tray
        self.tray: Tray | None = None
        self.paused = False
        self.last_text: str | None = None
        self._last_at: datetime | None = None
        self._day: date | None = None
        self._again: datetime | None = None  # when a daily reminder may be repeated
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._wake)

    # ------------------------------------------------------------------ control
    def start(self) -> None:
        """Check as soon as the event loop runs, then whenever a reminder could be due."""
        self.timer.start(0)

    def stop(self) -> None:
        self.timer.stop()

    def check_soon(self) -> None:
        """Something changed (a course was assigned, a pause ended): a running service
        checks as soon as the event loop runs, then sleeps until the next due moment."""
        if self.timer.isActive():
            self.timer.start(0)

    def set_paused(self, paused: bool) -> None:
        """While paused (a session is running) nothing is shown; when the pause ends, a
        reminder that fell due meanwhile comes at once."""
        self.paused = paused
        if not paused:
            self.check_soon()

    def _wake(self) -> None:
        self.check()
        wait = next_wake(self.clock.now(), self.quiet, self.clock, self._again)
        self.timer.start(int(wait.total_seconds() * 1000))

    # ------------------------------------------------------------------ checking
    def due_items(self) -> list[TodayItem]:
        """What the running courses still ask for today (or this week)."""
        done = completed_days(self._sessions(), self.clock.tz)
        items = today_items(self._courses(), self.clock.today(), done, self._titles())
        return [i for i in items if i.due.remaining > 0]

    def check(self) -> str | None:
        """Remind now if it is time; returns the text shown, or None."""
        now, today = self.clock.now(), self.clock.today()
        if self._day is not None and today != self._day:
            self.dayChanged.emit(today.isoformat())
        self._day = today
        self._again = None
        if self.paused or in_quiet_hours(now, self.quiet, self.clock):
            return None
        items = self.due_items()
        if not items:
            return None
        daily = any(i.due.period == "day" for i in items)
        if not self._time_to_remind(now, today, daily):
            if daily and self._last_at is not None:
                self._again = self._last_at + self.repeat
            return None
        text = "\n".join(self.item_text(i) for i in items)
        self._last_at, self.last_text = now, text
        self._again = now + self.repeat if daily else None
        self._notify(text)
        return text

    def _time_to_remind(self, now: datetime, today: date, daily: bool) -> bool:
        last = self._last_at
        if last is None or _local(last, self.clock).date() != today:
            return True
        return daily and now - last >= self.repeat

    def item_text(self, item: TodayItem) -> str:
        n = item.due.remaining
        if item.due.period == "day":
            more = ngettext("{n} more today", "{n} more today", n).format(n=n)
        else:
            more = ngettext("{n} more this week", "{n} more this week", n).format(n=n)
        return self.tr("{course}: {routine}, {more}, whenever it suits you.").format(
            course=item.assigned.course.title, routine=item.shown_title, more=more)

    # ------------------------------------------------------------------ showing
    def _notify(self, text: str) -> None:
        if self._tray_available():
            if self.tray is None:
                self.tray = self._tray_factory(self)
            self.tray.showMessage(self.tr("tpguide course"), text,
                                  QSystemTrayIcon.MessageIcon.Information, 15000)
        self.reminder.emit(text)

    def _system_tray(self, parent: QObject) -> Tray:
        from PySide6.QtWidgets import QStyle  # its many enums cost start-up time: only here

        icon = QApplication.windowIcon()
        if icon.isNull():
            style = QApplication.style()
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation) \
                if style is not None else QIcon()
        tray = QSystemTrayIcon(icon, parent)
        tray.setToolTip(self.tr("tpguide: course reminders"))
        tray.messageClicked.connect(self.activated)
        tray.activated.connect(lambda _reason: self.activated.emit())
        tray.show()
        return tray


class ReminderBanner(QFrame):
    """The in-window notice for ``ReminderService.reminder`` (hidden until there is one).

    Signals:
        showTodayRequested(): the person wants to see today's courses.
    """

    showTodayRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Course reminder"))
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 8, 8)
        self.label = plain_label("", "big", self)
        self.label.setAccessibleName(self.tr("Reminder text"))
        row.addWidget(self.label, 1)
        self.show_button = QPushButton(self.tr("Show today"), self)
        self.show_button.setAccessibleName(self.tr("Show today's courses"))
        self.show_button.clicked.connect(self._show_today)
        self.dismiss_button = QPushButton(self.tr("Not now"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the course reminder"))
        self.dismiss_button.clicked.connect(self.hide)
        for button in (self.show_button, self.dismiss_button):
            button.setMinimumHeight(40)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_reminder(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def _show_today(self) -> None:
        self.hide()
        self.showTodayRequested.emit()
