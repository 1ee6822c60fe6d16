"""Correcting one diary entry: a session's ratings and note, or a headache's main facts."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.diary.records import MEDICATION_CLASSES, HeadacheEntry, SessionRecord
from tpguide.ui.diary.tables import MEDICATION_WORDS, tr, when_text
from tpguide.ui.widgets.plain import plain_label

NOT_RATED = -1


def _rating(value: int | None, name: str, parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(NOT_RATED, 10)
    box.setSpecialValueText(tr("not rated"))
    box.setValue(NOT_RATED if value is None else value)
    box.setAccessibleName(name)
    return box


def _value(box: QSpinBox) -> int | None:
    return None if box.value() == NOT_RATED else box.value()


class _EntryDialog(QDialog):
    def __init__(self, title: str, subtitle: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.col = QVBoxLayout(self)
        self.col.addWidget(plain_label(subtitle, "subheading", self))
        self.form = QFormLayout()
        self.col.addLayout(self.form)

    def _finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.col.addWidget(buttons)

    def _note(self, text: str | None, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(text or "", self)
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(name)
        edit.setMaximumHeight(120)
        return edit


class SessionEdit(_EntryDialog):
    """Pain before and after (or "not rated") and the note of one session."""

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(tr("Edit session"), f"{record.routine_title}, "
                         f"{when_text(record.started_at)}", parent)
        self.before = _rating(record.pain_before, tr("Pain before"), self)
        self.after = _rating(record.pain_after, tr("Pain after"), self)
        self.note = self._note(record.note, tr("Note"))
        self.form.addRow(tr("Pain &before"), self.before)
        self.form.addRow(tr("Pain &after"), self.after)
        self.form.addRow(tr("&Note"), self.note)
        self._finish()

    def values(self) -> tuple[int | None, int | None, str | None]:
        return _value(self.before), _value(self.after), self.note.toPlainText().strip() or None


class HeadacheEdit(_EntryDialog):
    """Intensity, "new or different", the kind of medicine and the notes of one headache."""

    def __init__(self, entry: HeadacheEntry, parent: QWidget | None = None) -> None:
        super().__init__(tr("Edit headache"), when_text(entry.started_at), parent)
        self._entry = entry
        self.intensity = QSpinBox(self)
        self.intensity.setRange(0, 10)
        self.intensity.setValue(entry.intensity)
        self.intensity.setAccessibleName(tr("Intensity"))
        self.different = QCheckBox(tr("New or different from my usual headaches"), self)
        self.different.setChecked(entry.new_or_different)
        self.medicine = QComboBox(self)
        self.medicine.setAccessibleName(tr("Kind of medicine"))
        self.medicine.addItem(tr("No medicine"), None)
        for name in MEDICATION_CLASSES:
            self.medicine.addItem(tr(str(MEDICATION_WORDS[name])), name)
        self.medicine.setCurrentIndex(max(0, self.medicine.findData(entry.medication_class)))
        self.notes = self._note(entry.notes, tr("Notes"))
        self.form.addRow(tr("&Intensity (0-10)"), self.intensity)
        self.form.addRow("", self.different)
        self.form.addRow(tr("&Medicine"), self.medicine)
        self.form.addRow(tr("N&otes"), self.notes)
        self._finish()

    def entry(self) -> HeadacheEntry:
        klass = self.medicine.currentData()
        took = klass is not None
        return replace(self._entry, intensity=self.intensity.value(),
                       new_or_different=self.different.isChecked(), medication_class=klass,
                       medication=self._entry.medication if klass is not None else None,
                       medication_day=self._entry.medication_day if took else None,
                       notes=self.notes.toPlainText().strip() or None)
