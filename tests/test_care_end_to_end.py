"""The care loop from end to end, each step a real ``python -m tpguide`` process.

A client runs a short routine headless (``TPGUIDE_AUTOSTART=1``, no audio); the session is
recorded; ``tpguide report`` writes a report and a PDF that names the routine; a therapist
in another ``TPGUIDE_HOME`` imports it and lists it; hostile files are refused; a backup
restored into an empty home gives the same routines, diary rows and settings.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 120.0
ROUTINE = """\
tpguide: 1
id: care-loop-short
title: Care loop, three seconds
defaults: {prepare: 1s, press: 1s, release: 1s, cycles: 1, rest: 0s}
steps:
  - point: upper-trapezius.1
    side: right
"""
pytestmark = pytest.mark.slow


def _home(base: Path, name: str) -> Path:
    home = base / name
    (home / "config").mkdir(parents=True)
    settings = {"safety_acknowledged": True, "ask_pain_ratings": False, "volume": 0.4}
    (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return home


def tpguide(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TPGUIDE_HOME"}
    env.update(TPGUIDE_HOME=str(home), TPGUIDE_AUTOSTART="1", TPGUIDE_AUDIO="off",
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tpguide", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def diary_rows(home: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{home / 'data' / 'history.sqlite3'}?mode=ro", uri=True)
    try:
        return [*conn.execute("SELECT routine_id, routine_title, started_at, status, pain_before,"
                              " pain_after FROM sessions ORDER BY id"),
                *conn.execute("SELECT * FROM headache_log ORDER BY id")]
    finally:
        conn.close()


def test_a_recorded_session_is_reported_imported_listed_and_backed_up(tmp_path: Path) -> None:
    client = _home(tmp_path, "client")
    (client / "data" / "routines").mkdir(parents=True)
    routine = client / "data" / "routines" / "care-loop-short.tpguide.yaml"
    routine.write_text(ROUTINE, encoding="utf-8")
    run = tpguide(client, "run", "care-loop-short")
    assert run.returncode == 0 and "tpguide: session finished" in run.stderr, run.stderr
    rows = diary_rows(client)
    assert [(r[0], r[3]) for r in rows] == [("care-loop-short", "completed")]

    report = tmp_path / "anna.tpguide-report"
    made = tpguide(client, "report", "--for", "Anna", "-o", str(report))
    assert made.returncode == 0 and "holds health data" in made.stderr, made.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [s["routine_title"] for s in data["sessions"]] == ["Care loop, three seconds"]
    pdf = tmp_path / "anna.pdf"
    printed = tpguide(client, "report", "--for", "Anna", "--pdf", "-o", str(pdf))
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Care loop, three seconds" in text and "For: Anna" in text

    therapist = _home(tmp_path, "therapist")
    first = tpguide(therapist, "clients", "import", str(report))
    assert first.returncode == 0 and "new client, 1 new session," in first.stdout, first.stderr
    again = tpguide(therapist, "clients", "import", str(report))
    assert "nothing new" in again.stdout
    listed = tpguide(therapist, "clients", "list")
    assert listed.returncode == 0
    line = next(x for x in listed.stdout.splitlines() if x.startswith("Anna"))
    assert data["client"]["id"][:8] in line and " 1 " in line
    shown = tpguide(therapist, "clients", "show", "Anna")
    assert "Care loop, three seconds  completed" in shown.stdout

    backup = tmp_path / "client.tpguide-backup"
    assert tpguide(client, "backup", "-o", str(backup)).returncode == 0
    fresh = tmp_path / "fresh"
    restored = tpguide(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert tpguide(fresh, "list").stdout == tpguide(client, "list").stdout
    assert diary_rows(fresh) == rows
    assert (fresh / "config" / "settings.json").read_text() == \
        (client / "config" / "settings.json").read_text()
    refused = tpguide(fresh, "restore", str(backup))
    assert refused.returncode == 1 and "never merges" in refused.stderr


def test_hostile_report_files_are_refused_with_a_status_and_a_reason(tmp_path: Path) -> None:
    home = _home(tmp_path, "therapist")
    fifo = tmp_path / "pipe.tpguide-report"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.tpguide-report"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    newer = tmp_path / "newer.tpguide-report"
    newer.write_text('{"tpguide-report": 7}')
    junk = tmp_path / "junk.tpguide-report"
    junk.write_bytes(os.urandom(2048))
    cases = {fifo: (2, "named pipe"), tmp_path: (2, "folder"), huge: (1, "larger than"),
             newer: (1, "newer tpguide"), junk: (1, "not a tpguide report")}
    for path, (status, words) in cases.items():
        done = tpguide(home, "clients", "import", str(path))
        assert (done.returncode, words in done.stderr) == (status, True), (path, done.stderr)
    assert not (home / "data" / "clients").exists()
    assert tpguide(home, "clients", "list").stdout == ""
