"""Which language to speak: the setting if one is chosen, else the system's, else English."""

from __future__ import annotations

import os
from collections.abc import Mapping

ENGLISH = "en"
PSEUDO = "qps"
"""A made-up language for testing layouts: every string ~40 % longer, with accents."""

LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages with a complete catalogue and voice, in the order the Settings page lists them."""

_NAMES = {"en": "English", "es": "Español", PSEUDO: "Pseudo (test)"}
# gettext's order after LANGUAGE (a colon list of preferences, read first): the first set wins.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_name(code: str) -> str:
    """A language's name in itself: someone who cannot read the current one finds theirs."""
    return _NAMES.get(code, code)


def normalise(value: str) -> str | None:
    """``es_ES.UTF-8`` -> ``es``; None for a language tpguide does not have."""
    code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if code in (PSEUDO, "qps_ploc"):
        return PSEUDO
    base = code.split("_", 1)[0]
    return base if base in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, if tpguide has it; else English.

    LANGUAGE (a colon list of preferences) comes first, then the first of LC_ALL,
    LC_MESSAGES and LANG that is set, as gettext reads them. Unlike glibc, LANGUAGE counts
    even when the locale is ``C`` (``LANGUAGE=es tpguide points`` in a bare shell speaks
    Spanish), and a LANGUAGE list naming nothing tpguide has falls through to the locale.
    """
    env = os.environ if environ is None else environ
    for part in env.get("LANGUAGE", "").split(":"):
        if part and (code := normalise(part)) is not None:
            return code
    locale = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    return normalise(locale) or ENGLISH if locale else ENGLISH
