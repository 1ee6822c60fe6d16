"""`tpguide editor-setup`: an editor's yaml-language-server setting pointing at a schema copy
in the user's data folder; merged without losing a setting, refused where it cannot be."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
import yaml

from tpguide import __version__, cli, editor_setup, paths, resources
from tpguide.core.routines.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
ROUTINE = ROOT / "routines" / "example.yaml"


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["editor-setup", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def matches(pattern: str, uri: str) -> bool:
    """yaml-language-server's rule: the pattern, with * as any text, ends the file's URI."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.search(regex + "$", uri) is not None


def schema_for(uri_of_file: str, schemas: dict[str, object]) -> Path:
    """The local schema the setting gives a file, as the editor would pick it."""
    chosen = [key for key, patterns in schemas.items()
              if any(matches(p, uri_of_file) for p in
                     (patterns if isinstance(patterns, list) else [patterns]))]
    assert len(chosen) == 1, schemas
    address = urlparse(chosen[0])
    assert address.scheme == "file"
    return Path(unquote(address.path))


def check_with(schema_file: Path, text: str) -> list[str]:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


def test_vscode_setting_is_merged_and_checks_routines_with_the_copy(
        config_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = config_home / "Code" / "User" / "settings.json"
    settings.parent.mkdir(parents=True)
    mine = {"editor.fontSize": 15, "yaml.schemas": {"https://example.com/k8s.json": "*.k8s.yaml"},
            "files.exclude": {"**/.git": True}}
    settings.write_text(json.dumps(mine, indent=2), encoding="utf-8")
    settings.chmod(0o600)

    code, _, err = run(capsys, "vscode", "--write")
    assert code == 0 and f"added the setting to {settings}" in err
    assert settings.stat().st_mode & 0o777 == 0o600
    assert '\n  "editor.fontSize": 15,\n' in settings.read_text(encoding="utf-8")  # its indent
    written = json.loads(settings.read_text(encoding="utf-8"))
    assert {k: v for k, v in written.items() if k != "yaml.schemas"} == \
        {"editor.fontSize": 15, "files.exclude": {"**/.git": True}}
    schemas = written["yaml.schemas"]
    assert schemas["https://example.com/k8s.json"] == "*.k8s.yaml"

    shared = (tmp_path / "from a friend.tpguide.yaml").as_uri()
    copy = schema_for(shared, {k: v for k, v in schemas.items() if "k8s" not in k})
    assert copy == paths.editor_schema() and copy.is_file()
    assert check_with(copy, ROUTINE.read_text(encoding="utf-8")) == []
    assert check_with(copy, "tpguide: 1\nid: x\ntitle: T\nsteps: [{point: a, relase: 3}]\n")
    mine_saved = (paths.user_routines_dir() / "neck.yaml").resolve().as_uri()
    assert schema_for(mine_saved, {k: v for k, v in schemas.items() if "k8s" not in k}) == copy
    assert not any(matches(p, (tmp_path / "docker-compose.yaml").as_uri())
                   for p in schemas[copy.as_uri()])

    assert run(capsys, "vscode", "--write")[2] == f"already set up: {settings}\n"


def test_helix_setting_is_added_under_the_users_own_schemas_table(
        config_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    languages = config_home / "helix" / "languages.toml"
    languages.parent.mkdir(parents=True)
    original = ('# my Helix languages\n[[language]]\nname = "python"\nauto-format = true\n\n'
                "[language-server.yaml-language-server.config.yaml.schemas]\n"
                '"https://example.com/ci.json" = ".ci.yaml"  # CI files\n\n'
                "[language-server.yaml-language-server.config.yaml]\nhover = true\n")
    languages.write_text(original, encoding="utf-8")

    assert run(capsys, "helix", "--write")[0] == 0
    text = languages.read_text(encoding="utf-8")
    assert "# my Helix languages" in text and "# CI files" in text  # comments kept
    doc = tomllib.loads(text)
    assert doc["language"] == [{"name": "python", "auto-format": True}]
    server = doc["language-server"]["yaml-language-server"]["config"]["yaml"]
    assert server["hover"] is True
    assert server["schemas"]["https://example.com/ci.json"] == ".ci.yaml"
    copy = schema_for((tmp_path / "x.tpguide.yaml").as_uri(),
                      {k: v for k, v in server["schemas"].items() if "example" not in k})
    assert check_with(copy, ROUTINE.read_text(encoding="utf-8")) == []
    assert run(capsys, "helix", "--write")[2].startswith("already set up:")


def test_helix_file_without_the_table_gets_it_at_the_end(
        config_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "helix", "--write")[0] == 0  # no file yet
    languages = config_home / "helix" / "languages.toml"
    doc = tomllib.loads(languages.read_text(encoding="utf-8"))
    schemas = doc["language-server"]["yaml-language-server"]["config"]["yaml"]["schemas"]
    assert list(schemas) == [paths.editor_schema().as_uri()]


@pytest.mark.parametrize(("editor", "name", "text", "why"), [
    ("vscode", "Code/User/settings.json", '{\n  // big fonts\n  "editor.fontSize": 15,\n}\n',
     "not plain JSON"),
    ("vscode", "Code/User/settings.json", '{"yaml.schemas": ["x"]}', "is not a mapping"),
    ("helix", "helix/languages.toml", "[editor\nline-number = 1\n", "not valid TOML"),
    ("helix", "helix/languages.toml",
     '[language-server.yaml-language-server]\nconfig = { yaml = { schemas = { "a" = "b" } } }\n',
     "cannot add to"),
    ("neovim", "nvim/plugin/tpguide-yaml.lua", "-- my own plugin\n", "tpguide did not write it"),
])
def test_a_file_it_cannot_merge_into_is_left_untouched_and_said_so(
        config_home: Path, capsys: pytest.CaptureFixture[str],
        editor: str, name: str, text: str, why: str) -> None:
    target = config_home / name
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, editor, "--write")
    assert code == 1
    assert f"tpguide: {target} was left as it is: " in err and why in err
    assert paths.editor_schema().as_uri() in out  # the setting, to add by hand
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left


def test_emacs_setting_is_printed_and_never_written(
        config_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "emacs")
    assert code == 0 and "lsp-yaml-schemas" in out and paths.editor_schema().as_uri() in out
    code, out, err = run(capsys, "emacs", "--write")
    assert code == 1 and "does not edit Emacs Lisp" in err and "lsp-yaml-schemas" in out
    assert not config_home.exists()


def test_neovim_gets_a_plugin_file_of_its_own(
        config_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "neovim", "--write")[0] == 0
    plugin = config_home / "nvim" / "plugin" / "tpguide-yaml.lua"
    text = plugin.read_text(encoding="utf-8")
    assert text.startswith(editor_setup.NEOVIM_HEADER) and 'vim.lsp.config("yamlls"' in text
    assert f'["{paths.editor_schema().as_uri()}"] = {{ "*.tpguide.yaml", ' in text
    assert run(capsys, "neovim", "--write")[2].startswith("already set up:")


def test_printing_a_setting_writes_only_the_schema_copy(
        config_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "vscode")
    assert code == 0 and json.loads(out)["yaml.schemas"]
    assert "--write" in err and not config_home.exists()
    assert paths.editor_schema().read_bytes() == resources.asset("routine.schema.json").read_bytes()


def test_a_newer_tpguide_refreshes_the_copy_and_an_older_one_does_not(
        capsys: pytest.CaptureFixture[str]) -> None:
    copy = editor_setup.install_schema()
    stamp = copy.with_name(copy.name + ".version")
    assert stamp.read_text(encoding="utf-8") == f"{__version__}\n"
    copy.write_text('{"from": "an older tpguide"}', encoding="utf-8")
    stamp.write_text("0.0.9\n", encoding="utf-8")
    assert cli.main(["points"]) == 0  # any command
    assert copy.read_bytes() == resources.asset("routine.schema.json").read_bytes()
    assert stamp.read_text(encoding="utf-8") == f"{__version__}\n"

    copy.write_text('{"from": "a newer tpguide"}', encoding="utf-8")
    stamp.write_text("99.1\n", encoding="utf-8")
    assert cli.main(["points"]) == 0
    assert copy.read_text(encoding="utf-8") == '{"from": "a newer tpguide"}'
    capsys.readouterr()


# ---------------------------------------------------------------- no address it does not own
def test_the_schema_names_itself_without_claiming_an_address() -> None:
    assert build_schema()["$id"] == "urn:tpguide:schema:routine:1"
    text = (".py", ".json", ".yaml", ".md", ".xml", ".desktop", ".svg")
    shipped = [ROOT / "README.md", ROOT / "pyproject.toml",
               *(p for folder in ("tpguide", "assets", "routines")
                 for p in (ROOT / folder).rglob("*") if p.suffix in text)]
    assert len(shipped) > 100
    assert [p for p in shipped if b"tpguide.org" in p.read_bytes()] == []


def test_files_tpguide_writes_carry_no_modeline(tmp_path: Path) -> None:
    for args in (["new"], ["new", "--from", "tension-headache-basic"]):
        target = tmp_path / f"{len(args)}.yaml"
        out = subprocess.run([sys.executable, "-m", "tpguide", *args, str(target)],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        assert "yaml-language-server" not in target.read_text(encoding="utf-8")


def test_the_schemastore_entry_is_ready_and_not_shipped() -> None:
    entry = json.loads((ROOT / "assets" / "schemastore" / "catalog-entry.json")
                       .read_text(encoding="utf-8"))
    assert entry["fileMatch"] == ["*.tpguide.yaml"]
    assert entry["name"] and entry["description"]
    # no public home yet: the address is in a domain nobody can own (RFC 2606)
    assert urlparse(entry["url"]).hostname.endswith(".invalid")  # type: ignore[union-attr]
    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    targets = shipped["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert not any("schemastore" in source or source == "assets" for source in targets)
