"""Starts the desktop app: application identity, look from the settings, the main window.

``build_window`` wires the parts together: the editor, the one diary (opened after the
first paint, closed when the event loop ends), sessions recorded with their pain ratings,
the History page on that same diary, courses and their reminders.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from tpguide import APP_ID, APP_NAME, resources
from tpguide.core.settings import AppSettings, SettingsStore
from tpguide.ui.editor import opener as editor_open
from tpguide.ui.session.history_hub import HistoryHub
from tpguide.ui.shell.appearance import Appearance
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.translation import apply_language
from tpguide.ui.widgets.plain import plain_label, refresh_fonts
from tpguide.ui.widgets.settings_owner import SettingsOwner

if TYPE_CHECKING:
    from tpguide.ui.handsfree.hands_free import HandsFree
    from tpguide.ui.handsfree.instance import Handler, Request

ICON = "icons/org.tpguide.TPGuide.svg"
WINDOW_SIZE = QSize(1280, 800)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("tpguide")
    app.setDesktopFileName(APP_ID)
    icon = resources.asset(ICON)
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(app: QApplication, store: SettingsStore | None = None) -> MainWindow:
    """The main window with the saved look applied and kept in step with the settings."""
    controller = SettingsOwner(store or SettingsStore())
    apply_language(app, controller.settings().language)  # before any window is built
    appearance = Appearance(app)
    appearance.apply(controller.settings())  # before any widget: none is styled twice
    window = MainWindow(controller, defer_library=True)  # routines are read after the paint

    def restyle(settings: AppSettings) -> None:
        appearance.apply(settings)
        refresh_fonts(window)

    def look(settings: AppSettings) -> tuple[object, ...]:
        return settings.theme, settings.calm, settings.larger_text

    applied = [look(controller.settings())]

    def changed(settings: AppSettings) -> None:
        """Restyle only when the look changed: muting in a session must not re-polish
        every widget in the middle of the key press that muted it."""
        if look(settings) != applied[0]:
            applied[0] = look(settings)
            restyle(settings)

    controller.changed.connect(changed)
    hints = QGuiApplication.styleHints()
    if hints is not None:  # "Like the system" follows the desktop switching light and dark
        def follow(_scheme: object) -> None:
            restyle(controller.settings())

        hints.colorSchemeChanged.connect(follow)
        window.destroyed.connect(lambda: hints.colorSchemeChanged.disconnect(follow))
    window.historyRequested.connect(lambda: install_history(window))
    hub = HistoryHub(controller, parent=window)
    window.attach_history(hub)
    editor_open.attach(window, controller.store,
                       lambda routine: window.launcher.preview(routine, window), hub.presses)
    offer_to_resume(window)
    after_first_paint(window, lambda: start_background(window))
    if controller.store.notice:
        window.say(controller.store.notice, 0)
    return window


def offer_to_resume(window: MainWindow) -> None:
    """The start page offers to continue a session cut short (once the diary is open)."""
    from tpguide.core.atlas.atlas import default_atlas
    from tpguide.ui.shell.resume_offer import ResumeOffer, ResumePanel

    hub = window.history
    if hub is None:
        return
    panel = ResumePanel(window.welcome)
    window.welcome.set_resume(panel, panel.continue_button)
    offer = ResumeOffer(panel, window.launcher, hub, window.loaded_routines, default_atlas,
                        parent_widget=window)
    window.diaryRead.connect(lambda sessions: offer.refresh(sessions or []))


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once the window has painted (start-up work that can wait a moment)."""
    _FirstPaint(window, then)


def start_background(window: MainWindow) -> None:
    """After the first paint: remove half-written files a killed save left; open the diary
    (crashed sessions become "interrupted") and read its sessions once, for today's courses
    and the offer to continue (``diaryRead``); read the routines into the list and start
    the course reminders (when a course is assigned); then ``startupFinished``."""
    tidy_temporaries()
    sessions = window.history.read_sessions() if window.history is not None else None
    window.load_library(None if sessions is None else list(sessions))
    window.start_courses()
    window.diaryRead.emit(sessions)
    window.startupFinished.emit()


def tidy_temporaries() -> None:
    """Our own ``.<name>.<random>.tmp`` files, left in tpguide's folders by a save that was
    killed half-way (older than a save could take; other files are never touched)."""
    from tpguide import paths
    from tpguide.core.atomic_io import remove_stale_temporaries

    remove_stale_temporaries([paths.config_dir(), paths.data_dir(), paths.user_routines_dir(),
                              paths.courses_dir(), paths.state_dir()])


def install_history(window: MainWindow) -> None:
    """Put the real history view in place the first time History is shown (lazy import).

    It reads the app's one diary (the one sessions are recorded in) and has a Courses
    page with each course's adherence.
    """
    from tpguide.ui.diary.care_actions import DiaryCare
    from tpguide.ui.diary.page import HistoryView

    def routines() -> list[tuple[str, str]]:
        return [(r.id, r.title) for item in window.library.items()
                if (r := item.result.routine) is not None]

    hub = window.history
    store = hub.store() if hub is not None else None
    if hub is None or store is None:
        messages = hub.messages if hub is not None else []
        window.set_history_widget(_no_history(messages, window))
        return
    sessions = hub.read_sessions()  # once, for the history and the courses on it
    view = HistoryView(store, routines, parent=window, sessions=sessions)
    DiaryCare(view, window.settings)  # reports, corrections, "Delete all my data"
    page = QWidget(view)
    col = QVBoxLayout(page)
    col.setContentsMargins(12, 12, 12, 12)
    shared: list[object] | None = list(sessions) if sessions is not None else None
    col.addWidget(window.courses.adherence_view(page, shared))
    view.tabs.addTab(page, QCoreApplication.translate("App", "Courses"))
    window.diaryRead.connect(view.refresh)  # the sessions the window read for everyone
    window.set_history_widget(view)


def _no_history(messages: list[str], parent: QWidget) -> QWidget:
    """The History page when the diary cannot be opened: say why, calmly."""
    page = QFrame(parent)
    col = QVBoxLayout(page)
    col.setContentsMargins(40, 40, 40, 40)
    col.addWidget(plain_label(QCoreApplication.translate("App", "History"), "title", page))
    text = "\n\n".join(messages) or QCoreApplication.translate(
        "App", "The history could not be opened.")
    col.addWidget(plain_label(text, "big", page, selectable=True))
    col.addStretch(1)
    return page


def run_gui(path: str | None) -> int:
    """Show the main window (and ``path``, if given); returns the exit code.

    A routine file opens on its page; a ``*.course.yaml`` file is imported as a course.
    When a tpguide runs already (a double click on a second file), the file is handed to
    it and this process ends at once (``tpguide.ui.handsfree.instance``).
    """
    from tpguide.ui.handsfree.instance import InstanceLock

    lock = InstanceLock()
    if lock.claim() is False:
        from tpguide.ui.handsfree.remote import hand_over

        if path:
            return hand_over({"cmd": "open", "path": str(Path(path).absolute())})
        return hand_over({"cmd": "show"})
    try:
        return _run_gui(path)
    finally:
        lock.release()


def _run_gui(path: str | None) -> int:
    from tpguide.ui.handsfree.hands_free import HandsFree
    from tpguide.ui.handsfree.instance import InstanceServer

    app = make_application()
    window = build_window(app)
    hands_free = HandsFree(window.launcher, parent=window)
    server = InstanceServer(instance_answers(window, hands_free), parent=window)
    server.listen()
    show_main_window(window)
    if path:
        QTimer.singleShot(0, lambda: window.open_file(Path(path)))
    try:
        return _exec()
    finally:
        server.close()
        hands_free.detach(hands_free.session)
        if window.history is not None:
            window.history.close()


def show_main_window(window: QWidget) -> None:
    """1280x800 where the screen has room; on a smaller one (a 1024x600 netbook) the whole
    screen, so no part of the window is off it."""
    screen = window.screen().availableGeometry()
    if screen.width() >= WINDOW_SIZE.width() and screen.height() >= WINDOW_SIZE.height():
        window.resize(WINDOW_SIZE)
        window.show()
        return
    window.setGeometry(screen)  # without a window manager too
    window.showMaximized()


def instance_answers(window: MainWindow, hands_free: HandsFree) -> Handler:
    """What the main window does for a second tpguide: show itself, open a file, start a
    routine (through the launcher: the gate comes first, a running session wins)."""
    from tpguide.ui.handsfree.instance import routed
    from tpguide.ui.run_command import find_routine

    def show(_message: Request) -> tuple[bool, str]:
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        return True, ""

    def open_path(message: Request) -> tuple[bool, str]:
        show(message)
        window.open_file(Path(str(message.get("path"))))  # the window says what became of it
        return True, ""

    def run(message: Request) -> tuple[bool, str]:
        found = find_routine(str(message.get("routine")))
        if isinstance(found, str):
            window.say(found)
            return False, found
        if window.launcher.current is not None:
            window.launcher.start(found, window)  # brings the open session forward
            return False, QCoreApplication.translate(
                "App", "A session is already open; it was brought to the front.")
        show(message)
        return window.start_routine(found), ""

    return routed({"show": show, "open": open_path, "run": run,
                   "control": lambda message: hands_free.control(str(message.get("action")))})


def _exec() -> int:
    """The event loop (a seam for tests)."""
    app = QApplication.instance()
    return app.exec() if app is not None else 1
