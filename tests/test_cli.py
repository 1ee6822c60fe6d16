"""The ``tpguide`` commands (validate, schema, points, list, new, plan) as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tpguide(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tpguide", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - point: temporalis.1\n"
WARN = GOOD + "    press: 120\n    cycles: 1\n"
BAD = GOOD + "    relase: 5\n"


def test_validate_exit_codes_and_format(tmp_path: Path) -> None:
    good, warn, bad = (write(tmp_path / n, t) for n, t in
                       (("good.yaml", GOOD), ("warn.yaml", WARN), ("bad.yaml", BAD)))
    assert tpguide("validate", str(good)).returncode == 0
    w = tpguide("validate", str(warn))
    assert w.returncode == 0
    assert w.stdout == f"{warn}:6:12: warning: press of 120 s is long; compressions over 90 s " \
                       "are rarely needed\n"
    b = tpguide("validate", str(good), str(bad))
    assert b.returncode == 1
    assert b.stdout == f"{bad}:6:5: error: 'relase' is not a step setting; did you mean " \
                       "'release'?\n"
    missing = tpguide("validate", str(bad), str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert "nope.yaml" in missing.stderr
    assert tpguide("validate").returncode == 2


def test_validate_prints_the_name_as_given(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    out = tpguide("validate", "./bad.yaml", cwd=tmp_path)
    assert out.stdout.startswith("./bad.yaml:6:5: error:")


def test_schema_prints_the_committed_schema() -> None:
    out = tpguide("schema")
    assert out.returncode == 0
    committed = (ROOT / "assets" / "routine.schema.json").read_text(encoding="utf-8")
    assert out.stdout == committed, "assets/routine.schema.json is stale: run tpguide schema"
    assert json.loads(out.stdout)["properties"]["tpguide"] == {"const": 1}


def test_points_refers_to_lists_essential_before_spillover() -> None:
    out = tpguide("points", "--refers-to", "zone-temple")
    kinds = [line.split()[1] for line in out.stdout.splitlines()]
    assert out.returncode == 0 and kinds
    assert kinds == sorted(kinds)  # "essential" sorts before "spillover"
    assert "temporalis.1" in out.stdout
    assert tpguide("points", "--refers-to", "zone-nowhere").returncode == 2


def test_list_shows_builtin_and_own_routines(tpguide_home: Path) -> None:
    own = tpguide_home / "data" / "routines"
    own.mkdir(parents=True)
    write(own / "mine.yaml", GOOD.replace("id: t", "id: my-own"))
    out = tpguide("list")
    assert "tension-headache-basic" in out.stdout and "built-in" in out.stdout
    assert "my-own" in out.stdout and "mine" in out.stdout


def test_new_writes_a_valid_starter_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "neck-care.yaml"
    assert tpguide("new", str(target)).returncode == 0
    assert tpguide("validate", str(target)).returncode == 0
    assert "id: neck-care" in target.read_text(encoding="utf-8")
    before = target.read_bytes()
    assert tpguide("new", str(target)).returncode == 2
    assert target.read_bytes() == before


def test_new_from_an_existing_routine(tmp_path: Path) -> None:
    target = tmp_path / "copy.yaml"
    assert tpguide("new", "--from", "tension-headache-basic", str(target)).returncode == 0
    checked = tpguide("validate", str(target))
    assert checked.returncode == 0, checked.stdout
    assert tpguide("new", "--from", "no-such-id", str(tmp_path / "x.yaml")).returncode == 2


@pytest.mark.parametrize("lookup", ["id", "file"])
def test_file_or_id_lookup_prefers_own_routines(tpguide_home: Path, lookup: str) -> None:
    own = tpguide_home / "data" / "routines"
    own.mkdir(parents=True)
    mine = write(own / "x.yaml", GOOD.replace("id: t", "id: tension-headache-basic"))
    arg = "tension-headache-basic" if lookup == "id" else str(mine)
    out = tpguide("plan", arg, "--json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert [p["point"] for p in plan["phases"] if p["point"]] == ["temporalis.1"] * 14


def test_plan_text_starts_with_its_header_and_ends_with_done_and_the_total(
    tmp_path: Path,
) -> None:
    one = write(tmp_path / "one.yaml", GOOD + "    side: left\n    cycles: 1\n")
    out = tpguide("plan", str(one))
    assert (out.returncode, out.stderr) == (0, "")
    lines = out.stdout.rstrip("\n").splitlines()
    assert lines[:2] == ["Plan for t: 1 point, 4 phases", ""]
    assert lines[-3:] == ["    0:45  done", "", "Total 0:45"]
    example = tpguide("plan", "routines/example.yaml").stdout.rstrip("\n").splitlines()
    assert example[0] == "Plan for tension-headache-basic: 3 points, 38 phases"
    assert example[-3:] == ["   12:20  done", "", "Total 12:20"]


def test_points_refers_to_lists_nothing_for_chest_pain_as_the_warning_says() -> None:
    """The finder offers no point for chest or breastbone pain; its command agrees."""
    for zone in ("zone-chest", "zone-sternum"):
        out = tpguide("points", "--refers-to", zone)
        assert out.returncode == 0
        assert out.stdout == ""
        assert "emergency number" in out.stderr and "suggests no points" in out.stderr
