"""PDF extractor on pdfplumber (pdfminer.six).

Per page only the characters are extracted (no layout analysis, no tables); the
geometry -- fake-bold de-duplication, ligatures, lines, superscript ordinals,
two-column blocks, running headers and footers -- lives in :mod:`.pdf_layout` as pure
functions.  Every pdfminer / pdfplumber failure becomes an ``emg_parse.errors``
exception and the file is always closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from emg_parse.errors import EmgParseError, EncryptedError, InputError, NoTextError
from emg_parse.extractors.pdf_layout import (
    Fragment,
    Glyph,
    MarginItem,
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

#: Acrobat's rule: the end-of-file marker must be in the last 1024 bytes.
_EOF_WINDOW = 1024


def page_glyphs(page: Any) -> list[Glyph]:
    """The upright characters of a pdfplumber page, in pdfplumber's coordinates.

    Walks ``page.layout`` (pdfminer's LTPage, no layout analysis) instead of reading
    ``page.chars``: building pdfplumber's per-char dicts costs as much again as
    pdfminer's own parsing.  ``top``/``bottom``/``x0`` are computed as pdfplumber does
    (relative to the MediaBox), so they equal ``page.chars``' values.
    """
    from pdfminer.layout import LTChar, LTContainer

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    out: list[Glyph] = []
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
            out.append(
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
        elif isinstance(obj, LTContainer):  # a Form XObject (LTFigure) holds chars too
            stack.append(iter(obj))
    return out


def _encryption_error(path: Path, exc: BaseException) -> EmgParseError | None:
    """The error for an encryption failure anywhere in ``exc``'s chain, else None."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PDFPasswordIncorrect):
            return EncryptedError(path, ENCRYPTED_MESSAGE)
        if isinstance(current, PDFEncryptionError):
            return EncryptedError(path, UNSUPPORTED_ENCRYPTION_MESSAGE)
        inner = current.args[0] if current.args else None
        current = inner if isinstance(inner, BaseException) else current.__cause__
    return None


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
        pages, heights = self._read(path, password)
        page_lines = _drop_running(pages, heights)
        lines: list[Line] = []
        for index, page in enumerate(page_lines):
            emitted = layout_page(page, first_page=not lines)
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

    def _read(self, path: Path, password: str | None) -> tuple[list[list[TextLine]], list[float]]:
        """Lines (with fragments) and height of every page."""
        import pdfplumber

        _check_complete(path)
        try:
            pdf = pdfplumber.open(path, password=password or "")
        except OSError as exc:
            raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from exc
        except Exception as exc:
            raise (_encryption_error(path, exc) or InputError(path, DAMAGED_MESSAGE)) from exc
        pages: list[list[TextLine]] = []
        heights: list[float] = []
        any_text = False
        try:
            try:
                pdf_pages = pdf.pages
                for page in pdf_pages:
                    glyphs = page_glyphs(page)
                    height = float(page.height)
                    page.close()
                    glyphs = dedupe_glyphs(glyphs)
                    any_text = any_text or any(not g.is_space for g in glyphs)
                    pages.append(build_lines(glyphs))
                    heights.append(height)
            except EmgParseError:
                raise
            except Exception as exc:
                raise (
                    _encryption_error(path, exc) or InputError(path, DAMAGED_MESSAGE)
                ) from exc
        finally:
            try:
                pdf.close()
            except Exception:  # noqa: S110 - closing a broken file must not mask the error
                pass
        if not pages:
            raise InputError(path, DAMAGED_MESSAGE)
        if not any_text:
            raise NoTextError(path, NO_TEXT_MESSAGE)
        return pages, heights


def _drop_running(pages: list[list[TextLine]], heights: list[float]) -> list[list[TextLine]]:
    """Remove running headers, footers and page numbers (fragment by fragment)."""
    items: list[MarginItem] = []
    for p, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        for li, line in enumerate(lines):
            for fi, frag in enumerate(line.fragments):
                top = min(g.top for g in frag.glyphs)
                bottom = max(g.bottom for g in frag.glyphs)
                items.append(MarginItem(p, frag.text, top, bottom, height, (li, fi)))
    drop = running_fragments(items, len(pages))
    if not drop:
        return pages
    dropped: set[tuple[int, int, int]] = set()
    for idx in drop:
        item = items[idx]
        dropped.add((item.page, item.ref[0], item.ref[1]))
    result: list[list[TextLine]] = []
    for p, lines in enumerate(pages):
        kept_lines: list[TextLine] = []
        for li, line in enumerate(lines):
            kept: list[Fragment] = [
                f for fi, f in enumerate(line.fragments) if (p, li, fi) not in dropped
            ]
            if len(kept) == len(line.fragments):
                kept_lines.append(line)
            elif kept:
                kept_lines.append(TextLine(kept, line.top, line.baseline, line.size))
        result.append(kept_lines)
    return result
