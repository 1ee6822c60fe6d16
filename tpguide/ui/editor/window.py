"""The routine editor window: details, steps on a diagram, live plan and YAML, save, preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tpguide.core.atlas.atlas import Atlas, default_atlas
from tpguide.core.i18n import ngettext
from tpguide.core.routines.durations import format_length
from tpguide.core.routines.editing import (
    Check,
    Effective,
    PointDraft,
    RestDraft,
    RoutineDraft,
    check,
    id_from_title,
)
from tpguide.core.routines.routine import BUILTIN_DEFAULTS, SETTING_NAMES, Routine
from tpguide.core.settings import SettingsStore
from tpguide.ui.editor.form import DetailsForm, tr
from tpguide.ui.editor.holds import HoldTimes, Presses
from tpguide.ui.editor.points import PointPicker
from tpguide.ui.editor.save import Saver
from tpguide.ui.editor.settings import SettingsEditor
from tpguide.ui.editor.step import StepEditor
from tpguide.ui.editor.steps import StepListModel, StepsPanel
from tpguide.ui.editor.views import PlanView, YamlView
from tpguide.ui.widgets.fit import SideBySide, fit_to_screen

Preview = Callable[[Routine], object]
TABS = ("details", "steps", "plan", "yaml")




def _scrolled(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def _banner() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setFrameShape(QLabel.Shape.StyledPanel)
    label.setMargin(8)
    label.hide()
    return label


class EditorWindow(QMainWindow):
    """Edits one routine draft; every change is checked at once by the real loader.

    ``path`` is the file being edited (None: new or duplicated, saved through Save As);
    ``builtin`` makes Save go to Save As in the user's folder; ``original_text`` is what
    the file held when opened (comments in it trigger a warning before saving over it).

    Signals:
        saved(object): the routine was saved to this Path (the library should refresh).
    """

    saved = Signal(object)

    def __init__(self, draft: RoutineDraft | None = None, *, path: Path | None = None,
                 original_text: str | None = None, builtin: bool = False,
                 atlas: Atlas | None = None, store: SettingsStore | None = None,
                 preview: Preview | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.atlas = atlas or default_atlas()
        self.draft = draft if draft is not None else RoutineDraft()
        # only a routine that was never saved takes its id from the title (history uses ids)
        self.id_follows_title = path is None and self.draft.id in ("", id_from_title(
            self.draft.title))
        if not self.draft.id:
            self.draft.id = id_from_title(self.draft.title)
        self.saver = Saver(self, self, path, original_text, builtin)
        # a new routine does not shout "title must not be empty" before anyone typed
        self.quiet: set[str] = set() if path is not None or self.draft.title else {
            "title", "steps"}
        self._store = store
        self._preview = preview
        self.holds: HoldTimes | None = None
        self._build()
        self.form.load(self.draft)
        self.refresh()
        self.setWindowModified(False)
        self.tabs.setCurrentIndex(0 if not self.draft.steps else 1)
        if self.draft.steps:
            self.steps.select(0)
        fit_to_screen(self, QSize(1240, 780))

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.form = DetailsForm()
        self.defaults = SettingsEditor(for_defaults=True)
        self.model = StepListModel(self.draft, self.atlas, self)
        self.steps = StepsPanel(self.model)
        self.step_editor = StepEditor(self.atlas)
        self.picker = PointPicker(self.atlas)
        self.plan_view = PlanView(self.atlas)
        self.yaml_view = YamlView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Editor sections"))
        self.tabs.tabBar().setAccessibleName(tr("Choose an editor section"))
        self.tabs.addTab(self._details_tab(), tr("Details"))
        self.tabs.addTab(self._steps_tab(), tr("Steps"))
        self.tabs.addTab(self.plan_view, tr("Plan"))
        self.tabs.addTab(self.yaml_view, tr("YAML"))
        self.banner = _banner()
        self.total = QLabel()
        self.problems = QLabel()  # quotes the routine's own text: never rich text
        for label in (self.total, self.problems):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.problems)
        self.statusBar().addPermanentWidget(self.total)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._actions()
        self._connect()

    def _details_tab(self) -> QWidget:
        group = QGroupBox(tr("Defaults for every point step"))
        box = QVBoxLayout(group)
        hint = QLabel(tr("Each point step uses these values unless it sets its own."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.defaults)
        box.addStretch(1)
        page = SideBySide(self.form, group, (5, 4))  # one above the other when too narrow
        return _scrolled(page, tr("Routine details and defaults"))

    def _steps_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.steps)
        split.addWidget(_scrolled(self.step_editor, tr("Selected step")))
        split.addWidget(self.picker)
        split.setSizes([330, 520, 360])
        split.setChildrenCollapsible(False)
        return split

    def _actions(self) -> None:
        bar = self.addToolBar(tr("Routine"))
        bar.setObjectName("editor-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_action = self._action(bar, tr("&Save"), QKeySequence.StandardKey.Save,
                                        self.saver.save)
        self.save_as_action = self._action(bar, tr("Save &As…"),
                                           QKeySequence.StandardKey.SaveAs, self.saver.save_as)
        self.preview_action = self._action(bar, tr("&Preview at 10× speed"), QKeySequence("F5"),
                                           self.preview)
        self._bar = bar
        self.close_action = self._action(bar, tr("&Close"), QKeySequence.StandardKey.Close,
                                         self.close)

    def offer_hold_times(self, presses: Presses) -> HoldTimes:
        """Add "Use my hold times…", reading the person's presses from ``presses``."""
        self.holds = HoldTimes(self, self, presses)
        self.holds_action = self._action(self._bar, tr("Use my &hold times…"), QKeySequence(),
                                         self.holds.offer)
        self._bar.insertAction(self.close_action, self.holds_action)
        return self.holds

    def _action(self, bar: QToolBar, text: str, keys: QKeySequence | QKeySequence.StandardKey,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "")
        action.setToolTip(f"{plain} ({shown})" if shown else plain)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.form.edited.connect(self._form_edited)
        self.defaults.changed.connect(self._default_edited)
        self.model.edited.connect(self.changed)
        self.steps.currentChanged.connect(lambda _row: self._show_current())
        self.step_editor.edited.connect(self._step_edited)
        self.picker.pointChosen.connect(self.add_point)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_views())

    # -- editing -------------------------------------------------------------------
    def _form_edited(self, key: str, value: object) -> None:
        setattr(self.draft, key, value)
        self.quiet.discard(key)
        if key == "id":
            self.id_follows_title = False
        elif key == "title" and self.id_follows_title:
            self.draft.id = id_from_title(str(value))
            self.form.load(self.draft)
        self.changed()

    def _default_edited(self, name: str, value: object) -> None:
        if value is None:
            self.draft.defaults.pop(name, None)
        else:
            self.draft.defaults[name] = value  # type: ignore[assignment]
        self.changed()

    def _step_edited(self, key: str, value: object) -> None:
        row = self.steps.current()
        if row < 0:
            return
        step = self.draft.steps[row]
        if isinstance(step, PointDraft) and key in SETTING_NAMES:
            if value is None:
                step.values.pop(key, None)
            else:
                step.values[key] = value  # type: ignore[assignment]
        elif isinstance(step, RestDraft) and key == "rest":
            step.seconds = float(value)  # type: ignore[arg-type]
        elif key in ("instructions", "say"):
            setattr(step, key, str(value))
        self.changed()

    def add_point(self, point_id: str) -> int:
        """Add a point step after the selected one, and select it."""
        row = self.model.insert_point(point_id, self.steps.insertion_row())
        self.steps.select(row)
        return row

    def changed(self) -> None:
        if self.draft.steps:
            self.quiet.discard("steps")
        self.setWindowModified(True)
        self.refresh()

    # -- showing -------------------------------------------------------------------
    def refresh(self) -> None:
        """Check the draft and show the result everywhere it concerns."""
        self.check: Check = check(self.draft, self.atlas)
        c = self.check
        self.model.set_check(c)
        self.form.show_issues(c, frozenset(self.quiet))
        self.steps.issues.set_issues([] if "steps" in self.quiet else c.for_key("steps"),
                                     self.steps.view)
        effective = [Effective(n, self.draft.defaults.get(n, getattr(BUILTIN_DEFAULTS, n)),
                               self.draft.default_source(n)) for n in SETTING_NAMES]
        self.defaults.show_values(effective)
        self.defaults.show_issues({n: c.for_key(f"defaults.{n}") for n in SETTING_NAMES})
        self._show_current()
        self._status()
        self._refresh_views()

    def _show_current(self) -> None:
        row = self.steps.current()
        self.step_editor.show_step(self.draft, row, self.check)
        step = self.draft.steps[row] if 0 <= row < len(self.draft.steps) else None
        if isinstance(step, PointDraft):
            side = {e.name: e.value for e in self.draft.effective(row)}["side"]
            self.picker.show_current(step.point, str(side))
        else:
            self.picker.show_current(None)
        self.steps.update_buttons()

    def _status(self) -> None:
        c = self.check
        self.total.setText(tr("Total {time}").format(time=format_length(c.plan.total_seconds)))
        self.problems.setText(self._problem_text())
        self.save_action.setEnabled(c.ok)
        self.save_action.setText(tr("&Save as My Own…") if self.saver.builtin else tr("&Save"))
        self.preview_action.setEnabled(c.ok)
        why = "" if c.ok else tr("Fix the errors first (see the marked fields).")
        self.preview_action.setStatusTip(why)
        name = self.draft.title or tr("New routine")
        self.setWindowTitle(tr("{name}[*] – tpguide routine editor").format(name=name))
        shown = [i for i in c.issues if i.step is not None or i.key not in self.quiet]
        marks = {"details": [i for i in shown if i.step is None and i.key != "steps"],
                 "steps": [i for i in shown if i.step is not None or i.key == "steps"],
                 "yaml": shown}
        labels = {"details": tr("Details"), "steps": tr("Steps"), "plan": tr("Plan"),
                  "yaml": tr("YAML")}
        for index, key in enumerate(TABS):
            found = marks.get(key, [])
            sign = " ✖" if any(i.is_error for i in found) else " ⚠" if found else ""
            self.tabs.setTabText(index, labels[key] + sign)
        self.banner.setText(self.saver.banner_text())
        self.banner.setVisible(bool(self.banner.text()))

    def _problem_text(self) -> str:
        c = self.check
        if c.errors:
            first = c.errors[0].message
            more = len(c.errors) - 1
            return (tr("Not ready to save: {first} (and {n} more)").format(first=first, n=more)
                    if more else tr("Not ready to save: {first}").format(first=first))
        if c.warnings:
            return ngettext("{n} warning; it can be saved", "{n} warnings; it can be saved",
                            len(c.warnings)).format(n=len(c.warnings))
        return tr("No problems")

    def _refresh_views(self) -> None:
        current = TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else ""
        if current == "plan":
            self.plan_view.show_plan(self.check.plan)
        elif current == "yaml":
            self.yaml_view.show_text(self.check.text, self.check.issues)

    # -- preview and closing -------------------------------------------------------
    def preview(self) -> None:
        """Run the routine in the session window at ten times speed."""
        routine = self.check.result.routine
        if routine is None:
            self.saver.show_error(tr("Cannot preview"),
                                  tr("The routine has errors; fix the marked fields first."))
            return
        if self._preview is None:  # an editor opened on its own, outside the app
            self.saver.show_error(tr("Cannot preview"),
                                  tr("The session window is not available here."))
            return
        self._preview(routine)

    def saved_to(self, path: Path) -> None:
        self.setWindowModified(False)
        self.refresh()
        self.show_status(tr("Saved to {path}").format(path=path), 10000)
        self.saved.emit(path)

    def show_status(self, text: str, ms: int) -> None:
        self.statusBar().showMessage(text, ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isWindowModified() and not self.saver.settle_unsaved():
            event.ignore()
            return
        event.accept()



