"""What the library sidebar lists and how its search and filters match, kept free of widgets."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from tpguide.core.i18n import TAG_CONTEXT, pgettext
from tpguide.core.record import record

if TYPE_CHECKING:  # the sidebar's frame paints before the loader is imported
    from tpguide.core.atlas.atlas import Atlas
    from tpguide.core.routines.loader import LoadResult


class Group(Enum):
    """Where a routine came from; the sidebar shows them in this order."""

    OPENED = "opened"
    MINE = "mine"
    BUILTIN = "builtin"


class Length(Enum):
    """Length buckets for the filter, in minutes: (lowest, below)."""

    SHORT = (0.0, 5.0)
    MEDIUM = (5.0, 15.0)
    LONG = (15.0, float("inf"))


@record(frozen=True)
class Item:
    """One file in the sidebar, with what loading it gave (a broken file has no routine)."""

    path: Path
    group: Group
    result: LoadResult

    @property
    def ok(self) -> bool:
        return self.result.routine is not None

    @property
    def title(self) -> str:
        routine = self.result.routine
        return routine.title if routine is not None else self.path.name

    @property
    def tags(self) -> tuple[str, ...]:
        routine = self.result.routine
        return routine.tags if routine is not None else ()

    @property
    def minutes(self) -> float | None:
        total = self.result.total_seconds
        return total / 60.0 if total is not None and self.ok else None

    @property
    def editable(self) -> bool:
        return self.group is Group.MINE

    def regions(self, atlas: Atlas) -> set[str]:
        routine = self.result.routine
        if routine is None:
            return set()
        return {
            point.region
            for step in routine.point_steps
            if (point := atlas.get(step.point)) is not None
        }

    def search_text(self, atlas: Atlas) -> str:
        """Everything a search may match: title, summary, tags (as written and as shown in
        the reader's language: "dolor de cabeza" finds "headache"), file name, point names."""
        parts = [self.path.name]
        routine = self.result.routine
        if routine is not None:
            parts += [routine.title, routine.summary or "", routine.author or "", *routine.tags,
                      *(pgettext(TAG_CONTEXT, tag) for tag in routine.tags)]
            for step in routine.point_steps:
                point = atlas.get(step.point)
                parts.append(point.name if point is not None else step.point)
        return " ".join(parts).casefold()


@record(frozen=True)
class Filter:
    """The sidebar's search words and filters; None means "any"."""

    text: str = ""
    region: str | None = None
    tag: str | None = None
    length: Length | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or any(
            f is not None for f in (self.region, self.tag, self.length)
        )

    def matches(self, item: Item, atlas: Atlas) -> bool:
        words = self.text.casefold().split()
        if words:
            haystack = item.search_text(atlas)
            if not all(word in haystack for word in words):
                return False
        if self.region is not None and self.region not in item.regions(atlas):
            return False
        if self.tag is not None and self.tag not in item.tags:
            return False
        if self.length is not None:
            minutes = item.minutes
            low, below = self.length.value
            if minutes is None or not low <= minutes < below:
                return False
        return True


def hidden_builtin_ids(items: list[Item]) -> set[str]:
    """Ids that a built-in routine and one of the person's own both have: theirs is the
    one used (by the library's Start, ``tpguide run`` and ``plan``), the built-in hidden."""
    mine = {r.id for i in items if i.group is Group.MINE and (r := i.result.routine)}
    return {r.id for i in items
            if i.group is Group.BUILTIN and (r := i.result.routine) and r.id in mine}


def all_tags(items: list[Item]) -> list[str]:
    return sorted({tag for item in items for tag in item.tags})


def suggestion(builtins: list[Item]) -> Item | None:
    """The routine Start begins before anything is chosen: a gentle one, else the shortest."""
    usable = [i for i in builtins if i.ok]
    gentle = [i for i in usable if "gentle" in i.tags]
    ranked = gentle or sorted(usable, key=lambda i: i.minutes or 0.0)
    return ranked[0] if ranked else None
