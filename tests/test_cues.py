"""Proves every cue sound exists, differs, maps from phases, and plays (or is reported missing).

Real audio runs on a private PulseAudio null sink, in subprocesses (Qt caches audio state).
"""

from __future__ import annotations

import importlib.util
import math
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from pytestqt.qtbot import QtBot

from tests import audio_helpers as ah
from tpguide import resources
from tpguide.core.i18n import use_language
from tpguide.core.session.cue_names import MAX_COUNT, count_prompt
from tpguide.core.session.cues import (
    TONE_KINDS,
    CuePlayer,
    NullCuePlayer,
    RecordingCuePlayer,
    check_cue,
    cues_for_event,
    cues_for_phase,
    plan_cues,
    voice,
)
from tpguide.core.session.prompts import prompt_lengths as prompt_lengths_of
from tpguide.core.session.prompts import voice_prompts_needed
from tpguide.core.session.voice_names import (
    FIXED_PROMPTS,
    announcements,
    next_point_prompt,
    next_point_text,
)
from tpguide.core.session.voice_pack import VOICE_LANGUAGES, read_manifest, voice_location

SOUNDS = resources.asset("sounds")
VOICE = resources.asset("voice/en")
TOOLS = Path(__file__).resolve().parent.parent / "assets" / "tools"
C5, E5, G5, A5, C4 = 523.25, 659.26, 783.99, 880.0, 261.63
# kind -> (pitch at its start, pitch near its end, onsets, separate sounds)
EXPECTED: dict[str, tuple[float, float, int, int]] = {
    "prepare": (E5, E5, 1, 1),
    "press": (C5, G5, 2, 1),
    "release": (G5, C5, 2, 1),
    "switch": (A5, A5, 2, 2),
    "rest": (C4, C4, 1, 1),
    "done": (C5, G5, 3, 1),
    "tick": (1760.0, 1760.0, 1, 1),
}


def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tpguide_tool_{name}", TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def _signature(wav: ah.Wav) -> tuple[float, float, int, int]:
    segs = ah.segments(wav.samples, wav.rate, gap_s=0.05)
    first, last = segs[0], segs[-1]
    if first[1] - first[0] < 0.1:  # the tick: one short burst (then silence)
        start = end = ah.pitch_between(wav, 0.001, 0.02)
    else:
        start = ah.pitch_between(wav, first[0] + 0.02, min(first[1], first[0] + 0.12))
        end = ah.pitch_between(wav, last[0] + 0.6 * (last[1] - last[0]), last[1] - 0.03)
    return start, end, len(ah.onsets(wav.samples, wav.rate)), len(segs)


# -- the tone files ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", [*TONE_KINDS, *(f"calm-{k}" for k in TONE_KINDS)])
def test_tone_file_format(name: str) -> None:
    wav = ah.read_wav(SOUNDS / f"{name}.wav")
    assert (wav.rate, wav.channels, wav.width) == (44_100, 1, 2)
    kind = name.removeprefix("calm-")
    assert wav.seconds <= (1.5 if kind in ("rest", "done") else 0.9)
    peak = ah.dbfs(wav.peak)
    if name == "tick":
        assert -10 < peak < -6.5
    elif name == "calm-tick":
        assert -16 < peak < -12.5
    elif name.startswith("calm-"):
        assert -13 < peak < -11
    else:
        assert -6.5 < peak < -5.5
    # no clicks: silent first and last samples, and no jump bigger than a tone's own slope
    assert wav.samples[0] == 0 and abs(wav.samples[-1]) < 30
    assert max(abs(s) for s in wav.samples[-20:]) < 0.02 * 32768


def _loudness(wav: ah.Wav) -> float:
    """The loudest 50 ms (RMS, dBFS): how loud a short sound is heard, unlike its peak."""
    size = wav.rate // 20
    return max(ah.dbfs(math.sqrt(sum(x * x for x in wav.samples[i:i + size]) / size) / 32768)
               for i in range(0, len(wav.samples) - size, 100))


@pytest.mark.parametrize("calm", ["", "calm-"])
def test_ticks_are_quieter_than_the_tones_but_within_10_db(calm: str) -> None:
    tick = _loudness(ah.read_wav(SOUNDS / f"{calm}tick.wav"))
    tones = [_loudness(ah.read_wav(SOUNDS / f"{calm}{kind}.wav"))
             for kind in TONE_KINDS if kind != "tick"]
    assert max(tones) - 10 < tick < min(tones)
    segments = ah.segments(ah.read_wav(SOUNDS / f"{calm}tick.wav").samples, 44_100)
    assert len(segments) == 1 and segments[0][1] - segments[0][0] < 0.1  # still a tick


@pytest.mark.parametrize("kind", TONE_KINDS)
def test_each_tone_has_its_pitch_and_pattern(kind: str) -> None:
    start, end, n_onsets, n_segments = _signature(ah.read_wav(SOUNDS / f"{kind}.wav"))
    want_start, want_end, want_onsets, want_segments = EXPECTED[kind]
    assert start == pytest.approx(want_start, rel=0.06)
    assert end == pytest.approx(want_end, rel=0.04)
    assert (n_onsets, n_segments) == (want_onsets, want_segments)


def test_tones_are_pairwise_distinct() -> None:
    signatures = {}
    for kind in TONE_KINDS:
        start, end, n_onsets, n_segments = _signature(ah.read_wav(SOUNDS / f"{kind}.wav"))
        signatures[kind] = (round(start / 40), round(end / 40), n_onsets, n_segments)
    assert len(set(signatures.values())) == len(TONE_KINDS), signatures
    rest_pitch = signatures["rest"][0]
    assert all(sig[0] > rest_pitch for kind, sig in signatures.items() if kind != "rest")


@pytest.mark.parametrize("kind", TONE_KINDS)
def test_calm_tone_is_lower_quieter_and_softer(kind: str) -> None:
    plain = ah.read_wav(SOUNDS / f"{kind}.wav")
    calm = ah.read_wav(SOUNDS / f"calm-{kind}.wav")
    assert calm.peak < 0.6 * plain.peak
    plain_start, plain_end, _, _ = _signature(plain)
    calm_start, calm_end, _, _ = _signature(calm)
    assert calm_start == pytest.approx(plain_start * 2 / 3, rel=0.08)
    assert calm_end == pytest.approx(plain_end * 2 / 3, rel=0.08)

    def rise_samples(wav: ah.Wav) -> int:  # samples until half the peak
        half = wav.peak * 32768 / 2
        return next(i for i, s in enumerate(wav.samples) if abs(s) >= half)

    assert rise_samples(calm) > rise_samples(plain)


def test_make_tones_is_deterministic_and_committed_files_are_current(tmp_path: Path) -> None:
    make_tones = _load_tool("make_tones")
    assert make_tones.main(["--out", str(tmp_path)]) == 0
    made = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert made == sorted(p.name for p in SOUNDS.glob("*.wav"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (SOUNDS / name).read_bytes(), name
    total = sum(p.stat().st_size for p in SOUNDS.glob("*.wav"))
    assert total < 1_200_000


# -- the voice prompts ------------------------------------------------------------------------
@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_voice_manifest_matches_the_atlas_and_the_files(language: str) -> None:
    make_voice = _load_tool("make_voice")
    folder = Path(voice_location(language))
    settings, entries = read_manifest(folder)
    try:
        use_language(language)
        expected = make_voice.prompts(make_voice.atlas_points(resources.atlas_file()),
                                      make_voice.routine_says(resources.routines_dir()))
        next_left = next_point_text("{name}", "left")
    finally:
        use_language("en")
    spoken = {name: entry.text for name, entry in entries.items()}
    assert spoken == expected, "assets/voice is stale: run python assets/tools/make_voice.py"
    assert {p.name for p in folder.iterdir()} == {"manifest.tsv"} | {
        f"{name}.ogg" for name in expected}
    assert settings["voice"] == make_voice.VOICES[language]
    for name in (*FIXED_PROMPTS, *(f"count-{n}" for n in range(MAX_COUNT + 1))):
        assert name in spoken
    atlas = yaml.safe_load(resources.atlas_file().read_text(encoding="utf-8"))
    for pid in atlas["points"]:
        prefix = next_left.split("{name}")[0]
        assert spoken[f"next-{pid}-left"].startswith(prefix)
    if language == "en":
        for pid, point in atlas["points"].items():
            assert spoken[f"next-{pid}-left"] == f"Next: {point['spoken']}, your left side"
            assert spoken[f"next-{pid}-together"] == (
                f"Next: {point['spoken']}, both sides together")


@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_voice_files_are_small_ogg_vorbis(language: str) -> None:
    folder = Path(voice_location(language))
    _, entries = read_manifest(folder)
    for name in ("press", "get-ready", "count-20", "session-complete"):
        data = (folder / entries[name].file).read_bytes()
        assert data[:4] == b"OggS" and b"\x01vorbis" in data[:64]
        assert 0.2 < entries[name].seconds < 3.5
    total = sum((folder / e.file).stat().st_size for e in entries.values())
    assert total < 3_500_000  # both packs together stay under 8 MB in the wheel


@pytest.mark.slow
def test_make_voice_removes_stale_prompts(tmp_path: Path) -> None:
    if not all(shutil.which(tool) for tool in ("espeak-ng", "sox")):
        pytest.fail("make_voice.py needs espeak-ng and sox: apt-get install -y espeak-ng sox")
    make_voice = _load_tool("make_voice")
    atlas = tmp_path / "atlas.yaml"
    atlas.write_text("points:\n  masseter.1: {spoken: masseter}\n", encoding="utf-8")
    routines = tmp_path / "routines"
    routines.mkdir()
    out = tmp_path / "voice"
    (out / "en").mkdir(parents=True)
    (out / "en" / "next-old-point.1-left.ogg").write_bytes(b"stale")
    (out / "en" / "press.wav").write_bytes(b"old format")
    args = ["--atlas", str(atlas), "--routines", str(routines), "--out", str(out)]
    assert make_voice.main([*args, "--language", "en"]) == 0
    names = {p.name for p in (out / "en").iterdir()}
    assert "next-old-point.1-left.ogg" not in names and "press.wav" not in names
    assert {"next-masseter.1-left.ogg", "next-masseter.1-right.ogg", "press.ogg",
            "manifest.tsv"} <= names
    first = (out / "en" / "press.ogg").read_bytes()
    atlas.write_text("points:\n  masseter.1: {spoken: jaw muscle}\n", encoding="utf-8")
    assert make_voice.main([*args, "--language", "en"]) == 0
    _, entries = read_manifest(out / "en")
    assert entries["next-masseter.1-right"].text == "Next: jaw muscle, your right side"
    assert (out / "en" / "press.ogg").read_bytes() == first  # deterministic
    assert not (out / "es").exists()  # only the language asked for


# -- which cues a phase plays -----------------------------------------------------------------
def test_phase_cues_tone_first_then_voice() -> None:
    assert cues_for_phase("press", "left") == ["press", "voice:press"]
    assert cues_for_phase("release", "left") == ["release", "voice:release"]
    assert cues_for_phase("release", "left", "masseter.1", "right") == [
        "release", "voice:release", "voice:next-masseter.1-right",
    ]
    assert cues_for_phase("rest", None, "temporalis.1", "together") == [
        "rest", "voice:rest", "voice:next-temporalis.1-together",
    ]
    assert cues_for_phase("prepare", "left", "upper-trapezius.1", "both") == [
        "prepare", "voice:next-upper-trapezius.1-left", "voice:get-ready",
    ]
    assert cues_for_phase("switch", "right") == ["switch", "voice:switch-right"]
    assert cues_for_phase("switch", "left") == ["switch", "voice:switch-left"]
    assert cues_for_phase("done") == ["done", "voice:session-complete"]
    assert cues_for_phase("tick") == ["tick"]
    assert cues_for_phase("tick", count=3) == ["tick", "voice:count-3"]
    assert cues_for_phase("press", "left", "x.1", "left") == ["press", "voice:press"]


def test_phase_cues_without_voice_are_tones_only() -> None:
    for kind in TONE_KINDS:
        assert cues_for_phase(kind, "left", "masseter.1", "left", voice_enabled=False) == [kind]


def test_bad_names_are_refused() -> None:
    with pytest.raises(ValueError, match="phase kind"):
        cues_for_phase("squeeze")
    with pytest.raises(ValueError, match="cue name"):
        check_cue("voice:../etc/passwd")
    with pytest.raises(ValueError, match="side"):
        next_point_prompt("masseter.1", "up")
    assert count_prompt(0) is None and count_prompt(21) is None
    assert voice("count-20") == "voice:count-20"


@dataclass(frozen=True)
class _Phase:
    kind: str
    point: str | None
    side: str | None
    step: int | None
    start: float = 0.0
    duration: float = 60.0
    say: str | None = None


def _two_point_plan() -> list[_Phase]:
    return [
        _Phase("prepare", "upper-trapezius.1", "left", 0),
        _Phase("press", "upper-trapezius.1", "left", 0),
        _Phase("release", "upper-trapezius.1", "left", 0),
        _Phase("switch", "upper-trapezius.1", "right", 0),
        _Phase("press", "upper-trapezius.1", "right", 0),
        _Phase("release", "upper-trapezius.1", "right", 0),
        _Phase("rest", None, None, 0),
        _Phase("prepare", "suboccipitals.1", "together", 1),
        _Phase("press", "suboccipitals.1", "together", 1),
        _Phase("release", "suboccipitals.1", "together", 1),
        _Phase("press", "masseter.1", "left", 2),
        _Phase("release", "masseter.1", "left", 2),
        _Phase("press", "masseter.1", "right", 2),
        _Phase("release", "masseter.1", "right", 2),
        _Phase("done", None, None, None),
    ]


def test_announcements_come_before_each_new_point_or_side() -> None:
    assert announcements(_two_point_plan()) == [
        ("upper-trapezius.1", "left"),  # the first prepare names its own point
        None, None, None, None, None,  # the switch phase names the new side itself
        ("suboccipitals.1", "together"),  # the rest before the next point
        None,  # that prepare was announced already
        None,
        ("masseter.1", "left"),  # a release straight before a new point
        None,
        ("masseter.1", "right"),  # a side change with no switch phase
        None, None, None,
    ]


def test_a_session_that_opens_with_a_rest_announces_the_first_point() -> None:
    plan = [
        _Phase("rest", None, None, 0),
        _Phase("prepare", "temporalis.1", "left", 1),
        _Phase("press", "temporalis.1", "left", 1),
        _Phase("release", "temporalis.1", "left", 1),
        _Phase("done", None, None, None),
    ]
    assert announcements(plan) == [("temporalis.1", "left"), None, None, None, None]
    assert plan_cues(plan)[:2] == [
        ["rest", "voice:rest", "voice:next-temporalis.1-left"], ["prepare", "voice:get-ready"],
    ]


def test_plan_cues_and_needed_prompts() -> None:
    cues = plan_cues(_two_point_plan())
    assert cues[0] == ["prepare", "voice:next-upper-trapezius.1-left", "voice:get-ready"]
    assert cues[6] == ["rest", "voice:rest", "voice:next-suboccipitals.1-together"]
    assert cues[-1] == ["done", "voice:session-complete"]
    needed = voice_prompts_needed(_two_point_plan())
    assert {"next-masseter.1-right", "get-ready", "session-complete"} <= needed
    assert needed <= set(read_manifest(VOICE)[1])


@dataclass(frozen=True)
class _Event:
    kind: str
    phase: _Phase | None
    index: int | None
    count: int | None = None


def test_engine_events_map_to_cues() -> None:
    plan = _two_point_plan()
    announce = announcements(plan)
    assert cues_for_event(_Event("phase_started", plan[6], 6), announce) == [
        "rest", "voice:rest", "voice:next-suboccipitals.1-together",
    ]
    assert cues_for_event(_Event("tick", plan[1], 1, 2), announce) == ["tick"]
    assert cues_for_event(_Event("tick", plan[1], 1, 2), announce, spoken_countdown=True) == [
        "tick", "voice:count-2",
    ]
    for kind in ("paused", "resumed", "stopped", "stall", "finished"):
        assert cues_for_event(_Event(kind, plan[1], 1), announce) == []


@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_every_prompt_a_plan_can_ask_for_is_in_every_languages_pack(language: str) -> None:
    """Every fixed prompt and number, every atlas point on every side in both forms, the side
    alone, every built-in ``say:`` line as that language speaks it, and whatever the fitting
    chooses for each built-in routine."""
    from tpguide.core.i18n import pgettext
    from tpguide.core.routines.loader import load_routine_file
    from tpguide.core.session.cue_names import say_prompt
    from tpguide.core.session.planner import make_plan
    from tpguide.core.session.prompts import prompt_lengths
    from tpguide.core.session.voice_names import (
        ANNOUNCED_SIDES,
        next_point_short_prompt,
        side_prompt,
    )

    folder = voice_location(language)
    pack = set(read_manifest(folder)[1])
    atlas = yaml.safe_load(resources.atlas_file().read_text(encoding="utf-8"))
    asked = {*FIXED_PROMPTS, *(f"count-{n}" for n in range(MAX_COUNT + 1))}
    for side in ANNOUNCED_SIDES:
        asked.add(side_prompt(side))
        for pid in atlas["points"]:
            asked |= {next_point_prompt(pid, side), next_point_short_prompt(pid, side)}
    try:
        use_language(language)
        for path in resources.builtin_routine_files():
            routine = load_routine_file(path).routine
            assert routine is not None, path
            asked |= {say_prompt(pgettext("routine", step.say))
                      for step in routine.steps if step.say}
            phases = make_plan(routine).phases
            asked |= voice_prompts_needed(phases, prompt_lengths(folder))
            assert plan_cues(phases)[-1] == ["done", "voice:session-complete"]
    finally:
        use_language("en")
    assert sorted(asked - pack) == []


# -- players without Qt audio -----------------------------------------------------------------
def test_null_player_is_silent_and_ready() -> None:
    player = NullCuePlayer("No sound device found: cues will be visual only")
    assert isinstance(player, CuePlayer)
    results: list[bool] = []
    player.load()
    player.when_ready(results.append)
    player.play("press")
    player.stop_all()
    assert (player.ready, player.available, results) == (True, False, [False])
    assert player.unavailable_reason is not None
    with pytest.raises(ValueError, match="cue name"):
        player.play("bogus")


def test_recording_player_records_cues_in_order() -> None:
    ticks = iter([1.0, 2.0, 2.5, 3.0])  # muting reads the clock: it withdraws what is to come
    player = RecordingCuePlayer(clock=lambda: next(ticks))
    assert isinstance(player, CuePlayer)
    results: list[bool] = []
    player.when_ready(results.append)
    for cue in cues_for_phase("press", "left"):
        player.play(cue)
    player.set_muted(True)
    player.play("release")
    player.set_muted(False)
    player.play("tick")
    player.set_volume(3.0)
    player.set_calm(True)
    assert player.played == [(1.0, "press"), (2.0, "voice:press"), (3.0, "tick")]
    assert (results, player.volume, player.calm, player.available) == ([True], 1.0, True, True)


def test_factory_honours_audio_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from tpguide.ui.session.cue_player import make_cue_player

    monkeypatch.setenv("TPGUIDE_AUDIO", "off")
    player = make_cue_player()
    assert isinstance(player, NullCuePlayer)
    assert player.unavailable_reason and "visual only" in player.unavailable_reason


@pytest.mark.slow
def test_core_cues_imports_no_qt() -> None:
    code = ("import sys, tpguide.core.session.cues; "
            "print(sorted(m for m in sys.modules if 'PySide' in m))")
    done = subprocess.run(
        [sys.executable, "-c", code], env=ah.probe_base_env(), capture_output=True, text=True,
        check=True, timeout=60,
    )
    assert done.stdout.strip() == "[]"


# -- speech (the mock engine, explicitly allowed; never speechd) -----------------------------
def test_mock_engine_is_not_a_real_engine(qtbot: QtBot) -> None:
    from tpguide.ui.session.speech import make_speaker, real_engines

    assert real_engines(["mock", "speechd"]) == ["speechd"]
    assert real_engines(["mock"], allow_mock=True) == ["mock"]
    speaker = make_speaker(engines=["mock"])
    assert not speaker.available and speaker.reason
    assert speaker.say("Breathe out") is False


def test_no_speech_without_audio(qtbot: QtBot) -> None:
    from tpguide.ui.session.speech import make_speaker

    speaker = make_speaker(audio_ok=False, engines=["mock"], allow_mock=True)
    assert not speaker.available
    assert speaker.say("Breathe out") is False


def test_mock_speaker_speaks_in_us_english(qtbot: QtBot) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    from tpguide.ui.session.speech import make_speaker

    speaker = make_speaker(engines=["mock"], allow_mock=True)
    assert speaker.available and speaker.reason is None
    assert (speaker.engine_name, speaker.locale_name) == ("mock", "en_US")
    assert speaker.voice_name
    engine = speaker.findChild(QTextToSpeech)
    assert engine is not None
    assert speaker.say("Breathe out slowly") is True
    qtbot.waitUntil(lambda: engine.state() == QTextToSpeech.State.Ready, timeout=5000)
    assert speaker.available
    speaker.set_muted(True)
    assert speaker.say("Breathe out slowly") is False


def test_stuck_speech_is_given_up(qtbot: QtBot) -> None:
    from tpguide.ui.session.speech import make_speaker

    speaker = make_speaker(engines=["mock"], allow_mock=True, stuck_after=lambda _text: 1)
    with qtbot.waitSignal(speaker.failed, timeout=5000):
        assert speaker.say("a long sentence that the mock engine takes a while to say")
    assert not speaker.available and speaker.reason
    assert speaker.say("again") is False


# -- real audio, in subprocesses --------------------------------------------------------------
@pytest.fixture(scope="module")
def null_sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ah.PulseServer]:
    server = ah.start_null_sink(tmp_path_factory.mktemp("pulse"))
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_cues_load_ready_on_a_null_sink(null_sink: ah.PulseServer) -> None:
    result = ah.run_probe(null_sink.env, "probe", "press@0", "--calm")
    assert result["player"] == "QtCuePlayer"
    assert result["outputs"], result
    assert result["loaded"] == [True]
    assert result["available"] is True and result["reason"] is None
    statuses = result["statuses"]
    expected = {*TONE_KINDS, *(f"calm-{k}" for k in TONE_KINDS)}
    expected |= {f"voice:{name}" for name in read_manifest(VOICE)[1]}
    assert set(statuses) == expected
    assert set(statuses.values()) == {"Ready"}
    assert result["load_ms"] < 5000
    assert result["sound_for"] == {"press": "calm-press", "voice:press": "voice:press"}
    assert [cue for _, cue in result["started"]] == ["press"]


@pytest.mark.slow
def test_voice_follows_its_tone_and_a_new_phase_drops_stale_speech(
    null_sink: ah.PulseServer,
) -> None:
    nxt = "voice:next-upper-trapezius.1-left"
    script = [
        "press@0", "voice:press@0", "voice:count-3@0", "tick@1500",
        "release@2200", "voice:release@2200", f"{nxt}@2200", "prepare@3200",
    ]
    result = ah.run_probe(null_sink.env, "probe", *script)
    started = {cue: ms for ms, cue in result["started"]}
    assert [cue for _, cue in result["started"]] == [
        "press", "voice:press", "voice:count-3", "tick", "release", "voice:release", "prepare",
    ]  # the "Next:" prompt was still queued when the prepare phase began
    tone_ms = ah.read_wav(SOUNDS / "press.wav").seconds * 1000
    voice_ms = prompt_lengths_of(VOICE)["press"] * 1000
    # each voice waits for what plays before it and a short gap, driven by timers
    assert tone_ms <= started["voice:press"] - started["press"] < tone_ms + 400
    assert voice_ms <= started["voice:count-3"] - started["voice:press"] < voice_ms + 400
    assert abs(started["tick"] - 1500) < 50 and abs(started["prepare"] - 3200) < 50
    assert max(result["play_ms"]) < 50


@pytest.mark.slow
def test_no_sound_server_means_visual_cues_only(tmp_path: Path) -> None:
    result = ah.run_probe(ah.no_audio_env(tmp_path), "probe", "press@0", "voice:press@0",
                          timeout_s=30)
    assert result["player"] == "QtCuePlayer"
    assert result["outputs"] == []
    assert result["loaded"] == [False]
    assert result["ready"] is True and result["available"] is False
    assert result["reason"] == "No sound device found: cues will be visual only"
    assert result["started"] == []
    assert max(result["play_ms"]) < 50  # play() returns at once, nothing hangs
    assert result["load_ms"] < 5000


@pytest.mark.slow
def test_recorded_press_then_release_sound_in_order(
    null_sink: ah.PulseServer, tmp_path: Path
) -> None:
    recorder = ah.start_recording(null_sink, tmp_path / "monitor.wav")
    probe = ah.start_probe(null_sink.env, "probe", "press@200", "release@1200")
    try:
        # the stream stays open until both sounds were recorded to their end: the release is
        # heard ~250 ms after it is asked for and lasts 0.68 s, at the null sink's own pace
        recorder.wait_for_sounds(2)
    finally:
        result = ah.finish_probe(probe)
        path = recorder.stop()
    assert [cue for _, cue in result["started"]] == ["press", "release"]
    wav = ah.read_wav(path)
    sounds = [(a, b) for a, b in ah.segments(wav.samples, wav.rate) if b - a > 0.3]
    assert len(sounds) == 2, (sounds, wav.seconds)
    (p0, p1), (r0, r1) = sounds
    gaps = f"sounds {sounds}, gaps in them {ah.dropouts(wav, p0, p1) + ah.dropouts(wav, r0, r1)}"
    assert r0 - p0 == pytest.approx(1.0, abs=0.05), gaps  # the spacing they were played with
    assert ah.pitch_between(wav, p0 + 0.03, p0 + 0.15) == pytest.approx(C5, rel=0.06), gaps
    assert ah.pitch_between(wav, p1 - 0.25, p1 - 0.05) == pytest.approx(G5, rel=0.06), gaps
    assert ah.pitch_between(wav, r0 + 0.03, r0 + 0.15) == pytest.approx(G5, rel=0.06), gaps
    assert ah.pitch_between(wav, r1 - 0.25, r1 - 0.05) == pytest.approx(C5, rel=0.06), gaps
