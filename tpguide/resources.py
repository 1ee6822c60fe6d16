"""Finds the shipped assets and built-in routines, installed or in a source tree.

Installed wheels carry them as ``tpguide/data/assets`` and
``tpguide/data/routines``; a source checkout has them beside the package.
Names are checked so that nothing outside those folders can be reached.

The folders are found with ``os.path``, and ``pathlib`` is imported only when a Path is
asked for: ``tpguide validate`` reads the atlas through ``location`` and starts without it.
"""

from __future__ import annotations

import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


@cache
def _root(kind: str) -> str:
    installed = os.path.join(_PACKAGE_DIR, "data", kind)
    if os.path.isdir(installed):
        return installed
    source = os.path.join(os.path.dirname(_PACKAGE_DIR), kind)
    if os.path.isdir(source):
        return source
    raise FileNotFoundError(
        f"tpguide cannot find its {kind} folder (looked in {installed} and {source})"
    )


def _safe_join(root: str, name: str) -> str:
    parts = [part for part in name.split(os.sep) if part not in ("", ".")]
    if not parts or os.path.isabs(name) or ".." in parts:
        raise ValueError(f"not a resource name: {name!r}")
    return os.path.join(root, *parts)


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def location(name: str) -> str:
    """Where a shipped asset such as ``atlas.yaml`` is, as text (no pathlib needed)."""
    return _safe_join(_root("assets"), name)


def assets_dir() -> Path:
    return _path(_root("assets"))


def routines_dir() -> Path:
    return _path(_root("routines"))


def asset(name: str) -> Path:
    """Path of a shipped asset such as ``diagrams/head-front.svg``."""
    return _path(location(name))


def builtin_routine_files() -> list[Path]:
    return sorted(routines_dir().glob("*.yaml"))


def atlas_file() -> Path:
    return asset("atlas.yaml")


def diagram(view: str) -> Path:
    return asset(f"diagrams/{view}.svg")


def sound(name: str) -> Path:
    return asset(f"sounds/{name}.wav")


def voice(name: str) -> Path:
    return asset(f"voice/{name}.wav")
