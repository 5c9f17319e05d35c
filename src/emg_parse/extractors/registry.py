"""Choose the extractor for a file from its content, and start it.

Extractor modules are imported the first time a file is read (:func:`extractors`),
not when this module is, so the command line starts fast.  Each extractor declares
its extensions; :func:`document_extensions` is what ``emg-parse batch`` converts.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from emg_parse.errors import InputError, TooLargeError, UnsupportedFormatError, unreadable
from emg_parse.extractors import ReadOptions
from emg_parse.notices import WarningCode

if TYPE_CHECKING:
    from types import TracebackType

    from emg_parse.extractors import Extractor, Reading
    from emg_parse.lines import Extraction

HEAD_BYTES = 8192

#: (module, class) in the order they are asked; the text extractor comes last.
EXTRACTORS = (
    ("emg_parse.extractors.pdf.extractor", "PdfExtractor"),
    ("emg_parse.extractors.docx", "DocxExtractor"),
    ("emg_parse.extractors.text", "TextExtractor"),
)
#: Old formats that are refused with advice (and that ``emg-parse batch`` lists as
#: failed documents rather than skipped files).
REFUSED_EXTENSIONS = frozenset({".doc", ".rtf"})

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT = "convert it to .docx first, e.g. 'soffice --headless --convert-to docx FILE'"


@functools.cache
def _extractor(module: str, cls: str) -> Extractor:
    """One extractor (its module imported now)."""
    extractor: Extractor = getattr(importlib.import_module(module), cls)()
    return extractor


def extractors() -> tuple[Extractor, ...]:
    """Every extractor, in the order they are asked (their modules imported now)."""
    return tuple(_extractor(module, cls) for module, cls in EXTRACTORS)


def _in_order() -> Iterator[Extractor]:
    """The extractors in the order they are asked, each module imported only when the
    ones before it have not taken the file (a PDF loads neither the Word nor the text
    reader)."""
    return (_extractor(module, cls) for module, cls in EXTRACTORS)


def document_extensions() -> frozenset[str]:
    """The extensions of the documents emg-parse reads or refuses with advice."""
    named = {suffix for extractor in extractors() for suffix in extractor.extensions if suffix}
    return frozenset(named | REFUSED_EXTENSIONS)


def read_head(path: Path, max_bytes: int) -> bytes:
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
    for extractor in _in_order():
        if extractor.accepts(path, head):
            return extractor
    if head.startswith(b"PK\x03\x04"):
        raise UnsupportedFormatError(
            path, "a ZIP archive without word/document.xml: not a Word document (.docx)"
        )
    suffix = path.suffix.lower()
    for extractor in extractors():
        if suffix in extractor.extensions and (error := extractor.misnamed(path)) is not None:
            raise error
    raise UnsupportedFormatError(
        path, "not a PDF, Word (.docx) or text file; convert it to PDF or .docx first"
    )


class _Named:
    """A reading whose extraction gets a ``misnamed_file`` note when the file's
    extension is not one of its format's."""

    def __init__(self, path: Path, extractor: Extractor, reading: Reading) -> None:
        self.path = path
        self.extractor = extractor
        self.reading = reading

    def result(self) -> Extraction:
        extraction = self.reading.result()
        suffix = self.path.suffix.lower()
        if suffix not in self.extractor.extensions:
            note = (WarningCode.MISNAMED_FILE, f"named {suffix!r} but read as {extraction.format}")
            extraction = replace(extraction, notes=[*extraction.notes, note])
        return extraction

    def __enter__(self) -> _Named:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.reading.__exit__(kind, error, trace)


def start(path: Path, options: ReadOptions) -> Reading:
    """Start reading ``path`` with the extractor its content calls for."""
    head = read_head(path, options.max_bytes)
    extractor = detect(path, head)
    return _Named(path, extractor, extractor.start(path, options))


def extract(path: Path, options: ReadOptions | None = None) -> Extraction:
    """Read ``path`` with the extractor its content calls for."""
    with start(path, options or ReadOptions()) as reading:
        return reading.result()
