"""Builds the sdist, the wheel from that sdist, installs it fresh and runs it elsewhere.

The wheel carries assets/ and routines/ under tpguide/data/; building it from
the sdist (not the checkout) is where missing files show up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False, env=env)


@pytest.mark.slow
def test_wheel_built_from_sdist_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", dist, ROOT)
    assert built.returncode == 0, built.stderr[-2000:]
    sdist = next(dist.glob("tpguide-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path / "src", filter="data")
    src = next((tmp_path / "src").iterdir())
    wheel_out = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", dist, src)
    assert wheel_out.returncode == 0, wheel_out.stderr[-2000:]
    wheel = next(dist.glob("tpguide-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tpguide/data/assets/atlas.yaml" in names
    assert "tpguide/data/routines/example.yaml" in names
    assert any(n.startswith("tpguide/data/assets/diagrams/") for n in names)
    assert not any("assets/tools" in n or "screenshots" in n for n in names)
    voice = [i for i in zipfile.ZipFile(wheel).infolist()
             if i.filename.startswith("tpguide/data/assets/voice/")]
    for language in ("en", "es"):  # every shipped voice, compressed: under 8 MB together
        assert f"tpguide/data/assets/voice/{language}/manifest.tsv" in names
        assert f"tpguide/data/assets/voice/{language}/press.ogg" in names
    assert not any(i.filename.endswith(".wav") for i in voice)
    assert sum(i.file_size for i in voice) < 8_000_000

    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv).returncode == 0
    pip = venv / "bin" / "pip"
    # Qt is not needed by these commands; installing it would only copy 400 MB.
    deps = run(pip, "install", "-q", "pyyaml", "platformdirs")
    assert deps.returncode == 0, deps.stderr[-2000:]
    inst = run(pip, "install", "-q", "--no-deps", wheel)
    assert inst.returncode == 0, inst.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exe = venv / "bin" / "tpguide"
    installed = venv / "lib"
    routines = sorted(installed.glob("python*/site-packages/tpguide/data/routines/*.yaml"))
    assert routines, "the installed wheel has no built-in routines"
    checked = run(exe, "validate", *routines, cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    schema = run(exe, "schema", cwd=elsewhere)
    assert schema.returncode == 0 and '"tpguide"' in schema.stdout
    listed = run(exe, "list", cwd=elsewhere)
    assert "tension-headache-basic" in listed.stdout
    # the catalogues ship too: the installed command speaks Spanish when asked
    assert "tpguide/data/assets/locale/es/core.mo" in names
    spanish = run(exe, "points", cwd=elsewhere, env={**os.environ, "LANGUAGE": "es"})
    assert spanish.returncode == 0 and "Trapecio superior" in spanish.stdout, spanish.stderr
