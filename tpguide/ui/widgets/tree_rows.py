"""Trees of rows under group headings, as the library and the atlas browser list them."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def tree_leaves(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The rows under the group headings, in order."""
    rows: list[QTreeWidgetItem] = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top is not None:
            rows += [c for j in range(top.childCount()) if (c := top.child(j)) is not None]
    return rows
