"""Read the files a person hands tpguide without hanging, and only up to a bound.

Every such file (a routine, a course, a report, a backup, the settings, the diary's lock)
is opened without blocking, checked to be a regular file (a named pipe called ``x.yaml``
would otherwise hang the app), and read only up to a bound (a 2 GB settings file is not
read into memory). Writing is ``tpguide.core.atomic_io``'s; this half is kept apart so that
``tpguide validate`` reads its routine without importing the writer.
"""

from __future__ import annotations

import errno
import os
import stat

from tpguide.core.i18n import N_, _

TYPE_CHECKING = False  # neither typing nor pathlib at run time: validate reads through here
if TYPE_CHECKING:
    from os import PathLike
    from typing import BinaryIO

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)
_KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
          (stat.S_ISCHR, N_("a device")), (stat.S_ISBLK, N_("a disk device")),
          (stat.S_ISSOCK, N_("a socket")))
_SOCKET_OR_PIPE = N_("a socket or a pipe")


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a folder", "a named pipe (FIFO)")."""
    return _(next((name for test, name in _KINDS if test(mode)), N_("a special file")))


class NotAFileError(OSError):
    """``filename`` is not a regular file; ``strerror`` says what it is instead."""

    def __init__(self, path: str | PathLike[str], kind: str) -> None:
        super().__init__(errno.EINVAL, _("it is {kind}, not a file").format(kind=kind), str(path))


def open_regular(path: str | PathLike[str]) -> BinaryIO:
    """``path`` opened for reading, refused (NotAFileError) unless it is a regular file.

    The file is opened without blocking and checked after opening (no race with a
    rename): a named pipe with nobody writing to it would otherwise block for ever.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a pipe that cannot be opened so
            raise NotAFileError(path, _(_SOCKET_OR_PIPE)) from exc
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(path, file_kind(mode))
        if _READ_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str | PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file, so a caller can tell "too big"
    without reading all of it. OSError (NotAFileError for pipes, devices, folders)."""
    with open_regular(path) as handle:
        return handle.read(limit + 1)
