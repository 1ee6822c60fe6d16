"""Shared by the care-loop tests: a small diary and the report made from it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.diary_helpers import Clock, add_session
from tpguide.core.care.build import ReportRequest, build_report
from tpguide.core.diary.records import HeadacheEntry
from tpguide.core.diary.store import HistoryStore

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CLIENT = "0123456789abcdef0123456789abcdef"


def seeded_store(clock: Clock | None = None) -> tuple[HistoryStore, Clock]:
    """Four sessions (one stopped unwell, with a note) and three headaches in March 2025."""
    clock = clock or Clock(START)
    store = HistoryStore(now=clock)
    for title, before, after, status, note in (
        ("Neck basics", 6, 3, "completed", None),
        ("Neck basics", 5, None, "unwell", "dizzy <b>at once</b>"),
        ("Temples", 4, 4, "completed", "fine"),
        ("Neck basics", 7, 5, "stopped", None),
    ):
        add_session(store, clock, title, before, after, status,
                    routine_id=title.lower().replace(" ", "-"), note=note)
        clock.advance(days=2)
    for day, klass, different in ((0, "simple", False), (3, "triptan", True), (5, None, False)):
        store.add_headache(HeadacheEntry(started_at=START + timedelta(days=day, hours=5),
                                         intensity=6, medication_class=klass,
                                         new_or_different=different, notes="after work"))
    return store, clock


def report_of(store: HistoryStore, clock: Clock, name: str = "Anna",
              notes: bool = True, client: str = CLIENT) -> dict[str, Any]:
    return build_report(ReportRequest(name, START.date(), START.date() + timedelta(days=30),
                                      notes), store.sessions(), store.headaches(), [],
                        client_id=client, now=clock(), tz=UTC)
