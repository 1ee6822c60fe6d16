"""The routine format contract, rule by rule (numbers refer to RULES below).

Each rule of ROUTINE-FORMAT.md has an entry in RULES and at least one test
tagged with it; ``test_every_rule_has_a_test`` fails if a rule loses its tests.
"""

from __future__ import annotations

import pytest

from tests.routine_text import HEAD, load, messages, routine, where

RULES = {
    "R01": "tpguide key: missing -> not a tpguide routine; >1 -> newer; stops validation",
    "R02": "id is a slug matched in full",
    "R03": "title 1-120 characters; summary <=200; description <=5000; author <=120",
    "R04": "tags: list of slugs, at most 20, surplus reported at first surplus item",
    "R05": "safety: list of strings",
    "R06": "defaults: the ten settings only; point/say/instructions refused",
    "R07": "steps: 1-200 steps",
    "R08": "unknown keys are errors with a did-you-mean",
    "R09": "point step vs rest step vs neither",
    "R10": "unknown point ids get a did-you-mean",
    "R11": "rest step 1 s - 60 min, never from defaults",
    "R12": "setting bounds: prepare, press, release, cycles, rest, switch",
    "R13": "press over 90 s warns",
    "R14": "pressure words and 1-10; over 7 warns; over the point's limit warns",
    "R15": "tool choices; a tool the atlas does not list warns",
    "R16": "side together on a one-side-at-a-time point is an error",
    "R17": "more than 5 min of pressure on one point in one step on one side warns",
    "R18": "duration forms judged from text",
    "R19": "booleans are not durations",
    "R20": "text fields take the scalar as written",
    "R21": "total over 3 h error, over 60 min warning, at the steps key, computed despite errors",
    "R22": "missing key at mapping start; bad value at value; unknown key at key; null at key",
    "R23": "duplicate key at second occurrence naming the first line",
    "R24": "refusals: size, encoding, anchors/aliases/merge keys, tags, depth, syntax",
    "R25": "several documents: error at the second",
    "R26": "whole numbers: 3.0 accepted, 2.5 and '3' not",
    "R27": "lines/columns count code points; \\r\\n and \\r end lines; BOM not counted",
    "R28": "at most 1000 diagnostics, then one line saying how many more",
    "R29": "defaults problems are reported once, at the value",
    "R30": "messages escape control characters and cut long text",
    "R31": "a say: text too long to speak in the phase it starts warns, at the say key",
    "R32": "until_eased: true/false as written, in defaults or on a point step; else an error",
    "R33": "until_eased keeps press as the planned (longest) duration; no new warnings",
}

TESTED: dict[str, list[str]] = {}


def rule(*ids: str):  # type: ignore[no-untyped-def]
    def mark(fn):  # type: ignore[no-untyped-def]
        for rid in ids:
            TESTED.setdefault(rid, []).append(fn.__name__)
        return fn

    return mark


STEP = "steps:\n  - point: temporalis.1\n"


@rule("R01")
def test_missing_tpguide_key_is_not_a_routine() -> None:
    text = "id: t\ntitle: T\n" + STEP
    assert where(text) == [(1, 1, "error")]
    assert "not a tpguide routine" in messages(text)[0]


@rule("R01")
def test_newer_format_stops_after_one_error() -> None:
    text = "tpguide: 2\nid: T T\nfancy: 1\n" + STEP
    assert where(text) == [(1, 10, "error")]
    assert "newer tpguide" in messages(text)[0]


@rule("R01", "R26")
def test_format_version_must_be_the_number_one() -> None:
    assert where('tpguide: "1"\nid: t\ntitle: T\n' + STEP) == [(1, 10, "error")]
    assert where("tpguide: 0\nid: t\ntitle: T\n" + STEP) == [(1, 10, "error")]
    assert load("tpguide: 1.0\nid: t\ntitle: T\n" + STEP).ok


@rule("R02")
@pytest.mark.parametrize("bad", ["Upper", "-x", "a_b", "a" * 65, "|\n  abc\n"])
def test_id_must_be_a_slug(bad: str) -> None:
    text = f"tpguide: 1\nid: {bad}\ntitle: T\n" + STEP
    result = load(text)
    assert not result.ok
    assert result.errors[0].line == 2


@rule("R02")
def test_id_of_64_characters_is_fine() -> None:
    assert load(f"tpguide: 1\nid: {'a' * 64}\ntitle: T\n" + STEP).ok


@rule("R03")
@pytest.mark.parametrize(("key", "limit"), [("title", 120), ("summary", 200),
                                            ("description", 5000), ("author", 120)])
def test_text_length_limits_are_inclusive(key: str, limit: int) -> None:
    head = "tpguide: 1\nid: t\n" + ("" if key == "title" else "title: T\n")
    assert load(head + f"{key}: {'x' * limit}\n" + STEP).ok
    over = load(head + f"{key}: {'x' * (limit + 1)}\n" + STEP)
    line = 3 if key == "title" else 4
    assert [(d.line, d.column) for d in over.errors] == [(line, len(key) + 3)]


@rule("R03")
def test_empty_title_is_an_error() -> None:
    assert not load('tpguide: 1\nid: t\ntitle: ""\n' + STEP).ok


@rule("R04")
def test_twenty_one_tags_reported_at_the_first_surplus() -> None:
    tags = ", ".join(f"t{i}" for i in range(21))
    text = routine(STEP, HEAD + f"tags: [{tags}]\n")
    diags = load(text).errors
    assert len(diags) == 1
    assert diags[0].line == 4
    assert text.splitlines()[3][diags[0].column - 1:].startswith("t20")


@rule("R04")
def test_tags_must_be_slugs() -> None:
    assert where(routine(STEP, HEAD + "tags: [ok, Not OK]\n")) == [(4, 12, "error")]


@rule("R05")
def test_safety_lines_are_text() -> None:
    result = load(routine(STEP, HEAD + "safety:\n  - Stop if dizzy.\n  - [a]\n"))
    assert [(d.line, d.column) for d in result.errors] == [(6, 5)]
    ok = load(routine(STEP, HEAD + "safety: [Stop if dizzy.]\n"))
    assert ok.routine is not None and ok.routine.safety == ("Stop if dizzy.",)


@rule("R06", "R08")
def test_defaults_refuse_step_only_keys_and_suggest() -> None:
    text = routine(STEP, HEAD + "defaults:\n  point: temporalis.1\n  relase: 5\n")
    assert where(text) == [(5, 3, "error"), (6, 3, "error")]
    assert "did you mean 'release'?" in messages(text)[1]


@rule("R06")
def test_defaults_override_builtins() -> None:
    result = load(routine(STEP, HEAD + "defaults:\n  press: 20\n  cycles: 2\n"))
    assert result.routine is not None
    step = result.routine.steps[0]
    assert step.settings.press == 20 and step.settings.cycles == 2  # type: ignore[union-attr]


@rule("R07")
def test_steps_bounds() -> None:
    assert where(HEAD + "steps: []\n") == [(4, 8, "error")]
    many = HEAD + "steps:\n" + "  - rest: 1\n" * 201
    assert where(many) == [(205, 5, "error")]
    assert load(HEAD + "steps:\n" + "  - rest: 1\n" * 200).ok


@rule("R08", "R22")
def test_unknown_step_key_at_the_key_with_suggestion() -> None:
    text = routine("""
        steps:
          - point: temporalis.1
            relase: 5
    """)
    assert where(text) == [(6, 5, "error")]
    assert messages(text) == ["'relase' is not a step setting; did you mean 'release'?"]


@rule("R08")
def test_unknown_top_level_key() -> None:
    text = routine(STEP, HEAD + "titel: x\n")
    assert where(text) == [(4, 1, "error")]
    assert "did you mean 'title'?" in messages(text)[0]


@rule("R09")
def test_step_with_neither_point_nor_rest() -> None:
    assert where(routine("steps:\n  - say: hello\n")) == [(5, 5, "error")]


@rule("R09", "R11")
def test_rest_step_keys() -> None:
    ok = load(routine("steps:\n  - rest: 1m\n    say: Breathe.\n    instructions: Lie down.\n"))
    assert ok.ok
    bad = routine("steps:\n  - rest: 1m\n    press: 30\n")
    assert where(bad) == [(6, 5, "error")]


@rule("R10")
def test_unknown_point_suggests() -> None:
    text = routine("steps:\n  - point: temporalis.9\n")
    assert where(text) == [(5, 12, "error")]
    assert "did you mean 'temporalis." in messages(text)[0]


@rule("R11")
def test_rest_step_bounds_and_not_from_defaults() -> None:
    assert where(routine("steps:\n  - rest: 0\n")) == [(5, 11, "error")]
    assert load(routine("steps:\n  - rest: 60m\n")).ok
    assert where(routine("steps:\n  - rest: 60m1s\n")) == [(5, 11, "error")]
    result = load(routine("steps:\n  - rest: 1\n", HEAD + "defaults:\n  rest: 30\n"))
    assert result.total_seconds == 1


@rule("R12")
@pytest.mark.parametrize(("key", "low", "high"), [
    ("prepare", "0", "120"), ("press", "1", "300"), ("release", "1", "300"),
    ("cycles", "1", "20"), ("rest", "0", "600"), ("switch", "0", "60"),
])
def test_setting_bounds_inclusive(key: str, low: str, high: str) -> None:
    for value in (low, high):
        assert load(routine(f"steps:\n  - point: temporalis.1\n    {key}: {value}\n")).errors == []
    below = str(int(low) - 1)
    above = str(int(high) + 1)
    for value in (below, above):
        text = routine(f"steps:\n  - point: temporalis.1\n    {key}: {value}\n")
        assert (6, 5 + len(key) + 2, "error") in where(text)


@rule("R13")
def test_long_press_warns_with_the_contract_wording() -> None:
    text = routine("steps:\n  - point: temporalis.1\n    press: 2m\n    cycles: 1\n")
    result = load(text)
    assert result.ok
    assert [(d.line, d.column, d.message) for d in result.warnings] == [
        (6, 12, "press of 120 s is long; compressions over 90 s are rarely needed")]


@rule("R13")
def test_a_press_of_exactly_90_seconds_does_not_warn_and_91_does() -> None:
    def press(seconds: str) -> list[tuple[int, int, str]]:
        result = load(routine(f"steps:\n  - point: temporalis.1\n    press: {seconds}\n"))
        assert result.ok
        return [(d.line, d.column, d.message) for d in result.warnings]

    assert press("90") == []
    assert press("1:30") == []
    assert press("91") == [
        (6, 12, "press of 91 s is long; compressions over 90 s are rarely needed")]
    assert press("90.5") == [
        (6, 12, "press of 90.5 s is long; compressions over 90 s are rarely needed")]


@rule("R14")
def test_pressure_forms_and_warnings() -> None:
    light = load(routine("steps:\n  - point: upper-trapezius.1\n    pressure: light\n"))
    assert light.routine is not None
    assert light.routine.steps[0].settings.pressure == 3  # type: ignore[union-attr]
    high = load(routine("steps:\n  - point: upper-trapezius.1\n    pressure: 8\n"))
    assert high.ok and len(high.warnings) == 1
    assert "at or below 7/10" in high.warnings[0].message
    over_point = load(routine("steps:\n  - point: scalenes.1\n    side: left\n    pressure: 6\n"
                              "    tool: fingers\n"))
    assert len(over_point.warnings) == 1 and "scalenes.1" in over_point.warnings[0].message
    assert where(routine("steps:\n  - point: temporalis.1\n    pressure: 11\n")) == [
        (6, 15, "error")]
    assert where(routine("steps:\n  - point: temporalis.1\n    pressure: heavy\n")) == [
        (6, 15, "error")]


@rule("R14")
@pytest.mark.parametrize(("written", "level", "warnings"), [
    ("1", 1, []),
    ("7", 7, []),
    ("firm", 7, []),
    ("10", 10, [(6, 15, "pressure 10/10 is high; sources advise staying at or below 7/10")]),
])
def test_pressure_edges_are_accepted(written: str, level: int,
                                     warnings: list[tuple[int, int, str]]) -> None:
    # upper-trapezius.1 allows 7/10, so only the general advice can apply, and only over 7
    result = load(routine(f"steps:\n  - point: upper-trapezius.1\n    pressure: {written}\n"))
    assert result.routine is not None and result.errors == []
    assert result.routine.steps[0].settings.pressure == level  # type: ignore[union-attr]
    assert [(d.line, d.column, d.message) for d in result.warnings] == warnings


@rule("R14")
def test_pressure_zero_is_refused() -> None:
    text = routine("steps:\n  - point: upper-trapezius.1\n    pressure: 0\n")
    assert where(text) == [(6, 15, "error")]
    assert messages(text) == ["pressure must be a whole number from 1 to 10; got 0"]


@rule("R14")
def test_the_atlas_limit_warns_above_it_not_at_it() -> None:
    def warnings(level: int) -> list[str]:
        text = routine(f"steps:\n  - point: temporalis.1\n    pressure: {level}\n")
        return [d.message for d in load(text).warnings]

    assert warnings(5) == []  # temporalis.1 allows 5/10
    assert warnings(6) == ["pressure 6/10 is above the atlas limit of 5/10 for temporalis.1"]


@rule("R15")
def test_tool_choice_and_atlas_tools() -> None:
    assert where(routine("steps:\n  - point: temporalis.1\n    tool: hammer\n")) == [
        (6, 11, "error")]
    text = routine("steps:\n  - point: sternocleidomastoid.sternal\n    side: left\n"
                   "    pressure: light\n    tool: ball\n")
    assert where(text) == [(8, 11, "warning")]


@rule("R16")
def test_together_on_one_side_point_is_an_error() -> None:
    text = routine("steps:\n  - point: scalenes.1\n    side: together\n    pressure: light\n")
    assert where(text) == [(6, 11, "error")]


@rule("R17")
def test_more_than_five_minutes_on_one_point_warns() -> None:
    text = routine("steps:\n  - point: temporalis.1\n    press: 61\n    cycles: 5\n")
    result = load(text)
    assert result.ok
    assert any(d.line == 6 and "5 minutes" in d.message for d in result.warnings)
    exactly = routine("steps:\n  - point: temporalis.1\n    press: 60\n    cycles: 5\n")
    assert load(exactly).warnings == []


@rule("R18")
@pytest.mark.parametrize(("text", "seconds"), [
    ("45", 45), ("2.5", 2.5), ("45s", 45), ("2.5s", 2.5), ("2m", 120), ("1m30s", 90),
    ("1:30", 90), ('"1:30"', 90), ("0:05", 5), ("010", 10),
])
def test_duration_forms(text: str, seconds: float) -> None:
    result = load(routine(f"steps:\n  - point: temporalis.1\n    release: {text}\n"))
    assert result.routine is not None, result.diagnostics
    assert result.routine.steps[0].settings.release == seconds  # type: ignore[union-attr]


@rule("R18")
@pytest.mark.parametrize("text", ["1:5", "1:30:00", "1 m", "1h", "-5", "+5", ".nan", ".inf",
                                  "5 s", "1:60", "2.5m", "abc", "[30]"])
def test_bad_durations_are_errors_at_the_value(text: str) -> None:
    assert where(routine(f"steps:\n  - point: temporalis.1\n    release: {text}\n")) == [
        (6, 14, "error")]


@rule("R18")
def test_a_duration_number_has_at_most_twelve_digits_before_the_point() -> None:
    from tpguide.core.routines.durations import parse_duration

    assert parse_duration("9" * 12) == 999_999_999_999.0
    assert parse_duration("9" * 13) is None
    assert parse_duration("0" * 11 + "5s") == 5.0
    assert parse_duration("0" * 12 + "5s") is None  # digits as written, not the value
    assert parse_duration("9" * 12 + "m") == 999_999_999_999.0 * 60
    assert parse_duration("9" * 13 + "m") is None
    assert parse_duration("1m" + "0" * 12 + "5s") is None
    assert parse_duration("1." + "0" * 20) == 1.0  # the fraction is not counted


@rule("R18")
def test_twelve_digits_are_out_of_range_but_thirteen_are_not_a_duration() -> None:
    def release(text: str) -> list[str]:
        return messages(routine(f"steps:\n  - point: temporalis.1\n    release: {text}\n"))

    assert release("9" * 12) == [
        "release must be between 1 s and 300 s; got 999999999999 s"]
    assert release("9" * 13) == [
        f"release: '{'9' * 13}' is not a duration; write seconds (45, 2.5, 45s), "
        "minutes (2m, 1m30s) or m:ss (1:30)"]


@rule("R19")
@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "true", "False"])
def test_booleans_are_not_durations(word: str) -> None:
    text = routine(f"steps:\n  - point: temporalis.1\n    press: {word}\n")
    assert where(text) == [(6, 12, "error")]
    assert "booleans in YAML" in messages(text)[0]


@rule("R20")
def test_text_fields_are_taken_as_written() -> None:
    result = load("tpguide: 1\nid: t\ntitle: 2024-05-01\nauthor: 12\nsummary: yes\n" + STEP)
    assert result.routine is not None
    assert (result.routine.title, result.routine.author, result.routine.summary) == (
        "2024-05-01", "12", "yes")


@rule("R21")
def test_total_over_an_hour_warns_and_over_three_hours_errors() -> None:
    long_rest = "  - rest: 60m\n"
    warn = HEAD + "steps:\n" + long_rest * 2
    assert where(warn) == [(4, 1, "warning")]
    err = HEAD + "steps:\n" + long_rest * 3 + "  - rest: 1\n"
    assert where(err) == [(4, 1, "error")]
    assert load(HEAD + "steps:\n" + long_rest * 3).errors == []


@rule("R21")
def test_a_total_of_exactly_sixty_minutes_does_not_warn() -> None:
    assert load(HEAD + "steps:\n  - rest: 60m\n").diagnostics == []
    assert load(HEAD + "steps:\n  - rest: 59m\n  - rest: 1m\n").diagnostics == []
    longer = HEAD + "steps:\n  - rest: 60m\n  - rest: 1\n"
    assert [(d.line, d.column, d.severity, d.message) for d in load(longer).diagnostics] == [
        (4, 1, "warning",
         "the routine takes 1:00:01; sessions over 60 minutes are long for self-treatment")]


@rule("R21")
def test_total_is_computed_despite_other_errors() -> None:
    text = HEAD + "steps:\n" + "  - rest: 60m\n" * 3 + "  - point: temporalis.1\n    relase: 2\n"
    result = load(text)
    assert (4, 1, "error") in [(d.line, d.column, d.severity) for d in result.diagnostics]


@rule("R22")
def test_missing_required_key_at_mapping_start() -> None:
    text = "# comment\ntpguide: 1\nid: t\nsteps:\n  - rest: 1\n"
    assert where(text) == [(2, 1, "error")]
    assert "'title'" in messages(text)[0]


@rule("R22")
def test_null_value_reported_at_its_key() -> None:
    assert where(routine("steps:\n  - point: temporalis.1\n    press:\n")) == [(6, 5, "error")]
    assert where("tpguide: 1\nid: t\ntitle:\n" + STEP) == [(3, 1, "error")]


@rule("R22")
def test_collection_where_a_scalar_belongs_is_a_type_error() -> None:
    assert where(routine("steps:\n  - point: temporalis.1\n    press: {a: 1}\n")) == [
        (6, 12, "error")]


@rule("R23", "R24")
def test_duplicate_key_names_the_first_line() -> None:
    text = "tpguide: 1\nid: t\ntitle: T\ntitle: U\n" + STEP
    assert where(text) == [(4, 1, "error")]
    assert "line 3" in messages(text)[0]


@rule("R24")
def test_refusals_are_all_listed_and_stop_validation() -> None:
    text = ("tpguide: 1\nid: &a t\ntitle: *a\nsummary: !!binary aGk=\n<<: {x: 1}\n"
            "unknown: 1\n" + STEP)
    assert where(text) == [(2, 5, "error"), (3, 8, "error"), (4, 10, "error"), (5, 1, "error")]


@rule("R24")
@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!timestamp", "!!set", "!!omap",
                                 "!custom", "!!seq"])
def test_non_standard_tags_are_refused(tag: str) -> None:
    text = f"tpguide: 1\nid: t\ntitle: {tag} x\n" + STEP
    assert where(text) == [(3, 8, "error")]


@rule("R24")
def test_standard_tags_are_accepted() -> None:
    assert load("tpguide: !!int 1\nid: !!str t\ntitle: !!str T\n" + STEP).ok


@rule("R24")
def test_size_and_encoding_refusals() -> None:
    from tpguide.core.routines.loader import load_routine_bytes

    big = load_routine_bytes(b"#" * (256 * 1024 + 1))
    assert [(d.line, d.column) for d in big.errors] == [(1, 1)]
    assert "256 KiB" in big.errors[0].message
    assert load_routine_bytes(b"#" * (256 * 1024)).errors[0].message.startswith("the file is empty")
    latin = load_routine_bytes(b"tpguide: 1\ntitle: caf\xe9\n")
    assert [(d.line, d.column) for d in latin.errors] == [(2, 11)]
    utf16 = load_routine_bytes("tpguide: 1\n".encode("utf-16"))
    assert "UTF-16" in utf16.errors[0].message


@rule("R24")
def test_syntax_error_is_located() -> None:
    assert where("tpguide: 1\nid: [t\ntitle: T\n") != []
    diags = load("tpguide: 1\nid: t\n  title: T\n").errors
    assert len(diags) == 1 and "syntax" in diags[0].message


@rule("R24")
def test_depth_over_four_is_refused_but_four_is_a_type_error() -> None:
    deep = routine("steps:\n  - point: temporalis.1\n    press: [[30]]\n")
    assert "nests" in messages(deep)[0]
    shallow = routine("steps:\n  - point: temporalis.1\n    press: [30]\n")
    assert where(shallow) == [(6, 12, "error")] and "nests" not in messages(shallow)[0]


@rule("R25")
def test_several_documents_error_at_the_second() -> None:
    text = HEAD + STEP + "---\n" + HEAD + STEP
    assert where(text) == [(6, 1, "error")]


@rule("R26")
def test_whole_numbers() -> None:
    assert load(routine("steps:\n  - point: temporalis.1\n    cycles: 3.0\n")).ok
    assert where(routine("steps:\n  - point: temporalis.1\n    cycles: 2.5\n")) == [
        (6, 13, "error")]
    assert where(routine('steps:\n  - point: temporalis.1\n    cycles: "3"\n')) == [
        (6, 13, "error")]


@rule("R27")
def test_positions_count_code_points_and_line_ends() -> None:
    crlf = "tpguide: 1\r\nid: t\r\ntitle: ééé\r\ntitel: x\r\n" + STEP.replace("\n", "\r\n")
    assert where(crlf) == [(4, 1, "error")]
    cr = "tpguide: 1\rid: t\rtitle: T\rtitel: x\r" + STEP.replace("\n", "\r")
    assert where(cr) == [(4, 1, "error")]
    bom = "\ufefftpguide: 1\nid: t\ntitle: T\n  titel: x\n"
    assert where(bom)[0][:2] == (4, 8) or where(bom)[0][0] == 4
    uni = "tpguide: 1\nid: t\ntitle: ééé\nsummary: ü\u2028\nx: 1\n" + STEP
    assert (5, 1, "error") in where(uni)


@rule("R27")
def test_bom_is_not_counted() -> None:
    from tpguide.core.routines.loader import load_routine_bytes

    data = "\ufefftpguide: 1\nid: t\ntitle: T\ntitel: x\n".encode() + STEP.encode()
    assert [(d.line, d.column) for d in load_routine_bytes(data).errors] == [(4, 1)]


@rule("R28")
def test_diagnostics_are_capped_at_a_thousand() -> None:
    steps = "".join(f"  - point: temporalis.1\n    bad{i}: 1\n" for i in range(120))
    text = HEAD + "defaults:\n" + "".join(f"  x{i}: 1\n" for i in range(1100)) + "steps:\n" + steps
    diags = load(text).diagnostics
    assert len(diags) == 1001
    # 1100 + 120 unknown keys, and the 120 points run over three hours: 1221 in all
    assert diags[-1].message.startswith("221 more problems")


@rule("R29")
def test_defaults_problem_reported_once_at_the_value() -> None:
    text = routine("steps:\n  - point: temporalis.1\n  - point: temporalis.2\n",
                   HEAD + "defaults:\n  press: 100\n  tool: pincer\n")
    warnings = load(text).warnings
    assert [(d.line, d.column) for d in warnings] == [(5, 10), (6, 9)]


@rule("R29")
def test_together_from_defaults_is_reported_once() -> None:
    text = routine("steps:\n  - point: scalenes.1\n    pressure: light\n"
                   "  - point: sternocleidomastoid.sternal\n    pressure: light\n",
                   HEAD + "defaults:\n  side: together\n  tool: fingers\n")
    errors = load(text).errors
    assert [(d.line, d.column) for d in errors] == [(5, 9)]


@rule("R30")
def test_messages_escape_control_characters_and_cut_long_text() -> None:
    text = routine('steps:\n  - point: "temporalis.\\u0007' + "x" * 80 + '"\n')
    message = messages(text)[0]
    assert "\\u0007" in message and "\u0007" not in message
    assert "…" in message and "x" * 60 not in message


def test_the_contract_example_loads_with_the_documented_total() -> None:
    from pathlib import Path

    from tpguide.core.routines.loader import load_routine_file

    result = load_routine_file(Path(__file__).parent.parent / "routines" / "example.yaml")
    assert result.ok and result.diagnostics == []
    assert result.total_seconds == 740.0


SAY_5S = "Breathe out slowly, let the shoulders drop and the jaw relax"  # 60 characters


@rule("R31")
def test_say_text_too_long_for_its_rest_warns_at_the_say_key() -> None:
    assert len(SAY_5S) == 60
    text = routine(f"steps:\n  - point: temporalis.1\n  - rest: 4s\n    say: {SAY_5S}\n")
    result = load(text)
    assert result.ok
    assert [(d.line, d.column, d.message) for d in result.warnings] == [
        (7, 5, "say takes about 5 s to speak, more than the 4 s rest phase it starts has room "
               "for after its tone; it will be shown, not spoken (make rest longer or the text "
               "shorter)")]
    assert "7:5: warning: say takes about 5 s" in result.warnings[0].format("t.yaml")
    roomy = routine(f"steps:\n  - point: temporalis.1\n  - rest: 10s\n    say: {SAY_5S}\n")
    assert load(roomy).warnings == []


@rule("R31")
def test_say_on_a_point_step_is_judged_in_its_first_phase() -> None:
    def warnings(settings: str) -> list[tuple[int, int, str]]:
        text = routine(f"steps:\n  - point: temporalis.1\n{settings}    say: {SAY_5S}\n")
        return [(d.line, d.column, d.message.split(";")[0]) for d in load(text).warnings]

    # prepare (5 s by default) also names the point's side before the say text
    assert warnings("") == [
        (6, 5, "say takes about 5 s to speak, more than the 5 s prepare phase it starts has "
               "room for after its tone")]
    assert warnings("    prepare: 8s\n") == []
    assert warnings("    prepare: 0\n") == []  # then it is said in the 30 s press
    assert [m for _, _, m in warnings("    prepare: 0\n    press: 4s\n")] == [
        "say takes about 5 s to speak, more than the 4 s press phase it starts has room for "
        "after its tone"]


@rule("R31")
def test_a_short_say_text_in_a_short_phase_is_fine() -> None:
    text = routine("steps:\n  - rest: 4s\n    say: Breathe.\n  - point: temporalis.1\n")
    assert load(text).warnings == []


@rule("R32")
@pytest.mark.parametrize("where_", ["defaults", "step"])
@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False),
                                             ("!!bool true", True)])
def test_until_eased_takes_true_or_false(where_: str, text: str, value: bool) -> None:
    if where_ == "defaults":
        body = f"defaults:\n  until_eased: {text}\n" + STEP
    else:
        body = STEP + f"    until_eased: {text}\n"
    result = load(routine(body))
    assert result.diagnostics == []
    assert result.routine is not None
    assert result.routine.point_steps[0].settings.until_eased is value


@rule("R32")
@pytest.mark.parametrize("bad", ["yes", "no", "on", "off", "True", "FALSE", "1", "0", "'true'",
                                 '"false"', "y", "eased", "[true]"])
def test_until_eased_refuses_anything_but_true_or_false(bad: str) -> None:
    text = routine(STEP + f"    until_eased: {bad}\n")
    result = load(text)
    assert not result.ok
    assert [(d.line, d.column) for d in result.errors] == [(6, 18)]
    if bad != "[true]":
        assert "until_eased is true or false" in result.errors[0].message


@rule("R32", "R22")
def test_an_empty_until_eased_is_a_type_error_at_its_key() -> None:
    result = load(routine(STEP + "    until_eased:\n"))
    assert [(d.line, d.column, d.severity) for d in result.diagnostics] == [(6, 5, "error")]
    assert "true or false" in result.errors[0].message


@rule("R32", "R08")
def test_until_eased_is_not_a_rest_step_setting() -> None:
    text = routine("steps:\n  - rest: 5s\n    until_eased: true\n  - point: temporalis.1\n")
    assert where(text) == [(6, 5, "error")]


@rule("R32", "R08")
def test_a_misspelt_until_eased_suggests_the_key() -> None:
    assert "did you mean 'until_eased'?" in messages(routine(STEP + "    until_easd: true\n"))[0]


@rule("R32", "R29")
def test_a_bad_until_eased_in_defaults_is_reported_once() -> None:
    text = routine("defaults:\n  until_eased: yes\nsteps:\n  - point: temporalis.1\n"
                   "  - point: masseter.1\n")
    assert where(text) == [(5, 16, "error")]


@rule("R33")
def test_until_eased_keeps_press_as_its_longest_and_adds_no_warning() -> None:
    plain = load(routine(STEP + "    press: 60s\n"))
    eased = load(routine(STEP + "    press: 60s\n    until_eased: true\n"))
    assert eased.diagnostics == []
    assert eased.total_seconds == plain.total_seconds


@rule("R33", "R13")
def test_a_long_until_eased_press_still_warns() -> None:
    text = routine(STEP + "    press: 120s\n    cycles: 2\n    until_eased: true\n")
    assert [d.message.split(";")[0] for d in load(text).warnings] == ["press of 120 s is long"]


def test_every_rule_has_a_test() -> None:
    untested = sorted(set(RULES) - set(TESTED))
    assert untested == []
