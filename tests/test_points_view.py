"""What the person sees of their points: the "Your points" page, the routine page's hold line,
and "Use my hold times" on the routine page and in the editor, always as a change to accept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.diary_helpers import START, Clock
from tpguide import paths, resources
from tpguide.core.diary.records import PressRecord
from tpguide.core.diary.store import HistoryStore
from tpguide.core.library.catalog import Group, Item
from tpguide.core.routines.editing import RoutineDraft
from tpguide.core.routines.loader import load_routine_file
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.diary.points_view import PointsView, mark_radius, tenderness_colour
from tpguide.ui.library.routine_page import RoutinePage

TRAPEZIUS = "upper-trapezius.1"
LEVATOR = "levator-scapulae.1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    clock = Clock(START)
    with HistoryStore(tmp_path / "h.sqlite3", now=clock, lock_path=tmp_path / "lock",
                      tz=UTC) as opened:
        for day, (held, tender) in enumerate(((30, 7), (33, 6), (35, 6), (38, 5), (40, 4))):
            clock.now = START + timedelta(days=7 * day)
            sid = opened.start_session("desk-neck-shoulders", "Desk", 600)
            opened.save_press(PressRecord(sid, 0, TRAPEZIUS, "left", 1, "eased", held, 60,
                                          tender))
            opened.save_press(PressRecord(sid, 0, TRAPEZIUS, "right", 1, "not-eased", 60, 60))
            opened.save_press(PressRecord(sid, 2, "scalenes.1", "left", 1, "timed", 30, 30, 2))
            opened.finish_session(sid, "completed", 600)
        yield opened


def desk_item() -> Item:
    path = next(p for p in resources.builtin_routine_files() if p.stem == "desk-neck-shoulders")
    return Item(path, Group.BUILTIN, load_routine_file(path))


# -- Your points -------------------------------------------------------------------------------
def test_your_points_marks_each_point_by_its_latest_tenderness(qtbot: QtBot,
                                                              store: HistoryStore) -> None:
    history = HistoryView(store)
    qtbot.addWidget(history)
    tabs = [history.tabs.tabText(i) for i in range(history.tabs.count())]
    assert "Your points" in tabs
    view = history.points_view
    assert isinstance(view, PointsView) and not view.empty.isVisible()
    shown = {name: v for name, v in view.views.items() if not v.isHidden()}
    body = next(v for v in shown.values() if TRAPEZIUS in v.point_ids())
    body.resize(400, 500)
    left = next(m for m in body.markers() if m.point_id == TRAPEZIUS and m.side == "left")
    assert body.level(left) == 4
    assert body._tooltip_for(left).endswith(": tenderness 4/10")
    right = next(m for m in body.markers() if m.point_id == TRAPEZIUS and m.side == "right")
    assert body.level(right) is None  # held, never rated
    rows = {(view.table.item(r, 0).text(), view.table.item(r, 1).text()): r  # type: ignore[union-attr]
            for r in range(view.table.rowCount())}
    row = rows[("Upper trapezius, top of the shoulder", "left")]
    assert view.table.item(row, 2).text().startswith("4/10 on ")  # type: ignore[union-attr]
    assert view.table.item(row, 4).text() == "eased in about 35 s (last 5 sessions)"  # type: ignore[union-attr]
    trend = view.table.cellWidget(row, 3)
    assert trend is not None
    assert trend.accessibleName() == "Tenderness by week, oldest first: 7, 6, 6, 5, 4"
    right_row = rows[("Upper trapezius, top of the shoulder", "right")]
    assert view.table.item(right_row, 4).text() == "did not ease (last 5 sessions)"  # type: ignore[union-attr]


def test_the_scale_grows_in_size_and_warmth() -> None:
    assert mark_radius(10, 0) == 10 and mark_radius(10, 10) == pytest.approx(24)
    assert [tenderness_colour(n).name() for n in (0, 3, 4, 6, 7, 10)] == [
        "#56b4e9", "#56b4e9", "#e69f00", "#e69f00", "#d55e00", "#d55e00"]


def test_no_points_yet_says_how_to_record_them(qtbot: QtBot, tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "empty.sqlite3", lock_path=tmp_path / "lock") as empty:
        view = PointsView(empty)
        qtbot.addWidget(view)
        view.refresh()
        view.show()
        assert view.empty.isVisible() and not view.legend.isVisible()
        assert view.table.rowCount() == 0


# -- the routine page ----------------------------------------------------------------------------
def _page(qtbot: QtBot, store: HistoryStore, answer: bool) -> tuple[RoutinePage, list[str]]:
    page = RoutinePage()
    qtbot.addWidget(page)
    asked: list[str] = []
    page.holds.presses = store.presses
    page.holds.ask = lambda text: (asked.append(text), answer)[1]
    page.show_item(desk_item())
    page.show()
    return page, asked


def test_the_routine_page_says_how_each_hold_eased(qtbot: QtBot, store: HistoryStore) -> None:
    page, _ = _page(qtbot, store, answer=False)
    assert page.holds_line.text().splitlines() == [
        "Upper trapezius, left: eased in about 35 s (last 5 sessions)",
        "Upper trapezius, right: did not ease (last 5 sessions)",
    ]
    assert page.holds_button.isVisible()


def test_use_my_hold_times_asks_first_and_writes_nothing_when_declined(
        qtbot: QtBot, store: HistoryStore) -> None:
    page, asked = _page(qtbot, store, answer=False)
    before = desk_item().path.read_bytes()
    assert page.holds.use_hold_times() is None
    assert asked and "Step 1, Upper trapezius, top of the shoulder: at most 60 s → 45 s " \
        "(from 5 eased holds)" in asked[0]
    assert not paths.user_routines_dir().exists() or not list(
        paths.user_routines_dir().glob("*.yaml"))
    assert desk_item().path.read_bytes() == before


def test_use_my_hold_times_saves_my_copy(qtbot: QtBot, store: HistoryStore) -> None:
    page, _ = _page(qtbot, store, answer=True)
    with qtbot.waitSignal(page.holds.saved) as saved:
        page.holds_button.click()
    target = saved.args[0]
    assert target.parent == paths.user_routines_dir()
    copy = load_routine_file(target).routine
    assert copy is not None and copy.id == "desk-neck-shoulders-copy"
    assert [s.settings.press for s in copy.point_steps[:2]] == [45.0, 60.0]
    original = desk_item().result.routine
    assert original is not None and original.point_steps[0].settings.press == 60.0


# -- the editor ----------------------------------------------------------------------------------
def test_the_editor_offers_my_hold_times_as_a_change(qtbot: QtBot, store: HistoryStore) -> None:
    from tests.test_editor import _window

    routine = desk_item().result.routine
    assert routine is not None
    window = _window(qtbot, RoutineDraft.from_routine(routine))
    holds = window.offer_hold_times(store.presses)
    assert window.holds_action.text() == "Use my &hold times…"
    asked: list[str] = []
    holds.ask = lambda text: (asked.append(text), False)[1]
    assert holds.offer() == [] and asked
    assert not window.isWindowModified()
    holds.ask = lambda text: True
    assert [c.suggested for c in holds.offer()] == [45.0]
    assert window.draft.to_routine().point_steps[0].settings.press == 45.0
    assert window.isWindowModified()
