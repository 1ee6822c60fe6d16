"""Routine -> YAML text that tpguide's own loader accepts again.

The dumper never writes anchors or aliases (the loader refuses them) and keeps
the keys in the order the format documents, so saved files read naturally.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tpguide.core.routines.routine import (
    BUILTIN_DEFAULTS,
    PRESSURE_WORDS,
    PointStep,
    Routine,
    Settings,
)
from tpguide.core.routines.rules import SETTINGS

_WORD_FOR = {level: word for word, level in PRESSURE_WORDS.items()}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Block style for multi-line text; double quotes (which escape them) for NEL, LS and PS,
    which PyYAML writes raw elsewhere and reads back as spaces or line breaks."""
    if any(ch in data for ch in _ODD_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def _seconds(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _setting_value(name: str, value: object) -> object:
    if name == "pressure" and isinstance(value, int):
        return _WORD_FOR.get(value, value)
    if SETTINGS[name].kind == "duration" and isinstance(value, int | float):
        return _seconds(float(value))
    return value


def _settings_dict(settings: Settings, names: list[str]) -> dict[str, object]:
    return {name: _setting_value(name, getattr(settings, name)) for name in names}


def _eased_in_defaults(routine: Routine) -> bool:
    """``until_eased`` goes in defaults only when no point step turns it off: ``false`` is
    never written, so that files stay readable by versions that do not know the setting."""
    return routine.defaults.until_eased and all(
        s.settings.until_eased for s in routine.point_steps)


def routine_to_data(routine: Routine) -> dict[str, Any]:
    data: dict[str, Any] = {"tpguide": 1, "id": routine.id, "title": routine.title}
    for key in ("summary", "description", "author"):
        value = getattr(routine, key)
        if value:
            data[key] = value
    if routine.tags:
        data["tags"] = list(routine.tags)
    if routine.safety:
        data["safety"] = list(routine.safety)
    eased_in_defaults = _eased_in_defaults(routine)
    changed = [n for n in SETTINGS if n != "until_eased"
               and getattr(routine.defaults, n) != getattr(BUILTIN_DEFAULTS, n)]
    if eased_in_defaults:
        changed.append("until_eased")
    if changed:
        data["defaults"] = _settings_dict(routine.defaults, changed)
    data["steps"] = [_step_data(step, eased_in_defaults) for step in routine.steps]
    return data


def _step_data(step: object, eased_in_defaults: bool = False) -> dict[str, Any]:
    if isinstance(step, PointStep):
        out: dict[str, Any] = {"point": step.point}
        names = [n for n in SETTINGS if n in step.overridden and n != "until_eased"]
        if step.settings.until_eased and not eased_in_defaults:
            names.append("until_eased")
        out.update(_settings_dict(step.settings, names))
    else:
        out = {"rest": _seconds(step.rest)}  # type: ignore[attr-defined]
    if getattr(step, "instructions", None):
        out["instructions"] = step.instructions  # type: ignore[attr-defined]
    if getattr(step, "say", None):
        out["say"] = step.say  # type: ignore[attr-defined]
    return out


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)


def routine_to_yaml(routine: Routine) -> str:
    return dump_yaml(routine_to_data(routine))


def slug_from_name(name: str) -> str:
    """A valid routine id made from a file name."""
    stem = re.sub(r"\.(tpguide\.)?ya?ml$", "", name.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:64]
    return slug or "my-routine"
