"""The history store: schema, sessions, crash recovery, full and read-only disks, export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import tpguide
from tests.diary_helpers import Clock
from tests.fifo_helpers import fifo_at
from tpguide import paths
from tpguide.core.diary import schema as history_schema
from tpguide.core.diary.csv_export import escape_cell
from tpguide.core.diary.records import HeadacheEntry
from tpguide.core.diary.session_lock import SessionLock, process_token, read_lock, write_lock
from tpguide.core.diary.store import HistoryError, HistoryStore

ROOT = Path(tpguide.__file__).resolve().parent.parent
START = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)  # a Monday




@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "session.lock"


@pytest.fixture
def store(db_path: Path, lock_path: Path, clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(db_path, now=clock, lock_path=lock_path, tz=UTC) as opened:
        yield opened


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# Schema


def test_new_database_is_current_and_in_wal_mode(store: HistoryStore, db_path: Path) -> None:
    conn = raw(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == history_schema.latest_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"sessions", "headache_log"} <= tables
    assert store.notice is None


def test_default_locations_come_from_paths() -> None:
    with HistoryStore() as opened:
        assert opened.path == paths.history_db()
        assert opened.lock_path == paths.session_lock()


def test_another_programs_database_is_set_aside_untouched(db_path: Path, clock: Clock) -> None:
    db_path.parent.mkdir(parents=True)
    conn = raw(db_path)
    conn.execute("CREATE TABLE keepsake (x TEXT)")
    conn.execute("INSERT INTO keepsake VALUES ('still here')")
    conn.close()
    before = db_path.read_bytes()
    assert before[18:20] == b"\x01\x01"  # a rollback-journal file, not WAL
    with HistoryStore(db_path, now=clock) as opened:
        assert opened.notice == (
            "Your history file could not be used: it holds tables tpguide did not create "
            "('keepsake'): it seems to be another program's database. tpguide started a new "
            "diary and kept the old file, unchanged, as history.sqlite3.corrupt-20240506T120000Z"
            f" in {db_path.parent}.")
        opened.start_session("neck", "Neck", 60)
    aside = db_path.with_name("history.sqlite3.corrupt-20240506T120000Z")
    assert aside.read_bytes() == before  # not migrated, not switched to WAL
    assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == [aside.name]


V1_WITHOUT_NOTE = [statement.replace("    note TEXT,\n", "")
                   for statement in history_schema.MIGRATIONS[0]]


@pytest.mark.parametrize(("make", "cause"), [
    (["PRAGMA user_version = -3"], "its format number (-3) is not one tpguide ever wrote"),
    ([*history_schema.MIGRATIONS[0][:3], "PRAGMA user_version = 1"],
     "it does not match tpguide's format 1 (missing: 'headache_log', 'headache_started')"),
    ([*V1_WITHOUT_NOTE, "PRAGMA user_version = 1"],
     "it does not match tpguide's format 1 (different: 'sessions')"),
    ([*history_schema.MIGRATIONS[0], "CREATE TABLE extra (x)", "PRAGMA user_version = 1"],
     "it does not match tpguide's format 1 (unexpected: 'extra')"),
])
def test_a_diary_unlike_what_the_migrations_make_is_set_aside_with_the_cause(
    db_path: Path, clock: Clock, make: list[str], cause: str
) -> None:
    db_path.parent.mkdir(parents=True)
    conn = raw(db_path)
    for statement in make:
        conn.execute(statement)
    conn.close()
    before = db_path.read_bytes()
    with HistoryStore(db_path, now=clock) as opened:
        assert opened.notice is not None
        assert opened.notice.startswith(f"Your history file could not be used: {cause}. ")
        opened.start_session("neck", "Neck", 60)  # the new diary works
        assert opened.sessions()[0].routine_id == "neck"
    aside = db_path.with_name("history.sqlite3.corrupt-20240506T120000Z")
    assert aside.read_bytes() == before


def test_a_folder_or_a_pipe_where_the_diary_goes_is_said_and_left_alone(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    (db_path / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(HistoryError) as caught:
        HistoryStore(db_path)
    assert caught.value.reason == "not-a-file"
    assert caught.value.message == (f"Your history file {db_path} is a folder, not a file. Move "
                                    "or rename it and restart tpguide; until then sessions are "
                                    "not saved.")
    assert (db_path / "mine.txt").read_text(encoding="utf-8") == "keep"
    shutil.rmtree(db_path)
    with fifo_at(db_path), pytest.raises(HistoryError, match="is a named pipe \\(FIFO\\), not"):
        HistoryStore(db_path)


def test_a_data_folder_that_is_a_file_is_said(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder", encoding="utf-8")
    with pytest.raises(HistoryError) as caught:
        HistoryStore(data / "history.sqlite3", lock_path=tmp_path / "lock")
    assert caught.value.reason == "not-a-folder"
    assert caught.value.message.startswith(f"tpguide keeps your history in {data}, but {data} "
                                           "is a file, not a folder.")
    assert data.read_text(encoding="utf-8") == "not a folder"


def test_failed_migration_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = [*history_schema.MIGRATIONS, ("CREATE TABLE courses (id INTEGER)", "NOT SQL")]
    monkeypatch.setattr(history_schema, "MIGRATIONS", broken)
    with pytest.raises(HistoryError):
        HistoryStore(db_path)
    conn = raw(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_later_migration_applies_on_top(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    HistoryStore(db_path).close()
    step = ("CREATE TABLE courses (id INTEGER PRIMARY KEY)",)
    monkeypatch.setattr(history_schema, "MIGRATIONS", [*history_schema.MIGRATIONS, step])
    HistoryStore(db_path).close()
    conn = raw(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(history_schema.MIGRATIONS)
    assert conn.execute("SELECT count(*) FROM courses").fetchone()[0] == 0


def test_newer_database_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = raw(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(HistoryError, match="newer version of tpguide") as info:
        HistoryStore(db_path)
    assert info.value.reason == "newer"
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.corrupt-*")) == []


@pytest.mark.parametrize("junk", [b"this is not a database at all" * 100, b"SQLite format 3\x00"])
def test_garbage_database_is_set_aside_and_replaced(
    db_path: Path, clock: Clock, junk: bytes
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(junk)
    wal = db_path.with_name("history.sqlite3-wal")
    wal.write_bytes(b"old wal")
    with HistoryStore(db_path, now=clock) as opened:
        assert opened.notice is not None
        assert "history.sqlite3.corrupt-20240506T120000Z" in opened.notice
        opened.start_session("neck", "Neck", 60)
        assert opened.integrity_check()
    aside = db_path.with_name("history.sqlite3.corrupt-20240506T120000Z")
    assert aside.read_bytes() == junk
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"old wal"


def test_damaged_pages_are_found_and_set_aside(db_path: Path, clock: Clock) -> None:
    with HistoryStore(db_path, now=clock) as opened:
        for _ in range(40):
            opened.add_headache(HeadacheEntry(START, 3, notes="x" * 500))
    raw(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 300)
    damaged = db_path.read_bytes()
    with HistoryStore(db_path, now=clock) as opened:
        assert opened.notice is not None
        assert opened.headaches() == []
    assert db_path.with_name("history.sqlite3.corrupt-20240506T120000Z").read_bytes() == damaged


# Sessions


def test_session_lifecycle(store: HistoryStore, clock: Clock, lock_path: Path) -> None:
    session_id = store.start_session("neck-basics", "Neck basics", 600.0, pain_before=5)
    record = store.session(session_id)
    assert record is not None
    assert (record.status, record.started_at, record.ended_at) == ("running", START, None)
    assert (record.planned_seconds, record.completed_seconds) == (600.0, 0.0)
    assert (record.pain_before, record.pid) == (5, os.getpid())
    assert read_lock(lock_path) == SessionLock.for_this_process(session_id)

    clock.advance(seconds=300)
    store.update_progress(session_id, 290.5)
    assert store.sessions()[0].completed_seconds == 290.5

    clock.advance(seconds=320)
    store.finish_session(session_id, "completed", 600.0, pain_after=3, note="easier")
    done = store.sessions()[0]
    assert (done.status, done.ended_at, done.completed_seconds) == (
        "completed",
        START + timedelta(seconds=620),
        600.0,
    )
    assert (done.pain_after, done.note, done.pain_change) == (3, "easier", -2)
    assert not lock_path.exists()


def test_stored_times_are_iso_utc(store: HistoryStore, db_path: Path) -> None:
    local = datetime(2024, 5, 6, 14, 0, tzinfo=UTC).astimezone()
    store._now = lambda: local  # a wall clock in any zone is stored as UTC
    store.start_session("r", "R", 10)
    text = raw(db_path).execute("SELECT started_at FROM sessions").fetchone()[0]
    assert text == "2024-05-06T14:00:00+00:00"


def test_progress_after_the_end_is_ignored(store: HistoryStore) -> None:
    session_id = store.start_session("r", "R", 60)
    store.finish_session(session_id, "stopped", 20)
    store.update_progress(session_id, 50)
    assert store.sessions()[0].completed_seconds == 20


def test_finishing_twice_keeps_the_first_end(store: HistoryStore, clock: Clock) -> None:
    session_id = store.start_session("r", "R", 60)
    store.finish_session(session_id, "unwell", 10, note="dizzy")
    clock.advance(minutes=5)
    store.finish_session(session_id, "completed", 60)
    record = store.sessions()[0]
    assert (record.status, record.note, record.ended_at) == ("unwell", "dizzy", START)


@pytest.mark.parametrize(
    ("status", "pain"), [("running", None), ("done", None), ("completed", 11), ("completed", -1)]
)
def test_finish_refuses_bad_values(store: HistoryStore, status: str, pain: int | None) -> None:
    session_id = store.start_session("r", "R", 60)
    with pytest.raises(ValueError, match="must be"):
        store.finish_session(session_id, status, 60, pain_after=pain)
    assert store.sessions()[0].status == "running"


def test_finish_unknown_session(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="no session 42"):
        store.finish_session(42, "completed", 1)


@pytest.mark.parametrize("pain", [11, -1, 2.5, True])
def test_start_refuses_bad_pain(store: HistoryStore, pain: object) -> None:
    with pytest.raises(ValueError, match="pain_before"):
        store.start_session("r", "R", 60, pain_before=pain)  # type: ignore[arg-type]
    assert store.sessions() == []


@pytest.mark.parametrize("seconds", [-1, float("nan"), float("inf"), "60", True])
def test_durations_must_be_seconds(store: HistoryStore, seconds: object) -> None:
    with pytest.raises(ValueError, match="seconds"):
        store.start_session("r", "R", seconds)  # type: ignore[arg-type]
    session_id = store.start_session("r", "R", 60)
    with pytest.raises(ValueError, match="seconds"):
        store.update_progress(session_id, seconds)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seconds"):
        store.finish_session(session_id, "completed", seconds)  # type: ignore[arg-type]
    assert [s.status for s in store.sessions()] == ["running"]


def test_sessions_newest_first_with_limit(store: HistoryStore, clock: Clock) -> None:
    for name in ("a", "b", "c"):
        store.finish_session(store.start_session(name, name.upper(), 60), "completed", 60)
        clock.advance(hours=1)
    assert [s.routine_id for s in store.sessions()] == ["c", "b", "a"]
    assert [s.routine_id for s in store.sessions(limit=2)] == ["c", "b"]


def test_unwritable_lock_leaves_no_session(store: HistoryStore, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store.lock_path = blocker / "session.lock"
    with pytest.raises(HistoryError):
        store.start_session("r", "R", 60)
    assert store.sessions() == []


# Liveness and crash recovery


def test_recover_marks_running_sessions_without_a_lock(
    store: HistoryStore, lock_path: Path
) -> None:
    session_id = store.start_session("r", "R", 60)
    lock_path.unlink()
    assert store.recover_interrupted() == [session_id]
    assert store.sessions()[0].status == "interrupted"
    assert store.recover_interrupted() == []


def test_recover_leaves_this_live_process_alone(
    db_path: Path, lock_path: Path, store: HistoryStore
) -> None:
    store.start_session("r", "R", 60)
    with HistoryStore(db_path, lock_path=lock_path) as other:
        assert other.recover_interrupted() == []
    assert store.sessions()[0].status == "running"
    assert lock_path.exists()


def test_recover_spots_a_reused_pid(store: HistoryStore, lock_path: Path) -> None:
    if process_token(os.getpid()) is None:
        pytest.skip("no process start identity on this platform")
    session_id = store.start_session("r", "R", 60)
    write_lock(lock_path, SessionLock(os.getpid(), session_id, "another-boot:1"))
    assert store.recover_interrupted() == [session_id]
    assert not lock_path.exists()


def test_recover_ignores_a_lock_naming_another_session(
    store: HistoryStore, lock_path: Path
) -> None:
    first = store.start_session("r", "R", 60)
    write_lock(lock_path, SessionLock.for_this_process(first + 100))
    assert store.recover_interrupted() == [first]
    assert lock_path.exists()  # it belongs to a live process


@pytest.mark.parametrize("text", ["", "{", "[]", '{"pid": "1", "session_id": 2}'])
def test_unreadable_lock_counts_as_none(store: HistoryStore, lock_path: Path, text: str) -> None:
    session_id = store.start_session("r", "R", 60)
    lock_path.write_text(text)
    assert store.recover_interrupted() == [session_id]


CHILD_SESSION = """
import sys
from pathlib import Path
from tpguide.core.diary.store import HistoryStore
store = HistoryStore(Path(sys.argv[1]), lock_path=Path(sys.argv[2]))
session_id = store.start_session("neck", "Neck", 600.0, pain_before=4)
print(session_id, flush=True)
if sys.argv[3] == "block":
    sys.stdin.read()
seconds = 0.0
while True:
    seconds += 0.5
    store.update_progress(session_id, seconds)
"""


def spawn_session(db_path: Path, lock_path: Path, mode: str) -> tuple[subprocess.Popen[str], int]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SESSION, str(db_path), str(lock_path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip().isdigit(), f"child failed to start a session: {line!r}"
    return child, int(line)


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


@pytest.mark.slow
def test_live_session_of_another_process_is_left_alone(
    store: HistoryStore, db_path: Path, lock_path: Path
) -> None:
    child, session_id = spawn_session(db_path, lock_path, "block")
    try:
        assert store.recover_interrupted() == []
        assert store.sessions()[0].status == "running"
    finally:
        kill(child)
    assert store.recover_interrupted() == [session_id]
    assert not lock_path.exists()


@pytest.mark.slow
def test_sessions_killed_mid_write_are_recovered(db_path: Path, lock_path: Path) -> None:
    HistoryStore(db_path, lock_path=lock_path).close()
    killed = []
    for _ in range(20):
        child, session_id = spawn_session(db_path, lock_path, "write")
        kill(child)
        killed.append(session_id)
    with HistoryStore(db_path, lock_path=lock_path) as opened:
        assert opened.integrity_check()
        assert sorted(opened.recover_interrupted()) == killed
        assert {s.status for s in opened.sessions()} == {"interrupted"}
        assert len(opened.sessions()) == 20
        assert opened.notice is None
    assert not lock_path.exists()


# Full disk and read-only folder


def fill_until_full(store: HistoryStore) -> HistoryError:
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(100):
        try:
            store.add_headache(HeadacheEntry(START, 4, notes="pressure " * 500))
        except HistoryError as error:
            return error
    pytest.fail("the database never filled up")


def test_full_disk_is_a_clear_error_and_keeps_saved_rows(
    store: HistoryStore, db_path: Path, lock_path: Path
) -> None:
    for minutes in (10, 20, 30):
        session_id = store.start_session("neck", "Neck", minutes * 60, pain_before=6)
        store.finish_session(session_id, "completed", minutes * 60, pain_after=3)
    saved = store.sessions()
    error = fill_until_full(store)
    assert error.reason == "full"
    assert "full" in str(error)
    assert "Everything saved before is safe" in str(error)
    store.close()
    with HistoryStore(db_path, lock_path=lock_path) as reopened:
        assert reopened.sessions() == saved
        assert reopened.headaches() == []
        assert reopened.integrity_check()


def test_session_start_on_a_full_disk_leaves_no_trace(store: HistoryStore, lock_path: Path) -> None:
    fill_until_full(store)
    with pytest.raises(HistoryError, match="full"):
        store.start_session("neck", "Neck " * 2000, 60)
    assert not lock_path.exists()
    assert store.sessions() == []


def test_store_works_again_when_space_returns(store: HistoryStore) -> None:
    fill_until_full(store)
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    store.add_headache(HeadacheEntry(START, 2))
    assert len(store.headaches()) == 1


CHILD_READ_ONLY = """
import json, os, sys
from pathlib import Path
from tests.diary_helpers import Clock
from tests.fifo_helpers import fifo_at
from tpguide.core.diary.store import HistoryError, HistoryStore
if os.getuid() == 0:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
results = {}
for folder in map(Path, sys.argv[1:]):
    try:
        with HistoryStore(folder / "history.sqlite3", lock_path=folder / "session.lock") as s:
            s.start_session("r", "R", 60.0)
        results[folder.name] = ["ok", ""]
    except HistoryError as exc:
        results[folder.name] = [exc.reason, str(exc)]
print(json.dumps(results))
"""


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp, so an unprivileged user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="tpguide-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def make_read_only_folders(base: Path) -> list[Path]:
    empty, existing, writable = base / "empty", base / "existing", base / "writable"
    for folder in (empty, existing, writable):
        folder.mkdir()
    HistoryStore(existing / "history.sqlite3", lock_path=existing / "session.lock").close()
    writable.chmod(0o777)
    if os.getuid() != 0:  # as an ordinary user, permissions are enough
        (existing / "history.sqlite3").chmod(0o444)
        for folder in (empty, existing):
            folder.chmod(0o555)
    return [empty, existing, writable]


@pytest.mark.slow
def test_read_only_folder_gives_a_clear_error(shared_folder: Path) -> None:
    folders = make_read_only_folders(shared_folder)
    done = subprocess.run(
        [sys.executable, "-c", CHILD_READ_ONLY, *map(str, folders)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results["writable"] == ["ok", ""]  # the unprivileged user can reach the folders
    for name in ("empty", "existing"):
        reason, message = results[name]
        assert reason == "readonly", message
        assert "read-only" in message
        assert name in message


# Headache log


def full_entry(**changes: object) -> HeadacheEntry:
    values: dict[str, object] = {
        "started_at": START,
        "intensity": 6,
        "regions": ("zone-temple", "zone-occiput"),
        "quality": "pressing",
        "new_or_different": True,
        "medication": "ibuprofen 400 mg",
        "medication_class": "simple",
        "medication_day": date(2024, 5, 6),
        "notes": "after a long day at the screen",
        "routine_id": "neck-basics",
        "ended_at": START + timedelta(hours=3),
        "symptoms": ("light sensitivity",),
        "triggers": ("screen time", "stress"),
        "relief": 2,
        "disability": 1,
    }
    values.update(changes)
    return HeadacheEntry(**values)  # type: ignore[arg-type]


def test_headache_round_trip(store: HistoryStore) -> None:
    entry = full_entry()
    entry_id = store.add_headache(entry)
    assert store.headaches() == [full_entry(id=entry_id)]


def test_headache_minimal_entry(store: HistoryStore) -> None:
    entry_id = store.add_headache(HeadacheEntry(START, 0))
    assert store.headaches() == [HeadacheEntry(START, 0, id=entry_id)]


def test_medication_day_defaults_to_the_local_start_day(db_path: Path) -> None:
    late = datetime(2024, 5, 6, 23, 30, tzinfo=UTC)
    with HistoryStore(db_path, tz=UTC) as utc_store:
        utc_store.add_headache(HeadacheEntry(late, 5, medication="sumatriptan"))
        assert utc_store.headaches()[0].medication_day == date(2024, 5, 6)


def test_medication_day_follows_the_store_zone(db_path: Path) -> None:
    late = datetime(2024, 5, 6, 23, 30, tzinfo=UTC)
    with HistoryStore(db_path, tz=timezone(timedelta(hours=9))) as east:
        east.add_headache(HeadacheEntry(late, 5, medication_class="triptan"))
        east.add_headache(HeadacheEntry(late, 5))
        days = [entry.medication_day for entry in east.headaches()]
    assert sorted(days, key=str) == [date(2024, 5, 7), None]


def test_headaches_since_newest_first(store: HistoryStore) -> None:
    for days in (0, 10, 20):
        store.add_headache(HeadacheEntry(START + timedelta(days=days), days // 10))
    assert [h.intensity for h in store.headaches()] == [2, 1, 0]
    assert [h.intensity for h in store.headaches(since=START + timedelta(days=5))] == [2, 1]
    assert [h.intensity for h in store.headaches(limit=1)] == [2]


@pytest.mark.parametrize(
    "changes",
    [
        {"intensity": 11},
        {"intensity": -1},
        {"quality": "stabbing"},
        {"medication_class": "aspirin"},
        {"regions": "zone-temple"},
        {"regions": (1, 2)},
        {"relief": 4},
        {"disability": -1},
    ],
)
def test_headache_refuses_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must"):
        full_entry(**changes)


def test_regions_given_as_a_list_become_a_tuple() -> None:
    entry = full_entry(regions=["zone-jaw"])
    assert entry.regions == ("zone-jaw",)


# Summaries


def add_rated(store: HistoryStore, clock: Clock, routine: str, before: int, after: int) -> int:
    session_id = store.start_session(routine, routine.title(), 300, pain_before=before)
    store.finish_session(session_id, "completed", 300, pain_after=after)
    return session_id


def test_average_change_per_routine(store: HistoryStore, clock: Clock) -> None:
    add_rated(store, clock, "neck", 6, 3)
    add_rated(store, clock, "neck", 5, 4)
    add_rated(store, clock, "jaw", 2, 3)
    unrated = store.start_session("jaw", "Jaw", 300)
    store.finish_session(unrated, "completed", 300)
    changes = store.average_change_per_routine()
    assert [(c.routine_id, c.rated_sessions, c.mean_change) for c in changes] == [
        ("jaw", 1, 1.0),
        ("neck", 2, -2.0),
    ]


def test_average_change_uses_the_newest_title(store: HistoryStore, clock: Clock) -> None:
    store.finish_session(store.start_session("n", "Old", 60, 4), "completed", 60, 2)
    clock.advance(days=1)
    store.finish_session(store.start_session("n", "New", 60, 4), "completed", 60, 4)
    assert store.average_change_per_routine()[0].routine_title == "New"


def test_sessions_per_week_includes_empty_weeks(store: HistoryStore, clock: Clock) -> None:
    store.finish_session(store.start_session("a", "A", 60), "completed", 60)
    clock.advance(days=2)
    store.finish_session(store.start_session("a", "A", 60), "stopped", 10)
    clock.advance(days=14)
    store.start_session("a", "A", 60)
    clock.advance(days=7)
    weeks = store.sessions_per_week()
    assert [(w.week_start, w.sessions, w.completed) for w in weeks] == [
        (date(2024, 5, 6), 2, 1),
        (date(2024, 5, 13), 0, 0),
        (date(2024, 5, 20), 1, 0),
        (date(2024, 5, 27), 0, 0),
    ]


def test_sessions_per_week_empty(store: HistoryStore) -> None:
    assert store.sessions_per_week() == []


def test_pain_series_is_oldest_first_and_skips_unrated(store: HistoryStore, clock: Clock) -> None:
    first = add_rated(store, clock, "neck", 6, 3)
    clock.advance(days=1)
    store.start_session("neck", "Neck", 60)
    clock.advance(days=1)
    third = store.start_session("neck", "Neck", 60, pain_before=5)
    series = store.pain_series()
    assert [(p.session_id, p.pain_before, p.pain_after) for p in series] == [
        (first, 6, 3),
        (third, 5, None),
    ]
    assert series[1].started_at == START + timedelta(days=2)


# Export


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("plain note", "plain note"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, 3),
        (2.5, 2.5),
        (True, "yes"),
        (("zone-jaw", "=x"), "zone-jaw; =x"),
        (("=x", "zone-jaw"), "'=x; zone-jaw"),
        (START, "2024-05-06T12:00:00+00:00"),
    ],
)
def test_escape_cell(value: object, cell: object) -> None:
    assert escape_cell(value) == cell


def test_export_sessions_to_a_path_escapes_formulas(
    store: HistoryStore, clock: Clock, tmp_path: Path
) -> None:
    first = store.start_session("neck", "=cmd|' /C calc'!A0", 600, pain_before=4)
    store.finish_session(first, "completed", 600, pain_after=2, note="@home, felt better")
    clock.advance(days=1)
    store.start_session("jaw", "Jaw", 300)
    target = tmp_path / "sessions.csv"
    store.export_csv(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["routine_id"] for row in rows] == ["neck", "jaw"]
    assert rows[0]["routine_title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["note"] == "'@home, felt better"
    assert (rows[0]["pain_before"], rows[0]["pain_after"]) == ("4", "2")
    assert rows[1]["ended_at"] == ""
    assert "pid" not in rows[0]


def test_export_headaches_to_a_stream(store: HistoryStore) -> None:
    store.add_headache(full_entry(notes="-worse after coffee", medication="+codeine"))
    buffer = io.StringIO()
    store.export_csv(buffer, what="headaches")
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert rows[0]["notes"] == "'-worse after coffee"
    assert rows[0]["medication"] == "'+codeine"
    assert rows[0]["regions"] == "zone-temple; zone-occiput"
    assert rows[0]["new_or_different"] == "yes"
    assert rows[0]["medication_day"] == "2024-05-06"


def test_export_to_an_unwritable_place_is_a_history_error(
    store: HistoryStore, tmp_path: Path
) -> None:
    with pytest.raises(HistoryError):
        store.export_csv(str(tmp_path / "missing-folder" / "out.csv"))


def test_integrity_check(store: HistoryStore) -> None:
    store.start_session("r", "R", 1)
    assert store.integrity_check() is True
