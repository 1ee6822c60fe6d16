"""The printable handout a therapist gives a client: the routine on paper, drawn as plain text.

``tpguide handout`` writes it as a PDF without a display; the app prints or exports it
through ``print_handout``. One painting routine serves both devices.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.core.routines.routine import Routine
from tpguide.ui.handout.content import Cover, HandoutContent, date_words

__all__ = [
    "Cover", "cli_handout", "date_words", "ensure_gui_application", "handout_pdf",
    "paint_handout", "print_handout", "write_handout",
]

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_PT = QMarginsF(42, 40, 42, 28)
PDF_RESOLUTION = 600


def paint_handout(device: QPagedPaintDevice, routine: Routine, cover: Cover | None = None,
                  atlas: Atlas | None = None) -> int:
    """Paint the handout on a PDF writer or printer; returns the number of pages."""
    job = HandoutContent(routine, cover or Cover(), atlas or default_atlas())
    pages = job.render(device, None, None)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start drawing the handout (is the printer or file available?)")
    try:
        job.render(device, painter, pages)
    finally:
        painter.end()
    return pages


def handout_pdf(routine: Routine, page: str = "a4", cover: Cover | None = None,
                atlas: Atlas | None = None) -> tuple[bytes, int]:
    """The handout as PDF bytes, and its page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[page]), QPageLayout.Orientation.Portrait,
                                     MARGINS_PT, QPageLayout.Unit.Point))
    writer.setTitle(routine.title)
    writer.setCreator("tpguide")
    pages = paint_handout(writer, routine, cover, atlas)
    del writer
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data()), pages


def write_handout(routine: Routine, output: Path, page: str = "a4",
                  cover: Cover | None = None) -> int:
    """Write the PDF atomically; returns the page count. OSError when it cannot be saved."""
    from tpguide.core.atomic_io import SHARED, write_atomic

    data, pages = handout_pdf(routine, page, cover)
    write_atomic(output, data, mode=SHARED)
    return pages


def cli_handout(file_or_id: str, output: Path, client: str | None, page: str) -> int:
    """``tpguide handout``: 0 written, 1 the routine has errors, 2 cannot read or write."""
    from tpguide.core.library.sources import resolve
    from tpguide.core.routines.loader import load_routine_file

    path = resolve(file_or_id)
    if path is None:
        sys.stderr.write(f"tpguide: no routine file or id {file_or_id!r} (see 'tpguide list')\n")
        return 2
    try:
        result = load_routine_file(path)
    except OSError as exc:
        sys.stderr.write(f"{file_or_id}: error: cannot read the file: {exc.strerror or exc}\n")
        return 2
    for diagnostic in result.diagnostics:
        sys.stderr.write(diagnostic.format(file_or_id) + "\n")
    if result.routine is None:
        return 1
    ensure_gui_application()
    try:
        pages = write_handout(result.routine, output, page, Cover(client, date.today()))
    except OSError as exc:
        sys.stderr.write(f"{output}: error: cannot write the handout: {exc.strerror or exc}\n")
        return 2
    sys.stderr.write(f"wrote {output} ({pages} page{'s' if pages != 1 else ''})\n")
    return 0


def print_handout(routine: Routine, parent: QWidget | None = None, client: str | None = None,
                  printer: QPrinter | None = None) -> bool:
    """The app's Print / Export PDF: ask with the print dialog (which can also print to a
    PDF file), then print. False when cancelled; OSError when printing cannot start.

    ``printer`` lets a caller (or a test) pass a configured QPrinter.
    """
    target = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    target.setDocName(routine.title)
    target.setPageMargins(MARGINS_PT, QPageLayout.Unit.Point)
    dialog = QPrintDialog(target, parent)
    dialog.setWindowTitle("Print handout")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    chosen = target.outputFileName()
    if target.outputFormat() != QPrinter.OutputFormat.PdfFormat or not chosen:
        paint_handout(target, routine, Cover(client, date.today()))
        return True
    from tpguide.core.atomic_io import SHARED, replacing

    try:  # "print to file": written beside the chosen file, renamed when whole
        with replacing(Path(chosen), mode=SHARED) as temporary:
            target.setOutputFileName(str(temporary))
            paint_handout(target, routine, Cover(client, date.today()))
    finally:
        target.setOutputFileName(chosen)
    return True


_APP: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """Qt needs an application object for fonts; the handout never shows a window, so a
    command-line run uses the offscreen platform unless the user chose one."""
    global _APP
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _APP = QApplication(["tpguide"])
    from tpguide.ui.translation import install

    install(_APP)  # the command's language (the system's) for the printed words
    return _APP


