"""Located errors and warnings, printed the way compilers print them.

Routine files are shared between people, so every problem must say where it is
(file, line, column) and how to fix it.
"""

from __future__ import annotations

import re

from tpguide.core.i18n import ngettext
from tpguide.core.record import record

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning"]

MAX_DIAGNOSTICS = 1000
_QUOTE_LIMIT = 40

CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What text from a file may not hold (the contract's "Text fields"): C0 controls but
newline and tab, DEL, C1 controls, the line and paragraph separators, and the bidi
embedding, override and isolate characters. On a terminal they move the cursor, set the
window title or erase lines; on screen they reverse or hide text."""
_ESCAPED = re.compile(CONTROL_CHARACTERS.pattern[:-1] + "\n\t\ufeff]")


def escape_controls(text: str) -> str:
    """``text`` safe to print on a terminal: each control character as ``\\uXXXX``.

    Newline and tab are kept (the caller prints lines); use ``quote`` inside a message.
    """
    return CONTROL_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@record(frozen=True, order=True)
class Diagnostic:
    line: int
    column: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.column}: {self.severity}: {self.message}"


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """Show user text inside a message: control characters escaped, long text cut."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return "'" + _ESCAPED.sub(_escape_one, shown) + "'"


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return named.get(ch) or f"\\u{ord(ch):04x}"


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by position and keep at most MAX_DIAGNOSTICS, then say how many more."""
    ordered = sorted(diagnostics, key=lambda d: (d.line, d.column))
    if len(ordered) <= MAX_DIAGNOSTICS:
        return ordered
    kept = ordered[:MAX_DIAGNOSTICS]
    extra = len(ordered) - MAX_DIAGNOSTICS
    last = kept[-1]
    more_is_error = any(d.is_error for d in ordered[MAX_DIAGNOSTICS:])
    kept.append(
        Diagnostic(
            last.line,
            last.column,
            "error" if more_is_error else "warning",
            ngettext("{count} more problem not shown; fix the ones above first",
                     "{count} more problems not shown; fix the ones above first",
                     extra).format(count=extra),
        )
    )
    return kept
