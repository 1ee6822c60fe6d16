"""Edits the selected step: a point's settings (own or inherited), or a rest's length."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines import rules
from tpguide.core.routines.editing import Check, Issue, PointDraft, RestDraft, RoutineDraft
from tpguide.ui.editor.form import IssueLabel, tr
from tpguide.ui.editor.settings import SecondsSpin, SettingsEditor, name_spin_box, tool_name
from tpguide.ui.widgets.plain_input import refuse_control_characters


def _plain_label(bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        label.setFont(font)
    return label


class StepEditor(QWidget):
    """The selected step's fields; a point step shows all nine settings and their origin.

    Signals:
        edited(str, object): a field changed: a setting name (None clears it), 'rest',
            'instructions' or 'say'.
    """

    edited = Signal(str, object)

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._loading = False
        self.heading = _plain_label(bold=True)
        self.info = _plain_label()
        self.empty = _plain_label()
        self.empty.setText(tr("Click a point on the body diagram, or find one in the list "
                              "on the right, to add it as a step. Select a step to change "
                              "how it is done."))
        self.settings = SettingsEditor(for_defaults=False)
        self.settings.changed.connect(self.edited)
        self.rest = SecondsSpin(rules.REST_STEP_MIN, rules.REST_STEP_MAX)
        name_spin_box(self.rest, tr("Rest length in seconds"))
        self.rest.valueChanged.connect(lambda v: self._emit("rest", v))
        self.instructions = QPlainTextEdit()
        self.say = QLineEdit()
        refuse_control_characters(self.instructions, self.say)  # before textChanged's users
        self.instructions.setAccessibleName(tr("Instructions for this step"))
        self.instructions.setTabChangesFocus(True)
        self.instructions.setMaximumHeight(90)
        self.instructions.textChanged.connect(
            lambda: self._emit("instructions", self.instructions.toPlainText()))
        self.say.setAccessibleName(tr("Spoken when the step begins"))
        self.say.setPlaceholderText(tr("Optional; read aloud when the step begins"))
        self.say.textEdited.connect(lambda text: self._emit("say", text))
        self.issues = {key: IssueLabel() for key in ("point", "rest", "instructions", "say")}
        self._build()
        self.show_step(None, -1, None)

    def _build(self) -> None:
        form = QFormLayout()
        self.rest_label = QLabel(tr("Rest &length"))
        self.rest_label.setBuddy(self.rest)
        form.addRow(self.rest_label, self._with_issue(self.rest, "rest"))
        label = QLabel(tr("I&nstructions"))
        label.setBuddy(self.instructions)
        form.addRow(label, self._with_issue(self.instructions, "instructions"))
        label = QLabel(tr("Sa&y"))
        label.setBuddy(self.say)
        form.addRow(label, self._with_issue(self.say, "say"))
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.info)
        details.addWidget(self.issues["point"])
        details.addWidget(self.settings)
        details.addLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def _with_issue(self, widget: QWidget, key: str) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.issues[key])
        return cell

    def _emit(self, key: str, value: object) -> None:
        if not self._loading:
            self.edited.emit(key, value)

    def show_step(self, draft: RoutineDraft | None, index: int, check: Check | None) -> None:
        """Show step ``index`` of the draft (or an empty hint when there is none)."""
        self._loading = True
        try:
            self._show(draft, index)
            if check is not None and draft is not None and index >= 0:
                self._show_issues(check, index)
        finally:
            self._loading = False

    def _show(self, draft: RoutineDraft | None, index: int) -> None:
        step = draft.steps[index] if draft is not None and 0 <= index < len(draft.steps) else None
        self.details.setVisible(step is not None)
        self.empty.setVisible(step is None)
        if step is None or draft is None:
            self.heading.setText(tr("No step selected"))
            return
        is_point = isinstance(step, PointDraft)
        self.settings.setVisible(is_point)
        self.info.setVisible(is_point)
        self.rest.setVisible(not is_point)
        self.rest_label.setVisible(not is_point)
        if isinstance(step, PointDraft):
            self._show_point(draft, index, step)
        else:
            self._show_rest(index, step)
        _set_plain(self.instructions, step.instructions)
        if self.say.text() != step.say:
            self.say.setText(step.say)

    def _show_point(self, draft: RoutineDraft, index: int, step: PointDraft) -> None:
        point = self._atlas.get(step.point)
        name = point.name if point is not None else step.point
        self.heading.setText(tr("Step {n}: {name}").format(n=index + 1, name=name))
        self.settings.show_values(draft.effective(index), point)
        if point is None:
            self.info.setText("")
            return
        facts = [tr("Tools for this point: {tools}").format(
            tools=", ".join(tool_name(t) for t in point.tools) or tr("any")),
            tr("pressure up to {limit}/10").format(limit=point.max_pressure)]
        if point.one_side_at_a_time:
            facts.append(tr("one side at a time"))
        self.info.setText(" · ".join(facts))
        _set_placeholder(self.instructions,
                         tr("Leave empty to show the atlas's guidance: {locate}").format(
                             locate=point.locate))

    def _show_rest(self, index: int, step: RestDraft) -> None:
        self.heading.setText(tr("Step {n}: Rest").format(n=index + 1))
        if self.rest.value() != step.seconds:
            self.rest.setValue(step.seconds)
        _set_placeholder(self.instructions, tr("Optional; shown during the rest"))

    def _show_issues(self, check: Check, index: int) -> None:
        issues = check.for_step(index)
        by_key: dict[str, list[Issue]] = {}
        for issue in issues:
            by_key.setdefault(issue.key or "point", []).append(issue)
        self.settings.show_issues(by_key)
        for key, label in self.issues.items():
            buddy = {"rest": self.rest, "instructions": self.instructions, "say": self.say}
            label.set_issues(by_key.get(key, []), buddy.get(key))


def _set_placeholder(box: QPlainTextEdit, text: str) -> None:
    if box.placeholderText() != text:
        box.setPlaceholderText(text)
        box.viewport().update()  # QPlainTextEdit does not repaint a changed placeholder


def _set_plain(box: QPlainTextEdit, text: str) -> None:
    if box.toPlainText() != text:
        box.setPlainText(text)
