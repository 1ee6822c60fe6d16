"""The everyday install: ``pipx install`` of the built wheel and of the sdist, from the
package index pip is configured with, then the desktop entry added and taken away again,
then ``pipx uninstall``. Everything goes to temporary PIPX_HOME, PIPX_BIN_DIR and XDG
folders."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tpguide import APP_ID

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd: str | Path, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True,
                         text=True, timeout=600, check=False)
    assert out.returncode == 0, f"{cmd}\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}"
    return out


def files_under(*roots: Path) -> list[Path]:
    return sorted(p for root in roots for p in root.rglob("*"))


@pytest.mark.slow
def test_pipx_installs_the_wheel_and_the_sdist_and_leaves_nothing(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "-o", dist, ROOT)  # wheel from sdist
    wheel, sdist = next(dist.glob("tpguide-*.whl")), next(dist.glob("tpguide-*.tar.gz"))
    assert not any("schemastore" in name for name in zipfile.ZipFile(wheel).namelist())

    bin_dir, data, config = tmp_path / "bin", tmp_path / "data", tmp_path / "config"
    for folder in (bin_dir, data, config):
        folder.mkdir()
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(bin_dir),
           "PIPX_MAN_DIR": str(tmp_path / "man"), "XDG_DATA_HOME": str(data),
           "XDG_CONFIG_HOME": str(config), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    venv = tmp_path / "pipx" / "venvs" / "tpguide"

    for package in (wheel, sdist):
        run(sys.executable, "-m", "pipx", "install", "--python", sys.executable, package, env=env)
        assert sorted(p.name for p in bin_dir.iterdir()) == ["tpguide", "tpguide-gui"]
        tpguide = bin_dir / "tpguide"
        assert "install-desktop" in run(tpguide, "--help", env=env, cwd=elsewhere).stdout
        assert "tension-headache-basic" in run(tpguide, "list", env=env, cwd=elsewhere).stdout
        builtin = sorted(venv.glob("lib/python*/site-packages/tpguide/data/routines/*.yaml"))
        assert builtin, "the pipx install has no built-in routines"
        run(tpguide, "validate", *builtin, env=env, cwd=elsewhere)
        # what tpguide-gui loads first: its window module and Qt, from the pipx venv
        gui = run(venv / "bin" / "python", "-c",
                  "import tpguide.ui.app, PySide6; print(PySide6.__version__)", env=env)
        if sys.version_info < (3, 12):
            assert gui.stdout.startswith("6.") and int(gui.stdout.split(".")[1]) < 12

        run(tpguide, "install-desktop", env=env, cwd=elsewhere)
        entry = data / "applications" / f"{APP_ID}.desktop"
        assert f"Exec={venv / 'bin' / 'tpguide'} %f" in entry.read_text(encoding="utf-8")
        run(tpguide, "install-desktop", "--remove", env=env, cwd=elsewhere)
        assert files_under(data, config) == []
        run(sys.executable, "-m", "pipx", "uninstall", "tpguide", env=env)
        assert list(bin_dir.iterdir()) == [] and not venv.exists()
