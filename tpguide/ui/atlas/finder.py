"""'Where does it hurt?': click a sore spot, see which points may send pain there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tpguide.core import safety_text as st
from tpguide.core.atlas import finder
from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.ui.atlas.made_routine import MadeRoutine
from tpguide.ui.widgets.body_view import BodyView

FINDER_VIEWS: tuple[str, ...] = (
    "head-front", "head-side", "head-back", "upper-body-back", "upper-body-front",
)


def _label(text: str, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


class WhereDoesItHurt(QWidget):
    """Body views in zone-picking mode above a list of candidate points.

    "Make a short routine" first shows what it made (``made``: points, length, cautions);
    its Start and "Save as my routine" hand the routine's YAML to the owner.

    Signals:
        zoneChosen(str): a referral zone was picked (by click or ``choose_zone``).
        routineRequested(str): start this YAML text of a short, light routine for the
            chosen zone; the owner passes it through the loader and the safety gate.
        saveRequested(str): keep this routine YAML among the person's own routines.
    """

    zoneChosen = Signal(str)
    routineRequested = Signal(str)
    saveRequested = Signal(str)

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._zone: str | None = None
        self._listed: list[str] = []
        self._warning_labels: list[QLabel] = []
        self._made_text = ""
        self.setAccessibleName(self.tr("Where does it hurt?"))

        layout = QVBoxLayout(self)
        heading = _label(self.tr("Where does it hurt?"), bold=True)
        big = QFont(heading.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        heading.setFont(big)
        layout.addWidget(heading)
        layout.addWidget(_label(self.tr("Click the spot that hurts on one of the pictures.")))
        self.notice = _label(
            self.tr(
                "Not a diagnosis. These are muscles whose trigger points are known to send "
                "pain to that area; pain can have other causes. See the safety advice before "
                "you start."
            ),
            bold=True,
        )
        layout.addWidget(self.notice)

        self._pictures = QWidget()  # hidden while the short routine is read
        row = QHBoxLayout(self._pictures)
        row.setContentsMargins(0, 0, 0, 0)
        self._views: dict[str, BodyView] = {}
        for name in FINDER_VIEWS:
            view = BodyView(self._atlas, self)
            view.set_view(name)
            view.set_points([])
            view.set_zone_picking(True)
            view.zoneClicked.connect(self.choose_zone)
            row.addWidget(view, 1)
            self._views[name] = view
        layout.addWidget(self._pictures, 3)

        self._zone_label = _label("", bold=True)
        layout.addWidget(self._zone_label)
        self._results = QWidget()
        self._results_layout = QVBoxLayout(self._results)
        self._results_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._results)
        self.made = MadeRoutine(self._atlas)
        self.made.startRequested.connect(self.start_made)
        self.made.saveRequested.connect(lambda: self.saveRequested.emit(self._made_text))
        self.made.backRequested.connect(self.show_points)
        self.start_button = self.made.start_button  # one session at a time: the owner greys it
        self._stack = QStackedWidget()
        self._stack.addWidget(scroll)
        self._stack.addWidget(self.made)
        layout.addWidget(self._stack, 2)

        self.routine_button = QPushButton(self.tr("Make a short routine"))
        self.routine_button.setToolTip(
            self.tr("Up to three of these points, light pressure, both sides in turn.")
        )
        self.routine_button.setEnabled(False)
        self.routine_button.clicked.connect(self.make_routine)
        layout.addWidget(self.routine_button, 0, Qt.AlignmentFlag.AlignRight)

    # ------------------------------------------------------------------ API
    def body_view(self, view: str) -> BodyView:
        return self._views[view]

    def chosen_zone(self) -> str | None:
        return self._zone

    def listed_points(self) -> list[str]:
        """Point ids in the result list, main patterns first."""
        return list(self._listed)

    def choose_zone(self, zone_id: str) -> None:
        if zone_id not in self._atlas.zones:
            return
        self._zone = zone_id
        for view in self._views.values():
            view.show_zones([zone_id])
        self._show_results(zone_id)
        self.zoneChosen.emit(zone_id)

    def warning_texts(self) -> list[str]:
        """The zone's warnings as shown above the points (heart, throat, eye)."""
        return [label.text() for label in self._warning_labels]

    def make_routine(self) -> str:
        """Build the short routine for the chosen zone and show it (``made``), ready to
        start or save; returns its YAML, '' when there is none."""
        if self._zone is None or not self._listed or not finder.builds_routine(self._zone):
            return ""
        from tpguide.core.routines.loader import load_routine_text

        text = finder.short_routine_for(self._zone, self._atlas)
        result = load_routine_text(text, self._atlas)
        if result.routine is None:  # the owner's loader shows why when Start is pressed
            self.routineRequested.emit(text)
            return text
        self._made_text = text
        self.made.show_routine(result.routine, result.total_seconds or 0.0)
        self._stack.setCurrentWidget(self.made)
        self.routine_button.hide()
        self._pictures.hide()  # the whole routine in view, not two lines of it
        return text

    def made_shown(self) -> bool:
        return self._stack.currentWidget() is self.made

    def start_made(self) -> None:
        """Start the routine shown (the owner gates and launches it)."""
        if self._made_text:
            self.routineRequested.emit(self._made_text)

    def show_points(self) -> None:
        """Back from the made routine to the points of the chosen place."""
        self._stack.setCurrentIndex(0)
        self.routine_button.show()
        self._pictures.show()

    # ------------------------------------------------------------------ results
    def _show_results(self, zone_id: str) -> None:
        self.show_points()
        while self._results_layout.count() > 1:
            item = self._results_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        candidates = finder.candidates_for(zone_id, self._atlas)
        self._listed = [c.point.id for c in candidates]
        name = self._atlas.zones[zone_id].name
        self._zone_label.setText(self.tr("Pain at: {zone}").format(zone=name))
        self._warning_labels = []
        for text in finder.zone_warnings(zone_id):  # before any point is offered
            label = _label(QCoreApplication.translate(st.CONTEXT, text), bold=True)
            label.setObjectName("zoneWarning")
            self._warning_labels.append(label)
            self._add(label)
        if not candidates and finder.builds_routine(zone_id):
            self._add(_label(self.tr("No point in the atlas sends pain here.")))
        for cand in candidates:
            self._add(self._entry(cand))
        self.routine_button.setEnabled(bool(candidates))

    def _add(self, widget: QWidget) -> None:
        self._results_layout.insertWidget(self._results_layout.count() - 1, widget)

    def _entry(self, cand: finder.Candidate) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setObjectName(cand.point.id)
        col = QVBoxLayout(box)
        how = (
            self.tr("often sends pain here")
            if cand.kind == "essential"
            else self.tr("sometimes sends pain here")
        )
        title = self.tr("{point} — {how}").format(point=cand.point.name, how=how)
        col.addWidget(_label(title, bold=True))
        col.addWidget(_label(cand.point.locate))
        for caution in cand.point.cautions:
            col.addWidget(_label(self.tr("Caution: {text}").format(text=caution)))
        return box
