"""The report's JSON Schema, written from the same tables that check a report.

``assets/report.schema.json`` is this output, committed; a test keeps them equal. Rules
across fields (the period's order) only tpguide itself checks.
"""

from __future__ import annotations

import json
from typing import Any

from tpguide.core.care.format import REPORT, REPORT_VERSION, VERSION_KEY

SCHEMA_ID = f"urn:tpguide:schema:report:{REPORT_VERSION}"


def build_schema() -> dict[str, Any]:
    body = REPORT.schema()
    body["properties"][VERSION_KEY] = {"const": REPORT_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"tpguide progress report, format {REPORT_VERSION}",
        "description": "Sessions, course adherence and the headache log a client sends "
                       "their therapist. Times are UTC; dates are the client's local days.",
        **body,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
