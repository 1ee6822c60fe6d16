"""The real main window as ``tpguide`` builds it, with sessions on a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tpguide import paths
from tpguide.core.diary.store import HistoryStore
from tpguide.core.library.catalog import Group
from tpguide.core.record import replace
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.settings import SettingsStore
from tpguide.ui import app as app_module
from tpguide.ui.session import launcher as launcher_module
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.widgets.pain_rating import PainRatingDialog

QUICK_ID = "quick"
QUICK_TITLE = "Quick test routine"


def settings(**values: object) -> SettingsStore:
    """This test's settings (TPGUIDE_HOME is per test): the gate acknowledged by default."""
    values.setdefault("safety_acknowledged", True)
    store = SettingsStore()
    store.save(replace(store.load(), **values))  # type: ignore[arg-type]
    return store


QUICK_COURSE = """\
tpguide-course: 1
id: quick-course
title: Quick recovery
stages:
  - routine: quick
    times_per_day: 2
    days: 14
"""


def assign_quick_course(folder: Path) -> None:
    """The quick routine twice a day for two weeks, assigned from today (as imported)."""
    from datetime import UTC, datetime

    from tpguide.core.courses.model import CourseClock
    from tpguide.core.courses.store import import_course

    source = folder / "quick.course.yaml"
    source.write_text(QUICK_COURSE, encoding="utf-8")
    import_course(source, CourseClock(now=lambda: datetime.now(UTC)).today())


def write_quick(text: str = sh.QUICK) -> Path:
    """The quick test routine among the person's own routines."""
    target = paths.ensure(paths.user_routines_dir()) / "quick.yaml"
    target.write_text(text, encoding="utf-8")
    return target


class FastSessions:
    """Every session the app opens runs on ``clock`` with a recording cue player.

    ``tpguide.ui.session.launcher.open_session_window`` is replaced, so every start (the
    main window's, ``tpguide run``'s, a preview) still goes through the real launcher;
    ``speed`` is passed on as the caller gave it.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.clock = sh.FakeClock()
        self.players: list[RecordingCuePlayer] = []
        self.speed: float | None = None
        real = launcher_module.open_session_window

        def start(routine: object, parent: QWidget | None, settings: object,
                  **kw: object) -> object:
            player = RecordingCuePlayer(self.clock)
            self.players.append(player)
            kw.setdefault("cue_player", player)
            kw.setdefault("clock", self.clock)
            if self.speed is not None:
                kw["speed"] = self.speed
            return real(routine, parent, settings, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(launcher_module, "open_session_window", start)

    def run(self, session: SessionWindow, seconds: float = 600.0) -> None:
        """Move time on in one-second steps (no stall) until the session ends."""
        controller = session.controller
        while controller.state in ("running", "paused") and seconds > 0:
            if controller.state == "paused":
                return
            self.clock.advance(1.0)
            seconds -= 1.0
            controller.wake()


def open_sessions() -> list[SessionWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, SessionWindow) and w.isVisible()]


def rating_dialog(when: str) -> PainRatingDialog | None:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, PainRatingDialog) and w.isVisible() and w.panel.when == when]
    return found[-1] if found else None


def rows() -> list[object]:
    with HistoryStore() as store:
        return list(store.sessions())


class RealApp:
    """Builds windows with ``tpguide.ui.app.build_window`` and tidies up after the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.windows: list[MainWindow] = []
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        self._look = (QPalette(app.palette()), QFont(app.font()), app.styleSheet())

    def window(self) -> MainWindow:
        window = app_module.build_window(self.app)
        self.qtbot.addWidget(window)
        self.windows.append(window)
        window.resize(1280, 800)
        window.show()
        hub = window.history
        assert hub is not None
        reminders = window.courses.reminders.timer
        self.qtbot.waitUntil(lambda: hub.is_open() and reminders.isActive(), timeout=5000)
        return window  # the diary and the reminders start after the first paint

    def select(self, window: MainWindow, routine_id: str = QUICK_ID) -> None:
        item = next(i for i in window.library.items(Group.MINE) + window.library.items()
                    if i.ok and i.result.routine is not None
                    and i.result.routine.id == routine_id)
        assert window.library.select_path(item.path)

    def close(self) -> None:
        for session in open_sessions():
            session.close()
        for window in self.windows:
            window.close()
            if window.history is not None:
                window.history.close()
        self.app.setPalette(self._look[0])  # later tests share this QApplication
        self.app.setFont(self._look[1])
        self.app.setStyleSheet(self._look[2])


def real_app_for(qtbot: QtBot) -> Iterator[RealApp]:
    """For a test module's ``real_app`` fixture: ``yield from real_app_for(qtbot)``."""
    made = RealApp(qtbot)
    yield made
    made.close()
