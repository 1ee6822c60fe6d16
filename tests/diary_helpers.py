"""Shared by the pain-diary UI tests: a hand-moved clock and made-up history."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from tpguide.core.diary.records import HeadacheEntry
from tpguide.core.diary.store import HistoryStore

START = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)  # a Monday


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def add_session(
    store: HistoryStore,
    clock: Clock,
    title: str,
    before: int | None,
    after: int | None,
    status: str = "completed",
    routine_id: str | None = None,
    note: str | None = None,
) -> int:
    """One finished session of 10 planned minutes, started at the clock's time."""
    session_id = store.start_session(routine_id or title.lower(), title, 600, before)
    done = 600 if status == "completed" else 240
    store.finish_session(session_id, status, done, after, note)
    return session_id


def seed_weeks(store: HistoryStore, clock: Clock, weeks: int = 4) -> None:
    """A few weeks of made-up sessions and headaches (the same every run), ending now."""
    chance = random.Random(7)
    titles = ("Tension headache, neck and shoulders", "Back of the head", "Temples, gentle")
    end = clock.now
    clock.now = end - timedelta(weeks=weeks)
    while clock.now < end - timedelta(hours=20):
        if chance.random() < 0.7:
            title = chance.choice(titles)
            before = chance.randint(3, 7)
            after = max(0, before - chance.choice((0, 1, 1, 2, 2, 3)))
            status = "stopped" if chance.random() < 0.1 else "completed"
            add_session(store, clock, title, before, after, status)
        if chance.random() < 0.3:
            took = chance.random() < 0.5
            store.add_headache(
                HeadacheEntry(
                    started_at=clock.now + timedelta(hours=5),
                    intensity=chance.randint(3, 7),
                    regions=("zone-temple", "zone-forehead"),
                    quality="pressing",
                    medication="ibuprofen" if took else None,
                    medication_class="simple" if took else None,
                )
            )
        clock.advance(days=1)
    clock.now = end
