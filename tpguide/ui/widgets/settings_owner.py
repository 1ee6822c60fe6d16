"""The one owner of the user's preferences while the app runs.

Every change (a check box on the Settings page, M in a session, the safety
acknowledgement, "Stop asking me about pain") goes through :meth:`SettingsOwner.update`,
so every view hears of it through ``changed`` and none shows a stale value. Only this
module writes the settings file; a test holds that line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from tpguide.core.settings import AppSettings, SettingsError, SettingsStore


class SettingsOwner(QObject):
    """Holds the current settings, saves each change at once and tells every listener.

    Each change re-reads the file first, so a value another process saved meanwhile is kept.

    Signals:
        changed(object): the new ``AppSettings`` after a successful save.
        failed(str): a save failed; the message is for the person.
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, store: SettingsStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else SettingsStore()
        self._settings = self.store.load()

    def settings(self) -> AppSettings:
        return self._settings

    def update(self, **changes: Any) -> bool:
        """Save these changes now; False (and ``failed``) when the disk refused.

        A refused change is not kept, so every view goes back to what is really saved.
        """
        new = replace(self.store.load(), **changes)
        try:
            self.store.save(new)
        except SettingsError as exc:
            self.failed.emit(str(exc))
            return False
        self._settings = new
        self.changed.emit(new)
        return True
