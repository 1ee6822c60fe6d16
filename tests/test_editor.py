"""The routine editor window: authoring, reordering, inheritance, saving and its safeguards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.test_editing import RICH
from tpguide import paths, resources
from tpguide.core.routines import editing
from tpguide.core.routines.editing import PointDraft, RestDraft, RoutineDraft, same_routine
from tpguide.core.routines.loader import load_routine_file, load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.settings import SettingsStore
from tpguide.ui.editor import opener as editor_open
from tpguide.ui.editor.opener import CannotEditError, editor_for_file, open_editor
from tpguide.ui.editor.settings import PressureSpin, SecondsSpin
from tpguide.ui.editor.steps import MIME
from tpguide.ui.editor.window import EditorWindow

HAND_WRITTEN = RICH.replace("steps:\n", "# my notes for Mrs. K.\nsteps:\n")


class Answers:
    """Stands in for the editor's dialogs and records what was asked."""

    def __init__(self, window: EditorWindow, save_path: Path | None = None,
                 comments: str = "cancel", unsaved: str = "discard") -> None:
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.suggested: Path | None = None
        saver = window.saver

        def ask_save_path(suggested: Path) -> Path | None:
            self.asked.append("path")
            self.suggested = suggested
            return save_path

        def ask_comments() -> str:
            self.asked.append("comments")
            return comments

        saver.ask_save_path = ask_save_path  # type: ignore[method-assign]
        saver.ask_comments = ask_comments  # type: ignore[method-assign]
        saver.ask_unsaved = lambda: (self.asked.append("unsaved"), unsaved)[1]  # type: ignore[method-assign]
        saver.show_error = lambda title, text: self.errors.append(text)  # type: ignore[method-assign]


def _track(qtbot: QtBot, window: EditorWindow) -> EditorWindow:
    """Let qtbot close the window at the end without a modal question."""
    qtbot.addWidget(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    Answers(window)
    return window


def _window(qtbot: QtBot, draft: RoutineDraft | None = None, **options: object) -> EditorWindow:
    window = _track(qtbot, EditorWindow(draft, **options))  # type: ignore[arg-type]
    window.show()
    qtbot.waitExposed(window)
    return window


def _user_file(text: str, name: str = "mine.yaml") -> Path:
    path = paths.ensure(paths.user_routines_dir()) / name
    path.write_text(text, encoding="utf-8")
    return path


def _points(window: EditorWindow) -> list[str]:
    return [s.point if isinstance(s, PointDraft) else "rest" for s in window.draft.steps]


# -- authoring ----------------------------------------------------------------------
def test_author_a_routine_from_nothing_and_save_it(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert window.tabs.currentIndex() == 0 and not window.save_action.isEnabled()
    qtbot.keyClicks(window.form.title, "Jaw and temples")
    assert window.draft.id == "jaw-and-temples"
    window.tabs.setCurrentIndex(1)
    body = window.picker.body
    assert body is not None
    window.picker.views.setCurrentIndex(window.picker.views.findData("head-side"))
    spot = body.marker_pos("temporalis.1", "right")
    assert spot is not None
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=spot.toPoint())
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=spot.toPoint())  # twice: two steps
    assert _points(window) == ["temporalis.1", "temporalis.1"]
    qtbot.keyClicks(window.picker.search, "masseter 3")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    window.steps.select(0)
    qtbot.mouseClick(window.steps.add_rest, Qt.MouseButton.LeftButton)
    assert _points(window) == ["temporalis.1", "rest", "temporalis.1", "masseter.3"]
    assert window.steps.current() == 1
    assert window.total.text() == "Total " + _clock(window.check.plan.total_seconds)
    assert window.save_action.isEnabled() and window.isWindowModified()
    answers = Answers(window, save_path=None)
    window.save_action.trigger()
    assert answers.asked == ["path"]
    assert answers.suggested == paths.user_routines_dir() / "jaw-and-temples.yaml"
    target = answers.suggested
    Answers(window, save_path=target)
    with qtbot.waitSignal(window.saved) as saved:
        window.save_action.trigger()
    assert saved.args == [target] and not window.isWindowModified()
    loaded = load_routine_file(target).routine
    assert loaded is not None and same_routine(loaded, window.draft.to_routine())
    reopened = editor_for_file(target)
    _track(qtbot, reopened)
    assert reopened.draft == window.draft


def test_a_new_routine_does_not_shout_before_anyone_typed(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert window.form.issues["title"].isHidden() and window.steps.issues.isHidden()
    assert window.problems.text().startswith("Not ready to save: ")
    assert "✖" not in window.tabs.tabText(0)
    qtbot.keyClicks(window.form.title, "x")
    qtbot.keyClick(window.form.title, Qt.Key.Key_Backspace)
    assert not window.form.issues["title"].isHidden()
    window.add_point("temporalis.1")
    window.model.remove_step(0)
    assert "steps" in window.steps.issues.text()


def test_the_total_and_plan_follow_every_change(qtbot: QtBot) -> None:
    window = _window(qtbot, RoutineDraft(id="t", title="T"))
    window.add_point("temporalis.1")
    before = window.check.plan.total_seconds
    window.tabs.setCurrentIndex(2)
    rows = window.plan_view.table.rowCount()
    window.add_point("masseter.1")
    assert window.check.plan.total_seconds > before
    assert window.plan_view.table.rowCount() > rows
    assert window.plan_view.table.item(0, 1).text() == "GET READY"


# -- reordering ---------------------------------------------------------------------
def _three(qtbot: QtBot) -> EditorWindow:
    draft = RoutineDraft(id="t", title="T", steps=[
        PointDraft("temporalis.1"), RestDraft(30), PointDraft("masseter.1")])
    window = _window(qtbot, draft)
    window.tabs.setCurrentIndex(1)
    return window


def test_reorder_through_the_model(qtbot: QtBot) -> None:
    window = _three(qtbot)
    with qtbot.waitSignal(window.model.rowsMoved):
        assert window.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert _points(window) == ["rest", "masseter.1", "temporalis.1"]
    assert not window.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # no-op
    assert window.isWindowModified()
    assert window.model.data(window.model.index(2)).startswith("3. ")


def test_reorder_by_dropping(qtbot: QtBot) -> None:
    window = _three(qtbot)
    view = window.steps.view
    mime = window.model.mimeData([window.model.index(0)])
    assert mime.hasFormat(MIME)
    rect = view.visualRect(window.model.index(2))
    below_last = QPointF(rect.center().x(), rect.bottom() - 1)
    rest = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    point = below_last.toPoint()  # drag enter/move take a QPoint in PySide6 6.11
    for event in (QDragEnterEvent(point, *rest), QDragMoveEvent(point, *rest),
                  QDropEvent(below_last, *rest)):
        QApplication.sendEvent(view.viewport(), event)
    assert event.isAccepted()
    assert _points(window) == ["rest", "masseter.1", "temporalis.1"]
    foreign = QMimeData()
    foreign.setText("temporalis.1")
    assert not window.model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0,
                                         QModelIndex())


def test_reorder_with_the_keyboard(qtbot: QtBot) -> None:
    window = _three(qtbot)
    view = window.steps.view
    window.steps.select(0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _points(window) == ["rest", "temporalis.1", "masseter.1"]
    assert window.steps.current() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # already last
    assert _points(window) == ["rest", "masseter.1", "temporalis.1"]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _points(window) == ["rest", "temporalis.1", "masseter.1"]
    assert window.step_editor.heading.text().startswith("Step 2:")


def test_remove_with_the_button_and_the_delete_key(qtbot: QtBot) -> None:
    window = _three(qtbot)
    window.steps.select(1)
    qtbot.mouseClick(window.steps.remove, Qt.MouseButton.LeftButton)
    assert _points(window) == ["temporalis.1", "masseter.1"]
    assert window.steps.current() == 1
    qtbot.keyClick(window.steps.view, Qt.Key.Key_Delete)
    assert _points(window) == ["temporalis.1"]


# -- editing and inheritance ----------------------------------------------------------
def test_a_step_shows_inherited_and_own_settings(qtbot: QtBot) -> None:
    window = _three(qtbot)
    window.steps.select(0)
    settings = window.step_editor.settings
    assert settings.sources["press"].text() == "built-in default"
    assert not settings.resets["press"].isEnabled()
    window.tabs.setCurrentIndex(0)
    press_default = window.defaults.editors["press"]
    assert isinstance(press_default, SecondsSpin)
    press_default.setValue(45)
    assert window.draft.defaults == {"press": 45}
    assert window.defaults.sources["press"].text() == "set for this routine"
    assert settings.sources["press"].text() == "from the defaults"
    assert "45 s" in window.model.data(window.model.index(0))
    press = settings.editors["press"]
    assert isinstance(press, SecondsSpin) and press.value() == 45
    press.setValue(20)
    step = window.draft.steps[0]
    assert isinstance(step, PointDraft) and step.values == {"press": 20}
    assert settings.sources["press"].text() == "set for this step"
    assert settings.resets["press"].isEnabled()
    settings.resets["press"].click()
    assert step.values == {} and press.value() == 45
    assert settings.sources["press"].text() == "from the defaults"


def test_text_fields_of_a_step_and_a_rest(qtbot: QtBot) -> None:
    window = _three(qtbot)
    window.steps.select(1)
    editor = window.step_editor
    assert editor.rest.isVisible() and not editor.settings.isVisible()
    editor.rest.setValue(90)
    qtbot.keyClicks(editor.say, "Breathe out")
    editor.instructions.setPlainText("Lie down.")
    assert window.draft.steps[1] == RestDraft(90, "Lie down.", "Breathe out")
    assert "1:30" in window.model.data(window.model.index(1))


def test_the_atlas_limits_are_offered_not_just_checked(qtbot: QtBot) -> None:
    window = _window(qtbot, RoutineDraft(id="t", title="T"))
    window.tabs.setCurrentIndex(1)
    row = window.add_point("scalenes.1")
    settings = window.step_editor.settings
    pressure, tool, side = (settings.editors[n] for n in ("pressure", "tool", "side"))
    assert isinstance(pressure, PressureSpin) and pressure.maximum() == 3
    assert isinstance(tool, QComboBox) and isinstance(side, QComboBox)
    assert _enabled(tool) == ["fingers"]
    assert "together" not in _enabled(side)
    assert "not listed for this point" in tool.itemText(tool.findData("cane"))
    window.steps.select(window.add_point("upper-trapezius.1"))
    assert pressure.maximum() == 7
    assert _enabled(tool) == ["fingers", "pincer", "ball"]
    assert "together" in _enabled(side)
    assert window.check.ok and row == 0


def _enabled(combo: QComboBox) -> list[str]:
    model = combo.model()
    return [combo.itemData(i) for i in range(combo.count())
            if model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled]


def test_problems_are_shown_next_to_their_fields_and_by_line(qtbot: QtBot) -> None:
    draft = RoutineDraft(id="t", title="T", steps=[PointDraft("temporalis.1")])
    window = _window(qtbot, draft)
    window.form.title.clear()
    qtbot.keyClicks(window.form.title, "x")
    window.form.title.selectAll()
    qtbot.keyClick(window.form.title, Qt.Key.Key_Backspace)
    label = window.form.issues["title"]
    assert not label.isHidden() and "title must not be empty" in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "must not be empty" in window.form.title.accessibleDescription()
    assert not window.save_action.isEnabled() and not window.preview_action.isEnabled()
    assert window.tabs.tabText(0).endswith("✖")
    window.tabs.setCurrentIndex(3)
    problems = window.yaml_view.problems
    assert problems.count() == 1
    assert problems.item(0).text().startswith("line 3, column 8: error:")
    assert window.yaml_view.text.toPlainText() == window.check.text
    assert window.yaml_view.text.isReadOnly()
    window.yaml_view._go_to(problems.item(0))
    assert window.yaml_view.text.textCursor().blockNumber() == 2


def test_step_problems_mark_the_step_and_its_setting(qtbot: QtBot) -> None:
    draft = RoutineDraft(id="t", title="T", steps=[PointDraft("temporalis.1", {"tool": "cane"})])
    window = _window(qtbot, draft)
    window.tabs.setCurrentIndex(1)
    window.steps.select(0)
    index = window.model.index(0)
    assert "does not list tool 'cane'" in window.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert window.model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert "Warning" in window.step_editor.settings.issues["tool"].text()


def test_routine_text_is_shown_as_plain_text(qtbot: QtBot) -> None:
    draft = RoutineDraft(id="t", title="<b>bold</b>", tags=["<i>x</i>"],
                         steps=[RestDraft(5, "<a href='x'>link</a>")])
    window = _window(qtbot, draft)
    labels = [w for w in window.findChildren(QLabel) if "<" in w.text()]
    assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)


def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot) -> None:
    window = _three(qtbot)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        window.steps.select(tab % 3)
        nameless = [
            f"{type(w).__name__} {w.objectName()}" for w in window.findChildren(QWidget)
            if w.isVisibleTo(window) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and w.focusProxy() is None and not w.accessibleName()
            and not (isinstance(w, QAbstractButton) and w.text())
        ]
        assert nameless == [], tab


# -- saving -----------------------------------------------------------------------------
def test_saving_over_an_own_file_needs_no_question(qtbot: QtBot) -> None:
    path = _user_file(RICH)
    window = editor_for_file(path)
    _track(qtbot, window)
    answers = Answers(window)
    assert not window.banner.isVisible() and not window.saver.builtin
    window.form.title.setText("t")
    window.form.title.textEdited.emit("t")  # the id would follow the title of a new routine
    assert window.draft.id == "t" and not window.id_follows_title
    window.form.title.setText("Renamed")
    window.form.title.textEdited.emit("Renamed")
    assert window.draft.id == "t"
    window.form.summary.setText("New summary")
    window.form.summary.textEdited.emit("New summary")
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    assert answers.asked == [] and answers.errors == []
    loaded = load_routine_file(path).routine
    assert loaded is not None and loaded.summary == "New summary"
    assert same_routine(loaded, window.draft.to_routine())


def test_a_failed_save_keeps_the_original_and_says_why(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _user_file(RICH)
    window = editor_for_file(path)
    _track(qtbot, window)
    answers = Answers(window)
    window.draft.title = "Changed"
    window.changed()

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    window.save_action.trigger()
    assert path.read_text(encoding="utf-8") == RICH
    assert len(answers.errors) == 1
    assert "is full" in answers.errors[0]  # the cause in plain words, and the file
    assert "as it was before" in answers.errors[0]
    assert window.isWindowModified() and window.saver.path == path
    assert sorted(p.name for p in path.parent.iterdir()) == ["mine.yaml"]


def test_a_failed_atomic_write_on_save_as_leaves_no_file(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window = _three(qtbot)
    target = tmp_path / "new.yaml"
    answers = Answers(window, save_path=target)

    def broken(path: Path, data: bytes, **_: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(editing, "write_atomic", broken)
    assert not window.saver.save()
    assert not target.exists() and "Permission denied" in answers.errors[0]


@pytest.mark.parametrize(("answer", "written", "asked"), [
    ("cancel", False, ["comments"]),
    ("save", True, ["comments"]),
    ("save-as", False, ["comments", "path"]),
])
def test_saving_over_a_hand_written_file_with_comments_warns(
        qtbot: QtBot, answer: str, written: bool, asked: list[str]) -> None:
    path = _user_file(HAND_WRITTEN)
    window = editor_for_file(path)
    _track(qtbot, window)
    window.show()
    assert window.banner.isVisible() and "comments" in window.banner.text()
    answers = Answers(window, comments=answer)
    window.draft.title = "Changed"
    window.changed()
    window.save_action.trigger()
    assert answers.asked == asked
    assert (path.read_text(encoding="utf-8") != HAND_WRITTEN) == written


def test_a_built_in_routine_is_saved_only_as_the_user_s_own(qtbot: QtBot) -> None:
    builtin = resources.builtin_routine_files()[0]
    before = builtin.read_bytes()
    window = editor_for_file(builtin)
    _track(qtbot, window)
    window.show()
    assert window.saver.builtin and window.banner.isVisible()
    assert window.save_action.text() == "&Save as My Own…"
    answers = Answers(window, save_path=builtin)
    window.draft.title = "Mine now"
    window.changed()
    window.save_action.trigger()
    assert answers.asked == ["path"]
    assert answers.suggested is not None
    assert answers.suggested.parent == paths.user_routines_dir()
    assert answers.errors and builtin.read_bytes() == before  # refused the built-in folder
    target = answers.suggested
    Answers(window, save_path=target)
    window.save_action.trigger()
    assert builtin.read_bytes() == before
    assert load_routine_file(target).routine.title == "Mine now"  # type: ignore[union-attr]
    assert not window.saver.builtin and not window.banner.isVisible()


def test_a_changed_file_on_disk_is_not_overwritten_silently(qtbot: QtBot) -> None:
    path = _user_file(RICH)
    window = editor_for_file(path)
    _track(qtbot, window)
    Answers(window)
    asked: list[bool] = []
    window.saver.ask_overwrite_changed = lambda: (asked.append(True), False)[1]  # type: ignore[method-assign]
    path.write_text(RICH.replace("title: T", "title: Theirs"), encoding="utf-8")
    window.draft.title = "Mine"
    window.changed()
    window.save_action.trigger()
    assert asked == [True] and "Theirs" in path.read_text(encoding="utf-8")


def test_closing_with_unsaved_changes_asks(qtbot: QtBot) -> None:
    window = _three(qtbot)
    answers = Answers(window, unsaved="cancel")
    window.changed()
    window.close()
    assert answers.asked == ["unsaved"] and window.isVisible()
    window.setWindowModified(False)
    window.close()
    assert not window.isVisible()


# -- opening and preview ----------------------------------------------------------------
def test_duplicate_gets_a_new_id_and_saves_through_save_as(qtbot: QtBot) -> None:
    window = editor_for_file(_user_file(RICH), duplicate=True)
    _track(qtbot, window)
    assert window.draft.id == "t-copy" and window.draft.title == "T (copy)"
    answers = Answers(window)
    window.save_action.trigger()
    assert answers.asked == ["path"]


def test_a_file_with_errors_cannot_be_edited(qtbot: QtBot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = _user_file("tpguide: 1\nid: x\ntitle: X\nsteps:\n  - point: nowhere.1\n")
    with pytest.raises(CannotEditError) as raised:
        editor_for_file(path)
    assert "unknown point" in raised.value.diagnostics[0].message
    told: list[str] = []
    monkeypatch.setattr(editor_open, "_tell", lambda parent, text: told.append(text))
    assert open_editor(path) is None
    assert "mine.yaml:5:" in told[0]


def test_open_editor_for_a_new_routine(qtbot: QtBot) -> None:
    window = open_editor()
    assert window is not None
    _track(qtbot, window)
    assert window.isVisible() and window.saver.path is None


def test_preview_runs_the_session_at_ten_times_speed(qtbot: QtBot) -> None:
    from tpguide.ui.session.launcher import SessionLauncher
    from tpguide.ui.widgets.settings_owner import SettingsOwner

    calls: list[tuple[Routine, dict[str, object]]] = []

    def opener(routine: Routine, parent: object, settings: object, **kw: object) -> None:
        calls.append((routine, kw))

    launcher = SessionLauncher(SettingsOwner(SettingsStore()), gate=lambda *_: True,
                               opener=opener)
    window = _window(qtbot, RoutineDraft(id="t", title="T", steps=[
        PointDraft("temporalis.1"), RestDraft(30), PointDraft("masseter.1")]),
        preview=lambda routine: launcher.preview(routine, None))
    window.preview_action.trigger()
    assert len(calls) == 1
    routine, options = calls[0]
    assert options["speed"] == 10.0
    assert same_routine(routine, window.draft.to_routine())
    shown: list[Routine] = []
    injected = _window(qtbot, RoutineDraft(id="t", title="T", steps=[RestDraft(5)]),
                       preview=shown.append)
    injected.preview_action.trigger()
    assert shown and load_routine_text(injected.check.text).routine is not None


def _clock(seconds: float) -> str:
    from tpguide.core.routines.durations import format_length

    return format_length(seconds)



# -- text that fakes or hides text ------------------------------------------------------
def _type(widget: QWidget, text: str) -> None:
    """Key presses carrying ``text`` one character at a time (as an input method sends)."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))


def test_control_and_bidi_characters_are_refused_as_typed_or_pasted(qtbot: QtBot) -> None:
    window = _three(qtbot)
    window.tabs.setCurrentIndex(0)
    form = window.form
    form.title.clear()
    _type(form.title, "Neck\u202e care")
    assert form.title.text() == "Neck care" and window.draft.title == "Neck care"
    QApplication.clipboard().setText("\x1b]0;fake title\x07Shoulders\u2066")
    form.summary.paste()
    assert window.draft.summary == "]0;fake titleShoulders"
    form.description.paste()
    _type(form.description, "\u2028more\x85")  # a line separator is a line break here
    assert window.draft.description == "]0;fake titleShoulders\nmore"
    window.tabs.setCurrentIndex(1)
    window.steps.select(0)
    editor = window.step_editor
    editor.instructions.paste()
    _type(editor.say, "Breathe\u202d out")
    step = window.draft.steps[0]
    assert isinstance(step, PointDraft)
    assert (step.instructions, step.say) == ("]0;fake titleShoulders", "Breathe out")
