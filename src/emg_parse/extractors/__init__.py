"""Extractors: one per format, behind one interface (:class:`Extractor`).

The format is recognised from the file's first bytes (PDF magic, ZIP holding
``word/document.xml``, OLE2 for old ``.doc``) and only then from its extension, so a
mis-named file is read as what it is (:mod:`.registry`).  Every extractor gets the
same :class:`ReadOptions` and ignores what is not for its format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from emg_parse.engines import DEFAULT_PDF_ENGINE, PdfEngine
from emg_parse.extractors.pdf.params import DEFAULT_PARAMS, LayoutParams
from emg_parse.limits import MAX_FILE_BYTES as MAX_FILE_BYTES

if TYPE_CHECKING:
    from types import TracebackType

    from emg_parse.errors import EmgParseError
    from emg_parse.lines import Extraction


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a file (each extractor takes what concerns it)."""

    #: The password of an encrypted PDF.
    password: str | None = None
    #: The PDF engine (:data:`emg_parse.engines.PDF_ENGINES`).
    engine: PdfEngine = DEFAULT_PDF_ENGINE
    #: Files larger than this many bytes are refused unread.
    max_bytes: int = MAX_FILE_BYTES
    #: Read a PDF's pages in an isolated process, under the memory limit
    #: (``limits.READER_MEMORY``), so that a damaged file that crashes pdfium or needs
    #: too much memory fails as a damaged file.  A program that reads untrusted PDFs
    #: in its own process sets it (the command line does); a worker process that is
    #: isolated already (``emg-parse batch``'s) does not.
    isolated: bool = False
    #: The PDF layout's tuning numbers.
    layout: LayoutParams = field(default=DEFAULT_PARAMS)


class Reading(Protocol):
    """A file being read: :meth:`result` waits for its lines; leaving the ``with``
    block stops whatever still runs for it (worker processes included)."""

    def result(self) -> Extraction: ...

    def __enter__(self) -> Reading: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...


class Extractor(Protocol):
    """A reader for one document format."""

    #: The format's name (``Extraction.format``).
    name: str
    #: The extensions of files of this format ("" for none).
    extensions: frozenset[str]

    def accepts(self, path: Path, head: bytes) -> bool:
        """True when this extractor reads the file whose first bytes are ``head``."""
        ...

    def misnamed(self, path: Path) -> EmgParseError | None:
        """The error for a file named with one of :attr:`extensions` whose content is not
        of this format (None: the registry's general message)."""
        ...

    def start(self, path: Path, options: ReadOptions) -> Reading:
        """Start reading the file (the work may go on in other processes while the
        caller does other things); raise an ``EmgParseError`` subclass on bad input."""
        ...


class Done:
    """A :class:`Reading` that is finished already (an extractor that reads at once)."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction

    def result(self) -> Extraction:
        return self.extraction

    def __enter__(self) -> Done:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
