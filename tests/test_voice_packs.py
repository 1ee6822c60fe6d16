"""The compressed voice packs as a session uses them: only the plan's prompts are decoded,
to the mixer's 44.1 kHz, with the lengths the planner fitted them by."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.audio_helpers import decode_prompts
from tpguide import resources
from tpguide.core.i18n import use_language
from tpguide.core.routines.loader import load_routine_file
from tpguide.core.session.mixer import RATE
from tpguide.core.session.planner import make_plan
from tpguide.core.session.prompts import voice_prompts_needed
from tpguide.core.session.voice_pack import VOICE_LANGUAGES, read_manifest, voice_location
from tpguide.ui.session.cue_player import QtCuePlayer

ROUTINE = resources.routines_dir() / "three-minute-reset.yaml"


def _loaded(qtbot: QtBot, player: QtCuePlayer) -> None:
    with qtbot.waitSignal(player.loaded, timeout=10_000):
        player.load()


@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_a_session_decodes_only_the_prompts_its_plan_needs(qtbot: QtBot, language: str) -> None:
    use_language(language)  # a built-in's say: lines are spoken in the reader's language
    folder = Path(voice_location(language))
    _, entries = read_manifest(folder)
    routine = load_routine_file(ROUTINE).routine
    assert routine is not None
    wanted = voice_prompts_needed(make_plan(routine).phases)
    assert 10 < len(wanted) < len(entries) / 5
    player = QtCuePlayer(voice_dir=folder, prompts=wanted)
    _loaded(qtbot, player)
    voices = {key for key in player.effect_statuses() if key.startswith("voice:")}
    assert voices == {f"voice:{name}" for name in wanted}
    assert set(player.effect_statuses().values()) == {"Ready"}
    decoded = {key for key in player._mixer.sounds if key.startswith("voice:")}
    assert decoded == voices
    for name in wanted:  # 44.1 kHz, as long as planned (Vorbis may drop a few end samples)
        frames = len(player._mixer.sounds[f"voice:{name}"])
        assert frames == round(entries[name].seconds * RATE), name
    assert player.decode_seconds > 0  # measured for the README's table (bench), not judged here
    raw = decode_prompts(wanted, folder)  # no word is lost: only the padding is cut
    assert all(len(raw[name]) >= round(entries[name].seconds * RATE) for name in wanted)


def test_a_prompt_that_cannot_be_decoded_is_reported_and_the_rest_load(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = Path(voice_location("en"))
    manifest = (folder / "manifest.tsv").read_text(encoding="utf-8")
    (tmp_path / "manifest.tsv").write_text(manifest, encoding="utf-8")
    (tmp_path / "press.ogg").write_bytes((folder / "press.ogg").read_bytes())
    (tmp_path / "rest.ogg").write_bytes(b"OggS not really")
    player = QtCuePlayer(voice_dir=tmp_path, prompts=["press", "rest", "release"])
    _loaded(qtbot, player)
    statuses = player.effect_statuses()
    assert statuses["voice:press"] == "Ready"
    assert statuses["voice:rest"].startswith("Error")
    assert "voice:release" not in statuses  # no file at all: missing, logged
    assert player.sound_for("voice:press") == "voice:press"
    assert player.sound_for("voice:rest") is None
