"""What the first word of ``tpguide ...`` means: a command, a file for the app, or a mistake
said at once; and every command ends quietly when its reader closes the pipe."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tpguide import cli, commands
from tpguide.ui import app as app_module
from tpguide.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
GOOD = "tpguide: 1\nid: given\ntitle: Given by a dash\nsteps:\n  - point: temporalis.1\n"
WARN = GOOD + "    press: 120\n"

NO_QT_PROBE = """
import json, sys
from tpguide.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}))
"""


def tpguide(*args: str, cwd: Path = ROOT, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "tpguide", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload]


# ---------------------------------------------------------------------- a word that is nothing
def test_an_unknown_word_is_said_at_once_without_opening_the_app(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", NO_QT_PROBE, "no-such-word"], cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                         text=True, timeout=120)
    assert json.loads(out.stdout) == {"code": 2, "qt": []}
    assert out.stderr == ("tpguide: no such command or file: 'no-such-word'\n"
                          "Run 'tpguide --help' for the commands.\n")


def test_a_near_miss_gets_the_command_it_was_meant_to_be() -> None:
    out = tpguide("valdate", "x.yaml")
    assert out.returncode == 2
    assert out.stderr.startswith("tpguide: no such command or file: 'valdate'; did you mean "
                                 "'validate'?\n")
    option = tpguide("--bogus")
    assert option.returncode == 2
    assert option.stderr.startswith("tpguide: no such option: '--bogus'")


def test_an_unknown_word_with_control_characters_is_shown_escaped() -> None:
    out = tpguide("\x1b]0;owned\x07")
    assert out.returncode == 2
    assert "\x1b" not in out.stderr and "'\\u001b]0;owned\\u0007'" in out.stderr


def test_help_lists_every_command_from_the_table() -> None:
    out = tpguide("--help")
    assert out.returncode == 0
    for command in cli.COMMANDS:
        assert f"  {command.name} " in out.stdout
    assert tpguide("--version").stdout.startswith("tpguide ")
    assert tpguide("plan", "--help").stdout.startswith("usage: tpguide plan ")


def test_every_command_in_the_table_has_its_function_and_every_function_its_row() -> None:
    handlers = {name for name in vars(commands) if name.startswith("cmd_")}
    assert {c.handler for c in cli.COMMANDS} == handlers


def test_a_flag_command_slots_into_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Later ``--pause``-style flags are rows like any other command."""
    def cmd_ping(args: argparse.Namespace) -> int:
        print(f"pong {args.times}")
        return 0

    def times(p: argparse.ArgumentParser) -> None:
        p.add_argument("--times", type=int, default=1)

    monkeypatch.setattr(commands, "cmd_ping", cmd_ping, raising=False)
    monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, cli.Command("--ping", "test", times)))
    assert cli.main(["--ping", "--times", "3"]) == 0
    assert capsys.readouterr().out == "pong 3\n"


# ---------------------------------------------------------------------- "-dash.yaml"
def test_a_file_named_like_an_option_opens_in_the_app(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "-dash.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    built: list[MainWindow] = []
    real_build = app_module.build_window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look = (app.palette(), app.font(), app.styleSheet())

    def build(qapp: QApplication) -> MainWindow:
        built.append(real_build(qapp))
        return built[-1]

    def run_loop() -> int:  # the seam where the event loop would run
        window = built[0]
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.current_page() == "routine")
        assert window.routine_page.title.text() == "Given by a dash"
        window.close()
        return 0

    monkeypatch.setattr(app_module, "build_window", build)
    monkeypatch.setattr(app_module, "_exec", run_loop)
    try:
        assert cli.main(["-dash.yaml"]) == 0
    finally:
        app.setPalette(look[0])
        app.setFont(look[1])
        app.setStyleSheet(look[2])
    assert len(built) == 1


# ---------------------------------------------------------------------- a reader that leaves early
@pytest.mark.parametrize("args", [
    ["plan", "tension-headache-basic"], ["plan", "tension-headache-basic", "--json"],
    ["list"], ["points"], ["schema"], ["validate", "warn.yaml"],
])
def test_every_command_ends_quietly_on_a_closed_pipe(tmp_path: Path, args: list[str]) -> None:
    """``tpguide plan ID | head -1``: the reader is gone before the output is written."""
    (tmp_path / "warn.yaml").write_text(WARN, encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        out = subprocess.run([sys.executable, "-m", "tpguide", *args], cwd=tmp_path,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=write_end,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert out.stderr == ""
    assert out.returncode == 1
