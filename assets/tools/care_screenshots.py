"""Screenshots of the care loop for the README and reviews (not shipped in the wheel).

Makes a made-up client with five weeks of sessions, headaches and a course in a scratch
TPGUIDE_HOME, then saves ``assets/screenshots/clients-page.png`` (the therapist's Clients
page, offscreen) and ``assets/screenshots/doctor-report-page1.png`` (the first page of the
doctor's PDF, rendered with pdftoppm).

    .venv/bin/python assets/tools/care_screenshots.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "screenshots"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

START = datetime(2025, 2, 3, 8, 30, tzinfo=UTC)


def made_up_report(client: str, name: str, seed: int) -> dict[str, object]:
    from tpguide.core.care.build import ReportRequest, build_report
    from tpguide.core.courses.model import Course, Stage
    from tpguide.core.courses.store import Assigned
    from tpguide.core.diary.records import HeadacheEntry
    from tpguide.core.diary.store import HistoryStore

    chance = random.Random(seed)
    moment = [START]
    store = HistoryStore(Path(tempfile.mkdtemp()) / "h.sqlite3", now=lambda: moment[0],
                         lock_path=Path(tempfile.mkdtemp()) / "lock")
    pain = 6
    for day in range(35):
        moment[0] = START + timedelta(days=day, minutes=chance.randint(0, 600))
        if chance.random() < 0.75:
            before = max(1, min(9, pain + chance.randint(-1, 1)))
            status = "unwell" if day in (9, 23) and seed == 1 else "completed"
            after = None if status == "unwell" else max(0, before - chance.choice((1, 2, 2, 3)))
            note = {9: "Felt light-headed after the second point; stopped.",
                    23: "Dizzy when turning my head."}.get(day) if status == "unwell" else None
            sid = store.start_session("tension-headache-basic",
                                      "Tension headache: neck and shoulders", 540, before)
            store.finish_session(sid, status, 540 if status == "completed" else 200, after, note)
            pain = max(2, pain - (1 if chance.random() < 0.25 else 0))
        if chance.random() < 0.3:
            took = chance.random() < 0.6
            store.add_headache(HeadacheEntry(
                started_at=moment[0] + timedelta(hours=5), intensity=chance.randint(3, 7),
                medication_class=chance.choice(("simple", "simple", "triptan")) if took else None,
                new_or_different=day == 17 and seed == 1))
    course = Course("neck-four-weeks", "Neck, four weeks",
                    (Stage("tension-headache-basic", "day", 1, 28),))
    assigned = Assigned(Path("x.course.yaml"), course, START.date())
    report = build_report(ReportRequest(name, START.date(), date(2025, 3, 9)), store.sessions(),
                          store.headaches(), [assigned], client_id=client,
                          now=datetime(2025, 3, 9, 18, tzinfo=UTC), tz=UTC)
    store.close()
    return report


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="tpguide-shots-"))
    os.environ["TPGUIDE_HOME"] = str(home)
    from PySide6.QtWidgets import QApplication

    from tpguide.core.care.clients import ClientStore
    from tpguide.ui.clients.page import ClientsPage
    from tpguide.ui.diary.doctor_report import write_doctor_pdf
    from tpguide.ui.diary.pain_chart import PainChart

    app = QApplication.instance() or QApplication(["tpguide"])
    OUT.mkdir(parents=True, exist_ok=True)
    anna = made_up_report("3f9c2a7be1d04c55a8e6b0d2c4f81a97", "Anna Berg", 1)
    store = ClientStore()
    store.import_report(anna)
    store.import_report(made_up_report("c0ffee00c0ffee00c0ffee00c0ffee00", "Tom Reyes", 2))
    page = ClientsPage(PainChart)
    page.resize(1280, 900)
    page.refresh(select=str(anna["client"]["id"]))  # type: ignore[index]
    page.show()
    app.processEvents()
    page.grab().save(str(OUT / "clients-page.png"))
    pdf = home / "doctor.pdf"
    write_doctor_pdf(anna, pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(OUT / "doctor-report-page1")], check=True)
    print(f"wrote {OUT / 'clients-page.png'} and {OUT / 'doctor-report-page1.png'}")


if __name__ == "__main__":
    main()
