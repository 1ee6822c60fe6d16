"""The body diagram widget: one view with point markers, L/R labels and referral zones."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import Atlas, Point, default_atlas
from tpguide.ui.widgets.diagram import Diagram, diagram

ZONE_COLOUR = QColor("#D55E00")
SELECT_COLOUR = QColor("#0072B2")
MARKER_COLOUR = QColor("#3d3530")
MARGIN = 6.0
HIT_RADIUS = 13.0


@dataclass(frozen=True)
class Marker:
    """A point's marker for one side of the body, in widget coordinates."""

    point_id: str
    side: str
    pos: QPointF


@dataclass(frozen=True)
class _Highlight:
    point_id: str
    side: str
    colour: QColor
    pulsing: bool


class BodyView(QWidget):
    """Shows one body view; the owner decides which points, zones and highlight it carries.

    Signals:
        pointSelected(str): a point was selected by click, keyboard or ``select_point``.
        pointHovered(str): the pointer rests on a point marker ("" when it leaves).
        zoneClicked(str): in zone-picking mode, the zone under a click (smallest first).
    """

    pointSelected = Signal(str)
    pointHovered = Signal(str)
    zoneClicked = Signal(str)

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._diagram: Diagram = diagram("head-side")
        self._mirrored = False
        self._point_ids: list[str] = []
        self._markers: list[Marker] = []
        self._selected: str | None = None
        self._focus_index = -1
        self._hovered: Marker | None = None
        self._zones: list[tuple[str, bool]] = []
        self._zone_side: str | None = None
        self._highlight: _Highlight | None = None
        self._next: tuple[str, str] | None = None
        self._picking_zones = False
        self._pulse = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(1600)
        self._animation.setLoopCount(-1)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.valueChanged.connect(self._on_pulse)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(120, 150)
        self.setAccessibleName(self.tr("Body diagram"))
        self.set_view("head-side")

    # ------------------------------------------------------------------ public API
    def view(self) -> str:
        return self._diagram.view

    def mirrored(self) -> bool:
        return self._mirrored

    def set_view(self, view: str, mirrored: bool = False) -> None:
        """Show a view; ``mirrored`` only applies to the side view (the left profile)."""
        self._diagram = diagram(view)
        self._mirrored = mirrored and not self._diagram.info.symmetric
        self._relayout()
        self._update_description()

    def set_points(self, point_ids: list[str]) -> None:
        """Which points get markers (those on other views are kept for when the view changes)."""
        self._point_ids = [pid for pid in point_ids if pid in self._atlas.points]
        self._relayout()

    def point_ids(self) -> list[str]:
        return list(self._point_ids)

    def selected_point(self) -> str | None:
        return self._selected

    def select_point(self, point_id: str | None) -> None:
        """Select a point (switching to its view if needed) and show its referral zones."""
        if point_id == self._selected:
            return
        point = self._atlas.get(point_id) if point_id else None
        self._selected = point.id if point else None
        if point is None:
            self._zones = []
        else:
            if point.id not in self._point_ids:
                self._point_ids.append(point.id)
            if point.view != self.view():
                self.set_view(point.view, self._mirrored)
            self._zones = [(z, False) for z in point.essential]
            self._zones += [(z, True) for z in point.spillover]
            self._zone_side = None
        self._relayout()
        self._update_description()
        self.pointSelected.emit(self._selected or "")

    def show_zones(
        self,
        zone_ids: list[str],
        spillover: list[str] | None = None,
        side: str | None = None,
    ) -> None:
        """Paint zones: main ones as a wash, spillover stippled; ``side`` keeps one body half."""
        self._zones = [(z, False) for z in zone_ids] + [(z, True) for z in spillover or []]
        self._zone_side = side if side in ("left", "right") else None
        self.update()

    def shown_zones(self) -> list[str]:
        """The zones actually visible on the current view."""
        return [z for z, _ in self._zones if self._diagram.has_zone(z)]

    def highlight(
        self, point_id: str | None, side: str, phase_colour: QColor, pulsing: bool
    ) -> None:
        """Mark the current point large, in the phase colour, pulsing while ``pulsing``.

        Switches to the point's view (the mirrored profile for the left side of a side
        view). ``side`` is 'left', 'right', 'both' or 'together' (both markers).
        """
        point = self._atlas.get(point_id) if point_id else None
        if point is None:
            self._highlight = None
        else:
            self._highlight = _Highlight(point.id, side, QColor(phase_colour), pulsing)
            if point.id not in self._point_ids:
                self._point_ids.append(point.id)
            mirrored = side == "left" and point.view in diagrams.SIDE_VIEWS
            if point.view != self.view() or mirrored != self._mirrored:
                self.set_view(point.view, mirrored)
        self._relayout()
        self._sync_animation()

    def mark_next(self, point_id: str | None, side: str = "both") -> None:
        """Faintly mark the point that comes next (drawn only when it is on this view)."""
        self._next = (point_id, side) if point_id else None
        if point_id and point_id not in self._point_ids and point_id in self._atlas.points:
            self._point_ids.append(point_id)
            self._relayout()
        self.update()

    def set_zone_picking(self, on: bool) -> None:
        """In zone-picking mode a click reports the zone under it instead of a point."""
        self._picking_zones = on

    def is_pulsing(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def markers(self) -> list[Marker]:
        return list(self._markers)

    def marker_pos(self, point_id: str, side: str) -> QPointF | None:
        for marker in self._markers:
            if marker.point_id == point_id and marker.side == side:
                return QPointF(marker.pos)
        return None

    def focused_marker(self) -> Marker | None:
        if 0 <= self._focus_index < len(self._markers):
            return self._markers[self._focus_index]
        return None

    def label_positions(self) -> dict[str, QPointF]:
        """Where the L and R labels are drawn (centres, widget coordinates).

        Inside the picture's top corners, which every view leaves empty, so the labels of
        views placed side by side never run together.
        """
        target = self._target()
        inset = max(10.0, min(18.0, target.width() * 0.05))
        left = QPointF(target.left() + inset, target.top() + inset)
        right = QPointF(target.right() - inset, target.top() + inset)
        if not self._diagram.info.symmetric:
            return {"L" if self._mirrored else "R": left}
        if self.view() in diagrams.FRONT_VIEWS:
            return {"R": left, "L": right}
        return {"L": left, "R": right}

    def to_widget(self, x: float, y: float) -> QPointF:
        """A viewBox point of the current view, as displayed (mirroring included)."""
        target = self._target()
        scale = target.width() / self._diagram.width
        if self._mirrored:
            x = self._diagram.width - x
        return QPointF(target.left() + x * scale, target.top() + y * scale)

    def to_view(self, pos: QPointF) -> tuple[float, float]:
        """The viewBox point under a widget position (undoing the mirror)."""
        target = self._target()
        scale = target.width() / self._diagram.width
        x = (pos.x() - target.left()) / scale
        y = (pos.y() - target.top()) / scale
        if self._mirrored:
            x = self._diagram.width - x
        return x, y

    def zones_at(self, pos: QPointF) -> list[str]:
        x, y = self.to_view(pos)
        return self._diagram.zones_at(x, y)

    # ------------------------------------------------------------------ layout
    def sizeHint(self) -> QSize:
        ratio = self._diagram.height / self._diagram.width
        return QSize(300 + int(2 * MARGIN), int(300 * ratio))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int((width - 2 * MARGIN) * self._diagram.height / self._diagram.width)

    def _target(self) -> QRectF:
        """The rectangle the view fills: aspect kept, centred, room for the L/R labels."""
        avail = QRectF(self.rect()).adjusted(MARGIN, 4, -MARGIN, -4)
        scale = max(
            1e-6, min(avail.width() / self._diagram.width, avail.height() / self._diagram.height)
        )
        w, h = self._diagram.width * scale, self._diagram.height * scale
        return QRectF(avail.center().x() - w / 2, avail.center().y() - h / 2, w, h)

    def _visible_sides(self, point: Point) -> list[str]:
        if point.view != self.view():
            return []
        if self._diagram.info.symmetric:
            return ["left", "right"]
        return ["left"] if self._mirrored else ["right"]

    def _relayout(self) -> None:
        focused = self.focused_marker()
        markers = []
        for pid in self._point_ids:
            point = self._atlas.points[pid]
            for side in self._visible_sides(point):
                x, y = diagrams.side_position(point, side)
                markers.append(Marker(pid, side, self.to_widget(x, y)))
        markers.sort(key=lambda m: (round(m.pos.y() / 8), m.pos.x()))
        self._markers = markers
        self._focus_index = -1
        if focused is not None:
            for i, m in enumerate(markers):
                if (m.point_id, m.side) == (focused.point_id, focused.side):
                    self._focus_index = i
        if self._focus_index < 0 and markers and self.hasFocus():
            self._focus_index = 0
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    # ------------------------------------------------------------------ pulse
    def _sync_animation(self) -> None:
        wanted = bool(self._highlight and self._highlight.pulsing and self.isVisible())
        if wanted and not self.is_pulsing():
            self._animation.start()
        elif not wanted and self.is_pulsing():
            self._animation.stop()
            self._pulse = 0.0
            self.update()

    def _on_pulse(self, value: object) -> None:
        self._pulse = float(value)  # type: ignore[arg-type]
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_animation()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync_animation()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target = self._target()
        painter.save()
        if self._mirrored:
            painter.translate(2 * target.center().x(), 0)
            painter.scale(-1, 1)
        self._diagram.render(painter, target)
        self._paint_zones(painter, target)
        painter.restore()
        self._paint_markers(painter)
        self._paint_labels(painter)
        painter.end()

    def _paint_zones(self, painter: QPainter, target: QRectF) -> None:
        if not self._zones or target.width() < 2:
            return
        ratio = self.devicePixelRatioF()
        size = QSize(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)))
        painter.save()
        if self._zone_side and self._diagram.info.symmetric:
            half = diagrams.viewer_side(self.view(), self._zone_side)
            x = target.left() if half == "left" else target.center().x()
            painter.setClipRect(QRectF(x, target.top(), target.width() / 2, target.height()))
        for zone_id, spill in self._zones:
            if self._diagram.has_zone(zone_id):
                image = self._diagram.zone_image(zone_id, size, ZONE_COLOUR, spill)
                painter.drawImage(target, image)
        painter.restore()

    def marker_radius(self) -> float:
        """Radius of a plain marker ring in pixels (larger when the picture is larger)."""
        return max(4.5, min(8.0, self._target().width() / 45))

    def _paint_markers(self, painter: QPainter) -> None:
        r = self.marker_radius()
        hi = self._highlight
        for i, m in enumerate(self._markers):
            current = hi is not None and hi.point_id == m.point_id and hi.side in (
                m.side, "both", "together",
            )
            upcoming = self._next is not None and self._next[0] == m.point_id and self._next[
                1
            ] in (m.side, "both", "together")
            if current and hi is not None:
                self._paint_current(painter, m.pos, r, hi)
            elif m.point_id == self._selected:
                self._paint_ring(painter, m.pos, r * 1.35, SELECT_COLOUR, 1.0)
            elif upcoming:
                self._paint_ring(painter, m.pos, r * 1.2, MARKER_COLOUR, 0.6, dashed=True)
            else:
                self._paint_ring(painter, m.pos, r, MARKER_COLOUR, 0.9)
            if self.hasFocus() and i == self._focus_index:
                pen = QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DotLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(m.pos, r * 2.0, r * 2.0)

    def _paint_ring(
        self,
        painter: QPainter,
        pos: QPointF,
        r: float,
        colour: QColor,
        opacity: float,
        dashed: bool = False,
    ) -> None:
        painter.save()
        painter.setOpacity(opacity)
        pen = QPen(colour, max(1.5, r / 3.5))
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawEllipse(pos, r, r)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(pos, r / 3.2, r / 3.2)
        painter.restore()

    def _paint_current(self, painter: QPainter, pos: QPointF, r: float, hi: _Highlight) -> None:
        wave = math.sin(math.pi * self._pulse) if hi.pulsing else 0.0
        halo = QColor(hi.colour)
        halo.setAlphaF(0.18 + 0.22 * wave)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawEllipse(pos, r * (2.4 + 0.8 * wave), r * (2.4 + 0.8 * wave))
        painter.restore()
        painter.save()
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(hi.colour)
        painter.drawEllipse(pos, r * 1.5, r * 1.5)
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(pos, r / 2.5, r / 2.5)
        painter.restore()

    def _paint_labels(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().windowText().color())
        texts = {"L": self.tr("L"), "R": self.tr("R")}
        for key, centre in self.label_positions().items():
            box = QRectF(centre.x() - 12, centre.y() - 12, 24, 24)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, texts[key])

    # ------------------------------------------------------------------ interaction
    def _marker_at(self, pos: QPointF) -> Marker | None:
        best: tuple[float, Marker] | None = None
        for m in self._markers:
            d = math.hypot(m.pos.x() - pos.x(), m.pos.y() - pos.y())
            if d <= max(HIT_RADIUS, self.marker_radius() * 1.6) and (best is None or d < best[0]):
                best = (d, m)
        return best[1] if best else None

    def _tooltip_for(self, marker: Marker) -> str:
        point = self._atlas.points[marker.point_id]
        side = self.tr("your left side") if marker.side == "left" else self.tr("your right side")
        return self.tr("{name} ({side})").format(name=point.name, side=side)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        marker = None if self._picking_zones else self._marker_at(event.position())
        if marker != self._hovered:
            self._hovered = marker
            self.pointHovered.emit(marker.point_id if marker else "")
        if marker is not None:
            self.setToolTip(self._tooltip_for(marker))
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            return
        zones = self.zones_at(event.position()) if self._picking_zones else []
        self.setToolTip(self._atlas.zones[zones[0]].name if zones and zones[0] in
                        self._atlas.zones else "")
        if zones:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if self._picking_zones:
            zones = self.zones_at(event.position())
            if zones:
                self.zoneClicked.emit(zones[0])
            return
        marker = self._marker_at(event.position())
        if marker is not None:
            self._focus_index = self._markers.index(marker)
            self.select_point(marker.point_id)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._markers and self._focus_index < 0:
            backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
            self._focus_index = len(self._markers) - 1 if backwards else 0
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks through the markers first, then leaves the widget."""
        step = 1 if next else -1
        if self.hasFocus() and 0 <= self._focus_index + step < len(self._markers):
            self._move_focus(step)
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) and self._markers:
            self._move_focus(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up) and self._markers:
            self._move_focus(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            marker = self.focused_marker()
            if marker is not None:
                self.select_point(marker.point_id)
        else:
            super().keyPressEvent(event)

    def _move_focus(self, step: int) -> None:
        count = len(self._markers)
        self._focus_index = (self._focus_index + step) % count if count else -1
        marker = self.focused_marker()
        if marker is not None:
            self.setAccessibleDescription(self._tooltip_for(marker))
        self.update()

    # ------------------------------------------------------------------ accessibility
    def _view_text(self) -> str:
        texts = {
            "head-front": self.tr(
                "Head and neck from the front; your right side is on the left of the picture."
            ),
            "head-side": self.tr("Head and neck from your right side."),
            "head-back": self.tr(
                "Head and neck from behind; your right side is on the right of the picture."
            ),
            "upper-body-back": self.tr(
                "Back of the upper body and arms; your right side is on the right of the picture."
            ),
            "upper-body-front": self.tr(
                "Front of the upper body and arms; your right side is on the left of the picture."
            ),
        }
        if self.view() == "head-side" and self._mirrored:
            return self.tr("Head and neck from your left side.")
        return texts[self.view()]

    def _update_description(self) -> None:
        text = self._view_text()
        point = self._atlas.get(self._selected) if self._selected else None
        if point is not None:
            text += " " + self.tr("Selected: {name}.").format(name=point.name)
        self.setAccessibleDescription(text)
