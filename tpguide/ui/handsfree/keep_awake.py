"""Keep the screen on and the computer awake while a session runs (paused included).

Two requests, each where it is available: the desktop's ``org.freedesktop.ScreenSaver``
(no blanking, no lock; GNOME and KDE both offer it) and logind's ``idle:sleep``
inhibitor on the system bus (no idle suspend), which is held as a file descriptor. Both
end with ``release``, and the bus ends them if the app dies. Without a bus or service the
session carries on; it is logged once.
"""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCallWatcher,
    QDBusUnixFileDescriptor,
)

from tpguide.ui.handsfree.dbus_types import log_once, session_bus, system_bus, typed_call

SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
               "org.freedesktop.ScreenSaver")
LOGIN = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
WHO = "tpguide"


class KeepAwake(QObject):
    """Holds both inhibitors between ``hold`` and ``release``; safe to call either twice.

    Signals:
        changed(): a request was granted or let go (tests wait for it).
    """

    changed = Signal()

    def __init__(self, reason: str, *, session: QDBusConnection | None = None,
                 system: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        self._session = session
        self._system = system
        self.wanted = False
        self.cookie: int | None = None
        self.sleep_fd: int | None = None
        self._watchers: list[QDBusPendingCallWatcher] = []

    @property
    def held(self) -> bool:
        return self.cookie is not None or self.sleep_fd is not None

    def hold(self) -> None:
        if self.wanted:
            return
        self.wanted = True
        bus = self._session or session_bus()
        if bus is not None:
            self._ask(bus, SCREENSAVER, "Inhibit", [WHO, self.reason], self._screensaver)
        system = self._system or system_bus()
        if system is not None:
            self._ask(system, LOGIN, "Inhibit", ["idle:sleep", WHO, self.reason, "block"],
                      self._login)

    def release(self) -> None:
        self.wanted = False
        cookie, self.cookie = self.cookie, None
        bus = self._session or session_bus()
        if cookie is not None and bus is not None:
            done, _ = typed_call(bus, *SCREENSAVER, "UnInhibit", [("uint", cookie)])
            if not done:
                log_once("uninhibit", "the screensaver did not take back its inhibition; it "
                         "ends when tpguide quits")
        fd, self.sleep_fd = self.sleep_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)  # logind lets go when its descriptor closes
        if cookie is not None or fd is not None:
            self.changed.emit()

    # ----- replies ---------------------------------------------------------------------------
    def _ask(self, bus: QDBusConnection, where: tuple[str, str, str], method: str,
             arguments: list[object], then: object) -> None:
        """An asynchronous call (strings only): the session starts without waiting."""
        message = QDBusMessage.createMethodCall(*where, method)
        message.setArguments(arguments)
        watcher = QDBusPendingCallWatcher(bus.asyncCall(message), self)
        self._watchers.append(watcher)

        def finished(w: QDBusPendingCallWatcher) -> None:
            reply = w.reply()
            self._watchers.remove(w)
            w.deleteLater()
            then(reply)  # type: ignore[operator]

        watcher.finished.connect(finished)

    def _screensaver(self, reply: QDBusMessage) -> None:
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log_once("screensaver", "no screensaver service to keep the screen on: "
                     f"{reply.errorMessage()}")
            return
        cookie = int(reply.arguments()[0])
        if not self.wanted:  # the session ended before the answer came
            self.cookie = cookie
            self.release()
            return
        self.cookie = cookie
        self.changed.emit()

    def _login(self, reply: QDBusMessage) -> None:
        found = reply.arguments()[0] if reply.arguments() else None
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not isinstance(
                found, QDBusUnixFileDescriptor) or not found.isValid():
            log_once("logind", "no logind inhibitor: the computer may still suspend when "
                     f"idle ({reply.errorMessage()})")
            return
        fd = os.dup(found.fileDescriptor())  # Qt's copies close with the reply
        if not self.wanted:
            os.close(fd)
            return
        self.sleep_fd = fd
        self.changed.emit()
