"""The routine ``tpguide new`` writes: small, valid, and commented for a first-time author.

Its comments and example texts are in the reader's language; the keys, ids and setting
values stay as the format spells them, so the file validates in every language.
"""

from __future__ import annotations

from tpguide.core.i18n import N_, _
from tpguide.core.record import replace

STARTER = """\
# {comment_check}
# {comment_points}
tpguide: 1
id: {id}
title: {title}
summary: {summary}
defaults:
  press: 30s      # {comment_press}
  release: 10s    # {comment_release}
  cycles: 3       # {comment_cycles}
  pressure: moderate
steps:
  - point: upper-trapezius.1
    side: both
    tool: pincer
  - rest: 20s
    say: {say}
  - point: temporalis.1
    side: both
"""
TEXTS: dict[str, str] = {
    "comment_check": N_("A tpguide routine. Check it with: tpguide validate {file}"),
    "comment_points": N_('Point ids: tpguide points. Format: see README, "Writing a routine".'),
    "title": N_("My routine"),
    "summary": N_("A short routine for the top of the shoulders and the temples."),
    "comment_press": N_("how long each press lasts"),
    "comment_release": N_("how long each release lasts"),
    "comment_cycles": N_("press-and-release rounds per side"),
    "say": N_("Breathe out slowly."),
}
_VALUES = ("title", "summary", "say")


def _plain(text: str) -> str:
    """``text`` as a YAML value: as it is when YAML reads it back unchanged, else quoted."""
    import json

    import yaml

    try:
        same = yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        same = False
    return text if same else json.dumps(text, ensure_ascii=False)


def starter_file_text(file_name: str, routine_id: str) -> str:
    """The starter routine in the reader's language."""
    words = {key: _(text) for key, text in TEXTS.items()}
    words["comment_check"] = words["comment_check"].format(file=file_name)
    for key in _VALUES:
        words[key] = _plain(words[key])
    return STARTER.format(id=routine_id, **words)


def starter_text(source_id: str | None, file_name: str = "routine.yaml") -> str | None:
    from tpguide.core.routines.serialize import routine_to_yaml, slug_from_name

    new_id = slug_from_name(file_name.rsplit("/", 1)[-1])
    if source_id is None:
        return starter_file_text(file_name, new_id)
    from tpguide.core.library.sources import find_by_id

    entry = find_by_id(source_id)
    if entry is None or entry.result.routine is None:
        return None
    routine = entry.result.routine
    title = _("{title} (my copy)").format(title=routine.title)[:120]
    return routine_to_yaml(replace(routine, id=new_id, title=title))
