"""Diary alerts as banners inside the window, with the red flags and when to seek care."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tpguide.core import safety_text
from tpguide.core.diary.alerts import Alert, AlertLevel
from tpguide.core.safety_text import Section
from tpguide.ui.widgets.plain import plain_label
from tpguide.ui.widgets.safety_pages import section_widget

LEVEL_COLOURS: dict[str, QColor] = {
    "urgent": QColor("#D55E00"),
    "caution": QColor("#E69F00"),
    "info": QColor("#0072B2"),
}
ORDER: tuple[AlertLevel, ...] = ("urgent", "caution", "info")


def sections_for(alert: Alert) -> tuple[Section, ...]:
    """Which safety text goes with an alert: red flags for headaches, stop rules for pain."""
    if alert.key == "headache-worst":
        return (safety_text.URGENT_CARE, safety_text.RED_FLAGS)
    if alert.key.startswith("headache-"):
        return (safety_text.RED_FLAGS, safety_text.MORE_RED_FLAGS, safety_text.URGENT_CARE)
    if alert.key == "pain-rising":
        return (safety_text.STOP_RULES, safety_text.URGENT_CARE)
    return ()


class LevelIcon(QWidget):
    """A shape per level, so the level never rests on colour alone: ▲!, △!, ⓘ."""

    def __init__(self, level: AlertLevel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setFixedSize(QSize(34, 34))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = LEVEL_COLOURS[self.level]
        painter.setPen(QPen(colour, 3))
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        if self.level == "info":
            painter.drawEllipse(box)
            mark = "i"
        else:
            triangle = QPolygonF(
                [QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()]
            )
            painter.setBrush(colour if self.level == "urgent" else Qt.BrushStyle.NoBrush)
            painter.drawPolygon(triangle)
            mark = "!"
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white") if self.level == "urgent" else colour)
        painter.drawText(self.rect().adjusted(0, 6, 0, 0), Qt.AlignmentFlag.AlignCenter, mark)


class AlertBanner(QFrame):
    """One alert: a level word and shape, its text, and the matching safety sections.

    Signals:
        dismissed(str): the person hid this alert (its key).
    """

    dismissed = Signal(str)

    def __init__(self, alert: Alert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert = alert
        self.setObjectName("alertBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._style()
        self.setAccessibleName(self._heading())
        self.setAccessibleDescription(_translated(alert))
        outer = QHBoxLayout(self)
        outer.addWidget(LevelIcon(alert.level), 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        outer.addLayout(column, 1)
        heading = plain_label(self._heading(), "heading")
        column.addWidget(heading)
        self.text = plain_label(_translated(alert), selectable=True)
        column.addWidget(self.text)
        self.details = self._details()
        column.addWidget(self.details)
        column.addLayout(self._buttons())

    def _heading(self) -> str:
        if self.alert.level == "urgent":
            return self.tr("Important: please read now")
        if self.alert.level == "caution":
            return self.tr("Worth checking")
        return self.tr("Good to know")

    def _style(self) -> None:
        colour = LEVEL_COLOURS[self.alert.level]
        tint = QColor(colour)
        tint.setAlphaF(0.16 if self.alert.level == "urgent" else 0.09)
        width = 3 if self.alert.level == "urgent" else 2
        rgba = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alphaF():.2f})"
        self.setStyleSheet(
            f"#alertBanner {{ border: {width}px solid {colour.name()}; border-radius: 8px;"
            f" background-color: {rgba}; }}"
        )

    def _details(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        for section in sections_for(self.alert):
            layout.addWidget(section_widget(section))
        box.setVisible(self.alert.level == "urgent")
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.toggle = QPushButton(self)
        self.toggle.setAutoDefault(False)
        self.toggle.clicked.connect(self.toggle_details)
        self.toggle.setVisible(bool(sections_for(self.alert)))
        self._label_toggle()
        row.addWidget(self.toggle)
        row.addStretch(1)
        urgent = self.alert.level == "urgent"
        self.hide_button = QPushButton(self.tr("I have read this") if urgent else self.tr("Hide"))
        self.hide_button.setAutoDefault(False)
        self.hide_button.setAccessibleName(self.tr("Hide this message"))
        self.hide_button.clicked.connect(lambda: self.dismissed.emit(self.alert.key))
        row.addWidget(self.hide_button)
        return row

    def toggle_details(self) -> None:
        self.details.setVisible(not self.details.isVisibleTo(self))
        self._label_toggle()

    def _label_toggle(self) -> None:
        shown = self.details.isVisibleTo(self)
        text = self.tr("Hide the warning signs") if shown else self.tr("When to get help")
        self.toggle.setText(text)
        self.toggle.setAccessibleName(text)


def _translated(alert: Alert) -> str:
    return QCoreApplication.translate("alerts", alert.text)


class AlertsView(QWidget):
    """A stack of alert banners, most urgent first; hidden alerts stay hidden until reset.

    Signals:
        changed(): the shown alerts changed, or one opened or closed its details.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Alerts"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._banners: list[AlertBanner] = []
        self._hidden: set[str] = set()
        self.setVisible(False)

    def alerts(self) -> list[Alert]:
        return [banner.alert for banner in self._banners]

    def banner(self, key: str) -> AlertBanner | None:
        return next((b for b in self._banners if b.alert.key == key), None)

    def set_alerts(self, alerts: Sequence[Alert]) -> None:
        """Show these alerts (minus hidden ones), replacing those shown before."""
        wanted = [a for a in alerts if a.key not in self._hidden]
        wanted.sort(key=lambda a: ORDER.index(a.level))
        if wanted == self.alerts():
            return
        for banner in self._banners:
            self._layout.removeWidget(banner)
            banner.hide()
            banner.deleteLater()
        self._banners = [self._add(a) for a in wanted]
        self.setVisible(bool(self._banners))
        self.changed.emit()

    def add_alerts(self, alerts: Sequence[Alert]) -> None:
        """Show new alerts as well as those already shown (a new one is never hidden)."""
        self._hidden -= {a.key for a in alerts}
        keys = {a.key for a in alerts}
        self.set_alerts([*alerts, *(a for a in self.alerts() if a.key not in keys)])

    def _add(self, alert: Alert) -> AlertBanner:
        banner = AlertBanner(alert, self)
        banner.dismissed.connect(self.dismiss)
        banner.toggle.clicked.connect(self.changed)
        self._layout.addWidget(banner)
        return banner

    def dismiss(self, key: str) -> None:
        self._hidden.add(key)
        self.set_alerts(self.alerts())
