"""The keyboard's media keys act like the session's own keys (UI.md's one key map)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui.session.window import SessionWindow

Key = Qt.Key


def press(widget: QWidget, key: Key) -> None:
    """A key press and release as the keyboard sends a media key (no text: QTest would warn
    that it has no character for it)."""
    QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, "", Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def window(qtbot: QtBot) -> tuple[SessionWindow, RecordingCuePlayer]:
    player = RecordingCuePlayer()
    win = sh.start_session(sh.routine(), store=sh.store(), cue_player=player,
                           clock=sh.FakeClock())
    assert win is not None
    qtbot.addWidget(win)
    sh.activate(qtbot, win)
    return win, player


def test_play_pauses_and_resumes_and_pause_only_pauses(
        qtbot: QtBot, window: tuple[SessionWindow, RecordingCuePlayer]) -> None:
    win, _ = window
    c = win.controller
    press(win, Key.Key_MediaPlay)
    assert c.state == "running"
    press(win, Key.Key_MediaTogglePlayPause)
    assert c.state == "paused"
    press(win, Key.Key_MediaPlay)
    assert c.state == "running"
    press(win, Key.Key_MediaPause)
    press(win, Key.Key_MediaPause)  # a second Pause does not resume
    assert c.state == "paused"


def test_next_skips_previous_goes_back(qtbot: QtBot,
                                       window: tuple[SessionWindow, RecordingCuePlayer]) -> None:
    win, _ = window
    c = win.controller
    press(win, Key.Key_MediaPlay)
    press(win, Key.Key_MediaNext)
    assert c.snapshot().index == 1
    press(win, Key.Key_MediaPrevious)
    assert c.snapshot().index == 0


def test_stop_asks_by_voice_and_a_second_stop_stops(
        qtbot: QtBot, window: tuple[SessionWindow, RecordingCuePlayer]) -> None:
    win, player = window
    press(win, Key.Key_MediaPlay)
    press(win, Key.Key_MediaStop)
    assert win.findChild(QLabel, "stop_question").isVisible()
    assert player.cues[-1] == "voice:stop-question" and win.controller.state == "running"
    qtbot.keyClick(win, Key.Key_Escape)  # Esc and the Stop key are the same question
    assert win.controller.state == "stopped"


def test_the_stop_question_is_not_spoken_with_the_voice_off(qtbot: QtBot) -> None:
    player = RecordingCuePlayer()
    win = sh.start_session(sh.routine(), store=sh.store(voice=False), cue_player=player,
                           clock=sh.FakeClock())
    assert win is not None
    qtbot.addWidget(win)
    win.controller.start()
    win.request_stop()
    assert "voice:stop-question" not in player.cues
