"""The core stays Qt-free, and the display-less commands never load Qt."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tpguide" / "core"


def test_no_core_module_imports_qt() -> None:
    offenders = []
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names
                          if n.split(".")[0] in ("PySide6", "shiboken6", "tpguide") and
                          (n.startswith(("PySide6", "shiboken6", "tpguide.ui")))]
    assert offenders == []


_PROBE = """
import json, sys, runpy
sys.argv = ["tpguide"] + sys.argv[1:]
import pkgutil, importlib, tpguide.core
for mod in pkgutil.iter_modules(tpguide.core.__path__):
    importlib.import_module("tpguide.core." + mod.name)
from tpguide.cli import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}))
"""


@pytest.mark.parametrize("args", [
    ["validate", "routines/example.yaml"], ["schema"], ["points"], ["list"],
    ["points", "--refers-to", "zone-temple"], ["plan", "routines/example.yaml", "--json"],
])
def test_display_less_commands_import_no_qt(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "qt": []}
