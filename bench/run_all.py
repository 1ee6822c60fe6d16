"""Runs every benchmark in bench/ and prints one table (what the README quotes).

Usage: python bench/run_all.py [--quick]   (--quick: 10,000 fuzz inputs instead of 100,000)
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BENCHES = ("validate", "engine", "startup", "timing", "fuzz")


def run(name: str, quick: bool) -> list[str]:
    module = importlib.import_module(name)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        if name == "fuzz":
            module.main(10_000 if quick else 100_000)
        else:
            module.main()
    return [line for line in buffer.getvalue().splitlines() if line.strip()]


def main() -> None:
    quick = "--quick" in sys.argv
    print(f"{'benchmark':12} | result")
    print(f"{'-' * 12}-+-{'-' * 70}")
    for name in BENCHES:
        if not (ROOT / "bench" / f"{name}.py").exists():
            continue
        for i, line in enumerate(run(name, quick)):
            print(f"{name if i == 0 else '':12} | {line}")


if __name__ == "__main__":
    main()
