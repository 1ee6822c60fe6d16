"""How the body view draws on top of the picture: referral zones, point markers, L/R labels.

Plain functions of what is to be drawn, so the widget keeps only the state and the events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from tpguide.core.atlas import diagrams
from tpguide.ui.widgets.body_geometry import Frame, Marker

ZONE_COLOUR = QColor("#D55E00")
SELECT_COLOUR = QColor("#0072B2")
MARKER_COLOUR = QColor("#3d3530")
CAPTION_TEXT = QColor("#1d1b19")
CAPTION_SCALE = 1.6
"""The side caption beside a session's current marker, relative to the widget's font."""


@dataclass(frozen=True)
class Highlight:
    """The current point of a session: drawn large in its phase colour, maybe pulsing."""

    point_id: str
    side: str
    colour: QColor
    pulsing: bool


def _on_side(marker: Marker, point_id: str, side: str) -> bool:
    return point_id == marker.point_id and side in (marker.side, "both", "together")


def paint_zones(
    painter: QPainter, frame: Frame, zones: list[tuple[str, bool]], side: str | None,
    ratio: float,
) -> None:
    """Main zones as a wash, spillover stippled; ``side`` keeps one half of a symmetric view.

    Painted in the picture's own (possibly mirrored) coordinates, at the screen's pixel ratio.
    """
    target, drawing = frame.target, frame.diagram
    if not zones or target.width() < 2:
        return
    size = QSize(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)))
    painter.save()
    if side and drawing.info.symmetric:
        half = diagrams.viewer_side(drawing.view, side)
        x = target.left() if half == "left" else target.center().x()
        painter.setClipRect(QRectF(x, target.top(), target.width() / 2, target.height()))
    for zone_id, spill in zones:
        if drawing.has_zone(zone_id):
            image = drawing.zone_image(zone_id, size, ZONE_COLOUR, spill)
            painter.drawImage(target, image)
    painter.restore()


def paint_markers(
    painter: QPainter,
    markers: list[Marker],
    r: float,
    *,
    highlight: Highlight | None,
    upcoming: tuple[str, str] | None,
    selected: str | None,
    focused: int | None,
    focus_colour: QColor,
    pulse: float,
) -> None:
    """Every marker, the current one large, the selected one blue, the next one dashed.

    ``focused`` is the index of the marker with keyboard focus (a dotted ring), if any.
    """
    hi = highlight
    for i, m in enumerate(markers):
        current = hi is not None and _on_side(m, hi.point_id, hi.side)
        coming = upcoming is not None and _on_side(m, *upcoming)
        if current and hi is not None:
            _paint_current(painter, m.pos, r, hi, pulse)
        elif m.point_id == selected:
            _paint_ring(painter, m.pos, r * 1.35, SELECT_COLOUR, 1.0)
        elif coming:
            _paint_ring(painter, m.pos, r * 1.2, MARKER_COLOUR, 0.6, dashed=True)
        else:
            _paint_ring(painter, m.pos, r, MARKER_COLOUR, 0.9)
        if i == focused:
            pen = QPen(focus_colour, 2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(m.pos, r * 2.0, r * 2.0)


def _paint_ring(
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


def _paint_current(
    painter: QPainter, pos: QPointF, r: float, hi: Highlight, pulse: float
) -> None:
    wave = math.sin(math.pi * pulse) if hi.pulsing else 0.0
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


def paint_labels(
    painter: QPainter, font: QFont, colour: QColor, labels: list[tuple[QPointF, str]]
) -> None:
    """Bold side labels (L, R), each text centred on its point."""
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(colour)
    for centre, text in labels:
        box = QRectF(centre.x() - 12, centre.y() - 12, 24, 24)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def caption_font(font: QFont) -> QFont:
    big = QFont(font)
    big.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * CAPTION_SCALE)
    big.setBold(True)
    return big


def caption_rect(anchors: list[QPointF], r: float, font: QFont, text: str,
                 bounds: QRectF) -> QRectF:
    """Where the side caption goes: beside one marker, on the side away from the picture's
    middle (or the other side when that has no room); under two markers; always inside."""
    metrics = QFontMetricsF(font)
    size = QSizeF(metrics.horizontalAdvance(text) + 20, metrics.height() + 10)
    w, h = size.width(), size.height()
    gap = r * 2.6
    if len(anchors) == 1:
        at = anchors[0]
        left, right = at.x() - gap - w, at.x() + gap
        fits_left, fits_right = left >= bounds.left(), right + w <= bounds.right()
        outward_left = at.x() < bounds.center().x()
        x = left if (outward_left and fits_left) or not fits_right else right
        y = at.y() - h / 2
    else:
        x = sum(a.x() for a in anchors) / len(anchors) - w / 2
        y = max(a.y() for a in anchors) + gap
    x = min(max(x, bounds.left()), bounds.right() - w)
    y = min(max(y, bounds.top()), bounds.bottom() - h)
    return QRectF(x, y, w, h)


def caption_place(markers: list[Marker], hi: Highlight | None, text: str, r: float,
                  font: QFont, widget: QRectF) -> QRectF | None:
    """Where the caption of the highlighted point goes, or None (no caption, not on view)."""
    anchors = [m.pos for m in markers if hi is not None and _on_side(m, hi.point_id, hi.side)]
    if not text or not anchors:
        return None
    return caption_rect(anchors, r, caption_font(font), text, widget.adjusted(4, 4, -4, -4))


def paint_caption(painter: QPainter, text: str, rect: QRectF, base: QFont,
                  colour: QColor) -> None:
    """Dark bold words on a light pill edged in the phase colour (readable on any skin)."""
    font = caption_font(base)
    painter.save()
    painter.setPen(QPen(colour, 3))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(CAPTION_TEXT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
