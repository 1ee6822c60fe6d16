"""The therapist's clients: each one's reports merged into one file under ``<data>/clients/``.

A client is known by the random id in their reports, never by name, so two clients
called Anna stay two. Importing the same report again changes nothing; a newer report
of the same client adds what is new (and its version of an entry wins). Each client's
file is itself a report in the same format, written atomically and readable only by
the therapist; a damaged one is set aside (never deleted) and said so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tpguide import paths
from tpguide.core.atomic_io import PRIVATE, set_aside, write_atomic
from tpguide.core.care.build import Report, report_bytes
from tpguide.core.care.format import (
    CLIENT_ID_PATTERN,
    MAX_REPORT_BYTES,
    check_report,
    headache_key,
    session_key,
)
from tpguide.core.care.reader import ReportError, read_report
from tpguide.core.i18n import _

STORE_LIMIT = 4 * MAX_REPORT_BYTES


@dataclass(frozen=True)
class Client:
    """One client as stored: their merged report and where it lives."""

    path: Path
    report: Report

    @property
    def id(self) -> str:
        return str(self.report["client"]["id"])

    @property
    def name(self) -> str:
        return str(self.report["client"]["name"])


@dataclass(frozen=True)
class Imported:
    """What one import did: ``changed`` False when the report held nothing new."""

    client: Client
    new_sessions: int
    new_headaches: int
    changed: bool
    first_time: bool


def clients_dir() -> Path:
    return paths.data_dir() / "clients"


def merge(old: Report, new: Report) -> Report:
    """``old`` and ``new`` as one report: every entry of both, the newer report's version of
    an entry both hold, the period covering both, the newer report's name and courses."""
    older, newer = sorted((old, new), key=lambda r: str(r["created"]))
    sessions = {session_key(s): s for s in [*older["sessions"], *newer["sessions"]]}
    headaches = {headache_key(h): h for h in [*older["headaches"], *newer["headaches"]]}
    courses = {c["id"]: c for c in [*older["courses"], *newer["courses"]]}
    period = {"since": min(old["period"]["since"], new["period"]["since"]),
              "until": max(old["period"]["until"], new["period"]["until"])}
    return {
        **newer,
        "period": period,
        "sessions": [sessions[k] for k in sorted(sessions)],
        "courses": sorted(courses.values(), key=lambda c: (c["start"], c["id"])),
        "headaches": [headaches[k] for k in sorted(headaches)],
    }


class ClientStore:
    """Clients in a folder (``<data>/clients`` unless given); ``notices`` say what was set aside."""

    def __init__(self, folder: Path | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.folder = folder if folder is not None else clients_dir()
        self._now = now
        self.notices: list[str] = []

    def _path(self, client_id: str) -> Path:
        return self.folder / f"{client_id}.json"

    def _load(self, path: Path) -> Client | None:
        try:
            return Client(path, read_report(path, STORE_LIMIT))
        except FileNotFoundError:
            return None
        except ReportError as exc:
            if exc.status != 1:
                self.notices.append(str(exc))
                return None
            aside = set_aside(path, self._now())
            self.notices.append(_("A client's file could not be read, so it was kept aside as "
                                  "{name} in {folder}.").format(name=aside.name,
                                                                folder=aside.parent))
            return None

    def clients(self) -> list[Client]:
        """Every readable client, by name (then id)."""
        if not self.folder.is_dir():
            return []
        found = [c for p in sorted(self.folder.glob("*.json")) if (c := self._load(p))]
        return sorted(found, key=lambda c: (c.name.casefold(), c.id))

    def get(self, client_id: str) -> Client | None:
        if not re.fullmatch(CLIENT_ID_PATTERN, client_id):
            return None
        path = self._path(client_id)
        return self._load(path) if path.is_file() else None

    def find(self, name_or_id: str) -> list[Client]:
        """Clients whose id starts with, or whose name equals (any case), ``name_or_id``."""
        wanted = name_or_id.strip()
        everyone = self.clients()
        by_id = [c for c in everyone if len(wanted) >= 4 and c.id.startswith(wanted.lower())]
        return by_id or [c for c in everyone if c.name.casefold() == wanted.casefold()]

    def import_report(self, report: Report) -> Imported:
        """Merge a checked report into its client's file (written whole, or not at all)."""
        client_id = str(report["client"]["id"])
        existing = self.get(client_id)
        merged = report if existing is None else merge(existing.report, report)
        problems = check_report(merged)
        if problems:
            raise ReportError(_("together with what is already kept for this client, the "
                                "report would break the format: {problem}").format(
                                    problem=problems[0]))
        path = self._path(client_id)
        old = existing.report if existing is not None else {"sessions": [], "headaches": []}
        changed = existing is None or merged != existing.report
        if changed:
            paths.ensure(self.folder)
            write_atomic(path, report_bytes(merged), mode=PRIVATE)
        return Imported(Client(path, merged), _added(old["sessions"], merged["sessions"], True),
                        _added(old["headaches"], merged["headaches"], False), changed,
                        existing is None)

    def remove(self, client_id: str) -> list[Path]:
        """Delete a client's file and any damaged copies set aside; returns what went."""
        if not self.folder.is_dir():
            return []
        if not re.fullmatch(CLIENT_ID_PATTERN, client_id):
            return []
        gone = [p for p in self.folder.iterdir()
                if p.name == f"{client_id}.json" or p.name.startswith(f"{client_id}.json.")]
        for path in gone:
            path.unlink()
        return gone


def _added(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]], sessions: bool) -> int:
    key: Callable[[dict[str, Any]], object] = session_key if sessions else headache_key
    before = {key(entry) for entry in old}
    return sum(1 for entry in new if key(entry) not in before)
