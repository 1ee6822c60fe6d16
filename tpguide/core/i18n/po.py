"""Reading and writing gettext ``.po`` catalogues and compiling them to ``.mo``, in plain Python.

Kept here rather than calling GNU msgfmt so that the tests can check every shipped ``.mo``
against its ``.po`` on any machine, and the catalogues can be rebuilt without gettext tools.
"""

from __future__ import annotations

import ast
import struct
from collections.abc import Iterable

from tpguide.core.record import record


@record(slots=True)
class Entry:
    """One message: its English words (with plural and context) and their translation."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: tuple[str, ...] = ("",)
    comments: tuple[str, ...] = ()
    """Lines for the translator (``#.``): where the words are shown and what they are."""
    locations: tuple[str, ...] = ()
    fuzzy: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr)


def _unquote(line: str, where: str) -> str:
    text = line.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{where}: expected a quoted string, found {text[:40]!r}")
    return str(ast.literal_eval(text))


def parse_po(text: str, name: str = "<po>") -> tuple[str, list[Entry]]:
    """The header's msgstr and every other entry, in file order."""
    entries: list[Entry] = []
    header = ""
    fields: dict[str, list[str]] = {}
    comments: list[str] = []
    locations: list[str] = []
    fuzzy = False
    current: str | None = None

    def flush() -> None:
        nonlocal header, fuzzy, comments, locations
        if "msgid" not in fields:
            fields.clear()
            return
        msgid = "".join(fields.pop("msgid"))
        ctx = "".join(fields.pop("msgctxt")) if "msgctxt" in fields else None
        plural = "".join(fields.pop("msgid_plural")) if "msgid_plural" in fields else None
        strs = [("".join(v)) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        fields.clear()
        if msgid == "" and ctx is None:
            header = strs[0] if strs else ""
        else:
            entries.append(Entry(msgid, ctx, plural, tuple(strs) or ("",), tuple(comments),
                                 tuple(locations), fuzzy))
        comments, locations, fuzzy = [], [], False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#."):
                comments.append(line[2:].strip())
            elif line.startswith("#:"):
                locations.extend(line[2:].split())
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"{where}: a string with no keyword before it")
            fields[current].append(_unquote(line, where))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith("msgstr["):
            keyword = f"msgstr[{int(keyword[7:-1]):02d}]"
        if keyword in ("msgctxt", "msgid") and "msgid" in fields:
            flush()
        if keyword not in ("msgctxt", "msgid", "msgid_plural") and not keyword.startswith(
                "msgstr"):
            raise ValueError(f"{where}: unknown keyword {keyword!r}")
        current = keyword
        fields[current] = [_unquote(rest, where)]
    flush()
    return header, entries


def _quote(text: str) -> str:
    body = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t"))
    return f'"{body}"'


def _field(keyword: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n") and len(text) < 70:
        return [f"{keyword} {_quote(text)}"]
    lines = [f'{keyword} ""']
    pieces = text.splitlines(keepends=True)
    lines.extend(_quote(piece) for piece in pieces)
    return lines


def format_po(header: str, entries: Iterable[Entry]) -> str:
    out = ['msgid ""', *_field("msgstr", header)]
    for entry in entries:
        out.append("")
        out.extend(f"#. {c}" for c in entry.comments)
        if entry.locations:
            out.append("#: " + " ".join(entry.locations))
        if entry.fuzzy:
            out.append("#, fuzzy")
        if entry.msgctxt is not None:
            out.extend(_field("msgctxt", entry.msgctxt))
        out.extend(_field("msgid", entry.msgid))
        if entry.msgid_plural is not None:
            out.extend(_field("msgid_plural", entry.msgid_plural))
            for i, text in enumerate(entry.msgstr):
                out.extend(_field(f"msgstr[{i}]", text))
        else:
            out.extend(_field("msgstr", entry.msgstr[0]))
    return "\n".join(out) + "\n"


def compile_mo(header: str, entries: Iterable[Entry]) -> bytes:
    """The ``.mo`` bytes gettext reads: translated, non-fuzzy entries only, sorted by key."""
    table: dict[bytes, bytes] = {b"": header.encode()}
    for entry in entries:
        if not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            key = f"{key}\x00{entry.msgid_plural}"
        table[key.encode()] = "\x00".join(entry.msgstr).encode()
    keys = sorted(table)
    count = len(keys)
    start = 7 * 4 + 16 * count
    ids = b"".join(k + b"\x00" for k in keys)
    strs = b"".join(table[k] + b"\x00" for k in keys)
    offsets, offset = [], start
    for k in keys:
        offsets.append((len(k), offset))
        offset += len(k) + 1
    trans, offset = [], start + len(ids)
    for k in keys:
        trans.append((len(table[k]), offset))
        offset += len(table[k]) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    index = b"".join(struct.pack("<2I", *pair) for pair in offsets + trans)
    return head + index + ids + strs
