"""Every way into a session goes through here: the safety gate, the settings, sound, the window.

``start_session`` is for the GUI (library, finder, editor preview); ``run_session`` is the
``tpguide run FILE_OR_ID`` command, which opens only the session window.

``TPGUIDE_AUTOSTART=1`` (for end-to-end tests and benchmarks) makes ``run_session`` press
Start at once (the first phase still waits for the cue sounds), write any notice the window
shows to stderr as ``tpguide: notice: <text>``, and close the window ``AUTOSTART_LINGER_MS``
after the session has finished (so the done cue is heard out), writing
``tpguide: session finished`` (or ``tpguide: session stopped``) first.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tpguide.core.routines.routine import Routine
from tpguide.core.session.cues import CuePlayer, voice_prompts_needed
from tpguide.core.session.planner import make_plan
from tpguide.core.settings import AppSettings, SettingsError, SettingsStore
from tpguide.ui.session.controller import SessionController, SpeakerLike
from tpguide.ui.session.cue_player import make_cue_player
from tpguide.ui.session.speech import make_speaker
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.safety_pages import require_safety
from tpguide.ui.widgets.theme import theme_for

if TYPE_CHECKING:
    from tpguide.ui.session.recording import SessionRecorder

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
APP_ID = "org.tpguide.TPGuide"
AUTOSTART_ENV = "TPGUIDE_AUTOSTART"
AUTOSTART_LINGER_MS = 2000




def _has_say(routine: Routine) -> bool:
    return any(step.say for step in routine.steps)


def _save_muted(store: SettingsStore, muted: bool) -> None:
    with contextlib.suppress(SettingsError):  # muting works anyway; it is only not remembered
        store.save(replace(store.load(), muted=muted))


def _speaker_when_ready(
    window: SessionWindow, cue_player: CuePlayer, factory: Callable[..., Any]
) -> None:
    """Create the speech engine once the sounds are loaded, before the first phase."""
    controller = window.controller

    def create(audio_ok: bool) -> None:
        speaker = factory(audio_ok=audio_ok, parent=controller)
        speaker.failed.connect(window.show_notice)  # "texts will be shown instead"
        controller.set_speaker(speaker)

    cue_player.when_ready(create)


def start_session(
    routine: Routine,
    parent: QWidget | None = None,
    *,
    store: SettingsStore,
    cue_player: CuePlayer | None = None,
    speed: float = 1.0,
    speaker: SpeakerLike | None = None,
    clock: Callable[[], float] | None = None,
) -> SessionWindow | None:
    """Open a session window for ``routine``, or return None when the safety gate says no.

    The window shows the routine's own safety lines and waits for Start; the first phase
    begins only once the cue player has loaded every sound. ``speed`` > 1 runs a preview
    (the editor's 10x); ``clock`` replaces the monotonic clock (tests). A speech engine for
    ``say:`` text is made here only with the default cue player; pass ``speaker`` otherwise.
    """
    if not require_safety(parent, store):
        return None
    settings = store.load()
    plan = make_plan(routine)
    own_player = cue_player is None
    if cue_player is None:
        cue_player = make_cue_player(prompts=voice_prompts_needed(plan.phases))
    cue_player.set_volume(settings.volume)
    cue_player.set_calm(settings.calm)
    controller = SessionController(
        plan, cue_player, clock=clock, speed=speed, voice=settings.voice,
        ticks=settings.ticks, speaker=speaker,
    )
    theme = theme_for(settings.theme, settings.calm)
    window = SessionWindow(
        controller, routine, theme, larger_text=settings.larger_text,
        reduced_motion=settings.reduced_motion, muted=settings.muted, parent=parent,
    )
    controller.setParent(window)
    window.muteToggled.connect(lambda muted: _save_muted(store, muted))
    if own_player and speaker is None and settings.voice and _has_say(routine) and speed == 1:
        _speaker_when_ready(window, cue_player, make_speaker)
    window.resize(1200, 780)
    if settings.fullscreen_session:
        window.showFullScreen()
    else:
        window.show()
    controller.prepare()
    return window


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


def _autostart(window: SessionWindow) -> None:
    """The ``TPGUIDE_AUTOSTART=1`` hook: start, report notices, close after the end."""
    controller = window.controller
    if window.notice_text():  # a player without audio reports at once, before this hook
        _say(f"tpguide: notice: {window.notice_text()}")
    controller.soundUnavailable.connect(
        lambda _reason: _say(f"tpguide: notice: {window.notice_text()}")
    )

    def ended(how: str) -> None:
        _say(f"tpguide: session {how}")
        QTimer.singleShot(AUTOSTART_LINGER_MS, window.close)

    controller.finished.connect(lambda: ended("finished"))
    controller.stopped.connect(lambda _reason: ended("stopped"))
    controller.start()


def run_session(file_or_id: str, *, store: SettingsStore | None = None) -> int:
    """``tpguide run FILE_OR_ID``: one session window; 0 when it ran and was closed.

    The session is recorded in the diary like one started from the main window: the
    safety gate, then the pain rating before (when the ratings are on), the session,
    and the rating after it. With ``TPGUIDE_AUTOSTART=1`` nothing is asked.
    """
    from tpguide.ui.session.history_hub import HistoryHub
    from tpguide.ui.session.recording import stop_asking_about_pain

    loaded = _load(file_or_id)
    if isinstance(loaded, int):
        return loaded
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("tpguide")
    app.setDesktopFileName(APP_ID)
    settings = store if store is not None else SettingsStore()
    if not require_safety(None, settings):
        _say("tpguide: the session did not start: the safety notes were not acknowledged")
        return EXIT_ERRORS
    autostart = os.environ.get(AUTOSTART_ENV) == "1"

    def current() -> AppSettings:
        loaded_settings = settings.load()
        return replace(loaded_settings, ask_pain_ratings=False) if autostart \
            else loaded_settings

    hub = HistoryHub(current, lambda: stop_asking_about_pain(settings))
    hub.notice.connect(lambda message: _say(f"tpguide: {message}"))
    outcome: list[int] = []

    def launch(pain_before: int | None) -> None:
        window = start_session(loaded, store=settings)
        if window is None:
            _say("tpguide: the session did not start: the safety notes were not acknowledged")
            outcome.append(EXIT_ERRORS)
            app.quit()
            return
        recorder = hub.record(window, loaded, pain_before)
        window.closed.connect(lambda: _quit_when_rated(app, recorder))
        if autostart:
            _autostart(window)

    try:
        hub.ask_before(None, launch)  # closing the question answers "skipped"
        if outcome:  # it failed at once: there is no event loop to quit yet
            return outcome[0]
        app.exec()
    finally:
        hub.close()
    return outcome[0] if outcome else EXIT_OK


def _quit_when_rated(app: QApplication, recorder: SessionRecorder | None) -> None:
    """The session window closed: quit now, or once the after-session rating is answered."""
    if recorder is None or not recorder.waiting_for_rating:
        app.quit()
        return
    recorder.destroyed.connect(app.quit)  # it deletes itself once the row is finished
