"""Builds the routine JSON Schema from the validator's own tables.

Editors (yaml-language-server) use it for completion and early hints; the
committed copy in ``assets/routine.schema.json`` is checked against this output
by a test, so the two cannot drift. Cross-field rules (atlas ids, limits per
point, total length, safety warnings) only ``tpguide validate`` can check.
"""

from __future__ import annotations

import json
from typing import Any

from tpguide.core.routines import rules
from tpguide.core.routines.durations import SECONDS_PATTERN

# A name, not an address: the project serves no schema on the web (see editor_setup.py).
SCHEMA_ID = "urn:tpguide:schema:routine:1"
DURATION_TEXT = (
    rf"^(?:{SECONDS_PATTERN}s?|[0-9]+m|[0-9]+m{SECONDS_PATTERN}s|[0-9]+:[0-5][0-9])$"
)


def _text(rule: rules.TextRule, description: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "description": description}
    if rule.slug:
        out["pattern"] = rules.SLUG_PATTERN
        return out
    if rule.min_len:
        out["minLength"] = rule.min_len
    if rule.max_len is not None:
        out["maxLength"] = rule.max_len
    return out


def _duration(low: float, high: float) -> dict[str, Any]:
    return {
        "description": f"Seconds ({low:g}-{high:g}); also '45s', '2m', '1m30s' or '1:30'. "
                       "Bounds of text forms are checked by 'tpguide validate'.",
        "anyOf": [
            {"type": "number", "minimum": low, "maximum": high},
            {"type": "string", "pattern": DURATION_TEXT},
        ],
    }


def _setting(name: str, rule: rules.SettingRule) -> dict[str, Any]:
    if rule.kind == "duration":
        return _duration(rule.low, rule.high)
    if rule.kind == "int":
        return {"type": "integer", "minimum": rule.low, "maximum": rule.high}
    if rule.kind == "boolean":
        return {"type": "boolean",
                "description": "Hold each press until the tenderness eases; 'press' is then "
                               "the longest it may last."}
    if rule.kind == "pressure":
        return {"anyOf": [{"enum": list(rule.choices)},
                          {"type": "integer", "minimum": rule.low, "maximum": rule.high}]}
    return {"enum": list(rule.choices)}


def build_schema() -> dict[str, Any]:
    settings = {name: _setting(name, rule) for name, rule in rules.SETTINGS.items()}
    step_text = {
        "instructions": _text(rules.STEP_TEXT["instructions"], "Shown during the step."),
        "say": _text(rules.STEP_TEXT["say"], "Spoken when the step begins."),
    }
    point_step = {
        "type": "object",
        "required": ["point"],
        "additionalProperties": False,
        "properties": {
            "point": {"type": "string", "description": "An atlas point id ('tpguide points')."},
            **settings,
            **step_text,
        },
    }
    rest_step = {
        "type": "object",
        "required": ["rest"],
        "not": {"required": ["point"]},
        "additionalProperties": False,
        "properties": {
            "rest": _duration(rules.REST_STEP_MIN, rules.REST_STEP_MAX),
            **step_text,
        },
    }
    top_text = {
        name: _text(rule, f"The routine's {name}.") for name, rule in rules.TOP_TEXT.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "tpguide routine, format 1",
        "description": "A timed trigger point self-massage routine. 'tpguide validate' also "
                       "checks atlas point ids, per-point limits, safety rules and total length.",
        "type": "object",
        "required": list(rules.REQUIRED_TOP),
        "additionalProperties": False,
        "properties": {
            "tpguide": {"const": rules.FORMAT_VERSION},
            **top_text,
            "tags": {"type": "array", "maxItems": rules.MAX_TAGS,
                     "items": {"type": "string", "pattern": rules.SLUG_PATTERN}},
            "safety": {"type": "array", "items": {"type": "string"}},
            "defaults": {"type": "object", "additionalProperties": False,
                         "properties": settings},
            "steps": {"type": "array", "minItems": rules.MIN_STEPS, "maxItems": rules.MAX_STEPS,
                      "items": {"oneOf": [point_step, rest_step]}},
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
