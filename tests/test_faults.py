"""Faults from outside: killed runs, damaged files, a full disk, a read-only folder, no sound.

The slow tests run the real ``python -m tpguide run FILE`` in its own process with
``TPGUIDE_AUTOSTART=1``; CI runs as root, so "read-only" is a non-root child and "full" is
SQLite's ``max_page_count`` (see /work/shared/PLATFORM.md).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide import paths
from tpguide.core.diary.store import HistoryStore
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.session.cues import NullCuePlayer
from tpguide.core.session.planner import make_plan
from tpguide.core.settings import AppSettings, SettingsStore
from tpguide.ui.session.controller import SessionController
from tpguide.ui.session.recording import open_history_store, record_session
from tpguide.ui.session.window import SessionWindow
from tpguide.ui.widgets.theme import make_theme

ROOT = Path(__file__).resolve().parent.parent
KILLS = 20
ROW_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 90.0
NOBODY = 65534
ROWS = "SELECT id, status FROM sessions ORDER BY id"

LONG = """\
tpguide: 1
id: fault-long
title: Long enough to be killed
defaults: {prepare: 1s, press: 20s, release: 5s, cycles: 3, rest: 0s}
steps:
  - point: upper-trapezius.1
    side: right
  - point: temporalis.1
    side: right
"""

SHORT = """\
tpguide: 1
id: fault-short
title: Short, with words to say
defaults: {prepare: 1s, press: 1s, release: 1s, cycles: 1, rest: 1s}
steps:
  - point: upper-trapezius.1
    side: right
  - rest: 1s
    say: Breathe out slowly.
  - point: temporalis.1
    side: left
"""

QUICK_IN_PROCESS = """\
tpguide: 1
id: fault-quick
title: Quick
defaults: {prepare: 2s, press: 10s, release: 5s, cycles: 1, rest: 0s}
steps:
  - point: upper-trapezius.1
    side: right
  - point: temporalis.1
    side: right
"""


# ---------------------------------------------------------------------- helpers
def make_home(base: Path, **settings: object) -> Path:
    """A TPGUIDE_HOME whose settings pass the safety gate and never ask for ratings."""
    home = base / "home"
    (home / "config").mkdir(parents=True)
    values = {"safety_acknowledged": True, "ask_pain_ratings": False, **settings}
    (home / "config" / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    return home


def routine_file(base: Path, text: str, name: str = "routine.yaml") -> Path:
    path = base / name
    path.write_text(text, encoding="utf-8")
    return path


def run_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "TPGUIDE_AUDIO"}
    env.update(TPGUIDE_HOME=str(home), TPGUIDE_AUTOSTART="1", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT), **extra)
    return env


def tpguide_run(routine: Path) -> list[str]:
    return [sys.executable, "-m", "tpguide", "run", str(routine)]


def session_rows(db: Path) -> list[tuple[int, str]]:
    """(id, status) of every session row, read without writing anything; [] before it exists."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        return [(int(i), str(s)) for i, s in conn.execute(ROWS)]
    except sqlite3.Error:  # not created or migrated yet
        return []
    finally:
        conn.close()


def rows_now(db: Path) -> list[tuple[int, str]]:
    """(id, status) of every session row once the run is over (errors are not hidden)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [(int(i), str(s)) for i, s in conn.execute(ROWS)]
    finally:
        conn.close()


def wait_for_rows(child: subprocess.Popen[bytes], db: Path, count: int, log: Path) -> None:
    """Poll the child's database (bounded) until it holds ``count`` session rows."""
    deadline = time.monotonic() + ROW_TIMEOUT_S
    while len(session_rows(db)) < count:
        if child.poll() is not None:
            pytest.fail(f"tpguide run exited ({child.returncode}) before recording its "
                        f"session:\n{log.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            pytest.fail(f"no session row after {ROW_TIMEOUT_S:.0f} s:\n"
                        f"{log.read_text(errors='replace')}")
        time.sleep(0.02)  # polling another process's file, not waiting for Qt


def keep_look() -> tuple[QPalette, QFont, str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return QPalette(app.palette()), QFont(app.font()), app.styleSheet()


def restore_look(look: tuple[QPalette, QFont, str]) -> None:
    """build_window styles the shared QApplication; later tests must not inherit that."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(look[0])
    app.setFont(look[1])
    app.setStyleSheet(look[2])


@pytest.fixture
def look() -> Iterator[None]:
    saved = keep_look()
    yield
    restore_look(saved)


# ---------------------------------------------------------------------- repeated kills
@pytest.mark.slow
def test_runs_killed_mid_session_are_all_recovered_as_interrupted(tmp_path: Path) -> None:
    home = make_home(tmp_path, voice=False)
    routine = routine_file(tmp_path, LONG)
    db = home / "data" / "history.sqlite3"
    log = tmp_path / "run.log"
    started = 0
    for attempt in range(KILLS):
        with log.open("wb") as sink:
            child = subprocess.Popen(tpguide_run(routine), env=run_env(home, TPGUIDE_AUDIO="off"),
                                     cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
            started += 1
            try:
                wait_for_rows(child, db, started, log)
                time.sleep((attempt % 5) * 0.15)  # kill at varying points of the session
                assert child.poll() is None, "the session ended before it could be killed"
                assert session_rows(db)[-1] == (started, "running")
            finally:
                child.send_signal(signal.SIGKILL)
                child.wait()
        assert child.returncode == -signal.SIGKILL
    assert len(rows_now(db)) == KILLS
    with HistoryStore(db, lock_path=home / "state" / "session.lock") as store:
        assert store.notice is None
        store.recover_interrupted()
        sessions = store.sessions()
        assert len(sessions) == started == KILLS  # every start is accounted for
        assert {s.status for s in sessions} == {"interrupted"}
        assert {s.routine_id for s in sessions} == {"fault-long"}
        assert store.integrity_check()
        assert store.recover_interrupted() == []
    assert not (home / "state" / "session.lock").exists()


# ---------------------------------------------------------------------- damaged files
def test_a_damaged_settings_file_is_kept_aside_and_the_main_window_says_so(
    qtbot: QtBot, look: None
) -> None:
    from tpguide.ui.app import build_window

    garbage = b'{"safety_acknowledged": tru\x00\xff'
    settings_file = paths.settings_file()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_bytes(garbage)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_window(app)
    qtbot.addWidget(window)
    window.show()
    [message] = window.notices.messages()
    assert "settings file could not be read" in message
    kept = [p for p in settings_file.parent.iterdir() if p.name != settings_file.name]
    assert len(kept) == 1 and kept[0].name.startswith("settings.json")
    assert kept[0].name in message
    assert kept[0].read_bytes() == garbage  # renamed, never deleted or rewritten
    assert SettingsStore().load() == AppSettings()  # the defaults, until saved again


def test_a_damaged_history_is_kept_aside_and_the_main_window_says_so(
    qtbot: QtBot, look: None
) -> None:
    from tpguide.ui.app import build_window

    garbage = b"SQLite format 2\x00" + os.urandom(4000)
    db = paths.history_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(garbage)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_window(app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.notices.messages() != [], timeout=5000)
    [message] = window.notices.messages()
    assert "history file could not be used: it is not an SQLite database" in message
    kept = [p for p in db.parent.iterdir() if p.name.startswith("history.sqlite3.")]
    assert [p.read_bytes() for p in kept] == [garbage]
    assert kept[0].name in message
    store, messages = open_history_store()
    assert store is not None and messages == []  # the new diary opens cleanly next time
    assert store.integrity_check()
    store.close()


def test_a_damaged_history_is_kept_aside_by_the_session_start(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"\x00" * 8192)
    store, messages = open_history_store(db)
    assert store is not None
    assert len(messages) == 1
    assert "history file could not be used: it is not an SQLite database" in messages[0]
    assert [p.read_bytes() for p in tmp_path.glob("history.sqlite3.*")] == [b"\x00" * 8192]
    store.close()


def test_start_up_notices_queue_and_stay_until_read(qtbot: QtBot, look: None) -> None:
    """Settings reset (so the safety notes come again) and a diary set aside, both at start:
    neither replaces the other, and each stays until dismissed."""
    from tpguide.ui.app import build_window

    settings_file = paths.settings_file()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_bytes(b"{broken")
    db = paths.history_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"not a diary" * 100)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_window(app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.notices.messages()) == 2, timeout=5000)
    window.say("Saved a file.")  # a passing message goes to the status bar, not over them
    first, second = window.notices.messages()
    assert "settings file could not be read" in first and "safety notes" in first
    assert "history file could not be used" in second
    assert window.notices.isVisible()
    row = window.notices.rows()[0]
    assert row.label.textFormat() == Qt.TextFormat.PlainText
    assert_accessible(window.notices)
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert window.notices.messages() == [second]
    qtbot.mouseClick(window.notices.rows()[0].dismiss_button, Qt.MouseButton.LeftButton)
    assert window.notices.messages() == [] and not window.notices.isVisible()


def test_temporaries_of_a_killed_save_are_removed_at_start(qtbot: QtBot, look: None) -> None:
    from tpguide.ui.app import build_window

    folders = [paths.ensure(f) for f in (paths.config_dir(), paths.user_routines_dir(),
                                          paths.courses_dir(), paths.state_dir())]
    names = ("settings.json", "mine.yaml", "c.course.yaml", "session.lock")
    left = [f / f".{n}.abcdef12.tmp" for f, n in zip(folders, names, strict=True)]
    for path in left:
        path.write_bytes(b"half a file")
        os.utime(path, (1.0, 1.0))  # from a save killed long ago
    mine = paths.user_routines_dir() / ".my-notes.tmp"  # not ours: never touched
    mine.write_bytes(b"keep")
    os.utime(mine, (1.0, 1.0))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_window(app)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startupFinished, timeout=10000):
        window.show()
    assert [p for p in left if p.exists()] == []
    assert mine.read_bytes() == b"keep"


# ---------------------------------------------------------------------- full disk
def fill_up(store: HistoryStore, routine: Routine) -> int:
    """Make the disk "full": cap the file at its size, then fill the sessions' last page.

    Rows like the session's own (same id and title, finished) go in until one does not
    fit; returns how many went in. Updates in place still work; anything that needs a new
    page (a new row, a row that grows) fails as a full disk would.
    """
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    rows_before = len(store.sessions())
    for _ in range(10_000):
        try:
            conn.execute(
                "INSERT INTO sessions (routine_id, routine_title, started_at, planned_seconds,"
                " status, pid) VALUES (?, ?, '2024-05-06T08:00:00+00:00', 60, 'completed', 1)",
                (routine.id, routine.title))
        except sqlite3.OperationalError as error:
            problem = str(error)
            break
    else:
        pytest.fail("the database never filled up")
    assert "full" in problem
    return len(store.sessions()) - rows_before


def quick_routine() -> Routine:
    routine = load_routine_text(QUICK_IN_PROCESS).routine
    assert routine is not None
    return routine


def quick_window(qtbot: QtBot, routine: Routine, clock: list[float]) -> SessionWindow:
    """A session window on a quiet player and a clock the test moves."""
    controller = SessionController(make_plan(routine), NullCuePlayer(), clock=lambda: clock[0])
    window = SessionWindow(controller, routine, make_theme(False, False))
    qtbot.addWidget(window)
    window.show()
    return window


def run_for(window: SessionWindow, clock: list[float], seconds: float) -> None:
    while seconds > 0:
        step = min(seconds, 2.0)
        clock[0] += step
        seconds -= step
        window.controller.wake()


def test_a_full_disk_at_session_start_is_said_and_the_session_goes_on(qtbot: QtBot) -> None:
    routine = quick_routine()
    store = HistoryStore()
    fill_up(store, routine)
    saved = store.sessions()
    clock = [1000.0]
    window = quick_window(qtbot, routine, clock)
    recorder = record_session(window, store, routine, 5, ask_after=False)
    window.controller.start()
    assert window.controller.state == "running"
    notice = window.notice_text()
    assert "is full" in notice and "Everything saved before is safe" in notice
    run_for(window, clock, 100)
    assert window.controller.state == "finished"
    assert "is full" in window.notice_text()  # still there, beside the sound notice
    assert recorder.session_id is None
    assert store.sessions() == saved  # nothing lost, nothing half-written
    assert store.integrity_check()
    assert not paths.session_lock().exists()
    window.close()
    store.close()


def test_a_disk_that_fills_during_a_session_is_said_and_nothing_is_lost(
    qtbot: QtBot,
) -> None:
    routine = quick_routine()
    store = HistoryStore()
    clock = [1000.0]
    window = quick_window(qtbot, routine, clock)
    recorder = record_session(window, store, routine, 6, ask_after=True)
    window.controller.start()
    assert recorder.session_id is not None
    run_for(window, clock, 12.5)  # progress is saved at the first release (12 s)
    assert fill_up(store, routine) > 0  # now the disk is full
    before = store.sessions()
    run_for(window, clock, 100)
    assert window.controller.state == "finished"
    dialog = recorder.after_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.panel.scale.button(2), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.panel.note, "x" * 500)  # the ending row no longer fits
    qtbot.mouseClick(dialog.panel.save_button, Qt.MouseButton.LeftButton)
    notice = window.notice_text()
    assert "is full" in notice and "Everything saved before is safe" in notice
    assert store.sessions() == before  # the row and its saved progress are intact
    mine = store.session(recorder.session_id)
    assert mine is not None and mine.status == "running"
    assert mine.completed_seconds == pytest.approx(12.0)
    assert mine.pain_before == 6
    assert store.integrity_check()
    window.close()
    store.close()
    paths.session_lock().unlink()  # as if this run had ended; the row says "running"
    with HistoryStore() as reopened:  # the next start, with space again
        assert reopened.recover_interrupted() == [mine.id]
        assert reopened.session(mine.id).status == "interrupted"  # type: ignore[union-attr]
        assert len(reopened.sessions()) == len(before)


# ---------------------------------------------------------------------- read-only folder
@pytest.fixture
def shared_home() -> Iterator[Path]:
    """A TPGUIDE_HOME outside pytest's private tmp, so an unprivileged user can reach it."""
    base = Path(tempfile.mkdtemp(prefix="tpguide-faults-"))
    base.chmod(0o755)
    yield base
    for path in [base, *base.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(base)


DROP_TO_NOBODY = """
import importlib, os, pkgutil, runpy, sys
import tpguide
# Python and its standard library live under /root here, which nobody may read: import
# everything the app can import while still root, then drop the privileges.
for info in pkgutil.walk_packages(tpguide.__path__, "tpguide."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
for name in ("PySide6.QtMultimedia", "PySide6.QtTextToSpeech", "PySide6.QtSvgWidgets"):
    importlib.import_module(name)
import encodings
for info in pkgutil.iter_modules(encodings.__path__, "encodings."):
    try:
        importlib.import_module(info.name)
    except ImportError:  # Windows-only codecs
        pass
os.setgroups([])
os.setgid(NOBODY)
os.setuid(NOBODY)
if sys.argv[1] == "-m":
    sys.argv = [sys.argv[2], *sys.argv[3:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    code = sys.argv[2]
    sys.argv = ["-c", *sys.argv[3:]]
    exec(compile(code, "<child>", "exec"))
"""


def as_nobody(*args: str) -> list[str]:
    """``python ARGS`` (``-m MODULE ...`` or ``-c CODE``), as nobody when the tests run as root."""
    if os.getuid() != 0:
        return [sys.executable, *args]
    return [sys.executable, "-c", DROP_TO_NOBODY.replace("NOBODY", str(NOBODY)), *args]


def read_only_home(base: Path) -> tuple[Path, Path]:
    """Settings readable, data and state folders (with an existing diary) not writable."""
    home = make_home(base, voice=False)
    HistoryStore(home / "data" / "history.sqlite3",
                 lock_path=home / "state" / "session.lock").close()
    (home / "state").mkdir(exist_ok=True)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    if os.getuid() == 0:
        os.chown(runtime, NOBODY, NOBODY)
    for path in [home, *home.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return home, runtime


@pytest.mark.slow
def test_a_read_only_data_folder_is_said_and_the_session_still_runs(shared_home: Path) -> None:
    home, runtime = read_only_home(shared_home)
    routine = routine_file(shared_home, SHORT)
    routine.chmod(0o644)
    env = run_env(home, TPGUIDE_AUDIO="off", XDG_RUNTIME_DIR=str(runtime), HOME=str(shared_home))
    done = subprocess.run(as_nobody("-m", "tpguide", "run", str(routine)), env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert "tpguide: session finished" in done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("tpguide: ")]
    assert any("read-only" in line and "history" in line for line in said), done.stderr
    assert rows_now(home / "data" / "history.sqlite3") == []


MAIN_WINDOW_AS_NOBODY = """
from PySide6.QtCore import QTimer
from tpguide.ui.app import build_window, make_application
app = make_application()
window = build_window(app)
window.show()
seen = []
def look():
    seen.append((window.isVisible(), " ".join(window.notices.messages())))
    if "read-only" in seen[-1][1] or len(seen) > 250:
        app.quit()
timer = QTimer()
timer.timeout.connect(look)
timer.start(20)
app.exec()
print("VISIBLE", seen[-1][0])
print("MESSAGE", seen[-1][1])
"""


@pytest.mark.slow
def test_a_read_only_data_folder_is_said_and_the_main_window_starts(shared_home: Path) -> None:
    home, runtime = read_only_home(shared_home)
    env = run_env(home, XDG_RUNTIME_DIR=str(runtime), HOME=str(shared_home))
    done = subprocess.run(as_nobody("-c", MAIN_WINDOW_AS_NOBODY), env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert "VISIBLE True" in done.stdout
    message = done.stdout.split("MESSAGE", 1)[1]
    assert "read-only" in message, done.stdout + done.stderr


# ---------------------------------------------------------------------- no sound, no speech
@pytest.mark.slow
def test_no_sound_server_and_no_speech_engine_still_give_a_whole_session(tmp_path: Path) -> None:
    home = make_home(tmp_path, voice=True)
    routine = routine_file(tmp_path, SHORT)
    env = run_env(home, PULSE_SERVER="unix:/nonexistent")
    done = subprocess.run(tpguide_run(routine), env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert "tpguide: notice: No sound device found: cues will be visual only" in done.stderr
    assert "tpguide: session finished" in done.stderr
    assert rows_now(home / "data" / "history.sqlite3") == [(1, "completed")]


# ---------------------------------------------------------------------- an export refused
EXPORT_AS_NOBODY = """
import sys
from pathlib import Path
from tpguide.core.atomic_io import SHARED, WriteError, write_atomic
try:
    write_atomic(Path(sys.argv[1]), b"new export", mode=SHARED)
except WriteError as error:
    print(error.reason)
    print(error)
"""


@pytest.mark.slow
def test_an_export_into_a_read_only_folder_names_the_folder_and_keeps_the_old_file(
    shared_home: Path,
) -> None:
    folder = shared_home / "exports"
    folder.mkdir()
    old = folder / "sessions.csv"
    old.write_bytes(b"old export")
    old.chmod(0o644)
    folder.chmod(0o555)
    done = subprocess.run(as_nobody("-c", EXPORT_AS_NOBODY, str(old)), cwd=ROOT,
                          env=run_env(shared_home / "home"), capture_output=True, text=True,
                          timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "readonly", f"{old} could not be saved: you may not write in the folder {folder}. "
        "The file that was there before is unchanged."]
    assert old.read_bytes() == b"old export"
    assert sorted(p.name for p in folder.iterdir()) == ["sessions.csv"]
