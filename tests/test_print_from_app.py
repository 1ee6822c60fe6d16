"""Printing from the app asks whom the handout is for, as ``tpguide handout --for`` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.app_helpers import RealApp, settings
from tests.test_handout import pdftotext
from tpguide.ui.handout.for_whom import ForWhomDialog


def _asked() -> ForWhomDialog | None:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, ForWhomDialog) and w.isVisible()]
    return found[-1] if found else None


@pytest.mark.parametrize("name", ["Sam Taylor", ""])
def test_print_asks_for_whom_and_prints_it(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    settings()
    window = real_app.window()
    real_app.select(window, "tension-headache-basic")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert window.sharing.print_handout(printer)
    dialog = _asked()
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # not app-wide
    qtbot.keyClicks(dialog.name, name)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "printed.pdf").exists(), timeout=5000)
    text = pdftotext(tmp_path / "printed.pdf")
    assert ("Prepared for Sam Taylor" in text) is bool(name)
    assert "your therapist" not in text.lower()


def test_cancel_prints_nothing(
    qtbot: QtBot, real_app: RealApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings()
    window = real_app.window()
    real_app.select(window, "tension-headache-basic")
    asked: list[object] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: asked.append(self) or 0)
    assert window.sharing.print_handout()
    dialog = _asked()
    assert dialog is not None
    dialog.reject()
    assert asked == []
