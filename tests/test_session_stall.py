"""Stalls, missing audio and slow-loading sounds, driven by an injected clock (no waiting)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.session_helpers import start_session
from tpguide.core.session.cues import (
    NullCuePlayer,
    RecordingCuePlayer,
    announcements,
    cues_for_event,
)
from tpguide.core.session.engine import SessionEngine
from tpguide.core.session.planner import make_plan
from tpguide.ui.session.window import SessionWindow


def _open(qtbot: QtBot, player: object, clock: sh.FakeClock, text: str = sh.QUICK
          ) -> SessionWindow:
    window = start_session(sh.routine(text), store=sh.store(),
                           cue_player=player, clock=clock)  # type: ignore[arg-type]
    assert window is not None
    qtbot.addWidget(window)
    return window


MIDDLE = sh.QUICK.replace("press: 2s", "press: 4s")  # 19 s in all


def _newest_cues_after(seconds: float) -> list[str]:
    """What the core says the newest sounding event is, once ``seconds`` have passed."""
    plan = make_plan(sh.routine(MIDDLE))
    clock = sh.FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.poll()
    clock.advance(seconds)
    announce = announcements(plan.phases)
    batches = [cues_for_event(e, announce) for e in engine.poll()]
    return [b for b in batches if b][-1]


def test_a_15_second_gap_pauses_and_sounds_only_the_newest_cue(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock, MIDDLE)
    window.controller.start()
    assert window.controller.state == "running"
    before = len(player.cues)
    armed = window.controller.timer.remainingTime()
    assert 0 <= armed <= 1000
    clock.advance(15.0)  # the machine slept: the timer fires about 14 s late
    with qtbot.waitSignal(window.controller.stalled) as stalled:
        window.controller.wake()
    assert stalled.args[0] > 10
    assert window.controller.state == "paused"
    assert player.cues[before:] == _newest_cues_after(15.0)
    assert len(player.cues[before:]) <= 3  # one tone and its voice prompts, not a burst
    assert "did not respond" in window.notice_text()
    assert not window.controller.timer.isActive()
    window.controller.toggle()  # Space: go on
    assert window.controller.state == "running"
    assert "did not respond" not in window.notice_text()


def test_a_gap_with_nothing_due_still_pauses(qtbot: QtBot) -> None:
    long = sh.QUICK.replace("press: 2s", "press: 60s")
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = start_session(sh.routine(long), store=sh.store(), cue_player=player, clock=clock)
    assert window is not None
    qtbot.addWidget(window)
    window.controller.start()
    clock.advance(1.0)
    window.controller.wake()  # press starts, the countdown now wakes every second
    before = len(player.cues)
    clock.advance(15.0)
    window.controller.wake()
    assert window.controller.state == "paused"
    assert player.cues[before:] == []


def test_a_short_delay_plays_everything(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    window = _open(qtbot, player, clock)
    window.controller.start()
    clock.advance(1.3)  # prepare over, press started 0.3 s ago: late, but not a stall
    window.controller.wake()
    assert window.controller.state == "running"
    assert player.cues[-2:] == ["press", "voice:press"]


def test_no_sound_device_shows_a_notice_once_and_still_runs(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = NullCuePlayer("No sound device: cues are visual only")
    window = _open(qtbot, player, clock)
    assert window.notice_text() == "No sound device: cues are visual only"
    assert window._notice.isVisible()
    window.controller.start()
    assert window.controller.state == "running"
    plan = make_plan(sh.routine())
    with qtbot.waitSignal(window.controller.finished):
        for _ in range(100):
            clock.advance(0.5)
            window.controller.wake()
            if window.controller.state == "finished":
                break
    assert window.column.phase_label.text() == "DONE"
    assert window.notice_text() == "No sound device: cues are visual only"
    assert plan.total_seconds <= 50


def test_no_sound_notice_has_a_default_wording(qtbot: QtBot) -> None:
    window = _open(qtbot, NullCuePlayer(), sh.FakeClock())
    assert window.notice_text() == "No sound device: cues are visual only"


class SlowPlayer(RecordingCuePlayer):
    """Reports ready only when the test says so (QSoundEffect loads asynchronously)."""

    def __init__(self, clock: sh.FakeClock) -> None:
        super().__init__(clock)
        self.waiting: list[Callable[[bool], None]] = []
        self.loads = 0

    @property
    def ready(self) -> bool:
        return False

    def load(self) -> None:
        self.loads += 1

    def when_ready(self, callback: Callable[[bool], None]) -> None:
        self.waiting.append(callback)


def test_first_phase_waits_until_the_sounds_are_ready(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = SlowPlayer(clock)
    window = _open(qtbot, player, clock)
    assert player.loads == 1
    with qtbot.waitSignal(window.controller.waitingForSound) as waiting:
        window.controller.toggle()
    assert waiting.args == [True]
    assert window.controller.state == "idle"
    assert window.column.loading.isVisibleTo(window)
    assert player.cues == []
    for callback in player.waiting:
        callback(True)
    assert window.controller.state == "running"
    assert not window.column.loading.isVisibleTo(window)
    assert player.cues[0] == "prepare"


def test_closing_before_the_sounds_load_never_starts(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    player = SlowPlayer(clock)
    window = _open(qtbot, player, clock)
    window.controller.toggle()
    window.close()
    for callback in player.waiting:
        callback(True)
    assert window.controller.state == "stopped"
    assert player.cues == []
