"""Judging single values of an untrusted file, and reporting where they went wrong.

Every number, duration, choice and text is judged from its text as written (not
from what YAML 1.1 would construct), so ``1:30`` and ``010`` mean what they say.
The routine loader and the course loader both build on :class:`Validator`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.i18n import N_, _, ngettext
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
    return _("; did you mean {name}?").format(name=quote(match[0])) if match else ""


def listed(names: list[str], shown: int = 3) -> str:
    """``a, b, c and 2 more``: the first few names of a long list."""
    rest = len(names) - shown
    more = ngettext(" and {count} more", " and {count} more", rest).format(count=rest)
    return ", ".join(names[:shown]) + (more if rest > 0 else "")


def kind_name(node: Node) -> str:
    """How a message names a value of the wrong shape."""
    if isinstance(node, Mapping):
        return _("a mapping")
    if isinstance(node, Sequence):
        return _("a list")
    return _("a value")


DURATION = N_("a duration")
WHOLE_NUMBER = N_("a whole number")
IN_QUOTES = N_(" (it is in quotes, which makes it text)")


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
        """The scalar at a key, or None after reporting a missing or misplaced value.

        ``what`` says what to write, already translated ("write a duration such as 30s").
        In English a list or mapping there is told "must be a duration such as 30s"; other
        languages say the instruction as it is, which needs no grammar of theirs.
        """
        if isinstance(node, Scalar) and not node.is_null:
            return node
        if isinstance(node, Scalar):
            self.error(key, _("{key} has no value; {what}").format(key=quote(key.value),
                                                                    what=what))
        elif what.startswith("write "):
            self.error(node, _("{key} must be {what}, not {kind}").format(
                key=quote(key.value), what=what.removeprefix("write "), kind=kind_name(node)))
        else:
            self.error(node, _("{key} is {kind}, not a single value; {what}").format(
                key=quote(key.value), kind=kind_name(node), what=what))
        return None

    def text(self, key: Scalar, node: Node, rule: rules.TextRule) -> str | None:
        name = key.value
        value = self.scalar(key, node, _("write some text"))
        if value is None:
            return None
        text = value.value
        length = len(text)
        if rule.slug:
            if not SLUG.fullmatch(text):
                self.error(value, _("{name} {text} must be lower-case letters, digits and "
                                    "hyphens, starting with a letter or digit, at most 64 "
                                    "characters").format(name=name, text=quote(text)))
                return None
            return text
        if length < rule.min_len:
            self.error(value, _("{name} must not be empty").format(name=name))
            return None
        if rule.max_len is not None and length > rule.max_len:
            self.error(value, _("{name} is {length} characters long; the limit is {limit}, "
                                "shorten it").format(name=name, length=length,
                                                     limit=rule.max_len))
            return None
        return text

    def _boolean_or_special(self, value: Scalar, name: str, expected: str) -> bool:
        """``expected`` is DURATION or WHOLE_NUMBER (untranslated: it picks the hint too)."""
        if value.tag == "tag:yaml.org,2002:bool" or (value.plain and value.value in _BOOLS):
            self.error(value, _("{name}: {value} is a boolean in YAML, not {expected}; "
                                "yes/no/on/off are booleans in YAML; {hint}").format(
                name=name, value=quote(value.value), expected=_(expected),
                hint=_hint_for(expected)))
            return True
        if _SPECIAL_FLOATS.match(value.value):
            self.error(value, _("{name}: {value} is not {expected}; {hint}").format(
                name=name, value=quote(value.value), expected=_(expected),
                hint=_hint_for(expected)))
            return True
        return False

    def duration(self, key: Scalar, node: Node, low: float, high: float) -> float | None:
        name = key.value
        value = self.scalar(key, node, _("write a duration such as 30s"))
        if value is None or self._boolean_or_special(value, name, DURATION):
            return None
        text = value.value
        seconds = parse_duration(text)
        if seconds is None:
            if _NUMBER.match(text) and text.startswith("-"):
                self.error(value, _("{name} must be between {span}; got {value}").format(
                    name=name, span=_span(low, high), value=text))
            else:
                self.error(value, _("{name}: {value} is not a duration; {hint}").format(
                    name=name, value=quote(text), hint=_(HINT)))
            return None
        if not low <= seconds <= high:
            self.error(value, _("{name} must be between {span}; got {seconds} s").format(
                name=name, span=_span(low, high), seconds=format_seconds(seconds)))
            return None
        return seconds

    def integer(self, key: Scalar, node: Node, low: int, high: int) -> int | None:
        name = key.value
        value = self.scalar(key, node, _("write a whole number from {low} to {high}").format(
            low=low, high=high))
        if value is None or self._boolean_or_special(value, name, WHOLE_NUMBER):
            return None
        return self._whole(value, name, low, high)

    def _whole(self, value: Scalar, name: str, low: int, high: int) -> int | None:
        text = value.value
        numeric_tag = value.tag in (None, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        if value.style not in ("",) or not numeric_tag or not _WHOLE.match(text):
            quoted = _(IN_QUOTES) if value.style in ("'", '"') else ""
            self.error(value, _("{name} must be a whole number from {low} to {high}; "
                                "got {value}").format(name=name, low=low, high=high,
                                                      value=quote(text)) + quoted)
            return None
        digits = text.lstrip("+-").split(".")[0].lstrip("0") or "0"
        number = int(digits) if len(digits) <= 6 else high + 1
        if text.startswith("-"):
            number = -number
        if not low <= number <= high:
            self.error(value, _("{name} must be a whole number from {low} to {high}; "
                                "got {value}").format(name=name, low=low, high=high, value=text))
            return None
        return number

    def choice(self, key: Scalar, node: Node, choices: tuple[str, ...]) -> str | None:
        listed = ", ".join(choices)
        value = self.scalar(key, node, _("write one of {choices}").format(choices=listed))
        if value is None:
            return None
        if value.value not in choices:
            self.error(value, _("{name} must be one of {choices}; got {value}").format(
                name=key.value, choices=listed, value=quote(value.value))
                + suggest(value.value, choices))
            return None
        return value.value

    def pressure(self, key: Scalar, node: Node) -> int | None:
        words = ", ".join(PRESSURE_WORDS)
        value = self.scalar(key, node, _("write {words} or a whole number from 1 to 10").format(
            words=words))
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
            self.error(value, _("pressure must be {words} or a whole number from 1 to 10; "
                                "got {value}").format(words=words, value=quote(value.value))
                       + suggest(value.value, PRESSURE_WORDS))
            return None
        if level > rules.ADVISED_MAX_PRESSURE:
            self.warn(value, _("pressure {level}/10 is high; sources advise staying at or "
                               "below {limit}/10").format(level=level,
                                                          limit=rules.ADVISED_MAX_PRESSURE))
        return level

    def boolean(self, key: Scalar, node: Node) -> bool | None:
        """Only ``true`` or ``false`` as written: YAML 1.1 readers take yes/on/off for booleans
        and YAML 1.2 readers do not, so any other spelling would mean different things."""
        value = self.scalar(key, node, _("write true or false"))
        if value is None:
            return None
        untagged = value.style == "" and value.tag in (None, "tag:yaml.org,2002:bool")
        if untagged and value.value in ("true", "false"):
            return value.value == "true"
        quoted = _(IN_QUOTES) if value.style in ("'", '"') else ""
        self.error(value, _("{name} is true or false; got {value}").format(
            name=key.value, value=quote(value.value)) + quoted)
        return None

    # -- settings --------------------------------------------------------
    def setting(self, key: Scalar, node: Node) -> object | None:
        rule = rules.SETTINGS[key.value]
        if rule.kind == "boolean":
            return self.boolean(key, node)
        if rule.kind == "duration":
            seconds = self.duration(key, node, rule.low, rule.high)
            if seconds is not None and key.value == "press" and seconds > rules.LONG_PRESS_SECONDS:
                self.warn(node, _("press of {seconds} s is long; compressions over {limit} s "
                                  "are rarely needed").format(
                    seconds=format_seconds(seconds), limit=rules.LONG_PRESS_SECONDS))
            return seconds
        if rule.kind == "int":
            return self.integer(key, node, int(rule.low), int(rule.high))
        if rule.kind == "pressure":
            return self.pressure(key, node)
        return self.choice(key, node, rule.choices)

    def sequence(self, key: Scalar, node: Node, what: str) -> list[Node]:
        """The items of a list; ``what`` (translated) names the list wanted."""
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar) and node.is_null:
            self.error(key, _("{key} has no value; write {what}").format(
                key=quote(key.value), what=what))
        else:
            self.error(node, _("{key} must be {what}, not {kind}").format(
                key=quote(key.value), what=what, kind=kind_name(node)))
        return []

    def unknown_key(self, key: Scalar, known: tuple[str, ...], where: str) -> None:
        """``where`` (translated) names what the key is not, such as "a step setting"."""
        self.error(key, _("{key} is not {where}").format(key=quote(key.value), where=where)
                   + suggest(key.value, known))

    def required(self, mapping: Mapping, keys: tuple[str, ...], where: str) -> None:
        """``where`` (translated) names the mapping, such as "the routine"."""
        for name in keys:
            if mapping.get(name) is None:
                self.error(mapping, _("{where} is missing the required key {key}").format(
                    where=where, key=quote(name)))


def _span(low: float, high: float) -> str:
    return _("{low} s and {high} s").format(low=format_seconds(low), high=format_seconds(high))


def _hint_for(expected: str) -> str:
    if expected == DURATION:
        return _("write a number of seconds")
    return _("write a number")
