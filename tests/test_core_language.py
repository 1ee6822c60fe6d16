"""The core's words follow the chosen language: atlas, settings notices, diary alerts, reports.

Each test builds a tiny Spanish catalogue in a temporary folder (so it does not depend on the
shipped translations being complete) and checks what a person would read, then that English
comes back and that nothing stored changed language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.diary.alerts import headache_alert, medication_overuse
from tpguide.core.diary.records import HeadacheEntry
from tpguide.core.i18n import catalog, use_language
from tpguide.core.i18n.po import Entry, compile_mo
from tpguide.core.settings import SettingsStore

HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
POINT = "occipitalis.1"

Speak = Callable[[list[Entry]], None]


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Speak]:
    """Switch to Spanish with only the given entries in the catalogue; English afterwards."""

    def speak(entries: list[Entry]) -> None:
        mo = tmp_path / "es.mo"
        mo.write_bytes(compile_mo(HEADER, entries))
        monkeypatch.setattr(catalog, "catalogue_file", lambda language, domain: (
            str(mo) if (language, domain) == ("es", "core") else str(tmp_path / "none.mo")))
        use_language("es")

    yield speak
    use_language("en")


def test_the_atlas_speaks_the_chosen_language_and_english_again(spanish: Speak) -> None:
    english = default_atlas().points[POINT]
    spanish([Entry(english.name, "atlas", None, ("Occipital, parte de atrás de la cabeza",)),
             Entry(english.cautions[0], "atlas", None, ("Ardor u hormigueo: afloja.",)),
             Entry("Temple", "atlas", None, ("Sien",)),
             Entry(english.name, None, None, ("sin contexto: no es este",))])
    point = default_atlas().points[POINT]
    assert point.name == "Occipital, parte de atrás de la cabeza"
    assert point.cautions[0] == "Ardor u hormigueo: afloja."
    assert point.cautions[1] == english.cautions[1]  # untranslated words stay English
    assert point.locate == english.locate
    assert (point.id, point.muscle, point.region, point.view) == (
        english.id, english.muscle, english.region, english.view)
    assert default_atlas().zones["zone-temple"].name == "Sien"
    use_language("en")
    assert default_atlas().points[POINT].name == "Occipitalis, back of the head"
    assert default_atlas().zones["zone-temple"].name == "Temple"


def test_a_settings_notice_is_in_the_chosen_language(spanish: Speak, tmp_path: Path) -> None:
    spanish([Entry("Your settings file could not be read", None, None,
                   ("No se pudo leer tu archivo de ajustes",)),
             Entry("{problem}, so tpguide is using the defaults, and the safety notes will be "
                   "shown again before your next session. The old file was kept as {name} in "
                   "{folder}.", None, None,
                   ("{problem}, así que tpguide usa los valores predeterminados. Se guardó el "
                    "archivo anterior como {name} en {folder}.",))])
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    store = SettingsStore(path, now=lambda: datetime(2026, 12, 3, tzinfo=UTC))
    store.load()
    assert store.notice is not None
    assert store.notice.startswith("No se pudo leer tu archivo de ajustes, así que tpguide")
    assert str(tmp_path) in store.notice


def test_diary_alerts_are_made_in_the_chosen_language(spanish: Speak) -> None:
    spanish([Entry("triptans", None, None, ("triptanes",)),
             Entry("Your diary shows {medicines} taken on {count} of the last 30 days. That is "
                   "at or above {limit} days a month, the level at which, over more than three "
                   "months, medicines can start to keep headaches going (medication-overuse "
                   "headache). It happens to many people and it is treatable. Please talk to "
                   "your doctor or pharmacist, and ask them before changing how you take a "
                   "prescribed medicine.", None, None,
                   ("Tu historial muestra {medicines} tomados {count} de los últimos 30 días "
                    "(límite: {limit}).",))])
    days = [HeadacheEntry(started_at=datetime(2026, 11, d, 9, tzinfo=UTC), intensity=5,
                          medication_class="triptan") for d in range(1, 11)]
    (alert,) = medication_overuse(days, datetime(2026, 11, 20).date())
    assert alert.key == "medication-triptan-reached"  # what is kept stays English
    assert alert.text == "Tu historial muestra triptanes tomados 10 de los últimos 30 días " \
                         "(límite: 10)."
    worst = headache_alert(HeadacheEntry(started_at=datetime(2026, 11, 1, tzinfo=UTC),
                                         intensity=10))
    assert worst is not None and worst.text.startswith("You rated this headache 10 out of 10")


def test_a_report_summary_is_in_the_chosen_language(spanish: Speak) -> None:
    from tpguide.core.care.summary import change_words
    from tpguide.core.care.text import status_words

    spanish([Entry("{change} (less pain)", None, None, ("{change} (menos dolor)",)),
             Entry("STOPPED - felt unwell", None, None, ("DETENIDA: se encontró mal",))])
    assert change_words(-2.0) == "-2 (menos dolor)"
    assert status_words("unwell") == "DETENIDA: se encontró mal"
    assert status_words("completed") == "completed"  # not in this tiny catalogue
    use_language("en")
    assert change_words(-2.0) == "-2 (less pain)"
