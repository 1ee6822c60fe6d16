"""The History page's care actions: reports for the therapist and the doctor, correcting
or deleting an entry, and "Delete all my data".

Added to a HistoryView from outside (``DiaryCare(view, settings)``), so the page itself
stays about showing the diary.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.care.build import Report, ReportRequest, build_report, points_from_presses
from tpguide.core.care.identity import client_id
from tpguide.core.care.own_data import delete_my_data
from tpguide.core.courses.store import assigned_courses
from tpguide.core.diary import corrections
from tpguide.core.diary.records import HeadacheEntry, SessionRecord
from tpguide.core.diary.store import HistoryError
from tpguide.ui.diary.entry_edit import HeadacheEdit, SessionEdit
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.diary.report_preview import ReportPreview
from tpguide.ui.diary.tables import tr
from tpguide.ui.widgets.fit import FlowLayout
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.settings_owner import SettingsOwner

CONFIRM_WORD = "DELETE"
"""The word typed to confirm, in English; ``confirm_word()`` gives it in the person's language."""


def confirm_word() -> str:
    """The word in capitals in the active language ("ELIMINAR" in Spanish), so nobody has to
    type a word of a language they may not read; the English word is accepted too."""
    return QCoreApplication.translate("DeleteMyData", "DELETE", "typed to confirm")


class DeleteAllDialog(QDialog):
    """Says what goes and what stays; Delete works only once the word is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Delete all my data"))
        col = QVBoxLayout(self)
        col.addWidget(plain_label(tr("Delete all my data"), "heading", self))
        col.addWidget(plain_label(tr(
            "This deletes every session and headache entry in your diary, your courses and "
            "their progress, your settings (the safety notes will be shown again) and the "
            "id in your reports. Your own routines are kept. It cannot be undone: make a "
            "backup first (tpguide backup) if you may want it back."), "body", self))
        col.addWidget(plain_label(tr("Type {word} to confirm:").format(word=confirm_word()),
                                  "body", self))
        self.word = QLineEdit(self)
        self.word.setAccessibleName(tr("Type {word} to confirm").format(word=confirm_word()))
        col.addWidget(self.word)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.delete_button = QPushButton(tr("Delete everything"), self)
        self.delete_button.setEnabled(False)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.word.textChanged.connect(
            lambda text: self.delete_button.setEnabled(
                text.strip() in (confirm_word(), CONFIRM_WORD)))


class DiaryCare:
    """Buttons and what they do, for one HistoryView and the app's settings owner."""

    def __init__(self, view: HistoryView, settings: SettingsOwner,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 write_pdf: Callable[[Report, Path], int] | None = None) -> None:
        self.view = view
        self.settings = settings
        self._now = now
        self._write_pdf = write_pdf
        row = FlowLayout(spacing=8)  # two lines where the words do not fit one
        self.send_button = self._button(row, tr("Send to my therapist…"), self.send_report)
        self.doctor_button = self._button(row, tr("Print a report for my doctor…"),
                                          self.doctor_report)
        self.delete_all_button = self._button(row, tr("Delete all my data…"), self.delete_all)
        self.delete_all_button.setProperty("flowRight", True)  # away from the reports
        layout = view.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        self.edit_session_button, self.delete_session_button = self._entry_row(
            view.sessions_table, self.edit_session, self.delete_session)
        self.edit_headache_button, self.delete_headache_button = self._entry_row(
            view.headaches_table, self.edit_headache, self.delete_headache)

    def _button(self, row: QLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self.view)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def _entry_row(self, table: QTableView, edit: Callable[[], object],
                   delete: Callable[[], object]) -> tuple[QPushButton, QPushButton]:
        row = QHBoxLayout()
        edit_button = self._button(row, tr("Edit…"), edit)
        delete_button = self._button(row, tr("Delete"), delete)
        row.addStretch(1)
        page = table.parentWidget()
        assert page is not None
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)
        return edit_button, delete_button

    # ------------------------------------------------------------------ reports
    def make_report(self, request: ReportRequest, now: datetime) -> Report:
        store = self.view.store
        return build_report(request, store.sessions(), store.headaches(), assigned_courses(),
                            client_id=client_id(), now=now,
                            points_of=points_from_presses(store.presses()))

    def preview(self, for_doctor: bool = False) -> ReportPreview:
        """The preview dialog (shown, not waited for); one moment for all it shows."""
        now = self._now()
        dialog = ReportPreview(lambda request: self.make_report(request, now),
                               now.astimezone().date(), for_doctor, self._pdf_writer(),
                               self.view)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def _pdf_writer(self) -> Callable[[Report, Path], int]:
        if self._write_pdf is not None:
            return self._write_pdf
        from tpguide.ui.diary.doctor_report import write_doctor_pdf

        return write_doctor_pdf

    def send_report(self) -> ReportPreview:
        return self.preview(False)

    def doctor_report(self) -> ReportPreview:
        return self.preview(True)

    def _saved(self, dialog: ReportPreview) -> None:
        if dialog.saved_path is not None:
            self.view.show_notice(tr("Saved {path}. It holds health data: share it only with "
                                     "the person you mean it for.").format(
                path=str(dialog.saved_path)))

    # ------------------------------------------------------------------ entries
    def _chosen(self, table: QTableView) -> int | None:
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if rows:
            return rows[0].row()
        current = table.currentIndex()
        return current.row() if current.isValid() else None

    def selected_session(self) -> SessionRecord | None:
        row = self._chosen(self.view.sessions_table)
        sessions = self.view.store.sessions()
        return sessions[row] if row is not None and row < len(sessions) else None

    def selected_headache(self) -> HeadacheEntry | None:
        row = self._chosen(self.view.headaches_table)
        entries = self.view.store.headaches()
        return entries[row] if row is not None and row < len(entries) else None

    def _guarded(self, action: Callable[[], object], done: str) -> None:
        try:
            action()
        except (HistoryError, ValueError) as exc:
            self.view.show_notice(str(exc))
            return
        self.view.refresh()
        self.view.show_notice(done)

    def edit_session(self) -> SessionEdit | None:
        record = self.selected_session()
        if record is None:
            self.view.show_notice(tr("Choose a session in the table first."))
            return None
        dialog = SessionEdit(record, self.view)

        def save() -> None:
            before, after, note = dialog.values()
            self._guarded(lambda: corrections.update_session(
                self.view.store, record.id, pain_before=before, pain_after=after, note=note),
                tr("Session changed."))

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def edit_headache(self) -> HeadacheEdit | None:
        entry = self.selected_headache()
        if entry is None:
            self.view.show_notice(tr("Choose a headache in the table first."))
            return None
        dialog = HeadacheEdit(entry, self.view)
        dialog.accepted.connect(lambda: self._guarded(
            lambda: corrections.update_headache(self.view.store, dialog.entry()),
            tr("Headache entry changed.")))
        dialog.open()
        return dialog

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self.view, tr("Delete"), text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_session(self, ask: Callable[[str], bool] | None = None) -> bool:
        record = self.selected_session()
        if record is None:
            self.view.show_notice(tr("Choose a session in the table first."))
            return False
        if not (ask or self._confirm)(tr("Delete the session of {title}? It cannot be undone.")
                                      .format(title=record.routine_title)):
            return False
        self._guarded(lambda: corrections.delete_session(self.view.store, record.id),
                      tr("Session deleted."))
        return True

    def delete_headache(self, ask: Callable[[str], bool] | None = None) -> bool:
        entry = self.selected_headache()
        if entry is None or entry.id is None:
            self.view.show_notice(tr("Choose a headache in the table first."))
            return False
        if not (ask or self._confirm)(tr("Delete this headache entry? It cannot be undone.")):
            return False
        entry_id = entry.id
        self._guarded(lambda: corrections.delete_headache(self.view.store, entry_id),
                      tr("Headache entry deleted."))
        return True

    # ------------------------------------------------------------------ everything
    def delete_all(self) -> DeleteAllDialog:
        dialog = DeleteAllDialog(self.view)
        dialog.accepted.connect(self._delete_everything)
        dialog.open()
        return dialog

    def _delete_everything(self) -> None:
        try:
            failed = delete_my_data(self.view.store)
        except HistoryError as exc:
            self.view.show_notice(exc.message)
            return
        self.settings.update()  # the file is gone: the defaults are read and saved
        self.view.refresh()
        message = tr("Your diary, courses and settings were deleted.")
        if failed:
            message += " " + tr("Some files could not be removed: {files}").format(
                files="; ".join(failed))
        self.view.show_notice(message)
