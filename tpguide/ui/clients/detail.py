"""One client on the Clients page: unwell stops first, then adherence, pain, sessions, notes.

Everything here comes from someone else's file: every text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.care.build import Report
from tpguide.core.care.summary import (
    change_words,
    pain_series,
    percent,
    short_id,
    summarize,
    unwell_stops,
)
from tpguide.core.care.text import status_words, when
from tpguide.core.diary.stats import PainPoint
from tpguide.ui.widgets.plain import plain_label


class PainChartLike(Protocol):
    def set_points(self, points: Sequence[PainPoint]) -> None: ...


ChartFactory = Callable[[], QWidget]
"""Makes the pain chart widget (the History page's, given by the shell)."""


def tr(text: str) -> str:
    return QCoreApplication.translate("Clients", text)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    return view


def _fill(view: QTableView, headers: list[str], rows: list[list[str]]) -> None:
    model = QStandardItemModel(0, len(headers), view)
    model.setHorizontalHeaderLabels(headers)
    for row in rows:
        items = [QStandardItem(text) for text in row]
        for item in items:
            item.setEditable(False)
            if len(item.text()) > 30:
                item.setToolTip(item.text())
        model.appendRow(items)
    old = view.model()
    view.setModel(model)
    if old is not None:
        old.deleteLater()
    view.resizeColumnsToContents()
    height = view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(len(rows)))
    view.setFixedHeight(min(height + 6, 320))


class ClientDetail(QWidget):
    """The chosen client's report, laid out for reading; ``show_report(None)`` empties it."""

    def __init__(self, chart: ChartFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 0, 8, 8)
        self.title = plain_label("", "heading", self, selectable=True)
        self.title.setAccessibleName(tr("Client"))
        self.summary = plain_label("", "body", self, selectable=True)
        col.addWidget(self.title)
        col.addWidget(self.summary)
        self.unwell = QFrame(self)
        self.unwell.setObjectName("unwellStops")
        self.unwell.setFrameShape(QFrame.Shape.StyledPanel)
        self.unwell.setStyleSheet("#unwellStops { border: 2px solid #a3300b; "
                                  "border-radius: 6px; }")
        box = QVBoxLayout(self.unwell)
        self.unwell_title = plain_label("", "subheading", self.unwell)
        self.unwell_list = plain_label("", "body", self.unwell, selectable=True)
        box.addWidget(self.unwell_title)
        box.addWidget(self.unwell_list)
        self.unwell.setAccessibleName(tr("Sessions stopped with I feel unwell"))
        col.addWidget(self.unwell)
        col.addWidget(plain_label(tr("Courses"), "subheading", self))
        self.courses = _table(tr("Adherence per course"))
        col.addWidget(self.courses)
        col.addWidget(plain_label(tr("Pain before and after each session"), "subheading", self))
        self.chart = chart()
        self.chart.setParent(self)
        self.chart.setMinimumHeight(240)
        col.addWidget(self.chart)
        col.addWidget(plain_label(tr("Sessions, newest first"), "subheading", self))
        self.sessions = _table(tr("Sessions, newest first"))
        col.addWidget(self.sessions)
        col.addWidget(plain_label(tr("Notes"), "subheading", self))
        self.notes = plain_label("", "body", self, selectable=True)
        self.notes.setAccessibleName(tr("Notes"))
        col.addWidget(self.notes)
        col.addStretch(1)
        self.show_report(None)

    def show_report(self, report: Report | None) -> None:
        self.setVisible(report is not None)
        if report is None:
            return
        s = summarize(report)
        client = report["client"]
        self.title.setText(f"{client['name'] or tr('(no name)')}  ·  {short_id(client['id'])}")
        self.summary.setText(tr(
            "{since} to {until}: {n} sessions, {done} completed. Adherence {adherence}. "
            "Median change in pain after a session: {change}.").format(
            since=s.since, until=s.until, n=s.sessions, done=s.completed,
            adherence=percent(s.adherence), change=change_words(s.median_change)))
        stops = unwell_stops(report)
        self.unwell.setVisible(bool(stops))
        self.unwell_title.setText(tr("⚠ Stopped with “I feel unwell”: {n}").format(n=len(stops)))
        self.unwell_list.setText("\n".join(
            f"{r.started_at.astimezone():%Y-%m-%d %H:%M}  {r.routine_title}"
            + (f" — {r.note}" if r.note else "") for r in stops))
        _fill(self.courses, [tr("Course"), tr("From"), tr("To"), tr("Done"), tr("Adherence")],
              [[c["title"], c["start"], c["end"], tr("{done} of {due}").format(**c),
                percent(c["done"] / c["due"] if c["due"] else None)]
               for c in report["courses"]] or [[tr("No course in this period"), "", "", "", ""]])
        cast(PainChartLike, self.chart).set_points(pain_series(report))
        _fill(self.sessions, [tr("When"), tr("Routine"), tr("Status"), tr("Pain before → after"),
                              tr("Note")],
              [[when(x["started_at"]), x["routine_title"], status_words(x["status"]),
                f"{_pain(x.get('pain_before'))} → {_pain(x.get('pain_after'))}",
                x.get("note") or ""]
               for x in reversed(report["sessions"])])
        notes = [(x["started_at"], x["note"]) for x in report["sessions"] if x.get("note")]
        notes += [(h["started_at"], h["notes"]) for h in report["headaches"] if h.get("notes")]
        if notes:
            self.notes.setText("\n".join(f"{when(at)}  {text}" for at, text in sorted(notes)))
        elif not report.get("notes_included", True):
            self.notes.setText(tr("The client left their notes out of their reports."))
        else:
            self.notes.setText(tr("No notes."))
        self.notes.setTextFormat(Qt.TextFormat.PlainText)


def _pain(value: object) -> str:
    return "–" if value is None else str(value)
