"""``tpguide backup`` / ``tpguide restore``: everything moved to a new computer in one file.

A backup is a zip holding a manifest (format version, and each file's size and SHA-256),
a consistent copy of the diary, the person's routines, courses, clients, settings and
client id. Restore trusts none of it: the file must be a regular file of sane size, the
manifest must match every member byte for byte, no member may be a path outside its
place, the diary must pass SQLite's integrity check and not be newer than this tpguide.
A home that already holds data is never merged into: restore refuses and says what is
there, unless asked to set that data aside first (kept, never deleted).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from tpguide import __version__, paths
from tpguide.core.atomic_io import PRIVATE, write_atomic
from tpguide.core.bounded_read import read_bounded
from tpguide.core.care.own_data import Place, folder_files, places, what_is_here
from tpguide.core.diary import schema as diary_schema
from tpguide.core.i18n import _

BACKUP_VERSION = 1
VERSION_KEY = "tpguide-backup"
SUFFIX = ".tpguide-backup"
MAX_BACKUP_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 5000
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


class BackupError(Exception):
    """The backup cannot be made or used; ``str(error)`` is for the person, ``status`` the
    exit status (1 damaged, newer or refused; 2 unreadable or unwritable)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _diary_copy(db: Path) -> bytes | None:
    """A consistent copy of the diary, made with SQLite's backup (safe while it is in use)."""
    if not db.is_file() or db.stat().st_size == 0:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        source = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5.0)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return copy.read_bytes()


def backup_members() -> dict[str, bytes]:
    """Member name -> bytes for everything there is to keep."""
    members: dict[str, bytes] = {}
    for place in places():
        if place.folder:
            for path in folder_files(place.path):
                members[f"{place.name}/{path.name}"] = read_bounded(path, MAX_BACKUP_BYTES)
        elif place.name == "history.sqlite3":
            copy = _diary_copy(place.path)
            if copy is not None:
                members[place.name] = copy
        elif place.path.is_file():  # regular files only, read without blocking
            members[place.name] = read_bounded(place.path, MAX_BACKUP_BYTES)
    return members


def make_backup(target: Path, now: datetime | None = None) -> int:
    """Write the backup to ``target`` (atomically; it holds health data, so 0600);
    returns the number of files in it."""
    try:
        members = backup_members()
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(_("tpguide could not read its data for the backup: {reason}").format(
            reason=exc), 2) from exc
    manifest = {
        VERSION_KEY: BACKUP_VERSION,
        "created": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "made_by": f"tpguide {__version__}",
        "diary_format": diary_schema.latest_version(),
        "files": {name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in sorted(members.items())},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=1) + "\n")
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
    try:
        write_atomic(target, out.getvalue(), mode=PRIVATE)
    except OSError as exc:
        raise BackupError(str(exc), 2) from exc
    return len(members)


# ------------------------------------------------------------------------- restore
def _allowed(name: str) -> bool:
    folders = {p.name for p in places() if p.folder}
    files = {p.name for p in places() if not p.folder}
    if name in files:
        return True
    folder, _slash, leaf = name.partition("/")
    return folder in folders and bool(_SAFE_NAME.match(leaf)) and ".." not in leaf


def read_backup(source: Path) -> tuple[dict[str, object], dict[str, bytes]]:
    """The manifest and every member, checked; BackupError says what is wrong."""
    try:
        raw = read_bounded(source, MAX_BACKUP_BYTES)
    except OSError as exc:
        raise BackupError(_("{file}: cannot read the backup: {reason}").format(
            file=source, reason=exc.strerror or exc), 2) from exc
    if len(raw) > MAX_BACKUP_BYTES:
        raise BackupError(_("{file}: the file is far larger than a tpguide backup").format(
            file=source))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BackupError(_("{file}: not a tpguide backup (too many files in it)").format(
                file=source))
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError, RecursionError, EOFError) as exc:
        raise BackupError(_("{file}: not a tpguide backup, or it is damaged ({reason})").format(
            file=source, reason=exc)) from exc
    files = _check_manifest(source, manifest)
    members: dict[str, bytes] = {}
    for info in infos:
        name = info.filename
        if name == "manifest.json":
            continue
        expected = files.get(name)
        if expected is None or not _allowed(name) or info.is_dir():
            raise BackupError(_("{file}: the backup holds a file it should not: {name}").format(
                file=source, name=repr(name[:80])))
        if info.file_size != expected["size"]:
            raise BackupError(_("{file}: the backup is damaged ({name} has the wrong size)").format(
                file=source, name=name))
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise BackupError(_("{file}: the backup is damaged ({name}: {reason})").format(
                file=source, name=name, reason=exc)) from exc
        if hashlib.sha256(data).hexdigest() != expected["sha256"]:
            raise BackupError(_("{file}: the backup is damaged ({name} does not match its "
                                "checksum)").format(file=source, name=name))
        members[name] = data
    missing = sorted(set(files) - set(members))
    if missing:
        raise BackupError(_("{file}: the backup is incomplete (missing {names})").format(
            file=source, names=", ".join(missing)))
    return manifest, members


def _check_manifest(source: Path, manifest: object) -> dict[str, dict[str, object]]:
    if not isinstance(manifest, dict) or VERSION_KEY not in manifest:
        raise BackupError(_("{file}: not a tpguide backup (no '{key}' in its manifest)").format(
            file=source, key=VERSION_KEY))
    version = manifest[VERSION_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError(_("{file}: the backup's manifest is damaged").format(file=source))
    if version > BACKUP_VERSION:
        raise BackupError(_("{file}: made by a newer tpguide (backup format {version}; this "
                            "version reads up to {known}). Update tpguide to restore it.").format(
                                file=source, version=version, known=BACKUP_VERSION))
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("size"), int)
            and isinstance(v.get("sha256"), str) for v in files.values()):
        raise BackupError(_("{file}: the backup's manifest is damaged").format(file=source))
    return files


def _check_diary(source: Path, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "check.sqlite3"
        write_atomic(copy, data)  # a scratch copy for SQLite to check
        try:
            conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise BackupError(_("{file}: the diary in the backup is damaged ({reason})").format(
                file=source, reason=exc)) from exc
    if version > diary_schema.latest_version():
        raise BackupError(_("{file}: the diary in the backup was written by a newer tpguide "
                            "(format {version}). Update tpguide to restore it.").format(
                                file=source, version=version))
    if verdict != ["ok"]:
        raise BackupError(_("{file}: the diary in the backup is damaged ({reason})").format(
            file=source, reason=verdict[0]))


def restore(source: Path, *, replace: bool = False, now: datetime | None = None) -> Path | None:
    """Put a backup's data in place. Refuses (BackupError) when this home holds data,
    unless ``replace``: then that data is first moved, whole, into a folder returned here."""
    _manifest, members = read_backup(source)
    if "history.sqlite3" in members:
        _check_diary(source, members["history.sqlite3"])
    here = what_is_here()
    if here and not replace:
        raise BackupError(_(
            "This tpguide already holds {what}, so the backup was not restored: "
            "it never merges two sets of data. Restore on a new or empty home, or run "
            "'tpguide restore --replace FILE' to keep the present data aside in a folder "
            "and restore the backup in its place.").format(what=_and(here)))
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = _set_aside_all(paths.data_dir() / f"before-restore-{stamp}") if replace else None
    for place in places():
        _put(place, members)
    return kept


def _set_aside_all(folder: Path) -> Path | None:
    moved = False
    for place in places():
        related = [place.path]
        if place.name == "history.sqlite3":
            related += [place.path.with_name(place.path.name + s) for s in ("-wal", "-shm")]
        for path in related:
            if path.exists():
                paths.ensure(folder)
                shutil.move(str(path), folder / path.name)
                moved = True
    return folder if moved else None


def _put(place: Place, members: dict[str, bytes]) -> None:
    if place.folder:
        chosen = {n.partition("/")[2]: d for n, d in members.items()
                  if n.startswith(place.name + "/")}
        if chosen:
            folder = paths.ensure(place.path)
            for leaf, data in chosen.items():
                write_atomic(folder / leaf, data)
        return
    if place.name not in members:
        return
    data = members[place.name]
    paths.ensure(place.path.parent)
    if place.name == "history.sqlite3":
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(place.path.with_name(place.path.name + suffix))
    write_atomic(place.path, data)


def _and(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])
