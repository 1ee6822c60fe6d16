"""The random client id: made once per install, so two clients with one name never merge.

It says nothing about the person (16 random bytes) and lives in ``<data>/client-id``, so a
backup moved to a new computer keeps it and the therapist's reports keep adding up.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from pathlib import Path

from tpguide import paths
from tpguide.core.atomic_io import PRIVATE, read_bounded, set_aside, write_atomic
from tpguide.core.care.format import CLIENT_ID_PATTERN

_ID = re.compile(CLIENT_ID_PATTERN)


def id_file() -> Path:
    return paths.data_dir() / "client-id"


def client_id(path: Path | None = None) -> str:
    """This install's id, made and saved the first time it is asked for.

    A file that does not hold an id (damaged, edited) is set aside and a new id made.
    """
    target = path if path is not None else id_file()
    try:
        text = read_bounded(target, 64).decode("ascii", "replace").strip()
    except FileNotFoundError:
        text = None
    if text is not None and _ID.fullmatch(text):
        return text
    if text is not None:
        set_aside(target, datetime.now(UTC))
    made = secrets.token_hex(16)
    paths.ensure(target.parent)
    write_atomic(target, (made + "\n").encode("ascii"), mode=PRIVATE)
    return made
