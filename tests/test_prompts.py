"""The voice plan: per phase, which prompts fit before the next tone, and in which form.

Pure core: made-up lengths make the edges exact; the shipped WAVs are read only where the
lengths themselves are under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tpguide.core.i18n import use_language
from tpguide.core.session.cue_names import say_prompt
from tpguide.core.session.cues import cues_for_event
from tpguide.core.session.prompts import (
    MIN_GAP_S,
    FittedPhase,
    fit_phases,
    fit_prompts,
    prompt_lengths,
    speech_seconds,
    tone_lengths,
    voice_prompts_needed,
)
from tpguide.core.session.voice_names import VOICE_GAP_S, announcements
from tpguide.core.session.voice_pack import (
    VOICE_LANGUAGES,
    PackLengths,
    pack_language,
    read_manifest,
    voice_location,
)

TONE = 0.5
TONES = {kind: TONE for kind in ("prepare", "press", "release", "switch", "rest", "done")}
P = "upper-trapezius.1"
LENGTHS = {
    "get-ready": 0.6, "press": 0.4, "release": 0.5, "rest": 0.45, "session-complete": 1.1,
    "switch-left": 1.5, "switch-right": 1.5,
    f"next-{P}-left": 3.0, f"next-{P}-left-short": 2.5, "side-left": 0.8,
    f"next-{P}-right": 3.0, f"next-{P}-right-short": 2.5, "side-right": 0.8,
    "count-3": 0.4, "count-2": 0.3, "count-1": 0.4,
}


@dataclass(frozen=True)
class _Phase:
    kind: str
    start: float
    duration: float
    point: str | None = None
    side: str | None = None
    step: int | None = None
    say: str | None = None


def _timeline(*parts: tuple[str, float, str | None, str | None, int | None]) -> list[_Phase]:
    """Phases back to back from (kind, seconds, point, side, step), then done."""
    phases, t = [], 0.0
    for kind, seconds, point, side, step in parts:
        phases.append(_Phase(kind, t, seconds, point, side, step))
        t += seconds
    return [*phases, _Phase("done", t, 0.0)]


def _release_before_new_point(release: float) -> list[_Phase]:
    return _timeline(("press", 30, "masseter.1", "left", 0),
                     ("release", release, "masseter.1", "left", 0),
                     ("press", 30, P, "left", 1))


def _said(phases: list[_Phase], index: int, lengths: dict[str, float] = LENGTHS,
          **options: bool) -> tuple[str, ...]:
    return fit_phases(phases, lengths, TONES, **options)[index].prompts


# -- the 0.4 s edge ---------------------------------------------------------------------------
def test_a_prompt_that_leaves_exactly_the_gap_fits() -> None:
    # tone 0.5 + gap 0.12 + "Release" 0.5 + gap 0.12 + long "Next" 3.0 = 4.24, then 0.4 s
    exact = TONE + VOICE_GAP_S + 0.5 + VOICE_GAP_S + 3.0 + MIN_GAP_S
    assert _said(_release_before_new_point(exact), 1) == ("release", f"next-{P}-left")
    fitted = fit_phases(_release_before_new_point(exact), LENGTHS, TONES)[1]
    assert fitted.voice_end == pytest.approx(exact - MIN_GAP_S)


def test_a_prompt_that_leaves_0_39_s_gives_way_to_its_shorter_form() -> None:
    short_of_gap = TONE + VOICE_GAP_S + 0.5 + VOICE_GAP_S + 3.0 + 0.39
    assert _said(_release_before_new_point(short_of_gap), 1) == (
        "release", f"next-{P}-left-short")


# -- the shorter forms, in order --------------------------------------------------------------
@pytest.mark.parametrize(("release", "said"), [
    (10.0, ("release", f"next-{P}-left")),
    (4.5, ("release", f"next-{P}-left-short")),  # "Next: upper trapezius, left"
    (4.1, (f"next-{P}-left",)),  # the whole name matters more than "Release"
    (3.6, (f"next-{P}-left-short",)),
    (2.7, ("release", "side-left")),  # "Left side" when the name cannot fit
    (1.9, ("side-left",)),
    (1.6, ("release",)),
    (1.0, ()),  # nothing: the screen carries the full text
])
def test_next_prompt_shortens_to_the_side_then_to_nothing(release: float,
                                                          said: tuple[str, ...]) -> None:
    assert _said(_release_before_new_point(release), 1) == said


def test_switch_says_the_side_alone_when_the_whole_sentence_does_not_fit() -> None:
    def switch(seconds: float) -> tuple[str, ...]:
        phases = _timeline(("press", 30, P, "left", 0), ("switch", seconds, P, "right", 0),
                           ("press", 30, P, "right", 0))
        return _said(phases, 1)

    assert switch(3.0) == ("switch-right",)
    assert switch(2.0) == ("side-right",)
    assert switch(1.0) == ()


def test_the_first_prepare_prefers_the_point_over_get_ready() -> None:
    phases = _timeline(("prepare", 4.0, P, "left", 0), ("press", 30, P, "left", 0))
    assert _said(phases, 0) == (f"next-{P}-left-short",)  # 0.5+0.12+2.5 = 3.12, +0.4 <= 4
    roomy = _timeline(("prepare", 6.0, P, "left", 0), ("press", 30, P, "left", 0))
    assert _said(roomy, 0) == (f"next-{P}-left", "get-ready")


def test_a_press_too_short_for_its_word_is_silent_and_done_always_speaks() -> None:
    phases = _timeline(("press", 1.0, P, "left", 0), ("release", 10, P, "left", 0))
    fitted = fit_phases(phases, LENGTHS, TONES)
    assert fitted[0].prompts == ()
    assert fitted[-1].prompts == ("session-complete",)  # no tone follows the last phase


def test_a_missing_recording_is_never_chosen() -> None:
    lengths = {k: v for k, v in LENGTHS.items() if k != f"next-{P}-left-short"}
    assert _said(_release_before_new_point(4.0), 1, lengths) == ("release", "side-left")
    assert _said(_release_before_new_point(4.1), 1, lengths) == (f"next-{P}-left",)


def test_a_prepare_names_the_point_its_rest_could_only_give_the_side_of() -> None:
    phases = _timeline(("rest", 2.0, None, None, 0), ("prepare", 4.0, P, "right", 1),
                       ("press", 30, P, "right", 1))
    fitted = fit_phases(phases, LENGTHS, TONES)
    assert fitted[0].prompts == ("side-right",)
    assert fitted[1].prompts == (f"next-{P}-right-short",)
    long_rest = _timeline(("rest", 8.0, None, None, 0), ("prepare", 4.0, P, "right", 1),
                          ("press", 30, P, "right", 1))
    assert _said(long_rest, 1) == ("get-ready",)  # named already


# -- say: lines ----------------------------------------------------------------------------------
def _rest_with_say(seconds: float, text: str) -> list[_Phase]:
    phases = _timeline(("rest", seconds, None, None, 0), ("prepare", 5, P, "left", 1),
                       ("press", 30, P, "left", 1))
    phases[0] = _Phase("rest", 0.0, seconds, step=0, say=text)
    return phases


def test_a_recorded_say_line_plays_between_the_phase_word_and_the_next_prompt() -> None:
    text = "Breathe out slowly."
    lengths = {**LENGTHS, say_prompt(text): 1.5}
    assert _said(_rest_with_say(20, text), 0, lengths) == (
        "rest", say_prompt(text), f"next-{P}-left")
    # tone 0.5 + 0.12 + 1.5 + 0.12 + "Left side" 0.8 = 3.04: the phase word goes first
    assert _said(_rest_with_say(3.5, text), 0, lengths) == (say_prompt(text), "side-left")


def test_a_say_line_wins_over_the_next_points_name_which_the_prepare_then_says() -> None:
    text = "Breathe out slowly."
    lengths = {**LENGTHS, say_prompt(text): 1.5}
    fitted = fit_phases(_rest_with_say(5.0, text), lengths, TONES)
    # "Next: upper trapezius, left" and the say line would need 5.14 s with the gap
    assert fitted[0].prompts == ("rest", say_prompt(text), "side-left")
    assert fitted[1].prompts == (f"next-{P}-left", "get-ready")


def test_free_say_text_goes_to_the_speech_engine_after_the_recordings() -> None:
    text = "Let the shoulders sink."
    fitted = fit_phases(_rest_with_say(20, text), LENGTHS, TONES)[0]
    assert fitted.prompts == ("rest", f"next-{P}-left")
    assert fitted.speak == text
    assert fitted.speak_at == pytest.approx(TONE + VOICE_GAP_S + 0.45 + VOICE_GAP_S + 3.0
                                            + VOICE_GAP_S)
    assert fitted.voice_end == pytest.approx(fitted.speak_at + speech_seconds(text))
    short = fit_phases(_rest_with_say(4, text), LENGTHS, TONES)[0]
    assert short.speak is None  # it would run into the next tone: shown only
    assert fit_phases(_rest_with_say(20, text), LENGTHS, TONES, speech=False)[0].speak is None


@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_the_speech_estimate_is_generous_for_every_recorded_say_line(language: str) -> None:
    _, entries = read_manifest(voice_location(language))
    says = {k: e for k, e in entries.items() if k.startswith("say-")}
    assert says
    for entry in says.values():
        assert speech_seconds(entry.text) > entry.seconds, entry.text


# -- spoken countdown ---------------------------------------------------------------------------
def test_counts_are_said_only_where_they_fit_behind_the_prompts() -> None:
    quiet = _timeline(("release", 10, P, "left", 0), ("press", 30, P, "left", 0))
    assert fit_phases(quiet, LENGTHS, TONES, countdown=True)[1].counts == {3, 2, 1}
    # a 3.5 s release says "Release" until 1.12 s; the count at 0.5 s would wait too long
    busy = _timeline(("release", 3.5, P, "left", 0), ("press", 30, P, "left", 0))
    assert fit_phases(busy, LENGTHS, TONES, countdown=True)[1].counts == {2, 1}
    assert fit_phases(quiet, LENGTHS, TONES)[1].counts == frozenset()


@dataclass(frozen=True)
class _Event:
    kind: str
    phase: _Phase | None
    index: int | None
    count: int | None = None


def test_the_cue_path_plays_exactly_the_planned_voice() -> None:
    phases = _release_before_new_point(2.7)
    fitted = fit_phases(phases, LENGTHS, TONES)
    announce = announcements(phases)
    started = _Event("phase_started", phases[1], 1)
    assert cues_for_event(started, announce, fitted=fitted) == [
        "release", "voice:release", "voice:side-left"]
    assert cues_for_event(started, announce, voice_enabled=False, fitted=fitted) == ["release"]
    tick = _Event("tick", phases[2], 2, 1)
    assert cues_for_event(tick, announce, spoken_countdown=True, fitted=fitted) == ["tick"]
    roomy = _release_before_new_point(10)
    counted = fit_phases(roomy, LENGTHS, TONES, countdown=True)
    assert cues_for_event(_Event("tick", roomy[2], 2, 1), announce, spoken_countdown=True,
                          fitted=counted) == ["tick", "voice:count-1"]


def test_fit_prompts_gives_the_names_per_phase_of_a_plan() -> None:
    @dataclass(frozen=True)
    class _Plan:
        phases: tuple[_Phase, ...]

    phases = _release_before_new_point(2.7)
    assert fit_prompts(_Plan(tuple(phases)), LENGTHS, TONES) == [  # type: ignore[arg-type]
        ("press",), ("release", "side-left"), ("press",), ("session-complete",)]


# -- the shipped lengths ---------------------------------------------------------------------------
@pytest.mark.parametrize("language", VOICE_LANGUAGES)
def test_lengths_come_from_the_packs_manifest(language: str) -> None:
    folder = voice_location(language)
    settings, entries = read_manifest(folder)
    assert settings["sample_rate"] == "22050" and settings["language"] == language
    lengths = prompt_lengths(folder)
    for name in ("press", "side-left", f"next-{P}-left-short"):
        assert lengths[name] == entries[name].samples / 22_050
        assert Path(lengths.path(name) or "").read_bytes()[:4] == b"OggS"


def test_the_active_language_picks_the_pack_and_the_pseudo_language_speaks_english() -> None:
    assert pack_language("es") == "es" and pack_language("en") == "en"
    assert pack_language("qps") == "en" and pack_language("xx") == "en"
    try:
        use_language("es")
        assert prompt_lengths().folder == voice_location("es")
    finally:
        use_language("en")
    assert prompt_lengths().folder == voice_location("en")


def test_a_missing_or_damaged_manifest_has_no_prompts(tmp_path: Path) -> None:
    assert len(PackLengths(tmp_path)) == 0 and "press" not in PackLengths(tmp_path)
    (tmp_path / "manifest.tsv").write_text(
        "# sample_rate=22050\nname\tfile\tsamples\tms\ttext\n"
        "press\tpress.ogg\t22050\t1000.0\tPress\nbroken\tb.ogg\tmany\t1\tx\n"
        "escape\t../x.ogg\t10\t1\tx\nshort\tline\n", encoding="utf-8")
    lengths = PackLengths(tmp_path)
    assert list(lengths) == ["press"] and lengths["press"] == 1.0
    assert lengths.path("press") == str(tmp_path / "press.ogg") and lengths.path("x") is None
    shipped = prompt_lengths()
    say = next(name for name in shipped if name.startswith("say-"))
    assert say in shipped and say not in shipped.without("say-")
    assert "press" in shipped.without("say-")


def test_tone_lengths_take_the_longer_of_plain_and_calm() -> None:
    tones = tone_lengths()
    assert set(tones) == {"prepare", "press", "release", "switch", "rest", "done"}
    assert all(0.2 < seconds < 2.0 for seconds in tones.values())


def test_a_session_loads_only_the_forms_its_plan_can_say() -> None:
    phases = _release_before_new_point(2.7)
    needed = voice_prompts_needed(phases, LENGTHS)
    assert {"release", "side-left", "press", "count-3"} <= needed
    assert f"next-{P}-left" not in needed and f"next-{P}-left-short" not in needed


def test_fitted_phase_defaults_say_nothing() -> None:
    assert FittedPhase() == FittedPhase((), None, 0.0, frozenset(), 0.0)
