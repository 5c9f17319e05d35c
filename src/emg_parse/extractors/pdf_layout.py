"""Pure geometry for the PDF extractor: glyphs -> words -> lines -> emitted lines.

Nothing here touches a PDF library.  Each engine (:mod:`.pdf` on pdfplumber,
:mod:`.pdf_pdfium` on pdfium) delivers one :class:`PageGlyphs` per page -- the
characters in drawing order, column-wise, with ``top``/``bottom`` measured downwards
from the top of the page -- and the horizontal :class:`Rule` s; everything after that
is shared, so both engines give the same lines from the same glyphs.

Glyph boxes are normalised: ``bottom = baseline + DESCENT * size`` and
``top = bottom - size``, whatever the font's own ascent and descent (which pdfminer
and pdfium read differently), so that a box depends only on the baseline (text rise
included) and the type size.

The layers:

1. :func:`dedupe_page` drops fake-bold doubles (the same glyph drawn twice a
   fraction of a point apart) -- :func:`dedupe_glyphs` is the reference, run only
   on a page where :func:`may_have_doubles` finds a candidate.
2. :func:`page_words` cuts the glyphs into words in drawing order: a word ends at a
   whitespace glyph, at a gap wider than a fifth of the type size, at a jump back
   of more than one em, and where the next glyph is not on the same line.  Glyphs
   are handled in runs of one font and size (:class:`Span`), so the work per page is
   linear with a small constant: per-glyph steps are C-level list operations.
3. :func:`page_lines` groups words into physical lines by vertical overlap (so a
   raised superscript stays on its line), joins a superscript ordinal "th" to its
   number, and splits a line into :class:`Fragment` s at a column-wide gap (but never
   right after a list label such as ``"a)"``).
4. :func:`running_fragments` / :func:`is_page_number` find running headers, footers
   and page numbers in the top and bottom margins.
5. :func:`layout_page` orders the lines of one page, emits a two-column block column
   by column (rows split at table borders, given as :class:`Rule` s), and decides
   ``new_block``.

No step is quadratic in the number of glyphs or lines (pdfplumber's own
``dedupe_chars`` is, through ``sorted(..., key=chars.index)``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import compress, count, repeat
from operator import attrgetter, gt, le, lt, sub
from typing import NamedTuple

from emg_parse.patterns import BOLD_FONT, ITALIC_FONT, PAGE_NUMBER, SHORT_LABEL

#: Ligature code points and what they stand for.
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_TABLE = str.maketrans(LIGATURES)

#: Normalised glyph box: the bottom lies this many type sizes below the baseline.
DESCENT = 0.2

#: Superscript runs that are ordinal suffixes, joined to a preceding number even
#: across a space ("28 th" -> "28th").
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "o", "a"})

#: A word ends at a gap wider than this many type sizes ...
WORD_GAP = 0.2
#: ... or where the next glyph starts this many type sizes left of the previous end.
WORD_BACKSTEP = 1.0

# --- data --------------------------------------------------------------------------


class Glyph(NamedTuple):
    """One character as drawn; coordinates in points, ``top``/``bottom`` from page top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""

    @property
    def is_space(self) -> bool:
        return not self.text.strip()


class Span(NamedTuple):
    """Glyphs ``start:end`` of a :class:`PageGlyphs`: one font and size on one baseline."""

    start: int
    end: int
    top: float
    bottom: float
    size: float
    font: str


class PageGlyphs:
    """The glyphs of one page in drawing order, column-wise.

    ``texts[i]`` is glyph *i*'s text (one character, a ligature, or whitespace),
    ``x0[i]``/``x1[i]`` its left and right edge; ``spans`` cover ``0..len(texts)``
    in order and give the rest.  Spans may be cut anywhere: two adjacent spans with
    the same values mean the same as one.
    """

    __slots__ = ("spans", "texts", "x0", "x1")

    def __init__(
        self, texts: list[str], x0: list[float], x1: list[float], spans: list[Span]
    ) -> None:
        self.texts = texts
        self.x0 = x0
        self.x1 = x1
        self.spans = spans

    def __repr__(self) -> str:
        return f"PageGlyphs({len(self.texts)} glyphs, {len(self.spans)} spans)"

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def from_glyphs(cls, glyphs: Iterable[Glyph]) -> PageGlyphs:
        texts: list[str] = []
        x0: list[float] = []
        x1: list[float] = []
        spans: list[Span] = []
        key: tuple[float, float, float, str] | None = None
        start = 0
        for i, g in enumerate(glyphs):
            k = (g.top, g.bottom, g.size, g.font)
            if k != key:
                if key is not None:
                    spans.append(Span(start, i, *key))
                key, start = k, i
            texts.append(g.text)
            x0.append(g.x0)
            x1.append(g.x1)
        if key is not None:
            spans.append(Span(start, len(texts), *key))
        return cls(texts, x0, x1, spans)

    def glyphs(self) -> list[Glyph]:
        return [
            Glyph(self.texts[i], self.x0[i], self.x1[i], s.top, s.bottom, s.size, s.font)
            for s in self.spans
            for i in range(s.start, s.end)
        ]

    def has_text(self) -> bool:
        """True when at least one glyph is not whitespace."""
        return not all(map(str.isspace, self.texts))


#: The glyphs ``start:end`` of a word that lie in one span: ``(start, end, span)``.
Part = tuple[int, int, Span]


class Word:
    """Glyphs without whitespace or gap between them, left to right.

    ``superscript`` is True when every glyph is raised and smaller than the line.
    """

    __slots__ = ("bottom", "page", "parts", "superscript", "text", "top", "x0", "x1")

    def __init__(
        self,
        text: str,
        x0: float,
        x1: float,
        top: float,
        bottom: float,
        parts: list[Part],
        page: PageGlyphs,
        superscript: bool = False,
    ) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.parts = parts
        self.page = page
        self.superscript = superscript

    def __repr__(self) -> str:
        return f"Word({self.text!r}, x0={self.x0:.2f}, x1={self.x1:.2f})"

    @property
    def glyphs(self) -> list[Glyph]:
        pg = self.page
        return [
            Glyph(pg.texts[i], pg.x0[i], pg.x1[i], span.top, span.bottom, span.size, span.font)
            for start, end, span in self.parts
            for i in range(start, end)
        ]


class Fragment:
    """Words of one line between two column-wide gaps.

    ``text``, ``top``, ``bottom`` and ``style`` are computed once, when first asked.
    """

    __slots__ = ("_bottom", "_style", "_text", "_top", "words")

    def __init__(self, words: list[Word]) -> None:
        self.words = words
        self._text: str | None = None
        self._top: float | None = None
        self._bottom: float | None = None
        self._style: tuple[bool, bool, float | None] | None = None

    def __repr__(self) -> str:
        return f"Fragment({self.text!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join([w.text for w in self.words])
        return self._text

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        if self._top is None:
            self._top = min([w.top for w in self.words])
        return self._top

    @property
    def bottom(self) -> float:
        if self._bottom is None:
            self._bottom = max([w.bottom for w in self.words])
        return self._bottom

    @property
    def style(self) -> tuple[bool, bool, float | None]:
        """``(bold, italic, size)`` of the fragment's glyphs (see :func:`style_of_parts`)."""
        if self._style is None:
            self._style = style_of_parts([p for w in self.words for p in w.parts])
        return self._style

    @property
    def glyphs(self) -> list[Glyph]:
        return [g for w in self.words for g in w.glyphs]


class TextLine:
    """One physical line of a page: its fragments left to right.

    ``baseline`` is the bottom of the line's main-size glyphs (it stands in for the
    baseline); ``size`` the most common glyph size of the line.
    """

    __slots__ = ("baseline", "fragments", "size", "top")

    def __init__(self, fragments: list[Fragment], top: float, baseline: float, size: float) -> None:
        self.fragments = fragments
        self.top = top
        self.baseline = baseline
        self.size = size

    def __repr__(self) -> str:
        return f"TextLine({self.text!r}, baseline={self.baseline:.2f})"

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.fragments)

    @property
    def x0(self) -> float:
        return self.fragments[0].x0

    @property
    def x1(self) -> float:
        return self.fragments[-1].x1

    @property
    def words(self) -> list[Word]:
        return [w for f in self.fragments for w in f.words]


class OutLine(NamedTuple):
    """A line as the extractor emits it (before it becomes an ``emg_parse.lines.Line``)."""

    text: str
    x: float
    bold: bool
    italic: bool
    size: float | None
    new_block: bool
    cell: tuple[int, int] | None = None


class Rule(NamedTuple):
    """A horizontal ruling line (a table border): ``y`` from the page top."""

    y: float
    x0: float
    x1: float


# --- helpers -----------------------------------------------------------------------


def expand_ligatures(text: str) -> str:
    return text.translate(_LIGATURE_TABLE)


def is_list_label(text: str) -> bool:
    return bool(SHORT_LABEL.match(text))


def box_of(baseline: float, size: float) -> tuple[float, float]:
    """``(top, bottom)`` of the normalised box of a glyph on ``baseline`` (from page top)."""
    bottom = baseline + DESCENT * size
    return bottom - size, bottom


def box_rules(x0: float, x1: float, top: float, bottom: float) -> list[Rule]:
    """The rules a drawn line or rectangle makes (``top``/``bottom`` from the page top).

    A horizontal line or a thin bar (at most 2 pt high) is one rule through its
    middle; a wider box gives its top and bottom edges (a table row's borders).
    Anything not at least twice as wide as it is high (and 1 pt) is no rule.
    """
    height = bottom - top
    if x1 - x0 < 2 * max(height, 1.0):
        return []
    if height <= 2:
        return [Rule((top + bottom) / 2, x0, x1)]
    return [Rule(top, x0, x1), Rule(bottom, x0, x1)]


@functools.lru_cache(maxsize=256)
def _font_flags(font: str) -> tuple[bool, bool]:
    return (
        bool(BOLD_FONT.search(font)),
        bool(ITALIC_FONT.search(font)),
    )


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
    """``statistics.median`` of the list holding each value ``weight`` times."""
    pairs.sort()
    total = sum(w for _, w in pairs)
    half = total // 2
    seen = 0
    previous = pairs[0][0]
    for value, weight in pairs:
        if seen + weight > half:
            if total % 2 or seen < half:
                return value
            return (previous + value) / 2  # the two middle values straddle this step
        seen += weight
        previous = value
    return previous  # pragma: no cover - weights are positive


def style_of_parts(parts: Iterable[Part]) -> tuple[bool, bool, float | None]:
    """``(bold, italic, size)``: bold/italic when most glyphs are; median size."""
    total = bold = italic = 0
    sizes: dict[float, int] = defaultdict(int)
    for start, end, span in parts:
        n = end - start
        b, i = _font_flags(span.font)
        total += n
        if b:
            bold += n
        if i:
            italic += n
        sizes[span.size] += n
    if not total:
        return False, False, None
    size = round(_weighted_median(list(sizes.items())), 2)
    return bold * 2 > total, italic * 2 > total, size


def style_of(glyphs: Sequence[Glyph]) -> tuple[bool, bool, float | None]:
    """``(bold, italic, size)`` of glyphs: bold/italic when most are; median size."""
    visible = [g for g in glyphs if not g.is_space] or list(glyphs)
    page = PageGlyphs.from_glyphs(visible)
    return style_of_parts((s.start, s.end, s) for s in page.spans)


def _word_style(words: Iterable[Word]) -> tuple[bool, bool, float | None]:
    return style_of_parts(p for w in words for p in w.parts)


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


# --- 1. fake bold ------------------------------------------------------------------


def _tolerance(size: float, tolerance: float) -> float:
    return max(min(tolerance, 0.15 * size) if size > 0 else tolerance, 0.01)


def dedupe_glyphs(glyphs: Sequence[Glyph], tolerance: float = 1.0) -> list[Glyph]:
    """Drop a glyph that repeats an earlier one (same text, font and size) within
    ``tolerance`` points in both x and y -- the doubled glyphs of fake bold.

    Like pdfplumber's ``dedupe_chars`` but linear (hash grid); the tolerance shrinks
    for tiny type so that two real adjacent "ll" are never merged.
    """
    kept: list[Glyph] = []
    # per (text, font, size): a grid of 2*tol cells, so that everything within tol of
    # a point lies in at most 2 x 2 cells
    grids: dict[tuple[str, str, float], dict[tuple[int, int], list[Glyph]]] = {}
    for g in glyphs:
        if g.is_space:
            kept.append(g)
            continue
        tol = _tolerance(g.size, tolerance)
        cell = 2 * tol
        grid = grids.setdefault((g.text, g.font, round(g.size, 2)), {})
        fx, fy = g.x0 / cell, g.top / cell
        gx, gy = int(fx // 1), int(fy // 1)
        nx = gx - 1 if fx - gx < 0.5 else gx + 1
        ny = gy - 1 if fy - gy < 0.5 else gy + 1
        duplicate = False
        for key in ((gx, gy), (nx, gy), (gx, ny), (nx, ny)):
            for other in grid.get(key, ()):
                if abs(other.x0 - g.x0) <= tol and abs(other.top - g.top) <= tol:
                    duplicate = True
                    break
            if duplicate:
                break
        if not duplicate:
            grid.setdefault((gx, gy), []).append(g)
            kept.append(g)
    return kept


def may_have_doubles(page: PageGlyphs, tolerance: float = 1.0) -> bool:
    """False only when :func:`dedupe_glyphs` would drop nothing from the page.

    Two glyphs that :func:`dedupe_glyphs` calls doubles start within ``tolerance``
    (at most 1 pt) of each other on the same line.  In one span, that means x0 does
    not advance by more than a point somewhere between them; across spans (same font
    and size, tops within a point), the glyphs near the spans' common x range are
    compared.  Either finding sends the page through the reference implementation.
    """
    limit = max(tolerance, 1.0)
    x0, texts = page.x0, page.texts
    groups: dict[tuple[str, float], list[Span]] = defaultdict(list)
    for s in page.spans:
        if s.end - s.start > 1 and any(
            map(le, map(sub, x0[s.start + 1 : s.end], x0[s.start : s.end - 1]), repeat(limit))
        ):
            return True
        groups[(s.font, round(s.size, 2))].append(s)
    for spans in groups.values():
        if len(spans) < 2:
            continue
        spans.sort(key=lambda s: s.top)
        for k, a in enumerate(spans):
            a_lo, a_hi = x0[a.start] - limit, x0[a.end - 1] + limit
            tol = _tolerance(a.size, tolerance)
            for b in spans[k + 1 :]:
                if b.top - a.top > limit:
                    break
                if x0[b.start] > a_hi or x0[b.end - 1] < a_lo or abs(b.top - a.top) > tol:
                    continue
                # both spans advance by more than `limit` per glyph: bisect the zone
                a_from = bisect.bisect_left(x0, x0[b.start] - limit, a.start, a.end)
                a_to = bisect.bisect_right(x0, x0[b.end - 1] + limit, a.start, a.end)
                b_from = bisect.bisect_left(x0, a_lo, b.start, b.end)
                b_to = bisect.bisect_right(x0, a_hi, b.start, b.end)
                for i in range(a_from, a_to):
                    if texts[i].isspace():
                        continue
                    for j in range(b_from, b_to):
                        if texts[j] == texts[i] and abs(x0[j] - x0[i]) <= tol:
                            return True
    return False


def dedupe_page(page: PageGlyphs, tolerance: float = 1.0) -> PageGlyphs:
    """The page without fake-bold doubles (see :func:`dedupe_glyphs`)."""
    if not may_have_doubles(page, tolerance):
        return page
    return PageGlyphs.from_glyphs(dedupe_glyphs(page.glyphs(), tolerance))


# --- 2. words ------------------------------------------------------------------------


def _joins(before: Span, after: Span, gap: float) -> bool:
    """True when a glyph of ``after`` continues the word whose last glyph is in ``before``."""
    size = min(before.size, after.size)
    if gap > WORD_GAP * size or gap < -WORD_BACKSTEP * size:
        return False
    if before is after:
        return True
    overlap = min(before.bottom, after.bottom) - max(before.top, after.top)
    return overlap >= 0.5 * min(before.bottom - before.top, after.bottom - after.top)


def _make_word(page: PageGlyphs, parts: list[Part], ligatures: bool) -> Word:
    texts, x0, x1 = page.texts, page.x0, page.x1
    if len(parts) == 1:
        a, b, s = parts[0]
        if b - a == 1:
            text = texts[a]
            left, right = x0[a], x1[a]
        else:
            text = "".join(texts[a:b])
            left, right = min(x0[a:b]), max(x1[a:b])
        if ligatures:
            text = expand_ligatures(text)
        return Word(text, left, right, s.top, s.bottom, parts, page)
    text = "".join(["".join(texts[a:b]) for a, b, _ in parts])
    return Word(
        expand_ligatures(text) if ligatures else text,
        min([min(x0[a:b]) for a, b, _ in parts]),
        max([max(x1[a:b]) for a, b, _ in parts]),
        min([s.top for _, _, s in parts]),
        max([s.bottom for _, _, s in parts]),
        parts,
        page,
    )


def page_words(page: PageGlyphs) -> list[Word]:
    """The words of a page in drawing order (see the module docstring, step 2).

    Only the places where a word may end are visited one by one: whitespace glyphs,
    span starts, and gaps outside the range every span accepts (found with C-level
    list operations); between two such places the glyphs form one piece of a word.
    """
    texts, x0, x1, spans = page.texts, page.x0, page.x1, page.spans
    n = len(texts)
    if not n or not spans:
        return []
    joined = "".join(texts)
    ligatures = any(c in joined for c in LIGATURES)
    smallest = min(s.size for s in spans)
    spaces = list(compress(range(n), map(str.isspace, texts)))
    others = {s.start for s in spans}
    gaps = list(map(sub, x0[1:], x1[:-1]))  # gaps[i - 1]: before glyph i
    others.update(compress(count(1), map(gt, gaps, repeat(WORD_GAP * smallest))))
    others.update(compress(count(1), map(lt, gaps, repeat(-WORD_BACKSTEP * smallest))))
    others.difference_update(spaces)
    # (index, True for whitespace), in order
    cuts = sorted([*zip(spaces, repeat(True)), *zip(others, repeat(False))])
    cuts.append((n, True))

    words: list[Word] = []
    append = words.append
    parts: list[Part] = []
    last = -1  # the current word's last glyph
    span_starts = [s.start for s in spans]
    span = spans[0]
    next_span = spans[1].start if len(spans) > 1 else n + 1
    span_no = 0
    piece = 0  # start of the piece of glyphs being collected
    simple = len(joined) == n  # one character per glyph: slice the page's text
    for cut, space in cuts:
        if space and not parts and cut > piece:
            # the common case, inlined: a word of one piece between whitespace
            if cut - piece == 1:
                text, left, right = texts[piece], x0[piece], x1[piece]
            else:
                text = joined[piece:cut] if simple else "".join(texts[piece:cut])
                left, right = min(x0[piece:cut]), max(x1[piece:cut])
            if ligatures:
                text = expand_ligatures(text)
            append(Word(text, left, right, span.top, span.bottom, [(piece, cut, span)], page))
            if cut >= next_span:
                span_no = bisect.bisect_right(span_starts, cut, span_no) - 1
                span = spans[span_no]
                next_span = span_starts[span_no + 1] if span_no + 1 < len(spans) else n + 1
            piece = cut + 1
            continue
        if cut > piece:  # glyphs piece..cut-1: visible, in `span`, no cut between them
            if parts and not _joins(parts[-1][2], span, x0[piece] - x1[last]):
                append(_make_word(page, parts, ligatures))
                parts = []
            parts.append((piece, cut, span))
            last = cut - 1
        if cut >= next_span:
            span_no = bisect.bisect_right(span_starts, cut, span_no) - 1
            span = spans[span_no]
            next_span = span_starts[span_no + 1] if span_no + 1 < len(spans) else n + 1
        if space:
            if parts:
                append(_make_word(page, parts, ligatures))
                parts = []
            piece = cut + 1
        else:
            piece = cut
    return words


# --- 3. lines, fragments -------------------------------------------------------------


def _core(word: Word) -> tuple[float, float, float]:
    """``(top, bottom, size)`` of the word's largest glyphs."""
    if len(word.parts) == 1:
        s = word.parts[0][2]
        return s.top, s.bottom, s.size
    s = max((p[2] for p in word.parts), key=lambda s: s.size)
    return s.top, s.bottom, s.size


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into physical lines by vertical overlap.

    Words are taken in order of their bottom edge; a word joins one of the last two
    lines when its box overlaps that line's core (the box of the line's largest
    glyphs) by at least half of the smaller height.  A raised superscript overlaps its
    line a lot and the next line not at all, so it stays where it belongs.
    """
    rows: list[list[Word]] = []
    cores: list[tuple[float, float, float]] = []  # (top, bottom, size) per row
    # A word of one span right after a word of the same span goes where that one
    # went: the rows did not change in between (placing a word changes at most its
    # own row's core, to the word's own, which the next such word overlaps fully).
    last_span: Span | None = None
    last_row: list[Word] = []
    for w in sorted(words, key=attrgetter("bottom")):
        span = w.parts[0][2] if len(w.parts) == 1 else None
        if span is not None and span is last_span:
            last_row.append(w)
            continue
        height = max(w.bottom - w.top, 0.01)
        for idx in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            top, bottom, size = cores[idx]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= 0.5 * min(height, bottom - top):
                last_row = rows[idx]
                last_row.append(w)
                core = _core(w)
                if core[2] > size + 0.01:
                    cores[idx] = core
                break
        else:
            last_row = [w]
            rows.append(last_row)
            cores.append(_core(w))
        last_span = span
    return rows


def _main_size(words: Sequence[Word]) -> float:
    counts: dict[float, int] = defaultdict(int)
    for w in words:
        for start, end, span in w.parts:
            counts[round(span.size, 1)] += end - start
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _baseline(words: Sequence[Word], main: float) -> float:
    bottoms: dict[float, int] = defaultdict(int)
    for w in words:
        for start, end, span in w.parts:
            if abs(span.size - main) < 0.06:
                bottoms[span.bottom] += end - start
    if not bottoms:  # pragma: no cover - the main size is some glyph's size
        return words[-1].bottom
    if len(bottoms) == 1:
        return next(iter(bottoms))
    return _weighted_median(list(bottoms.items()))


def line_words(row: Sequence[Word]) -> tuple[list[Word], float, float]:
    """Words of one physical line, left to right; also ``(main size, baseline)``.

    A raised, smaller word right after a number is a superscript ordinal and is joined
    to it without a space ("26" + "th" -> "26th", also "28 th" -> "28th").
    """
    words = sorted(row, key=attrgetter("x0", "top"))
    first = words[0].parts[0][2]
    if all(
        len(w.parts) == 1
        and (w.parts[0][2] is first or w.parts[0][2][3:5] == first[3:5])  # (bottom, size)
        for w in words
    ):  # one size on one baseline: no superscripts
        for w in words:
            w.superscript = False
        return words, round(first.size, 1), first.bottom
    main = _main_size(words)
    baseline = _baseline(words, main)
    small, high = 0.85 * main, baseline - 0.15 * main
    joined: list[Word] = []
    for w in words:
        w.superscript = all(p[2].size <= small and p[2].bottom < high for p in w.parts)
        if (
            joined
            and w.superscript
            and w.text.lower() in ORDINAL_SUFFIXES
            and joined[-1].text[-1:].isdigit()
            and not joined[-1].superscript
            and w.x0 - joined[-1].x1 <= 0.6 * main
        ):
            before = joined[-1]
            joined[-1] = Word(
                before.text + w.text,
                before.x0,
                max(before.x1, w.x1),
                min(before.top, w.top),
                max(before.bottom, w.bottom),
                before.parts + w.parts,
                before.page,
            )
        else:
            joined.append(w)
    return joined, main, baseline


def _char_width(words: Sequence[Word]) -> float:
    """Median width of one character over the glyphs of ``words``."""
    widths: list[float] = []
    for w in words:
        pg = w.page
        for start, end, _span in w.parts:
            widths.extend(
                (b - a) / max(len(t), 1)
                for a, b, t in zip(
                    pg.x0[start:end], pg.x1[start:end], pg.texts[start:end], strict=True
                )
                if b > a
            )
    if not widths:
        return 0.0
    return _weighted_median([(v, 1) for v in widths])


def _opens_with_label(words: Sequence[Word]) -> bool:
    first = words[0]
    return (
        is_list_label(first.text)
        or first.superscript
        or (first.text.isdigit() and len(first.text) <= 3)
    )


def split_fragments(words: Sequence[Word], size: float) -> list[Fragment]:
    """Split a line at column-wide gaps.

    A gap splits when it is wider than 3 x the median character width (and than
    1.2 x the type size), clearly wider than the line's other gaps (so a justified
    line is never split, even one whose gaps are all wide but alike), and does not
    follow a list label that opens the line ("a)", "iv.", "I.", "(b)", a bullet, or
    a bare or superscript number as in a footnote): ``a)<tab>Consider ...`` stays
    one line.
    """
    if len(words) < 2:
        return [Fragment(list(words))] if words else []
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    floor = 1.2 * size
    wide = [i for i, gap in enumerate(gaps) if gap > floor]
    # no gap can split (the character width is only measured when it matters)
    if not wide or (wide == [0] and _opens_with_label(words)):
        return [Fragment(list(words))]
    limit = max(3.0 * _char_width(words), floor)
    if len(gaps) >= 3 and min(gaps) > limit and max(gaps) < 1.25 * min(gaps):
        return [Fragment(list(words))]  # a loosely justified line: all gaps alike
    cuts: list[int] = []
    for i in wide:
        gap = gaps[i]
        if gap <= limit:
            continue
        if i == 0 and _opens_with_label(words):
            continue  # "a)<tab>text", a footnote "1<tab>text", a note marker
        others = [g for j, g in enumerate(gaps) if j != i and g <= limit]
        if len(others) >= 2 and gap < 2.5 * _weighted_median([(g, 1) for g in others]):
            continue
        cuts.append(i + 1)
    fragments: list[Fragment] = []
    start = 0
    for cut in [*cuts, len(words)]:
        fragments.append(Fragment(list(words[start:cut])))
        start = cut
    return fragments


def page_lines(page: PageGlyphs) -> list[TextLine]:
    """Physical lines of one page, top to bottom, each split into fragments."""
    lines: list[TextLine] = []
    for row in group_rows(page_words(page)):
        words, size, baseline = line_words(row)
        top = min(w.top for w in words)
        lines.append(TextLine(split_fragments(words, size), top, baseline, size))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines


def build_lines(glyphs: Iterable[Glyph]) -> list[TextLine]:
    """:func:`page_lines` of hand-made glyphs, in the order given (tests, debugging)."""
    return page_lines(PageGlyphs.from_glyphs(glyphs))


# --- 4. running headers, footers, page numbers -------------------------------------

def is_page_number(text: str) -> bool:
    """True for "Page 2 of 4", "Page 2", "2/4", "- 2 -", "2" (and a few variants)."""
    t = " ".join(text.split())
    return bool(PAGE_NUMBER.match(t))


_DIGIT = re.compile(r"\d")


def running_key(text: str) -> str:
    """The text that must repeat: digits replaced by '#', whitespace collapsed.

    The key is as long as the text with its whitespace collapsed.
    """
    return _DIGIT.sub("#", " ".join(text.split()))


def margin_zone(
    top: float, bottom: float, page_height: float, fraction: float = 0.12
) -> str | None:
    """Return "top" / "bottom" when the box's centre lies in that margin band, else None."""
    centre = (top + bottom) / 2
    if centre <= fraction * page_height:
        return "top"
    if centre >= (1 - fraction) * page_height:
        return "bottom"
    return None


class MarginItem(NamedTuple):
    """A piece of text in a page margin, as :func:`running_fragments` sees it.

    ``ref`` is an opaque handle for the caller (e.g. ``(line index, fragment index)``).
    """

    page: int
    text: str
    top: float
    bottom: float
    page_height: float
    ref: tuple[int, ...] = ()


def running_fragments(
    items: Sequence[MarginItem],
    page_count: int,
    *,
    fraction: float = 0.12,
    y_tolerance: float = 6.0,
) -> set[int]:
    """Indexes into ``items`` of text to drop as running header / footer / page number.

    ``items`` may hold all the text of the document (body text helps, see below).  An
    item in the top or bottom ``fraction`` of its page is dropped when it is a page
    number (:func:`is_page_number`), or when its :func:`running_key` recurs at about
    the same distance from the page edge (within ``y_tolerance`` points) on at least
    half of the pages and on at least two pages -- unless the same key occurs at least
    as often in the body of the pages: "The Senior Officials:" opening two pages at the
    top margin is body text that happens to repeat, not a running header.
    """
    drop: set[int] = set()
    groups: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    body: list[str] = []
    for idx, item in enumerate(items):
        zone = margin_zone(item.top, item.bottom, item.page_height, fraction)
        if zone is None:
            body.append(item.text)
            continue
        if is_page_number(item.text):
            drop.add(idx)
            continue
        # distance from the edge the text belongs to, so that pages of different
        # heights still line up
        y = item.top if zone == "top" else item.page_height - item.bottom
        groups[(zone, running_key(item.text))].append((y, idx))
    # how often each repeated margin text occurs in the body; a body text shorter
    # than every such key cannot match one (collapsing whitespace only shortens)
    keys = {key for (_zone, key), members in groups.items() if len(members) >= 2}
    in_body: dict[str, int] = defaultdict(int)
    if keys:
        # only a body text as long as some key (whitespace collapsed) can match it
        lengths = {len(k) for k in keys}
        shortest = min(lengths)
        for text in body:
            if len(text) >= shortest:
                collapsed = " ".join(text.split())
                if len(collapsed) in lengths:
                    key = running_key(collapsed)
                    if key in keys:
                        in_body[key] += 1
    for (_zone, key), members in groups.items():
        if len(members) < 2:
            continue
        members.sort()
        cluster: list[tuple[float, int]] = []
        for y, idx in [*members, (float("inf"), -1)]:
            if cluster and y - cluster[-1][0] > y_tolerance:
                pages = {items[i].page for _, i in cluster}
                if len(pages) >= 2 and 2 * len(pages) >= page_count and in_body[key] < len(cluster):
                    drop.update(i for _, i in cluster)
                cluster = []
            cluster.append((y, idx))
    return drop


# --- 5. page layout: column blocks, order, new_block ---------------------------------


def line_pitch(lines: Sequence[TextLine]) -> float:
    """Typical baseline-to-baseline distance of the page.

    The lower quartile of the distances between consecutive lines (so paragraph gaps,
    which are rarer than wrapped lines, do not count); with fewer than four distances
    the smallest one, but never more than 1.2 x the median type size.
    """
    sizes = [ln.size for ln in lines if ln.size > 0]
    default = 1.2 * _weighted_median([(s, 1) for s in sizes]) if sizes else 12.0
    deltas = [
        b.baseline - a.baseline
        for a, b in itertools.pairwise(lines)
        if b.baseline - a.baseline >= 0.5 * min(a.size, b.size)
    ]
    if len(deltas) >= 4:
        return _quantile(deltas, 0.25)
    return min([*deltas, default])


class _Placed:
    """A fragment assigned to a column (and row) of a block."""

    __slots__ = ("column", "fragment", "line", "row")

    def __init__(self, column: int, fragment: Fragment, line: TextLine, row: int = 0) -> None:
        self.column = column
        self.fragment = fragment
        self.line = line
        self.row = row


class _Rules:
    """Horizontal rules of a page, sorted by ``y`` for range look-ups."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = sorted(rules, key=lambda r: r.y)
        self.ys = [r.y for r in self.rules]

    def between(self, upper: TextLine, lower: TextLine, x0: float, x1: float) -> bool:
        """A rule spanning ``x0..x1`` lies below ``upper`` and above the middle of ``lower``.

        "Below" means below the bottom of the upper line's glyph boxes, which hold the
        descenders: an underline or a strike-through of the upper line is no rule.
        """
        if not self.ys:
            return False
        y_from = upper.baseline + 0.5
        y_to = (lower.top + lower.baseline) / 2
        start = bisect.bisect_right(self.ys, y_from)
        end = bisect.bisect_left(self.ys, y_to)
        return any(r.x0 <= x0 and r.x1 >= x1 for r in self.rules[start:end])


def _fit_columns(line: TextLine, anchors: Sequence[float], tol: float) -> list[_Placed] | None:
    """Assign the line's text to the block's columns, or None when it does not fit.

    Fragments are further cut at a word that starts at a column anchor, then each
    piece goes to the column whose band [anchor_k, anchor_k+1) holds its left edge;
    a piece may not reach into the next column, and two pieces may not share one.
    """
    pieces: list[Fragment] = []
    for frag in line.fragments:
        current: list[Word] = []
        for w in frag.words:
            at_anchor = any(abs(w.x0 - a) <= tol for a in anchors[1:])
            if current and at_anchor and w.x0 - current[-1].x1 > 0.1 * line.size:
                pieces.append(Fragment(current))
                current = []
            current.append(w)
        if current:
            pieces.append(Fragment(current))
    placed: list[_Placed] = []
    used: set[int] = set()
    for piece in pieces:
        col = -1
        for k, a in enumerate(anchors):
            if piece.x0 >= a - tol:
                col = k
        if col < 0 or col in used:
            return None
        if col == 0 and piece.x0 > anchors[0] + 2.0 * line.size:
            return None  # e.g. a centred title under the block
        if col + 1 < len(anchors) and piece.x1 > anchors[col + 1] + tol:
            return None
        used.add(col)
        placed.append(_Placed(col, piece, line))
    return placed


def _out(
    fragments: Sequence[Fragment], x: float, new_block: bool, cell: tuple[int, int] | None
) -> OutLine:
    if len(fragments) == 1:
        bold, italic, size = fragments[0].style
        text = fragments[0].text
    else:
        bold, italic, size = _word_style(w for f in fragments for w in f.words)
        text = " ".join(f.text for f in fragments)
    return OutLine(text, x, bold, italic, size, new_block, cell)


def layout_page(
    lines: Sequence[TextLine], *, first_page: bool, rules: Iterable[Rule] = ()
) -> list[OutLine]:
    """Emit one page's lines in reading order with ``new_block`` and ``cell``.

    A line split into fragments opens a column block: the fragments' left edges are
    the column anchors.  Following lines join the block while they fit its columns;
    after a paragraph-sized gap, or across a horizontal rule (a table border) that
    spans the columns, only a line with text in two or more columns does, and it
    starts a new row.  Unsplit lines right above the first split line that fit the
    columns join the block too.  A block is emitted row by row and, within a row,
    column by column -- left cell top to bottom, then the right one -- with
    ``cell=(column, row)``.

    ``new_block`` is True for a line more than 1.4 x the page's line pitch below the
    line before it, for a line below a rule that spans it, for the first line of a
    table cell, and for the first line of the document (``first_page``); the first
    line of a later page gets False, since a paragraph may go on across the break.
    """
    lines = sorted(lines, key=lambda ln: (ln.baseline, ln.x0))
    if not lines:
        return []
    pitch = line_pitch(lines)
    gap_limit = 1.4 * pitch
    tol = 3.0
    ruled = _Rules(rules)

    # segments: ("line", [TextLine]) or ("block", [placed...])
    segments: list[tuple[str, list[TextLine], list[_Placed]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.fragments) < 2:
            segments.append(("line", [line], []))
            i += 1
            continue
        anchors = [f.x0 for f in line.fragments]
        span = (anchors[0] + tol, anchors[-1] + tol)
        placed = _fit_columns(line, anchors, tol) or [
            _Placed(k, f, line) for k, f in enumerate(line.fragments)
        ]
        # pull in unsplit lines right above that fit the columns
        head: list[_Placed] = []
        nxt = line
        while segments and segments[-1][0] == "line":
            prev = segments[-1][1][0]
            if nxt.baseline - prev.baseline > gap_limit or ruled.between(prev, nxt, *span):
                break
            fit = _fit_columns(prev, anchors, tol)
            if fit is None:
                break
            head = fit + head
            segments.pop()
            nxt = prev
        block = head + placed
        last = line
        row = 0
        j = i + 1
        while j < len(lines):
            cand = lines[j]
            fit = _fit_columns(cand, anchors, tol)
            if fit is None:
                break
            if cand.baseline - last.baseline > gap_limit or ruled.between(last, cand, *span):
                if len(fit) < 2:
                    break
                row += 1
            for p in fit:
                p.row = row
            block.extend(fit)
            last = cand
            j += 1
        segments.append(("block", [], block))
        i = j

    out: list[OutLine] = []
    prev_line: TextLine | None = None
    for kind, seg_lines, block in segments:
        if kind == "line":
            line = seg_lines[0]
            if prev_line is None:
                new_block = first_page
            else:
                # a large gap, or a rule drawn between the lines (a section separator)
                width = line.x1 - line.x0
                new_block = line.baseline - prev_line.baseline > gap_limit or ruled.between(
                    prev_line, line, line.x0 + tol, line.x0 + 0.5 * width
                )
            out.append(_out(line.fragments, line.x0, new_block, None))
            prev_line = line
            continue
        out.extend(_emit_block(block, gap_limit, prev_line is not None, first_page))
        prev_line = max((p.line for p in block), key=lambda ln: ln.baseline)
    return out


def _emit_block(
    block: Sequence[_Placed], gap_limit: float, after_text: bool, first_page: bool
) -> list[OutLine]:
    out: list[OutLine] = []
    cells: dict[tuple[int, int], list[_Placed]] = defaultdict(list)
    for p in block:
        cells[(p.row, p.column)].append(p)
    first = True
    for (r, c), members in sorted(cells.items()):
        prev: float | None = None
        for p in members:
            if prev is None:
                new_block = True
                if first and not after_text and not first_page:
                    new_block = False
            else:
                new_block = p.line.baseline - prev > gap_limit
            first = False
            out.append(_out([p.fragment], p.fragment.x0, new_block, (c, r)))
            prev = p.line.baseline
    return out
