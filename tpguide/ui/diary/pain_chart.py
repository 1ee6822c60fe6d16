"""Pain before and after each session over time, drawn with QPainter (Qt Charts is deprecated).

Each rated session has its own place along the time axis, so sessions of one day stand side
by side rather than on one line; a day's sessions sit together under its date, and a longer
pause between days leaves a wider gap. The window (7, 30 or 90 days, or all) is chosen on
the History page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tpguide.core.diary.stats import PainPoint
from tpguide.core.i18n import ngettext
from tpguide.ui.diary.tables import change_text, day_text

BEFORE_COLOUR = QColor("#D55E00")  # vermillion (Okabe-Ito), hollow ring
AFTER_COLOUR = QColor("#0072B2")  # blue (Okabe-Ito), filled dot
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40.0, 16.0, 34.0, 30.0
RADIUS = 5.0
DAY_GAP = 0.6
"""Extra room (in session widths) between two days with sessions, growing with the days
between them up to ``MAX_GAP``."""
MAX_GAP = 2.5
SPANS: tuple[int | None, ...] = (7, 30, 90, None)
"""The windows the History page offers, in days (None: everything)."""


@dataclass(frozen=True)
class DateLabel:
    """A date written under the axis at ``x`` (the middle of that day's sessions)."""

    x: float
    day: date
    text: str


class PainChart(QWidget):
    """Each rated session as a hollow ring (before) joined to a filled dot (after).

    Shapes as well as colours tell the two apart; a table beside the chart holds the
    same numbers for screen readers (see HistoryView).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[PainPoint] = []
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Pain over time chart"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def points(self) -> list[PainPoint]:
        """The sessions shown (within the chosen window), oldest first."""
        return list(self._points)

    def set_points(self, points: Sequence[PainPoint]) -> None:
        self._points = sorted(points, key=lambda p: (p.started_at, p.session_id))
        self._describe()
        self.update()

    def _describe(self) -> None:
        """A one-sentence summary for screen readers; the table has the details."""
        pairs = [p for p in self._points if p.pain_before is not None and p.pain_after is not None]
        if not self._points:
            text = self.tr("No pain ratings yet.")
        else:
            text = ngettext("{count} rated session from {first} to {last}.",
                            "{count} rated sessions from {first} to {last}.",
                            len(self._points)).format(
                count=len(self._points),
                first=day_text(_day(self._points[0])),
                last=day_text(_day(self._points[-1])),
            )
        if pairs:
            mean = sum((p.pain_after or 0) - (p.pain_before or 0) for p in pairs) / len(pairs)
            text += " " + self.tr("Average change: {change}.").format(change=change_text(mean))
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # ------------------------------------------------------------------ geometry
    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)

    def _units(self) -> tuple[list[float], float]:
        """Each session's place in session widths, and the whole width: one width per
        session, a gap between days that grows with the days between them."""
        places: list[float] = []
        at = 0.5
        previous: date | None = None
        for point in self._points:
            day = _day(point)
            if previous is not None and day != previous:
                at += min(MAX_GAP, DAY_GAP * (day - previous).days)
            places.append(at)
            at += 1.0
            previous = day
        return places, max(at - 0.5, 1.0)

    def positions(self) -> list[float]:
        """The x of every session shown, in order (distinct even within one day)."""
        plot = self.plot_rect()
        places, width = self._units()
        scale = plot.width() / (width + 1.0)
        return [plot.left() + (place + 0.5) * scale for place in places]

    def x_of(self, moment: datetime) -> float:
        """The x of the session that started at ``moment``."""
        index = next(i for i, p in enumerate(self._points) if p.started_at == moment)
        return self.positions()[index]

    def y_of(self, pain: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - pain / 10.0 * plot.height()

    def date_labels(self) -> list[DateLabel]:
        """The dates written under the axis: one per day with sessions, unless it would
        run into the one before (then that day keeps its tick only)."""
        metrics = self.fontMetrics()
        labels: list[DateLabel] = []
        placed = float("-inf")
        days: dict[date, list[float]] = {}
        for point, x in zip(self._points, self.positions(), strict=True):
            days.setdefault(_day(point), []).append(x)
        for day, xs in days.items():
            x = sum(xs) / len(xs)
            text = QLocale().toString(QDate(day.year, day.month, day.day), self.tr("d MMM"))
            width = metrics.horizontalAdvance(text)
            left = x - width / 2
            if left > placed + 10 and left >= 0 and left + width <= self.width():
                labels.append(DateLabel(x, day, text))
                placed = left + width
        return labels

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_axes(painter)
        self._paint_legend(painter)
        if not self._points:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.plot_rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Rate your pain before and after a session to see it here."),
            )
            return
        self._paint_days(painter)
        for point, x in zip(self._points, self.positions(), strict=True):
            self._paint_point(painter, point, x)

    def _paint_axes(self, painter: QPainter) -> None:
        plot = self.plot_rect()
        text = self.palette().windowText().color()
        grid = QColor(text)
        grid.setAlphaF(0.15)
        for pain in range(0, 11, 2):
            y = self.y_of(pain)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            box = QRectF(0, y - 10, MARGIN_LEFT - 8, 20)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align, str(pain))

    def _paint_legend(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        x, y = MARGIN_LEFT, MARGIN_TOP / 2
        for colour, filled, label in (
            (BEFORE_COLOUR, False, self.tr("Before")),
            (AFTER_COLOUR, True, self.tr("After")),
        ):
            self._marker(painter, QPointF(x + RADIUS, y), colour, filled)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QPointF(x + 3 * RADIUS, y + metrics.ascent() / 2 - 1), label)
            x += 3 * RADIUS + metrics.horizontalAdvance(label) + 24
        painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), self.tr("(0 = no pain)"))

    def _paint_days(self, painter: QPainter) -> None:
        """A faint line between days, a tick under each day, and the dates that fit."""
        plot = self.plot_rect()
        text = self.palette().windowText().color()
        faint = QColor(text)
        faint.setAlphaF(0.12)
        xs = self.positions()
        for i in range(1, len(xs)):
            if _day(self._points[i]) != _day(self._points[i - 1]):
                middle = (xs[i] + xs[i - 1]) / 2
                painter.setPen(QPen(faint, 1))
                painter.drawLine(QPointF(middle, plot.top()), QPointF(middle, plot.bottom()))
        painter.setPen(text)
        metrics = painter.fontMetrics()
        for label in self.date_labels():
            painter.drawLine(QPointF(label.x, plot.bottom()), QPointF(label.x, plot.bottom() + 4))
            left = label.x - metrics.horizontalAdvance(label.text) / 2
            painter.drawText(QPointF(left, plot.bottom() + 6 + metrics.ascent()), label.text)

    def _paint_point(self, painter: QPainter, point: PainPoint, x: float) -> None:
        before, after = point.pain_before, point.pain_after
        if before is not None and after is not None and before != after:
            line = QColor(self.palette().windowText().color())
            line.setAlphaF(0.45)
            painter.setPen(QPen(line, 2))
            painter.drawLine(QPointF(x, self.y_of(before)), QPointF(x, self.y_of(after)))
        if before is not None:
            self._marker(painter, QPointF(x, self.y_of(before)), BEFORE_COLOUR, False)
        if after is not None:
            self._marker(painter, QPointF(x, self.y_of(after)), AFTER_COLOUR, True)

    def _marker(self, painter: QPainter, centre: QPointF, colour: QColor, filled: bool) -> None:
        painter.setPen(QPen(colour, 2.5))
        painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
        radius = RADIUS if filled else RADIUS + 1.5
        painter.drawEllipse(centre, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _day(point: PainPoint) -> date:
    """The local calendar day a session started on."""
    return point.started_at.astimezone().date()


def within(points: Sequence[PainPoint], days: int | None, now: datetime) -> list[PainPoint]:
    """The sessions of the last ``days`` days up to ``now`` (None: all of them)."""
    if days is None:
        return list(points)
    start = now - timedelta(days=days)
    return [p for p in points if p.started_at >= start]
