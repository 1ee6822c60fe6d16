"""One way into a session and one owner of the settings, checked from the real app."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.app_helpers import (
    FastSessions,
    RealApp,
    open_sessions,
    settings,
    write_quick,
)
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.settings import SettingsStore
from tpguide.ui.shell.settings_view import SettingsView

PACKAGE = Path(__file__).resolve().parent.parent / "tpguide"
OWNER_MODULES = {"core/settings.py", "ui/widgets/settings_owner.py"}




def _modules() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    yield from (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_the_safety_gate_has_exactly_one_caller() -> None:
    """Referenced (called or handed on) in one module only, the launcher, and once there."""
    uses = [(module, node.lineno) for module, tree in _modules() for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id == "require_safety"]
    assert [module for module, _ in uses] == ["ui/session/launcher.py"], uses


def test_no_module_but_the_owner_saves_settings() -> None:
    """``X.save(...)`` on anything named like a settings store happens only in the owner."""
    offenders = []
    for module, tree in _modules():
        for call in _calls(tree):
            func = call.func
            if not (isinstance(func, ast.Attribute) and func.attr == "save"):
                continue
            receiver = ast.unparse(func.value).lower()
            if ("store" in receiver or "settings" in receiver) and "history" not in receiver:
                offenders.append(f"{module}:{call.lineno}: {ast.unparse(call)}")
    assert all(o.split(":")[0] in OWNER_MODULES for o in offenders), offenders


def test_every_settings_write_in_a_session_goes_through_the_owner(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """M and - in a session, then the Settings page: it shows them, and only the owner wrote."""
    writers: list[str] = []
    real_save = SettingsStore.save

    def save(store: SettingsStore, value: object) -> None:
        writers.append(inspect.stack()[1].filename)
        real_save(store, value)  # type: ignore[arg-type]

    monkeypatch.setattr(SettingsStore, "save", save)
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    view = window.pages.page("settings")  # built before the session: it must follow
    assert isinstance(view, SettingsView) and not view.box("muted").isChecked()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted) as started:
        window.routine_page.start_button.click()
    session = started.args[0]
    qtbot.waitUntil(session.isActiveWindow, timeout=3000)  # the keys reach it at once
    qtbot.keyClick(session, Qt.Key.Key_M)
    assert SettingsStore().load().muted
    assert view.box("muted").isChecked()
    before = SettingsStore().load().volume
    qtbot.keyClick(session, Qt.Key.Key_Minus)  # quieter, and heard again
    assert SettingsStore().load().volume == pytest.approx(before - 0.1)
    assert not SettingsStore().load().muted
    assert view.volume.value() == round((before - 0.1) * 100)
    product = [w for w in writers if Path(w).resolve().is_relative_to(PACKAGE)]
    assert product and {Path(w).name for w in product} == {"settings_owner.py"}


def test_a_second_start_brings_the_open_session_forward(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    write_quick()
    settings(ask_pain_ratings=False)
    window = real_app.window()
    real_app.select(window)
    with qtbot.waitSignal(window.sessionStarted):
        window.routine_page.start_button.click()
    assert not window.start_selected()
    assert len(open_sessions()) == 1


def test_the_gate_runs_once_per_start(qtbot: QtBot) -> None:
    from tpguide.ui.session.launcher import SessionLauncher
    from tpguide.ui.widgets.settings_owner import SettingsOwner

    gates: list[object] = []

    def gate(parent: object, owner: SettingsOwner) -> bool:
        gates.append(owner)
        return True

    launcher = SessionLauncher(SettingsOwner(sh.store()), gate=gate)
    window = launcher.open(sh.routine(), cue_player=RecordingCuePlayer())
    assert window is not None
    qtbot.addWidget(window)
    assert len(gates) == 1



def _answer_again(start: bool, seen: list[str]) -> None:
    """Answer the warning-signs-again dialog once it is open (it runs its own loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tpguide.ui.widgets.safety_pages import RedFlagsAgainDialog

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RedFlagsAgainDialog):
            QTimer.singleShot(10, act)
            return
        seen.append(dialog.cancel_button.text() if dialog.cancel_button.isDefault() else "")
        (dialog.start_button if start else dialog.cancel_button).click()

    QTimer.singleShot(0, act)


@pytest.mark.parametrize(("pain", "new", "shown"), [
    (9, False, True), (8, False, True), (7, False, False), (3, True, True), (0, False, False),
])
def test_the_warning_signs_come_again_for_a_severe_or_unusual_headache(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions, pain: int, new: bool, shown: bool
) -> None:
    from tests.app_helpers import rating_dialog

    write_quick()
    settings()
    window = real_app.window()
    real_app.select(window)
    seen: list[str] = []
    _answer_again(start=True, seen=seen)
    window.routine_page.start_button.click()
    dialog = rating_dialog("before")
    assert dialog is not None
    dialog.panel.new_or_different.setChecked(new)
    with qtbot.waitSignal(window.sessionStarted, timeout=5000):
        dialog.panel.scale.button(pain).click()
    assert bool(seen) == shown
    assert seen in ([], ["Do not start"])  # the safe answer is the default one


def test_not_starting_after_the_warning_signs_opens_no_session(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    from tests.app_helpers import rating_dialog

    write_quick()
    settings()
    window = real_app.window()
    real_app.select(window)
    seen: list[str] = []
    _answer_again(start=False, seen=seen)
    window.routine_page.start_button.click()
    dialog = rating_dialog("before")
    assert dialog is not None
    dialog.panel.scale.button(10).click()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert open_sessions() == []
    assert "medical help" in window.statusBar().currentMessage()
