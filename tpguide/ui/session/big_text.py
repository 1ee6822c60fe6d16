"""The session's labels: plain text only, each sized as a multiple of the user's font.

Read from across the room, so sizes are relative (``scale``) and applied once the window
knows its font and whether the user asked for larger text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

BUTTON_SCALE = 1.15


def plain(text: str = "", scale: float = 1.0, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapped label that never interprets its text (routine text is untrusted)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setProperty("scale", scale)
    font = QFont(label.font())
    font.setBold(bold)
    label.setFont(font)
    if name:  # for tests and style sheets; screen readers read the text itself
        label.setObjectName(name)
    return label


def show_text(label: QLabel, text: str) -> None:
    """Set a label's text and hide it while there is none, so empty lines take no room."""
    label.setText(text)
    label.setVisible(bool(text))


def apply_fonts(root: QWidget, text_scale: float) -> None:
    """Size every label under ``root`` by its ``scale``, and every button a little larger."""
    base = root.font().pointSizeF() if root.font().pointSizeF() > 0 else 10.0
    for label in root.findChildren(QLabel):
        scale = label.property("scale")
        if isinstance(scale, float | int):
            font = QFont(label.font())
            font.setPointSizeF(base * float(scale) * text_scale)
            label.setFont(font)
    for button in root.findChildren(QPushButton):
        font = QFont(button.font())
        font.setPointSizeF(base * BUTTON_SCALE * text_scale)
        button.setFont(font)
