"""The library sidebar: built-in, own and opened routines, grouped, searchable and filtered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import REGIONS, Atlas, default_atlas
from tpguide.core.library.catalog import (
    Filter,
    Group,
    Item,
    Length,
    all_tags,
    hidden_builtin_ids,
)
from tpguide.core.library.sources import builtin_files, user_files
from tpguide.ui.widgets.fit import FlowLayout, wrap_rows
from tpguide.ui.widgets.names import region_name, tag_name
from tpguide.ui.widgets.tree_rows import tree_leaves

if TYPE_CHECKING:
    from tpguide.core.routines.loader import LoadResult

ROW_HEIGHT = 40
_ADJUST = QComboBox.SizeAdjustPolicy.AdjustToContents
_PATH_ROLE = int(Qt.ItemDataRole.UserRole)
_GROUP_ROLE = _PATH_ROLE + 1
_TO_LIST = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def load_item(path: Path, group: Group) -> Item:
    """Load a file for the sidebar; an unreadable file becomes an item with one diagnostic."""
    from tpguide.core.routines.diagnostics import Diagnostic
    from tpguide.core.routines.loader import LoadResult, load_routine_file  # after the first paint

    result: LoadResult
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
        self._given_atlas = atlas
        self._items: dict[Group, list[Item]] = {g: [] for g in Group}
        self._filter = Filter()
        self._current: Item | None = None
        self._search = QLineEdit(self)
        self._search.setPlaceholderText(self.tr("Search routines"))
        self._search.setAccessibleName(self.tr("Search routines"))
        self._search.setClearButtonEnabled(True)
        self._search.setToolTip(self.tr("Type to search; Down or Enter goes to the list"))
        self._search.installEventFilter(self)
        self._region = self._combo(self.tr("Filter by body region"),
                                   [(self.tr("Region"), None)] + self._region_choices())
        self._tag = self._combo(self.tr("Filter by tag"), [(self.tr("Tag"), None)])
        self._length = self._combo(self.tr("Filter by length"), [
            (self.tr("Any length"), None),
            (self.tr("Up to 5 minutes"), Length.SHORT),
            (self.tr("5 to 15 minutes"), Length.MEDIUM),
            (self.tr("Over 15 minutes"), Length.LONG),
        ])
        self._tree = QTreeWidget(self)
        self._tree.setHeaderHidden(True)
        self._tree.setRootIsDecorated(False)
        self._tree.setIndentation(12)
        wrap_rows(self._tree, extra=16)  # long titles and tags wrap, never cut with "…"
        self._tree.setAccessibleName(self.tr("Routines"))
        self._tree.setIconSize(QSize(20, 20))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        filters = FlowLayout(spacing=6, justify=True)  # side by side only where all fit
        for widget in (self._search, self._region, self._tag, self._length):
            widget.setMinimumHeight(ROW_HEIGHT)
        layout.addWidget(self._search)
        for combo in (self._region, self._tag, self._length):
            combo.setSizeAdjustPolicy(_ADJUST)
        for combo in (self._region, self._tag, self._length):
            filters.addWidget(combo)  # each as wide as its longest choice, or a row of its own
        layout.addLayout(filters)
        layout.addWidget(self._tree, 1)
        self._search.textChanged.connect(self._on_filter)
        for combo in (self._region, self._tag, self._length):
            combo.currentIndexChanged.connect(self._on_filter)
        self._tree.currentItemChanged.connect(self._on_current)
        self._tree.itemActivated.connect(self._on_activated)
        self._tree.itemClicked.connect(self._on_clicked)

    @property
    def _atlas(self) -> Atlas:
        """The atlas, read only when a search or region filter needs it."""
        if self._given_atlas is None:
            self._given_atlas = default_atlas()
        return self._given_atlas

    # ------------------------------------------------------------------ building
    def _combo(self, name: str, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for text, data in choices:
            combo.addItem(text, data)
        return combo

    def _region_choices(self) -> list[tuple[str, object]]:
        return [(region_name(r), r) for r in REGIONS]

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

    def update_mine(self, changed: list[Path]) -> None:
        """Load again only the user's files that changed (added, edited or removed)."""
        wanted = set(user_files())
        kept = {i.path: i for i in self._items[Group.MINE] if i.path not in changed}
        fresh = {p: load_item(p, Group.MINE) for p in changed if p in wanted}
        merged = {**kept, **fresh}
        self._items[Group.MINE] = [merged[p] for p in sorted(merged) if p in wanted]
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
        shown = [self._item_for(row) for row in tree_leaves(self._tree)]
        return [item for item in shown if item is not None]

    def item_at(self, path: Path) -> Item | None:
        for item in self.items():
            if item.path == path:
                return item
        return None

    def current(self) -> Item | None:
        """The item last chosen (kept while a search hides it)."""
        return self._current

    def select_path(self, path: Path) -> bool:
        for row in tree_leaves(self._tree):
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

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def focus_list(self) -> None:
        self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Down or Enter moves to the first routine that matches."""
        if (watched is self._search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _TO_LIST):
            rows = tree_leaves(self._tree)
            if rows and self._tree.currentItem() not in rows:
                self._tree.setCurrentItem(rows[0])
            self._tree.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ internals
    def _item_for(self, row: QTreeWidgetItem | None) -> Item | None:
        if row is None or row.parent() is None:
            return None
        group = Group(row.data(0, _GROUP_ROLE))
        path = Path(row.data(0, _PATH_ROLE))
        return next((i for i in self._items[group] if i.path == path), None)

    def _row_text(self, item: Item, hidden: set[str]) -> str:
        """Two lines: the title, then the length and tags (or the file's trouble); a routine
        of yours with a built-in one's id says so on both rows."""
        from tpguide.core.routines.durations import format_length

        routine = item.result.routine
        if routine is None:
            return self.tr("⚠ {name}\nhas problems: see the list").format(name=item.path.name)
        seconds = item.result.total_seconds
        details = [format_length(seconds) if seconds is not None else "",
                   *(tag_name(tag) for tag in item.tags[:3])]
        if routine.id in hidden and item.group is Group.MINE:
            details.insert(1, self.tr("used instead of the built-in one"))
        elif routine.id in hidden and item.group is Group.BUILTIN:
            details.insert(1, self.tr("hidden by yours with the same id"))
        return f"{item.title}\n" + "  ·  ".join(d for d in details if d)

    def _refresh_tags(self) -> None:
        chosen = self._tag.currentData()
        self._tag.blockSignals(True)
        self._tag.clear()
        self._tag.addItem(self.tr("Tag"), None)
        for tag in all_tags(self.items()):
            self._tag.addItem(tag_name(tag), tag)
        index = self._tag.findData(chosen) if chosen is not None else 0
        self._tag.setCurrentIndex(max(0, index))
        self._tag.blockSignals(False)

    def _rebuild(self) -> None:
        current = self.current()
        self._refresh_tags()
        self._tree.blockSignals(True)
        self._tree.clear()
        hidden = hidden_builtin_ids(self.items())
        for group in Group:
            items = [i for i in self._items[group]
                     if not self._filter.active or self._filter.matches(i, self._atlas)]
            if not items:
                continue
            top = QTreeWidgetItem(self._tree, [self._group_title(group)])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setSizeHint(0, QSize(0, ROW_HEIGHT))
            for item in items:
                row = QTreeWidgetItem(top, [self._row_text(item, hidden)])
                row.setData(0, _PATH_ROLE, str(item.path))
                row.setData(0, _GROUP_ROLE, group.value)  # height: the wrapped text's own
            top.setExpanded(True)
        if current is not None:
            self.select_path(current.path)
        self._tree.blockSignals(False)
        if current is not None:
            again = next((i for i in self._items[current.group] if i.path == current.path), None)
            if again is not current:
                self._current = again
                self.itemRefreshed.emit(again)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._rebuild()  # row heights follow the text size

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
        self._current = self._item_for(row)
        self.itemSelected.emit(self._current)

    def _on_clicked(self, row: QTreeWidgetItem, _column: int) -> None:
        """A click on the row already chosen shows it again (from another page)."""
        item = self._item_for(row)
        if item is not None and item is self._current:
            self.itemSelected.emit(item)

    def _on_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        item = self._item_for(row)
        if item is not None:
            self.itemActivated.emit(item)
