"""``tpguide run``: a routine straight into a session window, without the main window.

``run_session`` is the ``tpguide run FILE_OR_ID`` command, which opens only the session
window, through the same launcher as the main window (``tpguide.ui.session.launcher``).
It is the person's one app process while it runs (``tpguide.ui.handsfree.instance``):
when another tpguide runs already, the routine is handed to it and this process ends;
otherwise the session gets its media player, keeps the screen awake, and answers
``tpguide --pause`` and the like.

``TPGUIDE_AUTOSTART=1`` (for end-to-end tests and benchmarks) makes ``run_session`` press
Start at once (the first phase still waits for the cue sounds), write any notice the window
shows to stderr as ``tpguide: notice: <text>``, write when each phase is due to be heard as
``tpguide: phase <index> at <monotonic seconds>``, and close the window ``AUTOSTART_LINGER_MS``
after the session has finished (so the done cue is heard out), writing
``tpguide: session finished`` (or ``tpguide: session stopped``) first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from tpguide.core.routines.routine import Routine
from tpguide.core.settings import SettingsStore
from tpguide.ui.handsfree.hands_free import HandsFree
from tpguide.ui.handsfree.instance import InstanceLock, InstanceServer, Request, routed
from tpguide.ui.handsfree.session_link import bring_forward
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.translation import apply_language
from tpguide.ui.widgets.settings_owner import SettingsOwner

if TYPE_CHECKING:
    from tpguide.ui.session.launcher import SessionLauncher
    from tpguide.ui.session.recording import SessionRecorder

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
APP_ID = "org.tpguide.TPGuide"
AUTOSTART_ENV = "TPGUIDE_AUTOSTART"
AUTOSTART_LINGER_MS = 2000


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")


def _load(file_or_id: str) -> Routine | int:
    from pathlib import Path

    from tpguide.core.library.sources import find_by_id
    from tpguide.core.routines.loader import load_routine_file

    given = Path(file_or_id)
    entry = None
    if not given.exists():  # an id: finding it loads its file, which is not read twice
        entry = find_by_id(file_or_id)
        if entry is None:
            _say(f"tpguide: no routine file or id {file_or_id!r} (see 'tpguide list')")
            return EXIT_USAGE
    try:
        result = entry.result if entry is not None else load_routine_file(given)
    except OSError as exc:
        _say(f"{file_or_id}: error: cannot read the file: {exc.strerror or exc}")
        return EXIT_USAGE
    for diagnostic in result.diagnostics:
        _say(diagnostic.format(file_or_id))
    return result.routine if result.routine is not None else EXIT_ERRORS


def find_routine(file_or_id: str) -> Routine | str:
    """The routine in a file or with an id, or what to tell the person (nothing printed)."""
    from tpguide.core.library.sources import resolve
    from tpguide.core.routines.loader import load_routine_file

    path = resolve(file_or_id)
    if path is None:
        return QCoreApplication.translate("RunCommand", "No routine file or id “{id}”.").format(
            id=file_or_id)
    try:
        result = load_routine_file(path)
    except OSError as exc:
        return f"{file_or_id}: {exc.strerror or exc}"
    if result.routine is None:
        return QCoreApplication.translate(
            "RunCommand", "“{id}” has errors; check it with tpguide validate.").format(
            id=file_or_id)
    return result.routine


def _autostart(window: SessionWindow) -> None:
    """The ``TPGUIDE_AUTOSTART=1`` hook: start, report notices, close after the end."""
    controller = window.controller
    if window.notice_text():  # a player without audio reports at once, before this hook
        _say(f"tpguide: notice: {window.notice_text()}")
    controller.soundUnavailable.connect(
        lambda _reason: _say(f"tpguide: notice: {window.notice_text()}")
    )
    controller.soundLost.connect(lambda notice: _say(f"tpguide: notice: {notice}"))

    def ended(how: str) -> None:
        _say(f"tpguide: session {how}")
        QTimer.singleShot(AUTOSTART_LINGER_MS, window.close)

    def began(phase: object) -> None:
        """Report when the phase is due to be heard (after any re-timing of this wake)."""
        engine = controller.engine
        index = engine.plan.phases.index(phase)  # type: ignore[arg-type]
        QTimer.singleShot(0, lambda: _say(
            f"tpguide: phase {index} at {engine.start_time(index):.4f}"))

    controller.phaseStarted.connect(began)
    controller.finished.connect(lambda: ended("finished"))
    controller.stopped.connect(lambda _reason: ended("stopped"))
    controller.start()


def run_session(file_or_id: str, *, store: SettingsStore | None = None) -> int:
    """``tpguide run FILE_OR_ID``: one session window; 0 when it ran and was closed.

    The session goes through the same launcher as one started from the main window: the
    safety gate, the pain rating before (when the ratings are on), the session and its
    diary row, and the rating after it. With ``TPGUIDE_AUTOSTART=1`` nothing is asked.
    """
    from tpguide.core.i18n import system_language, use_language

    store = store or SettingsStore()
    use_language(store.load().language or system_language())  # a built-in routine's words too
    loaded = _load(file_or_id)
    if isinstance(loaded, int):
        return loaded
    lock = InstanceLock()
    if lock.claim() is False:
        from pathlib import Path

        from tpguide.ui.handsfree.remote import hand_over

        given = Path(file_or_id)
        return hand_over({"cmd": "run",
                          "routine": str(given.absolute()) if given.exists() else file_or_id})
    try:
        return _run(loaded, store)
    finally:
        lock.release()


def _run(loaded: Routine, store: SettingsStore | None) -> int:
    from tpguide.ui.session.history_hub import HistoryHub
    from tpguide.ui.session.launcher import SessionLauncher

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("tpguide")
    app.setDesktopFileName(APP_ID)
    owner = SettingsOwner(store)
    from tpguide.ui.shell.appearance import Appearance

    Appearance(app).apply(owner.settings())  # the pain question looks as in the app
    apply_language(app, owner.settings().language)
    autostart = os.environ.get(AUTOSTART_ENV) == "1"
    hub = HistoryHub(owner)
    hub.notice.connect(lambda message: _say(f"tpguide: {message}"))
    launcher = SessionLauncher(owner, diary=hub, ask_pain=not autostart)
    hands_free = HandsFree(launcher, parent=launcher)
    server = InstanceServer(_answers(launcher, hands_free), parent=launcher)
    server.listen()

    def opened(window: SessionWindow) -> None:
        recorder = launcher.recorder
        window.closed.connect(lambda: _quit_when_rated(app, recorder))
        if autostart:
            _autostart(window)

    launcher.sessionStarted.connect(opened)
    try:
        if not launcher.start(loaded):
            _say("tpguide: the session did not start: the safety notes were not acknowledged")
            return EXIT_ERRORS
        app.exec()
    finally:
        server.close()
        hands_free.detach(hands_free.session)
        hub.close()
    return EXIT_OK


def _answers(launcher: SessionLauncher, hands_free: HandsFree) -> Callable[[Request], Request]:
    """What this process tells a second tpguide: it runs one session, and only that one."""
    busy = QCoreApplication.translate(
        "RunCommand", "tpguide is running a session; please wait until it has ended.")

    def forward(_message: Request) -> tuple[bool, str]:
        window = launcher.current
        if window is None:
            return False, busy
        window.show_notice(busy)
        bring_forward(window)
        return False, busy

    def show(_message: Request) -> tuple[bool, str]:
        if launcher.current is not None:
            bring_forward(launcher.current)
        return True, ""

    return routed({
        "show": show, "open": forward, "run": forward,
        "control": lambda message: hands_free.control(str(message.get("action"))),
    })


def _quit_when_rated(app: QApplication, recorder: SessionRecorder | None) -> None:
    """The session window closed: quit now, or once the after-session rating is answered."""
    if recorder is None or not recorder.waiting_for_rating:
        app.quit()
        return
    recorder.destroyed.connect(app.quit)  # it deletes itself once the row is finished
