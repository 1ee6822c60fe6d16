"""Sending D-Bus values with the exact types other programs expect, from Python.

PySide6 turns a Python int into a D-Bus ``i`` (or ``x`` when it is large) and an empty
list into ``av``; MPRIS wants ``x`` positions and lengths and ``as`` lists, and methods
such as ``UnInhibit(u)`` are refused with the wrong integer type. Three ways around it,
each checked against ``gdbus`` in the tests:

- maps and string lists are built as ``QDBusArgument`` values with their signature;
- a 64-bit integer is read back through QtDBus's own property machinery from a tiny
  object on the same connection (a ``qlonglong`` property), which hands it over as a
  ``QDBusVariant`` that keeps its type;
- a call with ``u`` arguments goes through ``QDBusInterface``, which types the
  arguments from the service's introspection (a blocking call, with a short timeout).

A wrongly built message makes libdbus abort the process, so nothing else builds them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    ClassInfo,
    Property,
    QMetaObject,
    QMetaType,
    QObject,
    Qt,
)
from PySide6.QtDBus import (
    QDBus,
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
    QDBusVariant,
)

log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 2000
_INT64_PATH = "/org/tpguide/TPGuide/Int64"
_INT64_INTERFACE = "org.tpguide.TPGuide.Int64"
_told: set[str] = set()


def log_once(key: str, message: str) -> None:
    """No session bus, no screensaver service...: said once per process, then quiet."""
    if key not in _told:
        _told.add(key)
        log.info("%s", message)


def session_bus() -> QDBusConnection | None:
    bus = QDBusConnection.sessionBus()
    if bus.isConnected():
        return bus
    log_once("session-bus", "no D-Bus session bus: media keys from other programs, keeping "
             "the screen awake and notifications are not available")
    return None


def system_bus() -> QDBusConnection | None:
    bus = QDBusConnection.systemBus()
    if bus.isConnected():
        return bus
    log_once("system-bus", "no D-Bus system bus: the computer may still suspend when idle")
    return None


def strings(items: list[str]) -> QDBusArgument:
    """A D-Bus ``as``, also when empty (a Python [] would become ``av``)."""
    argument = QDBusArgument()
    argument.beginArray(QMetaType(QMetaType.Type.QString))
    for item in items:
        argument.appendVariant(str(item))
    argument.endArray()
    return argument


def vardict(entries: dict[str, QDBusVariant]) -> QDBusArgument:
    """A D-Bus ``a{sv}`` whose values keep the types they were given."""
    argument = QDBusArgument()
    argument.beginMap(QMetaType(QMetaType.Type.QString), QMetaType.fromName(b"QDBusVariant"))
    for key, value in entries.items():
        argument.beginMapEntry()
        argument.appendVariant(str(key))
        argument << value
        argument.endMapEntry()
    argument.endMap()
    return argument


def variant(value: object) -> QDBusVariant:
    """A ``v`` holding a str, bool, float, object path, or a built ``QDBusArgument``."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise TypeError("integers go through Int64Maker (their D-Bus type matters)")
    return QDBusVariant(value)


_INTERFACE_INFO = {"D-Bus Interface": _INT64_INTERFACE}


@ClassInfo(_INTERFACE_INFO)  # type: ignore[call-arg, operator]
class _Int64Adaptor(QDBusAbstractAdaptor):  # type: ignore[operator]  # ClassInfo stub
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.value = 0

    def _read(self) -> int:
        return self.value

    Value = Property("qlonglong", _read)  # type: ignore[arg-type]  # a C++ type name


_int64_owner: list[Int64Maker] = []


class Int64Maker:
    """Makes ``QDBusVariant`` values of D-Bus type ``x`` on one connection."""

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._holder = QObject()
        self._adaptor = _Int64Adaptor(self._holder)
        self._registered = bus.registerObject(
            _INT64_PATH, self._holder, QDBusConnection.RegisterOption.ExportAdaptors)
        if not self._registered and bus.objectRegisteredAt(_INT64_PATH) is not None:
            bus.unregisterObject(_INT64_PATH)  # a maker from an earlier session: take over
            self._registered = bus.registerObject(
                _INT64_PATH, self._holder, QDBusConnection.RegisterOption.ExportAdaptors)
        if self._registered:
            _int64_owner[:] = [self]

    def __call__(self, value: int) -> QDBusVariant:
        """``value`` as an ``x`` in a variant (local call: it never leaves this process)."""
        self._adaptor.value = int(value)
        message = QDBusMessage.createMethodCall(self._bus.baseService(), _INT64_PATH,
                                                "org.freedesktop.DBus.Properties", "Get")
        message.setArguments([_INT64_INTERFACE, "Value"])
        reply = self._bus.call(message, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
        found = reply.arguments()[0] if reply.arguments() else None
        if not isinstance(found, QDBusVariant):
            raise RuntimeError(f"cannot make a 64-bit D-Bus value: {reply.errorMessage()}")
        return found

    def close(self) -> None:
        if self._registered and _int64_owner == [self]:
            _int64_owner.clear()
            self._bus.unregisterObject(_INT64_PATH)
        self._registered = False


def typed_call(bus: QDBusConnection, service: str, path: str, interface: str, method: str,
               arguments: list[tuple[str | type, object]], result: str | None = None,
               timeout_ms: int = CALL_TIMEOUT_MS) -> tuple[bool, object]:
    """Call ``method`` with arguments typed by name (``("uint", 7)``); blocks up to the timeout.

    Returns (done, the result or None). False when the service is missing or answered
    with an error.
    """
    remote = QDBusInterface(service, path, interface, bus)
    if not remote.isValid():
        return False, None
    remote.setTimeout(timeout_ms)
    typed = [Q_ARG(kind, value) for kind, value in arguments]
    connection = Qt.ConnectionType.DirectConnection
    if result is None:
        done = QMetaObject.invokeMethod(remote, method, connection, *typed)
        value = None
    else:
        value = QMetaObject.invokeMethod(remote, method, connection, Q_RETURN_ARG(result), *typed)
        done = True
    error = remote.lastError()
    return bool(done) and not error.isValid(), value
