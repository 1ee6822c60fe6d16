"""The immutable routine model that the loader produces and the planner reads.

Values here are already checked and normalised (durations in seconds, pressure
as 1-10), so nothing downstream needs to know YAML or its pitfalls.
"""

from __future__ import annotations

from tpguide.core.i18n import N_
from tpguide.core.record import field, record, replace

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    from typing import Literal

    Side = Literal["left", "right", "both", "together"]
    Tool = Literal["fingers", "thumb", "knuckles", "pincer", "palm", "ball", "cane"]

SIDES: tuple[str, ...] = ("left", "right", "both", "together")
TOOLS: tuple[str, ...] = ("fingers", "thumb", "knuckles", "pincer", "palm", "ball", "cane")
PRESSURE_WORDS: dict[str, int] = {"light": 3, "moderate": 5, "firm": 7}


def pressure_word(level: int) -> str:
    """The word people use for a pressure level, for labels and handouts (untranslated: the
    caller shows it through ``_``)."""
    if level <= 3:
        return N_("light")
    if level <= 5:
        return N_("moderate")
    if level <= 7:
        return N_("firm")
    return N_("very firm")


@record(frozen=True)
class Settings:
    """The ten settings a point step has, each inherited from defaults when absent.

    ``until_eased`` makes ``press`` the longest a press may last: the person ends it
    when the tenderness eases.
    """

    side: str = "both"
    prepare: float = 5.0
    press: float = 30.0
    release: float = 10.0
    cycles: int = 3
    rest: float = 10.0
    switch: float = 5.0
    pressure: int = 5
    tool: str = "fingers"
    until_eased: bool = False

    def with_overrides(self, **values: object) -> Settings:
        return replace(self, **values)  # type: ignore[arg-type]


SETTING_NAMES: tuple[str, ...] = (
    "side", "prepare", "press", "release", "cycles", "rest", "switch", "pressure", "tool",
    "until_eased",
)

BUILTIN_DEFAULTS = Settings()


@record(frozen=True)
class PointStep:
    """Press and release one atlas point, on one side, both in turn, or both together."""

    point: str
    settings: Settings
    instructions: str | None = None
    say: str | None = None
    overridden: frozenset[str] = frozenset()
    line: int = 0

    @property
    def sides(self) -> tuple[str, ...]:
        side = self.settings.side
        if side == "both":
            return ("left", "right")
        return (side,)


@record(frozen=True)
class RestStep:
    """A pause between points; its length never comes from ``defaults``."""

    rest: float
    say: str | None = None
    instructions: str | None = None
    line: int = 0


Step = PointStep | RestStep


@record(frozen=True)
class Routine:
    id: str
    title: str
    steps: tuple[Step, ...]
    defaults: Settings = BUILTIN_DEFAULTS
    summary: str | None = None
    description: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)

    @property
    def point_steps(self) -> tuple[PointStep, ...]:
        return tuple(s for s in self.steps if isinstance(s, PointStep))
