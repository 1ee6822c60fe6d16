"""The active language's catalogues, read once, and the functions that look words up in them.

English needs no catalogue: the words in the code are English, so until ``use_language`` picks
another language every function returns its text without reading a file. The language is
chosen once per process, before the first window or command output (a change of the setting
applies after a restart, which the Settings page says).
"""

from __future__ import annotations

import os

from tpguide import resources
from tpguide.core.i18n.language import ENGLISH, PSEUDO
from tpguide.core.i18n.pseudo import pseudo_text

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs ~2 ms at start, and only the annotations use it
    from typing import Any

DOMAINS: tuple[str, ...] = ("ui", "core", "safety", "atlas", "routines")
"""One catalogue file per kind of text, so each can be translated and reviewed on its own."""
ATLAS_CONTEXT = "atlas"
"""The msgctxt of the atlas's texts (names, spoken names, how to find, technique, cautions)."""
ROUTINE_CONTEXT = "routine"
"""The msgctxt of the built-in routines' texts (title, summary, ..., each step's say)."""
TAG_CONTEXT = "tag"
"""The msgctxt of the built-in routines' tags, as the library shows them."""


class _State:
    """The process's language, its catalogue chain, and how often that was loaded."""

    language: str = ENGLISH
    catalog: Any = None
    generation: int = 0


class _Pseudo:
    """Every string made longer and accented, placeholders and accelerators kept."""

    def gettext(self, message: str) -> str:
        return pseudo_text(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_text(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2)


def catalogue_file(language: str, domain: str) -> str:
    return resources.location(f"locale/{language}/{domain}.mo")


def _load(language: str) -> Any:
    """The catalogue chain for ``language`` (gettext is imported only when one is needed)."""
    if language == ENGLISH:
        return None
    if language == PSEUDO:
        return _Pseudo()
    import gettext

    chain: gettext.NullTranslations | None = None
    for domain in DOMAINS:
        path = catalogue_file(language, domain)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            part = gettext.GNUTranslations(handle)
        if chain is None:
            chain = part
        else:
            chain.add_fallback(part)
    return chain


def use_language(language: str) -> None:
    """Speak ``language`` from now on (a code from ``LANGUAGES``, or the pseudo-language)."""
    _State.language = language
    _State.catalog = _load(language)
    _State.generation += 1


def catalogue_generation() -> int:
    """Changes whenever the catalogue is loaded again: what a cache of translated data keys on."""
    return _State.generation


def active_language() -> str:
    return _State.language


def _catalog() -> Any:
    return _State.catalog


def _(message: str) -> str:
    """``message`` in the active language (English when it has no translation)."""
    catalog = _catalog()
    return message if catalog is None else catalog.gettext(message)


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it (it is translated where shown)."""
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` as translated in ``context``: one English word may need two translations."""
    catalog = _catalog()
    return message if catalog is None else str(catalog.pgettext(context, message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the active language (Spanish, like English, has two)."""
    catalog = _catalog()
    if catalog is None:
        return singular if n == 1 else plural
    return str(catalog.ngettext(singular, plural, n))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    catalog = _catalog()
    if catalog is None:
        return singular if n == 1 else plural
    return str(catalog.npgettext(context, singular, plural, n))


def lookup(context: str | None, message: str, n: int = -1) -> str | None:
    """The translation of ``message``, or None when the catalogue has none (for Qt's tr()).

    A context with no entry of its own falls back to the same words without a context, so the
    windows' Qt contexts (class names) need no entries unless the words must differ there.
    """
    catalog = _catalog()
    if catalog is None:
        return None
    if isinstance(catalog, _Pseudo):
        return pseudo_text(message)
    for ctx in ((context, None) if context else (None,)):
        if n >= 0:
            found = (catalog.npgettext(ctx, message, message, n) if ctx
                     else catalog.ngettext(message, message, n))
        else:
            found = catalog.pgettext(ctx, message) if ctx else catalog.gettext(message)
        if found != message or _has(catalog, ctx, message):
            return str(found)
    return None


def _has(catalog: Any, context: str | None, message: str) -> bool:
    """Whether an entry exists (its translation may equal the English, e.g. "OK")."""
    key = f"{context}\x04{message}" if context else message
    node = catalog
    while node is not None:
        table = getattr(node, "_catalog", {})
        if key in table or (key, 0) in table:
            return True
        node = getattr(node, "_fallback", None)
    return False
