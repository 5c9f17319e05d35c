"""Words: the glyphs of a page cut where a word may end.

:func:`page_words` cuts the glyphs into words in drawing order: a word ends at a
whitespace glyph, at a gap wider than a fifth of the type size, at a jump back of
more than one em, and where the next glyph is not on the same line.  Glyphs are
handled in runs of one font and size (:class:`~.objects.Span`), so the work per
page is linear with a small constant: per-glyph steps are C-level list operations.
"""

from __future__ import annotations

import bisect
from itertools import compress, count, repeat
from operator import gt, lt, sub

from emg_parse.characters import LIGATURES
from emg_parse.extractors.pdf.objects import PageGlyphs, Span
from emg_parse.extractors.pdf.params import LayoutParams

_LIGATURE_TABLE = str.maketrans(LIGATURES)


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


def expand_ligatures(text: str) -> str:
    return text.translate(_LIGATURE_TABLE)


def _joins(before: Span, after: Span, gap: float, params: LayoutParams) -> bool:
    """True when a glyph of ``after`` continues the word whose last glyph is in ``before``."""
    size = min(before.size, after.size)
    if gap > params.word_gap * size or gap < -params.word_backstep * size:
        return False
    if before is after:
        return True
    overlap = min(before.bottom, after.bottom) - max(before.top, after.top)
    smaller = min(before.bottom - before.top, after.bottom - after.top)
    return overlap >= params.word_overlap * smaller


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


def page_words(page: PageGlyphs, params: LayoutParams) -> list[Word]:
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
    others.update(compress(count(1), map(gt, gaps, repeat(params.word_gap * smallest))))
    others.update(compress(count(1), map(lt, gaps, repeat(-params.word_backstep * smallest))))
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
            if parts and not _joins(parts[-1][2], span, x0[piece] - x1[last], params):
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
