"""The PDF tables layer: ruled tables from drawn lines and rectangles, read cell by
cell, row by row, the same with both engines."""

from __future__ import annotations

import pytest

from emg_parse.extractors import ReadOptions
from emg_parse.extractors.pdf.objects import Box
from emg_parse.extractors.pdf.params import DEFAULT_PARAMS
from emg_parse.extractors.pdf.tables import find_grids
from emg_parse.lines import Line
from emg_parse.pipeline import blocks_of

from .conftest import SAMPLES


def _lines_grid(xs: list[float], ys: list[float]) -> list[Box]:
    """Thin boxes drawing the lines of a grid: horizontal at ``ys``, vertical at ``xs``."""
    return [Box(xs[0], y - 0.25, xs[-1], y + 0.25) for y in ys] + [
        Box(x - 0.25, ys[0], x + 0.25, ys[-1]) for x in xs
    ]


def test_a_grid_of_drawn_lines() -> None:
    (grid,) = find_grids(_lines_grid([50, 150, 400], [100, 120, 180, 240]), DEFAULT_PARAMS)
    assert [(c.column, c.row) for c in grid.cells] == [
        (0, 0),
        (1, 0),
        (0, 1),
        (1, 1),
        (0, 2),
        (1, 2),
    ]
    assert (grid.top, grid.bottom) == (100, 240)


def test_cells_drawn_as_rectangles_snap_together() -> None:
    boxes = [
        Box(50, 100, 150, 120),
        Box(150.5, 100, 400, 120),
        Box(50, 120, 150, 180),
        Box(150, 120.4, 400, 180),
    ]
    (grid,) = find_grids(boxes, DEFAULT_PARAMS)
    assert [(c.column, c.row) for c in grid.cells] == [(0, 0), (1, 0), (0, 1), (1, 1)]


def test_a_cell_spanning_two_rows_is_in_the_first() -> None:
    boxes = _lines_grid([50, 150, 400], [100, 120])
    boxes += [Box(50, 239.75, 400, 240.25), Box(150, 179.75, 400, 180.25)]
    boxes += [Box(x - 0.25, 120, x + 0.25, 240) for x in (50, 150, 400)]
    (grid,) = find_grids(boxes, DEFAULT_PARAMS)
    assert [(c.column, c.row) for c in grid.cells] == [(0, 0), (1, 0), (0, 1), (1, 1), (1, 2)]
    assert grid.cells[2].bottom == 240


def test_one_rule_or_one_frame_is_no_table() -> None:
    assert find_grids([Box(50, 100, 400, 100.5)], DEFAULT_PARAMS) == []
    assert find_grids([Box(50, 100, 400, 300)], DEFAULT_PARAMS) == []


@pytest.mark.parametrize("name", ["SOM24_table.pdf", "SOM29_table.pdf"])
def test_both_engines_read_a_ruled_table_cell_by_cell(name: str) -> None:
    path = SAMPLES / "layouts" / name
    pdfium, _ = blocks_of(path, ReadOptions(engine="pdfium"))
    plumber, _ = blocks_of(path, ReadOptions(engine="pdfplumber"))

    def read(lines: list[Line]) -> list[tuple[object, ...]]:
        return [(ln.text, ln.new_block, ln.cell, ln.table) for ln in lines]

    assert read(pdfium.lines) == read(plumber.lines)
    cells = [(line.table, line.cell) for line in pdfium.lines if line.table is not None]
    assert cells, "the table is read as one"
    # cell by cell, row by row: the (row, column) of the lines never go back
    order = [(table, cell[1], cell[0]) for table, cell in cells if cell is not None]
    assert order == sorted(order)
    assert {cell for _, cell in cells if cell is not None} >= {(0, 0), (1, 0), (2, 0), (3, 0)}
