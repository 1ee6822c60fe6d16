"""The session window: body diagram, what to do now in large type, and controls that keys reach.

It renders the controller's snapshots and forwards intent; it never computes timing. The
column of what to do now is a ``CueColumn`` and the buttons a ``ControlBar``; the window
lays them out with the body and the progress row, and owns the keys, notices and stopping.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.core.routines.routine import Routine
from tpguide.core.session.engine import Snapshot
from tpguide.core.settings import clamp_volume
from tpguide.ui.session.announce import announce
from tpguide.ui.session.big_text import apply_fonts, plain
from tpguide.ui.session.controller import SessionController
from tpguide.ui.session.controls import ControlBar
from tpguide.ui.session.cue_column import CueColumn
from tpguide.ui.session.press_log import PressLog
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.fit import FlowLayout
from tpguide.ui.widgets.safety_pages import UnwellPanel
from tpguide.ui.widgets.theme import Theme, apply_palette, clock_text

CONFIRM_MS = 8000  # the "press Esc again to stop" question goes away by itself
VOLUME_STEP = 0.1  # one press of + or - (the volume runs 0..1 on a scale heard as even)
COMPACT_BELOW = 760
"""Window height (px) under which the session lays itself out for a small screen."""
COMPACT_TEXT = 0.85


class SessionWindow(QWidget):
    """Shows a running session and turns keys and clicks into controller calls.

    Every shortcut is window-wide (it works whatever child has focus): Space start, pause or
    resume; Right skip ("it eased" in a hold-until-eased press); Left back; Page Down/Up
    next/previous point; Esc stop (asks on screen and by voice: press Esc again or Enter); U "I
    feel unwell" (stops at once, asks nothing); F11 full screen; M mute; + and - louder and
    quieter (also = and the keypad's); 0-10 the point's tenderness during a press or its
    release (with a ``PressLog`` attached). The media keys do the same: Play (Play-Pause) as
    Space, Pause pauses, Next as Right, Previous as Left, Stop as Esc.

    Signals:
        muteToggled(bool): the user turned sound off (True) or on; the owner may save it.
        volumeChanged(float): the user made it louder or quieter (0..1); the owner may save it.
        unwellShown(): the "I feel unwell" panel is showing and the session has stopped.
        closed(): the window closed (the session was stopped first if it was running).
    """

    muteToggled = Signal(bool)
    volumeChanged = Signal(float)
    unwellShown = Signal()
    closed = Signal()

    def __init__(self, controller: SessionController, routine: Routine, theme: Theme, *,
                 atlas: Atlas | None = None, larger_text: bool = False,
                 reduced_motion: bool = False, muted: bool = False, volume: float = 1.0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self._routine, self._theme, self._atlas = routine, theme, atlas or default_atlas()
        self._still = reduced_motion or theme.calm
        self._text_scale = 1.25 if larger_text else 1.0
        self._muted = muted
        self._volume = clamp_volume(volume)
        self._ending = False
        self._compact = False
        self._sound_notice = ""
        self._pause_notice = False  # a notice that goes once the session runs again
        self._announced: int | None = None  # the phase screen readers were told of
        self.press_log: PressLog | None = None
        self.setWindowTitle(self.tr("{title} - tpguide").format(title=routine.title))
        self.setObjectName("SessionWindow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        apply_palette(self, theme)
        self._build()
        self._shortcuts()
        self._confirm_timer = QTimer(self)
        self._confirm_timer.setSingleShot(True)
        self._confirm_timer.timeout.connect(self._confirm.hide)
        self.unwell_panel = UnwellPanel(theme, self)
        self.unwell_panel.closeRequested.connect(self.close)
        self.unwell_panel.hide()
        c = controller
        c.snapshotChanged.connect(self.show_snapshot)
        c.sayText.connect(self._on_say)
        c.soundUnavailable.connect(self.show_notice)
        c.waitingForSound.connect(self.column.loading.setVisible)
        c.stalled.connect(self._on_stalled)
        c.soundLost.connect(self._show_pause_notice)
        c.stateChanged.connect(self._on_state)
        apply_fonts(self, self._text_scale)
        self._set_muted(muted)
        self.controls.show_volume(self._volume)
        self._on_state(controller.state)

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.body = BodyView(self._atlas)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dim = {(True, False): 0.8, (True, True): 0.68, (False, True): 0.92}.get(
            (self._theme.dark, self._theme.calm))
        if dim is not None:  # the light skin of the diagram would glare on a dark window
            effect = QGraphicsOpacityEffect(self.body)
            effect.setOpacity(dim)
            self.body.setGraphicsEffect(effect)
        self._notice = plain(name="notice")
        self._notice.hide()
        self._confirm = plain(self.tr("Stop this session? Press Esc again or Enter to stop."),
                              1.2, True, "stop_question")
        self._confirm.hide()
        self.column = CueColumn(self._routine, self._theme, self._atlas, self.body,
                                self.controller.announcements, self._still)
        beside = QVBoxLayout()
        for widget in (self._notice, self._confirm, self.column.stack):
            beside.addWidget(widget)
        beside.setStretch(2, 1)
        middle = self._middle = QHBoxLayout()
        middle.addWidget(self.body, 55)
        middle.addLayout(beside, 45)
        root = self._root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        root.addLayout(middle, 1)
        progress = self._progress_row()
        root.addLayout(progress)
        c = self.controller
        self.controls = ControlBar(
            self._theme, previous_point=c.previous_point, back=c.back, start=c.toggle,
            skip=c.skip, next_point=c.next_point, quieter=self.quieter, louder=self.louder,
            mute=self.toggle_mute,
            stop=self.request_stop, unwell=self.unwell)
        root.addWidget(self._control_area(self.controls.row()))
        progress.addSpacing(16)
        progress.addLayout(self.controls.volume_row())
        for label in (self._notice, self._confirm):
            label.setAutoFillBackground(True)
            label.setMargin(10)
            label.setStyleSheet(f"background:{self._theme.panel}; border-radius:8px;")

    def _control_area(self, row: QHBoxLayout) -> QWidget:
        """The control buttons, in two lines when the window is too narrow for one (words
        are never squeezed); "I feel unwell" keeps to the right end."""
        area = QWidget()
        flow = FlowLayout(area, spacing=max(row.spacing(), 8))
        flow.setContentsMargins(0, 0, 0, 0)
        while row.count():
            item = row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                flow.addWidget(widget)
        self.controls.unwell_button.setProperty("flowRight", True)
        return area

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        self.progress.setAccessibleName(self.tr("Session progress"))
        self.time_left_label = plain("", 1.2, True, "time_left")
        self.point_count_label = plain("", 1.2, name="point_of")
        for label in (self.time_left_label, self.point_count_label):
            label.setWordWrap(False)
        row.addWidget(self.progress, 1)
        row.addWidget(self.time_left_label)
        row.addSpacing(16)
        row.addWidget(self.point_count_label)
        return row

    def _shortcuts(self) -> None:
        c = self.controller
        keys = (("Space", c.toggle), ("Right", c.skip), ("Left", c.back),
                ("PgDown", c.next_point), ("PgUp", c.previous_point), ("Esc", self.request_stop),
                ("Return", self._confirm_stop), ("Enter", self._confirm_stop),
                ("U", self.unwell), ("F11", self.toggle_full_screen), ("M", self.toggle_mute),
                ("+", self.louder), ("=", self.louder), ("-", self.quieter),
                ("Media Play", c.toggle), ("Toggle Media Play/Pause", c.toggle),
                ("Media Pause", c.pause), ("Media Next", c.skip), ("Media Previous", c.back),
                ("Media Stop", self.request_stop))
        self.shortcuts: dict[str, QShortcut] = {}
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(slot)
            self.shortcuts[key] = shortcut
        codes = {str(d): Qt.Key.Key_0.value + d for d in range(10)}
        codes |= {"T": Qt.Key.Key_T.value, "*": Qt.Key.Key_Asterisk.value}
        for key, code in codes.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(lambda code=code: self._tenderness_key(code))
            self.shortcuts[key] = shortcut

    def attach_press_log(self, log: PressLog) -> None:
        """Record presses with ``log``: the 0-10 keys reach it and its ratings are shown."""
        self.press_log = log
        log.rated.connect(self.column.show_tenderness)

    def _tenderness_key(self, key: int) -> None:
        if self.press_log is not None:
            self.press_log.handle_key(key)

    # ----- intents ------------------------------------------------------------------------
    def request_stop(self) -> None:
        """Esc: ask first (in the window, so U still works); a second Esc stops.

        Before the start and after the end there is nothing to lose: Esc closes the window.
        """
        if self._ending or self.controller.state in ("idle", "finished", "stopped"):
            self.close()
        elif self._confirm.isVisible():
            self._confirm_stop()
        else:
            self._confirm.show()
            self._confirm_timer.start(CONFIRM_MS)
            self.controller.prompt("stop-question")  # lying on a ball, the screen is far

    def _confirm_stop(self) -> None:
        if self._confirm.isVisible():
            self._confirm.hide()
            self._confirm_timer.stop()
            self.controller.stop("user")

    def unwell(self) -> None:
        """Stop at once, without asking, and show what to do now."""
        self._confirm.hide()
        self.controller.stop("unwell")
        self.unwell_panel.setGeometry(self.rect())
        self.unwell_panel.show()
        self.unwell_panel.raise_()
        self.unwellShown.emit()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def toggle_mute(self) -> None:
        self._set_muted(not self._muted)
        self.muteToggled.emit(self._muted)

    def louder(self) -> None:
        self.change_volume(VOLUME_STEP)

    def quieter(self) -> None:
        self.change_volume(-VOLUME_STEP)

    def change_volume(self, step: float) -> None:
        """One step louder or quieter; a muted session is heard again."""
        volume = clamp_volume(round(self._volume + step, 2))
        if self._muted:
            self.toggle_mute()
        if volume == self._volume:
            return
        self._volume = volume
        self.controller.set_volume(volume)
        self.controls.show_volume(volume)
        self.volumeChanged.emit(volume)

    @property
    def volume(self) -> float:
        return self._volume

    def _set_muted(self, muted: bool) -> None:
        self._muted = muted
        self.controller.set_muted(muted)
        self.controls.show_muted(muted)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def routine(self) -> Routine:
        return self._routine

    # ----- showing ------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        """A lasting notice (no sound device, a diary that cannot be written).

        Each one stays until the window closes, one per line: a later notice (the sound
        device failing after a full disk) never hides an earlier one.
        """
        lines = [line for line in self._sound_notice.split("\n") if line]
        if text and text not in lines:
            lines.append(text)
        self._sound_notice = "\n".join(lines)
        self._notice.setText(self._sound_notice)
        self._notice.show()

    def notice_text(self) -> str:
        return self._notice.text() if self._notice.isVisible() else ""

    def _on_stalled(self, seconds: float) -> None:
        self._show_pause_notice(self.tr("Paused: the computer did not respond for {n} seconds. "
                                        "Press Space to go on.").format(n=round(seconds)))

    def _show_pause_notice(self, text: str) -> None:
        """Why the session paused by itself (a stall, the sound output lost); it goes once
        the session runs again."""
        self._pause_notice = True
        self._notice.show()
        self._notice.setText(text)

    def _on_state(self, state: str) -> None:
        self.controls.show_state(state)
        if state == "running" and self._pause_notice:
            self._pause_notice = False
            self._notice.setText(self._sound_notice)
            self._notice.setVisible(bool(self._sound_notice))
        if state in ("finished", "stopped"):
            self.setFocus()  # never leave focus on a button that just disappeared

    def _on_say(self, text: str) -> None:
        self.column.show_said(text, self.controller.engine.snapshot().phase.step)

    def show_snapshot(self, snap: Snapshot) -> None:
        self.column.show_snapshot(snap)
        self.controls.show_eased(bool(snap.phase.until_eased)
                                 and snap.state in ("running", "paused"))
        if snap.state in ("running", "finished") and snap.index != self._announced:
            self._announced = snap.index  # each phase once, never the countdown
            announce(self, self.column.spoken(snap))
        self.progress.setValue(round(snap.progress * 1000))
        self.time_left_label.setText(self.tr("{time} left").format(time=clock_text(snap.remaining)))
        if snap.point_number is not None:
            self.point_count_label.setText(self.tr("point {n} of {total}").format(
                n=snap.point_number, total=snap.point_count))

    # ----- window events ------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.unwell_panel.setGeometry(self.rect())
        self._fit(self.height())
        self.column.fit_height(self.height())

    def _fit(self, height: int) -> None:
        """On a short screen (a 600-line laptop) the words get the wider half and a touch
        less size, so the point, side and every caution are read whole without scrolling."""
        compact = height < COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        self._middle.setStretch(0, 42 if compact else 55)
        self._middle.setStretch(1, 58 if compact else 45)
        margin = 12 if compact else 16
        self._root.setContentsMargins(24, margin, 24, margin)
        self._root.setSpacing(8 if compact else 12)
        apply_fonts(self, self._text_scale * (COMPACT_TEXT if compact else 1.0))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()  # keys go to the window, not to the first button

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ending = True
        self._confirm_timer.stop()
        self.controller.shutdown()
        super().closeEvent(event)
        self.closed.emit()
