"""Every shortcut works whatever has focus, buttons never swallow Space, "unwell" asks nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tpguide.core import safety_text as st
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.controller import SessionController
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.theme import make_theme

Key = Qt.Key


class RecordingController(SessionController):
    """Records each control instead of acting on it, so one window serves every key."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.calls: list[str] = []

    def toggle(self) -> None:
        self.calls.append("toggle")

    def skip(self) -> None:
        self.calls.append("skip")

    def back(self) -> None:
        self.calls.append("back")

    def next_point(self) -> None:
        self.calls.append("next_point")

    def previous_point(self) -> None:
        self.calls.append("previous_point")

    def stop(self, reason: str = "user") -> bool:
        self.calls.append(f"stop:{reason}")
        return True


@pytest.fixture
def window(qtbot: QtBot) -> SessionWindow:
    routine = sh.routine()
    controller = RecordingController(make_plan(routine), RecordingCuePlayer(),
                                     clock=sh.FakeClock())
    win = SessionWindow(controller, routine, make_theme(False, False))
    controller.setParent(win)
    qtbot.addWidget(win)
    win.resize(1100, 720)
    sh.activate(qtbot, win)
    controller.prepare()
    SessionController.start(controller)  # running, so that Esc asks before stopping
    return win


def _targets(win: SessionWindow) -> list[QWidget]:
    """The window and every control that can hold the focus (visible buttons included)."""
    focusable = [w for w in win.findChildren(QWidget)
                 if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    buttons = [b for b in win.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 10
    return [win, win.body, *dict.fromkeys(focusable + buttons)]


SIMPLE = [(Key.Key_Space, "toggle"), (Key.Key_Right, "skip"), (Key.Key_Left, "back"),
          (Key.Key_PageDown, "next_point"), (Key.Key_PageUp, "previous_point")]


@pytest.mark.parametrize(("key", "call"), SIMPLE)
def test_control_keys_work_with_focus_anywhere(
    qtbot: QtBot, window: SessionWindow, key: Key, call: str
) -> None:
    controller = window.controller
    assert isinstance(controller, RecordingController)
    for target in _targets(window):
        target.setFocus()
        controller.calls.clear()
        qtbot.keyClick(target, key)
        assert controller.calls == [call], (target.objectName() or type(target).__name__)


def test_escape_asks_then_a_second_escape_stops(qtbot: QtBot, window: SessionWindow) -> None:
    controller = window.controller
    assert isinstance(controller, RecordingController)
    for target in _targets(window):
        target.setFocus()
        controller.calls.clear()
        qtbot.keyClick(target, Key.Key_Escape)
        assert controller.calls == []
        assert window._confirm.isVisible()
        assert sh.open_dialogs() == []  # the question is in the window: U keeps working
        qtbot.keyClick(target, Key.Key_Escape)
        assert controller.calls == ["stop:user"]
        assert not window._confirm.isVisible()


def test_enter_confirms_only_while_asking(qtbot: QtBot, window: SessionWindow) -> None:
    controller = window.controller
    assert isinstance(controller, RecordingController)
    qtbot.keyClick(window, Key.Key_Return)
    assert controller.calls == []
    qtbot.keyClick(window, Key.Key_Escape)
    qtbot.keyClick(window.controls.skip_button, Key.Key_Return)
    assert controller.calls == ["stop:user"]


def test_u_stops_at_once_and_shows_what_to_do(qtbot: QtBot, window: SessionWindow) -> None:
    controller = window.controller
    assert isinstance(controller, RecordingController)
    for target in _targets(window):
        target.setFocus()
        controller.calls.clear()
        qtbot.keyClick(target, Key.Key_U)
        assert controller.calls == ["stop:unwell"]
        assert window.unwell_panel.isVisible()
        assert sh.open_dialogs() == []
        window.unwell_panel.hide()


def test_f11_and_m_toggle_with_focus_anywhere(qtbot: QtBot, window: SessionWindow) -> None:
    player = window.controller._player
    assert isinstance(player, RecordingCuePlayer)
    for target in _targets(window):
        target.setFocus()
        qtbot.keyClick(target, Key.Key_M)
        assert window.muted and player.muted
        assert window.controls.mute_button.text() == "Unmute"
        qtbot.keyClick(target, Key.Key_M)
        assert not window.muted and not player.muted
        qtbot.keyClick(target, Key.Key_F11)
        qtbot.waitUntil(window.isFullScreen, timeout=2000)
        qtbot.keyClick(target, Key.Key_F11)
        qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
        assert window.controller.calls == []  # type: ignore[attr-defined]


VOLUME_KEYS = [(Key.Key_Plus, Qt.KeyboardModifier.NoModifier, 0.1),
               (Key.Key_Equal, Qt.KeyboardModifier.NoModifier, 0.1),
               (Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier, 0.1),
               (Key.Key_Minus, Qt.KeyboardModifier.NoModifier, -0.1),
               (Key.Key_Minus, Qt.KeyboardModifier.KeypadModifier, -0.1)]


@pytest.mark.parametrize(("key", "modifier", "step"), VOLUME_KEYS)
def test_volume_keys_work_with_focus_anywhere(
    qtbot: QtBot, window: SessionWindow, key: Key, modifier: Qt.KeyboardModifier, step: float
) -> None:
    player = window.controller._player
    assert isinstance(player, RecordingCuePlayer)
    for target in _targets(window):
        window.change_volume(0.5 - window.volume)
        target.setFocus()
        with qtbot.waitSignal(window.volumeChanged) as changed:
            qtbot.keyClick(target, key, modifier)
        assert changed.args == [pytest.approx(0.5 + step)]
        assert player.volume == pytest.approx(0.5 + step)
        assert window.controls.volume_label.text() == f"{round((0.5 + step) * 100)} %"


def test_volume_buttons_step_and_stop_at_the_ends(qtbot: QtBot, window: SessionWindow) -> None:
    controls = window.controls
    window.change_volume(1.0)
    assert window.volume == 1.0 and not controls.louder_button.isEnabled()
    for _ in range(10):
        controls.quieter_button.click()
    assert window.volume == 0.0 and not controls.quieter_button.isEnabled()
    controls.louder_button.click()
    assert window.volume == pytest.approx(0.1) and controls.quieter_button.isEnabled()
    assert controls.louder_button.toolTip() == "Louder (key: +)"
    window.toggle_mute()
    controls.louder_button.click()  # a muted session is heard again
    assert not window.muted and window.volume == pytest.approx(0.2)


def test_escape_closes_at_once_before_the_start(qtbot: QtBot) -> None:
    win = SessionWindow(SessionController(make_plan(sh.routine()), RecordingCuePlayer()),
                        sh.routine(), make_theme(False, False))
    qtbot.addWidget(win)
    sh.activate(qtbot, win)
    with qtbot.waitSignal(win.closed):
        qtbot.keyClick(win.controls.start_button, Key.Key_Escape)


def test_buttons_name_their_shortcut(window: SessionWindow) -> None:
    for button in window.findChildren(QPushButton):
        if not button.isVisible():
            continue
        assert button.accessibleName()
        assert "(key: " in button.toolTip(), button.text()
    assert window.controls.unwell_button.toolTip().endswith("(key: U)")
    assert window.controls.start_button.toolTip().endswith("(key: Space)")


def test_unwell_for_real_ends_the_session_without_a_dialog(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    from tests.session_helpers import start_session

    win = start_session(sh.routine(), store=sh.store(), cue_player=player, clock=clock)
    assert win is not None
    qtbot.addWidget(win)
    sh.activate(qtbot, win)
    win.controller.start()
    clock.advance(1.5)
    win.controller.wake()
    assert win.controller.state == "running"
    with qtbot.waitSignal(win.controller.stopped) as stopped:
        qtbot.mouseClick(win.controls.unwell_button, Qt.MouseButton.LeftButton)
    assert stopped.args == ["unwell"]
    assert win.controller.state == "stopped"
    assert sh.open_dialogs() == []
    assert player.stops >= 1
    assert not win.controller.timer.isActive()
    texts = win.unwell_panel.texts()
    for rule in st.STOP_RULES.items + st.URGENT_CARE.items:
        assert any(rule in text for text in texts), rule
    assert win.unwell_panel.isVisible()
    assert win.unwell_panel.geometry() == win.rect()
    labels = win.unwell_panel.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    cues = list(player.cues)
    clock.advance(60)
    win.controller.wake()
    assert player.cues == cues  # nothing sounds after the stop
    with qtbot.waitSignal(win.closed):
        qtbot.mouseClick(win.unwell_panel.close_button, Qt.MouseButton.LeftButton)
