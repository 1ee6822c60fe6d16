"""Session text a person can read while pressing: the side large by the marker, cautions whole."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests import session_helpers as sh
from tests.test_session_view import _go, _open
from tpguide.core.atlas.atlas import default_atlas
from tpguide.ui.session.cue_column import short_caution
from tpguide.ui.widgets.body_paint import CAPTION_SCALE
from tpguide.ui.widgets.body_view import BodyView

TWO_CAUTIONS = "levator-scapulae.1"


def _in_scroll_box(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _fits(label: QWidget) -> bool:
    """Word-wrapped text fully shown: the label is as tall as its text needs."""
    return label.heightForWidth(label.width()) <= label.height()


def test_cautions_are_whole_during_get_ready_and_short_while_pressing(qtbot: QtBot) -> None:
    text = sh.QUICK.replace("upper-trapezius.1", TWO_CAUTIONS)
    clock = sh.FakeClock()
    window = _open(qtbot, clock, text)
    window.resize(1280, 800)
    window.controller.start()
    cautions = default_atlas().points[TWO_CAUTIONS].cautions
    assert len(cautions) >= 2
    label = window.column.caution_label
    assert not _in_scroll_box(label)  # nobody scrolls while pressing
    assert window.column.phase_label.text() == "GET READY"
    for caution in cautions:
        assert caution in label.text()
    qtbot.waitUntil(lambda: _fits(label), timeout=2000)
    _go(window, clock, "press")
    shown = label.text().splitlines()
    assert shown == [f"⚠ {short_caution(c)}" for c in cautions]
    assert all("…" not in line and line.endswith((".", "!", "?")) for line in shown)
    assert _fits(label)
    _go(window, clock, "switch")
    assert all(c in label.text() for c in cautions)  # hands free again: whole once more


def test_short_caution_is_the_first_sentence() -> None:
    assert short_caution("Stop if it tingles. Next time press lightly.") == "Stop if it tingles."
    assert short_caution("Keep off the spine") == "Keep off the spine"
    two = "Work behind; not in the hollow.\nMore."
    assert short_caution(two) == "Work behind; not in the hollow."


def _caption(body: BodyView) -> tuple[str, QRectF]:
    found = body.side_caption()
    assert found is not None
    return found


def test_the_side_is_written_large_beside_the_current_marker(qtbot: QtBot) -> None:
    clock = sh.FakeClock()
    window = _open(qtbot, clock)
    window.resize(1280, 800)
    window.controller.start()
    body = window.body
    for side in ("left", "right"):
        _go(window, clock, "press", side)
        text, rect = _caption(body)
        assert text == f"your {side.upper()} side"
        assert QRectF(body.rect()).contains(rect)
        marker = body.marker_pos("upper-trapezius.1", side)
        assert marker is not None
        gap = math.dist((rect.center().x(), rect.center().y()), (marker.x(), marker.y()))
        assert gap < rect.width() / 2 + body.marker_radius() * 4  # beside it, not in a corner
        assert not rect.contains(marker)  # and not over it
        letters = QFontMetricsF(body.font()).height()
        assert rect.height() >= letters * CAPTION_SCALE  # much larger than the L/R letters
    assert _dark_pixels(body, rect) > 50  # the words are really painted there


def _dark_pixels(view: QWidget, rect: QRectF) -> int:
    image = view.grab().toImage()
    box = rect.toRect()
    return sum(1 for x in range(box.left(), box.right(), 2)
               for y in range(box.top(), box.bottom(), 2)
               if image.pixelColor(x, y).lightness() < 70)


def test_no_caption_outside_a_session(qtbot: QtBot) -> None:
    view = BodyView(default_atlas())
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.set_view("upper-body-back")
    view.set_points(["upper-trapezius.1"])
    view.select_point("upper-trapezius.1")
    assert view.side_caption() is None
    view.highlight("upper-trapezius.1", "together", QColor("#D55E00"), False, "BOTH sides")
    text, rect = _caption(view)
    assert text == "BOTH sides"
    left = view.marker_pos("upper-trapezius.1", "left")
    right = view.marker_pos("upper-trapezius.1", "right")
    assert left is not None and right is not None
    assert rect.top() > max(left.y(), right.y())  # under the two markers
    view.highlight(None, "both", QColor("#D55E00"), False)
    assert view.side_caption() is None
