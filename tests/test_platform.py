"""Facts about the Qt binding that the app relies on, checked on the installed version."""

from __future__ import annotations

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
