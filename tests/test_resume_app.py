"""Continue where I stopped, from the start page: after Esc, or after a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.app_helpers import (
    QUICK_ID,
    FastSessions,
    RealApp,
    open_sessions,
    rows,
    settings,
    write_quick,
)
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.shell.resume_offer import ResumeOffer


def _offer(window: MainWindow) -> ResumeOffer:
    offer = window.findChild(ResumeOffer)
    assert offer is not None
    return offer


def _until(session: SessionWindow, fast: FastSessions, kind: str, side: str) -> None:
    controller = session.controller
    for _ in range(60):
        phase = controller.snapshot().phase
        if (phase.kind, phase.side) == (kind, side):
            return
        fast.clock.advance(0.5)
        controller.wake()
    raise AssertionError(f"no {kind} on the {side} side")


def test_after_esc_the_start_page_offers_the_rest_at_that_point_and_side(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    offer = _offer(window)
    assert not offer.panel.isVisibleTo(window)  # nothing cut short yet
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    qtbot.waitUntil(session.isActiveWindow, timeout=3000)
    session.controller.start()
    _until(session, fast, "press", "right")  # the first point's second side
    qtbot.keyClick(session, Qt.Key.Key_Escape)
    qtbot.keyClick(session, Qt.Key.Key_Escape)  # asked, and confirmed
    assert session.controller.state == "stopped"
    session.close()
    window.show_page("welcome")
    qtbot.waitUntil(lambda: offer.panel.isVisibleTo(window), timeout=3000)
    text = offer.panel.text.text()
    assert "Quick test routine" in text and "point 1 of 2" in text and "your right side" in text
    with qtbot.waitSignal(window.sessionStarted) as again:
        offer.panel.continue_button.click()
    resumed = again.args[0]
    assert "Continuing where you stopped" in resumed.column.resume_label.text()
    snap = resumed.controller.snapshot()
    assert (snap.phase.kind, snap.phase.side, snap.point_number) == ("switch", "right", 1)
    resumed.controller.start()
    assert resumed.controller.snapshot().phase.kind == "switch"  # not from the beginning
    assert not offer.panel.continue_button.isEnabled()  # one session at a time
    fast.run(resumed)
    resumed.close()
    assert rows()[0].status == "completed"  # type: ignore[attr-defined]
    assert not offer.panel.isVisibleTo(window)  # finished: nothing left to continue


def test_a_crashed_session_is_offered_and_not_now_hides_it(
    qtbot: QtBot, real_app: RealApp
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    with HistoryStore() as store:  # a run that died in the second point (its lock is gone)
        session_id = store.start_session(QUICK_ID, "Quick test routine", 14.0)
        store.update_progress(session_id, 11.5)
        store.finish_session(session_id, "interrupted", 11.5)
    window = real_app.window()
    offer = _offer(window)
    qtbot.waitUntil(lambda: offer.panel.isVisibleTo(window), timeout=3000)
    assert "point 2 of 2" in offer.panel.text.text()
    assert "your left side" in offer.panel.text.text()
    offer.panel.dismiss_button.click()
    assert not offer.panel.isVisibleTo(window)
    assert open_sessions() == []


def test_nothing_is_offered_after_i_feel_unwell(
    qtbot: QtBot, real_app: RealApp
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    with HistoryStore() as store:
        session_id = store.start_session(QUICK_ID, "Quick test routine", 14.0)
        store.finish_session(session_id, "unwell", 6.0)
    window = real_app.window()
    offer = _offer(window)
    offer.refresh()
    assert offer.current is None and not offer.panel.isVisibleTo(window)
