"""Sharing routines: export round trips, and zip imports that cannot hurt the importer."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from tpguide import paths, resources
from tpguide.core.library import sharing
from tpguide.core.library.sharing import (
    MAX_MEMBER_BYTES,
    MemberVerdict,
    check_shared_file,
    export_routine,
    export_zip,
    import_routines,
    read_archive,
)
from tpguide.core.library.sources import user_files
from tpguide.core.routines.loader import load_routine_file, load_routine_text
from tpguide.core.routines.routine import Routine
from tpguide.core.routines.serialize import routine_to_data

GOOD = """\
tpguide: 1
id: {id}
title: {title}
steps:
  - point: temporalis.1
    side: left
    pressure: light
"""


def example() -> Routine:
    routine = load_routine_file(resources.routines_dir() / "example.yaml").routine
    assert routine is not None
    return routine


def good(routine_id: str = "shared-one", title: str = "Shared") -> bytes:
    return GOOD.format(id=routine_id, title=title).encode()


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def verdicts(data: bytes) -> dict[str, MemberVerdict]:
    result = read_archive(data)
    assert result.refused is None, result.refused
    return {m.name: m for m in result.members}


# --------------------------------------------------------------------------- export
def test_export_file_round_trip(tmp_path: Path) -> None:
    original = example()
    shared = export_routine(original)
    assert shared.name == "tension-headache-basic.tpguide.yaml"
    path = tmp_path / shared.name
    path.write_bytes(shared.data)
    verdict = check_shared_file(path)
    assert verdict.status == "ok"
    assert verdict.routine is not None
    assert routine_to_data(verdict.routine) == routine_to_data(original)
    # the normal loader opens it too ("tpguide FILE" goes through it)
    assert load_routine_file(path).routine is not None


def test_export_zip_round_trip_and_import(tpguide_home: Path) -> None:
    first = example()
    second = load_routine_text(good().decode()).routine
    assert second is not None
    result = read_archive(export_zip([first, second]))
    assert result.refused is None
    assert [m.status for m in result.members] == ["ok", "ok"]
    back = [m.routine for m in result.members]
    assert [routine_to_data(r) for r in back if r] == [
        routine_to_data(first), routine_to_data(second)
    ]
    outcome = import_routines(result.members)
    assert [(c.routine_id, c.builtin) for c in outcome.clashes] == [
        ("tension-headache-basic", True)]  # the example is a built-in: asked, not hidden
    again = import_routines([outcome.clashes[0].incoming],
                            resolutions={"tension-headache-basic": "replace"})
    assert sorted(p.name for p in outcome.written + again.written) == [
        "shared-one.tpguide.yaml", "tension-headache-basic.tpguide.yaml"
    ]
    assert {p.parent for p in outcome.written} == {paths.user_routines_dir()}
    assert len(user_files()) == 2  # the library sees the imported files


def test_export_zip_refuses_two_routines_with_one_id() -> None:
    with pytest.raises(ValueError, match="shared-one"):
        export_zip([load_routine_text(good().decode()).routine] * 2)  # type: ignore[list-item]


# --------------------------------------------------------------------------- archive limits
def test_zip_with_101_members_is_refused() -> None:
    data = make_zip({f"r{i}.yaml": good(f"r{i}") for i in range(101)})
    result = read_archive(data)
    assert result.refused is not None and "101" in result.refused
    assert result.members == ()
    ok = read_archive(make_zip({f"r{i}.yaml": good(f"r{i}") for i in range(100)}))
    assert ok.refused is None and len(ok.ok) == 100


def test_member_over_the_limit_is_refused_without_reading_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = b"#" * (MAX_MEMBER_BYTES + 1)
    data = make_zip({"big.yaml": big, "fine.yaml": good()})
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else str(name))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    found = verdicts(data)
    assert found["big.yaml"].status == "refused"
    assert "256 KiB" in (found["big.yaml"].reason or "")
    assert found["fine.yaml"].status == "ok"
    assert opened == ["fine.yaml"]


def test_member_exactly_at_the_limit_is_read() -> None:
    text = good() + b"#" * (MAX_MEMBER_BYTES - len(good()))
    found = verdicts(make_zip({"full.yaml": text}))
    assert found["full.yaml"].status == "ok"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../evil.yaml", ".."),
        ("routines/../../evil.yaml", ".."),
        ("/abs.yaml", "absolute"),
        ("C:/abs.yaml", "absolute"),
        ("notes.txt", "not a routine file"),
        ("__MACOSX/._r.yaml", "macOS"),
    ],
)
def test_dangerous_or_foreign_names_are_refused(name: str, words: str) -> None:
    found = verdicts(make_zip({name: good(), "fine.yaml": good("fine")}))
    assert found[name].status == "refused"
    assert words in (found[name].reason or "")
    assert found["fine.yaml"].status == "ok"


def test_symlink_and_directory_members_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        link = zipfile.ZipInfo("link.yaml")
        link.create_system = 3
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/etc/passwd")
        archive.writestr(zipfile.ZipInfo("folder.yaml/"), b"")
        archive.writestr("fine.yaml", good())
    found = verdicts(out.getvalue())
    assert found["link.yaml"].status == "refused"
    assert "symbolic link" in (found["link.yaml"].reason or "")
    assert found["folder.yaml/"].status == "refused"
    assert "folder" in (found["folder.yaml/"].reason or "")
    assert found["fine.yaml"].status == "ok"


def test_bzip2_members_are_refused_before_decompressing() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("r.yaml", good())
    found = verdicts(out.getvalue())
    assert found["r.yaml"].status == "refused"


def test_broken_member_gets_its_own_diagnostics() -> None:
    broken = b"tpguide: 1\nid: broken\ntitle: B\nsteps:\n  - point: temporalis.1\n    relase: 5\n"
    found = verdicts(make_zip({"a.yaml": good("a"), "broken.yaml": broken, "b.yaml": good("b")}))
    assert found["broken.yaml"].status == "errors"
    lines = [d.format("broken.yaml") for d in found["broken.yaml"].diagnostics]
    assert any(line.startswith("broken.yaml:6:5: error:") and "'release'" in line
               for line in lines)
    assert found["a.yaml"].status == found["b.yaml"].status == "ok"
    outcome = import_routines(found.values())
    assert sorted(p.name for p in outcome.written) == ["a.tpguide.yaml", "b.tpguide.yaml"]


def test_not_a_zip_is_refused() -> None:
    assert read_archive(b"hello").refused is not None
    assert read_archive(b"").refused is not None


def _patch_sizes(data: bytes, declared: int) -> bytes:
    """Make every header claim the member is ``declared`` bytes long."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04")
    struct.pack_into("<L", out, local + 22, declared)
    central = out.find(b"PK\x01\x02")
    struct.pack_into("<L", out, central + 24, declared)
    return bytes(out)


def _bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.yaml", "w") as member:
            chunk = b"a" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
        archive.writestr("fine.yaml", good())
    return out.getvalue()


@pytest.mark.parametrize("declared", [1000, MAX_MEMBER_BYTES])
def test_zip_bomb_with_a_lying_size_is_refused_in_bounded_memory(declared: int) -> None:
    data = _bomb(50 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    data = _patch_sizes(data, declared)
    tracemalloc.start()
    try:
        result = read_archive(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    found = {m.name: m for m in result.members}
    assert found["bomb.yaml"].status == "refused"
    assert found["fine.yaml"].status == "ok"
    assert peak < 4 * MAX_MEMBER_BYTES + 512 * 1024


def test_honest_large_member_is_refused_in_bounded_memory() -> None:
    data = _bomb(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        result = read_archive(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.members[0].status == "refused"
    assert peak < 512 * 1024


def test_read_archive_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "shared.zip"
    path.write_bytes(make_zip({"a.yaml": good("a")}))
    assert [m.status for m in read_archive(path).members] == ["ok"]
    with path.open("rb") as fh:
        assert [m.status for m in read_archive(fh).members] == ["ok"]


# --------------------------------------------------------------------------- clashes
def test_name_clash_is_reported_not_overwritten() -> None:
    folder = paths.ensure(paths.user_routines_dir())
    mine = folder / "my-own-name.yaml"
    mine.write_bytes(good("shared-one", "Mine"))
    incoming = verdicts(make_zip({"s.yaml": good("shared-one", "Theirs")}))["s.yaml"]
    outcome = import_routines([incoming])
    assert outcome.written == ()
    assert [(c.routine_id, c.existing) for c in outcome.clashes] == [("shared-one", mine)]
    assert b"Mine" in mine.read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["my-own-name.yaml"]


def test_clash_resolutions() -> None:
    folder = paths.ensure(paths.user_routines_dir())
    mine = folder / "shared-one.tpguide.yaml"
    mine.write_bytes(good("shared-one", "Mine"))
    incoming = check_or_fail(good("shared-one", "Theirs"))
    assert import_routines([incoming], resolutions={"shared-one": "skip"}).written == ()
    kept = import_routines([incoming], resolutions={"shared-one": "keep-both"})
    assert [p.name for p in kept.written] == ["shared-one-2.tpguide.yaml"]
    copy = load_routine_file(kept.written[0]).routine
    assert copy is not None and copy.id == "shared-one-2" and copy.title == "Theirs"
    assert b"Mine" in mine.read_bytes()
    replaced = import_routines([incoming], resolutions={"shared-one": "replace"})
    assert replaced.written == (mine,)
    assert b"Theirs" in mine.read_bytes()


def test_same_id_twice_in_one_archive_is_reported_as_such() -> None:
    found = verdicts(make_zip({"a.yaml": good("dup", "A"), "b.yaml": good("dup", "B")}))
    assert [found[n].status for n in ("a.yaml", "b.yaml")] == ["ok", "duplicate"]
    assert found["b.yaml"].reason == ("it has the same id ('dup') as 'a.yaml' earlier in this "
                                      "archive; only that one is imported")
    outcome = import_routines([found["a.yaml"], found["b.yaml"]])
    assert [p.name for p in outcome.written] == ["dup.tpguide.yaml"]
    assert outcome.clashes == ()  # not "already in your routines": it was not there
    assert b"title: A" in outcome.written[0].read_bytes()


def test_a_routine_with_a_built_in_id_asks_before_hiding_it() -> None:
    builtin = example()
    incoming = check_or_fail(good(builtin.id, "My own version"))
    outcome = import_routines([incoming])
    assert outcome.written == ()
    [clash] = outcome.clashes
    assert (clash.routine_id, clash.builtin) == (builtin.id, True)
    assert clash.existing.parent == resources.routines_dir()
    assert import_routines([incoming], resolutions={builtin.id: "skip"}).written == ()
    renamed = import_routines([incoming], resolutions={builtin.id: "keep-both"})
    assert [p.name for p in renamed.written] == [f"{builtin.id}-2.tpguide.yaml"]
    hiding = import_routines([incoming], resolutions={builtin.id: "replace"})
    assert [p.name for p in hiding.written] == [f"{builtin.id}.tpguide.yaml"]
    assert hiding.written[0].parent == paths.user_routines_dir()  # the built-in is untouched
    assert load_routine_file(clash.existing).routine == builtin


def check_or_fail(data: bytes) -> MemberVerdict:
    verdict = sharing.check_routine_bytes("x.yaml", data)
    assert verdict.status == "ok"
    return verdict
