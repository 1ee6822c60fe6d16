"""Startup to the first painted main window, peak memory and idle CPU, against bare Qt.

Each figure comes from a fresh process, alternating app and baseline in the
same run: the baseline shows an empty QMainWindow; the app builds tpguide's
real main window. Both end the process at their first paint (wall time from
the start of the process, and its peak RSS). "Ready" runs stop instead at the first paint after the
main window's deferred start-up work (routine list filled, diary opened: its
``startupFinished`` signal), so work moved past the first paint is still
counted. A separate run leaves the ready app idle for a few seconds, from the moment
its first ready paint has been handled, and reports the CPU it used meanwhile and how
often its main thread woke (aim: about zero; the one wake-up that ends the wait is
counted).

The children resolve their folders like an installed app (XDG folders in a temporary
directory, not TPGUIDE_HOME) and keep compiled bytecode in a private cache filled by the
warm-up runs, as an installed wheel has it (pip compiles on install); ``--no-bytecode``
measures with the environment as it is (PYTHONDONTWRITEBYTECODE: every module compiled on
every start). ``--root DIR`` measures another checkout; ``--before DIR`` measures an
earlier checkout too, its runs interleaved with this one's against the same baseline.

Usage: python bench/startup.py [--no-bytecode] [--root DIR] [--before DIR]
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
RUNS = 9

DRIVER = r"""
import json, os, sys, time
kind, idle = sys.argv[1], float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication.instance() or QApplication(sys.argv[:1])
if kind in ("app", "ready"):
    from tpguide.ui.app import build_window, make_application
    window = build_window(make_application())
else:
    window = QMainWindow()
window.resize(1280, 800)
pending = kind == "ready" and hasattr(window, "startupFinished")

def wakeups():  # times the main thread slept and was woken (Linux; 0 elsewhere)
    try:
        with open("/proc/thread-self/status") as status:
            return sum(int(line.split()[1]) for line in status
                       if line.startswith("voluntary_ctxt_switches"))
    except OSError:
        return 0


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not pending and not hasattr(self, "done"):
            self.done = True
            if idle > 0:  # from when this paint is done (it is not idle time)
                def begin():
                    start, woke = time.process_time(), wakeups()
                    def report():
                        print(json.dumps({"idle_cpu_s": time.process_time() - start,
                                          "wakeups": wakeups() - woke}))
                        app.quit()
                    QTimer.singleShot(int(idle * 1000), report)
                QTimer.singleShot(0, begin)
            else:  # stop here: later timers (the app's deferred work) must not run first
                sys.stdout.flush()
                os._exit(0)
        return False

def finished():
    global pending
    pending = False
    window.update()  # the next paint shows the finished window

if pending:
    window.startupFinished.connect(finished)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def child_env(root: Path, bytecode: Path | None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(root))
    env.pop("TPGUIDE_HOME", None)
    base = Path(tempfile.mkdtemp(prefix="tpguide-bench-"))
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(base / name.lower())
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def run(kind: str, env: dict[str, str], root: Path, idle: float = 0.0) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB and stdout of one driver process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, kind, str(idle)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{kind} driver failed with status {status}")
    return wall, int(usage.ru_maxrss), out


def measure(roots: dict[str, Path], bytecode: bool) -> dict[str, dict[str, float]]:
    """Every checkout's figures against one bare baseline, all runs interleaved: a machine
    busy for a while slows each of them alike."""
    envs = {label: child_env(root, Path(tempfile.mkdtemp(prefix="tpguide-pyc-"))
                             if bytecode else None) for label, root in roots.items()}
    first = next(iter(roots))
    jobs = [("bare", first)] + [(kind, label) for label in roots for kind in ("app", "ready")]
    for kind, label in jobs:  # warm caches (and fill the bytecode caches)
        run(kind, envs[label], roots[label])
    walls: dict[tuple[str, str], list[float]] = {job: [] for job in jobs}
    rss: dict[tuple[str, str], list[int]] = {job: [] for job in jobs}
    for _ in range(RUNS):
        for kind, label in jobs:
            wall, peak, _ = run(kind, envs[label], roots[label])
            walls[kind, label].append(wall)
            rss[kind, label].append(peak)
    results = {}
    for label, root in roots.items():
        mine = {"bare": ("bare", first), "app": ("app", label), "ready": ("ready", label)}
        quiet = json.loads(run("ready", envs[label], root, idle=3.0)[2].strip().splitlines()[-1])
        figures = {"idle_cpu_ms": quiet["idle_cpu_s"] * 1000, "wakeups": quiet["wakeups"]}
        for kind, job in mine.items():
            figures[f"{kind}_ms"] = statistics.median(walls[job]) * 1000
            figures[f"{kind}_fastest"] = min(walls[job]) * 1000  # the least disturbed run
            figures[f"{kind}_mib"] = statistics.median(rss[job]) / 1024
        results[label] = figures
    return results


def report(f: dict[str, float], bytecode: bool) -> None:
    names = {"bare": "bare QMainWindow first paint", "app": "tpguide main window first paint",
             "ready": "tpguide main window ready"}
    for kind, name in names.items():
        print(f"{name:34} {f[kind + '_ms']:6.0f} ms   {f[kind + '_mib']:5.0f} MiB   "
              f"(fastest {f[kind + '_fastest']:.0f} ms)")
    b = f["bare_ms"]
    print(f"{'startup ratio (first paint)':34} {f['app_ms'] / b:6.2f} x    (aim <= 1.3x; "
          f"fastest runs {f['app_fastest'] / f['bare_fastest']:.2f} x)")
    print(f"{'startup ratio (ready)':34} {f['ready_ms'] / b:6.2f} x    (aim <= 1.6x; "
          f"fastest runs {f['ready_fastest'] / f['bare_fastest']:.2f} x)")
    print(f"{'peak memory ratio (ready)':34} {f['ready_mib'] / f['bare_mib']:6.2f} x    "
          "(aim <= 1.5x)")
    print(f"{'idle main window CPU, 3 s':34} {f['idle_cpu_ms']:6.1f} ms   (aim ~0; "
          f"{f['wakeups']:.0f} wake-ups)")
    print(f"{'bytecode':34} {'cached' if bytecode else 'compiled on every start'}")


def main(argv: list[str] | None = None) -> dict[str, float]:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[args.index("--root") + 1]).resolve() if "--root" in args else ROOT
    roots = {"after": root}
    if "--before" in args:
        roots = {"before": Path(args[args.index("--before") + 1]).resolve(), "after": root}
    bytecode = "--no-bytecode" not in args
    results = measure(roots, bytecode)
    for label, figures in results.items():
        if len(results) > 1:
            print(f"{label}: {roots[label]}")
        report(figures, bytecode)
    f = results["after"]
    return {"startup_ratio": f["app_ms"] / f["bare_ms"],
            "ready_ratio": f["ready_ms"] / f["bare_ms"],
            "memory_ratio": f["ready_mib"] / f["bare_mib"], **f}


if __name__ == "__main__":
    main()
