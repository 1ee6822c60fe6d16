"""The diary page: past sessions, pain over time, per-routine averages, headaches and alerts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.diary import alerts
from tpguide.core.diary.records import HeadacheEntry, SessionRecord
from tpguide.core.diary.stats import PainPoint
from tpguide.core.diary.store import Clock, HistoryError, HistoryStore, utc_now
from tpguide.ui.diary import tables
from tpguide.ui.diary.alerts_view import AlertsView
from tpguide.ui.diary.headache_log import HeadacheLogDialog
from tpguide.ui.diary.pain_chart import SPANS, PainChart, within
from tpguide.ui.diary.points_view import PointsView
from tpguide.ui.widgets.fit import title_row
from tpguide.ui.widgets.plain import plain_label

Routines = Callable[[], Sequence[tuple[str, str]]]
RECENT_HEADACHE = timedelta(days=2)
"""A headache alert is shown again after a restart for this long after the headache."""
MEDICATION_LOOKBACK = timedelta(days=alerts.MEDICATION_WINDOW_DAYS + 1)


class HistoryView(QWidget):
    """Reads everything from a HistoryStore; ``refresh()`` after a session ends.

    Signals:
        headacheSaved(object): a HeadacheEntry was saved (with its new id).
    """

    headacheSaved = Signal(object)

    def __init__(
        self,
        store: HistoryStore,
        routines: Routines = lambda: (),
        now: Clock = utc_now,
        parent: QWidget | None = None,
        sessions: Sequence[SessionRecord] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._routines = routines
        self._now = now
        self._points: list[PainPoint] = []
        self._titles: dict[str, str] = {}
        self._span: int | None = 30
        self.setAccessibleName(self.tr("History"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        self.notice = plain_label("", selectable=True)
        self.notice.setAccessibleName(self.tr("Notice"))
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.alerts = AlertsView()
        self.alerts_area = QScrollArea(self)
        self.alerts_area.setWidget(self.alerts)
        self.alerts_area.setWidgetResizable(True)
        self.alerts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.alerts_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.alerts_area.setVisible(False)
        self.alerts.changed.connect(self._fit_alerts)
        layout.addWidget(self.alerts_area)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("History pages"))
        self.tabs.tabBar().setAccessibleName(self.tr("Choose a history page"))
        self.tabs.addTab(self._sessions_page(), self.tr("Sessions"))
        self.tabs.addTab(self._pain_page(), self.tr("Pain over time"))
        self.tabs.addTab(self._summary_page(), self.tr("Summary"))
        self.tabs.addTab(self._headaches_page(), self.tr("Headaches"))
        self.points_view = PointsView(store)
        self.tabs.addTab(self._scrolling(self.points_view), self.tr("Your points"))
        layout.addWidget(self.tabs, 1)
        self._lasting = store.notice or ""  # a set-aside diary stays mentioned
        self.refresh(sessions)  # ``sessions``: read already by the caller, for every view

    # ------------------------------------------------------------------ building
    def _header(self) -> QWidget:
        self.log_button = QPushButton(self.tr("Log a headache…"))
        self.log_button.setAccessibleName(self.tr("Log a headache"))
        self.log_button.clicked.connect(self.log_headache)
        self.export_button = QPushButton(self.tr("Export sessions (CSV)…"))
        self.export_button.setAccessibleName(self.tr("Export sessions as a CSV file"))
        self.export_button.clicked.connect(lambda: self.export_csv("sessions"))
        self.export_headaches_button = QPushButton(self.tr("Export headaches (CSV)…"))
        self.export_headaches_button.setAccessibleName(self.tr("Export headaches as a CSV file"))
        self.export_headaches_button.clicked.connect(lambda: self.export_csv("headaches"))
        return title_row(self, plain_label(self.tr("History"), "title"),
                         [self.log_button, self.export_button, self.export_headaches_button])

    def _page(self, *widgets: QWidget, fill: bool = True) -> QWidget:
        """Widgets stacked; the last one takes the spare height (``fill``), or nothing does
        and the page scrolls up and down when it is taller than the window (a small screen,
        a language with longer words)."""
        page = QWidget()
        layout = QVBoxLayout(page)
        for widget in widgets:
            if fill and widget is widgets[-1]:
                layout.addWidget(widget, 1)
            elif isinstance(widget, QTableView):
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                if widget.property("role") == "heading" and layout.count():
                    layout.addSpacing(14)
                layout.addWidget(widget)
        if fill:
            return page
        layout.addStretch(1)
        return self._scrolling(page)

    def _scrolling(self, page: QWidget) -> QScrollArea:
        """``page`` whole (its words unsqueezed), scrolling up and down where the window is
        too short for it: a small screen, a language with longer words."""
        scroll = QScrollArea(self)
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables inside
        return scroll

    def _sessions_page(self) -> QWidget:
        self.sessions_empty = plain_label(
            self.tr("No sessions yet. Each session you start is listed here.")
        )
        self.sessions_table = tables.table_view(self.tr("Sessions"))
        return self._page(self.sessions_empty, self.sessions_table)

    def _pain_page(self) -> QWidget:
        self.chart = PainChart()
        self.pain_table = tables.table_view(self.tr("Pain ratings, as numbers"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.pain_table)
        splitter.setSizes([560, 640])
        splitter.setChildrenCollapsible(False)
        hint = plain_label(
            self.tr("Ring: pain before a session. Dot: pain after it. The table holds the same.")
        )
        page = self._page(hint, splitter)
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, self._span_row())
        return page

    def _span_row(self) -> QHBoxLayout:
        """Last 7, 30 or 90 days, or all: the chart and its table show that window."""
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Show:")))
        self.span_group = QButtonGroup(self)
        self.span_buttons: dict[int | None, QPushButton] = {}
        words = {7: self.tr("Last 7 days"), 30: self.tr("30 days"), 90: self.tr("90 days"),
                 None: self.tr("All")}
        for span in SPANS:
            button = QPushButton(words[span])
            button.setCheckable(True)
            button.setChecked(span == self._span)
            button.setAccessibleName(self.tr("Show the pain ratings of: {span}").format(
                span=words[span]))
            button.clicked.connect(lambda _=False, d=span: self.show_span(d))
            self.span_group.addButton(button)
            self.span_buttons[span] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def show_span(self, days: int | None) -> None:
        """Chart and table show the last ``days`` days (None: every rated session)."""
        self._span = days
        self.span_buttons[days].setChecked(True)
        shown = within(self._points, days, self._now())
        self.chart.set_points(shown)
        tables.show_model(self.pain_table, tables.pain_model(shown, self._titles), widest=200)

    def _summary_page(self) -> QWidget:
        self.change_table = tables.table_view(self.tr("Average change in pain per routine"))
        self.weeks_table = tables.table_view(self.tr("Sessions per week"))
        for table in (self.change_table, self.weeks_table):
            tables.fit_to_contents(table)
        return self._page(
            plain_label(self.tr("Average change in pain, per routine"), "heading"),
            plain_label(
                self.tr(
                    "Pain after the session minus pain before it, for sessions rated both "
                    "times. A negative number means less pain afterwards."
                )
            ),
            self.change_table,
            plain_label(self.tr("Sessions per week"), "heading"),
            self.weeks_table,
            fill=False,
        )

    def _headaches_page(self) -> QWidget:
        self.headaches_empty = plain_label(
            self.tr("No headaches logged. Use “Log a headache…” to add one.")
        )
        self.headaches_table = tables.table_view(self.tr("Headaches"))
        return self._page(self.headaches_empty, self.headaches_table)

    # ------------------------------------------------------------------ data
    def refresh(self, sessions: Sequence[SessionRecord] | None = None) -> None:
        """Reload every table, the chart and the alerts from the store.

        The sessions are read once for all of them, or taken as given (``sessions``, read
        by the caller for every view after a change); None reads them here.
        """
        self.show_notice(self._lasting)
        try:
            if sessions is None:
                sessions = self.store.sessions()
            headaches = self.store.headaches()
        except HistoryError as error:
            self.show_notice(error.message)
            return
        changes = self.store.average_change_per_routine(sessions)
        weeks = self.store.sessions_per_week(sessions)
        points = self.store.pain_series(sessions)
        tables.show_model(self.sessions_table, tables.sessions_model(sessions))
        self.sessions_empty.setVisible(not sessions)
        self._points, self._titles = list(points), _titles(sessions)
        self.show_span(self._span)
        tables.show_model(self.change_table, tables.change_model(changes))
        tables.show_model(self.weeks_table, tables.weeks_model(weeks))
        tables.show_model(self.headaches_table, tables.headaches_model(headaches))
        self.headaches_empty.setVisible(not headaches)
        self._update_alerts(sessions, headaches)
        failed = self.points_view.refresh()
        if failed is not None:
            self.show_notice(failed)

    def _update_alerts(
        self, sessions: Sequence[SessionRecord], headaches: Sequence[HeadacheEntry]
    ) -> None:
        now = self._now()
        found = [alerts.pain_alert(sessions, now)]
        found += [
            alerts.headache_alert(h) for h in headaches if now - h.started_at < RECENT_HEADACHE
        ]
        recent = [h for h in headaches if now - h.started_at < MEDICATION_LOOKBACK]
        overuse = alerts.medication_overuse(recent, now.astimezone().date())
        unique = {a.key: a for a in [*found, *overuse] if a is not None}
        self.alerts.set_alerts(list(unique.values()))

    def _fit_alerts(self) -> None:
        """As tall as the alerts, so none is squeezed; scrolls only beyond half the page."""
        shown = bool(self.alerts.alerts())
        self.alerts_area.setVisible(shown)
        if not shown:
            return
        width = self.alerts_area.viewport().width() or self.width()
        layout = self.alerts.layout()
        assert layout is not None
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else (self.alerts.sizeHint().height())
        )
        self.alerts_area.setMaximumHeight(needed + 2)
        self.alerts_area.setMinimumHeight(min(needed + 2, max(160, self.height() // 2)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_alerts()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ------------------------------------------------------------------ actions
    def log_headache(self) -> HeadacheLogDialog:
        """Open the headache form (non-modal); saving stores the entry and shows any alert."""
        dialog = HeadacheLogDialog(self._routines(), self._now, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self.add_headache)
        dialog.open()
        return dialog

    def add_headache(self, entry: HeadacheEntry) -> int | None:
        """Save an entry; its own alert is shown at once, even if hidden earlier."""
        try:
            entry_id = self.store.add_headache(entry)
        except HistoryError as error:
            self.show_notice(error.message)
            return None
        self.refresh()
        self.show_notice(self.tr("Headache saved."))
        alert = alerts.headache_alert(entry)
        if alert is not None:
            self.alerts.add_alerts([alert])
        self.headacheSaved.emit(entry)
        return entry_id

    def export_csv(self, what: Literal["sessions", "headaches"]) -> Path | None:
        """Ask where to save, then write the CSV; returns the path written, if any."""
        title = self.tr("Export sessions") if what == "sessions" else self.tr("Export headaches")
        suggested = str(Path.home() / f"tpguide-{what}.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, title, suggested, self.tr("CSV files (*.csv);;All files (*)")
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            self.store.export_csv(path, what)
        except HistoryError as error:
            self.show_notice(error.message)
            return None
        self.show_notice(self.tr("Saved {path}").format(path=str(path)))
        return path


def _titles(sessions: Sequence[SessionRecord]) -> dict[str, str]:
    """Routine id to the title of its newest session (sessions come newest first)."""
    return {s.routine_id: s.routine_title for s in reversed(sessions)}


def _since(headaches: Sequence[HeadacheEntry], start: datetime) -> list[HeadacheEntry]:
    return [h for h in headaches if h.started_at >= start]
