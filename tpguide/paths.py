"""Every location tpguide reads or writes on disk, in one place and without Qt.

The CLI and the GUI both ask this module, so they always agree on where the
user's routines, history, settings and courses live. ``TPGUIDE_HOME`` moves all
of them under one folder (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from tpguide import APP_NAME

HOME_ENV = "TPGUIDE_HOME"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


# On Linux the XDG rules are short enough to follow here: importing platformdirs costs
# about 6 ms of every start-up. Elsewhere (and on Android) platformdirs decides.
_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"),
        "config": ("XDG_CONFIG_HOME", "~/.config"),
        "state": ("XDG_STATE_HOME", "~/.local/state")}


def _user_dir(kind: str) -> Path:
    """``platformdirs.user_<kind>_dir(APP_NAME, appauthor=False)``, as a Path."""
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if base.strip() else os.path.expanduser(default)) / APP_NAME
    import platformdirs

    folder: Any = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    return Path(folder)


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "data"
    return _user_dir("data")


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "config"
    return _user_dir("config")


def state_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "state"
    return _user_dir("state")


def user_routines_dir() -> Path:
    return data_dir() / "routines"


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def editor_schema() -> Path:
    """The routine schema's copy that editors are pointed at (``tpguide editor-setup``)."""
    return data_dir() / "schema" / "routine.schema.json"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def courses_dir() -> Path:
    return data_dir() / "courses"


def session_lock() -> Path:
    return state_dir() / "session.lock"


def reminder_state() -> Path:
    """What the person answered to the last desktop reminder (snooze, skip today)."""
    return state_dir() / "reminders.json"


def instance_lock() -> Path:
    """Held by the one app process that may run sessions on this data (QLockFile)."""
    return state_dir() / "instance.lock"


def instance_socket() -> Path:
    """Where that process listens for a second ``tpguide`` (a file to open, --pause...).

    A short name in the runtime folder (sockets have a length limit), named after the
    state folder, so each TPGUIDE_HOME (each test) has its own.
    """
    import hashlib

    key = hashlib.sha256(str(state_dir().absolute()).encode("utf-8")).hexdigest()[:16]
    return runtime_dir() / f"tpguide-{key}.sock"


def runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR, or a private folder in the temporary folder where it is unset."""
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if base.strip() and os.path.isdir(base):
        return Path(base)
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"tpguide-runtime-{uid}"


def ensure(path: Path) -> Path:
    """Create a folder on first use, so no caller has to remember to."""
    path.mkdir(parents=True, exist_ok=True)
    return path
