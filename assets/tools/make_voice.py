"""Renders the spoken prompts (assets/voice/*.wav) so the same calm voice says every cue.

Prompts are pre-rendered with espeak-ng (reliable, ~10 ms a phrase) rather than spoken live,
then sox converts them to 44100 Hz mono 16-bit (the tones' format, so the one cue stream
plays both), trims silence, fades the ends and normalises the peak to -3 dBFS (no dither, so
the output is the same bytes on every run). Everything comes from the data: every atlas
point's ``spoken`` name in its long form ("Next: upper trapezius, your left side") and its
short form ("Next: upper trapezius, left"), the side alone ("Left side"), and every built-in
routine's ``say:`` line (named by a digest of its words, see ``cue_names.say_prompt``), so a
session knows every prompt's length before it starts and can fit them between the tones
(tpguide/core/session/prompts.py). Re-run it after the atlas or a built-in routine changes:
it renders every prompt again, removes WAVs that no longer belong and rewrites
``manifest.json`` with each file's exact text.

Usage: python assets/tools/make_voice.py [--atlas FILE] [--routines DIR] [--out DIR]
Needs: espeak-ng, sox, PyYAML.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ASSETS = Path(__file__).resolve().parent.parent
if str(ASSETS.parent) not in sys.path:  # the prompt names come from the package itself
    sys.path.insert(0, str(ASSETS.parent))

from tpguide.core.routines.loader import load_routine_file  # noqa: E402
from tpguide.core.session.cue_names import say_prompt  # noqa: E402
from tpguide.core.session.voice_names import (  # noqa: E402
    ANNOUNCED_SIDES,
    next_point_prompt,
    next_point_short_prompt,
    side_prompt,
)

VOICE = "en-us"
RATE_WPM = 150
SAMPLE_RATE = 44_100
PEAK_DBFS = -3.0
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

FIXED: dict[str, str] = {
    "get-ready": "Get ready",
    "press": "Press",
    "release": "Release",
    "switch-left": "Switch to your left side",
    "switch-right": "Switch to your right side",
    "together": "Both sides together",
    "rest": "Rest",
    "session-complete": "Session complete",
    "stop-question": "Stop the session? Press stop again to end it.",
}
NUMBER_WORDS: tuple[str, ...] = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)
SIDE_PHRASES: dict[str, str] = {
    "left": "your left side",
    "right": "your right side",
    "together": "both sides together",
}
SHORT_SIDE_WORDS: dict[str, str] = {"left": "left", "right": "right", "together": "both sides"}
SIDE_ALONE: dict[str, str] = {"left": "Left side", "right": "Right side", "together": "Both sides"}


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
    """Every prompt name -> the exact text spoken."""
    texts = dict(FIXED)
    texts["count-0"] = "zero"  # a tenderness of 0 is confirmed aloud like any other
    for n, word in enumerate(NUMBER_WORDS, start=1):
        texts[f"count-{n}"] = word
    for side in ANNOUNCED_SIDES:
        texts[side_prompt(side)] = SIDE_ALONE[side]
    for pid, name in spoken.items():
        for side in ANNOUNCED_SIDES:
            texts[next_point_prompt(pid, side)] = f"Next: {name}, {SIDE_PHRASES[side]}"
            texts[next_point_short_prompt(pid, side)] = f"Next: {name}, {SHORT_SIDE_WORDS[side]}"
    for text in says or []:
        texts[say_prompt(text)] = " ".join(text.split())
    return texts


def render(text: str, out: Path, work: Path) -> None:
    """Speak ``text`` into ``out`` (written via a temporary file, then renamed)."""
    text_file = work / "text.txt"
    raw = work / "raw.wav"
    text_file.write_text(text, encoding="utf-8")
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(RATE_WPM), "-f", str(text_file), "-w", str(raw)],
        check=True,
    )
    tmp = out.with_name(out.name + ".tmp")
    subprocess.run(
        [
            "sox", str(raw), "-D", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", "-t", "wav",
            str(tmp),
            # trim leading silence, then (reversed) trailing silence; fade both ends
            "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%",
            "fade", "h", "0.02", "reverse", "fade", "h", "0.01", "norm", str(PEAK_DBFS),
        ],
        check=True,
    )
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=ASSETS / "atlas.yaml")
    parser.add_argument("--routines", type=Path, default=ASSETS.parent / "routines")
    parser.add_argument("--out", type=Path, default=ASSETS / "voice")
    args = parser.parse_args(argv)
    out: Path = args.out
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"make_voice: {tool} is not installed (apt-get install {tool})")
    texts = prompts(atlas_points(args.atlas), routine_says(args.routines))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tpguide-voice-") as work:
        for name, text in texts.items():
            render(text, out / f"{name}.wav", Path(work))
    wanted = {f"{name}.wav" for name in texts}
    stale = sorted(
        p for p in out.iterdir() if p.suffix in (".wav", ".tmp") and p.name not in wanted
    )
    for path in stale:
        path.unlink()
    manifest = {
        "generator": "assets/tools/make_voice.py",
        "engine": "espeak-ng",
        "voice": VOICE,
        "rate_wpm": RATE_WPM,
        "sample_rate": SAMPLE_RATE,
        "peak_dbfs": PEAK_DBFS,
        "prompts": {name: {"file": f"{name}.wav", "text": texts[name]} for name in sorted(texts)},
    }
    tmp = out / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out / "manifest.json")
    size = sum((out / name).stat().st_size for name in wanted)
    print(f"wrote {len(texts)} prompts to {out} ({size / 1024:.0f} KiB); "
          f"removed {len(stale)} stale")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
