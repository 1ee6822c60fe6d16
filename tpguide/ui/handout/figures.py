"""The handout's small body diagrams: a view, the point's referral zones tinted, and its marker."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from tpguide import resources
from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import Point
from tpguide.core.record import record
from tpguide.core.routines.routine import PointStep

ZONE_COLOUR = QColor("#D55E00")
MARKER_COLOUR = QColor("#3d3530")
CAPTION_COLOUR = QColor("#444444")
ESSENTIAL_ALPHA = 0.45
SPILLOVER_ALPHA = 0.2
PIXELS_PER_POINT = 4  # zone washes are raster; this keeps them smooth on paper
MAX_FIGURES = 4
UPPER_BODY_VIEWS = frozenset({"upper-body-back", "upper-body-front"})
_SIDE_CAPTIONS = {
    "left": QT_TRANSLATE_NOOP("Handout", "Left side"),
    "right": QT_TRANSLATE_NOOP("Handout", "Right side"),
    "both": QT_TRANSLATE_NOOP("Handout", "Left, then right"),
    "together": QT_TRANSLATE_NOOP("Handout", "Both sides together"),
}


def _caption(side: str) -> str:
    return QCoreApplication.translate("Handout", str(_SIDE_CAPTIONS[side]))


@record(frozen=True)
class Figure:
    """One small picture: which view, mirrored or not, where the markers go, what to tint."""

    view: str
    mirrored: bool
    markers: tuple[tuple[float, float], ...]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    body_side: str | None  # tint only this side of a symmetric view; None tints both
    caption: str


def figures_for_step(step: PointStep, point: Point) -> list[Figure]:
    """The point on its own view (each side of a profile drawn separately), then views
    for the referral zones the point's own view does not show."""
    sides = ("left", "right") if step.settings.side in ("both", "together") else step.sides
    only = sides[0] if len(sides) == 1 else None
    info = diagrams.view_info(point.view)
    zones = (point.essential, point.spillover)
    figures: list[Figure] = []
    if info.symmetric:
        markers = tuple(diagrams.side_position(point, s) for s in sides)
        caption = _caption(step.settings.side)
        figures.append(Figure(point.view, False, markers, *zones, only, caption))
    else:
        for side in sides:
            figures.append(Figure(point.view, side == "left", (point.at,), *zones, side,
                                  _caption(side)))
    for view in diagrams.views_for_point(point)[1:]:
        if len(figures) >= MAX_FIGURES:
            break
        mirrored = only == "left" and not diagrams.view_info(view).symmetric
        figures.append(Figure(view, mirrored, (), *zones, only,
                              QCoreApplication.translate("Handout", "Pain may spread here")))
    return figures


@cache
def _renderer(view: str) -> QSvgRenderer:
    return QSvgRenderer(str(resources.diagram(view)))


@cache
def _zone_renderer(view: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(diagrams.zones_svg(view)))


def _element_image(renderer: QSvgRenderer, element: str, size: QSize, crop: QRectF) -> QImage:
    """One element drawn alone, the ``crop`` part of the view filling ``size``."""
    sx, sy = size.width() / crop.width(), size.height() / crop.height()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    b = renderer.boundsOnElement(element)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, element, QRectF((b.x() - crop.x()) * sx, (b.y() - crop.y()) * sy,
                                             b.width() * sx, b.height() * sy))
    painter.end()
    return image


def zone_wash(view: str, zone_ids: tuple[str, ...], size: QSize, crop: QRectF,
              spillover: bool) -> QImage:
    """The zones tinted and cut to the body outline; spillover is fainter and hatched,
    so the two kinds differ in print without relying on colour."""
    mask = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    mask.fill(Qt.GlobalColor.transparent)
    painter = QPainter(mask)
    for zone in zone_ids:
        if zone in diagrams.zones_in_view(view):
            painter.drawImage(0, 0, _element_image(_zone_renderer(view), zone, size, crop))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.drawImage(0, 0, _element_image(_renderer(view), "silhouette", size, crop))
    painter.end()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(_wash(spillover))
    painter = QPainter(image)
    if spillover:
        _hatch(painter, size, size.width() / 24)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.drawImage(0, 0, mask)
    painter.end()
    return image


def _wash(spillover: bool) -> QColor:
    wash = QColor(ZONE_COLOUR)
    wash.setAlphaF(SPILLOVER_ALPHA if spillover else ESSENTIAL_ALPHA)
    return wash


def _hatch(painter: QPainter, size: QSize, spacing: float) -> None:
    """Diagonal lines across the whole image."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(ZONE_COLOUR)
    ink.setAlphaF(0.7)
    painter.setPen(QPen(ink, max(1.0, spacing / 5)))
    w, h = size.width(), size.height()
    offset = -float(h)
    while offset < w:
        painter.drawLine(QPointF(offset, h), QPointF(offset + h, 0))
        offset += spacing
    painter.restore()


def crop(figure: Figure) -> QRectF:
    """The part of the view worth showing: the body's outline, and on the upper-body views
    only down to just below the lowest marker or zone (the arms need not always show)."""
    outline = _renderer(figure.view).boundsOnElement("silhouette")
    pad = 0.03 * outline.width()
    box = outline.adjusted(-pad, -pad, pad, pad)
    if figure.view not in UPPER_BODY_VIEWS:
        return box
    lowest = outline.top() + 0.42 * outline.height()
    for _, y in figure.markers:
        lowest = max(lowest, y + 8 * pad)
    for zone in figure.essential + figure.spillover:
        if zone in diagrams.zones_in_view(figure.view):
            lowest = max(lowest, _zone_renderer(figure.view).boundsOnElement(zone).bottom() + pad)
    box.setBottom(min(box.bottom(), lowest))
    return box


def picture_size(figure: Figure, width: float, height: float) -> tuple[float, float]:
    """The largest picture of the figure's crop that fits ``width`` x ``height``."""
    part = crop(figure)
    scale = min(width / part.width(), height / part.height())
    return part.width() * scale, part.height() * scale


def paint_figure(painter: QPainter, figure: Figure, cell: QRectF, unit: float,
                 font: QFont) -> None:
    """Draw one figure at the top of a cell, its caption below (device units; ``unit``
    device units per point)."""
    caption_height = 12 * unit
    part = crop(figure)
    w, h = picture_size(figure, cell.width(), cell.height() - caption_height)
    room = cell.height() - caption_height
    target = QRectF(cell.center().x() - w / 2, cell.top() + (room - h) / 2, w, h)
    scale = w / part.width()
    size = QSize(max(1, round(w / unit * PIXELS_PER_POINT)),
                 max(1, round(h / unit * PIXELS_PER_POINT)))
    renderer = _renderer(figure.view)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setClipRect(target)
    if figure.mirrored:
        painter.translate(2 * target.center().x(), 0)
        painter.scale(-1, 1)
    whole = renderer.viewBoxF()
    renderer.setViewBox(part)
    renderer.render(painter, target)
    renderer.setViewBox(whole)
    painter.save()
    if figure.body_side is not None and diagrams.view_info(figure.view).symmetric:
        middle = target.left() + (whole.center().x() - part.left()) * scale
        if diagrams.viewer_side(figure.view, figure.body_side) == "left":
            painter.setClipRect(QRectF(target.left(), target.top(), middle - target.left(), h),
                                Qt.ClipOperation.IntersectClip)
        else:
            painter.setClipRect(QRectF(middle, target.top(), target.right() - middle, h),
                                Qt.ClipOperation.IntersectClip)
    painter.drawImage(target, zone_wash(figure.view, figure.spillover, size, part, True))
    painter.drawImage(target, zone_wash(figure.view, figure.essential, size, part, False))
    painter.restore()
    radius = min(3.6 * unit, w / 26)
    for x, y in figure.markers:
        centre = QPointF(target.left() + (x - part.left()) * scale,
                         target.top() + (y - part.top()) * scale)
        paint_marker(painter, centre, radius)
    painter.restore()
    _paint_labels(painter, figure, target, unit, font)
    small = QFont(font)
    small.setPointSizeF(8)
    painter.setFont(small)
    painter.setPen(CAPTION_COLOUR)
    painter.drawText(QRectF(cell.left(), cell.bottom() - caption_height + 1.5 * unit,
                            cell.width(), caption_height), Qt.AlignmentFlag.AlignHCenter,
                     figure.caption)


def paint_marker(painter: QPainter, centre: QPointF, radius: float) -> None:
    """The point: a dark ring on white with a dot, as on screen."""
    painter.save()
    painter.setPen(QPen(MARKER_COLOUR, radius / 2.6))
    painter.setBrush(QColor("white"))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(MARKER_COLOUR)
    painter.drawEllipse(centre, radius / 2.8, radius / 2.8)
    painter.restore()


def paint_swatch(painter: QPainter, rect: QRectF, spillover: bool, unit: float) -> None:
    """A legend square in the same wash as the zones."""
    size = QSize(max(1, round(rect.width() / unit * PIXELS_PER_POINT)),
                 max(1, round(rect.height() / unit * PIXELS_PER_POINT)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(_wash(spillover))
    if spillover:
        inner = QPainter(image)
        _hatch(inner, size, size.width() / 3)
        inner.end()
    painter.drawImage(rect, image)
    painter.save()
    painter.setPen(QPen(ZONE_COLOUR, 0.5 * unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def _paint_labels(painter: QPainter, figure: Figure, target: QRectF, unit: float,
                  font: QFont) -> None:
    """L and R at the foot of symmetric views, so sides never depend on the reader's guess."""
    if not diagrams.view_info(figure.view).symmetric:
        return
    bold = QFont(font)
    bold.setPointSizeF(7.5)
    bold.setBold(True)
    painter.save()
    painter.setFont(bold)
    painter.setPen(CAPTION_COLOUR)
    box = 10 * unit
    for body_side, letter in (("left", "L"), ("right", "R")):
        on_left = diagrams.viewer_side(figure.view, body_side) == "left"
        x = target.left() if on_left else target.right() - box
        painter.drawText(QRectF(x, target.bottom() - box, box, box),
                         Qt.AlignmentFlag.AlignCenter, letter)
    painter.restore()
