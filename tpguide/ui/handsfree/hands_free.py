"""Hands-free for every session a launcher opens: the MPRIS player, keeping awake, remotes.

One ``HandsFree`` per app process, made by the composition root with the launcher. While
a session window is open its MPRIS player is on the session bus; while its session runs
(paused included) the screen and the computer are kept awake. ``control`` is what a
second ``tpguide --pause`` (through the single instance) asks of the open session.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, SignalInstance

from tpguide.ui.handsfree.dbus_types import session_bus
from tpguide.ui.handsfree.keep_awake import KeepAwake
from tpguide.ui.handsfree.session_link import SessionLike, act

if TYPE_CHECKING:  # the player (and its atlas) is loaded only when a bus is there
    from tpguide.ui.handsfree.mpris import MprisPlayer

CONTROL_ACTIONS = {"pause": "pause", "resume": "play", "skip": "next", "stop": "stop"}
_N = QT_TRANSLATE_NOOP
_STATES = {"idle": str(_N("HandsFree", "not started")), "running": str(_N("HandsFree", "running")),
           "paused": str(_N("HandsFree", "paused")), "stopped": str(_N("HandsFree", "stopped")),
           "finished": str(_N("HandsFree", "finished"))}


def _tr(text: str) -> str:
    return QCoreApplication.translate("HandsFree", text)


class LauncherLike(Protocol):
    """What is used of ``tpguide.ui.session.launcher.SessionLauncher``."""

    @property
    def sessionStarted(self) -> SignalInstance: ...
    @property
    def current(self) -> SessionLike | None: ...


class HandsFree(QObject):
    """Connects each session the launcher opens to the desktop; ``mpris`` False: no player."""

    def __init__(self, launcher: LauncherLike, *, mpris: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.launcher = launcher
        self.use_mpris = mpris
        self.session: SessionLike | None = None
        self.player: MprisPlayer | None = None
        self.awake: KeepAwake | None = None
        launcher.sessionStarted.connect(self.attach)

    def attach(self, session: SessionLike) -> None:
        """A session window opened: publish it, and keep awake while it runs."""
        self.detach(self.session)
        self.session = session
        bus = session_bus()
        if self.use_mpris and bus is not None:
            from tpguide.ui.handsfree.mpris import MprisPlayer

            self.player = MprisPlayer(session, bus)
            self.player.publish()
        self.awake = KeepAwake(_tr("A guided session is running"), parent=self)
        session.controller.stateChanged.connect(self._follow)
        self._follow(session.controller.state)
        session.closed.connect(lambda: self.detach(session))

    def _follow(self, state: str) -> None:
        if self.awake is None:
            return
        if state in ("running", "paused"):
            self.awake.hold()
        else:
            self.awake.release()

    def detach(self, session: SessionLike | None) -> None:
        """The window closed (or another opened): off the bus, and sleep is allowed again."""
        if session is None or session is not self.session:
            return  # nothing open, or an older window's late goodbye
        self.session = None
        with contextlib.suppress(RuntimeError, TypeError):
            session.controller.stateChanged.disconnect(self._follow)
        if self.player is not None:
            self.player.close()
            self.player = None
        if self.awake is not None:
            self.awake.release()
            self.awake.deleteLater()
            self.awake = None

    def control(self, action: str) -> tuple[bool, str]:
        """``tpguide --pause/--resume/--skip/--stop``: (done, what to tell the shell)."""
        session = self.launcher.current
        if session is None:
            return False, _tr("No session is open.")
        mapped = CONTROL_ACTIONS.get(action)
        if mapped is None:
            return False, _tr("Unknown control: {action}").format(action=action)
        act(session, mapped)
        state = session.controller.state
        if action == "stop" and state not in ("stopped", "finished"):
            return True, _tr("Asked to stop; send --stop again within 8 seconds to stop.")
        word = _STATES.get(state, state)
        return True, _tr("The session is {state}.").format(state=_tr(word))
