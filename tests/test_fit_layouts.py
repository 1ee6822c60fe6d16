"""Layouts that give long words their room: filter boxes that flow into rows of their own,
long headings on two lines, and web addresses that may break in a narrow column."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tpguide.ui.diary.tables import two_lines
from tpguide.ui.widgets.fit import FlowLayout
from tpguide.ui.widgets.plain import ZERO_WIDTH_SPACE, breakable


def _combo(parent: QWidget, *choices: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(choices))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def test_justified_filters_share_a_row_only_when_both_fit(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=6, justify=True)
    flow.setContentsMargins(0, 0, 0, 0)
    short = _combo(host, "Region")
    long = _combo(host, "a rather long tag name that needs room")
    flow.addWidget(short)
    flow.addWidget(long)
    wide = short.sizeHint().width() + long.sizeHint().width() + 40
    host.resize(wide, flow.heightForWidth(wide))
    flow.setGeometry(host.rect())
    assert short.y() == long.y()  # one row, the spare width shared out to its right edge
    assert long.geometry().right() == host.rect().right()
    narrow = long.sizeHint().width() + 10
    flow.setGeometry(host.rect().adjusted(0, 0, narrow - host.width(), 200))
    assert long.y() > short.y()  # a row each, each as wide as the column
    assert short.width() == long.width() == narrow
    assert long.width() >= long.sizeHint().width()


def test_a_long_heading_goes_on_two_balanced_lines(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    first, second = two_lines("Sessions rated before and after", label.fontMetrics()).split("\n")
    assert f"{first} {second}" == "Sessions rated before and after"
    assert abs(len(first) - len(second)) < 8
    assert two_lines("Sessions", label.fontMetrics()) == "Sessions"


def test_web_addresses_may_break_but_read_as_written() -> None:
    cited = "aberdeenchiropracticblog.com 2018/02/20 (pattern); Travell & Simons vol. 1"
    shown = breakable(cited)
    assert shown.replace(ZERO_WIDTH_SPACE, "") == cited
    assert all(len(part) <= 13 for part in shown.split()[0].split(ZERO_WIDTH_SPACE))
    assert "Travell & Simons vol. 1" in shown  # ordinary words are left alone
