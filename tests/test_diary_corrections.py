"""The person can correct or delete their own diary entries, or remove everything."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.care_helpers import seeded_store
from tpguide import paths
from tpguide.core.care.identity import client_id
from tpguide.core.care.own_data import delete_my_data, what_is_here
from tpguide.core.diary.corrections import (
    delete_headache,
    delete_session,
    update_headache,
    update_session,
)
from tpguide.core.settings import AppSettings, SettingsStore


def test_a_session_can_be_corrected_and_deleted() -> None:
    store, _ = seeded_store()
    first = store.sessions()[-1]
    update_session(store, first.id, pain_before=5, pain_after=2, note="better")
    assert (store.session(first.id).pain_before, store.session(first.id).pain_after,  # type: ignore[union-attr]
            store.session(first.id).note) == (5, 2, "better")  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="from 0 to 10"):
        update_session(store, first.id, pain_before=11, pain_after=None, note=None)
    assert delete_session(store, first.id)
    assert store.session(first.id) is None and len(store.sessions()) == 3
    assert not delete_session(store, first.id)


def test_a_headache_entry_can_be_corrected_and_deleted() -> None:
    store, _ = seeded_store()
    entry = store.headaches()[0]
    update_headache(store, replace(entry, intensity=2, new_or_different=False, notes=None))
    again = next(h for h in store.headaches() if h.id == entry.id)
    assert (again.intensity, again.new_or_different, again.notes) == (2, False, None)
    assert delete_headache(store, entry.id or 0)
    assert entry.id not in [h.id for h in store.headaches()]


def test_delete_all_my_data_keeps_only_routines(tpguide_home: Path) -> None:
    store, _ = seeded_store()
    SettingsStore().save(AppSettings(safety_acknowledged=True))
    paths.ensure(paths.courses_dir())
    (paths.courses_dir() / "neck.course.yaml").write_text("tpguide-course: 1\n")
    paths.ensure(paths.user_routines_dir())
    (paths.user_routines_dir() / "mine.tpguide.yaml").write_text("tpguide: 1\n")
    client_id()
    assert delete_my_data(store) == []
    assert store.sessions() == [] and store.headaches() == []
    assert not paths.settings_file().exists()
    assert list(paths.courses_dir().iterdir()) == []
    assert not (tpguide_home / "data" / "client-id").exists()
    assert what_is_here() == ["your routines"]
    raw = paths.history_db().read_bytes()
    assert b"dizzy" not in raw and b"after work" not in raw  # not left in free pages
