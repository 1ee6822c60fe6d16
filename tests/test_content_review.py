"""The clinical review of the content (issue 21), held as tests a reviewer could read.

Referral zones as Travell & Simons draw them, markers where their landmarks say, the cautions
a self-treater needs at the neck, the chest and the eye, and sources on every point. The
landmarks come from the diagram generator itself (assets/tools/make_diagrams.py), so a marker
and the bone it is described by cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tpguide import resources
from tpguide.core import safety_text as st
from tpguide.core.atlas import finder
from tpguide.core.atlas.atlas import Point, load_atlas
from tpguide.ui.library.routine_page import RoutinePage

ATLAS = load_atlas(resources.atlas_file())


def _point(pid: str) -> Point:
    return ATLAS.points[pid]


def _cautions(pid: str) -> str:
    return " ".join(_point(pid).cautions).lower()


@pytest.fixture(scope="module")
def landmarks() -> ModuleType:
    script = Path(resources.assets_dir()) / "tools" / "make_diagrams.py"
    spec = importlib.util.spec_from_file_location("make_diagrams_landmarks", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----- 1. chest, breastbone, throat, jaw and arm: the heart first ------------------------------
@pytest.mark.parametrize("zone", ["zone-chest", "zone-sternum"])
def test_the_finder_builds_nothing_for_chest_or_breastbone_and_names_the_heart(zone: str) -> None:
    assert not finder.builds_routine(zone)
    assert finder.candidates_for(zone, ATLAS) == []
    assert finder.pick_points(zone, ATLAS) == []
    with pytest.raises(ValueError, match="doctor first"):
        finder.short_routine_for(zone, ATLAS)
    warnings = finder.zone_warnings(zone)
    assert st.HEART_WARNING in warnings and st.NO_ROUTINE_HERE in warnings


@pytest.mark.parametrize("zone", ["zone-throat", "zone-jaw", "zone-front-shoulder",
                                  "zone-front-arm", "zone-inner-arm", "zone-lateral-arm",
                                  "zone-lateral-elbow", "zone-radial-forearm",
                                  "zone-thumb-index"])
def test_throat_jaw_and_arm_routines_open_with_the_heart_warning(zone: str) -> None:
    assert finder.builds_routine(zone)
    assert finder.zone_warnings(zone)[0] == st.HEART_WARNING
    doc = yaml.safe_load(finder.short_routine_for(zone, ATLAS))
    assert doc["safety"][0] == st.HEART_WARNING, "read before any point's own cautions"


def test_the_heart_warning_says_what_the_issue_asks() -> None:
    low = st.HEART_WARNING.lower()
    for words in ("chest pain", "pressure", "arm or jaw", "breathlessness", "sweating",
                  "emergency number"):
        assert words in low, words
    assert st.THROAT_WARNING in finder.zone_warnings("zone-throat")
    assert st.EYE_WARNING in finder.zone_warnings("zone-behind-eye")
    assert finder.zone_warnings("zone-temple") == ()


# ----- 3 and 4. the eye, the carotid sinus, the collarbone ------------------------------------
def test_eye_emergencies_are_named_not_explained_away() -> None:
    for text in (st.EYE_WARNING.lower(), " ".join(st.RED_FLAGS.items).lower()):
        assert "glaucoma" in text and "haloes" in text
    assert "cluster headache" in st.EYE_WARNING.lower()
    sternal = _cautions("sternocleidomastoid.sternal")
    assert "can make the eye water" not in sternal
    assert "cluster headache" in sternal and "drooping eyelid" in sternal


def test_scm_sternal_cautions_name_the_carotid_sinus() -> None:
    text = _cautions("sternocleidomastoid.sternal")
    for words in ("carotid sinus", "angle of the jaw", "slow the heart", "faint",
                  "older people", "heart disease"):
        assert words in text, words
    technique = _point("sternocleidomastoid.sternal").technique.lower()
    assert "angle of the jaw" in technique and "mid-neck" in technique


def test_scm_sternal_marker_sits_well_below_the_jaw_angle(landmarks: ModuleType) -> None:
    x, y = _point("sternocleidomastoid.sternal").at
    jaw_x, jaw_y = landmarks.JAW_ANGLE
    assert y - jaw_y >= 40, "the pinch stays off the upper front edge near the jaw angle"
    assert landmarks.x_on(landmarks.SCM_BACK_EDGE, y) < x < landmarks.x_on(
        landmarks.SCM_FRONT_EDGE, y)


def test_scm_clavicular_marker_is_mid_neck_above_the_lower_third(landmarks: ModuleType) -> None:
    point = _point("sternocleidomastoid.clavicular")
    x, y = point.at
    top = landmarks.SCM_BACK_EDGE[0][1]
    bottom = landmarks.SCM_BACK_EDGE[-1][1]
    assert y <= top + (bottom - top) * 2 / 3, "above the muscle's lower third"
    assert landmarks.x_on(landmarks.SCM_BACK_EDGE, y) < x < landmarks.x_on(
        landmarks.SCM_FRONT_EDGE, y), "on the muscle"
    assert landmarks.y_on(landmarks.CLAVICLE_SIDE, x) - y >= 60, "well clear of the collarbone"
    assert "lower third" in point.locate and "collarbone" in point.locate


# ----- 10 and diagrams: referral zones against Travell & Simons --------------------------------
def test_lower_trapezius_main_and_spillover_zones_are_the_right_way_round() -> None:
    p = _point("lower-trapezius.1")
    assert {"zone-neck-back", "zone-top-shoulder"} <= set(p.essential)
    assert "zone-medial-scapula" not in p.essential
    assert "zone-medial-scapula" in p.spillover


@pytest.mark.parametrize("pid", ["levator-scapulae.1", "levator-scapulae.2"])
def test_levator_scapulae_refers_to_the_angle_of_the_neck_first(pid: str) -> None:
    p = _point(pid)
    assert p.essential == ("zone-neck-side",)
    assert {"zone-medial-scapula", "zone-back-shoulder"} <= set(p.spillover)


def test_temporalis_back_fibres_refer_above_and_behind_the_ear() -> None:
    p = _point("temporalis.4")
    assert "zone-above-ear" in p.essential and "zone-behind-ear" in p.zones
    assert "zone-temple" not in p.zones


def test_the_eyebrow_arc_belongs_to_the_lower_masseter() -> None:
    assert not {"zone-forehead", "zone-eyebrow"} & set(_point("masseter.1").zones)
    assert "zone-eyebrow" in _point("masseter.2").spillover


def test_occipitalis_sends_no_pain_to_the_ear() -> None:
    assert not {"zone-ear", "zone-behind-ear"} & set(_point("occipitalis.1").zones)


def test_new_zones_exist_and_are_used() -> None:
    used = {z for p in ATLAS.points.values() for z in p.zones}
    for zone in ("zone-front-arm", "zone-behind-ear", "zone-above-ear", "zone-eyebrow"):
        assert zone in ATLAS.zones and zone in used, zone


# ----- moved markers ---------------------------------------------------------------------------
def test_semispinalis_sits_a_finger_s_width_below_the_skull(landmarks: ModuleType) -> None:
    point = _point("semispinalis-capitis.1")
    x, y = point.at
    below = y - landmarks.y_on(landmarks.SKULL_BASE, x)
    assert 10 <= below <= 30, f"{below:.0f} units below the skull base"
    assert "a finger's width below the skull" in point.locate


def test_suboccipitals_sit_just_under_the_skull(landmarks: ModuleType) -> None:
    x, y = _point("suboccipitals.1").at
    assert 5 <= y - landmarks.y_on(landmarks.SKULL_BASE, x) <= 25


def test_the_skull_base_lies_above_the_ear_lobes(landmarks: ModuleType) -> None:
    lobe = max(y for _, y in landmarks.head_outline()[1])  # bottom of the ear in head-back
    assert max(y for _, y in landmarks.SKULL_BASE) <= lobe - 15


def test_supraspinatus_and_levator_sit_on_the_drawn_shoulder_blade(
    landmarks: ModuleType,
) -> None:
    x, y = _point("supraspinatus.1").at
    assert landmarks.y_on(landmarks.SCAPULA_UPPER_BORDER, x) < y < landmarks.y_on(
        landmarks.SCAPULA_SPINE, x), "in the hollow between the upper border and the spine"
    lx, ly = _point("levator-scapulae.2").at
    ax, ay = landmarks.SCAPULA_SUPERIOR_ANGLE
    assert 0 < ay - ly <= 20 and abs(lx - ax) <= 15, "just above the upper inner corner"


# ----- item 10: precautions and sources --------------------------------------------------------
def test_splenius_cervicis_lower_point_has_the_upper_point_s_neck_cautions() -> None:
    lower = _cautions("splenius-cervicis.2")
    for words in ("after a neck injury or a sudden neck movement", "dizzy", "urgent help"):
        assert words in lower and words in _cautions("splenius-cervicis.1"), words


def test_neck_cautions_qualify_nausea_as_the_brief_does() -> None:
    for point in ATLAS.points.values():
        for caution in point.cautions:
            low = caution.lower()
            if "feel sick" in low or "vomit" in low:
                assert "usual migraine" in low and "dizz" in low, (point.id, caution)


def test_the_deep_masseter_caution_puts_the_bone_spur_below_and_behind_the_lobe() -> None:
    text = _cautions("masseter.3")
    assert "below and behind the ear lobe" in text and "spur of bone" in text


def test_every_point_cites_travell_and_simons_and_no_low_quality_source() -> None:
    for point in ATLAS.points.values():
        ts = [s for s in point.sources if s.startswith("Travell & Simons vol. 1")]
        assert ts, f"{point.id} does not cite Travell & Simons"
        assert all("UNCERTAIN" in s for s in ts), f"{point.id}: chapter numbers are unconfirmed"
        assert not any("low-quality" in s or "lainedita" in s for s in point.sources), point.id


def test_the_chest_view_has_pectoral_points_with_their_cautions() -> None:
    chest = [p for p in ATLAS.points.values() if p.view == "upper-body-front"]
    assert {p.id for p in chest} == {"pectoralis-major.1", "pectoralis-minor.1"}
    for p in chest:
        text = _cautions(p.id)
        assert "heart" in text and "emergency number" in text, p.id
        assert "breast" in text, p.id
        assert p.spoken and p.max_pressure <= 5
    assert "nerves" in _cautions("pectoralis-minor.1") and "vessels" in _cautions(
        "pectoralis-minor.1")


def test_the_atlas_uses_the_one_headache_rule() -> None:
    assert st.HEADACHE_RULE in _point("suboccipitals.1").cautions


# ----- item 9: the 0-10 scale where pressure first shows, and after-care ----------------------
def test_the_routine_page_explains_the_scale_under_its_pressure_column(qtbot: QtBot) -> None:
    page = RoutinePage()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    for section in (st.PRESSURE_SCALE, st.AFTER_CARE):
        assert section.title in shown
        assert all(any(item in text for text in shown) for item in section.items)
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in page.pressure_scale.findChildren(QLabel))


# ----- second review (issue 21) ----------------------------------------------------------------
def _builtin_safety_lines() -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {}
    for path in resources.builtin_routine_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines[doc["id"]] = list(doc.get("safety") or [])
    return lines


def _point_ids(routine_id: str) -> set[str]:
    for path in resources.builtin_routine_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc["id"] == routine_id:
            return {s["point"] for s in doc["steps"] if "point" in s}
    raise KeyError(routine_id)


def test_each_heart_sign_on_its_own_means_the_emergency_number() -> None:
    """Sudden chest pressure without breathlessness or sweating is still an emergency.

    Public chest-pain advice lists spreading pain, a tight or heavy chest, breathlessness or
    sweating, and pain lasting over 15 minutes as alternatives; making breathlessness or
    sweating a condition sent a crushing chest pain to "have it checked" instead.
    """
    call = st.HEART_WARNING.lower().split(". ")[0]
    assert "call your emergency number" in call
    for sign in ("spreads to the arm or jaw", "tight or heavy", "breathlessness", "sweating",
                 "more than 15 minutes"):
        assert sign in call, sign
    old = "arm or jaw with breathlessness or sweating: call"
    texts = [c for p in ATLAS.points.values() for c in p.cautions]
    texts += [line for lines in _builtin_safety_lines().values() for line in lines]
    texts += [*st.RED_FLAGS.items, *st.URGENT_CARE.items]
    assert not [t for t in texts if old in " ".join(t.lower().split())]


def test_routines_on_the_jaw_or_the_arm_name_the_heart() -> None:
    """Jaw and arm are heart zones in the finder; the built-in routines for them agree."""
    lines = _builtin_safety_lines()
    for routine_id in ("jaw-and-temples", "shoulder-pain"):
        text = " ".join(lines[routine_id]).lower()
        assert "heart" in text and "emergency number" in text, routine_id


def test_no_sight_change_alone_sends_a_migraine_aura_to_urgent_care() -> None:
    """A usual aura is a change in sight: urgent only when new, unlike it, or a sudden loss."""
    texts = [*st.STOP_RULES.items, *st.URGENT_CARE.items]
    texts += [line for lines in _builtin_safety_lines().values() for line in lines]
    for text in texts:
        low = " ".join(text.lower().split())
        if "urgent" in low and re.search(r"change(?:s)? (?:in|of) (?:your )?sight|trouble seeing",
                                         low):
            assert "usual migraine" in low, text
    assert "trouble seeing" not in " ".join(st.URGENT_CARE.items)


def test_every_temple_routine_gives_the_same_day_age_warning() -> None:
    """Temporal arteritis can take the sight: routines on the temple say when it is same-day."""
    for routine_id, lines in _builtin_safety_lines().items():
        if not any(p.startswith("temporalis") for p in _point_ids(routine_id)):
            continue
        age = [line for line in lines if "50" in line]
        assert age and all("same day" in line for line in age), routine_id


def test_the_pressure_scale_caps_every_routine_at_7() -> None:
    """Own and shared routines may ask for more than 7 (with a warning); the scale says no."""
    firm = next(item for item in st.PRESSURE_SCALE.items if item.startswith("7"))
    assert "whatever a routine says" in firm
    assert "No routine asks for more" not in firm


def test_the_deep_masseter_point_sits_in_front_of_the_jaw_joint() -> None:
    locate = _point("masseter.3").locate
    assert "in front of the jaw joint" in locate and "over the jaw joint" not in locate
    assert "or lower" not in _cautions("sternocleidomastoid.sternal"), "the pinch stays mid-neck"


def test_neck_injury_cautions_say_when_it_is_urgent_as_the_gate_does() -> None:
    """The gate sends new one-sided neck pain with headache after a jolt to urgent help."""
    for point in ATLAS.points.values():
        for caution in point.cautions:
            low = " ".join(caution.lower().split())
            if "after a neck injury or a sudden neck movement needs a medical check" in low:
                assert "urgent help" in low and "drooping eyelid" in low, point.id
    stiff = " ".join(_builtin_safety_lines()["stiff-neck"]).lower()
    assert "sudden twist" in stiff and "urgent help if it comes with a headache" in stiff
