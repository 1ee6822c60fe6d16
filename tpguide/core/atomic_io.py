"""Write user files whole or not at all, and keep damaged ones aside instead of deleting them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a crash or full disk leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_folder(path.parent)


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
