"""Named pipes where a file is expected: a regression must fail, not hang the test run."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

WATCHDOG_S = 30.0


@contextlib.contextmanager
def fifo_at(path: Path) -> Iterator[Path]:
    """A named pipe at ``path`` that nobody writes to.

    Code that opens it the blocking way would wait for ever; a watchdog opens the write end
    now and then (possible only while someone is stuck reading), so such code gets an empty
    file and the test fails on its assertions instead.
    """
    os.mkfifo(path)
    stop = threading.Event()

    def free_stuck_readers() -> None:
        while not stop.wait(WATCHDOG_S):
            with contextlib.suppress(OSError):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=free_stuck_readers, daemon=True)
    watchdog.start()
    try:
        yield path
    finally:
        stop.set()
        watchdog.join()
