"""Fuzzing the command line: file names, option values and output targets.

Whatever the name (any bytes, control characters, leading dashes, 255 bytes), the
option values or the ``-o`` target, ``parse`` and ``validate`` end with one of their
documented exit codes, stderr is one ``Error: ...`` line (or click's usage message
for a usage error) and never a traceback, the input is never modified, and nothing
is written outside the example's own folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse.cli import EXIT_CODES, main
from emg_parse.cli.validate import VALIDATE_EXIT_CODES
from emg_parse.writers import TEMPORARY_PREFIX

from .conftest import SAMPLES

TXT = (SAMPLES / "EMGSOM.26_3a.txt").read_bytes()
YAML = b"schema_version: '1.0'\nsource: {file: a, format: text}\n"
_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

#: A file name: any bytes but '/' and NUL, up to 255 of them.
NAMES = st.binary(min_size=1, max_size=255).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)
#: Names that look like options or hold what breaks a line.
ODD_NAMES = st.sampled_from(
    [
        b"-",
        b"--",
        b"-o",
        b"--help",
        b"-x.txt",
        b"a\nb",
        b"\r",
        b"\x1b[2J",
        b"\xff\xfe",
        b"\xe2\x80\xa8",
        b" ",
        b"schema",
        b"validate",
        b"batch",
        b"x" * 255,
    ]
)


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def check_stderr(code: int, stderr: str, *, validate: bool = False) -> None:
    """One ``Error:`` line (validate: one per unreadable file, then its summary), or
    click's usage message for a usage error; never a traceback or a broken line."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    if stderr.startswith("Usage: "):
        assert code == 2
        assert lines[-1].startswith("Error: ") and lines[-2] == ""
        return
    if validate:  # and the summary last, unless the report is JSON
        if lines and not lines[-1].startswith("Error: "):
            assert re.fullmatch(r"\d+ files?, .*", lines.pop()), stderr
        assert all(line.startswith("Error: ") for line in lines), stderr
        return
    if code == 0:
        assert stderr == ""
    else:
        assert len(lines) == 1 and lines[0].startswith("Error: "), stderr


@contextlib.contextmanager
def sandbox(tmp_path: Path) -> Iterator[Path]:
    """A new folder for one example, the current folder meanwhile; removed after.
    Nothing else under ``tmp_path``'s parent may change."""
    around = sorted(p.name for p in tmp_path.parent.iterdir())
    folder = tmp_path / "box"
    folder.mkdir()
    try:
        with contextlib.chdir(folder):
            yield folder
    finally:
        shutil.rmtree(folder)
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == around


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TEMPORARY_PREFIX)]


@_SETTINGS
@given(name=NAMES | ODD_NAMES, content=st.sampled_from([TXT, b"", b"\xff\x00junk", YAML]))
def test_any_input_name(tmp_path: Path, name: bytes, content: bytes) -> None:
    with sandbox(tmp_path) as folder:
        path = folder / os.fsdecode(name)
        path.write_bytes(content)
        for args in ([str(path)], [os.fsdecode(name)], ["--", os.fsdecode(name)]):
            code, out, err = run(args)
            assert code in EXIT_CODES, (args, code, err)
            check_stderr(code, err)
            if code == 0 and out.startswith("{"):  # a document, or (a file named schema)
                assert isinstance(json.loads(out), dict)  # the schema
        code, out, err = run(["validate", str(path)])
        assert code in VALIDATE_EXIT_CODES
        check_stderr(code, err, validate=True)
        assert path.read_bytes() == content
        assert sorted(folder.iterdir()) == [path]


OPTIONS = st.sampled_from(
    ["--timeout", "--max-size", "--format", "-f", "--dump", "--engine", "--password", "-o"]
)
#: Option values: any text but NUL, which no command line can hold.
VALUES = st.text(st.characters(exclude_characters="\0"), max_size=30) | st.sampled_from(
    [
        "0",
        "-1",
        "1e-300",
        "1e308",
        "inf",
        "nan",
        "0x10",
        "1_000",
        "json",
        "yaml",
        "lines",
        "pdfplumber",
        "-",
        "",
        " 5 ",
        "\n",
        "--",
        "1e9",
        "1000000001",
    ]
)


@_SETTINGS
@given(pairs=st.lists(st.tuples(OPTIONS, VALUES), max_size=4))
def test_any_option_values(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    with sandbox(tmp_path) as folder:
        source = folder / "doc.txt"
        source.write_bytes(TXT)
        args = [str(source)]
        for option, value in pairs:
            if option == "-o":  # an output name inside the example's folder
                value = str(folder / value.replace("..", "__")) if value != "-" else value
            args += [option, value]
        code, _, err = run(args)
        assert code in EXIT_CODES, (args, code, err)
        check_stderr(code, err)
        assert source.read_bytes() == TXT
        assert not temporaries(folder)
        checked = ["validate", str(source)]
        for option, value in pairs:
            if option in ("--timeout", "--max-size", "--format", "-f"):
                checked += [option, value]
        code, _, err = run(checked)
        assert code in VALIDATE_EXIT_CODES, (checked, code, err)
        check_stderr(code, err, validate=True)


def make_target(folder: Path, source: Path, kind: str, name: str) -> tuple[str, Path | None]:
    """The ``-o`` argument for a target of ``kind``, and the device made for it."""
    path = folder / name
    made: Path | None = None
    if kind == "existing file":
        path.write_text("previous", encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "trailing slash":
        return str(path) + "/", None
    elif kind == "in new folders":
        return str(folder / "new" / "deeper" / name), None
    elif kind == "the input":
        return str(source), None
    elif kind == "link to the input":
        path.symlink_to(source)
    elif kind == "hard link to the input":
        os.link(source, path)
    elif kind in ("null device", "full device", "link to a device"):
        number = os.makedev(1, 7) if kind == "full device" else os.makedev(1, 3)
        made = folder / "device"
        os.mknod(made, stat.S_IFCHR | 0o666, number)
        if kind == "link to a device":
            path.symlink_to(made)
        else:
            path = made
    elif kind == "dangling link":
        path.symlink_to(folder / "elsewhere.json")
    elif kind == "inside a file":
        path.write_text("a file", encoding="utf-8")
        return str(path / "out.json"), None
    return str(path), made


TARGET_KINDS = st.sampled_from(
    [
        "new file",
        "existing file",
        "folder",
        "trailing slash",
        "in new folders",
        "the input",
        "link to the input",
        "hard link to the input",
        "null device",
        "full device",
        "link to a device",
        "dangling link",
        "inside a file",
    ]
)


@_SETTINGS
@given(kind=TARGET_KINDS, name=NAMES, fmt=st.sampled_from([[], ["--format", "yaml"]]))
def test_any_output_target(tmp_path: Path, kind: str, name: bytes, fmt: list[str]) -> None:
    with sandbox(tmp_path) as folder:
        source = folder / "input.txt"
        if os.fsdecode(name) == source.name:
            name += b"_"
        source.write_bytes(TXT)
        target, device = make_target(folder, source, kind, os.fsdecode(name))
        code, out, err = run([str(source), "-o", target, *fmt])
        assert code in {0, 2, 9}, (kind, code, err)
        check_stderr(code, err)
        assert out == ""
        assert source.read_bytes() == TXT
        assert not temporaries(folder)
        if device is not None:
            assert stat.S_ISCHR(os.lstat(device).st_mode)
        if code == 0 and device is None:
            written = Path(target).read_text(encoding="utf-8")
            assert "schema_version" in written


#: Option values a process can be given: a lone surrogate is no text an operating system
#: passes on (the in-process runs above still get them).
PROCESS_VALUES = VALUES.filter(lambda value: not any("\ud800" <= c <= "\udfff" for c in value))


@settings(_SETTINGS, max_examples=6)
@given(name=NAMES | ODD_NAMES, options=st.lists(st.tuples(OPTIONS, PROCESS_VALUES), max_size=2))
def test_the_console_command(tmp_path: Path, name: bytes, options: list[tuple[str, str]]) -> None:
    """A few runs of the real ``emg-parse`` process (its own streams and exit)."""
    with sandbox(tmp_path) as folder:
        path = folder / os.fsdecode(name)
        path.write_bytes(TXT)
        args = [str(path)]
        for option, value in options:
            if option != "-o":
                args += [option, value]
        result = subprocess.run(
            [sys.executable, "-m", "emg_parse", *args],
            capture_output=True,
            timeout=120,
            check=False,
        )
        err = result.stderr.decode("utf-8")
        assert result.returncode in EXIT_CODES, (args, result.returncode, err)
        check_stderr(result.returncode, err)
        assert path.read_bytes() == TXT


@pytest.mark.parametrize("name", [b"a\nb.txt", b"\xff.txt", b"-o", b"x" * 255])
def test_the_console_command_names_odd_files_on_one_line(tmp_path: Path, name: bytes) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emg_parse", os.fsdecode(tmp_path / os.fsdecode(name))],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3
    check_stderr(3, result.stderr.decode("utf-8"))
