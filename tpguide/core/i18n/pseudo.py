"""The pseudo-language: English made ~40 % longer and accented, to find clipped or hard-coded text.

Placeholders (``{name}``, ``{count:d}``, ``%n``, ``%1``), markup (``<b>``, ``&amp;``) and the
keyboard accelerator (``&F``) are kept as they are, so a screen in the pseudo-language works
exactly as in English and only looks longer and stranger.
"""

from __future__ import annotations

import re

_ACCENTED = str.maketrans("aeiouAEIOUcnyCNY", "áéîõüÁÉÎÕÜçñýÇÑÝ")
# Kept whole: {placeholders}, %n and %1, <tags>, &entities; and the accelerator letter (&F).
_KEEP = re.compile(r"(\{[^{}]*\}|%\w|<[^<>]*>|&[a-zA-Z]+;|&&|&.)")
_PAD = "·~"
LONGER = 0.4
WORD = 6
"""The padding comes in words this long: it stands for more words, and a label wraps it as it
would wrap a longer sentence (one long run of padding would be a word no language has)."""


def pseudo_text(text: str) -> str:
    if not text.strip():
        return text
    parts = _KEEP.split(text)
    out = [part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts)]
    pad = max(1, round(len(text) * LONGER))
    run = (_PAD * pad)[:pad]
    padding = " ".join(run[i:i + WORD] for i in range(0, len(run), WORD))
    core = "".join(out)
    # Padding before a trailing newline or colon keeps line structure and "Label:" shapes.
    stripped = core.rstrip("\n :")
    return f"[{stripped}{padding}]{core[len(stripped):]}"
