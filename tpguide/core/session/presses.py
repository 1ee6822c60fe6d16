"""What became of each press in a session: eased early, held to its longest, and how tender.

A plain state machine fed by the session: phases starting, a skip during a press (for an
until-eased press that is "it eased"), a jump that leaves a press (back, another point, stop),
and tenderness entries. It returns each press's result when there is something to record:
every until-eased press, and any press given a tenderness. The entry made last within a
press and the release right after it is the one kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tpguide.core.session.planner import Phase


@dataclass(frozen=True)
class PressResult:
    """One press as the diary keeps it (``PressRecord`` without the session)."""

    step: int
    point: str
    side: str
    cycle: int
    outcome: str  # "eased", "not-eased" or "timed"
    held_seconds: float
    limit_seconds: float
    tenderness: int | None = None


class PressTracker:
    """Follows one session's phases; each method returns a result to save, or None."""

    def __init__(self, phases: tuple[Phase, ...]) -> None:
        self._phases = phases
        self._open: int | None = None  # the press under way
        self._open_tenderness: int | None = None
        self._last: PressResult | None = None  # the press just ended, while its release runs
        self._last_at = -1  # that press's phase index

    def phase_started(self, index: int) -> PressResult | None:
        """A phase began; a press under way that reached its end is finished (not eased)."""
        ended = None
        if self._open is not None and index == self._open + 1:
            ended = self._finish(self._phases[self._open].duration, early=False)
        if self._last is not None and not self._releases(index):
            self._last = None
        if self._phases[index].kind == "press":
            self._open, self._open_tenderness, self._last = index, None, None
        return ended

    def skipped(self, index: int, elapsed: float) -> PressResult | None:
        """The press at ``index`` was ended ``elapsed`` seconds in (Right, "It eased", Next)."""
        if self._open != index:
            return None
        return self._finish(elapsed, early=True)

    def left(self) -> None:
        """A jump away from the press (back, another point) or a stop: it is not recorded."""
        self._open = None
        self._open_tenderness = None
        self._last = None

    def rate(self, level: int) -> PressResult | None:
        """A tenderness entry; None when there is no press (or release after one) to rate, or
        when the press is still under way (its result comes when it ends)."""
        if not 0 <= level <= 10:
            raise ValueError(f"tenderness is 0 to 10, not {level}")
        if self._open is not None:
            self._open_tenderness = level
            return None
        if self._last is not None:
            self._last = replace(self._last, tenderness=level)
            return self._last
        return None

    @property
    def can_rate(self) -> bool:
        """Whether a tenderness typed now belongs to a press."""
        return self._open is not None or self._last is not None

    def _releases(self, index: int) -> bool:
        """Whether phase ``index`` is the release right after the press just ended."""
        return index == self._last_at + 1 and self._phases[index].kind == "release"

    def _finish(self, held: float, early: bool) -> PressResult | None:
        assert self._open is not None
        phase = self._phases[self._open]
        eased = bool(phase.until_eased)
        outcome = "timed" if not eased else ("eased" if early else "not-eased")
        result = PressResult(phase.step or 0, phase.point or "", phase.side or "together",
                             phase.cycle or 1, outcome, min(max(held, 0.0), phase.duration),
                             phase.duration, self._open_tenderness)
        self._last, self._last_at = result, self._open
        self._open, self._open_tenderness = None, None
        if not eased and result.tenderness is None:
            return None  # a fixed press nobody rated: nothing to keep yet
        return result
