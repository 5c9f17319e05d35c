"""Fake bold: the same glyph drawn twice a fraction of a point apart.

:func:`dedupe_page` drops the doubles; :func:`dedupe_glyphs` is the reference, run
only on a page where :func:`may_have_doubles` finds a candidate.  Linear in the
number of glyphs (pdfplumber's own ``dedupe_chars`` is quadratic, through
``sorted(..., key=chars.index)``).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import repeat
from operator import le, sub

from emg_parse.extractors.pdf.objects import Glyph, PageGlyphs, Span
from emg_parse.extractors.pdf.params import LayoutParams


def _tolerance(size: float, params: LayoutParams) -> float:
    """The distance within which two glyphs of this size are one drawn twice."""
    tolerance = params.dedupe_tolerance
    if size > 0:
        tolerance = min(tolerance, params.dedupe_size_share * size)
    return max(tolerance, params.dedupe_min_tolerance)


def dedupe_glyphs(glyphs: Sequence[Glyph], params: LayoutParams) -> list[Glyph]:
    """Drop a glyph that repeats an earlier one (same text, font and size) within
    ``params.dedupe_tolerance`` points in both x and y -- the doubled glyphs of fake bold.

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
        tol = _tolerance(g.size, params)
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


def may_have_doubles(page: PageGlyphs, params: LayoutParams) -> bool:
    """False only when :func:`dedupe_glyphs` would drop nothing from the page.

    Two glyphs that :func:`dedupe_glyphs` calls doubles start within the tolerance
    (``params.dedupe_tolerance`` at most) of each other on the same line.  In one span,
    that means x0 does not advance by more than that somewhere between them; across
    spans (same font and size, tops that close), the glyphs near the spans' common x
    range are compared.  Either finding sends the page through the reference implementation.
    """
    limit = params.dedupe_tolerance
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
            tol = _tolerance(a.size, params)
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


def dedupe_page(page: PageGlyphs, params: LayoutParams) -> PageGlyphs:
    """The page without fake-bold doubles (see :func:`dedupe_glyphs`)."""
    if not may_have_doubles(page, params):
        return page
    return PageGlyphs.from_glyphs(dedupe_glyphs(page.glyphs(), params))
