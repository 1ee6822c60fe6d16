"""Text and windows that fit the screen they are on: nothing cut with "…", nothing off screen.

The app is used on small laptop screens (1024x600 and up): a list wraps its long names onto
a second line instead of cutting them, and a window asks for the size it would like but
never more than the screen can show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QLayout,
    QLayoutItem,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
    QWidgetItem,
)

ROOM_FOR_PADDING = 12
"""Pixels of a row's width taken by its padding and text margins (wrap a little early
rather than lose the last word of a line)."""
SCREEN_SHARE = 0.95
"""At most this share of the screen's free area for a window that is not full screen."""


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for text wrapped at the width the row really has.

    A tree asks its delegate for row heights without a width to wrap at, so long names
    were cut to one line; this one measures at the view's width (less the indentation)
    and the view lays its rows out again whenever that width changes.
    """

    def __init__(self, view: QTreeView | QListView | QTableView, extra: int = 0) -> None:
        super().__init__(view)
        self._view = view
        self._extra = extra
        self._width = -1
        view.viewport().installEventFilter(self)

    def _indent(self, index: QModelIndex | QPersistentModelIndex) -> int:
        view = self._view
        if not isinstance(view, QTreeView):
            return 0
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return (depth + int(view.rootIsDecorated())) * view.indentation()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        wrapped = QStyleOptionViewItem(option)
        view = self._view
        room = view.columnWidth(index.column()) if isinstance(view, QTableView) else \
            view.viewport().width() - self._indent(index)
        width = room - ROOM_FOR_PADDING
        wrapped.rect = QRect(0, 0, max(width, 40), 1)
        size = super().sizeHint(wrapped, index)
        return QSize(size.width(), size.height() + self._extra)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            self._view.scheduleDelayedItemsLayout()  # heights follow the new width
        return False


def wrap_rows(view: QTreeView | QListView | QTableView, extra: int = 0) -> None:
    """Rows show their whole text, wrapped to the view's width (no "…", no sideways scroll);
    ``extra`` pixels of height make each row an easier target."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QTreeView):
        view.header().setStretchLastSection(True)
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    if isinstance(view, QTreeView | QListView):
        view.setItemDelegate(WrappingDelegate(view, extra))


def fit_to_screen(window: QWidget, wanted: QSize) -> QSize:
    """Resize ``window`` to ``wanted``, or less where its screen is smaller; the size given."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    size = QSize(wanted)
    if screen is not None:
        room = screen.availableGeometry().size()
        size = size.boundedTo(QSize(int(room.width() * SCREEN_SHARE),
                                    int(room.height() * SCREEN_SHARE)))
    window.resize(size)
    return size


def column_widths(wanted: list[int], room: int) -> list[int]:
    """Columns as wide as their text when all fit; otherwise narrow ones keep their width
    and the wide ones share what is left equally (their text wraps)."""
    if sum(wanted) <= room or not wanted:
        return list(wanted)
    widths = list(wanted)
    open_columns = set(range(len(wanted)))
    left = room
    while open_columns:
        share = left // len(open_columns)
        narrow = {c for c in open_columns if wanted[c] <= share}
        if not narrow:
            for c in open_columns:
                widths[c] = max(share, 1)
            break
        for c in narrow:
            widths[c] = wanted[c]
            left -= wanted[c]
        open_columns -= narrow
    return widths


class _Columns(QObject):
    """Re-shares a table's width among its columns whenever the table is resized."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            share_columns(self._view)
        return False


def share_columns(view: QTableView) -> None:
    """Fit every column into the table's width (text wraps; no sideways scrolling)."""
    if view.findChild(_Columns) is None:
        view.setItemDelegate(WrappingDelegate(view))  # row heights for the wrapped text
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        _Columns(view)
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    count = header.count()
    wanted = [max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)]
    room = view.viewport().width()
    widths = column_widths(wanted, room)
    if sum(widths) < room and widths:  # spare room goes to the last column
        widths[-1] += room - sum(widths)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    view.resizeRowsToContents()


class FlowLayout(QLayout):
    """Widgets left to right, starting a new line when the next one does not fit.

    For a row of large buttons that must all stay readable on a narrow screen: it takes
    two lines there rather than squeezing the words. A widget marked with the property
    ``flowRight`` is pushed to the right end of its line.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 - as QBoxLayout
        """Put ``widget`` at ``index`` in the flow (after the others when out of range)."""
        self.addChildWidget(widget)
        self._items.insert(max(0, min(index, len(self._items))), QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        hints = [i.sizeHint() for i in self._items if not i.isEmpty()]
        width = sum(h.width() for h in hints) + self._gap * max(len(hints) - 1, 0)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSize(self) -> QSize:
        """The widest item and one line: the height for a given width is ``heightForWidth``."""
        hints = [i.sizeHint() for i in self._items if not i.isEmpty()]
        margins = self.contentsMargins()
        return QSize(max((h.width() for h in hints), default=0) + margins.left() + margins.right(),
                     max((h.height() for h in hints), default=0) + margins.top() + margins.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (when ``move``); the height that takes."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in (i for i in self._items if not i.isEmpty()):
            width = item.sizeHint().width()
            if lines[-1] and used + self._gap + width > area.width():
                lines.append([])
                used = 0
            used += (self._gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.top()
        for line in lines:
            height = max((i.sizeHint().height() for i in line), default=0)
            x = area.left()
            right = [i for i in line if (w := i.widget()) is not None and w.property("flowRight")]
            for item in line:
                size = item.sizeHint()
                if item is (right[0] if right else None):
                    rest = sum(i.sizeHint().width() + self._gap for i in right)
                    x = max(x, area.right() + 1 - rest + self._gap)
                if move:
                    item.setGeometry(QRect(x, y, size.width(), height))
                x += size.width() + self._gap
            y += height + self._gap
        return y - self._gap - area.top() + margins.top() + margins.bottom()
