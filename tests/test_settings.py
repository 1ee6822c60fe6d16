"""Settings load forgivingly, save atomically, and never lose a damaged file."""

from __future__ import annotations

import json
import os
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fifo_helpers import fifo_at
from tpguide import paths
from tpguide.core.settings import AppSettings, SettingsError, SettingsStore

WHEN = datetime(2024, 5, 6, 12, 30, 15, tzinfo=UTC)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def store_at(path: Path) -> SettingsStore:
    return SettingsStore(path, now=lambda: WHEN)


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_defaults() -> None:
    settings = AppSettings()
    assert settings.safety_acknowledged is False
    assert settings.safety_acknowledged_at is None
    assert settings.volume == 0.8
    assert (settings.muted, settings.voice, settings.ticks, settings.calm) == (
        False,
        True,
        True,
        False,
    )
    assert settings.theme == "system"
    assert (settings.larger_text, settings.reduced_motion) == (False, False)
    assert (settings.ask_pain_ratings, settings.fullscreen_session) == (True, False)


@pytest.mark.parametrize(
    ("given", "kept"), [(1.5, 1.0), (-0.2, 0.0), (0.25, 0.25), (float("nan"), 0.8)]
)
def test_volume_is_clamped(given: float, kept: float) -> None:
    assert AppSettings(volume=given).volume == kept


def test_missing_file_gives_defaults_without_notice(settings_path: Path) -> None:
    store = store_at(settings_path)
    assert store.load() == AppSettings()
    assert store.notice is None


def test_default_path_is_the_settings_file() -> None:
    assert SettingsStore().path == paths.settings_file()


def test_round_trip_creates_the_folder(settings_path: Path) -> None:
    settings = AppSettings(
        safety_acknowledged=True,
        safety_acknowledged_at="2024-05-06T12:00:00+00:00",
        volume=0.3,
        muted=True,
        theme="dark",
        larger_text=True,
        fullscreen_session=True,
    )
    store_at(settings_path).save(settings)
    assert store_at(settings_path).load() == settings
    assert json.loads(settings_path.read_text())["version"] == 1


def test_unknown_keys_are_ignored_and_kept(settings_path: Path) -> None:
    write_json(settings_path, {"muted": True, "future_option": [1, 2], "version": 3})
    store = store_at(settings_path)
    assert store.load() == AppSettings(muted=True)
    store.save(AppSettings(muted=False))
    saved = json.loads(settings_path.read_text())
    assert saved["future_option"] == [1, 2]
    assert saved["version"] == 3
    assert saved["muted"] is False


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("muted", "yes"),
        ("voice", 0),
        ("volume", "loud"),
        ("volume", True),
        ("volume", None),
        ("theme", "purple"),
        ("theme", ["dark"]),
        ("safety_acknowledged", 1),
        ("safety_acknowledged_at", 12),
        ("safety_acknowledged_at", "yesterday"),
    ],
)
def test_wrongly_typed_value_falls_back_to_its_default(
    settings_path: Path, key: str, value: object
) -> None:
    write_json(settings_path, {key: value, "calm": True})
    store = store_at(settings_path)
    assert store.load() == AppSettings(calm=True)
    assert store.notice is not None  # said, not silently dropped
    assert store.notice.startswith("Some of your settings had values tpguide cannot use and "
                                   f"were reset to their defaults ({key})")
    assert ("safety notes will be shown again" in store.notice) == (key == "safety_acknowledged")


@pytest.mark.parametrize(("text", "volume"), [("2", 1.0), ("NaN", 0.8), ("1e400", 0.8)])
def test_out_of_range_volume_in_file(settings_path: Path, text: str, volume: float) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(f'{{"volume": {text}}}')
    assert store_at(settings_path).load().volume == volume


def test_huge_integer_volume_is_not_a_crash(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('{"volume": 1' + "0" * 400 + "}")
    assert store_at(settings_path).load().volume == 0.8


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b'{"muted": true',
        b"[1, 2, 3]",
        b'"just a string"',
        b"\xff\xfe\x00garbage",
        b"[" * 100_000,
        b"",
    ],
)
def test_corrupt_file_is_set_aside_with_notice(settings_path: Path, raw: bytes) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(raw)
    store = store_at(settings_path)
    assert store.load() == AppSettings()
    aside = settings_path.with_name("settings.json.corrupt-20240506T123015Z")
    assert aside.read_bytes() == raw
    assert not settings_path.exists()
    assert store.notice is not None
    assert aside.name in store.notice


def test_second_corrupt_file_at_the_same_second_gets_its_own_name(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    for raw in (b"first", b"second"):
        settings_path.write_bytes(raw)
        store_at(settings_path).load()
    kept = sorted(p.read_bytes() for p in settings_path.parent.glob("settings.json.corrupt-*"))
    assert kept == [b"first", b"second"]


def test_notice_clears_on_a_good_load(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(b"junk")
    store = store_at(settings_path)
    store.load()
    store.save(AppSettings(calm=True))
    assert store.load() == AppSettings(calm=True)
    assert store.notice is None


def test_unreadable_file_gives_defaults_and_notice(settings_path: Path) -> None:
    settings_path.mkdir(parents=True)  # a folder where the file should be
    store = store_at(settings_path)
    assert store.load() == AppSettings()
    assert store.notice is not None
    assert settings_path.is_dir()


def test_failed_replace_leaves_old_file_intact(
    settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_at(settings_path)
    store.save(AppSettings(muted=True))
    before = settings_path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SettingsError, match="could not be saved"):
        store.save(AppSettings(muted=False, volume=0.1))
    assert settings_path.read_bytes() == before
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.json"]


def test_failed_fsync_leaves_old_file_intact(
    settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_at(settings_path)
    store.save(AppSettings(theme="light"))
    before = settings_path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(SettingsError):
        store.save(AppSettings(theme="dark"))
    assert settings_path.read_bytes() == before
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.json"]


def test_unserialisable_value_leaves_old_file_intact(settings_path: Path) -> None:
    store = store_at(settings_path)
    store.save(AppSettings(voice=False))
    before = settings_path.read_bytes()
    bad = replace(AppSettings(), safety_acknowledged_at=object())  # type: ignore[arg-type]
    with pytest.raises(SettingsError, match="cannot be saved"):
        store.save(bad)
    assert settings_path.read_bytes() == before


# ---------------------------------------------------------------------- hostile settings files
def test_a_byte_order_mark_is_accepted_not_a_reset(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(b"\xef\xbb\xbf" + json.dumps(
        {"safety_acknowledged": True, "calm": True}).encode("utf-8"))
    store = store_at(settings_path)
    assert store.load() == AppSettings(safety_acknowledged=True, calm=True)
    assert store.notice is None
    assert list(settings_path.parent.iterdir()) == [settings_path]


def test_a_huge_settings_file_is_set_aside_without_reading_it(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    with settings_path.open("wb") as handle:  # 2 GiB, sparse: takes no disk space
        handle.write(b'{"junk": "')
        handle.truncate(2 * 1024**3)
    store = store_at(settings_path)
    tracemalloc.start()
    try:
        assert store.load() == AppSettings()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # the bound was read, not the file
    aside = settings_path.with_name("settings.json.corrupt-20240506T123015Z")
    assert aside.stat().st_size == 2 * 1024**3 and not settings_path.exists()
    assert store.notice == (
        "Your settings file is larger than 64 KiB, far more than settings need, so tpguide is "
        "using the defaults, and the safety notes will be shown again before your next "
        f"session. The old file was kept as {aside.name} in {aside.parent}.")


def test_a_named_pipe_for_settings_gives_the_defaults_at_once(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    with fifo_at(settings_path):
        store = store_at(settings_path)
        assert store.load() == AppSettings()
        assert store.notice is not None
        assert "it is a named pipe (FIFO), not a file" in store.notice
