"""PDF extractor on pdfplumber (pdfminer.six).

Per page only the characters and the horizontal rules are read from pdfplumber's
``page.layout`` (no layout analysis, no table finding); the geometry -- fake-bold
de-duplication, ligatures, lines, superscript ordinals, two-column blocks, running
headers and footers -- lives in :mod:`.pdf_layout` as pure functions.  Every
pdfminer / pdfplumber failure becomes an ``emg_parse.errors`` exception and the file
is always closed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from emg_parse.errors import EmgParseError, EncryptedError, InputError, NoTextError
from emg_parse.extractors.pdf_layout import (
    Glyph,
    MarginItem,
    Rule,
    TextLine,
    build_lines,
    dedupe_glyphs,
    layout_page,
    running_fragments,
)
from emg_parse.lines import Extraction, Line, Provenance, Style

ENCRYPTED_MESSAGE = "encrypted PDF; give the password with --password PASSWORD"
UNSUPPORTED_ENCRYPTION_MESSAGE = (
    "encrypted PDF with a security handler that cannot be read; "
    "decrypt it first, e.g. 'qpdf --decrypt --password=PASSWORD in.pdf out.pdf'"
)
DAMAGED_MESSAGE = "not a readable PDF (damaged or incomplete); re-export or re-download it"
NO_TEXT_MESSAGE = "no text layer (scanned image?); run OCR first, e.g. 'ocrmypdf in.pdf out.pdf'"

T = TypeVar("T")

# pdfminer logs every oddity of a damaged file at WARNING level; without a handler
# Python would print them all on stderr.  A NullHandler keeps them out of the
# terminal but still lets them reach handlers an application configures.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

#: Acrobat's rule: the end-of-file marker must be in the last 1024 bytes.
_EOF_WINDOW = 1024


@dataclass(slots=True)
class _PageText:
    lines: list[TextLine]
    height: float
    rules: list[Rule]


def page_objects(page: Any) -> tuple[list[Glyph], list[Rule]]:
    """The upright characters and the horizontal rules of a pdfplumber page.

    Walks ``page.layout`` (pdfminer's LTPage, no layout analysis) instead of reading
    ``page.chars``: building pdfplumber's per-char dicts costs as much again as
    pdfminer's own parsing.  ``top``/``bottom``/``x0`` are computed as pdfplumber does
    (relative to the MediaBox), so they equal ``page.chars``' values.  Rules are
    horizontal lines and the top and bottom edges of rectangles (table borders).
    """
    from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    glyphs: list[Glyph] = []
    rules: list[Rule] = []
    stack: list[Any] = [iter(page.layout)]
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
            glyphs.append(
                Glyph(
                    text=text,
                    x0=obj.x0 + mb_x0,
                    x1=obj.x1 + mb_x0,
                    top=height - obj.y1 + mb_top,
                    bottom=height - obj.y0 + mb_top,
                    size=float(obj.size),
                    font=str(font),
                )
            )
        elif isinstance(obj, (LTLine, LTRect)):
            if obj.x1 - obj.x0 < 2 * max(obj.y1 - obj.y0, 1.0):
                continue  # vertical or square: not a horizontal rule
            x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
            if obj.y1 - obj.y0 <= 2:  # a line or a thin filled bar
                rules.append(Rule(height - (obj.y0 + obj.y1) / 2 + mb_top, x0, x1))
            else:  # a box: its top and bottom edges
                rules.append(Rule(height - obj.y1 + mb_top, x0, x1))
                rules.append(Rule(height - obj.y0 + mb_top, x0, x1))
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
            return InputError(path, f"cannot read the file ({current.strerror or current})")
        if isinstance(current, PDFPasswordIncorrect):
            return EncryptedError(path, ENCRYPTED_MESSAGE)
        if isinstance(current, PDFEncryptionError):
            return EncryptedError(path, UNSUPPORTED_ENCRYPTION_MESSAGE)
        inner = current.args[0] if current.args else None
        current = inner if isinstance(inner, BaseException) else current.__cause__
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
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if b"%%EOF" not in tail:
        raise InputError(path, DAMAGED_MESSAGE)


class PdfExtractor:
    """Reads a PDF's text layer into :class:`~emg_parse.lines.Line` s."""

    name = "pdf"

    def accepts(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def convert(self, path: Path, *, password: str | None = None) -> Extraction:
        pages = _drop_running(self._read(path, password))
        lines: list[Line] = []
        for index, page in enumerate(pages):
            emitted = layout_page(page.lines, first_page=not lines, rules=page.rules)
            for n, out in enumerate(emitted, start=1):
                lines.append(
                    Line(
                        text=out.text,
                        source=Provenance(page=index + 1, line=n),
                        style=Style(bold=out.bold, italic=out.italic, size=out.size),
                        x=round(out.x, 2),
                        new_block=out.new_block,
                        cell=out.cell,
                    )
                )
        return Extraction(lines=lines, format="pdf", pages=len(pages))

    @staticmethod
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

    def _read(self, path: Path, password: str | None) -> list[_PageText]:
        """Lines (with fragments), height and rules of every page."""
        import pdfplumber

        _check_complete(path)
        pdf = self._guard(path, partial(pdfplumber.open, path, password=password or ""))
        pages: list[_PageText] = []
        any_text = False
        try:
            for page in self._guard(path, lambda: pdf.pages):
                glyphs, rules, height = self._guard(path, partial(_page_content, page))
                # only pdfminer / pdfplumber calls are guarded: a bug in the layout
                # code must not pass for a damaged file
                glyphs = dedupe_glyphs(glyphs)
                any_text = any_text or any(not g.is_space for g in glyphs)
                pages.append(_PageText(build_lines(glyphs), height, rules))
        finally:
            # closing a broken file must not mask the error being raised
            with contextlib.suppress(Exception):
                pdf.close()
        if not pages:
            raise InputError(path, DAMAGED_MESSAGE)
        if not any_text:
            raise NoTextError(path, NO_TEXT_MESSAGE)
        return pages


def _drop_running(pages: list[_PageText]) -> list[_PageText]:
    """Remove running headers, footers and page numbers (fragment by fragment)."""
    items: list[MarginItem] = []
    for p, page in enumerate(pages):
        for li, line in enumerate(page.lines):
            for fi, frag in enumerate(line.fragments):
                top = min(g.top for g in frag.glyphs)
                bottom = max(g.bottom for g in frag.glyphs)
                items.append(MarginItem(p, frag.text, top, bottom, page.height, (li, fi)))
    drop = running_fragments(items, len(pages))
    if not drop:
        return pages
    dropped = {(items[i].page, *items[i].ref) for i in drop}
    result: list[_PageText] = []
    for p, page in enumerate(pages):
        kept_lines: list[TextLine] = []
        for li, line in enumerate(page.lines):
            kept = [f for fi, f in enumerate(line.fragments) if (p, li, fi) not in dropped]
            if len(kept) == len(line.fragments):
                kept_lines.append(line)
            elif kept:
                kept_lines.append(TextLine(kept, line.top, line.baseline, line.size))
        result.append(_PageText(kept_lines, page.height, page.rules))
    return result
