"""The settings screen saves each change at once, shows outside changes, and says when it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QRadioButton, QSlider, QWidget
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide import paths
from tpguide.core.record import replace
from tpguide.core.settings import FIELD_NAMES, AppSettings, SettingsStore
from tpguide.ui.shell.settings_view import RECORDS, SettingsView
from tpguide.ui.widgets.settings_owner import SettingsOwner


@pytest.fixture
def controller() -> SettingsOwner:
    return SettingsOwner(SettingsStore())


@pytest.fixture
def view(qtbot: QtBot, controller: SettingsOwner) -> SettingsView:
    widget = SettingsView(controller)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def saved() -> dict[str, object]:
    data: dict[str, object] = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("key", ["muted", "voice", "ticks", "calm", "larger_text",
                                 "reduced_motion", "tenderness_keys", "breathing_guide"])
def test_each_box_is_saved_the_moment_it_is_clicked(
    qtbot: QtBot, view: SettingsView, key: str
) -> None:
    before = getattr(AppSettings(), key)
    box = view.box(key)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    assert saved()[key] is (not before)
    assert getattr(SettingsStore().load(), key) is (not before)


@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_theme_is_saved_at_once(view: SettingsView, theme: str) -> None:
    if theme == "system":
        view.theme_buttons["dark"].click()
    view.theme_buttons[theme].click()
    assert saved()["theme"] == theme


def test_volume_from_the_keyboard_is_saved(qtbot: QtBot, view: SettingsView) -> None:
    view.volume.setFocus()
    qtbot.keyClick(view.volume, Qt.Key.Key_Home)
    assert saved()["volume"] == 0.0
    qtbot.keyClick(view.volume, Qt.Key.Key_PageUp)
    assert saved()["volume"] == pytest.approx(0.1)
    assert view.volume_value.text() == "10 %"


def test_dragging_the_volume_saves_once_on_release(view: SettingsView) -> None:
    view.volume.setSliderDown(True)
    for value in (10, 20, 30):
        view.volume.setValue(value)
    assert not paths.settings_file().exists()
    view.volume.setSliderDown(False)
    view.volume.sliderReleased.emit()
    assert saved()["volume"] == pytest.approx(0.3)


def test_the_file_is_written_atomically_and_whole(view: SettingsView) -> None:
    view.box("calm").click()
    folder = paths.settings_file().parent
    assert [p.name for p in folder.iterdir()] == ["settings.json"]  # no temp file left


def test_a_change_elsewhere_shows_here(controller: SettingsOwner,
                                        view: SettingsView) -> None:
    controller.update(calm=True, theme="dark")
    assert view.box("calm").isChecked()
    assert view.theme_buttons["dark"].isChecked()


def test_saving_keeps_what_the_safety_gate_wrote(
    controller: SettingsOwner, view: SettingsView
) -> None:
    store = SettingsStore()
    store.save(replace(store.load(), safety_acknowledged=True,
                       safety_acknowledged_at="2024-05-06T12:00:00+00:00"))
    view.box("muted").click()
    data = saved()
    assert data["safety_acknowledged"] is True and data["muted"] is True


def test_a_save_that_fails_is_shown_and_the_control_goes_back(
    qtbot: QtBot, view: SettingsView
) -> None:
    config = paths.settings_file().parent
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("not a folder", encoding="utf-8")  # works as root too
    view.box("calm").click()
    assert view.notice.isVisible()
    assert "could not be saved" in view.notice.text()
    assert not view.box("calm").isChecked()


def test_a_damaged_settings_file_is_announced(qtbot: QtBot, tmp_path: Path) -> None:
    paths.ensure(paths.settings_file().parent)
    paths.settings_file().write_text("{not json", encoding="utf-8")
    widget = SettingsView(SettingsOwner(SettingsStore()))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.notice.isVisible() and "defaults" in widget.notice.text()


def test_settings_controls_are_named(view: SettingsView) -> None:
    assert_accessible(view)
    names = {view.volume.accessibleName(), *(b.accessibleName()
                                             for b in view.theme_buttons.values())}
    assert "Volume" in names


def _shown(control: QWidget) -> object:
    """The value a control shows, whatever its kind."""
    if isinstance(control, QCheckBox):
        return control.isChecked()
    if isinstance(control, QSlider):
        return control.value() / 100
    if isinstance(control, QComboBox):
        return control.currentData()
    checked = [b for b in control.findChildren(QRadioButton) if b.isChecked()]
    return checked[0].text() if checked else None


def test_every_preference_is_on_the_page_and_follows_the_saved_value(
    controller: SettingsOwner, view: SettingsView
) -> None:
    """Loops over the settings' fields, so a preference added later cannot be forgotten."""
    preferences = [name for name in FIELD_NAMES if name not in RECORDS]
    assert sorted(view.controls) == sorted(preferences)
    for name in preferences:
        control = view.controls[name]
        assert control.isVisibleTo(view), name
        before = _shown(control)
        default = getattr(AppSettings(), name)
        other = {"volume": 0.3, "theme": "dark", "language": "es"}.get(name, not default)
        controller.update(**{name: other})
        assert _shown(control) != before, name


def test_a_language_chosen_here_is_saved_and_said_to_apply_after_a_restart(
    view: SettingsView
) -> None:
    assert view.language_note.text() == ""
    names = [view.language_box.itemText(i) for i in range(view.language_box.count())]
    assert "Español" in names  # each language in its own words
    view.language_box.setCurrentIndex(names.index("Español"))
    assert SettingsStore().load().language == "es"
    assert "starts again" in view.language_note.text()
    assert view.language_note.isVisibleTo(view)


def test_stop_asking_about_pain_can_be_undone_here(
    qtbot: QtBot, controller: SettingsOwner, view: SettingsView
) -> None:
    controller.update(ask_pain_ratings=False)  # what the rating's "Stop asking me" does
    box = view.box("ask_pain_ratings")
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    assert SettingsStore().load().ask_pain_ratings


def test_full_screen_sessions_can_be_switched_on(qtbot: QtBot, view: SettingsView) -> None:
    box = view.box("fullscreen_session")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    assert SettingsStore().load().fullscreen_session


def test_the_safety_notes_can_be_asked_for_again(
    controller: SettingsOwner, view: SettingsView
) -> None:
    assert not view.safety_button.isEnabled()  # not read yet: they show anyway
    controller.update(safety_acknowledged=True, safety_acknowledged_at="2024-05-06T12:00:00+00:00")
    assert view.safety_button.isEnabled()
    view.safety_button.click()
    saved_now = SettingsStore().load()
    assert (saved_now.safety_acknowledged, saved_now.safety_acknowledged_at) == (False, None)
    assert view.safety_state.text()
