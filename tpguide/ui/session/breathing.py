"""The breathing guide (a setting, off by default): a slow breath sound in release and rest.

It follows the controller's snapshots and turns the cue player's breath loop on in a running
release or rest phase, and off for presses, switches, pauses, the end, and the last seconds
before a press (``core.session.breath.breathing``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from tpguide.core.session.breath import breathing
from tpguide.core.session.cues import CuePlayer
from tpguide.core.session.engine import Snapshot
from tpguide.ui.session.controller import SessionController


class BreathingGuide(QObject):
    """Switches the breath loop as the session moves; ``on`` says whether it sounds now."""

    def __init__(self, controller: SessionController, player: CuePlayer) -> None:
        super().__init__(controller)
        self._player = player
        self.on = False
        controller.snapshotChanged.connect(self._follow)
        controller.stopped.connect(lambda _reason: self._set(False))

    def _follow(self, snap: Snapshot) -> None:
        self._set(breathing(snap.phase.kind, snap.state, snap.phase_remaining))

    def _set(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self._player.set_breathing(on)
