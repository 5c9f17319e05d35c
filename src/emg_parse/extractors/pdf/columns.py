"""Columns and reading order: one page's lines in the order they are read.

:func:`layout_page` orders the lines of one page, emits a two-column block column by
column (rows split at table borders, given as :class:`~.objects.Rule` s), and decides
``new_block``.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from emg_parse.extractors.pdf.lines import Fragment, TextLine, _weighted_median
from emg_parse.extractors.pdf.objects import Rule
from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.pdf.tables import Grid, take_cells
from emg_parse.extractors.pdf.words import Word


class OutLine(NamedTuple):
    """A line of a page as the layout emits it (before it becomes an
    :class:`emg_parse.lines.Line`; its number on the page is its place in the page's
    list, from 1)."""

    text: str
    #: its left edge, in points from the page's left edge, to 0.01 point
    x: float
    bold: bool
    italic: bool
    #: the median type size of its glyphs (None: no glyph)
    size: float | None
    #: it starts a block (see :func:`layout_page`)
    new_block: bool
    #: ``(column, row)`` of a column block's cell, None outside one
    cell: tuple[int, int] | None = None
    #: the ruled table of the page it is in (0, 1, ... top to bottom), None outside one
    table: int | None = None


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def line_pitch(lines: Sequence[TextLine], params: LayoutParams) -> float:
    """Typical baseline-to-baseline distance of the page.

    The lower quartile (``params.pitch_quantile``) of the distances between
    consecutive lines (so paragraph gaps, which are rarer than wrapped lines, do not
    count); with fewer than ``params.pitch_min_count`` distances the smallest one, but
    never more than ``params.pitch_of_size`` x the median type size.
    """
    sizes = [ln.size for ln in lines if ln.size > 0]
    default = (
        params.pitch_of_size * _weighted_median([(s, 1) for s in sizes])
        if sizes
        else params.pitch_default
    )
    deltas = [
        b.baseline - a.baseline
        for a, b in itertools.pairwise(lines)
        if b.baseline - a.baseline >= params.pitch_min_step * min(a.size, b.size)
    ]
    if len(deltas) >= params.pitch_min_count:
        return _quantile(deltas, params.pitch_quantile)
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

    def __init__(self, rules: Iterable[Rule], clearance: float) -> None:
        self.clearance = clearance
        self.rules = sorted(rules, key=lambda r: r.y)
        self.ys = [r.y for r in self.rules]

    def between(self, upper: TextLine, lower: TextLine, x0: float, x1: float) -> bool:
        """A rule spanning ``x0..x1`` lies below ``upper`` and above the middle of ``lower``.

        "Below" means below the bottom of the upper line's glyph boxes, which hold the
        descenders: an underline or a strike-through of the upper line is no rule.
        """
        if not self.ys:
            return False
        y_from = upper.baseline + self.clearance
        y_to = (lower.top + lower.baseline) / 2
        start = bisect.bisect_right(self.ys, y_from)
        end = bisect.bisect_left(self.ys, y_to)
        return any(r.x0 <= x0 and r.x1 >= x1 for r in self.rules[start:end])


def _fit_columns(
    line: TextLine, anchors: Sequence[float], params: LayoutParams
) -> list[_Placed] | None:
    """Assign the line's text to the block's columns, or None when it does not fit.

    Fragments are further cut at a word that starts at a column anchor, then each
    piece goes to the column whose band [anchor_k, anchor_k+1) holds its left edge;
    a piece may not reach into the next column, and two pieces may not share one.
    """
    tol = params.anchor_tolerance
    pieces: list[Fragment] = []
    for frag in line.fragments:
        current: list[Word] = []
        for w in frag.words:
            at_anchor = any(abs(w.x0 - a) <= tol for a in anchors[1:])
            if current and at_anchor and w.x0 - current[-1].x1 > params.anchor_gap * line.size:
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
        if col == 0 and piece.x0 > anchors[0] + params.centred_offset * line.size:
            return None  # e.g. a centred title under the block
        if col + 1 < len(anchors) and piece.x1 > anchors[col + 1] + tol:
            return None
        used.add(col)
        placed.append(_Placed(col, piece, line))
    return placed


def _out(fragment: Fragment, new_block: bool, cell: tuple[int, int] | None) -> OutLine:
    bold, italic, size = fragment.style
    return OutLine(fragment.text, round(fragment.x0, 2), bold, italic, size, new_block, cell)


def layout_page(
    lines: Sequence[TextLine],
    rules: Iterable[Rule],
    params: LayoutParams,
    *,
    first_page: bool,
    grids: Sequence[Grid] = (),
) -> list[OutLine]:
    """Emit one page's lines in reading order: the text of the ruled tables ``grids``
    (:mod:`.tables`) cell by cell, row by row, each cell's lines top to bottom with
    ``cell`` and ``table`` set, the first starting a block (and a line after its
    table too); the text above, between and below them as :func:`_layout_text` says.
    A page without ruled tables is laid out by :func:`_layout_text` alone.
    """
    if not grids:
        return _layout_text(lines, rules, params, first_page=first_page)
    rules = list(rules)
    ordered = sorted(lines, key=lambda ln: (ln.baseline, ln.x0))
    gap_limit = params.paragraph_gap * line_pitch(ordered, params) if ordered else 0.0
    rest, tables = take_cells(lines, grids)
    bands: list[list[TextLine]] = [[] for _ in range(len(grids) + 1)]
    tops = [g.top for g in grids]
    for line in rest:
        bands[bisect.bisect_right(tops, line.baseline)].append(line)
    out: list[OutLine] = []
    for k, band in enumerate(bands):
        part = _layout_text(band, rules, params, first_page=first_page and not out)
        if out and part:
            part[0] = part[0]._replace(new_block=True)
        out += part
        if k < len(tables):
            for cell, cell_lines in tables[k]:
                prev: float | None = None
                for line, fragment in cell_lines:
                    new_block = prev is None or line.baseline - prev > gap_limit
                    bold, italic, size = fragment.style
                    out.append(
                        OutLine(
                            fragment.text,
                            round(fragment.x0, 2),
                            bold,
                            italic,
                            size,
                            new_block,
                            (cell.column, cell.row),
                            k,
                        )
                    )
                    prev = line.baseline
    return out


def _layout_text(
    lines: Sequence[TextLine], rules: Iterable[Rule], params: LayoutParams, *, first_page: bool
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

    ``new_block`` is True for a line more than ``params.paragraph_gap`` x the page's
    line pitch below the line before it, for a line below a rule that spans it, for
    the first line of a table cell, and for the first line of the document
    (``first_page``); the first line of a later page gets False, since a paragraph may
    go on across the break.  Between those breaks, lines of one piece form a run, and
    a line of it whose first word would have fitted at the end of the line before it
    starts a block too: that line was not wrapped (a heading with its text right under
    it).  The run's right edge is the ``params.text_edge_quantile`` of its lines' right
    edges, so a narrow column has its own.

    Every word of ``lines`` is emitted once: no line is left out, so a page with
    lines emits at least one.
    """
    lines = sorted(lines, key=lambda ln: (ln.baseline, ln.x0))
    if not lines:
        return []
    gap_limit = params.paragraph_gap * line_pitch(lines, params)
    tol = params.anchor_tolerance
    ruled = _Rules(rules, params.rule_clearance)

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
        placed = _fit_columns(line, anchors, params) or [
            _Placed(k, f, line) for k, f in enumerate(line.fragments)
        ]
        # pull in unsplit lines right above that fit the columns
        head: list[_Placed] = []
        nxt = line
        while segments and segments[-1][0] == "line":
            prev = segments[-1][1][0]
            if nxt.baseline - prev.baseline > gap_limit or ruled.between(prev, nxt, *span):
                break
            fit = _fit_columns(prev, anchors, params)
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
            fit = _fit_columns(cand, anchors, params)
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
    run: list[int] = []  # where the lines of one piece since the last break are in out
    runs: list[list[int]] = [run]
    source: dict[int, TextLine] = {}
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
                    prev_line, line, line.x0 + tol, line.x0 + params.rule_span_share * width
                )
            if new_block:
                run = []
                runs.append(run)
            run.append(len(out))
            source[len(out)] = line
            out.append(_out(line.fragments[0], new_block, None))  # a line of one fragment
            prev_line = line
            continue
        run = []
        runs.append(run)
        out.extend(_emit_block(block, gap_limit, prev_line is not None, first_page))
        prev_line = max((p.line for p in block), key=lambda ln: ln.baseline)
    for members in runs:
        _mark_unwrapped(out, members, [source[k] for k in members], params)
    return out


def _mark_unwrapped(
    out: list[OutLine], members: list[int], lines: list[TextLine], params: LayoutParams
) -> None:
    """Start a block at each line of a run (``out[k]`` for ``k`` in ``members``, read
    from ``lines``) whose first word would have fitted at the end of the line before it."""
    if len(lines) < 2:
        return
    edge = _quantile([ln.x1 for ln in lines], params.text_edge_quantile)
    for k, before, line in zip(members[1:], lines, lines[1:], strict=False):
        word = line.fragments[0].words[0]
        if before.x1 + params.space_share * before.size + (word.x1 - word.x0) <= edge:
            out[k] = out[k]._replace(new_block=True)


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
            out.append(_out(p.fragment, new_block, (c, r)))
            prev = p.line.baseline
    return out
