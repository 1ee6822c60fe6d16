"""Saving from the editor: Save As for built-ins, the comments warning, failures keep the file."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tpguide import paths, resources
from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines.editing import (
    Check,
    RoutineDraft,
    SaveError,
    changed_on_disk,
    has_comments,
    read_text,
    save_draft,
)
from tpguide.ui.editor.form import tr


class SaveHost(Protocol):
    """What saving needs of the editor window: the checked draft, and where to report."""

    @property
    def draft(self) -> RoutineDraft: ...
    @property
    def atlas(self) -> Atlas: ...
    @property
    def check(self) -> Check: ...
    def saved_to(self, path: Path) -> None: ...
    def show_status(self, text: str, ms: int) -> None: ...

SUFFIXES = (".yaml", ".yml")


def is_builtin(path: Path) -> bool:
    """True for files among the routines shipped with tpguide (never written by the editor)."""
    try:
        return path.resolve().is_relative_to(resources.routines_dir().resolve())
    except (OSError, FileNotFoundError):
        return False


class Saver:
    """Save, Save As and the unsaved-changes question for one editor window.

    The questions are methods (``ask_*``, ``show_error``) so tests can answer them.
    """

    def __init__(self, window: SaveHost, parent: QWidget, path: Path | None,
                 original_text: str | None, builtin: bool) -> None:
        self.window = window
        self.parent = parent
        self.path = path
        self.original_text = original_text
        self.builtin = builtin or (path is not None and is_builtin(path))
        self.comments = original_text is not None and has_comments(original_text)

    def banner_text(self) -> str:
        if self.builtin:
            return tr("This is a built-in routine, so it cannot be changed. Save keeps your "
                      "version as one of your own routines.")
        if self.comments:
            return tr("This file was written by hand and has comments. Saving over it "
                      "rewrites it and the comments are lost; Save As keeps the original.")
        return ""

    # -- saving ----------------------------------------------------------------
    def save(self) -> bool:
        if self.path is None or self.builtin:
            return self.save_as()
        if self.comments:
            choice = self.ask_comments()
            if choice == "save-as":
                return self.save_as()
            if choice != "save":
                return False
        if changed_on_disk(self.path, self.original_text) and not self.ask_overwrite_changed():
            return False
        return self.write(self.path, self.original_text)

    def save_as(self) -> bool:
        target = self.ask_save_path(self.suggested_path())
        if target is None:
            return False
        if target.suffix.lower() not in SUFFIXES:
            target = target.with_name(target.name + ".yaml")
        if is_builtin(target):
            self.show_error(tr("Cannot save there"), tr("Built-in routines cannot be changed; "
                                                        "save in your own routines folder."))
            return False
        return self.write(target, read_text(target))

    def write(self, path: Path, original_text: str | None) -> bool:
        window = self.window
        text = window.check.text
        try:
            save_draft(path, text, original_text=original_text,
                       expected=window.draft.to_routine(), atlas=window.atlas)
        except SaveError as exc:
            self.show_error(tr("Could not save"), tr("{why}\n\nThe file on disk is as it was "
                                                     "before.").format(why=exc))
            return False
        self.path, self.original_text = path, text
        self.builtin = self.comments = False
        window.saved_to(path)
        return True

    def suggested_path(self) -> Path:
        folder = paths.ensure(paths.user_routines_dir())
        stem = self.window.draft.id or "my-routine"
        candidate = folder / f"{stem}.yaml"
        n = 2
        while candidate.exists() and candidate != self.path:
            candidate = folder / f"{stem}-{n}.yaml"
            n += 1
        return candidate

    def settle_unsaved(self) -> bool:
        """Before closing with changes: True when it is fine to close."""
        choice = self.ask_unsaved()
        if choice == "save":
            return self.save()
        return choice == "discard"

    # -- questions (replaced in tests) --------------------------------------------
    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def ask_comments(self) -> str:
        """'save', 'save-as' or 'cancel'."""
        box = self._box(QMessageBox.Icon.Warning, tr("Comments will be lost"),
                        tr("This file was written by hand and has comments. tpguide saves "
                           "routines in its own layout, so the comments would be lost.\n\n"
                           "Save as a new file instead?"))
        save_as = box.addButton(tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(tr("Overwrite and lose comments"),
                                  QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "save-as" if clicked is save_as else "save" if clicked is overwrite else "cancel"

    def ask_overwrite_changed(self) -> bool:
        box = self._box(QMessageBox.Icon.Warning, tr("File changed"),
                        tr("{path} was changed by another program since you opened it. "
                           "Overwrite those changes?").format(path=self.path))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.exec()
        return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, tr("Save routine as"), str(suggested),
                                              tr("Routine files (*.yaml *.yml)"))
        return Path(name) if name else None

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel'."""
        box = self._box(QMessageBox.Icon.Question, tr("Unsaved changes"),
                        tr("Save the changes to this routine before closing?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.exec()
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"

    def show_error(self, title: str, text: str) -> None:
        self.window.show_status(text.splitlines()[0], 15000)
        self._box(QMessageBox.Icon.Critical, title, text).exec()
