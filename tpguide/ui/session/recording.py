"""Glue between a running session and the diary: the row at start, progress, the end, ratings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.store import HistoryError, HistoryStore
from tpguide.core.routines.routine import Routine

if TYPE_CHECKING:  # opening the diary at start-up needs none of the session's widgets
    from tpguide.core.session.presses import PressResult
    from tpguide.ui.session.controller import SessionController
    from tpguide.ui.session.window import SessionWindow
    from tpguide.ui.widgets.pain_rating import PainAnswer, PainRatingDialog, When

PROGRESS_EVERY = 5.0
"""Seconds of session time between progress writes (phase changes, pauses)."""


def open_history_store(path: Path | None = None) -> tuple[HistoryStore | None, list[str]]:
    """Open the diary at app start and mark sessions of a crashed run as interrupted.

    Returns the store (None if it cannot be opened) and messages to show the person.
    """
    try:
        store = HistoryStore(path)
    except HistoryError as error:
        return None, [error.message]
    messages = [store.notice] if store.notice else []
    try:
        store.recover_interrupted()
    except HistoryError as error:
        messages.append(error.message)
    return store, messages


def ask_pain(
    when: When,
    on_answer: Callable[[PainAnswer], None],
    *,
    enabled: bool = True,
    parent: QWidget | None = None,
    on_stop_asking: Callable[[], object] | None = None,
) -> PainRatingDialog | None:
    """Show the rating window and pass its answer on; disabled: answer "skipped" at once.

    Before a session it blocks its parent window (so Start cannot be pressed twice); after
    one it does not, so the session window can still be read and closed.
    """
    from tpguide.ui.widgets.pain_rating import PainAnswer, PainRatingDialog

    if not enabled:
        on_answer(PainAnswer(None))
        return None
    dialog = PainRatingDialog(when, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    modal = Qt.WindowModality.WindowModal if when == "before" else Qt.WindowModality.NonModal
    dialog.setWindowModality(modal)
    if on_stop_asking is not None:
        dialog.panel.stopAskingRequested.connect(on_stop_asking)
    else:
        dialog.panel.stop_asking.hide()
    dialog.answered.connect(on_answer)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class SessionRecorder(QObject):
    """Writes one session's row: at its first start, on phase changes and pauses, at its end.

    A failing disk never disturbs the session: the error is reported once through
    ``failed`` and later writes are skipped (the end is still attempted).

    Signals:
        recorded(int): the row was written; the session id.
        ratingWanted(str): the session ended (status); call ``rate`` or ``finish`` next.
        ended(int, str): the row was finished (session id, status); refresh the history.
        failed(str): a message for the person; the diary could not be written.
    """

    recorded = Signal(int)
    ratingWanted = Signal(str)
    ended = Signal(int, str)
    failed = Signal(str)

    def __init__(
        self,
        controller: SessionController,
        store: HistoryStore,
        routine: Routine,
        pain_before: int | None = None,
        *,
        ask_after: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else QCoreApplication.instance())
        self.store = store
        self.session_id: int | None = None
        self.status: str | None = None
        self.after_dialog: PainRatingDialog | None = None
        self._controller = controller
        self._routine = routine
        self._pain_before = pain_before
        self._ask_after = ask_after
        self._planned = controller.engine.plan.total_seconds
        self._saved_at = 0.0
        self._completed = 0.0
        self._broken = False
        self._finished = False
        controller.stateChanged.connect(self._on_state)
        controller.phaseStarted.connect(self._save_progress)
        controller.finished.connect(lambda: self._end("completed", ask=True))
        controller.stopped.connect(self._on_stopped)
        if controller.state in ("running", "paused"):
            self._begin()

    @property
    def waiting_for_rating(self) -> bool:
        return self.status is not None and not self._finished and self.session_id is not None

    def _on_state(self, state: str) -> None:
        if state == "running" and self.session_id is None and self.status is None:
            self._begin()
        elif state == "paused":
            self._save_progress()

    def _on_stopped(self, reason: str) -> None:
        if reason == "unwell":
            self._end("unwell", ask=False)
        else:
            self._end("stopped", ask=reason != "closed")

    def _begin(self) -> None:
        try:
            self.session_id = self.store.start_session(
                self._routine.id, self._routine.title, self._planned, self._pain_before
            )
        except HistoryError as error:
            self._fail(error)
            return
        self.recorded.emit(self.session_id)

    def _save_progress(self, *_: object) -> None:
        if self.session_id is None or self.status is not None or self._broken:
            return
        elapsed = self._controller.snapshot().elapsed
        if elapsed - self._saved_at < PROGRESS_EVERY:
            return
        try:
            self.store.update_progress(self.session_id, elapsed)
        except HistoryError as error:
            self._fail(error)
            return
        self._saved_at = elapsed

    def save_press(self, press: PressResult) -> None:
        """Keep one press (its outcome and tenderness) with this session's row."""
        if self.session_id is None or self._broken:
            return
        try:
            self.store.save_press(PressRecord(
                self.session_id, press.step, press.point, press.side, press.cycle,
                press.outcome, press.held_seconds, press.limit_seconds,  # type: ignore[arg-type]
                press.tenderness))
        except HistoryError as error:
            self._fail(error)

    def _end(self, status: str, ask: bool) -> None:
        if self.status is not None:
            return
        self.status = status
        self._completed = self._controller.snapshot().elapsed
        if self.session_id is None:
            return
        if ask and self._ask_after:
            self.ratingWanted.emit(status)
        else:
            self.finish()

    def rate(self, answer: PainAnswer) -> None:
        """The after-session rating (or its skip) arrived: finish the row with it."""
        self.finish(answer.pain, answer.note)

    def finish(self, pain_after: int | None = None, note: str | None = None) -> None:
        """Write the end of the session once (later calls do nothing)."""
        if self.session_id is None or self.status is None or self._finished:
            return
        self._finished = True
        try:
            self.store.finish_session(
                self.session_id, self.status, self._completed, pain_after, note
            )
        except HistoryError as error:
            self._fail(error)
        else:
            self.ended.emit(self.session_id, self.status)
        self.deleteLater()

    def _fail(self, error: HistoryError) -> None:
        if not self._broken:
            self._broken = True
            self.failed.emit(error.message)


def record_session(
    window: SessionWindow,
    store: HistoryStore,
    routine: Routine,
    pain_before: int | None = None,
    *,
    ask_after: bool = True,
    on_ended: Callable[[int, str], None] | None = None,
    on_stop_asking: Callable[[], object] | None = None,
) -> SessionRecorder:
    """Record the session shown in ``window``; call before ``window.controller.start()``.

    After a completed or stopped session the "after" rating opens over the window
    (not after "I feel unwell", nor when the window was closed mid-session).
    Diary errors appear in the window's notice line.
    """
    recorder = SessionRecorder(window.controller, store, routine, pain_before, ask_after=ask_after)
    recorder.failed.connect(window.show_notice)
    if window.press_log is not None:
        window.press_log.recorded.connect(recorder.save_press)
    if on_ended is not None:
        recorder.ended.connect(on_ended)

    def ask_after_session(_status: str) -> None:
        dialog = ask_pain("after", recorder.rate, parent=window, on_stop_asking=on_stop_asking)
        if dialog is not None:
            recorder.after_dialog = dialog
            dialog.destroyed.connect(lambda *_: recorder.finish())

    recorder.ratingWanted.connect(ask_after_session)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(recorder.finish)
    return recorder
