"""Choose the extractor for a file from its content, and run it.

Extractor modules are imported only when a file of their format is read, so the
command line starts fast.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from emg_parse.errors import InputError, TooLargeError, UnsupportedFormatError, unreadable
from emg_parse.extractors import Extractor
from emg_parse.extractors.pdf.errors import DAMAGED_MESSAGE
from emg_parse.lines import Extraction

if TYPE_CHECKING:
    from emg_parse.extractors.pdf.extractor import PdfEngine

#: Files larger than this are refused before reading (bytes); see ``--max-size``.
MAX_FILE_BYTES = 100 * 1024 * 1024
HEAD_BYTES = 8192

#: (module, class) in the order they are asked; the text extractor comes last.
EXTRACTORS = (
    ("emg_parse.extractors.pdf.extractor", "PdfExtractor"),
    ("emg_parse.extractors.docx", "DocxExtractor"),
    ("emg_parse.extractors.text", "TextExtractor"),
)

_EXTENSIONS = {
    "pdf": {".pdf"},
    "docx": {".docx", ".docm", ".dotx"},
    "text": {".txt", ".md", ".markdown", ".text", ""},
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT = "convert it to .docx first, e.g. 'soffice --headless --convert-to docx FILE'"


def load(module: str, cls: str) -> Extractor:
    extractor: Extractor = getattr(importlib.import_module(module), cls)()
    return extractor


def read_head(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Check the file exists, is not empty and not too large; return its first bytes."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(path, "is a folder; use 'emg-parse batch' for folders")
        if size == 0:
            raise InputError(path, "empty file (0 bytes); nothing to parse")
        if size > max_bytes:
            raise TooLargeError(
                path,
                f"too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.0f} MB); "
                "raise the limit with --max-size if it really is an outcome document",
            )
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise unreadable(path, exc) from exc


def detect(path: Path, head: bytes) -> Extractor:
    """The extractor for this content; raise ``UnsupportedFormatError`` when none fits."""
    if head.startswith(_OLE2):
        raise UnsupportedFormatError(
            path, f"an old binary Word .doc (or a password-protected Office file); {_CONVERT}"
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFormatError(path, f"an RTF file; {_CONVERT}")
    for module, cls in EXTRACTORS:
        extractor = load(module, cls)
        if extractor.accepts(path, head):
            return extractor
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        raise UnsupportedFormatError(
            path, "a ZIP archive without word/document.xml: not a Word document (.docx)"
        )
    if suffix in _EXTENSIONS["pdf"]:
        raise InputError(path, DAMAGED_MESSAGE)
    if suffix in _EXTENSIONS["docx"]:
        raise UnsupportedFormatError(
            path, "not a Word document (not a ZIP package: damaged, or another format renamed)"
        )
    raise UnsupportedFormatError(
        path, "not a PDF, Word (.docx) or text file; convert it to PDF or .docx first"
    )


def extract(
    path: Path,
    *,
    password: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    engine: PdfEngine | None = None,
) -> Extraction:
    """Read ``path`` with the extractor its content calls for.

    ``engine`` chooses the PDF engine (``"pdfium"`` or ``"pdfplumber"``; default
    pdfium); other formats ignore it.
    """
    head = read_head(path, max_bytes)
    extractor = detect(path, head)
    if engine is not None and extractor.name == "pdf":
        from emg_parse.extractors.pdf.extractor import PdfExtractor

        assert isinstance(extractor, PdfExtractor)
        extraction = extractor.convert(path, password=password, engine=engine)
    else:
        extraction = extractor.convert(path, password=password)
    suffix = path.suffix.lower()
    if suffix not in _EXTENSIONS[extraction.format]:
        note = ("misnamed_file", f"named {suffix!r} but read as {extraction.format}")
        extraction = replace(extraction, notes=[*extraction.notes, note])
    return extraction
