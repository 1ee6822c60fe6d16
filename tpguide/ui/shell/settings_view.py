"""The settings screen: every preference, each change saved at once through the settings owner.

Whatever a dialog can set ("Stop asking me about pain", M in a session) can be set back
here; ``controls`` names the control of every preference, and a test holds that every
field of ``AppSettings`` but the safety acknowledgement (a record, reset here by a button)
has one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.i18n import LANGUAGES, active_language, language_name, system_language
from tpguide.core.settings import THEMES, AppSettings
from tpguide.ui.widgets.fit import WrappingCheckBox
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.settings_owner import SettingsOwner

ROW_HEIGHT = 40
RECORDS = ("safety_acknowledged", "safety_acknowledged_at")
"""Settings fields that record something the person did, not a preference."""


class SettingsView(QScrollArea):
    """Check boxes, a volume slider and the theme choice, each saved when changed."""

    def __init__(self, controller: SettingsOwner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self)
        self._body = body
        col = QVBoxLayout(body)
        col.setContentsMargins(24, 16, 24, 24)
        col.setSpacing(10)
        col.addWidget(plain_label(self.tr("Settings"), "title", body))
        col.addWidget(plain_label(self.tr("Changes are saved straight away."), "body", body))
        self._boxes: dict[str, QCheckBox] = {}
        col.addWidget(plain_label(self.tr("Sessions"), "heading", body))
        for key, text in (
            ("ask_pain_ratings", self.tr("Ask how much it hurts before and after each session")),
            ("tenderness_keys", self.tr("During a press, the keys 0 to 10 record how tender "
                                        "the point is")),
            ("fullscreen_session", self.tr("Open sessions full screen (F11 leaves it)")),
        ):
            col.addWidget(self._box(key, text))
        col.addLayout(self._safety_row())
        col.addWidget(plain_label(self.tr("Sound"), "heading", body))
        col.addLayout(self._volume_row())
        for key, text in (
            ("muted", self.tr("Mute all sounds")),
            ("voice", self.tr("Spoken prompts (\"Press\", \"Release\")")),
            ("ticks", self.tr("Soft ticks in the last seconds before each press")),
            ("breathing_guide", self.tr("Breathing guide: a soft, slow breath sound during "
                                        "release and rest")),
        ):
            col.addWidget(self._box(key, text))
        col.addWidget(plain_label(self.tr("Look and feel"), "heading", body))
        for key, text in (
            ("calm", self.tr("Calm mode: softer sounds, dimmer colours, no flashes")),
            ("larger_text", self.tr("Larger text")),
            ("reduced_motion", self.tr("Reduce motion (no pulsing)")),
        ):
            col.addWidget(self._box(key, text))
        col.addLayout(self._theme_row())
        col.addLayout(self._language_row())
        col.addWidget(plain_label(self.tr("For therapists"), "heading", body))
        col.addWidget(self._box("therapist", self.tr(
            "I am a therapist: show the Clients page for the reports my clients send")))
        self.notice = plain_label("", "body", body)
        self.notice.setVisible(False)
        col.addWidget(self.notice)
        col.addStretch(1)
        self.setWidget(body)
        self.controls: dict[str, QWidget] = {"volume": self.volume, "theme": self.theme_box,
                                             "language": self.language_box, **self._boxes}
        controller.changed.connect(self._on_changed)
        controller.failed.connect(self._failed)
        self._show(controller.settings())
        if controller.store.notice:
            self._failed(controller.store.notice)

    def _safety_row(self) -> QHBoxLayout:
        """The safety notes are a record, not a preference: they can be asked for again."""
        row = QHBoxLayout()
        self.safety_button = QPushButton(self.tr("Show the safety notes before the next session"),
                                         self._body)
        self.safety_button.setMinimumHeight(ROW_HEIGHT)
        self.safety_button.clicked.connect(self._ask_safety_again)
        self.safety_state = plain_label("", "body", self._body)
        row.addWidget(self.safety_button)
        row.addWidget(self.safety_state, 1)
        return row

    def _ask_safety_again(self) -> None:
        self._controller.update(safety_acknowledged=False, safety_acknowledged_at=None)

    def _volume_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Volume"), "body", self._body))
        self.volume = QSlider(Qt.Orientation.Horizontal, self._body)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setMinimumHeight(ROW_HEIGHT)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume_value = plain_label("", "body", self._body)
        self.volume_value.setMinimumWidth(60)
        self.volume.valueChanged.connect(self._volume_moved)
        self.volume.sliderReleased.connect(self._save_volume)
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_value)
        return row

    def _box(self, key: str, text: str) -> QCheckBox:
        box = WrappingCheckBox(text, self._body)  # a long sentence wraps, never widens the page
        box.setMinimumHeight(ROW_HEIGHT)
        box.toggled.connect(lambda on, k=key: self._save(**{k: on}))
        self._boxes[key] = box
        return box

    def _theme_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.theme_box = QWidget(self._body)
        self.theme_box.setAccessibleName(self.tr("Colours"))
        inner = QHBoxLayout(self.theme_box)
        inner.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label(self.tr("Colours"), "body", self._body))
        row.addWidget(self.theme_box)
        self._themes = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        names = {"system": self.tr("Like the system"), "light": self.tr("Light"),
                 "dark": self.tr("Dark")}
        for theme in THEMES:
            button = QRadioButton(names[theme], self.theme_box)
            button.setMinimumHeight(ROW_HEIGHT)
            button.setAccessibleName(self.tr("Colours: {name}").format(name=names[theme]))
            button.toggled.connect(lambda on, t=theme: self._theme_toggled(t, on))
            self._themes.addButton(button)
            self.theme_buttons[theme] = button
            inner.addWidget(button)
        row.addStretch(1)
        return row

    def _language_row(self) -> QVBoxLayout:
        """Each language is named in its own words, so someone who cannot read the current
        one still finds theirs; the choice applies when tpguide starts again (every window
        is built in one language)."""
        col = QVBoxLayout()
        row = QHBoxLayout()
        label = plain_label(self.tr("&Language"), "body", self._body)
        self.language_box = QComboBox(self._body)
        self.language_box.setMinimumHeight(ROW_HEIGHT)
        self.language_box.setAccessibleName(self.tr("Language"))
        label.setBuddy(self.language_box)
        self.language_box.addItem(self.tr("Like the system ({name})").format(
            name=language_name(system_language())), "")
        for code in LANGUAGES:
            self.language_box.addItem(language_name(code), code)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        row.addWidget(label)
        row.addWidget(self.language_box)
        row.addStretch(1)
        col.addLayout(row)
        self.language_note = plain_label("", "body", self._body)
        self.language_note.setWordWrap(True)
        col.addWidget(self.language_note)
        return col

    def _language_chosen(self, index: int) -> None:
        code = self.language_box.itemData(index)
        self._save(language=code if isinstance(code, str) else "")

    def _theme_toggled(self, theme: str, on: bool) -> None:
        if on:
            self._save(theme=theme)

    def box(self, key: str) -> QCheckBox:
        return self._boxes[key]

    # ------------------------------------------------------------------ saving
    def _save(self, **changes: Any) -> None:
        current = self._controller.settings()
        if all(getattr(current, k) == v for k, v in changes.items()):
            return
        self._controller.update(**changes)

    def _volume_moved(self, value: int) -> None:
        self.volume_value.setText(self.tr("{n} %").format(n=value))
        if not self.volume.isSliderDown():
            self._save_volume()

    def _save_volume(self) -> None:
        self._save(volume=self.volume.value() / 100.0)

    def _show(self, settings: AppSettings) -> None:
        """Reflect saved settings without saving them again."""
        widgets = [self.volume, self.language_box, *self._boxes.values(),
                   *self.theme_buttons.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_value.setText(self.tr("{n} %").format(n=self.volume.value()))
        for key, box in self._boxes.items():
            box.setChecked(bool(getattr(settings, key)))
        self.theme_buttons[settings.theme].setChecked(True)
        found = self.language_box.findData(settings.language)
        self.language_box.setCurrentIndex(max(0, found))
        wanted = settings.language or system_language()
        self.language_note.setText(
            "" if wanted == active_language() else
            self.tr("The new language applies when tpguide starts again."))
        self.safety_button.setEnabled(settings.safety_acknowledged)
        self.safety_state.setText(self.tr("They will be shown before the next session.")
                                  if not settings.safety_acknowledged else "")
        for widget in widgets:
            widget.blockSignals(False)

    def _on_changed(self, settings: AppSettings) -> None:
        self.notice.setVisible(False)
        self._show(settings)

    def _failed(self, message: str) -> None:
        """Say why, and put the controls back to what is really saved."""
        self.notice.setText(message)
        self.notice.setVisible(True)
        self._show(self._controller.settings())
