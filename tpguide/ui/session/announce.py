"""What screen readers are told aloud: every announcement of the app goes through ``announce``.

Qt (6.8+) passes an announcement event to the screen reader, which speaks it without moving
the focus. One function, so that each phase change is said once and nothing is said every
second (a countdown that spoke each tick would drown the cues); ``announcements().said``
lets tests (and anything else) hear what was said.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


class Announcements(QObject):
    """Signals:
    said(str): ``announce`` asked screen readers to speak this.
    """

    said = Signal(str)


_hub: list[Announcements] = []


def announcements() -> Announcements:
    """The one object that reports every announcement."""
    if not _hub:
        _hub.append(Announcements())
    return _hub[0]


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Ask screen readers to say ``text`` about ``source``: politely (after what they are
    saying), or at once when ``assertive``."""
    if not text.strip():
        return
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)
    announcements().said.emit(text)
