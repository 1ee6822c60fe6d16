"""Labels and questions that never interpret text as HTML, sized relative to the user's font."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# Point-size factors relative to the application font (which honours the text scale).
SCALE = {"title": 1.9, "heading": 1.35, "subheading": 1.15, "body": 1.0, "big": 1.2}


def scaled_font(base: QFont, role: str, bold: bool | None = None) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * SCALE.get(role, 1.0))
    if bold is not None:
        font.setBold(bold)
    elif role in ("title", "heading", "subheading"):
        font.setBold(True)
    return font


def plain_label(text: str = "", role: str = "body", parent: QWidget | None = None,
                selectable: bool = False) -> QLabel:
    """A word-wrapped label whose text is always shown literally (``Qt.PlainText``)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setProperty("role", role)
    label.setFont(scaled_font(label.font(), role))
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def refresh_fonts(root: QWidget) -> None:
    """Re-apply role sizes after the application font changed (larger text on or off)."""
    for label in root.findChildren(QLabel):
        role = label.property("role")
        if isinstance(role, str):
            label.setFont(scaled_font(root.font(), role))


def plain_question(parent: QWidget | None, title: str, text: str, accept: str) -> bool:
    """Ask with the text shown literally (it may quote a routine file); True when the person
    chose ``accept`` rather than Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(r"\S{17,}")
_CHUNK = re.compile(r"[^./_-]{1,12}[./_-]*|[./_-]+")


def breakable(text: str) -> str:
    """``text`` with invisible break chances in its long words (web addresses, joined
    names): after each . / - _ and every 12 letters. A narrow column wraps a word that
    does not fit its width instead of cutting it; the words are left as written."""
    return _LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(_CHUNK.findall(m.group(0))), text)
