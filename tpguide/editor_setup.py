"""Lets editors that use yaml-language-server check routine files as they are typed.

The project serves no schema on the web, so the schema's ``$id`` is only a name and
the files tpguide writes carry no ``# yaml-language-server: $schema=`` line pointing at
one. Instead ``tpguide editor-setup`` keeps a copy of the schema in the user's data folder
(brought up to date when a newer tpguide runs) and gives the editor a setting that maps
``*.tpguide.yaml`` and the user's routines folder to that copy: printed, or with
``--write`` merged into the editor's own settings file. A merge keeps every setting
already there: the file is read as JSON or TOML, changed, checked by reading it back,
and replaced whole; a file that cannot be read that way is left as it is.
No Qt is needed.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpguide import __version__, paths, resources
from tpguide.core.i18n import N_, _

SCHEMA_ASSET = "routine.schema.json"
NEOVIM_HEADER = "-- Written by 'tpguide editor-setup neovim --write'."


class MergeError(Exception):
    """The settings file was left as it was; the message says why."""


def xdg_config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


# ---------------------------------------------------------------- the schema copy
def _version_key(text: str) -> tuple[int, ...]:
    """'0.10.2' -> (0, 10, 2); stops at the first part that is not a number."""
    key = []
    for part in text.strip().split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        key.append(int(digits.group()))
    return tuple(key)


def _stamp(copy: Path) -> Path:
    """Beside the copy: the version of tpguide that wrote it."""
    return copy.with_name(copy.name + ".version")


def install_schema() -> Path:
    """Write this tpguide's schema to the user's data folder; return the copy's path."""
    from tpguide.core.atomic_io import SHARED, write_atomic

    copy = paths.editor_schema()
    paths.ensure(copy.parent)
    write_atomic(copy, resources.asset(SCHEMA_ASSET).read_bytes(), mode=SHARED)
    write_atomic(_stamp(copy), f"{__version__}\n".encode(), mode=SHARED)
    return copy


def refresh_schema_copy() -> bool:
    """Replace a copy written by an older tpguide; True when it did.

    Runs at every start, so it reads one small file and does nothing more unless
    ``editor-setup`` ran before. An older tpguide leaves a newer one's copy alone, and
    nothing here may stop a command: a failure only leaves the old copy in place.
    """
    try:
        written_by = _stamp(paths.editor_schema()).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if _version_key(written_by) >= _version_key(__version__):
        return False
    from tpguide.core.atomic_io import WriteError

    try:
        install_schema()
    except (OSError, WriteError):
        return False
    return True


def associations() -> list[str]:
    """File patterns for the schema: shared routines anywhere, and every file in the user's
    routines folder. yaml-language-server matches them against the file's URI, so the
    folder is written as it appears in one (spaces as %20)."""
    folder = paths.user_routines_dir().resolve().as_uri().removeprefix("file://")
    return ["*.tpguide.yaml", f"{folder}/*.yaml", f"{folder}/*.yml"]


# ---------------------------------------------------------------- the editors
@dataclass(frozen=True)
class EditorSetup:
    """One editor: where its setting lives, the setting as text, and how to merge it.

    ``label`` and ``note`` are marked for the catalogue and translated where shown.
    """

    label: str
    settings_file: Callable[[Path], Path]  # from the XDG config folder
    snippet: Callable[[str, list[str]], str]  # (schema URI, patterns) -> text to paste
    merge: Callable[[str, str, list[str]], str] | None  # (old text, URI, patterns) -> new
    note: str = ""


def _vscode_snippet(uri: str, patterns: list[str]) -> str:
    return json.dumps({"yaml.schemas": {uri: patterns}}, indent=4, ensure_ascii=False) + "\n"


def _vscode_merge(old: str, uri: str, patterns: list[str]) -> str:
    try:
        data = json.loads(old) if old.strip() else {}
    except ValueError as exc:
        raise MergeError(_("it is not plain JSON (comments or trailing commas, which tpguide "
                           "cannot keep: {reason})").format(reason=exc)) from exc
    if not isinstance(data, dict):
        raise MergeError(_("it does not hold a JSON object"))
    schemas = data.setdefault("yaml.schemas", {})
    if not isinstance(schemas, dict):
        raise MergeError(_("its \"yaml.schemas\" is not a mapping"))
    if schemas.get(uri) == patterns:
        return old
    schemas[uri] = patterns
    indent = re.search(r"^([ \t]+)\S", old, re.MULTILINE)  # keep the file's own indent
    return json.dumps(data, indent=indent.group(1) if indent else 4, ensure_ascii=False) + "\n"


_HELIX_TABLE = ("language-server", "yaml-language-server", "config", "yaml", "schemas")
_HELIX_HEADER = re.compile(r"^[ \t]*\[[ \t]*" + r"[ \t]*\.[ \t]*".join(
    re.escape(part) for part in _HELIX_TABLE) + r"[ \t]*\][ \t]*(#.*)?$", re.MULTILINE)


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, bar DEL)."""
    return json.dumps(text).replace("\x7f", "\\u007f")


def _helix_line(uri: str, patterns: list[str]) -> str:
    return f"{_toml_string(uri)} = [{', '.join(_toml_string(p) for p in patterns)}]\n"


def _helix_snippet(uri: str, patterns: list[str]) -> str:
    return f"[{'.'.join(_HELIX_TABLE)}]\n{_helix_line(uri, patterns)}"


def _toml_table(text: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MergeError(_("it is not valid TOML ({reason})").format(reason=exc)) from exc
    table: Any = doc
    for key in _HELIX_TABLE:
        table = table.get(key) if isinstance(table, dict) else None
    return doc, table if isinstance(table, dict) else None


def _helix_merge(old: str, uri: str, patterns: list[str]) -> str:
    """Add one line under the schemas table (or the table at the end), then read it back:
    the result must be the user's settings unchanged plus the new mapping."""
    before, table = _toml_table(old)
    if table is not None and table.get(uri) == patterns:
        return old
    if table is not None and uri in table:
        raise MergeError(_("it maps tpguide's schema to other files already"))
    header = _HELIX_HEADER.search(old)
    if header is not None:
        new = old[:header.end()] + "\n" + _helix_line(uri, patterns) + old[header.end() + 1:]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") \
            + ("\n" if old.strip() else "") + _helix_snippet(uri, patterns)
    expected = _with_mapping(before, uri, patterns)
    try:
        after = _toml_table(new)[0]
    except MergeError:
        after = None
    if expected is None or after != expected:
        raise MergeError(_("it sets the YAML server's schemas in a form tpguide cannot add to"))
    return new


def _with_mapping(doc: dict[str, Any], uri: str, patterns: list[str]) -> dict[str, Any] | None:
    """A copy of the document with the mapping added; None if a key on the way is no table."""
    result = copy.deepcopy(doc)
    table: Any = result
    for key in _HELIX_TABLE:
        table = table.setdefault(key, {})
        if not isinstance(table, dict):
            return None
    table[uri] = patterns
    return result


def _lua_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):03d}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _neovim_snippet(uri: str, patterns: list[str]) -> str:
    listed = ", ".join(_lua_string(p) for p in patterns)
    return (f"{NEOVIM_HEADER}\n"
            "-- yaml-language-server (yamlls) checks tpguide routines against the schema\n"
            "-- tpguide keeps up to date. Needs Neovim 0.11 or later; delete this file to undo.\n"
            "if vim.lsp.config then\n"
            '  vim.lsp.config("yamlls", {\n'
            "    settings = { yaml = { schemas = {\n"
            f"      [{_lua_string(uri)}] = {{ {listed} }},\n"
            "    } } },\n"
            "  })\n"
            "end\n")


def _neovim_merge(old: str, uri: str, patterns: list[str]) -> str:
    """Neovim reads every file in plugin/ at start: this one is tpguide's alone, and
    ``vim.lsp.config`` merges it into the user's own yamlls settings."""
    if old.strip() and not old.startswith(NEOVIM_HEADER):
        raise MergeError(_("tpguide did not write it"))
    return _neovim_snippet(uri, patterns)


def _emacs_snippet(uri: str, patterns: list[str]) -> str:
    listed = " ".join(json.dumps(p, ensure_ascii=False) for p in patterns)
    return (";; tpguide routines, checked by yaml-language-server (lsp-mode)\n"
            "(with-eval-after-load 'lsp-yaml\n"
            "  (add-to-list 'lsp-yaml-schemas\n"
            f"               (cons (intern {json.dumps(uri, ensure_ascii=False)})\n"
            f"                     [{listed}])))\n")


SETUPS: dict[str, EditorSetup] = {
    "vscode": EditorSetup(
        N_("VS Code (with Red Hat's YAML extension)"),
        lambda config: config / "Code" / "User" / "settings.json",
        _vscode_snippet, _vscode_merge),
    "neovim": EditorSetup(
        "Neovim (yamlls)",
        lambda config: config / "nvim" / "plugin" / "tpguide-yaml.lua",
        _neovim_snippet, _neovim_merge,
        N_("with nvim-lspconfig's older setup(), put the schemas line into your yamlls "
           "settings")),
    "helix": EditorSetup(
        "Helix",
        lambda config: config / "helix" / "languages.toml",
        _helix_snippet, _helix_merge),
    "emacs": EditorSetup(
        "Emacs (lsp-mode)",
        lambda config: config / "emacs" / "init.el",
        _emacs_snippet, None,
        N_("tpguide does not edit Emacs Lisp: add these lines to your init file yourself "
           "(Eglot: the same mapping under :yaml :schemas in eglot-workspace-configuration)")),
}


def setting_text(editor: str) -> str:
    """The setting for ``editor``, pointing at the schema copy (installed first)."""
    return SETUPS[editor].snippet(install_schema().as_uri(), associations())


def write_setting(editor: str, config_home: Path | None = None) -> tuple[Path, bool]:
    """Merge the setting into the editor's file; (file, whether it changed).

    Raises MergeError when the editor's settings are code (Emacs) or the file cannot be
    read as its format; the file is then untouched.
    """
    from tpguide.core.atomic_io import SHARED, WriteError, write_atomic

    setup = SETUPS[editor]
    target = setup.settings_file(config_home or xdg_config_home())
    if setup.merge is None:
        raise MergeError(_(setup.note))
    try:
        old = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise MergeError(_("{file} cannot be read ({reason})").format(file=target,
                                                                      reason=exc)) from exc
    try:
        new = setup.merge(old, install_schema().as_uri(), associations())
    except MergeError as exc:
        raise MergeError(_("{file} was left as it is: {reason}").format(file=target,
                                                                        reason=exc)) from exc
    if new == old:
        return target, False
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else SHARED
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, new.encode("utf-8"), mode=mode)
    except (OSError, WriteError) as exc:
        raise MergeError(str(exc)) from exc
    return target, True
