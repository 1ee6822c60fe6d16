"""Runs every benchmark in bench/ and prints one table (what the README quotes).

Usage: python bench/run_all.py [--quick] [--before DIR]
  --quick       10,000 fuzz inputs instead of 100,000
  --before DIR  also measure another checkout (an earlier commit) with the same validate,
                startup and engine benchmarks, in the same run: before/after figures from
                one machine at one time (startup interleaves the two checkouts' runs)
"""

from __future__ import annotations

import contextlib
import importlib
import io
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

BENCHES = ("validate", "engine", "startup", "timing", "voice_start", "fuzz")
ROOTED = ("validate", "startup")  # these measure any checkout given as --root


def run(name: str, quick: bool, root: Path | None = None, before: Path | None = None
        ) -> list[str]:
    if root is not None and name not in ROOTED:  # that checkout's own script, on its own code
        done = subprocess.run([sys.executable, str(root / "bench" / f"{name}.py")], cwd=root,
                              capture_output=True, text=True, check=True)
        return [line for line in done.stdout.splitlines() if line.strip()]
    module = importlib.import_module(name)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        if name == "fuzz":
            module.main(10_000 if quick else 100_000)
        elif name == "startup" and before is not None:
            module.main(["--before", str(before)])
        elif name in ROOTED:
            module.main(["--root", str(root)] if root is not None else [])
        else:
            module.main()
    return [line for line in buffer.getvalue().splitlines() if line.strip()]


def main() -> None:
    args = sys.argv[1:]
    quick = "--quick" in args
    before = Path(args[args.index("--before") + 1]).resolve() if "--before" in args else None
    print(f"{'benchmark':18} | result")
    print(f"{'-' * 18}-+-{'-' * 70}")
    for name in BENCHES:
        if not (BENCH / f"{name}.py").exists():
            continue
        runs = [(f"{name} (before)", before), (f"{name} (after)", None)] \
            if before is not None and name in ("validate", "engine") else [(name, None)]
        for label, root in runs:
            for i, line in enumerate(run(name, quick, root, before)):
                print(f"{label if i == 0 else '':18} | {line}")


if __name__ == "__main__":
    main()
