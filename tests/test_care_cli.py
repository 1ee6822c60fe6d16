"""``tpguide clients`` and ``tpguide report`` in process: what they say and their statuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.care_helpers import report_of, seeded_store
from tpguide.cli import main
from tpguide.core.care.build import report_bytes


def _reports(tmp_path: Path) -> tuple[Path, Path]:
    store, clock = seeded_store()
    first = tmp_path / "a.tpguide-report"
    first.write_bytes(report_bytes(report_of(store, clock)))
    second = tmp_path / "b.tpguide-report"
    second.write_bytes(report_bytes(report_of(store, clock, client="e" * 32)))
    store.close()
    return first, second


def test_two_clients_called_anna_need_the_id_to_show_or_remove(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _reports(tmp_path)
    assert main(["clients", "import", str(first), str(second)]) == 0
    capsys.readouterr()
    assert main(["clients", "show", "Anna"]) == 2
    assert "2 clients are called 'Anna'" in capsys.readouterr().err
    assert main(["clients", "show", "eeeeeeee"]) == 0
    shown = capsys.readouterr().out
    assert shown.index("!! 1 session(s) stopped with 'I feel unwell'") < shown.index("Sessions:")
    assert main(["clients", "remove", "eeeeeeee"]) == 2
    assert "run again with --yes" in capsys.readouterr().err
    assert main(["clients", "remove", "eeeeeeee", "--yes"]) == 0
    assert "removed Anna (1 file)" in capsys.readouterr().out
    assert main(["clients", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.count("Anna") == 1 and "<- read first" in listed


def test_report_refuses_bad_dates_and_an_unwritable_target(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--since", "March", "-o", str(tmp_path / "r")]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["report", "--since", "2025-03-02", "--until", "2025-03-01",
                 "-o", str(tmp_path / "r")]) == 2
    assert main(["report", "-o", str(tmp_path / "no" / "r.tpguide-report")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_schema_report_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--report"]) == 0
    committed = (Path(__file__).resolve().parent.parent / "assets" / "report.schema.json")
    assert capsys.readouterr().out == committed.read_text(encoding="utf-8")
