"""Start on a routine file with errors says why and offers to open the file to fix it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.app_helpers import RealApp, open_sessions, settings
from tpguide import paths
from tpguide.core.library.catalog import Group

BROKEN = "tpguide: 1\nid: broken-one\ntitle: Broken one\nsteps:\n  - point: upper-trapezius.9\n"


class Opened(QObject):
    """Receives the file URLs the app asks the desktop to open (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)



@pytest.fixture
def opened() -> Iterator[Opened]:
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def _message() -> QMessageBox | None:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "BrokenStart" and w.isVisible()]
    return found[-1] if found else None


def _broken_file() -> Path:
    target = paths.ensure(paths.user_routines_dir()) / "broken-one.yaml"
    target.write_text(BROKEN, encoding="utf-8")
    return target


@pytest.mark.parametrize("how", ["header", "enter"])
def test_start_on_a_broken_routine_says_why_and_offers_the_file(
    qtbot: QtBot, real_app: RealApp, opened: Opened, how: str
) -> None:
    settings()
    path = _broken_file()
    window = real_app.window()
    item = next(i for i in window.library.items(Group.MINE) if i.path == path)
    assert not item.ok
    window.library.select_path(path)
    if how == "header":
        window.header.start.click()
    else:
        window.library.itemActivated.emit(item)
    box = _message()
    assert box is not None
    assert "broken-one.yaml" in box.text()
    assert item.result.errors[0].message in box.text()
    assert window.current_page() == "problems"  # every problem listed behind it
    assert open_sessions() == []
    edit = next(b for b in box.buttons() if "text editor" in b.text())
    edit.click()
    assert opened.urls == [QUrl.fromLocalFile(str(path))]
    assert "broken-one.yaml" in window.statusBar().currentMessage()
