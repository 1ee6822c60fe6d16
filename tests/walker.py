"""Walks the real app through every page and dialog on one screen size and lists what does not fit.

Run in a process of its own (the screen size is fixed when Qt starts):
``python -m tests.walker WIDTH HEIGHT [--language CODE] [--shots DIR]`` (the language is
saved in the seeded settings, so the app is built in it as for a person who chose it).
Offscreen (the default) it makes a screen of exactly that size; under a real X server
(``QT_QPA_PLATFORM=xcb``) it uses the display as it is. It prints one JSON object:
``problems`` (text that needs more width or height than it has, a horizontal scroll bar, a
window larger than the screen), ``untranslated`` (words shown that did not come from the
catalogue: ``tests/walker_words.py``), ``clashes`` (two things in one window or menu with
the same Alt+letter) and ``seen`` (every place it looked at). ``--shots`` saves a PNG of
each place.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)

from tests.walker_words import Catalogue, accelerator_clashes, not_pseudo, shown_texts

SLACK = 2  # pixels of rounding a label or button may be short by


def _platform(width: int, height: int) -> None:
    """An offscreen screen of exactly ``width`` x ``height`` unless a platform was chosen."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if not chosen.startswith("offscreen"):
        return
    config = Path(tempfile.mkdtemp(prefix="tpguide-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "walk", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _describe(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "currentText"):
        value = getattr(widget, attr, None)
        if callable(value):
            text = str(value())
            break
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}[{name}] {text[:60]!r}".replace("\n", " ")


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _widest(area: QWidget, room: int) -> str:
    """What asks for more width than the scroll area (or window) has (the innermost such
    widget)."""
    inside = [w for w in area.findChildren(QWidget) if w.isVisibleTo(area)
              and w.minimumSizeHint().width() > room]
    culprits = [w for w in inside if not any(o is not w and w.isAncestorOf(o) for o in inside)]
    return "".join(f"; {_describe(w)} needs {w.minimumSizeHint().width()} px" for w in culprits)


def _mnemonic_free(text: str) -> str:
    """The text as drawn: "&Title" shows as "Title" (a lone & marks the shortcut letter)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_problem(label: QLabel) -> str | None:
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText or label.buddy() is not None:
        text = _mnemonic_free(text)
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect().width() - 2 * label.margin() - label.indent() * 0
    metrics = label.fontMetrics()
    if label.wordWrap():
        words = re.split(r"[\s\u200b]+", text)  # a zero-width space is a chance to break
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        if longest > room + SLACK:
            return f"a word needs {longest} px, the label has {room}"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"wrapped text needs {needed} px of height, the label has {label.height()}"
        return None
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    if widest > room + SLACK:
        return f"text needs {widest} px, the label has {room}"
    return None


def button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    if button.hasHeightForWidth():  # its words wrap (tpguide.ui.widgets.fit.WrappingCheckBox)
        longest = button.minimumSizeHint().width()
        if longest > button.width() + SLACK:
            return f"a word needs {longest} px, has {button.width()}"
        needed = button.heightForWidth(button.width())
        if needed > button.height() + SLACK:
            return f"wrapped text needs {needed} px of height, has {button.height()}"
        return None
    needed = button.sizeHint().width()
    if needed > button.width() + SLACK:
        return f"needs {needed} px, has {button.width()}"
    return None


def combo_problem(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    for i in range(combo.count()):
        needed = metrics.horizontalAdvance(combo.itemText(i))
        if needed > field.width() + SLACK:
            return f"choice {combo.itemText(i)!r} needs {needed} px, the box shows {field.width()}"
    return None


def tab_problem(bar: QTabBar) -> str | None:
    for i in range(bar.count()):
        if bar.tabRect(i).width() + SLACK < bar.tabSizeHint(i).width():
            return f"tab {bar.tabText(i)!r} is squeezed"
    return None


def _indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    model = view.model()
    if model is None:
        return
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(min(_count(model.rowCount, parent), 200)):
            for column in range(max(_count(model.columnCount, parent), 1)):
                index = model.index(row, column, parent)
                yield index
                if column == 0 and _count(model.rowCount, index) > 0:
                    stack.append(index)


def _count(method: Callable[..., int], parent: QModelIndex) -> int:
    """Rows or columns under ``parent`` (list models keep these private; one column, no
    children)."""
    try:
        return method(parent)
    except TypeError:
        if parent.isValid():
            return 0
        try:
            return method()
        except TypeError:
            return 1


def view_problem(view: QAbstractItemView) -> str | None:
    """An item whose text the view would cut ("…"): its delegate wants more than it gets.

    Word-wrapping views with eliding off lay their rows out to the wrapped height
    themselves; only their horizontal scroll bar is checked (in ``Walker.look``).
    """
    wraps = bool(getattr(view, "wordWrap", lambda: False)())
    metrics = view.fontMetrics()
    inside = (12, 0) if isinstance(view, QTableView) else (12, 4)  # text margins, list padding
    shown = view.viewport().rect()
    for index in _indexes(view):
        rect = view.visualRect(index)
        text = str(index.data() or "")
        if rect.isEmpty() or not text:
            continue
        room = min(rect.right(), shown.right()) - rect.left() + 1  # what the viewport shows
        if wraps:  # the text wrapped where it is drawn: inside the padding and margins
            lines = metrics.boundingRect(QRect(0, 0, room - inside[0], 100000),
                                         int(Qt.TextFlag.TextWordWrap), text)
            if lines.height() > rect.height() - inside[1]:
                return f"item {text[:40]!r} needs {lines.height()} px of height, " \
                       f"has {rect.height()}"
            continue
        needed = view.sizeHintForIndex(index).width()
        if needed > room + SLACK:
            return f"item {text[:40]!r} needs {needed} px, has {room}"
    return None


CHECKS: list[tuple[type, Callable[..., str | None]]] = [
    (QLabel, label_problem), (QAbstractButton, button_problem), (QComboBox, combo_problem),
    (QTabBar, tab_problem), (QAbstractItemView, view_problem),
]


class Walker:
    """Looks at each top-level window it is shown and remembers what does not fit."""

    def __init__(self, app: QApplication, shots: Path | None, language: str = "en") -> None:
        self.app = app
        self.shots = shots
        self.language = language
        self.problems: list[dict[str, str]] = []
        self.untranslated: list[dict[str, str]] = []
        self.clashes: list[dict[str, str]] = []
        self.seen: list[str] = []
        self._catalogue: Catalogue | None = None
        if language not in ("en", "qps"):
            self._catalogue = Catalogue(language)

    def settle(self, until: Callable[[], bool] | None = None, timeout: float = 5.0) -> None:
        """Let layouts and deferred work run (and wait for ``until``, if given)."""
        deadline = time.monotonic() + timeout
        while True:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if until is None or until() or time.monotonic() > deadline:
                break
        for _ in range(3):
            self.app.processEvents()

    def look(self, where: str, top: QWidget) -> None:
        self.settle()
        self.seen.append(where)
        screen = top.screen().availableGeometry()
        frame = top.frameGeometry()
        if frame.width() > screen.width() + SLACK or frame.height() > screen.height() + SLACK:
            self._add(where, type(top).__name__, f"window {frame.width()}x{frame.height()} "
                      f"is larger than the screen {screen.width()}x{screen.height()}"
                      + (_widest(top, screen.width()) if frame.width() > screen.width() + SLACK
                         else ""))
        for area in top.findChildren(QAbstractScrollArea):
            bar = area.horizontalScrollBar()
            if _shown(area, top) and bar.isVisible() and bar.maximum() > 0:
                self._add(where, _describe(area), "a horizontal scroll bar shows"
                          + _widest(area, area.viewport().width()))
        for kind, check in CHECKS:
            for widget in top.findChildren(kind):
                if _shown(widget, top) and (problem := check(widget)) is not None:
                    self._add(where, _describe(widget), problem)
        self.read(where, top)
        if self.shots is not None:
            safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in where)
            top.grab().save(str(self.shots / f"{len(self.seen):02d}-{safe}.png"))

    def _add(self, where: str, what: str, problem: str) -> None:
        self.problems.append({"where": where, "what": what, "problem": problem})

    def read(self, where: str, top: QWidget) -> None:
        """Words that did not go through the catalogue, and Alt+letters claimed twice."""
        for clash in accelerator_clashes(top):
            self.clashes.append({"where": where, "what": type(top).__name__,
                                 "problem": clash})
        if self.language == "en":
            return
        for what, raw, rich in shown_texts(top):
            if self.language == "qps":
                left = not_pseudo(raw, rich)
                if left is not None:
                    self.untranslated.append({"where": where, "what": what,
                                              "problem": f"{raw[:80]!r} (English: {left})"})
            elif self._catalogue is not None and self._catalogue.untranslated(raw):
                self.untranslated.append({"where": where, "what": what,
                                          "problem": f"{raw[:80]!r} is not translated"})


def seed(now: datetime, language: str = "en") -> None:
    """A person a week in, speaking ``language``: safety read, sessions with ratings,
    headaches, a course due today, a broken routine file, and a session cut short an hour
    ago."""
    from tpguide import paths
    from tpguide.core.diary.records import HeadacheEntry
    from tpguide.core.diary.store import HistoryStore
    from tpguide.core.record import replace
    from tpguide.core.settings import SettingsStore

    store = SettingsStore()
    store.save(replace(store.load(), safety_acknowledged=True, language=language,
                       safety_acknowledged_at=now.isoformat(timespec="seconds")))
    clock = [now - timedelta(days=9)]
    with HistoryStore(now=lambda: clock[0]) as diary:
        for day in range(9):
            for hour, (before, after) in ((8, (6, 3)), (13, (5, 4)), (19, (7, 2))):
                clock[0] = (now - timedelta(days=9 - day)).replace(hour=hour)
                session = diary.start_session("gentle-headache", "Gentle routine for a headache",
                                              300, before)
                _seed_presses(diary, session, day)
                diary.finish_session(session, "completed", 300, after)
            diary.add_headache(HeadacheEntry(started_at=clock[0], intensity=5,
                                              regions=("zone-temple",), quality="pressing"))
        clock[0] = now - timedelta(hours=1)
        cut = diary.start_session("gentle-headache", "Gentle routine for a headache", 300, 5)
        diary.finish_session(cut, "interrupted", 300)
    mine = paths.ensure(paths.user_routines_dir())
    (mine / "broken.yaml").write_text("tpguide: 1\nid: Broken One\ntitle: Broken\nsteps:\n"
                                      "  - point: upper-trapezius.9\n", encoding="utf-8")
    courses = paths.ensure(paths.courses_dir())
    (courses / "neck.course.yaml").write_text(
        f"tpguide-course: 1\nid: neck\ntitle: Neck recovery\nprepared_for: Sam\n"
        f"author: A. Therapist\nstart: {date.today().isoformat()}\nstages:\n"
        f"  - routine: stiff-neck\n    times_per_day: 2\n    days: 14\n", encoding="utf-8")


def _seed_presses(diary: object, session: int, day: int) -> None:
    """Held until eased, and rated, for the "Your points" page and the routine page's line."""
    from tpguide.core.diary.records import PressRecord

    for step, point, side, outcome, held, tender in (
            (0, "upper-trapezius.1", "left", "eased", 40 - day, 7 - day // 2),
            (0, "upper-trapezius.1", "right", "not-eased", 60, 5),
            (1, "levator-scapulae.1", "left", "eased", 30 + day, None),
            (2, "temporalis.1", "together", "timed", 30, 3 + day % 3)):
        diary.save_press(PressRecord(session, step, point, side, 1, outcome,  # type: ignore[attr-defined]
                                     held, 60, tender))


def walk(walker: Walker) -> None:  # noqa: PLR0915 - one place per line, in the order seen
    from tests.walker_places import visit_all

    visit_all(walker)


def main(argv: list[str]) -> int:
    width, height = int(argv[0]), int(argv[1])
    language = argv[argv.index("--language") + 1] if "--language" in argv else "en"
    shots = Path(argv[argv.index("--shots") + 1]) if "--shots" in argv else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    _platform(width, height)
    os.environ.setdefault("TPGUIDE_HOME", tempfile.mkdtemp(prefix="tpguide-walk-"))
    seed(datetime.now(UTC).astimezone(), language)
    from tpguide.ui.app import make_application

    app = make_application()
    walker = Walker(app, shots, language)
    walk(walker)
    print(json.dumps({"problems": walker.problems, "untranslated": walker.untranslated,
                      "clashes": walker.clashes, "seen": walker.seen}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
