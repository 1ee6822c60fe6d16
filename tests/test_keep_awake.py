"""While a session runs (paused too) the screen stays on and the computer awake; after, not.

The screensaver and logind here are fakes in their own process on the run's private bus
(logind's system bus is that same bus in tests); they log every request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.dbus_helpers import FakeDesktop
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.ui.handsfree import dbus_types
from tpguide.ui.handsfree.hands_free import HandsFree
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.settings_owner import SettingsOwner


def open_session(qtbot: QtBot) -> tuple[SessionWindow, HandsFree]:
    launcher = SessionLauncher(SettingsOwner(sh.store()))
    hands_free = HandsFree(launcher, mpris=False, parent=launcher)
    window = launcher.open(sh.routine(), cue_player=RecordingCuePlayer(), clock=sh.FakeClock())
    assert window is not None
    qtbot.addWidget(window)
    return window, hands_free


def test_inhibited_from_the_start_through_a_pause_and_released_on_stop(
        qtbot: QtBot, fake_desktop: Callable[..., FakeDesktop]) -> None:
    fakes = fake_desktop("screensaver", "login1")
    window, hands_free = open_session(qtbot)
    assert fakes.calls() == []  # a window waiting for Start keeps nothing awake
    window.controller.start()
    [inhibit] = fakes.wait_for(qtbot, "Inhibit", 2)[:1]
    assert inhibit["args"][:2] == ["tpguide", "A guided session is running"]
    sleep = [c for c in fakes.calls("Inhibit") if c["service"] == "login1"]
    assert sleep[0]["args"] == ["idle:sleep", "tpguide", "A guided session is running", "block"]
    awake = hands_free.awake
    assert awake is not None
    qtbot.waitUntil(lambda: awake.cookie is not None and awake.sleep_fd is not None)
    window.controller.pause()
    window.controller.resume()
    assert fakes.calls("UnInhibit") == [] and fakes.calls("Released") == []
    window.request_stop()
    window.request_stop()  # the second stop stops
    assert window.controller.state == "stopped"
    cookie = inhibit["args"][2]
    assert cookie > 2**31  # sent back as the unsigned int it is
    assert fakes.wait_for(qtbot, "UnInhibit")[0]["args"] == [cookie]
    assert fakes.wait_for(qtbot, "Released")[0]["args"] == ["idle:sleep"]
    assert len(fakes.calls("Inhibit")) == 2  # once each, not again on resume


def test_closing_the_window_mid_session_releases_both(
        qtbot: QtBot, fake_desktop: Callable[..., FakeDesktop]) -> None:
    fakes = fake_desktop("screensaver", "login1")
    window, hands_free = open_session(qtbot)
    window.controller.start()
    awake = hands_free.awake
    assert awake is not None
    qtbot.waitUntil(lambda: awake.cookie is not None and awake.sleep_fd is not None)
    window.close()
    fakes.wait_for(qtbot, "UnInhibit")
    fakes.wait_for(qtbot, "Released")
    assert hands_free.awake is None


def test_without_the_services_the_session_carries_on_and_says_so_once(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dbus_types, "_told", set())
    caplog.set_level(logging.INFO, logger="tpguide.ui.handsfree")
    for _ in range(2):
        window, hands_free = open_session(qtbot)
        window.controller.start()
        qtbot.waitUntil(lambda: all(any(word in r.message for r in caplog.records)
                                    for word in ("no screensaver", "no logind")))
        awake = hands_free.awake
        assert awake is not None and not awake.held
        assert window.controller.state == "running"
        window.close()
    messages = [r.message for r in caplog.records]
    assert sum("no screensaver service" in m for m in messages) == 1
    assert sum("no logind inhibitor" in m for m in messages) == 1
