"""The one translation system: language choice, catalogues in step, Qt's tr() on the same words."""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tpguide.core.i18n import (
    _,
    active_language,
    ngettext,
    pgettext,
    system_language,
    use_language,
)
from tpguide.core.i18n.catalog import DOMAINS
from tpguide.core.i18n.extract import Found, python_strings
from tpguide.core.i18n.po import Entry, compile_mo, format_po, parse_po
from tpguide.core.i18n.pseudo import pseudo_text
from tpguide.ui.translation import apply_language

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "assets" / "locale"
SHIPPED = ("es",)


def _updater():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_catalogues", ROOT / "assets" / "tools" / "update_catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANGUAGE": "es"}, "es"),
    ({"LANGUAGE": "es", "LANG": "C.UTF-8"}, "es"),  # a bare shell still honours LANGUAGE
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_ES"}, "en"),
    ({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, "es"),  # the first one tpguide has
    ({"LANGUAGE": "fr", "LANG": "es_AR.UTF-8"}, "es"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
])
def test_the_language_follows_the_system(env: dict[str, str], expected: str) -> None:
    assert system_language(env) == expected


def test_english_needs_no_catalogue() -> None:
    assert active_language() == "en"
    assert _("Press") == "Press"
    assert ngettext("{n} point", "{n} points", 2) == "{n} points"


def test_the_pseudo_language_is_longer_accented_and_keeps_placeholders() -> None:
    text = "Press &Start to begin {name} with %n points <b>now</b>"
    fake = pseudo_text(text)
    assert len(fake) >= 1.4 * len(text)
    for kept in ("&S", "{name}", "%n", "<b>", "</b>"):
        assert kept in fake
    assert "é" in fake or "á" in fake


def test_po_files_round_trip_and_compile_to_what_gettext_reads() -> None:
    entries = [Entry("Press", None, None, ("Presiona",)),
               Entry("Rest", "phase", None, ("Descansa",)),
               Entry("%n point", None, "%n points", ("%n punto", "%n puntos")),
               Entry("Line one\nline \"two\"", None, None, ("Línea uno\nlínea «dos»",)),
               Entry("Not yet", None, None, ("",))]
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    text = format_po(header, entries)
    read_header, read = parse_po(text)
    assert read_header == header
    assert [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr) for e in read] == [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr) for e in entries]
    catalog = gettext.GNUTranslations(io.BytesIO(compile_mo(header, entries)))
    assert catalog.gettext("Press") == "Presiona"
    assert catalog.pgettext("phase", "Rest") == "Descansa"
    assert catalog.gettext("Rest") == "Rest"  # the context is part of the key
    assert catalog.ngettext("%n point", "%n points", 3) == "%n puntos"
    assert catalog.gettext("Line one\nline \"two\"") == "Línea uno\nlínea «dos»"
    assert catalog.gettext("Not yet") == "Not yet"


def test_an_f_string_inside_tr_is_reported_not_missed() -> None:
    found = Found()
    python_strings('x = self.tr(f"Hello {name}")\ny = _("Plain")\n', "m.py", found)
    assert [e.msgid for e in found.entries.values()] == ["Plain"]
    assert found.problems and "m.py:1" in found.problems[0]


def test_the_committed_catalogues_are_in_step_with_the_code_and_data() -> None:
    """Fails when a string was added or changed without running the updater."""
    stale = [str(path.relative_to(ROOT)) for path, data in _updater().planned().items()
             if not path.is_file() or path.read_bytes() != data]
    assert not stale, ("run: python assets/tools/update_catalogues.py — out of step: "
                       + ", ".join(stale))


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d|%\([a-z_]+\)[sr]|%[sr]|<[^<>]*>|&[a-z]+;")


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_is_translated_with_its_placeholders(language: str, domain: str) -> None:
    path = LOCALE / language / f"{domain}.po"
    _, entries = parse_po(path.read_text(encoding="utf-8"), str(path))
    missing = [e.msgid[:60] for e in entries if not e.translated]
    assert not missing, f"{len(missing)} untranslated in {path.name}: {missing[:10]}"
    wrong = []
    for e in entries:
        for i, text in enumerate(e.msgstr):
            source = e.msgid if i == 0 or e.msgid_plural is None else e.msgid_plural
            want = sorted(_PLACEHOLDER.findall(source))
            got = sorted(_PLACEHOLDER.findall(text))
            if e.msgid_plural is not None and "%n" not in source:
                want, got = [w for w in want if w != "%n"], [g for g in got if g != "%n"]
            if want != got:
                wrong.append(f"{e.msgid[:50]!r}: {want} vs {got}")
            if source.count("&") - source.count("&&") and "&" not in text:
                wrong.append(f"{e.msgid[:50]!r}: the accelerator & is lost")
    assert not wrong, "\n".join(wrong[:20])


def test_qt_tr_and_qt_dialogs_speak_the_chosen_language(qapp: QApplication) -> None:
    apply_language(qapp, "es")
    assert active_language() == "es"
    assert QCoreApplication.translate("SettingsView", "Settings") == _("Settings") != "Settings"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None and button.text().replace("&", "") == "Cancelar"
    apply_language(qapp, "en")
    assert QCoreApplication.translate("SettingsView", "Settings") == "Settings"


def test_a_context_lets_one_english_word_translate_two_ways() -> None:
    use_language("es")
    assert pgettext("atlas", "Temple") != "Temple"


def test_tr_finds_words_plurals_and_contexts_and_shows_english_where_none(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A string missing from the catalogue shows its English words, never an empty label."""
    from PySide6.QtWidgets import QWidget

    from tpguide.core.i18n import catalog

    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    (tmp_path / "ui.mo").write_bytes(compile_mo(header, [
        Entry("Settings", None, None, ("Ajustes",)),
        Entry("%n problem(s) to fix.", None, "%n problem(s) to fix.",
              ("%n problema por corregir.", "%n problemas por corregir.")),
        Entry("Rest", "phase", None, ("Descansa",))]))
    monkeypatch.setattr(catalog, "catalogue_file", lambda lang, dom: str(tmp_path / f"{dom}.mo"))
    apply_language(qapp, "es")

    class Page(QWidget):
        def words(self) -> tuple[str, ...]:
            return (self.tr("Settings"), self.tr("%n problem(s) to fix.", "", 1),
                    self.tr("%n problem(s) to fix.", "", 3), self.tr("Rest", "phase"),
                    self.tr("Rest"), self.tr("Not in the catalogue"))

    assert Page().words() == ("Ajustes", "1 problema por corregir.", "3 problemas por corregir.",
                              "Descansa", "Rest", "Not in the catalogue")
    assert QCoreApplication.translate("AnyContext", "Settings") == "Ajustes"
