"""Routine files brought to the main window: opened, dropped, added to mine, edited, new.

A course file is imported as a course and a zip's routines go into the person's folder;
any other file is shown for this run (its page, or its problems). "Edit", "Edit a copy"
and "New routine" go to the editor once one is attached, and to a plain file before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from tpguide import paths, resources
from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.library.catalog import Group, Item
from tpguide.ui.shell.routine_files import (
    AskClash,
    ask_clash_dialog,
    copy_into_mine,
    new_starter_file,
    routine_files_in,
)

if TYPE_CHECKING:
    from tpguide.core.library.sharing import Clash, Resolution
    from tpguide.ui.courses.controller import MainCourses
    from tpguide.ui.shell.sharing import MainSharing

EditRoutes = tuple[Callable[[Path], None], Callable[[], None], Callable[[Path], None] | None]
_DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove)


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # these were the window's words


class FilesHost(Protocol):
    """What file actions ask of the window they live in."""

    @property
    def courses(self) -> MainCourses: ...

    @property
    def sharing(self) -> MainSharing: ...

    def show_item(self, item: Item | None) -> None: ...

    def say(self, message: str, ms: int = ...) -> None: ...


class FilesLibrary(Protocol):
    """The routine list: where opened, added and changed files show up."""

    def add_opened(self, path: Path) -> Item: ...

    def item_at(self, path: Path) -> Item | None: ...

    def update_mine(self, changed: list[Path]) -> None: ...

    def select_path(self, path: Path) -> bool: ...


class FileActions(QObject):
    """The main window's routine files (``window.files``), and the files dropped on it.

    ``parent`` is the window: its dialogs belong to it and its drops come here (an event
    filter). ``ask_clash`` is the question about a file name already taken and
    ``ask_builtin`` the one about a built-in routine's id (rename, replace, skip); tests
    may replace them.

    Signals:
        editRequested(str): a routine file in the user's folder should be edited.
        newRoutineRequested(): the person asked for a new routine.
        saved(str): a routine given as text was saved in the user's folder (its path).
    """

    editRequested = Signal(str)
    newRoutineRequested = Signal()
    saved = Signal(str)

    def __init__(self, host: FilesHost, library: FilesLibrary, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.library = library
        self.parent_widget = parent
        self.ask_clash: AskClash = lambda target: ask_clash_dialog(parent, target)
        self.ask_builtin: Callable[[QWidget, Clash], Resolution] = _ask_builtin
        self._editor: EditRoutes | None = None
        parent.setAcceptDrops(True)
        parent.installEventFilter(self)

    def attach_editor(self, edit: Callable[[Path], None], new: Callable[[], None],
                      copy: Callable[[Path], None] | None = None) -> None:
        """Route "Edit", "New routine" and "Edit a copy" to the editor.

        Without ``copy``, "Edit a copy" copies the file into the user's folder and edits
        the copy there.
        """
        self._editor = (edit, new, copy)

    # ------------------------------------------------------------------ opening
    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, tr("Open a routine"), str(Path.home()),
            tr("Routine files (*.yaml *.yml);;All files (*)"))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> Item | None:
        """Show a file for this run: its page, or its problems; never a crash.

        A course file (``*.course.yaml``) is imported as a course instead, and a zip file's
        routines are imported into the user's folder; neither returns an item.
        """
        from tpguide.ui.courses.controller import is_course_file

        if is_course_file(path):
            self.host.courses.import_file(path)
            return None
        if path.suffix.lower() == ".zip":
            self.host.sharing.import_zip(path)
            return None
        item = self.library.add_opened(path)
        self.host.show_item(item)
        return item

    def reload_file(self, path: Path) -> None:
        item = self.library.item_at(path)
        if item is not None and item.group is Group.MINE:
            self.library.update_mine([path])
        else:
            self.open_file(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Routine files dragged onto the window are accepted, and opened when dropped."""
        if watched is not self.parent_widget or event.type() not in (*_DRAGS, QEvent.Type.Drop):
            return False
        drag = cast(QDropEvent, event)  # the enter and move events are drop events too
        files = routine_files_in(drag.mimeData())
        if not files:
            drag.ignore()
        elif event.type() in _DRAGS:
            drag.acceptProposedAction()
        else:
            drag.acceptProposedAction()
            for path in files:
                self.open_file(path)
        return True

    # ------------------------------------------------------------------ the user's folder
    def add_to_mine(self, path: Path) -> Path | None:
        """Copy a file into the person's routines; a built-in routine's id asks first."""
        from tpguide.core.library.sharing import builtin_clash, check_shared_file

        target: Path | None
        try:
            hiding = None if path.parent == resources.routines_dir() else \
                builtin_clash(check_shared_file(path))  # a built-in copied to edit: wanted
            answer = self.ask_builtin(self.parent_widget, hiding) if hiding else "replace"
            if answer == "skip":
                self.host.say(tr("Not added; the built-in routine is kept."))
                return None
            if answer == "keep-both" and hiding is not None:
                target = self._add_renamed(hiding)
            else:
                target = copy_into_mine(path, self.ask_clash)
        except OSError as exc:
            self.host.say(tr("Could not copy {name}: {why}").format(
                name=path.name, why=exc.strerror or exc))
            return None
        if target is None:
            return None
        self.library.update_mine([target])
        self.library.select_path(target)
        self.host.say(tr("Added to your routines as {name}.").format(name=target.name))
        return target

    @staticmethod
    def _add_renamed(clash: Clash) -> Path:
        from tpguide.core.library.sharing import import_routines

        outcome = import_routines([clash.incoming], resolutions={clash.routine_id: "keep-both"})
        return outcome.written[0]

    def save_as_mine(self, text: str) -> Path | None:
        """Keep a routine given as YAML (the finder's) in the person's folder, under a free
        file name and, when one of theirs has the same id already, a matching new id."""
        import re

        from tpguide.ui.shell.routine_files import free_name

        found = re.search(r"^id: *(\S+) *$", text, re.MULTILINE)
        routine_id = found.group(1) if found else "my-routine"
        try:
            folder = paths.ensure(paths.user_routines_dir())
            target = free_name(folder, f"{routine_id}.yaml")
            if target.stem != routine_id:
                text = re.sub(r"^id: *\S+ *$", f"id: {target.stem}", text, count=1,
                              flags=re.MULTILINE)
            write_atomic(target, text.encode("utf-8"), mode=SHARED)  # like any routine file
        except OSError as exc:
            self.host.say(tr("Could not save the routine: {why}").format(
                why=exc.strerror or exc), 0)
            return None
        self.library.update_mine([target])
        self.host.say(tr("Saved in your routines as {name}.").format(name=target.name))
        self.saved.emit(str(target))
        return target

    def mine_changed(self, changed: list[Path]) -> None:
        self.library.update_mine(changed)
        self.host.courses.refresh()  # a course's routine may have arrived

    # ------------------------------------------------------------------ editing
    def edit(self, path: Path) -> None:
        self.editRequested.emit(str(path))
        if self._editor is not None:
            self._editor[0](path)
        else:
            self.host.say(tr("Edit {path} in a text editor; tpguide reloads it when you "
                             "save.").format(path=path))

    def edit_copy(self, path: Path) -> None:
        if self._editor is not None and self._editor[2] is not None:
            self._editor[2](path)  # a new draft: Save asks where (Save As)
            return
        target = self.add_to_mine(path)
        if target is not None:
            self.edit(target)

    def editor_saved(self, path: object) -> None:
        """An editor wrote a routine: show it in the library now (the watcher agrees later)."""
        target = Path(str(path))
        if target.parent == paths.user_routines_dir():
            self.library.update_mine([target])
            self.host.courses.refresh()
            self.library.select_path(target)
        else:
            self.open_file(target)

    def new_routine(self) -> None:
        self.newRoutineRequested.emit()
        if self._editor is not None:
            self._editor[1]()
            return
        try:
            target = new_starter_file()
        except OSError as exc:
            self.host.say(tr("Could not write a new routine: {why}").format(why=exc.strerror))
            return
        self.library.update_mine([target])
        self.library.select_path(target)
        self.edit(target)


def _ask_builtin(parent: QWidget, clash: Clash) -> Resolution:
    from tpguide.ui.shell.sharing import ask_builtin_resolution

    return ask_builtin_resolution(parent, clash)
