"""Notices when routine files in a folder change, even when editors replace them by rename."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from tpguide.core.library.sources import ROUTINE_SUFFIXES

SETTLE_MS = 300

Stamp = tuple[int, int]


def _snapshot(folder: Path) -> dict[Path, Stamp]:
    """Every routine file in the folder with its (mtime_ns, size)."""
    found: dict[Path, Stamp] = {}
    try:
        children = list(folder.iterdir())
    except OSError:
        return found
    for path in children:
        if path.suffix not in ROUTINE_SUFFIXES or path.name.startswith("."):
            continue
        try:
            info = path.stat()
        except OSError:
            continue
        found[path] = (info.st_mtime_ns, info.st_size)
    return found


def _nearest_existing(folder: Path) -> Path | None:
    for candidate in folder.parents:
        if candidate.is_dir():
            return candidate
    return None


class FolderWatch(QObject):
    """Watches one folder (not its files: a rename-replace drops a file watch).

    Every event restarts a short timer, so a burst of writes is reported once,
    after the files have settled. While the folder is gone (deleted, or not made yet)
    the nearest folder above it is watched instead, so its return is noticed too.

    Signals:
        changed(list): paths of routine files added, modified or removed (sorted).
    """

    changed = Signal(list)

    def __init__(self, folder: Path, parent: QObject | None = None,
                 settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._folder = folder
        with contextlib.suppress(OSError):  # a read-only data folder: the app still starts
            folder.mkdir(parents=True, exist_ok=True)
        self._known = _snapshot(folder)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._settle)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self._rewatch()

    def folder(self) -> Path:
        return self._folder

    def is_settling(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        """Stop watching (and drop any pending report)."""
        self._timer.stop()
        watched = self._watcher.directories() + self._watcher.files()
        if watched:
            self._watcher.removePaths(watched)

    def _poke(self, _path: str = "") -> None:
        self._timer.start()

    def _rewatch(self) -> None:
        """Watch the folder and every routine file in it, again after each change; while
        the folder is missing, the nearest existing folder above it."""
        if self._folder.is_dir():
            wanted = [str(self._folder)] + [str(p) for p in self._known]
        else:
            above = _nearest_existing(self._folder)
            wanted = [str(above)] if above is not None else []
        current = set(self._watcher.directories() + self._watcher.files())
        stale = [p for p in current if p not in wanted]
        if stale:
            self._watcher.removePaths(stale)
        missing = [p for p in wanted if p not in current]
        if missing:
            self._watcher.addPaths(missing)

    def _settle(self) -> None:
        now = _snapshot(self._folder)
        names = set(now) | set(self._known)
        changed = sorted(p for p in names if now.get(p) != self._known.get(p))
        self._known = now
        self._rewatch()
        if changed:
            self.changed.emit(changed)
