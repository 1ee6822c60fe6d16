"""Every file tpguide writes is replaced whole or not at all, with the right permissions,
and a failure names the file and the real cause."""

from __future__ import annotations

import ast
import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tpguide.core.atomic_io import (
    PRIVATE,
    SHARED,
    WriteError,
    replacing,
    write_atomic,
    write_error,
)
from tpguide.core.diary.store import HistoryError, HistoryStore
from tpguide.core.settings import AppSettings, SettingsError, SettingsStore

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tpguide"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------------- permissions
def test_exports_follow_the_umask_and_private_stores_stay_private(
    tmp_path: Path, umask_022: None
) -> None:
    write_atomic(tmp_path / "shared.zip", b"x", mode=SHARED)
    write_atomic(tmp_path / "own.json", b"x", mode=PRIVATE)
    write_atomic(tmp_path / "default.json", b"x")
    assert mode_of(tmp_path / "shared.zip") == 0o644
    assert mode_of(tmp_path / "own.json") == 0o600
    assert mode_of(tmp_path / "default.json") == 0o600  # private unless asked
    os.umask(0o027)
    write_atomic(tmp_path / "shared.zip", b"y", mode=SHARED)
    assert mode_of(tmp_path / "shared.zip") == 0o640


def test_the_diary_is_private_and_its_csv_export_is_not(tmp_path: Path, umask_022: None) -> None:
    with HistoryStore(tmp_path / "data" / "history.sqlite3",
                      lock_path=tmp_path / "state" / "session.lock") as store:
        store.start_session("neck", "Neck", 60.0)
        store.export_csv(tmp_path / "sessions.csv")
        assert mode_of(tmp_path / "state" / "session.lock") == 0o600
    diary_files = sorted((tmp_path / "data").iterdir())
    assert [p.name for p in diary_files][0] == "history.sqlite3"
    assert {p.name: mode_of(p) for p in diary_files} == {p.name: 0o600 for p in diary_files}
    assert mode_of(tmp_path / "sessions.csv") == 0o644


def test_settings_stay_private(umask_022: None) -> None:
    store = SettingsStore()
    store.save(AppSettings(volume=0.5))
    assert mode_of(store.path) == 0o600


# ---------------------------------------------------------------------- failures, named
def test_the_cause_is_said_in_plain_words_for_each_errno(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    causes = {
        errno.ENOSPC: ("full", f"the disk holding {tmp_path} is full"),
        errno.EROFS: ("readonly", f"the disk holding {tmp_path} is read-only"),
        errno.EACCES: ("readonly", f"you may not write in the folder {tmp_path}"),
    }
    for code, (reason, words) in causes.items():
        error = write_error(OSError(code, os.strerror(code), str(tmp_path / ".out.csv.x.tmp")),
                            target)
        assert (error.reason, error.strerror, error.filename) == (reason, words, str(target))
        assert str(error) == f"{target} could not be saved: {words}."


def test_a_missing_folder_is_named_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "sub" / "x.csv"
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"data", mode=SHARED)
    assert caught.value.reason == "missing-folder"
    assert str(caught.value) == (f"{target} could not be saved: the folder {tmp_path / 'new'} "
                                 "does not exist.")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_where_the_file_should_be_is_named(tmp_path: Path) -> None:
    target = tmp_path / "sessions.csv"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"data", mode=SHARED)
    assert caught.value.reason == "is-folder"
    assert f"{target} is a folder, not a file" in str(caught.value)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert leftovers(tmp_path) == []


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "exports"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "deeper" / "sessions.csv"
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"data", mode=SHARED)
    assert caught.value.reason == "not-a-folder"
    assert f"{blocker} is a file, not a folder" in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_settings_that_cannot_be_saved_name_the_cause(tpguide_home: Path) -> None:
    (tpguide_home / "config").write_text("a file where the folder goes", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        SettingsStore().save(AppSettings())
    assert f"{tpguide_home / 'config'} is a file, not a folder" in str(caught.value)


# ---------------------------------------------------------------------- a write that fails half-way
EXPORT_UNDER_A_SIZE_LIMIT = """
import resource, signal, sys
from pathlib import Path
from tpguide.core.diary.store import HistoryError, HistoryStore
folder = Path(sys.argv[1])
store = HistoryStore(folder / "history.sqlite3", lock_path=folder / "session.lock")
store.export_csv(folder / "sessions.csv")  # the earlier export: a header only
for n in range(200):
    store.finish_session(store.start_session("neck", "Neck and shoulders", 60.0),
                         "completed", 60.0)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
size = (folder / "sessions.csv").stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 1000, resource.RLIM_INFINITY))
try:
    store.export_csv(folder / "sessions.csv")
except HistoryError as error:
    print(error.reason)
    print(error.message)
"""


def test_a_failed_csv_export_keeps_the_previous_export_and_says_why(tmp_path: Path) -> None:
    """The file system stops the file growing half-way (a size limit: CI cannot fill a
    disk), as a full disk would; the earlier export must survive, whole."""
    done = subprocess.run([sys.executable, "-c", EXPORT_UNDER_A_SIZE_LIMIT, str(tmp_path)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reason, message = done.stdout.splitlines()
    export = tmp_path / "sessions.csv"
    assert reason == "too-large"
    assert message == (f"{export} could not be saved: the file would be larger than this "
                       "disk or this system allows. The file that was there before is "
                       "unchanged.")
    assert "Everything saved before is safe" not in message
    header = export.read_text(encoding="utf-8-sig")
    assert header.startswith("id,routine_id,") and header.count("\n") == 1  # whole, untouched
    assert leftovers(tmp_path) == []


def test_an_export_to_a_missing_folder_is_said_by_the_diary(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3", lock_path=tmp_path / "lock") as store, \
            pytest.raises(HistoryError) as caught:
        store.export_csv(tmp_path / "no-folder" / "sessions.csv")
    assert caught.value.reason == "missing-folder"
    assert caught.value.message == (f"{tmp_path / 'no-folder' / 'sessions.csv'} could not be "
                                    f"saved: the folder {tmp_path / 'no-folder'} does not exist.")


# ---------------------------------------------------------------------- writers that want a name
def test_replacing_renames_only_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"old")

    def printer_stops() -> None:
        with replacing(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("the printer stopped")

    with pytest.raises(RuntimeError):
        printer_stops()
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []
    with replacing(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_the_handout_command_creates_no_folders_when_it_cannot_write(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tpguide", "handout", "tension-headache-basic", "-o",
         "new/sub/x.pdf"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 2
    assert done.stderr == ("new/sub/x.pdf: error: cannot write the handout: the folder new "
                           "does not exist\n")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------- one way to write
_WRITE_METHODS = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls that write a file by some other way than the atomic writer.

    Qt's printer may be pointed at a file only inside ``replacing`` (a temporary beside
    the target, renamed when whole); a PDF writer on a memory buffer is fine.
    """
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in _WRITE_METHODS or name == "setOutputFileName":
            found.append((node.lineno, name))
        elif name == "open" and _opens_for_writing(node) and not _to_devnull(node):
            found.append((node.lineno, "open for writing"))
        elif name in ("QFile", "QSaveFile", "QPdfWriter") and node.args and \
                not isinstance(node.args[0], ast.Name):
            found.append((node.lineno, name))
    inside = [(f.lineno, f.end_lineno or f.lineno) for f in ast.walk(tree)
              if isinstance(f, ast.FunctionDef) and any(
                  isinstance(n, ast.Call) and _name(n) == "replacing" for n in ast.walk(f))]
    return [(line, what) for line, what in found
            if not (what == "setOutputFileName" and any(a <= line <= b for a, b in inside))]


def _to_devnull(call: ast.Call) -> bool:
    """``os.open(os.devnull, ...)``: output thrown away, not a file written."""
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Attribute) and first.attr == "devnull"


def _opens_for_writing(call: ast.Call) -> bool:
    modes = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "mode")]
    for mode in modes:
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and \
                set(mode.value) & set("wax+"):
            return True
        if not isinstance(mode, ast.Constant):
            return True  # os.open with flags: only the writer may do that
    return False


# Opens for writing that write no file of the person's: each with why.
NOT_FILES = {
    "tpguide/cli.py:_closed_pipe": "points standard output at /dev/null after a closed pipe",
}


def _function_at(tree: ast.AST, line: int) -> str:
    found = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
             and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return found[-1] if found else ""


def test_every_file_is_written_through_the_atomic_writer() -> None:
    allowed = {PACKAGE / "core" / "atomic_io.py"}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, what in _writes(tree):
            where = f"{path.relative_to(ROOT).as_posix()}:{_function_at(tree, line)}"
            if where not in NOT_FILES:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert offenders == []


# ---------------------------------------------------------------------- leftovers of a killed save
def test_only_our_own_stale_temporaries_are_removed(tmp_path: Path) -> None:
    from tpguide.core.atomic_io import STALE_AFTER_S, remove_stale_temporaries

    old = tmp_path / ".settings.json.0a1b2c3d.tmp"
    fresh = tmp_path / ".settings.json.9f8e7d6c.tmp"  # another tpguide saving right now
    other = tmp_path / ".notes.tmp"
    folder = tmp_path / ".x.yaml.0a1b2c3d.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"half")
    folder.mkdir()
    now = 1_000_000_000.0
    for path in (old, other, folder):
        os.utime(path, (now - STALE_AFTER_S - 1, now - STALE_AFTER_S - 1))
    os.utime(fresh, (now - 5, now - 5))
    assert remove_stale_temporaries([tmp_path, tmp_path / "missing"], now=now) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, other.name, folder.name])
