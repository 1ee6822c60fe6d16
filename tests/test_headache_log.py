"""The headache form, and what the diary does with an entry: save it, warn when it should."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from pytestqt.qtbot import QtBot

from tests.a11y import assert_accessible
from tests.diary_helpers import START, Clock
from tpguide.core import safety_text
from tpguide.core.diary.records import HeadacheEntry
from tpguide.core.diary.store import HistoryStore
from tpguide.ui.diary.headache_log import HeadacheLogDialog, HeadacheLogForm
from tpguide.ui.diary.page import HistoryView
from tpguide.ui.widgets.head_map import HeadMap

ROUTINES = [("tension-headache-basic", "Tension headache, neck and shoulders")]


@pytest.fixture
def clock() -> Clock:
    return Clock(START + timedelta(hours=6))


@pytest.fixture
def form(qtbot: QtBot, clock: Clock) -> HeadacheLogForm:
    widget = HeadacheLogForm(ROUTINES, clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)  # two columns: the head map beside the details
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def store(clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(now=clock) as opened:
        yield opened


@pytest.fixture
def history(qtbot: QtBot, store: HistoryStore, clock: Clock) -> HistoryView:
    view = HistoryView(store, lambda: ROUTINES, clock)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _click_zone(qtbot: QtBot, head: HeadMap, zone_id: str) -> None:
    """Click the diagram where ``zone_id`` is the most specific zone under the pointer."""
    body = head.body
    for y in range(0, body.height(), 4):
        for x in range(0, body.width(), 4):
            zones = body.zones_at(QPoint(x, y).toPointF())
            if zones and zones[0] == zone_id:
                qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
                return
    raise AssertionError(f"{zone_id} is not on the {body.view()} view")


def _submit(qtbot: QtBot, form: HeadacheLogForm) -> HeadacheEntry:
    with qtbot.waitSignal(form.submitted) as blocker:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    entry = blocker.args[0]
    assert isinstance(entry, HeadacheEntry)
    return entry


def test_a_full_entry(qtbot: QtBot, form: HeadacheLogForm) -> None:
    form.started.setDateTime(QDateTime(QDate(2024, 5, 6), QTime(7, 30)))
    qtbot.mouseClick(form.intensity.button(6), Qt.MouseButton.LeftButton)
    _click_zone(qtbot, form.head, "zone-temple")
    qtbot.mouseClick(form.head.boxes["zone-occiput"], Qt.MouseButton.LeftButton)
    assert form.head.body.shown_zones() == ["zone-temple", "zone-occiput"]
    [throbbing] = [b for b in form.quality.buttons() if b.property("choice") == "throbbing"]
    throbbing.click()
    [no] = [b for b in form.different.buttons() if b.property("choice") == "no"]
    no.click()
    form.took_medicine.click()
    assert form.medicine_box.isVisible()
    qtbot.keyClicks(form.medicine_name, "sumatriptan")
    form.medicine_class.setCurrentIndex(form.medicine_class.findData("triptan"))
    form.routine.setCurrentIndex(1)
    qtbot.keyClicks(form.notes, "after a long drive")
    entry = _submit(qtbot, form)
    assert entry.started_at == datetime(2024, 5, 6, 7, 30).astimezone()
    assert entry.intensity == 6
    assert entry.regions == ("zone-temple", "zone-occiput")
    assert (entry.quality, entry.new_or_different) == ("throbbing", False)
    assert (entry.medication, entry.medication_class) == ("sumatriptan", "triptan")
    assert entry.medication_day == date(2024, 5, 6)
    assert entry.routine_id == "tension-headache-basic"
    assert entry.notes == "after a long drive"


def test_a_second_click_on_a_zone_takes_it_away(qtbot: QtBot, form: HeadacheLogForm) -> None:
    form.head.set_view("head-front")
    _click_zone(qtbot, form.head, "zone-forehead")
    assert form.head.regions() == ("zone-forehead",)
    assert form.head.boxes["zone-forehead"].isChecked()
    _click_zone(qtbot, form.head, "zone-forehead")
    assert form.head.regions() == ()


def test_intensity_is_needed_and_the_rest_is_optional(qtbot: QtBot, form: HeadacheLogForm) -> None:
    assert not form.save_button.isEnabled()
    assert form.entry() is None
    qtbot.keyClick(form.intensity.button(0), "3")
    entry = _submit(qtbot, form)
    assert entry.intensity == 3
    assert (entry.regions, entry.quality, entry.new_or_different) == ((), None, False)
    assert (entry.medication, entry.medication_class, entry.medication_day) == (None, None, None)
    assert (entry.notes, entry.routine_id) == (None, None)


def test_medicine_left_unticked_is_not_saved(qtbot: QtBot, form: HeadacheLogForm) -> None:
    form.took_medicine.click()
    qtbot.keyClicks(form.medicine_name, "ibuprofen")
    form.took_medicine.click()
    qtbot.mouseClick(form.intensity.button(4), Qt.MouseButton.LeftButton)
    assert _submit(qtbot, form).medication is None


def test_the_start_cannot_be_in_the_future(form: HeadacheLogForm, clock: Clock) -> None:
    form.started.setDateTime(QDateTime.fromSecsSinceEpoch(int(clock.now.timestamp()) + 86400))
    assert form.started.dateTime().toSecsSinceEpoch() <= clock.now.timestamp() + 60


def test_every_control_has_a_name(form: HeadacheLogForm) -> None:
    form.took_medicine.click()
    assert_accessible(form)


def test_a_ten_shows_urgent_care_in_the_window(
    qtbot: QtBot, history: HistoryView, store: HistoryStore
) -> None:
    dialog = history.log_headache()
    assert isinstance(dialog, HeadacheLogDialog)
    qtbot.mouseClick(dialog.form.intensity.button(10), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(history.headacheSaved):
        qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    [saved] = store.headaches()
    assert saved.intensity == 10
    banner = history.alerts.banner("headache-worst")
    assert banner is not None and banner.isVisible()
    assert banner.alert.level == "urgent"
    assert "emergency care now" in banner.text.text()
    assert banner.details.isVisible()  # urgent: the red flags are open, not behind a click
    shown = " ".join(label.text() for label in banner.details.findChildren(type(banner.text)))
    assert safety_text.URGENT_CARE.title in shown
    assert safety_text.RED_FLAGS.items[0] in shown
    assert history.headaches_table.model().rowCount() == 1


def test_new_or_different_asks_for_a_doctor(
    qtbot: QtBot, history: HistoryView, clock: Clock
) -> None:
    entry = HeadacheEntry(started_at=clock.now, intensity=5, new_or_different=True)
    history.add_headache(entry)
    banner = history.alerts.banner("headache-different")
    assert banner is not None and banner.alert.level == "caution"
    assert not banner.details.isVisible()
    qtbot.mouseClick(banner.toggle, Qt.MouseButton.LeftButton)
    assert banner.details.isVisible()
    with qtbot.waitSignal(history.alerts.changed):
        qtbot.mouseClick(banner.hide_button, Qt.MouseButton.LeftButton)
    assert history.alerts.banner("headache-different") is None
    assert not history.alerts.isVisible()


def test_medicine_days_near_the_limit_get_a_gentle_note(
    history: HistoryView, store: HistoryStore, clock: Clock
) -> None:
    for day in range(11):
        store.add_headache(
            HeadacheEntry(
                started_at=clock.now - timedelta(days=2 * day + 1),
                intensity=4,
                medication="paracetamol",
                medication_class="simple",
            )
        )
    history.refresh()
    assert history.alerts.alerts() == []
    history.add_headache(
        HeadacheEntry(started_at=clock.now, intensity=4, medication_class="simple")
    )
    [alert] = history.alerts.alerts()
    assert (alert.key, alert.level) == ("medication-simple-near", "info")
    assert "12 of the last 30 days" in alert.text
    banner = history.alerts.banner(alert.key)
    assert banner is not None and not banner.toggle.isVisible()
