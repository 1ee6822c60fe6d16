"""Drives a SessionEngine from one precise single-shot timer and turns its events into cues.

The engine does all the timing; this class only wakes when the engine (or the countdown on
screen, or the cue scheduler) next needs it, hands the cues of coming events to the player
ahead of time, and hands snapshots to the view.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from tpguide.core.session.cues import CuePlayer, announcements, cues_for_event, voice
from tpguide.core.session.engine import STALL_SECONDS, Event, SessionEngine, Snapshot
from tpguide.core.session.planner import Plan
from tpguide.core.session.prompts import fit_session
from tpguide.core.session.scheduling import CueScheduler, SessionClock
from tpguide.ui.session.speech import SpeakerLike, say_delay_ms

LATE_SECONDS = 1.0
"""Events this late are shown but not all sounded: only the newest cue plays."""


class SessionController(QObject):
    """Owns the engine and its one timer; views call the controls and observe the signals.

    Signals:
        snapshotChanged(object): the engine's Snapshot to show, after every wake and control.
        phaseStarted(object): a Phase began (also phases passed over during a stall).
        sayText(str): a step's free ``say:`` text is due; the view shows it (it is also
            spoken when a real speech engine exists).
        soundUnavailable(str): once, when the cue player reports it cannot be heard.
        soundLost(str): the output device went away or changed; the session paused and
            the next Start opens the new default output first.
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
    soundLost = Signal(str)
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
        self._clock = SessionClock(speed, clock or time.monotonic)
        self._speed = self._clock.speed
        # the engine's clock runs ``speed`` times faster, so its stall limit does too
        self._engine = SessionEngine(plan, self._clock, stall_after=STALL_SECONDS * self._speed)
        self._player = cue_player
        self._cues_ahead = CueScheduler(self._engine, cue_player, self._cues, self._clock)
        self._sound_lost = False
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
        self._timer.timeout.connect(self.wake)
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
    def player(self) -> CuePlayer:
        return self._player

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
        self._player.when_lost(self._on_sound_lost)
        self._player.load()
        self._player.when_ready(self._on_sound_ready)

    def _on_sound_ready(self, available: bool) -> None:
        if self._closed or self._ready:
            return
        self._ready = True
        if not available:
            self._say_unavailable()
        if self._start_wanted:
            self._start_wanted = False
            self.waitingForSound.emit(False)
            self._begin()

    def _say_unavailable(self) -> None:
        self.soundUnavailable.emit(self._player.unavailable_reason
                                   or self.tr("No sound device: cues are visual only"))

    def _on_sound_lost(self, notice: str) -> None:
        """The output went away or changed: pause (nothing would be heard, or heard from
        somewhere unexpected) until the person presses Start again."""
        if self._closed or self._engine.state in ("finished", "stopped"):
            return
        self._sound_lost = True
        if self._engine.pause():
            self._silence()
            self._refresh()
        self.soundLost.emit(notice)

    def _reopen_then(self, action: Callable[[], None]) -> None:
        """Open the current default output, then ``action`` (once the stream is ready)."""
        self._sound_lost = False
        self.waitingForSound.emit(True)

        def reopened(available: bool) -> None:
            if self._closed:
                return
            self.waitingForSound.emit(False)
            if not available:
                self._say_unavailable()
            action()

        self._player.reopen()
        self._player.when_ready(reopened)

    # ----- controls -----------------------------------------------------------------------
    def start(self) -> None:
        """Start now, or as soon as every cue sound has loaded."""
        if self._engine.state != "idle" or self._closed:
            return
        self.prepare()
        if self._sound_lost and self._ready:
            self._reopen_then(self._begin)
        elif self._ready:
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
            self.pause()
        elif state == "paused":
            self.resume()

    def pause(self) -> None:
        self._control(self._engine.pause)

    def resume(self) -> None:
        if self._sound_lost and self._engine.state == "paused":
            self._reopen_then(lambda: self._control(self._engine.resume))
        else:
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
        if not muted and self._engine.state == "running":  # what was handed over muted
            self._cues_ahead.forget()  # was dropped: hand the coming cues over again
            self._cues_ahead.hand_over()

    def set_volume(self, volume: float) -> None:
        self._player.set_volume(volume)

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
            self._refresh(control=True)

    def _control(self, action: Callable[[], bool], jump: str | None = None) -> None:
        """A control the person used: what the player had not yet sounded belonged to the
        old timeline, so it is withdrawn; the new phase counts from when it is heard. A jump
        is reported (with the snapshot from before it) ahead of the phases it starts."""
        before = self._engine.snapshot() if jump is not None else None
        if action():
            self._cues_ahead.forget()
            if jump is not None:
                self.controlUsed.emit(jump, before)
            self._refresh(control=True)

    def _silence(self) -> None:
        self._cues_ahead.forget()
        self._player.stop_all()
        self._say_timer.stop()
        self._pending_say = None
        if self._speaker is not None:
            self._speaker.stop()

    def _refresh(self, gap: float = 0.0, control: bool = False) -> None:
        events = self._engine.poll(gap)
        late = self._handle(events) if events else 0.0
        if control:
            self._cues_ahead.make_room(late)
        if self._engine.state == "running":
            self._cues_ahead.hand_over()
        self._emit_snapshot()
        self._arm()

    def _handle(self, events: list[Event]) -> float:
        """Sound and report what happened; returns how late the newest cue is heard (s)."""
        now = self._clock()
        late = max((now - e.due) / self._speed for e in events)
        heard_late = self._cues_ahead.sound(events, only_newest=late > LATE_SECONDS)
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
        return heard_late

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
        wake = self._cues_ahead.next_wake()
        if wake is not None:
            candidates.append(wake)
        if not candidates:
            return
        due = min(candidates)
        self._armed_due = due
        self._timer.start(max(0, math.ceil((due - now) / self._speed * 1000)))
