"""The first minutes, measured: clicks and seconds from launch to pressure on the first point.

A fresh home (no settings, no history), the app as ``tpguide`` starts it, then what a new
person does: Start, read the one-time safety page (not counted: shown once), one tap on the
pain scale, Start in the session window, then the routine's own get-ready until the first
PRESS. Clicks are counted and times read on the real clock; a person's own time to look and
click is not in it (the report adds 2 s a click as a guide).

Usage: python bench/first_press.py [--shots DIR] [--history-shots]
``--shots DIR`` saves screenshots of the real screen (``import -window root``; run under
Xvfb or an X desktop with QT_QPA_PLATFORM=xcb): the first launch, the safety page, the pain
question, the session before Start and at the first press. ``--history-shots`` then opens
a seeded diary: the pain chart and the "Log a headache" dialog.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LAUNCHED = time.monotonic()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THINK_SECONDS = 2.0  # a guide for a person's look-and-click, added in the report only


def _shot(folder: Path | None, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    if folder is None or not os.environ.get("DISPLAY"):
        return
    for _ in range(20):
        QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(folder / f"{name}.png")], check=False)


def _wait(until: Callable[[], bool], timeout: float = 30.0) -> float:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while not until():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() - start > timeout:
            raise TimeoutError("the app did not get there in time")
    return time.monotonic() - start


def _top(kind: type) -> object | None:
    from PySide6.QtWidgets import QApplication

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def first_press(shots: Path | None) -> dict[str, float]:
    """Launch to first press; the figures of the report."""
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from tpguide.ui.app import build_window, make_application, show_main_window
    from tpguide.ui.widgets.pain_rating import PainRatingDialog
    from tpguide.ui.widgets.safety_pages import SafetyDialog

    clicks = [0]

    def click(button: QAbstractButton) -> None:
        clicks[0] += 1
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(button.width() // 2, button.height() // 2))

    app = make_application()
    window = build_window(app)
    show_main_window(window)
    ready: list[bool] = []
    window.startupFinished.connect(lambda: ready.append(True))
    _wait(lambda: bool(ready))
    shown = time.monotonic() - LAUNCHED
    _shot(shots, "01-first-launch")

    def read_safety_page() -> None:  # the modal page runs its own loop
        page = QApplication.activeModalWidget()
        if not isinstance(page, SafetyDialog):
            QTimer.singleShot(20, read_safety_page)
            return
        _shot(shots, "02-safety-page")
        page.acknowledge_button.click()  # once ever, so not counted

    QTimer.singleShot(0, read_safety_page)
    click(window.header.start)
    _wait(lambda: _top(PainRatingDialog) is not None)
    question = _top(PainRatingDialog)
    assert isinstance(question, PainRatingDialog)
    _shot(shots, "03-pain-question")
    opened: list[object] = []
    window.sessionStarted.connect(opened.append)
    click(question.panel.scale.button(4))
    _wait(lambda: bool(opened))
    session = opened[0]
    _wait(session.isActiveWindow)  # type: ignore[attr-defined]
    _shot(shots, "04-session-before-start")
    pressed: list[float] = []
    controller = session.controller  # type: ignore[attr-defined]
    controller.phaseStarted.connect(
        lambda phase: pressed.append(time.monotonic()) if phase.kind == "press" else None)
    click(session.controls.start_button)  # type: ignore[attr-defined]
    session_started = time.monotonic()
    _wait(lambda: bool(pressed), timeout=60)
    _shot(shots, "05-first-press")
    result = {"clicks": float(clicks[0]), "window_ready_s": shown,
              "app_time_s": session_started - LAUNCHED,
              "get_ready_s": pressed[0] - session_started,
              "launch_to_press_s": pressed[0] - LAUNCHED}
    result["with_a_person_s"] = result["launch_to_press_s"] + THINK_SECONDS * clicks[0]
    session.close()  # type: ignore[attr-defined]
    window.close()
    return result


def history_shots(shots: Path) -> None:
    """A diary a week in: the pain chart, then the headache log dialog."""
    from datetime import UTC, datetime

    from tests.walker import seed
    from tpguide.ui.app import build_window, make_application, show_main_window

    seed(datetime.now(UTC).astimezone())
    app = make_application()
    window = build_window(app)
    show_main_window(window)
    ready: list[bool] = []
    window.startupFinished.connect(lambda: ready.append(True))
    _wait(lambda: bool(ready))
    window.show_page("history")
    _wait(lambda: hasattr(window.pages.page("history"), "tabs"))
    history = window.pages.page("history")
    history.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    _shot(shots, "06-pain-chart")
    dialog = history.log_headache()  # type: ignore[attr-defined]
    _wait(dialog.isVisible)
    _shot(shots, "07-log-a-headache")
    dialog.close()
    window.close()


def main() -> None:
    args = sys.argv[1:]
    shots = Path(args[args.index("--shots") + 1]) if "--shots" in args else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    if "--history-only" in args and shots is not None:
        os.environ["TPGUIDE_HOME"] = tempfile.mkdtemp(prefix="tpguide-diary-")
        history_shots(shots)
        return
    os.environ["TPGUIDE_HOME"] = tempfile.mkdtemp(prefix="tpguide-first-")
    result = first_press(shots)
    print(f"clicks after the safety page: {result['clicks']:.0f} (aim <= 3)")
    print(f"main window ready: {result['window_ready_s']:.2f} s after launch")
    print(f"get-ready before the first press: {result['get_ready_s']:.1f} s")
    print(f"launch to first press, clicks at machine speed: {result['launch_to_press_s']:.1f} s")
    print(f"with {THINK_SECONDS:.0f} s a click for a person: {result['with_a_person_s']:.1f} s "
          "(aim <= 30 s)")
    if "--history-shots" in args and shots is not None:  # a fresh process: a fresh look
        subprocess.run([sys.executable, __file__, "--history-only", "--shots", str(shots)],
                       check=True)


if __name__ == "__main__":
    main()
