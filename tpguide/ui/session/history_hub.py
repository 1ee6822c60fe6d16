"""The app's one diary: opened once, shared by sessions, the History page and the courses.

Nothing here imports the history modules until the diary is first needed, so the main
window paints before SQLite is touched. ``record`` writes a real session (not a preview
at another speed) and asks the after-session rating; ``ask_before`` asks the rating that
comes before a session, or answers "skipped" at once when ratings are turned off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from tpguide.ui.widgets.settings_owner import SettingsOwner

if TYPE_CHECKING:
    from tpguide.core.diary.records import PressRecord, SessionRecord
    from tpguide.core.diary.store import HistoryStore
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.session.recording import SessionRecorder
    from tpguide.ui.widgets.pain_rating import PainAnswer, PainRatingDialog

class HistoryHub(QObject):
    """Owns the HistoryStore for one run of the app (open lazily, close at exit).

    Signals:
        changed(): a session's row was finished: refresh whatever shows the diary.
        notice(str): a message for the person (a set-aside diary, a disk that failed).
    """

    changed = Signal()
    notice = Signal(str)

    def __init__(self, settings: SettingsOwner, *, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._path = path
        self._store: HistoryStore | None = None
        self._opened = False
        self.messages: list[str] = []
        self.before_dialog: PainRatingDialog | None = None

    # ------------------------------------------------------------------ the store
    def is_open(self) -> bool:
        """Whether the diary was opened already (it may have failed to open)."""
        return self._opened

    def store(self) -> HistoryStore | None:
        """The diary, opened on first use (crashed sessions are marked interrupted then)."""
        if not self._opened:
            self._opened = True
            from tpguide.ui.session.recording import open_history_store

            self._store, self.messages = open_history_store(self._path)
            for message in self.messages:
                self.notice.emit(message)
        return self._store

    def sessions(self) -> list[object]:
        """Every session in the diary (none when it cannot be read)."""
        return list(self.read_sessions() or [])

    def read_sessions(self) -> list[SessionRecord] | None:
        """The diary's sessions, newest first (None: no diary, or it cannot be read)."""
        from tpguide.core.diary.store import HistoryError

        store = self.store()
        if store is None:
            return None
        try:
            return store.sessions()
        except HistoryError:
            return None

    def presses(self) -> list[PressRecord]:
        """Every point pressed in the diary, newest session first (none when unreadable)."""
        from tpguide.core.diary.store import HistoryError

        store = self.store()
        if store is None:
            return []
        try:
            return store.presses()
        except HistoryError:
            return []

    def close(self) -> None:
        """Close the diary (after the event loop has ended)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    # ------------------------------------------------------------------ sessions
    def asks(self) -> bool:
        return self._settings.settings().ask_pain_ratings

    def ask_before(self, parent: QWidget | None,
                   go: Callable[[PainAnswer], object]) -> PainRatingDialog | None:
        """Ask "how much does it hurt?" and then call ``go`` with the answer (pain None:
        skipped). With the ratings turned off ``go`` is called at once with a skip."""
        from tpguide.ui.session.recording import ask_pain

        def answered(answer: PainAnswer) -> None:
            self.before_dialog = None
            go(answer)

        self.before_dialog = ask_pain("before", answered, enabled=self.asks(), parent=parent,
                                      on_stop_asking=self._stop)
        return self.before_dialog

    def record(self, session: object, routine: Routine,
               pain_before: int | None = None) -> SessionRecorder | None:
        """Write ``session`` (a SessionWindow) to the diary; previews are not recorded."""
        from tpguide.ui.session.recording import record_session
        from tpguide.ui.session.window import SessionWindow

        if not isinstance(session, SessionWindow) or session.controller.speed != 1.0:
            return None
        store = self.store()
        if store is None:
            if self.messages:
                session.show_notice(self.messages[0])
            return None
        recorder = record_session(session, store, routine, pain_before, ask_after=self.asks(),
                                  on_ended=lambda *_: self.changed.emit(),
                                  on_stop_asking=self._stop)

        def give_back_focus(_status: str) -> None:
            """Once the after-rating is answered the keys go to the session window again
            (Esc closes it), not nowhere."""
            dialog = recorder.after_dialog
            if dialog is not None:
                dialog.finished.connect(lambda _result: _activate(session))

        recorder.ratingWanted.connect(give_back_focus)  # after record_session's own handler
        return recorder

    def _stop(self) -> None:
        """"Stop asking me about pain": through the owner, so the Settings page follows
        (a failure to save is reported by the owner's ``failed``)."""
        self._settings.update(ask_pain_ratings=False)


def _activate(window: QWidget) -> None:
    if window.isVisible():
        window.raise_()
        window.activateWindow()
