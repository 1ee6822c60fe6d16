"""Installs the desktop entry, file types and icon, so a double click opens a routine.

Files go to the XDG data folder (``~/.local/share`` unless told otherwise);
nothing outside it is touched, and no Qt is needed. ``installed_files`` is the one
list of what ``install`` may write, so ``remove`` takes away exactly that (and the
desktop's caches and folders that only those files needed) before ``pipx uninstall``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tpguide import APP_ID, resources


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def xdg_config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def this_tpguide() -> str:
    """The running install's ``tpguide`` (a pipx venv's, say), whether its folder is on
    PATH or not; the one PATH finds otherwise."""
    beside = Path(sys.executable).parent / "tpguide"
    return str(beside) if beside.is_file() else shutil.which("tpguide") or "tpguide"


def installed_files(data_home: Path, config_home: Path) -> list[Path]:
    """Everything ``install`` may write: a new kind of file is one more line here."""
    return [
        data_home / "applications" / f"{APP_ID}.desktop",
        data_home / "mime" / "packages" / f"{APP_ID}.xml",
        data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        data_home / "metainfo" / f"{APP_ID}.metainfo.xml",
    ]


def install(data_home: Path | None = None, executable: str | None = None, *,
            config_home: Path | None = None) -> list[Path]:
    """Copy the entry, MIME types, icon and AppStream metainfo; return the files written."""
    base = data_home or xdg_data_home()
    config = config_home or xdg_config_home()
    entry_text = resources.asset(f"desktop/{APP_ID}.desktop").read_text(encoding="utf-8")
    exe = executable or this_tpguide()
    entry_text = entry_text.replace("Exec=tpguide %f", f"Exec={exe} %f")
    files = installed_files(base, config)
    targets = {
        files[0]: entry_text.encode("utf-8"),
        files[1]: resources.asset(f"desktop/{APP_ID}.xml").read_bytes(),
        files[2]: resources.asset(f"icons/{APP_ID}.svg").read_bytes(),
        files[3]: resources.asset(f"desktop/{APP_ID}.metainfo.xml").read_bytes(),
    }
    from tpguide.core.atomic_io import SHARED, write_atomic

    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, mode=SHARED)
    _refresh(base)
    return list(targets)


def remove(data_home: Path | None = None, *, config_home: Path | None = None) -> list[Path]:
    """Remove every file ``install`` may have written; return those that were there."""
    base = data_home or xdg_data_home()
    config = config_home or xdg_config_home()
    files = installed_files(base, config)
    removed = []
    for path in files:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    if removed:
        _refresh(base)
        _drop_caches_of_nothing(base)
        _prune_empty_folders(files, stop_at=(base, config))
    return removed


def _refresh(base: Path) -> None:
    """Let the desktop notice the new types; harmless where the tools are missing."""
    for tool, arg in (("update-mime-database", base / "mime"),
                      ("update-desktop-database", base / "applications")):
        if shutil.which(tool) and arg.is_dir():
            subprocess.run([tool, str(arg)], check=False, capture_output=True, timeout=60)


# What update-mime-database builds from mime/packages (shared-mime-info's own list).
_MIME_DATABASE = ("XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons",
                  "magic", "mime.cache", "subclasses", "treemagic", "types", "version")


def _drop_caches_of_nothing(base: Path) -> None:
    """Delete what the desktop's tools derived from the files just removed: the MIME
    database once no package is left to build it from, its empty per-type folders,
    and the desktop entries' cache once no entry is left."""
    mime = base / "mime"
    if mime.is_dir():
        packages = mime / "packages"
        if not (packages.is_dir() and any(packages.iterdir())):
            for name in _MIME_DATABASE:
                (mime / name).unlink(missing_ok=True)
        for media in mime.iterdir():  # application/ and the like: one file per type
            if media.is_dir() and media != packages and not any(media.iterdir()):
                media.rmdir()
    applications = base / "applications"
    if applications.is_dir() and not any(applications.rglob("*.desktop")):
        (applications / "mimeinfo.cache").unlink(missing_ok=True)


def _prune_empty_folders(files: list[Path], stop_at: tuple[Path, ...]) -> None:
    """Remove the folders that held only these files, up to (not including) the XDG homes."""
    for path in files:
        folder = path.parent
        while folder not in stop_at and any(folder.is_relative_to(s) for s in stop_at):
            try:
                folder.rmdir()  # only when empty
            except FileNotFoundError:
                pass
            except OSError:
                break
            folder = folder.parent
