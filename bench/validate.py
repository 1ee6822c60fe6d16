"""How long ``tpguide validate`` takes on one routine, against ``import yaml`` alone.

Both are run as fresh processes, alternately, in the same run; the medians and
their ratio are printed (aim: at most 1.5x).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> dict[str, float]:
    routine = str(ROOT / "routines" / "example.yaml")
    baseline_cmd = [sys.executable, "-c", "import yaml"]
    script = Path(sys.executable).parent / "tpguide"
    validate_cmd = ([str(script)] if script.exists() else [sys.executable, "-m", "tpguide"])
    validate_cmd += ["validate", routine]
    wall(validate_cmd)  # warm the file cache
    base, val = [], []
    for _ in range(RUNS):
        base.append(wall(baseline_cmd))
        val.append(wall(validate_cmd))
    b, v = statistics.median(base), statistics.median(val)
    print(f"{'python -c import yaml':32} {b * 1000:8.1f} ms")
    print(f"{'tpguide validate (1 routine)':32} {v * 1000:8.1f} ms")
    print(f"{'ratio':32} {v / b:8.2f} x   (aim <= 1.5x)")
    return {"baseline_ms": b * 1000, "validate_ms": v * 1000, "ratio": v / b}


if __name__ == "__main__":
    main()
