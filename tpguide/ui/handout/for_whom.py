"""Before printing from the app: who is the handout for? (``tpguide handout --for NAME``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from tpguide.ui.widgets.plain import plain_label

MAX_NAME = 120


class ForWhomDialog(QDialog):
    """Asks for a name to print as "Prepared for NAME on DATE" (empty: no such line).

    Window-modal and not blocking: ``chosen`` carries the answer once Print is pressed.

    Signals:
        chosen(str): the name typed ('' when left empty).
    """

    chosen = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print a handout"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(12)
        col.addWidget(plain_label(self.tr("Handout of “{title}”").format(title=title),
                                  "heading", self))
        col.addWidget(plain_label(self.tr(
            "Who is it for? The name is printed under the title with today's date. "
            "Leave it empty for a handout without a name."), "body", self))
        self.name = QLineEdit(self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setAccessibleName(self.tr("Prepared for"))
        self.name.setPlaceholderText(self.tr("for example: Sam Taylor"))
        self.name.setMinimumWidth(360)
        col.addWidget(self.name)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(self.tr("Print…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setProperty("primary", True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.accepted.connect(lambda: self.chosen.emit(" ".join(self.name.text().split())))
