"""The main window's menus and shortcuts: File, Go and Help (safety notes and About)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tpguide import __version__

if TYPE_CHECKING:
    from tpguide.ui.shell.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainMenus", text)


def _action(window: MainWindow, text: str, slot: object, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def install(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(_tr("&File"))
    file_menu.addAction(_action(window, _tr("&Open a routine…"), window.open_dialog,
                                "Ctrl+O"))
    file_menu.addAction(_action(window, _tr("&New routine"), window.new_routine, "Ctrl+N"))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, _tr("&Import routines from zip…"),
                                window.sharing.import_dialog))
    file_menu.addAction(_action(window, _tr("Export &several as zip…"),
                                window.sharing.export_several))
    import_course = _action(window, _tr("Import &course…"),
                            lambda: window.courses.import_dialog())
    file_menu.addAction(import_course)
    file_menu.addSeparator()
    file_menu.addAction(_action(window, _tr("&Quit"), window.close, "Ctrl+Q"))
    go = bar.addMenu(_tr("&Go"))
    go.addAction(_action(window, _tr("&Library search"), lambda: _focus_search(window),
                         "Ctrl+L"))
    go.addAction(_action(window, _tr("&Start"), window.start_selected, "Ctrl+Return"))
    go.addAction(_action(window, _tr("&Where does it hurt?"),
                         lambda: window.show_page("finder"), "F2"))
    go.addAction(_action(window, _tr("&Atlas"), lambda: window.show_page("atlas"), "F3"))
    go.addAction(_action(window, _tr("&History"), lambda: window.show_page("history"),
                         "F4"))
    go.addAction(_action(window, _tr("S&ettings"), lambda: window.show_page("settings"),
                         "Ctrl+,"))
    calm = _action(window, _tr("&Calm mode"), lambda on: window.settings.update(calm=on),
                   "Ctrl+M")
    calm.setCheckable(True)
    calm.setChecked(window.settings.settings().calm)
    window.settings.changed.connect(lambda s: calm.setChecked(s.calm))
    go.addAction(calm)
    _routine_menu(window)
    _courses_menu(window, import_course)
    help_menu = bar.addMenu(_tr("&Help"))
    help_menu.addAction(_action(window, _tr("&Safety information"),
                                lambda: show_safety_info(window), "F1"))
    help_menu.addAction(_action(window, _tr("&About tpguide"), lambda: show_about(window)))


def _routine_menu(window: MainWindow) -> None:
    """Actions on the routine shown now; enabled only while its page is shown."""
    menu = window.menuBar().addMenu(_tr("&Routine"))
    menu.setObjectName("RoutineMenu")
    start = _action(window, _tr("&Start this routine"), window.start_selected)
    handout = _action(window, _tr("&Print / Export PDF…"), window.sharing.print_handout,
                      "Ctrl+P")
    export = _action(window, _tr("&Export routine…"), window.sharing.export_routine,
                     "Ctrl+E")
    for action in (start, handout, export):
        menu.addAction(action)

    def follow() -> None:
        shown = window.shown_routine() is not None
        for action in (start, handout, export):
            action.setEnabled(shown)

    window.pages.currentChanged.connect(lambda _index: follow())
    window.library.itemSelected.connect(lambda _item: follow())
    menu.aboutToShow.connect(follow)
    follow()


def _courses_menu(window: MainWindow, import_course: QAction) -> None:
    menu = window.menuBar().addMenu(_tr("C&ourses"))
    menu.setObjectName("CoursesMenu")
    menu.addAction(_action(window, _tr("&Today's courses"), lambda: window.courses.show_today()))
    menu.addAction(_action(window, _tr("C&ourses…"), lambda: _open_courses(window)))
    menu.addAction(_action(window, _tr("&New course…"), lambda: window.courses.open_editor()))
    menu.addAction(import_course)


def _open_courses(window: MainWindow) -> None:
    """The course editor with the latest assigned course (or a new one when there is none)."""
    assigned = window.courses.active_courses()
    window.courses.open_editor(assigned[0] if assigned else None)


def _focus_search(window: MainWindow) -> None:
    window.library.focus_search()


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
    dialog.resize(720, 640)
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
