"""The point atlas: where each trigger point is, where it sends pain, how to work it.

Loaded from ``assets/atlas.yaml``. The loader of routines consults it for
point ids, allowed tools, pressure limits and one-side-at-a-time points. The words a person
reads (name, spoken name, how to find it, technique, cautions, zone names) come out in the
active language, looked up in the atlas catalogue under the context "atlas"; ids, muscles,
regions and views stay as the file spells them.
"""

from __future__ import annotations

from functools import lru_cache

from tpguide import resources
from tpguide.core.i18n import ATLAS_CONTEXT, active_language, pgettext
from tpguide.core.i18n.catalog import catalogue_generation
from tpguide.core.record import record

TYPE_CHECKING = False  # neither typing nor pathlib at run time: validate starts without them
if TYPE_CHECKING:
    from os import PathLike
    from typing import Any

VIEWS: tuple[str, ...] = (
    "head-front", "head-side", "head-back", "upper-body-back", "upper-body-front",
)
REGIONS: tuple[str, ...] = ("head", "jaw", "neck", "shoulder", "upper-back")


@record(frozen=True)
class Zone:
    id: str
    name: str


@record(frozen=True)
class Point:
    id: str
    muscle: str
    name: str
    spoken: str
    region: str
    view: str
    at: tuple[float, float]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    locate: str
    technique: str
    tools: tuple[str, ...]
    max_pressure: int
    one_side_at_a_time: bool
    cautions: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def zones(self) -> tuple[str, ...]:
        return self.essential + self.spillover


@record(frozen=True)
class Atlas:
    points: dict[str, Point]
    zones: dict[str, Zone]

    def get(self, point_id: str) -> Point | None:
        return self.points.get(point_id)

    def refers_to(self, zone_id: str) -> list[tuple[Point, str]]:
        """Points that send pain to a zone: essential ones first, then spillover."""
        essential = [(p, "essential") for p in self.points.values() if zone_id in p.essential]
        spill = [(p, "spillover") for p in self.points.values() if zone_id in p.spillover]
        return essential + spill


def _strs(value: Any) -> tuple[str, ...]:
    return tuple([str(v) for v in value]) if value else ()


def _flag(value: object) -> bool:
    """A YAML boolean, given as its text (see ``_plain_yaml``) or already a bool."""
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text not in ("true", "false"):
        raise ValueError(f"the atlas has {value!r} where true or false belongs")
    return text == "true"


def _words(text: str) -> str:
    """Atlas text in the active language (English is the file's own words: no look-up)."""
    if not text or active_language() == "en":
        return text
    return pgettext(ATLAS_CONTEXT, text)


def _point(pid: str, raw: dict[str, Any]) -> Point:
    referral = raw.get("referral") or {}
    at = raw.get("at") or [0, 0]
    return Point(
        id=pid,
        muscle=str(raw["muscle"]),
        name=_words(str(raw["name"])),
        spoken=_words(str(raw.get("spoken") or raw["name"])),
        region=str(raw["region"]),
        view=str(raw["view"]),
        at=(float(at[0]), float(at[1])),
        essential=_strs(referral.get("essential")),
        spillover=_strs(referral.get("spillover")),
        locate=_words(str(raw.get("locate") or "")),
        technique=_words(str(raw.get("technique") or "")),
        tools=_strs(raw.get("tools")),
        max_pressure=int(raw.get("max_pressure", 7)),
        one_side_at_a_time=_flag(raw.get("one_side_at_a_time", False)),
        cautions=tuple(_words(text) for text in _strs(raw.get("cautions"))),
        sources=_strs(raw.get("sources")),
    )


def _plain_yaml(data: bytes) -> Any:
    """The atlas's mappings and lists, every scalar kept as its text (``_point`` types them).

    Built straight from libyaml's events: ``yaml.load`` resolves and constructs every one of
    the atlas's thousand scalars in Python, which made reading it cost more than checking a
    routine does. The atlas ships with the app and uses no anchors, aliases or tags.
    """
    import yaml  # here, not at the top: the main window paints before any YAML is read

    stack: list[Any] = []  # the open mappings and lists
    keys: list[object] = []  # per open mapping: its key waiting for a value
    root: Any = None
    for event in yaml.parse(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.ScalarEvent):
            value: Any = event.value
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            stack.append({} if isinstance(event, yaml.MappingStartEvent) else [])
            if isinstance(event, yaml.MappingStartEvent):
                keys.append(_NO_KEY)
            continue
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            value = stack.pop()
            if isinstance(value, dict):
                keys.pop()
        elif isinstance(event, yaml.AliasEvent):
            raise ValueError("the atlas uses no aliases")
        else:  # the stream's and the document's start and end
            continue
        if not stack:
            root = value
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        elif keys[-1] is _NO_KEY:
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = _NO_KEY
    return root


_NO_KEY = object()


def load_atlas(path: str | PathLike[str]) -> Atlas:
    """Read an atlas file; it ships with the app, so it is trusted but still safely loaded.

    Its words come out in the language active now (see ``default_atlas`` for the cache).
    """
    with open(path, "rb") as fh:
        raw = _plain_yaml(fh.read())
    points = {pid: _point(pid, body) for pid, body in (raw.get("points") or {}).items()}
    zones = {
        zid: Zone(zid, _words(str(name)) if (name := (body or {}).get("name")) else zid)
        for zid, body in (raw.get("zones") or {}).items()
    }
    return Atlas(points=points, zones=zones)


def default_atlas() -> Atlas:
    """The shipped atlas in the active language, read once per language.

    Keyed on the language and the catalogue's generation, so that a switch (``use_language``,
    as tests do) never serves the words read before.
    """
    return _atlas_in(active_language(), catalogue_generation())


@lru_cache(maxsize=4)
def _atlas_in(language: str, generation: int) -> Atlas:
    return load_atlas(resources.location("atlas.yaml"))
