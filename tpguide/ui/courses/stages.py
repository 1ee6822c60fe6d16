"""The course editor's stages table: routine, how often, for how long; add, remove, reorder."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tpguide.core.courses.edit import StageDraft, stage_days
from tpguide.core.courses.model import STAGE_BOUNDS, TEXTS
from tpguide.ui.widgets.plain import plain_label, scaled_font
from tpguide.ui.widgets.plain_input import refuse_control_characters

COLUMNS = ("days", "routine", "times", "per", "periods", "up", "down", "remove")
_BOUNDS = {"day": (STAGE_BOUNDS["times_per_day"], STAGE_BOUNDS["days"]),
           "week": (STAGE_BOUNDS["times_per_week"], STAGE_BOUNDS["weeks"])}
_FIELD = {"routine": "routine", "times_per_day": "times", "times_per_week": "times",
          "days": "periods", "weeks": "periods", "notes": "notes"}


def name_inner_field(box: QAbstractSpinBox, name: str, kind: str) -> None:
    """Name a spin or date box and the text field inside it, which is what takes the focus."""
    box.setAccessibleName(name)
    inner = box.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(f"{name} ({kind})")


@dataclass
class StageRow:
    """The widgets of one stage's row, in column order."""

    days: QLabel
    routine: QComboBox
    times: QSpinBox
    per: QComboBox
    periods: QSpinBox
    notes: QLineEdit
    up: QPushButton
    down: QPushButton
    remove: QPushButton


class StagesEditor(QWidget):
    """Edits a list of StageDraft in place; one grid row per stage.

    Signals:
        changed(): a stage was edited, added, removed or moved.
    """

    changed = Signal()

    def __init__(self, routines: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routines = routines  # (id, title), in the order to offer them
        self._stages: list[StageDraft] = []
        self._rows: list[StageRow] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)

    def stages(self) -> list[StageDraft]:
        return self._stages

    def set_stages(self, stages: list[StageDraft]) -> None:
        """Show and edit this list (the same list object; edits change it)."""
        self._stages = stages
        self._rebuild()

    def row(self, index: int) -> StageRow:
        return self._rows[index]

    # ------------------------------------------------------------------ structure
    def add_stage(self) -> None:
        last = self._stages[-1] if self._stages else None
        routine = last.routine if last else (self.routines[0][0] if self.routines else "")
        self._stages.append(StageDraft(routine=routine, per="day", times=2, periods=14)
                            if last is None else StageDraft(routine, "week", 2, 6))
        self._rebuild()
        self.focus(len(self._stages) - 1, "routine")
        self.changed.emit()

    def remove_stage(self, index: int) -> None:
        del self._stages[index]
        self._rebuild()
        if self._stages:
            self.focus(min(index, len(self._stages) - 1), "remove")
        self.changed.emit()

    def move_stage(self, index: int, offset: int) -> None:
        target = max(0, min(len(self._stages) - 1, index + offset))
        if target == index:
            return
        self._stages.insert(target, self._stages.pop(index))
        self._rebuild()
        self.focus(target, "up" if offset < 0 else "down")
        self.changed.emit()

    def focus(self, index: int, field: str | None) -> None:
        """Put the keyboard focus on one stage's field (a loader key or a column name)."""
        if not 0 <= index < len(self._rows):
            return
        row = self._rows[index]
        name = _FIELD.get(field or "", field or "routine")
        widget = getattr(row, name, row.routine)
        if not isinstance(widget, QWidget) or not widget.isEnabled():
            widget = row.routine
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ building
    def _rebuild(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._rows = []
        for column, text in enumerate((self.tr("Days"), self.tr("Routine, how often"))):
            header = plain_label(text, "body", self)
            header.setFont(scaled_font(self.font(), "body", bold=True))
            self._grid.addWidget(header, 0, column, 1, 1 if column == 0 else 4)
        for index, stage in enumerate(self._stages):
            self._rows.append(self._row(index, stage))
        self._grid.setColumnStretch(4, 1)
        self._update_days()

    def _row(self, index: int, stage: StageDraft) -> StageRow:
        n = index + 1
        per = QComboBox(self)
        per.addItem(self.tr("a day"), "day")
        per.addItem(self.tr("a week"), "week")
        per.setAccessibleName(self.tr("Stage {n}: per day or per week").format(n=n))
        notes = QLineEdit(stage.notes, self)
        refuse_control_characters(notes)
        notes.setMaxLength(TEXTS["notes"].max_len or 5000)
        notes.setPlaceholderText(self.tr("Notes for stage {n} (optional)").format(n=n))
        notes.setAccessibleName(self.tr("Stage {n}: notes").format(n=n))
        buttons = [self._button(text, label.format(n=n)) for text, label in (
            ("↑", self.tr("Move stage {n} up")), ("↓", self.tr("Move stage {n} down")),
            (self.tr("Remove"), self.tr("Remove stage {n}")))]
        row = StageRow(plain_label("", "body", self), self._routine_box(stage, n),
                       self._spin(self.tr("Stage {n}: times").format(n=n)), per,
                       self._spin(self.tr("Stage {n}: for how long").format(n=n)), notes,
                       *buttons)
        # row 0 holds the headers; each stage: its routine (a long title shown whole) and
        # the buttons, how often, its notes, a gap
        first = 4 * n - 3
        grid = self._grid
        grid.addWidget(row.days, first, 0)
        grid.addWidget(row.routine, first, 1, 1, 4)
        for column, name in enumerate(("up", "down", "remove"), 5):
            grid.addWidget(getattr(row, name), first, column)
        for column, name in enumerate(("times", "per", "periods"), 1):
            grid.addWidget(getattr(row, name), first + 1, column)
        grid.addWidget(notes, first + 2, 1, 1, 7)
        grid.setRowMinimumHeight(first + 3, 10)
        for name in COLUMNS + ("notes",):
            getattr(row, name).show()  # now, so the focus can move to it at once
        self._load_row(row, stage, index)
        return row

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(name)
        return button

    def _routine_box(self, stage: StageDraft, n: int) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(self.tr("Stage {n}: routine").format(n=n))
        for routine_id, title in self.routines:
            box.addItem(title, routine_id)
        if stage.routine and box.findData(stage.routine) < 0:
            box.addItem(self.tr("{id} (not in your library)").format(id=stage.routine),
                        stage.routine)
        box.setCurrentIndex(max(0, box.findData(stage.routine)))
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        name_inner_field(spin, name, self.tr("number"))
        spin.setMinimumWidth(72)
        return spin

    def _load_row(self, row: StageRow, stage: StageDraft, index: int) -> None:
        row.per.setCurrentIndex(max(0, row.per.findData(stage.per)))
        self._set_bounds(row, stage)
        row.routine.currentIndexChanged.connect(lambda _i: self._edited(index, "routine"))
        row.per.currentIndexChanged.connect(lambda _i: self._edited(index, "per"))
        row.times.valueChanged.connect(lambda _v: self._edited(index, "times"))
        row.periods.valueChanged.connect(lambda _v: self._edited(index, "periods"))
        row.notes.textChanged.connect(lambda _t: self._edited(index, "notes"))
        row.up.setEnabled(index > 0)
        row.down.setEnabled(index < len(self._stages) - 1)
        row.up.clicked.connect(lambda: self.move_stage(index, -1))
        row.down.clicked.connect(lambda: self.move_stage(index, 1))
        row.remove.clicked.connect(lambda: self.remove_stage(index))

    def _set_bounds(self, row: StageRow, stage: StageDraft) -> None:
        (t_low, t_high), (p_low, p_high) = _BOUNDS.get(stage.per, _BOUNDS["day"])
        for spin in (row.times, row.periods):
            spin.blockSignals(True)
        row.times.setRange(t_low, t_high)
        row.periods.setRange(p_low, p_high)
        row.times.setValue(stage.times)
        row.periods.setValue(stage.periods)
        row.periods.setPrefix(self.tr("for "))
        row.periods.setSuffix(self.tr(" days") if stage.per == "day" else self.tr(" weeks"))
        row.times.setSuffix(self.tr(" times") if stage.times != 1 else self.tr(" time"))
        for spin in (row.times, row.periods):
            spin.blockSignals(False)
        stage.times, stage.periods = row.times.value(), row.periods.value()

    # ------------------------------------------------------------------ editing
    def _edited(self, index: int, name: str) -> None:
        stage, row = self._stages[index], self._rows[index]
        if name == "routine":
            stage.routine = str(row.routine.currentData() or "")
        elif name == "per":
            stage.per = str(row.per.currentData())
            self._set_bounds(row, stage)
        elif name == "times":
            stage.times = row.times.value()
            row.times.setSuffix(self.tr(" times") if stage.times != 1 else self.tr(" time"))
        elif name == "periods":
            stage.periods = row.periods.value()
        else:
            stage.notes = row.notes.text()
        self._update_days()
        self.changed.emit()

    def _update_days(self) -> None:
        for row, (first, last) in zip(self._rows, stage_days(self._stages), strict=True):
            row.days.setText(self.tr("{first}–{last}").format(first=first, last=last))
