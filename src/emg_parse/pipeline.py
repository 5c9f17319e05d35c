"""The whole flow for one file: detect -> extract -> clean -> segment -> validate.

``parse_file`` is the library entry point; it raises only ``EmgParseError``
subclasses for problems with the input.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from emg_parse.cleanup import clean
from emg_parse.errors import NotAnOutcomeDocumentError, refuse_special_file, shown
from emg_parse.extractors.registry import MAX_FILE_BYTES, extract
from emg_parse.limits import time_limit
from emg_parse.lines import Block, Extraction
from emg_parse.model import SCHEMA_VERSION, OutcomeDocument, ParseWarning, Source
from emg_parse.segmenter import segment

if TYPE_CHECKING:
    from emg_parse.extractors.pdf import PdfEngine


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def blocks_of(
    path: Path,
    *,
    password: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    engine: PdfEngine | None = None,
) -> tuple[Extraction, list[Block]]:
    """The intermediate form: extracted lines and cleaned blocks (for ``--dump``).

    A FIFO, device or socket is refused unopened (``errors.refuse_special_file``).
    """
    refuse_special_file(path)
    extraction = extract(path, password=password, max_bytes=max_bytes, engine=engine)
    return extraction, clean(extraction.lines)


def parse_file(
    path: Path,
    *,
    password: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    timeout: float | None = None,
    engine: PdfEngine | None = None,
) -> OutcomeDocument:
    """Parse one outcome document into a validated :class:`OutcomeDocument`.

    ``timeout`` (seconds) stops a parse that hangs (see :mod:`emg_parse.limits`);
    ``engine`` chooses the PDF engine (``"pdfium"``, the default, or ``"pdfplumber"``).
    Memory is not limited here: a caller reading untrusted files sets a limit
    (:func:`emg_parse.limits.memory_limit`, as the command line does).  ``source.file``
    is the file's name as :func:`~emg_parse.errors.shown` writes it (valid UTF-8 text).
    """
    with time_limit(timeout, path):
        extraction, blocks = blocks_of(path, password=password, max_bytes=max_bytes, engine=engine)
        result = segment(blocks)
    if not result.sections:
        raise NotAnOutcomeDocumentError(
            path,
            "no sections found (no 'I. Title' headings or 'The Senior Officials:' lines): "
            "is this an EMG outcome document?",
        )
    notes = [ParseWarning(code=code, message=message) for code, message in extraction.notes]
    return OutcomeDocument(
        schema_version=SCHEMA_VERSION,
        source=Source(
            file=shown(path.name),
            format=extraction.format,
            sha256=sha256_file(path),
            pages=extraction.pages,
        ),
        document=result.document,
        sections=result.sections,
        annexes=result.annexes,
        warnings=notes + result.warnings,
    )
