"""The display-less commands never load Qt, even with every core module imported.

That no core module names Qt in its source is checked by test_architecture.py; this runs the
real imports, so Qt pulled in by way of a third-party package would show too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "tpguide" / "core").rglob("*.py"))

_PROBE = """
import json, sys, runpy
sys.argv = ["tpguide"] + sys.argv[1:]
import pkgutil, importlib, tpguide.core
for mod in pkgutil.walk_packages(tpguide.core.__path__, "tpguide.core."):
    importlib.import_module(mod.name)
from tpguide.cli import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
core = sorted(m for m in sys.modules if m.startswith("tpguide.core"))
print(json.dumps({"code": code, "qt": qt, "core": core}))
"""


@pytest.mark.parametrize("args", [
    ["validate", "routines/example.yaml"], ["schema"], ["points"], ["list"],
    ["points", "--refers-to", "zone-temple"], ["plan", "routines/example.yaml", "--json"],
    ["editor-setup", "vscode"],
])
def test_display_less_commands_import_no_qt(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "qt": [], "core": CORE_MODULES}
