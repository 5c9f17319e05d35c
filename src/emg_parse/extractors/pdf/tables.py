"""The tables layer: ruled tables found from the lines and rectangles a page draws.

pdfplumber's table finder, on the :class:`~.objects.Box` es both engines give (so that
both find the same tables):

1. **Edges.**  A box at most ``params.table_edge_width`` thick is an edge through its
   middle (horizontal when wider than high, vertical otherwise); a larger box gives its
   four sides (a cell drawn as a rectangle).
2. **Snap and join.**  Edges of one direction whose positions lie within
   ``params.table_snap`` of each other (the borders of neighbouring cells) are moved to
   their mean position; edges on one position that overlap or lie at most
   ``params.table_join`` apart become one.  Edges shorter than
   ``params.table_min_edge`` go.
3. **Intersections.**  A vertical and a horizontal edge that cross (within
   ``params.table_snap``) make an intersection.
4. **Cells.**  From each intersection, the nearest intersection below it on the same
   vertical edge and the nearest to its right on the same horizontal edge whose fourth
   corner is an intersection joined to both by edges make a cell.
5. **Tables.**  Cells that share corners make a table; a table needs two cells or
   more.  Its rows are the distinct tops of its cells, its columns their distinct left
   sides, top to bottom and left to right; a cell spanning several rows or columns is
   in the first of them.

:func:`take_cells` then gives each word whose centre lies in a cell to that cell.
Time: the number of edges times the number of edges, for the few rules a page draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from emg_parse.extractors.pdf.lines import Fragment, TextLine
from emg_parse.extractors.pdf.objects import Box
from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.pdf.words import Word


class Edge(NamedTuple):
    """A horizontal (``at`` = y) or vertical (``at`` = x) edge from ``start`` to ``end``."""

    at: float
    start: float
    end: float


class Cell(NamedTuple):
    """A cell of a table: its box, its column and its row."""

    x0: float
    top: float
    x1: float
    bottom: float
    column: int
    row: int


class Grid(NamedTuple):
    """A ruled table: its cells, row by row and left to right."""

    cells: list[Cell]
    top: float
    bottom: float


def _edges(boxes: Iterable[Box], params: LayoutParams) -> tuple[list[Edge], list[Edge]]:
    """Rule 1: horizontal and vertical edges."""
    across: list[Edge] = []
    down: list[Edge] = []
    thin = params.table_edge_width
    for x0, top, x1, bottom in boxes:
        width, height = x1 - x0, bottom - top
        if height <= thin and width > height:
            across.append(Edge((top + bottom) / 2, x0, x1))
        elif width <= thin and height > width:
            down.append(Edge((x0 + x1) / 2, top, bottom))
        elif width > thin and height > thin:
            across += (Edge(top, x0, x1), Edge(bottom, x0, x1))
            down += (Edge(x0, top, bottom), Edge(x1, top, bottom))
    return _snap_join(across, params), _snap_join(down, params)


def _snap_join(edges: list[Edge], params: LayoutParams) -> list[Edge]:
    """Rule 2 for the edges of one direction."""
    edges.sort()
    groups: list[list[Edge]] = []
    for edge in edges:
        if groups and edge.at - groups[-1][-1].at <= params.table_snap:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    joined: list[Edge] = []
    for group in groups:
        at = sum(e.at for e in group) / len(group)
        current: Edge | None = None
        for e in sorted(group, key=lambda e: e.start):
            if current is not None and e.start <= current.end + params.table_join:
                current = Edge(at, current.start, max(current.end, e.end))
                continue
            if current is not None:
                joined.append(current)
            current = Edge(at, e.start, e.end)
        if current is not None:
            joined.append(current)
    return [e for e in joined if e.end - e.start >= params.table_min_edge]


def find_grids(boxes: Iterable[Box], params: LayoutParams) -> list[Grid]:
    """The ruled tables of a page (module docstring), top to bottom."""
    across, down = _edges(boxes, params)
    tol = params.table_snap
    # rule 3: point -> (its horizontal edges, its vertical edges)
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, v in enumerate(down):
        for hi, h in enumerate(across):
            if h.start - tol <= v.at <= h.end + tol and v.start - tol <= h.at <= v.end + tol:
                hs, vs = points.setdefault((v.at, h.at), (set(), set()))
                hs.add(hi)
                vs.add(vi)
    cells = _cells(points)
    return _tables(cells)


def _cells(
    points: dict[tuple[float, float], tuple[set[int], set[int]]],
) -> list[tuple[float, float, float, float]]:
    """Rule 4."""
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(points):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for ys in by_y.values():
        ys.sort()
    found: list[tuple[float, float, float, float]] = []
    for (x, y), (hs, vs) in sorted(points.items(), key=lambda item: (item[0][1], item[0][0])):
        cell = None
        for below in (b for b in by_x[x] if b > y):
            if not vs & points[(x, below)][1]:
                break
            for right in (r for r in by_y[y] if r > x):
                if not hs & points[(right, y)][0]:
                    break
                corner = points.get((right, below))
                if (
                    corner is not None
                    and corner[1] & points[(right, y)][1]
                    and corner[0] & points[(x, below)][0]
                ):
                    cell = (x, y, right, below)
                    break
            if cell is not None:
                break
        if cell is not None:
            found.append(cell)
    return found


def _tables(cells: list[tuple[float, float, float, float]]) -> list[Grid]:
    """Rule 5."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            j = owner.setdefault(corner, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    grids: list[Grid] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        tops = sorted({c[1] for c in members})
        lefts = sorted({c[0] for c in members})
        placed = sorted(
            (Cell(x0, top, x1, bottom, lefts.index(x0), tops.index(top)))
            for x0, top, x1, bottom in members
        )
        placed.sort(key=lambda c: (c.row, c.column))
        grids.append(Grid(placed, tops[0], max(c[3] for c in members)))
    grids.sort(key=lambda g: g.top)
    return grids


class CellLines(NamedTuple):
    """The lines of text of one cell: each a fragment of the words of one page line."""

    cell: Cell
    lines: list[tuple[TextLine, Fragment]]


def take_cells(
    lines: Sequence[TextLine], grids: Sequence[Grid]
) -> tuple[list[TextLine], list[list[CellLines]]]:
    """The lines without the words that lie in the cells of ``grids``, and those words:
    for each grid, for each of its cells with text, its lines top to bottom."""
    taken: list[dict[Cell, list[tuple[TextLine, Fragment]]]] = [{} for _ in grids]
    rest: list[TextLine] = []
    for line in lines:
        kept: list[Fragment] = []
        for fragment in line.fragments:
            left: list[Word] = []
            by_cell: dict[tuple[int, Cell], list[Word]] = {}
            for word in fragment.words:
                found = _cell_of(word, grids)
                if found is None:
                    left.append(word)
                else:
                    by_cell.setdefault(found, []).append(word)
            if left:
                kept.append(fragment if len(left) == len(fragment.words) else Fragment(left))
            for (g, cell), words in by_cell.items():
                cell_lines = taken[g].setdefault(cell, [])
                if cell_lines and cell_lines[-1][0] is line:  # two fragments, one cell
                    words = cell_lines[-1][1].words + words
                    cell_lines[-1] = (line, Fragment(words))
                else:
                    cell_lines.append((line, Fragment(words)))
        if len(kept) == len(line.fragments):
            rest.append(line)
        elif kept:
            rest.append(TextLine(kept, line.top, line.baseline, line.size))
    out = [
        [CellLines(cell, cells[cell]) for cell in grid.cells if cell in cells]
        for grid, cells in zip(grids, taken, strict=True)
    ]
    return rest, out


def _cell_of(word: Word, grids: Sequence[Grid]) -> tuple[int, Cell] | None:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    for g, grid in enumerate(grids):
        if grid.top <= y <= grid.bottom:
            for cell in grid.cells:
                if cell.x0 <= x <= cell.x1 and cell.top <= y <= cell.bottom:
                    return g, cell
    return None
