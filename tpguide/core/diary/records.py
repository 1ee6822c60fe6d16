"""The pain diary's records as checked, immutable values shared by the store, charts and alerts."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

from tpguide.core.record import record

SessionStatus = Literal["running", "completed", "stopped", "unwell", "interrupted"]
Quality = Literal["pressing", "throbbing", "other"]
PressOutcome = Literal["eased", "not-eased", "timed"]
MedicationClass = Literal["simple", "triptan", "ergot", "opioid", "combination", "other"]

STATUSES: tuple[str, ...] = ("running", "completed", "stopped", "unwell", "interrupted")
FINAL_STATUSES: tuple[str, ...] = ("completed", "stopped", "unwell", "interrupted")
QUALITIES: tuple[str, ...] = ("pressing", "throbbing", "other")
PRESS_OUTCOMES: tuple[str, ...] = ("eased", "not-eased", "timed")
PRESS_SIDES: tuple[str, ...] = ("left", "right", "together")
MEDICATION_CLASSES: tuple[str, ...] = (
    "simple",
    "triptan",
    "ergot",
    "opioid",
    "combination",
    "other",
)


def check_scale(name: str, value: int | None, top: int = 10) -> None:
    """Refuse a rating that is not a whole number from 0 to ``top`` (None means not rated)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        raise ValueError(f"{name} must be a whole number from 0 to {top}, not {value!r}")


def check_seconds(name: str, value: float) -> None:
    """Refuse a duration that is not a finite number of seconds, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < math.inf:
        raise ValueError(f"{name} must be a number of seconds, zero or more, not {value!r}")


def check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    """Refuse a value outside its fixed list (None allowed: not recorded)."""
    if value is not None and value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


@record(frozen=True)
class SessionRecord:
    """One guided session as stored: written at start, updated as it runs and when it ends."""

    id: int
    routine_id: str
    routine_title: str
    started_at: datetime
    ended_at: datetime | None
    planned_seconds: float
    completed_seconds: float
    status: SessionStatus
    pain_before: int | None = None
    pain_after: int | None = None
    note: str | None = None
    pid: int | None = None

    @property
    def pain_change(self) -> int | None:
        """Pain after minus pain before (negative is better), when both were rated."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before


@record(frozen=True)
class PressRecord:
    """One press of one point on one side in a session: how it ended and how tender it was.

    ``outcome`` is 'eased' when the person ended an until-eased press (``held_seconds`` is
    then the time it took to ease), 'not-eased' when it reached its longest time
    (``limit_seconds``), and 'timed' for a fixed press. ``started_at`` is the session's
    start, filled in when read back.
    """

    session_id: int
    step: int
    point: str
    side: str
    cycle: int
    outcome: PressOutcome
    held_seconds: float
    limit_seconds: float
    tenderness: int | None = None
    started_at: datetime | None = None

    def __post_init__(self) -> None:
        check_choice("outcome", self.outcome, PRESS_OUTCOMES)
        check_choice("side", self.side, PRESS_SIDES)
        check_scale("tenderness", self.tenderness)
        check_seconds("held_seconds", self.held_seconds)
        check_seconds("limit_seconds", self.limit_seconds)

    @property
    def eased(self) -> bool:
        return self.outcome == "eased"


@record(frozen=True)
class HeadacheEntry:
    """One headache diary entry (brief §4); ``id`` is None until the store has saved it."""

    started_at: datetime
    intensity: int
    regions: tuple[str, ...] = ()
    quality: Quality | None = None
    new_or_different: bool = False
    medication: str | None = None
    medication_class: MedicationClass | None = None
    medication_day: date | None = None
    notes: str | None = None
    routine_id: str | None = None
    ended_at: datetime | None = None
    symptoms: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    relief: int | None = None
    disability: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_scale("intensity", self.intensity)
        check_scale("relief", self.relief, top=3)
        check_scale("disability", self.disability, top=3)
        check_choice("quality", self.quality, QUALITIES)
        check_choice("medication_class", self.medication_class, MEDICATION_CLASSES)
        for name in ("regions", "symptoms", "triggers"):
            object.__setattr__(self, name, _text_tuple(name, getattr(self, name)))

    @property
    def took_medication(self) -> bool:
        """Whether this entry records an acute medicine being taken."""
        return bool(self.medication) or self.medication_class is not None


def _text_tuple(name: str, values: object) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, tuple | list):
        raise ValueError(f"{name} must be a list of texts, not {values!r}")
    if not all(isinstance(value, str) for value in values):
        raise ValueError(f"{name} must contain only texts: {values!r}")
    return tuple(values)
