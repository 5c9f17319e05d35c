"""PDF extractor: two engines read the glyphs, one layout turns them into lines.

* ``pdfium`` (the default): :mod:`.pdfium`, Chrome's C library through ctypes --
  a few milliseconds per page.
* ``pdfplumber``: pdfminer.six, pure Python -- about 100 ms per page; kept as a
  second opinion (``--engine pdfplumber``).

Both deliver, per page, the glyphs in drawing order with normalised boxes
(:class:`~.objects.PageGlyphs`) and the horizontal rules; everything after that
-- fake-bold de-duplication, words, lines, superscript ordinals, two-column blocks,
running headers and footers -- is the shared code of the layer modules of this package, so the
engines give the same lines.  Every engine failure becomes an ``emg_parse.errors``
exception and the file is always closed.

Time is linear in the number of pages (a page laid out again is read from the one
document opened for all of them), and the pages' lines are counted by a
:class:`~emg_parse.lines.LineBudget` as they come, so that a PDF whose pages all
draw one large content stream is stopped before it fills memory.
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from emg_parse.errors import EncryptedError, InputError, NoTextError, unreadable
from emg_parse.extractors.pdf.assembly import Reread, _layout_task, _Pages, _PageText
from emg_parse.extractors.pdf.errors import (
    DAMAGED_MESSAGE,
    ENCRYPTED_MESSAGE,
    NO_TEXT_MESSAGE,
    UNSUPPORTED_ENCRYPTION_MESSAGE,
)
from emg_parse.extractors.pdf.objects import Box, PageGlyphs
from emg_parse.extractors.pdf.params import DEFAULT_PARAMS
from emg_parse.extractors.pdf.pdfplumber import _read_pdfplumber
from emg_parse.limits import READER_MEMORY, memory_message
from emg_parse.lines import Extraction, LineBudget

if TYPE_CHECKING:
    from emg_parse.extractors.pdf.pdfium import Document, PdfiumError
    from emg_parse.extractors.pdf.reader import PageRun

PdfEngine = Literal["pdfium", "pdfplumber"]
ENGINES: tuple[PdfEngine, ...] = get_args(PdfEngine)
DEFAULT_ENGINE: PdfEngine = "pdfium"


T = TypeVar("T")

#: Acrobat's rule: the end-of-file marker must be in the last 1024 bytes.
_EOF_WINDOW = 1024


# --- pdfium engine -----------------------------------------------------------------


def _read_pdfium(
    path: Path, password: str | None, out: _Pages, run: PageRun[Any] | None = None
) -> None:
    """Read and lay out every page: in worker processes (``run``, or one started here
    for a document of :data:`~.reader.PARALLEL_MIN_PAGES` pages or more when this
    machine can fork), else in this process."""
    from emg_parse.extractors.pdf.pdfium import Document, PdfiumError
    from emg_parse.extractors.pdf.reader import PARALLEL_MIN_PAGES, PageRun, _can_fork

    try:
        if run is None:
            with Document(path, password) as document:
                pages = len(document)
                if pages < PARALLEL_MIN_PAGES or not _can_fork():
                    for index in range(pages):
                        content = document.read_page(index)
                        out.add(content.glyphs, content.boxes, content.height)
                    return
            run = PageRun(path, password, _LAYOUT_TASK)
        try:
            for page in run.results():
                out.take(_PageText.imported(page))
        finally:
            run.close()
    except PdfiumError as exc:
        raise _pdfium_error(path, exc) from exc


def _pdfium_error(path: Path, exc: PdfiumError) -> InputError:
    """The ``EmgParseError`` for a pdfium failure."""
    from emg_parse.extractors.pdf.pdfium import ERR_MEMORY, ERR_PASSWORD, ERR_SECURITY

    if exc.code == ERR_PASSWORD:
        return EncryptedError(path, ENCRYPTED_MESSAGE)
    if exc.code == ERR_SECURITY:
        return EncryptedError(path, UNSUPPORTED_ENCRYPTION_MESSAGE)
    if exc.code == ERR_MEMORY:
        return InputError(path, memory_message(READER_MEMORY))
    return InputError(path, DAMAGED_MESSAGE)


#: The worker's task: lay out the pages it takes.
_LAYOUT_TASK = partial(_layout_task, params=DEFAULT_PARAMS)


class _Rereader:
    """Reads pages again in this process (:data:`Reread`), all from one open document:
    opening it again for each page would read the file's cross-reference table and
    page tree again each time, so that laying out again many pages of a long document
    took time in the square of its length.  The document is opened on first use;
    :meth:`close` closes it."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path = path
        self.password = password
        self._document: Document | None = None

    def __call__(self, index: int) -> tuple[PageGlyphs, list[Box], float]:
        from emg_parse.extractors.pdf.pdfium import Document, PdfiumError

        try:
            if self._document is None:
                self._document = Document(self.path, self.password)
            content = self._document.read_page(index)
        except PdfiumError as exc:
            raise _pdfium_error(self.path, exc) from exc
        return content.glyphs, content.boxes, content.height

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None


# --- reading ahead -----------------------------------------------------------------

#: Runs started by :func:`read_ahead`, by (path, password): the file's identity
#: when it started, and the run.
_AHEAD: dict[tuple[str, str | None], tuple[tuple[int, ...], PageRun[Any]]] = {}


def _identity(path: Path) -> tuple[int, ...]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_ahead(path: Path, *, password: str | None = None, max_bytes: int | None = None) -> None:
    """Start reading and laying out the PDF ``path`` in worker processes now.

    For a caller with other work to do before it extracts the file (the command line
    imports the models meanwhile): :meth:`PdfExtractor.convert` with the pdfium engine
    picks up the pages laid out.  Does nothing when ``path`` is not a PDF (by
    content), is larger than ``max_bytes``, or this machine cannot fork; any problem
    with the file is left for :meth:`~PdfExtractor.convert` to report.  Workers that
    are never claimed are stopped when this process exits.
    """
    try:
        identity = _identity(path)
        if max_bytes is not None and identity[2] > max_bytes:
            return
        with path.open("rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return
        from emg_parse.extractors.pdf.reader import PageRun, can_isolate

        key = (str(path), password)
        # even with one CPU: the pages are then read under the workers' memory limit
        if key in _AHEAD or not can_isolate():
            return
        run: PageRun[Any] = PageRun(path, password, _LAYOUT_TASK)
    except Exception:
        return
    if not _AHEAD:
        import atexit

        atexit.register(_stop_reading_ahead)
    _AHEAD[key] = (identity, run)


def _claim(path: Path, password: str | None) -> PageRun[Any] | None:
    """The run :func:`read_ahead` started for this file, unless the file changed since."""
    entry = _AHEAD.pop((str(path), password), None)
    if entry is None:
        return None
    identity, run = entry
    try:
        same = _identity(path) == identity
    except OSError:
        same = False
    if not same:
        run.close()
        return None
    return run


def _stop_reading_ahead() -> None:
    while _AHEAD:
        _key, (_identity_then, run) = _AHEAD.popitem()
        run.close()


# --- the extractor -----------------------------------------------------------------


def _check_complete(path: Path) -> None:
    """Reject a file whose end is missing (an interrupted download or copy)."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - _EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if b"%%EOF" not in tail:
        raise InputError(path, DAMAGED_MESSAGE)


def check_engine(engine: str) -> PdfEngine:
    for known in ENGINES:
        if engine == known:
            return known
    raise ValueError(f"unknown PDF engine {engine!r}; choose one of {', '.join(ENGINES)}")


class PdfExtractor:
    """Reads a PDF's text layer into :class:`~emg_parse.lines.Line` s."""

    name = "pdf"

    def __init__(self, engine: PdfEngine = DEFAULT_ENGINE) -> None:
        self.engine = check_engine(engine)

    def accepts(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def convert(
        self, path: Path, *, password: str | None = None, engine: PdfEngine | None = None
    ) -> Extraction:
        # the layout makes some 100 000 small objects per 10 pages and no reference
        # cycles: the cyclic garbage collector would only scan them, again and again
        collecting = gc.isenabled()
        gc.disable()
        reread = _Rereader(path, password)
        try:
            pages = self._read(path, password, check_engine(engine or self.engine), reread)
            return Extraction(lines=pages.lines(), format="pdf", pages=len(pages.pages))
        finally:
            reread.close()
            if collecting:
                gc.enable()

    def _read(
        self, path: Path, password: str | None, engine: PdfEngine, reread: Reread
    ) -> _Pages:
        """Every page, laid out as far as it can be page by page."""
        run = _claim(path, password) if engine == "pdfium" else None
        try:
            _check_complete(path)
        except BaseException:
            if run is not None:
                run.close()
            raise
        out = _Pages(DEFAULT_PARAMS, reread=reread, budget=LineBudget(path))
        if engine == "pdfium":
            _read_pdfium(path, password, out, run)
        else:
            _read_pdfplumber(path, password, out)
        if not out.pages:
            raise InputError(path, DAMAGED_MESSAGE)
        if not out.any_text:
            raise NoTextError(path, NO_TEXT_MESSAGE)
        return out
