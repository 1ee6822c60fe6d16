"""The built-in routines in the reader's language; routines people wrote stay as written.

The catalogue's ``routines`` domain holds every text of the shipped routine files under the
context ``routine`` (``tpguide/core/i18n/extract.py``: ROUTINE_FIELDS and STEP_FIELDS), keyed
by the value as parsed. Only a file from the built-in folder is translated: a therapist's
routine that happens to share a sentence with a built-in one must read as the therapist wrote
it. English returns at once, so loading costs nothing more there.
"""

from __future__ import annotations

import os

from tpguide.core.i18n import ROUTINE_CONTEXT, active_language, pgettext
from tpguide.core.record import replace
from tpguide.core.routines.routine import Routine, Step


def _text(text: str | None) -> str | None:
    return pgettext(ROUTINE_CONTEXT, text) if text else text


def _step(step: Step) -> Step:
    return replace(step, instructions=_text(step.instructions), say=_text(step.say))


def is_builtin_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is one of the routine files that ship with tpguide."""
    from tpguide import resources

    folder = os.path.realpath(resources.routines_dir())
    return os.path.dirname(os.path.realpath(path)) == folder


def in_reader_language(routine: Routine) -> Routine:
    """``routine`` with its texts translated when it was read from the built-in folder."""
    if active_language() == "en" or routine.source is None or not is_builtin_file(routine.source):
        return routine
    return replace(routine, title=pgettext(ROUTINE_CONTEXT, routine.title),
                   summary=_text(routine.summary), description=_text(routine.description),
                   author=_text(routine.author),  # "tpguide team": describe.by_builtin_team
                   safety=tuple(pgettext(ROUTINE_CONTEXT, line) for line in routine.safety),
                   steps=tuple(_step(step) for step in routine.steps))
