"""The progress report format (``*.tpguide-report``): JSON, versioned, described once here.

A report is what a client sends their therapist: who (a name as typed and a random id
made once per install), which period, every session, course adherence and the headache
log. The same tables check a report read from someone else and write the JSON Schema
(``tpguide schema --report``; ``assets/report.schema.json``).
"""

from __future__ import annotations

from tpguide.core.care.fields import Choice, Flag, Items, Moment, Number, Record, Spec, Text
from tpguide.core.diary.records import MEDICATION_CLASSES
from tpguide.core.i18n import _

REPORT_VERSION = 1
VERSION_KEY = "tpguide-report"
SUFFIX = ".tpguide-report"
MAX_REPORT_BYTES = 8 * 1024 * 1024
"""A year of sessions three times a day is under 1 MiB; anything near this is not a report."""
MAX_SESSIONS = 20_000
MAX_HEADACHES = 20_000
MAX_COURSES = 200
MAX_POINTS = 200
MAX_DEPTH = 16
CLIENT_ID_PATTERN = r"[0-9a-f]{32}"
SLUG = r"[a-z0-9]+(?:[-.][a-z0-9]+)*"
REPORT_STATUSES = ("completed", "interrupted", "stopped", "unwell")
SIDES = ("left", "right", "both")



def _pain(description: str) -> Number:
    return Number(0, 10, whole=True, nullable=True, description=description)

POINT = Record(
    {
        "point": Text(64, 1, pattern=SLUG, description="An atlas point id."),
        "side": Choice(SIDES, nullable=True),
        "tenderness": _pain("0-10, as rated during the press."),
        "eased": Flag(nullable=True, description="Whether the press eased before its limit."),
        "time_to_ease_seconds": Number(0, 3600, nullable=True,
                                       description="Seconds until the person said it eased."),
    },
    required=("point",),
    description="One point and side worked in the session (optional details).",
)

SESSION = Record(
    {
        "routine_id": Text(64, 1, pattern=SLUG),
        "routine_title": Text(200, 1),
        "started_at": Moment(),
        "ended_at": Moment(nullable=True),
        "planned_seconds": Number(0, 86_400),
        "completed_seconds": Number(0, 86_400),
        "status": Choice(REPORT_STATUSES, description="'unwell': stopped with 'I feel unwell'."),
        "pain_before": _pain("0-10 (0 = no pain), or null."),
        "pain_after": _pain("0-10 (0 = no pain), or null."),
        "note": Text(5000, multiline=True, nullable=True),
        "points": Items(POINT, MAX_POINTS),
    },
    required=("routine_id", "routine_title", "started_at", "planned_seconds",
              "completed_seconds", "status"),
)

COURSE = Record(
    {
        "id": Text(64, 1, pattern=SLUG),
        "title": Text(200, 1),
        "start": Moment(day_only=True),
        "end": Moment(day_only=True),
        "done": Number(0, 100_000, whole=True, description="Sessions done, up to those asked."),
        "due": Number(0, 100_000, whole=True, description="Sessions asked for in the period."),
    },
    required=("id", "title", "start", "end", "done", "due"),
)

HEADACHE = Record(
    {
        "started_at": Moment(),
        "ended_at": Moment(nullable=True),
        "intensity": Number(0, 10, whole=True),
        "medication_class": Choice(MEDICATION_CLASSES, nullable=True),
        "medication_day": Moment(day_only=True, nullable=True),
        "new_or_different": Flag(),
        "notes": Text(5000, multiline=True, nullable=True),
    },
    required=("started_at", "intensity", "new_or_different"),
)

REPORT = Record(
    {
        VERSION_KEY: Number(1, REPORT_VERSION, whole=True, description="The format version."),
        "created": Moment(),
        "made_by": Text(120),
        "client": Record({"id": Text(32, 32, pattern=CLIENT_ID_PATTERN,
                                     description="Random, made once per install."),
                          "name": Text(120, description="As the client typed it.")},
                         required=("id", "name")),
        "period": Record({"since": Moment(day_only=True), "until": Moment(day_only=True)},
                         required=("since", "until")),
        "notes_included": Flag(),
        "sessions": Items(SESSION, MAX_SESSIONS),
        "courses": Items(COURSE, MAX_COURSES),
        "headaches": Items(HEADACHE, MAX_HEADACHES),
    },
    required=(VERSION_KEY, "created", "client", "period", "sessions", "courses", "headaches"),
)


def check_report(data: object) -> list[str]:
    """Every problem with a parsed report, each naming its place; [] when it is sound."""
    problems: list[str] = []
    REPORT.check(data, "", problems)
    if not problems and isinstance(data, dict):
        period = data["period"]
        if period["since"] > period["until"]:
            problems.append(_("period: 'since' is after 'until'"))
    return problems


def session_key(session: dict[str, object]) -> tuple[str, str]:
    """What makes a session the same one in two reports: when it began, and which routine."""
    return str(session["started_at"]), str(session["routine_id"])


def headache_key(entry: dict[str, object]) -> str:
    return str(entry["started_at"])


def all_specs() -> dict[str, Spec]:
    return {"report": REPORT, "session": SESSION, "course": COURSE, "headache": HEADACHE}
