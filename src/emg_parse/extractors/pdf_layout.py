"""Pure geometry for the PDF extractor: glyphs -> words -> lines -> emitted lines.

Nothing here touches pdfplumber or pdfminer; the input is a list of :class:`Glyph`
per page (``top``/``bottom`` measured downwards from the top of the page, as
pdfplumber does), so every rule can be unit-tested with hand-made glyphs.

The layers, like pdfplumber's own:

1. :func:`dedupe_glyphs` drops fake-bold doubles (the same glyph drawn twice a
   fraction of a point apart).
2. :func:`build_lines` groups glyphs into physical lines by vertical overlap (so a
   raised superscript stays on its line), builds words (joining a superscript ordinal
   "th" to its number), and splits a line into :class:`Fragment` s at a column-wide
   gap (but never right after a list label such as ``"a)"``).
3. :func:`running_fragments` / :func:`is_page_number` find running headers, footers
   and page numbers in the top and bottom margins.
4. :func:`layout_page` orders the lines of one page, emits a two-column block column
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
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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

#: Superscript runs that are ordinal suffixes, joined to a preceding number even
#: across a space ("28 th" -> "28th").
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "o", "a"})

#: A short list label that may be followed by a tab-wide gap: a) (a) a. i. iv) I. 1.
#: 1.2. A. bullets.  A wide gap right after such a label never splits a line.
_LABEL_RE = re.compile(
    r"""^(?:
        \(?(?:[A-Za-z]{1,2}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7}|\d{1,3}(?:\.\d{1,3})*)[.)]
      | \(\d{1,3}\) | \([A-Za-z]{1,2}\) | \([ivxlcdmIVXLCDM]{1,7}\)
      | [•·▪■□◦●○\-–—*»›➢➤✓✔o§]
    )$""",
    re.VERBOSE,
)

#: Font-name parts that mean bold / italic ("ABCDEF+Calibri-BoldItalic", "Arial,Bold").
_BOLD_RE = re.compile(r"bold|black|heavy", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)


# --- data --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glyph:
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


@dataclass(slots=True)
class Word:
    glyphs: list[Glyph]
    text: str
    #: True when every glyph is raised and smaller than the line (a superscript run).
    superscript: bool = False

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)


@dataclass(slots=True)
class Fragment:
    """Words of one line between two column-wide gaps."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def glyphs(self) -> list[Glyph]:
        return [g for w in self.words for g in w.glyphs]


@dataclass(slots=True)
class TextLine:
    """One physical line of a page: its fragments left to right."""

    fragments: list[Fragment]
    top: float
    #: Bottom of the line's main-size glyphs; stands in for the baseline.
    baseline: float
    #: The most common glyph size of the line.
    size: float

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


@dataclass(frozen=True, slots=True)
class OutLine:
    """A line as the extractor emits it (before it becomes an ``emg_parse.lines.Line``)."""

    text: str
    x: float
    bold: bool
    italic: bool
    size: float | None
    new_block: bool
    cell: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal ruling line (a table border): ``y`` from the page top."""

    y: float
    x0: float
    x1: float


# --- helpers -----------------------------------------------------------------------


def expand_ligatures(text: str) -> str:
    return text.translate(_LIGATURE_TABLE)


def is_list_label(text: str) -> bool:
    return bool(_LABEL_RE.match(text))


@functools.lru_cache(maxsize=256)
def _font_flags(font: str) -> tuple[bool, bool]:
    return bool(_BOLD_RE.search(font)), bool(_ITALIC_RE.search(font))


def style_of(glyphs: Sequence[Glyph]) -> tuple[bool, bool, float | None]:
    """``(bold, italic, size)``: bold/italic when most glyphs are; median size."""
    visible = [g for g in glyphs if not g.is_space] or list(glyphs)
    if not visible:
        return False, False, None
    flags = [_font_flags(g.font) for g in visible]
    bold = sum(1 for b, _ in flags if b) * 2 > len(visible)
    italic = sum(1 for _, i in flags if i) * 2 > len(visible)
    size = round(statistics.median(g.size for g in visible), 2)
    return bold, italic, size


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


# --- 1. fake bold ------------------------------------------------------------------


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
        tol = max(min(tolerance, 0.15 * g.size) if g.size > 0 else tolerance, 0.01)
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


# --- 2. lines, words, fragments ------------------------------------------------------


def group_rows(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into physical lines by vertical overlap.

    Glyphs are taken in order of their bottom edge; a glyph joins one of the last two
    lines when its box overlaps that line's core (the box of the line's largest
    glyphs) by at least half of the smaller height.  A raised superscript overlaps its
    line a lot and the next line not at all, so it stays where it belongs.
    """
    rows: list[list[Glyph]] = []
    cores: list[tuple[float, float, float]] = []  # (top, bottom, size) per row
    for g in sorted(glyphs, key=lambda g: g.bottom):
        height = max(g.bottom - g.top, 0.01)
        placed = False
        for idx in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            top, bottom, size = cores[idx]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap >= 0.5 * min(height, bottom - top):
                rows[idx].append(g)
                if g.size > size + 0.01:
                    cores[idx] = (g.top, g.bottom, g.size)
                placed = True
                break
        if not placed:
            rows.append([g])
            cores.append((g.top, g.bottom, g.size))
    return rows


def _main_size(glyphs: Sequence[Glyph]) -> float:
    counts: dict[float, int] = defaultdict(int)
    for g in glyphs:
        if not g.is_space:
            counts[round(g.size, 1)] += 1
    if not counts:
        return max((g.size for g in glyphs), default=0.0)
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def build_words(row: Sequence[Glyph]) -> tuple[list[Word], float, float]:
    """Words of one physical line, left to right; also ``(main size, baseline)``.

    A word ends at a whitespace glyph or at a gap wider than a fifth of the type size.
    A raised, smaller run right after a number is a superscript ordinal and is joined
    to it without a space ("26" + "th" -> "26th", also "28 th" -> "28th").
    """
    glyphs = sorted(row, key=lambda g: (g.x0, g.top))
    main = _main_size(glyphs)
    main_bottoms = [g.bottom for g in glyphs if not g.is_space and abs(g.size - main) < 0.06]
    baseline = statistics.median(main_bottoms) if main_bottoms else glyphs[-1].bottom

    def raised(g: Glyph) -> bool:
        return g.size <= 0.85 * main and g.bottom < baseline - 0.15 * main

    words: list[Word] = []
    current: list[Glyph] = []

    def flush() -> None:
        if current:
            text = expand_ligatures("".join(g.text for g in current))
            sup = all(raised(g) for g in current)
            words.append(Word(list(current), text, sup))
            current.clear()

    for g in glyphs:
        if g.is_space:
            flush()
            continue
        if current:
            prev = current[-1]
            gap = g.x0 - prev.x1
            if gap > 0.2 * min(prev.size, g.size):
                flush()
        current.append(g)
    flush()

    joined: list[Word] = []
    for w in words:
        if (
            joined
            and w.superscript
            and w.text.lower() in ORDINAL_SUFFIXES
            and joined[-1].text[-1:].isdigit()
            and not joined[-1].superscript
            and w.x0 - joined[-1].x1 <= 0.6 * main
        ):
            before = joined[-1]
            joined[-1] = Word(before.glyphs + w.glyphs, before.text + w.text, False)
        else:
            joined.append(w)
    return joined, main, baseline


def _char_width(words: Sequence[Word]) -> float:
    widths = [(g.x1 - g.x0) / max(len(g.text), 1) for w in words for g in w.glyphs if g.x1 > g.x0]
    return statistics.median(widths) if widths else 0.0


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
    limit = max(3.0 * _char_width(words), 1.2 * size)
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    if len(gaps) >= 3 and min(gaps) > limit and max(gaps) < 1.25 * min(gaps):
        return [Fragment(list(words))]  # a loosely justified line: all gaps alike
    cuts: list[int] = []
    for i, gap in enumerate(gaps):
        if gap <= limit:
            continue
        if i == 0 and (
            is_list_label(words[0].text)
            or words[0].superscript
            or (words[0].text.isdigit() and len(words[0].text) <= 3)
        ):
            continue  # "a)<tab>text", a footnote "1<tab>text", a note marker
        others = [g for j, g in enumerate(gaps) if j != i and g <= limit]
        if len(others) >= 2 and gap < 2.5 * statistics.median(others):
            continue
        cuts.append(i + 1)
    fragments: list[Fragment] = []
    start = 0
    for cut in [*cuts, len(words)]:
        fragments.append(Fragment(list(words[start:cut])))
        start = cut
    return fragments


def build_lines(glyphs: Iterable[Glyph]) -> list[TextLine]:
    """Physical lines of one page, top to bottom, each split into fragments."""
    lines: list[TextLine] = []
    for row in group_rows(glyphs):
        words, size, baseline = build_words(row)
        if not words:
            continue
        top = min(g.top for w in words for g in w.glyphs)
        lines.append(TextLine(split_fragments(words, size), top, baseline, size))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines


# --- 3. running headers, footers, page numbers -------------------------------------

_PAGE_NUMBER_RES = [
    re.compile(
        r"^(?:page|p\.|pg\.?|seite|página|pagina)\s*\d{1,4}"
        r"(?:\s*(?:of|/|de|sur|von)\s*\d{1,4})?$",
        re.I,
    ),
    re.compile(r"^\d{1,4}\s*(?:/|of)\s*\d{1,4}$", re.I),
    re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$"),
    re.compile(r"^\[?\(?\d{1,4}\)?\]?$"),
]


def is_page_number(text: str) -> bool:
    """True for "Page 2 of 4", "Page 2", "2/4", "- 2 -", "2" (and a few variants)."""
    t = " ".join(text.split())
    return any(r.match(t) for r in _PAGE_NUMBER_RES)


def running_key(text: str) -> str:
    """The text that must repeat: digits replaced by '#', whitespace collapsed."""
    return re.sub(r"\d", "#", " ".join(text.split()))


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


@dataclass(frozen=True, slots=True)
class MarginItem:
    """A piece of text in a page margin, as :func:`running_fragments` sees it."""

    page: int
    text: str
    top: float
    bottom: float
    page_height: float
    #: Opaque handle for the caller (e.g. ``(line index, fragment index)``).
    ref: tuple[int, ...] = field(default=())


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
    in_body: dict[str, int] = defaultdict(int)
    for idx, item in enumerate(items):
        zone = margin_zone(item.top, item.bottom, item.page_height, fraction)
        if zone is None:
            in_body[running_key(item.text)] += 1
            continue
        if is_page_number(item.text):
            drop.add(idx)
            continue
        # distance from the edge the text belongs to, so that pages of different
        # heights still line up
        y = item.top if zone == "top" else item.page_height - item.bottom
        groups[(zone, running_key(item.text))].append((y, idx))
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


# --- 4. page layout: column blocks, order, new_block ---------------------------------


def line_pitch(lines: Sequence[TextLine]) -> float:
    """Typical baseline-to-baseline distance of the page.

    The lower quartile of the distances between consecutive lines (so paragraph gaps,
    which are rarer than wrapped lines, do not count); with fewer than four distances
    the smallest one, but never more than 1.2 x the median type size.
    """
    sizes = [ln.size for ln in lines if ln.size > 0]
    default = 1.2 * statistics.median(sizes) if sizes else 12.0
    deltas = [
        b.baseline - a.baseline
        for a, b in itertools.pairwise(lines)
        if b.baseline - a.baseline >= 0.5 * min(a.size, b.size)
    ]
    if len(deltas) >= 4:
        return _quantile(deltas, 0.25)
    return min([*deltas, default])


@dataclass(slots=True)
class _Placed:
    """A fragment assigned to a column (and row) of a block."""

    column: int
    fragment: Fragment
    line: TextLine
    row: int = 0


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
    glyphs = [g for f in fragments for g in f.glyphs]
    bold, italic, size = style_of(glyphs)
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
