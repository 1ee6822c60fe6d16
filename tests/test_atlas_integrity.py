"""The atlas and the body diagrams agree: ids, zones, markers on the body, sides and safety."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from tpguide import resources
from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import REGIONS, VIEWS, Atlas, Point, load_atlas
from tpguide.core.routines.routine import TOOLS

REQUIRED = [
    "upper-trapezius.1", "upper-trapezius.2", "lower-trapezius.1",
    "sternocleidomastoid.sternal", "sternocleidomastoid.clavicular",
    "suboccipitals.1", "splenius-capitis.1", "splenius-cervicis.1", "splenius-cervicis.2",
    "semispinalis-capitis.1", "levator-scapulae.1", "levator-scapulae.2",
    "temporalis.1", "temporalis.2", "temporalis.3", "temporalis.4",
    "masseter.1", "masseter.2", "masseter.3", "frontalis.1", "occipitalis.1",
    "scalenes.1", "infraspinatus.1", "infraspinatus.2", "supraspinatus.1", "rhomboids.1",
]

ATLAS: Atlas = load_atlas(resources.atlas_file())
POINTS: list[Point] = list(ATLAS.points.values())
SVG_NS = "{http://www.w3.org/2000/svg}"


def _svg_root(view: str) -> ET.Element:
    return ET.parse(resources.diagram(view)).getroot()


@pytest.fixture(scope="module")
def silhouettes(qapp: QApplication) -> dict[str, QImage]:
    """Each view's silhouette element rendered alone at the viewBox's own size."""
    images = {}
    for view in VIEWS:
        renderer = QSvgRenderer(str(resources.diagram(view)))
        box = renderer.viewBoxF()
        image = QImage(int(box.width()), int(box.height()), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        b = renderer.boundsOnElement("silhouette")
        renderer.render(painter, "silhouette", QRectF(b))
        painter.end()
        images[view] = image
    return images


def test_every_required_point_is_in_the_atlas() -> None:
    assert [pid for pid in REQUIRED if pid not in ATLAS.points] == []


def test_zones_named_by_points_exist_in_the_atlas_and_on_a_diagram() -> None:
    drawn = set().union(*(diagrams.zones_in_view(v) for v in VIEWS))
    for point in POINTS:
        for zone in point.zones:
            assert zone in ATLAS.zones, f"{point.id}: {zone} is not an atlas zone"
            assert zone in drawn, f"{point.id}: {zone} is drawn on no view"


def test_every_atlas_zone_is_drawn_on_some_view() -> None:
    drawn = set().union(*(diagrams.zones_in_view(v) for v in VIEWS))
    assert sorted(set(ATLAS.zones) - drawn) == []
    assert sorted(drawn - set(ATLAS.zones)) == [], "a drawn zone has no name in the atlas"


def test_head_zones_show_on_both_head_views_that_face_them() -> None:
    for zone in ("zone-temple", "zone-behind-eye", "zone-forehead", "zone-jaw", "zone-cheek"):
        assert zone in diagrams.zones_in_view("head-front")
        assert zone in diagrams.zones_in_view("head-side")
    for zone in ("zone-top-shoulder", "zone-lateral-arm", "zone-thumb-index"):
        assert zone in diagrams.zones_in_view("upper-body-back")
        assert zone in diagrams.zones_in_view("upper-body-front")


@pytest.mark.parametrize("view", VIEWS)
def test_view_has_a_silhouette_a_viewbox_and_no_transforms(view: str) -> None:
    root = _svg_root(view)
    assert "viewBox" in root.attrib
    ids = [el.attrib.get("id") for el in root.iter()]
    assert ids.count("silhouette") == 1
    assert [el.tag for el in root.iter() if "transform" in el.attrib] == []


@pytest.mark.parametrize("view", VIEWS)
def test_zone_elements_are_invisible_until_the_app_paints_them(view: str) -> None:
    for el in _svg_root(view).iter():
        if el.attrib.get("id", "").startswith("zone-"):
            assert el.attrib.get("fill-opacity") == "0", el.attrib["id"]


@pytest.mark.parametrize("view", VIEWS)
def test_committed_diagram_matches_its_generator(view: str) -> None:
    script = Path(resources.assets_dir()) / "tools" / "make_diagrams.py"
    spec = importlib.util.spec_from_file_location("make_diagrams", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.VIEWS[view]().text()
    assert resources.diagram(view).read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("point", POINTS, ids=lambda p: p.id)
def test_both_markers_lie_on_the_body(point: Point, silhouettes: dict[str, QImage]) -> None:
    image = silhouettes[point.view]
    for side in ("right", "left"):
        x, y = diagrams.side_position(point, side)
        assert 0 <= x < image.width() and 0 <= y < image.height(), (side, x, y)
        assert image.pixelColor(int(x), int(y)).alpha() == 255, f"{side} marker off the body"


@pytest.mark.parametrize("point", POINTS, ids=lambda p: p.id)
def test_markers_sit_on_the_correct_side_of_the_picture(point: Point) -> None:
    info = diagrams.view_info(point.view)
    if not info.symmetric:
        return  # the side view shows one side; the left is the mirrored picture
    rx, _ = diagrams.side_position(point, "right")
    lx, _ = diagrams.side_position(point, "left")
    if point.view in diagrams.BACK_VIEWS:
        assert lx < info.width / 2 < rx, "back view: your right is on the picture's right"
    else:
        assert rx < info.width / 2 < lx, "front view: your right is on the picture's left"
    assert diagrams.body_side_at(point.view, rx) == "right"
    assert diagrams.body_side_at(point.view, lx) == "left"


def test_only_the_neck_front_points_are_one_side_at_a_time() -> None:
    one_side = {p.id for p in POINTS if p.one_side_at_a_time}
    expected = {p.id for p in POINTS if p.muscle in ("sternocleidomastoid", "scalenes")}
    assert one_side == expected
    assert {"sternocleidomastoid.sternal", "sternocleidomastoid.clavicular",
            "scalenes.1"} <= one_side


def test_pressure_limits_stay_at_or_below_seven() -> None:
    assert all(1 <= p.max_pressure <= 7 for p in POINTS)
    assert ATLAS.points["scalenes.1"].max_pressure <= 3


def test_point_fields_are_complete_and_valid() -> None:
    for p in POINTS:
        assert p.region in REGIONS, p.id
        assert p.view in VIEWS, p.id
        assert p.tools and set(p.tools) <= set(TOOLS), p.id
        assert p.name and p.spoken and p.locate and p.technique, p.id
        assert p.cautions and p.sources, p.id
        assert p.essential, p.id


def test_sternocleidomastoid_is_worked_with_the_pincer_grip_only() -> None:
    for p in POINTS:
        if p.muscle == "sternocleidomastoid":
            assert p.tools == ("pincer",)


def test_raw_atlas_lists_hold_plain_text() -> None:
    """A stray colon in YAML turns a caution into a mapping; every entry must stay text."""
    raw = yaml.safe_load(resources.atlas_file().read_text(encoding="utf-8"))
    assert raw["version"] == 1
    for pid, body in raw["points"].items():
        for key in ("cautions", "sources", "tools"):
            assert all(isinstance(v, str) for v in body[key]), (pid, key)
        for key in ("name", "spoken", "locate", "technique"):
            assert isinstance(body[key], str), (pid, key)


def test_the_atlas_reads_as_yaml_itself_reads_it() -> None:
    """The app builds the atlas from libyaml's events (faster); every value must be what
    PyYAML's own loader makes of the file, types included."""
    raw = yaml.safe_load(resources.atlas_file().read_text(encoding="utf-8"))
    assert {z: zone.name for z, zone in ATLAS.zones.items()} == {
        z: body["name"] for z, body in raw["zones"].items()}
    assert list(ATLAS.points) == list(raw["points"])
    for pid, body in raw["points"].items():
        point = ATLAS.points[pid]
        assert point.at == tuple(float(v) for v in body["at"]), pid
        assert point.max_pressure == body["max_pressure"], pid
        assert point.one_side_at_a_time is body["one_side_at_a_time"], pid
        assert (point.essential, point.spillover) == (
            tuple(body["referral"]["essential"]), tuple(body["referral"].get("spillover", ())))
        for key in ("muscle", "name", "spoken", "region", "view", "locate", "technique"):
            assert getattr(point, key) == body[key], (pid, key)
        for key in ("tools", "cautions", "sources"):
            assert getattr(point, key) == tuple(body[key]), (pid, key)


def _cautions(pid: str) -> str:
    return " ".join(ATLAS.points[pid].cautions).lower()


def test_danger_zone_cautions_are_present() -> None:
    """Brief section 3: carotid, brachial plexus, occipital nerves, temporal artery, parotid."""
    for pid in ("sternocleidomastoid.sternal", "sternocleidomastoid.clavicular"):
        text = _cautions(pid)
        assert "carotid" in text and "pulse" in text and "one side at a time" in text
        assert "dizz" in text
    assert "tingles" in _cautions("scalenes.1") and "chest pain" in _cautions("scalenes.1")
    assert "tipped back" in _cautions("suboccipitals.1")
    for pid in ("suboccipitals.1", "splenius-capitis.1", "semispinalis-capitis.1",
                "splenius-cervicis.1"):
        assert "dizzy" in _cautions(pid) and "urgent" in _cautions(pid), pid
    for pid in ("temporalis.1", "temporalis.2", "temporalis.3", "temporalis.4"):
        assert "after about 50" in _cautions(pid), pid
        assert "artery" in _cautions(pid), pid
    for pid in ("suboccipitals.1", "splenius-capitis.1", "semispinalis-capitis.1"):
        assert "after a neck injury or a sudden neck movement" in _cautions(pid), pid
    for pid in ("splenius-capitis.1", "semispinalis-capitis.1", "occipitalis.1"):
        assert "scalp" in _cautions(pid) and "nerve" in _cautions(pid), pid
    assert "nerves" in _cautions("suboccipitals.1")
    for pid in ("masseter.1", "masseter.2", "masseter.3"):
        assert "nerve" in _cautions(pid) and "gland" in _cautions(pid), pid
    assert "pregnan" in _cautions("upper-trapezius.1")


def test_the_example_routine_fits_the_atlas() -> None:
    trap = ATLAS.points["upper-trapezius.1"]
    assert "pincer" in trap.tools and trap.max_pressure >= 6
    temporalis = ATLAS.points["temporalis.1"]
    assert "fingers" in temporalis.tools and temporalis.max_pressure >= 5
    sub = ATLAS.points["suboccipitals.1"]
    assert "fingers" in sub.tools and not sub.one_side_at_a_time and sub.max_pressure >= 5


@pytest.mark.parametrize("point", POINTS, ids=lambda p: p.id)
def test_the_views_chosen_for_a_point_show_all_its_zones(point: Point) -> None:
    views = diagrams.views_for_point(point)
    assert views[0] == point.view
    shown = set().union(*(diagrams.zones_in_view(v) for v in views))
    assert set(point.zones) <= shown
    assert len(views) <= 3
