"""The desktop entry and file types install where a desktop looks, and are valid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tpguide import APP_ID, resources


def test_desktop_entry_is_valid_and_claims_routine_files() -> None:
    entry = resources.asset(f"desktop/{APP_ID}.desktop")
    assert shutil.which("desktop-file-validate"), "install desktop-file-utils (.ci/install-deps)"
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    text = entry.read_text(encoding="utf-8")
    assert "MimeType=application/x-tpguide-routine;" in text
    assert f"StartupWMClass={APP_ID}" in text
    mime = resources.asset(f"desktop/{APP_ID}.xml").read_text(encoding="utf-8")
    assert 'glob pattern="*.tpguide.yaml"' in mime


def test_install_desktop_writes_entry_mime_and_icon(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "tpguide", "install-desktop", "--data-home",
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert entry.is_file() and "Exec=" in entry.read_text(encoding="utf-8")
    assert (tmp_path / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()


def test_appstream_metainfo_names_the_app_and_its_file_types() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(resources.asset(f"desktop/{APP_ID}.metainfo.xml")).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    types = [m.text for m in root.iter("mediatype")]
    assert "application/x-tpguide-routine" in types
    assert "no promise of relief" in ET.tostring(root, encoding="unicode")
