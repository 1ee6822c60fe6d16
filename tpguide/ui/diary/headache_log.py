"""The headache diary form: when, how strong, where, what kind, medicine, and what helped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.diary.records import MEDICATION_CLASSES, HeadacheEntry
from tpguide.core.diary.store import Clock, utc_now
from tpguide.ui.diary.tables import QUALITY_WORDS, tr
from tpguide.ui.widgets.fit import fit_to_screen
from tpguide.ui.widgets.head_map import HeadMap
from tpguide.ui.widgets.pain_rating import PainScale
from tpguide.ui.widgets.plain import plain_label

TWO_COLUMNS_FROM = 1100
"""Form width (px) from which the head map sits beside the details."""
MEDICATION_CHOICES = {
    "simple": QT_TRANSLATE_NOOP("history", "Simple painkiller (paracetamol, ibuprofen, aspirin)"),
    "triptan": QT_TRANSLATE_NOOP("history", "Triptan (sumatriptan, rizatriptan and others)"),
    "ergot": QT_TRANSLATE_NOOP("history", "Ergot (ergotamine, dihydroergotamine)"),
    "opioid": QT_TRANSLATE_NOOP("history", "Opioid (codeine, tramadol and others)"),
    "combination": QT_TRANSLATE_NOOP("history", "Combination painkiller (two or more in one)"),
    "other": QT_TRANSLATE_NOOP("history", "Other, or not sure"),
}


def _radio_row(group: QButtonGroup, choices: Sequence[tuple[str, str]]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(20)
    for key, text in choices:
        button = QRadioButton(text)
        button.setAccessibleName(text)
        button.setProperty("choice", key)
        group.addButton(button)
        row.addWidget(button)
    row.addStretch(1)
    return row


def _name(edit: QDateTimeEdit, name: str, field: str) -> None:
    """Name a date editor and the text field inside it, which is what takes the focus."""
    edit.setAccessibleName(name)
    inner = edit.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(f"{name} ({field})")


def _choice(group: QButtonGroup) -> str | None:
    button = group.checkedButton()
    return None if button is None else str(button.property("choice"))


class HeadacheLogForm(QWidget):
    """Fill in one headache; Save emits the entry (the owner stores it and shows alerts).

    Signals:
        submitted(object): a HeadacheEntry, checked and ready to save.
        cancelled(): the person closed the form without saving.
    """

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        routines: Sequence[tuple[str, str]] = (),
        now: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Log a headache"))
        start = QDateTime.fromSecsSinceEpoch(int(now().timestamp()))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Log a headache"), "title"))
        content = QWidget()
        columns = self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(24)
        details = QVBoxLayout()
        details.addLayout(self._details(start, routines))
        details.addStretch(1)
        columns.addLayout(details, 3)
        where = QVBoxLayout()
        where.addWidget(plain_label(self.tr("Where is it? Click the head or tick below."), "big"))
        self.head = HeadMap(parent=self)
        where.addWidget(self.head, 1)
        columns.addLayout(where, 2)
        scroll = QScrollArea(self)  # the fields scroll; Save and Cancel always show
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._buttons())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side when there is room; the head under the details on a small screen
        (the form scrolls down, never sideways)."""
        super().resizeEvent(event)
        wide = self.width() >= TWO_COLUMNS_FROM
        direction = QBoxLayout.Direction.LeftToRight if wide else \
            QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)

    # ------------------------------------------------------------------ building
    def _details(self, start: QDateTime, routines: Sequence[tuple[str, str]]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        self.started = QDateTimeEdit(start)
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat(self.tr("ddd d MMM yyyy, HH:mm"))
        self.started.setMaximumDateTime(start.addSecs(60))
        _name(self.started, self.tr("When it started"), self.tr("date and time"))
        form.addRow(self.tr("When it started"), self.started)
        self.intensity = PainScale(self, size=1.0)
        self.intensity.setAccessibleName(self.tr("How strong, from 0 to 10"))
        self.intensity.picked.connect(self._update_save)
        form.addRow(self.tr("How strong"), self.intensity)
        self.quality = QButtonGroup(self)
        choices = [(key, tr(str(QUALITY_WORDS[key]))) for key in ("pressing", "throbbing", "other")]
        form.addRow(self.tr("What it feels like"), _radio_row(self.quality, choices))
        self.different = QButtonGroup(self)
        yes_no = [("yes", self.tr("Yes")), ("no", self.tr("No"))]
        form.addRow(
            self.tr("New or different from your usual headaches?"),
            _radio_row(self.different, yes_no),
        )
        self._medicine(form, start.date())
        self.routine = QComboBox()
        self.routine.setAccessibleName(self.tr("Routine used for it"))
        self.routine.addItem(self.tr("None"), None)
        for routine_id, title in routines:
            self.routine.addItem(title, routine_id)
        form.addRow(self.tr("Routine used"), self.routine)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("Anything else: triggers, sleep, what helped"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        form.addRow(self.tr("Notes"), self.notes)
        return form

    def _medicine(self, form: QFormLayout, day: QDate) -> None:
        self.took_medicine = QCheckBox(self.tr("I took medicine for it"))
        self.took_medicine.setAccessibleName(self.tr("I took medicine for it"))
        form.addRow(self.tr("Medicine"), self.took_medicine)
        self.medicine_box = QWidget()
        box = QFormLayout(self.medicine_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.medicine_name = QLineEdit()
        self.medicine_name.setMaxLength(120)
        self.medicine_name.setAccessibleName(self.tr("Name of the medicine"))
        self.medicine_name.setPlaceholderText(self.tr("For example paracetamol"))
        box.addRow(self.tr("Name"), self.medicine_name)
        self.medicine_class = QComboBox()
        self.medicine_class.setAccessibleName(self.tr("Kind of medicine"))
        for key in MEDICATION_CLASSES:
            self.medicine_class.addItem(tr(str(MEDICATION_CHOICES[key])), key)
        box.addRow(self.tr("Kind"), self.medicine_class)
        self.medicine_day = QDateEdit(day)
        self.medicine_day.setCalendarPopup(True)
        self.medicine_day.setDisplayFormat(self.tr("ddd d MMM yyyy"))
        _name(self.medicine_day, self.tr("Day the medicine was taken"), self.tr("date"))
        box.addRow(self.tr("Day taken"), self.medicine_day)
        self.medicine_box.setVisible(False)
        self.took_medicine.toggled.connect(self.medicine_box.setVisible)
        self.started.dateChanged.connect(self.medicine_day.setDate)
        form.addRow("", self.medicine_box)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.hint = plain_label(self.tr("Choose how strong it is to save."))
        row.addWidget(self.hint)
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setAccessibleName(self.tr("Cancel without saving"))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        row.addWidget(self.cancel_button)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save this headache"))
        self.save_button.setProperty("primary", True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        for button in (self.cancel_button, self.save_button):
            button.setMinimumSize(120, int(button.fontMetrics().height() * 2.4))
        return row

    def _update_save(self) -> None:
        ready = self.intensity.value() is not None
        self.save_button.setEnabled(ready)
        self.hint.setVisible(not ready)

    # ------------------------------------------------------------------ result
    def entry(self) -> HeadacheEntry | None:
        """The entry as filled in, or None while the intensity is not chosen."""
        intensity = self.intensity.value()
        if intensity is None:
            return None
        started = self.started.dateTime().toPython()
        assert isinstance(started, datetime)
        took = self.took_medicine.isChecked()
        routine = self.routine.currentData()
        return HeadacheEntry(
            started_at=started.astimezone(),
            intensity=intensity,
            regions=self.head.regions(),
            quality=_choice(self.quality),  # type: ignore[arg-type]
            new_or_different=_choice(self.different) == "yes",
            medication=(self.medicine_name.text().strip() or None) if took else None,
            medication_class=self.medicine_class.currentData() if took else None,
            medication_day=self.medicine_day.date().toPython() if took else None,  # type: ignore[arg-type]
            notes=self.notes.toPlainText().strip() or None,
            routine_id=routine if isinstance(routine, str) else None,
        )

    def save(self) -> None:
        self.intensity.flush()
        entry = self.entry()
        if entry is not None:
            self.submitted.emit(entry)


class HeadacheLogDialog(QDialog):
    """The form in a window of its own; closes once the entry is submitted.

    Signals:
        submitted(object): as HeadacheLogForm.submitted.
    """

    submitted = Signal(object)

    def __init__(
        self,
        routines: Sequence[tuple[str, str]] = (),
        now: Clock = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a headache"))
        self.setAccessibleName(self.tr("Log a headache"))
        self.form = HeadacheLogForm(routines, now, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        fit_to_screen(self, QSize(1180, 760))  # two columns when the screen allows
        self.form.submitted.connect(self._on_submitted)
        self.form.cancelled.connect(self.reject)

    def _on_submitted(self, entry: HeadacheEntry) -> None:
        self.submitted.emit(entry)
        self.accept()
