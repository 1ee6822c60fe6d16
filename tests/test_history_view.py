"""The history page: sessions, the pain chart and its table, averages, weeks, alerts, CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tests.diary_helpers import Clock, add_session, seed_weeks
from tpguide import paths
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.diary.pain_chart import AFTER_COLOUR, BEFORE_COLOUR


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(now=clock) as opened:  # the per-test TPGUIDE_HOME
        yield opened


def _view(qtbot: QtBot, store: HistoryStore, clock: Clock) -> HistoryView:
    view = HistoryView(store, now=clock)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _cells(model: QAbstractItemModel | None) -> list[list[str]]:
    assert model is not None
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _headers(table: QTableView) -> list[str]:
    model = table.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def _all_text(root: QWidget) -> str:
    texts = [w.text() for w in root.findChildren(QLabel)]
    texts += [w.text() for w in root.findChildren(QPushButton)]
    for table in root.findChildren(QTableView):
        texts += [" ".join(row) for row in _cells(table.model())] + _headers(table)
    return "\n".join(texts)


def test_sessions_table(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    add_session(store, clock, "Temples <i>gentle</i>", 6, 3, note="=cmd|' /C calc'!A0")
    clock.advance(days=1, hours=2)
    add_session(store, clock, "Back of the head", 5, None, status="unwell")
    view = _view(qtbot, store, clock)
    assert _headers(view.sessions_table) == [
        "Date",
        "Routine",
        "Time done",
        "Pain before → after",
        "Status",
        "Note",
    ]
    newest, oldest = _cells(view.sessions_table.model())
    assert newest[1:5] == [
        "Back of the head",
        "4:00 of 10:00",
        "5 → not rated",
        "Stopped: felt unwell",
    ]
    assert oldest[1:5] == ["Temples <i>gentle</i>", "10:00 of 10:00", "6 → 3", "Completed"]
    assert oldest[0].startswith("Mon 6 May 2024")
    assert oldest[5] == "=cmd|' /C calc'!A0"  # shown as typed; only the CSV escapes it
    assert not view.sessions_empty.isVisible()


def test_an_empty_history_says_so_calmly(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    view = _view(qtbot, store, clock)
    assert view.sessions_empty.isVisible()
    assert view.sessions_table.model().rowCount() == 0
    assert view.chart.points() == []
    assert "No pain ratings yet." in view.chart.accessibleDescription()
    assert not view.alerts.isVisible()


def test_chart_and_its_table_hold_the_same_numbers(
    qtbot: QtBot, store: HistoryStore, clock: Clock
) -> None:
    add_session(store, clock, "Temples", 6, 3)
    clock.advance(days=1)
    add_session(store, clock, "Temples", None, None, status="stopped")  # not rated: not charted
    clock.advance(days=1)
    add_session(store, clock, "Neck", 4, 5)
    view = _view(qtbot, store, clock)
    view.tabs.setCurrentIndex(1)
    points = view.chart.points()
    rows = _cells(view.pain_table.model())
    assert [(p.pain_before, p.pain_after) for p in points] == [(6, 3), (4, 5)]
    assert [row[1:] for row in rows] == [
        ["Temples", "6", "3", "−3.0 (less pain)"],
        ["Neck", "4", "5", "+1.0 (more pain)"],
    ]
    assert "2 rated sessions" in view.chart.accessibleDescription()
    assert "Average change: −1.0 (less pain)" in view.chart.accessibleDescription()


def test_chart_draws_a_ring_before_and_a_dot_after(
    qtbot: QtBot, store: HistoryStore, clock: Clock
) -> None:
    add_session(store, clock, "Temples", 8, 2)
    view = _view(qtbot, store, clock)
    view.tabs.setCurrentIndex(1)
    chart = view.chart
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    [point] = chart.points()
    x = chart.x_of(point.started_at)

    def colour(pain: float, dx: float = 0.0) -> QColor:
        return image.pixelColor(int((x + dx) * ratio), int(chart.y_of(pain) * ratio))

    assert colour(2) == AFTER_COLOUR  # the filled dot's centre
    assert colour(8) != BEFORE_COLOUR  # the ring is hollow...
    assert colour(8, 6.5) == BEFORE_COLOUR  # ...and drawn around it


def test_summary_per_routine_and_per_week(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    add_session(store, clock, "Temples", 6, 3)
    clock.advance(days=1)
    add_session(store, clock, "Temples", 5, 4)
    clock.advance(days=15)
    add_session(store, clock, "Neck", 3, 3, status="stopped")
    view = _view(qtbot, store, clock)
    assert _cells(view.change_table.model()) == [
        ["Neck", "1", "0.0 (no change)"],
        ["Temples", "2", "−2.0 (less pain)"],
    ]
    weeks = _cells(view.weeks_table.model())
    assert [row[1:] for row in weeks] == [["1", "0"], ["0", "0"], ["2", "2"]]
    assert weeks[0][0] == "Mon 20 May 2024"


def test_no_streaks_and_no_guilt(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    seed_weeks(store, clock, weeks=4)
    view = _view(qtbot, store, clock)
    text = _all_text(view).casefold()
    for word in ("streak", "missed", "failed", "you should", "don't break", "goal"):
        assert word not in text


def test_export_sessions_to_a_chosen_file(
    qtbot: QtBot, store: HistoryStore, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_session(store, clock, '=HYPERLINK("http://x")', 6, 3, note="@SUM(A1)")
    clock.advance(days=1)
    add_session(store, clock, "Temples", 5, 2, note="-2 after")
    view = _view(qtbot, store, clock)
    target = tmp_path / "my sessions"  # no suffix: .csv is added
    asked: list[str] = []

    def choose(parent: QWidget, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".csv")
    assert asked and asked[0].endswith("tpguide-sessions.csv")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["routine_title"] for r in rows] == ['\'=HYPERLINK("http://x")', "Temples"]
    assert [r["note"] for r in rows] == ["'@SUM(A1)", "'-2 after"]
    assert [(r["pain_before"], r["pain_after"]) for r in rows] == [("6", "3"), ("5", "2")]
    assert str(written) in view.notice.text()


def test_export_headaches_and_a_cancelled_export(
    qtbot: QtBot, store: HistoryStore, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_weeks(store, clock, weeks=1)
    view = _view(qtbot, store, clock)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert view.export_csv("headaches") is None
    target = tmp_path / "headaches.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    qtbot.mouseClick(view.export_headaches_button, Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(store.headaches()) > 0
    assert rows[0]["regions"] == "zone-temple; zone-forehead"


def test_an_export_that_fails_says_why(
    qtbot: QtBot, store: HistoryStore, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, store, clock)
    missing = tmp_path / "no such folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(missing), ""))
    assert view.export_csv("sessions") is None
    assert view.notice.isVisible()
    assert view.notice.text() == (f"{missing} could not be saved: the folder "
                                  f"{missing.parent} does not exist.")
    assert not missing.parent.exists()


def test_pain_rising_after_sessions_shows_a_caution(
    qtbot: QtBot, store: HistoryStore, clock: Clock
) -> None:
    add_session(store, clock, "Neck", 3, 6)
    clock.advance(days=2)
    add_session(store, clock, "Neck", 2, 5)
    view = _view(qtbot, store, clock)
    banner = view.alerts.banner("pain-rising")
    assert banner is not None and banner.isVisible()
    assert banner.alert.level == "caution"
    clock.advance(days=20)
    view.refresh()
    assert view.alerts.banner("pain-rising") is None


def test_refresh_after_a_session_shows_it(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    view = _view(qtbot, store, clock)
    add_session(store, clock, "Temples", 6, 3)
    view.refresh()
    assert view.sessions_table.model().rowCount() == 1
    assert len(view.chart.points()) == 1


def test_every_control_has_a_name(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    seed_weeks(store, clock, weeks=2)
    add_session(store, clock, "Neck", 3, 6)
    clock.advance(days=1)
    add_session(store, clock, "Neck", 2, 5)
    view = _view(qtbot, store, clock)
    assert view.alerts.alerts()
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        assert_accessible(view)


def test_a_set_aside_diary_is_mentioned(qtbot: QtBot, clock: Clock) -> None:
    db = paths.history_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 10)
    with HistoryStore(now=clock) as store:
        view = _view(qtbot, store, clock)
        assert view.notice.isVisible()
        assert "started a new diary" in view.notice.text()
        view.close()
