"""The routine format's tables: keys, kinds, bounds and defaults, in one place.

The validator and the JSON Schema generator both read these, so the schema can
never drift from what ``tpguide validate`` enforces.
"""

from __future__ import annotations

from tpguide.core.record import record
from tpguide.core.routines.routine import BUILTIN_DEFAULTS, PRESSURE_WORDS, SIDES, TOOLS

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MAX_TAGS = 20
MIN_STEPS, MAX_STEPS = 1, 200
MAX_TOTAL_SECONDS = 3 * 3600
LONG_TOTAL_SECONDS = 60 * 60
LONG_PRESS_SECONDS = 90
ADVISED_MAX_PRESSURE = 7
MAX_PRESSURE_ON_ONE_POINT = 5 * 60
REST_STEP_MIN, REST_STEP_MAX = 1.0, 3600.0


@record(frozen=True)
class TextRule:
    min_len: int = 0
    max_len: int | None = None
    slug: bool = False


@record(frozen=True)
class SettingRule:
    """One of the ten step settings: its kind and inclusive bounds."""

    kind: str  # "duration" | "int" | "choice" | "pressure" | "boolean"
    low: float = 0
    high: float = 0
    choices: tuple[str, ...] = ()


TOP_TEXT: dict[str, TextRule] = {
    "id": TextRule(1, 64, slug=True),
    "title": TextRule(1, 120),
    "summary": TextRule(0, 200),
    "description": TextRule(0, 5000),
    "author": TextRule(0, 120),
}
TOP_KEYS: tuple[str, ...] = (
    "tpguide", "id", "title", "summary", "description", "author", "tags", "safety",
    "defaults", "steps",
)
REQUIRED_TOP: tuple[str, ...] = ("tpguide", "id", "title", "steps")

SETTINGS: dict[str, SettingRule] = {
    "side": SettingRule("choice", choices=SIDES),
    "prepare": SettingRule("duration", 0, 120),
    "press": SettingRule("duration", 1, 300),
    "release": SettingRule("duration", 1, 300),
    "cycles": SettingRule("int", 1, 20),
    "rest": SettingRule("duration", 0, 600),
    "switch": SettingRule("duration", 0, 60),
    "pressure": SettingRule("pressure", 1, 10, tuple(PRESSURE_WORDS)),
    "tool": SettingRule("choice", choices=TOOLS),
    "until_eased": SettingRule("boolean", choices=("true", "false")),
}

STEP_TEXT: dict[str, TextRule] = {
    "instructions": TextRule(0, 2000),
    "say": TextRule(0, 300),
}
POINT_STEP_KEYS: tuple[str, ...] = ("point", *SETTINGS, *STEP_TEXT)
REST_STEP_KEYS: tuple[str, ...] = ("rest", "say", "instructions")
ALL_STEP_KEYS: tuple[str, ...] = POINT_STEP_KEYS

BUILTIN = {name: getattr(BUILTIN_DEFAULTS, name) for name in SETTINGS}
