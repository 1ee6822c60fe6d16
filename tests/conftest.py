"""Shared test set-up: every test gets its own TPGUIDE_HOME and offscreen Qt, and the whole
run has a private D-Bus (session and system bus alike), so no test reaches the desktop."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.dbus_helpers import FakeDesktop, start_private_bus

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.app_helpers import FastSessions, RealApp

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# The suite speaks English whatever the machine's locale; tests of other languages say so.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
_BUS: list[subprocess.Popen[str]] = []


def pytest_configure(config: pytest.Config) -> None:
    """Before any test (and any Qt bus connection): the run's own bus."""
    daemon, address = start_private_bus()
    if daemon is not None:
        _BUS.append(daemon)
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = address


def pytest_unconfigure(config: pytest.Config) -> None:
    for daemon in _BUS:
        daemon.terminate()
        daemon.wait(timeout=10)
        if daemon.stdout is not None:
            daemon.stdout.close()


@pytest.fixture(autouse=True)
def tpguide_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("tpguide-home")
    monkeypatch.setenv("TPGUIDE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A test that switches language (an app built in Spanish) leaves English behind."""
    yield
    from tpguide.core.i18n import active_language, use_language

    if active_language() != "en":
        use_language("en")
    if "PySide6.QtCore" in sys.modules:  # and Qt's own dialogs and dates are English again
        from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

        if QLocale().language() != QLocale.system().language():
            QLocale.setDefault(QLocale.system())

        app = QCoreApplication.instance()
        for translator in app.findChildren(QTranslator) if app is not None else []:
            app.removeTranslator(translator)
            translator.setParent(None)


@pytest.fixture
def fake_desktop(tmp_path: Path) -> Iterator[Callable[..., FakeDesktop]]:
    """Start fake desktop services by name (screensaver, notifications, login1)."""
    started: list[FakeDesktop] = []

    def start(*services: str) -> FakeDesktop:
        fake = FakeDesktop(tmp_path / f"dbus-calls-{len(started)}.jsonl", *services)
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.stop()


@pytest.fixture
def real_app(qtbot: QtBot) -> Iterator[RealApp]:
    """The real app's main window, built like ``tpguide`` builds it; its look is put back."""
    from tests.app_helpers import real_app_for

    yield from real_app_for(qtbot)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> FastSessions:
    """Every session the app opens runs on a fake clock with a recording cue player."""
    from tests.app_helpers import FastSessions

    return FastSessions(monkeypatch)
