"""The pain diary on disk: sessions and headaches in SQLite, safe against crashes and full disks."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import IO, Any, Literal

from tpguide import paths
from tpguide.core.atomic_io import WriteError
from tpguide.core.diary import csv_export as history_csv
from tpguide.core.diary import stats as history_stats
from tpguide.core.diary.database import (
    HistoryError,
    describe,
    open_history,
    rollback,
    translated,
)
from tpguide.core.diary.records import (
    FINAL_STATUSES,
    HeadacheEntry,
    PressRecord,
    SessionRecord,
    check_choice,
    check_scale,
    check_seconds,
)
from tpguide.core.diary.session_lock import SessionLock, read_lock, remove_lock, write_lock
from tpguide.core.diary.stats import PainPoint, RoutineChange, WeekCount
from tpguide.core.record import replace

__all__ = ["HistoryError", "HistoryStore", "PainPoint", "RoutineChange", "WeekCount"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """ISO 8601 in UTC to the second; a naive time is taken as local time."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class HistoryStore:
    """Sessions and the headache log in one SQLite file (WAL, versioned by user_version).

    Opening migrates the schema in one transaction, refuses a newer database with a
    HistoryError, and sets a damaged file aside (see ``notice``). Every failure of the
    disk is raised as HistoryError with a message for the user.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        now: Clock = utc_now,
        lock_path: Path | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        self.path = path if path is not None else paths.history_db()
        self.lock_path = lock_path if lock_path is not None else paths.session_lock()
        self._now = now
        self._tz = tz
        self._conn, self.notice = open_history(self.path, now)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all of it is saved, or none of it."""
        with translated(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                rollback(self._conn)
                raise

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with translated(self.path):
            return list(self._conn.execute(sql, args))

    # Sessions

    def start_session(
        self,
        routine_id: str,
        title: str,
        planned_seconds: float,
        pain_before: int | None = None,
    ) -> int:
        """Record a session as running now and hold the lock file; returns its id."""
        check_scale("pain_before", pain_before)
        check_seconds("planned_seconds", planned_seconds)
        row = (routine_id, title, to_text(self._now()), planned_seconds, pain_before, os.getpid())
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (routine_id, routine_title, started_at, planned_seconds,"
                " status, pain_before, pid) VALUES (?, ?, ?, ?, 'running', ?, ?)",
                row,
            )
            session_id = int(cursor.lastrowid or 0)
            self._hold_lock(session_id)
        return session_id

    def _hold_lock(self, session_id: int) -> None:
        """Write the lock inside the insert's transaction, so no committed run lacks one."""
        with translated(self.lock_path):
            write_lock(self.lock_path, SessionLock.for_this_process(session_id))

    def update_progress(self, session_id: int, completed_seconds: float) -> None:
        """Save how far a running session has got (ignored once it has ended)."""
        check_seconds("completed_seconds", completed_seconds)
        with self._write() as conn:
            conn.execute(
                "UPDATE sessions SET completed_seconds = ? WHERE id = ? AND status = 'running'",
                (completed_seconds, session_id),
            )

    def finish_session(
        self,
        session_id: int,
        status: str,
        completed_seconds: float,
        pain_after: int | None = None,
        note: str | None = None,
    ) -> None:
        """End a session as completed, stopped or unwell, and release the lock file."""
        check_choice("status", status, FINAL_STATUSES)
        check_scale("pain_after", pain_after)
        check_seconds("completed_seconds", completed_seconds)
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, completed_seconds = ?,"
                " pain_after = ?, note = ? WHERE id = ? AND status IN ('running', 'interrupted')",
                (status, to_text(self._now()), completed_seconds, pain_after, note, session_id),
            )
        if cursor.rowcount == 0 and self.session(session_id) is None:
            raise ValueError(f"there is no session {session_id}")
        remove_lock(self.lock_path, SessionLock.for_this_process(session_id))

    def recover_interrupted(self) -> list[int]:
        """Mark running sessions whose process is gone as interrupted; returns their ids.

        A session is left running only while the lock file names it, names the same
        pid as its row, and that process (same start identity) is still alive.
        """
        with self._write() as conn:
            lock = read_lock(self.lock_path)
            live = lock if lock is not None and lock.is_live() else None
            rows = conn.execute("SELECT id, pid FROM sessions WHERE status = 'running'")
            dead = [row["id"] for row in rows if not _held(row, live)]
            conn.executemany(
                "UPDATE sessions SET status = 'interrupted' WHERE id = ?",
                [(session_id,) for session_id in dead],
            )
        if lock is not None and live is None:
            remove_lock(self.lock_path, lock)
        return dead

    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Sessions, newest first."""
        rows = self._read(
            "SELECT * FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [_session(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return _session(rows[0]) if rows else None

    # Points pressed

    def save_press(self, press: PressRecord) -> None:
        """Record one press, or replace what was recorded for it: its tenderness may still
        come during the release after it (the last entry wins)."""
        row = (press.session_id, press.step, press.point, press.side, press.cycle, press.outcome,
               press.held_seconds, press.limit_seconds, press.tenderness)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO point_presses (session_id, step, point, side, cycle, outcome,"
                " held_seconds, limit_seconds, tenderness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, step, side, cycle) DO UPDATE SET"
                " point = excluded.point, outcome = excluded.outcome,"
                " held_seconds = excluded.held_seconds, limit_seconds = excluded.limit_seconds,"
                " tenderness = excluded.tenderness",
                row,
            )

    def presses(self, point: str | None = None, session_id: int | None = None
                ) -> list[PressRecord]:
        """Presses, newest session first (within one, in the order they were done)."""
        rows = self._read(
            "SELECT p.*, s.started_at FROM point_presses p JOIN sessions s"
            " ON s.id = p.session_id WHERE (? IS NULL OR p.point = ?)"
            " AND (? IS NULL OR p.session_id = ?)"
            " ORDER BY s.started_at DESC, p.session_id DESC, p.step, p.side, p.cycle",
            (point, point, session_id, session_id),
        )
        return [_press(row) for row in rows]

    # Headache log

    def add_headache(self, entry: HeadacheEntry) -> int:
        """Save a headache entry; the medication day defaults to the local day it started."""
        values = _headache_values(self._with_medication_day(entry))
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self._write() as conn:
            cursor = conn.execute(
                f"INSERT INTO headache_log ({columns}) VALUES ({marks})", tuple(values.values())
            )
        return int(cursor.lastrowid or 0)

    def _with_medication_day(self, entry: HeadacheEntry) -> HeadacheEntry:
        if entry.medication_day is not None or not entry.took_medication:
            return entry
        day = entry.started_at.astimezone(self._tz).date()
        return replace(entry, medication_day=day)

    def headaches(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[HeadacheEntry]:
        """Headache entries started at or after ``since``, newest first."""
        rows = self._read(
            "SELECT * FROM headache_log WHERE started_at >= ?"
            " ORDER BY started_at DESC, id DESC LIMIT ?",
            ("" if since is None else to_text(since), -1 if limit is None else limit),
        )
        return [_headache(row) for row in rows]

    # Summaries and export

    # Each summary reads the sessions unless given them: a view showing several reads once.

    def average_change_per_routine(
        self, sessions: Sequence[SessionRecord] | None = None
    ) -> list[RoutineChange]:
        return history_stats.average_change(self.sessions() if sessions is None else sessions)

    def sessions_per_week(self, sessions: Sequence[SessionRecord] | None = None) -> list[WeekCount]:
        rows = self.sessions() if sessions is None else sessions
        return history_stats.weekly_counts(rows, self._now(), self._tz)

    def pain_series(self, sessions: Sequence[SessionRecord] | None = None) -> list[PainPoint]:
        return history_stats.pain_points(self.sessions() if sessions is None else sessions)

    def export_csv(
        self,
        target: Path | str | IO[str],
        what: Literal["sessions", "headaches"] = "sessions",
    ) -> None:
        """Write sessions or headaches, oldest first, as CSV safe to open in a spreadsheet."""
        records: list[Any] = self.sessions() if what == "sessions" else self.headaches()
        columns = history_csv.SESSION_COLUMNS
        if what == "headaches":
            columns = history_csv.HEADACHE_COLUMNS
        rows = history_csv.rows_of(reversed(records), columns)
        destination = Path(target) if isinstance(target, str) else target
        try:
            history_csv.write_csv(destination, columns, rows)
        except WriteError as exc:  # says which file and why; the earlier export is intact
            raise HistoryError(str(exc), exc.reason) from exc
        except OSError as exc:  # a stream given by the caller
            raise describe(exc, self.path) from exc

    def integrity_check(self) -> bool:
        rows = self._read("PRAGMA integrity_check")
        return [row[0] for row in rows] == ["ok"]


def _held(row: sqlite3.Row, live: SessionLock | None) -> bool:
    return live is not None and row["id"] == live.session_id and row["pid"] == live.pid


def _session(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        routine_id=row["routine_id"],
        routine_title=row["routine_title"],
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=from_text(row["ended_at"]),
        planned_seconds=row["planned_seconds"],
        completed_seconds=row["completed_seconds"],
        status=row["status"],
        pain_before=row["pain_before"],
        pain_after=row["pain_after"],
        note=row["note"],
        pid=row["pid"],
    )


def _press(row: sqlite3.Row) -> PressRecord:
    return PressRecord(
        session_id=row["session_id"], step=row["step"], point=row["point"], side=row["side"],
        cycle=row["cycle"], outcome=row["outcome"], held_seconds=row["held_seconds"],
        limit_seconds=row["limit_seconds"], tenderness=row["tenderness"],
        started_at=datetime.fromisoformat(row["started_at"]),
    )


_LIST_FIELDS = ("regions", "symptoms", "triggers")


def _headache_values(entry: HeadacheEntry) -> dict[str, object]:
    values: dict[str, object] = {
        name: getattr(entry, name) for name in history_csv.HEADACHE_COLUMNS if name != "id"
    }
    for name in _LIST_FIELDS:
        values[name] = json.dumps(list(getattr(entry, name)))
    values["started_at"] = to_text(entry.started_at)
    values["ended_at"] = None if entry.ended_at is None else to_text(entry.ended_at)
    values["new_or_different"] = int(entry.new_or_different)
    values["medication_day"] = None if entry.medication_day is None else str(entry.medication_day)
    return values


def _headache(row: sqlite3.Row) -> HeadacheEntry:
    values = {name: row[name] for name in history_csv.HEADACHE_COLUMNS}
    for name in _LIST_FIELDS:
        values[name] = tuple(json.loads(row[name]))
    values["started_at"] = datetime.fromisoformat(row["started_at"])
    values["ended_at"] = from_text(row["ended_at"])
    values["new_or_different"] = bool(row["new_or_different"])
    day = row["medication_day"]
    values["medication_day"] = None if day is None else date.fromisoformat(day)
    return HeadacheEntry(**values)
