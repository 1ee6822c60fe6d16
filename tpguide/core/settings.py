"""The user's preferences as one typed value, read forgivingly and saved atomically."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tpguide import paths
from tpguide.core.atomic_io import PRIVATE, WriteError, set_aside, write_atomic, write_error

Theme = Literal["system", "light", "dark"]
THEMES: tuple[str, ...] = ("system", "light", "dark")
DEFAULT_VOLUME = 0.8
SETTINGS_VERSION = 1


def clamp_volume(value: float) -> float:
    """Volume within 0..1; a value that is not a finite number becomes the default."""
    try:
        number = float(value)
    except OverflowError:
        return DEFAULT_VOLUME
    return min(1.0, max(0.0, number)) if math.isfinite(number) else DEFAULT_VOLUME


@dataclass(frozen=True)
class AppSettings:
    """Every preference with its default; ``volume`` is clamped to 0..1 on creation."""

    safety_acknowledged: bool = False
    safety_acknowledged_at: str | None = None
    volume: float = DEFAULT_VOLUME
    muted: bool = False
    voice: bool = True
    ticks: bool = True
    calm: bool = False
    theme: Theme = "system"
    larger_text: bool = False
    reduced_motion: bool = False
    ask_pain_ratings: bool = True
    fullscreen_session: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "volume", clamp_volume(self.volume))


class SettingsError(Exception):
    """Settings could not be saved; ``str(error)`` is a message for the user."""


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AppSettings))


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_theme(value: object) -> bool:
    return isinstance(value, str) and value in THEMES


def _is_timestamp(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


_CHECKS: dict[str, Callable[[object], bool]] = {
    "volume": _is_number,
    "theme": _is_theme,
    "safety_acknowledged_at": _is_timestamp,
}


def settings_from(data: dict[str, object]) -> AppSettings:
    """Settings from parsed JSON: unknown keys ignored, a wrongly typed value -> its default."""
    accepted = {
        name: data[name]
        for name in FIELD_NAMES
        if name in data and _CHECKS.get(name, _is_bool)(data[name])
    }
    return AppSettings(**accepted)  # type: ignore[arg-type]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SettingsStore:
    """Reads and writes ``settings.json``; ``notice`` says what the user should be told.

    A file that is not a JSON object is renamed ``settings.json.corrupt-<time>`` (never
    deleted) and the defaults are used. Keys this version does not know are kept on save,
    so an older tpguide does not erase a newer one's settings.
    """

    def __init__(self, path: Path | None = None, *, now: Callable[[], datetime] = _utc_now):
        self.path = path if path is not None else paths.settings_file()
        self.notice: str | None = None
        self._now = now
        self._extra: dict[str, object] = {}
        self._version = SETTINGS_VERSION

    def load(self) -> AppSettings:
        """The saved settings, or the defaults for whatever is missing or unreadable."""
        self.notice = None
        data = self._read()
        if data is None:
            return AppSettings()
        self._remember_extra(data)
        return settings_from(data)

    def _read(self) -> dict[str, object] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.notice = f"Your settings could not be read ({exc.strerror}); using the defaults."
            return None
        data = _parse(raw)
        if data is None:
            self._set_aside()
        return data

    def _set_aside(self) -> None:
        try:
            aside = set_aside(self.path, self._now())
        except OSError as exc:
            self.notice = (
                f"Your settings file could not be read, nor moved aside ({exc.strerror}); "
                "tpguide is using the defaults."
            )
            return
        self.notice = (
            "Your settings file could not be read, so tpguide is using the defaults. "
            f"The old file was kept as {aside.name}."
        )

    def _remember_extra(self, data: dict[str, object]) -> None:
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            self._version = max(SETTINGS_VERSION, version)
        skip = {*FIELD_NAMES, "version"}
        self._extra = {key: value for key, value in data.items() if key not in skip}

    def save(self, settings: AppSettings) -> None:
        """Write all settings at once: a failure leaves the previous file as it was."""
        data = {"version": self._version, **self._extra, **asdict(settings)}
        try:
            text = json.dumps(data, indent=2, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"These settings cannot be saved: {exc}") from exc
        try:
            paths.ensure(self.path.parent)
        except OSError as exc:
            raise SettingsError(f"Your settings could not be saved: "
                                f"{write_error(exc, self.path).strerror}.") from exc
        try:
            write_atomic(self.path, (text + "\n").encode("utf-8"), mode=PRIVATE)
        except WriteError as exc:
            raise SettingsError(f"Your settings could not be saved to {self.path}: "
                                f"{exc.strerror}.") from exc


def _parse(raw: bytes) -> dict[str, object] | None:
    """The JSON object in ``raw``, or None when it is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
