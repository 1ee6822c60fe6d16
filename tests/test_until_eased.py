"""``until_eased`` beyond the loader: the plan marks, the words, and files that never say false.

The loader's rules are in test_loader_contract.py (R32, R33); here the plan JSON marks every
press phase, ``tpguide plan`` says it in text, the handout words it, and the serializer, the
editor and ``tpguide new`` never write ``until_eased: false``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from pytestqt.qtbot import QtBot

from tests.routine_text import routine
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.routines import describe
from tpguide.core.routines.editing import PointDraft, RoutineDraft, check, same_routine
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import Routine, Settings
from tpguide.core.routines.serialize import routine_to_yaml
from tpguide.core.session.planner import format_plan_text, make_plan, plan_to_json

ROOT = Path(__file__).resolve().parent.parent
MIXED = routine("""
    defaults:
      until_eased: true
      cycles: 2
    steps:
      - point: upper-trapezius.1
        press: 60s
      - point: temporalis.1
        until_eased: false
      - rest: 20s
      - point: masseter.1
""")


def _load(text: str) -> Routine:
    result = load_routine_text(text)
    assert result.routine is not None, result.diagnostics
    return result.routine


def _written_values(text: str) -> list[object]:
    """Every value written for until_eased anywhere in a saved file."""
    data = yaml.safe_load(text)
    found = [data.get("defaults", {}).get("until_eased")] if "defaults" in data else []
    found += [s["until_eased"] for s in data["steps"] if "until_eased" in s]
    return [v for v in found if v is not None]


# -- the plan -----------------------------------------------------------------------------
def test_plan_json_marks_every_press_phase_and_only_press_phases() -> None:
    doc = json.loads(json.dumps(plan_to_json(make_plan(_load(MIXED)))))
    marks = [(p["kind"], p["point"], p["until_eased"]) for p in doc["phases"]]
    presses = [(point, mark) for kind, point, mark in marks if kind == "press"]
    assert presses == [("upper-trapezius.1", True)] * 4 + [("temporalis.1", False)] * 4 + [
        ("masseter.1", True)] * 4
    assert {mark for kind, _, mark in marks if kind != "press"} == {None}


def test_an_until_eased_press_keeps_its_planned_duration() -> None:
    plan = make_plan(_load(MIXED))
    eased = [p for p in plan.phases if p.kind == "press" and p.point == "upper-trapezius.1"]
    assert {p.duration for p in eased} == {60.0}
    plain = make_plan(_load(MIXED.replace("  until_eased: true\n", "")))
    assert plan.total_seconds == plain.total_seconds


def test_plan_text_says_until_eased_with_its_longest_time() -> None:
    text = format_plan_text(make_plan(_load(MIXED)), default_atlas())
    lines = [line for line in text.splitlines() if " press " in line]
    assert all(line.endswith("until eased, at most 60 s") for line in lines[:4])
    assert not any("until eased" in line for line in lines[4:8])
    assert all(line.endswith("until eased, at most 30 s") for line in lines[8:])


def test_the_plan_command_prints_the_marks(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tpguide", "plan", str(path), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    phases = json.loads(out.stdout)["phases"]
    assert [p["until_eased"] for p in phases if p["kind"] == "press"].count(True) == 8


# -- words ------------------------------------------------------------------------------------
def test_the_handout_words_a_responsive_hold() -> None:
    words = describe.settings_words(Settings(press=60, until_eased=True))
    assert words.startswith("hold until it eases, at most 60 s, release 10 s")
    assert describe.settings_words(Settings()).startswith("press 30 s, ")


# -- never false --------------------------------------------------------------------------
def test_the_serializer_never_writes_false_and_keeps_the_meaning() -> None:
    original = _load(MIXED)
    text = routine_to_yaml(original)
    assert _written_values(text) == [True, True]  # on the two steps that keep it
    assert "false" not in text
    again = _load(text)
    assert same_routine(again, original)
    assert [s.settings.until_eased for s in again.point_steps] == [True, False, True]


def test_defaults_keep_until_eased_when_no_step_turns_it_off() -> None:
    text = routine_to_yaml(_load(MIXED.replace("    until_eased: false\n", "")))
    data = yaml.safe_load(text)
    assert data["defaults"]["until_eased"] is True
    assert _written_values(text) == [True]


def test_an_explicit_false_is_dropped_when_saved() -> None:
    text = routine_to_yaml(_load(routine("steps:\n  - point: temporalis.1\n"
                                         "    until_eased: false\n")))
    assert "until_eased" not in text


def test_the_editor_draft_never_writes_false() -> None:
    draft = RoutineDraft(id="t", title="T", defaults={"until_eased": True},
                         steps=[PointDraft("temporalis.1", {"until_eased": False}),
                                PointDraft("masseter.1")])
    result = check(draft)
    assert result.ok and result.issues == ()
    assert _written_values(result.text) == [True]
    draft.defaults["until_eased"] = False
    assert "until_eased" not in draft.to_yaml()


def test_new_from_a_routine_with_holds_writes_true_only(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    subprocess.run([sys.executable, "-m", "tpguide", "new", "--from", "desk-neck-shoulders",
                    str(target)], check=True, cwd=ROOT, capture_output=True)
    text = target.read_text(encoding="utf-8")
    assert _written_values(text) == [True, True]
    starter = tmp_path / "starter.yaml"
    subprocess.run([sys.executable, "-m", "tpguide", "new", str(starter)], check=True, cwd=ROOT,
                   capture_output=True)
    assert "until_eased" not in starter.read_text(encoding="utf-8")


# -- the editor ---------------------------------------------------------------------------
def test_the_editor_offers_until_eased_for_defaults_and_steps(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QCheckBox

    from tests.test_editor import _window

    draft = RoutineDraft(id="t", title="T", steps=[PointDraft("temporalis.1"),
                                                   PointDraft("masseter.1")])
    window = _window(qtbot, draft)
    box = window.defaults.editors["until_eased"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert box.accessibleName() == "Until eased"
    box.setChecked(True)
    assert window.draft.defaults == {"until_eased": True}
    window.tabs.setCurrentIndex(1)
    window.steps.select(0)
    own = window.step_editor.settings.editors["until_eased"]
    assert isinstance(own, QCheckBox) and own.isChecked()
    assert window.step_editor.settings.sources["until_eased"].text() == "from the defaults"
    own.setChecked(False)
    assert window.draft.steps[0] == PointDraft("temporalis.1", {"until_eased": False})
    assert window.check.ok
    assert _written_values(window.check.text) == [True]
    assert "hold until it eases" not in window.model.data(window.model.index(0))
    assert "until eased" in window.model.data(window.model.index(1))
