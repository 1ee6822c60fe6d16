"""The safety gate every way into a session passes, and the "I feel unwell" panel that asks nothing.

``require_safety`` shows the red flags, contraindications and stop rules until the user has
once said "I have read this" (remembered in the settings). ``UnwellPanel`` is an overlay, not a
dialog: it appears at once over the session window with the stop rules and when to get help.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tpguide.core import safety_text as st
from tpguide.ui.widgets.fit import fit_to_screen
from tpguide.ui.widgets.settings_owner import SettingsOwner
from tpguide.ui.widgets.theme import Theme, apply_palette

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate(st.CONTEXT, text) if text else ""


def _label(text: str, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


def section_widget(section: st.Section, scale: float = 1.0) -> QWidget:
    """A heading, its lead sentence and its items as a bulleted list of plain labels."""
    box = QWidget()
    box.setObjectName("section")
    box.setAccessibleName(_t(section.title))
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 6, 0, 6)
    lay.setSpacing(4)
    lay.addWidget(_label(_t(section.title), scale * 1.3, True))
    if section.lead:
        lay.addWidget(_label(_t(section.lead), scale))
    for item in section.items:
        lay.addWidget(_label("•  " + _t(item), scale))
    return box


def _page_layout(dialog: QDialog, widgets: list[QWidget], reader_name: str,
                 accept: str, reject: str) -> tuple[QPushButton, QPushButton]:
    """A scrolling page of ``widgets`` over an accept/reject row; returns the two buttons."""
    content = QWidget()
    lay = QVBoxLayout(content)
    for widget in widgets:
        lay.addWidget(widget)
    lay.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setAccessibleName(reader_name)
    scroll.setWidget(content)
    buttons = QDialogButtonBox()
    yes = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    no = buttons.addButton(reject, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    outer = QVBoxLayout(dialog)
    outer.addWidget(scroll, 1)
    outer.addWidget(buttons)
    return yes, no


class SafetyDialog(QDialog):
    """Every red flag, contraindication and stop rule, all open; one acknowledgement.

    Nothing here is folded away: the gate is read once, so a warning sign behind a
    "More" click would be one most people never see.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Before you start"))
        self.setObjectName("SafetyDialog")
        self.sections = [section_widget(section, 1.05) for section in st.GATE_SECTIONS]
        self.acknowledge_button, self.not_now_button = _page_layout(
            self, [_label(self.tr("Before you start"), 1.7, True), _label(_t(st.INTRO), 1.1),
                   *self.sections],
            self.tr("Safety notes to read"), _t(st.ACKNOWLEDGE), self.tr("Not now"))
        self.acknowledge_button.setDefault(True)
        fit_to_screen(self, QSize(720, 640))


class RedFlagsAgainDialog(QDialog):
    """The warning signs once more, before a session for a severe or unusual headache.

    Shown when the pain question's answer is 8-10 or the headache is marked new or
    different (``safety_text.red_flags_again``): exactly when a red flag may apply. The
    default button does not start: going ahead is a deliberate choice.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check these warning signs first"))
        self.setObjectName("RedFlagsAgainDialog")
        self.start_button, self.cancel_button = _page_layout(
            self, [_label(self.tr("Check these warning signs first"), 1.6, True),
                   _label(_t(st.AGAIN_LEAD), 1.1),
                   *(section_widget(section, 1.05) for section in st.AGAIN_SECTIONS)],
            self.tr("Warning signs to check"), self.tr("None of these applies: start"),
            self.tr("Do not start"))
        self.start_button.setAutoDefault(False)  # Enter must never start by accident
        self.cancel_button.setDefault(True)
        fit_to_screen(self, QSize(720, 600))


def confirm_red_flags_again(parent: QWidget | None) -> bool:
    """Show the warning signs again; True when the person chose to start anyway."""
    dialog = RedFlagsAgainDialog(parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def require_safety(parent: QWidget | None, owner: SettingsOwner) -> bool:
    """The one gate before any session: True once the user has acknowledged the safety text.

    Shows the dialog only while the acknowledgement is missing; a failure to save it is
    logged and the session may still go ahead this time (the gate shows again next time).
    Called only by the session launcher, so every way into a session passes it once.
    """
    if owner.settings().safety_acknowledged:
        return True
    dialog = SafetyDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    if not owner.update(safety_acknowledged=True, safety_acknowledged_at=_now()):
        log.warning("the safety acknowledgement could not be saved")
    return True


class UnwellPanel(QFrame):
    """Covers its parent window with what to do now; shown without any question.

    Signals:
        closeRequested(): the user chose to close the session window.
    """

    closeRequested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnwellPanel")
        self.setAccessibleName(self.tr("What to do now"))
        apply_palette(self, theme)
        self.setFrameShape(QFrame.Shape.NoFrame)
        heading = _label(_t(st.UNWELL_HEADING), 2.2, True)
        heading.setStyleSheet(f"color:{theme.unwell_text}")
        columns = QHBoxLayout()
        columns.setSpacing(40)
        for section in st.UNWELL_SECTIONS:
            columns.addWidget(section_widget(section, 1.3), 1, Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton(self.tr("Close the session window"))
        self.close_button.setMinimumHeight(52)
        font = QFont(self.close_button.font())
        font.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * 1.2)
        self.close_button.setFont(font)
        self.close_button.clicked.connect(self.closeRequested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 36, 48, 36)
        lay.setSpacing(14)
        lay.addWidget(heading)
        lay.addWidget(_label(_t(st.UNWELL_LEAD), 1.4))
        holder = QWidget()
        holder.setLayout(columns)
        scroll = QScrollArea()  # a small screen scrolls the rules; none is cut
        scroll.setAccessibleName(self.tr("When to stop and when to get help"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        scroll.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)

    def texts(self) -> list[str]:
        """Every text shown (for tests and accessibility checks)."""
        return [label.text() for label in self.findChildren(QLabel)]
