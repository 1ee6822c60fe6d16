"""The editor's "Use my hold times…": the person's own times to ease, as a change to accept.

Each until-eased step's longest hold becomes the median of its point's last five eased
presses plus 10 s (15-90 s, ``core.diary.points``). The draft changes only when the person
accepts the listed changes, and the file only when they save it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QWidget

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.diary.points import (
    HOLDS_QUESTION,
    HoldChange,
    apply_hold_changes,
    change_lines,
    hold_changes,
)
from tpguide.core.diary.records import PressRecord
from tpguide.core.routines.editing import RoutineDraft
from tpguide.ui.editor.form import tr
from tpguide.ui.widgets.plain import plain_question

Presses = Callable[[], Sequence[PressRecord]]


class HoldHost(Protocol):
    """What the editor window gives the hold-times offer."""

    draft: RoutineDraft
    atlas: Atlas

    def changed(self) -> None: ...
    def show_status(self, text: str, ms: int) -> None: ...


class HoldTimes:
    """Offers the changes and applies the accepted ones; ``ask`` is replaceable in tests."""

    def __init__(self, host: HoldHost, parent: QWidget, presses: Presses) -> None:
        self._host = host
        self._presses = presses
        self.ask: Callable[[str], bool] = lambda text: plain_question(
            parent, tr("Use my hold times"), text, tr("Change the holds"))

    def offer(self) -> list[HoldChange]:
        """Show the changes and put them in the draft if accepted; returns those applied."""
        changes = hold_changes(self._host.draft.to_routine(), self._presses())
        if not changes:
            self._host.show_status(tr("Nothing to change: no until-eased step has eased "
                                      "holds recorded that differ from it."), 10000)
            return []
        names = {p.id: p.name for p in self._host.atlas.points.values()}
        lines = "\n".join(change_lines(changes, names, tr))
        if not self.ask(tr(HOLDS_QUESTION).format(lines=lines)):
            return []
        apply_hold_changes(self._host.draft, changes)
        self._host.changed()
        self._host.show_status(tr("Holds set to your own times; save to keep them."), 10000)
        return changes
