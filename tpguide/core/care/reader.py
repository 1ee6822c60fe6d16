"""Reading a report someone sent: with the same care as a routine file from a stranger.

Only a regular file is opened (a folder, a named pipe or a device is refused without
waiting), at most ``MAX_REPORT_BYTES`` are read, the JSON must be strict (no duplicate
keys, no NaN, no absurd numbers or nesting), the version must be one this tpguide
reads, and every field is checked against the format's table before anything is kept.
Nothing in a report is ever executed or interpreted as markup.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tpguide.core.atomic_io import read_bounded
from tpguide.core.care.format import (
    MAX_REPORT_BYTES,
    REPORT_VERSION,
    VERSION_KEY,
    check_report,
)
from tpguide.core.routines.diagnostics import quote

EXIT_DAMAGED, EXIT_UNREADABLE = 1, 2
MAX_PROBLEMS = 20
_MAX_DIGITS = 30


class ReportError(Exception):
    """A report that cannot be used; ``str(error)`` says why, ``status`` is the exit status:
    1 for a damaged, foreign or newer file, 2 for one that cannot be read at all."""

    def __init__(self, message: str, status: int = EXIT_DAMAGED) -> None:
        super().__init__(message)
        self.status = status


def read_report(path: Path, limit: int = MAX_REPORT_BYTES) -> dict[str, Any]:
    """The checked report in ``path``, or ReportError naming the file and the problem."""
    try:
        data = read_bounded(path, limit)
    except OSError as exc:
        raise ReportError(f"{path}: error: cannot read the report: {exc.strerror or exc}",
                          EXIT_UNREADABLE) from exc
    if len(data) > limit:
        raise ReportError(f"{path}: error: the file is larger than "
                          f"{limit // (1024 * 1024)} MiB, far more than a report "
                          "holds; it is not a tpguide report")
    return parse_report(data, str(path))


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {quote(key)} appears twice")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a report may hold")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError("a number has far too many digits")
    return int(text)


def parse_report(data: bytes, name: str) -> dict[str, Any]:
    """The checked report in ``data`` (the bytes of the file called ``name``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(f"{name}: error: not a tpguide report: the file is not UTF-8 text "
                          f"(byte {exc.start})") from exc
    try:
        parsed = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                            parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{name}:{exc.lineno}:{exc.colno}: error: not a tpguide report: "
                          f"not valid JSON ({exc.msg})") from exc
    except ValueError as exc:
        raise ReportError(f"{name}: error: not a tpguide report: {exc}") from exc
    except RecursionError as exc:
        raise ReportError(f"{name}: error: not a tpguide report: nested far too deeply") from exc
    _check_version(parsed, name)
    problems = check_report(parsed)
    if problems:
        shown = [f"{name}: error: {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"{name}: error: {len(problems) - MAX_PROBLEMS} more problems")
        raise ReportError("\n".join(shown))
    assert isinstance(parsed, dict)
    return parsed


def _check_version(parsed: object, name: str) -> None:
    version = parsed.get(VERSION_KEY) if isinstance(parsed, dict) else None
    if version is None:
        raise ReportError(f"{name}: error: not a tpguide report (no '{VERSION_KEY}' "
                          "version at the top)")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ReportError(f"{name}: error: '{VERSION_KEY}' must be a whole number")
    if version > REPORT_VERSION:
        raise ReportError(f"{name}: error: written by a newer tpguide (report format "
                          f"{version}; this version reads up to {REPORT_VERSION}); update "
                          "tpguide to read it")
