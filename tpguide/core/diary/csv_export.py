"""CSV export of the diary that a spreadsheet cannot mistake for formulas (CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import IO

from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.diary.records import HeadacheEntry, SessionRecord

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SESSION_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(SessionRecord) if f.name != "pid")
HEADACHE_COLUMNS: tuple[str, ...] = ("id",) + tuple(
    f.name for f in fields(HeadacheEntry) if f.name != "id"
)

Cell = str | int | float


def escape_cell(value: object) -> Cell:
    """A cell value: numbers as they are, text with a leading apostrophe if it could run."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(str(item) for item in value)
    return str(value)


def rows_of(records: Iterable[object], columns: Sequence[str]) -> list[list[Cell]]:
    return [[escape_cell(getattr(record, name)) for name in columns] for record in records]


def write_csv(target: Path | IO[str], columns: Sequence[str], rows: list[list[Cell]]) -> None:
    """Write a header and rows to a path (UTF-8 with BOM, for spreadsheets) or a text stream.

    A path is replaced whole (WriteError when that fails): an earlier export there stays
    intact when the disk is full, instead of being cut off half-way.
    """
    if isinstance(target, Path):
        buffer = io.StringIO(newline="")
        _write(buffer, columns, rows)
        write_atomic(target, buffer.getvalue().encode("utf-8-sig"), mode=SHARED)
    else:
        _write(target, columns, rows)


def _write(handle: IO[str], columns: Sequence[str], rows: list[list[Cell]]) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    writer.writerows(rows)
