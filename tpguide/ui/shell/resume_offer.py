"""Continue where I stopped: after a crash, a power cut or Esc, the start page offers the rest.

The diary keeps how far each session got; ``core.session.resume`` turns the newest session
that was cut short into the phase to begin again at (the start of the point and side it had
reached). Continue goes through the one launcher, like every start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.diary.records import SessionRecord
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.routine import Routine
from tpguide.core.session.planner import make_plan
from tpguide.core.session.resume import ResumePoint, last_cut_short, resume_point
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.theme import side_text

Now = Callable[[], datetime]


class Diary(Protocol):
    """The app's diary, as far as the offer reads it."""

    @property
    def changed(self) -> SignalInstance: ...  # a session's row was finished

    def sessions(self) -> list[object]: ...


class ResumePanel(QFrame):
    """"Continue where you stopped?" with what is left, Continue and Not now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("ResumePanel")
        self.setAccessibleName(self.tr("Continue where you stopped"))
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 14)
        col.addWidget(plain_label(self.tr("Continue where you stopped?"), "heading", self))
        self.text = plain_label("", "big", self)
        col.addWidget(self.text)
        row = QHBoxLayout()
        self.continue_button = QPushButton(self.tr("▶  Continue"), self)
        self.continue_button.setProperty("primary", True)
        self.continue_button.setMinimumHeight(48)
        self.dismiss_button = QPushButton(self.tr("Not now"), self)
        self.dismiss_button.setMinimumHeight(48)
        row.addWidget(self.continue_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        col.addLayout(row)

    def show_point(self, point: ResumePoint, point_name: str) -> None:
        self.text.setText(self.tr(
            "{title}: point {n} of {total}, {name}, {side}. About {left} left.").format(
            title=point.routine_title, n=point.point_number, total=point.point_count,
            name=point_name, side=side_text(point.side), left=format_length(point.left_seconds)))
        self.continue_button.setAccessibleName(self.tr("Continue {title} at point {n}").format(
            title=point.routine_title, n=point.point_number))


class ResumeOffer(QObject):
    """Keeps ``panel`` (on the start page) showing the session there is to continue, if any.

    ``routines`` lists the routines read so far (the person's own first); ``refresh`` is
    called after start-up and whenever a session's row is finished.
    """

    def __init__(self, panel: ResumePanel, launcher: SessionLauncher, diary: Diary,
                 routines: Callable[[], Sequence[Routine]], atlas: Callable[[], Atlas], *,
                 parent_widget: QWidget, now: Now = lambda: datetime.now(UTC)) -> None:
        super().__init__(parent_widget)
        self.panel = panel
        self._launcher = launcher
        self._diary = diary
        self._routines = routines
        self._atlas = atlas
        self._parent = parent_widget
        self._now = now
        self._dismissed: set[int] = set()
        self.current: tuple[Routine, ResumePoint] | None = None
        panel.continue_button.clicked.connect(self.resume)
        panel.dismiss_button.clicked.connect(self.dismiss)
        diary.changed.connect(self.refresh)
        panel.hide()

    def refresh(self) -> None:
        """Look at the diary again: show the offer, or hide it."""
        self.current = self._find()
        if self.current is None:
            self.panel.hide()
            return
        routine, point = self.current
        found = self._atlas().get(point.point)
        self.panel.show_point(point, found.name if found is not None else point.point)
        self.panel.show()

    def _find(self) -> tuple[Routine, ResumePoint] | None:
        sessions = [s for s in self._diary.sessions() if isinstance(s, SessionRecord)]
        record = last_cut_short(sessions, self._now())
        if record is None or record.id in self._dismissed:
            return None
        routine = next((r for r in self._routines() if r.id == record.routine_id), None)
        if routine is None:
            return None
        point = resume_point(record, make_plan(routine))
        return None if point is None else (routine, point)

    def resume(self) -> bool:
        """Start the rest of the session: gate, pain question, window (at that point), diary."""
        if self.current is None:
            return False
        routine, point = self.current
        return self._launcher.start(routine, self._parent, start_at=point.index)

    def dismiss(self) -> None:
        if self.current is not None:
            self._dismissed.add(self.current[1].session_id)
        self.refresh()
