"""The main window: library on the left, the chosen page on the right, big entry points on top."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSplitter, QVBoxLayout, QWidget

from tpguide import paths
from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.core.library.catalog import Group, Item, suggestion
from tpguide.core.settings import AppSettings
from tpguide.ui.library.sidebar import LibraryView
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.shell import menus as main_menus
from tpguide.ui.shell.care import attach_clients
from tpguide.ui.shell.file_actions import FileActions
from tpguide.ui.shell.folder_watch import FolderWatch
from tpguide.ui.shell.header_bar import HeaderBar
from tpguide.ui.shell.notices import NoticeArea
from tpguide.ui.shell.pages import LazyPages
from tpguide.ui.shell.start_guard import guard_main_window
from tpguide.ui.shell.welcome_page import WelcomePage
from tpguide.ui.widgets.settings_owner import SettingsOwner

if TYPE_CHECKING:  # the routine and problems pages and the courses are built when needed
    from tpguide.core.courses.model import CourseClock
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.courses.controller import MainCourses
    from tpguide.ui.library.diagnostics_view import DiagnosticsView
    from tpguide.ui.library.routine_page import RoutinePage
    from tpguide.ui.session.history_hub import HistoryHub
    from tpguide.ui.shell.sharing import MainSharing


class MainWindow(QMainWindow):
    """Routes the person's intents; every session start passes the safety gate first.

    Hooks for other parts of the app:
        ``set_history_widget(w)`` puts the history view in place of its placeholder;
        ``attach_editor(edit, new, copy)`` receives "Edit" (a path), "New routine" and
        "Edit a copy" (a path);
        ``attach_history(hub)`` records every session started here (with the pain ratings).

    Parts: ``launcher`` (the one way into a session: gate, pain rating, recording), ``files``
    (open, drop, add to mine, edit, new), ``courses`` (today's panel, reminders, course import
    and editor) and ``sharing`` (handout, export, import from a zip).

    ``defer_library=True`` (the app) paints the first screen before any routine file is read:
    the list fills when ``load_library()`` is called (after the first paint) or when needed.

    Signals:
        editRequested(str): a routine file in the user's folder should be edited.
        newRoutineRequested(): the person asked for a new routine.
        historyRequested(): the History page is shown and has no real widget yet.
        sessionStarted(object): the session window the launcher just opened.
        startupFinished(): the work put off until after the first paint is done.
        diaryRead(object): after start-up and after a session was recorded, the diary's
            sessions, read once for every view that shows them (None: not read).
    """

    editRequested = Signal(str)
    newRoutineRequested = Signal()
    historyRequested = Signal()
    sessionStarted = Signal(object)
    startupFinished = Signal()
    diaryRead = Signal(object)

    def __init__(self, controller: SettingsOwner, *, atlas: Atlas | None = None,
                 launcher: SessionLauncher | None = None,
                 watch: bool = True, course_clock: CourseClock | None = None,
                 defer_library: bool = False) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("tpguide: trigger point self-massage"))
        self.settings = controller
        self._given_atlas = atlas
        self._library_loaded = False
        self._suggested: Item | None = None
        self.history: HistoryHub | None = None
        self.launcher = launcher if launcher is not None else SessionLauncher(controller)
        self.launcher.refused.connect(lambda message: self.say(message))
        self._course_clock = course_clock
        self._courses: MainCourses | None = None
        self._courses_started = False
        self._build()
        self.files = FileActions(self, self.library, self)
        self._sharing: MainSharing | None = None
        self._connect()
        self.start_guard = guard_main_window(self)  # one session at a time
        self.clients_button = attach_clients(self)  # shown for "I am a therapist"
        main_menus.install(self, self)
        self.watch = FolderWatch(paths.user_routines_dir(), self) if watch else None
        if self.watch is not None:
            self.watch.changed.connect(self.files.mine_changed)
        controller.changed.connect(self._settings_changed)
        controller.failed.connect(lambda message: self.say(message, 0))
        self.header.set_calm(controller.settings().calm)
        if not defer_library:
            self.load_library()

    @property
    def _atlas(self) -> Atlas:
        if self._given_atlas is None:
            self._given_atlas = default_atlas()
        return self._given_atlas

    @property
    def sharing(self) -> MainSharing:
        """Handout, export and import (built on first use: its dialogs wait until then)."""
        if self._sharing is None:
            from tpguide.ui.shell.sharing import MainSharing

            self._sharing = MainSharing(self, self.library, self)
        return self._sharing

    def load_library(self, sessions: list[object] | None = None) -> None:
        """Read the routine files into the list (once; later changes come from the watcher),
        then today's courses (``sessions``: the diary's, read already)."""
        if self._library_loaded:
            return
        self._library_loaded = True
        self.library.reload()
        self._suggest()
        self.refresh_courses(sessions)

    @property
    def courses(self) -> MainCourses:
        """Courses in this window, built on first use: in the app after the first paint, and
        only when a course is assigned (``start_courses``). Today's panel goes on the start
        page, the reminder banner under the entry points."""
        if self._courses is None:
            from datetime import UTC, datetime

            from tpguide.core.courses.model import CourseClock
            from tpguide.ui.courses.controller import MainCourses

            clock = self._course_clock or CourseClock(now=lambda: datetime.now(UTC), tz=None)
            courses = self._courses = MainCourses(self, clock, parent=self, welcome=self.welcome)
            self.sessionStarted.connect(courses.session_started)
            self.start_guard.follow(courses.today.set_starts_allowed)
            courses.dueChanged.connect(self.welcome.set_due)
            self.welcome.set_today(courses.today)
            self._banner_row.addWidget(courses.banner)  # hidden until a reminder comes
            courses.follow_pages(self.pages)
            courses.show_due()
            if self._courses_started:
                courses.start_reminders()
        return self._courses

    def refresh_courses(self, sessions: list[object] | None = None) -> None:
        """Show today's courses again (``sessions``: the diary's, read already); nothing
        is built without an assigned course."""
        from tpguide.core.courses.store import course_files

        if self._courses is not None:
            self._courses.refresh(sessions)
        elif course_files():
            self._courses = self.courses  # built showing today's state

    def start_courses(self) -> None:
        """Start the course reminders (after the first paint). Without an assigned course
        nothing is built (nothing would be shown or said) until one arrives or is asked for."""
        self._courses_started = True
        if self._courses is not None:
            self._courses.start_reminders()
        else:
            self.refresh_courses()  # builds them, reminders running, if a course is assigned

    def loaded_routines(self) -> list[Routine]:
        """The routines read so far: the person's own first, then the built-in ones."""
        return [r for group in (Group.MINE, Group.BUILTIN) for item in self.library.items(group)
                if (r := item.result.routine) is not None]

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        # Each widget is made inside its final parent: moving a styled tree costs a re-polish.
        central = QWidget(self)
        split = QSplitter(Qt.Orientation.Horizontal, central)
        self.header = HeaderBar(central)
        self.library = LibraryView(self._given_atlas, split)
        self.library.setMinimumWidth(280)
        self.pages = LazyPages(self._given_atlas, self.settings, split)
        self.welcome = WelcomePage(self.pages)
        self.pages.add("welcome", self.welcome)
        self.pages.later("routine", self._routine_page)
        self.pages.later("problems", self._problems_page)
        self.pages.finderRoutine.connect(self.start_text)
        self.pages.finderSave.connect(lambda text: self.pages.finder_saved(
            self.files.save_as_mine(text)))
        self.pages.historyShown.connect(self.historyRequested)
        split.addWidget(self.library)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 960])
        split.setChildrenCollapsible(False)
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 8, 8)
        col.addWidget(self.header)
        banner_row = QHBoxLayout()  # lined up with the header's buttons
        banner_row.setContentsMargins(12, 0, 12, 8)
        self._banner_row = banner_row  # the courses' reminder banner goes here
        col.addLayout(banner_row)
        self.notices = NoticeArea(central)  # what went wrong stays until read
        col.addWidget(self.notices)
        col.addWidget(split, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        h = self.header
        h.startClicked.connect(self.start_selected)
        h.finderClicked.connect(lambda: self.show_page("finder"))
        h.atlasClicked.connect(lambda: self.show_page("atlas"))
        h.historyClicked.connect(lambda: self.show_page("history"))
        h.settingsClicked.connect(lambda: self.show_page("settings"))
        h.newClicked.connect(self.files.new_routine)
        h.calmToggled.connect(lambda on: self.settings.update(calm=on))
        self.library.itemSelected.connect(self.show_item)
        self.library.itemActivated.connect(self._activated)
        self.library.itemRefreshed.connect(self._refreshed)
        self.files.editRequested.connect(self.editRequested)
        self.files.newRoutineRequested.connect(self.newRoutineRequested)
        self.launcher.sessionStarted.connect(self.sessionStarted)

    def _routine_page(self) -> RoutinePage:
        from tpguide.ui.library.routine_page import RoutinePage

        page = RoutinePage(self._atlas, self)
        page.startRequested.connect(self.start_routine)
        page.editRequested.connect(lambda p: self.files.edit(Path(p)))
        page.copyRequested.connect(lambda p: self.files.edit_copy(Path(p)))
        page.addRequested.connect(lambda p: self.files.add_to_mine(Path(p)))
        page.printRequested.connect(lambda: self.sharing.print_handout())
        page.exportRequested.connect(lambda: self.sharing.export_routine())
        page.holds.presses = lambda: self.history.presses() if self.history is not None else []
        page.holds.saved.connect(self.editor_saved)
        page.holds.failed.connect(lambda why: self.say(why, 0))
        return page

    def _problems_page(self) -> DiagnosticsView:
        from tpguide.ui.library.diagnostics_view import DiagnosticsView

        page = DiagnosticsView(self)
        page.reloadRequested.connect(lambda p: self.files.reload_file(Path(p)))
        page.addRequested.connect(lambda p: self.files.add_to_mine(Path(p)))
        return page

    @property
    def routine_page(self) -> RoutinePage:
        """The page of one routine (built the first time it is needed)."""
        return self.pages.page("routine")  # type: ignore[return-value]

    @property
    def diagnostics(self) -> DiagnosticsView:
        """The page listing a file's problems (built the first time it is needed)."""
        return self.pages.page("problems")  # type: ignore[return-value]

    def _suggest(self) -> None:
        """Name a gentle built-in routine, so Start works from the very first screen."""
        self._suggested = suggestion(self.library.items(Group.BUILTIN))
        self.welcome.set_suggestion(self._suggested)

    # ------------------------------------------------------------------ pages
    def show_page(self, name: str) -> QWidget:
        return self.pages.show(name)

    def current_page(self) -> str:
        return self.pages.current_name()

    def set_history_widget(self, widget: QWidget) -> None:
        """Replace the History placeholder with the real history view."""
        self.pages.set_history_widget(widget)

    def attach_editor(self, edit: Callable[[Path], None], new: Callable[[], None],
                      copy: Callable[[Path], None] | None = None) -> None:
        """Route "Edit", "New routine" and "Edit a copy" to the editor (see ``files``)."""
        self.files.attach_editor(edit, new, copy)

    def attach_history(self, hub: HistoryHub) -> None:
        """Record every session started here in ``hub``'s diary, with the pain ratings."""
        self.history = hub
        self.launcher.diary = hub
        hub.notice.connect(lambda message: self.say(message, 0))
        hub.changed.connect(self._diary_changed)
        if self._library_loaded:  # otherwise load_library() refreshes them
            self.refresh_courses()

    def _diary_changed(self) -> None:
        """A session's row was finished: read the sessions once and share them with the
        courses' panels and (through ``diaryRead``) the History page."""
        sessions = self.history.read_sessions() if self.history is not None else None
        self.refresh_courses(list(sessions or []))
        self.diaryRead.emit(sessions)

    def shown_routine(self) -> Routine | None:
        """The routine whose page is shown now, if any."""
        return self.routine_page.routine() if self.current_page() == "routine" else None

    def say(self, message: str, ms: int = 8000) -> None:
        """A passing message in the status bar; ``ms=0``: a notice that stays until read."""
        if ms == 0:
            self.notices.add(message)
        else:
            self.statusBar().showMessage(message, ms)

    def show_item(self, item: Item | None) -> None:
        current = self.current_page()
        if item is not None and current in ("routine", "problems") \
                and self.pages.page(current).item() is item:  # type: ignore[attr-defined]
            return
        if item is None:
            self.show_page("welcome")
        elif item.ok:
            self.routine_page.show_item(item)
            self.show_page("routine")
        else:
            self.diagnostics.show_item(item)
            self.show_page("problems")

    def _refreshed(self, item: Item | None) -> None:
        if self.current_page() not in ("routine", "problems"):
            return
        if item is None:
            self.say(self.tr("That routine file was removed."))
        self.show_item(item)

    # ------------------------------------------------------------------ files
    def open_file(self, path: Path) -> Item | None:
        """Show a file for this run (see ``FileActions.open_file``)."""
        return self.files.open_file(path)

    def editor_saved(self, path: object) -> None:
        """An editor wrote a routine: show it in the library now (the watcher agrees later)."""
        self.files.editor_saved(path)

    # ------------------------------------------------------------------ sessions
    def start_selected(self) -> bool:
        """The main Start: the routine chosen in the list; else today's course routine;
        else the gentle routine the start page names."""
        self.load_library()  # Start pressed before the list was read: read it now
        item = self.library.current()
        if item is None and self._courses is None:
            self.refresh_courses()  # built only if a course was assigned since (a listing)
        if item is None and self._courses is not None \
                and (started := self._courses.start_due()) is not None:
            return started
        item = item or self._suggested
        if item is None:
            return False
        if not item.ok:
            self._cannot_start(item)
            return False
        return self.start_routine(item.result.routine)

    def _activated(self, item: Item) -> None:
        if not item.ok:
            self._cannot_start(item)
            return
        self.show_item(item)
        self.start_routine(item.result.routine)

    def _cannot_start(self, item: Item) -> None:
        """A file with errors: its problems on the page, and a message saying why."""
        from tpguide.ui.shell.broken_start import explain_broken

        self.show_item(item)
        explain_broken(self, item, self.say)

    def start_text(self, text: str) -> bool:
        """Start a routine given as YAML text (the finder), after loading and the gate."""
        from tpguide.core.routines.loader import load_routine_text

        result = load_routine_text(text, self._atlas)
        if result.routine is None:
            self.diagnostics.show_item(Item(Path("where-does-it-hurt.yaml"), Group.OPENED,
                                            result))
            self.show_page("problems")
            return False
        return self.start_routine(result.routine)

    def start_routine(self, routine: Routine | None) -> bool:
        """Start a session through the one launcher (gate, pain question, window, diary).

        True when the session opened or its pain question is on screen.
        """
        return routine is not None and self.launcher.start(routine, self)

    # ------------------------------------------------------------------ settings
    def _settings_changed(self, settings: AppSettings) -> None:
        self.header.set_calm(settings.calm)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.watch is not None:
            self.watch.stop()
        if self._courses is not None:
            self._courses.reminders.stop()
        super().closeEvent(event)
