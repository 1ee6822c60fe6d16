"""The user's preferences as one typed value, read forgivingly and saved atomically."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tpguide import paths
from tpguide.core.atomic_io import PRIVATE, WriteError, set_aside, write_atomic, write_error
from tpguide.core.bounded_read import read_bounded
from tpguide.core.i18n import _
from tpguide.core.record import asdict, fields, record

if TYPE_CHECKING:
    from datetime import datetime

Theme = Literal["system", "light", "dark"]
THEMES: tuple[str, ...] = ("system", "light", "dark")
DEFAULT_VOLUME = 0.8
SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 64 * 1024  # a few hundred bytes in use; anything near this is not ours


def clamp_volume(value: float) -> float:
    """Volume within 0..1; a value that is not a finite number becomes the default."""
    try:
        number = float(value)
    except OverflowError:
        return DEFAULT_VOLUME
    return min(1.0, max(0.0, number)) if math.isfinite(number) else DEFAULT_VOLUME


@record(frozen=True)
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
    tenderness_keys: bool = True
    breathing_guide: bool = False
    fullscreen_session: bool = False
    therapist: bool = False
    language: str = ""
    """A language code from ``i18n.LANGUAGES``; empty follows the system (applies on restart)."""

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
    from datetime import datetime  # here: the main window paints without datetime

    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_language(value: object) -> bool:
    from tpguide.core.i18n.language import LANGUAGES, PSEUDO

    return isinstance(value, str) and value in ("", PSEUDO, *LANGUAGES)


_CHECKS: dict[str, Callable[[object], bool]] = {
    "language": _is_language,
    "volume": _is_number,
    "theme": _is_theme,
    "safety_acknowledged_at": _is_timestamp,
}


def settings_from(data: dict[str, object]) -> AppSettings:
    """Settings from parsed JSON: unknown keys ignored, a wrongly typed value -> its default."""
    return AppSettings(**{name: data[name] for name in FIELD_NAMES  # type: ignore[arg-type]
                          if name in data and name not in rejected_keys(data)})


def rejected_keys(data: dict[str, object]) -> list[str]:
    """The known settings in ``data`` whose values have the wrong type (they get the default)."""
    return [name for name in FIELD_NAMES
            if name in data and not _CHECKS.get(name, _is_bool)(data[name])]


def _utc_now() -> datetime:
    from datetime import UTC, datetime

    return datetime.now(UTC)


class SettingsStore:
    """Reads and writes ``settings.json``; ``notice`` says what the user should be told.

    A file that is not a JSON object, or is larger than MAX_SETTINGS_BYTES, is renamed
    ``settings.json.corrupt-<time>`` (never deleted) and the defaults are used; a value of
    the wrong type is reset to its default, with a notice. A UTF-8 byte order mark (some
    editors write one) is accepted. Keys this version does not know are kept on save, so
    an older tpguide does not erase a newer one's settings.
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
        rejected = rejected_keys(data)
        if rejected:
            keys = ", ".join(rejected)  # the keys as the file spells them
            self.notice = (_("Some of your settings had values tpguide cannot use and were "
                             "reset to their defaults ({keys}); the safety notes will be "
                             "shown again before your next session.")
                           if "safety_acknowledged" in rejected else
                           _("Some of your settings had values tpguide cannot use and were "
                             "reset to their defaults ({keys}).")).format(keys=keys)
        return settings_from(data)

    def _read(self) -> dict[str, object] | None:
        try:
            raw = read_bounded(self.path, MAX_SETTINGS_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.notice = _("Your settings could not be read from {path} ({reason}); "
                            "tpguide is using the defaults, and the safety notes will be shown "
                            "again before your next session.").format(path=self.path,
                                                                      reason=exc.strerror)
            return None
        if len(raw) > MAX_SETTINGS_BYTES:
            self._set_aside(_("Your settings file is larger than {size} KiB, far more than "
                              "settings need").format(size=MAX_SETTINGS_BYTES // 1024))
            return None
        data = _parse(raw)
        if data is None:
            self._set_aside(_("Your settings file could not be read"))
        return data

    def _set_aside(self, problem: str) -> None:
        """Keep the unusable file aside; ``problem`` is "Your settings file ..." (translated)."""
        try:
            aside = set_aside(self.path, self._now())
        except OSError as exc:
            self.notice = _(
                "{problem}, nor could it be moved aside ({reason}); tpguide is using the "
                "defaults, and the safety notes will be shown again before your next session."
            ).format(problem=problem, reason=exc.strerror)
            return
        self.notice = _(
            "{problem}, so tpguide is using the defaults, and the safety notes will be shown "
            "again before your next session. The old file was kept as {name} in {folder}."
        ).format(problem=problem, name=aside.name, folder=aside.parent)

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
            raise SettingsError(_("These settings cannot be saved: {reason}").format(
                reason=exc)) from exc
        try:
            paths.ensure(self.path.parent)
        except OSError as exc:
            raise SettingsError(_("Your settings could not be saved: {reason}.").format(
                reason=write_error(exc, self.path).strerror)) from exc
        try:
            write_atomic(self.path, (text + "\n").encode("utf-8"), mode=PRIVATE)
        except WriteError as exc:
            raise SettingsError(_("Your settings could not be saved to {path}: {reason}.").format(
                path=self.path, reason=exc.strerror)) from exc


def _parse(raw: bytes) -> dict[str, object] | None:
    """The JSON object in ``raw``, or None when it is not one."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a byte order mark is not damage
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
