"""The main window: entry points, open and import, the safety gate on every start, live reload."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QImage,
    QPalette,
    QRegion,
)
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide import paths
from tpguide.core.library.catalog import Group
from tpguide.core.routines.routine import Routine
from tpguide.core.settings import SettingsStore
from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.shell import menus as main_menus
from tpguide.ui.shell.main_window import MainWindow
from tpguide.ui.shell.routine_files import Clash
from tpguide.ui.widgets.safety_pages import require_safety
from tpguide.ui.widgets.settings_owner import SettingsOwner

GOOD = """\
tpguide: 1
id: {id}
title: {title}
summary: A short test routine.
tags: [test]
steps:
  - point: upper-trapezius.1
  - rest: 10s
  - point: temporalis.1
"""
BROKEN = "tpguide: 1\nid: Bad Id\ntitle: Broken\nsteps:\n  - point: upper-trapezius.9\n"
HOSTILE_TITLE = "<b>x</b><img src=data:image/png;base64,AAAA>"


@dataclass
class Recorder:
    """A gate and a session starter that only remember what they were asked."""

    allow: bool = True
    gates: int = 0
    started: list[Routine] = field(default_factory=list)

    def gate(self, parent: QWidget | None, settings: SettingsOwner) -> bool:
        self.gates += 1
        return self.allow

    def start(self, routine: Routine, parent: QWidget | None, settings: SettingsOwner,
              **options: object) -> FakeSession:
        self.started.append(routine)
        return FakeSession()

    def launcher(self, gate: object = None) -> SessionLauncher:
        owner = SettingsOwner(SettingsStore())
        return SessionLauncher(owner, gate=gate or self.gate,  # type: ignore[arg-type]
                               opener=self.start)


class FakeSession(QWidget):
    """Stands in for a session window: never shown, so it never blocks a second start."""

    closed = Signal()


def make_window(qtbot: QtBot, recorder: Recorder | None = None, **kwargs: object) -> MainWindow:
    rec = recorder or Recorder()
    launcher = rec.launcher()
    window = MainWindow(launcher.settings, launcher=launcher, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def good(name: str = "mine", title: str = "Mine") -> str:
    return GOOD.format(id=name, title=title)


def drag_enter(window: MainWindow, mime: QMimeData) -> QDragEnterEvent:
    with warnings.catch_warnings():  # PySide6 marks the QPoint constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    return enter


def drop(window: MainWindow, files: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    assert drag_enter(window, mime).isAccepted()
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event


# ---------------------------------------------------------------------- first screen
def test_first_screen_has_every_entry_point_and_start_works_at_once(qtbot: QtBot) -> None:
    rec = Recorder()
    window = make_window(qtbot, rec)
    assert window.current_page() == "welcome"
    header = window.header
    for button in (header.start, header.finder, header.atlas, header.history, header.new,
                   header.calm, header.settings):
        assert button.isVisible() and button.height() >= 44
    assert header.calm.isCheckable()
    assert window.library.items(Group.BUILTIN)
    qtbot.mouseClick(header.start, Qt.MouseButton.LeftButton)
    assert rec.gates == 1 and len(rec.started) == 1
    assert "gentle" in rec.started[0].tags


@pytest.mark.parametrize(("button", "page"), [
    ("finder", "finder"), ("atlas", "atlas"), ("history", "history"), ("settings", "settings"),
])
def test_each_entry_point_is_one_click_away(qtbot: QtBot, button: str, page: str) -> None:
    window = make_window(qtbot)
    qtbot.mouseClick(getattr(window.header, button), Qt.MouseButton.LeftButton)
    assert window.current_page() == page


def test_heavy_pages_are_built_only_when_first_shown(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    assert set(window.pages.built()) == {"welcome"}
    window.show_page("atlas")
    assert "atlas" in window.pages.built()
    window.show_item(window.library.items(Group.BUILTIN)[0])
    assert window.current_page() == "routine"
    assert set(window.pages.built()) == {"welcome", "atlas", "routine"}


def test_calm_mode_is_one_click_from_the_first_screen_and_saved(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    qtbot.mouseClick(window.header.calm, Qt.MouseButton.LeftButton)
    assert SettingsStore().load().calm is True
    assert window.settings.settings().calm is True
    window.settings.update(calm=False)
    assert not window.header.calm.isChecked()


# ---------------------------------------------------------------------- the safety gate
def _start_from_library(window: MainWindow, tmp_path: Path) -> None:
    item = window.library.items(Group.BUILTIN)[0]
    window.library.select_path(item.path)
    window.routine_page.start_button.click()


def _start_after_open(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(write(tmp_path / "opened.yaml", good("opened", "Opened")))
    assert window.current_page() == "routine"
    window.routine_page.start_button.click()


def _start_after_drop(window: MainWindow, tmp_path: Path) -> None:
    drop(window, [write(tmp_path / "dropped.yaml", good("dropped", "Dropped"))])
    assert window.routine_page.routine() is not None
    window.routine_page.start_button.click()


def _start_from_finder(window: MainWindow, tmp_path: Path) -> None:
    finder = window.show_page("finder")
    finder.choose_zone("zone-temple")  # type: ignore[attr-defined]
    finder.routine_button.click()  # type: ignore[attr-defined]  # shows what it made
    finder.start_button.click()  # type: ignore[attr-defined]


def _start_from_header(window: MainWindow, tmp_path: Path) -> None:
    window.header.start.click()


def _start_by_enter_in_library(window: MainWindow, tmp_path: Path) -> None:
    tree = window.library._tree
    window.library.select_path(window.library.items(Group.BUILTIN)[1].path)
    tree.itemActivated.emit(tree.currentItem(), 0)


STARTS = [_start_from_library, _start_after_open, _start_after_drop, _start_from_finder,
          _start_from_header, _start_by_enter_in_library]


@pytest.mark.parametrize("start", STARTS, ids=lambda f: f.__name__)
def test_a_gate_that_says_no_blocks_every_way_in(
    qtbot: QtBot, tmp_path: Path, start: object
) -> None:
    rec = Recorder(allow=False)
    window = make_window(qtbot, rec)
    start(window, tmp_path)  # type: ignore[operator]
    assert rec.gates == 1
    assert rec.started == []


@pytest.mark.parametrize("start", STARTS, ids=lambda f: f.__name__)
def test_a_gate_that_says_yes_lets_each_start(qtbot: QtBot, tmp_path: Path, start: object) -> None:
    rec = Recorder(allow=True)
    window = make_window(qtbot, rec)
    start(window, tmp_path)  # type: ignore[operator]
    assert rec.gates == 1 and len(rec.started) == 1


@pytest.mark.parametrize("start", STARTS, ids=lambda f: f.__name__)
def test_the_real_gate_unacknowledged_shows_its_dialog_and_blocks(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: object
) -> None:
    from tpguide.ui.widgets import safety_pages as safety

    shown: list[QDialog] = []

    def refuse(dialog: QDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(safety.SafetyDialog, "exec", refuse)
    rec = Recorder()
    launcher = rec.launcher(gate=require_safety)
    window = MainWindow(launcher.settings, launcher=launcher)
    qtbot.addWidget(window)
    window.show()
    assert SettingsStore().load().safety_acknowledged is False
    start(window, tmp_path)  # type: ignore[operator]
    assert len(shown) == 1
    assert rec.started == []
    assert "safety" in window.statusBar().currentMessage()


def test_finder_routine_is_loaded_and_then_gated(qtbot: QtBot) -> None:
    rec = Recorder()
    window = make_window(qtbot, rec)
    finder = window.show_page("finder")
    finder.choose_zone("zone-temple")  # type: ignore[attr-defined]
    text = finder.make_routine()  # type: ignore[attr-defined]
    assert text and rec.gates == 0  # shown first, not started
    finder.start_made()  # type: ignore[attr-defined]
    assert rec.gates == 1
    assert rec.started[0].id.startswith("where-it-hurts")


def test_finder_text_that_does_not_load_shows_diagnostics_not_a_session(qtbot: QtBot) -> None:
    rec = Recorder()
    window = make_window(qtbot, rec)
    assert window.start_text(BROKEN) is False
    assert rec.started == [] and rec.gates == 0
    assert window.current_page() == "problems"


def test_help_shows_the_safety_text_again(qtbot: QtBot) -> None:
    from tpguide.core import safety_text

    window = make_window(qtbot)
    dialog = main_menus.show_safety_info(window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    for section in safety_text.all_sections():
        assert section.title in texts
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in dialog.findChildren(QLabel))
    help_menu = [a for a in window.menuBar().actions() if "Help" in a.text()][0].menu()
    assert any("Safety" in a.text() for a in help_menu.actions())
    assert any("About" in a.text() for a in help_menu.actions())


# ---------------------------------------------------------------------- open, drop, import
def test_a_broken_file_shows_its_problems_and_stays_listed(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    path = write(tmp_path / "broken.yaml", BROKEN)
    item = window.open_file(path)
    assert not item.ok
    assert window.current_page() == "problems"
    lines = window.diagnostics.lines()
    assert lines and lines[0].startswith("broken.yaml:2:")
    assert any(": error: " in line and "upper-trapezius.9" in line for line in lines)
    assert window.library.item_at(path) is not None


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"[" * 5000, b"", b"- - - -"])
def test_garbage_never_crashes_the_window(qtbot: QtBot, tmp_path: Path, content: bytes) -> None:
    window = make_window(qtbot)
    path = tmp_path / "garbage.yaml"
    path.write_bytes(content)
    window.open_file(path)
    assert window.current_page() == "problems"
    assert window.diagnostics.lines()


def test_an_unreadable_path_is_a_problem_not_a_crash(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    window.open_file(tmp_path / "missing.yaml")
    assert window.current_page() == "problems"
    assert "cannot be read" in window.diagnostics.lines()[0]


def test_dropping_a_yaml_file_opens_it_for_this_run(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    path = write(tmp_path / "dropped.yaml", good("dropped", "Dropped routine"))
    event = drop(window, [path])
    assert event.isAccepted()
    assert window.library.item_at(path).group is Group.OPENED  # type: ignore[union-attr]
    assert window.routine_page.title.text() == "Dropped routine"
    assert not (paths.user_routines_dir() / "dropped.yaml").exists()


def test_other_dropped_files_are_refused(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write(tmp_path / "notes.txt", "hi")))])
    assert not drag_enter(window, mime).isAccepted()


def test_add_to_my_routines_copies_into_the_user_folder(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    source = write(tmp_path / "share.yaml", good("share", "Shared"))
    window.open_file(source)
    assert window.routine_page.add_button.isVisible()
    window.routine_page.add_button.click()
    target = paths.user_routines_dir() / "share.yaml"
    assert target.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert window.library.current().path == target  # type: ignore[union-attr]
    assert window.library.item_at(target).group is Group.MINE  # type: ignore[union-attr]


@pytest.mark.parametrize(("choice", "expect"), [
    (Clash.REPLACE, {"share.yaml": "New"}),
    (Clash.KEEP_BOTH, {"share.yaml": "Old", "share-2.yaml": "New"}),
    (Clash.CANCEL, {"share.yaml": "Old"}),
])
def test_a_name_clash_asks_and_never_silently_overwrites(
    qtbot: QtBot, tmp_path: Path, choice: Clash, expect: dict[str, str]
) -> None:
    write(paths.user_routines_dir() / "share.yaml", good("share", "Old"))
    window = make_window(qtbot, watch=False)
    asked: list[Path] = []
    window.files.ask_clash = lambda target: (asked.append(target), choice)[1]
    window.files.add_to_mine(write(tmp_path / "share.yaml", good("share", "New")))
    assert asked == [paths.user_routines_dir() / "share.yaml"]
    found = {p.name: p.read_text(encoding="utf-8") for p in paths.user_routines_dir().iterdir()}
    assert set(found) == set(expect)
    for name, title in expect.items():
        assert f"title: {title}\n" in found[name]


def test_the_same_content_is_not_asked_about(qtbot: QtBot, tmp_path: Path) -> None:
    write(paths.user_routines_dir() / "share.yaml", good("share", "Same"))
    window = make_window(qtbot, watch=False)
    window.files.ask_clash = lambda target: pytest.fail("asked about identical content")
    assert window.files.add_to_mine(write(tmp_path / "share.yaml", good("share", "Same")))


def test_builtins_are_read_only_and_edit_a_copy_goes_to_my_routines(qtbot: QtBot) -> None:
    window = make_window(qtbot, watch=False)
    builtin = window.library.items(Group.BUILTIN)[0]
    window.library.select_path(builtin.path)
    page = window.routine_page
    assert page.copy_button.isVisible() and not page.edit_button.isVisible()
    with qtbot.waitSignal(window.editRequested) as signal:
        page.copy_button.click()
    copy = Path(signal.args[0])
    assert copy.parent == paths.user_routines_dir() and copy.name == builtin.path.name
    assert builtin.path.read_bytes() == copy.read_bytes()
    assert window.routine_page.edit_button.isVisible()


def test_edit_goes_to_an_attached_editor(qtbot: QtBot) -> None:
    window = make_window(qtbot, watch=False)
    edited: list[Path] = []
    news: list[bool] = []
    window.attach_editor(edited.append, lambda: news.append(True))
    own = write(paths.user_routines_dir() / "own.yaml", good("own", "Own"))
    window.library.reload_mine()
    window.library.select_path(own)
    window.routine_page.edit_button.click()
    assert edited == [own]
    with qtbot.waitSignal(window.newRoutineRequested):
        window.header.new.click()
    assert news == [True]


def test_new_routine_without_an_editor_writes_a_valid_starter(qtbot: QtBot) -> None:
    window = make_window(qtbot, watch=False)
    with qtbot.waitSignal(window.editRequested) as signal:
        window.header.new.click()
    path = Path(signal.args[0])
    assert path.parent == paths.user_routines_dir()
    item = window.library.item_at(path)
    assert item is not None and item.ok
    window.header.new.click()
    assert (paths.user_routines_dir() / "my-routine-2.yaml").exists()


# ---------------------------------------------------------------------- plain text
def test_routine_text_is_never_read_as_html(qtbot: QtBot, tmp_path: Path) -> None:
    text = good("hostile", f'"{HOSTILE_TITLE}"').replace(
        "summary: A short test routine.", "summary: <i>sum</i><a href=x>link</a>")
    text += "description: <h1>big</h1>\nauthor: <u>me</u>\nsafety: [\"<b>careful</b>\"]\n"
    window = make_window(qtbot)
    window.open_file(write(tmp_path / "hostile.yaml", text))
    page = window.routine_page
    assert page.title.text() == HOSTILE_TITLE
    assert page.summary.text() == "<i>sum</i><a href=x>link</a>"
    assert page.description.text() == "<h1>big</h1>"
    assert "<u>me</u>" in page.meta.text()
    assert "<b>careful</b>" in page.author_notes.text()
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    row = window.library._tree.currentItem()
    assert row is not None and row.text(0).startswith(HOSTILE_TITLE)


def test_the_title_is_painted_as_literal_characters(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    window.open_file(write(tmp_path / "h.yaml", good("h", f'"{HOSTILE_TITLE}"')))
    label = window.routine_page.title

    def ink(widget: QLabel) -> QImage:
        image = QImage(label.size(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        widget.render(image, QPoint(), QRegion(),
                      QWidget.RenderFlag.DrawChildren)  # text only, no background
        return image

    def reference(fmt: Qt.TextFormat) -> QImage:
        ref = QLabel()
        qtbot.addWidget(ref)
        ref.setFont(label.font())
        ref.setPalette(label.palette())
        ref.setWordWrap(True)
        ref.setTextFormat(fmt)
        ref.setText(HOSTILE_TITLE)
        ref.resize(label.size())
        return ink(ref)

    shown = ink(label)
    assert shown == reference(Qt.TextFormat.PlainText)
    assert shown != reference(Qt.TextFormat.RichText)


# ---------------------------------------------------------------------- routine page
def test_routine_page_shows_steps_and_every_point(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    entry = next(i for i in window.library.items(Group.BUILTIN) if i.ok)
    window.library.select_path(entry.path)
    routine = entry.result.routine
    assert routine is not None
    page = window.routine_page
    assert page.title.text() == routine.title
    assert page.steps.rowCount() == len(routine.steps)
    shown = {pid for view in page.body_views().values() for pid in view.point_ids()}
    assert shown == {s.point for s in routine.point_steps}
    first = routine.point_steps[0].point
    page.steps.select_point(first)
    assert any(v.selected_point() == first for v in page.body_views().values())


def test_clicking_the_chosen_routine_again_returns_to_its_page(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    entry = window.library.items(Group.BUILTIN)[0]
    window.library.select_path(entry.path)
    window.show_page("atlas")
    tree = window.library._tree
    row = tree.currentItem()
    assert row is not None
    rect = tree.visualItemRect(row)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "routine"


# ---------------------------------------------------------------------- live reload
def test_live_reload_sees_new_changed_broken_and_removed_files(qtbot: QtBot) -> None:
    folder = paths.ensure(paths.user_routines_dir())
    window = make_window(qtbot)
    target = folder / "live.yaml"
    write(target, good("live", "Live one"))
    qtbot.waitUntil(lambda: window.library.item_at(target) is not None, timeout=5000)
    window.library.select_path(target)
    assert window.routine_page.title.text() == "Live one"

    write(target, good("live", "Live two"))
    qtbot.waitUntil(lambda: window.routine_page.title.text() == "Live two", timeout=5000)

    write(target, BROKEN)
    qtbot.waitUntil(lambda: window.current_page() == "problems", timeout=5000)
    assert any("upper-trapezius.9" in line for line in window.diagnostics.lines())

    tmp = folder / ".live.yaml.tmp"
    write(tmp, good("live", "Renamed in"))
    os.replace(tmp, target)  # how editors save
    qtbot.waitUntil(lambda: window.current_page() == "routine"
                    and window.routine_page.title.text() == "Renamed in", timeout=5000)

    target.unlink()
    qtbot.waitUntil(lambda: window.library.item_at(target) is None, timeout=5000)
    assert window.current_page() == "welcome"


def test_a_burst_of_writes_is_read_once_after_it_settles(qtbot: QtBot) -> None:
    folder = paths.ensure(paths.user_routines_dir())
    window = make_window(qtbot)
    assert window.watch is not None
    reports: list[list[Path]] = []
    window.watch.changed.connect(reports.append)
    for i in range(5):
        write(folder / f"burst{i}.yaml", good(f"burst{i}", f"Burst {i}"))
    qtbot.waitUntil(lambda: len(window.library.items(Group.MINE)) == 5, timeout=5000)
    qtbot.waitUntil(lambda: not window.watch.is_settling(), timeout=5000)  # type: ignore[union-attr]
    assert len(reports) == 1 and len(reports[0]) == 5


# ---------------------------------------------------------------------- history hook
def test_history_placeholder_asks_for_and_takes_the_real_widget(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    with qtbot.waitSignal(window.historyRequested):
        window.show_page("history")
    real = QWidget()
    real.setAccessibleName("Real history")
    window.set_history_widget(real)
    assert window.pages.page("history") is real
    assert window.current_page() == "history"
    with qtbot.assertNotEmitted(window.historyRequested):
        window.show_page("history")


# ---------------------------------------------------------------------- accessibility
@pytest.mark.parametrize("page", ["welcome", "routine", "problems", "atlas", "finder",
                                  "history", "settings"])
def test_every_control_has_a_unique_name(qtbot: QtBot, tmp_path: Path, page: str) -> None:
    window = make_window(qtbot)
    window.open_file(write(tmp_path / "ok.yaml", good("ok", "Fine")))
    window.open_file(write(tmp_path / "bad.yaml", BROKEN))
    if page == "routine":
        window.library.select_path(tmp_path / "ok.yaml")
    window.show_page(page)
    assert window.current_page() == page
    assert_accessible(window)


def test_keyboard_reaches_the_library_and_moves_through_it(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.activateWindow()
    window.library.focus_list()
    tree = window.library._tree
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.library.current() is not None
    assert window.current_page() in ("routine", "problems")


# ---------------------------------------------------------------------- start-up cost
@pytest.mark.slow
def test_the_window_starts_without_multimedia_or_history(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tpguide.ui.app import make_application, build_window\n"
        "app = make_application(); w = build_window(app); w.show(); app.processEvents()\n"
        "heavy = [m for m in ('PySide6.QtMultimedia', 'PySide6.QtTextToSpeech',"
        " 'tpguide.core.diary.store', 'tpguide.ui.run_command', 'tpguide.ui.diary.page')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TPGUIDE_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# ---------------------------------------------------------------------- the real app
def test_the_real_gate_and_session_start_once_acknowledged(qtbot: QtBot) -> None:
    from dataclasses import replace

    store = SettingsStore()
    store.save(replace(store.load(), safety_acknowledged=True))
    window = MainWindow(SettingsOwner(SettingsStore()))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sessionStarted) as signal:
        assert window.start_selected()
    session = signal.args[0]
    assert isinstance(session, QWidget) and session.isVisible()
    session.close()


def test_run_gui_sets_identity_applies_settings_and_opens_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from tpguide import APP_ID
    from tpguide.ui import app as app_module
    from tpguide.ui.widgets.theme import contrast_ratio

    store = SettingsStore()
    store.save(replace(store.load(), theme="dark", larger_text=True))
    path = write(tmp_path / "given.yaml", good("given", "Given on the command line"))
    seen: dict[str, object] = {}
    built: list[MainWindow] = []
    real_build = app_module.build_window

    def build(app: QApplication) -> MainWindow:
        built.append(real_build(app))
        return built[-1]

    def fake_exec() -> int:
        qapp = QApplication.instance()
        assert isinstance(qapp, QApplication)
        window = built[0]
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.current_page() == "routine")
        palette = qapp.palette()
        seen.update(
            title=window.routine_page.title.text(), name=qapp.applicationName(),
            desktop=qapp.desktopFileName(), icon=not qapp.windowIcon().isNull(),
            window=palette.window().color().name(), text=palette.windowText().color().name(),
            font=qapp.font().pointSizeF(),
        )
        window.settings.update(theme="light", larger_text=False)
        seen["light"] = qapp.palette().window().color().name()
        seen["smaller"] = qapp.font().pointSizeF()
        window.close()
        return 0

    monkeypatch.setattr(app_module, "_exec", fake_exec)
    monkeypatch.setattr(app_module, "build_window", build)
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    look = (QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet())
    try:
        assert app_module.run_gui(str(path)) == 0
    finally:  # later tests share this QApplication
        qapp.setPalette(look[0])
        qapp.setFont(look[1])
        qapp.setStyleSheet(look[2])
    assert seen["title"] == "Given on the command line"
    assert (seen["name"], seen["desktop"], seen["icon"]) == ("tpguide", APP_ID, True)
    assert QColor(str(seen["window"])).lightness() < 80
    assert contrast_ratio(str(seen["text"]), str(seen["window"])) >= 4.5
    assert QColor(str(seen["light"])).lightness() > 200
    assert float(seen["smaller"]) < float(seen["font"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------- built-in ids, duplicates
BUILTIN_ID = "tension-headache-basic"


def _rows(window: MainWindow) -> list[str]:
    from tpguide.ui.library.sidebar import tree_leaves

    return [row.text(0) for row in tree_leaves(window.library._tree)]  # noqa: SLF001


def test_a_pack_with_a_built_in_id_asks_and_a_duplicate_id_is_said(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import zipfile

    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("mine.yaml", good(BUILTIN_ID, "My tension routine"))
        z.writestr("a.yaml", good("twice", "First"))
        z.writestr("b.yaml", good("twice", "Second"))
    window = make_window(qtbot, watch=False)
    asked: list[tuple[str, bool]] = []
    window.sharing.ask_resolution = lambda parent, clash: (
        asked.append((clash.routine_id, clash.builtin)), "replace")[1]
    written = window.sharing.import_zip(archive)
    assert asked == [(BUILTIN_ID, True)]  # the duplicate is not a question
    assert sorted(p.name for p in written) == [f"{BUILTIN_ID}.tpguide.yaml", "twice.tpguide.yaml"]
    assert window.sharing.report == [
        f"✓ 'mine.yaml': imported as “My tension routine” ({BUILTIN_ID}.tpguide.yaml), used "
        "instead of the built-in routine with this id",
        "✓ 'a.yaml': imported as “First” (twice.tpguide.yaml)",
        "✗ 'b.yaml': not imported: it has the same id ('twice') as 'a.yaml' earlier in this "
        "archive; only that one is imported",
    ]
    rows = _rows(window)
    assert any(r.startswith("My tension routine\n") and "used instead of the built-in one" in r
               for r in rows)
    assert sum("hidden by yours with the same id" in r for r in rows) == 1


@pytest.mark.parametrize(("answer", "files"), [
    ("keep-both", [f"{BUILTIN_ID}-2.tpguide.yaml"]),
    ("replace", ["given.yaml"]),
    ("skip", []),
])
def test_adding_a_file_with_a_built_in_id_asks_first(
    qtbot: QtBot, tmp_path: Path, answer: str, files: list[str]
) -> None:
    window = make_window(qtbot, watch=False)
    source = write(tmp_path / "given.yaml", good(BUILTIN_ID, "Given to me"))
    window.open_file(source)
    asked: list[str] = []
    window.files.ask_builtin = lambda parent, clash: (  # type: ignore[assignment]
        asked.append(clash.routine_id), answer)[1]
    window.routine_page.add_button.click()
    assert asked == [BUILTIN_ID]
    folder = paths.user_routines_dir()
    assert (sorted(p.name for p in folder.iterdir()) if folder.exists() else []) == files
