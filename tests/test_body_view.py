"""What a user sees and does on the body diagram, the atlas view and 'Where does it hurt?'."""

from __future__ import annotations

import pytest
import yaml
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tpguide.core import safety_text as st
from tpguide.core.atlas import diagrams, finder
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.routines.loader import load_routine_text
from tpguide.core.routines.routine import PRESSURE_WORDS, SIDES
from tpguide.ui.atlas.body_atlas_view import BodyAtlasView
from tpguide.ui.atlas.browser import AtlasBrowser
from tpguide.ui.atlas.finder import WhereDoesItHurt
from tpguide.ui.widgets.body_paint import ZONE_COLOUR
from tpguide.ui.widgets.body_view import BodyView
from tpguide.ui.widgets.diagram import diagram

PRESS = QColor("#D55E00")


@pytest.fixture
def body(qtbot: QtBot) -> BodyView:
    view = BodyView()
    qtbot.addWidget(view)
    view.resize(420, 560)
    view.show()
    qtbot.waitExposed(view)
    return view


def _pt(p: QPointF | None) -> QPoint:
    assert p is not None
    return p.toPoint()


def _pixel(widget: BodyView, pos: QPointF) -> QColor:
    image: QImage = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(pos.x() * ratio), int(pos.y() * ratio))


def _redness(c: QColor) -> int:
    return c.red() - c.blue()


def _zone_centre(view: str, zone: str) -> tuple[float, float]:
    """A spot on the body where this zone is the one a click would pick, near its middle."""
    drawing = diagram(view)
    box = drawing.zone_renderer.boundsOnElement(zone)
    spots = [
        (box.left() + box.width() * i / 12, box.top() + box.height() * j / 12)
        for i in range(1, 12)
        for j in range(1, 12)
    ]
    spots.sort(key=lambda s: abs(s[0] - box.center().x()) + abs(s[1] - box.center().y()))
    for x, y in spots:
        if drawing.zones_at(x, y)[:1] == [zone]:
            return x, y
    raise AssertionError(f"{zone} cannot be clicked on {view}")


# ---------------------------------------------------------------------- BodyView
def test_hovering_a_marker_names_the_point_and_the_side(body: BodyView, qtbot: QtBot) -> None:
    body.set_view("upper-body-back")
    body.set_points(["upper-trapezius.1"])
    with qtbot.waitSignal(body.pointHovered) as hovered:
        qtbot.mouseMove(body, _pt(body.marker_pos("upper-trapezius.1", "left")))
    assert hovered.args == ["upper-trapezius.1"]
    assert "Upper trapezius, top of the shoulder" in body.toolTip()
    assert "your left side" in body.toolTip()


def test_clicking_a_marker_selects_it_and_paints_its_zones(
    body: BodyView, qtbot: QtBot
) -> None:
    body.set_view("upper-body-back")
    body.set_points(["upper-trapezius.1", "rhomboids.1"])
    neck = body.to_widget(*_zone_centre("upper-body-back", "zone-neck-side"))
    before = _pixel(body, neck)
    with qtbot.waitSignal(body.pointSelected) as selected:
        qtbot.mouseClick(
            body, Qt.MouseButton.LeftButton,
            pos=_pt(body.marker_pos("upper-trapezius.1", "right")),
        )
    assert selected.args == ["upper-trapezius.1"]
    assert body.selected_point() == "upper-trapezius.1"
    assert "zone-neck-side" in body.shown_zones()
    assert _redness(_pixel(body, neck)) > _redness(before) + 20
    body.set_view("head-side")
    assert "zone-temple" in body.shown_zones()
    assert "zone-behind-eye" in body.shown_zones()


def test_spillover_zones_are_fainter_than_main_zones(body: BodyView) -> None:
    body.set_view("head-side")
    temple = body.to_widget(*_zone_centre("head-side", "zone-temple"))
    bare = _redness(_pixel(body, temple))
    body.show_zones([], spillover=["zone-temple"])
    faint = _redness(_pixel(body, temple))
    body.show_zones(["zone-temple"])
    strong = _redness(_pixel(body, temple))
    assert bare < faint < strong


def test_keyboard_alone_can_select_a_point(body: BodyView, qtbot: QtBot) -> None:
    body.set_view("head-back")
    body.set_points(["suboccipitals.1", "occipitalis.1"])
    body.activateWindow()
    body.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(body.hasFocus)
    first = body.focused_marker()
    assert first is not None
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    second = body.focused_marker()
    assert second is not None and second != first
    qtbot.keyClick(body, Qt.Key.Key_Right)
    third = body.focused_marker()
    assert third is not None and third not in (first, second)
    with qtbot.waitSignal(body.pointSelected) as selected:
        qtbot.keyClick(body, Qt.Key.Key_Return)
    assert selected.args == [third.point_id]
    assert "zone-occiput" in body.shown_zones()


def test_left_and_right_labels_follow_the_body_not_the_picture(body: BodyView) -> None:
    body.set_view("upper-body-back")
    labels = body.label_positions()
    assert labels["L"].x() < labels["R"].x()
    body.set_points(["upper-trapezius.1"])
    left = body.marker_pos("upper-trapezius.1", "left")
    right = body.marker_pos("upper-trapezius.1", "right")
    assert left is not None and right is not None and left.x() < right.x()

    body.set_view("head-front")
    labels = body.label_positions()
    assert labels["L"].x() > labels["R"].x()
    body.set_points(["frontalis.1"])
    left = body.marker_pos("frontalis.1", "left")
    right = body.marker_pos("frontalis.1", "right")
    assert left is not None and right is not None and left.x() > right.x()


def test_the_side_view_shows_one_side_and_mirrors_for_the_left(body: BodyView) -> None:
    body.set_view("head-side")
    body.set_points(["temporalis.1"])
    assert list(body.label_positions()) == ["R"]
    assert [m.side for m in body.markers()] == ["right"]
    right = body.marker_pos("temporalis.1", "right")
    body.set_view("head-side", mirrored=True)
    assert list(body.label_positions()) == ["L"]
    assert [m.side for m in body.markers()] == ["left"]
    left = body.marker_pos("temporalis.1", "left")
    assert right is not None and left is not None
    centre = body.rect().center().x()
    assert right.x() > centre > left.x(), "the face turns round with the mirrored view"


def test_highlight_switches_view_and_pulses_only_while_asked(
    body: BodyView, qtbot: QtBot
) -> None:
    body.set_view("upper-body-back")
    body.highlight("temporalis.2", "left", PRESS, pulsing=True)
    assert body.view() == "head-side" and body.mirrored()
    assert body.is_pulsing()
    pos = body.marker_pos("temporalis.2", "left")
    assert pos is not None
    colour = _pixel(body, pos + QPointF(0, body.marker_radius() * 1.1))
    assert colour.red() > 180 and colour.blue() < 120, "current marker in the phase colour"
    body.highlight("temporalis.2", "left", PRESS, pulsing=False)
    assert not body.is_pulsing()
    body.highlight("upper-trapezius.1", "right", PRESS, pulsing=True)
    assert body.view() == "upper-body-back" and body.is_pulsing()
    body.hide()
    assert not body.is_pulsing(), "no animation while nobody can see it"
    body.show()
    qtbot.waitExposed(body)
    assert body.is_pulsing()
    body.highlight(None, "both", PRESS, pulsing=False)
    assert not body.is_pulsing()


def test_the_next_point_is_marked_faintly(body: BodyView) -> None:
    body.set_view("head-back")
    r = body.marker_radius()
    pos = body.to_widget(*diagrams.side_position(default_atlas().points["occipitalis.1"], "right"))
    bare = _pixel(body, pos + QPointF(r * 1.2, 0)).lightness()
    body.mark_next("occipitalis.1", "right")
    assert body.marker_pos("occipitalis.1", "right") == pos
    upcoming = _pixel(body, pos + QPointF(r * 1.2, 0)).lightness()
    body.mark_next(None)
    body.set_points(["occipitalis.1"])
    plain = _pixel(body, pos + QPointF(r, 0)).lightness()
    assert plain < upcoming < bare - 20, "visible, but fainter than an ordinary marker"


def test_the_widget_describes_itself_for_screen_readers(body: BodyView) -> None:
    body.set_view("upper-body-front")
    assert body.accessibleName() == "Body diagram"
    assert "right side is on the left" in body.accessibleDescription()
    body.select_point("frontalis.1")
    assert body.view() == "head-front"
    assert "Frontalis" in body.accessibleDescription()


def test_the_picture_keeps_its_proportions_when_stretched(body: BodyView) -> None:
    body.set_view("head-front")
    body.set_points(["frontalis.1"])
    body.resize(900, 400)
    left = body.marker_pos("frontalis.1", "left")
    right = body.marker_pos("frontalis.1", "right")
    assert left is not None and right is not None
    assert abs((left.x() + right.x()) / 2 - body.width() / 2) < 1.5, "centred"
    top = body.to_widget(0, 0)
    bottom = body.to_widget(400, 500)
    assert abs((bottom.x() - top.x()) / (bottom.y() - top.y()) - 400 / 500) < 0.01


# ---------------------------------------------------------------------- BodyAtlasView
def test_atlas_view_adds_the_views_a_point_refers_to(qtbot: QtBot) -> None:
    atlas_view = BodyAtlasView()
    qtbot.addWidget(atlas_view)
    atlas_view.resize(900, 500)
    atlas_view.show()
    atlas_view.show_point("upper-trapezius.1", side="right")
    views = atlas_view.body_views()
    assert [v.view() for v in views] == ["upper-body-back", "head-side"]
    assert views[0].marker_pos("upper-trapezius.1", "right") is not None
    assert "zone-temple" in views[1].shown_zones()
    atlas_view.show_point("temporalis.1", side="left", phase_colour=PRESS, pulsing=True)
    views = atlas_view.body_views()
    assert [v.view() for v in views] == ["head-side"]
    assert views[0].mirrored() and views[0].is_pulsing()


# ---------------------------------------------------------------------- finder
@pytest.fixture
def where(qtbot: QtBot) -> WhereDoesItHurt:
    widget = WhereDoesItHurt()
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_clicking_the_temple_lists_the_points_that_send_pain_there(
    where: WhereDoesItHurt, qtbot: QtBot
) -> None:
    side = where.body_view("head-side")
    target = side.to_widget(*_zone_centre("head-side", "zone-temple"))
    with qtbot.waitSignal(where.zoneChosen) as chosen:
        qtbot.mouseClick(side, Qt.MouseButton.LeftButton, pos=target.toPoint())
    assert chosen.args == ["zone-temple"]
    listed = where.listed_points()
    assert {"temporalis.1", "temporalis.2", "upper-trapezius.1"} <= set(listed)
    kinds = [default_atlas().points[p] for p in listed]
    essential = [p.id for p in kinds if "zone-temple" in p.essential]
    assert listed[: len(essential)] == essential, "main patterns come first"
    assert listed.index("suboccipitals.1") >= len(essential)
    assert "Not a diagnosis" in where.notice.text() and where.notice.isVisible()
    texts = " ".join(label.text() for label in where.findChildren(type(where.notice)))
    assert "Pain at: Temple" in texts
    assert "Temporalis, front fibres" in texts
    assert "An artery runs over the temple" in texts, "each point shows its cautions"
    assert "zone-temple" in where.body_view("head-front").shown_zones()


def test_clicking_off_the_body_chooses_nothing(where: WhereDoesItHurt, qtbot: QtBot) -> None:
    side = where.body_view("head-side")
    qtbot.mouseClick(side, Qt.MouseButton.LeftButton, pos=side.to_widget(5, 5).toPoint())
    assert where.chosen_zone() is None
    assert not where.routine_button.isEnabled()


def test_the_short_routine_button_emits_a_gentle_valid_routine(
    where: WhereDoesItHurt, qtbot: QtBot
) -> None:
    where.choose_zone("zone-forehead")
    qtbot.mouseClick(where.routine_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(where.routineRequested) as requested:
        qtbot.mouseClick(where.start_button, Qt.MouseButton.LeftButton)
    _check_routine(str(requested.args[0]), "zone-forehead")


def _check_routine(text: str, zone: str) -> None:
    """The finder's routine passes the real loader cleanly, and is gentle and safe."""
    atlas = default_atlas()
    result = load_routine_text(text, atlas)
    assert result.routine is not None
    assert [d.format("finder") for d in result.diagnostics] == []
    doc = yaml.safe_load(text)
    assert "&" not in text and "*" not in text, "no anchors or aliases"
    assert doc["tpguide"] == 1
    assert set(doc) <= {"tpguide", "id", "title", "summary", "description", "author", "tags",
                        "safety", "defaults", "steps"}
    assert isinstance(doc["id"], str) and 1 <= len(doc["title"]) <= 120
    assert 1 <= len(doc["steps"]) <= 3
    muscles = set()
    for step in doc["steps"]:
        point = atlas.points[step["point"]]
        assert zone in point.zones
        assert step["side"] in SIDES and step["side"] != "together"
        assert step["tool"] in point.tools
        assert PRESSURE_WORDS[step["pressure"]] <= point.max_pressure
        assert step["pressure"] == "light"
        muscles.add(point.muscle)
    assert len(muscles) == len(doc["steps"]), "one point per muscle"
    assert all(isinstance(s, str) for s in doc["safety"])


@pytest.mark.parametrize("zone", sorted(set(default_atlas().zones) - finder.NO_ROUTINE_ZONES))
def test_every_zone_gets_a_gentle_valid_short_routine(zone: str) -> None:
    text = finder.short_routine_for(zone, default_atlas())
    _check_routine(text, zone)


@pytest.mark.parametrize("zone", ["zone-chest", "zone-sternum"])
def test_chest_and_breastbone_show_the_heart_text_and_offer_no_routine(
    where: WhereDoesItHurt, qtbot: QtBot, zone: str
) -> None:
    where.choose_zone(zone)
    assert where.listed_points() == []
    assert not where.routine_button.isEnabled()
    assert where.make_routine() == ""
    warnings = where.warning_texts()
    assert st.HEART_WARNING in warnings and st.NO_ROUTINE_HERE in warnings
    labels = where.findChildren(QLabel, "zoneWarning")
    assert labels
    qtbot.waitUntil(lambda: all(label.isVisible() for label in labels))
    assert "Caution:" not in " ".join(label.text() for label in where.findChildren(QLabel))


def test_jaw_pain_shows_the_heart_text_before_any_point(where: WhereDoesItHurt) -> None:
    where.choose_zone("zone-jaw")
    assert where.listed_points(), "jaw pain still lists its points"
    assert where.warning_texts()[0] == st.HEART_WARNING
    results = where.findChild(QLabel, "zoneWarning").parentWidget()
    layout = results.layout()
    first = layout.itemAt(0).widget()
    assert first is not None and first.objectName() == "zoneWarning"
    assert where.routine_button.isEnabled()


def test_the_atlas_browser_lights_zones_on_one_side_only(qtbot: QtBot) -> None:
    browser = AtlasBrowser()
    qtbot.addWidget(browser)
    browser.resize(1200, 700)
    browser.show()
    qtbot.waitExposed(browser)
    browser.show_point("upper-trapezius.1")
    body = browser.body
    assert body.view() == "upper-body-back" and browser.zone_side() == "right"
    # the side-of-neck zone: body right is the picture's right on a back view
    width = diagrams.view_info("upper-body-back").width
    x, y = _zone_centre("upper-body-back", "zone-neck-side")
    x = max(x, width - x)
    right, left = body.to_widget(x, y), body.to_widget(width - x, y)
    assert _redness(_pixel(body, right)) > _redness(_pixel(body, left)) + 20
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton,
                     pos=_pt(body.marker_pos("upper-trapezius.1", "left")))
    assert browser.zone_side() == "left"
    assert _redness(_pixel(body, left)) > _redness(_pixel(body, right)) + 20


def test_short_routine_for_the_neck_front_keeps_one_side_at_a_time() -> None:
    text = finder.short_routine_for("zone-throat", default_atlas())
    steps = yaml.safe_load(text)["steps"]
    scm = [s for s in steps if s["point"].startswith("sternocleidomastoid")]
    assert scm and all(s["side"] == "both" and s["tool"] == "pincer" for s in scm)


def test_zone_hit_test_prefers_the_smallest_zone_under_the_pointer() -> None:
    x, y = _zone_centre("head-side", "zone-behind-eye")
    assert diagram("head-side").zones_at(x, y)[0] == "zone-behind-eye"
    assert diagrams.body_side_at("upper-body-back", 500) == "right"
    assert ZONE_COLOUR.isValid()
