"""PDF extractor: two engines read the glyphs, one layout turns them into lines.

* ``pdfium`` (the default): :mod:`.pdf_pdfium`, Chrome's C library through ctypes --
  a few milliseconds per page.
* ``pdfplumber``: pdfminer.six, pure Python -- about 100 ms per page; kept as a
  second opinion (``--engine pdfplumber``).

Both deliver, per page, the glyphs in drawing order with normalised boxes
(:class:`~.pdf_layout.PageGlyphs`) and the horizontal rules; everything after that
-- fake-bold de-duplication, words, lines, superscript ordinals, two-column blocks,
running headers and footers -- is the shared code of :mod:`.pdf_layout`, so the
engines give the same lines.  Every engine failure becomes an ``emg_parse.errors``
exception and the file is always closed.

Time is linear in the number of pages (a page laid out again is read from the one
document opened for all of them), and the pages' lines are counted by a
:class:`~emg_parse.lines.LineBudget` as they come, so that a PDF whose pages all
draw one large content stream is stopped before it fills memory.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from emg_parse.errors import EmgParseError, EncryptedError, InputError, NoTextError, unreadable
from emg_parse.extractors.pdf_layout import (
    Glyph,
    MarginItem,
    PageGlyphs,
    Rule,
    TextLine,
    box_of,
    box_rules,
    dedupe_page,
    is_page_number,
    layout_page,
    margin_zone,
    page_lines,
    running_fragments,
    running_key,
)
from emg_parse.limits import READER_MEMORY, memory_message
from emg_parse.lines import Extraction, Line, LineBudget, Provenance, Style

if TYPE_CHECKING:
    from emg_parse.extractors.pdf_pdfium import Document, PageRun, PdfiumError

PdfEngine = Literal["pdfium", "pdfplumber"]
ENGINES: tuple[PdfEngine, ...] = get_args(PdfEngine)
DEFAULT_ENGINE: PdfEngine = "pdfium"

ENCRYPTED_MESSAGE = "encrypted PDF; give the password with --password PASSWORD"
UNSUPPORTED_ENCRYPTION_MESSAGE = (
    "encrypted PDF with a security handler that cannot be read; "
    "decrypt it first, e.g. 'qpdf --decrypt --password=PASSWORD in.pdf out.pdf'"
)
DAMAGED_MESSAGE = "not a readable PDF (damaged or incomplete); re-export or re-download it"
NO_TEXT_MESSAGE = "no text layer (scanned image?); run OCR first, e.g. 'ocrmypdf in.pdf out.pdf'"

T = TypeVar("T")

#: Acrobat's rule: the end-of-file marker must be in the last 1024 bytes.
_EOF_WINDOW = 1024


Ref = tuple[int, int]  # (line index, fragment index) on a page
#: A page's margin texts: distance from the page edge by (zone, running key).
Margin = dict[tuple[str, str], float]
#: A fragment as :func:`~.pdf_layout.running_fragments` sees it:
#: ``(text, top, bottom, line index, fragment index)``.
Item = tuple[str, float, float, int, int]
#: An emitted line before it becomes a :class:`~emg_parse.lines.Line`: ``(text, line
#: number on the page, bold, italic, size, x, new_block, cell)``.
Out = tuple[str, int, bool, bool, float | None, float, bool, tuple[int, int] | None]


class _PageText:
    """A page as laid out so far: margin text, a guessed output, and (when laid out
    in this process) its lines and rules, for laying it out again."""

    __slots__ = ("first", "guess", "has_text", "height", "items", "lines", "out", "rules")

    def __init__(
        self,
        has_text: bool,
        height: float,
        items: list[Item],
        guess: set[Ref],
        first: bool,
        out: list[Out],
        lines: list[TextLine] | None = None,
        rules: list[Rule] | None = None,
    ) -> None:
        self.has_text = has_text
        self.height = height
        #: every fragment, as :func:`~.pdf_layout.running_fragments` sees it
        self.items = items
        #: the fragments guessed to be running headers, footers or page numbers
        self.guess = guess
        #: laid out as the first page with text (``first_page`` of ``layout_page``)
        self.first = first
        #: the output without the guessed fragments
        self.out = out
        self.lines = lines
        self.rules = rules

    def export(self) -> tuple[Any, ...]:
        """The page without its lines and rules, as plain data (to send to another process)."""
        return (self.has_text, self.height, self.items, self.guess, self.first, self.out)

    @classmethod
    def imported(cls, data: tuple[Any, ...]) -> _PageText:
        return cls(*data)


#: ``(glyphs, rules, height)`` of page ``index`` (from 0), read again.
Reread = Callable[[int], tuple[PageGlyphs, list[Rule], float]]


class _Pages:
    """Pages laid out one by one as they are read; :meth:`lines` finishes the job.

    Running headers and footers can only be told once every page is read, but
    everything else is done page by page -- by worker processes with the pdfium
    engine: each page is laid out at once without the margin text that looks like
    a running header, footer or page number (a page number, or a text at about the
    same place in the margin of the page laid out before).  :meth:`lines` then
    finds the running text properly (:func:`~.pdf_layout.running_fragments`) and
    lays out again only the pages where the guess was wrong, so the result is
    exactly that of laying out every page after the fact.

    ``after_text``: the pages added come after pages with text (a worker's share
    of the pages other than the first); ``reread`` reads a page again that another
    process laid out, should it have to be laid out again here; ``budget`` counts the
    lines of the pages added or taken (a worker's pages are counted when taken).
    """

    def __init__(
        self,
        *,
        after_text: bool = False,
        reread: Reread | None = None,
        budget: LineBudget | None = None,
    ) -> None:
        self.pages: list[_PageText] = []
        self.any_text = False
        self._previous_margin: Margin = {}
        self._emitted = after_text  # some page so far has output lines
        self._styles: dict[tuple[bool, bool, float | None], Style] = {}
        self._reread = reread
        self._budget = budget

    def add(self, glyphs: PageGlyphs, rules: list[Rule], height: float) -> None:
        glyphs = dedupe_page(glyphs)
        has_text = glyphs.has_text()
        self.any_text = self.any_text or has_text
        lines = page_lines(glyphs)
        items, guess, self._previous_margin = _margin(lines, height, self._previous_margin)
        first = not self._emitted
        out = _emit(_without(lines, guess), rules, first)
        self._emitted = self._emitted or bool(out)
        self._count(out)
        self.pages.append(_PageText(has_text, height, items, guess, first, out, lines, rules))

    def seed(self, glyphs: PageGlyphs, height: float) -> None:
        """Guess the running text of the next page added from this page's margin
        (a page that is not added: the page before a worker's first page)."""
        self._previous_margin = _margin(page_lines(dedupe_page(glyphs)), height, {})[2]

    def take(self, page: _PageText) -> None:
        """Add a page laid out by another process (:meth:`_PageText.export`)."""
        self.any_text = self.any_text or page.has_text
        self._count(page.out)
        self.pages.append(page)

    def _count(self, out: list[Out]) -> None:
        """Count a page's lines as first laid out (a page laid out again at the end
        differs from them only by the margin text kept or dropped)."""
        if self._budget is not None:
            for line in out:
                self._budget.take(line[0])

    def lines(self) -> list[Line]:
        """The lines of every page, running headers, footers and page numbers removed."""
        items = [
            MarginItem(index, text, top, bottom, page.height, (li, fi))
            for index, page in enumerate(self.pages)
            for text, top, bottom, li, fi in page.items
        ]
        dropped: dict[int, set[Ref]] = {}
        for i in running_fragments(items, len(self.pages)):
            line, fragment = items[i].ref
            dropped.setdefault(items[i].page, set()).add((line, fragment))
        out: list[Line] = []
        styles = self._styles
        for index, page in enumerate(self.pages):
            actual = dropped.get(index, set())
            first = not out
            if actual == page.guess and first == page.first:
                emitted = page.out
            else:
                lines, rules = page.lines, page.rules
                if lines is None or rules is None:
                    assert self._reread is not None, "a page laid out elsewhere cannot be redone"
                    glyphs, rules, _height = self._reread(index)
                    lines = page_lines(dedupe_page(glyphs))
                emitted = _emit(_without(lines, actual), rules, first)
            number = index + 1
            for text, n, bold, italic, size, x, new_block, cell in emitted:
                key = (bold, italic, size)
                style = styles.get(key)
                if style is None:
                    style = styles[key] = Style(bold=bold, italic=italic, size=size)
                out.append(Line(text, Provenance(number, n), style, x, new_block, cell))
        return out


def _margin(
    lines: list[TextLine], height: float, previous: Margin
) -> tuple[list[Item], set[Ref], Margin]:
    """The page's fragments (:data:`Item`), those guessed to be running text, and its
    margin text (by zone and :func:`~.pdf_layout.running_key`: its distance from the
    page edge).  The guess: a page number, or a margin text at about the same place
    in ``previous``, the margin text of the page before."""
    items: list[Item] = []
    guess: set[Ref] = set()
    margin: dict[tuple[str, str], float] = {}
    for li, line in enumerate(lines):
        for fi, fragment in enumerate(line.fragments):
            fragment.style  # noqa: B018 - computed and kept now
            text, top, bottom = fragment.text, fragment.top, fragment.bottom
            items.append((text, top, bottom, li, fi))
            zone = margin_zone(top, bottom, height)
            if zone is None:
                continue
            if is_page_number(text):
                guess.add((li, fi))
                continue
            # as running_fragments measures it: from the edge of its zone
            y = top if zone == "top" else height - bottom
            key = (zone, running_key(text))
            seen = previous.get(key)
            if seen is not None and abs(seen - y) <= 6.0:
                guess.add((li, fi))
            margin[key] = y
    return items, guess, margin


def _emit(lines: list[TextLine], rules: list[Rule], first_page: bool) -> list[Out]:
    laid_out = layout_page(lines, first_page=first_page, rules=rules)
    return [
        (ln.text, n, ln.bold, ln.italic, ln.size, round(ln.x, 2), ln.new_block, ln.cell)
        for n, ln in enumerate(laid_out, 1)
    ]


def _layout_task(document: Document, pages: Iterator[int]) -> Iterator[tuple[Any, ...]]:
    """A worker's task (:class:`~.pdf_pdfium.PageRun`): lay out the pages it takes.

    The margin of the page before its first page (of the second page, for the
    document's first page) is read first, so that the guess of running text on that
    page is usually right and the page need not be laid out again; after that, each
    page's guess comes from the page this worker laid out before (``n`` pages back,
    with ``n`` workers).
    """
    out: _Pages | None = None
    for index in pages:
        if out is None:
            out = _Pages(after_text=index > 0)
            seed = index - 1 if index > 0 else 1
            if seed < len(document):
                content = document.read_page(seed)
                out.seed(content.glyphs, content.height)
        content = document.read_page(index)
        out.add(content.glyphs, content.rules, content.height)
        yield out.pages.pop().export()


def _without(lines: list[TextLine], drop: set[Ref]) -> list[TextLine]:
    """``lines`` without the fragments ``drop`` names (a line left empty goes)."""
    if not drop:
        return lines
    kept_lines: list[TextLine] = []
    for li, line in enumerate(lines):
        kept = [f for fi, f in enumerate(line.fragments) if (li, fi) not in drop]
        if len(kept) == len(line.fragments):
            kept_lines.append(line)
        elif kept:
            kept_lines.append(TextLine(kept, line.top, line.baseline, line.size))
    return kept_lines


# --- pdfplumber engine -------------------------------------------------------------


def _font_descents(pdf: Any) -> dict[str, float]:
    """pdfminer's descent (in type sizes, <= 0) of every font read so far, by name."""
    fonts = getattr(getattr(pdf, "rsrcmgr", None), "_cached_fonts", None) or {}
    out: dict[str, float] = {}
    for font in list(fonts.values()):
        name = getattr(font, "fontname", None)
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        with contextlib.suppress(Exception):
            out[str(name)] = float(font.get_descent())
    return out


def page_objects(page: Any) -> tuple[list[Glyph], list[Rule]]:
    """The upright characters and the horizontal rules of a pdfplumber page.

    Walks ``page.layout`` (pdfminer's LTPage, no layout analysis) instead of reading
    ``page.chars``: building pdfplumber's per-char dicts costs as much again as
    pdfminer's own parsing.  x0/x1 are pdfplumber's; the vertical box is normalised
    (:func:`~.pdf_layout.box_of`) from the baseline, which is pdfminer's box bottom
    less the font's descent.  Rules are horizontal lines and the top and bottom edges
    of rectangles (table borders).
    """
    from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    layout = page.layout
    descents = _font_descents(page.pdf)
    glyphs: list[Glyph] = []
    rules: list[Rule] = []
    stack: list[Any] = [iter(layout)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTChar):
            text = obj.get_text()
            if not text or not obj.upright:
                continue
            font = obj.fontname
            if isinstance(font, bytes):  # rare byte-encoded font names
                font = font.decode("latin-1")
            size = float(obj.size)
            baseline = obj.y0 - descents.get(str(font), 0.0) * size
            top, bottom = box_of(height - baseline + mb_top, size)
            glyphs.append(Glyph(text, obj.x0 + mb_x0, obj.x1 + mb_x0, top, bottom, size, str(font)))
        elif isinstance(obj, (LTLine, LTRect)):
            rules += box_rules(
                obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top, height - obj.y0 + mb_top
            )
        elif isinstance(obj, LTContainer):  # a Form XObject (LTFigure) holds chars too
            stack.append(iter(obj))
    return glyphs, rules


def page_glyphs(page: Any) -> list[Glyph]:
    """The upright characters of a pdfplumber page (see :func:`page_objects`)."""
    return page_objects(page)[0]


def _page_content(page: Any) -> tuple[list[Glyph], list[Rule], float]:
    """The page's glyphs, rules and height; the page's caches are freed afterwards."""
    try:
        glyphs, rules = page_objects(page)
        return glyphs, rules, float(page.height)
    finally:
        page.close()


def _translate(path: Path, exc: BaseException) -> EmgParseError:
    """The ``EmgParseError`` for a pdfminer / pdfplumber failure.

    Follows the chain of wrapped exceptions (pdfplumber wraps pdfminer's in
    ``PdfminerException(e)``): an ``EmgParseError`` raised inside pdfminer (the
    ``--timeout`` alarm) is passed on as it is; a wrong or missing password becomes
    ``EncryptedError``; anything else means the file is damaged.
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, EmgParseError):
            return current
        if current is exc and isinstance(current, OSError):
            return unreadable(path, current)
        if isinstance(current, PDFPasswordIncorrect):
            return EncryptedError(path, ENCRYPTED_MESSAGE)
        if isinstance(current, PDFEncryptionError):
            return EncryptedError(path, UNSUPPORTED_ENCRYPTION_MESSAGE)
        inner = current.args[0] if current.args else None
        current = inner if isinstance(inner, BaseException) else current.__cause__
    return InputError(path, DAMAGED_MESSAGE)


def _guard(path: Path, call: Callable[[], T]) -> T:
    """Run a pdfplumber / pdfminer call; turn its failure into an EmgParseError."""
    try:
        return call()
    except EmgParseError:
        raise
    except Exception as exc:
        error = _translate(path, exc)
        if error is exc:  # pragma: no cover - EmgParseErrors are caught above
            raise
        raise error from exc


def _quiet_pdfminer() -> None:
    """pdfminer logs every oddity of a damaged file at WARNING level; without a handler
    Python would print them all on stderr.  A NullHandler keeps them out of the
    terminal but still lets them reach handlers an application configures."""
    import logging

    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _read_pdfplumber(path: Path, password: str | None, out: _Pages) -> None:
    import pdfplumber

    _quiet_pdfminer()

    pdf = _guard(path, partial(pdfplumber.open, path, password=password or ""))
    try:
        for page in _guard(path, lambda: pdf.pages):
            glyphs, rules, height = _guard(path, partial(_page_content, page))
            # only pdfminer / pdfplumber calls are guarded: a bug in the layout
            # code must not pass for a damaged file
            out.add(PageGlyphs.from_glyphs(glyphs), rules, height)
    finally:
        # closing a broken file must not mask the error being raised
        with contextlib.suppress(Exception):
            pdf.close()


# --- pdfium engine -----------------------------------------------------------------


def _read_pdfium(
    path: Path, password: str | None, out: _Pages, run: PageRun[Any] | None = None
) -> None:
    """Read and lay out every page: in worker processes (``run``, or one started here
    for a document of :data:`~.pdf_pdfium.PARALLEL_MIN_PAGES` pages or more when this
    machine can fork), else in this process."""
    from emg_parse.extractors.pdf_pdfium import (
        PARALLEL_MIN_PAGES,
        Document,
        PageRun,
        PdfiumError,
        _can_fork,
    )

    try:
        if run is None:
            with Document(path, password) as document:
                pages = len(document)
                if pages < PARALLEL_MIN_PAGES or not _can_fork():
                    for index in range(pages):
                        content = document.read_page(index)
                        out.add(content.glyphs, content.rules, content.height)
                    return
            run = PageRun(path, password, _layout_task)
        try:
            for page in run.results():
                out.take(_PageText.imported(page))
        finally:
            run.close()
    except PdfiumError as exc:
        raise _pdfium_error(path, exc) from exc


def _pdfium_error(path: Path, exc: PdfiumError) -> InputError:
    """The ``EmgParseError`` for a pdfium failure."""
    from emg_parse.extractors.pdf_pdfium import ERR_MEMORY, ERR_PASSWORD, ERR_SECURITY

    if exc.code == ERR_PASSWORD:
        return EncryptedError(path, ENCRYPTED_MESSAGE)
    if exc.code == ERR_SECURITY:
        return EncryptedError(path, UNSUPPORTED_ENCRYPTION_MESSAGE)
    if exc.code == ERR_MEMORY:
        return InputError(path, memory_message(READER_MEMORY))
    return InputError(path, DAMAGED_MESSAGE)


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

    def __call__(self, index: int) -> tuple[PageGlyphs, list[Rule], float]:
        from emg_parse.extractors.pdf_pdfium import Document, PdfiumError

        try:
            if self._document is None:
                self._document = Document(self.path, self.password)
            content = self._document.read_page(index)
        except PdfiumError as exc:
            raise _pdfium_error(self.path, exc) from exc
        return content.glyphs, content.rules, content.height

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
        from emg_parse.extractors.pdf_pdfium import PageRun, can_isolate

        key = (str(path), password)
        # even with one CPU: the pages are then read under the workers' memory limit
        if key in _AHEAD or not can_isolate():
            return
        run: PageRun[Any] = PageRun(path, password, _layout_task)
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
        out = _Pages(reread=reread, budget=LineBudget(path))
        if engine == "pdfium":
            _read_pdfium(path, password, out, run)
        else:
            _read_pdfplumber(path, password, out)
        if not out.pages:
            raise InputError(path, DAMAGED_MESSAGE)
        if not out.any_text:
            raise NoTextError(path, NO_TEXT_MESSAGE)
        return out
