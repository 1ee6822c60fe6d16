"""Small fake desktop services for the tests, written with QtDBus; run as a script.

    python tests/dbus_fakes.py LOG screensaver notifications login1

Each service registers on the bus the environment names (the test run's private bus),
writes one JSON line per call to LOG, and prints ``ready`` once all are registered.
Commands on stdin: ``action ID KEY`` (ActionInvoked), ``closed ID REASON``
(NotificationClosed). End of stdin ends the process. Typed like the real services: a
screensaver cookie is a ``u``, Notify's answer a ``u``, logind's inhibitor a file
descriptor whose closing is logged as ``Released``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from PySide6.QtCore import (
    ClassInfo,
    QCoreApplication,
    QObject,
    QSocketNotifier,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusUnixFileDescriptor

LOG: Any = None


def record(service: str, member: str, *args: object) -> None:
    LOG.write(json.dumps({"service": service, "member": member,
                          "args": [a if isinstance(a, str | int | float | bool | list | dict)
                                   else str(a) for a in args]}) + "\n")
    LOG.flush()


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QDBusAbstractAdaptor):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.next_cookie = 4_000_000_001  # beyond a signed 32-bit int, as cookies can be

    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:
        cookie = self.next_cookie
        self.next_cookie += 1
        record("screensaver", "Inhibit", application, reason, cookie)
        return cookie

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        record("screensaver", "UnInhibit", cookie)


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QDBusAbstractAdaptor):
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setAutoRelaySignals(True)
        self.count = 0

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app: str, replaces: int, icon: str, summary: str, body: str,
               actions: list[str], hints: dict[str, object], timeout: int) -> int:
        self.count += 1
        record("notifications", "Notify", app, replaces, icon, summary, body, list(actions),
               {k: str(v) for k, v in hints.items()}, timeout, self.count)
        return self.count

    @Slot("uint")
    def CloseNotification(self, notification: int) -> None:
        record("notifications", "CloseNotification", notification)
        self.NotificationClosed.emit(notification, 3)

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body"]


@ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Manager"})
class Login(QDBusAbstractAdaptor):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.watching: list[QSocketNotifier] = []

    @Slot(str, str, str, str, result=QDBusUnixFileDescriptor)
    def Inhibit(self, what: str, who: str, why: str, mode: str) -> QDBusUnixFileDescriptor:
        record("login1", "Inhibit", what, who, why, mode)
        read_end, write_end = os.pipe()
        notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read)

        def gone() -> None:
            if not os.read(read_end, 16):  # every copy of the write end is closed
                notifier.setEnabled(False)
                os.close(read_end)
                record("login1", "Released", what)

        notifier.activated.connect(gone)
        self.watching.append(notifier)
        descriptor = QDBusUnixFileDescriptor(write_end)  # Qt keeps its own copy
        os.close(write_end)
        return descriptor


SERVICES = {
    "screensaver": ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", ScreenSaver,
                    "session"),
    "notifications": ("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                      Notifications, "session"),
    "login1": ("org.freedesktop.login1", "/org/freedesktop/login1", Login, "system"),
}


def main(argv: list[str]) -> int:
    global LOG
    app = QCoreApplication(argv[:1])
    LOG = open(argv[1], "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    keep: list[QObject] = []
    notifications: Notifications | None = None
    for name in argv[2:]:
        service, path, kind, which = SERVICES[name]
        bus = QDBusConnection.sessionBus() if which == "session" else QDBusConnection.systemBus()
        holder = QObject()
        adaptor = kind(holder)
        if isinstance(adaptor, Notifications):
            notifications = adaptor
        assert bus.registerObject(path, holder, QDBusConnection.RegisterOption.ExportAdaptors)
        assert bus.registerService(service), bus.lastError().message()
        keep += [holder, adaptor]

    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    pending = bytearray()

    def commands() -> None:  # every whole line that has arrived (several may come at once)
        data = os.read(sys.stdin.fileno(), 4096)
        if not data:
            app.quit()
            return
        pending.extend(data)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            words = line.decode("utf-8").split()
            if notifications is not None and words[0] == "action":
                notifications.ActionInvoked.emit(int(words[1]), words[2])
            elif notifications is not None and words[0] == "closed":
                notifications.NotificationClosed.emit(int(words[1]), int(words[2]))

    stdin.activated.connect(commands)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
