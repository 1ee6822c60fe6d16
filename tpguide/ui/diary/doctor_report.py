"""The diary report for a doctor or therapist: a readable PDF of one period.

Headache days per month, medication days per class with the medication-overuse alert,
pain before and after over time (the History page's own chart, drawn into the page),
routines done with their dates, and the sessions stopped with "I feel unwell", which
come first. Made from a report (see ``tpguide.core.care``), so the person's own diary
and a client's report print the same way. Every text goes in through
``QTextCursor.insertText``: a name or a note is never read as markup.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QIODevice,
    QLocale,
    QMarginsF,
    QPoint,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QApplication

from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.care import summary
from tpguide.core.care.build import Report
from tpguide.ui.diary.pain_chart import PainChart
from tpguide.ui.diary.tables import MEDICATION_WORDS

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
CHART_SIZE = (640, 300)
CHART_SCALE = 3
FLAG_COLOUR = QColor("#a3300b")


def tr(text: str) -> str:
    return QCoreApplication.translate("DoctorReport", text)


def _words(name: str) -> str:
    return QCoreApplication.translate("history", str(MEDICATION_WORDS.get(name, name)))


class _Writer:
    """A cursor over the document with the few text styles the report uses."""

    def __init__(self, document: QTextDocument) -> None:
        self.doc = document
        self.cursor = QTextCursor(document)
        self.base = QFont(document.defaultFont())

    def _format(self, size: float, bold: bool, colour: QColor | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        font = QFont(self.base)
        font.setPointSizeF(size)
        font.setBold(bold)
        fmt.setFont(font)
        fmt.setForeground(colour or QColor("#1a1a1a"))
        return fmt

    def para(self, text: str, size: float = 10.5, bold: bool = False,
             colour: QColor | None = None) -> None:
        if not self.cursor.atStart():
            self.cursor.insertBlock()
        self.cursor.insertText(text, self._format(size, bold, colour))

    def heading(self, text: str) -> None:
        self.para("", 6)
        self.para(text, 13, True)

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        fmt = QTextTableFormat()
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setBorder(0.5)
        fmt.setHeaderRowCount(1)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self.cursor.insertBlock()
        table = self.cursor.insertTable(len(rows) + 1, len(headers), fmt)
        for r, row in enumerate([headers, *rows]):
            for c, text in enumerate(row):
                cell = table.cellAt(r, c).firstCursorPosition()
                cell.insertText(text, self._format(10, r == 0, None))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def image(self, name: str, picture: QImage, width: float, height: float) -> None:
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), picture)
        fmt = QTextImageFormat()
        fmt.setName(name)
        fmt.setWidth(width)
        fmt.setHeight(height)
        self.cursor.insertBlock()
        self.cursor.insertImage(fmt)


def chart_image(report: Report) -> QImage:
    """The pain chart of the report's sessions, drawn sharp on white for paper."""
    chart = PainChart()
    palette = QPalette(chart.palette())
    for role, colour in ((QPalette.ColorRole.WindowText, "#1a1a1a"),
                         (QPalette.ColorRole.PlaceholderText, "#555555"),
                         (QPalette.ColorRole.Window, "#ffffff")):
        palette.setColor(role, QColor(colour))
    chart.setPalette(palette)
    chart.set_points(summary.pain_series(report))
    chart.resize(*CHART_SIZE)
    image = QImage(CHART_SIZE[0] * CHART_SCALE, CHART_SIZE[1] * CHART_SCALE,
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(CHART_SCALE, CHART_SCALE)
    chart.render(painter, QPoint(0, 0))
    painter.end()
    chart.deleteLater()
    return image


def _day(text: str) -> str:
    return date.fromisoformat(text).strftime("%d %b %Y")


def build_document(report: Report, made: date | None = None) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont(QApplication.font())
    # no "ﬀ" ligatures: they would not search or copy as "ff" (as in the handout)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    doc.setDefaultFont(font)
    w = _Writer(doc)
    s = summary.summarize(report)
    name = report["client"]["name"]
    w.para(tr("Diary report: headaches, medicines and self-massage sessions"), 17, True)
    if name:
        w.para(tr("For: {name}").format(name=name), 12)
    w.para(tr("Period: {since} to {until}. Made with tpguide on {made} from the person's own "
              "diary; it records what they noted, it is not a diagnosis.").format(
        since=_day(s.since), until=_day(s.until),
        made=(made or date.today()).strftime("%d %b %Y")), 9.5, colour=QColor("#4a4a4a"))
    w.para(tr("This report holds health data."), 9.5, True, QColor("#4a4a4a"))
    w.para(tr("{n} self-massage sessions, {done} completed; median change in pain after a "
              "session: {change}.").format(n=s.sessions, done=s.completed,
                                           change=summary.change_words(s.median_change)))
    _unwell(w, report)
    _headaches(w, report)
    _medication(w, report)
    w.heading(tr("Pain before and after each session"))
    if summary.pain_series(report):
        w.image("tpguide://pain-chart", chart_image(report), 620, 620 * CHART_SIZE[1]
                / CHART_SIZE[0])
        w.para(tr("Ring: pain before the session; dot: pain after it (0 = no pain, 10 = worst)."),
               9, colour=QColor("#4a4a4a"))
    else:
        w.para(tr("No session was rated in this period."))
    _routines(w, report)
    return doc


def _unwell(w: _Writer, report: Report) -> None:
    stops = summary.unwell_stops(report)
    if not stops:
        return
    w.heading(tr("Sessions stopped with \u201cI feel unwell\u201d: {n}").format(n=len(stops)))
    w.table([tr("When"), tr("Routine"), tr("Note")],
            [[f"{r.started_at.astimezone():%d %b %Y %H:%M}", r.routine_title, r.note or ""]
             for r in stops])


def _headaches(w: _Writer, report: Report) -> None:
    w.heading(tr("Headache days per month"))
    rows = summary.headache_days_per_month(report)
    w.table([tr("Month"), tr("Days with a headache")],
            [[datetime.strptime(m, "%Y-%m").strftime("%B %Y"), str(n)] for m, n in rows])
    different = [h for h in summary.headaches_of(report) if h.new_or_different]
    if different:
        days = ", ".join(f"{h.started_at.astimezone():%d %b %Y}" for h in different)
        w.para(tr("Marked as new or different from the usual headaches: {days}.").format(
            days=days), 10.5, True, FLAG_COLOUR)


def _medication(w: _Writer, report: Report) -> None:
    w.heading(tr("Days with headache medicine, per kind"))
    rows = summary.medication_days_per_class(report)
    if rows:
        w.table([tr("Kind of medicine"), tr("Days taken in the period")],
                [[_words(k), str(n)] for k, n in rows])
    else:
        w.para(tr("No headache medicine was noted in this period."))
    found = summary.overuse_alerts(report)
    for alert in found:
        w.para(alert.text, 10.5, alert.level != "info", FLAG_COLOUR)
    if rows and not found:
        w.para(tr("The medication-overuse check found nothing in the 30 days that end the "
                  "period."), 10)


def _routines(w: _Writer, report: Report) -> None:
    w.heading(tr("Routines done"))
    rows = summary.routines_done(report)
    if not rows:
        w.para(tr("No routine was completed in this period."))
        return
    w.table([tr("Routine"), QCoreApplication.translate("DoctorReport", "Completed", "count column"),
             tr("On")],
            [[title, str(n), ", ".join(QLocale().toString(QDate(d.year, d.month, d.day), "d MMM")
                                       for d in days)]
             for title, n, days in rows])


def doctor_pdf(report: Report, page: str = "a4") -> tuple[bytes, int]:
    """The PDF's bytes and its page count."""
    ensure_application()
    doc = build_document(report)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[page]),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    writer.setTitle(tr("Diary report"))
    writer.setCreator("tpguide")
    doc.print_(writer)
    pages = doc.pageCount()
    del writer
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data()), pages


def write_doctor_pdf(report: Report, target: Path, page: str = "a4") -> int:
    """Write the PDF atomically (an export: the umask decides who may read it); returns
    the number of pages. OSError (WriteError) when it cannot be saved."""
    data, pages = doctor_pdf(report, page)
    write_atomic(target, data, mode=SHARED)
    return pages


def ensure_application() -> QApplication:
    """The chart is a widget: a command-line run needs an application object (offscreen
    unless the person chose a platform). The app's own is used when there is one."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    global _APP
    _APP = QApplication(["tpguide"])
    from tpguide.ui.translation import install

    install(_APP)  # the command's language (the system's) for the printed words
    return _APP


_APP: QApplication | None = None
