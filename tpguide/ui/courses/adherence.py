"""Course adherence for the history page: "26 of 28 sessions" per course, with a small bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from tpguide.core.courses.model import Adherence, CourseClock, adherence, completed_days
from tpguide.core.courses.store import Assigned, assigned_courses
from tpguide.core.i18n import ngettext
from tpguide.ui.courses.today import Courses, Sessions, day_name
from tpguide.ui.widgets.plain import plain_label, scaled_font


def tr(text: str) -> str:
    return QCoreApplication.translate("CourseAdherence", text)


def sessions_text(result: Adherence) -> str:
    return ngettext("{done} of {due} session", "{done} of {due} sessions", result.due).format(
        done=min(result.done, result.due), due=result.due)


def span_text(assigned: Assigned, today: date) -> str:
    """Where the course is: 'day 14 of 56', or when it ended; neutral either way."""
    if today > assigned.end:
        return tr("finished {day}").format(day=day_name(assigned.end))
    return tr("day {day} of {days}").format(day=(today - assigned.start).days + 1,
                                           days=assigned.course.days)


class AdherenceBar(QWidget):
    """A thin bar filled to done/due; its accessible name says the same in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done = self.due = 0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(160)

    def sizeHint(self) -> QSize:
        return QSize(280, 16)

    def set_value(self, result: Adherence, text: str) -> None:
        self.done, self.due = min(result.done, result.due), result.due
        self.setAccessibleName(text)
        self.setToolTip(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        outer = QRectF(self.rect()).adjusted(1, 2, -1, -2)
        radius = outer.height() / 2
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(outer, radius, radius)
        if self.due and self.done:
            filled = QRectF(outer.left(), outer.top(), outer.width() * self.done / self.due,
                            outer.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class CourseAdherenceView(QFrame):
    """One row per course begun so far: title, where it is, "26 of 28 sessions" and a bar.

    Call ``refresh()`` when the history page is shown or a session ends.
    """

    def __init__(self, clock: CourseClock, sessions: Sessions, *,
                 courses: Courses = assigned_courses, parent: QWidget | None = None,
                 read: list[object] | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._sessions = sessions
        self._courses = courses
        self._rows: list[tuple[Assigned, Adherence]] = []
        self.setAccessibleName(self.tr("Courses so far"))
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(plain_label(self.tr("Courses"), "heading", self))
        self._grid_host = QWidget(self)
        col.addWidget(self._grid_host)
        col.addStretch(1)
        self.refresh(read)  # ``read``: the sessions its caller has just read for it

    def rows(self) -> list[tuple[Assigned, Adherence]]:
        return list(self._rows)

    def texts(self) -> list[str]:
        """What each row says, as one sentence (also each bar's accessible name)."""
        return [self._sentence(a, r) for a, r in self._rows]

    def _sentence(self, assigned: Assigned, result: Adherence) -> str:
        return self.tr("{course}: {sessions}, {span}").format(
            course=assigned.course.title, sessions=sessions_text(result),
            span=span_text(assigned, self.clock.today()))

    def refresh(self, sessions: list[object] | None = None) -> None:
        """Read courses and history again (or use ``sessions``, read already by the caller)."""
        today = self.clock.today()
        done = completed_days(self._sessions() if sessions is None else sessions,
                              self.clock.tz)
        begun = sorted((a for a in self._courses() if a.start <= today),
                       key=lambda a: a.start, reverse=True)
        self._rows = [(a, adherence(a.course, a.start, today, done)) for a in begun]
        self._rebuild(today)

    def _rebuild(self, today: date) -> None:
        old = self._grid_host
        self._grid_host = QWidget(self)
        grid = QGridLayout(self._grid_host)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        if not self._rows:
            grid.addWidget(plain_label(self.tr("No course yet."), "body", self._grid_host), 0, 0)
        for row, (assigned, result) in enumerate(self._rows):
            title = plain_label(assigned.course.title, "big", self._grid_host)
            title.setFont(scaled_font(self.font(), "big", bold=True))
            grid.addWidget(title, row, 0)
            grid.addWidget(plain_label(span_text(assigned, today), "body", self._grid_host),
                           row, 1)
            bar = AdherenceBar(self._grid_host)
            bar.set_value(result, self._sentence(assigned, result))
            grid.addWidget(bar, row, 2)
            count = plain_label(sessions_text(result), "body", self._grid_host)
            count.setObjectName("count")
            grid.addWidget(count, row, 3)
        grid.setColumnStretch(2, 1)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(old, self._grid_host)
        old.hide()
        old.deleteLater()
