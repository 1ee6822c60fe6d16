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

from tpguide.core.bounded_read import read_bounded
from tpguide.core.care.format import (
    MAX_REPORT_BYTES,
    REPORT_VERSION,
    VERSION_KEY,
    check_report,
)
from tpguide.core.i18n import _, ngettext
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
        raise ReportError(f"{path}: error: " + _("cannot read the report: {reason}").format(
            reason=exc.strerror or exc), EXIT_UNREADABLE) from exc
    if len(data) > limit:
        raise ReportError(f"{path}: error: " + _(
            "the file is larger than {size} MiB, far more than a report holds; it is not a "
            "tpguide report").format(size=limit // (1024 * 1024)))
    return parse_report(data, str(path))


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(_("the key {key} appears twice").format(key=quote(key)))
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise ValueError(_("{name} is not a number a report may hold").format(name=name))


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError(_("a number has far too many digits"))
    return int(text)


def parse_report(data: bytes, name: str) -> dict[str, Any]:
    """The checked report in ``data`` (the bytes of the file called ``name``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(f"{name}: error: " + _(
            "not a tpguide report: the file is not UTF-8 text (byte {byte})").format(
                byte=exc.start)) from exc
    try:
        parsed = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                            parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{name}:{exc.lineno}:{exc.colno}: error: " + _(
            "not a tpguide report: not valid JSON ({reason})").format(reason=exc.msg)) from exc
    except ValueError as exc:
        raise ReportError(f"{name}: error: " + _("not a tpguide report: {reason}").format(
            reason=exc)) from exc
    except RecursionError as exc:
        raise ReportError(f"{name}: error: "
                          + _("not a tpguide report: nested far too deeply")) from exc
    _check_version(parsed, name)
    problems = check_report(parsed)
    if problems:
        shown = [f"{name}: error: {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            shown.append(f"{name}: error: " + ngettext("{count} more problem",
                                                       "{count} more problems", rest).format(
                count=rest))
        raise ReportError("\n".join(shown))
    assert isinstance(parsed, dict)
    return parsed


def _check_version(parsed: object, name: str) -> None:
    version = parsed.get(VERSION_KEY) if isinstance(parsed, dict) else None
    if version is None:
        raise ReportError(f"{name}: error: " + _(
            "not a tpguide report (no '{key}' version at the top)").format(key=VERSION_KEY))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ReportError(f"{name}: error: " + _("'{key}' must be a whole number").format(
            key=VERSION_KEY))
    if version > REPORT_VERSION:
        raise ReportError(f"{name}: error: " + _(
            "written by a newer tpguide (report format {version}; this version reads up to "
            "{known}); update tpguide to read it").format(version=version, known=REPORT_VERSION))
