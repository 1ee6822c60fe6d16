"""What the handout says and where it goes: header, safety, one block per step, total time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPagedPaintDevice, QPainter

from tpguide.core import safety_text
from tpguide.core.atlas.atlas import Atlas, Point
from tpguide.core.i18n import N_, _, ngettext
from tpguide.core.record import record
from tpguide.core.routines.describe import (
    closing_words,
    duration_words,
    length_words,
    notes_label,
    settings_words,
)
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.routine import PointStep, RestStep, Routine
from tpguide.core.session.planner import make_plan
from tpguide.ui.handout import figures as figs
from tpguide.ui.handout.sheet import MUTED_COLOUR, Laid, Para, Sheet

REST_COLOUR = QColor("#0072B2")


def tr(text: str) -> str:
    return QCoreApplication.translate("Handout", text)


FIGURE_COLUMN_PT = 196.0
COLUMN_GAP_PT = 14.0
PRESSURE_RULE = N_("Press only as hard as lets you breathe calmly: at or below 7 out of 10.")


@record(frozen=True)
class Cover:
    """What the handout says beyond the routine: who it is for, and when."""

    client: str | None = None
    prepared_on: date | None = None


def date_words(day: date) -> str:
    """The locale's long date ("3 June 2024"), or ISO 8601 under the C locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.isoformat()
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class HandoutContent:
    """One handout: the content, rendered once to count pages and once to paint."""

    def __init__(self, routine: Routine, cover: Cover, atlas: Atlas) -> None:
        self.routine = routine
        self.cover = cover
        self.atlas = atlas
        plan = make_plan(routine)
        self.total = plan.total_seconds
        self.step_seconds: dict[int, float] = {}
        for phase in plan.phases:
            if phase.step is not None:
                self.step_seconds[phase.step] = self.step_seconds.get(phase.step, 0.0) + \
                    phase.duration
        self.point_count = len(routine.point_steps)

    def render(self, device: QPagedPaintDevice, painter: QPainter | None,
               pages: int | None) -> int:
        base = QFont(QGuiApplication.font())
        sheet = Sheet(device, painter, base, self.routine.title, pages)
        self.header(sheet)
        self.safety(sheet)
        self.steps(sheet)
        self.closing(sheet)
        return sheet.page

    # -- sections ----------------------------------------------------------
    def header(self, sheet: Sheet) -> None:
        r = self.routine
        sheet.write(Para(tr("Trigger point self-massage routine"), 9, colour=QColor(MUTED_COLOUR)))
        sheet.write(Para(r.title, 20, bold=True, before=2))
        if r.author:
            sheet.write(Para(tr("by {author}").format(author=r.author), 11,
                             colour=QColor(MUTED_COLOUR), before=2))
        if self.cover.client:
            when = date_words(self.cover.prepared_on or date.today())
            sheet.write(Para(tr("Prepared for {client} on {date}").format(
                client=self.cover.client[:120], date=when), 11, before=4))
        sheet.rule(6, 4)
        if r.summary:
            sheet.write(Para(r.summary, 11.5, before=2))
        if r.description:
            sheet.write(Para(r.description, 10, before=4))
        points = ngettext("{n} point", "{n} points", self.point_count).format(n=self.point_count)
        sheet.write(Para(f"{format_length(self.total)} ({length_words(self.total)}), {points}",
                         11, label=tr("Total time:"), before=8))

    def safety(self, sheet: Sheet) -> None:
        sheet.heading(Para(tr("Safety"), 13, bold=True, before=12), keep=32)
        indent = sheet.pt(12)
        label = notes_label(self.routine.author)
        for line in self.routine.safety:
            sheet.write(Para(line, 10, label=label, before=3), indent, bullet=sheet.pt(2))
        sheet.write(Para(tr(PRESSURE_RULE), 10, before=3), indent, bullet=sheet.pt(2))
        for section in (*safety_text.UNWELL_SECTIONS, safety_text.AFTER_CARE):
            title = Para(_(section.title), 10.5, bold=True, before=7)
            sheet.heading(title, keep=14)
            if section.lead:
                sheet.write(Para(_(section.lead), 10, before=2))
            for item in section.items:
                sheet.write(Para(_(item), 10, before=3), indent, bullet=sheet.pt(2))

    def steps(self, sheet: Sheet) -> None:
        heading = Para(tr("Steps"), 13, bold=True, before=14)
        first = self.routine.steps[0] if self.routine.steps else None
        if isinstance(first, PointStep):  # keep the heading with the first step
            _, cells, _, block = self.point_block(sheet, 0, 1, first)
            sheet.ensure(sheet.lay_out(heading, sheet.width).height + sheet.pt(20 + 16)
                         + _first_part(block, cells, sheet))
        sheet.heading(heading, keep=20)
        self.legend(sheet)
        number = 0
        for index, step in enumerate(self.routine.steps):
            if isinstance(step, PointStep):
                number += 1
                self.point_step(sheet, index, number, step)
            else:
                self.rest_step(sheet, step)

    def closing(self, sheet: Sheet) -> None:
        sheet.rule(10, 4)
        sheet.write(Para(f"{format_length(self.total)} ({length_words(self.total)})", 11,
                         label=tr("Total time:"), before=2))
        sheet.write(Para(closing_words(self.routine.author), 9, colour=QColor(MUTED_COLOUR),
                         before=4))

    # -- pieces ------------------------------------------------------------
    def legend(self, sheet: Sheet) -> None:
        height = sheet.pt(16)
        sheet.ensure(height + sheet.pt(4))
        sheet.y += sheet.pt(4)
        painter = sheet.painter
        if painter is not None:
            font = sheet.font(8.5)
            painter.setFont(font)
            painter.setPen(QColor(MUTED_COLOUR))
            mid = sheet.y + height / 2
            x = 0.0
            entries = (("marker", tr("the point to press")),
                       ("essential", tr("where pain is felt most")),
                       ("spillover", tr("where it may also spread")))
            for kind, words in entries:
                if kind == "marker":
                    figs.paint_marker(painter, QPointF(x + sheet.pt(5), mid), sheet.pt(3.6))
                else:
                    figs.paint_swatch(painter, QRectF(x, mid - sheet.pt(5), sheet.pt(10),
                                                      sheet.pt(10)), kind == "spillover",
                                      sheet.unit)
                x += sheet.pt(14)
                painter.drawText(QPointF(x, mid + sheet.pt(3)), words)
                x += painter.fontMetrics().horizontalAdvance(words) + sheet.pt(18)
        sheet.y += height

    def point_paras(self, step: PointStep, number: int, index: int,
                    point: Point | None) -> list[Para]:
        name = point.name if point else step.point
        seconds = self.step_seconds.get(index, 0.0)
        paras = [
            Para(f"{number}. {name}", 12.5, bold=True),
            Para(settings_words(step.settings), 10.5, label=tr("Do:"), before=3),
            Para(tr("{length} for this point, including pauses").format(
                length=format_length(seconds)), 9.5,
                 label=tr("Time:"), colour=QColor(MUTED_COLOUR), before=1),
        ]
        if point is not None:
            paras.append(Para(point.locate, 10, label=tr("Where:"), before=4))
        how = step.instructions or (point.technique if point else "")
        if how:
            paras.append(Para(how, 10, label=tr("How:"), before=3))
        if step.say:
            paras.append(Para(step.say, 10, label=tr("Reminder:"), before=3))
        if point is not None:
            spread = self.zone_words(point)
            if spread:
                paras.append(Para(spread, 9.5, label=tr("Pain from here may spread to:"),
                                      before=3))
            if point.cautions:
                paras.append(Para(" ".join(point.cautions), 9.5, label=tr("Take care:"), before=3))
        return paras

    def zone_words(self, point: Point) -> str:
        def names(ids: tuple[str, ...]) -> str:
            found = [self.atlas.zones[z].name for z in ids if z in self.atlas.zones]
            return ", ".join(n[:1].lower() + n[1:] for n in found)

        main, more = names(point.essential), names(point.spillover)
        text = main + (tr("; sometimes also {zones}").format(zones=more) if more else "")
        return text[:1].upper() + text[1:]

    def point_block(self, sheet: Sheet, index: int, number: int, step: PointStep
                    ) -> tuple[list[figs.Figure], list[QRectF], list[Laid], float]:
        """A point step's figures, their cells, its laid-out text, and the block's height."""
        point = self.atlas.get(step.point)
        figures = figs.figures_for_step(step, point) if point is not None else []
        text_x = sheet.pt(FIGURE_COLUMN_PT + COLUMN_GAP_PT)
        paras = [sheet.lay_out(p, sheet.width - text_x)
                 for p in self.point_paras(step, number, index, point)]
        cells = _grid(figures, sheet)
        figure_height = max((c.bottom() for c in cells), default=0.0)
        return figures, cells, paras, max(figure_height, sum(p.height for p in paras))

    def point_step(self, sheet: Sheet, index: int, number: int, step: PointStep) -> None:
        figures, cells, paras, block = self.point_block(sheet, index, number, step)
        text_x = sheet.pt(FIGURE_COLUMN_PT + COLUMN_GAP_PT)
        figure_height = max((c.bottom() for c in cells), default=0.0)
        gap = sheet.pt(16)
        sheet.ensure(gap + _first_part(block, cells, sheet))
        if sheet.y > 0:
            sheet.y += gap
        page, top = sheet.page, sheet.y
        if sheet.painter is not None:
            font = sheet.font(8)
            for figure, cell in zip(figures, cells, strict=True):
                figs.paint_figure(sheet.painter, figure, cell.translated(0, top), sheet.unit,
                                  font)
        for laid in paras:
            sheet.flow(laid, text_x)
        if sheet.page == page:
            sheet.y = max(sheet.y, top + figure_height)

    def rest_step(self, sheet: Sheet, step: RestStep) -> None:
        text_x = sheet.pt(FIGURE_COLUMN_PT + COLUMN_GAP_PT)
        words = "; ".join(t for t in (step.say, step.instructions) if t)
        laid = sheet.lay_out(Para(words, 10.5, label=tr("Rest {duration}.").format(
            duration=duration_words(step.rest))),
                             sheet.width - text_x)
        gap = sheet.pt(14)
        sheet.ensure(gap + laid.lines[0][1] if laid.lines else gap)
        if sheet.y > 0:
            sheet.y += gap
        if sheet.painter is not None and laid.lines:
            bar_height = sheet.pt(5)
            mid = sheet.y + laid.lines[0][0].height() / 2
            sheet.painter.save()
            sheet.painter.setPen(REST_COLOUR)
            sheet.painter.setBrush(REST_COLOUR)
            sheet.painter.drawRoundedRect(
                QRectF(text_x - sheet.pt(COLUMN_GAP_PT + 44), mid - bar_height / 2,
                       sheet.pt(40), bar_height), bar_height / 2, bar_height / 2)
            sheet.painter.restore()
        sheet.flow(laid, text_x)


def _first_part(block: float, cells: list[QRectF], sheet: Sheet) -> float:
    """How much of a step block must fit on the page it starts on: all of it when it
    fits on one page, else its figures (the text then flows on)."""
    if block <= sheet.page_height:
        return block
    return max((c.bottom() for c in cells), default=0.0)


def _grid(figures: list[figs.Figure], sheet: Sheet) -> list[QRectF]:
    """Cells for the figures in the left column: one large, or two per row, each row as
    tall as its taller picture plus the captions."""
    column, caption = sheet.pt(FIGURE_COLUMN_PT), sheet.pt(12)
    if len(figures) == 1:
        _, height = figs.picture_size(figures[0], column, sheet.pt(170))
        return [QRectF(0, 0, column, height + caption)]
    gap = sheet.pt(6)
    width = (column - gap) / 2
    cells: list[QRectF] = []
    top = 0.0
    for first in range(0, len(figures), 2):
        pair = figures[first:first + 2]
        height = max(figs.picture_size(f, width, sheet.pt(140))[1] for f in pair)
        cells.extend(QRectF(i * (width + gap), top, width, height + caption)
                     for i in range(len(pair)))
        top += height + caption + gap
    return cells
