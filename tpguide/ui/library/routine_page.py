"""One routine, read before starting: what it is, its steps, its points, and a big Start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tpguide.core import safety_text as st
from tpguide.core.atlas.atlas import VIEWS, Atlas, default_atlas
from tpguide.core.library.catalog import Group, Item
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.routine import Routine
from tpguide.ui.library.holds import RoutineHolds
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.names import tag_name, view_name
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.safety_pages import section_widget
from tpguide.ui.widgets.step_table import StepTable

DIAGRAM_HEIGHT = 300
BIG_BUTTON_HEIGHT = 56


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs (YAML block text keeps the file's breaks)."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def big_button(text: str, name: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setMinimumHeight(BIG_BUTTON_HEIGHT)
    button.setMinimumWidth(160)
    return button


class RoutinePage(QScrollArea):
    """Shows a loaded routine; the owner starts, edits, copies or imports it.

    Signals:
        startRequested(object): the ``Routine`` to start (the owner runs the safety gate).
        editRequested(str): edit this file in place (the person's own routines only).
        copyRequested(str): "Edit a copy": copy this read-only file to the user's folder.
        addRequested(str): "Add to my routines" for a file opened for this run.
        printRequested(): "Print / Export PDF…" (the handout of the routine shown).
        exportRequested(): "Export routine…" (a file to send to someone).
    """

    startRequested = Signal(object)
    editRequested = Signal(str)
    copyRequested = Signal(str)
    addRequested = Signal(str)
    printRequested = Signal()
    exportRequested = Signal()

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._item: Item | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self)
        col = QVBoxLayout(body)
        col.setContentsMargins(24, 16, 24, 24)
        col.setSpacing(12)
        self.title = plain_label("", "title", body)
        self.meta = plain_label("", "body", body)
        self.summary = plain_label("", "big", body)
        self.description = plain_label("", "big", body, selectable=True)
        self.notes_heading = plain_label(self.tr("Notes from the routine's author"), "heading",
                                         body)
        self.author_notes = plain_label("", "big", body, selectable=True)
        self.holds_line = plain_label("", "body", body)
        self.holds_line.setAccessibleName(self.tr("How your holds eased lately"))
        for label in (self.title, self.meta, self.summary):
            col.addWidget(label)
        col.addLayout(self._buttons(body))
        holds_row = QHBoxLayout()
        self.holds_button = QPushButton(self.tr("Use my hold times…"), body)
        self.holds_button.setAccessibleName(self.tr("Use my own hold times in this routine"))
        holds_row.addWidget(self.holds_line, 1)
        holds_row.addWidget(self.holds_button, 0, Qt.AlignmentFlag.AlignTop)
        col.addLayout(holds_row)
        self.holds = RoutineHolds(self.holds_line, self.holds_button, self._atlas, self)
        col.addWidget(self.description)
        col.addWidget(self.notes_heading)
        col.addWidget(self.author_notes)
        col.addWidget(plain_label(self.tr("Where the points are"), "heading", body))
        self._diagrams = QHBoxLayout()
        self._views: dict[str, BodyView] = {}
        col.addLayout(self._diagrams)
        col.addWidget(plain_label(self.tr("Steps"), "heading", body))
        self.steps = StepTable(self._atlas, body)
        self.steps.pointChosen.connect(self._on_step_point)
        col.addWidget(self.steps)
        # the pressure column is where the 0-10 scale first appears: explain it right here
        self.pressure_scale = section_widget(st.PRESSURE_SCALE)
        self.after_care = section_widget(st.AFTER_CARE)
        col.addWidget(self.pressure_scale)
        col.addWidget(self.after_care)
        col.addStretch(1)
        self.setWidget(body)

    def _buttons(self, body: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start_button = big_button(self.tr("▶  Start"), self.tr("Start this routine"), body)
        self.start_button.setDefault(True)
        self.start_button.setProperty("primary", True)
        self.start_button.setMinimumWidth(220)
        self.start_button.clicked.connect(self._start)
        self.edit_button = big_button(self.tr("Edit"), self.tr("Edit this routine"), body)
        self.edit_button.clicked.connect(self._edit)
        self.copy_button = big_button(self.tr("Edit a copy"),
                                      self.tr("Edit a copy in my routines"), body)
        self.copy_button.clicked.connect(self._copy)
        self.add_button = big_button(self.tr("Add to my routines"),
                                     self.tr("Add this file to my routines"), body)
        self.add_button.clicked.connect(self._add)
        self.share_button = big_button(self.tr("Print or share…"),
                                       self.tr("Print or share this routine"), body)
        self.share_menu = QMenu(self.share_button)
        self.print_action = self.share_menu.addAction(self.tr("Print / Export PDF…"))
        self.print_action.triggered.connect(self.printRequested)
        self.export_action = self.share_menu.addAction(self.tr("Export routine…"))
        self.export_action.triggered.connect(self.exportRequested)
        self.share_button.setMenu(self.share_menu)
        for button in (self.start_button, self.edit_button, self.copy_button, self.add_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.share_button)
        return row

    # ------------------------------------------------------------------ public API
    def item(self) -> Item | None:
        return self._item

    def routine(self) -> Routine | None:
        return self._item.result.routine if self._item is not None else None

    def body_views(self) -> dict[str, BodyView]:
        """The diagrams shown now, by view name."""
        return {name: v for name, v in self._views.items() if not v.isHidden()}

    def show_item(self, item: Item) -> None:
        routine = item.result.routine
        if routine is None:
            raise ValueError("a broken file has no routine page; show its diagnostics")
        self._item = item
        self.title.setText(routine.title)
        self.meta.setText(self._meta_text(item, routine))
        self.summary.setText(routine.summary or "")
        self.summary.setVisible(bool(routine.summary))
        self.description.setText(reflow(routine.description or ""))
        self.description.setVisible(bool(routine.description))
        self.author_notes.setText("\n".join(f"• {line}" for line in routine.safety))
        self.author_notes.setVisible(bool(routine.safety))
        self.notes_heading.setVisible(bool(routine.safety))
        self.edit_button.setVisible(item.group is Group.MINE)
        self.copy_button.setVisible(item.group is not Group.MINE)
        self.add_button.setVisible(item.group is Group.OPENED)
        self.steps.set_routine(routine)
        self.holds.show_item(item)
        self._show_points(routine)
        self.verticalScrollBar().setValue(0)

    def _meta_text(self, item: Item, routine: Routine) -> str:
        parts = []
        if item.result.total_seconds is not None:
            parts.append(self.tr("{clock} long").format(
                clock=format_length(item.result.total_seconds)))
        if routine.author:
            parts.append(self.tr("by {author}").format(author=routine.author))
        parts.append({
            Group.BUILTIN: self.tr("built-in, read-only"),
            Group.MINE: self.tr("one of my routines"),
            Group.OPENED: self.tr("opened from {name}").format(name=item.path.name),
        }[item.group])
        if routine.tags:
            parts.append(self.tr("tags: {tags}").format(
                tags=", ".join(tag_name(tag) for tag in routine.tags)))
        return "  ·  ".join(parts)

    # ------------------------------------------------------------------ diagrams
    def _show_points(self, routine: Routine) -> None:
        ids = list(dict.fromkeys(step.point for step in routine.point_steps))
        by_view: dict[str, list[str]] = {}
        for pid in ids:
            point = self._atlas.get(pid)
            if point is not None:
                by_view.setdefault(point.view, []).append(pid)
        for view in VIEWS:
            widget = self._views.get(view)
            if view not in by_view:
                if widget is not None:
                    widget.hide()
                continue
            if widget is None:
                widget = self._make_view(view)
            widget.select_point(None)
            widget.set_points(by_view[view])
            widget.show()

    def _make_view(self, view: str) -> BodyView:
        widget = BodyView(self._atlas, self.widget())
        widget.set_view(view)
        widget.setAccessibleName(self.tr("Routine points: {view}").format(
            view=view_name(view)))
        widget.setFixedHeight(DIAGRAM_HEIGHT)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        widget.pointSelected.connect(self._on_diagram_point)
        index = sum(1 for v in VIEWS[: VIEWS.index(view)] if v in self._views)
        self._diagrams.insertWidget(index, widget, 1)
        self._views[view] = widget
        return widget

    def _on_diagram_point(self, point_id: str) -> None:
        if point_id:
            self.steps.select_point(point_id)

    def _on_step_point(self, point_id: str) -> None:
        point = self._atlas.get(point_id) if point_id else None
        for view, widget in self._views.items():
            widget.select_point(point_id if point is not None and point.view == view else None)

    # ------------------------------------------------------------------ intents
    def _start(self) -> None:
        routine = self.routine()
        if routine is not None:
            self.startRequested.emit(routine)

    def _edit(self) -> None:
        if self._item is not None:
            self.editRequested.emit(str(self._item.path))

    def _copy(self) -> None:
        if self._item is not None:
            self.copyRequested.emit(str(self._item.path))

    def _add(self) -> None:
        if self._item is not None:
            self.addRequested.emit(str(self._item.path))
