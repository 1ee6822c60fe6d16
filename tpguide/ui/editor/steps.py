"""The editor's step list: a model over the draft's steps that reorders by drag or keyboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListView,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines.describe import pressure_text
from tpguide.core.routines.durations import format_length, format_seconds
from tpguide.core.routines.editing import Check, PointDraft, RoutineDraft
from tpguide.ui.editor.form import IssueLabel, issue_lines, tr
from tpguide.ui.editor.settings import tool_name

MIME = "application/x-tpguide-step-row"
_Index = QModelIndex | QPersistentModelIndex


class StepListModel(QAbstractListModel):
    """The draft's steps as list rows; moves go through ``moveRows`` (drag, drop and keys).

    Signals:
        edited(): the steps changed (added, removed or moved) through this model.
    """

    edited = Signal()

    def __init__(self, draft: RoutineDraft, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.atlas = atlas
        self.check: Check | None = None

    def set_draft(self, draft: RoutineDraft) -> None:
        self.beginResetModel()
        self.draft = draft
        self.endResetModel()

    def set_check(self, check: Check) -> None:
        self.check = check
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.draft.steps)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.draft.steps):
            return None
        row = index.row()
        issues = self.check.for_step(row) if self.check is not None else []
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.describe(row)
            if role == Qt.ItemDataRole.AccessibleTextRole and issues:
                text += "\n" + issue_lines(issues)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue_lines(issues) or None
        if role == Qt.ItemDataRole.DecorationRole and issues:
            kind = (QStyle.StandardPixmap.SP_MessageBoxCritical if any(i.is_error for i in issues)
                    else QStyle.StandardPixmap.SP_MessageBoxWarning)
            return QApplication.style().standardIcon(kind)
        return None

    def describe(self, row: int) -> str:
        """Two lines: what the step is, then how it is done."""
        step = self.draft.steps[row]
        if not isinstance(step, PointDraft):
            head = tr("{n}. Rest {time}").format(n=row + 1, time=format_length(step.seconds))
            return head + ("\n    " + _short(step.say) if step.say else "")
        point = self.atlas.get(step.point)
        name = point.name if point is not None else step.point
        eff = {e.name: e for e in self.draft.effective(row)}
        detail = tr("{side} · {cycles} × {press} s · {pressure} · {tool}").format(
            side=short_side(str(eff["side"].value)), cycles=eff["cycles"].value,
            press=format_seconds(float(eff["press"].value)),
            pressure=pressure_text(int(eff["pressure"].value), tr),
            tool=tool_name(str(eff["tool"].value)))
        if eff["until_eased"].value:
            detail += tr(" · until eased")
        return f"{row + 1}. {name}\n    {detail}"

    # -- drag and drop ----------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        rows = [int(r) for r in bytes(data.data(MIME).data()).decode().split(",") if r]
        if len(rows) != 1:
            return False
        dest = parent.row() if parent.isValid() else (row if row >= 0 else self.rowCount())
        return self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), dest)

    def moveRows(self, source_parent: _Index, source_row: int, count: int,
                 dest_parent: _Index, dest_child: int) -> bool:
        """Qt's move: ``dest_child`` is the row the block goes before (in the old order)."""
        last = source_row + count - 1
        if (source_parent.isValid() or dest_parent.isValid() or count < 1 or source_row < 0
                or last >= self.rowCount() or not 0 <= dest_child <= self.rowCount()
                or source_row <= dest_child <= last + 1):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, last, QModelIndex(), dest_child):
            return False
        block = self.draft.steps[source_row:last + 1]
        del self.draft.steps[source_row:last + 1]
        final = dest_child if dest_child < source_row else dest_child - count
        self.draft.steps[final:final] = block
        self.endMoveRows()
        self.edited.emit()
        return True

    # -- editing operations -----------------------------------------------------
    def insert_point(self, point_id: str, at: int) -> int:
        self.beginInsertRows(QModelIndex(), at, at)
        row = self.draft.add_point(point_id, at, self.atlas)
        self.endInsertRows()
        self.edited.emit()
        return row

    def insert_rest(self, at: int, seconds: float = 60.0) -> int:
        self.beginInsertRows(QModelIndex(), at, at)
        row = self.draft.add_rest(seconds, at)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_step(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self.draft.remove(row)
        self.endRemoveRows()
        self.edited.emit()


def short_side(side: str) -> str:
    return {"both": tr("both sides"), "together": tr("together"), "left": tr("left"),
            "right": tr("right")}.get(side, side)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[:limit] + '…'}”"


class StepsPanel(QWidget):
    """The step list with its buttons: add a rest, move up and down, remove.

    Signals:
        currentChanged(int): the selected step (-1 for none).
    """

    currentChanged = Signal(int)

    def __init__(self, model: StepListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QListView()
        self.view.setModel(model)
        self.view.setAccessibleName(tr("Steps"))
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(
            lambda current, _prev: self.currentChanged.emit(current.row()))
        model.rowsMoved.connect(self._keep_visible)
        self._keys: dict[str, Callable[[], object]] = {}
        self.view.installEventFilter(self)
        buttons = QHBoxLayout()
        self.add_rest = self._button(tr("Add &rest"), tr("Add a rest after the selected step"),
                                     "Ctrl+Shift+R", self._add_rest)
        self.up = self._button(tr("Move &up"), tr("Move the selected step up"), "Alt+Up",
                               lambda: self.move_step(-1))
        self.down = self._button(tr("Move do&wn"), tr("Move the selected step down"),
                                 "Alt+Down", lambda: self.move_step(1))
        self.remove = self._button(tr("Remo&ve"), tr("Remove the selected step"), "Delete",
                                   self._remove)
        for button in (self.add_rest, self.up, self.down, self.remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.issues = IssueLabel()
        layout.addWidget(self.issues)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _button(self, text: str, name: str, keys: str,
                slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        shortcut = QKeySequence(keys)
        button.setToolTip(f"{name} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        button.clicked.connect(slot)
        self._keys[shortcut.toString()] = slot  # type: ignore[assignment]
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The list's own keys (Alt+Up/Down, Delete), before it moves the cursor with them."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            pressed = QKeySequence(event.keyCombination()).toString()
            slot = self._keys.get(pressed)
            if slot is not None:
                slot()
                return True
        return super().eventFilter(watched, event)

    def current(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row))
        else:
            self.view.setCurrentIndex(QModelIndex())
            self.currentChanged.emit(-1)

    def insertion_row(self) -> int:
        """New steps go after the selected one, or at the end."""
        row = self.current()
        return row + 1 if row >= 0 else self.model.rowCount()

    def move_step(self, delta: int) -> None:
        row = self.current()
        target = row + delta
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        dest = target if delta < 0 else target + 1
        if self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), dest):
            self.select(target)

    def _keep_visible(self) -> None:
        self.view.scrollTo(self.view.currentIndex())

    def _add_rest(self) -> None:
        self.select(self.model.insert_rest(self.insertion_row()))

    def _remove(self) -> None:
        row = self.current()
        if row < 0:
            return
        self.model.remove_step(row)
        self.select(min(row, self.model.rowCount() - 1))

    def update_buttons(self) -> None:
        row, count = self.current(), self.model.rowCount()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < count - 1)
        self.remove.setEnabled(row >= 0)
