"""Installs the desktop entry, file types and icon, so a double click opens a routine.

Files go to the XDG data folder (``~/.local/share`` unless told otherwise);
nothing outside it is touched, and no Qt is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tpguide import APP_ID, resources


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install(data_home: Path | None = None, executable: str | None = None) -> list[Path]:
    """Copy the entry, MIME types, icon and AppStream metainfo; return the files written."""
    base = data_home or xdg_data_home()
    entry_text = resources.asset(f"desktop/{APP_ID}.desktop").read_text(encoding="utf-8")
    exe = executable or shutil.which("tpguide") or "tpguide"
    entry_text = entry_text.replace("Exec=tpguide %f", f"Exec={exe} %f")
    targets = {
        base / "applications" / f"{APP_ID}.desktop": entry_text.encode("utf-8"),
        base / "mime" / "packages" / f"{APP_ID}.xml":
            resources.asset(f"desktop/{APP_ID}.xml").read_bytes(),
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg":
            resources.asset(f"icons/{APP_ID}.svg").read_bytes(),
        base / "metainfo" / f"{APP_ID}.metainfo.xml":
            resources.asset(f"desktop/{APP_ID}.metainfo.xml").read_bytes(),
    }
    from tpguide.core.atomic_io import SHARED, write_atomic

    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, mode=SHARED)
    _refresh(base)
    return list(targets)


def _refresh(base: Path) -> None:
    """Let the desktop notice the new types; harmless where the tools are missing."""
    for tool, arg in (("update-mime-database", base / "mime"),
                      ("update-desktop-database", base / "applications")):
        if shutil.which(tool):
            subprocess.run([tool, str(arg)], check=False, capture_output=True, timeout=60)
