"""Copies routine files into the user's folder without ever silently overwriting one."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tpguide import paths
from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.library.sources import ROUTINE_SUFFIXES


class Clash(Enum):
    """What to do when a file of that name is already in the user's routines."""

    REPLACE = "replace"
    KEEP_BOTH = "keep-both"
    CANCEL = "cancel"


AskClash = Callable[[Path], Clash]


def routine_files_in(mime: QMimeData) -> list[Path]:
    """Local ``.yaml``/``.yml`` files among dragged or pasted URLs."""
    urls = mime.urls() if mime.hasUrls() else []
    files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [f for f in files if f.suffix.lower() in ROUTINE_SUFFIXES]


def free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``stem-2.yaml``, ``stem-3.yaml``... when it is taken."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix or ".yaml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def copy_into_mine(source: Path, ask: AskClash) -> Path | None:
    """Copy a routine file into ``<data>/routines``; None when the person cancelled.

    A file already there with other content is replaced only when ``ask`` says so;
    "keep both" picks a free name. Raises OSError when reading or writing fails.
    """
    from tpguide.core.routines.loader import read_limited

    folder = paths.ensure(paths.user_routines_dir())
    target = folder / source.name
    if _same_file(source, target):
        return target
    data = read_limited(source)
    if target.exists():
        if read_limited(target) == data:
            return target
        choice = ask(target)
        if choice is Clash.CANCEL:
            return None
        if choice is Clash.KEEP_BOTH:
            target = free_name(folder, source.name)
    write_atomic(target, data, mode=SHARED)
    return target


def new_starter_file() -> Path:
    """Write a small valid routine under a free name in the user's folder (no editor needed)."""
    from tpguide.core.routines.starter import starter_text

    folder = paths.ensure(paths.user_routines_dir())
    target = free_name(folder, "my-routine.yaml")
    text = starter_text(None, target.name) or ""
    write_atomic(target, text.encode("utf-8"), mode=SHARED)
    return target


def ask_clash_dialog(parent: QWidget | None, target: Path) -> Clash:
    """Replace / Keep both / Cancel, with the file name shown as plain text."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("RoutineFiles", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("A routine with this name exists"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tr("“{name}” is already in your routines. Replace it, or keep both?")
                .format(name=target.name))
    replace = box.addButton(tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is replace:
        return Clash.REPLACE
    if clicked is keep:
        return Clash.KEEP_BOTH
    return Clash.CANCEL
