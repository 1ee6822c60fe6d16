"""Renders the spoken prompts of every language (assets/voice/<lang>/) so the same calm voice
says every cue.

Prompts are pre-rendered with espeak-ng (reliable, ~10 ms a phrase) rather than spoken live.
sox trims the silence, fades the ends and normalises the peak to -3 dBFS at espeak-ng's own
22050 Hz, then stores each prompt as Ogg Vorbis (quality -1, about 28 kbit/s: 44.1 kHz WAVs
were 52 MB for English alone; both packs together must stay under 8 MB in the wheel). The cue
player decodes only the prompts a session's plan needs, to the mixer's 44.1 kHz (Qt's
QAudioDecoder). ``sox -R`` fixes the Ogg stream's serial number and there is no dither, so
a re-run writes the same bytes.

Everything comes from the data, in each language through the same catalogues the app reads
(``use_language``, then ``pgettext``): the fixed prompts and the "Next:" forms from
``tpguide/core/session/voice_names.py`` (context ``voice``), every atlas point's ``spoken``
name (context ``atlas``) in its long form ("Next: upper trapezius, your left side") and its
short form ("Next: upper trapezius, left"), the side alone ("Left side"), and every built-in
routine's ``say:`` line (context ``routine``, named by a digest of the words spoken, see
``cue_names.say_prompt``). Words without a translation yet are spoken as written (English).
Each pack's ``manifest.tsv`` lists every prompt's file, exact length in samples and words,
so a session knows every prompt's length before it starts and can fit them between the
tones (tpguide/core/session/prompts.py) without decoding anything.

Re-run it after the atlas, a built-in routine or a catalogue (assets/locale) changes: it
renders every prompt again, removes files that no longer belong and rewrites the manifests.

Usage: python assets/tools/make_voice.py [--language es] [--atlas FILE] [--routines DIR]
                                         [--out DIR]
Needs: espeak-ng, sox (with Ogg Vorbis: Debian's sox has it), PyYAML.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import yaml

ASSETS = Path(__file__).resolve().parent.parent
if str(ASSETS.parent) not in sys.path:  # the prompt names come from the package itself
    sys.path.insert(0, str(ASSETS.parent))

from tpguide.core.i18n import (  # noqa: E402
    ATLAS_CONTEXT,
    ROUTINE_CONTEXT,
    active_language,
    pgettext,
    use_language,
)
from tpguide.core.routines.loader import load_routine_file  # noqa: E402
from tpguide.core.session.cue_names import MAX_COUNT, say_prompt  # noqa: E402
from tpguide.core.session.voice_names import (  # noqa: E402
    ANNOUNCED_SIDES,
    FIXED_PROMPTS,
    fixed_texts,
    next_point_prompt,
    next_point_short_prompt,
    next_point_short_text,
    next_point_text,
    number_words,
    side_prompt,
    side_text,
)
from tpguide.core.session.voice_pack import (  # noqa: E402
    COLUMNS,
    MANIFEST,
    VOICE_LANGUAGES,
    read_manifest,
)

VOICES: dict[str, str] = {"en": "en-us", "es": "es-419"}
"""espeak-ng voice per language. Spanish: Latin American (es-419), whose "s" for "c"/"z" is
how most Spanish speakers talk and is understood everywhere (the glossary's neutral Spanish);
es (Spain) sounds regional to most listeners."""
RATE_WPM = 150
SAMPLE_RATE = 22_050  # espeak-ng's own: anything higher would only be upsampled
PEAK_DBFS = -3.0
VORBIS_QUALITY = -1
END_PAD_S = 0.05
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def atlas_points(atlas: Path) -> dict[str, str]:
    """Point id -> spoken name, in the atlas's order."""
    data = yaml.safe_load(atlas.read_text(encoding="utf-8"))
    points = data.get("points") or {}
    spoken: dict[str, str] = {}
    for pid, raw in points.items():
        pid = str(pid)
        if not _SAFE_ID.match(pid):
            raise SystemExit(f"make_voice: point id {pid!r} cannot name a file")
        raw = raw or {}
        spoken[pid] = str(raw.get("spoken") or raw.get("name") or pid).strip()
    return spoken


def routine_says(routines: Path) -> list[str]:
    """Every ``say:`` line of the built-in routines, read by the app's own loader (so the text,
    and with it the prompt's name, is exactly what a session will look up)."""
    says: list[str] = []
    for path in sorted(routines.glob("*.yaml")):
        routine = load_routine_file(path).routine
        if routine is None:
            raise SystemExit(f"make_voice: {path.name} does not load; run tpguide validate")
        says.extend(step.say for step in routine.steps if step.say and step.say not in says)
    return says


def prompts(spoken: dict[str, str], says: list[str] | None = None) -> dict[str, str]:
    """Every prompt name -> the exact words spoken, in the active language."""
    texts = fixed_texts()
    assert set(texts) == set(FIXED_PROMPTS)
    words = number_words()
    for n in range(MAX_COUNT + 1):
        texts[f"count-{n}"] = words[n]
    for side in ANNOUNCED_SIDES:
        texts[side_prompt(side)] = side_text(side)
    for pid, english in spoken.items():
        name = pgettext(ATLAS_CONTEXT, english)
        for side in ANNOUNCED_SIDES:
            texts[next_point_prompt(pid, side)] = next_point_text(name, side)
            texts[next_point_short_prompt(pid, side)] = next_point_short_text(name, side)
    for english in says or []:
        text = " ".join(pgettext(ROUTINE_CONTEXT, english).split())
        texts[say_prompt(text)] = text
    return {name: " ".join(text.split()) for name, text in texts.items()}


def render(text: str, voice: str, out: Path, work: Path) -> int:
    """Speak ``text`` into ``out`` (Ogg Vorbis, written via a temporary file, then renamed);
    return its length in samples."""
    text_file = work / "text.txt"
    raw = work / "raw.wav"
    trimmed = work / "trimmed.wav"
    text_file.write_text(text, encoding="utf-8")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(RATE_WPM), "-f", str(text_file), "-w", str(raw)],
        check=True,
    )
    subprocess.run(
        [
            "sox", "-R", str(raw), "-D", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16",
            "-t", "wav", str(trimmed),
            # trim leading silence, then (reversed) trailing silence; fade both ends
            "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%",
            "fade", "h", "0.02", "reverse", "fade", "h", "0.01", "norm", str(PEAK_DBFS),
        ],
        check=True,
    )
    with wave.open(str(trimmed), "rb") as wav:
        samples = wav.getnframes()
    tmp = out.with_name(out.name + ".tmp")
    # 50 ms of silence after the end: a decoder may drop up to a Vorbis block of the last
    # page; the player cuts each prompt back to its manifest length
    subprocess.run(["sox", "-R", str(trimmed), "-t", "ogg", "-C", str(VORBIS_QUALITY), str(tmp),
                    "pad", "0", str(END_PAD_S)], check=True)
    tmp.replace(out)
    return samples


def render_language(language: str, spoken: dict[str, str], says: list[str], out: Path) -> int:
    """Render the pack of ``language`` into ``out``; return its size in bytes."""
    before = active_language()
    use_language(language)
    try:
        texts = prompts(spoken, says)
    finally:
        use_language(before)
    voice = VOICES[language]
    out.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tpguide-voice-") as work:
        for name in sorted(texts):
            samples = render(texts[name], voice, out / f"{name}.ogg", Path(work))
            ms = f"{samples * 1000 / SAMPLE_RATE:.1f}"
            rows.append("\t".join((name, f"{name}.ogg", str(samples), ms, texts[name])))
    wanted = {f"{name}.ogg" for name in texts}
    stale = sorted(p for p in out.iterdir() if p.suffix in (".ogg", ".wav", ".tmp", ".json")
                   and p.name not in wanted)
    for path in stale:
        path.unlink()
    settings = (f"language={language} engine=espeak-ng voice={voice} rate_wpm={RATE_WPM} "
                f"format=ogg-vorbis quality={VORBIS_QUALITY} sample_rate={SAMPLE_RATE} "
                f"peak_dbfs={PEAK_DBFS}")
    lines = ["# tpguide voice pack, written by assets/tools/make_voice.py: do not edit",
             f"# {settings}", "\t".join(COLUMNS), *rows]
    tmp = out / f"{MANIFEST}.tmp"
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out / MANIFEST)
    assert len(read_manifest(out)[1]) == len(texts)
    size = sum((out / name).stat().st_size for name in wanted)
    print(f"{language}: wrote {len(texts)} prompts to {out} ({size / 1024:.0f} KiB); "
          f"removed {len(stale)} stale")
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", choices=VOICE_LANGUAGES,
                        help="render only this language (repeatable; default: all)")
    parser.add_argument("--atlas", type=Path, default=ASSETS / "atlas.yaml")
    parser.add_argument("--routines", type=Path, default=ASSETS.parent / "routines")
    parser.add_argument("--out", type=Path, default=ASSETS / "voice",
                        help="the packs go into OUT/<language>/")
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"make_voice: {tool} is not installed (apt-get install {tool})")
    spoken, says = atlas_points(args.atlas), routine_says(args.routines)
    total = sum(render_language(language, spoken, says, args.out / language)
                for language in args.language or VOICE_LANGUAGES)
    print(f"all packs: {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
