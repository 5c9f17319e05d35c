"""PDF extractor: two engines read the glyphs, one layout turns them into lines.

* ``pdfium`` (the default): :mod:`.pdfium`, Chrome's C library through ctypes --
  a few milliseconds per page.
* ``pdfplumber``: pdfminer.six, pure Python -- about 100 ms per page; kept as a
  second opinion (``--engine pdfplumber``).

Both deliver, per page, the glyphs in drawing order with normalised boxes
(:class:`~.objects.PageGlyphs`) and the horizontal rules; everything after that
-- fake-bold de-duplication, words, lines, superscript ordinals, two-column blocks,
running headers and footers -- is the shared code of the layer modules of this
package, so the engines give the same lines.  Every engine failure becomes an ``emg_parse.errors``
exception and the file is always closed.

With ``ReadOptions.isolated`` the pages are read by the isolated reader
(:mod:`.reader`), which starts at once and runs while the caller goes on, and the
pages whose running text was guessed wrong are laid out again by the isolated
reader too: the PDF is never parsed in the calling process (unless a worker fails
with a bug, see :class:`~.reader.PageRun`).  Otherwise the pages are read here,
when the result is asked for.  Time is linear in the number of pages, and the
pages' lines are counted by a :class:`~emg_parse.lines.LineBudget` as they come,
so that a PDF whose pages all draw one large content stream is stopped before it
fills memory.
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emg_parse.errors import EmgParseError, EncryptedError, InputError, NoTextError, unreadable
from emg_parse.extractors import ReadOptions
from emg_parse.extractors.pdf.assembly import (
    Redo,
    _layout_task,
    _Pages,
    _PageText,
    _relayout_task,
)
from emg_parse.extractors.pdf.errors import (
    DAMAGED_MESSAGE,
    ENCRYPTED_MESSAGE,
    NO_TEXT_MESSAGE,
    UNSUPPORTED_ENCRYPTION_MESSAGE,
)
from emg_parse.extractors.pdf.pdfplumber import read_pdfplumber
from emg_parse.limits import READER_MEMORY, can_fork, memory_message
from emg_parse.lines import Extraction, LineBudget

if TYPE_CHECKING:
    from types import TracebackType

    from emg_parse.extractors.pdf.columns import OutLine
    from emg_parse.extractors.pdf.pdfium import PdfiumError
    from emg_parse.extractors.pdf.reader import PageRun


#: Acrobat's rule: the end-of-file marker must be in the last 1024 bytes.
_EOF_WINDOW = 1024
#: The options when none are given.
READ_DEFAULTS = ReadOptions()


class PdfExtractor:
    """Reads a PDF's text layer into :class:`~emg_parse.lines.Line` s."""

    name = "pdf"
    extensions = frozenset({".pdf"})

    def accepts(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def misnamed(self, path: Path) -> EmgParseError:
        return InputError(path, DAMAGED_MESSAGE)

    def convert(self, path: Path, options: ReadOptions = READ_DEFAULTS) -> Extraction:
        """The document's lines (:meth:`start`, then the result)."""
        with self.start(path, options) as reading:
            return reading.result()

    def start(self, path: Path, options: ReadOptions) -> _Reading:
        """Start reading: the isolated reader starts now when ``options.isolated`` asks
        for it with the pdfium engine (where this process can fork)."""
        _check_complete(path)
        if options.engine == "pdfium" and options.isolated and can_fork():
            return _Isolated(path, options)
        return _Reading(path, options)


class _Reading:
    """A PDF read in this process when its result is asked for."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options

    def result(self) -> Extraction:
        # the layout makes some 100 000 small objects per 10 pages and no reference
        # cycles: the cyclic garbage collector would only scan them, again and again
        collecting = gc.isenabled()
        gc.disable()
        try:
            pages = self._pages()
            self._read(pages)
            if not pages.pages:
                raise InputError(self.path, DAMAGED_MESSAGE)
            if not pages.any_text:
                raise NoTextError(self.path, NO_TEXT_MESSAGE)
            return Extraction(lines=pages.lines(), format="pdf", pages=len(pages.pages))
        finally:
            if collecting:
                gc.enable()

    def _pages(self) -> _Pages:
        """Where the pages go as they are laid out."""
        return _Pages(self.options.layout, budget=LineBudget(self.path))

    def _read(self, pages: _Pages) -> None:
        """Every page, laid out as far as it can be page by page."""
        if self.options.engine == "pdfplumber":
            read_pdfplumber(self.path, self.options.password, pages)
            return
        from emg_parse.extractors.pdf.pdfium import Document, PdfiumError

        try:
            with Document(self.path, self.options.password) as document:
                for index in range(len(document)):
                    content = document.read_page(index)
                    pages.add(content.glyphs, content.boxes, content.height)
        except PdfiumError as exc:
            raise _pdfium_error(self.path, exc) from exc

    def __enter__(self) -> _Reading:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop whatever still runs for this file (nothing, read here)."""


class _Isolated(_Reading):
    """A PDF read by the isolated reader (:class:`~.reader.PageRun`), started at once;
    the pages laid out again at the end are read by another run of it."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        from emg_parse.extractors.pdf.reader import PageRun

        super().__init__(path, options)
        self._run: PageRun[Any] = PageRun(
            path, options.password, partial(_layout_task, params=options.layout)
        )
        self._again: PageRun[Any] | None = None

    def _pages(self) -> _Pages:
        return _Pages(self.options.layout, relayout=self._relayout, budget=LineBudget(self.path))

    def _read(self, pages: _Pages) -> None:
        from emg_parse.extractors.pdf.pdfium import PdfiumError

        try:
            for page in self._run.results():
                pages.take(_PageText.imported(page))
        except PdfiumError as exc:
            raise _pdfium_error(self.path, exc) from exc
        finally:
            self._run.close()

    def _relayout(self, redo: list[Redo]) -> list[list[OutLine]]:
        """The pages ``redo`` names, laid out again by the isolated reader -- or here,
        as a PDF is read when this process cannot fork, should it have started a
        thread since (:func:`~emg_parse.limits.can_fork`)."""
        from emg_parse.extractors.pdf.pdfium import Document, PdfiumError
        from emg_parse.extractors.pdf.reader import PageRun

        task = partial(_relayout_task, params=self.options.layout, redo={r.page: r for r in redo})
        pages = [r.page for r in redo]
        try:
            if not can_fork():
                with Document(self.path, self.options.password) as document:
                    return list(task(document, iter(pages)))
            self._again = PageRun(self.path, self.options.password, task, pages)
            try:
                return list(self._again.results())
            finally:
                self._again.close()
        except PdfiumError as exc:
            raise _pdfium_error(self.path, exc) from exc

    def close(self) -> None:
        self._run.close()
        if self._again is not None:
            self._again.close()


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
