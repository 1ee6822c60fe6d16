"""Text boxes that refuse control characters as they are typed or pasted.

Routine and course files may not hold control, line separator or bidi characters (the
contract's "Text fields"): they fake or hide text on screens and terminals. The editors
refuse them at the keyboard, so what is typed is what can be saved. The characters are
dropped where they would have gone; everything else that was typed or pasted stays.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QValidator
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from tpguide.core.routines.diagnostics import CONTROL_CHARACTERS


class NoControlCharacters(QValidator):
    """A line edit's validator: control characters are removed, the rest is accepted."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        before = len(CONTROL_CHARACTERS.findall(text, 0, pos))
        return QValidator.State.Acceptable, CONTROL_CHARACTERS.sub("", text), pos - before


def refuse_control_characters(*boxes: QLineEdit | QPlainTextEdit) -> None:
    """Make each box refuse control characters. For a multi-line box, call this before
    connecting its ``textChanged``: its listeners then only ever see clean text."""
    for box in boxes:
        if isinstance(box, QLineEdit):
            box.setValidator(NoControlCharacters(box))
        else:
            box.textChanged.connect(lambda b=box: _drop_controls(b))


def _drop_controls(box: QPlainTextEdit) -> None:
    text = box.toPlainText()  # one character per document position in a plain text box
    found = [m.start() for m in CONTROL_CHARACTERS.finditer(text)]
    if not found:
        return
    cursor = QTextCursor(box.document())
    cursor.beginEditBlock()  # one undo step, together with what was typed
    for at in reversed(found):
        cursor.setPosition(at)
        cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    cursor.endEditBlock()
