"""Facts about the Qt binding that the app relies on, checked on the installed version."""

from __future__ import annotations

import sys

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
