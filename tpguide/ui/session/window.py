"""The session window: body diagram, what to do now in large type, and controls that keys reach.

It renders the controller's snapshots and forwards intent; it never computes timing.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.core.routines.routine import Routine
from tpguide.core.session.engine import Snapshot
from tpguide.core.session.planner import Phase
from tpguide.ui.session.controller import SessionController
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.phase_badge import CountdownRing, PhaseBadge, control_icon
from tpguide.ui.widgets.safety_pages import UnwellPanel
from tpguide.ui.widgets.theme import (
    Theme,
    apply_palette,
    clock_text,
    countdown_text,
    phase_word,
    pressure_text,
    side_text,
    tool_text,
)

CONFIRM_MS = 8000  # the "press Esc again to stop" question goes away by itself


def plain(text: str = "", scale: float = 1.0, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapped label that never interprets its text (routine text is untrusted)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setProperty("scale", scale)
    font = QFont(label.font())
    font.setBold(bold)
    label.setFont(font)
    if name:  # for tests and style sheets; screen readers read the text itself
        label.setObjectName(name)
    return label


class SessionWindow(QWidget):
    """Shows a running session and turns keys and clicks into controller calls.

    Every shortcut is window-wide (it works whatever child has focus): Space start, pause or
    resume; Right skip; Left back; Page Down/Up next/previous point; Esc stop (asks: press Esc
    again or Enter); U "I feel unwell" (stops at once, asks nothing); F11 full screen; M mute.

    Signals:
        muteToggled(bool): the user turned sound off (True) or on; the owner may save it.
        unwellShown(): the "I feel unwell" panel is showing and the session has stopped.
        closed(): the window closed (the session was stopped first if it was running).
    """

    muteToggled = Signal(bool)
    unwellShown = Signal()
    closed = Signal()

    def __init__(self, controller: SessionController, routine: Routine, theme: Theme, *,
                 atlas: Atlas | None = None, larger_text: bool = False,
                 reduced_motion: bool = False, muted: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self._routine, self._theme, self._atlas = routine, theme, atlas or default_atlas()
        self._still = reduced_motion or theme.calm
        self._text_scale = 1.25 if larger_text else 1.0
        self._muted = muted
        self._announce = controller.announcements
        self._shown: tuple[int, str] | None = None
        self._say_step: int | None = None
        self._ending = False
        self._sound_notice = ""
        self._stall_notice = False
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
        c.waitingForSound.connect(self._loading.setVisible)
        c.stalled.connect(self._on_stalled)
        c.stateChanged.connect(self._on_state)
        self._apply_fonts()
        self._set_muted(muted)
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
        self._stack = QStackedWidget()
        self._stack.addWidget(self._intro_page())
        self._stack.addWidget(self._live_page())
        column = QVBoxLayout()
        for widget in (self._notice, self._confirm, self._stack):
            column.addWidget(widget)
        column.setStretch(2, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.body, 55)
        middle.addLayout(column, 45)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        root.addLayout(middle, 1)
        root.addLayout(self._progress_row())
        root.addLayout(self._controls())
        for label in (self._notice, self._confirm):
            label.setAutoFillBackground(True)
            label.setMargin(10)
            label.setStyleSheet(f"background:{self._theme.panel}; border-radius:8px;")

    def _intro_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        routine = self._routine
        self.title_label = plain(routine.title, 1.6, True, "routine_title")
        self.length_label = plain("", 1.15, name="routine_length")
        lay.addWidget(self.title_label)
        lay.addWidget(self.length_label)
        if routine.safety:
            lay.addWidget(plain(self.tr("Before you start"), 1.25, True))
            self.safety_label = plain("\n".join(f"• {line}" for line in routine.safety),
                                      1.15, name="routine_safety")
            lay.addWidget(self.safety_label)
        lay.addWidget(plain(self.tr("Get into position, then press Start or the Space bar."),
                            1.25, name="how_to_start"))
        self._loading = plain(self.tr("Loading the sounds…"), 1.1, name="loading")
        self._loading.hide()
        lay.addWidget(self._loading)
        lay.addStretch(1)
        return page

    def _live_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.badge = PhaseBadge()
        self.phase_label = plain("", 3.2, True, "phase_word")
        self.phase_label.setWordWrap(False)
        self.round_label = plain("", 1.3, name="round")
        self.round_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.badge)
        top.addWidget(self.phase_label, 1)
        top.addWidget(self.round_label)
        lay.addLayout(top)
        self.ring = CountdownRing()
        lay.addWidget(self.ring, 3)
        self.point_label = plain("", 1.8, True, "point_name")
        self.side_label = plain("", 1.6, True, "side")
        self.info_label = plain("", 1.2, name="pressure_and_tool")
        self.detail_label = plain("", 1.15, name="instructions")
        self.caution_label = plain("", 1.1, name="cautions")
        self.say_label = plain("", 1.25, name="spoken_text")
        self.next_label = plain("", 1.35, True, "next_point")
        for label in (self.point_label, self.side_label, self.info_label, self.next_label):
            lay.addWidget(label)
        details = QWidget()
        inner = QVBoxLayout(details)
        inner.setContentsMargins(0, 4, 8, 4)
        for label in (self.say_label, self.detail_label, self.caution_label):
            inner.addWidget(label)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(details)
        scroll.viewport().setAutoFillBackground(False)
        details.setAutoFillBackground(False)
        lay.addWidget(scroll, 2)
        return page

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

    def _icon(self, kind: str) -> QIcon:
        colour = self._theme.unwell_text if kind == "unwell" else self._theme.text
        return control_icon(kind, colour)

    def _button(self, text: str, key: str, icon: str) -> QPushButton:
        button = QPushButton(text)
        button.setIcon(self._icon(icon))
        button.setIconSize(QSize(22, 22))
        button.setToolTip(self.tr("{action} (key: {key})").format(action=text, key=key))
        button.setAccessibleName(text)
        button.setAccessibleDescription(self.tr("Shortcut: {key}").format(key=key))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumHeight(52)
        return button

    def _controls(self) -> QHBoxLayout:
        c = self.controller
        self.previous_point_button = self._button(self.tr("Previous point"), "Page Up",
                                                  "previous-point")
        self.back_button = self._button(self.tr("Back"), "←", "back")
        self.start_button = self._button(self.tr("Start"), self.tr("Space"), "play")
        self.skip_button = self._button(self.tr("Skip"), "→", "skip")
        self.next_point_button = self._button(self.tr("Next point"), "Page Down", "next-point")
        self.mute_button = self._button(self.tr("Mute"), "M", "mute")
        self.stop_button = self._button(self.tr("Stop"), "Esc", "stop")
        self.unwell_button = self._button(self.tr("Stop – I feel unwell"), "U", "unwell")
        self.unwell_button.setObjectName("unwell")
        t = self._theme
        style = (f"QPushButton {{ padding: 8px 14px; border: 1px solid {t.track};"
                 f" border-radius: 10px; background: {t.panel}; color: {t.text}; }}"
                 f" QPushButton:focus {{ border: 2px solid {t.text}; }}"
                 f" QPushButton:disabled {{ color: {t.muted_text}; }}"
                 f" QPushButton#unwell {{ border: 3px solid {t.unwell}; color: {t.unwell_text};"
                 f" font-weight: bold; }}")
        row = QHBoxLayout()
        actions = ((self.previous_point_button, c.previous_point), (self.back_button, c.back),
                   (self.start_button, c.toggle), (self.skip_button, c.skip),
                   (self.next_point_button, c.next_point), (self.mute_button, self.toggle_mute),
                   (self.stop_button, self.request_stop), (self.unwell_button, self.unwell))
        for button, slot in actions:
            button.setStyleSheet(style)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.insertSpacing(5, 12)
        row.insertStretch(8, 1)
        return row

    def _shortcuts(self) -> None:
        c = self.controller
        keys = (("Space", c.toggle), ("Right", c.skip), ("Left", c.back),
                ("PgDown", c.next_point), ("PgUp", c.previous_point), ("Esc", self.request_stop),
                ("Return", self._confirm_stop), ("Enter", self._confirm_stop),
                ("U", self.unwell), ("F11", self.toggle_full_screen), ("M", self.toggle_mute))
        self.shortcuts: dict[str, QShortcut] = {}
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(slot)
            self.shortcuts[key] = shortcut

    def _apply_fonts(self) -> None:
        base = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 10.0
        for label in self.findChildren(QLabel):
            scale = label.property("scale")
            if isinstance(scale, float | int):
                font = QFont(label.font())
                font.setPointSizeF(base * float(scale) * self._text_scale)
                label.setFont(font)
        for button in self.findChildren(QPushButton):
            font = QFont(button.font())
            font.setPointSizeF(base * 1.15 * self._text_scale)
            button.setFont(font)

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

    def _set_muted(self, muted: bool) -> None:
        self._muted = muted
        self.controller.set_muted(muted)
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        self.mute_button.setIcon(self._icon("unmute" if muted else "mute"))
        self.mute_button.setAccessibleName(self.mute_button.text())
        self.mute_button.setToolTip(self.tr("{action} (key: {key})").format(
            action=self.mute_button.text(), key="M"))

    @property
    def muted(self) -> bool:
        return self._muted

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
        self._stall_notice = True
        self._notice.show()
        self._notice.setText(self.tr("Paused: the computer did not respond for {n} seconds. "
                                 "Press Space to go on.").format(n=round(seconds)))

    def _on_state(self, state: str) -> None:
        words = {"running": self.tr("Pause"), "paused": self.tr("Resume")}
        self.start_button.setText(words.get(state, self.tr("Start")))
        self.start_button.setAccessibleName(self.start_button.text())
        self.start_button.setIcon(self._icon("pause" if state == "running" else "play"))
        over = state in ("finished", "stopped")
        for button in (self.start_button, self.back_button, self.skip_button,
                       self.next_point_button, self.previous_point_button):
            button.setEnabled(not over)
            button.setVisible(not over)
        closes = over or state == "idle"
        self.stop_button.setText(self.tr("Close") if closes else self.tr("Stop"))
        self.stop_button.setIcon(self._icon("close" if closes else "stop"))
        self.stop_button.setAccessibleName(self.stop_button.text())
        self.stop_button.setToolTip(self.tr("{action} (key: {key})").format(
            action=self.stop_button.text(), key="Esc"))
        if state == "running" and self._stall_notice:
            self._stall_notice = False
            self._notice.setText(self._sound_notice)
            self._notice.setVisible(bool(self._sound_notice))
        if over:
            self.setFocus()  # never leave focus on a button that just disappeared

    def _on_say(self, text: str) -> None:
        self._say_step = self.controller.engine.snapshot().phase.step
        self._set(self.say_label, text)

    def show_snapshot(self, snap: Snapshot) -> None:
        phase = snap.phase
        self._stack.setCurrentIndex(0 if snap.state == "idle" else 1)
        self.length_label.setText(self.tr("{time} in all, {n} points").format(
            time=clock_text(snap.total), n=snap.point_count))
        self._show_phase(snap, phase)
        self.progress.setValue(round(snap.progress * 1000))
        self.time_left_label.setText(self.tr("{time} left").format(time=clock_text(snap.remaining)))
        if snap.point_number is not None:
            self.point_count_label.setText(self.tr("point {n} of {total}").format(
                n=snap.point_number, total=snap.point_count))
        if (snap.index, snap.state) != self._shown:
            self._shown = (snap.index, snap.state)
            self._show_step(snap, phase)

    def _show_phase(self, snap: Snapshot, phase: Phase) -> None:
        style = self._theme.phase(phase.kind)
        stopped = snap.state == "stopped"
        paused = snap.state == "paused"
        word = phase_word(phase.kind)
        shown = self.tr("STOPPED") if stopped else self.tr("PAUSED") if paused else word
        self.phase_label.setText(shown)
        plain_colour = stopped or paused
        self.phase_label.setStyleSheet(f"color:{self._theme.text if plain_colour else style.text}")
        self.badge.set_phase(phase.kind, style.colour, word)
        self.badge.setVisible(not stopped)
        fraction = 1.0 if phase.duration <= 0 else snap.phase_elapsed / phase.duration
        caption = self.tr("paused") if snap.state == "paused" else ""
        text = "" if phase.kind == "done" or stopped else countdown_text(snap.phase_remaining)
        self.ring.set_colours(style.colour, self._theme.track, self._theme.text)
        shape = style.shape if phase.kind == "done" and not stopped else ""
        self.ring.set_state(0.0 if stopped else fraction, text, caption, shape)
        cycle = phase.cycle is not None and phase.cycles and phase.cycles > 1
        self.round_label.setText(self.tr("round {n} of {m}").format(
            n=phase.cycle, m=phase.cycles) if cycle and not stopped else "")

    def _show_step(self, snap: Snapshot, phase: Phase) -> None:
        point = self._atlas.get(phase.point) if phase.point else None
        over = snap.state in ("finished", "stopped")
        if phase.step != self._say_step or over:
            self._set(self.say_label, "")
        if point is not None and not over:
            name, side = point.name, side_text(phase.side)
            info = self.tr("Pressure: {p}    Use: {tool}").format(
                p=pressure_text(phase.pressure), tool=tool_text(phase.tool))
            detail = phase.instructions or f"{point.locate}\n{point.technique}".strip()
            cautions = "\n".join(f"⚠ {c}" for c in point.cautions)
        else:
            side = info = cautions = ""
            detail = phase.instructions or ""
            names = {"rest": self.tr("Rest"), "done": self.tr("Session complete")}
            name = names.get(phase.kind, "")
            if phase.kind == "rest" and not detail:
                detail = self.tr("Let your hands rest and breathe slowly.")
            if snap.state == "finished":
                detail = self.tr("Take a moment before you get up, and get up slowly.")
            elif snap.state == "stopped":
                name, detail = self.tr("Session stopped"), ""
        for label, text in ((self.point_label, name), (self.side_label, side),
                            (self.info_label, info), (self.detail_label, detail),
                            (self.caution_label, cautions)):
            self._set(label, text)
        self._show_next(snap, phase)
        self._show_body(snap, phase, point is not None and not over)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _show_next(self, snap: Snapshot, phase: Phase) -> None:
        ahead = self._announce[snap.index] if phase.kind in ("release", "rest") else None
        point = self._atlas.get(ahead[0]) if ahead else None
        if ahead is None or point is None or snap.state in ("finished", "stopped"):
            self._set(self.next_label, "")
            self.body.mark_next(None)
            return
        self._set(self.next_label, self.tr("Next: {name}, {side}").format(
            name=point.name, side=side_text(ahead[1])))
        if phase.point is None:
            self.body.set_view(point.view, ahead[1] == "left" and point.view == "head-side")
        self.body.mark_next(ahead[0], ahead[1])

    def _show_body(self, snap: Snapshot, phase: Phase, current: bool) -> None:
        style = self._theme.phase(phase.kind)
        pulsing = phase.kind == "press" and snap.state == "running" and not self._still
        if current and phase.point:
            self.body.highlight(phase.point, phase.side or "both", QColor(style.colour), pulsing)
        else:
            self.body.highlight(None, "both", QColor(style.colour), False)

    # ----- window events ------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.unwell_panel.setGeometry(self.rect())
        self.badge.set_side(max(48, min(96, self.height() // 11)))
        self.ring.setMinimumHeight(max(160, int(self.height() * 0.4)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()  # keys go to the window, not to the first button

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ending = True
        self._confirm_timer.stop()
        self.controller.shutdown()
        super().closeEvent(event)
        self.closed.emit()
