"""Courses in the main window: today's panel, reminders and their banner, import and editor.

The Today panel sits on the start page and starts a course's routine through the
window's normal start path (safety gate, pain rating, recording). Reminders pause while a
session is open. Counts come from the app's one diary (the host's ``history``), which is
opened for them only when a course is assigned.

The main window is this module's host, seen only through ``CoursesHost``: a feature folder
does not import the shell that composes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStackedWidget, QWidget

from tpguide.core.courses.model import COURSE_SUFFIX, Course, CourseClock
from tpguide.core.courses.store import (
    Assigned,
    CourseClashError,
    assigned_courses,
    course_files,
    import_course,
)
from tpguide.core.i18n import ngettext
from tpguide.ui.courses.reminders import ReminderBanner, ReminderService
from tpguide.ui.courses.today import TodayItem, TodayPanel
from tpguide.ui.widgets.fit import fit_to_screen

if TYPE_CHECKING:
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.courses.adherence import CourseAdherenceView
    from tpguide.ui.courses.editor import CourseEditor


def tr(text: str) -> str:
    return QCoreApplication.translate("MainCourses", text)


def is_course_file(path: Path) -> bool:
    return path.name.endswith(COURSE_SUFFIX)


def ask_replace_course(parent: QWidget, target: Path) -> bool:
    """A course with this file name is assigned already: replace it? (default: no)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("A course is already assigned under this name"),
                      tr("“{name}” is already assigned on this computer. Replace it with the "
                         "one you are importing? Its start date is replaced too.").format(
                          name=target.name), QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    replace = box.addButton(tr("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(tr("Keep the assigned one"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is replace


class CourseDiary(Protocol):
    """The app's one diary, as far as course counts need it."""

    def is_open(self) -> bool: ...

    def sessions(self) -> list[object]: ...


class CoursesHost(Protocol):
    """What courses ask of the window they live in."""

    @property
    def history(self) -> CourseDiary | None: ...

    def loaded_routines(self) -> list[Routine]:
        """The routines read so far: the person's own first, then the built-in ones."""
        ...

    def start_routine(self, routine: Routine | None) -> bool: ...

    def say(self, message: str, ms: int = ...) -> None: ...

    def show_page(self, name: str) -> object: ...

    def current_page(self) -> str: ...


class MainCourses(QObject):
    """Everything about courses that lives in the main window (``window.courses``).

    ``parent`` is the window its dialogs belong to (and the one "Today" raises);
    ``welcome`` is the start page that holds today's panel. The host connects its
    sessions to ``session_started``.

    Signals:
        dueChanged(object): what the main Start begins for today's course ("Stiff neck,
            for Neck recovery, day 3"), or None when no course asks for a session today.
    """

    dueChanged = Signal(object)

    def __init__(self, host: CoursesHost, clock: CourseClock, *, parent: QWidget,
                 welcome: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.clock = clock
        self.ask_replace: Callable[[QWidget, Path], bool] = ask_replace_course
        self.told: list[str] = []
        self.adherence: CourseAdherenceView | None = None
        self._adherence_fresh = False
        self.editor: CourseEditor | None = None
        self.today = TodayPanel(clock, self.sessions, courses=assigned_courses,
                                titles=self.titles, parent=welcome)
        self.today.startRequested.connect(self.start)
        today_layout = self.today.layout()
        if today_layout is not None:  # in line with the start page's own text
            today_layout.setContentsMargins(0, 4, 0, 4)
        self.banner = ReminderBanner(parent)
        self.banner.showTodayRequested.connect(self.show_today)
        self.reminders = ReminderService(clock, self, sessions=self.sessions,
                                         courses=assigned_courses, titles=self.titles)
        self.reminders.reminder.connect(self.banner.show_reminder)
        self.reminders.activated.connect(self.show_today)
        self.reminders.dayChanged.connect(lambda _day: self.refresh())
        self.today.setVisible(self._worth_showing())

    # ------------------------------------------------------------------ data
    def sessions(self) -> list[object]:
        """The diary's sessions; the diary is opened for this only when a course exists."""
        hub = self.host.history
        if hub is None or not (hub.is_open() or course_files()):
            return []
        return hub.sessions()

    def titles(self) -> dict[str, str]:
        """Routine id -> title for the built-in and own routines the library has loaded."""
        found: dict[str, str] = {}
        for routine in self.host.loaded_routines():
            found.setdefault(routine.id, routine.title)
        return found

    def refresh(self, sessions: list[object] | None = None) -> None:
        """Read courses and history again (a session ended, a course was imported).

        The diary's sessions are read once for both panels, or not at all when the caller
        read them already (``sessions``).
        """
        rows = self.sessions() if sessions is None else sessions
        self.today.refresh(rows)
        self.today.setVisible(self._worth_showing())
        if self.adherence is not None:
            self.adherence.refresh(rows)
        self.show_due()

    def show_due(self) -> None:
        """Say (``dueChanged``) what the main Start begins, from today's panel as shown."""
        due = self.due_today()
        self.dueChanged.emit(None if due is None else tr("{routine}, for {course}, day {day}")
                             .format(routine=due.shown_title, course=due.assigned.course.title,
                                     day=due.day_number))

    def courses_changed(self) -> None:
        """A course was assigned or edited: show it, and let the reminders look again."""
        self.refresh()
        self.reminders.check_soon()

    def due_today(self) -> TodayItem | None:
        """The first course still asking for a session today whose routine is here."""
        return next((item for item in self.today.items()
                     if item.due.remaining > 0 and item.routine_title is not None), None)

    def start_due(self) -> bool | None:
        """Start today's course routine (the main Start's first choice); None when no
        course asks for one today."""
        due = self.due_today()
        return None if due is None else self.start(due.routine_id)

    def _worth_showing(self) -> bool:
        """The Today panel shows while a course runs or is still to come (not before any)."""
        if not course_files():
            return False
        today = self.clock.today()
        return bool(self.today.items()) or any(a.start > today for a in assigned_courses())

    def active_courses(self) -> list[Assigned]:
        """Assigned courses, the most recently started first."""
        return sorted(assigned_courses(), key=lambda a: a.start, reverse=True)

    # ------------------------------------------------------------------ intents
    def start(self, routine_id: str) -> bool:
        """Start a course's routine through the window's normal start (with the gate)."""
        from tpguide.core.library.sources import find_by_id

        routine = next((r for r in self.host.loaded_routines()  # read already
                        if r.id == routine_id), None)
        if routine is None:
            entry = find_by_id(routine_id)
            routine = entry.result.routine if entry is not None else None
        if routine is None:
            self.host.say(tr("The routine “{id}” is not in your library.").format(
                id=routine_id))
            return False
        return self.host.start_routine(routine)

    def show_today(self) -> None:
        self.banner.hide()
        self.host.show_page("welcome")
        window = self.parent_widget
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def start_reminders(self) -> None:
        self.reminders.start()

    def session_started(self, session: object) -> None:
        """Reminders wait while a session (one with a ``closed`` signal) is open."""
        closed = getattr(session, "closed", None)
        if closed is None:
            return
        self.reminders.set_paused(True)
        self.banner.hide()
        closed.connect(self._session_closed)

    def _session_closed(self) -> None:
        """The counts were refreshed when the session's row was finished (the host's diary
        says so); here only the reminders resume."""
        self.reminders.set_paused(False)

    # ------------------------------------------------------------------ history page
    def adherence_view(self, parent: QWidget,
                       sessions: list[object] | None = None) -> CourseAdherenceView:
        """The "26 of 28 sessions" view for the history page (refreshed when shown).

        ``sessions``: the diary's sessions, read just now for the page this view joins; the
        page is being shown, so it is not read again for that.
        """
        from tpguide.ui.courses.adherence import CourseAdherenceView

        self.adherence = CourseAdherenceView(self.clock, self.sessions, courses=assigned_courses,
                                             parent=parent, read=sessions)
        self._adherence_fresh = sessions is not None
        return self.adherence

    def follow_pages(self, pages: QStackedWidget) -> None:
        pages.currentChanged.connect(lambda _i: self._page_shown())

    def _page_shown(self) -> None:
        current = self.host.current_page()
        if current == "history" and self.adherence is not None:
            if self._adherence_fresh:  # built for this very showing
                self._adherence_fresh = False
            else:
                self.adherence.refresh()
        elif current == "welcome":
            self.today.refresh()

    # ------------------------------------------------------------------ import
    def import_dialog(self) -> Course | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, tr("Import a course"), str(Path.home()),
            tr("Course files (*{suffix})").format(suffix=COURSE_SUFFIX))
        return self.import_file(Path(name)) if name else None

    def import_file(self, path: Path) -> Course | None:
        """Check a course file and assign it here; a course of the same name asks first."""
        today = self.clock.today()
        try:
            try:
                result = import_course(path, today)
            except CourseClashError as clash:
                if not self.ask_replace(self.parent_widget, clash.target):
                    self.host.say(tr("Not imported: the assigned course was kept."))
                    return None
                result = import_course(path, today, replace=True)
        except OSError as exc:
            self.tell(tr("The course could not be imported"),
                      tr("{name}: {why}").format(name=path.name, why=exc.strerror or exc))
            return None
        course = result.course
        if course is None:
            lines = [d.format(path.name) for d in result.diagnostics[:10]]
            self.tell(tr("The course could not be imported"),
                      tr("{name} has problems; nothing was changed:\n\n{lines}").format(
                          name=path.name, lines="\n".join(lines)))
            return None
        self.courses_changed()
        self.host.show_page("welcome")
        self.host.say(ngettext("Course “{title}” assigned: {days} day.",
                               "Course “{title}” assigned: {days} days.", course.days).format(
            title=course.title, days=course.days))
        return course

    def tell(self, title: str, text: str) -> None:
        """A problem for the person, in a window-modal box that does not block the caller."""
        self.told.append(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setTextFormat(Qt.TextFormat.PlainText)  # course files are untrusted text
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ editor
    def open_editor(self, assigned: Assigned | None = None) -> CourseEditor:
        """The course editor in its own window: a new course, or an assigned one."""
        if self.editor is not None:
            if assigned is not None and (not self.editor.is_dirty()
                                         or self.editor.files.ask_discard()):
                self.editor.load_course(assigned.course)
            self.editor.show()
            self.editor.raise_()
            self.editor.activateWindow()
            return self.editor
        editor = make_course_editor(self.clock, self.parent_widget)
        if assigned is not None:
            editor.load_course(assigned.course)
        editor.courseSaved.connect(lambda _path: self.courses_changed())
        editor.destroyed.connect(lambda *_: setattr(self, "editor", None))
        self.editor = editor
        editor.show()
        return editor


def make_course_editor(clock: CourseClock, parent: QWidget) -> CourseEditor:
    """A CourseEditor as a window of its own that asks before losing unsaved changes."""
    from tpguide.ui.courses.editor import CourseEditor

    class CourseEditorWindow(CourseEditor):
        def closeEvent(self, event: QCloseEvent) -> None:
            if self.is_dirty() and not self.files.ask_discard():
                event.ignore()
                return
            super().closeEvent(event)

    editor = CourseEditorWindow(clock, parent=parent)
    editor.setWindowFlag(Qt.WindowType.Window)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.setWindowTitle(tr("Courses - tpguide"))
    fit_to_screen(editor, QSize(1100, 720))
    return editor
