"""One translation system for every word a person reads, in the core and in the windows.

gettext catalogues (``assets/locale/<lang>/<domain>.po``, compiled to ``.mo`` beside them) are
the one format: translators and tools such as Weblate read them, they carry contexts and
plural forms, and Python reads them without Qt, so the core, the command line and the windows
share the same words. The windows keep Qt's ``tr()``: an installed ``QTranslator`` looks the
same catalogue up (``tpguide/ui/translation.py``).
"""

from tpguide.core.i18n.catalog import (
    ATLAS_CONTEXT,
    N_,
    ROUTINE_CONTEXT,
    TAG_CONTEXT,
    _,
    active_language,
    ngettext,
    npgettext,
    pgettext,
    use_language,
)
from tpguide.core.i18n.language import LANGUAGES, PSEUDO, language_name, system_language

__all__ = [
    "ATLAS_CONTEXT",
    "LANGUAGES",
    "ROUTINE_CONTEXT",
    "TAG_CONTEXT",
    "PSEUDO",
    "N_",
    "_",
    "active_language",
    "language_name",
    "ngettext",
    "npgettext",
    "pgettext",
    "system_language",
    "use_language",
]
