"""Where routines come from: built-in ones, the user's own, and files by path.

``FILE_OR_ID`` is resolved the contract's way: an existing path is a file,
anything else an id looked up in the user's routines first, then built-ins.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tpguide import paths, resources
from tpguide.core.record import record

if TYPE_CHECKING:
    from tpguide.core.routines.loader import LoadResult

ROUTINE_SUFFIXES = (".yaml", ".yml")


@record(frozen=True)
class Entry:
    """One routine file in the library, with what loading it gave."""

    path: Path
    builtin: bool
    result: LoadResult

    @property
    def id(self) -> str:
        routine = self.result.routine
        return routine.id if routine is not None else self.path.stem


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and p.is_file()
                  and not p.name.endswith(".course.yaml"))


def user_files() -> list[Path]:
    return _files(paths.user_routines_dir())


def builtin_files() -> list[Path]:
    return _files(resources.routines_dir())


def entries() -> list[Entry]:
    """Every routine: the user's own first, then the built-in ones."""
    return list(_each_entry())


def _each_entry() -> Iterator[Entry]:
    from tpguide.core.routines.loader import load_routine_file

    for folder_files, builtin in ((user_files(), False), (builtin_files(), True)):
        for path in folder_files:
            try:
                yield Entry(path, builtin, load_routine_file(path))
            except OSError:
                continue


def find_by_id(routine_id: str) -> Entry | None:
    """The first routine with this id (the user's own first); files after it are not read."""
    for entry in _each_entry():
        if entry.result.routine is not None and entry.result.routine.id == routine_id:
            return entry
    return None


def resolve(file_or_id: str) -> Path | None:
    """The file a FILE_OR_ID argument names, or None when there is none."""
    candidate = Path(file_or_id)
    if candidate.exists():
        return candidate
    entry = find_by_id(file_or_id)
    return entry.path if entry is not None else None
