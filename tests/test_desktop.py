"""The desktop entry and file types install where a desktop looks, and are valid."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tpguide import APP_ID, desktop, resources

ROOT = Path(__file__).resolve().parent.parent


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
    config = tmp_path / "config"
    out = subprocess.run([sys.executable, "-m", "tpguide", "install-desktop", "--data-home",
                          str(tmp_path), "--config-home", str(config)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert entry.is_file() and "Exec=" in entry.read_text(encoding="utf-8")
    assert (tmp_path / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    reminders = [p for p in config.rglob("*") if p.is_file()]  # systemd's or autostart's
    assert reminders and all("remind" in p.read_text(encoding="utf-8") for p in reminders)
    out = subprocess.run([sys.executable, "-m", "tpguide", "install-desktop", "--remove",
                          "--data-home", str(tmp_path), "--config-home", str(config)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert [p for p in tmp_path.rglob("*") if p.is_file() and "tpguide" in p.name.lower()] == []


def test_the_reminder_timer_runs_tpguide_remind_every_quarter_hour(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    written = desktop.install(tmp_path / "data", "/opt/tp guide/bin/tpguide",
                              config_home=tmp_path / "config", systemd=True, run=calls.append)
    units = tmp_path / "config" / "systemd" / "user"
    service = (units / "tpguide-remind.service").read_text(encoding="utf-8")
    timer = (units / "tpguide-remind.timer").read_text(encoding="utf-8")
    assert 'ExecStart="/opt/tp guide/bin/tpguide" remind\n' in service
    assert "Type=exec\n" in service  # stays while its notification is open
    for line in ("OnCalendar=*:0/15", "OnStartupSec=2min", "Persistent=true",
                 "WantedBy=timers.target"):
        assert line + "\n" in timer
    wants = units / "timers.target.wants" / "tpguide-remind.timer"
    assert wants.is_symlink() and wants.resolve() == (units / "tpguide-remind.timer").resolve()
    assert calls == [["systemctl", "--user", "daemon-reload"],
                     ["systemctl", "--user", "start", "tpguide-remind.timer"]]
    assert not (tmp_path / "config" / "autostart").exists()  # systemd: no autostart entry
    assert wants in written and units / "tpguide-remind.service" in written


def test_without_systemd_an_autostart_entry_checks_at_login(tmp_path: Path) -> None:
    desktop.install(tmp_path / "data", "/usr/bin/tpguide", config_home=tmp_path / "config",
                    systemd=False, run=lambda args: None)
    entry = tmp_path / "config" / "autostart" / f"{APP_ID}.Remind.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "Exec=/usr/bin/tpguide remind\n" in text and "NoDisplay=true\n" in text
    assert not (tmp_path / "config" / "systemd").exists()
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                             text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout


def test_remove_takes_away_everything_install_wrote(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    calls: list[list[str]] = []
    written = desktop.install(data, "tpguide", config_home=config, systemd=True,
                              run=calls.append)
    written += desktop.install(data, "tpguide", config_home=config, systemd=False,
                               run=calls.append)  # a later install on a system without it
    (config / "autostart" / "someone-else.desktop").write_text("[Desktop Entry]\n")
    calls.clear()
    removed = desktop.remove(data, config_home=config, run=calls.append)
    assert sorted(set(removed)) == sorted(set(written))
    assert set(removed) == set(desktop.installed_files(data, config))
    assert calls == [["systemctl", "--user", "stop", "tpguide-remind.timer"],
                     ["systemctl", "--user", "daemon-reload"]]
    left = [p for p in config.rglob("*") if not p.is_dir()]
    assert left == [config / "autostart" / "someone-else.desktop"]
    for path in data.rglob("*"):  # the desktop's caches, made again without tpguide's types
        assert path.is_dir() or "tpguide" not in path.read_text(encoding="utf-8",
                                                                errors="replace"), path
    assert desktop.remove(data, config_home=config, run=calls.append) == []


def test_exec_lines_quote_what_needs_quoting() -> None:
    assert desktop.exec_line(["/usr/bin/tpguide", "remind"], desktop=True) == \
        "/usr/bin/tpguide remind"
    assert desktop.exec_line(["/home/a b/50%/$x", "remind"], desktop=False) == \
        '"/home/a b/50%%/$$x" remind'
    assert desktop.exec_line(["/home/a b/$x", "remind"], desktop=True) == \
        '"/home/a b/\\\\$x" remind'


def test_appstream_metainfo_names_the_app_and_its_file_types() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(resources.asset(f"desktop/{APP_ID}.metainfo.xml")).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    types = [m.text for m in root.iter("mediatype")]
    assert "application/x-tpguide-routine" in types
    assert "no promise of relief" in ET.tostring(root, encoding="unicode")


def test_both_desktop_validators_pass_on_what_install_writes(tmp_path: Path) -> None:
    """desktop-file-validate and appstreamcli come with .ci/install-deps: run both."""
    from tpguide.desktop import install

    written = install(tmp_path / "data", executable="/opt/some where/tpguide",
                      config_home=tmp_path / "config")
    entry = next(p for p in written if p.suffix == ".desktop")
    metainfo = next(p for p in written if p.name.endswith(".metainfo.xml"))
    assert shutil.which("desktop-file-validate"), "install desktop-file-utils (.ci/install-deps)"
    assert shutil.which("appstreamcli"), "install appstream (.ci/install-deps)"
    desktop = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                             text=True, timeout=60)
    assert desktop.returncode == 0 and desktop.stdout == "", desktop.stdout
    appstream = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                               capture_output=True, text=True, timeout=60)
    problems = [line for line in appstream.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert appstream.returncode == 0 and problems == [], appstream.stdout + appstream.stderr


def test_the_metainfo_names_the_authors_and_no_person_or_address() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(resources.asset(f"desktop/{APP_ID}.metainfo.xml")).getroot()
    assert root.findtext("developer_name") == "The tpguide authors"
    assert "The tpguide authors" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    text = ET.tostring(root, encoding="unicode")
    assert "@" not in text and "http" not in text.replace("http://www.freedesktop.org", "")
    assert root.find("url") is None and root.find("update_contact") is None


def tree(*roots: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under the roots, by path."""
    found: dict[str, bytes | None] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            found[str(path)] = None if path.is_dir() else path.read_bytes()
    return found


def homes(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    config.mkdir()
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(config)}
    return data, config, env


def install_desktop(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "tpguide", "install-desktop", *args],
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_remove_takes_away_everything_install_desktop_added(tmp_path: Path) -> None:
    data, config, env = homes(tmp_path)
    install_desktop(env)
    installed = tree(data, config)
    assert str(data / "applications" / f"{APP_ID}.desktop") in installed
    assert str(data / "mime" / "mime.cache") in installed  # the database it had built
    removed = install_desktop(env, "--remove")
    assert tree(data, config) == {}
    assert f"removed {data / 'applications' / f'{APP_ID}.desktop'}" in removed.stderr
    assert install_desktop(env, "--remove").stderr == ""  # a second time: nothing to do


def test_remove_leaves_other_applications_as_they_were(tmp_path: Path) -> None:
    data, config, env = homes(tmp_path)
    other = data / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\n"
                     "MimeType=text/x-other;\n", encoding="utf-8")
    types = data / "mime" / "packages" / "other.xml"
    types.parent.mkdir(parents=True)
    types.write_text('<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/'
                     'standards/shared-mime-info"><mime-type type="text/x-other">'
                     '<glob pattern="*.other"/></mime-type></mime-info>\n', encoding="utf-8")
    (config / "keep.conf").write_text("x=1\n", encoding="utf-8")
    for tool, folder in (("update-mime-database", data / "mime"),
                         ("update-desktop-database", data / "applications")):
        subprocess.run([tool, str(folder)], check=True, capture_output=True, timeout=60)
    before = tree(data, config)
    install_desktop(env)
    assert "x-tpguide-routine" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    install_desktop(env, "--remove")
    assert tree(data, config) == before
