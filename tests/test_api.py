"""The package's API takes paths as str or os.PathLike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import emg_parse
from emg_parse.pipeline import blocks_of

from .conftest import SAMPLES

TXT = SAMPLES / "EMGSOM.26_3a.txt"


class PathLike(os.PathLike[str]):
    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_parse_file_takes_str_and_pathlike() -> None:
    expected = emg_parse.parse_file(TXT)
    assert emg_parse.parse_file(str(TXT)) == expected
    assert emg_parse.parse_file(PathLike(TXT)) == expected
    assert blocks_of(str(TXT))[1] == blocks_of(TXT)[1]


def test_validate_file_takes_str_and_pathlike(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    out.write_text(emg_parse.render(emg_parse.parse_file(TXT), "json"), encoding="utf-8")
    for path in (str(out), PathLike(out), out):
        result = emg_parse.validate_file(path)
        assert result.valid and result.file == str(out)


def test_convert_archive_takes_str(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(TXT, archive)
    summary = emg_parse.convert_archive(str(archive), str(tmp_path / "out"), jobs=1, fmt="yaml")
    assert (summary.converted, summary.failed) == (1, 0)
    assert (tmp_path / "out" / "EMGSOM.26_3a.txt.yaml").is_file()
