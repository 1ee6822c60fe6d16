"""Open the history database safely and turn SQLite failures into messages a person can act on."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from tpguide.core.atomic_io import PRIVATE, aside_name, blocking_file, create_empty
from tpguide.core.bounded_read import file_kind, read_bounded
from tpguide.core.diary import schema as history_schema
from tpguide.core.i18n import N_, _

_FULL, _READONLY, _CANTOPEN, _PERM = 13, 8, 14, 3
_BUSY, _LOCKED, _CORRUPT, _NOTADB, _IOERR = 5, 6, 11, 26, 10
_DAMAGED = (_CORRUPT, _NOTADB)


class HistoryError(Exception):
    """The history cannot be read or written; ``str(error)`` is a message for the user.

    ``reason`` is one of: full, readonly, busy, corrupt, newer, io, not-a-file (the diary's
    path is a folder or another special file), not-a-folder (the data folder is a file), or
    for an export the WriteError's reason (missing-folder, is-folder, too-large...).
    """

    def __init__(self, message: str, reason: str = "io") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


def describe(exc: BaseException, path: Path) -> HistoryError:
    """The HistoryError, with a clear message, for a failure while using ``path``."""
    reason = _reason(exc)
    return HistoryError(_(_MESSAGES[reason]).format(path=path, folder=path.parent), reason)


_MESSAGES = {
    "full": N_("The disk holding your history ({folder}) is full, so this could not be saved. "
               "Everything saved before is safe. Free some space and tpguide will record "
               "again."),
    "readonly": N_("tpguide cannot write its history in {folder}: the folder or file is "
                   "read-only or belongs to another user. Sessions will not be saved until "
                   "that is fixed."),
    "busy": N_("Your history file is locked by another program. Close other tpguide windows "
               "and try again."),
    "corrupt": N_("Your history file ({path}) is damaged. Restart tpguide: it will keep the "
                  "damaged file aside and start a new one."),
    "io": N_("tpguide could not read or write its history file ({path}). Check the disk and "
             "try again."),
}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return _os_reason(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else _code_from_text(str(exc))
    return _SQLITE_REASONS.get(primary, "io")


_SQLITE_REASONS = {
    _FULL: "full",
    _READONLY: "readonly",
    _CANTOPEN: "readonly",
    _PERM: "readonly",
    _BUSY: "busy",
    _LOCKED: "busy",
    _CORRUPT: "corrupt",
    _NOTADB: "corrupt",
}


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "readonly"
    return "io"


def _code_from_text(text: str) -> int:
    text = text.lower()
    for needle, code in (("full", _FULL), ("readonly", _READONLY), ("unable to open", _CANTOPEN)):
        if needle in text:
            return code
    return _IOERR


class DamagedDatabase(sqlite3.DatabaseError):
    """PRAGMA quick_check found damage that plain reads did not trip over."""

    sqlite_errorcode = _CORRUPT


def is_damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is not a (sound) database."""
    if isinstance(exc, DamagedDatabase):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _DAMAGED


_MAGIC = b"SQLite format 3\x00"


def looks_like_database(path: Path) -> bool:
    """Check the header ourselves, so SQLite never opens (and tidies) a non-database's -wal."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    header = read_bounded(path, 100)
    if len(header) < 100 or not header.startswith(_MAGIC):
        return False
    page = int.from_bytes(header[16:18], "big")
    return page == 1 or (512 <= page <= 32768 and page & (page - 1) == 0)


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` in WAL mode and check it; raises sqlite3.DatabaseError if it is damaged."""
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    try:
        refuse_newer(conn, path)  # before WAL mode rewrites the header
        _configure(conn)
        _quick_check(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _quick_check(conn: sqlite3.Connection) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if rows != ["ok"]:
        raise DamagedDatabase("; ".join(rows[:5]))


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date in one transaction, refusing a newer database."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        refuse_newer(conn, path)
        steps = history_schema.pending(conn)
        if steps:
            history_schema.apply(conn, steps)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    found, known = history_schema.user_version(conn), history_schema.latest_version()
    if found > known:
        raise HistoryError(
            _("Your history file ({path}) was written by a newer version of tpguide "
              "(format {found}; this version reads up to {known}). Update tpguide to use "
              "it. The file has not been changed.").format(path=path, found=found, known=known),
            "newer",
        )


def rollback(conn: sqlite3.Connection) -> None:
    """Undo an open transaction, if SQLite has not already done so."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def set_aside_database(path: Path, when: datetime) -> Path:
    """Rename a damaged database and its -wal/-shm companions together; delete nothing."""
    target = aside_name(path, when)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def open_history(path: Path, now: Callable[[], datetime]) -> tuple[sqlite3.Connection, str | None]:
    """A migrated connection to ``path`` and a notice for the user (or None)."""
    check_places(path)
    notice = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_empty(path, PRIVATE)  # SQLite would make it 0644; -wal and -shm follow
        conn, notice = _connect_or_replace(path, now)
        migrate_or_close(conn, path)
    except (sqlite3.Error, OSError) as exc:
        raise describe(exc, path) from exc
    return conn, notice




def check_places(path: Path) -> None:
    """Refuse, naming the cause, a diary path that is not a file or a data folder that is
    not a folder (nothing there is moved: it may be the person's own)."""
    blocker = blocking_file(path.parent)
    if blocker is not None:
        raise HistoryError(_("tpguide keeps your history in {folder}, but {blocker} is a "
                             "file, not a folder. Move or rename it and restart tpguide; until "
                             "then sessions are not saved.").format(folder=path.parent,
                                                                    blocker=blocker),
                           "not-a-folder")
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # not there yet (or unreadable: opening it will say so)
    if not stat.S_ISREG(mode):
        raise HistoryError(_("Your history file {path} is {kind}, not a file. Move or rename "
                             "it and restart tpguide; until then sessions are not saved.").format(
                                 path=path, kind=file_kind(mode)), "not-a-file")


def inspect(path: Path) -> str | None:
    """Why the file at ``path`` cannot be the diary (None: it can), found without changing
    it: read-only, before WAL mode or a migration could touch it. The schema must be what
    the migrations make at its version. A newer tpguide's diary raises HistoryError."""
    if not looks_like_database(path):
        return _("it is not an SQLite database")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0,
                           isolation_level=None)
    try:
        refuse_newer(conn, path)
        _quick_check(conn)
        return history_schema.mismatch(conn)
    except sqlite3.DatabaseError as exc:
        if not is_damaged(exc):
            raise
        return _("it is damaged ({reason})").format(reason=exc)
    finally:
        conn.close()


def _connect_or_replace(
    path: Path, now: Callable[[], datetime]
) -> tuple[sqlite3.Connection, str | None]:
    problem = inspect(path)
    if problem is None:
        return connect(path), None
    aside = set_aside_database(path, now())
    notice = _(
        "Your history file could not be used: {problem}. tpguide started a new diary and "
        "kept the old file, unchanged, as {name} in {folder}."
    ).format(problem=problem, name=aside.name, folder=aside.parent)
    create_empty(path, PRIVATE)
    return connect(path), notice


def migrate_or_close(conn: sqlite3.Connection, path: Path) -> None:
    try:
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise SQLite and file-system failures as HistoryError; let programming errors through."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except (sqlite3.Error, OSError) as exc:
        raise describe(exc, path) from exc
