"""Every location tpguide reads or writes on disk, in one place and without Qt.

The CLI and the GUI both ask this module, so they always agree on where the
user's routines, history, settings and courses live. ``TPGUIDE_HOME`` moves all
of them under one folder (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tpguide import APP_NAME

HOME_ENV = "TPGUIDE_HOME"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def _platformdirs() -> Any:
    import platformdirs  # only without TPGUIDE_HOME; about 5 ms of start-up otherwise

    return platformdirs


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "data"
    return Path(_platformdirs().user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "config"
    return Path(_platformdirs().user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "state"
    return Path(_platformdirs().user_state_dir(APP_NAME, appauthor=False))


def user_routines_dir() -> Path:
    return data_dir() / "routines"


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def courses_dir() -> Path:
    return data_dir() / "courses"


def session_lock() -> Path:
    return state_dir() / "session.lock"


def ensure(path: Path) -> Path:
    """Create a folder on first use, so no caller has to remember to."""
    path.mkdir(parents=True, exist_ok=True)
    return path
