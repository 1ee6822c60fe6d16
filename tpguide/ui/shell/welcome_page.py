"""The first screen's content: a calm greeting that says what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from tpguide.core.library.catalog import Item
from tpguide.ui.widgets.plain import plain_label


class WelcomePage(QScrollArea):
    """Greets the person and names the routine that Start would begin (scrolls when the
    window is short, so nothing on it is squeezed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self)
        col = self._col = QVBoxLayout(body)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(16)
        col.addWidget(plain_label(self.tr("Take a slow breath."), "title", body))
        self._today_at = col.count()
        col.addWidget(plain_label(self.tr(
            "Choose a routine on the left and press Start. Not sure which one? "
            "Press “Where does it hurt?” and point at the sore spot."), "big", body))
        self.suggestion = plain_label("", "big", body)
        self.suggestion.setObjectName("start_begins")
        self._suggested = self._due = ""
        col.addWidget(self.suggestion)
        col.addWidget(plain_label(self.tr(
            "Press gently. Stop at once if you feel dizzy, numb, tingling or unwell."),
            "big", body))
        col.addWidget(plain_label(self.tr(
            "You can also open a routine file (File > Open) or drop one on this window."),
            "body", body))
        col.addStretch(1)
        self.setWidget(body)

    def set_resume(self, panel: QWidget, start: QWidget) -> None:
        """Put the "Continue where you stopped?" panel first; ``start`` is its Continue,
        greyed with every other Start while a session is open."""
        self._col.insertWidget(1, panel)
        self._today_at += 1
        self.start_button = start

    def set_today(self, panel: QWidget) -> None:
        """Show today's courses (the Today panel) under the greeting."""
        self._col.insertWidget(self._today_at, panel)

    def set_suggestion(self, item: Item | None) -> None:
        """The gentle routine Start begins when nothing else is chosen."""
        if item is None or item.result.routine is None:
            self._suggested = ""
        else:
            seconds = item.result.total_seconds or 0.0
            self._suggested = self.tr("Start begins: {title} ({clock})").format(
                title=item.title, clock=_clock(seconds))
        self._show_start()

    def set_due(self, text: object) -> None:
        """Today's course routine, which Start begins first (None: no course asks today)."""
        self._due = self.tr("Start begins today's course: {what}").format(what=text) \
            if isinstance(text, str) and text else ""
        self._show_start()

    def _show_start(self) -> None:
        text = self._due or self._suggested
        self.suggestion.setText(text)
        self.suggestion.setVisible(bool(text))

def _clock(seconds: float) -> str:
    from tpguide.core.routines.durations import format_length  # read after the first paint

    return format_length(seconds)
