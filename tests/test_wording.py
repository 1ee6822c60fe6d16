"""One wording: phase words and colours, pressure, tool names, volume and clocks read the same
in the session, the editor, the routine page and the handout, because each is defined once."""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.routines import describe
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.routine import TOOLS, PointStep, RestStep, Routine, Settings
from tpguide.core.session.cues import RecordingCuePlayer
from tpguide.core.session.planner import PHASE_KINDS, format_offset, make_plan
from tpguide.core.settings import DEFAULT_VOLUME, AppSettings
from tpguide.ui.atlas.browser import AtlasBrowser
from tpguide.ui.editor.settings import PressureSpin, SettingsEditor
from tpguide.ui.editor.steps import StepListModel
from tpguide.ui.editor.views import PlanView
from tpguide.ui.widgets import theme
from tpguide.ui.widgets.step_table import StepTable

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for folder in ("tpguide", "bench") for p in (ROOT / folder).rglob("*.py"))
DESCRIBE = "tpguide/core/routines/describe.py"
THEME = "tpguide/ui/widgets/theme.py"
PHASE_HEX = {c.lower() for c in theme.PHASE_COLOURS.values()}


# --------------------------------------------------------------------------- one definition
def _trees() -> Iterator[tuple[str, ast.Module]]:
    for path in SOURCES:
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _top_level(body: list[ast.stmt]) -> Iterator[str]:
    """Names a module defines or assigns at its top level (inside if/try too; imports are uses)."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for block in ("body", "orelse", "finalbody", "handlers"):
                for inner in getattr(node, block, []):
                    yield from _top_level(inner.body if isinstance(inner, ast.ExceptHandler)
                                          else [inner])


DEFINED = {module: set(_top_level(tree.body)) for module, tree in _trees()}


@pytest.mark.parametrize(("names", "home"), [
    (("PHASE_KINDS",), "tpguide/core/session/planner.py"),
    (("PHASE_COLOURS",), THEME),
    (("phase_word",), THEME),
    (("pressure_text", "pressure_words"), DESCRIBE),
    (("TOOL_LABELS",), DESCRIBE),
    (("clamp_volume",), "tpguide/core/settings.py"),
    (("format_offset",), "tpguide/core/session/planner.py"),
    (("format_length",), "tpguide/core/routines/durations.py"),
])
def test_each_wording_is_defined_in_one_module(names: tuple[str, ...], home: str) -> None:
    assert [m for m, defined in DEFINED.items() if defined & set(names)] == [home]


def test_no_module_defines_an_ambiguous_format_clock() -> None:
    """Two clocks once shared this name with different formats; each now says what it does."""
    assert [m for m, defined in DEFINED.items() if "format_clock" in defined] == []


def _dict_keys(node: ast.Dict) -> set[str]:
    return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def _is_hex(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and \
        node.value.startswith("#") and len(node.value) == 7


def _modules_where(found: Callable[[ast.AST], bool]) -> list[str]:
    return [m for m, tree in _trees() if any(found(n) for n in ast.walk(tree))]


def test_phase_colours_and_words_are_written_in_one_module() -> None:
    def colour_table(node: ast.AST) -> bool:
        return isinstance(node, ast.Dict) and len(_dict_keys(node) & set(PHASE_KINDS)) >= 2 \
            and any(_is_hex(v) for v in node.values)

    def phase_literal(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and (
            node.value in ("GET READY", "SWITCH SIDE") or node.value.lower() == "#56b4e9")

    def many_phase_colours(tree: ast.Module) -> bool:
        found = {n.value.lower() for n in ast.walk(tree)
                 if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        return len(found & PHASE_HEX) == len(PHASE_HEX)

    assert _modules_where(colour_table) == [THEME]
    assert _modules_where(phase_literal) == [THEME]
    assert [m for m, tree in _trees() if many_phase_colours(tree)] == [THEME]


def test_tool_labels_are_written_in_one_module() -> None:
    def tool_table(node: ast.AST) -> bool:
        return isinstance(node, ast.Dict) and len(_dict_keys(node) & set(TOOLS)) >= 3

    assert _modules_where(tool_table) == [DESCRIBE]
    assert set(describe.TOOL_LABELS) == set(TOOLS)


# --------------------------------------------------------------------------- what people read
def _routine(*settings: Settings) -> Routine:
    steps: tuple[PointStep | RestStep, ...] = tuple(
        PointStep("upper-trapezius.1", s) for s in settings)
    return Routine(id="w", title="Wording", steps=(*steps, RestStep(30)))


def test_pressure_reads_moderate_5_of_10_everywhere(qtbot: QtBot) -> None:
    spin = PressureSpin()
    qtbot.addWidget(spin)
    spin.setRange(1, 10)
    table = StepTable(default_atlas())
    qtbot.addWidget(table)
    table.set_routine(_routine(Settings(pressure=5)))
    assert theme.session_pressure(5) == "moderate, 5/10"  # the session window and routine page
    assert spin.textFromValue(5) == "moderate, 5/10"  # the editor
    assert table.item(0, 3).text() == "moderate, 5/10"  # the routine page's step table
    assert "pressure: moderate, 5/10;" in describe.settings_words(Settings())  # the handout
    assert theme.session_pressure(None) == ""  # a rest has no pressure


def test_the_editor_reads_back_the_level_it_shows_or_a_typed_number(qtbot: QtBot) -> None:
    spin = PressureSpin()
    qtbot.addWidget(spin)
    spin.setRange(1, 10)
    spin.lineEdit().setText(spin.textFromValue(7))
    spin.interpretText()
    assert spin.value() == 7
    spin.lineEdit().setText("3")
    spin.interpretText()
    assert (spin.value(), spin.text()) == (3, "light, 3/10")


def test_each_tool_has_one_label_on_every_screen_and_the_handout(qtbot: QtBot) -> None:
    editor = SettingsEditor(for_defaults=False)
    qtbot.addWidget(editor)
    combo = editor.editors["tool"]
    assert isinstance(combo, QComboBox)
    table = StepTable(default_atlas())
    qtbot.addWidget(table)
    table.set_routine(_routine(*(Settings(tool=t) for t in TOOLS)))
    for row, tool in enumerate(TOOLS):
        label = describe.TOOL_LABELS[tool]
        assert theme.tool_text(tool) == label, tool  # the session window
        assert combo.itemText(combo.findData(tool)) == label, tool  # the editor
        assert table.item(row, 4).text() == label, tool  # the routine page
        assert describe.settings_words(Settings(tool=tool)).endswith(f"use: {label}"), tool
    assert describe.TOOL_LABELS["fingers"] == "fingertips"


def test_the_atlas_names_a_point_s_tools_by_their_labels(qtbot: QtBot) -> None:
    atlas = default_atlas()
    browser = AtlasBrowser(atlas)
    qtbot.addWidget(browser)
    browser.show_point("upper-trapezius.1")
    point = atlas.get("upper-trapezius.1")
    assert point is not None and point.tools
    assert browser.detail_text("tools") == ", ".join(describe.TOOL_LABELS[t] for t in point.tools)


def test_the_editor_step_list_uses_the_same_words(qtbot: QtBot) -> None:
    from tpguide.core.routines.editing import PointDraft, RoutineDraft

    draft = RoutineDraft(id="t", title="T", steps=[
        PointDraft("upper-trapezius.1", {"pressure": 5, "tool": "fingers"})])
    model = StepListModel(draft, default_atlas())
    assert "moderate, 5/10 · fingertips" in model.describe(0)


def test_the_editor_plan_shows_the_session_s_phase_words_and_colours(qtbot: QtBot) -> None:
    view = PlanView(default_atlas())
    qtbot.addWidget(view)
    plan = make_plan(_routine(Settings(side="both", cycles=1)))
    view.show_plan(plan)
    kinds = [p.kind for p in plan.phases]
    assert set(kinds) == set(PHASE_KINDS)
    for row, kind in enumerate(kinds):
        item = view.table.item(row, 1)
        assert item.text() == theme.phase_word(kind)
        swatch = item.icon().pixmap(12, 12).toImage()
        assert swatch.pixelColor(6, 6).name().lower() == theme.PHASE_COLOURS[kind].lower()


# --------------------------------------------------------------------------- volume, clocks
@pytest.mark.parametrize(("given", "kept"), [
    (0.25, 0.25), (1.5, 1.0), (-0.2, 0.0), (0.0, 0.0), (1.0, 1.0),
    (math.nan, DEFAULT_VOLUME), (math.inf, DEFAULT_VOLUME), (-math.inf, DEFAULT_VOLUME),
    (10**400, DEFAULT_VOLUME),
])
def test_volume_is_clamped_alike_in_settings_and_players(given: float, kept: float) -> None:
    """A broken number never silences a session (it was 0 in players) nor blasts it."""
    player = RecordingCuePlayer()
    player.set_volume(given)
    assert AppSettings(volume=given).volume == kept
    assert player.volume == kept


@pytest.mark.parametrize(("seconds", "length", "offset"), [
    (740.0, "12:20", "12:20"), (62.5, "1:02", "1:02.5"), (3725.0, "1:02:05", "62:05"),
    (59.6, "1:00", "0:59.6"),
])
def test_lengths_round_to_whole_seconds_and_offsets_keep_fractions(
        seconds: float, length: str, offset: str) -> None:
    assert (format_length(seconds), format_offset(seconds)) == (length, offset)
