"""The body diagram widget: one view with point markers, L/R labels and referral zones.

The widget holds what is shown and answers mouse, keys and focus; where things sit is in
``body_geometry`` and how they are drawn in ``body_paint``.
"""

from __future__ import annotations

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
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.widgets import body_paint as bp
from tpguide.ui.widgets.body_geometry import MARGIN, Frame, Marker, marker_at, view_description
from tpguide.ui.widgets.body_paint import Highlight, paint_labels, paint_markers, paint_zones
from tpguide.ui.widgets.diagram import Diagram, diagram


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
        self._highlight: Highlight | None = None
        self._caption = ""
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
        self, point_id: str | None, side: str, phase_colour: QColor, pulsing: bool,
        caption: str = "",
    ) -> None:
        """Mark the current point large, in the phase colour, pulsing while ``pulsing``.

        Switches to the point's view (the mirrored profile for the left side of a side
        view). ``side`` is 'left', 'right', 'both' or 'together' (both markers).
        ``caption`` ("your LEFT side") is written large beside the marker.
        """
        self._caption = caption if point_id else ""
        point = self._atlas.get(point_id) if point_id else None
        if point is None:
            self._highlight = None
        else:
            self._highlight = Highlight(point.id, side, QColor(phase_colour), pulsing)
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

    def side_caption(self) -> tuple[str, QRectF] | None:
        """The caption beside the current marker and where it is drawn, if one is shown."""
        rect = bp.caption_place(self._markers, self._highlight, self._caption,
                                self.marker_radius(), self.font(), QRectF(self.rect()))
        return None if rect is None else (self._caption, rect)

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
        return self._frame().label_positions()

    def to_widget(self, x: float, y: float) -> QPointF:
        """A viewBox point of the current view, as displayed (mirroring included)."""
        return self._frame().to_widget(x, y)

    def to_view(self, pos: QPointF) -> tuple[float, float]:
        """The viewBox point under a widget position (undoing the mirror)."""
        return self._frame().to_view(pos)

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

    def _frame(self) -> Frame:
        """Where the current view sits in the widget as it is sized now."""
        return Frame.fit(self._diagram, self._mirrored, QRectF(self.rect()))

    def _relayout(self) -> None:
        focused = self.focused_marker()
        markers = self._frame().markers(self._atlas, self._point_ids)
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
    def marker_radius(self) -> float:
        """Radius of a plain marker ring in pixels (larger when the picture is larger)."""
        return self._frame().marker_radius()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = self._frame()
        target = frame.target
        painter.save()
        if self._mirrored:
            painter.translate(2 * target.center().x(), 0)
            painter.scale(-1, 1)
        self._diagram.render(painter, target)
        paint_zones(painter, frame, self._zones, self._zone_side, self.devicePixelRatioF())
        painter.restore()
        paint_markers(
            painter, self._markers, frame.marker_radius(),
            highlight=self._highlight, upcoming=self._next, selected=self._selected,
            focused=self._focus_index if self.hasFocus() else None,
            focus_colour=self.palette().highlight().color(), pulse=self._pulse,
        )
        texts = {"L": self.tr("L"), "R": self.tr("R")}
        labels = [(centre, texts[key]) for key, centre in frame.label_positions().items()]
        paint_labels(painter, self.font(), self.palette().windowText().color(), labels)
        caption = self.side_caption()
        if caption is not None and self._highlight is not None:
            bp.paint_caption(painter, *caption, self.font(), self._highlight.colour)
        painter.end()

    # ------------------------------------------------------------------ interaction
    def _marker_at(self, pos: QPointF) -> Marker | None:
        return marker_at(self._markers, pos, self.marker_radius())

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
    def _update_description(self) -> None:
        text = view_description(self.view(), self._mirrored)
        point = self._atlas.get(self._selected) if self._selected else None
        if point is not None:
            text += " " + self.tr("Selected: {name}.").format(name=point.name)
        self.setAccessibleDescription(text)
