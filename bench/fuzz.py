"""Feeds the routine and course loaders many hostile inputs and counts foreign exceptions.

Inputs are mutations of the built-in routines (byte flips, cuts, splices,
duplicated lines, inserted YAML syntax) plus random bytes. The only allowed
outcomes are a Routine/Course or the loader's own located diagnostics; any
other exception is a failure and is printed with its input.
Usage: python bench/fuzz.py [N]   (default 100000)
"""

from __future__ import annotations

import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tpguide.core.courses.loader import load_course_text  # noqa: E402
from tpguide.core.routines.loader import load_routine_bytes  # noqa: E402
from tpguide.core.routines.yamlsafe import LineTable  # noqa: E402

SNIPPETS = [b"&a ", b"*a", b"<<: ", b"!!python/object ", b"[", b"{", b"]", b"}", b"- ", b": ",
            b"\n  ", b"\t", b"'", b'"', b"|\n", b">-\n", b"---\n", b"...\n", b"? ", b"%YAML 1.1\n",
            b"\xef\xbb\xbf", b"\x00", b"\xff", b"1:30", b"yes", b".nan", b"9" * 40, b"#",
            b"\r", b"\r\n", "\u2028".encode(), b"~", b"!!binary ", b"!!str ", b"[[[[[[", b"&x [*x]"]


def mutate(rng: random.Random, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1) if data else 0
        if op == 0 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:
            data[pos:pos] = rng.choice(SNIPPETS)
        elif op == 2 and data:
            end = min(len(data), pos + rng.randint(1, 40))
            del data[pos:end]
        elif op == 3:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[rng.randrange(len(lines))])
            data = bytearray(b"\n".join(lines))
        elif op == 4:
            data = data[:pos]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(data)


def check(data: bytes) -> str | None:
    result = load_routine_bytes(data)
    if result.routine is None and not result.errors:
        return "no routine and no error"
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    last = LineTable(text).position(len(text))[0]
    for d in result.diagnostics:
        if not (1 <= d.line <= last and d.column >= 1):
            return f"diagnostic outside the file: {d}"
    if b"tpguide-course" in data[:200]:
        load_course_text(text, set())
    return None


def main(count: int = 100_000) -> dict[str, float]:
    rng = random.Random(20261125)
    seeds = [p.read_bytes() for p in sorted((ROOT / "routines").glob("*.yaml"))]
    seeds.append(b"tpguide-course: 1\nid: c\ntitle: C\nstages:\n  - routine: x\n"
                 b"    times_per_day: 2\n    days: 3\n")
    failures = 0
    start = time.perf_counter()
    for i in range(count):
        data = (bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))) if i % 10 == 0
                else mutate(rng, rng.choice(seeds)))
        try:
            problem = check(data)
        except Exception:  # noqa: BLE001 - counting foreign exceptions is the point
            problem = traceback.format_exc(limit=3)
        if problem is not None:
            failures += 1
            if failures <= 5:
                print(f"FAILURE on input {data[:200]!r}...\n{problem}")
    seconds = time.perf_counter() - start
    print(f"{'fuzz inputs':32} {count:8d}")
    print(f"{'fuzz failures':32} {failures:8d}")
    print(f"{'fuzz time':32} {seconds:8.1f} s ({seconds / count * 1e6:.0f} us per input)")
    return {"inputs": count, "failures": failures, "seconds": seconds}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
