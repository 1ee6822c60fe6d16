"""The library sidebar: groups, search, filters by region, tag and length, keyboard, reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tpguide import paths
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.library.catalog import Filter, Group, Length
from tpguide.ui.library.sidebar import LibraryView, load_item
from tpguide.ui.shell.folder_watch import FolderWatch

ROUTINE = """\
tpguide: 1
id: {id}
title: {title}
tags: [{tags}]
defaults: {{press: {press}, release: 5s, cycles: {cycles}}}
steps:
  - point: {point}
"""


def write_mine(name: str, title: str, point: str = "temporalis.1", tags: str = "mine",
               press: str = "10s", cycles: int = 1) -> Path:
    folder = paths.ensure(paths.user_routines_dir())
    path = folder / f"{name}.yaml"
    path.write_text(ROUTINE.format(id=name, title=title, point=point, tags=tags, press=press,
                                    cycles=cycles),
                    encoding="utf-8")
    return path


@pytest.fixture
def library(qtbot: QtBot) -> LibraryView:
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(320, 700)
    view.show()
    return view


def titles(view: LibraryView, group: Group | None = None) -> list[str]:
    return [i.title for i in view.visible_items() if group is None or i.group is group]


def test_groups_come_in_order_opened_mine_builtin(library: LibraryView, tmp_path: Path) -> None:
    write_mine("jaw-care", "Jaw care", "masseter.1")
    opened = tmp_path / "opened.yaml"
    opened.write_text(ROUTINE.format(id="opened", title="Opened", point="temporalis.1",
                                     tags="x", press="10s", cycles=1), encoding="utf-8")
    library.reload()
    library.add_opened(opened)
    groups = [i.group for i in library.visible_items()]
    assert groups[0] is Group.OPENED and groups[1] is Group.MINE
    assert set(groups[2:]) == {Group.BUILTIN}
    assert groups.count(Group.BUILTIN) == len(library.items(Group.BUILTIN)) > 0


def test_search_matches_title_tags_and_point_names(library: LibraryView) -> None:
    write_mine("jaw-care", "Jaw care", "masseter.1", tags="clench")
    write_mine("temple-care", "Temple care", "temporalis.1")
    library.reload()
    library.set_search("jaw care")
    assert titles(library, Group.MINE) == ["Jaw care"]
    library.set_search("clench")
    assert titles(library, Group.MINE) == ["Jaw care"]
    library.set_search("masseter")  # a point's atlas name
    assert "Jaw care" in titles(library)
    library.set_search("nothing like this")
    assert titles(library) == []
    library.set_search("")
    assert len(titles(library)) == len(library.items())


def test_region_comes_from_the_atlas_regions_of_the_points(library: LibraryView) -> None:
    write_mine("jaw-care", "Jaw care", "masseter.1")
    write_mine("shoulder-care", "Shoulder care", "upper-trapezius.1")
    library.reload()
    library.set_filter(region="jaw")
    mine = titles(library, Group.MINE)
    assert mine == ["Jaw care"]
    atlas = default_atlas()
    for item in library.visible_items():
        assert "jaw" in item.regions(atlas)


def test_tag_filter_lists_every_tag_and_filters(library: LibraryView) -> None:
    write_mine("a", "Alpha", tags="zebra")
    write_mine("b", "Beta", tags="other")
    library.reload()
    tags = [library._tag.itemData(i) for i in range(library._tag.count())]
    assert "zebra" in tags and "other" in tags and "headache" in tags
    library.set_filter(tag="zebra")
    assert titles(library) == ["Alpha"]


def test_length_buckets(library: LibraryView) -> None:
    write_mine("short", "Short", press="10s")  # well under a minute
    write_mine("long", "Long", press="60s", cycles=10)  # both sides: over 20 minutes
    library.reload()
    library.set_filter(length=Length.SHORT)
    assert "Short" in titles(library) and "Long" not in titles(library)
    library.set_filter(length=Length.LONG)
    assert "Long" in titles(library) and "Short" not in titles(library)
    for item in library.visible_items():
        assert item.minutes is not None and item.minutes >= 15


def test_broken_files_are_listed_but_drop_out_of_filtered_views(library: LibraryView) -> None:
    broken = paths.ensure(paths.user_routines_dir()) / "broken.yaml"
    broken.write_text("tpguide: 1\nid: x\n", encoding="utf-8")
    library.reload()
    item = library.item_at(broken)
    assert item is not None and not item.ok
    assert item in library.visible_items()
    library.set_filter(region="neck")
    assert item not in library.visible_items()
    library.set_filter()
    library.set_search("broken")
    assert library.visible_items() == [item]


def test_filter_matches_without_widgets() -> None:
    atlas = default_atlas()
    item = load_item(write_mine("neck", "Neck ease", "levator-scapulae.1", tags="desk"),
                     Group.MINE)
    assert not Filter().active and Filter().matches(item, atlas)
    assert Filter(text=" x ").active and Filter(length=Length.SHORT).active
    assert Filter(text="EASE neck", region="neck", tag="desk",
                  length=Length.SHORT).matches(item, atlas)
    assert not Filter(region="jaw").matches(item, atlas)
    assert not Filter(tag="headache").matches(item, atlas)
    assert not Filter(length=Length.LONG).matches(item, atlas)


def test_keyboard_walks_the_list_and_enter_activates(qtbot: QtBot, library: LibraryView) -> None:
    library.reload()
    chosen: list[object] = []
    started: list[object] = []
    library.itemSelected.connect(chosen.append)
    library.itemActivated.connect(started.append)
    library.focus_list()
    tree = library._tree
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    first = library.current()
    assert first is not None and chosen[-1] is first
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert library.current() is not first
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert started == [library.current()]


def test_rows_are_big_targets(library: LibraryView) -> None:
    library.reload()
    tree = library._tree
    row = tree.topLevelItem(0).child(0)  # type: ignore[union-attr]
    assert tree.visualItemRect(row).height() >= 44


def test_the_chosen_item_is_kept_while_a_search_hides_it(library: LibraryView) -> None:
    library.reload()
    target = library.items(Group.BUILTIN)[0]
    library.select_path(target.path)
    library.set_search("no routine is called this")
    assert library.current() is target
    library.set_search("")
    row = library._tree.currentItem()
    assert row is not None and row.text(0).startswith(target.title)


def test_update_mine_reloads_only_what_changed(qtbot: QtBot, library: LibraryView) -> None:
    keep = write_mine("keep", "Keep")
    change = write_mine("change", "Before")
    library.reload()
    kept = library.item_at(keep)
    library.select_path(change)
    write_mine("change", "After")
    with qtbot.waitSignal(library.itemRefreshed) as signal:
        library.update_mine([change])
    assert signal.args[0].title == "After"
    assert library.item_at(keep) is kept
    change.unlink()
    with qtbot.waitSignal(library.itemRefreshed) as signal:
        library.update_mine([change])
    assert signal.args[0] is None and library.item_at(change) is None


def test_folder_watch_reports_a_rename_replace(qtbot: QtBot) -> None:
    path = write_mine("watched", "Watched")
    watch = FolderWatch(paths.user_routines_dir(), settle_ms=50)
    tmp = path.with_name(".watched.tmp")
    tmp.write_text(path.read_text(encoding="utf-8").replace("Watched", "Again"),
                   encoding="utf-8")
    with qtbot.waitSignal(watch.changed, timeout=5000) as signal:
        tmp.replace(path)
    assert signal.args[0] == [path]
    with qtbot.waitSignal(watch.changed, timeout=5000) as signal:
        path.write_text("tpguide: 1\n", encoding="utf-8")
    assert signal.args[0] == [path]
    watch.stop()


def test_library_controls_are_named(library: LibraryView) -> None:
    library.reload()
    assert_accessible(library)


def test_the_watch_survives_the_folder_being_deleted_and_made_again(qtbot: QtBot) -> None:
    import shutil

    first = write_mine("first", "First")
    folder = first.parent
    watch = FolderWatch(folder, settle_ms=50)
    with qtbot.waitSignal(watch.changed, timeout=5000) as signal:
        shutil.rmtree(folder)
    assert signal.args[0] == [first]
    with qtbot.waitSignal(watch.changed, timeout=5000) as signal:
        folder.mkdir()
        second = write_mine("second", "Second")
    assert signal.args[0] == [second]
    with qtbot.waitSignal(watch.changed, timeout=5000) as signal:  # and it keeps watching
        second.write_text(second.read_text(encoding="utf-8").replace("Second", "Later"),
                          encoding="utf-8")
    assert signal.args[0] == [second]
    watch.stop()


def test_a_spanish_reader_finds_routines_by_the_tag_words_shown(qtbot: QtBot) -> None:
    from tpguide.core.i18n import pgettext, use_language

    use_language("es")
    view = LibraryView()
    qtbot.addWidget(view)
    view.reload()
    shown = pgettext("tag", "jaw")
    assert shown != "jaw"  # "mandíbula": the sidebar shows this word, so it must find it
    tagged = {i.title for i in view.items(Group.BUILTIN) if "jaw" in i.tags}
    view.set_search(shown)
    assert tagged and tagged <= set(titles(view, Group.BUILTIN))
    use_language("en")
