"""Which frame of the audio stream is heard at which instant of the monotonic clock.

The stream is pulled well ahead of what is heard (about a quarter of a second on
PulseAudio, in chunks of ~190 ms), so a cue placed at the next frame to be rendered is
heard that much late. The device reports how far it has played (QAudioSink's
``processedUSecs``); that position, read against the monotonic clock, says which frame is
heard at any instant, and so where to place a cue that must be heard at a given time.
No Qt here: the player feeds in what it reads, tests feed in made-up positions.
"""

from __future__ import annotations

from collections import deque

from tpguide.core.session.mixer import RATE

WINDOW_S = 1.0
"""Reports of the played position arrive in steps and a little late: the estimate is the
furthest position seen over this long."""
DRIFT_S = 0.015
"""A report this far behind the estimate means the device fell behind (it paused, or drains
slower than the clock): the clock is re-anchored at once."""
LEAD_WINDOW_S = 5.0
"""How long the largest read-ahead is remembered (for how early cues must be handed over)."""


class StreamClock:
    """Maps monotonic time to stream frames from reports of the played position.

    ``observe(now, heard_frame)`` records what the device said at ``now``: the frame being
    played. ``pulled(now, rendered_frame)`` records a read by the device: it now has every
    frame before ``rendered_frame``. Until the first report nothing is known (``known``).
    """

    def __init__(self, rate: int = RATE, *, window_s: float = WINDOW_S,
                 drift_s: float = DRIFT_S, lead_window_s: float = LEAD_WINDOW_S) -> None:
        self._rate = rate
        self._window_s = window_s
        self._drift_s = drift_s
        self._lead_window_s = lead_window_s
        self._offsets: deque[tuple[float, float]] = deque()  # (now, heard seconds - now)
        self._leads: deque[tuple[float, float]] = deque()  # (now, seconds rendered ahead)
        self.reanchored = 0
        """How often a report fell behind and the clock started again from it."""

    @property
    def known(self) -> bool:
        return bool(self._offsets)

    def observe(self, now: float, heard_frame: int) -> bool:
        """Take one report; True when it re-anchored the clock (the stream fell behind)."""
        offset = heard_frame / self._rate - now
        reanchor = bool(self._offsets) and offset < self._offset() - self._drift_s
        if reanchor:
            self._offsets.clear()
            self.reanchored += 1
        while self._offsets and self._offsets[0][0] < now - self._window_s:
            self._offsets.popleft()
        self._offsets.append((now, offset))
        return reanchor

    def pulled(self, now: float, rendered_frame: int) -> None:
        """The device read up to ``rendered_frame`` at ``now``: how far ahead it reads."""
        if not self._offsets:
            return
        while self._leads and self._leads[0][0] < now - self._lead_window_s:
            self._leads.popleft()
        self._leads.append((now, (rendered_frame - self.frame_at(now)) / self._rate))

    def reset(self) -> None:
        """Forget every report (a new stream starts)."""
        self._offsets.clear()
        self._leads.clear()

    def _offset(self) -> float:
        return max(offset for _, offset in self._offsets)

    def frame_at(self, when: float) -> int:
        """The frame heard at monotonic time ``when``."""
        return round((when + self._offset()) * self._rate)

    def time_of(self, frame: int) -> float:
        """The monotonic time at which ``frame`` is heard."""
        return frame / self._rate - self._offset()

    @property
    def lead(self) -> float:
        """The furthest the stream has been rendered ahead of what is heard, lately (s)."""
        return max((lead for _, lead in self._leads), default=0.0)
