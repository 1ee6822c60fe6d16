"""The MPRIS media player ``org.mpris.MediaPlayer2.tpguide`` for the open session window.

Headset buttons, the desktop's media keys and the lock screen's media widget talk to the
players on the session bus; this one turns their Play, Pause, Next, Previous and Stop into
the session's own actions (``session_link.act``) and reports the session back: status,
the point being worked on, the length, what can be done now. Every change is announced
with PropertiesChanged (Position excepted, as the specification says).

It is a ``QDBusVirtualObject`` answering the messages itself, so every value goes out
with the type the specification gives (see ``dbus_types``).
"""

from __future__ import annotations

import contextlib
import logging
import os

from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusVariant,
    QDBusVirtualObject,
)

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.handsfree.dbus_types import Int64Maker, strings, vardict, variant
from tpguide.ui.handsfree.player_state import ROOT_PROPERTIES, Metadata, player_properties
from tpguide.ui.handsfree.session_link import SessionLike, act, bring_forward

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.tpguide"
PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
NOT_SIGNALLED = ("Position",)
_METHODS = {"Next": "next", "Previous": "previous", "Pause": "pause", "PlayPause": "play_pause",
            "Stop": "stop", "Play": "play"}
_ERROR = "org.freedesktop.DBus.Error."
_owner: list[MprisPlayer] = []
"""The player that holds the path now (a late ``close`` of an older one leaves it alone)."""

INTROSPECTION = """\
<interface name="org.mpris.MediaPlayer2">
  <method name="Raise"/>
  <method name="Quit"/>
  <property name="CanQuit" type="b" access="read"/>
  <property name="CanRaise" type="b" access="read"/>
  <property name="HasTrackList" type="b" access="read"/>
  <property name="Identity" type="s" access="read"/>
  <property name="DesktopEntry" type="s" access="read"/>
  <property name="SupportedUriSchemes" type="as" access="read"/>
  <property name="SupportedMimeTypes" type="as" access="read"/>
</interface>
<interface name="org.mpris.MediaPlayer2.Player">
  <method name="Next"/>
  <method name="Previous"/>
  <method name="Pause"/>
  <method name="PlayPause"/>
  <method name="Stop"/>
  <method name="Play"/>
  <method name="Seek"><arg name="Offset" type="x" direction="in"/></method>
  <method name="SetPosition">
    <arg name="TrackId" type="o" direction="in"/>
    <arg name="Position" type="x" direction="in"/>
  </method>
  <method name="OpenUri"><arg name="Uri" type="s" direction="in"/></method>
  <signal name="Seeked"><arg name="Position" type="x"/></signal>
  <property name="PlaybackStatus" type="s" access="read"/>
  <property name="Rate" type="d" access="readwrite"/>
  <property name="Metadata" type="a{sv}" access="read"/>
  <property name="Volume" type="d" access="readwrite"/>
  <property name="Position" type="x" access="read"/>
  <property name="MinimumRate" type="d" access="read"/>
  <property name="MaximumRate" type="d" access="read"/>
  <property name="CanGoNext" type="b" access="read"/>
  <property name="CanGoPrevious" type="b" access="read"/>
  <property name="CanPlay" type="b" access="read"/>
  <property name="CanPause" type="b" access="read"/>
  <property name="CanSeek" type="b" access="read"/>
  <property name="CanControl" type="b" access="read"/>
</interface>
"""


class MprisPlayer(QDBusVirtualObject):
    """Publishes one session on ``bus`` until ``close``; ``atlas`` names the points."""

    def __init__(self, session: SessionLike, bus: QDBusConnection, *,
                 atlas: Atlas | None = None) -> None:
        super().__init__()
        self.session = session
        self._bus = bus
        self._atlas = atlas or default_atlas()
        self._int64 = Int64Maker(bus)
        self._sent: dict[str, object] = {}
        self.name: str | None = None
        self._published = False

    # ----- publishing ------------------------------------------------------------------------
    def publish(self) -> bool:
        """Register the object and the bus name (another player's name taken: a unique one)."""
        bus = self._bus
        for older in list(_owner):
            older.close()  # a window from before that did not say goodbye: this one takes over
        if bus.objectRegisteredAt(PATH) is not None:
            bus.unregisterObject(PATH)
        if not bus.registerVirtualObject(PATH, self):
            log.info("cannot publish the media player: %s", bus.lastError().message())
            return False
        self._published = True
        _owner[:] = [self]
        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            if bus.registerService(name):
                self.name = name
                break
        self._sent = self._signalled()
        c = self.session.controller
        c.snapshotChanged.connect(self.announce)
        c.stateChanged.connect(self.announce)
        self.session.muteToggled.connect(self.announce)
        return self.name is not None

    def close(self) -> None:
        """Take the player off the bus (the session window closed)."""
        if not self._published:
            return
        self._published = False
        c = self.session.controller
        for signal in (c.snapshotChanged, c.stateChanged, self.session.muteToggled):
            with contextlib.suppress(RuntimeError, TypeError):  # the window is already gone
                signal.disconnect(self.announce)
        if self.name is not None:
            self._bus.unregisterService(self.name)
            self.name = None
        if _owner == [self]:
            _owner.clear()
            self._bus.unregisterObject(PATH)
        self._int64.close()

    # ----- properties ------------------------------------------------------------------------
    def properties(self, interface: str) -> dict[str, object]:
        if interface == ROOT:
            return dict(ROOT_PROPERTIES)
        if interface == PLAYER:
            s = self.session
            return player_properties(s.controller.snapshot(), s.routine.title, self._atlas,
                                     muted=s.muted, speed=s.controller.speed)
        return {}

    def _signalled(self) -> dict[str, object]:
        values = self.properties(PLAYER)
        return {k: v for k, v in values.items() if k not in NOT_SIGNALLED}

    def announce(self, *_: object) -> None:
        """PropertiesChanged with what differs from the last announcement."""
        if not self._published:
            return
        now = self._signalled()
        changed = {k: v for k, v in now.items() if self._sent.get(k) != v}
        self._sent = now
        if not changed:
            return
        signal = QDBusMessage.createSignal(PATH, PROPERTIES, "PropertiesChanged")
        signal.setArguments([PLAYER, self._typed_map(changed), strings([])])
        self._bus.send(signal)

    def _typed(self, name: str, value: object) -> QDBusVariant:
        if isinstance(value, Metadata):
            return variant(vardict({
                "mpris:trackid": variant(QDBusObjectPath(value.track)),
                "mpris:length": self._int64(value.length_us),
                "xesam:title": variant(value.title),
                "xesam:album": variant(value.album),
                "xesam:artist": variant(strings(["tpguide"])),
            }))
        if isinstance(value, list):
            return variant(strings([str(item) for item in value]))
        if isinstance(value, int) and not isinstance(value, bool):
            return self._int64(value)
        return variant(value)

    def _typed_map(self, values: dict[str, object]) -> object:
        return vardict({name: self._typed(name, value) for name, value in values.items()})

    # ----- messages --------------------------------------------------------------------------
    def introspect(self, path: str) -> str:
        return INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        interface, member = message.interface(), message.member()
        if interface in ("org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer"):
            return False  # QtDBus answers these (with ``introspect`` above)
        try:
            reply = self._answer(interface, member, message)
        except Exception:  # a bug must not take the session down with it
            log.exception("media player message %s.%s", interface, member)
            reply = message.createErrorReply(_ERROR + "Failed", "internal error")
        connection.send(reply)
        return True

    def _answer(self, interface: str, member: str, message: QDBusMessage) -> QDBusMessage:
        args = message.arguments()
        signature = message.signature()
        if interface == PROPERTIES:
            return self._property_call(member, signature, args, message)
        if interface == PLAYER and member in _METHODS and signature == "":
            act(self.session, _METHODS[member])
            return message.createReply()
        if interface == PLAYER and (member, signature) in (("Seek", "x"), ("SetPosition", "ox")):
            return message.createReply()  # CanSeek is false: nothing to do
        if interface == PLAYER and member == "OpenUri":
            return message.createErrorReply(_ERROR + "NotSupported", "tpguide opens no URIs")
        if interface == ROOT and member == "Raise" and signature == "":
            bring_forward(self.session)
            return message.createReply()
        if interface == ROOT and member == "Quit" and signature == "":
            return message.createReply()  # CanQuit is false
        return message.createErrorReply(_ERROR + "UnknownMethod",
                                        f"no method {member}({signature}) in {interface}")

    def _property_call(self, member: str, signature: str, args: list[object],
                       message: QDBusMessage) -> QDBusMessage:
        if member == "GetAll" and signature == "s":
            reply = message.createReply()
            reply.setArguments([self._typed_map(self.properties(str(args[0])))])
            return reply
        if member == "Get" and signature == "ss":
            values = self.properties(str(args[0]))
            if str(args[1]) not in values:
                return message.createErrorReply(_ERROR + "UnknownProperty", str(args[1]))
            reply = message.createReply()
            reply.setArguments([self._typed(str(args[1]), values[str(args[1])])])
            return reply
        if member == "Set" and signature == "ssv":
            return self._set(str(args[0]), str(args[1]), args[2], message)
        return message.createErrorReply(_ERROR + "UnknownMethod", f"no {member}({signature})")

    def _set(self, interface: str, name: str, value: object,
             message: QDBusMessage) -> QDBusMessage:
        number = value.variant() if isinstance(value, QDBusVariant) else value
        if interface == PLAYER and name in ("Volume", "Rate") and isinstance(number, int | float):
            if name == "Volume" and (number <= 0) != self.session.muted:
                self.session.toggle_mute()  # the session has sound on or off, not a level
            elif name == "Rate" and number <= 0:
                act(self.session, "pause")  # the specification's meaning of rate 0
            self.announce()
            return message.createReply()
        return message.createErrorReply(_ERROR + "PropertyReadOnly", f"{name} cannot be set")
