"""The ten step settings as editors: what is inherited, and only what the atlas allows."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QStandardItemModel, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tpguide.core.atlas.atlas import Point
from tpguide.core.routines import rules
from tpguide.core.routines.describe import pressure_text, tool_label
from tpguide.core.routines.durations import format_seconds
from tpguide.core.routines.editing import Effective, Issue
from tpguide.core.routines.routine import SETTING_NAMES, SIDES, TOOLS
from tpguide.ui.editor.form import IssueLabel, tr
from tpguide.ui.widgets.fit import WrappingCheckBox

_NUMBER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]*)?)")
_LEVEL = re.compile(r"[0-9]+")  # the pressure's number, before or after its word


def setting_label(name: str) -> str:
    return {
        "side": tr("Side"), "prepare": tr("Get ready"), "press": tr("Press"),
        "release": tr("Release"), "cycles": tr("Cycles"), "rest": tr("Rest after"),
        "switch": tr("Switch sides"), "pressure": tr("Pressure"), "tool": tr("Tool"),
        "until_eased": tr("Until eased"),
    }[name]


def side_label(side: str) -> str:
    return {"both": tr("both sides, left then right"), "together": tr("both sides together"),
            "left": tr("left side only"), "right": tr("right side only")}[side]


def tool_name(tool: str) -> str:
    """The tool's one label (``describe.TOOL_LABELS``), in the editor's language."""
    return tool_label(tool, tr)


def name_spin_box(box: QWidget, name: str) -> None:
    """Name a control; for a spin box also the text field inside it, which takes the focus."""
    box.setAccessibleName(name)
    inner = box.findChild(QLineEdit) if isinstance(box, QAbstractSpinBox) else None
    if inner is not None:
        inner.setAccessibleName(tr("{name} (number)").format(name=name))


class SecondsSpin(QDoubleSpinBox):
    """Seconds, shown without needless decimals ("30 s", "2.5 s")."""

    def __init__(self, low: float, high: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)
        self.setRange(low, high)
        self.setSuffix(tr(" s"))

    def textFromValue(self, value: float) -> str:
        return format_seconds(round(value, 2))

    def valueFromText(self, text: str) -> float:
        match = _NUMBER.match(text)
        return float(match.group(1).replace(",", ".")) if match else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        match = _NUMBER.match(text)
        ok = match is not None and self.minimum() <= float(
            match.group(1).replace(",", ".")) <= self.maximum()
        state = QValidator.State.Acceptable if ok else QValidator.State.Intermediate
        return state, text, pos


class PressureSpin(QSpinBox):
    """Pressure 1-10 with its word, worded as everywhere ("moderate, 5/10"); the maximum is the
    point's limit from the atlas. Typing a bare number works: the first number is the level."""

    def textFromValue(self, value: int) -> str:
        return pressure_text(value, tr)

    def valueFromText(self, text: str) -> int:
        match = _LEVEL.search(text)
        return int(match.group(0)) if match else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        match = _LEVEL.search(text)
        ok = match is not None and self.minimum() <= self.valueFromText(text) <= self.maximum()
        state = QValidator.State.Acceptable if ok else QValidator.State.Intermediate
        return state, text, pos


def _combo(values: tuple[str, ...], label: object) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)  # type: ignore[operator]
    return combo


class SettingsEditor(QWidget):
    """One row per setting: its editor, where its value comes from, and a reset button.

    Changing a value makes it the step's own; "Use default" makes it inherited again.

    Signals:
        changed(str, object): a setting was given a value, or cleared (None) to inherit.
    """

    changed = Signal(str, object)

    def __init__(self, for_defaults: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._for_defaults = for_defaults
        self._loading = False
        self.editors: dict[str, QWidget] = {}
        self.sources: dict[str, QLabel] = {}
        self.resets: dict[str, QPushButton] = {}
        self.issues: dict[str, IssueLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for row, name in enumerate(SETTING_NAMES):
            self._add_row(grid, row * 2, name)
        grid.setColumnStretch(1, 1)

    def _make_editor(self, name: str) -> QWidget:
        rule = rules.SETTINGS[name]
        editor: QWidget
        if name == "side":
            editor = _combo(SIDES, side_label)
        elif name == "tool":
            editor = _combo(TOOLS, tool_name)
        elif name == "pressure":
            editor = PressureSpin()
            editor.setRange(1, 10)
        elif rule.kind == "boolean":
            editor = WrappingCheckBox(tr("Hold each press until it eases (Press is the longest)"))
            editor.setToolTip(tr("The person ends each press when the tenderness eases, with "
                                 "the Right key, the \"It eased\" button or the media Next key"))
            editor.toggled.connect(lambda _v, n=name: self._edited(n))
            return editor
        elif name == "cycles":
            editor = QSpinBox()
            editor.setRange(int(rule.low), int(rule.high))
        else:
            editor = SecondsSpin(rule.low, rule.high)
        if isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
        else:
            editor.valueChanged.connect(lambda _v, n=name: self._edited(n))  # type: ignore[attr-defined]
        return editor

    def _add_row(self, grid: QGridLayout, row: int, name: str) -> None:
        editor = self._make_editor(name)
        name_spin_box(editor, setting_label(name))
        label = QLabel(setting_label(name))
        label.setBuddy(editor)
        source = QLabel()
        reset = QPushButton(tr("Use built-in") if self._for_defaults else tr("Use default"))
        reset.setAccessibleName(tr("Use the inherited {setting}").format(
            setting=setting_label(name).lower()))
        reset.clicked.connect(lambda _c=False, n=name: self.changed.emit(n, None))
        issue = IssueLabel()
        grid.addWidget(label, row, 0)
        grid.addWidget(editor, row, 1)
        grid.addWidget(source, row, 2)
        grid.addWidget(reset, row, 3)
        grid.addWidget(issue, row + 1, 1, 1, 3)
        self.editors[name], self.sources[name] = editor, source
        self.resets[name], self.issues[name] = reset, issue

    def value(self, name: str) -> object:
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        return editor.value()  # type: ignore[attr-defined]

    def _edited(self, name: str) -> None:
        if not self._loading:
            self.changed.emit(name, self.value(name))

    def show_values(self, effective: list[Effective], point: Point | None = None) -> None:
        """Show each setting's value and origin, with the point's atlas limits applied."""
        self._loading = True
        try:
            self._offer_limits(point, {e.name: e.value for e in effective})
            for item in effective:
                self._show(item)
        finally:
            self._loading = False

    def _show(self, item: Effective) -> None:
        editor = self.editors[item.name]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(item.value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(item.value)
            if index != editor.currentIndex():
                editor.setCurrentIndex(index)
        elif editor.value() != item.value:  # type: ignore[attr-defined]
            editor.setValue(item.value)  # type: ignore[attr-defined]
        own = tr("set for this routine") if self._for_defaults else tr("set for this step")
        text = {"step": own, "defaults": own if self._for_defaults else tr("from the defaults"),
                "built-in": tr("built-in default")}[item.source]
        mine = item.source == "step" or (self._for_defaults and item.source == "defaults")
        source = self.sources[item.name]
        source.setText(text)
        font = QFont(source.font())
        font.setBold(mine)
        font.setItalic(not mine)
        source.setFont(font)
        self.resets[item.name].setEnabled(mine)
        editor.setAccessibleDescription(text)

    def _offer_limits(self, point: Point | None, values: dict[str, object]) -> None:
        pressure = self.editors["pressure"]
        assert isinstance(pressure, PressureSpin)
        current = values.get("pressure")
        limit = point.max_pressure if point is not None else 10
        if isinstance(current, int) and current > limit:
            limit = current  # keep a file's value visible; the loader warns about it
        pressure.setMaximum(limit)
        pressure.setToolTip(tr("The atlas advises at most {limit}/10 for this point").format(
            limit=point.max_pressure) if point is not None else "")
        side = self.editors["side"]
        tool = self.editors["tool"]
        assert isinstance(side, QComboBox)
        assert isinstance(tool, QComboBox)
        solo = point is not None and point.one_side_at_a_time
        _mark(side, "together", not solo, tr("not for this point: one side at a time"))
        for name in TOOLS:
            allowed = point is None or not point.tools or name in point.tools
            _mark(tool, name, allowed, tr("not listed for this point"))

    def show_issues(self, by_name: dict[str, list[Issue]]) -> None:
        for name, label in self.issues.items():
            label.set_issues(by_name.get(name, []), self.editors[name])


def _mark(combo: QComboBox, value: str, allowed: bool, why: str) -> None:
    """Enable or disable one choice, saying why it is not offered."""
    index = combo.findData(value)
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(index)
    base = side_label(value) if combo.findData("together") >= 0 else tool_name(value)
    item.setEnabled(allowed)
    item.setText(base if allowed else f"{base} ({why})")
