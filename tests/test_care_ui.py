"""The care loop in the app: the Clients page, the report preview, corrections and
"Delete all my data", driven offscreen as a person would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tests.care_helpers import report_of, seeded_store
from tests.diary_helpers import Clock
from tpguide import paths
from tpguide.core.care.build import report_bytes
from tpguide.core.care.reader import parse_report
from tpguide.core.diary.store import HistoryStore
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.settings import AppSettings, SettingsStore
from tpguide.ui.clients.page import ClientsPage
from tpguide.ui.diary.care_actions import DiaryCare
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.diary.pain_chart import PainChart
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.widgets.settings_owner import SettingsOwner

ROUTINE = """\
tpguide: 1
id: neck-basics
title: Neck basics
steps:
  - point: upper-trapezius.1
    side: right
"""


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    opened, _ = seeded_store()
    yield opened
    opened.close()


@pytest.fixture
def report_file(tmp_path: Path, store: HistoryStore) -> Path:
    path = tmp_path / "anna.tpguide-report"
    path.write_bytes(report_bytes(report_of(store, Clock(store._now()))))
    return path


def _page(qtbot: QtBot) -> ClientsPage:
    routine = load_routine_text(ROUTINE).routine
    page = ClientsPage(PainChart, lambda: [routine] if routine else [])
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_clients_page_is_there_only_for_a_therapist(qtbot: QtBot) -> None:
    owner = SettingsOwner(SettingsStore())
    window = MainWindow(owner, watch=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.clients_button.isVisible()
    owner.update(therapist=True)
    assert window.clients_button.isVisible()
    qtbot.mouseClick(window.clients_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.pages.currentWidget(), ClientsPage)
    owner.update(therapist=False)
    assert not window.clients_button.isVisible() and window.current_page() == "welcome"


def test_a_dropped_report_becomes_a_client_with_unwell_stops_first(
        qtbot: QtBot, report_file: Path, tmp_path: Path) -> None:
    page = _page(qtbot)
    assert page.empty.isVisible()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report_file))])
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert page.list.count() == 1 and "⚠ 1 stopped feeling unwell" in page.list.item(0).text()
    assert "4 new sessions" in page.notice.text()
    detail = page.detail
    assert detail.unwell.isVisible()
    assert "dizzy <b>at once</b>" in detail.unwell_list.text()  # shown as typed, not bold
    for label in detail.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    # the unwell box comes before the courses, the chart and the sessions
    assert detail.unwell.y() < detail.courses.y() < detail.chart.y() < detail.sessions.y()
    assert detail.sessions.model().rowCount() == 4
    page.import_files([report_file])
    assert page.notice.text().endswith("nothing new") and page.list.count() == 1
    assert_accessible(page)


def test_a_hostile_file_is_refused_on_the_page_and_nothing_is_kept(
        qtbot: QtBot, tmp_path: Path) -> None:
    page = _page(qtbot)
    junk = tmp_path / "junk.tpguide-report"
    junk.write_text("<html>not a report</html>")
    lines = page.import_files([junk, tmp_path])
    assert "not a tpguide report" in lines[0] and "folder" in lines[1]
    assert page.list.count() == 0


def test_assign_saves_sharing_files_named_for_the_client_and_remove_deletes_all(
        qtbot: QtBot, report_file: Path, tmp_path: Path) -> None:
    page = _page(qtbot)
    page.import_files([report_file])
    out = tmp_path / "out"
    out.mkdir()
    dialog = page.assign(folder=out)
    assert dialog is not None
    dialog.choices.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert [p.name for p in out.iterdir()] == ["anna-neck-basics.tpguide.yaml"]
    assert "Saved" in page.notice.text()
    assert page.remove_client(ask=lambda text: "Anna" in text)
    assert page.list.count() == 0 and list(page.store.folder.iterdir()) == []


def test_the_preview_shows_exactly_the_bytes_saved_and_says_it_is_health_data(
        qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    view = HistoryView(store, now=store._now)
    qtbot.addWidget(view)
    care = DiaryCare(view, SettingsOwner(SettingsStore()), now=store._now)
    dialog = care.send_report()
    assert "holds health data" in dialog.health.text()
    dialog.name.setText("Anna")
    dialog.since.setDate(dialog.since.date().addDays(-400))
    assert "dizzy" in dialog.text.toPlainText()
    dialog.notes.setChecked(False)
    assert "dizzy" not in dialog.text.toPlainText()
    shown = dialog.text.toPlainText().encode()
    target = tmp_path / "mine.tpguide-report"
    assert dialog.save(target) == target
    assert target.read_bytes() == shown
    assert parse_report(shown, "x")["client"]["name"] == "Anna"
    assert "Saved" in view.notice.text()


def test_the_doctor_report_is_saved_as_a_pdf(
        qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    view = HistoryView(store, now=store._now)
    qtbot.addWidget(view)
    care = DiaryCare(view, SettingsOwner(SettingsStore()), now=store._now)
    dialog = care.doctor_report()
    assert not dialog.text.isVisibleTo(dialog)
    target = tmp_path / "doctor.pdf"
    assert dialog.save(target) == target
    assert target.read_bytes().startswith(b"%PDF")


def test_a_session_is_corrected_and_a_headache_deleted(
        qtbot: QtBot, store: HistoryStore) -> None:
    view = HistoryView(store, now=store._now)
    qtbot.addWidget(view)
    care = DiaryCare(view, SettingsOwner(SettingsStore()), now=store._now)
    view.sessions_table.selectRow(0)  # the newest
    dialog = care.edit_session()
    assert dialog is not None
    dialog.after.setValue(2)
    dialog.accept()
    assert store.sessions()[0].pain_after == 2 and view.notice.text() == "Session changed."
    view.tabs.setCurrentIndex(3)
    view.headaches_table.selectRow(0)
    edit = care.edit_headache()
    assert edit is not None
    edit.intensity.setValue(3)
    edit.different.setChecked(False)
    edit.accept()
    assert (store.headaches()[0].intensity, store.headaches()[0].new_or_different) == (3, False)
    view.headaches_table.selectRow(0)
    assert care.delete_headache(ask=lambda _text: True)
    assert len(store.headaches()) == 2


def test_delete_all_my_data_needs_the_typed_word(qtbot: QtBot, store: HistoryStore) -> None:
    owner = SettingsOwner(SettingsStore())
    owner.update(safety_acknowledged=True, volume=0.2)
    view = HistoryView(store, now=store._now)
    qtbot.addWidget(view)
    care = DiaryCare(view, owner, now=store._now)
    dialog = care.delete_all()
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.word, "delete")
    assert not dialog.delete_button.isEnabled()
    dialog.word.clear()
    qtbot.keyClicks(dialog.word, "DELETE")
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert store.sessions() == [] and store.headaches() == []
    assert owner.settings() == AppSettings()
    assert view.sessions_empty.isVisibleTo(view)
    assert paths.settings_file().is_file()  # the defaults, saved again
