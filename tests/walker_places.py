"""Every page and dialog the walker looks at, in the order a new user meets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from tests.walker import Walker
    from tpguide.ui.shell.main_window import MainWindow


HISTORY_TABS = ("Sessions", "Pain over time", "Summary", "Headaches", "Your points", "Courses")
"""The History page's tabs, named in English in every language's walk."""


def _top(kind: type) -> QWidget | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def main_window(walker: Walker) -> MainWindow:
    from tpguide.ui.app import build_window

    window = build_window(walker.app)
    window.showMaximized()
    finished: list[bool] = []
    window.startupFinished.connect(lambda: finished.append(True))
    walker.settle(lambda: bool(finished))
    return window


def pages(walker: Walker, window: MainWindow) -> None:
    from tpguide.core.library.catalog import Group

    walker.look("start page", window)
    for item in window.library.items(Group.BUILTIN):
        window.library.select_path(item.path)
        walker.look(f"routine page {item.path.stem}", window)
    broken = next(i for i in window.library.items(Group.MINE) if not i.ok)
    window.library.select_path(broken.path)
    walker.look("problems page", window)
    window.start_selected()
    box = _top(QMessageBox)
    if box is not None:
        walker.look("cannot start message", box)
        box.close()
    atlas = window.show_page("atlas")
    points = atlas.points  # type: ignore[attr-defined]
    longest = max(atlas._atlas.points.values(), key=lambda p: len(p.name))  # type: ignore[attr-defined]
    atlas.show_point(longest.id)  # type: ignore[attr-defined]
    points.scrollToTop()
    walker.look("atlas", window)
    finder = window.show_page("finder")
    finder.choose_zone("zone-temple")  # type: ignore[attr-defined]
    walker.look("where does it hurt, points", window)
    finder.make_routine()  # type: ignore[attr-defined]
    walker.look("where does it hurt, the short routine", window)
    history = window.show_page("history")
    walker.settle(lambda: hasattr(window.pages.page("history"), "tabs"))
    history = window.pages.page("history")
    tabs = history.tabs  # type: ignore[attr-defined]
    english = {QCoreApplication.translate("history", name): name for name in HISTORY_TABS}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        walker.look(f"history, {english.get(tabs.tabText(index), tabs.tabText(index))}", window)
    window.show_page("settings")
    walker.look("settings", window)
    window.show_page("welcome")


def dialogs(walker: Walker, window: MainWindow) -> None:
    from tpguide.ui.handout.for_whom import ForWhomDialog
    from tpguide.ui.shell import menus
    from tpguide.ui.shell.sharing import ChooseRoutines
    from tpguide.ui.widgets.pain_rating import PainRatingDialog
    from tpguide.ui.widgets.safety_pages import RedFlagsAgainDialog, SafetyDialog

    gentle = next(i.title for i in window.library.items()  # as the app passes it
                  if i.path.stem == "gentle-headache")
    history = window.pages.page("history")
    log = history.log_headache()  # type: ignore[attr-defined]
    walker.look("log a headache", log)
    log.form.took_medicine.setChecked(True)
    walker.look("log a headache, with medicine", log)
    log.close()
    for name, dialog in (("safety notes before the first session", SafetyDialog(window)),
                         ("warning signs again", RedFlagsAgainDialog(window)),
                         ("pain before", PainRatingDialog("before", window)),
                         ("pain after", PainRatingDialog("after", window)),
                         ("who is the handout for", ForWhomDialog(gentle, window)),
                         ("export several", ChooseRoutines(window.library.items(), None,
                                                           window))):
        dialog.show()
        walker.look(name, dialog)
        dialog.close()
    care_dialogs(walker, window)
    info = menus.show_safety_info(window)
    walker.look("safety information", info)
    info.close()
    editor = window.courses.open_editor()
    walker.look("course editor, new course", editor)
    editor.title_edit.setText("Neck")
    walker.look("course editor, typing", editor)
    editor.files.ask_discard = lambda: True  # type: ignore[method-assign]
    editor.close()
    window.files.new_routine()
    from tpguide.ui.editor.window import EditorWindow

    routine_editor = _top(EditorWindow)
    if routine_editor is not None:
        walker.look("routine editor, new routine", routine_editor)
        routine_editor.close()


def care_dialogs(walker: Walker, window: MainWindow) -> None:
    """The History page's report preview and "Delete all my data", reached by their real
    buttons (so a lost connection would show here), then the therapist's Clients page."""
    from PySide6.QtWidgets import QPushButton

    from tpguide.ui.diary.care_actions import DeleteAllDialog
    from tpguide.ui.diary.report_preview import ReportPreview

    history = window.pages.page("history")
    buttons = {b.text(): b for b in history.findChildren(QPushButton)}
    for text, kind, name in (("Send to my therapist…", ReportPreview, "send to my therapist"),
                             ("Print a report for my doctor…", ReportPreview, "doctor report"),
                             ("Delete all my data…", DeleteAllDialog, "delete all my data")):
        buttons[QCoreApplication.translate("DiaryCare", text)].click()  # in the walk's language
        dialog = _top(kind)
        assert dialog is not None, f"{text} opened nothing"
        walker.look(name, dialog)
        dialog.close()
    window.settings.update(therapist=True)
    window.clients_button.click()
    walker.look("clients page", window)
    window.settings.update(therapist=False)


def session(walker: Walker, window: MainWindow) -> None:
    from tests.session_helpers import FakeClock
    from tpguide.core.library.catalog import Group
    from tpguide.core.session.cues import RecordingCuePlayer

    routine = next(i.result.routine for i in window.library.items(Group.BUILTIN)
                   if i.result.routine is not None and i.result.routine.id == "gentle-headache")
    clock = FakeClock()
    opened = window.launcher.open(routine, window, cue_player=RecordingCuePlayer(clock),
                                  clock=clock)
    assert opened is not None
    walker.look("session, before Start", opened)
    controller = opened.controller
    controller.start()
    walker.look("session, get ready", opened)
    for kind in ("press", "release"):
        while controller.snapshot().phase.kind != kind:
            clock.advance(0.5)
            controller.wake()
        walker.look(f"session, {kind}", opened)
    opened.unwell()
    walker.look("session, I feel unwell", opened)
    opened.close()


def visit_all(walker: Walker) -> None:
    window = main_window(walker)
    pages(walker, window)
    dialogs(walker, window)
    session(walker, window)
