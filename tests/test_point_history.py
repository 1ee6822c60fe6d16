"""Each point's presses in the diary: the version 2 table, summaries, and "Use my hold times"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.diary_helpers import START, Clock
from tests.routine_text import routine
from tpguide.core.diary import points
from tpguide.core.diary import schema as history_schema
from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.store import HistoryStore
from tpguide.core.routines.editing import RoutineDraft
from tpguide.core.routines.loader import load_routine_text

HOLDS = routine("""
    steps:
      - point: upper-trapezius.1
        press: 60s
        until_eased: true
      - point: temporalis.1
      - point: levator-scapulae.1
        press: 45s
        until_eased: true
""")


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "h.sqlite3", now=clock, lock_path=tmp_path / "lock",
                      tz=UTC) as opened:
        yield opened


def press(session: int, outcome: str = "eased", held: float = 30.0, *, point: str =
          "upper-trapezius.1", side: str = "left", cycle: int = 1, step: int = 0,
          tenderness: int | None = None) -> PressRecord:
    return PressRecord(session, step, point, side, cycle, outcome,  # type: ignore[arg-type]
                       held, 60.0, tenderness)


def session(store: HistoryStore, clock: Clock, *presses: PressRecord) -> int:
    """A finished session a day after the previous one, with these presses."""
    clock.advance(days=1)
    sid = store.start_session("holds", "Holds", 600)
    for p in presses:
        store.save_press(PressRecord(sid, p.step, p.point, p.side, p.cycle, p.outcome,
                                     p.held_seconds, p.limit_seconds, p.tenderness))
    store.finish_session(sid, "completed", 600)
    return sid


# -- the store ---------------------------------------------------------------------------
def test_version_1_diaries_gain_the_presses_table_and_keep_their_sessions(
        tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in history_schema.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sessions (routine_id, routine_title, started_at, planned_seconds,"
                 " status) VALUES ('r', 'R', '2024-05-01T10:00:00+00:00', 60, 'completed')")
    conn.close()
    with HistoryStore(path, now=clock, lock_path=tmp_path / "lock") as opened:
        assert [s.routine_id for s in opened.sessions()] == ["r"]
        opened.save_press(press(1, tenderness=4))
        assert opened.presses()[0].tenderness == 4
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_press_is_saved_once_and_its_tenderness_can_follow(store: HistoryStore,
                                                             clock: Clock) -> None:
    sid = session(store, clock)
    store.save_press(press(sid, "eased", 34.5))
    store.save_press(press(sid, "eased", 34.5, tenderness=6))  # typed during the release
    store.save_press(press(sid, "not-eased", 60.0, side="right"))
    rows = store.presses(session_id=sid)
    assert [(r.side, r.outcome, r.held_seconds, r.tenderness) for r in rows] == [
        ("left", "eased", 34.5, 6), ("right", "not-eased", 60.0, None)]
    assert rows[0].started_at == clock.now


def test_bad_press_values_are_refused() -> None:
    for bad in ({"tenderness": 11}, {"side": "both"}, {"outcome": "skipped"}):
        values = {"outcome": "eased", "side": "left", "tenderness": None} | bad
        with pytest.raises(ValueError, match=next(iter(bad))):
            PressRecord(1, 0, "p", str(values["side"]), 1, values["outcome"],  # type: ignore[arg-type]
                        1.0, 2.0, values["tenderness"])  # type: ignore[arg-type]


def test_deleting_a_session_takes_its_presses(store: HistoryStore, clock: Clock) -> None:
    sid = session(store, clock, press(0))
    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    assert store.presses() == []


# -- summaries -----------------------------------------------------------------------------
def test_the_ease_summary_covers_the_last_five_sessions(store: HistoryStore,
                                                        clock: Clock) -> None:
    session(store, clock, press(0, held=90))  # the sixth newest: left out
    for held in (30, 34, 36, 40):
        session(store, clock, press(0, held=held), press(0, held=50, side="right"))
    session(store, clock, press(0, "not-eased", 60.0))
    summary = points.ease_summary(store.presses(), "upper-trapezius.1", "left")
    assert summary == points.EaseSummary("upper-trapezius.1", "left", 5, 35.0)
    assert points.about_seconds(35.0) == 35 and points.about_seconds(37.4) == 35
    never = [press(1, "not-eased", 60.0, side="right")]
    assert points.ease_summary(never, "upper-trapezius.1", "right") == points.EaseSummary(
        "upper-trapezius.1", "right", 1, None)
    assert points.ease_summary(never, "temporalis.1", "left") is None


def test_tenderness_by_point_takes_the_latest_and_weekly_means(store: HistoryStore,
                                                               clock: Clock) -> None:
    session(store, clock, press(0, "timed", 30, point="temporalis.1", tenderness=7))
    session(store, clock, press(0, "timed", 30, point="temporalis.1", tenderness=5))
    clock.advance(days=7)
    session(store, clock, press(0, "timed", 30, point="temporalis.1", tenderness=3),
            press(0, step=1, tenderness=8))
    marks = points.tenderness_by_point(store.presses(), UTC)
    assert [(m.point, m.side, m.latest) for m in marks] == [
        ("upper-trapezius.1", "left", 8), ("temporalis.1", "left", 3)]
    monday = START.date()
    assert marks[1].weekly == ((monday, 6.0), (monday + timedelta(days=7), 3.0))


# -- use my hold times ----------------------------------------------------------------------
def test_hold_changes_use_the_median_of_the_last_five_eased_presses_plus_ten(
        store: HistoryStore, clock: Clock) -> None:
    session(store, clock, press(0, held=80))  # older than the last five: left out
    for held in (20, 25, 31, 40, 45):
        session(store, clock, press(0, held=held, side="right"),
                press(0, "not-eased", 60, side="left"))
    routine_ = load_routine_text(HOLDS).routine
    assert routine_ is not None
    changes = points.hold_changes(routine_, store.presses())
    assert changes == [points.HoldChange(0, "upper-trapezius.1", 60.0, 41.0, 5)]
    draft = RoutineDraft.from_routine(routine_)
    points.apply_hold_changes(draft, changes)
    assert draft.to_routine().steps[0].settings.press == 41.0  # type: ignore[union-attr]
    assert draft.to_routine().steps[2].settings.press == 45.0  # type: ignore[union-attr]


def test_suggestions_are_clamped_and_need_an_eased_press() -> None:
    assert points.suggested_hold([]) is None
    assert points.suggested_hold([1.0, 2.0]) == 15.0
    assert points.suggested_hold([200.0]) == 90.0
    assert points.suggested_hold([30.0, 31.0, 29.0, 100.0, 100.0, 1.0]) == 41.0


@given(st.lists(st.floats(min_value=0.0, max_value=300.0, allow_nan=False), max_size=12))
def test_a_suggested_hold_always_stays_within_15_to_90_seconds(times: list[float]) -> None:
    suggestion = points.suggested_hold(times)
    if times:
        assert suggestion is not None
        assert points.HOLD_MIN <= suggestion <= points.HOLD_MAX
        assert suggestion == round(suggestion)
    else:
        assert suggestion is None
