"""Paints each phase's shape and the countdown ring, so a phase never relies on colour alone."""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tpguide.ui.theme import PHASE_SHAPES


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


class PhaseBadge(QWidget):
    """The current phase's shape in its colour; the accessible name carries the phase word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shape = PHASE_SHAPES["prepare"]
        self._colour = QColor("#56B4E9")
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
        self._colour = QColor("#56B4E9")
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
        font.setPixelSize(max(10, round(box.height() * 0.4)))
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
            lower = QRectF(box.left(), box.center().y() + box.height() * 0.2, box.width(),
                           box.height() * 0.14)
            painter.drawText(lower, Qt.AlignmentFlag.AlignCenter, self._caption)
