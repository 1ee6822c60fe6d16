"""Browse every trigger point: where it is, where it sends pain, and how to work it safely."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import REGIONS, VIEWS, Atlas, Point, default_atlas
from tpguide.core.routines.describe import tool_label
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.fit import wrap_rows
from tpguide.ui.widgets.names import region_name, view_name
from tpguide.ui.widgets.plain import breakable, plain_label
from tpguide.ui.widgets.tree_rows import tree_leaves

_ID_ROLE = int(Qt.ItemDataRole.UserRole)


class AtlasBrowser(QWidget):
    """A list of points by region, the body diagram, and the chosen point's details.

    Signals:
        pointShown(str): the point whose details are now shown.
    """

    pointShown = Signal(str)

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._shown: str | None = None
        self._side = "right"
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 16, 16, 16)
        col.setSpacing(12)
        col.addLayout(self._make_view_buttons())
        row = QHBoxLayout()
        row.setSpacing(16)
        col.addLayout(row, 1)
        self.points = self._point_list()
        self.points.setMinimumWidth(200)
        row.addWidget(self.points, 2)
        self.body = BodyView(self._atlas, self)
        self.body.setAccessibleName(self.tr("Atlas body diagram"))
        self.body.set_points(list(self._atlas.points))
        self.body.pointSelected.connect(self.show_point)
        self.body.installEventFilter(self)  # a click on the other side's marker: same point
        row.addWidget(self.body, 3)
        details = self._details_panel()
        details.setMinimumWidth(250)
        row.addWidget(details, 3)
        self.set_view(VIEWS[0])
        self._details_empty()

    # ------------------------------------------------------------------ building
    def _point_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderHidden(True)
        tree.setRootIsDecorated(False)
        tree.setAccessibleName(self.tr("Trigger points by body region"))
        wrap_rows(tree)  # long names wrap onto a second line, never cut with "…"
        for region in REGIONS:
            points = sorted((p for p in self._atlas.points.values() if p.region == region),
                            key=lambda p: p.name)
            if not points:
                continue
            top = QTreeWidgetItem(tree, [region_name(region)])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for point in points:
                child = QTreeWidgetItem(top, [point.name])
                child.setData(0, _ID_ROLE, point.id)
            top.setExpanded(True)
        tree.currentItemChanged.connect(self._on_list)
        return tree

    def _make_view_buttons(self) -> QGridLayout:
        """Three to a row, so each name is read whole on a small screen."""
        row = QGridLayout()
        self._view_group = QButtonGroup(self)
        self._view_buttons: dict[str, QPushButton] = {}
        for view in VIEWS:
            name = view_name(view)
            button = QPushButton(name.capitalize(), self)
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.setAccessibleName(self.tr("Show the {view}").format(view=name))
            button.clicked.connect(lambda _=False, v=view: self.set_view(v))
            self._view_group.addButton(button)
            self._view_buttons[view] = button
            place = len(self._view_buttons) - 1
            row.addWidget(button, place // 3, place % 3)
        return row

    def _details_panel(self) -> QScrollArea:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box = QWidget(scroll)
        col = QVBoxLayout(box)
        col.setSpacing(6)
        self.name_label = plain_label("", "heading", box)
        col.addWidget(self.name_label)
        self._fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key, title in (
            ("locate", self.tr("How to find it")), ("technique", self.tr("Technique")),
            ("refers", self.tr("Sends pain to")), ("tools", self.tr("Tools")),
            ("pressure", self.tr("Most pressure")), ("cautions", self.tr("Cautions")),
            ("sources", self.tr("Sources")),
        ):
            heading = plain_label(title, "subheading", box)
            value = plain_label("", "body", box, selectable=True)
            value.setObjectName(key)  # "sources": citations, shown as written
            col.addWidget(heading)
            col.addWidget(value)
            self._fields[key] = (heading, value)
        col.addStretch(1)
        scroll.setWidget(box)
        return scroll

    # ------------------------------------------------------------------ public API
    def set_view(self, view: str) -> None:
        self.body.set_view(view)
        self._view_buttons[view].setChecked(True)

    def shown_point(self) -> str | None:
        return self._shown

    def zone_side(self) -> str:
        """The body side whose referral zones are lit: referral is one-sided."""
        return self._side

    def detail_text(self, key: str) -> str:
        return self._fields[key][1].text()

    def show_point(self, point_id: str) -> None:
        point = self._atlas.get(point_id) if point_id else None
        if point is None or point_id == self._shown:
            return
        self._shown = point_id
        self.body.select_point(point_id)
        self._light_zones(point)
        self._view_buttons[point.view].setChecked(True)
        self._select_in_list(point_id)
        self._details(point)
        self.pointShown.emit(point_id)

    # ------------------------------------------------------------------ internals
    def _light_zones(self, point: Point, new_point: bool = True) -> None:
        """Light the point's zones on the side of the marker chosen (the right by default).

        A trigger point sends pain to its own side, so lighting both halves of the body
        would show a pattern nobody has.
        """
        marker = self.body.focused_marker()
        if marker is not None and marker.point_id == point.id and marker.side in ("left", "right"):
            side = marker.side
        elif new_point:
            side = "right"
        else:
            return
        self._side = side
        self.body.show_zones(list(point.essential), list(point.spillover), side)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body and event.type() in (
            QEvent.Type.MouseButtonRelease, QEvent.Type.KeyRelease,
        ):
            point = self._atlas.get(self._shown) if self._shown else None
            if point is not None and point.id == self.body.selected_point():
                self._light_zones(point, new_point=False)
        return super().eventFilter(watched, event)

    def _select_in_list(self, point_id: str) -> None:
        for row in tree_leaves(self.points):
            if row.data(0, _ID_ROLE) == point_id:
                self.points.setCurrentItem(row)
                return

    def _on_list(self, row: QTreeWidgetItem | None, _previous: object) -> None:
        if row is not None and row.data(0, _ID_ROLE):
            self.show_point(str(row.data(0, _ID_ROLE)))

    def _set(self, key: str, text: str) -> None:
        heading, value = self._fields[key]
        value.setText(text)
        value.setVisible(bool(text))
        heading.setVisible(bool(text))

    def _details_empty(self) -> None:
        self.name_label.setText(self.tr("Choose a point in the list or on the picture."))
        for key in self._fields:
            self._set(key, "")

    def _details(self, point: Point) -> None:
        zones = [self._atlas.zones[z].name for z in point.essential if z in self._atlas.zones]
        spill = [self._atlas.zones[z].name for z in point.spillover if z in self._atlas.zones]
        refers = ", ".join(zones)
        if spill:
            refers += "\n" + self.tr("Sometimes also: {zones}").format(zones=", ".join(spill))
        self.name_label.setText(point.name)
        self._set("locate", point.locate)
        self._set("technique", point.technique)
        self._set("refers", refers)
        self._set("tools", ", ".join(tool_label(t, self.tr) for t in point.tools))
        self._set("pressure", self.tr("{level} out of 10").format(level=point.max_pressure))
        self._set("cautions", "\n".join(f"• {c}" for c in point.cautions))
        self._set("sources", breakable("\n".join(f"• {s}" for s in point.sources)))
