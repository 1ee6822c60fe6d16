""""Assign a routine or course": the usual sharing files, saved with the client's name.

A routine goes out as its self-contained ``ID.tpguide.yaml`` and a course as its
``ID.course.yaml``, each named ``<client>-<file>`` so a folder of handouts for several
clients stays sorted. An existing file is never replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.care.summary import file_slug
from tpguide.core.courses.store import course_files
from tpguide.core.library.sharing import export_routine
from tpguide.core.routines.loader import read_limited
from tpguide.core.routines.routine import Routine
from tpguide.ui.clients.detail import tr
from tpguide.ui.widgets.fit import fit_to_screen
from tpguide.ui.widgets.plain import plain_label

Routines = Callable[[], Sequence[Routine]]


class AssignDialog(QDialog):
    """Tick routines and courses; ``write(folder)`` saves them named for the client."""

    def __init__(self, name: str, client_id: str, routines: Sequence[Routine],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slug = file_slug(name, client_id)
        self.setWindowTitle(tr("Assign a routine or course"))
        col = QVBoxLayout(self)
        col.addWidget(plain_label(tr("Assign to {name}").format(name=name or client_id[:8]),
                                  "heading", self))
        col.addWidget(plain_label(tr(
            "Tick what to give. Each is saved as its own file, named for this client "
            "({slug}-…), ready to send; the client opens it in tpguide."
        ).format(slug=self.slug), "body", self))
        self.choices = QListWidget(self)
        self.choices.setAccessibleName(tr("Routines and courses to assign"))
        for routine in routines:
            self._add(tr("Routine: {title}").format(title=routine.title), routine)
        for path in course_files():
            self._add(tr("Course: {name}").format(name=path.name), path)
        col.addWidget(self.choices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        fit_to_screen(self, QSize(520, 480))

    def _add(self, text: str, what: object) -> None:
        item = QListWidgetItem(text, self.choices)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, what)

    def chosen(self) -> list[object]:
        items = [self.choices.item(i) for i in range(self.choices.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    def write(self, folder: Path) -> list[str]:
        """Save each chosen file into ``folder``; one line per file saying what happened."""
        lines = []
        for what in self.chosen():
            if isinstance(what, Routine):
                shared = export_routine(what)
                name, data = f"{self.slug}-{shared.name}", shared.data
            else:
                assert isinstance(what, Path)
                name = f"{self.slug}-{what.name}"
                data = read_limited(what)
            target = folder / name
            if target.exists():
                lines.append(tr("{name} exists already: not replaced").format(name=name))
                continue
            try:
                write_atomic(target, data, mode=SHARED)
            except OSError as exc:
                lines.append(str(exc))
                continue
            lines.append(tr("Saved {path}").format(path=str(target)))
        return lines

    def ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Save the files in"), str(Path.home()))
        return Path(chosen) if chosen else None
