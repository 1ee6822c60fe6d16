"""Between a running session and the diary's press rows: "it eased", "did not ease", tenderness.

It listens to the controller (phases starting, skips, jumps, stops) and feeds a
``PressTracker``; the 0-10 keys reach it through ``handle_key`` and are read by the same
rules as the pain question (``TenKeys``: 1 then 0 within a second is 10). A tenderness is
confirmed by voice ("six") and on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tpguide.core.session.cues import CuePlayer
from tpguide.core.session.engine import Snapshot
from tpguide.core.session.planner import Phase
from tpguide.core.session.presses import PressResult, PressTracker
from tpguide.ui.session.controller import SessionController
from tpguide.ui.widgets.pain_rating import TenKeys

TENDERNESS_PROMPTS: tuple[str, ...] = tuple(f"count-{n}" for n in range(11))
"""The spoken confirmations ("zero" to "ten"); the launcher loads them with the session."""


class PressLog(QObject):
    """Turns a session's presses into results; ``keys`` off ignores the 0-10 keys.

    Signals:
        recorded(object): a PressResult to save (again, when its tenderness changed).
        rated(int): a tenderness was taken for the press (or its release) on screen now.
    """

    recorded = Signal(object)
    rated = Signal(int)

    def __init__(self, controller: SessionController, player: CuePlayer | None = None, *,
                 keys: bool = True, voice: bool = True) -> None:
        super().__init__(controller)
        phases = controller.engine.plan.phases
        self._index = {id(phase): i for i, phase in enumerate(phases)}
        self._tracker = PressTracker(phases)
        self._player = player
        self._voice = voice
        self.keys_enabled = keys
        self._keys = TenKeys(self)
        self._keys.picked.connect(self.rate)
        controller.phaseStarted.connect(self._on_phase)
        controller.controlUsed.connect(self._on_control)
        controller.stopped.connect(lambda _reason: self._left())

    def handle_key(self, key: int) -> bool:
        """A key typed in the session window; True when it was one of the 0-10 keys."""
        return self.keys_enabled and self._keys.handle_key(key)

    def rate(self, level: int) -> bool:
        """Record ``level`` for the press under way or the release right after it."""
        if not self._tracker.can_rate:
            return False
        self._keep(self._tracker.rate(level))
        if self._player is not None and self._voice:
            self._player.play(f"voice:{TENDERNESS_PROMPTS[level]}")
        self.rated.emit(level)
        return True

    def _on_phase(self, phase: Phase) -> None:
        index = self._index.get(id(phase))
        if index is not None:
            self._keep(self._tracker.phase_started(index))

    def _on_control(self, name: str, before: Snapshot) -> None:
        if name == "skip" and before.phase.kind == "press":
            self._keep(self._tracker.skipped(before.index, before.phase_elapsed))
        elif name != "skip":
            self._left()

    def _left(self) -> None:
        self._keys.cancel()
        self._tracker.left()

    def _keep(self, result: PressResult | None) -> None:
        if result is not None:
            self.recorded.emit(result)
