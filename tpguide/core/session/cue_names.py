"""What a cue is called: a tone kind, or ``voice:<prompt>`` for a pre-rendered voice prompt.

Kept apart from ``cues`` (which chooses the cues of each phase and holds the players) so
that small modules can check a cue's name without the rest; ``cues`` offers the same names,
and the names of the counted and ``say:`` prompts.
"""

from __future__ import annotations

import re

from tpguide.core.session.planner import PHASE_KINDS

TONE_KINDS: tuple[str, ...] = (*PHASE_KINDS, "tick")
VOICE_PREFIX = "voice:"
MAX_COUNT = 20
_PROMPT = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def voice(prompt: str) -> str:
    """The cue name of a voice prompt: ``voice('press') == 'voice:press'``."""
    return check_cue(VOICE_PREFIX + prompt)


def is_voice(cue: str) -> bool:
    return cue.startswith(VOICE_PREFIX)


def prompt_of(cue: str) -> str:
    """The prompt name (the WAV's stem) of a voice cue."""
    if not is_voice(cue):
        raise ValueError(f"not a voice cue: {cue!r}")
    return cue[len(VOICE_PREFIX):]


def check_cue(cue: str) -> str:
    """Return ``cue`` if it is a well-formed cue name, else raise ValueError."""
    if cue in TONE_KINDS:
        return cue
    if is_voice(cue) and _PROMPT.match(cue[len(VOICE_PREFIX):]):
        return cue
    raise ValueError(f"not a cue name: {cue!r}")


def say_prompt(text: str) -> str:
    """Prompt name of a pre-rendered ``say:`` line: a digest of its words, so it stays the
    same while the text does (re-wrapping the text in the file does not change it)."""
    from hashlib import sha256  # here: only a routine with say: lines needs it (OpenSSL)

    words = " ".join(text.split())
    return "say-" + sha256(words.encode("utf-8")).hexdigest()[:12]


def count_prompt(n: int) -> str | None:
    """Prompt name speaking the number ``n`` ("one" .. "twenty"); None outside that range."""
    return f"count-{n}" if 1 <= n <= MAX_COUNT else None
