"""Sharing from the main window: print the handout, export one routine or several, import a zip.

Every file is chosen with the standard file dialogs; an imported archive is checked
member by member (nothing is extracted by name), each member's verdict is shown, and a
routine whose id is already in the person's folder asks: replace, keep both, or skip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.i18n import ngettext
from tpguide.core.library.catalog import Group, Item
from tpguide.ui.widgets.fit import fit_to_screen, wrap_rows
from tpguide.ui.widgets.plain import plain_label

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from tpguide.core.library.sharing import ArchiveVerdict, Clash, MemberVerdict, Resolution
    from tpguide.core.routines.routine import Routine

ZIP_FILTER = "*.zip"


def tr(text: str) -> str:
    return QCoreApplication.translate("MainSharing", text)


def ask_clash_resolution(parent: QWidget, clash: Clash) -> Resolution:
    """An incoming routine has an id the person's folder already holds: what now?"""
    if clash.builtin:
        return ask_builtin_resolution(parent, clash)
    incoming = clash.incoming.routine
    title = incoming.title if incoming is not None else clash.routine_id
    box = QMessageBox(QMessageBox.Icon.Question, tr("This routine is already in your routines"),
                      tr("“{title}” (id {id}) is already in your routines as {file}.\n\n"
                         "Replace yours with the imported one, keep both (the imported one "
                         "gets a new id), or skip it?").format(
                          title=title, id=clash.routine_id, file=clash.existing.name),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # titles come from the archive: untrusted
    replace = box.addButton(tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
    both = box.addButton(tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton(tr("Skip"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(both)
    box.setEscapeButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return "replace" if clicked is replace else "keep-both" if clicked is both else "skip"


def ask_builtin_resolution(parent: QWidget, clash: Clash) -> Resolution:
    """An incoming routine has a built-in routine's id: imported as it is, it would be
    used instead of the built-in one (by the library, ``tpguide run`` and ``plan``)."""
    incoming = clash.incoming.routine
    title = incoming.title if incoming is not None else clash.routine_id
    box = QMessageBox(QMessageBox.Icon.Question, tr("A built-in routine has this id"),
                      tr("“{title}” has the id {id}, which a built-in routine has too. "
                         "Imported as it is, it would be used instead of the built-in "
                         "one.\n\nRename it (it gets a new id and both stay), replace the "
                         "built-in one with it for you, or skip it?").format(
                          title=title, id=clash.routine_id),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # titles come from the archive: untrusted
    rename = box.addButton(tr("Rename"), QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton(tr("Replace the built-in for me"),
                            QMessageBox.ButtonRole.DestructiveRole)
    skip = box.addButton(tr("Skip"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(rename)
    box.setEscapeButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return "keep-both" if clicked is rename else "replace" if clicked is replace else "skip"


class ChooseRoutines(QDialog):
    """A checkable list of routines to put in one zip (the one shown now is ticked)."""

    def __init__(self, items: Sequence[Item], checked: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export several routines"))
        self.items = list(items)
        col = QVBoxLayout(self)
        col.addWidget(plain_label(tr("Tick the routines to put in the zip file."), "big", self))
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Routines to export"))
        wrap_rows(self.list)  # a long title wraps rather than scrolling sideways
        where = {Group.MINE: tr("mine"), Group.BUILTIN: tr("built-in"),
                 Group.OPENED: tr("opened")}
        for item in self.items:  # the same title can be built-in and mine: say which
            row = QListWidgetItem(tr("{title}  ({where})").format(
                title=item.title, where=where[item.group]), self.list)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.path == checked
                              else Qt.CheckState.Unchecked)
        col.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(tr("Export…"))
            ok.setAccessibleName(tr("Export the ticked routines"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        fit_to_screen(self, QSize(520, 560))

    def set_checked(self, files: Sequence[Path]) -> None:
        for i, item in enumerate(self.items):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if item.path in files
                                            else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Routine]:
        out = []
        for i, item in enumerate(self.items):
            if self.list.item(i).checkState() == Qt.CheckState.Checked \
                    and item.result.routine is not None:
                out.append(item.result.routine)
        return out


def _writable(member: MemberVerdict) -> bool:
    return member.status == "ok" and member.routine is not None and member.data is not None


def verdict_lines(verdict: ArchiveVerdict, written: dict[int, Path],
                  skipped: set[str], builtin: frozenset[str] = frozenset()) -> list[str]:
    """One line per archive member (``written``: member index -> the file it became;
    ``builtin``: ids that are built-in routines' ids too)."""
    lines = []
    for index, member in enumerate(verdict.members):
        routine = member.routine
        name = member.shown_name
        if member.status == "refused":
            lines.append(tr("✗ {name}: not read ({why})").format(name=name, why=member.reason))
        elif member.status == "duplicate":
            lines.append(tr("✗ {name}: not imported: {why}").format(name=name,
                                                                   why=member.reason))
        elif member.status == "errors" or routine is None:
            first = next((d for d in member.diagnostics if d.is_error), None)
            why = first.format(name) if first is not None else tr("not a valid routine")
            lines.append(tr("✗ {name}: has errors, not imported: {why}").format(name=name,
                                                                                why=why))
        elif index in written and routine.id in builtin and written[index].name.startswith(
                f"{routine.id}."):
            lines.append(tr("✓ {name}: imported as “{title}” ({file}), used instead of the "
                            "built-in routine with this id").format(
                name=name, title=routine.title, file=written[index].name))
        elif index in written:
            lines.append(tr("✓ {name}: imported as “{title}” ({file})").format(
                name=name, title=routine.title, file=written[index].name))
        elif routine.id in skipped and routine.id in builtin:
            lines.append(tr("– {name}: skipped; the built-in one is kept").format(name=name))
        elif routine.id in skipped:
            lines.append(tr("– {name}: skipped; yours is kept").format(name=name))
        else:
            lines.append(tr("– {name}: not imported").format(name=name))
    return lines


class SharingHost(Protocol):
    """What sharing asks of the window it lives in."""

    def shown_routine(self) -> Routine | None: ...

    def say(self, message: str, ms: int = ...) -> None: ...


class SharingLibrary(Protocol):
    """The routine list: what can be exported, and where imported routines show up."""

    def items(self, group: Group | None = ...) -> list[Item]: ...

    def current(self) -> Item | None: ...

    def update_mine(self, changed: list[Path]) -> None: ...

    def select_path(self, path: Path) -> bool: ...


class MainSharing(QObject):
    """The main window's handout, export and import actions (``window.sharing``).

    ``parent`` is the window its dialogs belong to. ``ask_resolution`` is the question it
    asks about a clash; tests may replace it.
    """

    def __init__(self, host: SharingHost, library: SharingLibrary, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.library = library
        self.parent_widget = parent
        self.folder = Path.home()
        self.ask_resolution: Callable[[QWidget, Clash], Resolution] = ask_clash_resolution
        self.report: list[str] = []
        self.report_dialog: QDialog | None = None
        self.for_whom: QDialog | None = None

    def _routine(self) -> Routine | None:
        routine = self.host.shown_routine()
        if routine is None:
            self.host.say(tr("Choose a routine in the library first."))
        return routine

    # ------------------------------------------------------------------ handout
    def print_handout(self, printer: QPrinter | None = None) -> bool:
        """Print / Export PDF: who is it for?, then the print dialog (which also saves as
        PDF), then the handout. True when the question is on screen."""
        routine = self._routine()
        if routine is None:
            return False
        from tpguide.ui.handout.for_whom import ForWhomDialog

        dialog = ForWhomDialog(routine.title, self.parent_widget)
        dialog.chosen.connect(lambda name: self._print(routine, name or None, printer))
        dialog.open()
        self.for_whom = dialog
        return True

    def _print(self, routine: Routine, client: str | None, printer: QPrinter | None) -> bool:
        from tpguide.ui.handout.document import print_handout

        try:
            done = print_handout(routine, self.parent_widget, client, printer)
        except OSError as exc:
            self.host.say(tr("Could not print: {why}").format(why=exc.strerror or exc))
            return False
        if done:
            self.host.say(tr("The handout for “{title}” was sent.").format(title=routine.title))
        return done

    # ------------------------------------------------------------------ export
    def export_routine(self) -> Path | None:
        """Save the shown routine as ``<id>.tpguide.yaml``, complete in itself."""
        routine = self._routine()
        if routine is None:
            return None
        from tpguide.core.library.sharing import SUFFIX, export_routine

        shared = export_routine(routine)
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, tr("Export routine"), str(self.folder / shared.name),
            tr("tpguide routines (*{suffix})").format(suffix=SUFFIX))
        if not name:
            return None
        target = Path(name)
        if not target.name.endswith((".yaml", ".yml")):
            target = target.with_name(target.name + SUFFIX)
        return self._write(target, shared.data, tr("Exported “{title}” to {path}.").format(
            title=routine.title, path=target))

    def export_several(self) -> Path | None:
        """Tick routines, choose a file, write them as one zip."""
        items = [i for g in (Group.MINE, Group.BUILTIN, Group.OPENED)
                 for i in self.library.items(g) if i.ok]
        current = self.library.current()
        dialog = ChooseRoutines(items, current.path if current is not None else None,
                                self.parent_widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        routines = dialog.chosen()
        if not routines:
            self.host.say(tr("Nothing exported: no routine was ticked."))
            return None
        from tpguide.core.library.sharing import export_zip

        try:
            data = export_zip(routines)
        except ValueError:
            self.host.say(tr("Two of the ticked routines have the same id; tick only one "
                               "of them."))
            return None
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, tr("Export routines as a zip file"),
            str(self.folder / "tpguide-routines.zip"),
            tr("Zip files ({filter})").format(filter=ZIP_FILTER))
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")
        return self._write(target, data, ngettext("Exported {n} routine to {path}.",
                                                     "Exported {n} routines to {path}.",
                                                     len(routines)).format(
            n=len(routines), path=target))

    def _write(self, target: Path, data: bytes, message: str) -> Path | None:
        from tpguide.core.atomic_io import SHARED, write_atomic

        try:
            write_atomic(target, data, mode=SHARED)
        except OSError as exc:
            self.host.say(tr("Could not write {path}: {why}").format(
                path=target, why=exc.strerror or exc), 0)
            return None
        self.folder = target.parent
        self.host.say(message)
        return target

    # ------------------------------------------------------------------ import
    def import_dialog(self) -> list[Path]:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, tr("Import routines from a zip file"), str(self.folder),
            tr("Zip files ({filter})").format(filter=ZIP_FILTER))
        return self.import_zip(Path(name)) if name else []

    def import_zip(self, source: Path) -> list[Path]:
        """Check every member, ask about clashes, write the good ones, show each verdict."""
        from tpguide.core.library.sharing import import_routines, read_archive

        try:
            verdict = read_archive(source)
        except OSError as exc:
            self._show_report(source, [tr("Could not read {name}: {why}").format(
                name=source.name, why=exc.strerror or exc)])
            return []
        if verdict.refused is not None:
            self._show_report(source, [tr("{name} was not imported: {why}").format(
                name=source.name, why=verdict.refused)])
            return []
        self.folder = source.parent
        members = list(verdict.members)
        became: dict[int, Path] = {}
        answers: dict[str, Resolution] = {}
        try:
            outcome = import_routines(members)
            clashing = {id(c.incoming) for c in outcome.clashes}
            first = [i for i, m in enumerate(members) if _writable(m) and id(m) not in clashing]
            became.update(zip(first, outcome.written, strict=True))
            for clash in outcome.clashes:
                if clash.routine_id not in answers:
                    answers[clash.routine_id] = self.ask_resolution(self.parent_widget, clash)
            if outcome.clashes:
                again = import_routines([c.incoming for c in outcome.clashes],
                                        resolutions=answers)
                second = [i for i, m in enumerate(members) if id(m) in clashing
                          and m.routine is not None and answers[m.routine.id] != "skip"]
                became.update(zip(second, again.written, strict=True))
        except OSError as exc:
            self._show_report(source, [tr("Could not write into your routines: {why}").format(
                why=exc.strerror or exc)])
            return []
        written = [became[i] for i in sorted(became)]
        skipped = {rid for rid, answer in answers.items() if answer == "skip"}
        builtin = frozenset(c.routine_id for c in outcome.clashes if c.builtin)
        if written:
            self.library.update_mine(written)
            self.library.select_path(written[0])
        self._show_report(source, verdict_lines(verdict, became, skipped, builtin))
        return written

    def _show_report(self, source: Path, lines: list[str]) -> None:
        """Each member's verdict in a window that does not block (and stays readable)."""
        self.report = lines
        dialog = QDialog(self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(tr("Import from {name}").format(name=source.name))
        col = QVBoxLayout(dialog)
        col.addWidget(plain_label(tr("What was in {name}:").format(name=source.name), "big",
                                  dialog))
        text = QPlainTextEdit(dialog)
        text.setReadOnly(True)
        text.setPlainText("\n".join(lines))
        text.setAccessibleName(tr("Import results, one line per file"))
        col.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.close)
        col.addWidget(buttons)
        dialog.resize(640, 360)
        dialog.destroyed.connect(lambda *_: setattr(self, "report_dialog", None))
        self.report_dialog = dialog
        dialog.open()
