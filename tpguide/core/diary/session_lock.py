"""A small file naming the process that runs a session, so a crash can be told from a live run."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from tpguide.core.atomic_io import PRIVATE, read_bounded, write_atomic

MAX_LOCK_BYTES = 4096


@dataclass(frozen=True)
class SessionLock:
    """Who holds the running session: pid, session id, and the process's start identity.

    ``token`` (boot id and start time, Linux only) tells a live process from an
    unrelated one that later got the same pid; without it only the pid is checked.
    """

    pid: int
    session_id: int
    token: str | None = None

    @classmethod
    def for_this_process(cls, session_id: int) -> SessionLock:
        return cls(os.getpid(), session_id, process_token(os.getpid()))

    def is_live(self) -> bool:
        """Whether the process that wrote this lock is still running."""
        if not pid_alive(self.pid):
            return False
        return self.token is None or self.token == process_token(self.pid)


def write_lock(path: Path, lock: SessionLock) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(asdict(lock)).encode("utf-8"), mode=PRIVATE)


def read_lock(path: Path) -> SessionLock | None:
    """The lock in ``path``, or None when there is none or it cannot be understood."""
    try:
        data = json.loads(read_bounded(path, MAX_LOCK_BYTES).decode("utf-8"))
        return _lock_from(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def remove_lock(path: Path, lock: SessionLock | None = None) -> None:
    """Remove the lock file, but only if it still says ``lock`` (when given)."""
    if lock is not None and read_lock(path) != lock:
        return
    with contextlib.suppress(OSError):
        path.unlink()


def _lock_from(data: dict[str, object]) -> SessionLock:
    pid, session_id, token = data["pid"], data["session_id"], data.get("token")
    if not isinstance(pid, int) or not isinstance(session_id, int):
        raise TypeError("pid and session_id must be integers")
    return SessionLock(pid, session_id, token if isinstance(token, str) else None)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists and has not exited (zombies count as dead)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _proc_state(pid) not in ("Z", "X")


def process_token(pid: int) -> str | None:
    """Boot id plus the process start time (Linux /proc), or None where unavailable."""
    fields = _proc_stat_fields(pid)
    boot = _read_text(Path("/proc/sys/kernel/random/boot_id"))
    if fields is None or boot is None or len(fields) < 20:
        return None
    return f"{boot.strip()}:{fields[19]}"


def _proc_state(pid: int) -> str | None:
    fields = _proc_stat_fields(pid)
    return fields[0] if fields else None


def _proc_stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state first)."""
    text = _read_text(Path(f"/proc/{pid}/stat"))
    if text is None or ")" not in text:
        return None
    return text.rsplit(")", 1)[1].split()


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists
    code = ctypes.c_ulong()
    try:
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE
