"""``tpguide remind``: a desktop notification when a course session is due, app closed.

A timer (or the login) runs it; when nothing is due it ends at once without loading
Qt. Otherwise it shows one notification with Start, Snooze 30 min and Skip today, and
stays until the notification is answered or closed (at the latest until midnight):
Start opens the routine through the safety gate (in the running app if there is one),
Snooze shows it again 30 minutes later, Skip today keeps quiet until the next due day.
While the app itself is open it reminds in its own window, and this stays quiet.
QtCore and QtDBus only: no widgets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QProcess, QTimer, Signal

from tpguide import paths
from tpguide.core.courses.model import CourseClock
from tpguide.core.courses.reminding import (
    DueItem,
    ReminderState,
    gather,
    load_state,
    save_state,
    to_remind,
)
from tpguide.core.i18n import ngettext
from tpguide.ui.handsfree.notifications import Notifications

ACTIONS = ("start", "snooze", "skip")


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Reminder", text, None, n)


def routine_title(routine_id: str) -> str:
    from tpguide.core.library.sources import find_by_id

    entry = find_by_id(routine_id)
    routine = entry.result.routine if entry is not None else None
    return routine.title if routine is not None else routine_id


def start_routine(routine_id: str) -> None:
    """Into the running app's launcher, or a new ``tpguide run`` (the gate comes first)."""
    from tpguide.ui.handsfree.instance import request

    if request({"cmd": "run", "routine": routine_id}, connect_wait_ms=0) is None:
        QProcess.startDetached(sys.executable, ["-m", "tpguide", "run", routine_id])


class ReminderRun(QObject):
    """One reminder from showing to its answer, on ``clock`` (tests move it).

    Signals:
        done(): nothing more to wait for; the command ends.
    """

    done = Signal()

    def __init__(self, notifications: Notifications, clock: CourseClock, *,
                 state_path: Path | None = None,
                 items: Callable[[], list[DueItem]] | None = None,
                 start: Callable[[str], None] = start_routine,
                 titles: Callable[[str], str] = routine_title,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifications = notifications
        self.clock = clock
        self.state_path = state_path or paths.reminder_state()
        self._items = items or (lambda: gather(clock.today(), clock.tz))
        self._start, self._titles = start, titles
        self.shown: int | None = None
        self.showing: list[DueItem] = []
        self.waiting_for_snooze = False
        self.wake_timer = QTimer(self)
        self.wake_timer.setSingleShot(True)
        self.wake_timer.timeout.connect(self.wake)
        notifications.actionInvoked.connect(self._on_action)
        notifications.closed.connect(self._on_closed)

    @property
    def state(self) -> ReminderState:
        return load_state(self.state_path)

    def check(self) -> bool:
        """Show the reminder if it is time; False when there is nothing to show now."""
        now = self.clock.now()
        due = to_remind(now, self.clock.tz, self.state, self._items())
        if not due:
            return False
        shown = self.notifications.notify(_tr("tpguide course reminder"), self.text(due),
                                          [("start", _tr("Start")),
                                           ("snooze", _tr("Snooze 30 min")),
                                           ("skip", _tr("Skip today"))])
        if shown is None:
            return False
        self.shown, self.showing = shown, due
        self._save(self.state.notified(now))
        self._end_at_midnight(now)
        return True

    def text(self, items: list[DueItem]) -> str:
        lines = []
        for item in items:
            if item.period == "day":
                more = ngettext("{n} more today", "{n} more today", item.remaining).format(
                    n=item.remaining)
            else:
                more = ngettext("{n} more this week", "{n} more this week",
                                item.remaining).format(n=item.remaining)
            lines.append(_tr("{course}: {routine}, {more}, whenever it suits you.").format(
                course=item.course_title, routine=self._titles(item.routine_id), more=more))
        return "\n".join(lines)

    def wake(self) -> None:
        """The snooze is over (or the timer fired): show it again, or end."""
        self.waiting_for_snooze = False
        if not self.check():
            self.done.emit()

    # ----- answers ---------------------------------------------------------------------------
    def _on_action(self, notification: int, key: str) -> None:
        if notification != self.shown:
            return
        now = self.clock.now()
        if key == "start" and self.showing:
            self._start(self.showing[0].routine_id)
            self._finish()
        elif key == "snooze":
            state = self.state.snoozed(now)
            self._save(state)
            self.waiting_for_snooze = True
            self.notifications.close(notification)
            until = state.snoozed_until or now
            self.wake_timer.start(max(0, int((until - now).total_seconds() * 1000)))
        elif key == "skip":
            self._save(self.state.skipped(self.clock.today()))
            self._finish()

    def _on_closed(self, notification: int, _reason: int) -> None:
        if notification == self.shown and not self.waiting_for_snooze:
            self._finish()

    def _finish(self) -> None:
        shown, self.shown = self.shown, None
        if shown is not None:
            self.notifications.close(shown)
        self.wake_timer.stop()
        self.done.emit()

    def _end_at_midnight(self, now: datetime) -> None:
        """A reminder is about today: at midnight it is taken away and the command ends."""
        local = now.astimezone(self.clock.tz) if self.clock.tz else now.astimezone()
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0),
                                    tzinfo=local.tzinfo)
        QTimer.singleShot(int((midnight - local).total_seconds() * 1000), self, self._finish)

    def _save(self, state: ReminderState) -> None:
        try:
            save_state(self.state_path, state)
        except OSError as error:  # the reminder still works for this run
            sys.stderr.write(f"tpguide: the reminder's answer could not be saved: {error}\n")


def remind(clock: CourseClock | None = None) -> int:
    """The command: 0 whether or not anything was due (a timer runs it; it never fails loudly)."""
    from datetime import UTC

    from tpguide.ui.handsfree.instance import running

    clock = clock or CourseClock(lambda: datetime.now(UTC))
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    if running():
        return 0  # the open app reminds in its own window
    from tpguide.core.settings import SettingsStore
    from tpguide.ui.translation import apply_language

    apply_language(app, SettingsStore().load().language)  # the app's language, as its windows
    lock = QLockFile(str(paths.state_dir() / "remind.lock"))
    lock.setStaleLockTime(0)
    paths.ensure(paths.state_dir())
    if not lock.tryLock(0):
        return 0  # another reminder is already waiting for an answer
    try:
        notifications = Notifications()
        if not notifications.available:
            sys.stderr.write("tpguide: no D-Bus session bus: cannot show reminders\n")
            return 0
        run = ReminderRun(notifications, clock)
        run.done.connect(app.quit)
        if run.check():
            app.exec()
        return 0
    finally:
        lock.unlock()
