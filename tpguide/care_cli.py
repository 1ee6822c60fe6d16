"""The care-loop commands: ``report``, ``clients``, ``backup`` and ``restore``.

None of them loads Qt except ``report --pdf``. Exit status: 0 done, 1 a file that is
damaged, foreign, newer or refused, 2 misuse or a file that cannot be read or written.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from tpguide.core.care.build import Report
    from tpguide.core.care.clients import Client

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
HEALTH_DATA = ("It holds health data: send it only to the person you mean it for, "
               "and keep a printed copy as private as a letter from your doctor.")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _day(text: str | None) -> date | None:
    """A YYYY-MM-DD option (ValueError for anything else)."""
    return None if text is None else date.fromisoformat(text)


def _usage(message: str) -> int:
    _err(message)
    return EXIT_USAGE


# ------------------------------------------------------------------------- report
def own_report(name: str, since: date | None, until: date | None, notes: bool) -> Report:
    """The person's own report, built from this home's diary and courses."""
    from tpguide.core.care.build import ReportRequest, build_report, points_from_presses
    from tpguide.core.care.identity import client_id
    from tpguide.core.courses.store import assigned_courses
    from tpguide.core.diary.store import HistoryStore

    with HistoryStore() as store:
        sessions, headaches, presses = store.sessions(), store.headaches(), store.presses()
    request = ReportRequest(name, since, until, notes)
    return build_report(request, sessions, headaches, assigned_courses(),
                        client_id=client_id(), now=datetime.now(UTC),
                        points_of=points_from_presses(presses))


def cmd_report(args: argparse.Namespace) -> int:
    from tpguide.core.atomic_io import SHARED, write_atomic
    from tpguide.core.care.build import report_bytes
    from tpguide.core.diary.store import HistoryError

    try:
        since, until = _day(args.since), _day(args.until)
    except ValueError:
        return _usage("tpguide: --since and --until take a date as YYYY-MM-DD")
    if since and until and since > until:
        return _usage("tpguide: --since is after --until")
    target = Path(args.output)
    try:
        report = own_report(args.client or "", since, until, not args.no_notes)
    except (HistoryError, OSError) as exc:
        _err(f"tpguide: {exc}")
        return EXIT_USAGE
    try:
        if args.pdf:
            from tpguide.ui.diary.doctor_report import write_doctor_pdf

            pages = write_doctor_pdf(report, target)
            what = f"a {pages}-page PDF"
        else:
            write_atomic(target, report_bytes(report), mode=SHARED)
            what = "a progress report"
    except OSError as exc:
        _err(f"tpguide: {exc}")
        return EXIT_USAGE
    period = report["period"]
    _err(f"wrote {target}: {what} from {period['since']} to {period['until']} "
         f"({len(report['sessions'])} sessions, {len(report['headaches'])} headache entries, "
         f"{len(report['courses'])} courses). {HEALTH_DATA}")
    return EXIT_OK


# ------------------------------------------------------------------------- clients
def cmd_clients(args: argparse.Namespace) -> int:
    from tpguide.core.care.clients import ClientStore

    store = ClientStore()
    action = {"import": _import, "list": _list, "show": _show, "remove": _remove}[args.action]
    status = action(store, args)
    for notice in store.notices:
        _err(f"tpguide: {notice}")
    return status


def _import(store: object, args: argparse.Namespace) -> int:
    from tpguide.core.care.clients import ClientStore
    from tpguide.core.care.reader import ReportError, read_report
    from tpguide.core.care.summary import short_id

    assert isinstance(store, ClientStore)
    status = EXIT_OK
    for name in args.files:
        try:
            done = store.import_report(read_report(Path(name)))
        except ReportError as exc:
            _err(str(exc))
            status = max(status, exc.status)
            continue
        except OSError as exc:
            _err(f"tpguide: {exc}")
            status = EXIT_USAGE
            continue
        who = f"{done.client.name or '(no name)'} ({short_id(done.client.id)})"
        if not done.changed:
            _out(f"{name}: {who}: nothing new")
        else:
            verb = "new client" if done.first_time else "added"
            _out(f"{name}: {who}: {verb}, {done.new_sessions} new sessions, "
                 f"{done.new_headaches} new headache entries")
    return status


def _list(store: object, args: argparse.Namespace) -> int:
    from tpguide.core.care.clients import ClientStore
    from tpguide.core.care.summary import change_words, percent, short_id, summarize

    assert isinstance(store, ClientStore)
    clients = store.clients()
    if not clients:
        _err("No clients yet: import a report with 'tpguide clients import FILE'.")
        return EXIT_OK
    _out(f"{'name':24} {'id':8}  {'period':23}  {'sessions':>8}  {'adherence':>9}  "
         f"{'median pain change':20}  unwell stops")
    for client in clients:
        s = summarize(client.report)
        flag = f"{s.unwell}  <- read first" if s.unwell else "0"
        _out(f"{_cut(client.name or '(no name)', 24):24} {short_id(client.id):8}  "
             f"{s.since} - {s.until}  {s.sessions:>8}  {percent(s.adherence):>9}  "
             f"{change_words(s.median_change):20}  {flag}")
    return EXIT_OK


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _one(store: object, wanted: str) -> Client | int:
    from tpguide.core.care.clients import ClientStore
    from tpguide.core.care.summary import short_id

    assert isinstance(store, ClientStore)
    found = store.find(wanted)
    if not found:
        return _usage(f"tpguide: no client called {wanted!r} (see 'tpguide clients list')")
    if len(found) > 1:
        ids = ", ".join(f"{c.name} ({short_id(c.id)})" for c in found)
        return _usage(f"tpguide: {len(found)} clients are called {wanted!r}: {ids}; "
                      "give the id instead")
    return found[0]


def _show(store: object, args: argparse.Namespace) -> int:
    from tpguide.core.care.text import client_text

    client = _one(store, args.client)
    if isinstance(client, int):
        return client
    _out(client_text(client.report))
    return EXIT_OK


def _remove(store: object, args: argparse.Namespace) -> int:
    from tpguide.core.care.clients import ClientStore

    assert isinstance(store, ClientStore)
    client = _one(store, args.client)
    if isinstance(client, int):
        return client
    if not args.yes:
        return _usage(f"tpguide: this deletes everything kept for {client.name or client.id}; "
                      "run again with --yes to do it")
    gone = store.remove(client.id)
    _out(f"removed {client.name or client.id} ({len(gone)} file{'s' if len(gone) != 1 else ''})")
    return EXIT_OK


# ------------------------------------------------------------------------- backup
def cmd_backup(args: argparse.Namespace) -> int:
    from tpguide.core.care.backup import BackupError, make_backup

    try:
        count = make_backup(Path(args.output))
    except BackupError as exc:
        _err(f"tpguide: {exc}")
        return exc.status
    _err(f"wrote {args.output} ({count} files: routines, courses, diary, settings). "
         "It holds health data: keep it somewhere private.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from tpguide.core.care.backup import BackupError, restore

    try:
        kept = restore(Path(args.file), replace=args.replace)
    except BackupError as exc:
        _err(f"tpguide: {exc}")
        return exc.status
    except OSError as exc:
        _err(f"tpguide: the backup could not be restored: {exc}")
        return EXIT_USAGE
    if kept is not None:
        _err(f"The data that was here is kept in {kept}.")
    _err(f"restored {args.file}")
    return EXIT_OK
