"""The routine page's own holds: how each until-eased point eased lately, and "Use my hold times".

The line reads "Upper trapezius, left: eased in about 35 s (last 5 sessions)". Accepting
the listed changes writes the routine with the new holds as the person's own copy: over
their own file, or, for a built-in or opened file, as a new file in their routines folder.
Nothing is written without that answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tpguide import paths
from tpguide.core.atlas.atlas import Atlas
from tpguide.core.diary.points import (
    HOLDS_QUESTION,
    HoldChange,
    apply_hold_changes,
    change_lines,
    ease_summary,
    ease_words,
    hold_changes,
)
from tpguide.core.diary.records import PressRecord
from tpguide.core.library.catalog import Group, Item
from tpguide.core.routines.describe import side_words
from tpguide.core.routines.editing import RoutineDraft, SaveError, read_text, save_draft
from tpguide.core.routines.routine import Routine
from tpguide.ui.widgets.plain import plain_question

Presses = Callable[[], Sequence[PressRecord]]


def tr(text: str) -> str:
    return QCoreApplication.translate("RoutinePage", text)


def short_name(name: str) -> str:
    """"Upper trapezius" from "Upper trapezius, top of the shoulder"."""
    return name.split(",", 1)[0]


def ease_lines(routine: Routine, presses: Sequence[PressRecord], atlas: Atlas) -> list[str]:
    """One line per side of each until-eased point that has been held until eased before."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for step in routine.point_steps:
        if not step.settings.until_eased:
            continue
        point = atlas.get(step.point)
        for side in step.sides:
            summary = ease_summary(presses, step.point, side)
            if summary is None or (step.point, side) in seen:
                continue
            seen.add((step.point, side))
            name = short_name(point.name) if point is not None else step.point
            lines.append(tr("{point}, {side}: {ease}").format(
                point=name, side=tr(side_words(side)), ease=ease_words(summary, tr)))
    return lines


def copy_path(routine_id: str) -> Path:
    """A new file in the person's routines folder for a copy with their own holds."""
    folder = paths.ensure(paths.user_routines_dir())
    candidate, n = folder / f"{routine_id}.yaml", 2
    while candidate.exists():
        candidate, n = folder / f"{routine_id}-{n}.yaml", n + 1
    return candidate


class RoutineHolds(QObject):
    """Fills the page's hold line and button for the routine shown; ``ask`` is replaceable.

    Signals:
        saved(object): the Path written with the person's own holds.
        failed(str): why the copy could not be written.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, line: QLabel, button: QPushButton, atlas: Atlas, parent: QWidget) -> None:
        super().__init__(parent)
        self.line, self.button, self._atlas = line, button, atlas
        self.presses: Presses | None = None
        self._item: Item | None = None
        self.changes: list[HoldChange] = []
        self.ask: Callable[[str], bool] = lambda text: plain_question(
            parent, tr("Use my hold times"), text, tr("Save as my copy"))
        button.clicked.connect(self.use_hold_times)
        self.show_item(None)

    def show_item(self, item: Item | None) -> None:
        routine = item.result.routine if item is not None else None
        self._item = item
        eased = routine is not None and any(s.settings.until_eased for s in routine.point_steps)
        presses = self.presses() if eased and self.presses is not None else []
        lines = ease_lines(routine, presses, self._atlas) if routine is not None else []
        self.changes = hold_changes(routine, presses) if routine is not None else []
        self.line.setText("\n".join(lines))
        self.line.setVisible(bool(lines))
        self.button.setVisible(bool(self.changes))

    def use_hold_times(self) -> Path | None:
        """List the changes; on "Save as my copy" write it and return where."""
        item = self._item
        routine = item.result.routine if item is not None else None
        if item is None or routine is None or not self.changes:
            return None
        names = {p.id: p.name for p in self._atlas.points.values()}
        lines = "\n".join(change_lines(self.changes, names, tr))
        if not self.ask(tr(HOLDS_QUESTION).format(lines=lines)):
            return None
        draft = RoutineDraft.from_routine(routine)
        apply_hold_changes(draft, self.changes)
        if item.group is Group.MINE:
            target, original = item.path, read_text(item.path)
        else:
            draft = draft.duplicate(tr(" (my hold times)"))
            target, original = copy_path(draft.id), None
        try:
            save_draft(target, draft.to_yaml(), original_text=original,
                       expected=draft.to_routine(), atlas=self._atlas)
        except SaveError as exc:
            self.failed.emit(str(exc))
            return None
        self.saved.emit(target)
        return target
