"""Correcting and deleting the person's own diary: it is their health data, so they can
change a rating they got wrong, remove an entry, or remove everything.

Kept beside the store (which records sessions as they run) to keep each module small;
every change is one transaction of the same store, so it is saved whole or not at all.
"""

from __future__ import annotations

from tpguide.core.diary.database import translated
from tpguide.core.diary.records import HeadacheEntry, check_scale
from tpguide.core.diary.store import HistoryStore, _headache_values


def update_session(store: HistoryStore, session_id: int, *, pain_before: int | None,
                   pain_after: int | None, note: str | None) -> None:
    """Change a session's ratings and note; ValueError for a rating out of 0-10 or no such
    session."""
    check_scale("pain_before", pain_before)
    check_scale("pain_after", pain_after)
    with store._write() as conn:
        cursor = conn.execute(
            "UPDATE sessions SET pain_before = ?, pain_after = ?, note = ? WHERE id = ?",
            (pain_before, pain_after, note or None, session_id))
    if cursor.rowcount == 0:
        raise ValueError(f"there is no session {session_id}")


def delete_session(store: HistoryStore, session_id: int) -> bool:
    """Remove one session; False when it was not there. A running one is not removed."""
    with store._write() as conn:
        cursor = conn.execute("DELETE FROM sessions WHERE id = ? AND status != 'running'",
                              (session_id,))
    return cursor.rowcount > 0


def update_headache(store: HistoryStore, entry: HeadacheEntry) -> None:
    """Save every field of an edited entry (``entry.id`` says which)."""
    if entry.id is None:
        raise ValueError("an entry without an id has not been saved yet")
    values = _headache_values(entry)
    columns = ", ".join(f"{name} = ?" for name in values)
    with store._write() as conn:
        cursor = conn.execute(f"UPDATE headache_log SET {columns} WHERE id = ?",
                              (*values.values(), entry.id))
    if cursor.rowcount == 0:
        raise ValueError(f"there is no headache entry {entry.id}")


def delete_headache(store: HistoryStore, entry_id: int) -> bool:
    with store._write() as conn:
        cursor = conn.execute("DELETE FROM headache_log WHERE id = ?", (entry_id,))
    return cursor.rowcount > 0


def clear_diary(store: HistoryStore) -> None:
    """Remove every finished session and headache entry, and the freed pages with them.

    ``secure_delete`` overwrites the deleted rows, the checkpoint empties the write-ahead
    log and VACUUM rebuilds the file, so the old entries are not left in the file's spare
    space. A session running in another window is left to finish.
    """
    with store._write() as conn:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("DELETE FROM sessions WHERE status != 'running'")
        conn.execute("DELETE FROM headache_log")
    with translated(store.path):
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store._conn.execute("VACUUM")
