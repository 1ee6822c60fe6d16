"""Helpers for routine tests: build small routine texts and read their diagnostics."""

from __future__ import annotations

import textwrap

from tpguide.core.routines.loader import LoadResult, load_routine_text

HEAD = "tpguide: 1\nid: t\ntitle: T\n"


def routine(body: str, head: str = HEAD) -> str:
    return head + textwrap.dedent(body).lstrip("\n")


def load(text: str) -> LoadResult:
    return load_routine_text(text)


def where(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.severity) for d in load(text).diagnostics]


def messages(text: str) -> list[str]:
    return [d.message for d in load(text).diagnostics]
