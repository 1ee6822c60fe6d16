"""The row of big entry points along the top, with calm mode one click from the first screen.

The buttons keep their whole words: where the window is too narrow for one line (a small
screen, or a language with longer words than English) they take two lines.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from tpguide.ui.widgets.fit import FlowLayout

HEIGHT = 52


class HeaderBar(QWidget):
    """Start, Where does it hurt?, Atlas, History, New routine, Calm mode, Settings.

    Signals:
        startClicked(), finderClicked(), atlasClicked(), historyClicked(),
        newClicked(), settingsClicked(): the person pressed that entry point.
        calmToggled(bool): calm mode switched on or off.
    """

    startClicked = Signal()
    finderClicked = Signal()
    atlasClicked = Signal()
    historyClicked = Signal()
    newClicked = Signal()
    settingsClicked = Signal()
    calmToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Main entry points"))
        row = FlowLayout(self, spacing=8)
        row.setContentsMargins(12, 8, 12, 8)
        self.start = self._button(self.tr("▶  &Start"), self.tr("Start the chosen routine"))
        self.start.setProperty("primary", True)
        self.finder = self._button(self.tr("&Where does it hurt?"), self.tr("Where does it hurt?"))
        self.atlas = self._button(self.tr("&Atlas"), self.tr("Atlas of trigger points"))
        self.history = self._button(self.tr("Histor&y"), self.tr("History"))
        self.new = self._button(self.tr("&New routine"), self.tr("New routine"))
        self.calm = self._button(self.tr("&Calm mode"), self.tr("Calm mode"))
        self.calm.setCheckable(True)
        self.calm.setToolTip(self.tr("Softer sounds, dimmer colours, no flashes"))
        self.settings = self._button(self.tr("Se&ttings"), self.tr("Settings"))
        for button in (self.start, self.finder, self.atlas, self.history, self.new, self.calm,
                       self.settings):
            row.addWidget(button)
        self.calm.setProperty("flowRight", True)  # calm mode and Settings keep to the right
        self.settings.setProperty("flowRight", True)
        self.start.clicked.connect(self.startClicked)
        self.finder.clicked.connect(self.finderClicked)
        self.atlas.clicked.connect(self.atlasClicked)
        self.history.clicked.connect(self.historyClicked)
        self.new.clicked.connect(self.newClicked)
        self.settings.clicked.connect(self.settingsClicked)
        self.calm.toggled.connect(self.calmToggled)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setMinimumHeight(HEIGHT)
        return button

    def set_calm(self, on: bool) -> None:
        """Show calm mode's state without reporting it back as a change."""
        self.calm.blockSignals(True)
        self.calm.setChecked(on)
        self.calm.blockSignals(False)
