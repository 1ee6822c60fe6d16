"""One session at a time: every Start in the main window is greyed while one is open.

The launcher already refuses a second start (and brings the open session, or its pain
question, to the front); greying the buttons says so before anyone presses them, and keeps
Space on a focused Start button in the main window from doing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from tpguide.ui.session.launcher import SessionLauncher
from tpguide.ui.shell.header_bar import HeaderBar
from tpguide.ui.shell.pages import LazyPages

Targets = Callable[[], Iterable[QWidget | QAction | None]]
Follower = Callable[[bool], None]


class StartGuard(QObject):
    """Enables the registered Start buttons and actions only while no session is open.

    ``watch(targets)``: a function listing widgets or actions (pages built later are found
    when they exist); ``follow(setter)``: called with "may start" for parts that combine it
    with their own conditions. ``apply()`` again when a page was built or shown.
    """

    def __init__(self, launcher: SessionLauncher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._launcher = launcher
        self._targets: list[Targets] = []
        self._followers: list[Follower] = []
        launcher.busyChanged.connect(lambda _busy: self.apply())

    def allowed(self) -> bool:
        return not self._launcher.busy()

    def watch(self, targets: Targets) -> None:
        self._targets.append(targets)
        self.apply()

    def follow(self, setter: Follower) -> None:
        self._followers.append(setter)
        setter(self.allowed())

    def apply(self) -> None:
        allowed = self.allowed()
        for targets in self._targets:
            for target in targets():
                if target is not None:
                    target.setEnabled(allowed)
        for setter in self._followers:
            setter(allowed)


class GuardedWindow(Protocol):
    """What ``guard_main_window`` reads of the main window (its header and pages)."""

    @property
    def header(self) -> HeaderBar: ...

    @property
    def pages(self) -> LazyPages: ...

    @property
    def launcher(self) -> SessionLauncher: ...


PAGES_WITH_START = ("welcome", "routine", "finder")
"""Pages whose ``start_button`` (when they have one) starts a session."""


def guard_main_window(window: GuardedWindow) -> StartGuard:
    """The main window's guard: the header's Start and each built page's ``start_button``
    (pages built later are caught when shown)."""
    guard = StartGuard(window.launcher, window.pages)
    pages = window.pages

    def targets() -> list[QWidget | QAction | None]:
        found: list[QWidget | QAction | None] = [window.header.start]
        for name in PAGES_WITH_START:
            if pages.is_built(name):
                found.append(getattr(pages.page(name), "start_button", None))
        return found

    guard.watch(targets)
    pages.currentChanged.connect(lambda _index: guard.apply())
    return guard
