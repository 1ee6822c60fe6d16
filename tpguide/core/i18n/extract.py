"""Finds every translatable string: in the code (by its marker) and in the shipped data.

Read with ``ast`` and PyYAML, never by importing, so a string built at run time (an f-string
inside ``tr()``) is reported instead of silently missing from the catalogue. The same function
feeds the catalogue updater (``assets/tools/update_catalogues.py``) and the test that finds no
string untranslated.

Markers: ``tr(text[, disambiguation[, n]])`` and ``self.tr``, ``QCoreApplication.translate(
context, text[, disambiguation[, n]])``, ``QT_TRANSLATE_NOOP`` (alias ``_N``), ``_``, ``N_``,
``pgettext``, ``ngettext``, ``npgettext``. Qt's contexts (class names) are not msgctxt:
identical words share one translation unless a disambiguation or ``pgettext`` context says they
differ. Words with ``%n`` are Qt plurals (msgid and msgid_plural the same, as Qt's own ``.ts``
to ``.po`` tools write them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import yaml

from tpguide.core.i18n.catalog import ATLAS_CONTEXT, DOMAINS, ROUTINE_CONTEXT, TAG_CONTEXT
from tpguide.core.i18n.po import Entry

ATLAS_FIELDS = ("name", "spoken", "locate", "technique", "cautions")
ROUTINE_FIELDS = ("title", "summary", "description", "safety", "author")
STEP_FIELDS = ("instructions", "say")
_QT_CALLS = {"tr", "_tr", "translate"}
_GETTEXT = {"_": 0, "N_": 0, "pgettext": 1, "ngettext": 0, "npgettext": 1}
_QT_NOOPS = {"QT_TRANSLATE_NOOP", "_N", "QT_TR_NOOP"}
"""Qt's markers (and the module-local alias ``_N``); their context is Qt's, not a msgctxt."""


class Found:
    """Entries in first-seen order, merged by (context, words), with every place they occur."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str | None, str], Entry] = {}
        self.problems: list[str] = []

    def add(self, msgid: str, where: str, context: str | None = None,
            plural: str | None = None, comment: str = "") -> None:
        if not msgid.strip():
            return
        if plural is None and "%n" in msgid:
            plural = msgid
        key = (context, msgid)
        entry = self.entries.get(key)
        if entry is None:
            self.entries[key] = Entry(msgid, context, plural,
                                      ("", "") if plural is not None else ("",),
                                      (comment,) if comment else (), (where,))
            return
        entry.locations = (*entry.locations, where)
        if comment and comment not in entry.comments:
            entry.comments = (*entry.comments, comment)


def _literal(node: ast.AST) -> str | None:
    """A string the code spells out whole: a constant or constants joined with +."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _marked(args: list[ast.expr], first: int, name: str, place: str,
            found: Found) -> str | None:
    """The words a marker call spells out, or None; an f-string there is reported (its
    words could never be in the catalogue)."""
    if len(args) <= first:
        return None
    text = _literal(args[first])
    if text is None and isinstance(args[first], ast.JoinedStr):
        found.problems.append(f"{place}: an f-string inside {name}() cannot be translated; "
                              "use {placeholders} and .format()")
    return text


def python_strings(source: str, where: str, found: Found) -> None:
    """Every marked string in one module's source."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, args = _name(node.func), node.args
        place = f"{where}:{node.lineno}"
        if name in _QT_CALLS:
            if name == "translate" and not (
                    isinstance(node.func, ast.Attribute)
                    and _name(node.func.value) in ("QCoreApplication", "QApplication")):
                continue
            first = 1 if name == "translate" else 0
            text = _marked(args, first, name, place, found)
            if text is None:
                continue
            ctx = _literal(args[first + 1]) if len(args) > first + 1 else None
            found.add(text, place, ctx or None)
        elif name in _QT_NOOPS and isinstance(node.func, ast.Name):
            first = 0 if name == "QT_TR_NOOP" else 1
            text = _literal(args[first]) if len(args) > first else None
            if text is not None:
                found.add(text, place)
        elif name in _GETTEXT and isinstance(node.func, ast.Name):
            first = _GETTEXT[name]
            text = _marked(args, first, name, place, found)
            if text is None:
                continue
            ctx = _literal(args[0]) if first else None
            plural = _literal(args[first + 1]) if name.startswith(("n", "np")) and len(
                args) > first + 1 and name != "N_" else None
            found.add(text, place, ctx, plural)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def atlas_strings(path: Path, found: Found, label: str = "assets/atlas.yaml") -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for zid, zone in (data.get("zones") or {}).items():
        for text in _texts(zone.get("name")):
            found.add(text, f"{label}:{zid}", ATLAS_CONTEXT, comment="zone name")
    for pid, point in (data.get("points") or {}).items():
        for field in ATLAS_FIELDS:
            for text in _texts(point.get(field)):
                note = {"spoken": "spoken name: said by the voice, short",
                        "name": "point name"}.get(field, field)
                found.add(text, f"{label}:{pid}", ATLAS_CONTEXT, comment=note)


def routine_strings(path: Path, found: Found, label: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in ROUTINE_FIELDS:
        for text in _texts(data.get(field)):
            found.add(text, f"{label}:{field}", ROUTINE_CONTEXT, comment=f"routine {field}")
    for tag in _texts(data.get("tags")):
        found.add(tag, f"{label}:tags", TAG_CONTEXT, comment="a routine's tag: short, lower case")
    for number, step in enumerate(data.get("steps") or [], 1):
        for field in STEP_FIELDS:
            for text in _texts(step.get(field)):
                note = ("spoken aloud during the step: keep it short" if field == "say"
                        else "step instructions")
                found.add(text, f"{label}:step {number}", ROUTINE_CONTEXT, comment=note)


def domain_of(module: str) -> str:
    """Which catalogue a module's strings belong to (see catalog.DOMAINS)."""
    if module.startswith("tpguide/ui/"):
        return "ui"
    if module == "tpguide/core/safety_text.py":
        return "safety"
    return "core"


def extract_all(root: Path) -> tuple[dict[str, Found], list[str]]:
    """Every domain's strings under the project ``root``, and any problems found."""
    domains = {name: Found() for name in DOMAINS}
    for path in sorted((root / "tpguide").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        python_strings(path.read_text(encoding="utf-8"), rel, domains[domain_of(rel)])
    atlas_strings(root / "assets" / "atlas.yaml", domains["atlas"])
    for path in sorted((root / "routines").glob("*.yaml")):
        routine_strings(path, domains["routines"], f"routines/{path.name}")
    problems = [p for found in domains.values() for p in found.problems]
    return domains, problems
