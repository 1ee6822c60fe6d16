"""How long Start waits for the voice: decoding a plan's prompts, per language and routine.

A session decodes only the prompts its plan asks for (Ogg Vorbis through Qt's QAudioDecoder)
before its first cue; this measures ``load()`` -> ``loaded`` of the real cue player for every
built-in routine in every voice language, against the same player with no voice prompts
(tones only) in the same run. Prints medians and the worst case; no sound card needed (the
stream may fail to open: the decoding is what is timed).

Usage: python bench/voice_start.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tpguide import resources  # noqa: E402
from tpguide.core.i18n import use_language  # noqa: E402
from tpguide.core.routines.loader import load_routine_file  # noqa: E402
from tpguide.core.session.planner import make_plan  # noqa: E402
from tpguide.core.session.prompts import voice_prompts_needed  # noqa: E402
from tpguide.core.session.voice_pack import VOICE_LANGUAGES, voice_location  # noqa: E402
from tpguide.ui.session.cue_player import QtCuePlayer  # noqa: E402


def _load_seconds(prompts: list[str], folder: Path) -> tuple[float, float]:
    player = QtCuePlayer(voice_dir=folder, prompts=prompts)
    loop = QEventLoop()
    player.loaded.connect(lambda _ok: loop.quit())
    QTimer.singleShot(20_000, loop.quit)
    started = time.perf_counter()
    player.load()
    loop.exec()
    wall = time.perf_counter() - started
    decode = player.decode_seconds
    player.close()
    player.deleteLater()
    return wall, decode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args, _ = parser.parse_known_args()  # run_all.py passes its own options through
    QApplication.instance() or QApplication([])
    files = resources.builtin_routine_files()
    base = [_load_seconds([], Path(voice_location("en")))[0] for _ in range(args.repeat)]
    print(f"tones only (no voice prompts): load() -> loaded median "
          f"{statistics.median(base) * 1000:.0f} ms")
    for language in VOICE_LANGUAGES:
        use_language(language)
        folder = Path(voice_location(language))
        walls, counts = [], []
        for path in files:
            routine = load_routine_file(path).routine
            if routine is None:
                continue
            prompts = sorted(voice_prompts_needed(make_plan(routine).phases))
            counts.append(len(prompts))
            walls += [_load_seconds(prompts, folder)[0] for _ in range(args.repeat)]
        extra = [w - statistics.median(base) for w in walls]
        print(f"{language}: {len(files)} routines, {min(counts)}-{max(counts)} prompts each: "
              f"Start delayed by median {statistics.median(extra) * 1000:.0f} ms, "
              f"worst {max(extra) * 1000:.0f} ms (load {statistics.median(walls) * 1000:.0f} ms "
              f"against {statistics.median(base) * 1000:.0f} ms with tones only: "
              f"{statistics.median(walls) / statistics.median(base):.2f}x)")
    use_language("en")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
