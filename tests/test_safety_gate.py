"""The safety gate blocks every way into a session until the user has acknowledged it once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.session_helpers import start_session
from tpguide.core import safety_text as st
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.settings import SettingsStore
from tpguide.ui.run_command import run_session
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.safety_pages import SafetyDialog, require_safety
from tpguide.ui.widgets.settings_owner import SettingsOwner

ROOT = Path(__file__).resolve().parent.parent


def _session_windows() -> list[SessionWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, SessionWindow) and w.isVisible()]


# ----- the text -------------------------------------------------------------------------------
def test_visible_red_flags_name_the_brief_s_warning_signs() -> None:
    text = " ".join(st.RED_FLAGS.items).lower()
    for words in (("worst", "minute"), ("weakness", "numbness", "speaking", "double vision"),
                  ("fever", "stiff neck"), ("blow to the head",), ("50",),
                  ("neck artery", "neck manipulation", "jolt"),  # dissection
                  ("pregnant", "after giving birth"),
                  ("chest pain", "arm or jaw", "emergency number"),
                  ("blood thinners", "same day"),
                  ("red eye", "haloes", "glaucoma")):
        assert all(w in text for w in words), words


def test_more_contraindications_and_stop_rules_cover_the_brief() -> None:
    more = " ".join(st.MORE_RED_FLAGS.items).lower()
    for word in ("wakes you", "cough", "eyelid newly droops", "cluster headache", "15"):
        assert word in more
    contra = " ".join(st.CONTRAINDICATIONS.items).lower()
    for word in ("anticoagulants", "antiplatelet", "clot", "osteoporosis", "wound", "fever",
                 "pregnancy", "cancer", "front of the neck", "botox", "dental work",
                 "jaw surgery", "unstable upper neck", "adults"):
        assert word in contra, word
    assert "such as warfarin:" not in contra, "blood thinners are named as classes, not one drug"
    stop = " ".join(st.STOP_RULES.items).lower()
    for word in ("dizzy", "tingles", "keeps building", "slurred speech", "urgent"):
        assert word in stop
    assert "emergency number" in st.URGENT_CARE.lead


def test_nausea_and_sight_send_to_urgent_care_only_when_new_or_with_dizziness() -> None:
    """A migraine's usual nausea or aura must not count as an emergency every attack."""
    for item in st.STOP_RULES.items + st.URGENT_CARE.items:
        low = item.lower()
        if "nausea" in low or "vomit" in low:
            assert "usual migraine" in low and "dizz" in low, item


def test_the_gate_s_ear_rule_does_not_forbid_the_deep_masseter_point() -> None:
    """Masseter.3 is pressed in front of the ear; the no-go area is below and behind the lobe."""
    contra = " ".join(st.CONTRAINDICATIONS.items).lower()
    assert "in front of and below the ear" not in contra
    assert "below and behind the ear lobe" in contra


@pytest.mark.parametrize(("pain", "new_or_different", "again"), [
    (None, False, False), (0, False, False), (7, False, False), (8, False, True),
    (9, False, True), (10, False, True), (None, True, True), (3, True, True),
])
def test_red_flags_come_back_for_severe_or_new_headaches(
    pain: int | None, new_or_different: bool, again: bool
) -> None:
    assert st.red_flags_again(pain, new_or_different) is again


def test_the_red_flags_shown_again_are_the_visible_ones_and_urgent_care() -> None:
    assert st.RED_FLAGS in st.AGAIN_SECTIONS and st.URGENT_CARE in st.AGAIN_SECTIONS
    assert "8" in st.AGAIN_LEAD and "new or different" in st.AGAIN_LEAD


def test_pressure_scale_and_after_care_are_explained() -> None:
    scale = " ".join(st.PRESSURE_SCALE.items)
    for level in ("0", "1 to 3", "4 to 6", "7", "8 to 10"):
        assert level in scale
    after = " ".join(st.AFTER_CARE.items).lower()
    for words in ("move gently", "warm", "day or two", "how often", "2 to 4 weeks"):
        assert words in after, words
    assert st.PRESSURE_SCALE in st.GATE_SECTIONS
    assert {st.PRESSURE_SCALE, st.AFTER_CARE} <= set(st.all_sections())


def test_no_promises_of_relief() -> None:
    text = st.as_plain_text().lower() + st.UNWELL_LEAD.lower() + st.INTRO.lower()
    assert not re.search(r"\b(cure|cures|guarantee|will relieve|relief|heal)\b", text)


# ----- the gate -------------------------------------------------------------------------------
def test_acknowledged_gate_opens_without_a_dialog(qtbot: QtBot) -> None:
    assert require_safety(None, SettingsOwner(sh.store(acknowledged=True)))
    assert sh.open_dialogs() == []


def test_not_now_blocks_and_remembers_nothing(qtbot: QtBot) -> None:
    store = sh.store(acknowledged=False)
    seen: list[str] = []
    sh.answer_gate(accept=False, seen=seen)
    assert not require_safety(None, SettingsOwner(store))
    assert seen == ["SafetyDialog"]
    assert not store.load().safety_acknowledged


def test_acknowledging_once_is_remembered(qtbot: QtBot) -> None:
    store = sh.store(acknowledged=False)
    sh.answer_gate(accept=True)
    assert require_safety(None, SettingsOwner(store))
    settings = SettingsStore().load()
    assert settings.safety_acknowledged
    assert settings.safety_acknowledged_at is not None
    assert require_safety(None, SettingsOwner(store))  # no dialog the second time


def test_start_session_is_gated(qtbot: QtBot) -> None:
    store = sh.store(acknowledged=False)
    sh.answer_gate(accept=False)
    assert start_session(sh.routine(), store=store, cue_player=RecordingCuePlayer()) is None
    assert _session_windows() == []
    sh.answer_gate(accept=True)
    window = start_session(sh.routine(), store=store, cue_player=RecordingCuePlayer())
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()


def test_run_session_is_gated(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TPGUIDE_AUDIO", "off")
    sh.store(acknowledged=False)
    sh.answer_gate(accept=False)
    assert run_session("routines/example.yaml") == 1
    assert "safety" in capsys.readouterr().err
    assert _session_windows() == []


_RUN_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from tests import session_helpers as sh
from tpguide.ui.session.window import SessionWindow
sh.answer_gate(accept=True, seen=(seen := []))

def close_it():
    windows = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, SessionWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(10, close_it)
        return
    print("gate:", seen, "opened:", windows[0].column.title_label.text(), flush=True)
    windows[0].close()

QTimer.singleShot(0, close_it)
from tpguide.cli import main
sys.exit(main(["run", "tension-headache-basic"]))
"""


@pytest.mark.slow
def test_tpguide_run_asks_then_runs_once_acknowledged(tpguide_home: Path) -> None:
    """End to end through the CLI, in its own process (app.exec() must not run in pytest's)."""
    env = {**os.environ, "TPGUIDE_HOME": str(tpguide_home), "QT_QPA_PLATFORM": "offscreen",
           "TPGUIDE_AUDIO": "off"}
    # the pain question before a session is tested elsewhere; here only the gate matters
    SettingsStore().save(replace(SettingsStore().load(), ask_pain_ratings=False))
    done = subprocess.run([sys.executable, "-c", _RUN_SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert ("gate: ['SafetyDialog'] opened: Tension headache, neck and shoulders"
            in done.stdout)
    assert SettingsStore().load().safety_acknowledged


def test_run_session_reports_a_missing_routine(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_session("no-such-routine") == 2
    assert "no routine file or id" in capsys.readouterr().err


# ----- the dialog -----------------------------------------------------------------------------
def test_dialog_shows_every_red_flag_without_a_click_and_in_plain_text(qtbot: QtBot) -> None:
    dialog = SafetyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    joined = "\n".join(texts)
    for section in st.GATE_SECTIONS:
        for item in section.items:
            assert item in joined
    for item in st.MORE_RED_FLAGS.items:
        assert item in joined, "no warning sign is folded away"
    for words in ("torn neck artery", "after giving birth", "Chest pain"):
        assert any(words in text for text in texts), words
    assert not hasattr(dialog, "more_button")
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in dialog.findChildren(QLabel))
    assert dialog.acknowledge_button.text() == st.ACKNOWLEDGE
