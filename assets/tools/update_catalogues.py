"""Brings the translation catalogues in step with the code and data, then compiles them.

Extracts every translatable string (tpguide/core/i18n/extract.py), writes the templates
``assets/locale/<domain>.pot``, merges them into each language's ``assets/locale/<lang>/
<domain>.po`` (translations kept by context and words; new strings empty; strings no longer
used dropped) and compiles each ``.po`` to the ``.mo`` the app reads. Deterministic: run it
twice and nothing changes. A test fails when the committed files are out of step.

Usage: python assets/tools/update_catalogues.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tpguide.core.i18n.catalog import DOMAINS  # noqa: E402
from tpguide.core.i18n.extract import extract_all  # noqa: E402
from tpguide.core.i18n.po import Entry, compile_mo, format_po, parse_po  # noqa: E402

LOCALE = ROOT / "assets" / "locale"
TRANSLATED = ("es",)
PLURALS = {"es": "nplurals=2; plural=(n != 1);"}


def header(language: str | None) -> str:
    lines = [
        "Project-Id-Version: tpguide",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if language:
        lines += [f"Language: {language}", f"Plural-Forms: {PLURALS[language]}"]
    return "\n".join(lines) + "\n"


def _files_only(entry: Entry) -> Entry:
    places = dict.fromkeys(place.rsplit(":", 1)[0] if place.endswith(tuple("0123456789"))
                           and place.startswith("tpguide/") else place
                           for place in entry.locations)
    return Entry(entry.msgid, entry.msgctxt, entry.msgid_plural, entry.msgstr, entry.comments,
                 tuple(places), entry.fuzzy)


def merged(template: list[Entry], existing: list[Entry]) -> list[Entry]:
    old = {e.key: e for e in existing}
    out = []
    for entry in template:
        kept = old.get(entry.key)
        msgstr = entry.msgstr
        fuzzy = False
        if kept is not None and len(kept.msgstr) == len(entry.msgstr):
            msgstr, fuzzy = kept.msgstr, kept.fuzzy
        out.append(Entry(entry.msgid, entry.msgctxt, entry.msgid_plural, msgstr,
                         entry.comments, entry.locations, fuzzy))
    return out


def planned() -> dict[Path, bytes]:
    """Every file the catalogues should hold, with its exact bytes."""
    domains, problems = extract_all(ROOT)
    if problems:
        raise SystemExit("\n".join(problems))
    files: dict[Path, bytes] = {}
    for domain in DOMAINS:
        template = [_files_only(e) for e in domains[domain].entries.values()]
        files[LOCALE / f"{domain}.pot"] = format_po(header(None), template).encode()
        for language in TRANSLATED:
            po_path = LOCALE / language / f"{domain}.po"
            existing: list[Entry] = []
            if po_path.is_file():
                _, existing = parse_po(po_path.read_text(encoding="utf-8"), str(po_path))
            entries = merged(template, existing)
            files[po_path] = format_po(header(language), entries).encode()
            files[po_path.with_suffix(".mo")] = compile_mo(header(language), entries)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of step")
    args = parser.parse_args()
    stale = []
    for path, data in planned().items():
        if not path.is_file() or path.read_bytes() != data:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for path in stale:
        print(("out of step: " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
