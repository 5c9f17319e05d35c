"""``emg-parse validate --aliases FILE``: alias files, checked as ``export`` and ``bodies``
read them; and ``bodies`` writing to a full device."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from emg_parse.names import ALIASES_FILE

from .converted import converted_once, invoke


def check(*args: str) -> tuple[int, str, str]:
    return invoke("validate", *args)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_alias_file_is_valid() -> None:
    assert check("--aliases", str(ALIASES_FILE)) == (0, "", "1 file, no problems\n")


@pytest.mark.parametrize(
    ("text", "line", "code", "message"),
    [
        (
            "Task Team on X:\n- Task Team on Y\n- SDS Coalition\n",
            '3:3: ["Task Team on X"][1]',
            "aliases",
            "'SDS Coalition' is a name of both 'UN Coalition on Combating Sand and Dust "
            "Storms' and 'Task Team on X'",
        ),
        (
            "Task Team on X:\n- Issue Management Group on X\n",
            '2:3: ["Task Team on X"][0]',
            "aliases",
            "'Issue Management Group on X' is not of the type of 'Task Team on X': a body that "
            "changes type is renamed (an event), not another name",
        ),
        (
            "Task Team on X:\n  a: b\n",
            '1:1: ["Task Team on X"]',
            "aliases",
            "Task Team on X: expected a list of names (text)",
        ),
        (
            "[a, b]\n",
            "1:1",
            "aliases",
            "expected a mapping of body names to lists of their other names",
        ),
        (
            "Task Team on X: []\nTask Team on X: []\n",
            '2:1: ["Task Team on X"]',
            "duplicate_key",
            'duplicate key "Task Team on X" (first at line 1); only the last one would be kept',
        ),
        ("Task Team on X: [a\n", "2:1", "syntax", "expected ',' or ']'"),
    ],
)
def test_a_problem_is_located_and_exit_1(
    tmp_path: Path, text: str, line: str, code: str, message: str
) -> None:
    path = write(tmp_path / "aliases.yaml", text)
    status, out, err = check("--aliases", str(path))
    assert (status, err) == (1, "1 file, 1 problem\n")
    assert out.startswith(f"{path}:{line}: {message}")
    _, out, _ = check("--aliases", str(path), "--format", "json")
    assert [problem["code"] for problem in json.loads(out)] == [code]


def test_not_utf8_is_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_bytes(b"Task Team on \xff: []\n")
    status, out, _ = check("--aliases", str(path))
    assert status == 1 and out.startswith(f"{path}:1:14: not UTF-8 text (byte 0xff)")


def test_documents_and_alias_files_in_one_run(tmp_path: Path, yaml_doc: str) -> None:
    document = write(tmp_path / "doc.yaml", yaml_doc)
    aliases = write(tmp_path / "aliases.yaml", "Task Team on X: [Task Team on Ex]\n")
    assert check(str(document), "--aliases", str(aliases)) == (0, "", "2 files, no problems\n")


def test_an_unreadable_alias_file_is_exit_2(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    status, out, err = check("--aliases", str(tmp_path / "none.yaml"), "--aliases", str(fifo))
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"Error: {tmp_path / 'none.yaml'}: no such file",
        f"Error: {fifo}: is a FIFO (named pipe), not a regular file; save the content to a "
        "file first",
        "2 files, no problems, 2 unreadable",
    ]


def test_an_alias_file_read_again_after_a_change(tmp_path: Path) -> None:
    path = write(tmp_path / "aliases.yaml", "Task Team on X: [Task Team on Ex]\n")
    assert check("--aliases", str(path))[0] == 0
    write(path, "Task Team on X: [SDS Coalition]\n")
    assert check("--aliases", str(path))[0] == 1


def test_bodies_onto_a_full_device_is_exit_9(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    converted = converted_once(tmp_path_factory)
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    with full.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "emg_parse", "bodies", str(converted)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert result.returncode == 9
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write to standard output")
