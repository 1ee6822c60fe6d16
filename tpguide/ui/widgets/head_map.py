"""Pick where a headache is: click zones on the head diagram, or tick them in a list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.widgets.body_view import BodyView

HEAD_ZONES: tuple[str, ...] = (
    "zone-forehead",
    "zone-temple",
    "zone-behind-eye",
    "zone-vertex",
    "zone-occiput",
    "zone-ear",
    "zone-cheek",
    "zone-jaw",
    "zone-upper-teeth",
    "zone-lower-teeth",
    "zone-neck-back",
    "zone-neck-side",
)
VIEWS: tuple[tuple[str, str], ...] = (
    ("head-front", str(QT_TRANSLATE_NOOP("HeadMap", "Front"))),
    ("head-side", str(QT_TRANSLATE_NOOP("HeadMap", "Side"))),
    ("head-back", str(QT_TRANSLATE_NOOP("HeadMap", "Back"))),
)


class HeadMap(QWidget):
    """The head diagram in zone-picking mode above one checkbox per zone (keyboard route).

    Signals:
        regionsChanged(): the chosen zones changed.
    """

    regionsChanged = Signal()

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._chosen: list[str] = []
        self.setAccessibleName(self.tr("Where the headache is"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._diagram_column(), 1)
        layout.addLayout(self._checkboxes())

    def _diagram_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        row = QHBoxLayout()
        self._view_group = QButtonGroup(self)
        self.view_buttons: dict[str, QPushButton] = {}
        for view, word in VIEWS:
            text = QCoreApplication.translate("HeadMap", word)
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setAccessibleName(self.tr("Show the head from the {side}").format(side=text))
            button.clicked.connect(lambda _=False, v=view: self.set_view(v))
            self._view_group.addButton(button)
            self.view_buttons[view] = button
            row.addWidget(button)
        column.addLayout(row)
        self.body = BodyView(self._atlas, self)
        self.body.set_zone_picking(True)
        self.body.setAccessibleName(self.tr("Head diagram: click where it hurts"))
        self.body.setMinimumSize(240, 260)
        self.body.setMaximumHeight(360)
        self.body.zoneClicked.connect(self.toggle)
        column.addWidget(self.body, 1)
        self.set_view("head-side")
        return column

    def _checkboxes(self) -> QGridLayout:
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        half = (len(HEAD_ZONES) + 1) // 2
        for index, zone_id in enumerate(HEAD_ZONES):
            # The atlas's words are in the catalogue under the "atlas" context (a Qt
            # context alone is ignored: only the disambiguation becomes msgctxt).
            name = QCoreApplication.translate("Atlas", self._atlas.zones[zone_id].name, "atlas")
            box = QCheckBox(name)
            box.setAccessibleName(name)
            box.toggled.connect(lambda on, z=zone_id: self._set(z, on))
            self.boxes[zone_id] = box
            grid.addWidget(box, index % half, index // half)
        return grid

    def set_view(self, view: str) -> None:
        self.body.set_view(view)
        self.view_buttons[view].setChecked(True)
        self._show()

    def regions(self) -> tuple[str, ...]:
        """The chosen zone ids, in the list's top-to-bottom order."""
        return tuple(z for z in HEAD_ZONES if z in self._chosen)

    def set_regions(self, zone_ids: tuple[str, ...] | list[str]) -> None:
        for zone_id, box in self.boxes.items():
            box.setChecked(zone_id in zone_ids)

    def toggle(self, zone_id: str) -> None:
        """Flip a zone (a click on the diagram); zones outside the head list are ignored."""
        if zone_id in self.boxes:
            self.boxes[zone_id].toggle()

    def _set(self, zone_id: str, on: bool) -> None:
        if on == (zone_id in self._chosen):
            return
        if on:
            self._chosen.append(zone_id)
        else:
            self._chosen.remove(zone_id)
        self._show()
        self.regionsChanged.emit()

    def _show(self) -> None:
        self.body.show_zones(list(self.regions()))
        names = [self.boxes[z].text() for z in self.regions()]
        text = ", ".join(names) if names else self.tr("Nothing chosen yet.")
        self.body.setAccessibleDescription(self.tr("Chosen: {zones}").format(zones=text))
