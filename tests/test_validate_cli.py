"""``emg-parse validate``: exact output lines, summaries and exit codes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from emg_parse.cli.validate import VALIDATE_EXIT_CODES

from .conftest import ROOT, Cli, edited


@pytest.fixture
def files(tmp_path: Path, yaml_doc: str, json_doc: str) -> dict[str, Path]:
    """A valid YAML file, a valid JSON file and an invalid YAML file with two problems."""
    paths = {
        "good.yaml": yaml_doc,
        "good.json": json_doc,
        "bad.yaml": edited(
            yaml_doc, [("  - label: b\n", "  - label: c\n"), ("  title: E-waste", "  title: ''")]
        ),
    }
    for name, text in paths.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {name: tmp_path / name for name in paths}


def test_valid_files(files: dict[str, Path], cli: Cli) -> None:
    code, out, err = cli("validate", str(files["good.yaml"]), str(files["good.json"]))
    assert (code, out, err) == (0, "", "2 files, no problems\n")


def test_invalid_file_lists_every_problem(files: dict[str, Path], cli: Cli) -> None:
    bad = files["bad.yaml"]
    code, out, err = cli("validate", str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:20:12: sections[0].decisions[1].label: label 'c' skips after 'a' (expected 'b')",
        f"{bad}:28:10: sections[1].title: empty title",
    ]
    assert err == "1 file, 2 problems\n"


def test_json_format(files: dict[str, Path], cli: Cli) -> None:
    bad = files["bad.yaml"]
    code, out, err = cli("validate", "--format", "json", str(files["good.yaml"]), str(bad))
    assert (code, err) == (1, "")
    assert json.loads(out) == [
        {
            "file": str(bad),
            "line": 20,
            "column": 12,
            "path": "sections[0].decisions[1].label",
            "code": "label_sequence",
            "message": "label 'c' skips after 'a' (expected 'b')",
        },
        {
            "file": str(bad),
            "line": 28,
            "column": 10,
            "path": "sections[1].title",
            "code": "empty_text",
            "message": "empty title",
        },
    ]
    assert cli("validate", "-f", "json", str(files["good.json"])) == (0, "[]\n", "")


def test_several_files_worst_exit_code(files: dict[str, Path], tmp_path: Path, cli: Cli) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, err = cli("validate", str(files["bad.yaml"]), str(missing), str(files["good.yaml"]))
    assert code == 2
    assert len(out.splitlines()) == 2
    assert err == f"Error: {missing}: no such file\n3 files, 2 problems, 1 unreadable\n"
    code, _, err = cli("validate", str(files["good.json"]), str(files["bad.yaml"]))
    assert (code, err) == (1, "2 files, 2 problems\n")


def test_unreadable_in_json_mode_goes_to_stderr(tmp_path: Path, cli: Cli) -> None:
    code, out, err = cli("validate", "--format", "json", str(tmp_path))
    assert (code, out) == (2, "[]\n")
    assert err == (
        f"Error: {tmp_path}: is a folder that holds no .json, .yaml or .yml file to check\n"
    )


def test_stdin(cli: Cli) -> None:
    code, out, err = cli("validate", "-", stdin=b"schema_version: '1.0'\n")
    assert code == 1
    assert out == "<stdin>:1:1: source: required field 'source' is missing\n"
    assert err == "1 file, 1 problem\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Missing argument 'FILE...'"),
        (("x.yaml", "--format", "xml"), "Invalid value for '-f' / '--format'"),
    ],
)
def test_usage_errors_are_exit_2(args: tuple[str, ...], message: str, cli: Cli) -> None:
    code, out, err = cli("validate", *args)
    assert (code, out) == (2, "")
    assert message in err


def test_garbage_is_a_problem_not_a_traceback(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(1, 256)))  # 0x0a is a line break; 0x80 is no UTF-8
    code, out, err = cli("validate", str(path))
    assert code == 1
    assert out == (
        f"{path}:2:118: not UTF-8 text (byte 0x80); emg-parse writes UTF-8: save "
        "the file as UTF-8\n"
    )
    assert err == "1 file, 1 problem\n"
    path.write_bytes(bytes(range(1, 128)))
    assert cli("validate", str(path))[:2] == (
        1,
        (
            f"{path}:1:1: character U+0001 is not allowed in YAML (special characters are not "
            "allowed)\n"
        ),
    )
    path.write_bytes(bytes(range(256)))  # a NUL byte: binary, not text
    assert cli("validate", str(path))[:2] == (
        1,
        f"{path}:1:1: is not an emg-parse output (JSON or YAML) but binary data; to convert "
        f"it run 'emg-parse {path}'\n",
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_parse_then_validate(fmt: str, tmp_path: Path, cli: Cli, seed_txt: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    assert cli(str(seed_txt), "-o", str(out))[0] == 0
    assert cli("validate", str(out)) == (0, "", "1 file, no problems\n")


def test_help_lists_exit_codes(cli: Cli) -> None:
    code, out, _ = cli("validate", "--help")
    assert code == 0
    for number, meaning in VALIDATE_EXIT_CODES.items():
        assert f"{number:<3}  {meaning}" in out
    assert "  0    every file is valid (warnings do not count)\n" in out


def test_readme_example_is_real(tmp_path: Path, cli: Cli, seed_txt: Path) -> None:
    """The README's example of ``emg-parse validate out.yaml`` is what it prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"`emg-parse validate out.yaml` prints:\n\n```text\n(.*?)```", readme, re.S)
    assert block is not None
    out = tmp_path / "out.yaml"
    assert cli(str(seed_txt), "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    for old, new in [
        ("schema_version: '1.2'", "schema_version: 1.2"),
        ("    date: '2020-10-28'", "    date: 2020-10-32"),
        (
            "  title: Consultative Process on Biodiversity\n",
            "  titel: Consultative Process on Biodiversity\n",
        ),
        (
            "    label: b\n    actor: null\n    text: Decide",
            "    label: c\n    actor: null\n    text: Decide",
        ),
    ]:
        text = text.replace(old, new, 1)
    out.write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        code, stdout, stderr = cli("validate", "out.yaml")
    finally:
        os.chdir(cwd)
    assert code == 1
    assert stdout + stderr == block.group(1)
