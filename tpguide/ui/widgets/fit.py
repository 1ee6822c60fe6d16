"""Text and windows that fit the screen they are on: nothing cut with "…", nothing off screen.

The app is used on small laptop screens (1024x600 and up): a list wraps its long names onto
a second line instead of cutting them, and a window asks for the size it would like but
never more than the screen can show.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHeaderView,
    QLayout,
    QLayoutItem,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QStylePainter,
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
    ``flowRight`` is pushed to the right end of its line. With ``justify`` the widgets of
    each line share its spare width, so a column of filter boxes keeps straight edges.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8,
                 justify: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._justify = justify

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
            spare = area.width() - sum(i.sizeHint().width() + self._gap for i in line) + self._gap
            for n, item in enumerate(line):
                width = item.sizeHint().width()
                if self._justify:  # the spare width shared out; a lone too-wide item shrinks
                    width += spare // len(line) + (spare % len(line) if n == len(line) - 1 else 0)
                if item is (right[0] if right else None):
                    rest = sum(i.sizeHint().width() + self._gap for i in right)
                    x = max(x, area.right() + 1 - rest + self._gap)
                if move:
                    item.setGeometry(QRect(x, y, width, height))
                x += width + self._gap
            y += height + self._gap
        return y - self._gap - area.top() + margins.top() + margins.bottom()


def title_row(parent: QWidget, title: QWidget, buttons: list[QWidget]) -> QWidget:
    """A page's title with its buttons at the right end of the line; where the page is too
    narrow for both (a small screen, a language with longer words) the buttons go onto a
    second line instead of widening the window."""
    row = QWidget(parent)
    flow = FlowLayout(row, spacing=8)
    flow.setContentsMargins(0, 0, 0, 0)
    flow.addWidget(title)
    for button in buttons:
        button.setProperty("flowRight", True)
        flow.addWidget(button)
    return row


class SideBySide(QWidget):
    """Two parts side by side where both fit at their narrowest, else one above the other.

    Asks only for the wider part's width, so a scroll area around it never scrolls sideways
    when a longer language makes the two too wide for one row.
    """

    def __init__(self, first: QWidget, second: QWidget, stretch: tuple[int, int] = (1, 1),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts = (first, second)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.addWidget(first, stretch[0])
        self._box.addWidget(second, stretch[1])

    def _margins(self) -> int:
        margins = self._box.contentsMargins()
        return margins.left() + margins.right()

    def minimumSizeHint(self) -> QSize:
        widest = max(part.minimumSizeHint().width() for part in self._parts)
        return QSize(widest + self._margins(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        both = sum(part.minimumSizeHint().width() for part in self._parts)
        wanted = both + self._box.spacing() + self._margins()
        direction = (QBoxLayout.Direction.LeftToRight if event.size().width() >= wanted
                     else QBoxLayout.Direction.TopToBottom)
        if self._box.direction() != direction:
            self._box.setDirection(direction)
        super().resizeEvent(event)


_WRAPPED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(
    Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic)


class WrappingCheckBox(QCheckBox):
    """A check box whose words wrap onto more lines, as a word-wrapped label's do.

    A plain QCheckBox asks for its whole sentence on one line, so a long one (or a language
    with longer words than English) widened the page or was cut; this one is as narrow as
    its longest word and as tall as its wrapped words. The whole box, words included, takes
    the click.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # narrower than its words' one line: taller
        self.setSizePolicy(policy)

    def _tick(self) -> int:
        """The width of the tick box and the gap before the words."""
        style = self.style()
        return (style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self)
                + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self))

    def _words(self, width: int) -> QRect:
        room = QRect(0, 0, max(width - self._tick(), 1), 1 << 20)
        return self.fontMetrics().boundingRect(room, _WRAPPED, self.text())

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self.text().split()),
                      default=0)
        return QSize(self._tick() + longest + 2, super().minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(super().sizeHint().height(), self._words(width).height() + 4)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        tick = QStyleOptionButton(option)
        tick.rect = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                                self)
        tick.rect.moveTop((self.height() - tick.rect.height()) // 2)
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, tick)
        words = self.rect().adjusted(self._tick(), 0, 0, 0)
        painter.drawItemText(words, _WRAPPED, option.palette, self.isEnabled(), self.text(),
                             QPalette.ColorRole.WindowText)
        if self.hasFocus():
            text = self._words(self.width())
            text.moveTopLeft(QPoint(words.left(), words.top() + (words.height() - text.height())
                                    // 2))
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = text.adjusted(-2, -1, 2, 1)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)
