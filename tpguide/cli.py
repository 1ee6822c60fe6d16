"""The ``tpguide`` command: the GUI by default, and subcommands that need no display.

What the first argument is decides everything, in this order: a command from
``COMMANDS`` (a word such as ``plan``, or a flag such as ``--pause``), ``--help`` or
``--version``, an existing file (opened in the app, even ``-dash.yaml``), and otherwise a
mistake that is said at once (exit 2) rather than opening the app. A new subcommand or
flag is one more ``Command`` row and one ``cmd_<name>`` function in ``tpguide.commands``.

Subcommands other than ``run`` and the GUI import no Qt, so ``tpguide validate``
starts about as fast as ``import yaml``.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType, SimpleNamespace

from tpguide import __version__
from tpguide.core.i18n import N_, _, active_language, ngettext
from tpguide.core.record import record

TYPE_CHECKING = False  # typing is not imported at run time: validate starts without it
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, MutableMapping, Sequence

EXIT_USAGE = 2
DESCRIPTION = N_("Guided trigger point self-massage. With no command, opens the app.")
EDITORS = ("vscode", "neovim", "helix", "emacs")  # editor_setup.SETUPS' keys, without importing it


def _files(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")


def _plan(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", metavar="FILE_OR_ID")
    p.add_argument("--json", action="store_true", help=_("machine-readable plan"))


def _points(p: argparse.ArgumentParser) -> None:
    p.add_argument("--refers-to", metavar="ZONE", help=_("only points that send pain to ZONE"))


def _new(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="source", metavar="ID", help=_("start from this routine"))


def _routine(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", metavar="FILE_OR_ID")


def _handout(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", metavar="FILE_OR_ID")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--for", dest="client", metavar="NAME", help=_("who the handout is for"))
    p.add_argument("--page", choices=("a4", "letter"), default="a4")


def _install_desktop(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-home", metavar="DIR", help=_("instead of $XDG_DATA_HOME"))
    p.add_argument("--config-home", metavar="DIR", help=_("instead of $XDG_CONFIG_HOME"))
    p.add_argument("--remove", action="store_true", help=_("remove everything it installed"))


def _editor_setup(p: argparse.ArgumentParser) -> None:
    p.add_argument("editor", nargs="?", choices=EDITORS,
                   help=_("print (or with --write, add) this editor's setting"))
    p.add_argument("--write", action="store_true",
                   help=_("add the setting to the editor's own settings file"))


def _schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("--report", action="store_true",
                   help=_("the progress report's schema instead"))


def _report(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.tpguide-report")
    p.add_argument("--for", dest="client", metavar="NAME",
                   help=_("your name, as the therapist knows you"))
    p.add_argument("--since", metavar="YYYY-MM-DD",
                   help=_("first day (default: your first entry)"))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=_("last day (default: today)"))
    p.add_argument("--pdf", action="store_true", help=_("a readable PDF for a doctor instead"))
    p.add_argument("--no-notes", action="store_true", help=_("leave your notes out"))


def _clients(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("import", help=_("add clients' reports")).add_argument(
        "files", nargs="+", metavar="FILE")
    sub.add_parser("list", help=_("every client with their numbers"))
    sub.add_parser("show", help=_("one client's report")).add_argument(
        "client", metavar="NAME_OR_ID")
    remove = sub.add_parser("remove", help=_("delete a client and all their data"))
    remove.add_argument("client", metavar="NAME_OR_ID")
    remove.add_argument("--yes", action="store_true", help=_("really delete"))


def _backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.tpguide-backup")


def _restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.tpguide-backup")
    p.add_argument("--replace", action="store_true",
                   help=_("keep this home's data aside in a folder, then restore"))


def _nothing(p: argparse.ArgumentParser) -> None:
    """A command without arguments."""


@record(frozen=True)
class Command:
    """One row of the command table.

    ``name`` is what the person types first: a word (``plan``) or a flag (``--pause``).
    ``arguments`` adds the rest to the command's own parser; the function that runs it
    is ``tpguide.commands.cmd_<name>`` (dashes become underscores, leading ones dropped).
    """

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None] = _nothing

    @property
    def handler(self) -> str:
        return "cmd_" + self.name.lstrip("-").replace("-", "_")


COMMANDS: tuple[Command, ...] = (
    Command("validate", N_("check routine (and course) files"), _files),
    Command("plan", N_("print a routine's timed phases"), _plan),
    Command("schema", N_("print the routine (or report) JSON Schema"), _schema),
    Command("editor-setup", N_("let a YAML editor check routines as you type"), _editor_setup),
    Command("points", N_("list the atlas's trigger points"), _points),
    Command("list", N_("list built-in and your own routines")),
    Command("new", N_("write a starter routine that validates"), _new),
    Command("run", N_("open straight into a guided session"), _routine),
    Command("handout", N_("print a routine as a PDF handout"), _handout),
    Command("report", N_("a progress report for your therapist (or --pdf for a doctor)"),
            _report),
    Command("clients", N_("a therapist's clients: import, list, show, remove"), _clients),
    Command("backup", N_("save routines, courses, diary and settings in one file"), _backup),
    Command("restore", N_("put a backup in place on this computer"), _restore),
    Command("install-desktop", N_("add tpguide to the desktop's menu, file types and "
            "course reminders"), _install_desktop),
    Command("remind", N_("notify of course sessions due today (run by a timer)")),
    Command("--pause", N_("pause the running session")),
    Command("--resume", N_("start or resume the running session")),
    Command("--skip", N_("skip the running session's phase")),
    Command("--stop", N_("ask to stop the running session; again within 8 s stops it")),
)
_GLOBAL_OPTIONS = ("-h", "--help", "--version")


def find_command(name: str) -> Command | None:
    return next((c for c in COMMANDS if c.name == name), None)


ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("expected one argument"),
    N_("expected at least one argument"), N_("expected at most one argument"),
    N_("argument %(argument_name)s: %(message)s"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
)
"""argparse's own words a person reads, in the catalogue: argparse looks them up with
gettext's global functions, which ``_speak_argparse`` points at ours. "%(prog)s: error:" is left out
on purpose: the word "error:" stays English for scripts and editors."""


def _speak_argparse(module: ModuleType) -> None:
    """argparse in the reader's language ("uso:", "opciones") where the catalogue has the words."""
    if active_language() != "en":
        # argparse did ``from gettext import gettext as _, ngettext``: point those at ours
        vars(module).update({"_": _, "ngettext": ngettext})


def _overview() -> argparse.ArgumentParser:
    import argparse

    _speak_argparse(argparse)

    width = max(len(c.name) for c in COMMANDS) + 2
    listing = "\n".join(f"  {c.name:<{width}}{_(c.help)}" for c in COMMANDS)
    parser = argparse.ArgumentParser(
        prog="tpguide", usage="tpguide [FILE] | tpguide COMMAND [ARGS...]",
        description=_(DESCRIPTION), formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_("commands:\n{listing}\n\n'tpguide COMMAND --help' tells more about "
                 "one.").format(listing=listing))
    parser.add_argument("--version", action="version", version=f"tpguide {__version__}")
    return parser


def _parser(command: Command) -> argparse.ArgumentParser:
    import argparse

    _speak_argparse(argparse)

    parser = argparse.ArgumentParser(prog=f"tpguide {command.name}",
                                     description=_(command.help))
    command.arguments(parser)
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
    from tpguide.core.i18n import system_language, use_language

    use_language(system_language())  # the app may switch to the language chosen in Settings
    args = list(sys.argv[1:] if argv is None else argv)
    _refresh_editor_schema()
    first = args[0] if args else None
    command = find_command(first) if first is not None else None
    if command is not None:
        return run_command(command, args[1:])
    if first is not None and first in _GLOBAL_OPTIONS:
        _overview().parse_args(args)  # prints the help or the version and exits
    if first is None or os.path.exists(first):
        from tpguide.ui.app import run_gui

        return run_gui(first)
    return _unknown(first)


def _refresh_editor_schema() -> None:
    """A newer tpguide brings the editors' schema copy up to date; one stat when unused."""
    from tpguide import paths

    if os.path.exists(paths.editor_schema_location()):
        from tpguide.editor_setup import refresh_schema_copy

        refresh_schema_copy()


def run_command(command: Command, rest: list[str]) -> int:
    from tpguide import commands

    if command.name == "validate" and rest and not any(f.startswith("-") for f in rest):
        # The common path skips argparse: validate should start as fast as 'import yaml'.
        return commands.cmd_validate(SimpleNamespace(files=rest))  # type: ignore[arg-type]
    parsed = _parser(command).parse_args(rest)
    result: int = getattr(commands, command.handler)(parsed)
    return result


def _unknown(word: str) -> int:
    """Say so at once (no window opens for a typo), with the nearest command if any."""
    import difflib

    from tpguide.core.routines.diagnostics import quote

    close = difflib.get_close_matches(word, [c.name for c in COMMANDS], n=1)
    hint = _("; did you mean '{name}'?").format(name=close[0]) if close else ""
    said = (_("no such option: {word}") if word.startswith("-")
            else _("no such command or file: {word}"))
    sys.stderr.write("tpguide: " + said.format(word=quote(word, 80)) + hint + "\n"
                     + _("Run 'tpguide --help' for the commands.") + "\n")
    return EXIT_USAGE


def entry() -> None:
    """The console script: ``main``, ending quietly when the reader of the output left.

    ``tpguide plan ID | head -1`` closes the pipe early; like other Python tools, the
    command then stops without a traceback and exits with status 1.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    sys.exit(code)


def _closed_pipe() -> int:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 1


if __name__ == "__main__":
    entry()
