"""The history database's schema as numbered migrations, applied all-or-nothing on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from tpguide.core.i18n import N_, _, ngettext

Migration = Sequence[str]

_V1_SESSIONS = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    routine_id TEXT NOT NULL,
    routine_title TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    planned_seconds REAL NOT NULL CHECK (planned_seconds >= 0),
    completed_seconds REAL NOT NULL DEFAULT 0 CHECK (completed_seconds >= 0),
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN
        ('running', 'completed', 'stopped', 'unwell', 'interrupted')),
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    note TEXT,
    pid INTEGER
)"""

_V1_HEADACHES = """
CREATE TABLE headache_log (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    regions TEXT NOT NULL DEFAULT '[]',
    quality TEXT CHECK (quality IN ('pressing', 'throbbing', 'other')),
    new_or_different INTEGER NOT NULL DEFAULT 0 CHECK (new_or_different IN (0, 1)),
    medication TEXT,
    medication_class TEXT CHECK (medication_class IN
        ('simple', 'triptan', 'ergot', 'opioid', 'combination', 'other')),
    medication_day TEXT,
    relief INTEGER CHECK (relief BETWEEN 0 AND 3),
    disability INTEGER CHECK (disability BETWEEN 0 AND 3),
    symptoms TEXT NOT NULL DEFAULT '[]',
    triggers TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    routine_id TEXT
)"""

# Version 2 (issue 23): each press of a point on one side, for its tenderness and how long an
# until-eased hold took to ease. ``outcome``: 'eased' (ended early by the person), 'not-eased'
# (reached its longest time), 'timed' (a fixed press; only its tenderness matters).
_V2_PRESSES = """
CREATE TABLE point_presses (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step INTEGER NOT NULL CHECK (step >= 0),
    point TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('left', 'right', 'together')),
    cycle INTEGER NOT NULL CHECK (cycle >= 1),
    outcome TEXT NOT NULL CHECK (outcome IN ('eased', 'not-eased', 'timed')),
    held_seconds REAL NOT NULL CHECK (held_seconds >= 0),
    limit_seconds REAL NOT NULL CHECK (limit_seconds >= 0),
    tenderness INTEGER CHECK (tenderness BETWEEN 0 AND 10),
    UNIQUE (session_id, step, side, cycle)
)"""

# Index i holds the statements that take a database from version i to i + 1.
# Append only; never edit a released step (treatment-course tables come next).
MIGRATIONS: list[Migration] = [
    (
        _V1_SESSIONS,
        "CREATE INDEX sessions_started ON sessions (started_at)",
        "CREATE INDEX sessions_status ON sessions (status)",
        _V1_HEADACHES,
        "CREATE INDEX headache_started ON headache_log (started_at)",
    ),
    (
        _V2_PRESSES,
        "CREATE INDEX presses_point ON point_presses (point, side)",
    ),
]


def latest_version() -> int:
    return len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(conn: sqlite3.Connection) -> list[Migration]:
    """The migrations this database still needs (call inside the write transaction)."""
    return MIGRATIONS[user_version(conn) :]


def apply(conn: sqlite3.Connection, steps: list[Migration]) -> None:
    """Run ``steps`` and record the new version; the caller owns the transaction."""
    for step in steps:
        for statement in step:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {latest_version():d}")


# What a database of each version holds, taken from the migrations themselves, so a file
# can be checked before it is used (there is no second, hand-written list to drift).
Schema = dict[str, tuple[str, str, str]]


def schema_of(conn: sqlite3.Connection) -> Schema:
    """Every table, index, view and trigger: name -> (type, table, SQL with spaces evened)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    return {name: (kind, table, " ".join((sql or "").split()))
            for kind, name, table, sql in rows}


def expected_schema(version: int) -> Schema:
    """What the migrations make of an empty database at ``version`` (in memory)."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS[:version]:
            for statement in step:
                conn.execute(statement)
        return schema_of(conn)
    finally:
        conn.close()


def mismatch(conn: sqlite3.Connection) -> str | None:
    """Why this database is not one tpguide wrote at its version (None: it is).

    Call only for versions up to ``latest_version()`` (a newer file is refused elsewhere).
    """
    version = user_version(conn)
    if version < 0:
        return _("its format number ({version}) is not one tpguide ever wrote").format(
            version=version)
    found, wanted = schema_of(conn), expected_schema(version)
    if found == wanted:
        return None
    if version == 0:
        return _("it holds tables tpguide did not create ({names}): it seems to be another "
                 "program's database").format(names=_names(found))
    parts = []
    missing = {n: wanted[n] for n in set(wanted) - set(found)}
    extra = {n: found[n] for n in set(found) - set(wanted)}
    changed = {n: found[n] for n in set(wanted) & set(found) if wanted[n] != found[n]}
    for words, names in ((N_("missing: {names}"), missing), (N_("different: {names}"), changed),
                         (N_("unexpected: {names}"), extra)):
        if names:
            parts.append(_(words).format(names=_names(names)))
    return _("it does not match tpguide's format {version} ({differences})").format(
        version=version, differences="; ".join(parts))


def _names(found: Schema, most: int = 5) -> str:
    from tpguide.core.routines.diagnostics import quote  # names from a foreign file: escaped

    names = sorted(found)
    rest = len(names) - most
    more = ngettext(" and {count} more", " and {count} more", rest).format(
        count=rest) if rest > 0 else ""
    return ", ".join(quote(n) for n in names[:most]) + more
