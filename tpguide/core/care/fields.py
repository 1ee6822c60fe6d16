"""A small table language for the report format: one description checks a report and
writes its JSON Schema, so the two cannot say different things.

Reports come from other people, so every value is checked for its type and its bounds,
and every problem names where it is (``sessions[3].pain_after``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tpguide.core.i18n import _

# Control characters (tab and newline allowed in long texts) and bidi overrides could hide
# or reorder what a therapist reads; a report holding them is refused.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# The same two rules for the JSON Schema, written with \\u escapes that both ECMA-262 and
# Python read.
_BARRED = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_BARRED_LINE = r"\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029"


class Spec:
    """One value's rule; ``check`` appends problems, ``schema`` is its JSON Schema."""

    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _described(self, out: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            out = {"description": self.description, **out}
        if self.nullable:
            return {"anyOf": [out, {"type": "null"}]}
        return out


@dataclass
class Text(Spec):
    most: int
    least: int = 0
    multiline: bool = False
    pattern: str | None = None
    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str):
            out.append(_("{where}: must be a text").format(where=where))
            return
        if not self.least <= len(value) <= self.most:
            out.append(_("{where}: must be {least} to {most} characters long").format(
                where=where, least=self.least, most=self.most))
        elif (_CONTROL if self.multiline else _CONTROL_LINE).search(value):
            out.append(_("{where}: holds control or text-direction characters").format(where=where))
        elif self.pattern is not None and not re.fullmatch(self.pattern, value):
            out.append(_("{where}: is not in the expected form").format(where=where))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "maxLength": self.most}
        if self.least:
            out["minLength"] = self.least
        if self.pattern is not None:
            out["pattern"] = f"^(?:{self.pattern})$"
        else:
            out["pattern"] = f"^[^{_BARRED if self.multiline else _BARRED_LINE}]*$"
        return self._described(out)


@dataclass
class Number(Spec):
    least: float
    most: float
    whole: bool = False
    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if value is None and self.nullable:
            return
        kinds: tuple[type, ...] = (int,) if self.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            words = (_("{where}: must be a whole number from {least} to {most}") if self.whole
                     else _("{where}: must be a number from {least} to {most}"))
            out.append(words.format(where=where, least=f"{self.least:g}", most=f"{self.most:g}"))
            return
        assert isinstance(value, int | float)
        if not self.least <= value <= self.most:
            out.append(_("{where}: must be from {least} to {most}").format(
                where=where, least=f"{self.least:g}", most=f"{self.most:g}"))

    def schema(self) -> dict[str, Any]:
        kind = "integer" if self.whole else "number"
        return self._described({"type": kind, "minimum": self.least, "maximum": self.most})


@dataclass
class Choice(Spec):
    choices: tuple[str, ...]
    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str) or value not in self.choices:
            out.append(_("{where}: must be one of {choices}").format(
                where=where, choices=", ".join(self.choices)))

    def schema(self) -> dict[str, Any]:
        return self._described({"enum": list(self.choices)})


@dataclass
class Flag(Spec):
    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, bool):
            out.append(_("{where}: must be true or false").format(where=where))

    def schema(self) -> dict[str, Any]:
        return self._described({"type": "boolean"})


DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MOMENT_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\+00:00|Z)"


@dataclass
class Moment(Spec):
    """A time in UTC to the second (``2025-03-01T08:30:00+00:00``), or a calendar day."""

    day_only: bool = False
    nullable: bool = False
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if value is None and self.nullable:
            return
        pattern = DATE_PATTERN if self.day_only else MOMENT_PATTERN
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            form = "YYYY-MM-DD" if self.day_only else "YYYY-MM-DDTHH:MM:SS+00:00 (UTC)"
            words = (_("{where}: must be a date as {form}") if self.day_only
                     else _("{where}: must be a time as {form}"))
            out.append(words.format(where=where, form=form))
            return
        try:
            (date.fromisoformat if self.day_only else datetime.fromisoformat)(value)
        except ValueError:
            out.append((_("{where}: is not a real date") if self.day_only
                        else _("{where}: is not a real time")).format(where=where))

    def schema(self) -> dict[str, Any]:
        pattern = DATE_PATTERN if self.day_only else MOMENT_PATTERN
        return self._described({"type": "string", "pattern": f"^{pattern}$"})


@dataclass
class Items(Spec):
    item: Spec
    most: int
    description: str = ""

    def check(self, value: object, where: str, out: list[str]) -> None:
        if not isinstance(value, list):
            out.append(_("{where}: must be a list").format(where=where))
            return
        if len(value) > self.most:
            out.append(_("{where}: has {count} entries; at most {most}").format(
                where=where, count=len(value), most=self.most))
            return
        for index, item in enumerate(value):
            self.item.check(item, f"{where}[{index}]", out)

    def schema(self) -> dict[str, Any]:
        return self._described({"type": "array", "maxItems": self.most,
                                "items": self.item.schema()})


@dataclass
class Record(Spec):
    """An object with known keys: unknown keys are problems, so a typo is not lost."""

    fields: Mapping[str, Spec]
    required: tuple[str, ...] = ()
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def check(self, value: object, where: str, out: list[str]) -> None:
        if not isinstance(value, dict):
            out.append(_("{where}: must be an object").format(where=where or _("the report")))
            return
        prefix = f"{where}." if where else ""
        for name in self.required:
            if name not in value:
                out.append(_("{where}: is missing").format(where=prefix + name))
        for name, item in value.items():
            spec = self.fields.get(name)
            if spec is None:
                out.append(_("{where}: is not a field of this format").format(
                    where=prefix + name))
            else:
                spec.check(item, f"{prefix}{name}", out)

    def schema(self) -> dict[str, Any]:
        return self._described({
            **self.extra, "type": "object", "required": list(self.required),
            "additionalProperties": False,
            "properties": {name: spec.schema() for name, spec in self.fields.items()},
        })
