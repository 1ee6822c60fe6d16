"""What hands-free control needs of a session, and the one meaning of each remote action.

MPRIS (headset buttons, the lock screen's media widget) and ``tpguide --pause`` and its
siblings all come here, so "Play" means the same whoever sends it (UI.md's one key map):
Play starts or resumes, Pause pauses, Next skips the phase, Previous goes back, Stop asks
on screen and by voice and a second Stop within 8 s stops.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from tpguide.core.routines.routine import Routine
from tpguide.core.session.engine import Snapshot

ACTIONS = ("play_pause", "play", "pause", "next", "previous", "stop")
"""Every action a remote may ask of a session (``resume`` is another name for play)."""


class ControllerLike(Protocol):
    """What is used of ``tpguide.ui.session.controller.SessionController``."""

    @property
    def snapshotChanged(self) -> SignalInstance: ...
    @property
    def stateChanged(self) -> SignalInstance: ...
    @property
    def state(self) -> str: ...
    @property
    def speed(self) -> float: ...
    def snapshot(self) -> Snapshot: ...
    def toggle(self) -> None: ...
    def start(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def skip(self) -> None: ...
    def back(self) -> None: ...


class SessionLike(Protocol):
    """What is used of ``tpguide.ui.session.window.SessionWindow``."""

    @property
    def closed(self) -> SignalInstance: ...
    @property
    def muteToggled(self) -> SignalInstance: ...
    @property
    def controller(self) -> ControllerLike: ...
    @property
    def routine(self) -> Routine: ...
    @property
    def muted(self) -> bool: ...
    def request_stop(self) -> None: ...
    def toggle_mute(self) -> None: ...
    def isMinimized(self) -> bool: ...
    def showNormal(self) -> None: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...


def act(session: SessionLike, action: str) -> bool:
    """Do one remote ``action`` on ``session``; False for an action it does not know."""
    c = session.controller
    state = c.state
    if action == "play_pause":
        c.toggle()
    elif action in ("play", "resume"):
        if state == "idle":
            c.start()
        elif state == "paused":
            c.resume()
    elif action == "pause":
        if state == "running":
            c.pause()
    elif action == "next":
        c.skip()
    elif action == "previous":
        c.back()
    elif action == "stop":
        session.request_stop()
    else:
        return False
    return True


def bring_forward(session: SessionLike) -> None:
    if session.isMinimized():
        session.showNormal()
    session.raise_()
    session.activateWindow()
