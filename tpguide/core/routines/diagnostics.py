"""Located errors and warnings, printed the way compilers print them.

Routine files are shared between people, so every problem must say where it is
(file, line, column) and how to fix it.
"""

from __future__ import annotations

from tpguide.core.record import record

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning"]

MAX_DIAGNOSTICS = 1000
_QUOTE_LIMIT = 40


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
    out = []
    for ch in shown:
        code = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


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
            f"{extra} more problems not shown; fix the ones above first",
        )
    )
    return kept
