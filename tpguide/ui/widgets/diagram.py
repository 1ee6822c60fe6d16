"""One body view ready to paint and hit-test: the SVG, its silhouette and its referral zones."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from tpguide import resources
from tpguide.core.atlas import diagrams

ZoneKey = tuple[str, int, int, int, bool]


class Diagram:
    """Draws a view and answers "is this on the body?" and "which zone is here?".

    Coordinates are the SVG viewBox's; mirroring is the caller's business.
    """

    def __init__(self, view: str) -> None:
        self.view = view
        self.info = diagrams.view_info(view)
        self.renderer = QSvgRenderer(str(resources.diagram(view)))
        self.zone_renderer = QSvgRenderer(QByteArray(diagrams.zones_svg(view)))
        self._images: dict[ZoneKey, QImage] = {}
        self._silhouettes: dict[tuple[int, int], QImage] = {}

    @property
    def width(self) -> float:
        return self.info.width

    @property
    def height(self) -> float:
        return self.info.height

    def has_zone(self, zone_id: str) -> bool:
        return zone_id in self.info.zones

    def render(self, painter: QPainter, target: QRectF) -> None:
        self.renderer.render(painter, target)

    # ------------------------------------------------------------------ hit-tests
    def on_body(self, x: float, y: float) -> bool:
        return _element_hit(self.renderer, "silhouette", x, y)

    def zones_at(self, x: float, y: float) -> list[str]:
        """Zones under a point on the body, smallest first (the most specific answer)."""
        if not self.on_body(x, y):
            return []
        hits = []
        for zone_id in self.info.zones:
            bounds = self.zone_renderer.boundsOnElement(zone_id)
            if bounds.contains(x, y) and _element_hit(self.zone_renderer, zone_id, x, y):
                hits.append((bounds.width() * bounds.height(), zone_id))
        return [zone_id for _, zone_id in sorted(hits)]

    # ------------------------------------------------------------------ images
    def silhouette_mask(self, size: QSize) -> QImage:
        key = (size.width(), size.height())
        if key not in self._silhouettes:
            self._silhouettes[key] = self._element_image(self.renderer, "silhouette", size)
        return self._silhouettes[key]

    def zone_image(self, zone_id: str, size: QSize, colour: QColor, stipple: bool) -> QImage:
        """The zone in colour at the whole view's pixel size, cut to the body outline.

        Main zones are a flat wash; spillover zones a fainter wash with a dot stipple, so
        the two differ without relying on colour.
        """
        key = (zone_id, size.width(), size.height(), colour.rgba(), stipple)
        image = self._images.get(key)
        if image is None:
            mask = self._element_image(self.zone_renderer, zone_id, size)
            painter = QPainter(mask)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            painter.drawImage(0, 0, self.silhouette_mask(size))
            painter.end()
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            wash = QColor(colour)
            wash.setAlphaF(0.2 if stipple else 0.45)
            image.fill(wash)
            painter = QPainter(image)
            if stipple:
                dots = QColor(colour)
                dots.setAlphaF(0.7)
                painter.fillRect(image.rect(), QBrush(dots, Qt.BrushStyle.Dense6Pattern))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            painter.drawImage(0, 0, mask)
            painter.end()
            if len(self._images) > 64:
                self._images.clear()
            self._images[key] = image
        return image

    def _element_image(self, renderer: QSvgRenderer, element: str, size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        sx, sy = size.width() / self.width, size.height() / self.height
        b = renderer.boundsOnElement(element)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(
            painter, element, QRectF(b.x() * sx, b.y() * sy, b.width() * sx, b.height() * sy)
        )
        painter.end()
        return image


def _element_hit(renderer: QSvgRenderer, element: str, x: float, y: float) -> bool:
    """Whether the element covers the viewBox point, judged from one rendered pixel."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    b = renderer.boundsOnElement(element)
    painter = QPainter(image)
    target = QRectF(b.x() - x + 0.5, b.y() - y + 0.5, b.width(), b.height())
    renderer.render(painter, element, target)
    painter.end()
    return image.pixelColor(0, 0).alpha() > 127


@cache
def diagram(view: str) -> Diagram:
    """The shared Diagram of a view (renderers and caches are reused by every widget)."""
    return Diagram(view)
