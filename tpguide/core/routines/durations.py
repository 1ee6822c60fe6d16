"""Durations as people write them in routine files, judged from the text itself.

YAML 1.1 would turn ``1:30`` into 90 by base-60 and ``010`` into 8; the contract
says a duration means what its text says, so we never look at the constructed
value.
"""

from __future__ import annotations

import re

from tpguide.core.i18n import N_

# A number of seconds as written; the JSON Schema builds its duration pattern from it too.
SECONDS_PATTERN = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^({SECONDS_PATTERN})$"), "s"),
    (re.compile(rf"^({SECONDS_PATTERN})s$"), "s"),
    (re.compile(r"^([0-9]+)m$"), "m"),
    (re.compile(rf"^([0-9]+)m({SECONDS_PATTERN})s$"), "ms"),
    (re.compile(r"^([0-9]+):([0-5][0-9])$"), "ms"),
)
HINT = N_("write seconds (45, 2.5, 45s), minutes (2m, 1m30s) or m:ss (1:30)")
"""Shown translated: ``_(HINT)``."""
_MAX_DIGITS = 12


def _number(text: str) -> float | None:
    whole = text.split(".", 1)[0]
    if len(whole) > _MAX_DIGITS:
        return None
    return float(text)


def parse_duration(text: str) -> float | None:
    """Seconds for a duration written as text, or None when it is not one.

    Absurdly long numbers give None rather than a huge float, so a hostile file
    cannot make us allocate or overflow.
    """
    for pattern, unit in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        groups = [_number(g) for g in match.groups()]
        if any(g is None for g in groups):
            return None
        values = [g for g in groups if g is not None]
        if unit == "s":
            return values[0]
        if unit == "m":
            return values[0] * 60
        return values[0] * 60 + values[1]
    return None


def format_seconds(seconds: float) -> str:
    """``120`` or ``2.5``: how the contract's messages write a number of seconds."""
    if float(seconds).is_integer():
        return str(int(seconds))
    return f"{seconds:g}"


def format_length(seconds: float) -> str:
    """``12:20`` or ``1:02:05``: a length for people, rounded to whole seconds."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
