"""The routine ``tpguide new`` writes: small, valid, and commented for a first-time author."""

from __future__ import annotations

from dataclasses import replace

STARTER = """\
# A tpguide routine. Check it with: tpguide validate {file}
# Point ids: tpguide points. Format: see README, "Writing a routine".
tpguide: 1
id: {id}
title: My routine
summary: A short routine for the top of the shoulders and the temples.
defaults:
  press: 30s      # how long each press lasts
  release: 10s    # how long each release lasts
  cycles: 3       # press-and-release rounds per side
  pressure: moderate
steps:
  - point: upper-trapezius.1
    side: both
    tool: pincer
  - rest: 20s
    say: Breathe out slowly.
  - point: temporalis.1
    side: both
"""


def starter_text(source_id: str | None, file_name: str = "routine.yaml") -> str | None:
    from tpguide.core.routines.serialize import routine_to_yaml, slug_from_name

    new_id = slug_from_name(file_name.rsplit("/", 1)[-1])
    if source_id is None:
        return STARTER.format(file=file_name, id=new_id)
    from tpguide.core.library.sources import find_by_id

    entry = find_by_id(source_id)
    if entry is None or entry.result.routine is None:
        return None
    routine = entry.result.routine
    return routine_to_yaml(replace(routine, id=new_id, title=f"{routine.title} (my copy)"[:120]))
