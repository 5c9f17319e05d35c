"""The pdfplumber engine: pdfminer.six's glyphs and drawn boxes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from emg_parse.errors import EmgParseError, EncryptedError, InputError, unreadable
from emg_parse.extractors.pdf.assembly import _Pages
from emg_parse.extractors.pdf.errors import (
    DAMAGED_MESSAGE,
    ENCRYPTED_MESSAGE,
    UNSUPPORTED_ENCRYPTION_MESSAGE,
)
from emg_parse.extractors.pdf.objects import Box, Glyph, PageGlyphs, box_of

T = TypeVar("T")


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


def page_objects(page: Any) -> tuple[list[Glyph], list[Box]]:
    """The upright characters and the drawn lines and rectangles of a pdfplumber page.

    Walks ``page.layout`` (pdfminer's LTPage, no layout analysis) instead of reading
    ``page.chars``: building pdfplumber's per-char dicts costs as much again as
    pdfminer's own parsing.  x0/x1 are pdfplumber's; the vertical box is normalised
    (:func:`~.objects.box_of`) from the baseline, which is pdfminer's box bottom
    less the font's descent.  Boxes are those of straight lines and of rectangles
    (table borders).
    """
    from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    layout = page.layout
    descents = _font_descents(page.pdf)
    glyphs: list[Glyph] = []
    boxes: list[Box] = []
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
            top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
            boxes.append(Box(obj.x0 + mb_x0, top, obj.x1 + mb_x0, bottom))
        elif isinstance(obj, LTContainer):  # a Form XObject (LTFigure) holds chars too
            stack.append(iter(obj))
    return glyphs, boxes


def _page_content(page: Any) -> tuple[list[Glyph], list[Box], float]:
    """The page's glyphs, drawn boxes and height; the page's caches are freed afterwards."""
    try:
        glyphs, boxes = page_objects(page)
        return glyphs, boxes, float(page.height)
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


def read_pdfplumber(path: Path, password: str | None, out: _Pages) -> None:
    """Read every page into ``out``; pdfminer's failures become ``EmgParseError`` s."""
    import pdfplumber

    _quiet_pdfminer()

    pdf = _guard(path, partial(pdfplumber.open, path, password=password or ""))
    try:
        for page in _guard(path, lambda: pdf.pages):
            glyphs, boxes, height = _guard(path, partial(_page_content, page))
            # only pdfminer / pdfplumber calls are guarded: a bug in the layout
            # code must not pass for a damaged file
            out.add(PageGlyphs.from_glyphs(glyphs), boxes, height)
    finally:
        # closing a broken file must not mask the error being raised
        with contextlib.suppress(Exception):
            pdf.close()
