"""Finds the shipped assets and built-in routines, installed or in a source tree.

Installed wheels carry them as ``tpguide/data/assets`` and
``tpguide/data/routines``; a source checkout has them beside the package.
Names are checked so that nothing outside those folders can be reached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root(kind: str) -> Path:
    installed = _PACKAGE_DIR / "data" / kind
    if installed.is_dir():
        return installed
    source = _PACKAGE_DIR.parent / kind
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"tpguide cannot find its {kind} folder (looked in {installed} and {source})"
    )


def _safe_join(root: Path, name: str) -> Path:
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        raise ValueError(f"not a resource name: {name!r}")
    return root.joinpath(*parts)


def assets_dir() -> Path:
    return _root("assets")


def routines_dir() -> Path:
    return _root("routines")


def asset(name: str) -> Path:
    """Path of a shipped asset such as ``diagrams/head-front.svg``."""
    return _safe_join(assets_dir(), name)


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
