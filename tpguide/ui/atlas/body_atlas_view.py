"""Several body views side by side: a point's own view plus the views its referral zones need."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QWidget

from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.widgets.body_view import BodyView


class BodyAtlasView(QWidget):
    """Shows where a point is and everywhere it sends pain, one BodyView per needed view.

    Signals:
        pointSelected(str): a point was picked on the point's own (first) view.
    """

    pointSelected = Signal(str)

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._views: list[BodyView] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName(self.tr("Point and its referral zones"))

    def body_views(self) -> list[BodyView]:
        return [v for v in self._views if v.isVisibleTo(self)]

    def show_point(
        self,
        point_id: str,
        side: str | None = None,
        phase_colour: QColor | None = None,
        pulsing: bool = False,
    ) -> None:
        """Show the point (highlighted when a phase colour is given) and all its zones."""
        point = self._atlas.points[point_id]
        views = diagrams.views_for_point(point)
        while len(self._views) < len(views):
            view = BodyView(self._atlas, self)
            if not self._views:
                view.pointSelected.connect(self.pointSelected)
            self._layout.addWidget(view, 1)
            self._views.append(view)
        zone_side = side if side in ("left", "right") else None
        for i, widget in enumerate(self._views):
            widget.setVisible(i < len(views))
            if i >= len(views):
                continue
            mirrored = side == "left" and views[i] in diagrams.SIDE_VIEWS
            widget.set_view(views[i], mirrored)
            widget.set_points([point_id] if i == 0 else [])
            if i == 0 and phase_colour is not None:
                widget.highlight(point_id, side or "both", phase_colour, pulsing)
            elif i == 0:
                widget.highlight(None, "both", QColor(), False)
            widget.show_zones(list(point.essential), list(point.spillover), zone_side)
