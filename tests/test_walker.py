"""Every page and dialog fits a 1024x600 and a 1280x800 screen in English, Spanish and the
pseudo-language: no text cut, no sideways scroll, every word from the catalogue, and no
Alt+letter claimed twice in one window.

The walk runs the real app in a process of its own on an offscreen screen of that size, built
in that language (``tests/walker.py``); the checks it uses are shown catching what they claim
on made-up widgets below. The pseudo-language (every string ~40 % longer, accented, in
brackets) finds text that would not fit a longer language and words that never went through
the catalogue; Spanish finds what its real words need.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.walker import button_problem, combo_problem, label_problem, view_problem
from tests.walker_words import Catalogue, accelerator, accelerator_clashes, not_pseudo
from tpguide.core.i18n.pseudo import pseudo_text

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1024, 600), (1280, 800)]
LANGUAGES = ["en", "es", "qps"]

ALLOWED: list[tuple[str, str, str]] = [
    # (place, widget, reason): nothing is allowed today; a new entry needs its reason here.
]
"""Known places where text may need more room than it gets, each with the reason."""

PLACES = {
    "start page", "routine page gentle-headache", "problems page", "cannot start message",
    "atlas", "where does it hurt, points", "where does it hurt, the short routine",
    "history, Pain over time", "history, Your points", "routine page desk-neck-shoulders",
    "settings", "log a headache", "log a headache, with medicine",
    "safety notes before the first session", "pain before", "pain after",
    "who is the handout for", "course editor, new course", "routine editor, new routine",
    "session, get ready", "session, press", "session, I feel unwell",
    "send to my therapist", "doctor report", "delete all my data", "clients page",
}


@functools.cache
def _walk(width: int, height: int, language: str) -> dict[str, list[object]]:
    """One walk per language and size for the whole run: the checks below read the same one
    (a walk takes a few seconds)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "tests.walker", str(width), str(height),
                          "--language", language],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                         check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    result: dict[str, list[object]] = json.loads(run.stdout)
    return result


def _allowed(problem: dict[str, str]) -> bool:
    return any(place in problem["where"] and widget in problem["what"]
               for place, widget, _reason in ALLOWED)


def _lines(found: list[dict[str, str]]) -> list[str]:
    return [f"{p['where']}: {p['what']}: {p['problem']}" for p in found if not _allowed(p)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_page_and_dialog_fits_the_screen(language: str, width: int, height: int) -> None:
    walked = _walk(width, height, language)
    missing = PLACES - set(walked["seen"])  # type: ignore[arg-type]
    assert not missing, f"the walk did not reach: {sorted(missing)}"
    lines = _lines(walked["problems"])  # type: ignore[arg-type]
    assert not lines, "\n".join(lines)


@pytest.mark.parametrize("language", ["qps", "es"])
def test_every_word_shown_comes_from_the_catalogue(language: str) -> None:
    """Pseudo: every word is accented (marked for translation) unless it is data; Spanish:
    nothing is shown in the English of a catalogue entry that has no Spanish."""
    walked = _walk(*SIZES[0], language)
    lines = sorted(set(_lines(walked["untranslated"])))  # type: ignore[arg-type]
    assert not lines, f"{len(lines)} texts:\n" + "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_things_in_one_window_share_an_alt_letter(language: str) -> None:
    walked = _walk(*SIZES[0], language)
    lines = sorted(set(_lines(walked["clashes"])))  # type: ignore[arg-type]
    assert not lines, "\n".join(lines)


# ----- the checks catch what they claim -------------------------------------------------------
def _shown(qtbot: QtBot, widget: QWidget, width: int, height: int = 40) -> None:
    qtbot.addWidget(widget)
    widget.setFixedSize(width, height)
    widget.show()


def test_a_label_too_narrow_or_too_short_is_caught(qtbot: QtBot) -> None:
    narrow = QLabel("Back of the neck, both sides")
    _shown(qtbot, narrow, 60)
    assert label_problem(narrow) is not None
    wrapped = QLabel("Back of the neck, both sides, and up into the head " * 3)
    wrapped.setWordWrap(True)
    _shown(qtbot, wrapped, 200, 20)
    assert "height" in (label_problem(wrapped) or "")
    roomy = QLabel("&Title")  # a mnemonic: drawn without the &
    _shown(qtbot, roomy, roomy.fontMetrics().horizontalAdvance("Title") + 2)
    roomy.setBuddy(QWidget())
    assert label_problem(roomy) is None


def test_buttons_combos_and_lists_that_cut_their_text_are_caught(qtbot: QtBot) -> None:
    button = QPushButton("Save as my routine")
    _shown(qtbot, button, 40)
    assert button_problem(button) is not None
    box = QCheckBox("Ask how much it hurts before and after each session")
    _shown(qtbot, box, 80)
    assert button_problem(box) is not None
    combo = QComboBox()
    combo.addItems(["Any", "Up to 5 minutes"])  # the shown choice fits; the other would not
    _shown(qtbot, combo, 70)
    assert "Up to 5 minutes" in (combo_problem(combo) or "")
    cut = QListWidget()
    cut.setTextElideMode(Qt.TextElideMode.ElideRight)
    cut.addItem("Levator scapulae, above the shoulder blade")
    _shown(qtbot, cut, 90, 80)
    assert view_problem(cut) is not None


def test_english_left_in_the_pseudo_language_is_caught_and_data_is_not() -> None:
    assert not_pseudo(pseudo_text("Press &Start to begin {name}").format(name="gentle-headache")) \
        is None
    assert not_pseudo(pseudo_text("{action} (key: {key})").format(
        action=pseudo_text("Next point"), key="Page Down")) == "Page Down"
    assert not_pseudo("broken.yaml:2:5: error: 12 Mar 2025, 10:40") is None
    assert not_pseudo("Upper trapezius") == "Upper trapezius"


def test_an_alt_letter_claimed_twice_in_one_window_is_caught(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    for text in ("&Save", "&Start", "Save &as…", "a && b"):
        row.addWidget(QPushButton(text))
    window.show()
    assert accelerator_clashes(window) == [
        "window: Alt+S is claimed by QPushButton[] '&Save', QPushButton[] '&Start'"]
    assert accelerator("a && b") is None and accelerator("Save &as…") == "a"


def test_spanish_showing_a_catalogue_string_in_english_is_caught() -> None:
    catalogue = Catalogue("es")
    catalogue.translations = {"¿Dónde te duele?", "Atlas"}
    assert catalogue.untranslated("Where does it hurt?")  # an entry, shown in English
    assert not catalogue.untranslated("¿Dónde te duele?")
    assert not catalogue.untranslated("Atlas")  # the same word in both languages
    assert not catalogue.untranslated("12:40")  # not words of the catalogue: data
