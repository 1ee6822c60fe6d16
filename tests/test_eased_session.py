"""A hold-until-eased session in the window: the screen says so, Right / "It eased" / media
Next end the press, the 0-10 keys rate the point, and the diary gets the right rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.session_helpers import activate
from tests.test_session_recording import Monotonic
from tpguide.core.diary.store import HistoryStore
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.controller import SessionController
from tpguide.ui.session.press_log import PressLog
from tpguide.ui.session.recording import record_session
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.theme import make_theme

HOLDS = """\
tpguide: 1
id: holds
title: Holds
defaults: {prepare: 2s, press: 20s, release: 5s, cycles: 2, rest: 0s, switch: 2s}
steps:
  - point: upper-trapezius.1
    side: both
    until_eased: true
  - point: temporalis.1
    side: left
    cycles: 1
"""
Key = Qt.Key


@pytest.fixture
def routine() -> Routine:
    result = load_routine_text(HOLDS)
    assert result.routine is not None, result.diagnostics
    return result.routine


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    with HistoryStore() as opened:  # the per-test TPGUIDE_HOME
        yield opened


def _window(qtbot: QtBot, routine: Routine, clock: Monotonic, keys: bool = True,
            lead: float = 0.0) -> tuple[SessionWindow, RecordingCuePlayer]:
    player = RecordingCuePlayer(clock, lead=lead)
    controller = SessionController(make_plan(routine), player, clock=clock)
    window = SessionWindow(controller, routine, make_theme(False, False))
    controller.setParent(window)
    window.attach_press_log(PressLog(controller, player, keys=keys))
    qtbot.addWidget(window)
    window.resize(1100, 720)
    activate(qtbot, window)  # the keys are window-wide shortcuts
    return window, player


def _run(window: SessionWindow, clock: Monotonic, seconds: float, most: float = 1.0) -> None:
    while seconds > 1e-9:
        step = min(seconds, most)
        clock.now += step
        seconds -= step
        window.controller.wake()


def test_holds_eased_by_key_button_and_media_next_and_one_that_did_not_ease(
        qtbot: QtBot, routine: Routine, store: HistoryStore) -> None:
    clock = Monotonic()
    window, player = _window(qtbot, routine, clock)
    recorder = record_session(window, store, routine, 5, ask_after=False)
    window.controller.start()
    column, skip = window.column, window.controls.skip_button
    _run(window, clock, 2 + 6)                    # 6 s into the left side's first press
    assert column.eased_label.isVisible()
    assert column.eased_label.text() == "Hold until it eases - press Right when it does"
    assert skip.text() == "It eased"
    qtbot.keyClick(window, Key.Key_6)
    assert player.cues[-1] == "voice:count-6"
    assert column.tender_label.text() == "Tenderness here: 6/10"
    qtbot.keyClick(window, Key.Key_Right)         # eased after 6 s
    assert window.controller.snapshot().phase.kind == "release"
    assert skip.text() == "Skip" and not column.eased_label.isVisible()
    qtbot.keyClick(window, Key.Key_1)
    qtbot.keyClick(window, Key.Key_0)             # 1 then 0 at once: 10, in the release
    assert player.cues[-1] == "voice:count-10"
    _run(window, clock, 5 + 20)                   # the second press reaches 20 s: not eased
    _run(window, clock, 5 + 2 + 9.5)              # release, switch, 9.5 s into the right side
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)  # the "It eased" button
    _run(window, clock, 5 + 12)
    qtbot.keyClick(window, Key.Key_MediaNext)     # media Next: eased after 12 s
    _run(window, clock, 5 + 2 + 4)                # into the temporalis press (fixed)
    assert skip.text() == "Skip" and not column.eased_label.isVisible()
    qtbot.keyClick(window, Key.Key_3)
    _run(window, clock, 40)
    assert window.controller.state == "finished"
    assert recorder.session_id is not None
    rows = [(r.point, r.side, r.cycle, r.outcome, r.held_seconds, r.tenderness)
            for r in store.presses(session_id=recorder.session_id)]
    assert rows == [
        ("upper-trapezius.1", "left", 1, "eased", 6.0, 10),
        ("upper-trapezius.1", "left", 2, "not-eased", 20.0, None),
        ("upper-trapezius.1", "right", 1, "eased", 9.5, None),
        ("upper-trapezius.1", "right", 2, "eased", 12.0, None),
        ("temporalis.1", "left", 1, "timed", 20.0, 3),
    ]
    # the row counts the plan's timeline, which the early ends moved up, not wall time
    assert store.sessions()[0].completed_seconds == pytest.approx(
        make_plan(routine).total_seconds)


def test_the_tenderness_keys_can_be_turned_off(qtbot: QtBot, routine: Routine,
                                               store: HistoryStore) -> None:
    clock = Monotonic()
    window, player = _window(qtbot, routine, clock, keys=False)
    recorder = record_session(window, store, routine, None, ask_after=False)
    window.controller.start()
    _run(window, clock, 2 + 3)
    qtbot.keyClick(window, Key.Key_7)
    assert "voice:count-7" not in player.cues
    assert not window.column.tender_label.isVisible()
    window.controller.stop()
    assert store.presses(session_id=recorder.session_id) == []


def test_it_eased_is_a_jump_the_release_is_heard_at_once_and_counts_from_then(
        qtbot: QtBot, routine: Routine, store: HistoryStore) -> None:
    lead = 0.25  # a stream that reads this far ahead, as PulseAudio's does
    clock = Monotonic()
    window, player = _window(qtbot, routine, clock, lead=lead)
    recorder = record_session(window, store, routine, None, ask_after=False)
    window.controller.start()
    _run(window, clock, lead + 2 + 6, most=0.05)  # 6 s into the first press, as heard
    pressed = clock.now
    qtbot.keyClick(window, Key.Key_Right)
    assert window.controller.snapshot().phase.kind == "release"  # the screen at once
    releases = [t for t, cue in player.played if cue == "release"]
    assert releases == [pytest.approx(pressed + lead)]  # as soon as the stream allows
    _run(window, clock, lead + 4.95, most=0.05)
    assert window.controller.snapshot().phase.kind == "release"  # the full 5 s, from its tone
    _run(window, clock, 0.1, most=0.05)
    assert window.controller.snapshot().phase.kind == "press"
    presses = [t for t, cue in player.played if cue == "press"]
    assert presses[-1] == pytest.approx(pressed + lead + 5.0, abs=1e-6)
    rows = store.presses(session_id=recorder.session_id)
    assert [(r.outcome, r.cycle) for r in rows] == [("eased", 1)]
    assert rows[0].held_seconds == pytest.approx(6.0, abs=0.06)  # the hold as heard
    window.controller.stop()
