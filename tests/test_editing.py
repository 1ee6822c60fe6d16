"""The editor's draft model: round trips, problems mapped to fields, safe saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.routine_text import routine
from tpguide import resources
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.routines import editing
from tpguide.core.routines.editing import (
    PointDraft,
    RestDraft,
    RoutineDraft,
    SaveError,
    changed_on_disk,
    check,
    has_comments,
    same_routine,
    save_draft,
)
from tpguide.core.routines.loader import LoadResult, load_routine_file, load_routine_text

BUILTINS = resources.builtin_routine_files()

RICH = routine("""
    summary: 'yes'
    description: |
      Two lines
      of text: with # and 'quotes'.
    author: "12"
    tags: [headache, neck-2]
    safety:
      - Stop if it hurts.
      - "1:30"
    defaults:
      side: left
      prepare: 2.5
      press: 1m30s
      release: "1:05"
      cycles: 2
      rest: 0
      switch: 0
      pressure: light
      tool: fingers
    steps:
      - point: upper-trapezius.1
        side: both
        pressure: 6
        tool: pincer
        instructions: "  leading spaces, trailing: colon:"
        say: "on"
      - rest: 45.5
        say: Breathe.
        instructions: |
          Lie down.
          Close your eyes.
      - point: temporalis.1
        press: 20
        cycles: 1
        pressure: firm
      - point: scalenes.1
        side: right
        pressure: 3
    """)


def _draft(text: str) -> RoutineDraft:
    result = load_routine_text(text)
    assert result.routine is not None, result.diagnostics
    return RoutineDraft.from_routine(result.routine)


def _round_trip(original: LoadResult) -> None:
    assert original.routine is not None, original.diagnostics
    text = RoutineDraft.from_routine(original.routine).to_yaml()
    again = load_routine_text(text)
    assert again.routine is not None, (text, again.diagnostics)
    assert same_routine(again.routine, original.routine)
    assert "&" not in text and "*id" not in text


def test_there_are_builtin_routines() -> None:
    assert BUILTINS


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.name)
def test_every_builtin_routine_survives_draft_and_yaml(path: Path) -> None:
    _round_trip(load_routine_file(path))


def test_a_routine_using_every_key_survives_draft_and_yaml() -> None:
    _round_trip(load_routine_text(RICH))


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT.filter(lambda t: t != ""), instructions=_TEXT, say=_TEXT)
def test_any_text_the_loader_accepts_survives_the_editor(title: str, instructions: str,
                                                          say: str) -> None:
    draft = RoutineDraft(id="t", title=title, steps=[PointDraft("temporalis.1", {},
                                                                instructions, say)])
    result = load_routine_text(draft.to_yaml())
    if result.routine is not None:
        assert same_routine(result.routine, draft.to_routine())


def test_draft_keeps_what_each_step_sets_itself() -> None:
    draft = _draft(RICH)
    first = draft.steps[0]
    assert isinstance(first, PointDraft)
    assert first.values == {"side": "both", "pressure": 6, "tool": "pincer"}
    assert draft.defaults["press"] == 90 and "tool" not in draft.defaults


def test_effective_settings_say_where_each_value_comes_from() -> None:
    draft = _draft(RICH)
    eff = {e.name: e for e in draft.effective(0)}
    assert (eff["side"].value, eff["side"].source) == ("both", "step")
    assert eff["side"].overridden
    assert (eff["press"].value, eff["press"].source) == (90, "defaults")
    assert (eff["cycles"].value, eff["cycles"].source) == (2, "defaults")
    third = {e.name: e for e in draft.effective(2)}
    assert (third["tool"].value, third["tool"].source) == ("fingers", "built-in")
    assert (third["cycles"].value, third["cycles"].source) == (1, "step")
    assert not eff["press"].overridden
    assert draft.effective(1) == []


def test_step_operations() -> None:
    draft = RoutineDraft(id="t", title="T")
    assert draft.add_point("temporalis.1") == 0
    assert draft.add_rest(30) == 1
    assert draft.add_point("masseter.1", at=1) == 1
    assert [type(s).__name__ for s in draft.steps] == ["PointDraft", "PointDraft", "RestDraft"]
    draft.move(2, 0)
    assert isinstance(draft.steps[0], RestDraft)
    draft.move(0, 2)
    assert isinstance(draft.steps[2], RestDraft)
    removed = draft.remove(0)
    assert isinstance(removed, PointDraft) and removed.point == "temporalis.1"
    assert len(draft.steps) == 2


def test_adding_a_point_offers_the_atlas_limits() -> None:
    draft = RoutineDraft(id="t", title="T", defaults={"side": "together", "pressure": 7,
                                                        "tool": "cane"})
    row = draft.add_point("scalenes.1", atlas=default_atlas())
    step = draft.steps[row]
    assert isinstance(step, PointDraft)
    assert step.values == {"side": "both", "tool": "fingers", "pressure": 3}
    row = draft.add_point("rhomboids.1", atlas=default_atlas())
    assert draft.steps[row] == PointDraft("rhomboids.1", {})  # cane and 7 are fine there
    assert check(draft).ok


def test_duplicate_is_a_deep_copy_with_a_new_id() -> None:
    draft = _draft(RICH)
    twin = draft.duplicate()
    assert twin.id == "t-copy" and twin.title == "T (copy)"
    twin.steps[0].instructions = "changed"
    assert draft.steps[0].instructions != "changed"


def test_problems_are_mapped_to_their_fields_and_steps() -> None:
    draft = _draft(RICH)
    draft.title = ""
    draft.tags.append("Not A Slug")
    draft.defaults["press"] = 120
    first = draft.steps[0]
    assert isinstance(first, PointDraft)
    first.values["tool"] = "cane"
    draft.steps.append(PointDraft("sternocleidomastoid.sternal", {"side": "together",
                                                                   "tool": "pincer"}))
    draft.steps.append(RestDraft(0))
    result = check(draft)
    found = {(i.severity, i.key, i.step) for i in result.issues}
    assert ("error", "title", None) in found
    assert ("error", "tags", None) in found
    assert ("warning", "defaults.press", None) in found
    assert ("warning", "tool", 0) in found
    assert ("error", "side", 4) in found
    assert ("error", "rest", 5) in found
    assert result.for_key("title")[0].message == "title must not be empty"
    # the 2.5 s prepare has room for its tone and "Left side", not for the say text too
    assert [i.key for i in result.for_step(0)] == ["tool", "say"]
    assert not result.ok and result.errors and result.warnings


def test_an_empty_or_overlong_routine_is_reported_at_steps() -> None:
    draft = RoutineDraft(id="t", title="T")
    assert [(i.key, i.step) for i in check(draft).issues] == [("steps", None)]
    draft.steps = [PointDraft("temporalis.1", {"press": 300, "cycles": 20}) for _ in range(3)]
    keys = {(i.key, i.step, i.severity) for i in check(draft).issues}
    assert ("steps", None, "error") in keys  # over 3 h
    assert check(draft).plan.total_seconds > 3 * 3600


# -- saving ----------------------------------------------------------------------
def test_save_writes_a_file_that_loads_back_the_same(tmp_path: Path) -> None:
    draft = _draft(RICH)
    target = tmp_path / "mine" / "rich.yaml"
    target.parent.mkdir()  # the editor's folder is made by the app; save_draft makes none
    saved = save_draft(target, draft.to_yaml(), original_text=None,
                       expected=draft.to_routine())
    assert same_routine(saved, draft.to_routine())
    assert same_routine(load_routine_file(target).routine, draft.to_routine())  # type: ignore[arg-type]
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_save_refuses_a_draft_with_errors(tmp_path: Path) -> None:
    draft = _draft(RICH)
    draft.title = ""
    target = tmp_path / "x.yaml"
    with pytest.raises(SaveError, match="errors"):
        save_draft(target, draft.to_yaml(), original_text=None)
    assert not target.exists()


def test_a_failed_write_leaves_the_original_intact(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.yaml"
    target.write_text(RICH, encoding="utf-8")
    draft = _draft(RICH)
    draft.title = "Changed"

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SaveError, match="is full"):
        save_draft(target, draft.to_yaml(), original_text=RICH)
    assert target.read_text(encoding="utf-8") == RICH
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


@pytest.mark.parametrize("existed", [True, False])
def test_a_file_that_does_not_load_back_the_same_is_rolled_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool) -> None:
    target = tmp_path / "r.yaml"
    if existed:
        target.write_text(RICH, encoding="utf-8")
    draft = _draft(RICH)
    draft.title = "Changed"
    other = load_routine_text(routine("steps:\n  - rest: 5\n"))
    monkeypatch.setattr(editing, "load_routine_file", lambda path, atlas=None: other)
    with pytest.raises(SaveError, match="previous version was kept"):
        save_draft(target, draft.to_yaml(), original_text=RICH if existed else None)
    assert target.exists() == existed
    if existed:
        assert target.read_text(encoding="utf-8") == RICH


def test_save_refuses_text_that_does_not_mean_the_draft(tmp_path: Path) -> None:
    draft = _draft(RICH)
    with pytest.raises(SaveError, match="does not describe"):
        save_draft(tmp_path / "r.yaml", draft.to_yaml(), original_text=None,
                   expected=RoutineDraft(id="t", title="Other",
                                         steps=[RestDraft(5)]).to_routine())


def test_line_separators_in_text_are_refused_not_saved(tmp_path: Path) -> None:
    # PyYAML reads NEL/LS/PS as line breaks where editors do not; the format refuses them
    text = "a\x85b\u2028c\u2029d"
    draft = RoutineDraft(id="t", title="T", steps=[PointDraft("temporalis.1", {}, "", text)])
    target = tmp_path / "r.yaml"
    with pytest.raises(SaveError, match="has errors"):
        save_draft(target, draft.to_yaml(), original_text=None, expected=draft.to_routine())
    assert not target.exists()
    messages = {d.message for d in load_routine_text(draft.to_yaml()).errors}
    assert messages == {f"text may not contain control characters (U+{c:04X})"
                        for c in (0x85, 0x2028, 0x2029)}


def test_changed_on_disk(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    assert not changed_on_disk(target, None)
    target.write_text("a", encoding="utf-8")
    assert not changed_on_disk(target, "a")
    assert changed_on_disk(target, "b")


@pytest.mark.parametrize(("text", "expected"), [
    ("tpguide: 1\n# a note\nid: x\n", True),
    ("title: T  # why\n", True),
    ("# yaml-language-server: $schema=x.json\ntitle: T\n", True),  # a save drops it too
    ("title: 'a # b'\n", False),
    ('title: "a # b"\n', False),
    ("title: a#b\n", False),
    ("description: |\n  line # not a comment\n  more\n", False),
    ("description: |\n  text\n# but this is\n", True),
    ("title: [unclosed # still a comment\n", True),
])
def test_has_comments(text: str, expected: bool) -> None:
    assert has_comments(text) is expected


def test_the_editor_s_own_yaml_has_no_comments() -> None:
    assert not has_comments(_draft(RICH).to_yaml())
