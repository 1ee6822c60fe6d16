"""Starting a session from the main window: the safety gate, the pain rating, the diary.

Every start passes the gate first; with a diary attached the before-session rating is
asked next, and the session is recorded once it opens. The gate and the session window
can be replaced, so tests start sessions without the safety dialog or audio.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from tpguide.core.settings import SettingsStore

if TYPE_CHECKING:
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.session.history_hub import HistoryHub

Gate = Callable[[QWidget, SettingsStore], bool]
Starter = Callable[["Routine", QWidget, SettingsStore], object]


def default_gate(parent: QWidget, store: SettingsStore) -> bool:
    from tpguide.ui.widgets.safety_pages import require_safety

    return bool(require_safety(parent, store))


def default_starter(routine: Routine, parent: QWidget, store: SettingsStore) -> object:
    from tpguide.ui.run_command import start_session  # QtMultimedia and friends: only when needed

    return start_session(routine, parent, store=store)


class StartHost(Protocol):
    """What starting a session asks of the window it lives in."""

    @property
    def history(self) -> HistoryHub | None: ...

    def say(self, message: str, ms: int = ...) -> None: ...


class SessionStarts(QObject):
    """The main window's one way into a session (``window.starts``).

    ``parent`` is the window the gate, the rating and the session belong to. ``session``
    keeps the last session started here alive.

    Signals:
        started(object): what the starter returned (the session window).
    """

    started = Signal(object)

    def __init__(self, host: StartHost, store: SettingsStore, parent: QWidget, *,
                 gate: Gate = default_gate, starter: Starter = default_starter) -> None:
        super().__init__(parent)
        self.host = host
        self.store = store
        self.parent_widget = parent
        self.gate = gate
        self.starter = starter
        self.session: object | None = None

    def start(self, routine: Routine | None) -> bool:
        """Start a session, only once the person has acknowledged the safety text.

        With a diary attached, the before-session pain rating comes first (when the
        ratings are on) and the session opens once it is answered; True then means the
        start is under way.
        """
        if routine is None:
            return False
        if not self.gate(self.parent_widget, self.store):
            self.host.say(QCoreApplication.translate(  # the window's words before the move
                "MainWindow", "Not started: please read the safety notes first."))
            return False
        history = self.host.history
        if history is not None and history.asks():
            history.ask_before(self.parent_widget, lambda pain: self._launch(routine, pain))
            return True
        return self._launch(routine)

    def _launch(self, routine: Routine, pain_before: int | None = None) -> bool:
        session = self.starter(routine, self.parent_widget, self.store)
        if session is None:
            return False
        self.session = session
        history = self.host.history
        if history is not None:
            history.record(session, routine, pain_before)
        self.started.emit(session)
        return True
