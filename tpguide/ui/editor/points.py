"""Where the editor's points come from: a click on the body diagram or a searchable list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import VIEWS, Atlas
from tpguide.ui.editor.form import tr

try:  # the diagram widget is optional: the list alone still adds points
    from tpguide.ui.widgets.body_view import BodyView
except ImportError:  # pragma: no cover - only while body_view.py is being written
    BodyView = None  # type: ignore[assignment,misc]

CURRENT_COLOUR = QColor("#0072B2")


def view_name(view: str) -> str:
    return {"head-front": tr("Head from the front"), "head-side": tr("Head from the side"),
            "head-back": tr("Head from behind"), "upper-body-back": tr("Upper back"),
            "upper-body-front": tr("Upper body from the front")}.get(view, view)


class PointPicker(QWidget):
    """Click a point on the diagram, or search the list, to add it as a step.

    Signals:
        pointChosen(str): the user asked to add this atlas point.
    """

    pointChosen = Signal(str)

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._quiet = False
        self.views = QComboBox()
        self.views.setAccessibleName(tr("Body view"))
        for view in VIEWS:
            if any(p.view == view for p in atlas.points.values()):
                self.views.addItem(view_name(view), view)
        self.body = BodyView(atlas) if BodyView is not None else None
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search by name, muscle or region"))
        self.search.setAccessibleName(tr("Search points"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Points"))
        for point in sorted(atlas.points.values(), key=lambda p: p.name):
            item = QListWidgetItem(point.name)
            item.setData(Qt.ItemDataRole.UserRole, point.id)
            item.setToolTip(point.locate)
            self.list.addItem(item)
        self.add = QPushButton(tr("&Add point"))
        self.add.setAccessibleName(tr("Add the selected point as a step"))
        self._layout()
        self._connect()
        if self.views.count():
            self._view_changed(0)

    def _layout(self) -> None:
        hint = QLabel(tr("Click a point to add it after the selected step."))
        hint.setWordWrap(True)
        label = QLabel(tr("&View"))
        label.setBuddy(self.views)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.views, 1)
        find = QLabel(tr("&Find a point"))
        find.setBuddy(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint)
        if self.body is not None:
            layout.addWidget(self.body, 3)
        layout.addWidget(find)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.add)

    def _connect(self) -> None:
        self.views.currentIndexChanged.connect(self._view_changed)
        if self.body is not None:
            self.body.pointSelected.connect(self._clicked)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._add_first)
        self.list.itemActivated.connect(lambda item: self._choose(item))
        self.add.clicked.connect(lambda: self._choose(self.list.currentItem()))

    def _view_changed(self, index: int) -> None:
        view = self.views.itemData(index)
        if self.body is None or view is None:
            return
        self._quiet = True
        self.body.set_view(view)
        self.body.set_points([p.id for p in self._atlas.points.values() if p.view == view])
        self._quiet = False

    def _clicked(self, point_id: str) -> None:
        if self._quiet or not point_id:
            return
        self.pointChosen.emit(point_id)
        self._quiet = True  # clear the selection, so the same point can be clicked again
        if self.body is not None:
            self.body.select_point(None)
        self._quiet = False

    def filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            point = self._atlas.points[item.data(Qt.ItemDataRole.UserRole)]
            hay = " ".join((point.name, point.muscle, point.region, point.id)).lower()
            item.setHidden(not all(w in hay for w in words))
        visible = self.visible_ids()
        if visible and (self.list.currentItem() is None or self.list.currentItem().isHidden()):
            self.list.setCurrentRow(self._row_of(visible[0]))

    def visible_ids(self) -> list[str]:
        return [str(self.list.item(r).data(Qt.ItemDataRole.UserRole))
                for r in range(self.list.count()) if not self.list.item(r).isHidden()]

    def _row_of(self, point_id: str) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == point_id:
                return row
        return -1

    def _add_first(self) -> None:
        current = self.list.currentItem()
        if current is not None and not current.isHidden():
            self._choose(current)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None and not item.isHidden():
            self.pointChosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_current(self, point_id: str | None, side: str = "both") -> None:
        """Mark the selected step's point on the diagram (never adds it)."""
        if self.body is None:
            return
        self._quiet = True
        self.body.highlight(point_id, side, CURRENT_COLOUR, False)
        view = self.body.view()
        self.body.set_points([p.id for p in self._atlas.points.values() if p.view == view])
        self.views.blockSignals(True)
        self.views.setCurrentIndex(self.views.findData(view))
        self.views.blockSignals(False)
        self._quiet = False
