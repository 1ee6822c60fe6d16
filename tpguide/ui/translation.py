"""Qt's ``tr()`` reads the same gettext catalogues as the core, and Qt's own dialogs speak too.

One ``QTranslator`` answers every ``tr()`` and ``QCoreApplication.translate()`` from the
active catalogue (tpguide/core/i18n), so a window, the command line and the safety texts
never disagree on a word. Qt's shipped ``qtbase_<lang>.qm`` translates its standard dialogs
and buttons (file dialogs, "Cancel" on a QDialogButtonBox).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tpguide.core.i18n import active_language, system_language, use_language
from tpguide.core.i18n.catalog import lookup
from tpguide.core.i18n.language import ENGLISH, PSEUDO


class CatalogTranslator(QTranslator):
    """Answers Qt's lookups from the gettext catalogue; the Qt context is not a msgctxt."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        # None reaches Qt as a null QString, which means "not mine, ask the next translator
        # or show the source"; an empty string would blank the text instead.
        return lookup(disambiguation or None, source_text, n)

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> None:
    """Install the translators for the active language (children of ``app``: they live as
    long as it does)."""
    language = active_language()
    QLocale.setDefault(QLocale(language) if language not in (ENGLISH, PSEUDO)
                       else QLocale.system())  # dates and numbers as the language writes them
    if language == ENGLISH:
        return
    if language != PSEUDO:
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", folder):
            app.installTranslator(qt)
    app.installTranslator(CatalogTranslator(app))


def apply_language(app: QCoreApplication, chosen: str) -> None:
    """Speak the language chosen in Settings (or the system's) in this app from now on.

    Called before the first window is built; the translators live as long as the app.
    """
    wanted = chosen or system_language()
    if wanted != active_language():
        use_language(wanted)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    install(app)
