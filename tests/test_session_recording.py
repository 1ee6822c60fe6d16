"""A real session window writes its diary row: running, then completed, stopped or unwell."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import tests.diary_helpers  # noqa: F401  (the PySide6 refcount guard)
from tpguide import paths
from tpguide.core.diary.store import HistoryError, HistoryStore
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.session.cues import NullCuePlayer
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.controller import SessionController
from tpguide.ui.session.recording import SessionRecorder, open_history_store, record_session
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.theme import make_theme

FAST = """\
tpguide: 1
id: fast-test
title: Fast <b>test</b> routine
defaults: {prepare: 2s, press: 10s, release: 5s, cycles: 1, rest: 0s}
steps:
  - point: upper-trapezius.1
    side: right
  - point: temporalis.1
    side: right
"""


class Monotonic:
    """The session's monotonic clock, moved by the test; the controller is woken by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def routine() -> Routine:
    result = load_routine_text(FAST)
    assert result.routine is not None, result.diagnostics
    return result.routine


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    with HistoryStore() as opened:  # the per-test TPGUIDE_HOME
        yield opened


@pytest.fixture
def clock() -> Monotonic:
    return Monotonic()


@pytest.fixture
def window(qtbot: QtBot, routine: Routine, clock: Monotonic) -> Iterator[SessionWindow]:
    controller = SessionController(make_plan(routine), NullCuePlayer(), clock=clock)
    win = SessionWindow(controller, routine, make_theme(False, False))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _run_for(window: SessionWindow, clock: Monotonic, seconds: float) -> None:
    """Move time on in short steps, waking as the timer would (a long gap pauses: a stall)."""
    while seconds > 0:
        step = min(seconds, 2.0)
        clock.now += step
        seconds -= step
        window.controller.wake()


def _start(
    window: SessionWindow, store: HistoryStore, routine: Routine, **kw: object
) -> SessionRecorder:
    recorder = record_session(window, store, routine, 6, **kw)  # type: ignore[arg-type]
    window.controller.start()
    return recorder


def test_a_completed_session_is_recorded_with_both_ratings(
    qtbot: QtBot, window: SessionWindow, store: HistoryStore, routine: Routine, clock: Monotonic
) -> None:
    recorder = _start(window, store, routine)
    [row] = store.sessions()
    assert (row.status, row.pain_before, row.routine_id) == ("running", 6, "fast-test")
    assert row.routine_title == "Fast <b>test</b> routine"
    assert row.planned_seconds == make_plan(routine).total_seconds
    _run_for(window, clock, 12.5)  # into the first release, which began at 2 + 10 s
    assert store.sessions()[0].completed_seconds == pytest.approx(12.0)
    _run_for(window, clock, 60)
    assert recorder.waiting_for_rating
    assert store.sessions()[0].status == "running"  # until the after-rating is in
    dialog = recorder.after_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.panel.scale.button(2), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.panel.note, "shoulders softer")
    with qtbot.waitSignal(recorder.ended) as ended:
        qtbot.mouseClick(dialog.panel.save_button, Qt.MouseButton.LeftButton)
    [row] = store.sessions()
    assert ended.args == [row.id, "completed"]
    assert (row.status, row.pain_before, row.pain_after) == ("completed", 6, 2)
    assert row.note == "shoulders softer"
    assert row.completed_seconds == pytest.approx(row.planned_seconds)
    assert row.ended_at is not None
    assert not paths.session_lock().exists()


def test_i_feel_unwell_ends_it_at_once_without_questions(
    qtbot: QtBot, window: SessionWindow, store: HistoryStore, routine: Routine, clock: Monotonic
) -> None:
    recorder = _start(window, store, routine)
    _run_for(window, clock, 8)
    with qtbot.waitSignal(recorder.ended):
        qtbot.keyClick(window, Qt.Key.Key_U)
    [row] = store.sessions()
    assert (row.status, row.pain_after) == ("unwell", None)
    assert row.completed_seconds == pytest.approx(8)
    assert recorder.after_dialog is None
    assert window.unwell_panel.isVisible()


def test_stopping_early_asks_and_skipping_keeps_no_rating(
    qtbot: QtBot, window: SessionWindow, store: HistoryStore, routine: Routine, clock: Monotonic
) -> None:
    recorder = _start(window, store, routine)
    _run_for(window, clock, 20)
    window.controller.stop("user")
    dialog = recorder.after_dialog
    assert dialog is not None
    with qtbot.waitSignal(recorder.ended):
        qtbot.mouseClick(dialog.panel.skip_button, Qt.MouseButton.LeftButton)
    [row] = store.sessions()
    assert (row.status, row.pain_before, row.pain_after) == ("stopped", 6, None)
    assert row.completed_seconds == pytest.approx(20)


def test_closing_the_window_mid_session_records_stopped(
    qtbot: QtBot, window: SessionWindow, store: HistoryStore, routine: Routine, clock: Monotonic
) -> None:
    recorder = _start(window, store, routine)
    _run_for(window, clock, 5)
    with qtbot.waitSignal(recorder.ended):
        window.close()
    assert store.sessions()[0].status == "stopped"
    assert recorder.after_dialog is None


def test_with_ratings_off_it_finishes_without_asking(
    qtbot: QtBot, window: SessionWindow, store: HistoryStore, routine: Routine, clock: Monotonic
) -> None:
    recorder = record_session(window, store, routine, None, ask_after=False)
    window.controller.start()
    with qtbot.waitSignal(recorder.ended):
        _run_for(window, clock, 100)
    [row] = store.sessions()
    assert (row.status, row.pain_before, row.pain_after) == ("completed", None, None)


def test_a_session_closed_before_it_started_leaves_no_row(
    window: SessionWindow, store: HistoryStore, routine: Routine
) -> None:
    record_session(window, store, routine, 4)
    window.close()
    assert store.sessions() == []


def test_a_diary_that_cannot_be_written_does_not_stop_the_session(
    window: SessionWindow,
    store: HistoryStore,
    routine: Routine,
    clock: Monotonic,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_: object, **__: object) -> int:
        raise HistoryError("The disk holding your history is full.", "full")

    monkeypatch.setattr(store, "start_session", full)
    _start(window, store, routine)
    assert window.controller.state == "running"
    assert "disk holding your history is full" in window.notice_text()
    _run_for(window, clock, 100)
    assert window.controller.state == "finished"


def test_opening_at_app_start_marks_a_crashed_session_interrupted(
    store: HistoryStore,
) -> None:
    crashed = store.start_session("fast-test", "Fast", 30, 5)
    paths.session_lock().unlink()  # the process that held it is gone
    reopened, messages = open_history_store()
    assert reopened is not None
    assert messages == []
    assert reopened.session(crashed).status == "interrupted"  # type: ignore[union-attr]
    reopened.close()


def test_a_newer_diary_is_reported_not_opened() -> None:
    path = paths.history_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    store, messages = open_history_store()
    assert store is None
    assert "newer version of tpguide" in messages[0]
