""""Send to my therapist…" and "Print a report for my doctor…": choose, see, then save.

The therapist's report is shown as the very bytes that will be saved, so the person sees
exactly what leaves their hands, and is told it holds health data. Nothing is sent
anywhere: the only thing that happens is a file saved where the person chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSize
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.care.build import Report, ReportRequest, report_bytes
from tpguide.core.care.format import SUFFIX
from tpguide.core.care.summary import summarize
from tpguide.ui.widgets.fit import fit_to_screen
from tpguide.ui.widgets.plain import plain_label

MakeReport = Callable[[ReportRequest], Report]
HEALTH_DATA = ("This file holds health data: your sessions, pain ratings, headaches and the "
               "medicines you noted. Nothing is sent anywhere; send the saved file only to "
               "the person you mean it for.")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportPreview(QDialog):
    """The period, the name and the notes choice; the report rebuilt on every change.

    ``for_doctor`` makes the PDF instead (``write_pdf`` is given by the caller, which
    knows how to draw it); the therapist's report shows its JSON text in full.
    """

    def __init__(self, make: MakeReport, today: date, for_doctor: bool = False,
                 write_pdf: Callable[[Report, Path], int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self._write_pdf = write_pdf
        self.for_doctor = for_doctor
        self.report: Report = {}
        self.data = b""
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("Print a report for my doctor") if for_doctor
                            else self.tr("Send to my therapist"))
        self.setAccessibleName(self.windowTitle())
        col = QVBoxLayout(self)
        col.addWidget(plain_label(self.windowTitle(), "heading", self))
        self.health = plain_label(self.tr(HEALTH_DATA), "body", self)
        self.health.setAccessibleName(self.tr("This report holds health data"))
        col.addWidget(self.health)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("as your therapist knows you"))
        self.name.setAccessibleName(self.tr("Your name"))
        form.addRow(self.tr("Your &name"), self.name)
        self.since = self._date_edit(today - timedelta(days=90), self.tr("First day"))
        self.until = self._date_edit(today, self.tr("Last day"))
        form.addRow(self.tr("&From"), self.since)
        form.addRow(self.tr("&To"), self.until)
        self.notes = QCheckBox(self.tr("Include my notes"), self)
        self.notes.setChecked(True)
        form.addRow("", self.notes)
        col.addLayout(form)
        self.summary = plain_label("", "body", self)
        self.summary.setAccessibleName(self.tr("What the report holds"))
        col.addWidget(self.summary)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The report file, exactly as it will be saved"))
        self.text.setFont(QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)))
        self.text.setVisible(not for_doctor)
        self.text.setMinimumHeight(160)  # grows with the window; small screens still fit
        col.addWidget(self.text, 1)
        self.notice = plain_label("", "body", self, selectable=True)
        self.notice.setVisible(False)
        col.addWidget(self.notice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = QPushButton(self.tr("Save PDF…") if for_doctor
                                       else self.tr("Save report…"), self)
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.name.textChanged.connect(self.rebuild)
        self.since.dateChanged.connect(self.rebuild)
        self.until.dateChanged.connect(self.rebuild)
        self.notes.toggled.connect(self.rebuild)
        fit_to_screen(self, QSize(720, 720 if not for_doctor else 360))
        self.rebuild()

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    def request(self) -> ReportRequest:
        return ReportRequest(self.name.text(), _day(self.since.date()), _day(self.until.date()),
                             self.notes.isChecked())

    def rebuild(self) -> None:
        """Make the report again from the choices; the text shown is the file's bytes."""
        request = self.request()
        if request.since and request.until and request.since > request.until:
            self.summary.setText(self.tr("The first day is after the last day."))
            self.save_button.setEnabled(False)
            return
        self.report = self._make(request)
        self.data = report_bytes(self.report)
        s = summarize(self.report)
        self.summary.setText(self.tr(
            "{sessions} sessions ({unwell} stopped feeling unwell), {headaches} headache "
            "entries and {courses} courses from {since} to {until}; notes {notes}.").format(
            sessions=s.sessions, unwell=s.unwell, headaches=len(self.report["headaches"]),
            courses=len(self.report["courses"]), since=s.since, until=s.until,
            notes=self.tr("included") if request.include_notes else self.tr("left out")))
        self.text.setPlainText(self.data.decode("utf-8"))
        self.save_button.setEnabled(True)

    def suggested_name(self) -> str:
        who = "".join(c if c.isalnum() else "-" for c in self.name.text().strip().lower())
        who = "-".join(part for part in who.split("-") if part)[:40]
        stem = f"tpguide-{who + '-' if who else ''}{self.report['period']['until']}"
        return stem + (".pdf" if self.for_doctor else SUFFIX)

    def ask_path(self) -> Path | None:
        kind = self.tr("PDF files (*.pdf)") if self.for_doctor \
            else self.tr("tpguide reports (*{suffix})").format(suffix=SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self, self.save_button.text().rstrip("…"),
                                              str(Path.home() / self.suggested_name()), kind)
        return Path(name) if name else None

    def save(self, path: Path | None = None) -> Path | None:
        """Write the report (or PDF) to ``path`` or where the person chooses; close when done."""
        target = path or self.ask_path()
        if target is None:
            return None
        try:
            if self.for_doctor:
                assert self._write_pdf is not None
                self._write_pdf(self.report, target)
            else:
                write_atomic(target, self.data, mode=SHARED)
        except OSError as exc:
            self.notice.setText(str(exc))
            self.notice.setVisible(True)
            return None
        self.saved_path = target
        self.accept()
        return target
