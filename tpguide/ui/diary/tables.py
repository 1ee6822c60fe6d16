"""The diary as read-only tables, so every chart's numbers can also be read as text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QSizePolicy, QTableView

from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.diary.records import HeadacheEntry, SessionRecord
from tpguide.core.diary.stats import PainPoint, RoutineChange, WeekCount
from tpguide.core.routines.durations import format_length
from tpguide.ui.widgets.fit import share_columns

Row = Sequence[str | int | float | None]


def tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


def when_text(moment: datetime) -> str:
    """A stored (UTC) time as the person's local date and time."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, tr("ddd d MMM yyyy, HH:mm"))


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), tr("ddd d MMM yyyy"))


def pain_text(value: int | None) -> str:
    return tr("not rated") if value is None else str(value)


def change_text(change: float | None) -> str:
    """A pain change in words as well as a sign: the sign alone is easy to misread."""
    if change is None:
        return ""
    number = f"{change:+.1f}".replace("-", "\u2212")
    if change < 0:
        return tr("{number} (less pain)").format(number=number)
    if change > 0:
        return tr("{number} (more pain)").format(number=number)
    return tr("0.0 (no change)")


STATUS_WORDS = {
    "running": QT_TRANSLATE_NOOP("history", "In progress"),
    "completed": QT_TRANSLATE_NOOP("history", "Completed"),
    "stopped": QT_TRANSLATE_NOOP("history", "Stopped early"),
    "unwell": QT_TRANSLATE_NOOP("history", "Stopped: felt unwell"),
    "interrupted": QT_TRANSLATE_NOOP("history", "Interrupted"),
}
QUALITY_WORDS = {
    "pressing": QT_TRANSLATE_NOOP("history", "Pressing or tight"),
    "throbbing": QT_TRANSLATE_NOOP("history", "Throbbing"),
    "other": QT_TRANSLATE_NOOP("history", "Other"),
}
MEDICATION_WORDS = {
    "simple": QT_TRANSLATE_NOOP("history", "Simple painkiller"),
    "triptan": QT_TRANSLATE_NOOP("history", "Triptan"),
    "ergot": QT_TRANSLATE_NOOP("history", "Ergot"),
    "opioid": QT_TRANSLATE_NOOP("history", "Opioid"),
    "combination": QT_TRANSLATE_NOOP("history", "Combination painkiller"),
    "other": QT_TRANSLATE_NOOP("history", "Other"),
}


def status_text(status: str) -> str:
    return tr(str(STATUS_WORDS.get(status, status)))


def zone_names(zone_ids: Iterable[str]) -> str:
    zones = default_atlas().zones
    return ", ".join(tr(zones[z].name) if z in zones else z for z in zone_ids)


def _model(headers: Sequence[str], rows: Iterable[Row]) -> QStandardItemModel:
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(list(headers))
    for row in rows:
        model.appendRow([_item(value) for value in row])
    return model


def _item(value: str | int | float | None) -> QStandardItem:
    text = "" if value is None else str(value)
    item = QStandardItem(text)
    item.setEditable(False)
    if len(text) > 24:
        item.setToolTip(text)  # the column may be too narrow to show it all
    if isinstance(value, int | float):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def sessions_model(records: Iterable[SessionRecord]) -> QStandardItemModel:
    headers = [tr("Date"), tr("Routine"), tr("Time done"), tr("Pain before → after")]
    headers += [tr("Status"), tr("Note")]
    return _model(headers, (_session_row(r) for r in records))


def _session_row(record: SessionRecord) -> Row:
    done = tr("{done} of {planned}").format(
        done=format_length(record.completed_seconds),
        planned=format_length(record.planned_seconds),
    )
    pain = tr("{before} → {after}").format(
        before=pain_text(record.pain_before), after=pain_text(record.pain_after)
    )
    if record.pain_before is None and record.pain_after is None:
        pain = tr("not rated")
    status = status_text(record.status)
    return [when_text(record.started_at), record.routine_title, done, pain, status, record.note]


def pain_model(points: Iterable[PainPoint], titles: Mapping[str, str]) -> QStandardItemModel:
    """The chart's numbers: one row per rated session, oldest first like the chart."""
    headers = [tr("Date"), tr("Routine"), tr("Before"), tr("After"), tr("Change")]
    return _model(headers, (_pain_row(p, titles) for p in points))


def _pain_row(point: PainPoint, titles: Mapping[str, str]) -> Row:
    change = None
    if point.pain_before is not None and point.pain_after is not None:
        change = point.pain_after - point.pain_before
    return [
        when_text(point.started_at),
        titles.get(point.routine_id, point.routine_id),
        pain_text(point.pain_before),
        pain_text(point.pain_after),
        change_text(change),
    ]


def change_model(changes: Iterable[RoutineChange]) -> QStandardItemModel:
    headers = [tr("Routine"), tr("Sessions rated before and after"), tr("Average change")]
    rows: list[Row] = [
        (c.routine_title, c.rated_sessions, change_text(c.mean_change)) for c in changes
    ]
    return _model(headers, rows)


def weeks_model(weeks: Iterable[WeekCount]) -> QStandardItemModel:
    """Newest week first: the one people look for."""
    headers = [tr("Week starting"), tr("Sessions"),
               QCoreApplication.translate("history", "Completed", "count column")]
    ordered = sorted(weeks, key=lambda w: w.week_start, reverse=True)
    rows: list[Row] = [(day_text(w.week_start), w.sessions, w.completed) for w in ordered]
    return _model(headers, rows)


def headaches_model(entries: Iterable[HeadacheEntry]) -> QStandardItemModel:
    headers = [tr("Started"), tr("Intensity"), tr("Where"), tr("Kind")]
    headers += [tr("New or different"), tr("Medicine"), tr("Notes")]
    return _model(headers, (_headache_row(e) for e in entries))


def _headache_row(entry: HeadacheEntry) -> Row:
    medicine = entry.medication or ""
    if entry.medication_class is not None:
        kind = tr(str(MEDICATION_WORDS[entry.medication_class]))
        medicine = f"{medicine} ({kind})" if medicine else kind
    quality = tr(str(QUALITY_WORDS[entry.quality])) if entry.quality else ""
    return [
        when_text(entry.started_at),
        entry.intensity,
        zone_names(entry.regions),
        quality,
        tr("Yes") if entry.new_or_different else tr("No"),
        medicine,
        entry.notes,
    ]


def table_view(name: str) -> QTableView:
    """A read-only, row-selecting table with calm row heights and a name for screen readers."""
    view = QTableView()
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setMinimumSectionSize(int(view.fontMetrics().height() * 1.8))
    return view


def fit_to_contents(view: QTableView) -> None:
    """A summary table as big as its cells, not a few numbers floating in an empty frame."""
    view.horizontalHeader().setStretchLastSection(False)
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)


def two_lines(text: str, metrics: QFontMetrics) -> str:
    """``text`` broken at the space that makes its longer line shortest: a summary table's
    heading then takes half the width (a longer language made the table scroll sideways)."""
    words = text.split(" ")
    if len(words) < 2 or "\n" in text:
        return text
    splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(metrics.horizontalAdvance(pair[0]),
                                                     metrics.horizontalAdvance(pair[1])))
    return f"{first}\n{second}"


def show_model(view: QTableView, model: QAbstractItemModel, widest: int = 320) -> None:
    """Put a new model in (the view owns it) and size the columns: a summary table's none
    wider than ``widest``, a full one's sharing its width (nothing to scroll sideways)."""
    old = view.model()
    view.setModel(model)
    model.setParent(view)
    if old is not None:
        old.deleteLater()
    if view.sizeAdjustPolicy() == QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents:
        header = view.horizontalHeader()
        for column in range(model.columnCount()):  # a long heading over short numbers
            if header.sectionSizeHint(column) > view.sizeHintForColumn(column) + 24:
                text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                model.setHeaderData(column, Qt.Orientation.Horizontal,
                                    two_lines(text, header.fontMetrics()))
        view.resizeColumnsToContents()  # a summary table: as big as its cells
        for column in range(model.columnCount() - 1):
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)
        view.resizeRowsToContents()
        return
    share_columns(view)  # the columns share the table's width; long text wraps
