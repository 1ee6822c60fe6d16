"""The one-tap 0-10 "how much does it hurt right now?" rating asked before and after a session."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.record import record
from tpguide.ui.widgets.plain import plain_label

When = Literal["before", "after"]
TEN_WAIT_MS = 1000
"""After the 1 key, how long a following 0 still makes 10."""
TEN_KEYS = (Qt.Key.Key_T, Qt.Key.Key_Asterisk)


@record(frozen=True)
class PainAnswer:
    """A rating from 0 to 10 (None: skipped), an optional note (after a session only) and,
    before a session, whether the person marked the headache new or different."""

    pain: int | None
    note: str | None = None
    new_or_different: bool = False


def _bigger(widget: QWidget, factor: float) -> QFont:
    """The widget's font, bold and scaled relative to the user's size (honours text scale)."""
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(True)
    return font


class TenKeys(QObject):
    """The keys of every 0-10 question: a digit picks; a 1 waits a moment for a 0 (10), and
    another digit instead replaces it; T or * is 10.

    Signals:
        provisional(int): a 1 was typed that may still become 10.
        picked(int): the number typed, 0 to 10.
    """

    provisional = Signal(int)
    picked = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending_one = QTimer(self)
        self._pending_one.setSingleShot(True)
        self._pending_one.setInterval(TEN_WAIT_MS)
        self._pending_one.timeout.connect(lambda: self.picked.emit(1))

    def handle_key(self, key: int) -> bool:
        """True if ``key`` (a Qt.Key value) was one of the scale's keys."""
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            if self._pending_one.isActive():
                self._pending_one.stop()
                self.picked.emit(10 if digit == 0 else digit)
            elif digit == 1:
                self.provisional.emit(1)
                self._pending_one.start()
            else:
                self.picked.emit(digit)
            return True
        if key in TEN_KEYS:
            self._pending_one.stop()
            self.picked.emit(10)
            return True
        return False

    def flush(self) -> None:
        """Settle a 1 still waiting for a possible 0."""
        if self._pending_one.isActive():
            self._pending_one.stop()
            self.picked.emit(1)

    def cancel(self) -> None:
        """Forget a 1 still waiting (the question went away)."""
        self._pending_one.stop()


class PainScale(QWidget):
    """Eleven large buttons, 0 to 10, with anchor words under the ends.

    Signals:
        picked(int): a number was tapped or typed (0-9; 1 then 0, T or * for 10).
    """

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None, size: float = 1.6) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Pain from 0 to 10"))
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(6)
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFont(_bigger(button, size))
            metrics = button.fontMetrics()
            side = int(metrics.height() * 2.2)
            button.setMinimumSize(max(side, metrics.horizontalAdvance("10") + 32), side)
            button.setAccessibleName(self._describe(value))
            button.setToolTip(self._describe(value))
            self._group.addButton(button, value)
            grid.addWidget(button, 0, value)
        self._group.idClicked.connect(self.picked.emit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        low = plain_label(self.tr("No pain"))
        low.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        high = plain_label(self.tr("Worst pain imaginable"))
        high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        ends = QHBoxLayout()  # the scale is as wide as its two end words need, in any language
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(high)
        grid.addLayout(ends, 1, 0, 1, 11)
        self._keys = TenKeys(self)
        self._keys.provisional.connect(self._provisional)
        self._keys.picked.connect(self._pick)

    def _describe(self, value: int) -> str:
        if value == 0:
            return self.tr("0: no pain")
        if value == 10:
            return self.tr("10: worst pain imaginable")
        return self.tr("{value} out of 10").format(value=value)

    def button(self, value: int) -> QPushButton:
        button = self._group.button(value)
        assert isinstance(button, QPushButton)
        return button

    def value(self) -> int | None:
        checked = self._group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        if value is None:
            self._group.setExclusive(False)
            for button in self._group.buttons():
                button.setChecked(False)
            self._group.setExclusive(True)
        else:
            self.button(value).setChecked(True)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Digits pick; a 1 waits a moment for a 0 (10); T or * is 10. True if used."""
        return self._keys.handle_key(event.key())

    def _provisional(self, value: int) -> None:
        self.set_value(value)
        self.button(value).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def flush(self) -> None:
        """Settle a 1 still waiting for a possible 0."""
        self._keys.flush()

    def _pick(self, value: int) -> None:
        self.set_value(value)
        self.button(value).setFocus()
        self.picked.emit(value)


class PainRatingPanel(QWidget):
    """Before a session one tap answers; after it, a tap picks and a note may follow.

    Signals:
        answered(object): a PainAnswer (pain None when skipped).
        stopAskingRequested(): the person does not want to be asked any more.
    """

    answered = Signal(object)
    stopAskingRequested = Signal()

    def __init__(self, when: When, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when = when
        self._done = False
        self.setAccessibleName(self._heading())
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        question = plain_label(self.tr("How much does it hurt right now?"), "title")
        layout.addWidget(question)
        layout.addWidget(plain_label(self._hint()))
        self.new_or_different = QCheckBox(
            self.tr("This headache is new, or different from my usual ones"), self)
        self.new_or_different.setVisible(when == "before")  # ticked before the number
        layout.addWidget(self.new_or_different)
        self.scale = PainScale(self)
        self.scale.picked.connect(self._on_picked)
        layout.addWidget(self.scale)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("A note about this session (optional)"))
        self.note.setAccessibleName(self.tr("Note about this session"))
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self.save)
        self.note.setVisible(when == "after")
        layout.addWidget(self.note)
        layout.addLayout(self._buttons())

    def _heading(self) -> str:
        if self.when == "before":
            return self.tr("Pain before the session")
        return self.tr("Pain after the session")

    def _hint(self) -> str:
        if self.when == "before":
            return self.tr("Tap a number, or type it. 0 is no pain, 10 the worst imaginable.")
        return self.tr("Tap a number, add a note if you like, then Save.")

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.stop_asking = QPushButton(self.tr("Stop asking me about pain"))
        self.stop_asking.setFlat(True)
        self.stop_asking.setAutoDefault(False)
        self.stop_asking.setAccessibleName(self.tr("Stop asking me about pain"))
        self.stop_asking.setToolTip(self.tr("You can turn this back on in the settings."))
        self.stop_asking.clicked.connect(self._stop_asking)
        row.addWidget(self.stop_asking)
        row.addStretch(1)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setAccessibleName(self.tr("Skip the pain rating"))
        self.skip_button.setToolTip(self.tr("Skip (Esc)"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skip)
        row.addWidget(self.skip_button)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save the pain rating"))
        self.save_button.setToolTip(self.tr("Save (Enter)"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setProperty("primary", True)
        self.save_button.setVisible(self.when == "after")
        self.save_button.setEnabled(False)
        row.addWidget(self.save_button)
        for button in (self.skip_button, self.save_button):
            button.setMinimumSize(120, int(button.fontMetrics().height() * 2.4))
        return row

    def _on_picked(self, value: int) -> None:
        if self.when == "before":
            self._answer(PainAnswer(value, new_or_different=self._marked()))
        else:
            self.save_button.setEnabled(True)
            self.save_button.setDefault(True)

    def save(self) -> None:
        """Answer with the picked number and the note (nothing happens before a pick)."""
        self.scale.flush()
        value = self.scale.value()
        if value is not None and not self._done:
            self._answer(PainAnswer(value, self._note()))

    def skip(self) -> None:
        self._answer(PainAnswer(None, self._note(), self._marked()))

    def _marked(self) -> bool:
        return self.when == "before" and self.new_or_different.isChecked()

    def _stop_asking(self) -> None:
        self.stopAskingRequested.emit()
        self.skip()

    def _note(self) -> str | None:
        text = self.note.text().strip() if self.when == "after" else ""
        return text or None

    def _answer(self, answer: PainAnswer) -> None:
        if self._done:
            return
        self._done = True
        self.answered.emit(answer)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.note.hasFocus():
            super().keyPressEvent(event)
        elif self.scale.handle_key(event):
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.skip()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.when == "after":
                self.save()
            else:
                self.scale.flush()
        else:
            super().keyPressEvent(event)


class PainRatingDialog(QDialog):
    """The panel in its own window; closes itself once answered (closing it counts as Skip).

    Signals:
        answered(object): as PainRatingPanel.answered.
    """

    answered = Signal(object)

    def __init__(self, when: When, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = PainRatingPanel(when, self)
        self.setWindowTitle(self.panel.accessibleName())
        self.setAccessibleName(self.panel.accessibleName())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.panel)
        self.panel.answered.connect(self._on_answered)

    def _on_answered(self, answer: PainAnswer) -> None:
        self.answered.emit(answer)
        self.accept()

    def reject(self) -> None:
        self.panel.skip()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.skip()
        super().closeEvent(event)
