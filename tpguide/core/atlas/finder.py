"""From a sore spot to a few candidate points and a short, gentle routine ("Where does it hurt?").

Not a diagnosis: it only reverses the atlas's referral patterns. The routine it writes is
ordinary routine YAML (ROUTINE-FORMAT.md), so it passes through the same loader and safety
gate as any other file. Pain in some places can be the heart, the throat or the eye rather
than a muscle: those zones carry warnings shown before any point, and chest and breastbone
pain gets no points and no routine at all.
"""

from __future__ import annotations

from typing import Any

import yaml

from tpguide.core import safety_text as st
from tpguide.core.atlas.atlas import Atlas, Point
from tpguide.core.i18n import _
from tpguide.core.record import record

LIGHT = 3  # the pressure word "light" in the routine format

NO_ROUTINE_ZONES: frozenset[str] = frozenset({"zone-chest", "zone-sternum"})
"""Pain here may be the heart: the finder offers no point and builds no routine."""

HEART_ZONES: frozenset[str] = NO_ROUTINE_ZONES | {
    "zone-throat", "zone-jaw", "zone-front-shoulder", "zone-front-arm", "zone-inner-arm",
    "zone-lateral-arm", "zone-lateral-elbow", "zone-radial-forearm", "zone-thumb-index",
}
"""Places heart pain can spread to (chest, throat, jaw, shoulder and arm)."""

THROAT_ZONES: frozenset[str] = frozenset({"zone-throat"})
EYE_ZONES: frozenset[str] = frozenset({"zone-behind-eye"})


def zone_warnings(zone_id: str) -> tuple[str, ...]:
    """What to read before any point is offered for pain in this zone (untranslated)."""
    warnings: list[str] = []
    if zone_id in HEART_ZONES:
        warnings.append(st.HEART_WARNING)
    if zone_id in THROAT_ZONES:
        warnings.append(st.THROAT_WARNING)
    if zone_id in EYE_ZONES:
        warnings.append(st.EYE_WARNING)
    if zone_id in NO_ROUTINE_ZONES:
        warnings.append(st.NO_ROUTINE_HERE)
    return tuple(warnings)


def builds_routine(zone_id: str) -> bool:
    """False where the finder must not suggest points (chest and breastbone)."""
    return zone_id not in NO_ROUTINE_ZONES


@record(frozen=True)
class Candidate:
    """A point whose pattern reaches the zone; ``kind`` is 'essential' or 'spillover'."""

    point: Point
    kind: str


def candidates_for(zone_id: str, atlas: Atlas) -> list[Candidate]:
    """Points that send pain to the zone: main patterns first, then spillover.

    None for chest and breastbone pain, which needs a doctor before any pressing.
    """
    if not builds_routine(zone_id):
        return []
    return [Candidate(p, kind) for p, kind in atlas.refers_to(zone_id)]


def pick_points(zone_id: str, atlas: Atlas, max_points: int = 3) -> list[Point]:
    """Up to ``max_points`` candidates, one per muscle, main patterns before spillover."""
    chosen: list[Point] = []
    muscles: set[str] = set()
    for cand in candidates_for(zone_id, atlas):
        if cand.point.muscle in muscles:
            continue
        chosen.append(cand.point)
        muscles.add(cand.point.muscle)
        if len(chosen) == max_points:
            break
    return chosen


class _NoAliasDumper(yaml.SafeDumper):
    """Never writes anchors: the routine loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _step(point: Point) -> dict[str, Any]:
    step: dict[str, Any] = {"point": point.id, "side": "both"}
    step["pressure"] = "light" if point.max_pressure >= LIGHT else point.max_pressure
    if point.tools:
        step["tool"] = point.tools[0]
    return step


def short_routine_for(zone_id: str, atlas: Atlas, max_points: int = 3) -> str:
    """YAML text of a valid tpguide routine working up to three points that refer to the zone.

    Its words (title, summary, safety notes, point names) are in the active language, as
    ``tpguide new`` writes its starter: the person reads and may edit the file.

    Light pressure, both sides in turn (never together), each point's first allowed tool,
    the zone's warnings first, then each point's own cautions, named after it, as the
    routine's safety notes. Raises ValueError for chest and breastbone pain.
    """
    zone = atlas.zones.get(zone_id)
    if zone is None:
        raise KeyError(f"unknown zone: {zone_id!r}")
    if not builds_routine(zone_id):
        raise ValueError(f"no routine for pain at {zone_id!r}: it needs a doctor first")
    points = pick_points(zone_id, atlas, max_points)
    if not points:
        raise ValueError(f"no atlas point refers pain to {zone_id!r}")
    slug = zone_id.removeprefix("zone-")
    cautions = [_(text) for text in zone_warnings(zone_id)]  # the safety catalogue's words
    cautions += [f"{point.name}: {text}" for point in points for text in point.cautions]
    doc: dict[str, Any] = {
        "tpguide": 1,
        "id": f"where-it-hurts-{slug}"[:64],
        "title": _("Short routine: {zone}").format(zone=zone.name)[:120],
        "summary": _("Made by 'Where does it hurt?'. Light pressure. Not a diagnosis."),
        "tags": ["finder", slug],
        "safety": cautions,
        "defaults": {"press": "30s", "release": "10s", "cycles": 2, "pressure": "light"},
        "steps": [_step(p) for p in points],
    }
    return yaml.dump(
        doc, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=88,
    )
