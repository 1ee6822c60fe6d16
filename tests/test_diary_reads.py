"""The diary is read once per refresh: one read of the sessions feeds the History page,
today's course panel and the course adherence, in the window ``tpguide`` builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.app_helpers import (
    QUICK_TITLE,
    FastSessions,
    RealApp,
    assign_quick_course,
    settings,
    write_quick,
)
from tpguide.core.diary.store import HistoryStore


def count_reads(monkeypatch: pytest.MonkeyPatch, store: HistoryStore) -> list[str]:
    """Wrap the real diary's ``sessions``: each call is noted, then really read."""
    reads: list[str] = []
    real = store.sessions

    def sessions(limit: int | None = None) -> list[object]:
        reads.append("sessions")
        return list(real(limit))

    monkeypatch.setattr(store, "sessions", sessions)
    return reads


def test_a_recorded_session_is_read_once_for_history_today_and_adherence(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    assign_quick_course(tmp_path)
    window = real_app.window()
    hub = window.history
    assert hub is not None
    store = hub.store()
    assert store is not None
    reads = count_reads(monkeypatch, store)

    window.show_page("history")  # first shown: the page and its course rows, one read
    history = window.pages.page("history")
    adherence = window.courses.adherence
    assert adherence is not None and history.sessions_table.model().rowCount() == 0  # type: ignore[attr-defined]
    assert any("Quick recovery: 0 of" in text for text in adherence.texts())
    assert reads == ["sessions"]

    reads.clear()
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.courses.start("quick")  # what today's Start button asks
    session = started.args[0]
    with qtbot.waitSignal(hub.changed):  # the session's row is finished: the app refreshes
        session.controller.start()
        fast.run(session)
    assert history.sessions_table.model().rowCount() == 1  # type: ignore[attr-defined]
    assert [(i.routine_title, i.due.done, i.due.due) for i in window.courses.today.items()] \
        == [(QUICK_TITLE, 1, 2)]  # today's panel counts it
    assert any("Quick recovery: 1 of" in text for text in adherence.texts())
    assert reads == ["sessions"]  # one read for all three (four of them for History alone)
    session.close()
