"""Reads untrusted YAML without trusting it: refusals first, then a small tree.

Everything is decided on libyaml's event stream: size, encoding, anchors,
aliases, merge keys, tags, duplicate keys, depth and extra documents are
refused before any node is built, so a hostile file can neither crash the
composer (deep nesting segfaults CSafeLoader) nor blow up memory (alias bombs).
The tree keeps each scalar's text, style and explicit tag, because routine
values are judged from the text as written, never from YAML 1.1's reading.
"""

from __future__ import annotations

import bisect
import re

import yaml

from tpguide.core.i18n import N_, _
from tpguide.core.record import field, record
from tpguide.core.routines.diagnostics import CONTROL_CHARACTERS, Diagnostic, quote

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    from typing import Any

MAX_BYTES = 256 * 1024
MAX_DEPTH = 4
_BOM = "\ufeff"
_TOO_DEEP = N_("the file nests lists and mappings more than {depth} deep; "
               "routine files never need that")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LINE_BREAK = re.compile("\r\n|\r|\n")

STANDARD_TAGS: dict[str, str] = {
    "tag:yaml.org,2002:str": "scalar",
    "tag:yaml.org,2002:int": "scalar",
    "tag:yaml.org,2002:float": "scalar",
    "tag:yaml.org,2002:bool": "scalar",
    "tag:yaml.org,2002:null": "scalar",
    "tag:yaml.org,2002:seq": "seq",
    "tag:yaml.org,2002:map": "map",
}


class LineTable:
    """Turns a character index into 1-based line and column.

    Lines end only at \\n, \\r\\n or \\r, as editors count them; PyYAML's own marks
    also break at U+0085, U+2028 and U+2029.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1


@record
class Node:
    index: int
    line: int = 0
    column: int = 0


@record
class Scalar(Node):
    value: str = ""
    style: str = ""
    tag: str | None = None

    @property
    def plain(self) -> bool:
        return self.style == "" and self.tag is None

    @property
    def is_null(self) -> bool:
        if self.tag == "tag:yaml.org,2002:null":
            return True
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@record
class Mapping(Node):
    items: list[tuple[Scalar, Node]] = field(default_factory=list)

    def get(self, key: str) -> tuple[Scalar, Node] | None:
        for k, v in self.items:
            if k.value == key:
                return k, v
        return None


@record
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@record
class Parsed:
    """A document's tree, or the refusals that stopped it from being built."""

    root: Node | None
    refusals: list[Diagnostic]
    extra: list[Diagnostic]
    lines: LineTable


def decode(data: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text without its BOM, or a located refusal."""
    if len(data) > MAX_BYTES:
        return None, Diagnostic(
            1, 1, "error",
            _("the file is larger than {size} KiB; routine files are small text "
              "files").format(size=MAX_BYTES // 1024),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = LineTable(good).position(len(good))
        message = (_("the file is not UTF-8 text (it looks like UTF-16): byte 0x{byte:02x} "
                     "cannot be read; save the file as UTF-8")
                   if data[:2] in (b"\xff\xfe", b"\xfe\xff") else
                   _("the file is not UTF-8 text: byte 0x{byte:02x} cannot be read; save the "
                     "file as UTF-8"))
        return None, Diagnostic(line, col, "error", message.format(byte=data[exc.start]))
    if text.startswith(_BOM):
        text = text[1:]
    return text, None


_ESCAPES = {"0": 0x00, "a": 0x07, "b": 0x08, "t": 0x09, "\t": 0x09, "n": 0x0A, "v": 0x0B,
            "f": 0x0C, "r": 0x0D, "e": 0x1B, " ": 0x20, '"': 0x22, "/": 0x2F, "\\": 0x5C,
            "N": 0x85, "_": 0xA0, "L": 0x2028, "P": 0x2029}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_YAML_BREAKS = "\r\x85\u2028\u2029"
_RAW_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_CONTROL_MESSAGE = N_("text may not contain control characters (U+{code:04X})")


def _escaped(source: str, at: int) -> tuple[int | None, int]:
    """The code point written by the escape whose letter is at ``at`` (None for an escaped
    line break), and how many characters the escape takes after its backslash."""
    letter = source[at]
    if letter in _HEX_ESCAPES:
        digits = _HEX_ESCAPES[letter]
        try:
            return int(source[at + 1: at + 1 + digits], 16), 1 + digits
        except ValueError:
            return None, 1
    return _ESCAPES.get(letter), 1


def control_characters(source: str, start: int, end: int, style: str) -> list[tuple[int, int]]:
    """(index, code point) of each control character a scalar holds, where it is written.

    Read from the source rather than the value, so each one is reported at its own line
    and column: raw (a bidi override) or, in double quotes, as an escape such as ``\\e``
    or ``\\u202e`` (then at its backslash). A raw carriage return is a line break in YAML,
    not text; raw NEL and line or paragraph separators are reported by ``parse`` itself.
    """
    found: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = source[i]
        if style == '"' and ch == "\\" and i + 1 < end:
            code, length = _escaped(source, i + 1)
            if code is not None and CONTROL_CHARACTERS.match(chr(code)):
                found.append((i, code))
            i += 1 + length
            continue
        if ch not in _YAML_BREAKS and CONTROL_CHARACTERS.match(ch):
            found.append((i, ord(ch)))
        i += 1
    return found


class _Builder:
    """Walks the event stream once, collecting refusals and the first document."""

    def __init__(self, lines: LineTable, source: str) -> None:
        self.lines = lines
        self.source = source
        self.refusals: list[Diagnostic] = []
        self.extra: list[Diagnostic] = []
        self.stack: list[tuple[Node, dict[str, int], list[Scalar | None]]] = []
        self.root: Node | None = None
        self.documents = 0
        self.depth = 0
        self.too_deep_at = 0

    def at(self, index: int) -> tuple[int, int]:
        return self.lines.position(index)

    def refuse(self, index: int, message: str) -> None:
        line, col = self.at(index)
        self.refusals.append(Diagnostic(line, col, "error", message))

    def feed(self, event: Any) -> None:
        index = event.start_mark.index
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                line, col = self.at(index)
                self.extra.append(Diagnostic(
                    line, col, "error",
                    _("a routine file holds one YAML document; move this one into a file of "
                      "its own"),
                ))
            return
        if isinstance(event, yaml.AliasEvent):
            self.refuse(index, _("aliases (*name) are not allowed in routine files; "
                                 "write the value out in full"))
            if self.documents <= 1 and self.depth <= MAX_DEPTH:
                line, col = self.at(index)
                self._attach(Scalar(index, line, col, "", "", None))
            return
        if isinstance(event, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._check_node_event(event, index)
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event, index)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._open(event, index)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self._close()

    def _check_node_event(self, event: Any, index: int) -> None:
        if event.anchor is not None:
            self.refuse(index, _("anchors (&{name}) are not allowed in routine files; "
                                 "write each value out in full").format(name=event.anchor))
        tag = event.tag
        if tag is None:
            return
        kind = ("scalar" if isinstance(event, yaml.ScalarEvent)
                else "seq" if isinstance(event, yaml.SequenceStartEvent) else "map")
        if STANDARD_TAGS.get(tag) != kind:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.refuse(index, _("the tag {tag} is not allowed here; remove it "
                                 "(only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map "
                                 "are accepted)").format(tag=quote(shown)))

    def _scalar(self, event: Any, index: int) -> None:
        if self.documents > 1 or self.depth > MAX_DEPTH:
            return
        line, col = self.at(index)
        node = Scalar(index, line, col, event.value, event.style or "", event.tag)
        if CONTROL_CHARACTERS.search(event.value) or CONTROL_CHARACTERS.search(
                self.source, index, event.end_mark.index):
            self._controls(index, event.end_mark.index, event.style or "")
        self._attach(node)

    def _controls(self, start: int, end: int, style: str) -> None:
        for at, code in control_characters(self.source, start, end, style):
            line, col = self.at(at)
            self.extra.append(Diagnostic(line, col, "error", _(_CONTROL_MESSAGE).format(code=code)))

    def _open(self, event: Any, index: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH and self.too_deep_at == 0:
            self.too_deep_at = self.depth
            self.refuse(index, _(_TOO_DEEP).format(depth=MAX_DEPTH))
        if self.documents > 1 or self.depth > MAX_DEPTH:
            return
        line, col = self.at(index)
        node: Node
        if isinstance(event, yaml.MappingStartEvent):
            node = Mapping(index, line, col)
        else:
            node = Sequence(index, line, col)
        self._attach(node)
        self.stack.append((node, {}, [None]))

    def _close(self) -> None:
        if self.depth == self.too_deep_at:
            self.too_deep_at = 0
        if self.depth <= MAX_DEPTH and self.documents <= 1 and self.stack:
            self.stack.pop()
        self.depth -= 1

    def _attach(self, node: Node) -> None:
        if not self.stack:
            if self.root is None:
                self.root = node
            return
        parent, seen, pending = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        key = pending[0]
        if key is None:
            pending[0] = self._key(node, seen)
            return
        parent.items.append((key, node))
        pending[0] = None

    def _key(self, node: Node, seen: dict[str, int]) -> Scalar:
        if not isinstance(node, Scalar):
            self.refuse(node.index, _("a key must be a plain word, not a list or mapping"))
            return Scalar(node.index, node.line, node.column, "\0complex", "", None)
        if node.plain and node.value == "<<":
            self.refuse(node.index, _("merge keys (<<) are not allowed in routine files; "
                                      "write the keys out in full"))
        if node.value in seen:
            self.refuse(node.index, _("duplicate key {key} (first given on line {line}); "
                                      "keep only one").format(key=quote(node.value),
                                                              line=seen[node.value]))
        else:
            seen[node.value] = node.line
        return node


def parse(text: str) -> Parsed:
    """Scan and build the first document's tree; never composes with PyYAML."""
    lines = LineTable(text)
    builder = _Builder(lines, text)
    for separator in _RAW_SEPARATORS.finditer(text):
        # YAML 1.1 breaks lines here and editors do not, so they are found in the text
        # itself (inside a scalar they may change what PyYAML reads, even into a syntax error)
        line, col = lines.position(separator.start())
        builder.extra.append(Diagnostic(line, col, "error", _(_CONTROL_MESSAGE).format(
            code=ord(separator.group()))))
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        index = mark.index if mark is not None else 0
        problem = exc.problem or _("the YAML cannot be read")
        if "nesting depth" in problem:
            builder.refuse(index, _(_TOO_DEEP).format(depth=MAX_DEPTH))
        else:
            context = f" {exc.context}" if exc.context else ""
            # PyYAML's own words (problem, context) are English: they are not ours to translate
            builder.refuse(index, _("YAML syntax error: {problem}; check the indentation, "
                                    "colons and quotes here").format(problem=problem + context))
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else 0
        builder.refuse(exc.position, _("the file contains a character that YAML does not allow "
                                       "(U+{code:04X}): {reason}; remove it").format(
            code=code, reason=exc.reason))
    refusals = builder.refusals
    root = None if refusals else builder.root
    return Parsed(root=root, refusals=refusals, extra=builder.extra, lines=lines)
