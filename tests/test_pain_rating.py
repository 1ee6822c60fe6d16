"""The before/after pain rating: one tap, keys 0-10, skip, the note after, and turning it off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import tests.diary_helpers  # noqa: F401  (the PySide6 refcount guard)
from tests.a11y import assert_accessible
from tpguide.core.settings import SettingsStore
from tpguide.ui.session.recording import ask_pain
from tpguide.ui.widgets.pain_rating import PainAnswer, PainRatingDialog, PainRatingPanel


@pytest.fixture
def before(qtbot: QtBot) -> PainRatingPanel:
    panel = PainRatingPanel("before")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def after(qtbot: QtBot) -> PainRatingPanel:
    panel = PainRatingPanel("after")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _answer(qtbot: QtBot, panel: PainRatingPanel, keys: str) -> PainAnswer:
    with qtbot.waitSignal(panel.answered, timeout=3000) as blocker:
        for key in keys:
            qtbot.keyClick(panel, key)
    answer = blocker.args[0]
    assert isinstance(answer, PainAnswer)
    return answer


def test_one_tap_answers_before_a_session(qtbot: QtBot, before: PainRatingPanel) -> None:
    assert [before.scale.button(v).text() for v in range(11)] == [str(v) for v in range(11)]
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.mouseClick(before.scale.button(7), Qt.MouseButton.LeftButton)
    assert blocker.args == [PainAnswer(7, None)]
    assert not before.note.isVisible()


def test_buttons_are_big_enough_to_hit_with_eyes_half_closed(before: PainRatingPanel) -> None:
    for value in range(11):
        button = before.scale.button(value)
        assert button.width() >= 44
        assert button.height() >= 44


@pytest.mark.parametrize(("keys", "expected"), [("4", 4), ("0", 0), ("9", 9), ("10", 10)])
def test_digit_keys_answer(qtbot: QtBot, before: PainRatingPanel, keys: str, expected: int) -> None:
    assert _answer(qtbot, before, keys).pain == expected


def test_ten_has_its_own_key(qtbot: QtBot, before: PainRatingPanel) -> None:
    assert _answer(qtbot, before, "t").pain == 10


def test_a_lone_one_settles_as_one(qtbot: QtBot, before: PainRatingPanel) -> None:
    assert _answer(qtbot, before, "1").pain == 1


def test_one_then_enter_answers_one_at_once(qtbot: QtBot, before: PainRatingPanel) -> None:
    qtbot.keyClick(before, "1")
    with qtbot.waitSignal(before.answered, timeout=200) as blocker:
        qtbot.keyClick(before, Qt.Key.Key_Return)
    assert blocker.args == [PainAnswer(1, None)]


def test_skip_and_escape_skip(qtbot: QtBot, before: PainRatingPanel) -> None:
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.mouseClick(before.skip_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [PainAnswer(None, None)]
    other = PainRatingPanel("before")
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(other.answered) as blocker:
        qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert blocker.args == [PainAnswer(None, None)]


def test_answers_only_once(qtbot: QtBot, before: PainRatingPanel) -> None:
    with qtbot.waitSignal(before.answered):
        qtbot.mouseClick(before.scale.button(3), Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(before.answered):
        qtbot.mouseClick(before.skip_button, Qt.MouseButton.LeftButton)


def test_after_a_session_a_tap_picks_and_a_note_may_follow(
    qtbot: QtBot, after: PainRatingPanel
) -> None:
    assert after.note.isVisible()
    assert not after.save_button.isEnabled()
    with qtbot.assertNotEmitted(after.answered):
        qtbot.mouseClick(after.scale.button(2), Qt.MouseButton.LeftButton)
    assert after.save_button.isEnabled()
    qtbot.keyClicks(after.note, "  neck looser  ")
    with qtbot.waitSignal(after.answered) as blocker:
        qtbot.mouseClick(after.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [PainAnswer(2, "neck looser")]


def test_after_a_session_keys_pick_and_enter_saves(qtbot: QtBot, after: PainRatingPanel) -> None:
    qtbot.keyClick(after, "1")
    qtbot.keyClick(after, "0")
    assert after.scale.value() == 10
    with qtbot.waitSignal(after.answered) as blocker:
        qtbot.keyClick(after, Qt.Key.Key_Return)
    assert blocker.args == [PainAnswer(10, None)]


def test_skipping_after_keeps_the_note(qtbot: QtBot, after: PainRatingPanel) -> None:
    qtbot.keyClicks(after.note, "too tired to rate")
    with qtbot.waitSignal(after.answered) as blocker:
        qtbot.mouseClick(after.skip_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [PainAnswer(None, "too tired to rate")]


def test_closing_the_window_counts_as_skip(qtbot: QtBot) -> None:
    dialog = PainRatingDialog("after")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.answered) as blocker:
        dialog.close()
    assert blocker.args == [PainAnswer(None, None)]


def test_every_control_has_a_name(before: PainRatingPanel, after: PainRatingPanel) -> None:
    assert_accessible(before)
    assert_accessible(after)
    assert before.scale.button(0).accessibleName() == "0: no pain"
    assert before.scale.button(10).accessibleName() == "10: worst pain imaginable"


def test_turned_off_it_answers_skipped_without_a_window(qtbot: QtBot) -> None:
    answers: list[PainAnswer] = []
    assert ask_pain("before", answers.append, enabled=False) is None
    assert answers == [PainAnswer(None)]


def test_ask_pain_shows_the_window_and_passes_the_answer(qtbot: QtBot) -> None:
    answers: list[PainAnswer] = []
    dialog = ask_pain("before", answers.append)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert not dialog.panel.stop_asking.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.panel.scale.button(5), Qt.MouseButton.LeftButton)
    assert answers == [PainAnswer(5)]
    assert not dialog.isVisible()


def test_stop_asking_turns_the_setting_off(qtbot: QtBot) -> None:
    from tpguide.ui.session.history_hub import HistoryHub
    from tpguide.ui.widgets.settings_owner import SettingsOwner

    owner = SettingsOwner(SettingsStore())
    assert owner.settings().ask_pain_ratings
    answers: list[PainAnswer] = []
    dialog = HistoryHub(owner).ask_before(None, answers.append)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.panel.stop_asking, Qt.MouseButton.LeftButton)
    assert answers == [PainAnswer(None)]
    assert not SettingsStore().load().ask_pain_ratings
    assert not owner.settings().ask_pain_ratings  # every view of the owner hears of it
