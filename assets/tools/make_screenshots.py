"""Renders the README's screenshots of the main window (offscreen, 1280 x 800).

Run from the checkout: ``.venv/bin/python assets/tools/make_screenshots.py``. It uses a
fresh temporary TPGUIDE_HOME, so your own routines and diary never appear. The pictures go
to ``assets/screenshots/``; AppStream wants screenshots as web addresses, so they join the
metainfo only when the project has a public home.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["TPGUIDE_HOME"] = tempfile.mkdtemp(prefix="tpguide-shots-")
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace

    from PySide6.QtCore import QEventLoop, QTimer

    from tpguide.core.library.catalog import Group
    from tpguide.core.settings import SettingsStore
    from tpguide.ui.app import build_window, make_application

    store = SettingsStore()
    store.save(replace(store.load(), safety_acknowledged=True))
    app = make_application()
    window = build_window(app, store)
    window.resize(1280, 800)
    loop = QEventLoop()
    window.startupFinished.connect(loop.quit)
    window.show()
    loop.exec()

    def settle() -> None:  # let layouts and lazy pages finish before the picture
        wait = QEventLoop()
        QTimer.singleShot(300, wait.quit)
        wait.exec()

    OUT.mkdir(parents=True, exist_ok=True)
    shots = {"routine": lambda: window.show_item(next(
                 i for i in window.library.items(Group.BUILTIN)
                 if i.result.routine is not None
                 and i.result.routine.id == "tension-headache-basic")),
             "finder": lambda: window.show_page("finder")}
    for name, show in shots.items():
        show()
        settle()
        target = OUT / f"{name}.png"
        window.grab().save(str(target), "PNG")
        print(f"wrote {target.relative_to(ROOT)}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
