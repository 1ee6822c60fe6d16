"""Routines sent between people: export as files or a zip, and import them without trusting them.

A shared archive is hostile until proven otherwise. It is read in memory, never
extracted by member name: the archive's index is size-checked before Python parses
it, each member's declared size is checked before it is opened and at most one byte
past the limit is decompressed, and each member gets its own verdict. Importing
into the user's folder never overwrites silently: clashes come back for the UI to ask.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO, Literal

from tpguide import paths
from tpguide.core.atomic_io import SHARED, write_atomic, write_error
from tpguide.core.bounded_read import open_regular
from tpguide.core.i18n import _
from tpguide.core.record import field, record, replace
from tpguide.core.routines.diagnostics import Diagnostic, quote
from tpguide.core.routines.loader import load_routine_bytes, load_routine_file, read_limited
from tpguide.core.routines.routine import Routine
from tpguide.core.routines.serialize import routine_to_yaml
from tpguide.core.routines.yamlsafe import MAX_BYTES

SUFFIX = ".tpguide.yaml"
MAX_MEMBERS = 100
MAX_MEMBER_BYTES = MAX_BYTES
MAX_INDEX_BYTES = 1024 * 1024
MAX_ARCHIVE_BYTES = MAX_MEMBERS * MAX_MEMBER_BYTES + MAX_INDEX_BYTES  # stored, at the worst
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_DRIVE = re.compile(r"^[A-Za-z]:")
_S_IFMT, _S_IFREG = 0o170000, 0o100000
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_SHARED_NOTE = "# Shared from tpguide: open it with tpguide, or check it with 'tpguide validate'.\n"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)

Status = Literal["ok", "errors", "refused", "duplicate"]
Resolution = Literal["replace", "keep-both", "skip"]
ArchiveSource = bytes | str | os.PathLike[str] | BinaryIO


@record(frozen=True)
class SharedFile:
    """One exported routine: the file name to offer and its bytes."""

    name: str
    data: bytes


@record(frozen=True)
class MemberVerdict:
    """What one shared file or archive member turned out to be.

    ``ok``: a valid routine (``routine`` and the checked ``data`` are set; warnings may
    be in ``diagnostics``). ``errors``: a routine file with errors in ``diagnostics``.
    ``refused``: not read as a routine at all, ``reason`` says why. ``duplicate``: a valid
    routine whose id an earlier member of the same archive has (not imported; ``reason``).
    """

    name: str
    status: Status
    reason: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    routine: Routine | None = None
    data: bytes | None = field(default=None, repr=False)

    @property
    def shown_name(self) -> str:
        """The member name safe to show: control characters escaped, long names cut."""
        return quote(self.name, limit=80)


@record(frozen=True)
class ArchiveVerdict:
    """The whole archive's verdict: refused outright, or one verdict per member."""

    refused: str | None
    members: tuple[MemberVerdict, ...] = ()

    @property
    def ok(self) -> tuple[MemberVerdict, ...]:
        return tuple(m for m in self.members if m.status == "ok")


@record(frozen=True)
class Clash:
    """An incoming routine whose id (or file) the user's folder already has, or whose id
    is a built-in routine's (``builtin``: importing it as it is would hide that one)."""

    routine_id: str
    existing: Path
    incoming: MemberVerdict
    builtin: bool = False


@record(frozen=True)
class ImportOutcome:
    written: tuple[Path, ...]
    clashes: tuple[Clash, ...]


# --------------------------------------------------------------------------- export
def export_name(routine: Routine) -> str:
    return f"{routine.id}{SUFFIX}"


def export_routine(routine: Routine) -> SharedFile:
    """A self-contained file: every setting the routine needs is written into it."""
    text = routine_to_yaml(routine)
    first, _newline, rest = text.partition("\n")
    return SharedFile(export_name(routine), f"{first}\n{_SHARED_NOTE}{rest}".encode())


def export_zip(routines: Iterable[Routine]) -> bytes:
    """A zip of ``<id>.tpguide.yaml`` files; two routines with one id is a ValueError."""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for routine in routines:
            if routine.id in seen:
                raise ValueError(f"two routines have the id {routine.id!r}")
            seen.add(routine.id)
            shared = export_routine(routine)
            info = zipfile.ZipInfo(shared.name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (_S_IFREG | 0o644) << 16
            archive.writestr(info, shared.data)
    return out.getvalue()


# --------------------------------------------------------------------------- checking
def check_routine_bytes(name: str, data: bytes) -> MemberVerdict:
    """Verdict on one routine file's bytes (already read with a size limit)."""
    result = load_routine_bytes(data)
    if result.routine is None:
        return MemberVerdict(name, "errors", diagnostics=tuple(result.diagnostics))
    return MemberVerdict(name, "ok", diagnostics=tuple(result.diagnostics),
                         routine=result.routine, data=data)


def check_shared_file(path: Path) -> MemberVerdict:
    """Verdict on a single shared file on disk; OSError when it cannot be read."""
    return check_routine_bytes(path.name, read_limited(path))


def read_archive(source: ArchiveSource) -> ArchiveVerdict:
    """Check every member of a zip in memory; nothing is written anywhere."""
    if isinstance(source, bytes):
        return _read_archive_stream(io.BytesIO(source))
    if isinstance(source, str | os.PathLike):
        with open_regular(Path(source)) as fh:  # a named pipe is refused, not waited on
            return _read_archive_stream(fh)
    return _read_archive_stream(source)


def _read_archive_stream(fh: BinaryIO) -> ArchiveVerdict:
    refusal = _index_refusal(fh)
    if refusal is not None:
        return ArchiveVerdict(refusal)
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        return ArchiveVerdict(_("not a readable zip archive ({reason})").format(reason=exc))
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            return ArchiveVerdict(_too_many(len(infos)))
        return ArchiveVerdict(None, _mark_duplicates([_member(archive, i) for i in infos]))


def _mark_duplicates(members: list[MemberVerdict]) -> tuple[MemberVerdict, ...]:
    """A second routine with an id already in this archive is reported as such: it is
    neither imported over the first nor "already in your routines"."""
    first: dict[str, MemberVerdict] = {}
    marked = []
    for member in members:
        routine = member.routine
        if member.status == "ok" and routine is not None:
            earlier = first.setdefault(routine.id, member)
            if earlier is not member:
                member = replace(member, status="duplicate", data=None, reason=_(
                    "it has the same id ({id}) as {earlier} earlier in this archive; only "
                    "that one is imported").format(id=quote(routine.id),
                                                   earlier=earlier.shown_name))
        marked.append(member)
    return tuple(marked)


def _too_many(count: int) -> str:
    return _("the archive has {count} files; at most {most} routines can be imported at "
             "once").format(count=count, most=MAX_MEMBERS)


def _index_refusal(fh: BinaryIO) -> str | None:
    """Refuse archives whose index is too big to parse, before zipfile allocates for it."""
    try:
        size = fh.seek(0, io.SEEK_END)
        tail_start = max(0, size - (_EOCD.size + 0xFFFF))
        fh.seek(tail_start)
        tail = fh.read()
        fh.seek(0)
    except OSError as exc:
        return _("cannot be read ({reason})").format(reason=exc.strerror or exc)
    if size > MAX_ARCHIVE_BYTES:
        return _("the archive is {size} MiB; a pack of routines is at most {most} MiB").format(
            size=size // (1024 * 1024), most=MAX_ARCHIVE_BYTES // (1024 * 1024))
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or len(tail) - at < _EOCD.size:
        return _("not a zip archive")
    fields = _EOCD.unpack_from(tail, at)
    count, index_bytes = fields[4], fields[5]
    if tail.rfind(_ZIP64_LOCATOR, 0, at) >= 0 or count == 0xFFFF or index_bytes == 0xFFFFFFFF:
        return _("the archive uses ZIP64 (meant for huge archives); routines never need it")
    if count > MAX_MEMBERS:
        return _too_many(count)
    if index_bytes > MAX_INDEX_BYTES:
        return _("the archive's list of files is too large")
    return None


def _name_refusal(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name):
        return _("an absolute path; shared routines are plain file names")
    if ".." in parts:
        return _("its path leads out of the archive ('..')")
    if info.is_dir():
        return _("a folder, not a routine file")
    mode = info.external_attr >> 16
    if mode & _S_IFMT and mode & _S_IFMT != _S_IFREG:
        return (_("a symbolic link, not a routine file") if mode & _S_IFMT == 0o120000
                else _("a special file, not a routine file"))
    if info.flag_bits & 0x1:
        return _("encrypted; send the routine without a password")
    if info.compress_type not in _METHODS:
        # zipfile decompresses bzip2 and lzma chunks without an output limit
        return _("compressed with an unusual method; use ordinary zip compression")
    base = parts[-1]
    if "__MACOSX" in parts or base.startswith("._"):
        return _("macOS metadata, not a routine")
    if base.lower().endswith(".course.yaml"):
        return _("a treatment course, not a routine")
    if not base.lower().endswith((".yaml", ".yml")):
        return _("not a routine file (routine files end in .yaml)")
    return None


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> MemberVerdict:
    refusal = _name_refusal(info)
    if refusal is None and info.file_size > MAX_MEMBER_BYTES:
        refusal = _too_big(info.file_size)
    if refusal is not None:
        return MemberVerdict(info.filename, "refused", reason=refusal)
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError,
            OSError, ValueError) as exc:
        return MemberVerdict(info.filename, "refused",
                             reason=_("cannot be read ({reason})").format(reason=exc))
    if len(data) > MAX_MEMBER_BYTES:
        return MemberVerdict(info.filename, "refused",
                             reason=_("{problem} (its stated size was false)").format(
                                 problem=_too_big(None)))
    return check_routine_bytes(info.filename, data)


def _too_big(size: int | None) -> str:
    most = MAX_MEMBER_BYTES // 1024
    if size is None:
        return _("larger than the limit; routine files are at most {most} KiB").format(most=most)
    return _("{size} KiB; routine files are at most {most} KiB").format(size=size // 1024,
                                                                        most=most)


# --------------------------------------------------------------------------- import
def _existing_ids(folder: Path) -> dict[str, Path]:
    return _ids_in(folder) if folder.is_dir() else {}


def builtin_ids() -> dict[str, Path]:
    """The built-in routines' ids and files: one of yours with such an id hides it."""
    from tpguide import resources

    return _ids_in(resources.routines_dir())


def _ids_in(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or path.name.endswith(".course.yaml"):
            continue
        try:
            routine = load_routine_file(path).routine
        except OSError:
            continue
        if routine is not None:
            found.setdefault(routine.id, path)
    return found



def _free_id(base: str, taken: Iterable[str], folder: Path) -> str:
    used = set(taken)
    for n in range(2, 10_000):
        suffix = f"-{n}"
        candidate = base[: 64 - len(suffix)] + suffix
        if candidate not in used and not (folder / f"{candidate}{SUFFIX}").exists():
            return candidate
    raise ValueError(f"no free id left for {base!r}")


def builtin_clash(verdict: MemberVerdict, folder: Path | None = None) -> Clash | None:
    """The Clash to ask about when importing ``verdict`` would hide a built-in routine:
    its id is a built-in one's and none of the person's routines has it yet."""
    routine = verdict.routine
    if verdict.status != "ok" or routine is None:
        return None
    shipped = builtin_ids()
    target = folder if folder is not None else paths.user_routines_dir()
    if routine.id not in shipped or routine.id in _existing_ids(target):
        return None
    return Clash(routine.id, shipped[routine.id], verdict, builtin=True)


def import_routines(
    verdicts: Iterable[MemberVerdict],
    folder: Path | None = None,
    resolutions: Mapping[str, Resolution] | None = None,
    builtins: Mapping[str, Path] | None = None,
) -> ImportOutcome:
    """Write the ``ok`` routines into the user's folder as ``<id>.tpguide.yaml``.

    A routine whose id or file name is already there is not written but returned as
    a Clash, unless ``resolutions`` says what to do with that id: ``replace`` the
    existing file, ``keep-both`` (the incoming one gets a new id such as ``x-2``), or
    ``skip`` it. A routine with a built-in routine's id (``builtins``, default: the
    app's) would hide that one, so it is a Clash too: ``replace`` writes it as it is
    (yours is used from then on), ``keep-both`` renames it, ``skip`` leaves it out.
    Files are written atomically.
    """
    target = folder if folder is not None else paths.user_routines_dir()
    chosen = dict(resolutions or {})
    existing = _existing_ids(target)
    shipped = dict(builtin_ids() if builtins is None else builtins)
    written: list[Path] = []
    clashes: list[Clash] = []
    for verdict in verdicts:
        routine = verdict.routine
        if verdict.status != "ok" or routine is None or verdict.data is None:
            continue
        path = target / export_name(routine)
        holder = existing.get(routine.id) or (path if path.exists() else None)
        hides = holder is None and routine.id in shipped
        data = verdict.data
        if holder is not None or hides:
            action = chosen.get(routine.id)
            if action is None:
                clashes.append(Clash(routine.id, holder or shipped[routine.id], verdict, hides))
                continue
            if action == "skip":
                continue
            if action == "replace":
                path = holder or path  # over yours; beside (and hiding) a built-in
            else:
                new_id = _free_id(routine.id, {*existing, *shipped}, target)
                routine = replace(routine, id=new_id)
                data = export_routine(routine).data
                path = target / export_name(routine)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(exc, path) from exc
        write_atomic(path, data, mode=SHARED)
        existing[routine.id] = path
        written.append(path)
    return ImportOutcome(tuple(written), tuple(clashes))
