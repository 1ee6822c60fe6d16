"""The MPRIS player on the (private) session bus: every method and property, as gdbus sees it.

A headset button or the lock screen's media widget is just another D-Bus client; gdbus
is one too, and prints each value with its D-Bus type, so the types the specification
asks for (``x`` for lengths and positions, ``as`` lists, an object path track id) are
checked as well as the values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests import dbus_helpers as bus
from tests import session_helpers as sh
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui.handsfree.hands_free import HandsFree
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.settings_owner import SettingsOwner

PLAYER = "org.mpris.MediaPlayer2.Player"
ROOT = "org.mpris.MediaPlayer2"


@dataclass
class Session:
    window: SessionWindow
    clock: sh.FakeClock
    player: RecordingCuePlayer
    hands_free: HandsFree


@pytest.fixture
def session(qtbot: QtBot) -> Iterator[Session]:
    bus.require_bus()
    clock = sh.FakeClock()
    player = RecordingCuePlayer(clock)
    launcher = SessionLauncher(SettingsOwner(sh.store()))
    hands_free = HandsFree(launcher, parent=launcher)
    window = launcher.open(sh.routine(), cue_player=player, clock=clock)
    assert window is not None
    qtbot.addWidget(window)
    yield Session(window, clock, player, hands_free)
    window.close()
    launcher.deleteLater()


def status(qtbot: QtBot) -> str:
    return bus.mpris_get(qtbot, "PlaybackStatus")


def test_the_player_is_on_the_bus_while_the_window_is_open(qtbot: QtBot,
                                                           session: Session) -> None:
    names = bus.gdbus(qtbot, "call", "--session", "--dest", "org.freedesktop.DBus",
                      "--object-path", "/org/freedesktop/DBus", "--method",
                      "org.freedesktop.DBus.ListNames")
    assert "'org.mpris.MediaPlayer2.tpguide'" in names
    session.window.close()
    names = bus.gdbus(qtbot, "call", "--session", "--dest", "org.freedesktop.DBus",
                      "--object-path", "/org/freedesktop/DBus", "--method",
                      "org.freedesktop.DBus.ListNames")
    assert "org.mpris.MediaPlayer2.tpguide" not in names


def test_root_interface_properties_and_introspection(qtbot: QtBot, session: Session) -> None:
    everything = bus.mpris_call(qtbot, "org.freedesktop.DBus.Properties.GetAll", ROOT)
    for expected in ("'CanQuit': <false>", "'CanRaise': <true>", "'HasTrackList': <false>",
                     "'Identity': <'tpguide'>", "'DesktopEntry': <'org.tpguide.TPGuide'>",
                     "'SupportedUriSchemes': <@as []>", "'SupportedMimeTypes': <@as []>"):
        assert expected in everything
    shape = bus.gdbus(qtbot, "introspect", "--session", "--dest",
                      "org.mpris.MediaPlayer2.tpguide", "--object-path", "/org/mpris/MediaPlayer2")
    for expected in ("interface org.mpris.MediaPlayer2 {",
                     "interface org.mpris.MediaPlayer2.Player {", "readonly x Position",
                     "readonly a{sv} Metadata", "PlayPause();",
                     "Seek(in  x Offset);", "readwrite d Volume"):
        assert expected in shape


def test_player_properties_before_the_start(qtbot: QtBot, session: Session) -> None:
    everything = bus.mpris_call(qtbot, "org.freedesktop.DBus.Properties.GetAll", PLAYER)
    for expected in ("'PlaybackStatus': <'Stopped'>", "'CanPlay': <true>", "'CanPause': <true>",
                     "'CanGoNext': <false>", "'CanGoPrevious': <false>", "'CanSeek': <false>",
                     "'CanControl': <true>", "'Rate': <1.0>", "'MinimumRate': <1.0>",
                     "'MaximumRate': <1.0>", "'Volume': <1.0>", "'Position': <int64 0>",
                     "'xesam:album': <'Quick test routine'>", "'xesam:artist': <['tpguide']>"):
        assert expected in everything, everything
    total = session.window.controller.engine.plan.total_seconds
    assert f"'mpris:length': <int64 {round(total * 1_000_000)}>" in everything
    assert "'mpris:trackid': <objectpath '/org/tpguide/TPGuide/track/" in everything
    assert "'xesam:title': <'Upper trapezius" in everything  # the first point, then its side


def test_play_pause_and_status_follow_the_session(qtbot: QtBot, session: Session) -> None:
    controller = session.window.controller
    bus.mpris_call(qtbot, f"{PLAYER}.PlayPause")
    assert controller.state == "running" and status(qtbot) == "(<'Playing'>,)"
    bus.mpris_call(qtbot, f"{PLAYER}.PlayPause")
    assert controller.state == "paused" and status(qtbot) == "(<'Paused'>,)"
    bus.mpris_call(qtbot, f"{PLAYER}.Play")
    assert controller.state == "running"
    bus.mpris_call(qtbot, f"{PLAYER}.Play")  # already playing: stays so
    assert controller.state == "running"
    bus.mpris_call(qtbot, f"{PLAYER}.Pause")
    assert controller.state == "paused"
    bus.mpris_call(qtbot, f"{PLAYER}.Pause")
    assert controller.state == "paused"


def test_play_starts_and_position_follows_the_clock(qtbot: QtBot, session: Session) -> None:
    bus.mpris_call(qtbot, f"{PLAYER}.Play")
    assert session.window.controller.state == "running"
    session.clock.advance(0.75)
    assert bus.mpris_get(qtbot, "Position") == "(<int64 750000>,)"
    assert bus.mpris_get(qtbot, "CanGoNext") == "(<true>,)"
    assert bus.mpris_get(qtbot, "CanGoPrevious") == "(<true>,)"


def test_next_skips_the_phase_and_previous_goes_back(qtbot: QtBot, session: Session) -> None:
    controller = session.window.controller
    bus.mpris_call(qtbot, f"{PLAYER}.Play")
    first = controller.snapshot().index
    bus.mpris_call(qtbot, f"{PLAYER}.Next")
    assert controller.snapshot().index == first + 1
    bus.mpris_call(qtbot, f"{PLAYER}.Previous")  # within 2 s of its start: the one before
    assert controller.snapshot().index == first


def test_stop_asks_on_screen_and_by_voice_and_a_second_stop_stops(qtbot: QtBot,
                                                                   session: Session) -> None:
    window = session.window
    question = window.findChild(QLabel, "stop_question")
    bus.mpris_call(qtbot, f"{PLAYER}.Play")
    bus.mpris_call(qtbot, f"{PLAYER}.Stop")
    assert question.isVisible() and window.controller.state == "running"
    assert session.player.cues[-1] == "voice:stop-question"
    bus.mpris_call(qtbot, f"{PLAYER}.Stop")
    assert window.controller.state == "stopped"
    assert status(qtbot) == "(<'Stopped'>,)"
    assert bus.mpris_get(qtbot, "CanGoNext") == "(<false>,)"


def test_raise_quit_seek_and_open_uri(qtbot: QtBot, session: Session) -> None:
    bus.mpris_call(qtbot, f"{ROOT}.Raise")
    bus.mpris_call(qtbot, f"{ROOT}.Quit")  # CanQuit is false: nothing happens
    assert session.window.isVisible()
    bus.mpris_call(qtbot, f"{PLAYER}.Play")
    bus.mpris_call(qtbot, f"{PLAYER}.Seek", "5000000")
    bus.mpris_call(qtbot, f"{PLAYER}.SetPosition", "/org/tpguide/TPGuide/track/x", "5000000")
    assert session.window.controller.snapshot().elapsed == 0.0  # CanSeek is false
    with pytest.raises(AssertionError, match="NotSupported"):
        bus.mpris_call(qtbot, f"{PLAYER}.OpenUri", "file:///tmp/x.mp3")


def test_volume_is_sound_on_or_off_and_other_properties_are_read_only(
        qtbot: QtBot, session: Session) -> None:
    window = session.window
    bus.mpris_call(qtbot, "org.freedesktop.DBus.Properties.Set", PLAYER, "Volume", "<0.0>")
    assert window.muted and bus.mpris_get(qtbot, "Volume") == "(<0.0>,)"
    bus.mpris_call(qtbot, "org.freedesktop.DBus.Properties.Set", PLAYER, "Volume", "<0.6>")
    assert not window.muted
    with pytest.raises(AssertionError, match="PropertyReadOnly"):
        bus.mpris_call(qtbot, "org.freedesktop.DBus.Properties.Set", PLAYER, "PlaybackStatus",
                       "<'Playing'>")
    with pytest.raises(AssertionError, match="UnknownProperty"):
        bus.mpris_get(qtbot, "Shuffle")


def test_every_change_is_announced_without_position(qtbot: QtBot, session: Session) -> None:
    monitor = QProcess()
    seen = bytearray()
    monitor.readyReadStandardOutput.connect(
        lambda: seen.extend(bytes(monitor.readAllStandardOutput().data())))
    monitor.start("gdbus", ["monitor", "--session", "--dest", "org.mpris.MediaPlayer2.tpguide"])
    qtbot.waitUntil(lambda: b"monitoring" in seen.lower() or len(seen) > 0, timeout=5000)

    def announced(text: str) -> bool:
        return text in seen.decode("utf-8")

    try:
        bus.mpris_call(qtbot, f"{PLAYER}.PlayPause")
        qtbot.waitUntil(lambda: announced("'PlaybackStatus': <'Playing'>"))
        for _ in range(3):  # prepare, press, release on the left; then the right side
            bus.mpris_call(qtbot, f"{PLAYER}.Next")
        qtbot.waitUntil(lambda: announced("your right side'>"))
        for _ in range(3):  # press, release on the right; then the rest: a new title
            bus.mpris_call(qtbot, f"{PLAYER}.Next")
        qtbot.waitUntil(lambda: announced("'xesam:title': <'Rest'>"))
        session.window.toggle_mute()
        qtbot.waitUntil(lambda: announced("'Volume': <0.0>"))
        bus.mpris_call(qtbot, f"{PLAYER}.PlayPause")
        qtbot.waitUntil(lambda: announced("'PlaybackStatus': <'Paused'>"))
        assert "'Position'" not in seen.decode("utf-8")
    finally:
        monitor.kill()
        monitor.waitForFinished(3000)


def test_a_late_goodbye_from_an_older_window_leaves_the_newer_player(
        qtbot: QtBot, session: Session) -> None:
    launcher = SessionLauncher(SettingsOwner(sh.store()))
    HandsFree(launcher, parent=launcher)
    newer = launcher.open(sh.routine(sh.QUICK.replace("Quick test routine", "Newer")),
                          cue_player=RecordingCuePlayer(), clock=sh.FakeClock())
    assert newer is not None
    qtbot.addWidget(newer)
    session.window.close()  # the older one says goodbye after the newer one took the name
    assert "'xesam:album': <'Newer'>" in bus.mpris_get(qtbot, "Metadata")
    assert bus.mpris_get(qtbot, "Position") == "(<int64 0>,)"
    newer.close()
