"""The pain-over-time chart reads as a time line: dates, sessions of one day apart, a window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.diary_helpers import Clock, add_session
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.diary.pain_chart import RADIUS

DAY = datetime(2024, 5, 8, 8, 0).astimezone()  # local morning, so all three are one local day


@pytest.fixture
def clock() -> Clock:
    return Clock(DAY)


@pytest.fixture
def store(clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(now=clock) as opened:
        yield opened


def _view(qtbot: QtBot, store: HistoryStore, clock: Clock) -> HistoryView:
    view = HistoryView(store, now=clock)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(view.chart.isVisible, timeout=2000)
    return view


def test_three_sessions_of_one_day_stand_apart_above_their_date(
    qtbot: QtBot, store: HistoryStore, clock: Clock
) -> None:
    clock.advance(days=-1)
    add_session(store, clock, "Neck", 5, 4)  # the day before
    clock.advance(days=1)
    for hours, (before, after) in ((0, (7, 4)), (4, (6, 3)), (9, (5, 5))):
        clock.now = DAY.replace(hour=8 + hours)
        add_session(store, clock, "Temples", before, after)
    view = _view(qtbot, store, clock)
    chart = view.chart
    xs = chart.positions()
    assert len(xs) == 4
    same_day = xs[1:]
    gaps = [b - a for a, b in zip(same_day, same_day[1:], strict=False)]
    assert all(gap > 4 * RADIUS for gap in gaps), gaps  # markers never overlap
    labels = chart.date_labels()
    days = [label.day for label in labels]
    assert DAY.date() in days
    label = labels[days.index(DAY.date())]
    expected = QLocale().toString(QDate(DAY.year, DAY.month, DAY.day), "d MMM")
    assert label.text == expected
    assert min(same_day) <= label.x <= max(same_day)  # under its own sessions
    plot = chart.plot_rect()
    assert all(plot.left() < x < plot.right() for x in xs)


def test_before_and_after_are_joined(qtbot: QtBot, store: HistoryStore, clock: Clock) -> None:
    add_session(store, clock, "Temples", 9, 1)
    view = _view(qtbot, store, clock)
    chart = view.chart
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    [x] = chart.positions()
    background = image.pixelColor(int((x + 30) * ratio), int(chart.y_of(5) * ratio))
    joined = image.pixelColor(int(x * ratio), int(chart.y_of(5) * ratio))
    assert joined != background
    assert joined != QColor()


def test_the_window_chooses_which_sessions_show(
    qtbot: QtBot, store: HistoryStore, clock: Clock
) -> None:
    add_session(store, clock, "Old", 6, 5)
    clock.advance(days=40)
    add_session(store, clock, "Lately", 4, 2)
    clock.advance(days=5)
    view = _view(qtbot, store, clock)
    assert view.span_buttons[30].isChecked()  # a month by default
    assert [p.routine_id for p in view.chart.points()] == ["lately"]
    assert view.pain_table.model().rowCount() == 1  # the table follows the chart
    view.span_buttons[7].click()
    assert [p.routine_id for p in view.chart.points()] == ["lately"]
    view.span_buttons[None].click()
    assert [p.routine_id for p in view.chart.points()] == ["old", "lately"]
    assert view.pain_table.model().rowCount() == 2
    view.refresh()  # a session ended: the chosen window stays
    assert view.span_buttons[None].isChecked()
    assert len(view.chart.points()) == 2
