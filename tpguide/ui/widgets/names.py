"""People's names for body views and regions, translated in one fixed context."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tpguide.core.i18n import TAG_CONTEXT

CONTEXT = "Names"

_VIEWS: dict[str, str] = {
    "head-front": str(QT_TRANSLATE_NOOP("Names", "head from the front")),
    "head-side": str(QT_TRANSLATE_NOOP("Names", "head from the side")),
    "head-back": str(QT_TRANSLATE_NOOP("Names", "head from behind")),
    "upper-body-back": str(QT_TRANSLATE_NOOP("Names", "back and shoulders")),
    "upper-body-front": str(QT_TRANSLATE_NOOP("Names", "chest and shoulders")),
}
_REGIONS: dict[str, str] = {
    "head": str(QT_TRANSLATE_NOOP("Names", "Head")),
    "jaw": str(QT_TRANSLATE_NOOP("Names", "Jaw")),
    "neck": str(QT_TRANSLATE_NOOP("Names", "Neck")),
    "shoulder": str(QT_TRANSLATE_NOOP("Names", "Shoulders")),
    "upper-back": str(QT_TRANSLATE_NOOP("Names", "Upper back")),
}


def view_name(view: str) -> str:
    """``head from the side``: a diagram's name inside a sentence."""
    return QCoreApplication.translate(CONTEXT, _VIEWS[view]) if view in _VIEWS else view


def region_name(region: str) -> str:
    """``Shoulders``: an atlas region as a heading or filter choice."""
    return QCoreApplication.translate(CONTEXT, _REGIONS[region]) if region in _REGIONS else region


def tag_name(tag: str) -> str:
    """A routine's tag as shown: the built-in tags are translated ("headache" -> "dolor de
    cabeza"), a tag a person wrote is shown as written; filtering still uses the tag itself."""
    return QCoreApplication.translate(CONTEXT, tag, TAG_CONTEXT)
