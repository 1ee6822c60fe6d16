"""The care-loop commands: ``report``, ``clients``, ``backup`` and ``restore``.

None of them loads Qt except ``report --pdf``. Exit status: 0 done, 1 a file that is
damaged, foreign, newer or refused, 2 misuse or a file that cannot be read or written.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tpguide.core.i18n import N_, _, ngettext, pgettext

if TYPE_CHECKING:
    import argparse

    from tpguide.core.care.build import Report
    from tpguide.core.care.clients import Client

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
NO_NAME = N_("(no name)")
HEALTH_DATA = N_("It holds health data: send it only to the person you mean it for, "
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
        return _usage("tpguide: " + _("--since and --until take a date as YYYY-MM-DD"))
    if since and until and since > until:
        return _usage("tpguide: " + _("--since is after --until"))
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
            what = ngettext("a {pages}-page PDF", "a {pages}-page PDF", pages).format(pages=pages)
        else:
            write_atomic(target, report_bytes(report), mode=SHARED)
            what = _("a progress report")
    except OSError as exc:
        _err(f"tpguide: {exc}")
        return EXIT_USAGE
    period = report["period"]
    sessions, headaches = len(report["sessions"]), len(report["headaches"])
    courses = len(report["courses"])
    counts = ", ".join((
        ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
        ngettext("{n} headache entry", "{n} headache entries", headaches).format(n=headaches),
        ngettext("{n} course", "{n} courses", courses).format(n=courses)))
    said = _("wrote {file}: {what} from {since} to {until} ({counts}).").format(
        file=target, what=what, since=period["since"], until=period["until"], counts=counts)
    _err(f"{said} {_(HEALTH_DATA)}")
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
        who = f"{done.client.name or _(NO_NAME)} ({short_id(done.client.id)})"
        if not done.changed:
            _out(f"{name}: {who}: " + _("nothing new"))
        else:
            verb = _("new client") if done.first_time else _("added")
            news = ", ".join((
                ngettext("{n} new session", "{n} new sessions", done.new_sessions).format(
                    n=done.new_sessions),
                ngettext("{n} new headache entry", "{n} new headache entries",
                         done.new_headaches).format(n=done.new_headaches)))
            _out(f"{name}: {who}: {verb}, {news}")
    return status


def _list(store: object, args: argparse.Namespace) -> int:
    from tpguide.core.care.clients import ClientStore
    from tpguide.core.care.summary import change_words, percent, short_id, summarize

    assert isinstance(store, ClientStore)
    clients = store.clients()
    if not clients:
        _err(_("No clients yet: import a report with 'tpguide clients import FILE'."))
        return EXIT_OK
    name, period, sessions = (pgettext("clients table", "name"),
                              pgettext("clients table", "period"),
                              pgettext("clients table", "sessions"))
    adherence, change = (pgettext("clients table", "adherence"),
                         pgettext("clients table", "median pain change"))
    _out(f"{name:24} {'id':8}  {period:23}  {sessions:>8}  {adherence:>9}  {change:20}  "
         + pgettext("clients table", "unwell stops"))
    for client in clients:
        s = summarize(client.report)
        flag = f"{s.unwell}  " + _("<- read first") if s.unwell else "0"
        _out(f"{_cut(client.name or _(NO_NAME), 24):24} {short_id(client.id):8}  "
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
        return _usage("tpguide: " + _("no client called {name} (see 'tpguide clients "
                                      "list')").format(name=repr(wanted)))
    if len(found) > 1:
        ids = ", ".join(f"{c.name} ({short_id(c.id)})" for c in found)
        return _usage("tpguide: " + _("{count} clients are called {name}: {ids}; give the id "
                                      "instead").format(count=len(found), name=repr(wanted),
                                                        ids=ids))
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
        return _usage("tpguide: " + _("this deletes everything kept for {name}; run again "
                                      "with --yes to do it").format(
            name=client.name or client.id))
    gone = store.remove(client.id)
    _out(ngettext("removed {name} ({count} file)", "removed {name} ({count} files)",
                  len(gone)).format(name=client.name or client.id, count=len(gone)))
    return EXIT_OK


# ------------------------------------------------------------------------- backup
def cmd_backup(args: argparse.Namespace) -> int:
    from tpguide.core.care.backup import BackupError, make_backup

    try:
        count = make_backup(Path(args.output))
    except BackupError as exc:
        _err(f"tpguide: {exc}")
        return exc.status
    _err(ngettext("wrote {file} ({count} file: routines, courses, diary, settings). It holds "
                  "health data: keep it somewhere private.",
                  "wrote {file} ({count} files: routines, courses, diary, settings). It holds "
                  "health data: keep it somewhere private.", count).format(
        file=args.output, count=count))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from tpguide.core.care.backup import BackupError, restore

    try:
        kept = restore(Path(args.file), replace=args.replace)
    except BackupError as exc:
        _err(f"tpguide: {exc}")
        return exc.status
    except OSError as exc:
        _err("tpguide: " + _("the backup could not be restored: {reason}").format(reason=exc))
        return EXIT_USAGE
    if kept is not None:
        _err(_("The data that was here is kept in {folder}.").format(folder=kept))
    _err(_("restored {file}").format(file=args.file))
    return EXIT_OK
