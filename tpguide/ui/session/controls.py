"""The row of big buttons under the session, and how they change with the session's state.

Each button names the key that does the same; the window owns those keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from tpguide.ui.widgets.phase_badge import control_icon
from tpguide.ui.widgets.theme import Theme

Slot = Callable[[], object]


def _tr(text: str) -> str:
    """Translated in the session window's context, where these words are shown."""
    return QCoreApplication.translate("SessionWindow", text)


def _with_key(action: str, key: str) -> str:
    """"Next point (key: Page Down)": key names are translated too (Spanish keyboards print
    "Av Pág")."""
    return _tr("{action} (key: {key})").format(action=action, key=key)


class ControlBar:
    """Previous point, Back, Start/Pause, Skip, Next point, Mute, Stop and "I feel unwell";
    Quieter and Louder in their own small row (``volume_row``)."""

    def __init__(self, theme: Theme, *, previous_point: Slot, back: Slot, start: Slot,
                 skip: Slot, next_point: Slot, quieter: Slot, louder: Slot, mute: Slot,
                 stop: Slot, unwell: Slot) -> None:
        self._theme = theme
        self._quieter, self._louder = quieter, louder
        self.previous_point_button = self._button(_tr("Previous point"), _tr("Page Up"),
                                                  "previous-point")
        self.back_button = self._button(_tr("Back"), "←", "back")
        self.start_button = self._button(_tr("Start"), _tr("Space"), "play")
        self.skip_button = self._button(_tr("Skip"), "→", "skip")
        self.next_point_button = self._button(_tr("Next point"), _tr("Page Down"),
                                              "next-point")
        self.quieter_button = self._button(_tr("Quieter"), "-", "volume-down")
        self.louder_button = self._button(_tr("Louder"), "+", "volume-up")
        for button in (self.quieter_button, self.louder_button):  # the symbol says it; they
            button.setText("")  # sit by the progress bar, which gives up the room they take
            button.setMinimumSize(52, 40)
        self.volume_label = QLabel()
        self.volume_label.setTextFormat(Qt.TextFormat.PlainText)
        self.volume_label.setMinimumWidth(48)
        self.volume_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mute_button = self._button(_tr("Mute"), "M", "mute")
        self.stop_button = self._button(_tr("Stop"), _tr("Esc"), "stop")
        self.unwell_button = self._button(_tr("Stop – I feel unwell"), "U", "unwell")
        self.unwell_button.setObjectName("unwell")
        self._actions = ((self.previous_point_button, previous_point), (self.back_button, back),
                         (self.start_button, start), (self.skip_button, skip),
                         (self.next_point_button, next_point), (self.mute_button, mute),
                         (self.stop_button, stop), (self.unwell_button, unwell))

    def _icon(self, kind: str) -> QIcon:
        colour = self._theme.unwell_text if kind == "unwell" else self._theme.text
        return control_icon(kind, colour)

    def _button(self, text: str, key: str, icon: str) -> QPushButton:
        button = QPushButton(text)
        button.setIcon(self._icon(icon))
        button.setIconSize(QSize(22, 22))
        button.setToolTip(_with_key(text, key))
        button.setAccessibleName(text)
        button.setAccessibleDescription(_tr("Shortcut: {key}").format(key=key))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumHeight(52)
        return button

    def _style(self) -> str:
        t = self._theme
        return (f"QPushButton {{ padding: 8px 14px; border: 1px solid {t.track};"
                f" border-radius: 10px; background: {t.panel}; color: {t.text}; }}"
                f" QPushButton:focus {{ border: 2px solid {t.text}; }}"
                f" QPushButton:disabled {{ color: {t.muted_text}; }}"
                f" QPushButton#unwell {{ border: 3px solid {t.unwell}; color: {t.unwell_text};"
                f" font-weight: bold; }}")

    def row(self) -> QHBoxLayout:
        """The buttons in their row, styled, each connected to its action."""
        style = self._style()
        row = QHBoxLayout()
        for button, slot in self._actions:
            button.setStyleSheet(style)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.insertSpacing(5, 12)
        row.insertStretch(8, 1)
        return row

    def show_eased(self, eased: bool) -> None:
        """In a hold-until-eased press Skip reads "It eased" (the same key ends the press)."""
        text = _tr("It eased") if eased else _tr("Skip")
        if self.skip_button.text() != text:
            self.skip_button.setText(text)
            self.skip_button.setAccessibleName(text)
            self.skip_button.setToolTip(_with_key(text, "→"))

    def volume_row(self) -> QHBoxLayout:
        """Quieter, the volume, Louder: small, for the end of the progress row (the row of
        big buttons must leave room for "I feel unwell" on a 1280 px screen)."""
        row = QHBoxLayout()
        row.setSpacing(4)
        style = self._style()
        for button, slot in ((self.quieter_button, self._quieter),
                             (self.louder_button, self._louder)):
            button.setStyleSheet(style)
            button.clicked.connect(slot)
        for widget in (self.quieter_button, self.volume_label, self.louder_button):
            row.addWidget(widget)
        return row

    def show_volume(self, volume: float) -> None:
        """The volume as a percentage between the buttons that change it."""
        text = _tr("{n} %").format(n=round(volume * 100))
        self.volume_label.setText(text)
        self.volume_label.setAccessibleName(_tr("Volume {n} %").format(n=round(volume * 100)))
        self.quieter_button.setEnabled(volume > 0)
        self.louder_button.setEnabled(volume < 1)

    def show_muted(self, muted: bool) -> None:
        self.mute_button.setText(_tr("Unmute") if muted else _tr("Mute"))
        self.mute_button.setIcon(self._icon("unmute" if muted else "mute"))
        self.mute_button.setAccessibleName(self.mute_button.text())
        self.mute_button.setToolTip(_with_key(self.mute_button.text(), "M"))

    def show_state(self, state: str) -> None:
        """Start reads Pause or Resume while a session runs; Stop reads Close when nothing is lost.

        Once the session is over only Mute, Close and "I feel unwell" remain.
        """
        words = {"running": _tr("Pause"), "paused": _tr("Resume")}
        self.start_button.setText(words.get(state, _tr("Start")))
        self.start_button.setAccessibleName(self.start_button.text())
        self.start_button.setIcon(self._icon("pause" if state == "running" else "play"))
        over = state in ("finished", "stopped")
        for button in (self.start_button, self.back_button, self.skip_button,
                       self.next_point_button, self.previous_point_button):
            button.setEnabled(not over)
            button.setVisible(not over)
        closes = over or state == "idle"
        self.stop_button.setText(_tr("Close") if closes else _tr("Stop"))
        self.stop_button.setIcon(self._icon("close" if closes else "stop"))
        self.stop_button.setAccessibleName(self.stop_button.text())
        self.stop_button.setToolTip(_with_key(self.stop_button.text(), _tr("Esc")))
