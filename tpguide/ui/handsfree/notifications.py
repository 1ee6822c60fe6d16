"""Desktop notifications with buttons (``org.freedesktop.Notifications``), QtDBus only.

The desktop shows them its own way and keeps them quiet under Do Not Disturb; a click on
a button comes back as ``actionInvoked``, a dismissal as ``closed``. Only answers to this
object's own notifications are passed on.
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from tpguide.ui.handsfree.dbus_types import log_once, session_bus, typed_call

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_ID = "org.tpguide.TPGuide"


class Notifications(QObject):
    """Shows notifications; ``available`` is False without a bus.

    Signals:
        actionInvoked(int, str): a button of one of ours was pressed (id, action key).
        closed(int, int): one of ours went away (id, reason: 1 expired, 2 dismissed,
            3 closed by us, 4 other).
    """

    actionInvoked = Signal(int, str)
    closed = Signal(int, int)

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else session_bus()
        self.ids: set[int] = set()
        if self._bus is not None:
            for member in ("ActionInvoked", "NotificationClosed"):
                self._bus.connect(SERVICE, PATH, INTERFACE, member, self,  # type: ignore[call-overload]
                                  SLOT("_on_signal(QDBusMessage)"))  # the stub wants bytes

    @property
    def available(self) -> bool:
        return self._bus is not None

    def notify(self, summary: str, body: str, actions: list[tuple[str, str]], *,
               replaces: int = 0) -> int | None:
        """Show a notification with buttons ``(key, label)``; its id, or None if none shows."""
        if self._bus is None:
            return None
        flat = [text for pair in actions for text in pair]
        done, found = typed_call(self._bus, SERVICE, PATH, INTERFACE, "Notify", [
            (str, "tpguide"), ("uint", replaces), (str, APP_ID), (str, summary), (str, body),
            ("QStringList", flat), ("QVariantMap", {"desktop-entry": APP_ID}), (int, -1),
        ], result="uint")
        if not done or not isinstance(found, int) or found == 0:
            log_once("notify", "no desktop notification service answered")
            return None
        self.ids.add(found)
        return found

    def close(self, notification: int) -> None:
        if self._bus is not None and notification in self.ids:
            typed_call(self._bus, SERVICE, PATH, INTERFACE, "CloseNotification",
                       [("uint", notification)])

    @Slot(QDBusMessage)
    def _on_signal(self, message: QDBusMessage) -> None:
        args = message.arguments()
        if len(args) != 2 or not isinstance(args[0], int) or args[0] not in self.ids:
            return
        if message.member() == "ActionInvoked" and isinstance(args[1], str):
            self.actionInvoked.emit(args[0], args[1])
        elif message.member() == "NotificationClosed" and isinstance(args[1], int):
            self.ids.discard(args[0])
            self.closed.emit(args[0], args[1])
