"""Paints phase shapes, control symbols and the countdown ring: meaning never rests on colour."""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tpguide.ui.widgets.theme import PHASE_COLOURS, PHASE_SHAPES


def _arrow(painter: QPainter, start: QPointF, end: QPointF, width: float) -> None:
    """A line from ``start`` with a filled head at ``end``."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    head = width * 2.4
    base = QPointF(end.x() - ux * head, end.y() - uy * head)
    painter.drawLine(start, base)
    path = QPainterPath(end)
    path.lineTo(base.x() - uy * head * 0.7, base.y() + ux * head * 0.7)
    path.lineTo(base.x() + uy * head * 0.7, base.y() - ux * head * 0.7)
    path.closeSubpath()
    painter.fillPath(path, painter.pen().color())


def paint_shape(painter: QPainter, rect: QRectF, shape: str, colour: QColor) -> None:
    """Draw a phase shape (theme.PHASE_SHAPES values) centred in ``rect``."""
    s = min(rect.width(), rect.height())
    c = rect.center()
    line = max(1.5, s * 0.075)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    directions = ((0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0))
    if shape == "hollow-circle":
        painter.drawEllipse(c, s * 0.32, s * 0.32)
    elif shape == "arrows-in":
        painter.setBrush(colour)
        painter.drawEllipse(c, s * 0.17, s * 0.17)
        for dx, dy in directions:
            _arrow(painter, QPointF(c.x() + dx * s * 0.48, c.y() + dy * s * 0.48),
                   QPointF(c.x() + dx * s * 0.25, c.y() + dy * s * 0.25), line * 0.8)
    elif shape == "arrows-out":
        painter.drawEllipse(c, s * 0.15, s * 0.15)
        for dx, dy in directions:
            _arrow(painter, QPointF(c.x() + dx * s * 0.24, c.y() + dy * s * 0.24),
                   QPointF(c.x() + dx * s * 0.48, c.y() + dy * s * 0.48), line * 0.8)
    elif shape == "mirrored-arrows":
        _arrow(painter, QPointF(c.x() + s * 0.38, c.y() - s * 0.15),
               QPointF(c.x() - s * 0.42, c.y() - s * 0.15), line)
        _arrow(painter, QPointF(c.x() - s * 0.38, c.y() + s * 0.15),
               QPointF(c.x() + s * 0.42, c.y() + s * 0.15), line)
    elif shape == "bar":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(c.x() - s * 0.38, c.y() - s * 0.08, s * 0.76, s * 0.16),
                                s * 0.06, s * 0.06)
    elif shape == "check":
        pen.setWidthF(line * 1.3)
        painter.setPen(pen)
        path = QPainterPath(QPointF(c.x() - s * 0.32, c.y() + s * 0.02))
        path.lineTo(c.x() - s * 0.08, c.y() + s * 0.26)
        path.lineTo(c.x() + s * 0.36, c.y() - s * 0.26)
        painter.drawPath(path)
    painter.restore()


def _triangle(painter: QPainter, x: float, y: float, w: float, h: float, left: bool) -> None:
    tip, base = (x, x + w) if left else (x + w, x)
    painter.drawPolygon(QPolygonF([QPointF(base, y), QPointF(tip, y + h / 2),
                                   QPointF(base, y + h)]))


def _speaker(painter: QPainter, s: float, muted: bool) -> None:
    painter.drawPolygon(QPolygonF([QPointF(s * .12, s * .38), QPointF(s * .3, s * .38),
                                   QPointF(s * .52, s * .18), QPointF(s * .52, s * .82),
                                   QPointF(s * .3, s * .62), QPointF(s * .12, s * .62)]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if muted:
        painter.drawLine(QPointF(s * .64, s * .36), QPointF(s * .9, s * .64))
        painter.drawLine(QPointF(s * .9, s * .36), QPointF(s * .64, s * .64))
    else:
        painter.drawArc(QRectF(s * .42, s * .3, s * .36, s * .4), -50 * 16, 100 * 16)
        painter.drawArc(QRectF(s * .38, s * .16, s * .54, s * .68), -50 * 16, 100 * 16)


def control_icon(kind: str, colour: str, size: int = 48) -> QIcon:
    """A plain symbol for a session control, painted in ``colour`` (readable on any theme).

    ``kind``: play, pause, back, skip, previous-point, next-point, stop, close, mute, unmute,
    volume-down, volume-up, unwell.
    """
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c, s = QColor(colour), float(size)
    painter.setPen(QPen(c, s * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(c)
    if kind == "play":
        _triangle(painter, s * .3, s * .2, s * .5, s * .6, left=False)
    elif kind == "pause":
        painter.drawRect(QRectF(s * .28, s * .22, s * .14, s * .56))
        painter.drawRect(QRectF(s * .58, s * .22, s * .14, s * .56))
    elif kind in ("back", "skip"):
        left = kind == "back"
        _triangle(painter, s * .14, s * .28, s * .34, s * .44, left)
        _triangle(painter, s * .5, s * .28, s * .34, s * .44, left)
    elif kind in ("previous-point", "next-point"):
        left = kind == "previous-point"
        _triangle(painter, s * (.32 if left else .2), s * .24, s * .44, s * .52, left)
        x = s * (.18 if left else .76)
        painter.drawRect(QRectF(x, s * .24, s * .06, s * .52))
    elif kind == "close":
        painter.drawLine(QPointF(s * .28, s * .28), QPointF(s * .72, s * .72))
        painter.drawLine(QPointF(s * .72, s * .28), QPointF(s * .28, s * .72))
    elif kind == "stop":
        painter.drawRect(QRectF(s * .26, s * .26, s * .48, s * .48))
    elif kind in ("mute", "unmute"):
        _speaker(painter, s, muted=kind == "unmute")
    elif kind in ("volume-down", "volume-up"):  # the speaker with a minus or a plus
        painter.drawPolygon(QPolygonF([QPointF(s * .08, s * .4), QPointF(s * .22, s * .4),
                                       QPointF(s * .4, s * .22), QPointF(s * .4, s * .78),
                                       QPointF(s * .22, s * .6), QPointF(s * .08, s * .6)]))
        painter.drawLine(QPointF(s * .56, s * .5), QPointF(s * .9, s * .5))
        if kind == "volume-up":
            painter.drawLine(QPointF(s * .73, s * .33), QPointF(s * .73, s * .67))
    elif kind == "unwell":  # a stop sign's octagon
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r, k = s * .38, s * .157
        cx = cy = s / 2
        painter.drawPolygon(QPolygonF([QPointF(cx + dx, cy + dy) for dx, dy in (
            (-k, -r), (k, -r), (r, -k), (r, k), (k, r), (-k, r), (-r, k), (-r, -k))]))
        painter.drawLine(QPointF(cx, cy - r * .45), QPointF(cx, cy + r * .1))
        painter.drawPoint(QPointF(cx, cy + r * .42))
    painter.end()
    return QIcon(pixmap)


class PhaseBadge(QWidget):
    """The current phase's shape in its colour; the accessible name carries the phase word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shape = PHASE_SHAPES["prepare"]
        self._colour = QColor(PHASE_COLOURS["prepare"])
        self.setFixedSize(64, 64)
        self.setAccessibleName(self.tr("Phase symbol"))

    def set_phase(self, kind: str, colour: str, word: str) -> None:
        shape = PHASE_SHAPES.get(kind, "hollow-circle")
        if shape != self._shape or QColor(colour) != self._colour:
            self._shape, self._colour = shape, QColor(colour)
            self.update()
        self.setAccessibleDescription(word)

    def shape(self) -> str:
        return self._shape

    def set_side(self, pixels: int) -> None:
        self.setFixedSize(pixels, pixels)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_shape(painter, QRectF(self.rect()), self._shape, self._colour)
        painter.end()


def tabular_font(base: QFont) -> QFont:
    """``base`` with tabular (equal-width) figures, so a countdown does not jiggle."""
    font = QFont(base)
    with contextlib.suppress(AttributeError, TypeError):  # Qt < 6.7: fonts mostly tabular
        font.setFeature(QFont.Tag("tnum"), 1)
    return font


class CountdownRing(QWidget):
    """A very large countdown inside a ring that fills clockwise as the phase goes on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self._caption = ""
        self._shape = ""
        self._colour = QColor(PHASE_COLOURS["prepare"])
        self._track = QColor("#dddddd")
        self._text_colour = QColor("#000000")
        self.setMinimumSize(160, 160)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)
        self.setAccessibleName(self.tr("Time left in this phase"))

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_colours(self, ring: str, track: str, text: str) -> None:
        self._colour, self._track, self._text_colour = QColor(ring), QColor(track), QColor(text)
        self.update()

    def set_state(self, fraction: float, text: str, caption: str = "", shape: str = "") -> None:
        """Fill ``fraction`` of the ring; show ``text``, or the phase ``shape`` when no text."""
        fraction = min(1.0, max(0.0, fraction))
        state = (fraction, text, caption, shape)
        if state != (self._fraction, self._text, self._caption, self._shape):
            self._fraction, self._text, self._caption, self._shape = state
            self.setAccessibleDescription(f"{text} {caption}".strip())
            self.update()

    def text(self) -> str:
        return self._text

    def caption(self) -> str:
        return self._caption

    def fraction(self) -> float:
        return self._fraction

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 4.0
        if side <= 8:
            return
        thick = max(6.0, side * 0.055)
        box = QRectF((self.width() - side) / 2 + thick / 2, (self.height() - side) / 2 + thick / 2,
                     side - thick, side - thick)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._track, thick))
        painter.drawEllipse(box)
        if self._fraction > 0:
            painter.setPen(QPen(self._colour, thick, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap))
            painter.drawArc(box, 90 * 16, -round(self._fraction * 360 * 16))
        if self._text or not self._shape:
            self._paint_text(painter, box)
        else:
            inner = box.adjusted(box.width() * 0.3, box.height() * 0.3, -box.width() * 0.3,
                                 -box.height() * 0.3)
            paint_shape(painter, inner, self._shape, self._colour)
        painter.end()

    def _paint_text(self, painter: QPainter, box: QRectF) -> None:
        font = tabular_font(self.font())
        font.setBold(True)
        font.setPixelSize(max(10, round(box.height() * 0.46)))
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(self._text)
        if width > box.width() * 0.72:
            font.setPixelSize(max(10, round(font.pixelSize() * box.width() * 0.72 / width)))
        painter.setFont(font)
        painter.setPen(self._text_colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, round(box.height() * 0.075)))
            painter.setFont(small)
            lower = QRectF(box.left(), box.center().y() + box.height() * 0.24, box.width(),
                           box.height() * 0.14)
            painter.drawText(lower, Qt.AlignmentFlag.AlignCenter, self._caption)
