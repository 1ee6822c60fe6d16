"""The "Your points" page: each worked point marked by its recent tenderness, with a trend.

A mark's size and colour both grow with the tenderness (the colours are Okabe-Ito's sky blue,
orange and vermillion, which stay apart for the common colour-vision differences, and size
alone already tells them apart); the number is in the tooltip, in the focused marker's
accessible description and in the table beside the diagrams.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import VIEWS, Atlas, default_atlas
from tpguide.core.diary import points
from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.store import HistoryError, HistoryStore
from tpguide.core.routines.describe import side_words
from tpguide.ui.diary.tables import day_text, tr
from tpguide.ui.widgets.body_geometry import Marker
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.fit import share_columns
from tpguide.ui.widgets.names import view_name
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.theme import TENDERNESS_SCALE


def tenderness_colour(level: int) -> QColor:
    return QColor(next(colour for top, colour in TENDERNESS_SCALE if level <= top))


def mark_radius(base: float, level: int) -> float:
    """From the plain marker's size at 0 to 2.4 times it at 10."""
    return base * (1.0 + 1.4 * max(0, min(level, 10)) / 10.0)


class TendernessBodyView(BodyView):
    """A body view whose point markers carry the latest tenderness of each side."""

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(atlas, parent)
        self._levels: dict[tuple[str, str], int] = {}

    def set_levels(self, levels: dict[tuple[str, str], int]) -> None:
        """Latest tenderness by (point, side); a 'together' level marks both sides."""
        self._levels = dict(levels)
        self.set_points(list(dict.fromkeys(point for point, _ in levels)))
        self.update()

    def level(self, marker: Marker) -> int | None:
        found = self._levels.get((marker.point_id, marker.side))
        return found if found is not None else self._levels.get((marker.point_id, "together"))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.marker_radius()
        for marker in self.markers():
            level = self.level(marker)
            if level is None:
                continue
            radius = mark_radius(base, level)
            colour = tenderness_colour(level)
            fill = QColor(colour)
            fill.setAlphaF(0.55)
            painter.setPen(QPen(colour.darker(140), 1.5))
            painter.setBrush(fill)
            painter.drawEllipse(marker.pos, radius, radius)
        painter.end()

    def _tooltip_for(self, marker: Marker) -> str:
        level = self.level(marker)
        text = super()._tooltip_for(marker)
        if level is None:
            return text
        return tr("{point}: tenderness {level}/10").format(point=text, level=level)


class TrendLine(QWidget):
    """Weekly mean tenderness as a small line (0 at the bottom, 10 at the top)."""

    def __init__(self, weekly: Sequence[tuple[object, float]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.values = [value for _, value in weekly]
        numbers = ", ".join(f"{v:.0f}" for v in self.values)
        self.setAccessibleName(tr("Tenderness by week, oldest first: {numbers}").format(
            numbers=numbers))
        self.setToolTip(self.accessibleName())
        self.setMinimumSize(self.sizeHint())

    def sizeHint(self) -> QSize:
        return QSize(110, 26)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        count = len(self.values)
        step = area.width() / max(1, count - 1)
        dots = [QPointF(area.left() + (i * step if count > 1 else area.width() / 2),
                        area.bottom() - area.height() * v / 10.0)
                for i, v in enumerate(self.values)]
        painter.setPen(QPen(self.palette().windowText().color(), 1.5))
        painter.drawPolyline(QPolygonF(dots))
        for dot, value in zip(dots, self.values, strict=True):
            painter.setBrush(tenderness_colour(round(value)))
            painter.drawEllipse(dot, 3.0, 3.0)
        painter.end()


class PointsView(QWidget):
    """Reads the presses from a HistoryStore; ``refresh()`` after a session ends."""

    COLUMNS = ("Point", "Side", "Tenderness", "Trend by week", "Time to ease")

    def __init__(self, store: HistoryStore, atlas: Atlas | None = None,
                 tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._atlas = atlas or default_atlas()
        self._tz = tz
        self.setAccessibleName(tr("Your points"))
        layout = QVBoxLayout(self)
        self.empty = plain_label(tr(
            "No points recorded yet. During a press, type how tender the point is (0 to 10); "
            "in a hold-until-eased press, press Right when it eases. Each point then shows "
            "here."))
        layout.addWidget(self.empty)
        self.legend = plain_label(tr(
            "Larger, warmer marks are more tender: up to 3 small and sky blue, 4 to 6 orange, "
            "7 to 10 large and vermillion. Point at a mark for its number; the table holds "
            "the same."))
        layout.addWidget(self.legend)
        self._diagrams = QHBoxLayout()
        layout.addLayout(self._diagrams, 2)
        self.views: dict[str, TendernessBodyView] = {}
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setAccessibleName(tr("Your points, as numbers"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(
            max(TrendLine([]).sizeHint().height() + 4, int(self.fontMetrics().height() * 1.8)))
        layout.addWidget(self.table, 3)

    def refresh(self) -> str | None:
        """Reload from the store; returns the store's message when it cannot be read."""
        try:
            presses = self.store.presses()
        except HistoryError as error:
            return error.message
        self.show_presses(presses)
        return None

    def show_presses(self, presses: Sequence[PressRecord]) -> None:
        marks = points.tenderness_by_point(presses, self._tz)
        self.empty.setVisible(not presses)
        self.legend.setVisible(bool(marks))
        self._show_diagrams({(m.point, m.side): m.latest for m in marks})
        self._fill_table(presses, marks)

    def _show_diagrams(self, levels: dict[tuple[str, str], int]) -> None:
        by_view: dict[str, dict[tuple[str, str], int]] = {}
        for (point_id, side), level in levels.items():
            point = self._atlas.get(point_id)
            if point is not None:
                by_view.setdefault(point.view, {})[(point_id, side)] = level
        for view in VIEWS:
            widget = self.views.get(view)
            if view not in by_view:
                if widget is not None:
                    widget.hide()
                continue
            if widget is None:
                widget = TendernessBodyView(self._atlas, self)
                widget.set_view(view)
                widget.setAccessibleName(tr("Your points: {view}").format(view=view_name(view)))
                widget.setMinimumHeight(150)
                widget.setMaximumHeight(300)
                self._diagrams.addWidget(widget, 1)
                self.views[view] = widget
            widget.set_levels(by_view[view])
            widget.show()

    def _fill_table(self, presses: Sequence[PressRecord],
                    marks: Sequence[points.Tenderness]) -> None:
        tender = {(m.point, m.side): m for m in marks}
        pairs = list(dict.fromkeys([*tender, *((p.point, p.side) for p in presses)]))
        self.table.setRowCount(len(pairs))
        for row, (point_id, side) in enumerate(pairs):
            point = self._atlas.get(point_id)
            mark = tender.get((point_id, side))
            summary = points.ease_summary(presses, point_id, side)
            cells = (point.name if point is not None else point_id, tr(side_words(side)),
                     tr("{level}/10 on {day}").format(level=mark.latest, day=day_text(
                         mark.when.astimezone(self._tz).date())) if mark else tr("not rated"),
                     "", points.ease_words(summary, tr) if summary else "")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if mark is not None and mark.weekly:
                self.table.setCellWidget(row, 3, TrendLine(mark.weekly))
                numbers = QTableWidgetItem(", ".join(f"{v:.0f}" for _, v in mark.weekly))
                numbers.setForeground(Qt.GlobalColor.transparent)  # read aloud, drawn over
                self.table.setItem(row, 3, numbers)
        share_columns(self.table)  # the columns share the width; long names wrap

