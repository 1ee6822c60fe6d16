"""The main window's menus and shortcuts: File, Go and Help (safety notes and About)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tpguide import __version__
from tpguide.ui.widgets.fit import fit_to_screen

if TYPE_CHECKING:
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.courses.controller import MainCourses
    from tpguide.ui.library.sidebar import LibraryView
    from tpguide.ui.shell.file_actions import FileActions
    from tpguide.ui.shell.sharing import MainSharing
    from tpguide.ui.shell.start_guard import StartGuard
    from tpguide.ui.widgets.settings_owner import SettingsOwner


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainMenus", text)


class MenuHost(Protocol):
    """The intents the menus reach: the window's parts and its few routes."""

    @property
    def settings(self) -> SettingsOwner: ...

    @property
    def library(self) -> LibraryView: ...

    @property
    def pages(self) -> QStackedWidget: ...

    @property
    def files(self) -> FileActions: ...

    @property
    def sharing(self) -> MainSharing: ...

    @property
    def courses(self) -> MainCourses: ...

    @property
    def start_guard(self) -> StartGuard: ...

    def start_selected(self) -> bool: ...

    def show_page(self, name: str) -> object: ...

    def shown_routine(self) -> Routine | None: ...


def _action(window: QWidget, text: str, slot: object, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def install(host: MenuHost, window: QMainWindow) -> None:
    """Put the menus in ``window``'s menu bar; their actions go to ``host``."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_tr("&File"))
    file_menu.addAction(_action(window, _tr("&Open a routine…"), host.files.open_dialog,
                                "Ctrl+O"))
    file_menu.addAction(_action(window, _tr("&New routine"), host.files.new_routine,
                                "Ctrl+N"))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, _tr("&Import routines from zip…"),
                                host.sharing.import_dialog))
    file_menu.addAction(_action(window, _tr("Export &several as zip…"),
                                host.sharing.export_several))
    import_course = _action(window, _tr("Import &course…"),
                            lambda: host.courses.import_dialog())
    file_menu.addAction(import_course)
    file_menu.addSeparator()
    file_menu.addAction(_action(window, _tr("&Quit"), window.close, "Ctrl+Q"))
    go = bar.addMenu(_tr("&Go"))
    go.addAction(_action(window, _tr("&Library search"), lambda: host.library.focus_search(),
                         "Ctrl+L"))
    go_start = _action(window, _tr("&Start"), host.start_selected, "Ctrl+Return")
    host.start_guard.watch(lambda: [go_start])  # one session at a time
    go.addAction(go_start)
    go.addAction(_action(window, _tr("&Where does it hurt?"),
                         lambda: host.show_page("finder"), "F2"))
    go.addAction(_action(window, _tr("&Atlas"), lambda: host.show_page("atlas"), "F3"))
    go.addAction(_action(window, _tr("&History"), lambda: host.show_page("history"),
                         "F4"))
    go.addAction(_action(window, _tr("S&ettings"), lambda: host.show_page("settings"),
                         "Ctrl+,"))
    calm = _action(window, _tr("&Calm mode"), lambda on: host.settings.update(calm=on),
                   "Ctrl+M")
    calm.setCheckable(True)
    calm.setChecked(host.settings.settings().calm)
    host.settings.changed.connect(lambda s: calm.setChecked(s.calm))
    go.addAction(calm)
    _routine_menu(host, window)
    _courses_menu(host, window, import_course)
    help_menu = bar.addMenu(_tr("&Help"))
    help_menu.addAction(_action(window, _tr("&Safety information"),
                                lambda: show_safety_info(window), "F1"))
    help_menu.addAction(_action(window, _tr("&About tpguide"), lambda: show_about(window)))


def _routine_menu(host: MenuHost, window: QMainWindow) -> None:
    """Actions on the routine shown now; enabled only while its page is shown."""
    menu = window.menuBar().addMenu(_tr("&Routine"))
    menu.setObjectName("RoutineMenu")
    start = _action(window, _tr("&Start this routine"), host.start_selected)
    handout = _action(window, _tr("&Print / Export PDF…"),
                      lambda: host.sharing.print_handout(), "Ctrl+P")
    export = _action(window, _tr("&Export routine…"), host.sharing.export_routine,
                     "Ctrl+E")
    for action in (start, handout, export):
        menu.addAction(action)

    def follow() -> None:
        shown = host.shown_routine() is not None
        for action in (handout, export):
            action.setEnabled(shown)
        start.setEnabled(shown and host.start_guard.allowed())

    host.start_guard.follow(lambda _allowed: follow())
    host.pages.currentChanged.connect(lambda _index: follow())
    host.library.itemSelected.connect(lambda _item: follow())
    menu.aboutToShow.connect(follow)
    follow()


def _courses_menu(host: MenuHost, window: QMainWindow, import_course: QAction) -> None:
    menu = window.menuBar().addMenu(_tr("C&ourses"))
    menu.setObjectName("CoursesMenu")
    menu.addAction(_action(window, _tr("&Today's courses"), lambda: host.courses.show_today()))
    menu.addAction(_action(window, _tr("C&ourses…"), lambda: _open_courses(host)))
    menu.addAction(_action(window, _tr("&New course…"), lambda: host.courses.open_editor()))
    menu.addAction(import_course)


def _open_courses(host: MenuHost) -> None:
    """The course editor with the latest assigned course (or a new one when there is none)."""
    assigned = host.courses.active_courses()
    host.courses.open_editor(assigned[0] if assigned else None)


def show_safety_info(parent: QWidget) -> QDialog:
    """The safety gate's wording again, in the gate's own widgets (non-modal, nothing to sign)."""
    from tpguide.core import safety_text
    from tpguide.ui.widgets.plain import plain_label
    from tpguide.ui.widgets.safety_pages import section_widget

    dialog = QDialog(parent)
    dialog.setObjectName("SafetyInformation")
    dialog.setWindowTitle(_tr("Safety information"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    content = QWidget()
    col = QVBoxLayout(content)
    col.addWidget(plain_label(QCoreApplication.translate(safety_text.CONTEXT,
                                                         safety_text.INTRO), "big"))
    for section in safety_text.all_sections():
        col.addWidget(section_widget(section, 1.05))
    col.addStretch(1)
    scroll = QScrollArea(dialog)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setAccessibleName(_tr("Safety information text"))
    scroll.setWidget(content)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    outer = QVBoxLayout(dialog)
    outer.addWidget(scroll, 1)
    outer.addWidget(buttons)
    fit_to_screen(dialog, QSize(720, 640))
    dialog.show()
    return dialog


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("About tpguide"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_tr("tpguide {version}\n\nGuided trigger point self-massage for the head, "
                    "neck and shoulders. It does not diagnose and does not replace a "
                    "doctor.").format(version=__version__))
    box.setIcon(QMessageBox.Icon.Information)
    box.open()
