"""The progress report: what it holds, its schema, and refusing reports that are not sound."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from tests.care_helpers import CLIENT, report_of, seeded_store
from tpguide.core.care.build import report_bytes
from tpguide.core.care.identity import client_id
from tpguide.core.care.reader import ReportError, parse_report, read_report
from tpguide.core.care.schema import build_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_a_report_holds_every_session_headache_and_the_notes() -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    assert report["client"] == {"id": CLIENT, "name": "Anna"}
    assert [s["status"] for s in report["sessions"]] == ["completed", "unwell", "completed",
                                                         "stopped"]
    assert report["sessions"][1]["note"] == "dizzy <b>at once</b>"
    assert [h["medication_class"] for h in report["headaches"]] == ["simple", "triptan", None]
    assert report["headaches"][1]["new_or_different"] is True
    assert report["period"] == {"since": "2025-03-03", "until": "2025-04-02"}


def test_leaving_notes_out_leaves_every_note_out() -> None:
    store, clock = seeded_store()
    report = report_of(store, clock, notes=False)
    text = report_bytes(report).decode()
    assert "dizzy" not in text and "after work" not in text and "fine" not in text
    assert report["notes_included"] is False


def test_a_report_reads_back_as_it_was_written(tmp_path: Path) -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    path = tmp_path / "anna.tpguide-report"
    path.write_bytes(report_bytes(report))
    assert read_report(path) == report


def test_the_committed_schema_is_current_and_accepts_a_real_report() -> None:
    committed = (ROOT / "assets" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: tpguide schema --report > assets/report.schema.json"
    schema = build_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    store, clock = seeded_store()
    report = report_of(store, clock)
    report["sessions"][0]["points"] = [{"point": "upper-trapezius.1", "side": "left",
                                        "tenderness": 6, "eased": True,
                                        "time_to_ease_seconds": 35}]
    jsonschema.validate(report, schema)
    assert parse_report(report_bytes(report), "x") == report


@pytest.mark.parametrize(("change", "where"), [
    (lambda r: r["sessions"][0].update(pain_after=11), "sessions[0].pain_after"),
    (lambda r: r["sessions"][0].update(status="running"), "sessions[0].status"),
    (lambda r: r["client"].update(id="anna"), "client.id"),
    (lambda r: r["client"].update(name="Anna\u202eevil"), "client.name"),
    (lambda r: r.update(extra=1), "extra"),
    (lambda r: r["headaches"][0].update(intensity="6"), "headaches[0].intensity"),
    (lambda r: r["period"].update(since="2025-02-30"), "period.since"),
])
def test_schema_and_reader_refuse_the_same_bad_fields(change: object, where: str) -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    change(report)  # type: ignore[operator]
    assert list(jsonschema.Draft202012Validator(build_schema()).iter_errors(report)) or \
        where == "period.since"  # a day that does not exist only tpguide checks
    with pytest.raises(ReportError, match=rf"x: error: {re.escape(where)}"):
        parse_report(report_bytes(report), "x")


@pytest.mark.parametrize(("data", "words"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    (b"tpguide: 1\nid: a-routine\n", "not valid JSON"),
    (b'{"tpguide-report": 1, "tpguide-report": 1}', "appears twice"),
    (b'{"tpguide-report": NaN}', "not a number a report may hold"),
    (b'{"tpguide-report": 1' + b"0" * 5000 + b"}", "far too many digits"),
    (b"[" * 100_000, "nested far too deeply"),
    (b'{"sessions": []}', "no 'tpguide-report' version"),
    (b'{"tpguide-report": 2}', "newer tpguide (report format 2"),
    (b'{"tpguide-report": true}', "must be a whole number"),
])
def test_junk_and_foreign_files_are_refused_with_a_reason(data: bytes, words: str) -> None:
    with pytest.raises(ReportError, match="not a tpguide report|newer|whole number") as caught:
        parse_report(data, "r.tpguide-report")
    assert words in str(caught.value)
    assert caught.value.status == 1


def test_a_json_error_says_its_line_and_column() -> None:
    with pytest.raises(ReportError, match=r"^r:2:9: error: not a tpguide report"):
        parse_report(b'{\n    "x" 1}', "r")


def test_a_folder_a_fifo_and_a_huge_file_are_refused_without_reading_them(
        tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.tpguide-report"
    os.mkfifo(fifo)
    for path, words in ((tmp_path, "folder"), (fifo, "named pipe")):
        with pytest.raises(ReportError, match=words) as caught:
            read_report(path)
        assert caught.value.status == 2
    huge = tmp_path / "huge.tpguide-report"
    with huge.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    with pytest.raises(ReportError, match="larger than 8 MiB") as caught:
        read_report(huge)
    assert caught.value.status == 1


def test_the_client_id_is_made_once_and_a_damaged_one_is_replaced(tpguide_home: Path) -> None:
    first = client_id()
    assert client_id() == first and len(first) == 32
    path = tpguide_home / "data" / "client-id"
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_text("not an id\n")
    second = client_id()
    assert second != first
    assert [p.name for p in path.parent.glob("client-id.corrupt-*")]


def test_report_json_is_plain_indented_utf8() -> None:
    store, clock = seeded_store()
    data = report_bytes(report_of(store, clock, name="Zoë"))
    assert "Zoë".encode() in data
    assert json.loads(data)["tpguide-report"] == 1
