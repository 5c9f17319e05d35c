"""Lines: words grouped into physical lines, and lines split into fragments.

:func:`page_lines` groups words into physical lines by vertical overlap (so a raised
superscript stays on its line), joins a superscript ordinal "th" to its number, and
splits a line into :class:`Fragment` s at a column-wide gap (but never right after a
list label such as ``"a)"``).  Styles (bold, italic, size) are counted over glyphs.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter

from emg_parse.extractors.pdf.objects import PageGlyphs, Span
from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.pdf.words import Part, Word, page_words
from emg_parse.patterns import BOLD_FONT, ITALIC_FONT, SHORT_LABEL

#: Superscript runs that are ordinal suffixes, joined to a preceding number even
#: across a space ("28 th" -> "28th").
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "o", "a"})


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


def is_list_label(text: str) -> bool:
    return bool(SHORT_LABEL.match(text))


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


def _core(word: Word) -> tuple[float, float, float]:
    """``(top, bottom, size)`` of the word's largest glyphs."""
    if len(word.parts) == 1:
        s = word.parts[0][2]
        return s.top, s.bottom, s.size
    s = max((p[2] for p in word.parts), key=lambda s: s.size)
    return s.top, s.bottom, s.size


def group_rows(words: Iterable[Word], params: LayoutParams) -> list[list[Word]]:
    """Group words into physical lines by vertical overlap.

    Words are taken in order of their bottom edge; a word joins one of the last
    ``params.row_lookback`` lines when its box overlaps that line's core (the box of
    the line's largest glyphs) by ``params.row_overlap`` of the smaller height or
    more.  A raised superscript overlaps its line a lot and the next line not at all,
    so it stays where it belongs.
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
        for idx in range(len(rows) - 1, max(len(rows) - 1 - params.row_lookback, -1), -1):
            top, bottom, size = cores[idx]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= params.row_overlap * min(height, bottom - top):
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


def _baseline(words: Sequence[Word], main: float, params: LayoutParams) -> float:
    bottoms: dict[float, int] = defaultdict(int)
    for w in words:
        for start, end, span in w.parts:
            if abs(span.size - main) < params.size_tolerance:
                bottoms[span.bottom] += end - start
    if not bottoms:  # pragma: no cover - the main size is some glyph's size
        return words[-1].bottom
    if len(bottoms) == 1:
        return next(iter(bottoms))
    return _weighted_median(list(bottoms.items()))


def line_words(row: Sequence[Word], params: LayoutParams) -> tuple[list[Word], float, float]:
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
    baseline = _baseline(words, main, params)
    small = params.superscript_size * main
    high = baseline - params.superscript_rise * main
    joined: list[Word] = []
    for w in words:
        w.superscript = all(p[2].size <= small and p[2].bottom < high for p in w.parts)
        if (
            joined
            and w.superscript
            and w.text.lower() in ORDINAL_SUFFIXES
            and joined[-1].text[-1:].isdigit()
            and not joined[-1].superscript
            and w.x0 - joined[-1].x1 <= params.ordinal_gap * main
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


def _opens_with_label(words: Sequence[Word], params: LayoutParams) -> bool:
    first = words[0]
    return (
        is_list_label(first.text)
        or first.superscript
        or (first.text.isdigit() and len(first.text) <= params.label_digits)
    )


def split_fragments(words: Sequence[Word], size: float, params: LayoutParams) -> list[Fragment]:
    """Split a line at column-wide gaps.

    A gap splits when it is wider than ``params.column_gap_chars`` median character
    widths (and than ``params.column_gap_size`` x the type size), clearly wider than
    the line's other gaps (so a justified
    line is never split, even one whose gaps are all wide but alike), and does not
    follow a list label that opens the line ("a)", "iv.", "I.", "(b)", a bullet, or
    a bare or superscript number as in a footnote): ``a)<tab>Consider ...`` stays
    one line.
    """
    if len(words) < 2:
        return [Fragment(list(words))] if words else []
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    floor = params.column_gap_size * size
    wide = [i for i, gap in enumerate(gaps) if gap > floor]
    # no gap can split (the character width is only measured when it matters)
    if not wide or (wide == [0] and _opens_with_label(words, params)):
        return [Fragment(list(words))]
    limit = max(params.column_gap_chars * _char_width(words), floor)
    if (
        len(gaps) >= params.justified_gaps
        and min(gaps) > limit
        and max(gaps) < params.justified_spread * min(gaps)
    ):
        return [Fragment(list(words))]  # a loosely justified line: all gaps alike
    cuts: list[int] = []
    for i in wide:
        gap = gaps[i]
        if gap <= limit:
            continue
        if i == 0 and _opens_with_label(words, params):
            continue  # "a)<tab>text", a footnote "1<tab>text", a note marker
        others = [g for j, g in enumerate(gaps) if j != i and g <= limit]
        if len(others) >= params.column_gap_others and gap < (
            params.column_gap_outlier * _weighted_median([(g, 1) for g in others])
        ):
            continue
        cuts.append(i + 1)
    fragments: list[Fragment] = []
    start = 0
    for cut in [*cuts, len(words)]:
        fragments.append(Fragment(list(words[start:cut])))
        start = cut
    return fragments


def page_lines(page: PageGlyphs, params: LayoutParams) -> list[TextLine]:
    """Physical lines of one page, top to bottom, each split into fragments."""
    lines: list[TextLine] = []
    for row in group_rows(page_words(page, params), params):
        words, size, baseline = line_words(row, params)
        top = min(w.top for w in words)
        lines.append(TextLine(split_fragments(words, size, params), top, baseline, size))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines
