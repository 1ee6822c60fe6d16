"""Read-only views of the draft: the timed plan, and the YAML text with its problems by line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPixmap, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.i18n import ngettext
from tpguide.core.routines.durations import format_length, format_seconds
from tpguide.core.routines.editing import Issue
from tpguide.core.session.planner import Plan
from tpguide.ui.editor.form import tr
from tpguide.ui.widgets.theme import PHASE_COLOURS, phase_word


def phase_side(side: str) -> str:
    return {"left": tr("left"), "right": tr("right"), "together": tr("both together")}.get(
        side, side)


def plan_summary(plan: Plan) -> str:
    return tr("Total {time} · {points} points · {phases} phases").format(
        time=format_length(plan.total_seconds), points=plan.point_count,
        phases=len(plan.phases))


class PlanView(QWidget):
    """The session as the planner lays it out: one row per phase, with start and length."""

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        headers = [QCoreApplication.translate("Editor", "Start", "time column"), tr("Phase"),
                   tr("Length"), tr("Point"), tr("Side"), tr("Cycle")]
        self.table = QTableWidget(0, len(headers))
        self.table.setAccessibleName(tr("Plan preview, one row per phase"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._swatches = {kind: _swatch(colour) for kind, colour in PHASE_COLOURS.items()}

    def show_plan(self, plan: Plan) -> None:
        self.summary.setText(plan_summary(plan))
        self.table.setRowCount(len(plan.phases))
        for row, phase in enumerate(plan.phases):
            point = self._atlas.get(phase.point) if phase.point else None
            cells = (
                format_length(phase.start),
                phase_word(phase.kind),
                tr("{n} s").format(n=format_seconds(phase.duration)) if phase.duration else "",
                point.name if point is not None else (phase.point or ""),
                phase_side(phase.side) if phase.side else "",
                f"{phase.cycle}/{phase.cycles}" if phase.cycle is not None else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setIcon(self._swatches[phase.kind])
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)


def _swatch(colour: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return pixmap


class YamlView(QWidget):
    """The YAML the editor will save (read-only), its problems listed by line beneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(tr("YAML text that will be saved"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problems = QListWidget()
        self.problems.setAccessibleName(tr("Problems by line"))
        self.problems.itemActivated.connect(self._go_to)
        self.problems.itemClicked.connect(self._go_to)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.text)
        split.addWidget(self.problems)
        split.setSizes([500, 140])
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    def show_text(self, text: str, issues: tuple[Issue, ...]) -> None:
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)
        self.problems.clear()
        for issue in issues:
            words = tr("line {line}, column {column}: error: {message}") if issue.is_error \
                else tr("line {line}, column {column}: warning: {message}")
            item = QListWidgetItem(words.format(line=issue.line, column=issue.column,
                                                message=issue.message))
            item.setData(Qt.ItemDataRole.UserRole, issue.line)
            self.problems.addItem(item)
        self.problems.setVisible(bool(issues))
        self.status.setText(tr("No problems: this is exactly what will be saved.") if not issues
                            else ngettext("{n} problem; click it to see its line.",
                                          "{n} problems; click one to see its line.",
                                          len(issues)).format(n=len(issues)))
        self._mark_lines(issues)

    def _mark_lines(self, issues: tuple[Issue, ...]) -> None:
        marks = []
        for issue in issues:
            block = self.text.document().findBlockByNumber(issue.line - 1)
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#f8d7da" if issue.is_error else "#fff3cd"))
            selection.format.setForeground(QColor("#1a1a1a"))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            marks.append(selection)
        self.text.setExtraSelections(marks)

    def _go_to(self, item: QListWidgetItem) -> None:
        line = int(item.data(Qt.ItemDataRole.UserRole))
        cursor = QTextCursor(self.text.document().findBlockByNumber(line - 1))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self.text.setFocus()
