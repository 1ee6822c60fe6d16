"""The printable handout: what a client reads on paper, checked through poppler's own tools."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tpguide import paths, resources
from tpguide.core import safety_text
from tpguide.core.atlas import diagrams
from tpguide.core.atlas.atlas import default_atlas
from tpguide.core.library.sharing import export_routine
from tpguide.core.routines import describe
from tpguide.core.routines.loader import load_routine_file, load_routine_text
from tpguide.core.routines.routine import PointStep, Settings
from tpguide.ui.handout import document as handout
from tpguide.ui.handout.figures import figures_for_step

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = resources.routines_dir() / "example.yaml"
HOSTILE = """\
tpguide: 1
id: hostile
title: "<b>bold</b> & <script>"
author: "<a href='x'>me</a>"
safety: ["<i>never</i> press hard"]
steps:
  - point: temporalis.1
    side: left
    instructions: "Use <b>bold</b> & <script>alert(1)</script> gently"
  - rest: 20s
    say: "<br>breathe"
"""


def words(text: str) -> str:
    """pdftotext output with its line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", text)


def pdftotext(pdf: Path) -> str:
    run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True)
    return words(run.stdout)


def pdfinfo(pdf: Path) -> dict[str, str]:
    run = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in run.stdout.splitlines())}


def page_points(pdf: Path) -> tuple[int, int]:
    found = re.match(r"([\d.]+) x ([\d.]+) pts", pdfinfo(pdf)["Page size"])
    assert found is not None
    return round(float(found[1])), round(float(found[2]))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- plain words
def test_settings_in_plain_words() -> None:
    assert describe.settings_words(Settings(tool="ball")) == (
        "press 30 s, release 10 s, 3 times, left then right; pressure: moderate, 5/10; "
        "use: a ball against a wall or floor"
    )
    text = describe.settings_words(
        Settings(side="together", press=90, release=7.5, cycles=1, pressure=8, tool="pincer"))
    assert text == ("press 1 min 30 s, release 7.5 s, once, both sides together; "
                    "pressure: very firm, 8/10; use: pincer grip (thumb and fingers)")
    assert [describe.side_words(s) for s in ("left", "right", "both", "together")] == [
        "left", "right", "left then right", "both sides together"]
    assert describe.length_words(740) == "about 12 minutes"
    assert describe.duration_words(120) == "2 min"


# --------------------------------------------------------------------------- the PDF
def test_handout_a4_has_the_routine_in_words(qapp: QApplication, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handout.pdf"
    assert handout.cli_handout(str(EXAMPLE), out, "Sam Client", "a4") == 0
    assert "wrote" in capsys.readouterr().err
    routine = load_routine_file(EXAMPLE).routine
    assert routine is not None
    text = pdftotext(out)
    assert routine.title in text
    today = handout.date_words(date.today())
    assert f"Prepared for Sam Client on {today}" in text
    for step in routine.point_steps:
        assert describe.settings_words(step.settings) in text
    for line in routine.safety:
        assert words(line) in text
    for item in safety_text.STOP_RULES.items:
        assert words(item) in text
    assert "Total time: 12:20" in text
    assert "ﬁ" not in text  # no ligature glyphs: the words search and copy as typed
    assert page_points(out) == (595, 842)


def test_letter_pages_and_no_client_line(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    assert handout.cli_handout("tension-headache-basic", out, None, "letter") == 0
    assert page_points(out) == (612, 792)
    assert "Prepared for" not in pdftotext(out)


def test_routine_text_is_printed_literally_never_as_markup(qapp: QApplication,
                                                           tmp_path: Path) -> None:
    source = write(tmp_path, "hostile.yaml", HOSTILE)
    out = tmp_path / "hostile.pdf"
    assert handout.cli_handout(str(source), out, "<b>Zoë</b> & co", "a4") == 0
    text = pdftotext(out)
    assert "<b>bold</b> & <script>" in text
    assert "Use <b>bold</b> & <script>alert(1)</script> gently" in text
    assert "by <a href='x'>me</a>" in text
    assert "<i>never</i> press hard" in text
    assert "<br>breathe" in text
    assert "Prepared for <b>Zoë</b> & co" in text


def test_long_text_wraps_onto_more_pages_without_losing_words(qapp: QApplication,
                                                              tmp_path: Path) -> None:
    words_list = [f"w{i}" for i in range(330)]
    long_text = " ".join(words_list)
    steps = "".join(
        f"  - point: masseter.{1 + i % 3}\n    instructions: {json.dumps(long_text)}\n"
        for i in range(6)
    )
    unbroken = "A" * 900
    text = (f"tpguide: 1\nid: long\ntitle: Long\ndescription: {json.dumps(unbroken)}\n"
            f"steps:\n{steps}")
    out = tmp_path / "long.pdf"
    assert handout.cli_handout(str(write(tmp_path, "long.yaml", text)), out, None, "a4") == 0
    printed = pdftotext(out)
    assert int(pdfinfo(out)["Pages"]) >= 4
    assert printed.count(" ".join(words_list[-5:])) == 6
    assert printed.replace(" ", "").count("A" * 900) == 1


def test_pages_render_with_diagrams(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    assert handout.cli_handout(str(EXAMPLE), out, "Sam", "a4") == 0
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == int(pdfinfo(out)["Pages"])
    tinted = 0
    for page in pages:
        image = QImage(str(page))
        assert image.width() == round(595 * 60 / 72)
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                colour = image.pixelColor(x, y)
                if colour.red() > 200 and 110 < colour.green() < 190 and colour.blue() < 140:
                    tinted += 1
    assert tinted > 50  # the referral zones are painted in the zone colour


def test_left_side_markers_are_mirrored() -> None:
    atlas = default_atlas()
    back = atlas.points["upper-trapezius.1"]
    width = diagrams.view_info(back.view).width
    left = figures_for_step(PointStep(back.id, Settings(side="left")), back)
    assert left[0].markers == ((width - back.at[0], back.at[1]),)
    assert left[0].body_side == "left"
    both = figures_for_step(PointStep(back.id, Settings(side="both")), back)
    assert sorted(both[0].markers) == sorted([back.at, (width - back.at[0], back.at[1])])
    profile = atlas.points["temporalis.1"]
    one = figures_for_step(PointStep(profile.id, Settings(side="left")), profile)
    assert [(f.view, f.mirrored, f.markers) for f in one] == [
        ("head-side", True, (profile.at,))]
    two = figures_for_step(PointStep(profile.id, Settings(side="together")), profile)
    assert [f.mirrored for f in two] == [True, False]


def test_routine_with_errors_or_unknown_id(qapp: QApplication, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.yaml", "tpguide: 1\nid: bad\ntitle: B\nsteps:\n  - point: nope.1\n")
    out = tmp_path / "bad.pdf"
    assert handout.cli_handout(str(bad), out, None, "a4") == 1
    assert f"{bad}:5:12: error:" in capsys.readouterr().err
    assert not out.exists()
    assert handout.cli_handout("no-such-routine", out, None, "a4") == 2
    assert not out.exists()


def test_unwritable_output_is_exit_2(qapp: QApplication, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert handout.cli_handout(str(EXAMPLE), blocker / "out.pdf", None, "a4") == 2


def test_shared_file_by_id_from_the_user_folder(qapp: QApplication, tmp_path: Path) -> None:
    routine = load_routine_text(HOSTILE.replace("id: hostile", "id: from-my-therapist")).routine
    assert routine is not None
    shared = export_routine(routine)
    paths.ensure(paths.user_routines_dir())
    (paths.user_routines_dir() / shared.name).write_bytes(shared.data)
    out = tmp_path / "mine.pdf"
    assert handout.cli_handout("from-my-therapist", out, None, "a4") == 0
    assert "<b>bold</b> & <script>" in pdftotext(out)


def test_print_handout_goes_through_the_print_dialog(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    routine = load_routine_file(EXAMPLE).routine
    assert routine is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    answers = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: answers.pop(0))
    assert handout.print_handout(routine, None, "Sam", printer) is False
    assert not (tmp_path / "printed.pdf").exists()
    assert handout.print_handout(routine, None, "Sam", printer) is True
    text = pdftotext(tmp_path / "printed.pdf")
    assert routine.title in text and "Prepared for Sam" in text


@pytest.mark.slow
def test_handout_command_works_headless(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "cli.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "tpguide", "handout", "tension-headache-basic", "-o", str(out),
         "--for", "Alex", "--page", "letter"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Prepared for Alex" in pdftotext(out)
    assert page_points(out) == (612, 792)


# --------------------------------------------------------------------------- whose words
TEAM = "tpguide team"


def test_a_built_in_routine_credits_no_therapist(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "team.pdf"
    assert handout.cli_handout(str(EXAMPLE), out, None, "a4") == 0
    routine = load_routine_file(EXAMPLE).routine
    assert routine is not None and routine.author == TEAM and routine.safety
    text = pdftotext(out)
    assert f"by {TEAM}" in text
    assert "your therapist" not in text.lower()
    assert f"Note: {words(routine.safety[0])}" in text


def test_a_routine_by_a_person_names_them_and_speaks_of_the_therapist(
    qapp: QApplication, tmp_path: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(f"author: {TEAM}", "author: Dr Kim Lee")
    source = write(tmp_path, "kim.yaml", text)
    out = tmp_path / "kim.pdf"
    assert handout.cli_handout(str(source), out, "Sam", "a4") == 0
    printed = pdftotext(out)
    assert "by Dr Kim Lee" in printed
    assert "From Dr Kim Lee:" in printed
    assert "Keep to the routine your therapist gave you" in printed


def test_a_spanish_reader_gets_a_spanish_handout(qapp: QApplication, tmp_path: Path) -> None:
    """Every heading, label, caption and safety line in the reader's language; the routine's
    own words as the built-in catalogue translates them."""
    from tpguide.core.i18n import _, use_language
    from tpguide.ui.translation import apply_language

    apply_language(qapp, "es")
    out = tmp_path / "mano.pdf"
    assert handout.cli_handout("gentle-headache", out, "Ana", "a4") == 0
    text = pdftotext(out)
    routine = load_routine_file(resources.routines_dir() / "gentle-headache.yaml").routine
    assert routine is not None and routine.title != "Gentle routine for a headache in progress"
    assert routine.title in text
    for spanish in ("Seguridad", "Tiempo total:", "Qué hacer:", "Dónde:", "Página 1 de",
                    "Preparada para Ana", "Lado izquierdo", words(_(safety_text.STOP_RULES.title))):
        assert spanish in text, spanish
    for english in ("Safety", "Total time", "Where:", "Page 1", "Prepared for", "Left side",
                    "Pain may spread here", "self-massage routine"):
        assert english not in text, english
    use_language("en")
