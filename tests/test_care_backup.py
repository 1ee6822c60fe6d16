"""Backup and restore: the same data on the new computer, and no silent merging."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.care_helpers import seeded_store
from tpguide import paths
from tpguide.core.care.backup import BackupError, make_backup, restore
from tpguide.core.care.identity import client_id
from tpguide.core.settings import AppSettings, SettingsStore


def _rows(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return [*conn.execute("SELECT * FROM sessions ORDER BY id"),
                *conn.execute("SELECT * FROM headache_log ORDER BY id")]
    finally:
        conn.close()


def _fill_home() -> None:
    store, _ = seeded_store()
    store.close()
    SettingsStore().save(AppSettings(volume=0.3, safety_acknowledged=True, calm=True))
    paths.ensure(paths.user_routines_dir())
    (paths.user_routines_dir() / "mine.tpguide.yaml").write_text("tpguide: 1\n")
    paths.ensure(paths.courses_dir())
    (paths.courses_dir() / "neck.course.yaml").write_text("tpguide-course: 1\n")
    client_id()


def _move_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> Path:
    home = tmp_path / name
    monkeypatch.setenv("TPGUIDE_HOME", str(home))
    return home


def test_restore_into_an_empty_home_gives_the_same_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_home()
    rows, settings, ident = _rows(paths.history_db()), SettingsStore().load(), client_id()
    backup = tmp_path / "all.tpguide-backup"
    assert make_backup(backup) == 5
    assert backup.stat().st_mode & 0o777 == 0o600
    _move_home(monkeypatch, tmp_path, "new")
    assert restore(backup) is None
    assert _rows(paths.history_db()) == rows
    assert SettingsStore().load() == settings
    assert client_id() == ident
    assert (paths.user_routines_dir() / "mine.tpguide.yaml").read_text() == "tpguide: 1\n"
    assert (paths.courses_dir() / "neck.course.yaml").is_file()


def test_restore_refuses_a_home_with_data_and_replace_keeps_it_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_home()
    backup = tmp_path / "all.tpguide-backup"
    make_backup(backup)
    _move_home(monkeypatch, tmp_path, "other")
    SettingsStore().save(AppSettings(volume=0.9))
    with pytest.raises(BackupError, match="already holds settings, so the backup was not "
                                          "restored: it never merges"):
        restore(backup)
    assert SettingsStore().load().volume == 0.9
    kept = restore(backup, replace=True)
    assert kept is not None and json.loads((kept / "settings.json").read_text())["volume"] == 0.9
    assert SettingsStore().load().volume == 0.3


def _rezip(source: Path, target: Path, change: object) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    change(members)  # type: ignore[operator]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def _manifest(members: dict[str, bytes], **changes: object) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest.update(changes)
    members["manifest.json"] = json.dumps(manifest).encode()


@pytest.mark.parametrize(("change", "words"), [
    (lambda m: m.update({"settings.json": m["settings.json"].replace(b"0.3", b"0.9")}),
     "does not match its checksum"),
    (lambda m: m.update({"settings.json": b"{}"}), "has the wrong size"),
    (lambda m: _manifest(m, **{"tpguide-backup": 2}), "made by a newer tpguide"),
    (lambda m: m.pop("settings.json"), "incomplete"),
    (lambda m: m.update({"../evil": b""}), "holds a file it should not"),
    (lambda m: m.pop("manifest.json"), "not a tpguide backup"),
])
def test_a_damaged_or_newer_backup_is_refused_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object, words: str) -> None:
    _fill_home()
    backup = tmp_path / "ok.tpguide-backup"
    make_backup(backup)
    bad = _rezip(backup, tmp_path / "bad.tpguide-backup", change)
    home = _move_home(monkeypatch, tmp_path, "empty")
    with pytest.raises(BackupError, match=words):
        restore(bad)
    assert not home.exists()


def test_a_diary_from_a_newer_tpguide_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_home()
    conn = sqlite3.connect(paths.history_db())
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    backup = tmp_path / "new.tpguide-backup"
    make_backup(backup)
    _move_home(monkeypatch, tmp_path, "empty")
    with pytest.raises(BackupError, match="diary in the backup was written by a newer"):
        restore(backup)


def test_junk_a_folder_and_a_fifo_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tpguide-backup"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BackupError, match="not a tpguide backup") as caught:
        restore(junk)
    assert caught.value.status == 1
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        with pytest.raises(BackupError, match="cannot read the backup") as caught:
            restore(path)
        assert caught.value.status == 2
