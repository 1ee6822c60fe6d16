"""Reports carry the points a session worked: tenderness and time to ease from the diary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.care_helpers import START, seeded_store
from tests.diary_helpers import Clock
from tpguide.cli import main
from tpguide.core.care.build import ReportRequest, report_bytes
from tpguide.core.care.reader import parse_report
from tpguide.core.care.text import client_text
from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.store import HistoryStore
from tpguide.core.settings import SettingsStore
from tpguide.ui.diary.care_actions import DiaryCare
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.widgets.settings_owner import SettingsOwner

TRAPEZIUS = "upper-trapezius.1"
TEMPORALIS = "temporalis.1"
EXPECTED = [
    # two cycles on the left: rated 6 in the first, the second did not ease
    {"point": TRAPEZIUS, "side": "left", "tenderness": 6, "eased": False,
     "time_to_ease_seconds": None},
    {"point": TRAPEZIUS, "side": "right", "tenderness": 3, "eased": True,
     "time_to_ease_seconds": 4.0},
    # a fixed press: nothing about easing
    {"point": TEMPORALIS, "side": "both", "tenderness": 10, "eased": None,
     "time_to_ease_seconds": None},
]


def _with_presses() -> tuple[HistoryStore, Clock, int]:
    """The care diary, and presses saved for its first session (as the session would)."""
    store, clock = seeded_store()
    first = min(s.id for s in store.sessions())
    for step, point, side, cycle, outcome, held, tenderness in (
        (0, TRAPEZIUS, "left", 1, "eased", 8.4, 6),
        (0, TRAPEZIUS, "left", 2, "not-eased", 20.0, None),
        (0, TRAPEZIUS, "right", 1, "eased", 4.02, 3),
        (1, TEMPORALIS, "together", 1, "timed", 8.0, 10),
    ):
        store.save_press(PressRecord(first, step, point, side, cycle, outcome,  # type: ignore[arg-type]
                                     held, 20.0, tenderness))
    return store, clock, first


def _points(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [s.get("points", []) for s in report["sessions"]]


def _request() -> ReportRequest:
    return ReportRequest("Anna", START.date(), START.date().replace(day=31))


def test_the_report_the_person_saves_carries_each_point_and_side(
        qtbot: QtBot, tmp_path: Path) -> None:
    store, clock, _ = _with_presses()
    view = HistoryView(store, now=store._now)
    qtbot.addWidget(view)
    care = DiaryCare(view, SettingsOwner(SettingsStore()), now=store._now)
    report = care.make_report(_request(), clock())
    assert _points(report) == [EXPECTED, [], [], []]  # only the session they were pressed in
    again = parse_report(report_bytes(report), "mine")  # the format takes them
    assert _points(again)[0] == EXPECTED
    shown = client_text(again)
    assert "upper-trapezius.1 right tenderness 3 eased after 4 s" in shown
    store.close()


def test_tpguide_report_carries_them_too(tmp_path: Path) -> None:
    store, _, _ = _with_presses()
    store.close()
    target = tmp_path / "mine.tpguide-report"
    assert main(["report", "--since", "2025-03-01", "--until", "2025-03-31",
                 "-o", str(target)]) == 0
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert _points(saved) == [EXPECTED, [], [], []]
