"""Judging single values of an untrusted file, and reporting where they went wrong.

Every number, duration, choice and text is judged from its text as written (not
from what YAML 1.1 would construct), so ``1:30`` and ``010`` mean what they say.
The routine loader and the course loader both build on :class:`Validator`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.routines import rules
from tpguide.core.routines.diagnostics import Diagnostic, quote
from tpguide.core.routines.durations import HINT, format_seconds, parse_duration
from tpguide.core.routines.routine import PRESSURE_WORDS
from tpguide.core.routines.yamlsafe import Mapping, Node, Scalar, Sequence

SLUG = re.compile(rules.SLUG_PATTERN)
_WHOLE = re.compile(r"^[-+]?[0-9]+(?:\.0*)?$")
_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_BOOLS = frozenset(
    w for b in ("yes", "no", "true", "false", "on", "off") for w in (b, b.title(), b.upper())
)
_SPECIAL_FLOATS = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")


def suggest(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a near miss, or nothing."""
    import difflib  # only when there is a typo to explain

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {quote(match[0])}?" if match else ""


def kind_name(node: Node) -> str:
    """How a message names a value of the wrong shape."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "a value"


class Validator:
    """Reports located problems and judges single values from their text.

    The routine loader walks a routine with it and the course loader a course;
    both need the same wording for a bad number, duration or choice.
    """

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.diags: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------
    def error(self, node: Node, message: str) -> None:
        self.diags.append(Diagnostic(node.line, node.column, "error", message))

    def warn(self, node: Node, message: str) -> None:
        self.diags.append(Diagnostic(node.line, node.column, "warning", message))

    # -- scalar kinds ----------------------------------------------------
    def scalar(self, key: Scalar, node: Node, what: str) -> Scalar | None:
        """The scalar at a key, or None after reporting a missing or misplaced value."""
        if isinstance(node, Scalar) and not node.is_null:
            return node
        if isinstance(node, Scalar):
            self.error(key, f"{quote(key.value)} has no value; {what}")
        else:
            self.error(node, f"{quote(key.value)} must be {what.removeprefix('write ')}, "
                       f"not {kind_name(node)}")
        return None

    def text(self, key: Scalar, node: Node, rule: rules.TextRule) -> str | None:
        name = key.value
        value = self.scalar(key, node, "write some text")
        if value is None:
            return None
        text = value.value
        length = len(text)
        if rule.slug:
            if not SLUG.fullmatch(text):
                self.error(value, f"{name} {quote(text)} must be lower-case letters, digits and "
                           "hyphens, starting with a letter or digit, at most 64 characters")
                return None
            return text
        if length < rule.min_len:
            self.error(value, f"{name} must not be empty")
            return None
        if rule.max_len is not None and length > rule.max_len:
            self.error(value, f"{name} is {length} characters long; the limit is {rule.max_len}, "
                       "shorten it")
            return None
        return text

    def _boolean_or_special(self, value: Scalar, name: str, expected: str) -> bool:
        if value.tag == "tag:yaml.org,2002:bool" or (value.plain and value.value in _BOOLS):
            self.error(value, f"{name}: {quote(value.value)} is a boolean in YAML, not "
                       f"{expected}; yes/no/on/off are booleans in YAML; {_hint_for(expected)}")
            return True
        if _SPECIAL_FLOATS.match(value.value):
            self.error(value, f"{name}: {quote(value.value)} is not {expected}; "
                       f"{_hint_for(expected)}")
            return True
        return False

    def duration(self, key: Scalar, node: Node, low: float, high: float) -> float | None:
        name = key.value
        value = self.scalar(key, node, "write a duration such as 30s")
        if value is None or self._boolean_or_special(value, name, "a duration"):
            return None
        text = value.value
        seconds = parse_duration(text)
        if seconds is None:
            if _NUMBER.match(text) and text.startswith("-"):
                self.error(value, f"{name} must be between {_span(low, high)}; got {text}")
            else:
                self.error(value, f"{name}: {quote(text)} is not a duration; {HINT}")
            return None
        if not low <= seconds <= high:
            self.error(value, f"{name} must be between {_span(low, high)}; "
                       f"got {format_seconds(seconds)} s")
            return None
        return seconds

    def integer(self, key: Scalar, node: Node, low: int, high: int) -> int | None:
        name = key.value
        value = self.scalar(key, node, f"write a whole number from {low} to {high}")
        if value is None or self._boolean_or_special(value, name, "a whole number"):
            return None
        return self._whole(value, name, low, high)

    def _whole(self, value: Scalar, name: str, low: int, high: int) -> int | None:
        text = value.value
        numeric_tag = value.tag in (None, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        if value.style not in ("",) or not numeric_tag or not _WHOLE.match(text):
            quoted = " (it is in quotes, which makes it text)" if value.style in ("'", '"') else ""
            self.error(value, f"{name} must be a whole number from {low} to {high}; "
                       f"got {quote(text)}{quoted}")
            return None
        digits = text.lstrip("+-").split(".")[0].lstrip("0") or "0"
        number = int(digits) if len(digits) <= 6 else high + 1
        if text.startswith("-"):
            number = -number
        if not low <= number <= high:
            self.error(value, f"{name} must be a whole number from {low} to {high}; got {text}")
            return None
        return number

    def choice(self, key: Scalar, node: Node, choices: tuple[str, ...]) -> str | None:
        listed = ", ".join(choices)
        value = self.scalar(key, node, f"write one of {listed}")
        if value is None:
            return None
        if value.value not in choices:
            self.error(value, f"{key.value} must be one of {listed}; got {quote(value.value)}"
                       f"{suggest(value.value, choices)}")
            return None
        return value.value

    def pressure(self, key: Scalar, node: Node) -> int | None:
        words = ", ".join(PRESSURE_WORDS)
        value = self.scalar(key, node, f"write {words} or a whole number from 1 to 10")
        if value is None:
            return None
        if value.value in PRESSURE_WORDS:
            level = PRESSURE_WORDS[value.value]
        elif _NUMBER.match(value.value) and value.style == "":
            level_or_none = self._whole(value, "pressure", 1, 10)
            if level_or_none is None:
                return None
            level = level_or_none
        else:
            self.error(value, f"pressure must be {words} or a whole number from 1 to 10; "
                       f"got {quote(value.value)}{suggest(value.value, PRESSURE_WORDS)}")
            return None
        if level > rules.ADVISED_MAX_PRESSURE:
            self.warn(value, f"pressure {level}/10 is high; sources advise staying at or "
                      f"below {rules.ADVISED_MAX_PRESSURE}/10")
        return level

    def boolean(self, key: Scalar, node: Node) -> bool | None:
        """Only ``true`` or ``false`` as written: YAML 1.1 readers take yes/on/off for booleans
        and YAML 1.2 readers do not, so any other spelling would mean different things."""
        value = self.scalar(key, node, "write true or false")
        if value is None:
            return None
        untagged = value.style == "" and value.tag in (None, "tag:yaml.org,2002:bool")
        if untagged and value.value in ("true", "false"):
            return value.value == "true"
        quoted = " (it is in quotes, which makes it text)" if value.style in ("'", '"') else ""
        self.error(value, f"{key.value} is true or false; got {quote(value.value)}{quoted}")
        return None

    # -- settings --------------------------------------------------------
    def setting(self, key: Scalar, node: Node) -> object | None:
        rule = rules.SETTINGS[key.value]
        if rule.kind == "boolean":
            return self.boolean(key, node)
        if rule.kind == "duration":
            seconds = self.duration(key, node, rule.low, rule.high)
            if seconds is not None and key.value == "press" and seconds > rules.LONG_PRESS_SECONDS:
                self.warn(node, f"press of {format_seconds(seconds)} s is long; compressions "
                          f"over {rules.LONG_PRESS_SECONDS} s are rarely needed")
            return seconds
        if rule.kind == "int":
            return self.integer(key, node, int(rule.low), int(rule.high))
        if rule.kind == "pressure":
            return self.pressure(key, node)
        return self.choice(key, node, rule.choices)

    def sequence(self, key: Scalar, node: Node, what: str) -> list[Node]:
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar) and node.is_null:
            self.error(key, f"{quote(key.value)} has no value; write {what}")
        else:
            self.error(node, f"{quote(key.value)} must be {what}, not {kind_name(node)}")
        return []

    def unknown_key(self, key: Scalar, known: tuple[str, ...], where: str) -> None:
        self.error(key, f"{quote(key.value)} is not {where}{suggest(key.value, known)}")

    def required(self, mapping: Mapping, keys: tuple[str, ...], where: str) -> None:
        for name in keys:
            if mapping.get(name) is None:
                self.error(mapping, f"{where} is missing the required key {quote(name)}")


def _span(low: float, high: float) -> str:
    return f"{format_seconds(low)} s and {format_seconds(high)} s"


def _hint_for(expected: str) -> str:
    if expected == "a duration":
        return "write a number of seconds"
    return "write a number"
