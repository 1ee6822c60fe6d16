"""What each ``tpguide`` subcommand does; none of these import Qt except run/handout, and
the session controls and ``remind`` import only QtCore, QtNetwork and QtDBus."""

from __future__ import annotations

import sys

from tpguide.core.i18n import N_, _, pgettext

TYPE_CHECKING = False  # neither typing, json nor pathlib: validate starts as fast as yaml
if TYPE_CHECKING:
    import argparse

    from tpguide.core.courses.model import CourseResult
    from tpguide.core.routines.diagnostics import Diagnostic
    from tpguide.core.routines.loader import LoadResult

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _cannot_read(name: str, exc: OSError) -> None:
    """Said like a diagnostic: ``error:`` stays English for editors and scripts."""
    print(f"{name}: error: " + _("cannot read the file: {reason}").format(
        reason=exc.strerror or exc), file=sys.stderr)


def _print_diagnostics(name: str, diagnostics: list[Diagnostic], stream: object) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(name), file=stream)  # type: ignore[call-overload]


def _validate_one(name: str) -> int:
    from tpguide.core.routines.loader import load_routine_file

    try:
        if name.endswith(".course.yaml"):
            from pathlib import Path

            from tpguide.core.courses.loader import load_course_file

            result: LoadResult | CourseResult = load_course_file(Path(name))
        else:
            result = load_routine_file(name)
    except OSError as exc:
        _cannot_read(name, exc)
        return EXIT_USAGE
    _print_diagnostics(name, result.diagnostics, sys.stdout)
    return EXIT_ERRORS if result.errors else EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    statuses = [_validate_one(name) for name in args.files]
    return max(statuses, default=EXIT_OK)


def _load_for_command(file_or_id: str) -> tuple[str, object] | int:
    """(name, LoadResult) for a FILE_OR_ID, or an exit status after saying why."""
    from tpguide.core.library.sources import resolve
    from tpguide.core.routines.loader import load_routine_file

    path = resolve(file_or_id)
    if path is None:
        print("tpguide: " + _("no routine file or id {name} (see 'tpguide list')").format(
            name=repr(file_or_id)), file=sys.stderr)
        return EXIT_USAGE
    try:
        return file_or_id, load_routine_file(path)
    except OSError as exc:
        _cannot_read(file_or_id, exc)
        return EXIT_USAGE


def cmd_plan(args: argparse.Namespace) -> int:
    from tpguide.core.atlas.atlas import default_atlas
    from tpguide.core.routines.loader import LoadResult
    from tpguide.core.session.planner import format_plan_text, make_plan, plan_to_json

    loaded = _load_for_command(args.routine)
    if isinstance(loaded, int):
        return loaded
    name, result = loaded
    assert isinstance(result, LoadResult)
    _print_diagnostics(name, result.diagnostics, sys.stderr)
    if result.routine is None:
        return EXIT_ERRORS
    plan = make_plan(result.routine)
    if args.json:
        import json

        print(json.dumps(plan_to_json(plan), ensure_ascii=False))
    else:
        print(format_plan_text(plan, default_atlas()))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    if getattr(args, "report", False):
        from tpguide.core.care.schema import schema_text as report_schema

        sys.stdout.write(report_schema())
        return EXIT_OK
    from tpguide.core.routines.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_editor_setup(args: argparse.Namespace) -> int:
    from tpguide import editor_setup as setup
    from tpguide.core.atomic_io import WriteError

    try:
        if args.editor is None:
            print(setup.install_schema())
            print(_("The routine schema's copy for editors. 'tpguide editor-setup EDITOR' prints "
                    "the setting for one of: {editors}.").format(editors=", ".join(setup.SETUPS)),
                  file=sys.stderr)
            return EXIT_OK
        if not args.write:
            sys.stdout.write(setup.setting_text(args.editor))
            print(_where_it_goes(args.editor), file=sys.stderr)
            return EXIT_OK
        target, changed = setup.write_setting(args.editor)
    except setup.MergeError as exc:
        print(f"tpguide: {exc}", file=sys.stderr)
        sys.stdout.write(setup.setting_text(args.editor))
        print("tpguide: " + _("the setting is above, to add by hand."), file=sys.stderr)
        return EXIT_ERRORS
    except (OSError, WriteError) as exc:
        print(f"tpguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    said = _("added the setting to {file}") if changed else _("already set up: {file}")
    print(said.format(file=target), file=sys.stderr)
    return EXIT_OK


def _where_it_goes(editor: str) -> str:
    from tpguide.editor_setup import SETUPS, xdg_config_home

    setup = SETUPS[editor]
    label, note = _(setup.label), _(setup.note) if setup.note else ""
    if setup.merge is None:
        return f"{label}: {note}."
    place = setup.settings_file(xdg_config_home())
    extra = f" ({note})" if note else ""
    return _("{editor}: this belongs in {file}{note}; 'tpguide editor-setup {name} --write' "
             "adds it there.").format(editor=label, file=place, note=extra, name=editor)


def cmd_points(args: argparse.Namespace) -> int:
    from tpguide.core.atlas.atlas import default_atlas

    atlas = default_atlas()
    if args.refers_to:
        if args.refers_to not in atlas.zones:
            known = ", ".join(sorted(atlas.zones))
            print("tpguide: " + _("unknown zone {zone}; known zones: {zones}").format(
                zone=repr(args.refers_to), zones=known), file=sys.stderr)
            return EXIT_USAGE
        from tpguide.core.atlas.finder import candidates_for, zone_warnings

        for text in zone_warnings(args.refers_to):  # heart, throat, eye: read these first
            print(f"tpguide: {_(text)}", file=sys.stderr)
        # the finder's own list: none for chest or breastbone pain, as its warning says
        kinds = {"essential": pgettext("referral", "essential"),
                 "spillover": pgettext("referral", "spillover")}
        for cand in candidates_for(args.refers_to, atlas):
            print(f"{cand.point.id:32} {kinds.get(cand.kind, cand.kind):10} {cand.point.name}")
        return EXIT_OK
    regions = {region: _(words) for region, words in REGION_WORDS.items()}
    width = max(10, *(len(words) for words in regions.values()))
    for point in atlas.points.values():
        print(f"{point.id:32} {regions.get(point.region, point.region):{width}} {point.name}")
    return EXIT_OK


REGION_WORDS = {"head": N_("Head"), "jaw": N_("Jaw"), "neck": N_("Neck"),
                "shoulder": N_("Shoulders"), "upper-back": N_("Upper back")}
"""The atlas's regions as ``tpguide points`` shows them (the same words as the windows)."""


def cmd_list(args: argparse.Namespace) -> int:
    """One line per routine; file names and titles come from anyone, so control
    characters are printed escaped, never sent to the terminal."""
    from tpguide.core.library.sources import entries
    from tpguide.core.routines.diagnostics import escape_controls as shown
    from tpguide.core.routines.durations import format_length

    origins = {True: _("built-in"), False: _("mine")}
    width = max(8, *(len(word) for word in origins.values()))
    for entry in entries():
        origin = origins[entry.builtin]
        routine = entry.result.routine
        if routine is None:
            errors = _("(has errors: tpguide validate {file})").format(file=shown(str(entry.path)))
            print(f"{shown(entry.path.stem):32} {origin:{width}} {'-':>7}  {errors}")
            continue
        length = format_length(entry.result.total_seconds or 0)
        print(f"{routine.id:32} {origin:{width}} {length:>7}  {shown(routine.title)}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tpguide.core.routines.starter import starter_text

    target = Path(args.file)
    if target.exists():
        print("tpguide: " + _("{file} exists already; choose another name").format(
            file=args.file), file=sys.stderr)
        return EXIT_USAGE
    text = starter_text(args.source, args.file)
    if text is None:
        print("tpguide: " + _("no routine with id {id} (see 'tpguide list')").format(
            id=repr(args.source)), file=sys.stderr)
        return EXIT_USAGE
    from tpguide.core.atomic_io import SHARED, WriteError, write_atomic

    try:
        write_atomic(target, text.encode("utf-8"), mode=SHARED)
    except WriteError as exc:
        print(f"tpguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(_("wrote {file}; check it with: tpguide validate {file}").format(file=args.file),
          file=sys.stderr)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from tpguide.ui.run_command import run_session

    return run_session(args.routine)


def cmd_handout(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tpguide.ui.handout.document import cli_handout

    return cli_handout(args.routine, Path(args.output), args.client, args.page)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tpguide.desktop import install, remove

    data_home = Path(args.data_home) if args.data_home else None
    config_home = Path(args.config_home) if args.config_home else None
    if args.remove:
        for path in remove(data_home, config_home=config_home):
            print(_("removed {file}").format(file=path), file=sys.stderr)
        return EXIT_OK
    for path in install(data_home, config_home=config_home):
        print(_("wrote {file}").format(file=path), file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from tpguide import care_cli

    return care_cli.cmd_report(args)


def cmd_clients(args: argparse.Namespace) -> int:
    from tpguide import care_cli

    return care_cli.cmd_clients(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from tpguide import care_cli

    return care_cli.cmd_backup(args)


def cmd_restore(args: argparse.Namespace) -> int:
    from tpguide import care_cli

    return care_cli.cmd_restore(args)


def cmd_remind(args: argparse.Namespace) -> int:
    """Run every quarter hour by a timer: when nothing is due it ends before loading Qt."""
    from datetime import UTC, datetime

    from tpguide import paths
    from tpguide.core.courses.model import CourseClock
    from tpguide.core.courses.reminding import gather, load_state, to_remind

    clock = CourseClock(lambda: datetime.now(UTC))
    state = load_state(paths.reminder_state())
    if not to_remind(clock.now(), clock.tz, state, gather(clock.today(), clock.tz)):
        return EXIT_OK
    from tpguide.ui.handsfree.remind import remind

    return remind(clock)


def _control(action: str) -> int:
    from tpguide.ui.handsfree.remote import send_control

    return send_control(action)


def cmd_pause(args: argparse.Namespace) -> int:
    return _control("pause")


def cmd_resume(args: argparse.Namespace) -> int:
    return _control("resume")


def cmd_skip(args: argparse.Namespace) -> int:
    return _control("skip")


def cmd_stop(args: argparse.Namespace) -> int:
    return _control("stop")
