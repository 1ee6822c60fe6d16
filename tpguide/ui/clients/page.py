"""The Clients page (for therapists): reports dropped or opened, one client at a time.

Shown only when "I am a therapist" is on in Settings. Each report is read with the same
care as a routine from a stranger (``tpguide.core.care.reader``) and merged into its
client by the random client id; what each import did is said in one line per file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.care.clients import Client, ClientStore
from tpguide.core.care.format import SUFFIX
from tpguide.core.care.reader import ReportError, read_report
from tpguide.core.care.summary import short_id, summarize
from tpguide.core.i18n import ngettext
from tpguide.ui.clients.assign import AssignDialog, Routines
from tpguide.ui.clients.detail import ChartFactory, ClientDetail, tr
from tpguide.ui.widgets.fit import title_row
from tpguide.ui.widgets.plain import plain_label

Ask = Callable[[str], bool]


class ClientsPage(QWidget):
    """The list of clients on the left, the chosen one's report on the right."""

    def __init__(self, chart: ChartFactory, routines: Routines = lambda: (),
                 store: ClientStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store or ClientStore()
        self._routines = routines
        self.setAccessibleName(tr("Clients"))
        self.setAcceptDrops(True)
        col = QVBoxLayout(self)
        self.open_button = self._button(tr("Open reports…"), self.open_reports)
        self.assign_button = self._button(tr("Assign a routine or course…"), self.assign)
        self.remove_button = self._button(tr("Remove client…"), self.remove_client)
        col.addWidget(title_row(self, plain_label(tr("Clients"), "title", self),
                                [self.open_button, self.assign_button, self.remove_button]))
        self.hint = plain_label(tr(
            "Drop the report files your clients send (*{suffix}) here, or open them. "
            "Reports hold health data: keep them as private as any clinical note.").format(
            suffix=SUFFIX), "body", self)
        col.addWidget(self.hint)
        self.notice = plain_label("", "body", self, selectable=True)
        self.notice.setAccessibleName(tr("Notice"))
        self.notice.setVisible(False)
        col.addWidget(self.notice)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setAccessibleName(tr("Clients"))
        self.list.setMinimumWidth(240)
        self.list.setSpacing(4)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        area = QScrollArea(split)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setAccessibleName(tr("The chosen client's report"))
        self.detail = ClientDetail(chart, area)
        area.setWidget(self.detail)
        split.addWidget(self.list)
        split.addWidget(area)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 900])
        self.empty = plain_label(tr("No clients yet. Import a report to begin."), "big", self)
        col.addWidget(self.empty)
        col.addWidget(split, 1)
        self.refresh()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda: slot())
        return button

    # ------------------------------------------------------------------ list
    def refresh(self, select: str | None = None) -> None:
        """Reload the clients; those with unwell stops are marked, the selection kept."""
        current = select or self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        clients = self.store.clients()
        for client in clients:
            s = summarize(client.report)
            text = f"{client.name or tr('(no name)')}  ·  {short_id(client.id)}"
            text += "\n" + ngettext("{n} session, to {until}", "{n} sessions, to {until}",
                                      s.sessions).format(n=s.sessions, until=s.until)
            if s.unwell:
                text += "\n" + tr("⚠ {n} stopped feeling unwell").format(n=s.unwell)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            if client.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.empty.setVisible(not clients)
        for button in (self.assign_button, self.remove_button):
            button.setEnabled(bool(clients))
        if self.store.notices:
            self.say("\n".join(self.store.notices))
            self.store.notices.clear()
        self._show_current()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def current(self) -> Client | None:
        client_id = self.current_id()
        return None if client_id is None else self.store.get(client_id)

    def _show_current(self) -> None:
        client = self.current()
        self.detail.show_report(client.report if client is not None else None)

    def say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ------------------------------------------------------------------ import
    def import_files(self, files: list[Path]) -> list[str]:
        """Import each report on its own; one line per file says what it did or why not."""
        lines, last = [], None
        for path in files:
            try:
                done = self.store.import_report(read_report(path))
            except ReportError as exc:
                lines.append(str(exc))
                continue
            except OSError as exc:
                lines.append(f"{path}: {exc}")
                continue
            last = done.client.id
            who = done.client.name or short_id(done.client.id)
            if not done.changed:
                lines.append(tr("{file}: {who}: nothing new").format(file=path.name, who=who))
            else:
                lines.append(tr("{file}: {who}: {sessions} new sessions, {headaches} new "
                                "headache entries").format(
                    file=path.name, who=who, sessions=done.new_sessions,
                    headaches=done.new_headaches))
        self.refresh(select=last)
        self.say("\n".join(lines))
        return lines

    def open_reports(self) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(
            self, tr("Open reports"), str(Path.home()),
            tr("tpguide reports (*{suffix});;All files (*)").format(suffix=SUFFIX))
        return self.import_files([Path(n) for n in names]) if names else []

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # ------------------------------------------------------------------ client actions
    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Remove client"), text)
        return answer == QMessageBox.StandardButton.Yes

    def remove_client(self, ask: Ask | None = None) -> bool:
        client = self.current()
        if client is None:
            return False
        who = client.name or short_id(client.id)
        if not (ask or self._confirm)(tr(
                "Remove {who} and everything kept from their reports? This cannot be "
                "undone; their own tpguide is not affected.").format(who=who)):
            return False
        self.store.remove(client.id)
        self.refresh()
        self.say(tr("{who} was removed.").format(who=who))
        return True

    def assign(self, folder: Path | None = None) -> AssignDialog | None:
        """Choose what to give, then a folder (``folder`` skips asking, for tests)."""
        client = self.current()
        if client is None:
            return None
        dialog = AssignDialog(client.name, client.id, list(self._routines()), self)

        def save() -> None:
            target = folder or dialog.ask_folder()
            if target is not None:
                self.say("\n".join(dialog.write(target)) or tr("Nothing was chosen."))

        dialog.accepted.connect(save)
        dialog.open()
        return dialog
