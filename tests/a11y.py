"""Accessibility checks any widget test can reuse: every focusable control has a unique name."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

_MNEMONIC = re.compile(r"&(?!&)")


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, else a button's or label's text."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton | QLabel):
        name = _MNEMONIC.sub("", widget.text()).strip()
    return name


def focusable_widgets(window: QWidget) -> list[QWidget]:
    """Controls that can take focus and are shown now (pages not on screen are skipped).

    Popups (a combo box's list) belong to their own window and are left out too. Show
    each page in turn to check them all.
    """
    return [
        w for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.window() is window
        and w.isVisibleTo(window)
    ]


def accessibility_problems(window: QWidget) -> list[str]:
    """One line per focusable control that has no name, or shares its name with another."""
    problems: list[str] = []
    seen: dict[str, QWidget] = {}
    for widget in focusable_widgets(window):
        name = spoken_name(widget)
        kind = type(widget).__name__
        if not name:
            problems.append(f"{kind} {widget.objectName()!r} has no accessible name")
            continue
        other = seen.get(name.casefold())
        if other is not None:
            problems.append(f"{kind} and {type(other).__name__} are both called {name!r}")
        else:
            seen[name.casefold()] = widget
    return problems


def assert_accessible(window: QWidget) -> None:
    """Fail with every problem at once, so one run shows all that needs a name."""
    problems = accessibility_problems(window)
    assert not problems, "accessibility problems:\n" + "\n".join(problems)
