"""Every location tpguide reads or writes on disk, in one place and without Qt.

The CLI and the GUI both ask this module, so they always agree on where the
user's routines, history, settings and courses live. ``TPGUIDE_HOME`` moves all
of them under one folder (tests, portable installs).
"""

from __future__ import annotations

import os
import sys

from tpguide import APP_NAME

TYPE_CHECKING = False  # pathlib only when a Path is asked for: every command asks this module
if TYPE_CHECKING:
    from pathlib import Path

HOME_ENV = "TPGUIDE_HOME"

# On Linux the XDG rules are short enough to follow here: importing platformdirs costs
# about 6 ms of every start-up. Elsewhere (and on Android) platformdirs decides.
_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"),
        "config": ("XDG_CONFIG_HOME", "~/.config"),
        "state": ("XDG_STATE_HOME", "~/.local/state")}


def _folder(kind: str) -> str:
    """The ``data``, ``config`` or ``state`` folder as text: under ``TPGUIDE_HOME`` when
    set, else ``platformdirs.user_<kind>_dir(APP_NAME, appauthor=False)``."""
    home = os.environ.get(HOME_ENV)
    if home:
        return os.path.join(home, kind)
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return os.path.join(base if base.strip() else os.path.expanduser(default), APP_NAME)
    import platformdirs

    folder: str = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    return folder


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def data_dir() -> Path:
    return _path(_folder("data"))


def config_dir() -> Path:
    return _path(_folder("config"))


def state_dir() -> Path:
    return _path(_folder("state"))


def user_routines_dir() -> Path:
    return data_dir() / "routines"


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def editor_schema_location() -> str:
    """Where ``editor_schema()`` is, as text: every start looks for it, without pathlib."""
    return os.path.join(_folder("data"), "schema", "routine.schema.json")


def editor_schema() -> Path:
    """The routine schema's copy that editors are pointed at (``tpguide editor-setup``)."""
    return _path(editor_schema_location())


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
        return _path(base)
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    return _path(tempfile.gettempdir()) / f"tpguide-runtime-{uid}"


def ensure(path: Path) -> Path:
    """Create a folder on first use, so no caller has to remember to."""
    path.mkdir(parents=True, exist_ok=True)
    return path
