"""The command line in Spanish, as a person runs it: ``LANGUAGE=es tpguide validate``,
``points`` and ``new`` speak Spanish, while ``error:``/``warning:`` and ``file:line:col:``
stay as editors and scripts match them; built-in routines come translated and routines
people wrote stay exactly as written.

The subprocess tests read the expected Spanish from the committed catalogue
(``assets/locale/es/core.po``), so they hold whatever words the translators choose, and fail
when a message they name has no Spanish.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tpguide import resources
from tpguide.core.i18n import active_language, catalog, use_language
from tpguide.core.i18n.po import Entry, compile_mo, parse_po
from tpguide.core.routines.describe import by_builtin_team
from tpguide.core.routines.loader import load_routine_file, load_routine_text
from tpguide.core.routines.starter import starter_text

ROOT = Path(__file__).resolve().parent.parent
CORE_PO = ROOT / "assets" / "locale" / "es" / "core.po"
STEP_NEEDS = "a step needs 'point' (press a point) or 'rest' (a pause)"
HIGH_PRESSURE = "pressure {level}/10 is high; sources advise staying at or below {limit}/10"
UNKNOWN_ZONE = "unknown zone {zone}; known zones: {zones}"
BROKEN = ("tpguide: 1\nid: t\ntitle: T\nsteps:\n  - point: temporalis.1\n    pressure: 8\n"
          "  - say: hello\n")


def spanish(msgid: str) -> str:
    """The committed Spanish for a core message; the test fails when there is none."""
    _, entries = parse_po(CORE_PO.read_text(encoding="utf-8"), str(CORE_PO))
    found = next((e for e in entries if e.msgid == msgid and e.msgctxt is None), None)
    assert found is not None and found.msgstr[0], f"core.po has no Spanish for {msgid!r}"
    assert found.msgstr[0] != msgid
    return found.msgstr[0]


def tpguide(*args: str, language: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    env["PYTHONPATH"] = str(ROOT)
    if language is not None:
        env["LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "tpguide", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_validate_in_english_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    done = tpguide("validate", "broken.yaml", language=None, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "broken.yaml:6:15: warning: pressure 8/10 is high; sources advise staying at or below "
        "7/10",
        f"broken.yaml:7:5: error: {STEP_NEEDS}",
    ]


def test_validate_speaks_spanish_with_english_severity_and_position(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    done = tpguide("validate", "broken.yaml", language="es", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "broken.yaml:6:15: warning: " + spanish(HIGH_PRESSURE).format(level=8, limit=7),
        "broken.yaml:7:5: error: " + spanish(STEP_NEEDS),
    ]


def test_points_speaks_spanish(tmp_path: Path) -> None:
    done = tpguide("points", "--refers-to", "nowhere", language="es", cwd=tmp_path)
    assert done.returncode == 2
    said = spanish(UNKNOWN_ZONE).format(zone="'nowhere'", zones="")
    assert done.stderr.startswith("tpguide: " + said)
    english = tpguide("points", "--refers-to", "nowhere", language=None, cwd=tmp_path)
    assert english.stderr.startswith("tpguide: unknown zone 'nowhere'; known zones: ")


def test_points_lists_regions_and_warnings_in_spanish(tmp_path: Path) -> None:
    done = tpguide("points", language="es", cwd=tmp_path)
    assert done.returncode == 0
    first = done.stdout.splitlines()[0]
    assert first.startswith("upper-trapezius.1") and "Hombros" in first  # ids stay, words not
    assert "Trapecio superior" in first
    jaw = tpguide("points", "--refers-to", "zone-jaw", language="es", cwd=tmp_path)
    assert jaw.stderr.startswith("tpguide: Dolor o presión en el pecho")  # the heart first


def test_argparse_words_speak_spanish_but_error_stays_english(tmp_path: Path) -> None:
    done = tpguide("validate", language="es", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith("uso: tpguide validate")
    assert done.stderr.splitlines()[-1] == (
        "tpguide validate: error: " + spanish("the following arguments are required: %s")
        % "FILE")
    helped = tpguide("validate", "--help", language="es", cwd=tmp_path)
    assert "opciones:" in helped.stdout and "options:" not in helped.stdout
    english = tpguide("validate", language=None, cwd=tmp_path)
    assert english.stderr.splitlines()[-1] == (
        "tpguide validate: error: the following arguments are required: FILE")


def test_new_writes_a_spanish_starter_that_validates(tmp_path: Path) -> None:
    done = tpguide("new", "mine.yaml", language="es", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "mine.yaml").read_text(encoding="utf-8")
    assert f"title: {spanish('My routine')}\n" in text
    assert "press: 30s" in text and "pressure: moderate" in text  # the format's own words
    checked = tpguide("validate", "mine.yaml", language="es", cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "")


@pytest.fixture
def speaking() -> Iterator[None]:
    """Put the process back into English whatever a test switched to."""
    yield
    use_language("en")


def test_the_starter_validates_in_every_language(speaking: None) -> None:
    """Translated example texts are quoted where YAML needs it: the pseudo-language's
    accents and longer words must still give a routine without errors."""
    for language in ("en", "qps"):
        use_language(language)
        text = starter_text(None, "my-routine.yaml")
        assert text is not None
        result = load_routine_text(text)
        assert result.errors == [] and result.routine is not None
    assert result.routine.title != "My routine"  # the pseudo-language changed it


@pytest.fixture
def routine_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      speaking: None) -> dict[str, str]:
    """A tiny Spanish routines catalogue for one built-in routine's texts, used in place of
    the committed one (which the translators fill)."""
    source = resources.builtin_routine_files()[0]
    routine = load_routine_file(source).routine
    assert routine is not None
    step = routine.steps[0]
    texts = {routine.title: "Título en español", "tpguide team": "equipo de tpguide", **(
        {step.instructions: "Instrucciones en español"} if step.instructions else {})}
    entries = [Entry(english, "routine", None, (spanish_text,))
               for english, spanish_text in texts.items()]
    mo = tmp_path / "routines.mo"
    mo.write_bytes(compile_mo("Content-Type: text/plain; charset=UTF-8\n", entries))
    real = catalog.catalogue_file
    monkeypatch.setattr(catalog, "catalogue_file", lambda language, domain: str(mo) if (
        language, domain) == ("es", "routines") else real(language, domain))
    use_language("es")
    assert active_language() == "es"
    return {"file": str(source), "title": routine.title, **texts}


def test_a_builtin_routine_comes_in_the_readers_language(
        routine_catalogue: dict[str, str]) -> None:
    routine = load_routine_file(routine_catalogue["file"]).routine
    assert routine is not None
    assert routine.title == "Título en español"
    assert routine.author == "equipo de tpguide"  # "by equipo de tpguide" on its page
    assert by_builtin_team(routine.author)  # so its handout credits no therapist
    if "Instrucciones en español" in routine_catalogue.values():
        assert routine.steps[0].instructions == "Instrucciones en español"


def test_a_routine_a_person_wrote_stays_as_written(routine_catalogue: dict[str, str],
                                                   tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copyfile(routine_catalogue["file"], mine)
    routine = load_routine_file(mine).routine
    assert routine is not None
    assert routine.title == routine_catalogue["title"]
    assert routine.author == "tpguide team"
    assert all(step.instructions != "Instrucciones en español" for step in routine.steps)
