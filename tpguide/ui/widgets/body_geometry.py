"""Where things sit on a body view: the picture's rectangle, mirroring, sides, markers and hits.

Kept apart from the widget so that the one place deciding which side of the picture is the
user's right (the L/R labels, the spoken view description, the markers) is plain arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF

from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import Atlas, Point
from tpguide.ui.widgets.diagram import Diagram

MARGIN = 6.0
HIT_RADIUS = 13.0


def _tr(text: str) -> str:
    """Translated in the body view's context, where these words are shown."""
    return QCoreApplication.translate("BodyView", text)


@dataclass(frozen=True)
class Marker:
    """A point's marker for one side of the body, in widget coordinates."""

    point_id: str
    side: str
    pos: QPointF


@dataclass(frozen=True)
class Frame:
    """One diagram placed in a widget: the rectangle it fills and whether it is mirrored."""

    diagram: Diagram
    mirrored: bool
    target: QRectF

    @classmethod
    def fit(cls, drawing: Diagram, mirrored: bool, rect: QRectF) -> Frame:
        """Aspect kept, centred, with room around it for the L/R labels."""
        avail = rect.adjusted(MARGIN, 4, -MARGIN, -4)
        scale = max(1e-6, min(avail.width() / drawing.width, avail.height() / drawing.height))
        w, h = drawing.width * scale, drawing.height * scale
        target = QRectF(avail.center().x() - w / 2, avail.center().y() - h / 2, w, h)
        return cls(drawing, mirrored, target)

    def to_widget(self, x: float, y: float) -> QPointF:
        """A viewBox point, as displayed (mirroring included)."""
        target = self.target
        scale = target.width() / self.diagram.width
        if self.mirrored:
            x = self.diagram.width - x
        return QPointF(target.left() + x * scale, target.top() + y * scale)

    def to_view(self, pos: QPointF) -> tuple[float, float]:
        """The viewBox point under a widget position (undoing the mirror)."""
        target = self.target
        scale = target.width() / self.diagram.width
        x = (pos.x() - target.left()) / scale
        y = (pos.y() - target.top()) / scale
        if self.mirrored:
            x = self.diagram.width - x
        return x, y

    def marker_radius(self) -> float:
        """Radius of a plain marker ring in pixels (larger when the picture is larger)."""
        return max(4.5, min(8.0, self.target.width() / 45))

    def label_positions(self) -> dict[str, QPointF]:
        """Where the L and R labels are drawn (centres, widget coordinates).

        Inside the picture's top corners, which every view leaves empty, so the labels of
        views placed side by side never run together.
        """
        target = self.target
        inset = max(10.0, min(18.0, target.width() * 0.05))
        left = QPointF(target.left() + inset, target.top() + inset)
        right = QPointF(target.right() - inset, target.top() + inset)
        if not self.diagram.info.symmetric:
            return {"L" if self.mirrored else "R": left}
        if self.diagram.view in diagrams.FRONT_VIEWS:
            return {"R": left, "L": right}
        return {"L": left, "R": right}

    def visible_sides(self, point: Point) -> list[str]:
        """The body sides of ``point`` that this view shows (none when it is on another view)."""
        if point.view != self.diagram.view:
            return []
        if self.diagram.info.symmetric:
            return ["left", "right"]
        return ["left"] if self.mirrored else ["right"]

    def markers(self, atlas: Atlas, point_ids: list[str]) -> list[Marker]:
        """The markers of ``point_ids`` on this view, in reading order (the keyboard's order)."""
        markers = []
        for pid in point_ids:
            point = atlas.points[pid]
            for side in self.visible_sides(point):
                x, y = diagrams.side_position(point, side)
                markers.append(Marker(pid, side, self.to_widget(x, y)))
        markers.sort(key=lambda m: (round(m.pos.y() / 8), m.pos.x()))
        return markers


def marker_at(markers: list[Marker], pos: QPointF, radius: float) -> Marker | None:
    """The marker nearest ``pos`` within reach of a finger or pointer, if any."""
    best: tuple[float, Marker] | None = None
    for m in markers:
        d = math.hypot(m.pos.x() - pos.x(), m.pos.y() - pos.y())
        if d <= max(HIT_RADIUS, radius * 1.6) and (best is None or d < best[0]):
            best = (d, m)
    return best[1] if best else None


def view_description(view: str, mirrored: bool) -> str:
    """What a screen reader says about the picture: which view, and where the user's right is."""
    texts = {
        "head-front": _tr(
            "Head and neck from the front; your right side is on the left of the picture."
        ),
        "head-side": _tr("Head and neck from your right side."),
        "head-back": _tr(
            "Head and neck from behind; your right side is on the right of the picture."
        ),
        "upper-body-back": _tr(
            "Back of the upper body and arms; your right side is on the right of the picture."
        ),
        "upper-body-front": _tr(
            "Front of the upper body and arms; your right side is on the left of the picture."
        ),
    }
    if view == "head-side" and mirrored:
        return _tr("Head and neck from your left side.")
    return texts[view]
