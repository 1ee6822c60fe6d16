"""The layout holds: no import loops, small folders and modules, and each layer imports down only.

Read from the source with ast, never imported, so a loop hidden inside a function or under
TYPE_CHECKING counts as much as one at the top: either way the two modules cannot be read,
tested or moved apart. The checker works on a plain {module: source} mapping so the tests at
the bottom can show it catching what it claims to on a made-up package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tpguide"

MAX_MODULES_PER_FOLDER = 16
MAX_LINES_PER_MODULE = 400

QT = ("PySide6", "shiboken6")
# Top-level modules that sit below every layer: where files live, the bundled assets and the
# APP_* names of tpguide/__init__.py. Everything else at the top (cli, commands, desktop) is
# an entry point and sits above core.
LEAVES = frozenset({"tpguide", "tpguide.paths", "tpguide.resources"})
CORE = "tpguide.core"
UI = "tpguide.ui"
WIDGETS = "tpguide.ui.widgets"
# Below every ui feature, like widgets: Qt's tr() answered from the catalogue (core + Qt only).
TRANSLATION = "tpguide.ui.translation"
# Composition roots: they build the windows, so they may import every feature.
ROOTS = ("tpguide.ui.shell", "tpguide.ui.app", "tpguide.ui.run_command")


@dataclass(frozen=True)
class Edge:
    """One import statement: `source` line `line` loads `target`."""

    source: str
    target: str
    line: int

    def where(self) -> str:
        return f"{self.source}:{self.line}"


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _imported_names(node: ast.AST, module: str, is_package: bool) -> list[tuple[str, str]]:
    """(base, submodule-or-empty) for every module a node may load, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [(alias.name, "") for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = module.split(".")
            keep = len(parts) - node.level + (1 if is_package else 0)
            base = ".".join([*parts[:keep], *([base] if base else [])])
        return [(base, alias.name) for alias in node.names]
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
            return [(node.args[0].value, "")]
    return []


def import_graph(sources: Mapping[str, str], packages: Iterable[str] = ()) -> list[Edge]:
    """Every import in every module, wherever it sits: top level, function body, TYPE_CHECKING.

    `from pkg import sub` counts as importing pkg.sub when that is one of the modules, else
    as importing pkg. Imports of anything outside tpguide are kept only for Qt.
    """
    pkgs = frozenset(packages)
    edges: list[Edge] = []
    for module, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            for base, sub in _imported_names(node, module, module in pkgs):
                target = f"{base}.{sub}" if sub and f"{base}.{sub}" in sources else base
                if _within(target, "tpguide") or target.split(".")[0] in QT:
                    edges.append(Edge(module, target, getattr(node, "lineno", 0)))
    return edges


def _strong_components(nodes: Iterable[str], edges: Iterable[Edge]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: groups of modules that all reach one another."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for e in edges:
        if e.target in succ:
            succ[e.source].append(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(succ):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(succ[node]):
                work.append((node, i + 1))
                nxt = succ[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def import_cycles(modules: Iterable[str], edges: list[Edge]) -> list[str]:
    """One message per loop, naming each import inside it with its line."""
    names = set(modules)
    inner = [e for e in edges if e.target in names]
    messages = []
    for group in _strong_components(names, inner):
        members = set(group)
        loop = sorted((e for e in inner if e.source in members and e.target in members),
                      key=lambda e: (e.source, e.line))
        if len(group) > 1 or loop:
            lines = "; ".join(f"{e.where()} imports {e.target}" for e in loop)
            messages.append(f"import cycle among {', '.join(group)}: {lines}")
    return sorted(messages)


def _rule(source: str) -> tuple[str, tuple[str, ...]] | None:
    """What a module may import from tpguide and Qt, and why: None when it may import anything."""
    if _within(source, CORE):
        return "core imports only core and the top-level leaves, never ui or Qt", (CORE,)
    if source == UI or any(_within(source, r) for r in ROOTS):
        return None
    if _within(source, TRANSLATION):
        return "ui/translation imports only core and Qt", (CORE, TRANSLATION, *QT)
    if _within(source, WIDGETS):
        why = "ui/widgets imports only core, widgets, ui/translation and the top-level leaves"
        return why, (CORE, WIDGETS, TRANSLATION, *QT)
    if _within(source, UI):
        feature = ".".join(source.split(".")[:3])
        why = (f"ui feature {feature} imports only core, ui/widgets, ui/translation, itself "
               "and the leaves")
        return why, (CORE, WIDGETS, TRANSLATION, feature, *QT)
    return None


def layer_violations(edges: Iterable[Edge]) -> list[str]:
    messages = []
    for e in edges:
        rule = _rule(e.source)
        if rule is None:
            continue
        why, allowed = rule
        if e.target in LEAVES or any(_within(e.target, a) for a in allowed):
            continue
        messages.append(f"{e.where()} imports {e.target}: {why}")
    return sorted(messages)


def crowded_folders(modules: Iterable[str], packages: Iterable[str]) -> list[str]:
    """Folders with more than the maximum number of modules, __init__ not counted."""
    pkgs = set(packages)
    counts: dict[str, list[str]] = {}
    for name in modules:
        if name not in pkgs:
            counts.setdefault(name.rpartition(".")[0], []).append(name.rpartition(".")[2])
    return [f"{folder} holds {len(names)} modules (at most {MAX_MODULES_PER_FOLDER}): "
            f"{', '.join(sorted(names))}"
            for folder, names in sorted(counts.items()) if len(names) > MAX_MODULES_PER_FOLDER]


def long_modules(sources: Mapping[str, str]) -> list[str]:
    return [f"{name}:{MAX_LINES_PER_MODULE + 1} is past the limit: {len(text.splitlines())} "
            f"lines (at most {MAX_LINES_PER_MODULE})"
            for name, text in sorted(sources.items())
            if len(text.splitlines()) > MAX_LINES_PER_MODULE]


def _read_package() -> tuple[dict[str, str], frozenset[str]]:
    sources: dict[str, str] = {}
    packages: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
            packages.add(".".join(parts))
        sources[".".join(parts)] = path.read_text(encoding="utf-8")
    return sources, frozenset(packages)


SOURCES, PACKAGES = _read_package()
EDGES = import_graph(SOURCES, PACKAGES)


def test_the_reader_found_the_whole_package() -> None:
    assert {"tpguide.core.routines.loader", "tpguide.ui.shell.main_window",
            "tpguide.ui.app"} <= SOURCES.keys()
    assert any(e.source == "tpguide.ui.app" for e in EDGES)


def test_no_import_cycles() -> None:
    problems = import_cycles(SOURCES, EDGES)
    assert not problems, "\n".join(problems)


def test_layers_import_only_downwards() -> None:
    problems = layer_violations(EDGES)
    assert not problems, "\n".join(problems)


def test_no_folder_holds_more_than_16_modules() -> None:
    problems = crowded_folders(SOURCES, PACKAGES)
    assert not problems, "\n".join(problems)


def test_no_module_is_longer_than_400_lines() -> None:
    problems = long_modules(SOURCES)
    assert not problems, "\n".join(problems)


def test_the_readme_layout_table_lists_every_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {line.split("`")[1].rstrip("/") for line in readme.splitlines()
              if line.startswith("| `tpguide/")}
    folders = {str(p.relative_to(ROOT)) for p in [PACKAGE, *PACKAGE.rglob("*")]
               if p.is_dir() and (p / "__init__.py").is_file()}
    assert listed == folders


# The checker itself, on made-up packages.

def _graph(sources: dict[str, str]) -> list[Edge]:
    packages = {name.rpartition(".")[0] for name in sources} - {""}
    full = {**dict.fromkeys(packages, ""), **sources}
    return import_graph(full, packages)


def test_a_loop_through_a_function_body_and_type_checking_is_caught() -> None:
    sources = {
        "tpguide.ui.shell.window": "from tpguide.ui.shell import menus\n",
        "tpguide.ui.shell.menus": ("from typing import TYPE_CHECKING\n"
                                   "if TYPE_CHECKING:\n"
                                   "    from tpguide.ui.shell.window import Window\n"),
        "tpguide.ui.shell.alone": "def f() -> None:\n    import tpguide.ui.shell.menus\n",
    }
    assert import_cycles(sources, _graph(sources)) == [
        "import cycle among tpguide.ui.shell.menus, tpguide.ui.shell.window: "
        "tpguide.ui.shell.menus:3 imports tpguide.ui.shell.window; "
        "tpguide.ui.shell.window:1 imports tpguide.ui.shell.menus"]


def test_a_loop_through_relative_imports_and_import_module_is_caught() -> None:
    sources = {
        "tpguide.core.a.one": "from . import two\n",
        "tpguide.core.a.two": ("from importlib import import_module\n\n\n"
                               "def late() -> object:\n"
                               "    return import_module('tpguide.core.a.one')\n"),
    }
    (message,) = import_cycles(sources, _graph(sources))
    assert "tpguide.core.a.one:1 imports tpguide.core.a.two" in message
    assert "tpguide.core.a.two:5 imports tpguide.core.a.one" in message


def test_a_module_importing_itself_is_a_loop() -> None:
    sources = {"tpguide.core.x": "def f() -> None:\n    from tpguide.core import x\n"}
    assert import_cycles(sources, _graph(sources)) == [
        "import cycle among tpguide.core.x: tpguide.core.x:2 imports tpguide.core.x"]


def test_a_deep_core_module_reaching_for_qt_or_ui_is_caught() -> None:
    sources = {
        "tpguide.core.diary.deep.store": ("def f() -> None:\n"
                                          "    from PySide6.QtCore import QTimer\n"
                                          "    import tpguide.ui.widgets.theme\n"
                                          "    import shiboken6\n"
                                          "    from tpguide import paths, APP_NAME\n"),
        "tpguide.ui.widgets.theme": "",
    }
    violations = layer_violations(_graph(sources))
    assert [v.split(":")[1].split(" ")[0] for v in violations] == ["2", "3", "4"]
    assert all(v.startswith("tpguide.core.diary.deep.store:") for v in violations)


def test_a_feature_reaching_into_another_feature_or_the_shell_is_caught() -> None:
    sources = {
        "tpguide.ui.editor.window": ("from PySide6.QtWidgets import QWidget\n"
                                     "from tpguide import APP_ID, resources\n"
                                     "from tpguide.core.routines import loader\n"
                                     "from tpguide.ui.widgets import theme\n"
                                     "from tpguide.ui.editor import form\n"
                                     "from tpguide.ui.courses import files\n"
                                     "from tpguide.ui.shell import main_window\n"
                                     "from tpguide import cli\n"),
        "tpguide.ui.widgets.theme": "from tpguide.ui.session import window\n",
        "tpguide.ui.shell.main_window": "from tpguide.ui.editor import window\n",
        "tpguide.ui.app": "from tpguide.ui.courses import files\n",
        **dict.fromkeys(["tpguide.core.routines.loader", "tpguide.ui.editor.form",
                         "tpguide.ui.courses.files", "tpguide.ui.session.window",
                         "tpguide.cli", "tpguide.resources"], ""),
    }
    assert [v.split(": ")[0] for v in layer_violations(_graph(sources))] == [
        "tpguide.ui.editor.window:6 imports tpguide.ui.courses.files",
        "tpguide.ui.editor.window:7 imports tpguide.ui.shell.main_window",
        "tpguide.ui.editor.window:8 imports tpguide.cli",
        "tpguide.ui.widgets.theme:1 imports tpguide.ui.session.window"]


def test_a_crowded_folder_and_a_long_module_are_caught() -> None:
    names = [f"tpguide.ui.big.m{i:02}" for i in range(17)] + ["tpguide.ui.ok.a"]
    (crowded,) = crowded_folders(names, ["tpguide.ui.big"])
    assert crowded.startswith("tpguide.ui.big holds 17 modules")
    assert crowded_folders(names[1:], ["tpguide.ui.big"]) == []
    assert long_modules({"tpguide.x": "\n" * 400, "tpguide.y": "pass\n" * 401}) == [
        "tpguide.y:401 is past the limit: 401 lines (at most 400)"]
