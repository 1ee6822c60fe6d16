"""The steps of a routine as a read-only table: point, side, timing, pressure, tool."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines.describe import duration_words, pressure_text, tool_label
from tpguide.core.routines.routine import PointStep, RestStep, Routine
from tpguide.ui.widgets.fit import share_columns

ROW_HEIGHT = 40


class StepTable(QTableWidget):
    """Item views never read HTML, so routine text shows literally here.

    Signals:
        pointChosen(str): the point id of the step row the person moved to ("" for a rest).
    """

    pointChosen = Signal(str)

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self._atlas = atlas
        self._points: list[str] = []
        self.setHorizontalHeaderLabels([
            self.tr("Point"), self.tr("Side"), self.tr("Press, release, rounds"),
            self.tr("Pressure"), self.tr("Tool"),
        ])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        share_columns(self)  # the columns share the width; long names wrap
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Steps of this routine"))
        self.currentCellChanged.connect(self._on_cell)

    def side_text(self, side: str) -> str:
        return {
            "left": self.tr("your left"),
            "right": self.tr("your right"),
            "both": self.tr("left, then right"),
            "together": self.tr("both together"),
        }.get(side, side)

    def _row(self, step: PointStep | RestStep) -> list[str]:
        if isinstance(step, RestStep):
            return [self.tr("Rest"), "", duration_words(step.rest), "", ""]
        s = step.settings
        point = self._atlas.get(step.point)
        press = duration_words(s.press)
        if s.until_eased:
            press = self.tr("until eased, at most {press}").format(press=press)
        timing = self.tr("{press} / {release} × {cycles}").format(
            press=press, release=duration_words(s.release), cycles=s.cycles)
        return [point.name if point else step.point, self.side_text(s.side), timing,
                pressure_text(s.pressure, self.tr), tool_label(s.tool, self.tr)]

    def set_routine(self, routine: Routine) -> None:
        self.clearContents()
        self.setRowCount(len(routine.steps))
        self._points = []
        for r, step in enumerate(routine.steps):
            self._points.append(step.point if isinstance(step, PointStep) else "")
            for c, text in enumerate(self._row(step)):
                self.setItem(r, c, QTableWidgetItem(text))
        share_columns(self)
        self._fit_height()

    def point_rows(self, point_id: str) -> list[int]:
        return [r for r, pid in enumerate(self._points) if pid == point_id]

    def select_point(self, point_id: str) -> None:
        rows = self.point_rows(point_id)
        if rows and self.currentRow() not in rows:
            self.setCurrentCell(rows[0], 0)

    def _fit_height(self) -> None:
        """Show every row: the page scrolls, not the table."""
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height + 4)

    def _on_cell(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self._points):
            self.pointChosen.emit(self._points[row])
