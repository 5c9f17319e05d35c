"""errors.unreadable: one wording for a file that cannot be opened, in every reader."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from emg_parse.errors import InputError, unreadable
from emg_parse.extractors.docx import extract_docx
from emg_parse.extractors.pdf.extractor import PdfExtractor
from emg_parse.validate import validate_file


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "no such file"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a folder"),
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "permission denied; check the file's permissions",
        ),
        (OSError(errno.EIO, "Input/output error"), "cannot read the file (Input/output error)"),
    ],
)
def test_unreadable_messages(error: OSError, message: str) -> None:
    found = unreadable(Path("doc.pdf"), error)
    assert isinstance(found, InputError)
    assert found.one_line() == f"doc.pdf: {message}"


def test_every_reader_says_no_such_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    for read in (extract_docx, PdfExtractor().convert, validate_file):
        with pytest.raises(InputError) as caught:
            read(missing)
        assert caught.value.one_line() == f"{missing}: no such file", read


def test_a_folder_is_named_for_what_the_reader_wanted(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a Word document"):
        extract_docx(tmp_path)
    with pytest.raises(InputError, match="is a folder; give the files in it"):
        validate_file(tmp_path)
