"""Installs the desktop entry, file types and icon, so a double click opens a routine,
and the course reminder that runs while the app is closed.

Files go to the XDG data folder (``~/.local/share`` unless told otherwise) and the XDG
config folder (``~/.config``): a systemd user timer that runs ``tpguide remind`` every
quarter hour where systemd runs the session, otherwise an autostart entry that checks at
login. No Qt is needed. ``installed_files`` is the one list of what ``install`` may write,
so ``remove`` takes away exactly that (and the desktop's caches and folders that only
those files needed) before ``pipx uninstall``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tpguide import APP_ID, resources
from tpguide.core.i18n import N_, _, active_language

TIMER = "tpguide-remind.timer"
SERVICE = "tpguide-remind.service"
AUTOSTART = f"{APP_ID}.Remind.desktop"

Runner = Callable[[list[str]], object]
REMINDER_NAME = N_("tpguide reminders")
REMINDER_COMMENT = N_("Checks your tpguide courses for sessions due today")


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def xdg_config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def this_tpguide() -> str:
    """The running install's ``tpguide`` (a pipx venv's, say), whether its folder is on
    PATH or not; the one PATH finds otherwise."""
    beside = Path(sys.executable).parent / "tpguide"
    return str(beside) if beside.is_file() else shutil.which("tpguide") or "tpguide"


def has_systemd() -> bool:
    """Whether this session runs under systemd (sd_booted's test) with systemctl at hand."""
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def installed_files(data_home: Path, config_home: Path) -> list[Path]:
    """Everything ``install`` may write: a new kind of file is one more line here."""
    units = config_home / "systemd" / "user"
    return [
        data_home / "applications" / f"{APP_ID}.desktop",
        data_home / "mime" / "packages" / f"{APP_ID}.xml",
        data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        data_home / "metainfo" / f"{APP_ID}.metainfo.xml",
        units / SERVICE,
        units / TIMER,
        units / "timers.target.wants" / TIMER,
        config_home / "autostart" / AUTOSTART,
    ]


def exec_line(arguments: list[str], *, desktop: bool) -> str:
    """An Exec= value: arguments with spaces and the like quoted, ``%`` doubled (both
    formats use it for their own codes), ``$`` doubled for systemd, and the backslashes
    of a desktop entry escaped once more (its string rule comes before its quoting rule)."""
    out = []
    for argument in arguments:
        text = argument.replace("%", "%%")
        if not desktop:
            text = text.replace("$", "$$")
        if text and not any(c in text for c in " \t\n\"'\\><~|&;$*?#()`"):
            out.append(text)
            continue
        specials = '"`$\\' if desktop else '"\\'
        inner = "".join("\\" + c if c in specials else c for c in text)
        quoted = f'"{inner}"'
        out.append(quoted.replace("\\", "\\\\") if desktop else quoted)
    return " ".join(out)


def service_text(command: list[str]) -> str:
    return ("[Unit]\n"
            f"Description={_('tpguide: remind of course sessions due today')}\n\n"
            "[Service]\n"
            "Type=exec\n"  # it stays while its notification is open; the timer waits for it
            f"ExecStart={exec_line([*command, 'remind'], desktop=False)}\n")


def timer_text() -> str:
    return ("[Unit]\n"
            f"Description={_('tpguide: check the courses for sessions due today')}\n\n"
            "[Timer]\n"
            "OnStartupSec=2min\n"
            "OnCalendar=*:0/15\n"
            "AccuracySec=1min\n"
            "Persistent=true\n\n"
            "[Install]\n"
            "WantedBy=timers.target\n")


def _localized(key: str, text: str) -> str:
    """``Key[lang]=`` for the chosen language beside the English ``Key=`` (the desktop picks)."""
    language = active_language()
    return "" if language == "en" else f"{key}[{language}]={_(text)}\n"


def autostart_text(command: list[str]) -> str:
    return ("[Desktop Entry]\n"
            "Type=Application\n"
            f"Name={REMINDER_NAME}\n"
            f"{_localized('Name', REMINDER_NAME)}"
            f"Comment={REMINDER_COMMENT}\n"
            f"{_localized('Comment', REMINDER_COMMENT)}"
            f"Exec={exec_line([*command, 'remind'], desktop=True)}\n"
            f"Icon={APP_ID}\n"
            "Terminal=false\n"
            "NoDisplay=true\n"
            "X-GNOME-Autostart-enabled=true\n")


def install(data_home: Path | None = None, executable: str | None = None, *,
            config_home: Path | None = None, systemd: bool | None = None,
            run: Runner | None = None) -> list[Path]:
    """Copy the entry, MIME types, icon, metainfo and the reminder; return the files written.

    ``systemd`` None asks the system; ``run`` runs ``systemctl`` (tests pass a recorder).
    """
    base = data_home or xdg_data_home()
    config = config_home or xdg_config_home()
    entry_text = resources.asset(f"desktop/{APP_ID}.desktop").read_text(encoding="utf-8")
    exe = executable or this_tpguide()
    entry_text = entry_text.replace("Exec=tpguide %f",
                                    f"Exec={exec_line([exe], desktop=True)} %f")
    files = installed_files(base, config)
    targets = {
        files[0]: entry_text.encode("utf-8"),
        files[1]: resources.asset(f"desktop/{APP_ID}.xml").read_bytes(),
        files[2]: resources.asset(f"icons/{APP_ID}.svg").read_bytes(),
        files[3]: resources.asset(f"desktop/{APP_ID}.metainfo.xml").read_bytes(),
    }
    use_systemd = has_systemd() if systemd is None else systemd
    if use_systemd:
        targets[files[4]] = service_text([exe]).encode("utf-8")
        targets[files[5]] = timer_text().encode("utf-8")
    else:
        targets[files[7]] = autostart_text([exe]).encode("utf-8")
    from tpguide.core.atomic_io import SHARED, write_atomic

    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, mode=SHARED)
    written = list(targets)
    if use_systemd:
        wants = files[6]
        wants.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            wants.unlink()
        wants.symlink_to(Path("..") / TIMER)  # what 'systemctl --user enable' makes
        written.append(wants)
        _systemctl(run, ["daemon-reload"], ["start", TIMER])
    _refresh(base)
    return written


def remove(data_home: Path | None = None, *, config_home: Path | None = None,
           run: Runner | None = None) -> list[Path]:
    """Remove every file ``install`` may have written; return those that were there."""
    base = data_home or xdg_data_home()
    config = config_home or xdg_config_home()
    files = installed_files(base, config)
    timer_link = files[6]
    if timer_link.is_symlink() or timer_link.exists():
        _systemctl(run, ["stop", TIMER])
    removed = []
    for path in files:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    if timer_link in removed:
        _systemctl(run, ["daemon-reload"])
    if removed:
        _refresh(base)
        _drop_caches_of_nothing(base)
        _prune_empty_folders(files, stop_at=(base, config))
    return removed


def _systemctl(run: Runner | None, *commands: list[str]) -> None:
    """Tell the user's systemd; harmless where it is missing or not running."""
    if run is None:
        if shutil.which("systemctl") is None:
            return

        def run(args: list[str]) -> object:
            return subprocess.run(args, check=False, capture_output=True, timeout=60)

    for command in commands:
        run(["systemctl", "--user", *command])


def _refresh(base: Path) -> None:
    """Let the desktop notice the new types; harmless where the tools are missing."""
    for tool, arg in (("update-mime-database", base / "mime"),
                      ("update-desktop-database", base / "applications")):
        if shutil.which(tool) and arg.is_dir():
            subprocess.run([tool, str(arg)], check=False, capture_output=True, timeout=60)


# What update-mime-database builds from mime/packages (shared-mime-info's own list).
_MIME_DATABASE = ("XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons",
                  "magic", "mime.cache", "subclasses", "treemagic", "types", "version")


def _drop_caches_of_nothing(base: Path) -> None:
    """Delete what the desktop's tools derived from the files just removed: the MIME
    database once no package is left to build it from, its empty per-type folders,
    and the desktop entries' cache once no entry is left."""
    mime = base / "mime"
    if mime.is_dir():
        packages = mime / "packages"
        if not (packages.is_dir() and any(packages.iterdir())):
            for name in _MIME_DATABASE:
                (mime / name).unlink(missing_ok=True)
        for media in mime.iterdir():  # application/ and the like: one file per type
            if media.is_dir() and media != packages and not any(media.iterdir()):
                media.rmdir()
    applications = base / "applications"
    if applications.is_dir() and not any(applications.rglob("*.desktop")):
        (applications / "mimeinfo.cache").unlink(missing_ok=True)


def _prune_empty_folders(files: list[Path], stop_at: tuple[Path, ...]) -> None:
    """Remove the folders that held only these files, up to (not including) the XDG homes."""
    for path in files:
        folder = path.parent
        while folder not in stop_at and any(folder.is_relative_to(s) for s in stop_at):
            try:
                folder.rmdir()  # only when empty
            except FileNotFoundError:
                pass
            except OSError:
                break
            folder = folder.parent
