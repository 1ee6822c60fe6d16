"""Course drafts: form state to course file text and back, without losing anything."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tpguide.core.courses.edit import (
    CourseDraft,
    StageDraft,
    free_id,
    place_of,
    slug_for,
    stage_days,
)
from tpguide.core.courses.loader import load_course_text
from tpguide.core.courses.store import pin_start
from tpguide.core.routines.diagnostics import CONTROL_CHARACTERS


def neck() -> CourseDraft:
    return CourseDraft(
        id="neck-recovery", title="Neck recovery", prepared_for="Sam", author="A. Therapist",
        notes="Warm up first.\nStop if it tingles.", start=date(2026, 12, 1),
        stages=[StageDraft("stiff-neck", "day", 2, 14, "gently"),
                StageDraft("stiff-neck", "week", 2, 6)])


def test_the_file_starts_with_the_version_and_reads_back_equal() -> None:
    draft = neck()
    text = draft.to_yaml()
    assert text.splitlines()[0] == "tpguide-course: 1"
    assert "start: 2026-12-01\n" in text and "&" not in text and "*" not in text
    result = load_course_text(text, {"stiff-neck"})
    assert result.diagnostics == [] and result.course is not None
    assert CourseDraft.from_course(result.course) == draft
    assert result.course.days == 14 + 42


def test_empty_optional_texts_and_start_are_left_out() -> None:
    draft = CourseDraft(id="c", title="C", stages=[StageDraft("stiff-neck")])
    text = draft.to_yaml()
    for key in ("prepared_for", "author", "notes", "start"):
        assert f"{key}:" not in text
    # Import pins a missing start, and what it pins still reads back.
    pinned = load_course_text(pin_start(text, date(2026, 1, 2)), None).course
    assert pinned is not None and pinned.start == date(2026, 1, 2)


def test_problems_are_located_and_placed_on_a_field() -> None:
    draft = neck()
    draft.title = ""
    draft.stages[1].times = 99
    text = draft.to_yaml()
    diagnostics = draft.check({"stiff-neck"}).diagnostics
    assert [(d.line, d.column, d.severity) for d in diagnostics] == [
        (3, 8, "error"), (16, 19, "error")]
    assert [place_of(text, d.line) for d in diagnostics] == [
        ("title", None, None), ("stages", 1, "times_per_week")]
    unknown = neck()
    unknown.stages[0].routine = "not-in-library"
    found = unknown.check({"stiff-neck"})
    assert found.course is not None and [d.severity for d in found.diagnostics] == ["warning"]
    assert place_of(unknown.to_yaml(), found.diagnostics[0].line) == ("stages", 0, "routine")


def test_no_stages_is_an_error() -> None:
    result = CourseDraft(id="c", title="C").check()
    assert result.course is None and "stages" in result.errors[0].message


def test_stages_are_added_removed_and_reordered() -> None:
    draft = neck()
    index = draft.add_stage()
    assert index == 2 and draft.stages[2].routine == "stiff-neck"
    draft.stages[2].routine = "jaw-and-temples"
    assert draft.move_stage(2, -1) == 1
    assert [s.routine for s in draft.stages] == ["stiff-neck", "jaw-and-temples", "stiff-neck"]
    assert draft.move_stage(0, -1) == 0  # the first stays first
    draft.remove_stage(1)
    assert [s.per for s in draft.stages] == ["day", "week"]
    assert stage_days(draft.stages) == [(1, 14), (15, 56)]
    assert CourseDraft().add_stage() == 0


def test_ids_from_titles_and_free_ids() -> None:
    assert slug_for("Neck recovery – Sam (2026)") == "neck-recovery-sam-2026"
    assert slug_for("!!!") == "my-course"
    assert len(slug_for("x" * 200)) == 64
    assert free_id("neck", set()) == "neck"
    assert free_id("neck", {"neck", "neck-2"}) == "neck-3"
    assert len(free_id("x" * 64, {"x" * 64})) == 64


# Any text the editor can hold: it refuses control, separator and bidi characters as typed.
_typable = st.characters(codec="utf-8").filter(lambda ch: not CONTROL_CHARACTERS.match(ch))
texts = st.text(_typable, max_size=60)
stages = st.builds(
    StageDraft,
    routine=st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    per=st.sampled_from(["day", "week"]),
    times=st.integers(1, 6),
    periods=st.integers(1, 52),
    notes=texts,
)
drafts = st.builds(
    CourseDraft,
    id=st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True),
    title=texts.filter(bool),
    prepared_for=texts,
    author=texts,
    notes=st.text(_typable, max_size=300),
    start=st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
    stages=st.lists(stages, min_size=1, max_size=20),
)


@settings(max_examples=150, deadline=None)
@given(drafts)
def test_any_valid_draft_survives_the_round_trip(draft: CourseDraft) -> None:
    result = load_course_text(draft.to_yaml(), None)
    assert result.errors == []
    assert result.course is not None
    assert CourseDraft.from_course(result.course) == draft
