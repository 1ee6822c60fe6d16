"""What the session window shows: texts, theme contrast, calm mode, pulsing, spoken text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.session_helpers import start_session
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.settings import SettingsStore
from tpguide.ui.session import controller as session_controller
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.phase_badge import CountdownRing, PhaseBadge
from tpguide.ui.widgets.theme import (
    PHASE_SHAPES,
    SHAPE_CONTRAST,
    TEXT_CONTRAST,
    contrast_ratio,
    countdown_text,
    make_theme,
    phase_word,
    session_pressure,
    side_text,
)


class FakeSpeaker:
    def __init__(self, available: bool = True) -> None:
        self.available = available
        self.said: list[str] = []
        self.muted = False

    def say(self, text: str) -> bool:
        self.said.append(text)
        return True

    def stop(self) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        self.muted = muted


def _open(qtbot: QtBot, clock: sh.FakeClock, text: str = sh.QUICK, **kw: object
          ) -> SessionWindow:
    store = kw.pop("store", None) or sh.store()
    window = start_session(sh.routine(text), store=store,  # type: ignore[arg-type]
                           cue_player=RecordingCuePlayer(clock), clock=clock, **kw)
    assert window is not None
    qtbot.addWidget(window)
    return window


def _go(window: SessionWindow, clock: sh.FakeClock, kind: str, side: str | None = None) -> None:
    """Advance the fake clock until a phase of ``kind`` (and ``side``) is on screen."""
    for _ in range(200):
        phase = window.controller.engine.snapshot().phase
        if phase.kind == kind and (side is None or phase.side == side):
            return
        clock.advance(0.25)
        window.controller.wake()
    raise AssertionError(f"no {kind} phase")


# ----- theme ----------------------------------------------------------------------------------
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("calm", [False, True])
def test_every_text_colour_has_enough_contrast(dark: bool, calm: bool) -> None:
    theme = make_theme(dark, calm)
    for what, fg, bg in theme.text_pairs():
        assert contrast_ratio(fg, bg) >= TEXT_CONTRAST, (what, fg, bg)
    for style in theme.phases.values():
        assert contrast_ratio(style.colour, theme.window) >= SHAPE_CONTRAST, style
    assert contrast_ratio(theme.unwell, theme.window) >= SHAPE_CONTRAST


def test_calm_colours_are_dimmer_and_less_saturated() -> None:
    from PySide6.QtGui import QColor

    for dark in (False, True):
        plain, calm = make_theme(dark, False), make_theme(dark, True)
        for kind in PHASE_SHAPES:
            a, b = QColor(plain.phase(kind).colour), QColor(calm.phase(kind).colour)
            assert b.hsvSaturationF() < a.hsvSaturationF(), kind
        if not dark:
            assert QColor(calm.window).value() < QColor(plain.window).value()


def test_each_phase_has_its_own_word_and_shape() -> None:
    assert len(set(PHASE_SHAPES.values())) == 6
    assert [phase_word(k) for k in PHASE_SHAPES] == [
        "GET READY", "PRESS", "RELEASE", "SWITCH SIDE", "REST", "DONE"]


def test_shapes_and_ring_paint(qtbot: QtBot) -> None:
    badge, ring = PhaseBadge(), CountdownRing()
    qtbot.addWidget(badge)
    qtbot.addWidget(ring)
    for kind in PHASE_SHAPES:
        badge.set_phase(kind, "#D55E00", phase_word(kind))
        assert badge.shape() == PHASE_SHAPES[kind]
        assert not badge.grab().isNull()
    ring.resize(300, 300)
    ring.set_state(0.5, "12", "paused")
    assert not ring.grab().toImage().isNull()


# ----- texts ----------------------------------------------------------------------------------
def test_words_for_side_pressure_and_countdown() -> None:
    assert side_text("left") == "your left side"
    assert side_text("together") == "both sides together"
    assert session_pressure(5) == "moderate, 5/10"
    assert [countdown_text(s) for s in (30, 29.2, 0.01, 90)] == ["30", "30", "1", "1:30"]


def test_the_cue_column_says_what_to_do(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock)
    assert window.column.title_label.text() == "Quick test routine"
    assert "Stop if anything hurts" in window.column.safety_label.text()
    window.controller.start()
    assert window.column.phase_label.text() == "GET READY"
    assert window.column.point_label.text() == default_atlas().points["upper-trapezius.1"].name
    assert window.column.side_label.text() == "your left side"
    assert window.column.info_label.text() == "Pressure: moderate, 5/10    Use: fingertips"
    assert window.column.detail_label.text() == "Pinch <b>gently</b> & slowly."  # shown literally
    cautions = default_atlas().points["upper-trapezius.1"].cautions
    assert cautions and cautions[0] in window.column.caution_label.text()
    _go(window, clock, "press", "right")
    assert window.column.side_label.text() == "your right side"
    _go(window, clock, "prepare")  # the second point has no instructions: the atlas's text
    temporalis = default_atlas().points["temporalis.1"]
    assert window.column.detail_label.text() == f"{temporalis.locate}\n{temporalis.technique}"
    assert window.point_count_label.text() == "point 2 of 2"


def test_every_label_is_plain_text(qtbot: QtBot) -> None:
    window = _open(qtbot, sh.FakeClock())
    window.controller.start()
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


LONG_REST = sh.QUICK.replace("  - rest: 1s\n", "  - rest: 10s\n")
"""QUICK with a rest long enough for its voice prompts (1 s phases say nothing)."""


def test_next_point_is_announced_during_the_rest(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock, LONG_REST)
    window.controller.start()
    assert window.column.next_label.text() == ""
    _go(window, clock, "rest")
    name = default_atlas().points["temporalis.1"].name
    assert window.column.next_label.text() == f"Next: {name}, your left side"
    player = window.controller._player
    assert isinstance(player, RecordingCuePlayer)
    at = len(player.cues) - 1 - player.cues[::-1].index("rest")
    assert player.cues[at:at + 3] == ["rest", "voice:rest", "voice:next-temporalis.1-left"]


NEXT_LINE = """\
tpguide: 1
id: next-line
title: Next line
defaults: {prepare: 1s, press: 2s, release: 1s, cycles: 1, rest: 0s, switch: 1s}
steps:
  - rest: 1s
  - point: upper-trapezius.1
    side: both
  - point: temporalis.1
    side: left
    rest: 1s
  - point: masseter.1
    side: right
"""


def _next_lines(window: SessionWindow, clock: sh.FakeClock) -> list[tuple[int, str, str]]:
    """(index, kind, "Next:" line) as each phase of the whole session comes on screen."""
    window.controller.start()
    shown = [(0, window.controller.engine.snapshot().phase.kind, window.column.next_label.text())]
    for _ in range(200):
        if window.controller.state == "finished":
            break
        clock.advance(0.25)
        window.controller.wake()
        snap = window.controller.engine.snapshot()
        if snap.index != shown[-1][0]:
            shown.append((snap.index, snap.phase.kind, window.column.next_label.text()))
    return shown


NAMES = {p.id: p.name for p in default_atlas().points.values()}


def test_the_next_line_at_every_phase_of_a_session_that_opens_with_a_rest(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock, NEXT_LINE)
    assert _next_lines(window, clock) == [
        (0, "rest", f"Next: {NAMES['upper-trapezius.1']}, your left side"),  # the first phase
        (1, "prepare", ""), (2, "press", ""),
        (3, "release", ""),  # the switch phase names the new side itself
        (4, "switch", ""), (5, "press", ""),
        (6, "release", f"Next: {NAMES['temporalis.1']}, your left side"),  # no rest between
        (7, "prepare", ""), (8, "press", ""),
        (9, "release", ""),  # the rest after it says what comes next
        (10, "rest", f"Next: {NAMES['masseter.1']}, your right side"),
        (11, "prepare", ""), (12, "press", ""), (13, "release", ""),
        (14, "done", ""),
    ]
    assert window.column.next_label.isHidden()


def test_the_next_line_at_every_phase_of_a_session_that_opens_with_a_prepare(
    qtbot: QtBot,
) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock)
    assert _next_lines(window, clock) == [
        (0, "prepare", ""),  # the voice names the first point; the screen shows it already
        (1, "press", ""), (2, "release", ""), (3, "switch", ""), (4, "press", ""),
        (5, "release", ""),  # the rest step after it says what comes next
        (6, "rest", f"Next: {NAMES['temporalis.1']}, your left side"),
        (7, "prepare", ""), (8, "press", ""), (9, "release", ""), (10, "done", ""),
    ]


# ----- motion ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("calm", "reduced", "pulses"),
                         [(False, False, True), (True, False, False), (False, True, False)])
def test_pulsing_only_while_pressing_and_never_in_calm_or_reduced_motion(
    qtbot: QtBot, calm: bool, reduced: bool, pulses: bool
) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock, store=sh.store(calm=calm, reduced_motion=reduced))
    window.show()
    window.controller.start()
    assert not window.body.is_pulsing()
    _go(window, clock, "press")
    assert window.body.is_pulsing() == pulses
    window.controller.pause()
    assert not window.body.is_pulsing()
    window.hide()
    assert not window.body.is_pulsing()  # no repaints while hidden


def test_calm_mode_sets_calm_tones(qtbot: QtBot) -> None:
    window = _open(qtbot, sh.FakeClock(), store=sh.store(calm=True))
    player = window.controller._player
    assert isinstance(player, RecordingCuePlayer) and player.calm


# ----- free text and muting -------------------------------------------------------------------
def test_say_text_is_shown_without_a_speaker(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock)
    window.controller.start()
    _go(window, clock, "rest")
    assert window.column.say_label.text() == "Breathe out slowly."
    assert window.column.say_label.isVisibleTo(window)


def test_say_text_is_spoken_by_a_real_speaker(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setattr(session_controller, "say_delay_ms", lambda planned: 10)
    clock = sh.FakeClock()
    speaker = FakeSpeaker()
    window = _open(qtbot, clock, LONG_REST, speaker=speaker)
    window.controller.start()
    _go(window, clock, "rest")
    qtbot.waitUntil(lambda: speaker.said == ["Breathe out slowly."], timeout=2000)
    assert window.column.say_label.text() == "Breathe out slowly."


def test_say_text_too_long_for_its_phase_is_shown_not_spoken(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    speaker = FakeSpeaker()
    window = _open(qtbot, clock, speaker=speaker)  # QUICK: "Breathe out slowly." in a 1 s rest
    window.controller.start()
    _go(window, clock, "rest")
    assert window.column.say_label.text() == "Breathe out slowly."
    assert window.controller._pending_say is None  # never handed to the speech engine
    assert speaker.said == []


def test_mute_is_remembered(qtbot: QtBot) -> None:
    window = _open(qtbot, sh.FakeClock())
    sh.activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert SettingsStore().load().muted
    window.close()
    again = _open(qtbot, sh.FakeClock())
    assert again.muted and again.controls.mute_button.text() == "Unmute"


def test_closing_the_window_stops_the_session(qtbot: QtBot) -> None:
    window = _open(qtbot, sh.FakeClock())
    window.controller.start()
    with qtbot.waitSignal(window.controller.stopped) as stopped:
        window.close()
    assert stopped.args == ["closed"]
    assert not window.controller.timer.isActive()
