"""The ``tpguide`` command: the GUI by default, and subcommands that need no display.

Subcommands other than ``run`` and the GUI import no Qt, so ``tpguide validate``
starts about as fast as ``import yaml``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tpguide import __version__

SUBCOMMANDS = (
    "validate", "plan", "schema", "points", "list", "new", "run", "handout", "install-desktop",
)


if TYPE_CHECKING:
    import argparse


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="tpguide",
        description="Guided trigger point self-massage. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"tpguide {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check routine (and course) files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p = sub.add_parser("plan", help="print a routine's timed phases")
    p.add_argument("routine", metavar="FILE_OR_ID")
    p.add_argument("--json", action="store_true", help="machine-readable plan")
    sub.add_parser("schema", help="print the routine JSON Schema")
    p = sub.add_parser("points", help="list the atlas's trigger points")
    p.add_argument("--refers-to", metavar="ZONE", help="only points that send pain to ZONE")
    sub.add_parser("list", help="list built-in and your own routines")
    p = sub.add_parser("new", help="write a starter routine that validates")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="source", metavar="ID", help="start from this routine")
    p = sub.add_parser("run", help="open straight into a guided session")
    p.add_argument("routine", metavar="FILE_OR_ID")
    p = sub.add_parser("handout", help="print a routine as a PDF handout")
    p.add_argument("routine", metavar="FILE_OR_ID")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--for", dest="client", metavar="NAME", help="who the handout is for")
    p.add_argument("--page", choices=("a4", "letter"), default="a4")
    p = sub.add_parser("install-desktop", help="add tpguide to the desktop's menu and file types")
    p.add_argument("--data-home", metavar="DIR", help="instead of $XDG_DATA_HOME")
    return parser


def prefer_pulseaudio(environ: MutableMapping[str, str] | None = None,
                      platform: str = sys.platform) -> None:
    """Ask Qt for its PulseAudio backend on Linux, unless the person chose one.

    Qt 6.10+ may pick its PipeWire backend on PipeWire desktops, which others report to
    miss Bluetooth outputs and to crash when an output goes away; PipeWire's PulseAudio
    service serves the PulseAudio backend just as well. Must run before QtMultimedia loads.
    """
    env = os.environ if environ is None else environ
    if platform.startswith("linux") and not env.get("QT_AUDIO_BACKEND"):
        env["QT_AUDIO_BACKEND"] = "pulseaudio"


def main(argv: Sequence[str] | None = None) -> int:
    prefer_pulseaudio()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-")):
        from tpguide.ui.app import run_gui

        return run_gui(args_list[0] if args_list else None)
    from tpguide import commands

    files = args_list[1:]
    if args_list[0] == "validate" and files and not any(f.startswith("-") for f in files):
        # The common path skips argparse: validate should start as fast as 'import yaml'.
        return commands.cmd_validate(SimpleNamespace(files=files))  # type: ignore[arg-type]
    args = _parser().parse_args(args_list)

    handler = getattr(commands, f"cmd_{args.command.replace('-', '_')}")
    result: int = handler(args)
    return result


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
