"""Facts about the Qt binding that the app relies on, checked on the installed version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 on Python 3.11 lost a reference to None on each such call and aborted
    # the interpreter after a few thousand (pyproject pins below 6.12 for that reason).
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.update()
        widget.setEnabled(True)
    assert sys.getrefcount(None) >= before - 100


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-elsewhere"])
def test_user_folders_are_where_platformdirs_puts_them(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    import platformdirs

    from tpguide import APP_NAME, paths

    monkeypatch.delenv("TPGUIDE_HOME", raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert paths.data_dir() == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert paths.config_dir() == Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    assert paths.state_dir() == Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


@pytest.mark.parametrize(("given", "platform", "expected"), [
    (None, "linux", "pulseaudio"),
    ("", "linux", "pulseaudio"),
    ("pipewire", "linux", "pipewire"),  # the person's choice stands
    (None, "win32", None),
    (None, "darwin", None),
])
def test_qt_is_asked_for_its_pulseaudio_backend_on_linux(
    given: str | None, platform: str, expected: str | None
) -> None:
    from tpguide.cli import prefer_pulseaudio

    env = {} if given is None else {"QT_AUDIO_BACKEND": given}
    prefer_pulseaudio(env, platform)
    assert env.get("QT_AUDIO_BACKEND") == expected


@pytest.mark.parametrize("given", [None, "pipewire"])
def test_the_tpguide_command_sets_the_audio_backend_before_any_qt(given: str | None) -> None:
    code = ("import os, sys; from tpguide.cli import main; main(['schema']); "
            "print(os.environ.get('QT_AUDIO_BACKEND'), 'PySide6.QtMultimedia' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != "QT_AUDIO_BACKEND"}
    if given is not None:
        env["QT_AUDIO_BACKEND"] = given
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60, check=True, cwd=Path(__file__).parent.parent)
    assert done.stdout.splitlines()[-1] == f"{given or 'pulseaudio'} False"
