"""Where the person's own data lives, for a backup, a restore and "Delete all my data".

One list of places, so the three never disagree about what "everything" is: the diary,
the person's routines and courses, the therapist's clients, settings and the client id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tpguide import paths
from tpguide.core.care.clients import clients_dir
from tpguide.core.care.identity import id_file
from tpguide.core.diary.corrections import clear_diary
from tpguide.core.diary.store import HistoryStore
from tpguide.core.i18n import N_, _


@dataclass(frozen=True)
class Place:
    """One part of the data: its name in a backup, its path, and whether it is a folder."""

    name: str
    path: Path
    folder: bool = False
    label: str = ""


def places() -> list[Place]:
    return [
        Place("history.sqlite3", paths.history_db(), label=N_("the diary")),
        Place("routines", paths.user_routines_dir(), True, N_("your routines")),
        Place("courses", paths.courses_dir(), True, N_("your courses")),
        Place("clients", clients_dir(), True, N_("your clients' reports")),
        Place("settings.json", paths.settings_file(), label=N_("settings")),
        Place("client-id", id_file(), label=N_("the client id")),
    ]


def folder_files(folder: Path) -> list[Path]:
    """The regular files directly in ``folder`` (no links, no hidden temporaries)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.is_symlink() and not p.name.startswith("."))


def diary_rows(db: Path) -> int:
    """Sessions and headache entries in a diary file, read without changing it (0 if none)."""
    import sqlite3

    if not db.is_file() or db.stat().st_size == 0:
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return 1  # something is there, even if it cannot be read
    try:
        return sum(int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                   for t in ("sessions", "headache_log"))
    except sqlite3.Error:
        return 0 if db.stat().st_size == 0 else 1
    finally:
        conn.close()


def what_is_here() -> list[str]:
    """The parts of this home that hold something (words for a message, in the active
    language), [] when empty."""
    found = []
    for place in places():
        if place.name == "history.sqlite3":
            if diary_rows(place.path):
                found.append(_(place.label))
        elif place.folder:
            if folder_files(place.path):
                found.append(_(place.label))
        elif place.path.is_file() and place.name != "client-id":
            found.append(_(place.label))
    return found


def delete_my_data(store: HistoryStore) -> list[str]:
    """Remove the diary's entries, assigned courses (and so their progress), settings and
    the client id; returns what could not be removed. Routines and clients are kept."""
    failed = []
    clear_diary(store)
    for place in places():
        if place.name in ("courses",):
            targets = folder_files(place.path)
        elif place.name in ("settings.json", "client-id"):
            targets = [place.path] if place.path.exists() else []
        else:
            continue
        for path in targets:
            try:
                path.unlink()
            except OSError as exc:
                failed.append(f"{path}: {exc.strerror or exc}")
    return failed
