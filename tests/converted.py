"""The sample archive converted by ``emg-parse batch``, for the export and register tests.

One format of each sample document: the Word file of every layout of
``samples/layouts/`` (meetings 15 to 29; the 24th has two documents, a summary and a
table of proposed action points) and the text of the real 26th meeting.  Built once
per test session through the command line; tests that change it work on a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from emg_parse.cli import main

from .conftest import SAMPLES

#: The inputs, as paths under the archive folder.
INPUTS = [
    *sorted(f"layouts/{p.name}" for p in (SAMPLES / "layouts").glob("*.docx")),
    "EMGSOM.26_3a.txt",
]


def invoke(*args: str) -> tuple[int, str, str]:
    """Run ``emg-parse ARGS`` in-process: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, AssertionError)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def convert(root: Path) -> Path:
    """Copy the inputs under ``root/archive``, convert them to ``root/converted``."""
    archive = root / "archive"
    for rel in INPUTS:
        (archive / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / rel, archive / rel)
    converted = root / "converted"
    code, _, err = invoke("batch", str(archive), "-o", str(converted), "-j", "2")
    assert code == 0, err
    return converted


_ONCE: list[Path] = []


def converted_once(factory: pytest.TempPathFactory) -> Path:
    """The converted sample archive, made on the first call of the session (tests must
    not change it: :func:`copy_of` it)."""
    if not _ONCE:
        _ONCE.append(convert(factory.mktemp("samples")))
    return _ONCE[0]


def copy_of(converted: Path, tmp_path: Path) -> Path:
    """A copy of the converted folder that a test may change."""
    copy = tmp_path / "converted"
    shutil.copytree(converted, copy)
    return copy
