"""The JSON Schema agrees with the loader on a corpus with a bad file per schema rule."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.schema import build_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
GOOD = "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - point: temporalis.1\n"

BAD = {
    "required tpguide": "id: t\ntitle: T\nsteps: [{rest: 1}]\n",
    "tpguide const": "tpguide: 3\nid: t\ntitle: T\nsteps: [{rest: 1}]\n",
    "required id": "tpguide: 1\ntitle: T\nsteps: [{rest: 1}]\n",
    "id pattern": "tpguide: 1\nid: Bad Id\ntitle: T\nsteps: [{rest: 1}]\n",
    "title minLength": "tpguide: 1\nid: t\ntitle: ''\nsteps: [{rest: 1}]\n",
    "title maxLength": f"tpguide: 1\nid: t\ntitle: {'x' * 121}\nsteps: [{{rest: 1}}]\n",
    "summary maxLength": "tpguide: 1\nid: t\ntitle: T\nsummary: " + "x" * 201
                         + "\nsteps: [{rest: 1}]\n",
    "additional top": "tpguide: 1\nid: t\ntitle: T\ncolour: red\nsteps: [{rest: 1}]\n",
    "tags maxItems": "tpguide: 1\nid: t\ntitle: T\ntags: [" + ",".join(f"t{i}" for i in range(21))
                     + "]\nsteps: [{rest: 1}]\n",
    "tag pattern": "tpguide: 1\nid: t\ntitle: T\ntags: [Bad Tag]\nsteps: [{rest: 1}]\n",
    "safety items": "tpguide: 1\nid: t\ntitle: T\nsafety: [[x]]\nsteps: [{rest: 1}]\n",
    "defaults additional": "tpguide: 1\nid: t\ntitle: T\ndefaults: {point: x}\n"
                           "steps: [{rest: 1}]\n",
    "steps minItems": "tpguide: 1\nid: t\ntitle: T\nsteps: []\n",
    "steps maxItems": "tpguide: 1\nid: t\ntitle: T\nsteps:\n" + "  - rest: 1\n" * 201,
    "step additional": GOOD + "    relase: 5\n",
    "rest step additional": "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - rest: 5\n    press: 3\n",
    "neither": "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - say: hi\n",
    "press maximum": GOOD + "    press: 301\n",
    "press minimum": GOOD + "    press: 0\n",
    "duration pattern": GOOD + "    release: 1h\n",
    "cycles integer": GOOD + "    cycles: 2.5\n",
    "cycles maximum": GOOD + "    cycles: 21\n",
    "side enum": GOOD + "    side: up\n",
    "tool enum": GOOD + "    tool: hammer\n",
    "pressure enum": GOOD + "    pressure: heavy\n",
    "pressure maximum": GOOD + "    pressure: 11\n",
    "instructions maxLength": GOOD + f"    instructions: {'x' * 2001}\n",
    "say maxLength": GOOD + f"    say: {'x' * 301}\n",
    "rest step range": "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - rest: 3601\n",
    "until_eased boolean": GOOD + "    until_eased: 'true'\n",
    "until_eased not a number": GOOD + "    until_eased: 1\n",
    "until_eased on a rest step": "tpguide: 1\nid: t\ntitle: T\nsteps:\n  - rest: 5\n"
                                  "    until_eased: true\n",
}


def validator() -> jsonschema.Draft202012Validator:
    schema = build_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "assets" / "routine.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: tpguide schema > assets/routine.schema.json"


def test_good_routines_pass_both() -> None:
    for path in sorted((ROOT / "routines").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load_routine_text(text).ok, path
        assert list(validator().iter_errors(yaml.safe_load(text))) == [], path


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_fails_both(name: str) -> None:
    text = BAD[name]
    assert load_routine_text(text).errors, f"loader accepted {name}"
    assert list(validator().iter_errors(yaml.safe_load(text))), f"schema accepted {name}"


def test_every_schema_keyword_family_is_exercised() -> None:
    text = json.dumps(build_schema())
    families = {"minLength": "title minLength", "maxLength": "title maxLength",
                "pattern": "id pattern", "maxItems": "tags maxItems",
                "minItems": "steps minItems", "enum": "side enum",
                "additionalProperties": "additional top", "required": "required id",
                "maximum": "press maximum", "minimum": "press minimum",
                "const": "tpguide const", "integer": "cycles integer",
                "boolean": "until_eased boolean"}
    for keyword, case in families.items():
        assert keyword in text and case in BAD
