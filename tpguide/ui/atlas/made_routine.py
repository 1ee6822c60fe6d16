"""What "Make a short routine" made, shown before anything starts: points, length, cautions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.i18n import ngettext
from tpguide.core.routines.describe import settings_words
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.routine import Routine
from tpguide.ui.widgets.plain import plain_label

BUTTON_HEIGHT = 48


class MadeRoutine(QScrollArea):
    """The finder's short routine in words, with Start, "Save as my routine" and Back.

    Signals:
        startRequested(): start it (the owner runs the safety gate and the launcher).
        saveRequested(): keep it among the person's own routines.
        backRequested(): go back to the list of points.
    """

    startRequested = Signal()
    saveRequested = Signal()
    backRequested = Signal()

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("The short routine"))
        body = QWidget(self)
        self._col = QVBoxLayout(body)
        self._col.setContentsMargins(4, 4, 12, 4)
        self._col.setSpacing(8)
        self.title = plain_label("", "heading", body)
        self.facts = plain_label("", "big", body)
        self._col.addWidget(self.title)
        self._col.addWidget(self.facts)
        self._col.addLayout(self._buttons(body))
        self.saved_note = plain_label("", "body", body)
        self.saved_note.hide()
        self._col.addWidget(self.saved_note)
        self._col.addWidget(plain_label(self.tr("The points, in order"), "subheading", body))
        self.steps = plain_label("", "body", body)
        self._col.addWidget(self.steps)
        self.cautions_heading = plain_label(self.tr("Read before you start"), "subheading", body)
        self.cautions = plain_label("", "body", body)
        self._col.addWidget(self.cautions_heading)
        self._col.addWidget(self.cautions)
        self._col.addStretch(1)
        self.setWidget(body)

    def _buttons(self, body: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("▶  Start"), body)
        self.start_button.setProperty("primary", True)
        self.start_button.setAccessibleName(self.tr("Start the short routine"))
        self.save_button = QPushButton(self.tr("Save as my routine"), body)
        self.save_button.setAccessibleName(self.tr("Save the short routine as one of mine"))
        self.back_button = QPushButton(self.tr("Back to the points"), body)
        self.back_button.setAccessibleName(self.tr("Back to the list of points"))
        for button, signal in ((self.start_button, self.startRequested),
                               (self.save_button, self.saveRequested),
                               (self.back_button, self.backRequested)):
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.clicked.connect(signal)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def show_routine(self, routine: Routine, total_seconds: float) -> None:
        """Everything the routine will ask, in plain words, before it is started or saved."""
        count = len(routine.point_steps)
        self.title.setText(routine.title)
        self.facts.setText(ngettext("{n} point, {length} in all, light pressure",
                                       "{n} points, {length} in all, light pressure",
                                       count).format(
            n=count, length=format_length(total_seconds)))
        lines = []
        for number, step in enumerate(routine.point_steps, 1):
            point = self._atlas.get(step.point)
            name = point.name if point is not None else step.point
            lines.append(self.tr("{n}. {name}: {how}").format(
                n=number, name=name, how=settings_words(step.settings)))
        self.steps.setText("\n".join(lines))
        self.cautions.setText("\n".join(f"⚠ {line}" for line in routine.safety))
        self.cautions.setVisible(bool(routine.safety))
        self.cautions_heading.setVisible(bool(routine.safety))
        self.saved_note.hide()
        self.save_button.setEnabled(True)
        self.verticalScrollBar().setValue(0)

    def show_saved(self, name: str) -> None:
        """Saved: say where, and do not offer to save the same routine twice."""
        self.saved_note.setText(self.tr("Saved in your routines as {name}.").format(name=name))
        self.saved_note.show()
        self.save_button.setEnabled(False)
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
