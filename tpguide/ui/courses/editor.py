"""The course editor: a therapist's form for a course, checked live, saved, exported, imported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.courses.edit import CourseDraft, StageDraft, place_of, slug_for
from tpguide.core.courses.model import COURSE_SUFFIX, TEXTS, Course, CourseClock
from tpguide.core.routines.diagnostics import Diagnostic
from tpguide.ui.courses.files import CourseFiles
from tpguide.ui.courses.stages import StagesEditor, name_inner_field
from tpguide.ui.courses.today import day_name, routine_titles
from tpguide.ui.widgets.fit import wrap_rows
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.plain_input import refuse_control_characters

Routines = Callable[[], list[tuple[str, str]]]
FIELD_NAMES = {"title": "Title", "id": "File name", "prepared_for": "Prepared for",
               "author": "Author", "notes": "Notes", "start": "Start"}


def library_routines() -> list[tuple[str, str]]:
    """(id, title) of every routine in the library, by title."""
    return sorted(routine_titles().items(), key=lambda pair: pair[1].casefold())


def numbered(text: str) -> str:
    """The course file with line numbers, so 'line 7, column 20' can be found at a glance."""
    lines = text.splitlines()
    width = len(str(len(lines)))
    return "\n".join(f"{n:>{width}} │ {line}" for n, line in enumerate(lines, 1))


class CourseEditor(QWidget):
    """Title, who it is for, notes, start and stages; the course file and its problems beside.

    Save assigns the course on this computer (as Import does; a clash asks), Export writes
    the file for someone else, Import checks a file and assigns it. Questions and file
    choices are ``ask_*`` methods on ``files`` so tests can answer them.

    Signals:
        courseSaved(str): a course file was written into the courses folder (its path).
    """

    courseSaved = Signal(str)

    def __init__(self, clock: CourseClock, *, routines: Routines = library_routines,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.routines = routines()
        self.files = CourseFiles(self, self)
        self._draft = CourseDraft()
        self._id_fixed = False
        self._clean = ""
        self._loading = False
        self._fresh = True  # a new course nobody has typed in yet: no problems listed
        self._importing = False
        self.setAccessibleName(self.tr("Course editor"))
        self._build()
        self.new_course()
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close)  # the window asks first when there are changes

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self._form())
        split.addWidget(self._side())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 16, 24, 16)
        col.addWidget(plain_label(self.tr("Course"), "title", self))
        col.addWidget(split, 1)
        col.addLayout(self._buttons())
        self.status = plain_label("", "body", self, selectable=True)
        self.status.setAccessibleName(self.tr("Course editor status"))
        col.addWidget(self.status)

    def _line(self, name: str, key: str) -> QLineEdit:
        edit = QLineEdit(self)
        refuse_control_characters(edit)
        edit.setAccessibleName(name)
        edit.setMaxLength(TEXTS[key].max_len or 120)
        edit.textChanged.connect(self._changed)
        return edit

    def _form(self) -> QWidget:
        form_host = QWidget(self)
        col = QVBoxLayout(form_host)
        col.setContentsMargins(0, 0, 12, 0)
        form = QFormLayout()
        self.title_edit = self._line(self.tr("Course title"), "title")
        self.title_edit.setPlaceholderText(self.tr("for example: Neck recovery"))
        self.for_edit = self._line(self.tr("Prepared for"), "prepared_for")
        self.author_edit = self._line(self.tr("Author"), "author")
        self.notes_edit = QPlainTextEdit(self)
        refuse_control_characters(self.notes_edit)
        self.notes_edit.setAccessibleName(self.tr("Course notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.notes_edit.textChanged.connect(self._changed)
        self.start_check = QCheckBox(self.tr("Fixed start date"), self)
        self.start_check.setAccessibleName(self.tr("Use a fixed start date"))
        self.start_check.setToolTip(self.tr(
            "Without a fixed date, the course starts on the day it is assigned."))
        self.start_edit = QDateEdit(self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        name_inner_field(self.start_edit, self.tr("Start date"), self.tr("date"))
        self.start_check.toggled.connect(self._changed)
        self.start_edit.dateChanged.connect(self._changed)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_check)
        start_row.addWidget(self.start_edit)
        start_row.addStretch(1)
        self.file_label = plain_label("", "body", self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Prepared for"), self.for_edit)
        form.addRow(self.tr("Author"), self.author_edit)
        form.addRow(self.tr("Start", "start date"), start_row)
        form.addRow(self.tr("Notes"), self.notes_edit)
        form.addRow(self.tr("File name"), self.file_label)
        col.addLayout(form)
        col.addSpacing(12)
        col.addWidget(plain_label(self.tr("Stages, one after the other"), "heading", self))
        self.stages = StagesEditor(self.routines, self)
        self.stages.changed.connect(self._changed)
        col.addWidget(self.stages)
        self.add_button = QPushButton(self.tr("Add a stage"), self)
        self.add_button.setAccessibleName(self.tr("Add a stage"))
        self.add_button.clicked.connect(self.stages.add_stage)
        col.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addStretch(1)
        return form_host

    def _side(self) -> QWidget:
        side = QWidget(self)
        col = QVBoxLayout(side)
        col.setContentsMargins(12, 0, 0, 0)
        col.addWidget(plain_label(self.tr("Checks"), "heading", self))
        self.checks = QListWidget(self)
        self.checks.setAccessibleName(self.tr("Problems found in the course"))
        wrap_rows(self.checks)  # each message whole, wrapped; nothing to scroll sideways
        self.checks.itemActivated.connect(self._go_to)
        col.addWidget(self.checks, 1)
        col.addWidget(plain_label(self.tr("The course file"), "heading", self))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("The course file, with line numbers"))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # no sideways
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        col.addWidget(self.preview, 2)
        return side

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = self._button(self.tr("New course"), self.tr("Start a new course"),
                                       self.ask_new)
        self.import_button = self._button(self.tr("Import…"), self.tr("Import a course file"),
                                          self.import_file)
        self.export_button = self._button(self.tr("Export…"),
                                          self.tr("Export the course to a file"), self.export)
        self.save_button = self._button(self.tr("Save and assign"), self.tr(
            "Save the course and assign it on this computer"), self.save)
        self.close_button = self._button(self.tr("Close"), self.tr("Close the course editor"),
                                         self.close)
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.save_button.setProperty("primary", True)
        for button in (self.new_button, self.import_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        return row

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setMinimumHeight(44)
        button.clicked.connect(lambda: slot())
        return button

    # ------------------------------------------------------------------ the draft
    def draft(self) -> CourseDraft:
        return self._draft

    def is_dirty(self) -> bool:
        return self._draft.to_yaml() != self._clean

    def new_course(self) -> None:
        first = self.routines[0][0] if self.routines else ""
        self._fresh = True
        self.set_draft(CourseDraft(stages=[StageDraft(first, "day", 2, 14)]), fixed_id=False)
        self.status.setText("")

    def ask_new(self) -> None:
        if not self.is_dirty() or self.files.ask_discard():
            self.new_course()

    def load_course(self, course: Course, *, fixed_start: bool = True) -> None:
        """Show an existing course (an assigned one, or one just imported).

        ``fixed_start=False`` keeps "Fixed start date" off: a course saved without one
        is pinned to the day it was assigned, which is not a choice the person made.
        """
        self._fresh = False
        draft = CourseDraft.from_course(course)
        if not fixed_start:
            draft.start = None
        self.set_draft(draft, fixed_id=True)

    def set_draft(self, draft: CourseDraft, *, fixed_id: bool) -> None:
        self._loading, self._clean = True, ""
        self._draft, self._id_fixed = draft, fixed_id
        self.title_edit.setText(draft.title)
        self.for_edit.setText(draft.prepared_for)
        self.author_edit.setText(draft.author)
        self.notes_edit.setPlainText(draft.notes)
        self.start_check.setChecked(draft.start is not None)
        start = draft.start or self.clock.today()
        self.start_edit.setDate(QDate(start.year, start.month, start.day))
        self.stages.set_stages(draft.stages)
        self._loading = False
        self._changed()
        self._clean = draft.to_yaml()

    def _changed(self) -> None:
        if self._loading:
            return
        d = self._draft
        d.title = self.title_edit.text()
        d.prepared_for, d.author = self.for_edit.text(), self.author_edit.text()
        d.notes = self.notes_edit.toPlainText()
        self.start_edit.setEnabled(self.start_check.isChecked())
        qd = self.start_edit.date()
        d.start = date(qd.year(), qd.month(), qd.day()) if self.start_check.isChecked() else None
        if not self._id_fixed:
            d.id = slug_for(d.title) if d.title.strip() else ""
        self.file_label.setText(f"{d.id or '…'}{COURSE_SUFFIX}")
        if self._fresh and self._clean and d.to_yaml() != self._clean:
            self._fresh = False  # the person typed: from now on, say what is missing
        self.refresh_checks()

    # ------------------------------------------------------------------ checking
    def known_routines(self) -> set[str]:
        return {routine_id for routine_id, _ in self.routines}

    def refresh_checks(self) -> list[Diagnostic]:
        text = self._draft.to_yaml()
        diagnostics = self._draft.check(self.known_routines()).diagnostics
        self.preview.setPlainText(numbered(text))
        if self._fresh:
            self.checks.clear()
            self.checks.addItem(self.tr("Give the course a title and choose its stages; "
                                        "anything missing is listed here as you go."))
        else:
            self.show_problems(self.file_name(), diagnostics, text)
        return diagnostics

    def file_name(self) -> str:
        return f"{self._draft.id or 'course'}{COURSE_SUFFIX}"

    def show_problems(self, name: str, diagnostics: list[Diagnostic],
                      text: str | None = None, heading: str = "") -> None:
        self.checks.clear()
        if heading:
            self.checks.addItem(heading)
        if text is not None and not self._draft.title.strip():  # the file name comes from it
            diagnostics = [d for d in diagnostics if place_of(text, d.line)[0] != "id"]
        for diagnostic in diagnostics:
            shown = diagnostic.format(name) if text is None else self._in_words(diagnostic, text)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, diagnostic.line if text is not None else 0)
            self.checks.addItem(item)
        if not diagnostics:
            self.checks.addItem(self.tr("No problems: the course file is valid."))

    def _in_words(self, diagnostic: Diagnostic, text: str) -> str:
        """A problem of the form, named by its field ("Stage 2: ..."), not by file and line
        (those are for files; Enter on it still goes to the field)."""
        key, stage, _ = place_of(text, diagnostic.line)
        if key == "stages" and stage is not None:
            field = self.tr("Stage {n}").format(n=stage + 1)
        else:
            field = self.tr(FIELD_NAMES.get(key, "Course"))
        kind = self.tr("Please fix") if diagnostic.is_error else self.tr("Note")
        return self.tr("{field} – {kind}: {message}").format(
            field=field, kind=kind, message=diagnostic.message)

    def problems(self) -> list[str]:
        return [self.checks.item(i).text() for i in range(self.checks.count())]

    def _go_to(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(line, int) and line > 0:
            self.focus_place(*place_of(self._draft.to_yaml(), line))

    def focus_place(self, key: str, stage: int | None, stage_key: str | None) -> None:
        """Put the focus on the form field a located message is about."""
        if key == "stages" and stage is not None:
            self.stages.focus(stage, stage_key)
            return
        widgets = {"title": self.title_edit, "id": self.title_edit, "prepared_for": self.for_edit,
                   "author": self.author_edit, "notes": self.notes_edit,
                   "start": self.start_check, "stages": self.add_button}
        widgets.get(key, self.title_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ files
    def save(self) -> Path | None:
        self._fresh, self._importing = False, False
        return self.files.save()

    def export(self, target: Path | None = None) -> Path | None:
        self._fresh = False
        return self.files.export(target)

    def import_file(self, source: Path | None = None) -> Path | None:
        self._importing = True
        try:
            return self.files.import_file(source)
        finally:
            self._importing = False

    def saved(self, course: Course, path: Path, message: str) -> None:
        """After Save or Import: show what is now assigned, say so, tell the owner.

        Saving leaves "Fixed start date" as the person set it (assigning pins the file's
        start to today; the form does not pretend they chose that).
        """
        self.load_course(course, fixed_start=self._draft.start is not None or self._importing)
        start = course.start or self.clock.today()
        self.status.setText(message.format(course=course.title, day=day_name(start)))
        self.courseSaved.emit(str(path))
