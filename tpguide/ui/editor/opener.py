"""How the rest of the app opens the editor: new, for a file, or for a copy of one.

The editor's modules are imported when the first editor opens, so ``attach`` costs the
main window's start-up nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from tpguide.core.settings import SettingsStore

if TYPE_CHECKING:
    from tpguide.core.routines.diagnostics import Diagnostic
    from tpguide.ui.editor.holds import Presses
    from tpguide.ui.editor.window import EditorWindow, Preview


def tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


class CannotEditError(Exception):
    """The file has errors, so it cannot become a draft; ``diagnostics`` say why."""

    def __init__(self, path: Path, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{path} has errors")
        self.path = path
        self.diagnostics = diagnostics


def editor_for_file(path: Path, *, duplicate: bool = False, store: SettingsStore | None = None,
                    preview: Preview | None = None,
                    parent: QWidget | None = None) -> EditorWindow:
    """An editor for a routine file (or, with ``duplicate``, for a new copy of it).

    Built-in files open protected: Save goes to Save As in the user's folder.
    Raises OSError when the file cannot be read and CannotEditError when it has errors.
    """
    from tpguide.core.routines.editing import RoutineDraft, read_text
    from tpguide.core.routines.loader import load_routine_file
    from tpguide.ui.editor.save import is_builtin
    from tpguide.ui.editor.window import EditorWindow

    result = load_routine_file(path)
    if result.routine is None:
        raise CannotEditError(path, list(result.diagnostics))
    draft = RoutineDraft.from_routine(result.routine)
    if duplicate:
        return EditorWindow(draft.duplicate(tr(" (copy)")), store=store, preview=preview,
                            parent=parent)
    return EditorWindow(draft, path=path, original_text=read_text(path), builtin=is_builtin(path),
                        store=store, preview=preview, parent=parent)


def open_editor(path: Path | None = None, *, duplicate: bool = False,
                store: SettingsStore | None = None, preview: Preview | None = None,
                parent: QWidget | None = None) -> EditorWindow | None:
    """Show an editor: new (no path), for a file, or for a copy; None after telling why not."""
    from tpguide.ui.editor.window import EditorWindow

    try:
        window = (EditorWindow(store=store, preview=preview, parent=parent) if path is None
                  else editor_for_file(path, duplicate=duplicate, store=store, preview=preview,
                                       parent=parent))
    except CannotEditError as exc:
        lines = [d.format(exc.path.name) for d in exc.diagnostics[:8]]
        _tell(parent, tr("This routine has errors, so the editor cannot open it. Fix them in "
                         "a text editor first:\n\n{lines}").format(lines="\n".join(lines)))
        return None
    except OSError as exc:
        _tell(parent, tr("Could not read {path}: {why}").format(path=path,
                                                                 why=exc.strerror or exc))
        return None
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def attach(main_window: QWidget, store: SettingsStore | None = None,
           preview: Preview | None = None, presses: Presses | None = None) -> None:
    """Route the main window's "Edit", "New routine" and "Edit a copy" here
    (``MainWindow.attach_editor``); each save is passed to ``main_window.editor_saved``.
    With ``presses`` (the diary's) each editor offers "Use my hold times…"."""

    def shown(window: EditorWindow | None) -> None:
        saved = getattr(main_window, "editor_saved", None)
        if window is not None and saved is not None:
            window.saved.connect(saved)
        if window is not None and presses is not None:
            window.offer_hold_times(presses)

    def show(path: Path | None, duplicate: bool = False) -> None:
        shown(open_editor(path, duplicate=duplicate, store=store, preview=preview,
                          parent=main_window))

    main_window.attach_editor(  # type: ignore[attr-defined]
        show, lambda: show(None), lambda path: show(path, duplicate=True))


def _tell(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # its enums cost start-up time: only here

    box = QMessageBox(QMessageBox.Icon.Warning, tr("Cannot edit this routine"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
