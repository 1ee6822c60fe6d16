"""Pain before and after each session over time, drawn with QPainter (Qt Charts is deprecated)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tpguide.core.diary.stats import PainPoint, week_start
from tpguide.ui.diary.tables import change_text, day_text

BEFORE_COLOUR = QColor("#D55E00")  # vermillion (Okabe-Ito), hollow ring
AFTER_COLOUR = QColor("#0072B2")  # blue (Okabe-Ito), filled dot
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40.0, 16.0, 34.0, 30.0
RADIUS = 5.0


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
            text = self.tr("{count} rated sessions from {first} to {last}.").format(
                count=len(self._points),
                first=day_text(self._points[0].started_at.astimezone().date()),
                last=day_text(self._points[-1].started_at.astimezone().date()),
            )
        if pairs:
            mean = sum((p.pain_after or 0) - (p.pain_before or 0) for p in pairs) / len(pairs)
            text += " " + self.tr("Average change: {change}.").format(change=change_text(mean))
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # ------------------------------------------------------------------ geometry
    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)

    def _span(self) -> tuple[float, float]:
        first = self._points[0].started_at.timestamp()
        last = self._points[-1].started_at.timestamp()
        pad = max((last - first) * 0.04, 12 * 3600.0)
        return first - pad, last + pad

    def x_of(self, moment: datetime) -> float:
        plot = self.plot_rect()
        low, high = self._span()
        return plot.left() + (moment.timestamp() - low) / (high - low) * plot.width()

    def y_of(self, pain: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - pain / 10.0 * plot.height()

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
        self._paint_dates(painter)
        for point in self._points:
            self._paint_point(painter, point)

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

    def _paint_dates(self, painter: QPainter) -> None:
        """A tick on every Monday, labelled where the labels do not collide."""
        plot = self.plot_rect()
        painter.setPen(self.palette().windowText().color())
        metrics = painter.fontMetrics()
        low, high = self._span()
        placed = float("-inf")
        for day in _mondays(low, high):
            x = self.x_of(datetime(day.year, day.month, day.day).astimezone())
            if x < plot.left():
                continue
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            text = QLocale().toString(QDate(day.year, day.month, day.day), self.tr("d MMM"))
            width = metrics.horizontalAdvance(text)
            left = x - width / 2
            if left > placed + 12 and left + width <= self.width():
                painter.drawText(QPointF(left, plot.bottom() + 6 + metrics.ascent()), text)
                placed = left + width

    def _paint_point(self, painter: QPainter, point: PainPoint) -> None:
        x = self.x_of(point.started_at)
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


def _mondays(low: float, high: float) -> list[date]:
    """Local Mondays from the week holding ``low`` up to ``high`` (POSIX timestamps)."""
    day = week_start(datetime.fromtimestamp(low, UTC), None)
    last = datetime.fromtimestamp(high, UTC).astimezone().date()
    return [day + timedelta(weeks=i) for i in range((last - day).days // 7 + 1)]
