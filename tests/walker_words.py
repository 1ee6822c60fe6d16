"""What the walker reads on each window: the words shown, whether they went through the
catalogue, and the keyboard accelerators (Alt+letter) they claim.

In the pseudo-language every translated string is drawn as ``[Áççéñtéd·~·]``, so any
English word left after those pieces are removed is text that never reached ``tr()`` or
``_()`` (or data, which ``DATA`` names). In Spanish, a shown text that is exactly an English
string of the catalogue, with no Spanish entry giving those same words, is one the
catalogue should have translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtGui import Qt, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from tpguide.core.routines.rules import ALL_STEP_KEYS, TOP_KEYS

ROOT = Path(__file__).resolve().parent.parent
ACCENTED = re.compile(r"[aeioucnyAEIOUCNY]")
"""Letters the pseudo-language always replaces: an ASCII word holding one was never translated
(the pseudo-language keeps only placeholders, tags and the accelerator letter as they were)."""

DATA = re.compile("|".join((
    r"\b(?:error|warning)\b",  # diagnostics keep these in English (editors match them)
    r"\S*/\S+",  # a file's path (its folder names are the person's)
    r"\b[\w.-]+\.(?:ya?ml|zip|pdf)\b",  # file names
    r"\b[a-z]+(?:[-.][a-z0-9]+)+\b",  # ids: upper-trapezius.1, zone-temple, gentle-headache
    r"\btpguide\b",  # the program's name
    # A routine file's key named at the start of a validator message ("id … must be …",
    # "title must not be empty"): keys are the file format's, never translated.
    r"(?<=\[)(?:" + "|".join(dict.fromkeys((*TOP_KEYS, *ALL_STEP_KEYS))) + r")\b",
    r"\b(?:English|Español)\b",  # each language's name in itself, so anyone finds theirs
    # Dates and times in the pseudo-language follow the system locale (C: English names);
    # in Spanish Qt writes them in Spanish.
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM)"
    r"[a-z]*\b",
    # What the walk's seed wrote as a person would (tests/walker.py: seed): a course file's
    # title and names, a broken routine file's words, the diary's recorded routine title.
    r"Neck recovery|\bSam\b|A\. Therapist|Broken One|\bBroken\b|"
    r"Gentle routine for a headache\b(?! in progress)",
)))
"""Words legitimately not translated: data a person or the diary wrote, names and ids.

Numbers, dates written with digits and times carry no letters, so they need no entry here.
"""


DATA_WIDGETS = {
    "sources": "the atlas's citations of published works and web pages stay as written",
}
"""Widgets (by object name) whose whole text is data, with the reason."""


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}[{widget.objectName()}]"


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    from tests.walker import _indexes

    for index in _indexes(view):
        if not view.visualRect(index).isEmpty():
            yield str(index.data() or "")


def _header_texts(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None:
        return
    for section in range(header.count()):
        if not header.isSectionHidden(section):
            yield str(model.headerData(section, header.orientation()) or "")


def shown_texts(top: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(widget, text, whether it is rich text) for every word the window shows."""
    title = top.windowTitle()
    if title:
        yield f"{type(top).__name__} title", title, False
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top):
            continue
        texts: list[str] = []
        if widget.objectName() in DATA_WIDGETS:
            pass
        elif isinstance(widget, QLabel):
            if widget.pixmap() is None or widget.pixmap().isNull():
                texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(_action_text(widget) or widget.text())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QHeaderView):
            texts.extend(_header_texts(widget))
        elif isinstance(widget, QAbstractItemView):
            texts.extend(_view_texts(widget))
        for text in texts:
            if text.strip():
                yield _name(widget), text, False
        tip = widget.toolTip()
        action = _action_text(widget)
        if action and tip.startswith(action.replace("&", "")):  # "Save As… (Ctrl+Shift+S)"
            tip = action + tip[len(action.replace("&", "")):]
        if tip.strip():
            yield f"{_name(widget)} tooltip", tip, True


def _action_text(widget: QWidget) -> str:
    """A tool button's action text with its "&": the button drops the "&" but the
    pseudo-language keeps the accelerator letter unaccented ("Save &As" shows "As")."""
    action = widget.defaultAction() if isinstance(widget, QToolButton) else None
    return action.text() if action is not None and "&" in action.text() else ""


def not_pseudo(raw: str, rich: bool = False) -> str | None:
    """The English words left in a pseudo-language text, or None when there are none."""
    text = QTextDocumentFragment.fromHtml(raw).toPlainText() if rich or Qt.mightBeRichText(
        raw) else raw
    text = re.sub(r"&[^&\s]", " ", text.replace("&&", " "))  # the accelerator letter stays
    words = [w for w in re.findall(r"[^\W\d_]{2,}", DATA.sub(" ", text))
             if w.isascii() and ACCENTED.search(w)]
    return " ".join(words) if words else None


class Catalogue:
    """The English strings the catalogue holds, and the Spanish words it gives for them."""

    def __init__(self, language: str) -> None:
        from tpguide.core.i18n.extract import extract_all
        from tpguide.core.i18n.po import parse_po

        domains, _problems = extract_all(ROOT)
        self.english = {key[1] for found in domains.values() for key in found.entries}
        self.translations: set[str] = set()
        for path in sorted((ROOT / "assets" / "locale" / language).glob("*.po")):
            for entry in parse_po(path.read_text(encoding="utf-8"), str(path))[1]:
                if entry.translated:
                    self.translations.update(entry.msgstr)

    def untranslated(self, raw: str) -> bool:
        """Shown exactly as the English string of an entry, and no entry says so in Spanish."""
        return raw in self.english and raw not in self.translations


def accelerator(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` draws one ampersand), lower-cased."""
    found = re.search(r"(?<!&)(?:&&)*&([^&\s])", text)
    return found.group(1).lower() if found else None


def _claims(top: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, what) for everything Alt+letter reaches in the window itself."""
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top):
            continue
        if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            text = widget.text()
            if (letter := accelerator(text)) is not None:
                yield letter, f"{_name(widget)} {text!r}"
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            if (letter := accelerator(widget.title())) is not None:
                yield letter, f"{_name(widget)} {widget.title()!r}"
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if (letter := accelerator(widget.tabText(i))) is not None:
                    yield letter, f"tab {widget.tabText(i)!r}"
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible() and (letter := accelerator(action.text())) is not None:
                    yield letter, f"menu {action.text()!r}"


def _clashes(claims: Iterator[tuple[str, str]], scope: str) -> list[str]:
    seen: dict[str, list[str]] = {}
    for letter, what in claims:
        seen.setdefault(letter, []).append(what)
    return [f"{scope}: Alt+{letter.upper()} is claimed by {', '.join(whats)}"
            for letter, whats in sorted(seen.items()) if len(whats) > 1]


def accelerator_clashes(top: QWidget) -> list[str]:
    """Two things in one window (or one menu) answering the same Alt+letter."""
    found = _clashes(_claims(top), "window")
    for menu in top.findChildren(QMenu):
        claims = ((letter, f"action {a.text()!r}") for a in menu.actions()
                  if a.isVisible() and not a.isSeparator()
                  and (letter := accelerator(a.text())) is not None)
        found.extend(_clashes(claims, f"menu {menu.title()!r}"))
    return found

