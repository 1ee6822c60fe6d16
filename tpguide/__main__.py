"""``python -m tpguide``: the same as the ``tpguide`` command."""

from __future__ import annotations

import sys

from tpguide.cli import entry, main


def gui_main() -> None:
    sys.exit(main([]))


if __name__ == "__main__":
    entry()
