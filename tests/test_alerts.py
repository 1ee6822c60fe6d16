"""Diary alerts fire on the right side of every threshold, and speak calmly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import pytest

from tpguide.core.diary.alerts import (
    Alert,
    headache_alert,
    medication_days,
    medication_overuse,
    pain_alert,
    worsened_sessions,
)
from tpguide.core.diary.records import HeadacheEntry, SessionRecord

NOW = datetime(2024, 6, 30, 18, 0, tzinfo=UTC)
TODAY = date(2024, 6, 30)
BLAME_WORDS = ("you should not", "too much", "fault", "blame", "abuse", "misuse", "must")


def session(days_ago: float, before: int | None, after: int | None, sid: int = 1) -> SessionRecord:
    started = NOW - timedelta(days=days_ago)
    return SessionRecord(
        id=sid,
        routine_id="neck",
        routine_title="Neck basics",
        started_at=started,
        ended_at=started + timedelta(minutes=10),
        planned_seconds=600,
        completed_seconds=600,
        status="completed",
        pain_before=before,
        pain_after=after,
    )


def assert_calm(alert: Alert) -> None:
    lowered = alert.text.lower()
    assert not any(word in lowered for word in BLAME_WORDS), alert.text
    assert "!" not in alert.text


# Pain after sessions


def test_two_rises_of_two_points_alert() -> None:
    alert = pain_alert([session(1, 3, 5), session(5, 4, 7)], NOW)
    assert alert is not None
    assert (alert.key, alert.level) == ("pain-rising", "caution")
    assert "Neck basics" in alert.text
    assert_calm(alert)


def test_rises_of_one_point_do_not_alert() -> None:
    assert pain_alert([session(1, 3, 4), session(2, 4, 5), session(3, 0, 1)], NOW) is None


def test_one_rise_alone_does_not_alert() -> None:
    assert pain_alert([session(1, 3, 6), session(2, 5, 5), session(3, 6, 2)], NOW) is None


def test_rises_need_not_be_consecutive() -> None:
    sessions = [session(1, 3, 5), session(2, 6, 2), session(3, 4, 6)]
    assert pain_alert(sessions, NOW) is not None


@pytest.mark.parametrize(("days_ago", "fires"), [(13.9, True), (14, True), (14.01, False)])
def test_pain_window_is_fourteen_days(days_ago: float, fires: bool) -> None:
    alert = pain_alert([session(0.5, 2, 4), session(days_ago, 2, 4)], NOW)
    assert (alert is not None) is fires


def test_unrated_sessions_never_count() -> None:
    sessions = [session(1, None, 9), session(2, 1, None), session(3, None, None)]
    assert worsened_sessions(sessions, NOW) == []
    assert pain_alert(sessions, NOW) is None


def test_sessions_after_now_are_ignored() -> None:
    assert pain_alert([session(1, 2, 5), session(-1, 2, 5)], NOW) is None


# One headache entry


def headache(intensity: int = 5, **changes: object) -> HeadacheEntry:
    return HeadacheEntry(NOW, intensity, **changes)  # type: ignore[arg-type]


def test_intensity_ten_is_urgent() -> None:
    alert = headache_alert(headache(10))
    assert alert is not None
    assert (alert.key, alert.level) == ("headache-worst", "urgent")
    assert "emergency" in alert.text
    assert_calm(alert)


def test_intensity_nine_alone_is_quiet() -> None:
    assert headache_alert(headache(9)) is None


def test_new_or_different_is_a_caution() -> None:
    alert = headache_alert(headache(3, new_or_different=True))
    assert alert is not None
    assert (alert.key, alert.level) == ("headache-different", "caution")
    assert_calm(alert)


def test_worst_and_different_is_still_urgent() -> None:
    alert = headache_alert(headache(10, new_or_different=True))
    assert alert is not None
    assert alert.level == "urgent"


# Medication days


def doses(kind: str | None, days: Iterable[int], name: str | None = "pill") -> list[HeadacheEntry]:
    """One entry per day, ``days`` counted back from TODAY (0 is today)."""
    return [
        headache(
            4,
            medication=name,
            medication_class=kind,
            medication_day=TODAY - timedelta(days=back),
        )
        for back in days
    ]


def keys(alerts: list[Alert]) -> list[str]:
    return [alert.key for alert in alerts]


@pytest.mark.parametrize("kind", ["triptan", "ergot", "opioid", "combination", "other"])
@pytest.mark.parametrize(
    ("count", "expected"), [(7, None), (8, "near"), (9, "near"), (10, "reached"), (12, "reached")]
)
def test_ten_day_classes(kind: str, count: int, expected: str | None) -> None:
    alerts = medication_overuse(doses(kind, range(count)), TODAY)
    assert keys(alerts) == ([f"medication-{kind}-{expected}"] if expected else [])


@pytest.mark.parametrize(
    ("count", "expected"),
    [(11, None), (12, "near"), (14, "near"), (15, "reached"), (20, "reached")],
)
def test_simple_analgesics(count: int, expected: str | None) -> None:
    alerts = medication_overuse(doses("simple", range(count)), TODAY)
    assert keys(alerts) == ([f"medication-simple-{expected}"] if expected else [])


def test_levels_and_texts() -> None:
    near = medication_overuse(doses("triptan", range(8)), TODAY)[0]
    reached = medication_overuse(doses("triptan", range(10)), TODAY)[0]
    assert (near.level, reached.level) == ("info", "caution")
    assert "8 of the last 30 days" in near.text
    assert "10 of the last 30 days" in reached.text
    assert "medication-overuse headache" in reached.text
    for alert in (near, reached):
        assert_calm(alert)


def test_window_is_thirty_days_including_today() -> None:
    inside = doses("triptan", [0, *range(21, 30)])  # 10 days, the oldest 29 days back
    assert keys(medication_overuse(inside, TODAY)) == ["medication-triptan-reached"]
    slipped = doses("triptan", [0, *range(22, 32)])  # 30 and 31 days back fall out
    assert keys(medication_overuse(slipped, TODAY)) == ["medication-triptan-near"]


def test_future_days_do_not_count() -> None:
    entries = doses("triptan", range(9)) + doses("triptan", [-1, -2])
    assert keys(medication_overuse(entries, TODAY)) == ["medication-triptan-near"]


def test_several_doses_on_one_day_count_once() -> None:
    entries = doses("triptan", [0, 0, 0, 1, 1, 2, 3, 4, 5, 6])
    assert medication_days(entries, TODAY)["triptan"] == {
        TODAY - timedelta(days=d) for d in range(7)
    }
    assert medication_overuse(entries, TODAY) == []


def test_day_falls_back_to_the_start_of_the_headache() -> None:
    start = datetime(2024, 6, 30, 12, 0, tzinfo=UTC)
    entries = [HeadacheEntry(start - timedelta(days=d), 5, medication="x") for d in range(10)]
    assert keys(medication_overuse(entries, TODAY)) == ["medication-other-reached"]


def test_entries_without_medication_do_not_count() -> None:
    assert medication_overuse(doses(None, range(20), name=None), TODAY) == []
    assert medication_days(doses(None, range(3), name=""), TODAY) == {}


def test_class_without_a_name_counts() -> None:
    entries = doses("opioid", range(10), name=None)
    assert keys(medication_overuse(entries, TODAY)) == ["medication-opioid-reached"]


@pytest.mark.parametrize(
    ("simple_days", "triptan_days", "expected"),
    [
        (range(0, 4), range(10, 13), []),  # 7 days in total
        (range(0, 5), range(10, 13), ["medication-multiple-near"]),  # 8
        (range(0, 7), range(10, 13), ["medication-multiple-reached"]),  # 10
        (range(0, 7), range(0, 3), []),  # same 7 days: 7 in total
    ],
)
def test_several_classes_count_together(
    simple_days: range, triptan_days: range, expected: list[str]
) -> None:
    entries = doses("simple", simple_days) + doses("triptan", triptan_days)
    assert keys(medication_overuse(entries, TODAY)) == expected


def test_one_class_alone_never_counts_as_several() -> None:
    assert keys(medication_overuse(doses("simple", range(11)), TODAY)) == []


def test_combined_total_only_when_it_says_more() -> None:
    entries = doses("triptan", range(10)) + doses("simple", [20])
    assert keys(medication_overuse(entries, TODAY)) == ["medication-triptan-reached"]
    entries = doses("triptan", range(8)) + doses("simple", [20, 21])
    assert keys(medication_overuse(entries, TODAY)) == [
        "medication-multiple-reached",
        "medication-triptan-near",
    ]
