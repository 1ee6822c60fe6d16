"""The second process's side: ``tpguide --pause``, ``--resume``, ``--skip``, ``--stop``
(from a shell or a desktop shortcut, what Wayland users bind to keys), and a second
``tpguide FILE`` or ``tpguide run`` handing itself over to the running app."""

from __future__ import annotations

import sys

from tpguide.ui.handsfree.instance import request

EXIT_OK, EXIT_FAILED = 0, 1


def send_control(action: str) -> int:
    """Hand ``action`` to the running app; says what happened on stderr."""
    answer = request({"cmd": "control", "action": action})
    if answer is None:
        sys.stderr.write("tpguide: no tpguide is running\n")
        return EXIT_FAILED
    return _told(answer)


def hand_over(message: dict[str, object]) -> int:
    """This process is the second one: the running app does ``message``; this one ends."""
    answer = request(message)
    if answer is None:
        sys.stderr.write("tpguide: tpguide is already running but does not answer; "
                         "try again in a moment\n")
        return EXIT_FAILED
    return _told(answer)


def _told(answer: dict[str, object]) -> int:
    message = str(answer.get("message") or "")
    if message:
        sys.stderr.write(f"tpguide: {message}\n")
    return EXIT_OK if answer.get("ok") else EXIT_FAILED
