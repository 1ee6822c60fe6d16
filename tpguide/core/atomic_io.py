"""Write user files whole or not at all, and keep damaged ones aside.

Every file tpguide writes goes through here, so every write has the same guarantees: the
new bytes go to a temporary file beside the target, are flushed to the disk, and only
then replace the target by rename. A full disk, a crash or a read-only folder leaves the
file that was there before exactly as it was, and the error says which file and why.

Reading is ``tpguide.core.bounded_read``'s (without hanging, up to a bound): ``tpguide
validate`` needs only that half, and starts without this one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time

from tpguide.core.i18n import _

PRIVATE = 0o600
"""The person's own stores (settings, the session lock, the diary): only they may read them."""
SHARED = 0o666
"""Exports and files meant for other people or programs: the umask decides (usually 0644)."""

STALE_AFTER_S = 10 * 60
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_NAME_ROOM = 200  # a temporary name stays under the usual 255-byte limit
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)

TYPE_CHECKING = False  # neither typing, datetime nor pathlib at run time: the first paint
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime
    from pathlib import Path


class WriteError(OSError):
    """``filename`` could not be written; ``strerror`` says why in plain words.

    ``reason`` is one of: full, readonly, missing-folder, is-folder, not-a-folder,
    too-large, io. ``str(error)`` is a whole sentence for the person, naming the file.
    """

    def __init__(self, path: Path, reason: str, cause: str, code: int | None,
                 existed: bool) -> None:
        super().__init__(code or 0, cause, str(path))
        self.path = path
        self.reason = reason
        self.existed = existed

    def __str__(self) -> str:
        said = _("{file} could not be saved: {reason}.").format(file=self.path,
                                                                 reason=self.strerror)
        if not self.existed:
            return said
        return f"{said} " + _("The file that was there before is unchanged.")


def write_error(exc: OSError, path: Path) -> WriteError:
    """The WriteError naming ``path`` (not a temporary file) and the real cause of ``exc``."""
    if isinstance(exc, WriteError):
        return exc
    reason, cause = _cause(exc.errno, path, exc.strerror or str(exc))
    return WriteError(path, reason, cause, exc.errno, _is_file(path))


def _cause(code: int | None, path: Path, fallback: str) -> tuple[str, str]:
    folder = path.parent
    if code == errno.ENOSPC:
        return "full", _("the disk holding {folder} is full").format(folder=folder)
    if code == getattr(errno, "EDQUOT", -1):
        return "full", _("your disk quota for {folder} is used up").format(folder=folder)
    if code == errno.EROFS:
        return "readonly", _("the disk holding {folder} is read-only").format(folder=folder)
    if code in (errno.EACCES, errno.EPERM):
        return "readonly", _("you may not write in the folder {folder}").format(
            folder=_existing_ancestor(folder))
    if code == errno.EISDIR or (code == errno.EEXIST and path.is_dir()):
        return "is-folder", _("{path} is a folder, not a file").format(path=path)
    if code == errno.ENOTDIR or blocking_file(folder) is not None:
        blocker = blocking_file(folder) or folder
        return "not-a-folder", _("{path} is a file, not a folder").format(path=blocker)
    if code == errno.ENOENT:
        return "missing-folder", _("the folder {folder} does not exist").format(
            folder=_missing_folder(folder))
    if code == errno.EFBIG:
        return "too-large", _("the file would be larger than this disk or this system allows")
    if code == errno.ENAMETOOLONG:
        return "io", _("the file name is too long")
    return "io", fallback


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def blocking_file(folder: Path) -> Path | None:
    """The nearest existing ancestor of ``folder`` (itself included) when it is not a folder."""
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return None if candidate.is_dir() else candidate
        except OSError:
            return None
    return None


def _existing_ancestor(folder: Path) -> Path:
    """``folder`` or the nearest folder above it that is there (where a write was refused)."""
    for candidate in (folder, *folder.parents):
        with contextlib.suppress(OSError):
            if candidate.is_dir():
                return candidate
    return folder


def _missing_folder(folder: Path) -> Path:
    """The first folder on the way to ``folder`` that is not there."""
    missing = folder
    for candidate in folder.parents:
        if candidate.exists():
            break
        missing = candidate
    return missing


def _open_temporary(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    """A new file ``.<name>.<random>.tmp`` in ``folder``, created with ``mode`` (less umask)."""
    for _attempt in range(100):  # os.urandom is what secrets.token_hex uses, without its imports
        temporary = folder / f".{name[:_NAME_ROOM]}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(temporary, _FLAGS, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise OSError(errno.EISDIR, "Is a directory", str(path))


@contextlib.contextmanager
def replacing(path: Path, *, mode: int = SHARED) -> Iterator[Path]:
    """A temporary path beside ``path`` for writers that want a file name (Qt's PDF printer).

    When the block ends without an error the temporary file is flushed and renamed over
    ``path``; otherwise it is removed and ``path`` is left as it was. Failures are raised
    as WriteError. Folders are never created: a missing folder is an error.
    """
    try:
        _check_target(path)
        fd, temporary = _open_temporary(path.parent, path.name, mode)
        os.close(fd)
    except OSError as exc:
        raise write_error(exc, path) from exc
    try:
        yield temporary
        _sync_file(temporary)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise write_error(exc, path) from exc
        raise
    fsync_folder(path.parent)


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE) -> None:
    """Replace ``path`` with ``data``: a crash or full disk leaves the old file intact.

    ``mode`` is PRIVATE (0600, the default) for the person's own stores and SHARED for
    exports and files meant for others (the umask decides). The folder must exist: a
    caller writing into tpguide's own folders creates them first (``paths.ensure``), and
    an export to a folder that is not there fails instead of creating it. Failures are
    raised as WriteError naming ``path`` and the cause.
    """
    with replacing(path, mode=mode) as temporary:
        temporary.write_bytes(data)


def create_empty(path: Path, mode: int = PRIVATE) -> bool:
    """Create ``path`` empty with ``mode`` unless something is there; True when created.

    For files another library fills in (SQLite creates its database 0644, less the umask;
    given an empty file it keeps that file's permissions, and copies them to -wal/-shm).
    """
    try:
        os.close(os.open(path, _FLAGS, mode))
    except FileExistsError:
        return False
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename durable where the platform allows it (POSIX folders)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temporaries(folders: Iterable[Path], *, older_than_s: float = STALE_AFTER_S,
                             now: float | None = None) -> list[Path]:
    """Delete our own ``.<name>.<random>.tmp`` files that a killed save left behind.

    Only regular files named the way this module names them, and only those older than
    ``older_than_s`` (a save in progress in another tpguide is a few milliseconds old).
    Returns what was removed; a folder that cannot be read is skipped.
    """
    from pathlib import Path

    limit = (time.time() if now is None else now) - older_than_s
    removed: list[Path] = []
    for folder in folders:
        try:
            children = list(os.scandir(folder))
        except OSError:
            continue
        for child in children:
            if not _TEMP_NAME.match(child.name):
                continue
            with contextlib.suppress(OSError):
                if child.is_file(follow_symlinks=False) and \
                        child.stat(follow_symlinks=False).st_mtime < limit:
                    os.unlink(child.path)
                    removed.append(Path(child.path))
    return removed


def aside_name(path: Path, when: datetime) -> Path:
    """A free name ``<name>.corrupt-<UTC timestamp>[-n]`` beside ``path``."""
    from datetime import UTC  # only for a damaged file: the window paints without datetime

    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return target


def set_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged file out of the way (never delete it) and return its new path."""
    target = aside_name(path, when)
    os.rename(path, target)
    return target
