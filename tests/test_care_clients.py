"""The therapist's clients: import is idempotent, newer reports add, removal leaves nothing."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.care_helpers import CLIENT, report_of, seeded_store
from tpguide.core.care.clients import ClientStore, merge
from tpguide.core.care.format import REPORT
from tpguide.core.care.reader import ReportError
from tpguide.core.care.summary import summarize, unwell_stops


def test_importing_the_same_report_twice_changes_nothing(tpguide_home: Path) -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    clients = ClientStore()
    first = clients.import_report(report)
    assert first.first_time and first.changed and first.new_sessions == 4
    path = first.client.path
    stamp = path.stat().st_mtime_ns
    again = clients.import_report(copy.deepcopy(report))
    assert not again.changed and again.new_sessions == 0
    assert path.stat().st_mtime_ns == stamp
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent == tpguide_home / "data" / "clients"


def test_a_newer_report_adds_what_is_new_and_its_version_wins() -> None:
    store, clock = seeded_store()
    old = report_of(store, clock)
    clock.advance(days=1)
    from tests.diary_helpers import add_session

    add_session(store, clock, "Temples", 3, 1, routine_id="temples")
    newer = report_of(store, clock)
    newer["sessions"][0]["pain_after"] = 2  # corrected by the client since
    newer["client"]["name"] = "Anna B."
    clients = ClientStore()
    clients.import_report(old)
    done = clients.import_report(newer)
    assert done.changed and done.new_sessions == 1 and done.new_headaches == 0
    kept = done.client.report
    assert len(kept["sessions"]) == 5 and kept["sessions"][0]["pain_after"] == 2
    assert done.client.name == "Anna B."
    # the older report arriving late adds nothing and does not undo the correction
    late = clients.import_report(old)
    assert not late.changed


def test_two_clients_with_one_name_stay_two() -> None:
    store, clock = seeded_store()
    clients = ClientStore()
    clients.import_report(report_of(store, clock, client=CLIENT))
    clients.import_report(report_of(store, clock, client="f" * 32))
    assert [c.name for c in clients.clients()] == ["Anna", "Anna"]
    assert len(clients.find("Anna")) == 2
    assert [c.id for c in clients.find("ffff")] == ["f" * 32]


def test_removing_a_client_removes_their_file_and_set_aside_copies() -> None:
    store, clock = seeded_store()
    clients = ClientStore()
    done = clients.import_report(report_of(store, clock))
    aside = done.client.path.with_name(done.client.path.name + ".corrupt-20250101T000000Z")
    aside.write_text("old")
    gone = clients.remove(CLIENT)
    assert sorted(p.name for p in gone) == sorted([done.client.path.name, aside.name])
    assert list(clients.folder.iterdir()) == []
    assert clients.remove("../../etc") == []


def test_a_damaged_client_file_is_set_aside_and_said() -> None:
    clients = ClientStore()
    clients.folder.mkdir(parents=True)
    (clients.folder / f"{CLIENT}.json").write_text("{not json")
    assert clients.clients() == []
    assert "kept aside" in clients.notices[0]
    assert [p.name.startswith(f"{CLIENT}.json.corrupt-") for p in clients.folder.iterdir()] \
        == [True]


def test_a_merge_that_would_break_the_format_is_refused_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    clients = ClientStore()
    clients.import_report(report)
    bigger = copy.deepcopy(report)
    bigger["created"] = "2099-01-01T00:00:00+00:00"
    bigger["sessions"] = [dict(report["sessions"][0], started_at=f"2025-04-{d:02d}T09:00:00+00:00")
                          for d in range(1, 8)]
    monkeypatch.setattr(REPORT.fields["sessions"], "most", 10)  # each report alone fits
    with pytest.raises(ReportError, match="would break the format"):
        clients.import_report(bigger)
    assert len(clients.clients()[0].report["sessions"]) == 4


def test_summary_counts_and_unwell_stops_first() -> None:
    store, clock = seeded_store()
    report = report_of(store, clock)
    s = summarize(report)
    assert (s.sessions, s.completed, s.unwell) == (4, 2, 1)
    assert s.median_change == -2.0  # -3, 0, -2
    assert [r.note for r in unwell_stops(report)] == ["dizzy <b>at once</b>"]
    assert merge(report, report) == report
