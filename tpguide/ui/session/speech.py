"""Speaks a routine's free ``say:`` text through a real text-to-speech engine, or says it cannot.

speechd (the usual Linux engine) is fragile: its constructor blocks about a second, it stays
"Speaking" forever with no sound device, and under LANG=C its default voice is not English.
So the engine is created once, ahead of the session (``make_speaker``), with an explicit
en-US locale and voice; a watchdog gives up on an utterance that never ends; and whenever
``available`` is false the UI shows the text instead. The silent ``mock`` engine counts only
when explicitly allowed (tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, Signal

from tpguide.core.i18n import active_language
from tpguide.core.session.prompts import FittedPhase

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"
LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Speech", text)


class SpeakerLike(Protocol):
    """What the session controller needs of a ``Speaker`` (tests give it a fake)."""

    @property
    def available(self) -> bool: ...
    def say(self, text: str) -> bool: ...
    def stop(self) -> None: ...
    def set_muted(self, muted: bool) -> None: ...


def say_delay_ms(planned: FittedPhase) -> int:
    """When free ``say:`` text starts: after the phase's tone and recorded prompts."""
    return round(planned.speak_at * 1000)


def stuck_after_ms(text: str) -> int:
    """How long an utterance may take before the engine counts as stuck (generously)."""
    return 5000 + 150 * len(text)


def _tts_module() -> Any:
    try:
        return import_module("PySide6.QtTextToSpeech")
    except ImportError as exc:
        log.info("QtTextToSpeech is not available: %s", exc)
        return None


def real_engines(engines: Sequence[str] | None = None, *, allow_mock: bool = False) -> list[str]:
    """Engines worth trying, real ones first; ``mock`` only when ``allow_mock``."""
    if engines is None:
        module = _tts_module()
        engines = list(module.QTextToSpeech.availableEngines()) if module else []
    real = [name for name in engines if name != MOCK_ENGINE]
    mock = [MOCK_ENGINE] if allow_mock and MOCK_ENGINE in engines else []
    return real + mock


class Speaker(QObject):
    """Speaks free text, or reports (``available`` false, ``reason``) that the UI must show it.

    Signals:
        failed(str): the engine reported an error or got stuck; it is not used again, and the
            string says why (for a notice).
    """

    failed = Signal(str)

    def __init__(
        self,
        engine: QTextToSpeech | None = None,
        reason: str | None = None,
        stuck_after: Callable[[str], int] = stuck_after_ms,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._reason = reason if engine is None else None
        self._stuck_after = stuck_after
        self._muted = False
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setTimerType(Qt.TimerType.CoarseTimer)
        self._watchdog.timeout.connect(self._on_watchdog)
        if engine is not None:
            engine.setParent(self)
            engine.stateChanged.connect(self._on_state)
            engine.errorOccurred.connect(self._on_error)

    @property
    def available(self) -> bool:
        return self._engine is not None

    @property
    def reason(self) -> str | None:
        """Why speech is not available (None when it is)."""
        return self._reason

    @property
    def engine_name(self) -> str | None:
        return self._engine.engine() if self._engine is not None else None

    @property
    def voice_name(self) -> str | None:
        return self._engine.voice().name() if self._engine is not None else None

    @property
    def locale_name(self) -> str | None:
        return self._engine.locale().name() if self._engine is not None else None

    def say(self, text: str) -> bool:
        """Start speaking ``text``; False when it will not be heard (then show it)."""
        if self._engine is None or self._muted or not text.strip():
            return False
        tts = import_module("PySide6.QtTextToSpeech").QTextToSpeech
        if self._engine.state() in (tts.State.Speaking, tts.State.Synthesizing):
            self._engine.stop(tts.BoundaryHint.Immediate)
        self._engine.say(text)
        self._watchdog.start(self._stuck_after(text))
        return True

    def stop(self) -> None:
        self._watchdog.stop()
        if self._engine is not None:
            tts = import_module("PySide6.QtTextToSpeech").QTextToSpeech
            self._engine.stop(tts.BoundaryHint.Immediate)

    def set_volume(self, volume: float) -> None:
        if self._engine is not None:
            self._engine.setVolume(min(1.0, max(0.0, float(volume))))

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.stop()

    def _on_state(self, state: object) -> None:
        tts = import_module("PySide6.QtTextToSpeech").QTextToSpeech
        if state == tts.State.Ready:
            self._watchdog.stop()
        elif state == tts.State.Error:
            self._give_up(_tr("Speech stopped working: texts will be shown instead"))

    def _on_error(self, *_args: object) -> None:
        self._give_up(_tr("Speech stopped working: texts will be shown instead"))

    def _on_watchdog(self) -> None:
        self._give_up(_tr("Speech got stuck: texts will be shown instead"))

    def _give_up(self, reason: str) -> None:
        engine, self._engine = self._engine, None
        self._watchdog.stop()
        if engine is None:
            return
        log.warning("text-to-speech engine %s given up: %s", engine.engine(), reason)
        engine.stateChanged.disconnect(self._on_state)
        engine.errorOccurred.disconnect(self._on_error)
        self._reason = reason
        self.failed.emit(reason)


def _english_locale(engine: QTextToSpeech) -> QLocale | None:
    """The reader's language if the engine speaks it (a person's own ``say:`` lines are most
    likely written in it), else US English, else any English."""
    locales = list(engine.availableLocales())
    wanted = QLocale(active_language()).language()
    if wanted != QLocale.Language.English:
        same = [loc for loc in locales if loc.language() == wanted]
        if same:
            return same[0]
    for locale in locales:
        if locale.name() == LOCALE.name():
            return locale
    english = [loc for loc in locales if loc.language() == QLocale.Language.English]
    return english[0] if english else None


def _open(module: Any, name: str, parent: QObject | None) -> QTextToSpeech | None:
    """Create engine ``name`` set to US English with a voice, or None (and log why)."""
    engine: QTextToSpeech = module.QTextToSpeech(name, parent)
    if engine.state() == module.QTextToSpeech.State.Error:
        log.info("text-to-speech engine %s failed: %s", name, engine.errorString())
        engine.deleteLater()
        return None
    locale = _english_locale(engine)
    if locale is None:
        log.info("text-to-speech engine %s has no English locale", name)
        engine.deleteLater()
        return None
    engine.setLocale(locale)
    voices = list(engine.availableVoices())
    if not voices:
        log.info("text-to-speech engine %s has no %s voice", name, locale.name())
        engine.deleteLater()
        return None
    engine.setVoice(voices[0])
    return engine


def make_speaker(
    *,
    audio_ok: bool = True,
    engines: Sequence[str] | None = None,
    allow_mock: bool = False,
    stuck_after: Callable[[str], int] = stuck_after_ms,
    parent: QObject | None = None,
) -> Speaker:
    """Create the speaker before a session: this may block about a second (speechd).

    ``audio_ok`` is the cue player's verdict (an engine with no sound device never finishes
    speaking); ``engines`` overrides the engines to try (default: all that Qt lists).
    """
    unavailable = _tr("Spoken texts are not available: they will be shown instead")
    if not audio_ok:
        return Speaker(None, unavailable, stuck_after, parent)
    module = _tts_module()
    if module is None:
        return Speaker(None, unavailable, stuck_after, parent)
    for name in real_engines(engines, allow_mock=allow_mock):
        try:
            engine = _open(module, name, None)
        except (RuntimeError, ValueError) as exc:  # a broken plug-in must not stop a session
            log.warning("text-to-speech engine %s raised: %s", name, exc)
            continue
        if engine is not None:
            return Speaker(engine, None, stuck_after, parent)
    return Speaker(None, unavailable, stuck_after, parent)
