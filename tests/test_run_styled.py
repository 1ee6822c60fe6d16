"""`tpguide run` asks its pain question in the app's own look (theme, text size, style)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.app_helpers import open_sessions, rating_dialog, settings, write_quick
from tpguide.ui.shell.appearance import BASE_SCALE, LARGER_TEXT, style_sheet
from tpguide.ui.widgets.theme import make_theme


def test_the_pain_question_under_tpguide_run_is_styled_like_in_the_app(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look = (QPalette(app.palette()), QFont(app.font()), app.styleSheet())
    base = app.font().pointSizeF()
    path = write_quick()
    settings(theme="dark", larger_text=True)
    seen: list[tuple[str, float, str]] = []

    def act() -> None:
        question = rating_dialog("before")
        if question is not None:
            seen.append((app.styleSheet(), question.font().pointSizeF(),
                         question.palette().window().color().name()))
            question.panel.skip_button.click()
        elif open_sessions():
            open_sessions()[0].close()
            return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(app.quit)
    watchdog.start(15000)
    from tpguide.ui.run_command import run_session

    app.setQuitOnLastWindowClosed(False)
    try:
        assert run_session(str(path)) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
        app.setPalette(look[0])
        app.setFont(look[1])
        app.setStyleSheet(look[2])
    assert watchdog.isActive(), "the run did not end by itself"
    watchdog.stop()
    [(sheet, size, window)] = seen
    theme = make_theme(True, False)
    assert sheet == style_sheet(theme)
    assert abs(size - base * BASE_SCALE * LARGER_TEXT) < 0.01
    assert window == theme.window.lower()
