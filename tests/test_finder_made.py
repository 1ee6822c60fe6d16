"""'Where does it hurt?' -> 'Make a short routine' shows what it made before anything starts."""

from __future__ import annotations

import os
import stat

import yaml
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.app_helpers import FastSessions, RealApp, open_sessions, settings
from tpguide import paths
from tpguide.core.atlas import finder as core_finder
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.library.catalog import Group
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.loader import load_routine_text
from tpguide.ui.atlas.finder import WhereDoesItHurt

ZONE = "zone-temple"




def _finder(window: object) -> WhereDoesItHurt:
    page = window.show_page("finder")  # type: ignore[attr-defined]
    assert isinstance(page, WhereDoesItHurt)
    return page


def _shown(where: WhereDoesItHurt) -> str:
    return "\n".join(label.text() for label in where.made.findChildren(QLabel)
                     if label.isVisibleTo(where.made))


def test_make_shows_points_length_and_cautions_and_starts_nothing(
    qtbot: QtBot, real_app: RealApp, fast: FastSessions
) -> None:
    settings(ask_pain_ratings=False)
    window = real_app.window()
    where = _finder(window)
    where.choose_zone(ZONE)
    where.routine_button.click()
    assert where.made_shown() and open_sessions() == []
    made = load_routine_text(core_finder.short_routine_for(ZONE, default_atlas())).routine
    assert made is not None
    text = _shown(where)
    for step in made.point_steps:
        assert default_atlas().points[step.point].name in text
    total = load_routine_text(core_finder.short_routine_for(ZONE, default_atlas())).total_seconds
    assert format_length(total or 0) in text
    assert f"{len(made.point_steps)} points" in text
    for caution in made.safety:
        assert caution in text
    with qtbot.waitSignal(window.sessionStarted):
        where.start_button.click()
    assert len(open_sessions()) == 1
    assert not where.start_button.isEnabled()  # one session at a time


def test_save_as_my_routine_keeps_it_and_a_second_save_gets_its_own_id(
    qtbot: QtBot, real_app: RealApp
) -> None:
    settings()
    window = real_app.window()
    where = _finder(window)
    for _ in range(2):
        where.choose_zone(ZONE)
        where.routine_button.click()
        where.made.save_button.click()
        assert not where.made.save_button.isEnabled()
        assert "Saved in your routines" in where.made.saved_note.text()
    files = sorted(paths.user_routines_dir().glob("*.yaml"))
    assert len(files) == 2
    umask = os.umask(0o022)
    os.umask(umask)
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o666 & ~umask}  # like exports
    ids = {yaml.safe_load(f.read_text(encoding="utf-8"))["id"] for f in files}
    assert ids == {f.stem for f in files}  # each file's id is its own name
    mine = [i for i in window.library.items(Group.MINE) if i.ok]
    assert len(mine) == 2


def test_back_returns_to_the_points_and_another_place_forgets_the_routine(
    qtbot: QtBot, real_app: RealApp
) -> None:
    settings()
    window = real_app.window()
    where = _finder(window)
    where.choose_zone(ZONE)
    where.routine_button.click()
    where.made.back_button.click()
    assert not where.made_shown() and where.routine_button.isVisible()
    where.routine_button.click()
    where.choose_zone("zone-occiput")
    assert not where.made_shown()
