"""Diary alerts as pure functions: when to suggest care, in calm words that assign no blame."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Literal

from tpguide.core.diary.records import HeadacheEntry, SessionRecord
from tpguide.core.i18n import N_, _
from tpguide.core.record import record

AlertLevel = Literal["info", "caution", "urgent"]


@record(frozen=True)
class Alert:
    """A message for the diary view; ``key`` is stable for tests and for "don't show again"."""

    key: str
    level: AlertLevel
    text: str


# Pain after a session

PAIN_RISE = 2
PAIN_SESSIONS = 2
PAIN_WINDOW = timedelta(days=14)


def worsened_sessions(sessions: Iterable[SessionRecord], now: datetime) -> list[SessionRecord]:
    """Rated sessions of the last 14 days (up to ``now``) with pain up by 2 or more."""
    since = now - PAIN_WINDOW
    return [
        s for s in sessions if since <= s.started_at <= now and (s.pain_change or 0) >= PAIN_RISE
    ]


def pain_alert(sessions: Iterable[SessionRecord], now: datetime) -> Alert | None:
    """Caution when pain rose by 2+ points (NPRS) after 2 sessions within the last 14 days.

    Two points is about the smallest change in neck pain that matters to people (brief
    §4: 1.5-2.5), but one rating can be noise (measurement error 2.6-4.1), so it takes
    two such sessions. They need not be consecutive: "worse, fine, worse" is still a
    pattern. The 14-day window keeps an old flare-up from warning for ever.
    """
    worse = worsened_sessions(sessions, now)
    if len(worse) < PAIN_SESSIONS:
        return None
    titles = ", ".join(sorted({s.routine_title for s in worse}))
    return Alert("pain-rising", "caution", _(_PAIN_TEXT).format(count=len(worse), titles=titles))


_PAIN_TEXT = N_(
    "Your pain was 2 or more points higher after the session than before it on {count} "
    "sessions in the last two weeks ({titles}). Massage should leave you the same or "
    "better, so it is worth changing something: try lighter pressure and shorter holds, "
    "or pause these routines, and talk to a doctor or physiotherapist if it keeps "
    "happening. Stop and get medical help at once if you feel dizzy, numb or tingling, "
    "have trouble speaking or seeing, or a headache keeps getting worse."
)


# A single headache entry

_WORST_TEXT = N_(
    "You rated this headache 10 out of 10. If it is the worst headache you have ever had, "
    "or it reached full strength within about a minute, get emergency care now. Get "
    "urgent help too if it comes with weakness, numbness, trouble speaking or seeing, "
    "confusion, fever or a stiff neck, or follows a head or neck injury. Leave "
    "self-massage of the head and neck until it has been checked."
)
_DIFFERENT_TEXT = N_(
    "You marked this headache as new or different from your usual ones. A change in "
    "pattern is a good reason to see a doctor before carrying on with self-massage, "
    "and urgently if it came on suddenly, came with weakness, numbness, trouble speaking "
    "or seeing, fever or a stiff neck, or followed an injury or a sudden neck movement."
)


def headache_alert(entry: HeadacheEntry) -> Alert | None:
    """Urgent for intensity 10 (possible "worst ever"/thunderclap); caution for new/different."""
    if entry.intensity >= 10:
        return Alert("headache-worst", "urgent", _(_WORST_TEXT))
    if entry.new_or_different:
        return Alert("headache-different", "caution", _(_DIFFERENT_TEXT))
    return None


# Medication days (ICHD-3 8.2)

MEDICATION_WINDOW_DAYS = 30
LIMITS: dict[str, int] = {
    "simple": 15,
    "triptan": 10,
    "ergot": 10,
    "opioid": 10,
    "combination": 10,
    "other": 10,
    "multiple": 10,
}
NEAR: dict[str, int] = {name: limit - (3 if limit == 15 else 2) for name, limit in LIMITS.items()}
LABELS: dict[str, str] = {
    "simple": N_("simple painkillers (such as paracetamol, ibuprofen or aspirin)"),
    "triptan": N_("triptans"),
    "ergot": N_("ergot medicines"),
    "opioid": N_("opioid painkillers"),
    "combination": N_("combination painkillers"),
    "other": N_("other headache medicines"),
    "multiple": N_("headache medicines of more than one kind"),
}
"""What each medicine class is called in a sentence (English; translated where shown)."""


def medication_day(entry: HeadacheEntry) -> date:
    """The day the medicine was taken: as recorded, else the local day the headache began."""
    return entry.medication_day or entry.started_at.astimezone().date()


def medication_days(headaches: Iterable[HeadacheEntry], today: date) -> dict[str, set[date]]:
    """Distinct days per class in the 30 days ending ``today``; no class counts as 'other'."""
    first = today - timedelta(days=MEDICATION_WINDOW_DAYS - 1)
    days: dict[str, set[date]] = {}
    for entry in headaches:
        day = medication_day(entry)
        if entry.took_medication and first <= day <= today:
            days.setdefault(entry.medication_class or "other", set()).add(day)
    return days


def medication_overuse(headaches: Iterable[HeadacheEntry], today: date) -> list[Alert]:
    """Alerts per medicine class approaching (info) or reaching (caution) ICHD-3 8.2 levels.

    Simple analgesics: 15 days a month (warn from 12); triptans, ergots, opioids,
    combination analgesics: 10 (warn from 8). "Other" uses the stricter 10. Several
    classes used in the window also count together (8.2.6: 10 days in total) when that
    total says more than any single class does. The criteria also need more than three
    months and frequent headache; the texts say so rather than diagnose.
    """
    days = medication_days(headaches, today)
    counts = {name: len(found) for name, found in days.items()}
    alerts = [a for name, n in sorted(counts.items()) if (a := _class_alert(name, n))]
    combined = _combined_alert(days, alerts)
    alerts += [combined] if combined else []
    return sorted(alerts, key=lambda a: a.level != "caution")


def _combined_alert(days: dict[str, set[date]], found: list[Alert]) -> Alert | None:
    if len(days) < 2:
        return None
    alert = _class_alert("multiple", len(set().union(*days.values())))
    if alert is None or any(_rank(a) >= _rank(alert) for a in found):
        return None
    return alert


def _rank(alert: Alert) -> int:
    return ("info", "caution", "urgent").index(alert.level)


def _class_alert(name: str, count: int) -> Alert | None:
    if count >= LIMITS[name]:
        return Alert(f"medication-{name}-reached", "caution", _reached_text(name, count))
    if count >= NEAR[name]:
        return Alert(f"medication-{name}-near", "info", _near_text(name, count))
    return None


def _near_text(name: str, count: int) -> str:
    return _(
        "Your diary shows {medicines} taken on {count} of the last 30 days. Taken on "
        "{limit} or more days a month for more than three months, they can keep "
        "headaches going (medication-overuse headache). This is common and treatable; it "
        "may help to mention it to your doctor or pharmacist."
    ).format(medicines=_(LABELS[name]), count=count, limit=LIMITS[name])


def _reached_text(name: str, count: int) -> str:
    return _(
        "Your diary shows {medicines} taken on {count} of the last 30 days. That is at "
        "or above {limit} days a month, the level at which, over more than three "
        "months, medicines can start to keep headaches going (medication-overuse headache). "
        "It happens to many people and it is treatable. Please talk to your doctor or "
        "pharmacist, and ask them before changing how you take a prescribed medicine."
    ).format(medicines=_(LABELS[name]), count=count, limit=LIMITS[name])
