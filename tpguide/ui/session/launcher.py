"""The one way into a session, whoever asks: the main window, ``tpguide run``, the finder,
a course, the editor's preview.

The order is always the same: the safety gate, the "how much does it hurt?" question (when
the ratings are on), the warning signs once more for a severe (8-10) or a new or different
headache, the session window, and its row in the diary. One session runs at a
time: asking again while one is open brings that one to the front.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from tpguide.core.routines.routine import Routine
from tpguide.ui.widgets.settings_owner import SettingsOwner

if TYPE_CHECKING:
    from tpguide.core.session.cues import CuePlayer
    from tpguide.ui.session.history_hub import HistoryHub
    from tpguide.ui.session.recording import SessionRecorder
    from tpguide.ui.session.speech import SpeakerLike
    from tpguide.ui.session.window import SessionWindow
    from tpguide.ui.widgets.pain_rating import PainAnswer

PREVIEW_SPEED = 10.0

Gate = Callable[[QWidget | None, SettingsOwner], bool]
Confirm = Callable[[QWidget | None], bool]
"""Shows the warning signs again; True to start anyway (tests answer it)."""


Opener = Callable[..., "SessionWindow | None"]
"""Makes and shows the session window: ``(routine, parent, settings, **options)``; tests
give one on a fake clock."""


def open_session_window(
    routine: Routine,
    parent: QWidget | None,
    settings: SettingsOwner,
    *,
    cue_player: CuePlayer | None = None,
    speed: float = 1.0,
    speaker: SpeakerLike | None = None,
    clock: Callable[[], float] | None = None,
    start_at: int = 0,
) -> SessionWindow:
    """The session window for ``routine``, shown and waiting for Start (no gate here).

    The first phase begins only once the cue player has loaded every sound. ``speed`` > 1
    runs a preview; ``clock`` replaces the monotonic clock (tests). A speech engine for
    ``say:`` text is made only with the default cue player; pass ``speaker`` otherwise.
    ``start_at`` is the phase a resumed session begins at (``SessionEngine.start_at``).
    """
    from tpguide.core.session.cue_names import say_prompt
    from tpguide.core.session.planner import make_plan
    from tpguide.core.session.prompts import prompt_lengths, voice_prompts_needed
    from tpguide.ui.session.breathing import BreathingGuide
    from tpguide.ui.session.controller import SessionController
    from tpguide.ui.session.cue_player import make_cue_player
    from tpguide.ui.session.press_log import TENDERNESS_PROMPTS, PressLog
    from tpguide.ui.session.speech import make_speaker
    from tpguide.ui.session.window import SessionWindow
    from tpguide.ui.widgets.theme import theme_for

    current = settings.settings()
    plan = make_plan(routine)
    own_player = cue_player is None
    if cue_player is None:
        wanted = voice_prompts_needed(plan.phases)
        if current.tenderness_keys:
            wanted |= set(TENDERNESS_PROMPTS)
        cue_player = make_cue_player(prompts=wanted)
    cue_player.set_volume(current.volume)
    cue_player.set_calm(current.calm)
    controller = SessionController(plan, cue_player, clock=clock, speed=speed,
                                   voice=current.voice, ticks=current.ticks, speaker=speaker)
    window = SessionWindow(controller, routine, theme_for(current.theme, current.calm),
                           larger_text=current.larger_text,
                           reduced_motion=current.reduced_motion, muted=current.muted,
                           volume=current.volume, parent=parent)
    controller.setParent(window)
    window.attach_press_log(PressLog(controller, cue_player, keys=current.tenderness_keys,
                                     voice=current.voice))
    if current.breathing_guide:
        BreathingGuide(controller, cue_player)
    if start_at:
        controller.engine.start_at(start_at)
        window.column.show_resume(controller.snapshot())
    window.muteToggled.connect(lambda muted: settings.update(muted=muted))
    window.volumeChanged.connect(lambda volume: settings.update(volume=volume))
    recorded = prompt_lengths()  # built-in say: lines play as recorded prompts
    has_say = any(step.say and say_prompt(step.say) not in recorded for step in routine.steps)
    if own_player and speaker is None and current.voice and has_say and speed == 1:
        def create(audio_ok: bool) -> None:  # once the sounds are loaded, before phase one
            if not isValid(controller):  # closed while the voice was still being decoded
                return
            made = make_speaker(audio_ok=audio_ok, parent=controller)
            made.failed.connect(window.show_notice)  # "texts will be shown instead"
            controller.set_speaker(made)

        cue_player.when_ready(create)
    place_session_window(window, parent, current.fullscreen_session)
    controller.prepare()
    return window


def place_session_window(window: QWidget, parent: QWidget | None, fullscreen: bool) -> None:
    """Full screen, or the whole of the screen the app is on (maximised).

    Nothing of the main window shows at its edges to press by mistake, and the cues are as
    large as the screen allows. Without a window manager to maximise it (a bare X
    server) the geometry alone fills the screen.
    """
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.showFullScreen() if fullscreen else window.showMaximized()


class SessionLauncher(QObject):
    """Runs the start sequence for every caller, and knows the session that is open.

    Signals:
        sessionStarted(object): the session window that just opened.
        refused(str): the session did not start; the message is for the person.
        busyChanged(bool): a session (or the pain question before one) opened (True) or
            closed: every Start in the app follows it (``busy``).
    """

    sessionStarted = Signal(object)
    refused = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, settings: SettingsOwner, *, diary: HistoryHub | None = None,
                 gate: Gate | None = None, opener: Opener | None = None,
                 ask_pain: bool = True, confirm_again: Confirm | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.diary = diary
        self.ask_pain = ask_pain
        self.current: SessionWindow | None = None
        self.recorder: SessionRecorder | None = None
        """The diary row of the session opened last by ``start`` (None: not recorded)."""
        self._gate = gate
        self._opener = opener
        self._confirm_again = confirm_again
        self._asking: QWidget | None = None
        """The pain question of a start in progress (a second start raises it)."""

    def busy(self) -> bool:
        """True while a session window or the pain question before one is open."""
        window = self.current
        return self._asking is not None or (window is not None and window.isVisible())

    # ------------------------------------------------------------------ intents
    def start(self, routine: Routine, parent: QWidget | None = None, *,
              start_at: int = 0) -> bool:
        """Start a recorded session: gate, pain question, window, diary row.

        True when the session opened or the pain question is on screen for it. ``start_at``
        is the phase to begin at (continuing a session that was cut short).
        """
        if self._bring_forward():
            return False
        if not self._passes_gate(parent):
            return False
        diary = self.diary
        options = {"start_at": start_at} if start_at else {}
        if diary is not None and self.ask_pain and diary.asks():
            def answered(answer: PainAnswer) -> None:
                self._set_asking(None)
                self._answered(routine, parent, answer, options)

            self._set_asking(diary.ask_before(parent, answered))
            return True
        return self._open(routine, parent, None, options) is not None

    def preview(self, routine: Routine, parent: QWidget | None = None,
                **options: Any) -> SessionWindow | None:
        """The editor's preview: ten times faster, not recorded, no pain question."""
        if self._bring_forward() or not self._passes_gate(parent):
            return None
        options.setdefault("speed", PREVIEW_SPEED)
        return self._show(routine, parent, options)

    def open(self, routine: Routine, parent: QWidget | None = None,
             **options: Any) -> SessionWindow | None:
        """Gate, then the window, without the pain question or the diary (tests, tools)."""
        if self._bring_forward() or not self._passes_gate(parent):
            return None
        return self._show(routine, parent, options)

    # ------------------------------------------------------------------ steps
    def _passes_gate(self, parent: QWidget | None) -> bool:
        from tpguide.ui.widgets.safety_pages import require_safety  # its page: only if needed

        gate = self._gate if self._gate is not None else require_safety
        if gate(parent, self.settings):
            return True
        self.refused.emit(self.tr("Not started: please read the safety notes first."))
        return False

    def _set_asking(self, dialog: QWidget | None) -> None:
        was = self.busy()
        self._asking = dialog
        if dialog is not None:  # however it goes away, the question no longer holds Start
            dialog.destroyed.connect(lambda *_: self._asked(dialog))
        if self.busy() != was:
            self.busyChanged.emit(self.busy())

    def _asked(self, dialog: QWidget) -> None:
        if self._asking is dialog:
            self._set_asking(None)

    def _answered(self, routine: Routine, parent: QWidget | None, answer: PainAnswer,
                  options: dict[str, Any]) -> None:
        """A severe (8-10) or new or different headache: the warning signs come first."""
        from tpguide.core.safety_text import red_flags_again
        from tpguide.ui.widgets.safety_pages import confirm_red_flags_again

        if red_flags_again(answer.pain, answer.new_or_different):
            confirm = self._confirm_again or confirm_red_flags_again
            if not confirm(parent):
                self.refused.emit(self.tr("Not started. If a warning sign applies, please get "
                                          "medical help."))
                return
        self._open(routine, parent, answer.pain, options)

    def _open(self, routine: Routine, parent: QWidget | None, pain_before: int | None,
              options: dict[str, Any]) -> SessionWindow | None:
        if self._bring_forward():  # a second start slipped in while the question was open
            return None
        return self._show(routine, parent, dict(options), record=True,
                          pain_before=pain_before)

    def _show(self, routine: Routine, parent: QWidget | None, options: dict[str, Any], *,
              record: bool = False, pain_before: int | None = None) -> SessionWindow | None:
        # the module's name is looked up now, so a test can replace open_session_window
        opener: Opener = self._opener if self._opener is not None else open_session_window
        window = opener(routine, parent, self.settings, **options)
        if window is None:
            return None
        self.current = window
        self.recorder = None
        if record and self.diary is not None:
            self.recorder = self.diary.record(window, routine, pain_before)
        window.closed.connect(lambda: self._closed(window))
        window.raise_()
        window.activateWindow()
        self.sessionStarted.emit(window)
        self.busyChanged.emit(self.busy())
        return window

    def _closed(self, window: SessionWindow) -> None:
        if self.current is window:
            self.current = None
            self.busyChanged.emit(self.busy())

    def _bring_forward(self) -> bool:
        """True (and the open session, or its pain question, in front) when one is open."""
        asking = self._asking
        if asking is not None:
            asking.raise_()
            asking.activateWindow()
            return True
        window = self.current
        if window is None:
            return False
        if not window.isVisible():
            self.current = None
            return False
        window.raise_()
        window.activateWindow()
        return True

