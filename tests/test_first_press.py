"""The first minutes: from launch to pressure on the first point in few clicks and little time.

Aim (issue 20): at most 3 clicks and 30 s from launch to the first press, not counting the
one-time safety page; every built-in routine presses within 15 s of Start.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.app_helpers import FastSessions, RealApp, rating_dialog
from tpguide import resources
from tpguide.core.routines.loader import load_routine_file
from tpguide.core.session.planner import make_plan
from tpguide.core.settings import SettingsStore

FIRST_PRESS_WITHIN = 15.0
"""Seconds from Start to the first press, for every built-in routine."""
MAX_CLICKS = 3


def builtin_files() -> list[str]:
    return sorted(p.name for p in resources.routines_dir().glob("*.yaml"))


@pytest.mark.parametrize("name", builtin_files())
def test_every_built_in_routine_presses_within_15_s_of_start(name: str) -> None:
    routine = load_routine_file(resources.routines_dir() / name).routine
    assert routine is not None
    first = next(p for p in make_plan(routine).phases if p.kind == "press")
    assert first.start <= FIRST_PRESS_WITHIN, (routine.id, first.start)




class Person:
    """Clicks as a person would (on the button's middle) and counts the clicks."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.clicks = 0

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.clicks += 1
        middle = QPoint(button.width() // 2, button.height() // 2)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=middle)


def test_from_a_fresh_launch_to_the_first_press(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    """Fresh home: no settings, no history. Start, one tap on the pain scale, Start in the
    session window: the first press follows within the routine's short get-ready."""
    assert not SettingsStore().load().safety_acknowledged
    window = real_app.window()
    person = Person(qtbot)
    begins = window.welcome.suggestion.text()
    assert begins.startswith("Start begins:")
    sh.answer_gate(True)  # the one-time safety page: read once, not counted
    person.click(window.header.start)
    question = rating_dialog("before")
    assert question is not None
    with qtbot.waitSignal(window.sessionStarted) as started:
        person.click(question.panel.scale.button(4))
    session = started.args[0]
    qtbot.waitUntil(session.isActiveWindow, timeout=3000)
    person.click(session.controls.start_button)
    controller = session.controller
    assert controller.state == "running"
    waited = 0.0
    while controller.snapshot().phase.kind != "press":
        fast.clock.advance(0.5)
        waited += 0.5
        controller.wake()
        assert waited <= FIRST_PRESS_WITHIN, "no press within 15 s of Start"
    assert person.clicks <= MAX_CLICKS
    assert QApplication.activeWindow() is session
