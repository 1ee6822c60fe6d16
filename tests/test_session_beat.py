"""The session window with a stream that reads ahead: the controller's one timer hands every
cue over early enough to be heard on its boundary, and a sound output that goes away pauses
the session with a notice until Start opens the new one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.session_helpers import start_session
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui.session.window import SessionWindow

LEAD = 0.25
BRIEF = sh.QUICK.replace("defaults: {prepare: 1s, press: 2s, release: 1s, cycles: 1, rest: 1s,"
                         " switch: 1s}", "defaults: {prepare: 1s, press: 1s, release: 1s, "
                         "cycles: 1, rest: 1s, switch: 1s}")


def _open(qtbot: QtBot, player: RecordingCuePlayer, text: str = BRIEF,
          **kw: object) -> SessionWindow:
    window = start_session(sh.routine(text), store=sh.store(), cue_player=player,
                           **kw)  # type: ignore[arg-type]
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_on_the_real_clock_every_tone_is_heard_on_its_boundary(qtbot: QtBot) -> None:
    player = RecordingCuePlayer(lead=LEAD)
    window = _open(qtbot, player)
    controller = window.controller
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start()
    engine = controller.engine
    tones = [(t, cue) for t, cue in player.played if cue in ("prepare", "press", "release",
                                                             "switch", "rest", "done")]
    assert [cue for _, cue in tones] == [p.kind for p in engine.plan.phases]
    # handed over a lead and a margin ahead, each is heard when its phase begins (the first
    # counts from when its cue is heard; a tick due with it may add microseconds)
    for index, (heard, _) in enumerate(tones):
        assert heard == pytest.approx(engine.start_time(index), abs=1e-4), index


def test_a_lost_output_pauses_with_a_notice_and_start_reopens_it(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock=clock)
    sh.activate(qtbot, window)
    controller = window.controller
    controller.start()
    clock.advance(1.5)
    controller.wake()
    assert controller.state == "running"
    with qtbot.waitSignal(controller.soundLost):
        player.lose("The sound output went away, so the session is paused.")
    assert controller.state == "paused"
    assert window.notice_text() == "The sound output went away, so the session is paused."
    left = controller.snapshot().phase_remaining
    clock.advance(20.0)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # Start: open the output there is now, go on
    assert player.reopens == 1
    assert controller.state == "running"
    assert controller.snapshot().phase_remaining == left
    assert window.notice_text() == ""


def test_a_lost_output_before_the_start_is_reopened_by_it(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock=clock)
    controller = window.controller
    player.lose("The sound output changed, so the session is paused.")
    assert controller.state == "idle"
    controller.toggle()
    assert player.reopens == 1 and controller.state == "running"
    assert player.cues[0] == "prepare"


def test_a_lost_output_after_the_end_changes_nothing(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock=clock)
    window.unwell()
    player.lose("gone")
    assert window.controller.state == "stopped" and window.unwell_panel.isVisible()
    assert player.reopens == 0


def test_screen_readers_hear_each_phase_once_and_never_the_countdown(qtbot: QtBot) -> None:
    from tpguide.ui.session.announce import announcements
    from tpguide.ui.widgets.theme import phase_word

    clock = sh.FakeClock()
    window = _open(qtbot, RecordingCuePlayer(clock), sh.QUICK, clock=clock)
    said: list[str] = []
    announcements().said.connect(said.append)
    try:
        window.controller.start()
        while window.controller.state == "running":
            clock.advance(0.25)  # the countdown changes every second: never said
            window.controller.wake()
    finally:
        announcements().said.disconnect(said.append)
    phases = window.controller.engine.plan.phases
    assert len(said) == len(phases)
    for text, phase in zip(said, phases, strict=True):
        assert text.startswith(phase_word(phase.kind) + ". "), text
    assert said[1] == "PRESS. Upper trapezius, top of the shoulder, your left side. 2 seconds."
    assert said[-1] == "DONE. Session complete."


def test_unmuting_hands_the_coming_cues_over_again(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock, lead=LEAD)
    window = _open(qtbot, player, clock=clock)
    controller = window.controller
    controller.start()
    clock.advance(0.9)  # the press is due at 1.25 s: handed over by now
    controller.wake()
    controller.set_muted(True)
    controller.wake()
    controller.set_muted(False)
    press = controller.engine.start_time(1)
    assert [(t, c) for t, c in player.played if c == "press"] == [(press, "press")]
