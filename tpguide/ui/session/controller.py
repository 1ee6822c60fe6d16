"""Drives a SessionEngine from one precise single-shot timer and turns its events into cues.

The engine does all the timing; this class only wakes when the engine (or the countdown on
screen) next needs it, plays the cues of what happened, and hands snapshots to the view.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from tpguide.core.session.cues import CuePlayer, announcements, cues_for_event, voice
from tpguide.core.session.engine import STALL_SECONDS, Event, SessionEngine, Snapshot
from tpguide.core.session.planner import Plan
from tpguide.core.session.prompts import FittedPhase, fit_session

"""A wake this many real seconds late pauses the session (the machine was busy or asleep)."""
LATE_SECONDS = 1.0
"""Events this late are shown but not all sounded: only the newest cue plays."""


def say_delay_ms(planned: FittedPhase) -> int:
    """When free ``say:`` text starts: after the phase's tone and recorded prompts."""
    return round(planned.speak_at * 1000)


class SpeakerLike(Protocol):
    """What the controller needs of ``tpguide.ui.session.speech.Speaker``."""

    @property
    def available(self) -> bool: ...
    def say(self, text: str) -> bool: ...
    def stop(self) -> None: ...
    def set_muted(self, muted: bool) -> None: ...


def scaled_clock(speed: float, base: Callable[[], float] = time.monotonic) -> Callable[[], float]:
    """A clock running ``speed`` times as fast as ``base`` from now on (the editor's preview)."""
    if speed == 1.0:
        return base
    t0 = base()
    return lambda: t0 + (base() - t0) * speed


class SessionController(QObject):
    """Owns the engine and its one timer; views call the controls and observe the signals.

    Signals:
        snapshotChanged(object): the engine's Snapshot to show, after every wake and control.
        phaseStarted(object): a Phase began (also phases passed over during a stall).
        sayText(str): a step's free ``say:`` text is due; the view shows it (it is also
            spoken when a real speech engine exists).
        soundUnavailable(str): once, when the cue player reports it cannot be heard.
        waitingForSound(bool): True while a start waits for the sounds to load.
        stalled(float): the session paused itself after a gap of this many seconds.
        stateChanged(str): the engine's state: idle, running, paused, finished, stopped.
        finished(): the session reached its end.
        stopped(str): the session was stopped; the reason is "user", "unwell" or "closed".
        controlUsed(str, object): "skip", "back", "next_point" or "previous_point" moved the
            session; the Snapshot from just before it (a skip in an until-eased press is
            "it eased", after ``phase_elapsed`` seconds). Sent before the phases it starts.
    """

    snapshotChanged = Signal(object)
    phaseStarted = Signal(object)
    sayText = Signal(str)
    soundUnavailable = Signal(str)
    waitingForSound = Signal(bool)
    stalled = Signal(float)
    stateChanged = Signal(str)
    finished = Signal()
    stopped = Signal(str)
    controlUsed = Signal(str, object)

    def __init__(
        self,
        plan: Plan,
        cue_player: CuePlayer,
        *,
        clock: Callable[[], float] | None = None,
        speed: float = 1.0,
        voice: bool = True,
        ticks: bool = True,
        speaker: SpeakerLike | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._speed = float(speed)
        self._clock = scaled_clock(self._speed, clock or time.monotonic)
        # the engine's clock runs ``speed`` times faster, so its stall limit does too
        self._engine = SessionEngine(plan, self._clock, stall_after=STALL_SECONDS * self._speed)
        self._player = cue_player
        self._speaker = speaker
        self._voice = voice
        self._muted = False
        self._ticks = ticks
        self._announce = announcements(plan.phases)
        self._plan = plan
        self._fitted = fit_session(plan.phases, speech=bool(speaker and speaker.available))
        self._prepared = False
        self._ready = False
        self._start_wanted = False
        self._closed = False
        self._state = self._engine.state
        self._armed_due: float | None = None
        self._last: Snapshot | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._say_timer = QTimer(self)
        self._say_timer.setSingleShot(True)
        self._say_timer.timeout.connect(self._speak_pending)
        self._pending_say: tuple[int, str] | None = None

    # ----- queries ------------------------------------------------------------------------
    @property
    def engine(self) -> SessionEngine:
        return self._engine

    @property
    def state(self) -> str:
        return self._engine.state

    @property
    def announcements(self) -> list[tuple[str, str] | None]:
        """Per phase, the (point, side) its "Next:" names, or None (the screen shows the same)."""
        return self._announce

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def sound_ready(self) -> bool:
        return self._ready

    @property
    def timer(self) -> QTimer:
        """The one timer that wakes the session (for tests: single-shot and precise)."""
        return self._timer

    def snapshot(self) -> Snapshot:
        return self._engine.snapshot()

    # ----- set-up -------------------------------------------------------------------------
    def prepare(self) -> None:
        """Load the sounds and show the first snapshot; call once the view is connected."""
        if self._prepared:
            return
        self._prepared = True
        self._emit_snapshot()
        self._player.load()
        self._player.when_ready(self._on_sound_ready)

    def _on_sound_ready(self, available: bool) -> None:
        if self._closed or self._ready:
            return
        self._ready = True
        if not available:
            reason = self._player.unavailable_reason or self.tr(
                "No sound device: cues are visual only"
            )
            self.soundUnavailable.emit(reason)
        if self._start_wanted:
            self._start_wanted = False
            self.waitingForSound.emit(False)
            self._begin()

    # ----- controls -----------------------------------------------------------------------
    def start(self) -> None:
        """Start now, or as soon as every cue sound has loaded."""
        if self._engine.state != "idle" or self._closed:
            return
        self.prepare()
        if self._ready:
            self._begin()
        elif not self._start_wanted:
            self._start_wanted = True
            self.waitingForSound.emit(True)

    def toggle(self) -> None:
        """Space: start, pause or resume, whichever applies."""
        state = self._engine.state
        if state == "idle":
            self.start()
        elif state == "running":
            self._control(self._engine.pause)
        elif state == "paused":
            self._control(self._engine.resume)

    def pause(self) -> None:
        self._control(self._engine.pause)

    def resume(self) -> None:
        self._control(self._engine.resume)

    def skip(self) -> None:
        self._control(self._engine.skip, "skip")

    def back(self) -> None:
        self._control(self._engine.back, "back")

    def next_point(self) -> None:
        self._control(self._engine.next_point, "next_point")

    def previous_point(self) -> None:
        self._control(self._engine.previous_point, "previous_point")

    def stop(self, reason: str = "user") -> bool:
        """End the session at once and silence everything; False if it had already ended."""
        if self._start_wanted:
            self._start_wanted = False
            self.waitingForSound.emit(False)
        self._silence()
        if not self._engine.stop():
            return False
        self._engine.poll()
        self._refresh()
        self.stopped.emit(reason)
        return True

    def prompt(self, name: str) -> None:
        """Say one fixed voice prompt now (the stop question), unless the voice is off."""
        if self._voice and not self._closed:
            self._player.play(voice(name))

    def set_speaker(self, speaker: SpeakerLike | None) -> None:
        """Use ``speaker`` for free ``say:`` text (created before the session, never during)."""
        self._speaker = speaker
        if speaker is not None:
            speaker.set_muted(self._muted)
        self._fitted = fit_session(self._plan.phases, speech=bool(speaker and speaker.available))

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self._player.set_muted(muted)
        if self._speaker is not None:
            self._speaker.set_muted(muted)

    def shutdown(self) -> None:
        """The window is closing: stop the session and every timer; later callbacks are ignored."""
        if self._engine.state in ("idle", "running", "paused"):
            self.stop("closed")
        self._silence()
        self._timer.stop()
        self._closed = True

    def wake(self) -> None:
        """What the timer calls: deliver due events, then re-arm (public for tests)."""
        gap = 0.0
        if self._armed_due is not None:
            gap = max(0.0, self._clock() - self._armed_due)
        self._refresh(gap)

    # ----- internals ----------------------------------------------------------------------
    def _begin(self) -> None:
        if self._engine.start():
            self._refresh()

    def _control(self, action: Callable[[], bool], jump: str | None = None) -> None:
        before = self._engine.snapshot() if jump is not None else None
        if action():
            if jump is not None:
                self.controlUsed.emit(jump, before)
            self._refresh()

    def _on_timer(self) -> None:
        self.wake()

    def _silence(self) -> None:
        self._player.stop_all()
        self._say_timer.stop()
        self._pending_say = None
        if self._speaker is not None:
            self._speaker.stop()

    def _refresh(self, gap: float = 0.0) -> None:
        events = self._engine.poll(gap)
        if events:
            self._handle(events)
        self._emit_snapshot()
        self._arm()

    def _handle(self, events: list[Event]) -> None:
        now = self._clock()
        late = max((now - e.due) / self._speed for e in events)
        sounding = [(e, self._cues(e)) for e in events]
        sounding = [(e, cues) for e, cues in sounding if cues]
        if late > LATE_SECONDS and len(sounding) > 1:
            sounding = sounding[-1:]  # after a stall only the newest cue sounds
        for _, cues in sounding:
            for cue in cues:
                self._player.play(cue)
        started = [e for e in events if e.kind == "phase_started" and e.phase is not None]
        for event in started:
            self.phaseStarted.emit(event.phase)
        said = [e for e in started if e.phase is not None and e.phase.say]
        if said and said[-1].phase is not None and said[-1].index is not None:
            self._say(said[-1].index, said[-1].phase.say or "", quiet=late > LATE_SECONDS)
        if any(e.kind == "finished" for e in events):
            self.finished.emit()
        stall = next((e for e in events if e.kind == "stall"), None)
        if stall is not None and self._engine.pause():  # the engine is the one stall detector
            self._engine.poll()
            self._silence()
            self.stalled.emit((stall.late or 0.0) / self._speed)

    def _cues(self, event: Event) -> list[str]:
        if event.kind == "tick" and not self._ticks:
            return []
        return cues_for_event(event, self._announce, self._voice, fitted=self._fitted)

    def _say(self, index: int, text: str, quiet: bool) -> None:
        self.sayText.emit(text)
        speaker = self._speaker
        if speaker is None or not speaker.available or not self._voice:
            return
        planned = self._fitted[index]
        if quiet or self._speed != 1.0 or planned.speak is None:
            return  # recorded (it plays with the cues), or too long for its phase: shown only
        self._pending_say = (index, planned.speak)
        self._say_timer.start(say_delay_ms(planned))

    def _speak_pending(self) -> None:
        pending, self._pending_say = self._pending_say, None
        if pending is None or self._speaker is None:
            return
        if self._engine.state == "running" and self._engine.index == pending[0]:
            self._speaker.say(pending[1])

    def _emit_snapshot(self) -> None:
        snapshot = self._engine.snapshot()
        self._last = snapshot
        if snapshot.state != self._state:
            self._state = snapshot.state
            self.stateChanged.emit(snapshot.state)
        self.snapshotChanged.emit(snapshot)

    def _arm(self) -> None:
        """Wake at the engine's next event or the next change of the countdown on screen."""
        self._timer.stop()
        self._armed_due = None
        if self._engine.state != "running" or self._closed:
            return
        now = self._clock()
        candidates = []
        deadline = self._engine.next_deadline()
        if deadline is not None:
            candidates.append(deadline)
        if self._last is not None and self._last.phase_remaining > 0:
            remaining = self._last.phase_remaining
            candidates.append(now + remaining - math.ceil(remaining) + 1.0)
        if not candidates:
            return
        due = min(candidates)
        self._armed_due = due
        self._timer.start(max(0, math.ceil((due - now) / self._speed * 1000)))
