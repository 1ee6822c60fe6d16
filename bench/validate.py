"""How long ``tpguide validate`` takes on one routine, against ``import yaml`` alone.

Both are run as fresh processes, alternately, in the same run; the medians and
their ratio are printed (aim: at most 1.5x).

tpguide's modules keep their compiled bytecode in a private cache filled by the warm-up
run, as an installed wheel has it (pip compiles on install) and as PyYAML has it in the
environment; ``--no-bytecode`` measures with the environment as it is (with
PYTHONDONTWRITEBYTECODE set, tpguide is compiled on every run and yaml is not).
``--root DIR`` measures another checkout (before/after comparisons).

Usage: python bench/validate.py [--no-bytecode] [--root DIR]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15


def wall(cmd: list[str], root: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict[str, float]:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[args.index("--root") + 1]).resolve() if "--root" in args else ROOT
    env = dict(os.environ, PYTHONPATH=str(root))
    if "--no-bytecode" not in args:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="tpguide-pyc-")
    routine = str(root / "routines" / "example.yaml")
    baseline_cmd = [sys.executable, "-c", "import yaml"]
    script = Path(sys.executable).parent / "tpguide"
    validate_cmd = ([str(script)] if script.exists() else [sys.executable, "-m", "tpguide"])
    validate_cmd += ["validate", routine]
    wall(validate_cmd, root, env)  # warm the file cache (and fill the bytecode cache)
    wall(baseline_cmd, root, env)
    base, val = [], []
    for _ in range(RUNS):
        base.append(wall(baseline_cmd, root, env))
        val.append(wall(validate_cmd, root, env))
    b, v = statistics.median(base), statistics.median(val)
    print(f"{'python -c import yaml':32} {b * 1000:8.1f} ms")
    print(f"{'tpguide validate (1 routine)':32} {v * 1000:8.1f} ms")
    print(f"{'ratio':32} {v / b:8.2f} x   (aim <= 1.5x; fastest runs "
          f"{min(val) / min(base):.2f} x)")
    print(f"{'bytecode':32} {'compiled on every run' if '--no-bytecode' in args else 'cached'}")
    return {"baseline_ms": b * 1000, "validate_ms": v * 1000, "ratio": v / b}


if __name__ == "__main__":
    main()
