"""Pages that text flows onto line by line, so long untrusted text is wrapped, never cut off.

Every string is laid out with QTextLayout as plain text: nothing in a routine file
can be read as markup. Lengths are in points at the API and device units inside.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from tpguide.core.record import field, record

TEXT_COLOUR = QColor("#1a1a1a")
MUTED_COLOUR = QColor("#4a4a4a")
RULE_COLOUR = QColor("#b0a49c")
LINE_SPACING = 1.18
FOOTER_POINTS = 22.0
# control characters and bidi overrides could hide or reorder printed safety text
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Tabs become spaces; control characters and bidi overrides are dropped."""
    return _UNPRINTABLE.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


@record
class Para:
    """A paragraph of plain text, optionally opening with a bold label."""

    text: str
    size: float = 10.0
    bold: bool = False
    colour: QColor = field(default_factory=lambda: QColor(TEXT_COLOUR))
    label: str = ""
    before: float = 0.0  # points of space above


@record
class Laid:
    """A paragraph laid out for one width: its lines (each with its height) in order."""

    para: Para
    layouts: list[QTextLayout]
    lines: list[tuple[QTextLine, float]]
    before: float  # device units of space above, dropped at the top of a page

    @property
    def height(self) -> float:
        return self.before + sum(h for _, h in self.lines)


class Sheet:
    """A cursor over the pages of a paged device; ``painter`` None measures only."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter | None, base: QFont,
                 footer: str, pages: int | None) -> None:
        self.device = device
        self.painter = painter
        self.base = QFont(base)
        # no "ﬁ" ligatures: they would not search or copy as "fi" (QFont.setFeature would do,
        # but in PySide6 6.12 it drops a reference to None on every call)
        self.base.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.unit = device.logicalDpiY() / 72.0
        self.width = float(device.width())
        self.bottom = float(device.height()) - FOOTER_POINTS * self.unit
        self.footer = footer
        self.total_pages = pages
        self.page = 1
        self.y = 0.0
        self._paint_footer()

    # -- geometry ---------------------------------------------------------
    def pt(self, points: float) -> float:
        return points * self.unit

    @property
    def page_height(self) -> float:
        return self.bottom

    def room(self) -> float:
        return self.bottom - self.y

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor (or the page is fresh)."""
        if self.y + height > self.bottom and self.y > 0:
            self.new_page()

    def new_page(self) -> None:
        if self.painter is not None:
            self.device.newPage()
        self.page += 1
        self.y = 0.0
        self._paint_footer()

    # -- text ---------------------------------------------------------------
    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.base)
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def lay_out(self, para: Para, width: float) -> Laid:
        font = self.font(para.size, para.bold)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layouts: list[QTextLayout] = []
        lines: list[tuple[QTextLine, float]] = []
        text = printable((para.label + " " if para.label else "") + para.text.strip())
        label_left = len(para.label) if para.label else 0
        for chunk in text.split("\n"):
            layout = QTextLayout(chunk, font, self.device)
            layout.setTextOption(option)
            if label_left > 0:
                bold = QTextCharFormat()
                bold.setFontWeight(QFont.Weight.Bold)
                span = QTextLayout.FormatRange()
                span.start, span.length, span.format = 0, min(label_left, len(chunk)), bold
                layout.setFormats([span])
                label_left -= len(chunk) + 1
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                line.setPosition(QPointF(0, 0))
                lines.append((line, line.height() * LINE_SPACING))
            layout.endLayout()
            layouts.append(layout)
        return Laid(para, layouts, lines, self.pt(para.before))

    def measure(self, paras: list[Para], width: float) -> float:
        return sum(self.lay_out(p, width).height for p in paras)

    def flow(self, laid: Laid, x: float, bullet_x: float | None = None) -> None:
        """Draw a laid-out paragraph at the cursor, breaking pages between lines."""
        for index, (line, height) in enumerate(laid.lines):
            gap = laid.before if index == 0 else 0.0
            self.ensure(gap + height)
            if self.y > 0:
                self.y += gap
            if self.painter is not None:
                self.painter.setPen(laid.para.colour)
                line.draw(self.painter, QPointF(x, self.y))
                if index == 0 and bullet_x is not None:
                    self._bullet(laid, bullet_x, line)
            self.y += height

    def _bullet(self, laid: Laid, x: float, line: QTextLine) -> None:
        assert self.painter is not None
        font = self.font(laid.para.size, laid.para.bold)
        self.painter.setFont(font)
        self.painter.drawText(QPointF(x, self.y + line.ascent()), "\u2022")

    def write(self, para: Para, x: float = 0.0, width: float | None = None,
              bullet: float | None = None) -> None:
        """Flow a paragraph from ``x``; with ``bullet`` (device units) a bullet hangs there."""
        self.flow(self.lay_out(para, self.width - x if width is None else width), x, bullet)

    def heading(self, para: Para, keep: float) -> None:
        """A heading that never ends a page: ``keep`` points of what follows must fit too."""
        laid = self.lay_out(para, self.width)
        self.ensure(laid.height + self.pt(keep))
        self.flow(laid, 0.0)

    def rule(self, before: float = 6.0, after: float = 6.0) -> None:
        self.y += self.pt(before)
        if self.painter is not None:
            self.painter.save()
            self.painter.setPen(QPen(RULE_COLOUR, self.pt(0.6)))
            self.painter.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))
            self.painter.restore()
        self.y += self.pt(after)

    # -- page furniture ----------------------------------------------------
    def _paint_footer(self) -> None:
        painter = self.painter
        if painter is None:
            return
        font = self.font(8)
        metrics = QFontMetricsF(font, self.device)
        number = (QCoreApplication.translate("Handout", "Page {page} of {pages}").format(
            page=self.page, pages=self.total_pages) if self.total_pages else
            QCoreApplication.translate("Handout", "Page {page}").format(page=self.page))
        room = self.width - metrics.horizontalAdvance(number) - self.pt(24)
        title = metrics.elidedText(printable(self.footer).replace("\n", " "),
                                   Qt.TextElideMode.ElideRight, room)
        top = self.bottom + self.pt(8)
        box = QRectF(0, top, self.width, self.pt(FOOTER_POINTS - 8))
        painter.save()
        painter.setFont(font)
        painter.setPen(MUTED_COLOUR)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, number)
        painter.restore()
