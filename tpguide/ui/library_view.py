"""The library sidebar: built-in, own and opened routines, grouped, searchable and filtered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas import REGIONS, Atlas, default_atlas
from tpguide.core.durations import format_clock
from tpguide.core.library import builtin_files, user_files
from tpguide.core.loader import LoadResult, load_routine_file
from tpguide.ui.library_filter import Filter, Group, Item, Length, all_tags

ROW_HEIGHT = 40
_PATH_ROLE = int(Qt.ItemDataRole.UserRole)
_GROUP_ROLE = _GROUP_ROLE


def load_item(path: Path, group: Group) -> Item:
    """Load a file for the sidebar; an unreadable file becomes an item with one diagnostic."""
    from tpguide.core.diagnostics import Diagnostic

    try:
        result = load_routine_file(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        result = LoadResult(None, [Diagnostic(1, 1, "error", f"cannot be read: {reason}")])
    return Item(path, group, result)


class LibraryView(QWidget):
    """Lists routines by group; a search box and three filters narrow the list.

    Signals:
        itemSelected(object): the person chose an ``Item`` (None: nothing is selected).
        itemActivated(object): Enter or double-click on an ``Item`` (start it).
        itemRefreshed(object): the current ``Item`` was loaded again after its file
            changed on disk (None when its file is gone).
    """

    itemSelected = Signal(object)
    itemActivated = Signal(object)
    itemRefreshed = Signal(object)

    def __init__(self, atlas: Atlas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas or default_atlas()
        self._items: dict[Group, list[Item]] = {g: [] for g in Group}
        self._filter = Filter()
        self._search = QLineEdit(self)
        self._search.setPlaceholderText(self.tr("Search routines"))
        self._search.setAccessibleName(self.tr("Search routines"))
        self._search.setClearButtonEnabled(True)
        self._region = self._combo(self.tr("Filter by body region"),
                                   [(self.tr("Any region"), None)] + self._region_choices())
        self._tag = self._combo(self.tr("Filter by tag"), [(self.tr("Any tag"), None)])
        self._length = self._combo(self.tr("Filter by length"), [
            (self.tr("Any length"), None),
            (self.tr("Under 5 minutes"), Length.SHORT),
            (self.tr("5 to 15 minutes"), Length.MEDIUM),
            (self.tr("Over 15 minutes"), Length.LONG),
        ])
        self._tree = QTreeWidget(self)
        self._tree.setHeaderHidden(True)
        self._tree.setRootIsDecorated(False)
        self._tree.setIndentation(12)
        self._tree.setUniformRowHeights(True)
        self._tree.setAccessibleName(self.tr("Routines"))
        self._tree.setIconSize(QSize(20, 20))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self._search, self._region, self._tag, self._length):
            widget.setMinimumHeight(ROW_HEIGHT)
            layout.addWidget(widget)
        layout.addWidget(self._tree, 1)
        self._search.textChanged.connect(self._on_filter)
        for combo in (self._region, self._tag, self._length):
            combo.currentIndexChanged.connect(self._on_filter)
        self._tree.currentItemChanged.connect(self._on_current)
        self._tree.itemActivated.connect(self._on_activated)

    # ------------------------------------------------------------------ building
    def _combo(self, name: str, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for text, data in choices:
            combo.addItem(text, data)
        return combo

    def _region_choices(self) -> list[tuple[str, object]]:
        names = {
            "head": self.tr("Head"), "jaw": self.tr("Jaw"), "neck": self.tr("Neck"),
            "shoulder": self.tr("Shoulders"), "upper-back": self.tr("Upper back"),
        }
        return [(names.get(r, r), r) for r in REGIONS]

    def _group_title(self, group: Group) -> str:
        return {
            Group.OPENED: self.tr("Opened this time"),
            Group.MINE: self.tr("My routines"),
            Group.BUILTIN: self.tr("Built-in routines"),
        }[group]

    # ------------------------------------------------------------------ public API
    def reload(self) -> None:
        """Read the built-in and the user's routines again (opened files are kept)."""
        self._items[Group.BUILTIN] = [load_item(p, Group.BUILTIN) for p in builtin_files()]
        self.reload_mine()

    def reload_mine(self) -> None:
        self._items[Group.MINE] = [load_item(p, Group.MINE) for p in user_files()]
        self._rebuild()

    def add_opened(self, path: Path) -> Item:
        """Load a file for this run (again, if it was already open) and select it."""
        item = load_item(path, Group.OPENED)
        opened = [i for i in self._items[Group.OPENED] if i.path != path]
        self._items[Group.OPENED] = [*opened, item]
        self._rebuild()
        self.select_path(path)
        return item

    def items(self, group: Group | None = None) -> list[Item]:
        groups = [group] if group is not None else list(Group)
        return [item for g in groups for item in self._items[g]]

    def visible_items(self) -> list[Item]:
        """The items the list shows now, in order (after search and filters)."""
        shown: list[Item] = []
        for i in range(self._tree.topLevelItemCount()):
            top = self._tree.topLevelItem(i)
            shown += [self._item_for(top.child(j)) for j in range(top.childCount())]
        return [item for item in shown if item is not None]

    def find(self, path: Path) -> Item | None:
        for item in self.items():
            if item.path == path:
                return item
        return None

    def current(self) -> Item | None:
        return self._item_for(self._tree.currentItem())

    def select_path(self, path: Path) -> bool:
        for row in self._rows():
            if row.data(0, _PATH_ROLE) == str(path):
                self._tree.setCurrentItem(row)
                return True
        return False

    def set_search(self, text: str) -> None:
        self._search.setText(text)

    def set_filter(self, region: str | None = None, tag: str | None = None,
                   length: Length | None = None) -> None:
        for combo, value in ((self._region, region), (self._tag, tag), (self._length, length)):
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, index))

    def focus_list(self) -> None:
        self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ internals
    def _rows(self) -> list[QTreeWidgetItem]:
        rows = []
        for i in range(self._tree.topLevelItemCount()):
            top = self._tree.topLevelItem(i)
            rows += [top.child(j) for j in range(top.childCount())]
        return rows

    def _item_for(self, row: QTreeWidgetItem | None) -> Item | None:
        if row is None or row.parent() is None:
            return None
        group = Group(row.data(0, _GROUP_ROLE))
        path = Path(row.data(0, _PATH_ROLE))
        return next((i for i in self._items[group] if i.path == path), None)

    def _row_text(self, item: Item) -> str:
        if not item.ok:
            return self.tr("⚠ {name} (has problems)").format(name=item.path.name)
        minutes = item.result.total_seconds
        length = format_clock(minutes) if minutes is not None else ""
        return f"{item.title}  ·  {length}"

    def _refresh_tags(self) -> None:
        chosen = self._tag.currentData()
        self._tag.blockSignals(True)
        self._tag.clear()
        self._tag.addItem(self.tr("Any tag"), None)
        for tag in all_tags(self.items()):
            self._tag.addItem(tag, tag)
        index = self._tag.findData(chosen) if chosen is not None else 0
        self._tag.setCurrentIndex(max(0, index))
        self._tag.blockSignals(False)

    def _rebuild(self) -> None:
        current = self.current()
        self._refresh_tags()
        self._tree.blockSignals(True)
        self._tree.clear()
        for group in Group:
            items = [i for i in self._items[group] if self._filter.matches(i, self._atlas)]
            if not items:
                continue
            top = QTreeWidgetItem(self._tree, [self._group_title(group)])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setSizeHint(0, QSize(0, ROW_HEIGHT))
            for item in items:
                row = QTreeWidgetItem(top, [self._row_text(item)])
                row.setData(0, _PATH_ROLE, str(item.path))
                row.setData(0, _GROUP_ROLE, group.value)
                row.setSizeHint(0, QSize(0, ROW_HEIGHT))
            top.setExpanded(True)
        if current is not None:
            self.select_path(current.path)
        self._tree.blockSignals(False)
        if current is not None:
            again = next((i for i in self._items[current.group] if i.path == current.path), None)
            if again is not current:
                self.itemRefreshed.emit(again)

    def _on_filter(self) -> None:
        self._filter = Filter(
            text=self._search.text(),
            region=self._region.currentData(),
            tag=self._tag.currentData(),
            length=self._length.currentData(),
        )
        self._rebuild()

    def _on_current(self, row: QTreeWidgetItem | None, _previous: object) -> None:
        if row is not None and row.parent() is None:
            return  # a group heading: keep the page as it was
        self.itemSelected.emit(self._item_for(row))

    def _on_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        item = self._item_for(row)
        if item is not None:
            self.itemActivated.emit(item)
