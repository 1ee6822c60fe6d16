"""The course editor's Save, Export and Import: atomic, never overwriting without asking."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from tpguide.core.atomic_io import PRIVATE, SHARED, write_atomic
from tpguide.core.courses.edit import CourseDraft, free_id
from tpguide.core.courses.loader import load_course_file
from tpguide.core.courses.model import COURSE_SUFFIX, Course, CourseClock, CourseResult
from tpguide.core.courses.store import CourseClashError, course_files, import_course
from tpguide.core.routines.diagnostics import Diagnostic


class CourseForm(Protocol):
    """What the files need of the course editor: its draft, its checks and where to report."""

    @property
    def clock(self) -> CourseClock: ...
    @property
    def status(self) -> QLabel: ...
    @property
    def checks(self) -> QWidget: ...

    def draft(self) -> CourseDraft: ...
    def is_dirty(self) -> bool: ...
    def known_routines(self) -> set[str]: ...
    def refresh_checks(self) -> list[Diagnostic]: ...
    def file_name(self) -> str: ...
    def show_problems(self, name: str, diagnostics: list[Diagnostic],
                      text: str | None = None, heading: str = "") -> None: ...
    def saved(self, course: Course, path: Path, message: str) -> None: ...

FILTER = "*" + COURSE_SUFFIX


def tr(text: str) -> str:
    return QCoreApplication.translate("CourseFiles", text)


def with_suffix(path: Path) -> Path:
    """``neck`` or ``neck.yaml`` -> ``neck.course.yaml``; a course file name stays as it is."""
    if path.name.endswith(COURSE_SUFFIX):
        return path
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    return path.with_name(stem + COURSE_SUFFIX)


def _taken_ids() -> set[str]:
    return {p.name.removesuffix(COURSE_SUFFIX) for p in course_files()}


class CourseFiles:
    """Files for one CourseEditor. The ``ask_*`` and ``show_error`` methods are the only
    dialogs, so a test can replace them with answers."""

    def __init__(self, editor: CourseForm, parent: QWidget) -> None:
        self.editor = editor
        self.parent = parent
        self.folder = Path.home()

    # ------------------------------------------------------------------ questions
    def ask_clash(self, target: Path, keep_both: bool) -> str:
        """'replace', 'keep-both' or 'cancel' when a course with this file name is assigned."""
        box = self._box(tr("A course is already assigned under this name"), tr(
            "“{name}” is already assigned on this computer. Replace it with this one? "
            "Its start date and progress are replaced too.").format(name=target.name))
        replace = box.addButton(tr("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
        both = (box.addButton(tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
                if keep_both else None)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "replace" if clicked is replace else "keep-both" if clicked is both else "cancel"

    def ask_discard(self) -> bool:
        box = self._box(tr("Unsaved changes"),
                        tr("This course has changes that are not saved. Discard them?"))
        box.setStandardButtons(QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    def ask_export_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, tr("Export the course"),
                                              str(suggested), tr("Course files ({filter})")
                                              .format(filter=FILTER))
        return Path(name) if name else None

    def ask_import_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, tr("Import a course"), str(self.folder),
                                              tr("Course files ({filter})").format(filter=FILTER))
        return Path(name) if name else None

    def show_error(self, title: str, text: str) -> None:
        box = self._box(title, text)
        box.setIcon(QMessageBox.Icon.Warning)
        box.exec()

    def _box(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(self.parent)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # course titles are untrusted text
        box.setText(text)
        return box

    # ------------------------------------------------------------------ actions
    def save(self) -> Path | None:
        """Assign the form's course here, the way Import does; a clash asks first."""
        editor = self.editor
        if any(d.is_error for d in editor.refresh_checks()):
            editor.status.setText(tr("Not saved yet: fix the problems listed under Checks."))
            editor.checks.setFocus()
            return None
        try:
            return self._assign_draft()
        except OSError as exc:
            self.show_error(tr("The course could not be saved"), str(exc))
            return None

    def _assign_draft(self) -> Path | None:
        draft = self.editor.draft()
        try:
            result, target = self._import_text(draft.to_yaml(), replace=False)
        except CourseClashError as clash:
            choice = self.ask_clash(clash.target, keep_both=True)
            if choice == "cancel":
                return None
            if choice == "keep-both":
                draft.id = free_id(draft.id, _taken_ids())
            result, target = self._import_text(draft.to_yaml(), replace=choice == "replace")
        return self._done(result, target, tr("Saved. “{course}” is assigned; {when}."))

    def _import_text(self, text: str, *, replace: bool) -> tuple[CourseResult, Path]:
        with tempfile.TemporaryDirectory(prefix="tpguide-course-") as folder:
            source = Path(folder) / f"draft{COURSE_SUFFIX}"
            write_atomic(source, text.encode("utf-8"), mode=PRIVATE)
            result = import_course(source, self.editor.clock.today(), replace=replace)
        course = result.course
        return result, (Path() if course is None else self._target(course.id))

    @staticmethod
    def _target(course_id: str) -> Path:
        from tpguide import paths

        return paths.courses_dir() / f"{course_id}{COURSE_SUFFIX}"

    def _done(self, result: CourseResult, target: Path, message: str) -> Path | None:
        course = result.course
        if course is None:  # cannot happen for a checked draft; say so if it does
            self.editor.show_problems(target.name, result.diagnostics)
            return None
        self.editor.saved(course, target, message.replace("{when}", self._when(course.start)))
        return target

    def _when(self, start: date | None) -> str:
        today = self.editor.clock.today()
        if start is None or start == today:
            return tr("it starts today")
        return tr("it starts {day}") if start > today else tr("it started {day}")

    def export(self, target: Path | None = None) -> Path | None:
        """Write the course to a file of the person's choice (atomically)."""
        editor = self.editor
        if any(d.is_error for d in editor.refresh_checks()):
            editor.status.setText(tr("Not exported: fix the problems listed under Checks."))
            return None
        chosen = target or self.ask_export_path(self.folder / editor.file_name())
        if chosen is None:
            return None
        chosen = with_suffix(chosen)
        try:
            write_atomic(chosen, editor.draft().to_yaml().encode("utf-8"), mode=SHARED)
        except OSError as exc:
            self.show_error(tr("The course could not be exported"), str(exc))
            return None
        self.folder = chosen.parent
        editor.status.setText(tr("Exported to {path}.").format(path=chosen))
        return chosen

    def import_file(self, source: Path | None = None) -> Path | None:
        """Check a course file, show its problems, and assign it if it has none.

        The chosen file is only read, never changed; a course already assigned under the
        same name stays unless the person chooses to replace it.
        """
        editor = self.editor
        chosen = source or self.ask_import_path()
        if chosen is None or (editor.is_dirty() and not self.ask_discard()):
            return None
        try:
            checked = load_course_file(chosen, editor.known_routines())
            if checked.course is None:
                editor.show_problems(chosen.name, checked.diagnostics, heading=tr(
                    "Not imported: {name} has problems (the file was not changed).")
                    .format(name=chosen.name))
                editor.status.setText(tr("Not imported: fix the problems listed under Checks "
                                         "in a text editor, then import again."))
                return None
            return self._assign_file(chosen)
        except OSError as exc:
            self.show_error(tr("The course could not be imported"), str(exc))
            return None

    def _assign_file(self, source: Path) -> Path | None:
        try:
            result = import_course(source, self.editor.clock.today())
        except CourseClashError as clash:
            if self.ask_clash(clash.target, keep_both=False) != "replace":
                return None
            result = import_course(source, self.editor.clock.today(), replace=True)
        self.folder = source.parent
        course = result.course
        target = self._target(course.id) if course is not None else source
        return self._done(result, target, tr("Imported. “{course}” is assigned; {when}."))
