"""Which body views show which referral zones, and where left and right lie on each view.

Pure Python over the shipped SVG files (no Qt), so the CLI, the finder and the tests agree
with the widgets on the side convention of DESIGN.md: atlas coordinates are the body's
right side; front views show the body's left on the viewer's right, back views on the
viewer's left; ``head-side`` is the right profile and is mirrored whole to show the left.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import cache

from tpguide import resources
from tpguide.core.atlas.atlas import VIEWS, Point
from tpguide.core.record import record

FRONT_VIEWS: frozenset[str] = frozenset({"head-front", "upper-body-front"})
BACK_VIEWS: frozenset[str] = frozenset({"head-back", "upper-body-back"})
SIDE_VIEWS: frozenset[str] = frozenset({"head-side"})

# the side view shows most of the head, so it wins ties when choosing extra views
_PREFERENCE: tuple[str, ...] = (
    "head-side", "head-front", "head-back", "upper-body-front", "upper-body-back",
)
_SVG_NS = "{http://www.w3.org/2000/svg}"
ET.register_namespace("", _SVG_NS[1:-1])


@record(frozen=True)
class ViewInfo:
    """What the app needs to know about one diagram without drawing it."""

    name: str
    width: float
    height: float
    zones: frozenset[str]

    @property
    def symmetric(self) -> bool:
        return self.name not in SIDE_VIEWS


def _parse(text: bytes, name: str) -> ViewInfo:
    root = ET.fromstring(text)
    box = [float(v) for v in re.split(r"[\s,]+", root.attrib["viewBox"].strip())]
    zones = frozenset(
        ident
        for el in root.iter()
        if (ident := el.attrib.get("id", "")).startswith("zone-")
    )
    return ViewInfo(name=name, width=box[2], height=box[3], zones=zones)


@cache
def view_info(view: str) -> ViewInfo:
    """Size and zones of a shipped view (read once)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view: {view!r}")
    return _parse(resources.diagram(view).read_bytes(), view)


def zones_in_view(view: str) -> frozenset[str]:
    return view_info(view).zones


def views_for_zones(zone_ids: Iterable[str], first: str | None = None) -> list[str]:
    """A short list of views that together show every given zone that any view shows.

    ``first`` (usually the point's own view) is always included and comes first; then
    views are added greedily, each time the one showing most of the zones still missing
    (ties go to the side view, then the front, then the back). Zones no view shows are
    ignored.
    """
    missing = {z for z in zone_ids if any(z in zones_in_view(v) for v in VIEWS)}
    chosen: list[str] = []
    if first is not None:
        chosen.append(first)
        missing -= zones_in_view(first)
    while missing:
        best = max(
            (v for v in _PREFERENCE if v not in chosen),
            key=lambda v: (len(missing & zones_in_view(v)), -_PREFERENCE.index(v)),
        )
        chosen.append(best)
        missing -= zones_in_view(best)
    return chosen


def views_for_point(point: Point) -> list[str]:
    """The point's own view followed by the views its referral zones need."""
    return views_for_zones(point.zones, first=point.view)


def side_position(point: Point, side: str) -> tuple[float, float]:
    """Where the marker of ``side`` ('left' or 'right') sits, in the view's own coordinates.

    On symmetric views the left is the mirror image of the right. On ``head-side`` both
    sides use the atlas coordinate: the left is seen by mirroring the whole view.
    """
    x, y = point.at
    if side == "left" and view_info(point.view).symmetric:
        return (view_info(point.view).width - x, y)
    return (x, y)


def viewer_side(view: str, body_side: str) -> str:
    """On which half of the picture ('left' or 'right') the body's side appears."""
    if view in FRONT_VIEWS:
        return "right" if body_side == "left" else "left"
    return body_side


def body_side_at(view: str, x: float, mirrored: bool = False) -> str:
    """Which of the body's sides a picture x coordinate belongs to (for symmetric views)."""
    if view in SIDE_VIEWS:
        return "left" if mirrored else "right"
    on_right_half = x > view_info(view).width / 2
    if view in FRONT_VIEWS:
        return "left" if on_right_half else "right"
    return "right" if on_right_half else "left"


def zones_svg(view: str) -> bytes:
    """The view's zones alone, each filled opaque black: a mask source for drawing and hit-tests."""
    text = resources.diagram(view).read_bytes()
    root = ET.fromstring(text)
    out = ET.Element(f"{_SVG_NS}svg", {"viewBox": root.attrib["viewBox"], "version": "1.1"})
    for el in root.iter():
        if el.attrib.get("id", "").startswith("zone-"):
            copy = ET.SubElement(out, el.tag, dict(el.attrib))
            copy.set("fill", "#000000")
            copy.set("fill-opacity", "1")
            copy.set("stroke", "none")
    return ET.tostring(out)
