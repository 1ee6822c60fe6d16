"""Startup to the first painted main window, peak memory and idle CPU, against bare Qt.

Each figure comes from a fresh process, alternating app and baseline in the
same run: the baseline shows an empty QMainWindow; the app builds tpguide's
real main window. Both stop at their first paint (wall time and peak RSS of
the whole process); a separate run leaves the app idle for a few seconds and
reports the CPU it used meanwhile (aim: about zero).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

DRIVER = r"""
import json, os, sys, time
kind, idle = sys.argv[1], float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication.instance() or QApplication(sys.argv[:1])
if kind == "app":
    from tpguide.ui.app import build_window, make_application
    window = build_window(make_application())
else:
    window = QMainWindow()
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            if idle > 0:
                start = time.process_time()
                def report():
                    print(json.dumps({"idle_cpu_s": time.process_time() - start}))
                    app.quit()
                QTimer.singleShot(int(idle * 1000), report)
            else:
                QTimer.singleShot(0, app.quit)
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def run(kind: str, idle: float = 0.0) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB and stdout of one driver process."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.setdefault("TPGUIDE_HOME", tempfile.mkdtemp(prefix="tpguide-bench-"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, kind, str(idle)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{kind} driver failed with status {status}")
    return wall, int(usage.ru_maxrss), out


def main() -> dict[str, float]:
    run("bare"), run("app")  # warm caches
    walls: dict[str, list[float]] = {"bare": [], "app": []}
    rss: dict[str, list[int]] = {"bare": [], "app": []}
    for _ in range(RUNS):
        for kind in ("bare", "app"):
            wall, peak, _ = run(kind)
            walls[kind].append(wall)
            rss[kind].append(peak)
    b, a = statistics.median(walls["bare"]), statistics.median(walls["app"])
    mb, ma = statistics.median(rss["bare"]) / 1024, statistics.median(rss["app"]) / 1024
    idle = json.loads(run("app", idle=3.0)[2].strip().splitlines()[-1])["idle_cpu_s"]
    print(f"{'bare QMainWindow first paint':32} {b * 1000:8.0f} ms   {mb:6.0f} MiB")
    print(f"{'tpguide main window first paint':32} {a * 1000:8.0f} ms   {ma:6.0f} MiB")
    print(f"{'startup ratio':32} {a / b:8.2f} x   (aim <= 1.3x)")
    print(f"{'peak memory ratio':32} {ma / mb:8.2f} x   (aim <= 1.5x)")
    print(f"{'idle main window CPU, 3 s':32} {idle * 1000:8.1f} ms  (aim ~0)")
    return {"startup_ratio": a / b, "memory_ratio": ma / mb, "idle_cpu_ms": idle * 1000,
            "bare_ms": b * 1000, "app_ms": a * 1000, "bare_mib": mb, "app_mib": ma}


if __name__ == "__main__":
    main()
