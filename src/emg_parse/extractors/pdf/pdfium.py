"""PDF glyph source on pdfium (Chrome's PDF library, the build that pypdfium2 ships).

Layers, each small:

* :class:`Pdfium` -- the ~35 C functions used, declared with ``ctypes`` on the
  ``libpdfium`` shared library inside the ``pypdfium2_raw`` package.  pypdfium2's
  own Python layer declares the whole API and takes 40-80 ms to import, a large
  share of a whole parse; loading the library directly takes under a millisecond.
  A test compares each declaration with pypdfium2's (``tests/test_pdf_bindings.py``).
* :class:`Document` -- open (password, error codes), page count, close.
* :meth:`Document.read_page` -- one page's glyphs (:class:`~.objects.PageGlyphs`)
  and drawn lines and rectangles (:class:`~.objects.Box`), in pdfplumber's
  coordinates (``top`` from the page top, x from the MediaBox origin, ``/Rotate``
  applied as pdfminer applies it), with the glyph boxes normalised from baseline and
  size (:func:`~.objects.box_of`) as the pdfplumber engine normalises them.

Per character only two C calls are made (its loose box and its text object), both
through ``map`` so that no Python code runs per character; the text comes in one
call per page, and everything else is asked once per text object.  pdfium's own
additions to the text (generated spaces and line breaks) are dropped, and a
ligature that pdfium splits into its letters ("f", "i" with one box) is put back
together, so that the glyphs are the ones pdfminer reports.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import importlib.util
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Sequence
from ctypes import (
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_float,
    c_int,
    c_size_t,
    c_uint,
    c_uint16,
    c_ulong,
    c_void_p,
)
from itertools import compress, count, islice, repeat
from operator import eq, lt
from pathlib import Path
from typing import Any, NamedTuple, cast

from emg_parse.characters import LIGATURES
from emg_parse.extractors.pdf.objects import Box, PageGlyphs, Span, box_of

#: FPDF_GetLastError codes.


ERR_UNKNOWN, ERR_FILE, ERR_FORMAT, ERR_PASSWORD, ERR_SECURITY, ERR_PAGE = 1, 2, 3, 4, 5, 6
#: Not pdfium's: a worker reading the pages went over its memory limit.
ERR_MEMORY = 100
_PAGEOBJ_TEXT, _PAGEOBJ_PATH, _PAGEOBJ_FORM = 1, 2, 5
_SEGMENT_LINETO, _SEGMENT_BEZIERTO, _SEGMENT_MOVETO = 0, 1, 2
#: Nested Form XObjects are followed this deep for drawn boxes.
_MAX_FORM_DEPTH = 12

_WHITESPACE = re.compile(r"\s")
_HYPHEN_MARK = "\ufffe"
_LIGATURE_OF = {v: k for k, v in LIGATURES.items() if k not in ("\ufb06",)}


class PdfiumError(Exception):
    """pdfium could not open or read the document; ``code`` is FPDF_GetLastError's."""

    def __init__(self, code: int, what: str) -> None:
        super().__init__(f"pdfium: {what} failed (error {code})")
        self.code = code


class _Matrix(Structure):
    _fields_ = [(name, c_float) for name in "abcdef"]


class _RectF(Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _library_file() -> Path | None:
    """``libpdfium`` inside the installed ``pypdfium2_raw`` package, found without importing it."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    if spec is None or not spec.submodule_search_locations:
        return None
    names = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / names.get(sys.platform, "libpdfium.so")
        if candidate.is_file():
            return candidate
    return None


class Pdfium:
    """The pdfium functions this module calls, with their C signatures.

    Functions that do real work (opening a document, loading a page) release the
    GIL; the many tiny per-character ones are bound through ``PyDLL`` and keep it,
    which makes each call cheaper.
    """

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        fast = ctypes.PyDLL(path)

        def bind(dll: Any, name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
            function = getattr(dll, name)
            function.restype = restype
            function.argtypes = list(argtypes)
            return function  # type: ignore[no-any-return]

        p = c_void_p
        f_ptr = POINTER(c_float)
        self.init_library = bind(lib, "FPDF_InitLibrary", None)
        self.init_library()
        self.load_document = bind(lib, "FPDF_LoadDocument", p, c_char_p, c_char_p)
        self.last_error = bind(lib, "FPDF_GetLastError", c_ulong)
        self.close_document = bind(lib, "FPDF_CloseDocument", None, p)
        self.page_count = bind(lib, "FPDF_GetPageCount", c_int, p)
        self.load_page = bind(lib, "FPDF_LoadPage", p, p, c_int)
        self.close_page = bind(lib, "FPDF_ClosePage", None, p)
        self.rotation = bind(fast, "FPDFPage_GetRotation", c_int, p)
        self.media_box = bind(fast, "FPDFPage_GetMediaBox", c_int, p, f_ptr, f_ptr, f_ptr, f_ptr)
        self.load_text = bind(lib, "FPDFText_LoadPage", p, p)
        self.close_text = bind(lib, "FPDFText_ClosePage", None, p)
        self.count_chars = bind(fast, "FPDFText_CountChars", c_int, p)
        self.get_text = bind(fast, "FPDFText_GetText", c_int, p, c_int, c_int, p)
        self.unicode = bind(fast, "FPDFText_GetUnicode", c_uint, p, c_int)
        self.is_generated = bind(fast, "FPDFText_IsGenerated", c_int, p, c_int)
        self.loose_box = bind(fast, "FPDFText_GetLooseCharBox", c_int, p, c_int, p)
        # the two doubles by address, so that many calls need no Python code between them
        self.char_origin = bind(fast, "FPDFText_GetCharOrigin", c_int, p, c_int, p, p)
        self.char_matrix = bind(fast, "FPDFText_GetMatrix", c_int, p, c_int, POINTER(_Matrix))
        self.text_object = bind(fast, "FPDFText_GetTextObject", p, p, c_int)
        self.char_font_size = bind(fast, "FPDFText_GetFontSize", c_double, p, c_int)
        self.text_font = bind(fast, "FPDFTextObj_GetFont", p, p)
        self.text_font_size = bind(fast, "FPDFTextObj_GetFontSize", c_int, p, f_ptr)
        self.font_name = bind(fast, "FPDFFont_GetBaseFontName", c_size_t, p, p, c_size_t)
        self.count_objects = bind(fast, "FPDFPage_CountObjects", c_int, p)
        self.get_object = bind(fast, "FPDFPage_GetObject", p, p, c_int)
        self.object_type = bind(fast, "FPDFPageObj_GetType", c_int, p)
        self.object_matrix = bind(fast, "FPDFPageObj_GetMatrix", c_int, p, POINTER(_Matrix))
        self.count_segments = bind(fast, "FPDFPath_CountSegments", c_int, p)
        self.get_segment = bind(fast, "FPDFPath_GetPathSegment", p, p, c_int)
        self.segment_point = bind(fast, "FPDFPathSegment_GetPoint", c_int, p, f_ptr, f_ptr)
        self.segment_type = bind(fast, "FPDFPathSegment_GetType", c_int, p)
        self.segment_close = bind(fast, "FPDFPathSegment_GetClose", c_int, p)
        self.form_count = bind(fast, "FPDFFormObj_CountObjects", c_int, p)
        self.form_object = bind(fast, "FPDFFormObj_GetObject", p, p, c_ulong)


@functools.cache
def pdfium() -> Pdfium:
    """The library, loaded once; ``OSError`` when it cannot be found or loaded."""
    path = _library_file()
    if path is None:
        # an unusual install: let pypdfium2_raw find its library (slower import)
        from pypdfium2_raw import bindings  # type: ignore[import-untyped]

        return Pdfium(str(bindings._libs["pdfium"]._name))
    return Pdfium(str(path))


# --- page geometry -----------------------------------------------------------------


class Frame(NamedTuple):
    """pdfplumber's page coordinates: pdfminer's page matrix, then pdfplumber's shift.

    ``x = x' + dx`` and ``top = height - y' + dy`` where ``(x', y')`` is a point of
    user space mapped by ``ctm`` (which undoes the MediaBox origin and applies
    ``/Rotate``, as pdfminer's ``process_page`` does).
    """

    ctm: Matrix
    height: float
    dx: float
    dy: float

    @classmethod
    def of(cls, box: tuple[float, float, float, float], rotation: int) -> Frame:
        x0, x1 = sorted((box[0], box[2]))
        y0, y1 = sorted((box[1], box[3]))
        # pdfplumber's box: x and y swapped for a quarter turn
        if rotation == 90:
            ctm: Matrix = (0.0, -1.0, 1.0, 0.0, -y0, x1)
            left, low, high = y0, x0, x1
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
            left, low, high = x0, y0, y1
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
            left, low, high = y0, x0, x1
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
            left, low, high = x0, y0, y1
        height = high - low
        return cls(ctm, height, left, height - high)

    @property
    def plain(self) -> bool:
        """No rotation: ``x`` is user space x, ``top = height - y``."""
        return self.ctm[1] == 0.0 and self.ctm[2] == 0.0 and self.ctm[0] > 0 and self.ctm[3] > 0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """``(x, top)`` of a user-space point."""
        a, b, c, d, e, f = self.ctm
        return x * a + y * c + e + self.dx, self.height - (x * b + y * d + f) + self.dy


class PageContent(NamedTuple):
    glyphs: PageGlyphs
    boxes: list[Box]
    height: float


# --- the document --------------------------------------------------------------------


class Document:
    """An open pdfium document; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.api = pdfium()
        secret = password.encode("utf-8") if password else None
        handle = self.api.load_document(_native(path), secret)
        if not handle:
            raise PdfiumError(int(self.api.last_error()), "opening the document")
        self.handle: int | None = handle

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.handle:
            self.api.close_document(self.handle)
            self.handle = None

    def __len__(self) -> int:
        return int(self.api.page_count(self.handle))

    def read_page(self, index: int) -> PageContent:
        """Glyphs, drawn boxes and height of page ``index`` (from 0); the page is closed after."""
        api = self.api
        page = api.load_page(self.handle, index)
        if not page:
            raise PdfiumError(int(api.last_error()) or ERR_PAGE, f"loading page {index + 1}")
        try:
            box = c_float(), c_float(), c_float(), c_float()  # left, bottom, right, top
            if not api.media_box(page, *box):  # pragma: no cover - pdfium defaults it
                raise PdfiumError(ERR_FORMAT, f"reading the MediaBox of page {index + 1}")
            corners = (box[0].value, box[1].value, box[2].value, box[3].value)
            frame = Frame.of(corners, api.rotation(page) * 90)
            textpage = api.load_text(page)
            if not textpage:
                raise PdfiumError(int(api.last_error()) or ERR_PAGE, f"reading page {index + 1}")
            try:
                glyphs = _page_glyphs(api, textpage, frame)
            finally:
                api.close_text(textpage)
            boxes = _page_boxes(api, page, frame)
        finally:
            api.close_page(page)
        return PageContent(glyphs, boxes, frame.height)


def _native(path: Path) -> bytes:
    """``path`` as pdfium's ``FPDF_LoadDocument`` takes it: the bytes of the name as the
    system has them (a name that is not UTF-8 included: Python holds its undecodable
    bytes as lone surrogates, which UTF-8 cannot encode), UTF-8 on Windows."""
    return str(path).encode("utf-8") if os.name == "nt" else os.fsencode(path)


# --- glyphs ------------------------------------------------------------------------


def _page_text(api: Pdfium, textpage: int, n: int) -> str:
    """The page's characters, one per character index."""
    buffer = (c_uint16 * (n + 1))()
    written = api.get_text(textpage, 0, n, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", "replace")
    if len(text) != n or "\x00" in text:
        # characters without text of their own, or outside the BMP: one by one
        text = "".join(map(_char, map(api.unicode, repeat(textpage, n), range(n))))
    # pdfium marks a hyphen that ends a line inside a word (U+FFFE in the text, 2 as
    # its code); it was a "-" or a soft hyphen, which pdfium does not tell apart
    return text.replace(_HYPHEN_MARK, "-")


def _char(code: int) -> str:
    if code == 2:
        return _HYPHEN_MARK
    if code <= 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _keep(values: list[Any], drop: Sequence[int]) -> list[Any]:
    """``values`` without the (sorted) indexes in ``drop``; slices, not a loop per item."""
    out: list[Any] = []
    start = 0
    for i in drop:
        out += values[start:i]
        start = i + 1
    out += values[start:]
    return out


class _TextObject(NamedTuple):
    font: str
    size: float


def _text_object(
    api: Pdfium, handle: int | None, fonts: dict[int, str], textpage: int, char: int
) -> _TextObject:
    """Font name and type size (before any matrix) of a text object."""
    if not handle:  # a character pdfium cannot place in an object: its size alone
        return _TextObject("", float(api.char_font_size(textpage, char)))
    font = api.text_font(handle) or 0
    if font not in fonts:
        name = ""
        if font:
            length = api.font_name(font, None, 0)
            if length > 1:
                buffer = ctypes.create_string_buffer(length)
                api.font_name(font, buffer, length)
                name = buffer.value.decode("latin-1")
        fonts[font] = name
    size = c_float()
    api.text_font_size(handle, size)
    return _TextObject(fonts[font], float(size.value))


def _page_glyphs(api: Pdfium, textpage: int, frame: Frame) -> PageGlyphs:
    n = api.count_chars(textpage)
    if n <= 0:
        return PageGlyphs([], [], [], [])
    text = _page_text(api, textpage, n)
    boxes = (c_float * (4 * n))()
    base = ctypes.addressof(boxes)
    # the one call per character, with no Python code between the calls
    deque(map(api.loose_box, repeat(textpage, n), range(n), range(base, base + 16 * n, 16)), 0)
    floats = memoryview(boxes).cast("B").cast("f")
    left = cast(list[float], floats[0::4].tolist())
    right = cast(list[float], floats[2::4].tolist())
    index = list(range(n))

    # pdfium's own spaces and line breaks are no glyphs
    spaces = [m.start() for m in _WHITESPACE.finditer(text)]
    drop = list(compress(spaces, map(api.is_generated, repeat(textpage, len(spaces)), spaces)))
    if drop:
        text = "".join(_keep(list(text), drop))
        left, right, index = (_keep(v, drop) for v in (left, right, index))
    texts = list(text)
    runs = _object_runs(api, textpage, text, index)
    if not runs:
        return PageGlyphs([], [], [], [])
    merged = _join_ligatures(texts, left, right, runs)
    if merged:
        left, right, index = (_keep(v, merged) for v in (left, right, index))
        runs = [(start - bisect.bisect_left(merged, start), handle) for start, handle in runs]

    # spans: runs of one text object (one font, size and baseline)
    fonts: dict[int, str] = {}
    infos: dict[int | None, _TextObject] = {}
    spans: list[Span] = []
    upright: list[bool] = []
    matrix, ox, oy = _Matrix(), c_double(), c_double()
    for k, (start, handle) in enumerate(runs):
        end = runs[k + 1][0] if k + 1 < len(runs) else len(texts)
        first = index[start]
        info = infos.get(handle)
        if info is None:
            info = infos[handle] = _text_object(api, handle, fonts, textpage, first)
        api.char_matrix(textpage, first, matrix)
        api.char_origin(textpage, first, ctypes.addressof(ox), ctypes.addressof(oy))
        # pdfminer: the character matrix after the page matrix; upright when a*d > 0
        # and b*c <= 0; the type size is the height of the glyph box
        m = multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), frame.ctm)
        is_upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0
        size = abs(info.size * m[3])
        _x, baseline = frame.point(ox.value, oy.value)
        top, bottom = box_of(baseline, size)
        if (
            spans
            and upright[-1] == is_upright
            and (spans[-1].top, spans[-1].bottom, spans[-1].size, spans[-1].font)
            == (top, bottom, size, info.font)
        ):
            spans[-1] = Span(spans[-1].start, end, top, bottom, size, info.font)
        else:
            spans.append(Span(start, end, top, bottom, size, info.font))
            upright.append(is_upright)
    if not frame.plain:
        left, right = _turned_edges(api, textpage, frame, index, left, right)
    elif all(upright):
        _lines_start_at_origin(api, textpage, texts, index, left, right)
    if not all(upright):  # pdfminer leaves out glyphs that are not upright
        return _only_upright(texts, left, right, spans, upright)
    return PageGlyphs(texts, left, right, spans)


def _lines_start_at_origin(
    api: Pdfium,
    textpage: int,
    texts: list[str],
    index: list[int],
    left: list[float],
    right: list[float],
) -> None:
    """Start each line at its first glyph's origin, as pdfminer does, where the glyph's
    drawing reaches further left (the tail of a "j"): so that a line starts at the same
    place with either engine.  Only the glyphs that go back left of the glyph before
    them (a line's first) are asked: elsewhere such a tail only narrows a gap that the
    space character before it marks all the same."""
    backs = map(lt, islice(left, 1, None), left)
    starts = [0, *compress(count(1), backs)] if texts else []
    if not starts:
        return
    m = len(starts)
    points = (c_double * (2 * m))()
    base = ctypes.addressof(points)
    xs, ys = range(base, base + 16 * m, 16), range(base + 8, base + 16 * m, 16)
    chars = [index[a] for a in starts]
    deque(map(api.char_origin, repeat(textpage, m), chars, xs, ys), 0)
    origins = memoryview(points).cast("B").cast("d")[0::2].tolist()
    for a, x in zip(starts, origins, strict=True):
        if left[a] < x < right[a]:
            left[a] = x


_TOKEN = re.compile(r"\S+")


def _object_runs(
    api: Pdfium, textpage: int, text: str, index: list[int]
) -> list[tuple[int, int | None]]:
    """``(first glyph, text object)`` of every run of glyphs drawn by one text object.

    pdfium lists a text object's characters one after the other, so a word whose
    first and last characters come from one object lies wholly in it: the object is
    asked for only at both ends of every word (and for each character of the rare
    word that spans objects, such as "26th" with a raised "th").  Whitespace goes with
    the run before it.
    """
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    get = api.text_object
    firsts = list(map(get, repeat(textpage), [index[a] for a, _ in tokens]))
    lasts = list(map(get, repeat(textpage), [index[b - 1] for _, b in tokens]))
    runs: list[tuple[int, int | None]] = []
    current: int | bool | None = False  # no run yet
    for (a, b), first, last in zip(tokens, firsts, lasts, strict=True):
        if first == last:
            if first != current:
                runs.append((a, first))
                current = first
            continue
        for i, handle in zip(range(a, b), map(get, repeat(textpage), index[a:b]), strict=True):
            if handle != current:
                runs.append((i, handle))
                current = handle
    runs[0] = (0, runs[0][1])
    return runs


def _join_ligatures(
    texts: list[str], left: list[float], right: list[float], runs: list[tuple[int, int | None]]
) -> list[int]:
    """Put a ligature that pdfium split into letters with one box ("f", "i") together.

    Returns the (sorted) glyph indexes merged into the glyph before them, already
    removed from ``texts``; the caller removes them from its other lists.
    """
    same = list(compress(count(1), map(eq, left[1:], left[:-1])))
    if not same:
        return []
    starts = {start for start, _ in runs}
    merged: list[int] = []
    for i in reversed(same):
        if right[i] == right[i - 1] and i not in starts and texts[i].isalpha():
            texts[i - 1] += texts[i]
            merged.append(i)
    if not merged:
        return []
    merged.sort()
    texts[:] = _keep(texts, merged)
    for i, t in enumerate(texts):
        if len(t) > 1:
            texts[i] = _LIGATURE_OF.get(t, t)
    return merged


def _turned_edges(
    api: Pdfium,
    textpage: int,
    frame: Frame,
    index: list[int],
    left: list[float],
    right: list[float],
) -> tuple[list[float], list[float]]:
    """Left and right edges on a rotated page: the box corners in pdfplumber's frame."""
    rect = _RectF()
    new_left: list[float] = []
    new_right: list[float] = []
    for i in index:
        api.loose_box(textpage, i, ctypes.addressof(rect))
        xs = [
            frame.point(x, y)[0] for x in (rect.left, rect.right) for y in (rect.bottom, rect.top)
        ]
        new_left.append(min(xs))
        new_right.append(max(xs))
    return new_left, new_right


def _only_upright(
    texts: list[str], left: list[float], right: list[float], spans: list[Span], upright: list[bool]
) -> PageGlyphs:
    out = PageGlyphs([], [], [], [])
    for span, keep in zip(spans, upright, strict=True):
        if not keep:
            continue
        start = len(out.texts)
        out.texts += texts[span.start : span.end]
        out.x0 += left[span.start : span.end]
        out.x1 += right[span.start : span.end]
        out.spans.append(Span(start, len(out.texts), span.top, span.bottom, span.size, span.font))
    return out


# --- drawn lines and rectangles --------------------------------------------------


def _page_boxes(api: Pdfium, page: int, frame: Frame) -> list[Box]:
    """Horizontal lines and box edges drawn on the page (in Form XObjects too).

    A path is read as pdfminer reads it: each subpath that is one straight segment
    is a line, one that is an axis-parallel closed four-sided loop is a rectangle;
    curves and other shapes are left out.
    """
    boxes: list[Box] = []
    stack: list[tuple[int, bool, Matrix, int]] = [(page, False, IDENTITY, 0)]
    m = _Matrix()
    while stack:
        container, is_form, outer, depth = stack.pop()
        total = api.form_count(container) if is_form else api.count_objects(container)
        for k in range(max(total, 0)):
            obj = api.form_object(container, k) if is_form else api.get_object(container, k)
            if not obj:
                continue
            kind = api.object_type(obj)
            if kind not in (_PAGEOBJ_PATH, _PAGEOBJ_FORM):
                continue
            own = IDENTITY
            if api.object_matrix(obj, m):
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
            matrix = multiply(own, outer)
            if kind == _PAGEOBJ_FORM:
                if depth < _MAX_FORM_DEPTH:
                    stack.append((obj, True, matrix, depth + 1))
                continue
            for x0, y0, x1, y1 in _path_boxes(api, obj, multiply(matrix, frame.ctm)):
                top, bottom = frame.height - y1 + frame.dy, frame.height - y0 + frame.dy
                boxes.append(Box(x0 + frame.dx, top, x1 + frame.dx, bottom))
    return boxes


def _path_boxes(api: Pdfium, path: int, matrix: Matrix) -> list[tuple[float, float, float, float]]:
    """Bounding boxes ``(x0, y0, x1, y1)`` of the path's lines and rectangles."""
    a, b, c, d, e, f = matrix
    x, y = c_float(), c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []
    points: list[tuple[float, float]] = []
    closed = curved = False
    for k in range(max(api.count_segments(path), 0)):
        segment = api.get_segment(path, k)
        if not segment:
            continue
        kind = api.segment_type(segment)
        if kind == _SEGMENT_MOVETO and points:
            subpaths.append((points, closed, curved))
            points, closed, curved = [], False, False
        api.segment_point(segment, x, y)
        px, py = float(x.value), float(y.value)
        points.append((px * a + py * c + e, px * b + py * d + f))
        curved = (
            curved or kind == _SEGMENT_BEZIERTO or (kind != _SEGMENT_MOVETO and len(points) == 1)
        )
        closed = closed or bool(api.segment_close(segment))
    if points:
        subpaths.append((points, closed, curved))
    boxes: list[tuple[float, float, float, float]] = []
    for pts, is_closed, is_curved in subpaths:
        if is_curved:
            continue
        if is_closed and pts[-1] != pts[0]:
            pts = [*pts, pts[0]]  # "h" goes back to the start
        if len(pts) == 2 or (len(pts) == 3 and is_closed and pts[2] == pts[0]):
            (x0, y0), (x1, y1) = pts[0], pts[1]
        elif len(pts) == 5 and pts[4] == pts[0]:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            if not (
                (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            ):
                continue
            x1, y1 = x2, y2
        else:
            continue
        boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return boxes
