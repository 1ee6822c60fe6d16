"""The built-in routine library: every routine loads cleanly, says how long it is, and stays safe.

These are content checks on ``routines/*.yaml``: no errors or warnings, a summary whose stated
length matches the plan, ids equal to file stems, a shared tag vocabulary, no promises of relief
in the texts, tools and pressures within the atlas, and neck points near arteries and nerves
(sternocleidomastoid, scalenes) worked one side at a time.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from tpguide.core import safety_text as st
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.library.sources import builtin_files
from tpguide.core.routines.loader import LoadResult, load_routine_file
from tpguide.core.routines.routine import RestStep, Routine
from tpguide.core.routines.schema import build_schema
from tpguide.core.session.planner import make_plan

#: The tags built-in routines may use, so the library can filter by them.
TAG_VOCABULARY = frozenset({
    "headache", "temples", "eye", "back-of-head", "jaw", "neck", "shoulders", "upper-back",
    "desk", "gentle", "quick",
})

#: The routines the library must ship (ids), besides the contract's example.
REQUIRED_IDS = (
    "tension-headache-basic", "tension-headache-temples", "headache-behind-eye",
    "back-of-head-headache", "gentle-headache", "jaw-and-temples", "desk-neck-shoulders",
    "stiff-neck", "shoulder-pain", "three-minute-reset",
)

#: Words that would promise an outcome; descriptions describe, they do not promise.
PROMISE_PATTERNS = (
    r"\bcur(?:e|es|ed|ing)\b", r"\bguarantee", r"\bwill\s+relieve", r"\beliminat",
    r"\bpermanent",
)

#: Muscles whose points lie over the carotid artery or the nerves to the arm.
ONE_SIDED_MUSCLES = ("sternocleidomastoid", "scalenes")

MODELINE = "# yaml-language-server: $schema=../assets/routine.schema.json"

NUMBER_WORDS = {
    word: n for n, word in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty",
    ))
}
_NUMBER = r"\b(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_LENGTH = re.compile(_NUMBER + r"[\s-]+minutes?\b", re.IGNORECASE)


def stated_minutes(summary: str) -> float | None:
    """The length a summary states: "About twelve minutes", "3 minutes", "Three-minute ..."."""
    match = _LENGTH.search(summary)
    if match is None:
        return None
    number = match.group(1).lower()
    return float(NUMBER_WORDS[number]) if number in NUMBER_WORDS else float(number)


def within_stated_length(actual_seconds: float, minutes: float) -> bool:
    """Within a minute of the stated length, or within 15 % of it when that is looser."""
    stated = minutes * 60
    return abs(actual_seconds - stated) <= max(60.0, 0.15 * stated)


# ----- the parser itself ------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "minutes"), [
    ("About twelve minutes for the shoulders.", 12),
    ("About 12 minutes for the shoulders.", 12),
    ("3 minutes at the desk", 3),
    ("Three minutes at the desk", 3),
    ("A three-minute reset", 3),
    ("About one minute", 1),
    ("About twenty minutes", 20),
    ("About 2.5 minutes", 2.5),
    ("Roughly Fifteen Minutes", 15),
])
def test_stated_minutes_reads_words_and_digits(summary: str, minutes: float) -> None:
    assert stated_minutes(summary) == minutes


@pytest.mark.parametrize("summary", ["A short routine.", "For 3 points", "someone minutes"])
def test_stated_minutes_is_none_without_a_length(summary: str) -> None:
    assert stated_minutes(summary) is None


def test_tolerance_is_a_minute_or_fifteen_percent() -> None:
    assert within_stated_length(720 + 60, 12) and not within_stated_length(180 + 61, 3)
    assert within_stated_length(1200 - 180, 20) and not within_stated_length(1200 - 181, 20)


# ----- the library ------------------------------------------------------------------------


FILES = builtin_files()


def _id(path: Path) -> str:
    return path.stem


@pytest.fixture(scope="module")
def loaded() -> dict[Path, LoadResult]:
    return {path: load_routine_file(path) for path in FILES}


def _routine(loaded: dict[Path, LoadResult], path: Path) -> Routine:
    routine = loaded[path].routine
    assert routine is not None, f"{path.name} does not load"
    return routine


def test_the_library_has_every_required_routine(loaded: dict[Path, LoadResult]) -> None:
    ids = {r.routine.id for r in loaded.values() if r.routine is not None}
    assert sorted(set(REQUIRED_IDS) - ids) == []


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_loads_without_errors_or_warnings(loaded: dict[Path, LoadResult], path: Path) -> None:
    result = loaded[path]
    assert [d.format(path.name) for d in result.diagnostics] == []
    assert result.ok


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_matches_the_json_schema_and_starts_with_the_modeline(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    jsonschema.Draft202012Validator(build_schema()).validate(yaml.safe_load(text))


def test_ids_are_unique_and_equal_the_file_stem(loaded: dict[Path, LoadResult]) -> None:
    ids = [_routine(loaded, p).id for p in FILES]
    assert len(ids) == len(set(ids))
    for path in FILES:
        expected = "tension-headache-basic" if path.name == "example.yaml" else path.stem
        assert _routine(loaded, path).id == expected


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_summary_states_the_real_length(loaded: dict[Path, LoadResult], path: Path) -> None:
    routine = _routine(loaded, path)
    assert routine.summary, "a built-in routine needs a summary"
    minutes = stated_minutes(routine.summary)
    assert minutes is not None, f"the summary does not state a length: {routine.summary!r}"
    total = loaded[path].total_seconds
    assert total is not None
    assert within_stated_length(total, minutes), (
        f"summary says {minutes:g} min, the plan takes {total / 60:.1f} min")


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_has_the_library_texts(loaded: dict[Path, LoadResult], path: Path) -> None:
    routine = _routine(loaded, path)
    assert routine.summary and routine.description and routine.author
    assert routine.tags, "a built-in routine needs tags"
    assert set(routine.tags) <= TAG_VOCABULARY, set(routine.tags) - TAG_VOCABULARY
    assert len(routine.tags) == len(set(routine.tags))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_texts_make_no_promise_of_relief(loaded: dict[Path, LoadResult], path: Path) -> None:
    routine = _routine(loaded, path)
    texts = [routine.description or "", routine.summary or "", routine.title]
    for text in texts:
        for pattern in PROMISE_PATTERNS:
            assert not re.search(pattern, text, re.IGNORECASE), f"{pattern!r} in {text!r}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_points_stay_within_the_atlas(loaded: dict[Path, LoadResult], path: Path) -> None:
    atlas = default_atlas()
    for step in _routine(loaded, path).point_steps:
        point = atlas.get(step.point)
        assert point is not None, step.point
        s = step.settings
        assert s.tool in point.tools, f"{step.point}: {s.tool} not in {point.tools}"
        assert s.pressure <= min(point.max_pressure, 7), f"{step.point}: pressure {s.pressure}"
        if point.one_side_at_a_time or point.muscle in ONE_SIDED_MUSCLES:
            assert s.side != "together", f"{step.point} must be worked one side at a time"
        if point.muscle == "sternocleidomastoid":
            assert s.tool == "pincer" and s.pressure <= 4, f"{step.point}: pincer, light only"
        if point.muscle == "scalenes":
            assert s.tool == "fingers" and s.pressure <= 3, f"{step.point}: fingers, light only"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_holds_follow_the_technique_brief(loaded: dict[Path, LoadResult], path: Path) -> None:
    """Press 30-60 s, at most 3 cycles, at most about 5 minutes of pressure per point."""
    for step in _routine(loaded, path).point_steps:
        s = step.settings
        assert 30 <= s.press <= 60, f"{step.point}: press {s.press} s"
        assert 1 <= s.cycles <= 3, f"{step.point}: {s.cycles} cycles"
        assert s.press * s.cycles <= 300


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_has_a_spoken_rest(loaded: dict[Path, LoadResult], path: Path) -> None:
    rests = [s for s in _routine(loaded, path).steps if isinstance(s, RestStep)]
    assert any(r.say for r in rests), "at least one rest step should say something"


#: A routine that works one of these muscles repeats its key caution in ``safety``.
MUSCLE_CAUTIONS = {
    "sternocleidomastoid": "pulse",  # carotid pulse under the fingers: let go
    "scalenes": "tingl",  # arm tingling: stop
    "suboccipitals": "tipped back",  # never press with the head tipped back
    "temporalis": "50",  # new temple pain after about 50: doctor first
}


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_key_cautions_are_in_the_safety_lines(loaded: dict[Path, LoadResult], path: Path) -> None:
    atlas = default_atlas()
    routine = _routine(loaded, path)
    muscles = {atlas.points[s.point].muscle for s in routine.point_steps}
    safety = " ".join(routine.safety).lower()
    for muscle, fragment in MUSCLE_CAUTIONS.items():
        if muscle in muscles:
            assert fragment in safety, f"{muscle}: no safety line mentions {fragment!r}"


# ----- starting promptly and one rule about the headache (issue 21) ------------------------
FIRST_PRESS_WITHIN = 15.0  # seconds from Start


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_presses_within_fifteen_seconds_of_start(loaded: dict[Path, LoadResult],
                                                 path: Path) -> None:
    """Someone in pain pressed Start to press: any settling breath comes after the first point."""
    plan = make_plan(_routine(loaded, path))
    first = next(phase for phase in plan.phases if phase.kind == "press")
    assert first.start <= FIRST_PRESS_WITHIN, f"first press at {first.start:g} s"
    before = [p.kind for p in plan.phases if p.start < first.start]
    assert "rest" not in before, "a rest comes before the first point"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_headache_routines_share_one_rule_about_the_ache(loaded: dict[Path, LoadResult],
                                                         path: Path) -> None:
    routine = _routine(loaded, path)
    texts = " ".join([routine.description or "", *routine.safety,
                      *(s.instructions or "" for s in routine.point_steps)]).lower()
    assert "grow" not in texts and "gets worse" not in texts and "clearly worse" not in texts
    if "headache" in routine.tags:
        assert any(st.HEADACHE_RULE in line for line in routine.safety)


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_sitting_at_the_skull_base_keeps_the_head_level(loaded: dict[Path, LoadResult],
                                                        path: Path) -> None:
    """Letting the head lean or settle onto the fingers while sitting tips it back."""
    for step in _routine(loaded, path).point_steps:
        text = " ".join((step.instructions or "").split()).lower()
        if step.point != "suboccipitals.1" or not text:
            continue
        assert "lean gently onto" not in text and "settle onto" not in text
        if "sit" in text:
            assert "level" in text, text


def test_the_back_of_head_routine_names_the_bleed_and_the_age_warning(
    loaded: dict[Path, LoadResult],
) -> None:
    path = next(p for p in FILES if p.stem == "back-of-head-headache")
    safety = " ".join(_routine(loaded, path).safety).lower()
    assert "worst you have ever had" in safety and "within about a minute" in safety
    assert "after about 50" in safety


def test_the_eye_routine_names_glaucoma_and_cluster_headache(
    loaded: dict[Path, LoadResult],
) -> None:
    path = next(p for p in FILES if p.stem == "headache-behind-eye")
    safety = " ".join(_routine(loaded, path).safety).lower()
    assert "glaucoma" in safety and "emergency" in safety and "haloes" in safety
    assert "cluster headache" in safety and "carotid sinus" in safety
    assert "doctor or optician first" not in safety
