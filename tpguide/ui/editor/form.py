"""The routine editor's details form (title, summary, tags, safety...) and its issue labels."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.routines.editing import Check, Issue, RoutineDraft
from tpguide.ui.widgets.plain_input import refuse_control_characters


def tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


def issue_lines(issues: list[Issue]) -> str:
    """Issues as plain text lines, each saying its severity in words (never colour alone)."""
    return "\n".join(
        (tr("✖ Error: {message}") if i.is_error else tr("⚠ Warning: {message}")).format(
            message=i.message) for i in issues)


class IssueLabel(QLabel):
    """The loader's errors and warnings for one field, shown right under it; hidden when none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def set_issues(self, issues: list[Issue], buddy: QWidget | None = None) -> None:
        text = issue_lines(issues)
        dark = self.palette().window().color().lightness() < 128
        error = any(i.is_error for i in issues)
        colour = ("#ff8a80" if dark else "#a4161a") if error else ("#ffcc66" if dark else "#7a4f00")
        self.setStyleSheet(f"color: {colour};")
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(issues))
        if buddy is not None:
            buddy.setAccessibleDescription(text)


def split_tags(text: str) -> list[str]:
    return [t for t in re.split(r"[,\s]+", text.strip()) if t]


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class DetailsForm(QWidget):
    """Title, id, summary, description, author, tags and safety lines of a routine.

    Signals:
        edited(str, object): the user changed a field (key as in the file; tags and safety
            are lists of strings).
    """

    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("For example: Tension headache, neck and shoulders"))
        self.id = QLineEdit()
        self.id.setPlaceholderText(tr("made from the title"))
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(tr("One sentence shown in the library"))
        self.description = QPlainTextEdit()
        self.author = QLineEdit()
        self.author.setPlaceholderText(tr("Your name and profession, e.g. Jane Doe, PT"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(tr("headache, neck"))
        self.safety = QPlainTextEdit()
        self.safety.setPlaceholderText(tr("Extra cautions shown before the session, one a line"))
        refuse_control_characters(self.title, self.id, self.summary, self.author, self.tags,
                                  self.description, self.safety)
        for text_box in (self.description, self.safety):
            text_box.setTabChangesFocus(True)
            text_box.setMaximumHeight(110)
        self.issues: dict[str, IssueLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            ("title", tr("&Title"), self.title, tr("Routine title")),
            ("id", tr("&Id"), self.id, tr("Routine id (lower-case letters, digits, hyphens)")),
            ("summary", tr("S&ummary"), self.summary, tr("Summary")),
            ("description", tr("&Description"), self.description, tr("Description")),
            ("author", tr("&Author"), self.author, tr("Author")),
            ("tags", tr("Ta&gs"), self.tags, tr("Tags, separated by commas")),
            ("safety", tr("Sa&fety"), self.safety, tr("Safety lines, one caution a line")),
        )
        for key, text, widget, name in rows:
            widget.setAccessibleName(name)
            self.issues[key] = IssueLabel()
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.issues[key])
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, cell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)
        self.id.setToolTip(tr("The id names the routine in the library and on the command "
                              "line; it follows the title until you change it."))
        self._connect()

    def _connect(self) -> None:
        for key in ("title", "id", "summary", "author"):
            edit: QLineEdit = getattr(self, key)
            edit.textEdited.connect(lambda text, k=key: self.edited.emit(k, text))
        self.tags.textEdited.connect(lambda text: self.edited.emit("tags", split_tags(text)))
        self.description.textChanged.connect(self._description_changed)
        self.safety.textChanged.connect(self._safety_changed)
        self._loading = False

    def _description_changed(self) -> None:
        if not self._loading:
            self.edited.emit("description", self.description.toPlainText())

    def _safety_changed(self) -> None:
        if not self._loading:
            self.edited.emit("safety", split_lines(self.safety.toPlainText()))

    def load(self, draft: RoutineDraft) -> None:
        """Show the draft's fields (only those that differ, so typing is never disturbed)."""
        self._loading = True
        for key in ("title", "id", "summary", "author"):
            edit: QLineEdit = getattr(self, key)
            if edit.text() != getattr(draft, key):
                edit.setText(getattr(draft, key))
        if split_tags(self.tags.text()) != draft.tags:
            self.tags.setText(", ".join(draft.tags))
        if self.description.toPlainText() != draft.description:
            self.description.setPlainText(draft.description)
        if split_lines(self.safety.toPlainText()) != draft.safety:
            self.safety.setPlainText("\n".join(draft.safety))
        self._loading = False

    def show_issues(self, check: Check, quiet: frozenset[str] = frozenset()) -> None:
        """Show each field's problems; ``quiet`` fields of a new routine wait until touched."""
        for key, label in self.issues.items():
            label.set_issues([] if key in quiet else check.for_key(key), getattr(self, key))
