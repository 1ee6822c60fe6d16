"""One app process per person: a second ``tpguide`` hands its request to the first.

The first process holds a lock file beside the diary's session lock (``QLockFile``: a
crashed holder's lock is taken over) and listens on a local socket in the runtime
folder. A second ``tpguide FILE`` (a double click) asks it to open the file, a second
``tpguide run`` to start that routine, ``tpguide --pause`` to pause its session; then it
ends. So two processes never run sessions at once, and never share the session lock.

A request and its answer are one line of JSON each: ``{"cmd": "open", "path": ...}`` and
``{"ok": true, "message": "..."}``.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLockFile, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from tpguide import paths

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024
CONNECT_WAIT_MS = 5000
"""How long a second process waits for the first one to listen (it may be starting)."""
ANSWER_WAIT_MS = 15000

Request = dict[str, Any]
Handler = Callable[[Request], Request]


class InstanceLock:
    """The lock that makes this process the one; hold it until the process ends."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.instance_lock()
        self._lock: QLockFile | None = None

    def claim(self) -> bool | None:
        """True: this process is the one. False: another holds it. None: no lock possible
        here (an unwritable state folder); then the app runs on its own, as before."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("no single-instance lock in %s: %s", self.path.parent, error)
            return None
        lock = QLockFile(str(self.path))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if lock.tryLock(0):
            self._lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("no single-instance lock in %s (error %s)", self.path, lock.error())
        return None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def socket_path() -> Path | None:
    """The socket's path, in a runtime folder only this user can enter (None: unsafe)."""
    path = paths.instance_socket()
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError as error:
        log.warning("no runtime folder for tpguide: %s", error)
        return None
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not owner_ok or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning("the runtime folder %s is not private; not listening there", folder)
        return None
    return path


class InstanceServer(QObject):
    """Answers second processes with ``handler`` (set it before the event loop runs)."""

    def __init__(self, handler: Handler | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.path: Path | None = None

    def listen(self) -> bool:
        path = socket_path()
        if path is None:
            return False
        QLocalServer.removeServer(str(path))  # a socket left by a crash (we hold the lock)
        if not self.server.listen(str(path)):
            log.warning("cannot listen on %s: %s", path, self.server.errorString())
            return False
        self.path = path
        return True

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        buffer.clear()
        answer = self._answer(line)
        socket.write(json.dumps(answer).encode("utf-8") + b"\n")
        socket.flush()
        socket.disconnectFromServer()

    def _answer(self, line: bytes) -> Request:
        try:
            request = json.loads(line.decode("utf-8"))
        except ValueError:
            return {"ok": False, "message": "not a request"}
        if not isinstance(request, dict) or self.handler is None:
            return {"ok": False, "message": "not a request"}
        try:
            return self.handler(request)
        except Exception:  # a bad request must not take the running app down
            log.exception("instance request %r", request)
            return {"ok": False, "message": "the running tpguide could not do that"}


def request(message: Request, *, connect_wait_ms: int = CONNECT_WAIT_MS,
            answer_wait_ms: int = ANSWER_WAIT_MS) -> Request | None:
    """Send ``message`` to the running process; its answer, or None when none runs (or it
    does not answer in time). Runs a local event loop, so the answer may come from this
    very process (tests)."""
    path = paths.instance_socket()
    if QCoreApplication.instance() is None:
        QCoreApplication([])
    socket = QLocalSocket()
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    received = bytearray()
    answer: list[Request] = []
    waited = 0

    def read() -> None:
        received.extend(bytes(socket.readAll().data()))
        if b"\n" in received:
            try:
                found = json.loads(bytes(received.split(b"\n", 1)[0]).decode("utf-8"))
            except ValueError:
                found = None
            if isinstance(found, dict):
                answer.append(found)
            loop.quit()

    socket.readyRead.connect(read)
    socket.disconnected.connect(loop.quit)
    while True:
        socket.connectToServer(str(path))
        if socket.waitForConnected(200):
            break
        waited += 200
        if waited >= connect_wait_ms or not _lock_held():
            return None
        timer.start(100)  # the first process may still be starting: wait for it to listen
        loop.exec()
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()
    timer.start(answer_wait_ms)
    if not answer:
        loop.exec()
    timer.stop()
    socket.abort()
    return answer[0] if answer else None


def _lock_held() -> bool:
    """Whether some live process holds the instance lock (then it is worth waiting)."""
    probe = QLockFile(str(paths.instance_lock()))
    probe.setStaleLockTime(0)
    if probe.tryLock(0):
        probe.unlock()
        return False
    return True


def running() -> bool:
    """Whether an app process is there to answer (``tpguide remind`` then stays quiet)."""
    return request({"cmd": "ping"}, connect_wait_ms=0, answer_wait_ms=3000) is not None


Route = Callable[[Request], tuple[bool, str]]


def routed(routes: dict[str, Route]) -> Handler:
    """A handler from one function per ``cmd`` (``ping`` is always answered)."""

    def handle(message: Request) -> Request:
        cmd = str(message.get("cmd"))
        if cmd == "ping":
            return {"ok": True, "message": ""}
        route = routes.get(cmd)
        if route is None:
            return {"ok": False, "message": f"the running tpguide cannot do {cmd!r}"}
        ok, text = route(message)
        return {"ok": ok, "message": text}

    return handle
