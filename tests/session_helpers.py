"""Shared pieces for the session window tests: a quick routine, a fake clock, the gate answerer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.session.cues import announcements, cues_for_event
from tpguide.core.session.engine import SessionEngine
from tpguide.core.session.planner import Plan
from tpguide.core.session.prompts import fit_session
from tpguide.core.settings import SettingsStore
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.safety_pages import SafetyDialog
from tpguide.ui.widgets.settings_owner import SettingsOwner

QUICK = """\
tpguide: 1
id: quick
title: Quick test routine
safety:
  - Stop if anything hurts more than a little.
defaults: {prepare: 1s, press: 2s, release: 1s, cycles: 1, rest: 1s, switch: 1s}
steps:
  - point: upper-trapezius.1
    side: both
    instructions: Pinch <b>gently</b> & slowly.
  - rest: 1s
    say: Breathe out slowly.
  - point: temporalis.1
    side: left
"""


def routine(text: str = QUICK) -> Routine:
    result = load_routine_text(text)
    assert result.routine is not None, [d.message for d in result.diagnostics]
    return result.routine


def store(acknowledged: bool = True, **values: object) -> SettingsStore:
    """The test's own settings (TPGUIDE_HOME is per test), saved with the given values."""
    settings_store = SettingsStore()
    settings = replace(settings_store.load(), safety_acknowledged=acknowledged, **values)
    settings_store.save(settings)
    return settings_store


def start_session(routine: Routine, parent: QWidget | None = None, *, store: SettingsStore,
                  **options: object) -> SessionWindow | None:
    """A gated session window through the real launcher, without the pain question or
    the diary (``options``: cue_player, clock, speed, speaker)."""
    return SessionLauncher(SettingsOwner(store)).open(routine, parent, **options)


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def reference_cues(plan: Plan, voice: bool = True, speech: bool = False) -> list[str]:
    """Every cue of a whole session, in order, from the core alone (no Qt, no timers); the
    voice is what fits between the tones (``speech``: a speech engine exists)."""
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    announce = announcements(plan.phases)
    fitted = fit_session(plan.phases, speech=speech)
    cues: list[str] = []
    while True:
        for event in engine.poll():
            cues += cues_for_event(event, announce, voice, fitted=fitted)
        deadline = engine.next_deadline()
        if deadline is None:
            return cues
        clock.now = max(clock.now, deadline)


def answer_gate(accept: bool, seen: list[str] | None = None) -> None:
    """Answer the safety dialog as soon as it is open (it runs its own event loop)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SafetyDialog):
            QTimer.singleShot(10, act)
            return
        if seen is not None:
            seen.append(dialog.objectName())
        (dialog.acknowledge_button if accept else dialog.not_now_button).click()

    QTimer.singleShot(0, act)


def open_dialogs() -> list[QWidget]:
    """Every visible dialog (message boxes are dialogs too)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def until(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 5000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)
