"""Start on a routine file that has errors: say why, and offer to open the file to fix it.

The routine editor only opens files that load (it edits a routine, not broken YAML), so the
offer opens the file in the desktop's text editor; tpguide reads it again when it is saved
(the person's own folder is watched; "Check again" reads an opened file).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from tpguide.core.library.catalog import Item

MAX_SHOWN = 3


def tr(text: str) -> str:
    return QCoreApplication.translate("BrokenStart", text)


def why_not_text(item: Item) -> str:
    """The file, how many problems, and the first few of them, located."""
    errors = item.result.errors or item.result.diagnostics
    lines = [d.format(item.path.name) for d in errors[:MAX_SHOWN]]
    if len(errors) > MAX_SHOWN:
        lines.append(tr("…and {n} more (listed on the page behind this message).").format(
            n=len(errors) - MAX_SHOWN))
    if not lines:
        lines = [tr("{name}: this file could not be loaded").format(name=item.path.name)]
    return tr("“{name}” cannot start: the file has mistakes tpguide cannot run. Fix them in a "
              "text editor and save; tpguide reads the file again.\n\n{lines}").format(
        name=item.path.name, lines="\n".join(lines))


def open_in_text_editor(item: Item, say: Callable[[str], object]) -> bool:
    """Hand the file to the desktop's editor for it; say where it is when none opens."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.path))):
        say(tr("Opened {name}; save it and tpguide reads it again.").format(name=item.path.name))
        return True
    say(tr("No text editor could be opened. The file is {path}.").format(path=item.path))
    return False


def explain_broken(parent: QWidget, item: Item, say: Callable[[str], object]) -> QMessageBox:
    """A window-modal message (not blocking the caller) with "Open it in a text editor"."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("This routine cannot start"),
                      why_not_text(item), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("BrokenStart")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the file name and messages are untrusted
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    edit = box.addButton(tr("Open it in a text editor"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(tr("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(edit)
    box.setEscapeButton(close)
    edit.clicked.connect(lambda: open_in_text_editor(item, say))
    box.open()
    return box
