"""The "Today" panel: what each running course asks for today, calmly, with a Start button."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.courses.model import CourseClock, DueToday, completed_days
from tpguide.core.courses.store import Assigned, assigned_courses
from tpguide.ui.widgets.plain import plain_label

Sessions = Callable[[], Iterable[object]]
Courses = Callable[[], list[Assigned]]
Titles = Callable[[], dict[str, str]]


def tr(text: str) -> str:
    return QCoreApplication.translate("CourseToday", text)


def routine_titles() -> dict[str, str]:
    """Routine id -> title for every routine in the library that loads."""
    from tpguide.core.library.sources import entries

    return {e.result.routine.id: e.result.routine.title for e in entries()
            if e.result.routine is not None}


def day_name(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), tr("dddd d MMMM"))


@dataclass(frozen=True)
class TodayItem:
    """One running course's ask for today, with what the library calls its routine."""

    assigned: Assigned
    due: DueToday
    day_number: int
    routine_title: str | None  # None: the routine is not in this library

    @property
    def routine_id(self) -> str:
        return self.due.stage.routine

    @property
    def shown_title(self) -> str:
        return self.routine_title or self.routine_id


def today_items(courses: Iterable[Assigned], today: date,
                done_days: list[tuple[str, date]], titles: dict[str, str]) -> list[TodayItem]:
    """Each course running today with its due count; courses not running are left out."""
    items = []
    for assigned in courses:
        due = assigned.due(today, done_days)
        if due is not None:
            items.append(TodayItem(assigned, due, (today - assigned.start).days + 1,
                                   titles.get(due.stage.routine)))
    return items


def progress_text(item: TodayItem) -> str:
    """'Stiff neck: 1 of 2 done today', or for a weekly stage 'this week: 1 of 2 done'."""
    due = item.due
    done = min(due.done, due.due)
    if due.period == "day":
        if due.remaining == 0:
            return tr("{routine}: all {due} done today").format(
                routine=item.shown_title, due=due.due)
        return tr("{routine}: {done} of {due} done today").format(
            routine=item.shown_title, done=done, due=due.due)
    if due.remaining == 0:
        return tr("{routine}, this week: all {due} done").format(
            routine=item.shown_title, due=due.due)
    return tr("{routine}, this week (until {end}): {done} of {due} done").format(
        routine=item.shown_title, end=QLocale().dayName(due.period_end.isoweekday()),
        done=done, due=due.due)


def course_heading(item: TodayItem) -> str:
    return tr("{course} · day {day} of {days}").format(
        course=item.assigned.course.title, day=item.day_number, days=item.assigned.course.days)


def course_byline(assigned: Assigned) -> str:
    course = assigned.course
    if course.prepared_for and course.author:
        return tr("For {person}, from {author}").format(person=course.prepared_for,
                                                       author=course.author)
    if course.prepared_for:
        return tr("For {person}").format(person=course.prepared_for)
    if course.author:
        return tr("From {author}").format(author=course.author)
    return ""


class DoneMarks(QWidget):
    """A filled circle per session done and a hollow one per session still to do (shape, not
    colour, carries the meaning; the text beside it says the same)."""

    DIAMETER = 14.0

    def __init__(self, done: int, due: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done, self.due = min(done, due), due
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(int(self.due * (self.DIAMETER + 8)) + 4, int(self.DIAMETER) + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(colour, 1.6))
        for i in range(self.due):
            painter.setBrush(colour if i < self.done else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(2 + i * (self.DIAMETER + 8), 3, self.DIAMETER,
                                       self.DIAMETER))
        painter.end()


class TodayPanel(QFrame):
    """For each course running today: the routine, how many of today's sessions are done,
    and a Start button. Missed days are never mentioned. Call ``refresh()`` after a session
    ends (it rebuilds only when something changed).

    Signals:
        startRequested(str): the routine id to start (the owner runs the safety gate).
    """

    startRequested = Signal(str)

    def __init__(self, clock: CourseClock, sessions: Sessions, *,
                 courses: Courses = assigned_courses, titles: Titles = routine_titles,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._sessions = sessions
        self._courses = courses
        self._titles = titles
        self._state: object = None
        self._items: list[TodayItem] = []
        self._starts_allowed = True
        self.setAccessibleName(self.tr("Today's courses"))
        self._col = QVBoxLayout(self)
        self._col.setContentsMargins(24, 16, 24, 16)
        self._col.setSpacing(12)
        self._col.addWidget(plain_label(self.tr("Today"), "title", self))
        self._body = QWidget(self)
        self._col.addWidget(self._body)
        self._col.addStretch(1)
        self.refresh()

    def set_starts_allowed(self, allowed: bool) -> None:
        """Grey the Start buttons while a session is open (one at a time)."""
        self._starts_allowed = allowed
        for button in self.findChildren(QPushButton, "start"):
            button.setEnabled(allowed and bool(button.property("startable")))

    # ------------------------------------------------------------------ data
    def items(self) -> list[TodayItem]:
        return list(self._items)

    def refresh(self) -> bool:
        """Read courses and history again; returns True when what is shown changed."""
        today = self.clock.today()
        done = completed_days(self._sessions(), self.clock.tz)
        courses = self._courses()
        titles = self._titles()
        items = today_items(courses, today, done, titles)
        upcoming = sorted((a for a in courses if a.start > today), key=lambda a: a.start)
        state = ([(i.assigned.path, i.due, i.day_number, i.routine_title) for i in items],
                 [(a.path, a.course.title, a.start) for a in upcoming], today)
        if state == self._state:
            return False
        self._state, self._items = state, items
        self._rebuild(items, upcoming, today)
        return True

    # ------------------------------------------------------------------ building
    def _rebuild(self, items: list[TodayItem], upcoming: list[Assigned], today: date) -> None:
        old = self._body
        self._body = QWidget(self)
        col = QVBoxLayout(self._body)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(14)
        for item in items:
            col.addWidget(self._card(item))
        if not items:
            col.addWidget(plain_label(self.tr("No course today."), "big", self._body))
            if not upcoming:
                col.addWidget(plain_label(self.tr(
                    "When your therapist gives you a course, import it and it shows here: "
                    "what to do each day, and a button to start it."), "body", self._body))
        for assigned in upcoming:
            col.addWidget(plain_label(self._upcoming_text(assigned, today), "body", self._body))
        self._col.replaceWidget(old, self._body)
        old.hide()
        old.deleteLater()

    def _upcoming_text(self, assigned: Assigned, today: date) -> str:
        when = (self.tr("tomorrow") if assigned.start == today + timedelta(days=1)
                else day_name(assigned.start))
        return self.tr("{course} starts {when}.").format(course=assigned.course.title, when=when)

    def _card(self, item: TodayItem) -> QFrame:
        card = QFrame(self._body)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName(item.assigned.course.title)
        col = QVBoxLayout(card)
        col.setContentsMargins(16, 12, 16, 14)
        col.setSpacing(6)
        col.addWidget(plain_label(course_heading(item), "heading", card))
        byline = course_byline(item.assigned)
        if byline:
            col.addWidget(plain_label(byline, "body", card))
        row = QHBoxLayout()
        row.setSpacing(16)
        texts = QVBoxLayout()
        progress = plain_label(progress_text(item), "big", card)
        progress.setObjectName("progress")
        progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        texts.addWidget(progress)
        texts.addWidget(DoneMarks(item.due.done, item.due.due, card))
        row.addLayout(texts, 1)
        row.addWidget(self._start_button(item, card), 0, Qt.AlignmentFlag.AlignVCenter)
        col.addLayout(row)
        for note in (item.due.stage.notes, self._missing(item)):
            if note:
                col.addWidget(plain_label(note, "body", card))
        return card

    def _missing(self, item: TodayItem) -> str:
        if item.routine_title is not None:
            return ""
        return self.tr("The routine “{id}” is not in your library yet. Ask for the routine "
                       "file and open it, then start it from here.").format(id=item.routine_id)

    def _start_button(self, item: TodayItem, parent: QWidget) -> QPushButton:
        button = QPushButton(self.tr("Start"), parent)
        button.setMinimumSize(140, 48)
        button.setObjectName("start")
        button.setAccessibleName(self.tr("Start {routine} for {course}").format(
            routine=item.shown_title, course=item.assigned.course.title))
        button.setToolTip(button.accessibleName())
        button.setProperty("startable", item.routine_title is not None)
        button.setEnabled(self._starts_allowed and item.routine_title is not None)
        button.clicked.connect(lambda: self.startRequested.emit(item.routine_id))
        return button
