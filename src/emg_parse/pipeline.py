"""The whole flow for one file: detect -> extract -> clean -> segment -> validate.

:func:`parse_file` is the way in -- for the command line, ``emg-parse batch`` and
library callers alike; it raises only ``EmgParseError`` subclasses for problems with
the input.  The extraction is started before the later stages are imported, so that
a PDF read by the isolated reader is laid out while they load.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from emg_parse.errors import (
    EncryptedError,
    NotAnOutcomeDocumentError,
    refuse_special_file,
    shown,
)
from emg_parse.extractors import ReadOptions
from emg_parse.extractors.registry import start
from emg_parse.limits import time_limit

if TYPE_CHECKING:
    from emg_parse.lines import Block, Extraction
    from emg_parse.model import OutcomeDocument


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How to parse a file."""

    #: How to read it (password, PDF engine, size limit, isolated reader, layout).
    read: ReadOptions = field(default_factory=ReadOptions)
    #: Stop a parse that runs longer than this many seconds (None or 0: no limit;
    #: see :func:`~emg_parse.limits.time_limit`).
    timeout: float | None = None


def sha256_of(path: Path, max_bytes: int | None = None) -> str | None:
    """The file's SHA-256; None when it is over ``max_bytes`` (checked before it is
    read, and again as it is read, in case it grows).  ``OSError`` when unreadable."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        left = None if max_bytes is None else max_bytes
        if left is not None and fh.seek(0, 2) > left:
            return None
        fh.seek(0)
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            if left is not None:
                left -= len(chunk)
                if left < 0:
                    return None
    return digest.hexdigest()


def blocks_of(
    file: str | os.PathLike[str], options: ReadOptions | None = None
) -> tuple[Extraction, list[Block]]:
    """The intermediate form: extracted lines and cleaned blocks (for ``--dump``).

    A FIFO, device or socket is refused unopened (``errors.refuse_special_file``).
    """
    path = Path(file)
    refuse_special_file(path)
    options = options or ReadOptions()
    with _password_checked(options), start(path, options) as reading:
        from emg_parse.cleanup import clean

        extraction = reading.result()
    return extraction, clean(extraction.lines)


@contextmanager
def _password_checked(options: ReadOptions) -> Iterator[None]:
    """An encrypted PDF refused although a password was given: the password is wrong
    (one message, whichever engine read it); without one, the message asks for it."""
    try:
        yield
    except EncryptedError as exc:
        from emg_parse.extractors.pdf.errors import ENCRYPTED_MESSAGE, WRONG_PASSWORD_MESSAGE

        if options.password and exc.message == ENCRYPTED_MESSAGE:
            raise EncryptedError(exc.path, WRONG_PASSWORD_MESSAGE) from exc
        raise


def parse_file(
    file: str | os.PathLike[str],
    options: ParseOptions | None = None,
    *,
    sha256: str | None = None,
    name: str | None = None,
) -> OutcomeDocument:
    """Parse one outcome document into a validated :class:`OutcomeDocument`.

    Memory is not limited here: a caller reading untrusted files sets a limit
    (:func:`emg_parse.limits.memory_limit`, as the command line does) and reads PDFs
    in the isolated reader (``ReadOptions(isolated=True)``).  ``sha256`` is the file's
    digest when the caller has it already (it is computed otherwise).
    ``source.file`` is ``name`` if given, else the file's name, as
    :func:`~emg_parse.errors.shown` writes it (valid UTF-8 text).
    """
    path = Path(file)
    options = options or ParseOptions()
    refuse_special_file(path)
    with time_limit(options.timeout, path), _password_checked(options.read):
        with start(path, options.read) as reading:
            # imported while the isolated reader, if any, lays out the pages
            from emg_parse.cleanup import clean
            from emg_parse.enrich import enrich
            from emg_parse.model import SCHEMA_VERSION, OutcomeDocument, ParseWarning, Source
            from emg_parse.segmenter import segment

            extraction = reading.result()
        result = segment(clean(extraction.lines))
    if not result.sections:
        raise NotAnOutcomeDocumentError(
            path,
            "no sections found (no 'I. Title' headings or 'The Senior Officials:' lines): "
            "is this an EMG outcome document?",
        )
    notes = [ParseWarning(code=code, message=message) for code, message in extraction.notes]
    document = OutcomeDocument(
        schema_version=SCHEMA_VERSION,
        source=Source(
            file=shown(path.name if name is None else name),
            format=extraction.format,
            sha256=sha256 or _sha256(path),
            pages=extraction.pages,
        ),
        document=result.document,
        sections=result.sections,
        annexes=result.annexes,
        warnings=notes + result.warnings,
    )
    return enrich(document)


def _sha256(path: Path) -> str:
    try:
        digest = sha256_of(path)
    except OSError as exc:
        from emg_parse.errors import unreadable

        raise unreadable(path, exc) from exc
    assert digest is not None  # no size limit
    return digest
