"""A short session on the real clock: every phase shown and every cue requested, in order."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.session_helpers import start_session
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.theme import phase_word


def _open(qtbot: QtBot, player: RecordingCuePlayer, **kw: object) -> SessionWindow:
    window = start_session(sh.routine(), store=sh.store(), cue_player=player, **kw)  # type: ignore[arg-type]
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_real_clock_session_shows_every_phase_and_requests_every_cue_in_order(
    qtbot: QtBot,
) -> None:
    player = RecordingCuePlayer()
    window = _open(qtbot, player)
    plan = make_plan(sh.routine())
    shown: list[tuple[int, str, str]] = []

    def record(snapshot: object) -> None:
        column = window.column
        entry = (window.controller.engine.index, column.phase_label.text(), column.ring.text())
        if not shown or shown[-1][:2] != entry[:2]:
            shown.append(entry)

    window.controller.snapshotChanged.connect(record)
    sh.activate(qtbot, window)
    assert window.controller.state == "idle"
    with qtbot.waitSignal(window.controller.finished, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    indexes = [index for index, _, _ in shown]
    assert indexes == list(range(len(plan.phases)))
    assert [word for _, word, _ in shown] == [phase_word(p.kind) for p in plan.phases]
    # each timed phase first appears with its full length on the countdown
    for (_, _, ring), phase in zip(shown, plan.phases, strict=True):
        if phase.duration:
            assert ring == str(round(phase.duration))
    assert player.cues == sh.reference_cues(plan)
    # 1 s phases leave no room for speech before the next tone; the 2 s presses say "Press"
    assert [c for c in player.cues if c.startswith("voice:")] == [
        "voice:press", "voice:press", "voice:press", "voice:session-complete"]
    assert window.column.say_label.text() == ""  # the rest's say text is gone once the rest is over
    tones = [(t, cue) for t, cue in player.played if cue in ("prepare", "press", "release",
                                                             "switch", "rest", "done")]
    for (t, cue), phase in zip(tones, plan.phases, strict=True):
        assert cue == phase.kind
        assert abs((t - tones[0][0]) - phase.start) < 0.25, (cue, t - tones[0][0], phase.start)


def test_preview_speed_runs_ten_times_faster(qtbot: QtBot) -> None:
    player = RecordingCuePlayer()
    window = _open(qtbot, player, speed=10.0)
    plan = make_plan(sh.routine())
    assert window.controller.speed == 10.0
    started = time.monotonic()
    with qtbot.waitSignal(window.controller.finished, timeout=10_000):
        window.controller.start()
    assert time.monotonic() - started < plan.total_seconds / 3
    assert player.cues == sh.reference_cues(plan)


def test_pause_and_resume_with_space(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock=clock)
    sh.activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.state == "running"
    assert window.controls.start_button.text() == "Pause"
    qtbot.keyClick(window.controls.start_button, Qt.Key.Key_Space)
    assert window.controller.state == "paused"
    assert window.controls.start_button.text() == "Resume"
    assert window.column.ring.caption() == "paused"
    assert not window.controller.timer.isActive()
    played = list(player.cues)
    clock.advance(30)
    window.controller.wake()
    assert player.cues == played
    assert window.controller.state == "paused"
    qtbot.keyClick(window.controls.stop_button, Qt.Key.Key_Space)
    assert window.controller.state == "running"
    assert window.controller.timer.isActive()
    clock.advance(1)
    window.controller.wake()
    assert player.cues[len(played):] == ["press", "voice:press"]
    assert window.column.phase_label.text() == "PRESS"


def test_one_precise_single_shot_timer(qtbot: QtBot) -> None:
    window = _open(qtbot, RecordingCuePlayer())
    timer = window.controller.timer
    assert timer.isSingleShot()
    assert timer.timerType() == Qt.TimerType.PreciseTimer
    window.controller.start()
    assert timer.isActive()
    assert timer.remainingTime() <= 1000
