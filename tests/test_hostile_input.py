"""Hostile and arbitrary input: only a Routine or located diagnostics come back, cheaply."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from tests.fifo_helpers import fifo_at
from tpguide.core.atomic_io import NotAFileError
from tpguide.core.courses.loader import load_course_file
from tpguide.core.library.sharing import (
    MAX_ARCHIVE_BYTES,
    check_routine_bytes,
    import_routines,
    read_archive,
)
from tpguide.core.routines.diagnostics import CONTROL_CHARACTERS
from tpguide.core.routines.loader import (
    LoadResult,
    load_routine_bytes,
    load_routine_file,
    load_routine_text,
)
from tpguide.core.routines.yamlsafe import LineTable

ROOT = Path(__file__).resolve().parent.parent
GOOD = "tpguide: 1\nid: hostile-ok\ntitle: Fine\nsteps:\n  - point: temporalis.1\n"

SETTINGS = settings(deadline=None, max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow])


def assert_located(result: LoadResult, text: str) -> None:
    assert result.routine is not None or result.errors
    table = LineTable(text)
    last_line = table.position(len(text))[0]
    for d in result.diagnostics:
        assert 1 <= d.line <= last_line, d
        assert d.column >= 1


def lines_of(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    result = load_routine_bytes(data)
    assert_located(result, lines_of(data))


@SETTINGS
@given(st.text(max_size=1500))
def test_arbitrary_text(text: str) -> None:
    assert_located(load_routine_text(text), text)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=True), st.text(max_size=30),
                     st.sampled_from(["1:30", "45s", "2m", "yes", "together", "temporalis.1",
                                      "upper-trapezius.1", "pincer", "light", "3.0"]))
_keys = st.sampled_from(["tpguide", "id", "title", "steps", "defaults", "point", "press",
                         "release", "rest", "side", "cycles", "pressure", "tool", "say", "tags",
                         "safety", "switch", "prepare", "instructions", "relase", "x"])
_trees = st.recursive(_scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=5), st.dictionaries(_keys, kids, max_size=6)), max_leaves=25)


@SETTINGS
@given(st.dictionaries(_keys, _trees, max_size=8))
def test_arbitrary_yaml_trees(tree: dict[str, object]) -> None:
    text = yaml.safe_dump(tree, default_flow_style=False, allow_unicode=True)
    assert_located(load_routine_text(text), text)


def test_hundred_thousand_brackets_are_refused_without_crashing() -> None:
    text = "[" * 100_000
    result = load_routine_text(text)
    assert len(result.errors) == 1 and "nests" in result.errors[0].message


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    text = "\n".join(lines) + "\n"
    tracemalloc.start()
    result = load_routine_text(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.errors and all("anchors" in d.message or "aliases" in d.message
                                 for d in result.errors)
    assert peak < 20 * 1024 * 1024


def test_ten_megabytes_is_refused_at_the_door() -> None:
    data = b"a" * (10 * 1024 * 1024)
    tracemalloc.start()
    result = load_routine_bytes(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "256 KiB" in result.errors[0].message
    assert peak < 1024 * 1024  # refused before decoding: no copy of the 10 MB is made


def test_huge_integers_and_special_floats_are_located_errors() -> None:
    base = "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - point: temporalis.1\n"
    for value in ("9" * 5000, "1e400", ".nan", "-.inf", "0x10", "1_000"):
        for key in ("cycles", "press", "pressure"):
            result = load_routine_text(base + f"    {key}: {value}\n")
            assert [(d.line, d.severity) for d in result.errors] == [(6, "error")], (key, value)


def test_binary_and_utf16_files_are_refused_with_a_location() -> None:
    for data in (bytes(range(256)) * 4, "tpguide: 1\n".encode("utf-16-le"),
                 b"tpguide: 1\n\x00\x00"):
        result = load_routine_bytes(data)
        assert result.errors and result.errors[0].line >= 1


def test_python_tags_never_execute(tmp_path: object) -> None:
    text = "tpguide: !!python/object/apply:os.system ['touch /tmp/tpguide-pwned']\n"
    result = load_routine_text(text)
    assert result.errors and "tag" in result.errors[0].message
    import os
    assert not os.path.exists("/tmp/tpguide-pwned")


# ---------------------------------------------------------------------- named pipes and devices
FIFO_SAYS = "error: cannot read the file: it is a named pipe (FIFO), not a file"


@pytest.mark.parametrize("args", [
    ["validate", "{f}"], ["validate", "{c}"], ["plan", "{f}"], ["run", "{f}"],
    ["handout", "{f}", "-o", "out.pdf"],
])
def test_a_named_pipe_called_yaml_is_refused_by_every_command(
    tmp_path: Path, args: list[str]
) -> None:
    with fifo_at(tmp_path / "pipe.yaml"), fifo_at(tmp_path / "pipe.course.yaml"):
        given = [a.format(f="pipe.yaml", c="pipe.course.yaml") for a in args]
        done = subprocess.run(
            [sys.executable, "-m", "tpguide", *given], cwd=tmp_path, capture_output=True,
            text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                 "TPGUIDE_AUDIO": "off"})
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"{given[1]}: {FIFO_SAYS}"
    assert not (tmp_path / "out.pdf").exists()


def test_pipes_folders_and_devices_are_refused_as_what_they_are(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    with fifo_at(tmp_path / "pipe.yaml") as pipe:
        for path, kind in ((pipe, "a named pipe (FIFO)"), (tmp_path / "folder.yaml", "a folder"),
                           (Path("/dev/zero"), "a device")):
            with pytest.raises(NotAFileError) as caught:
                load_routine_file(path)
            assert caught.value.strerror == f"it is {kind}, not a file"
            with pytest.raises(NotAFileError):
                load_course_file(path)
        with pytest.raises(NotAFileError):
            read_archive(pipe)


def test_a_named_pipe_in_the_routines_folder_does_not_stop_an_import(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    with fifo_at(folder / "stuck.yaml"):
        verdict = check_routine_bytes("new.yaml", GOOD.encode())
        outcome = import_routines([verdict], folder)
    assert [p.name for p in outcome.written] == ["hostile-ok.tpguide.yaml"]


def test_a_zip_larger_than_any_pack_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.zip"
    with huge.open("wb") as handle:  # sparse: no disk space, and never read
        handle.truncate(MAX_ARCHIVE_BYTES + 1)
    verdict = read_archive(huge)
    assert verdict.refused is not None and "a pack of routines is at most" in verdict.refused


def test_the_app_shows_why_a_named_pipe_cannot_be_opened(qtbot: QtBot, tmp_path: Path) -> None:
    from tpguide.core.settings import SettingsStore
    from tpguide.ui.shell.main_window import MainWindow
    from tpguide.ui.widgets.settings_owner import SettingsOwner

    window = MainWindow(SettingsOwner(SettingsStore()), watch=False)
    qtbot.addWidget(window)
    with fifo_at(tmp_path / "pipe.yaml") as pipe, fifo_at(tmp_path / "pack.zip") as pack:
        item = window.open_file(pipe)
        window.open_file(pack)
    assert item is not None and not item.ok
    assert [d.message for d in item.result.errors] == [
        "cannot be read: it is a named pipe (FIFO), not a file"]
    assert window.current_page() == "problems"
    assert window.sharing.report == [
        "Could not read pack.zip: it is a named pipe (FIFO), not a file"]


# ---------------------------------------------------------------------- control and bidi characters
FORBIDDEN = [0x00, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F,
             0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
             0x2069]
TEXT_BASE = ("tpguide: 1\nid: t\ntitle: {title}\nsteps:\n  - point: temporalis.1\n"
             "    instructions: \"Press\\tgently.\\nBreathe.\"\n")


def control_errors(result: LoadResult) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in result.errors]


@pytest.mark.parametrize("code", FORBIDDEN)
def test_each_control_character_is_an_error_where_it_is_written(code: int) -> None:
    escaped = TEXT_BASE.format(title=f'"Neck \\u{code:04x} care"')
    assert control_errors(load_routine_text(escaped)) == [
        (3, 14, f"text may not contain control characters (U+{code:04X})")]


@pytest.mark.parametrize("code", [0x85, 0x2028, 0x2029, 0x202A, 0x202E, 0x2066, 0x2069])
def test_raw_separators_and_bidi_characters_are_errors_where_they_are(code: int) -> None:
    raw = TEXT_BASE.format(title=f"Neck {chr(code)} care")
    errors = control_errors(load_routine_text(raw))
    assert errors[0] == (3, 13, f"text may not contain control characters (U+{code:04X})")


def test_several_in_one_text_are_each_reported_and_tab_and_newline_are_fine() -> None:
    text = TEXT_BASE.format(title='"\\e]0;owned\\a\\e[2K"')
    assert [(line, col) for line, col, _ in control_errors(load_routine_text(text))] == [
        (3, 9), (3, 19), (3, 21)]
    fine = load_routine_text(TEXT_BASE.format(title="Neck care"))
    assert fine.routine is not None
    assert fine.routine.steps[0].instructions == "Press\tgently.\nBreathe."


def test_courses_refuse_them_too() -> None:
    from tpguide.core.courses.loader import load_course_text

    text = ("tpguide-course: 1\nid: c\ntitle: \"Course \\u202e\"\nstages:\n"
            "  - routine: tension-headache-basic\n    days: 7\n    per_day: 1\n")
    result = load_course_text(text, {"tension-headache-basic"})
    assert ("text may not contain control characters (U+202E)"
            in [d.message for d in result.diagnostics if d.is_error])


_PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn"),
                               blacklist_characters=[chr(c) for c in FORBIDDEN]), max_size=20)


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@SETTINGS
@given(_PLAIN, st.sampled_from(FORBIDDEN), _PLAIN)
def test_no_forbidden_character_ever_reaches_a_routine(before: str, code: int,
                                                       after: str) -> None:
    title = f'"{_quoted(before)}\\u{code:04x}{_quoted(after)}"'
    result = load_routine_text(TEXT_BASE.format(title=title))
    assert result.routine is None
    assert f"text may not contain control characters (U+{code:04X})" in [
        d.message for d in result.errors]


def test_list_and_validate_never_print_them_raw(tpguide_home: Path, tmp_path: Path) -> None:
    own = tpguide_home / "data" / "routines"
    own.mkdir(parents=True)
    (own / "\x1b]0;owned\x07.yaml").write_text("tpguide: 1\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(TEXT_BASE.format(title='"\\e[2KFake line\\u202e"'), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TPGUIDE_HOME": str(tpguide_home)}
    listed = subprocess.run([sys.executable, "-m", "tpguide", "list"], env=env,
                            capture_output=True, text=True, timeout=120)
    checked = subprocess.run([sys.executable, "-m", "tpguide", "validate", str(bad)], env=env,
                             capture_output=True, text=True, timeout=120)
    assert "\\u001b]0;owned\\u0007" in listed.stdout
    assert checked.returncode == 1
    for out in (listed.stdout, listed.stderr, checked.stdout, checked.stderr):
        assert not CONTROL_CHARACTERS.search(out.replace("\n", "")), out
