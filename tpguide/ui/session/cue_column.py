"""The column beside the body: the routine's intro before Start, then what to do now.

It turns each snapshot into the words of the column and the marks on the body diagram; it
never computes timing (the snapshot carries it).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines.routine import Routine
from tpguide.core.session.engine import Snapshot
from tpguide.core.session.planner import Phase
from tpguide.ui.session.big_text import plain, show_text
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.phase_badge import CountdownRing, PhaseBadge
from tpguide.ui.widgets.theme import (
    Theme,
    clock_text,
    countdown_text,
    phase_word,
    session_pressure,
    side_text,
    tool_text,
)


def _tr(text: str) -> str:
    """Translated in the session window's context, where these words are shown."""
    return QCoreApplication.translate("SessionWindow", text)


FULL_CAUTIONS = ("prepare", "switch")
"""Phases whose cautions are shown whole: hands are not busy yet, there is time to read."""
_UNLIMITED = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX: no maximum width
RING_BESIDE_BELOW = 900
"""Window height (px) under which the countdown ring sits beside the point's words."""
_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)


def short_caution(text: str) -> str:
    """A caution's first sentence: the reminder shown while pressing (the whole of it was
    shown during get-ready)."""
    found = _SENTENCE.match(text.strip())
    return found.group(1) if found else text.strip()


def caution_text(cautions: tuple[str, ...] | list[str], kind: str) -> str:
    """Every caution in full before pressing, their first sentences while pressing."""
    full = kind in FULL_CAUTIONS
    return "\n".join(f"⚠ {c if full else short_caution(c)}" for c in cautions)


def side_caption(side: str | None) -> str:
    """What the body diagram writes large beside the current marker."""
    words = {"left": _tr("your LEFT side"), "right": _tr("your RIGHT side"),
             "together": _tr("BOTH sides together")}
    return words.get(side or "", "")


class CueColumn:
    """The intro and live pages (one shown at a time) and what a snapshot puts on them.

    ``announce`` is, for each phase of the plan, the point and side coming next (as the
    cues announce it); ``still`` keeps the current point's marker from pulsing.
    """

    def __init__(self, routine: Routine, theme: Theme, atlas: Atlas, body: BodyView,
                 announce: list[tuple[str, str] | None], still: bool) -> None:
        self._routine, self._theme, self._atlas, self._body = routine, theme, atlas, body
        self._announce, self._still = announce, still
        self._shown: tuple[int, str] | None = None
        self._say_step: int | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._intro_page())
        self.stack.addWidget(self._live_page())

    def _intro_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        routine = self._routine
        self.title_label = plain(routine.title, 1.6, True, "routine_title")
        self.length_label = plain("", 1.15, name="routine_length")
        lay.addWidget(self.title_label)
        lay.addWidget(self.length_label)
        if routine.safety:
            lay.addWidget(plain(_tr("Before you start"), 1.25, True))
            self.safety_label = plain("\n".join(f"• {line}" for line in routine.safety),
                                      1.15, name="routine_safety")
            lay.addWidget(self.safety_label)
        self.resume_label = plain("", 1.25, True, "resume")
        self.resume_label.hide()
        lay.addWidget(self.resume_label)
        lay.addWidget(plain(_tr("Get into position, then press Start or the Space bar."),
                            1.25, name="how_to_start"))
        self.loading = plain(_tr("Loading the sounds…"), 1.1, name="loading")
        self.loading.hide()
        lay.addWidget(self.loading)
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
        self._ring_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)  # beside, when short
        self._ring_row.setSpacing(6)
        self._ring_row.addWidget(self.ring, 1)
        texts = QVBoxLayout()
        texts.setSpacing(6)
        texts.addStretch(1)  # beside the ring: the words at its middle
        self._ring_row.addLayout(texts)
        lay.addLayout(self._ring_row, 3)
        self.eased_label = plain("", 1.3, True, "hold_until_eased")
        self.tender_label = plain("", 1.2, name="tenderness")
        for label in (self.eased_label, self.tender_label):
            label.hide()
            texts.addWidget(label)
        self.point_label = plain("", 1.8, True, "point_name")
        self.side_label = plain("", 1.6, True, "side")
        self.info_label = plain("", 1.2, name="pressure_and_tool")
        self.detail_label = plain("", 1.15, name="instructions")
        self.caution_label = plain("", 1.15, name="cautions")  # never in the scroll box
        self.say_label = plain("", 1.25, name="spoken_text")
        self.next_label = plain("", 1.35, True, "next_point")
        for label in (self.point_label, self.side_label, self.info_label):
            texts.addWidget(label)
        texts.addStretch(1)
        for label in (self.caution_label, self.next_label):
            lay.addWidget(label)
        details = QWidget()
        inner = QVBoxLayout(details)
        inner.setContentsMargins(0, 4, 8, 4)
        for label in (self.say_label, self.detail_label):
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

    def show_resume(self, snap: Snapshot) -> None:
        """Before Start of a continued session: where it takes up again."""
        point = self._atlas.get(snap.phase.point) if snap.phase.point else None
        if point is None or snap.point_number is None:
            return
        show_text(self.resume_label, _tr(
            "Continuing where you stopped: point {n} of {total}, {name}, {side}.").format(
            n=snap.point_number, total=snap.point_count, name=point.name,
            side=side_text(snap.phase.side)))

    def fit_height(self, height: int) -> None:
        """Grow the badge and the countdown ring with the window (read from across the room).

        Below ``RING_BESIDE_BELOW`` the ring goes beside the point's name, side and pressure
        instead of above them, so the cautions below are read whole on a short screen.
        """
        self.badge.set_side(max(40, min(96, height // 11)))
        side = max(100, int(height * 0.22))  # the least: it grows with the room
        beside = height < RING_BESIDE_BELOW
        self.ring.setMinimumSize(side if beside else 160, side)
        self.ring.setMaximumWidth(side if beside else _UNLIMITED)
        self._ring_row.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                    else QBoxLayout.Direction.TopToBottom)
        self._ring_row.setStretch(0, 0 if beside else 1)
        self._ring_row.setStretch(1, 1 if beside else 0)

    # ----- showing ------------------------------------------------------------------------
    def show_said(self, text: str, step: int | None) -> None:
        """Spoken text stays on screen until its step is over."""
        self._say_step = step
        show_text(self.say_label, text)

    def show_snapshot(self, snap: Snapshot) -> None:
        phase = snap.phase
        self.stack.setCurrentIndex(0 if snap.state == "idle" else 1)
        self.length_label.setText(_tr("{time} in all, {n} points").format(
            time=clock_text(snap.total), n=snap.point_count))
        self._show_phase(snap, phase)
        if (snap.index, snap.state) != self._shown:
            self._shown = (snap.index, snap.state)
            self._show_step(snap, phase)

    def spoken(self, snap: Snapshot) -> str:
        """What a screen reader says when this phase begins: its word, the point and side,
        how long, and what comes next (the texts of the column, as shown)."""
        phase = snap.phase
        parts = [phase_word(phase.kind)]
        if phase.kind == "done":
            parts.append(_tr("Session complete"))
        else:
            where = ", ".join(t for t in (self.point_label.text(), self.side_label.text()) if t)
            parts += [where] if where else []
            if phase.duration > 0:
                parts.append(_tr("{n} seconds").format(n=round(phase.duration)))
            parts += [self.next_label.text()] if self.next_label.text() else []
        return ". ".join(parts) + "."

    def _show_phase(self, snap: Snapshot, phase: Phase) -> None:
        style = self._theme.phase(phase.kind)
        stopped = snap.state == "stopped"
        paused = snap.state == "paused"
        word = phase_word(phase.kind)
        shown = _tr("STOPPED") if stopped else _tr("PAUSED") if paused else word
        self.phase_label.setText(shown)
        plain_colour = stopped or paused
        self.phase_label.setStyleSheet(f"color:{self._theme.text if plain_colour else style.text}")
        self.badge.set_phase(phase.kind, style.colour, word)
        self.badge.setVisible(not stopped)
        fraction = 1.0 if phase.duration <= 0 else snap.phase_elapsed / phase.duration
        caption = _tr("paused") if snap.state == "paused" else ""
        text = "" if phase.kind == "done" or stopped else countdown_text(snap.phase_remaining)
        self.ring.set_colours(style.colour, self._theme.track, self._theme.text)
        shape = style.shape if phase.kind == "done" and not stopped else ""
        self.ring.set_state(0.0 if stopped else fraction, text, caption, shape)
        live = snap.state in ("running", "paused")
        show_text(self.eased_label, _tr("Hold until it eases - press Right when it does")
                  if phase.until_eased and live else "")
        cycle = phase.cycle is not None and phase.cycles and phase.cycles > 1
        self.round_label.setText(_tr("round {n} of {m}").format(
            n=phase.cycle, m=phase.cycles) if cycle and not stopped else "")

    def show_tenderness(self, level: int) -> None:
        """A tenderness just typed, until the next press or point."""
        show_text(self.tender_label, _tr("Tenderness here: {level}/10").format(level=level))

    def _show_step(self, snap: Snapshot, phase: Phase) -> None:
        point = self._atlas.get(phase.point) if phase.point else None
        if phase.kind not in ("release",):
            show_text(self.tender_label, "")
        over = snap.state in ("finished", "stopped")
        if phase.step != self._say_step or over:
            show_text(self.say_label, "")
        if point is not None and not over:
            name, side = point.name, side_text(phase.side)
            info = _tr("Pressure: {p}    Use: {tool}").format(
                p=session_pressure(phase.pressure), tool=tool_text(phase.tool))
            detail = phase.instructions or f"{point.locate}\n{point.technique}".strip()
            cautions = caution_text(point.cautions, phase.kind)
        else:
            side = info = cautions = ""
            detail = phase.instructions or ""
            names = {"rest": _tr("Rest"), "done": _tr("Session complete")}
            name = names.get(phase.kind, "")
            if phase.kind == "rest" and not detail:
                detail = _tr("Let your hands rest and breathe slowly.")
            if snap.state == "finished":
                detail = _tr("Take a moment before you get up, and get up slowly.")
            elif snap.state == "stopped":
                name, detail = _tr("Session stopped"), ""
        for label, text in ((self.point_label, name), (self.side_label, side),
                            (self.info_label, info), (self.detail_label, detail),
                            (self.caution_label, cautions)):
            show_text(label, text)
        self._show_next(snap, phase)
        self._show_body(snap, phase, point is not None and not over)

    def _show_next(self, snap: Snapshot, phase: Phase) -> None:
        ahead = self._announce[snap.index] if phase.kind in ("release", "rest") else None
        point = self._atlas.get(ahead[0]) if ahead else None
        if ahead is None or point is None or snap.state in ("finished", "stopped"):
            show_text(self.next_label, "")
            self._body.mark_next(None)
            return
        show_text(self.next_label, _tr("Next: {name}, {side}").format(
            name=point.name, side=side_text(ahead[1])))
        if phase.point is None:
            self._body.set_view(point.view, ahead[1] == "left" and point.view == "head-side")
        self._body.mark_next(ahead[0], ahead[1])

    def _show_body(self, snap: Snapshot, phase: Phase, current: bool) -> None:
        style = self._theme.phase(phase.kind)
        pulsing = phase.kind == "press" and snap.state == "running" and not self._still
        if current and phase.point:
            self._body.highlight(phase.point, phase.side or "both", QColor(style.colour), pulsing,
                                 side_caption(phase.side))
        else:
            self._body.highlight(None, "both", QColor(style.colour), False)
