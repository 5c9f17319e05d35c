"""Tables of action points: which tables hold them, and what each row says.

A table is what an extractor read as one (``Block.table``, with ``Block.cell`` the
cell's column and row: a Word table, a Markdown or tab-separated table in text, a
ruled table in a PDF).  Rules, in the order they are applied (:func:`read_tables`):

1. **Header row.**  A table's first row names its columns.  The table holds action
   points when one of its cells is the heading of an action column: a cell of at most
   :data:`MAX_HEADING` characters with a word of
   :data:`~emg_parse.patterns.ACTION_COLUMN` ("Action points", "Actions", "Decisions",
   "Recommended actions", "Action required") and none of
   :data:`~emg_parse.patterns.ATTRIBUTE_COLUMN` ("Action by", "Lead", "Status").  The
   first such cell is the action column.  Any other table (a list of participants, an
   agenda "Time | Item | Speaker", the two columns of a title page) is no concern of
   this module: its blocks stay as they are.
2. **Continued table.**  A table without such a header row that follows an
   action-point table at once (nothing between them) and has no more columns is its
   continuation on the next page: it has the same columns and no header row.
3. **Columns.**  The columns before the action column whose heading names an agenda
   item (:data:`~emg_parse.patterns.AGENDA_COLUMN`: "Agenda item", "Item", "No.",
   "Topic") give each row its section; every other column is an attribute, keyed by
   its heading in snake_case (:func:`snake_case`: "Lead" -> ``lead``, "Responsible
   entity" -> ``responsible_entity``; ``column_3`` for a column without heading).
4. **Rows.**  Each row after the header row gives:

   a. its section, from the text of its agenda cells (several cells, or several
      paragraphs of one cell, joined by a space) read by
      :data:`~emg_parse.patterns.ROW_HEADING`: "3. Biodiversity", "3" + "Biodiversity",
      "Agenda item 3: Biodiversity" -> number "3", title "Biodiversity"; a number
      alone ("3.") is number and title as printed.  A row whose
      agenda cells are empty (a cell merged over several rows, printed once) goes on
      with the section of the row above;
   b. the blocks of its action cell, to be read by the rules of body text
      (:mod:`emg_parse.paragraphs`).  When none of them starts with a label, the cell
      is one entry: its paragraphs and lines are joined by a space into one block (a
      sentence that runs over several lines of a narrow cell is one decision); a
      labelled list ("(a) ...", "(b) ...") stays a block per label;
   c. its attributes: the text of each other cell that is not empty, its paragraphs
      and lines joined by a space (the cell text as printed, white space collapsed:
      "ITU, UNEP and" + "the EMG Secretariat" -> "ITU, UNEP and the EMG Secretariat").

Each block is looked at a constant number of times: linear time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from emg_parse.labels import split_label
from emg_parse.lines import Block
from emg_parse.patterns import ACTION_COLUMN, AGENDA_COLUMN, ATTRIBUTE_COLUMN, ROW_HEADING

#: The heading of an action column is at most this long (rule 1).
MAX_HEADING = 60

_NOT_WORD = re.compile(r"\W+")

#: A row of a table: (table, row).
RowKey = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Columns:
    """What the columns of an action-point table hold (rule 3)."""

    agenda: tuple[int, ...]
    action: int
    #: attribute columns: column -> key
    keys: Mapping[int, str]
    #: how many columns the header row has
    width: int


@dataclass(slots=True)
class Row:
    """One row of an action-point table (rule 4)."""

    key: RowKey
    #: the section it starts (number or None, title); None when it goes on with the
    #: section above
    heading: tuple[str | None, str] | None
    #: the first block of its agenda cells, where the section starts
    heading_block: Block | None
    actions: list[Block]
    attributes: dict[str, str]


@dataclass(slots=True)
class Table:
    """An action-point table: its blocks are ``blocks[start:end]``."""

    start: int
    end: int
    columns: Columns
    rows: list[Row] = field(default_factory=list)

    @property
    def agenda(self) -> bool:
        """Do its rows start sections?"""
        return bool(self.columns.agenda)


def snake_case(heading: str) -> str:
    """A column heading as an attribute key: lower case, words joined by ``_``."""
    return _NOT_WORD.sub("_", heading.casefold()).strip("_")


def columns_of(header: Mapping[int, str]) -> Columns | None:
    """Rules 1 and 3 for a header row (column -> its text); None when it names no
    action column."""
    if len(header) < 2:
        return None
    action = next(
        (
            column
            for column, text in sorted(header.items())
            if len(text) <= MAX_HEADING
            and ACTION_COLUMN.search(text) is not None
            and ATTRIBUTE_COLUMN.search(text) is None
        ),
        None,
    )
    if action is None:
        return None
    agenda = tuple(
        c for c, text in sorted(header.items()) if c < action and AGENDA_COLUMN.match(text)
    )
    keys: dict[int, str] = {}
    for column in range(max(header) + 1):
        if column == action or column in agenda:
            continue
        key = snake_case(header.get(column, "")) or f"column_{column + 1}"
        if key in keys.values():
            key = f"{key}_{column + 1}"
        keys[column] = key
    return Columns(agenda, action, keys, max(header) + 1)


def read_tables(blocks: Sequence[Block]) -> list[Table]:
    """The action-point tables among ``blocks``, in order (module docstring)."""
    tables: list[Table] = []
    start = 0
    while start < len(blocks):
        identity = blocks[start].table
        end = start + 1
        while end < len(blocks) and identity is not None and blocks[end].table == identity:
            end += 1
        if identity is not None:
            table = _table(blocks, start, end, tables[-1] if tables else None)
            if table is not None:
                tables.append(table)
        start = end
    return tables


def _cells(blocks: Sequence[Block]) -> dict[int, dict[int, list[Block]]]:
    """row -> column -> blocks, rows and columns in order of appearance."""
    rows: dict[int, dict[int, list[Block]]] = {}
    for block in blocks:
        column, row = block.cell if block.cell is not None else (0, 0)
        rows.setdefault(row, {}).setdefault(column, []).append(block)
    return rows


def _text(blocks: Sequence[Block]) -> str:
    return " ".join(b.text for b in blocks)


def _table(blocks: Sequence[Block], start: int, end: int, before: Table | None) -> Table | None:
    """Rules 1-4 for the table of ``blocks[start:end]``; ``before`` is the action-point
    table before it, if any."""
    rows = _cells(blocks[start:end])
    first = min(rows)
    header = {column: _text(cell) for column, cell in rows[first].items()}
    columns = columns_of(header)
    if columns is None:
        width = max(max(r) for r in rows.values()) + 1
        if before is None or before.end != start or width > before.columns.width:
            return None
        columns = before.columns  # rule 2: no header row
    else:
        del rows[first]
    table = Table(start, end, columns)
    for number, cells in rows.items():
        agenda = [b for column in columns.agenda for b in cells.get(column, [])]
        heading = None
        if agenda:
            m = ROW_HEADING.match(_text(agenda))
            assert m is not None  # the pattern matches any text
            printed = (m["number"] or "").rstrip(".") or None
            # a cell with its number alone ("3.") is its own title, as printed
            heading = (printed, m["title"].strip() or _text(agenda))
        key = (blocks[start].table or 0, number)
        attributes = {
            name: _text(cells[column]) for column, name in columns.keys.items() if column in cells
        }
        actions = _one_entry(cells.get(columns.action, []))
        table.rows.append(Row(key, heading, agenda[0] if agenda else None, actions, attributes))
    return table


def _one_entry(blocks: list[Block]) -> list[Block]:
    """Rule 4b: the blocks of an action cell, as one block when none is labelled."""
    if len(blocks) < 2 or any(split_label(b.text) is not None for b in blocks):
        return blocks
    return [replace(blocks[0], text=_text(blocks), lines=sum(b.lines for b in blocks))]


@dataclass(slots=True)
class Flat:
    """The blocks as the segmenter reads them once the action-point tables are read:
    each table is replaced by, row after row, the block where the row's section starts
    (when it starts one) and the blocks of its action cell; its header row and other
    cells are gone into the rows' attributes."""

    blocks: list[Block]
    #: index in ``blocks`` -> the section a row starts there (number, title)
    headings: dict[int, tuple[str | None, str]]
    #: for each block, the table row it comes from (None outside the tables)
    rows: list[RowKey | None]
    #: each row's attributes
    attributes: dict[RowKey, dict[str, str]]


def flatten(blocks: Sequence[Block], tables: Sequence[Table]) -> Flat:
    """The blocks with each of ``tables`` (from :func:`read_tables`) read into rows."""
    flat = Flat([], {}, [], {})
    at = 0
    for table in tables:
        flat.blocks += blocks[at : table.start]
        flat.rows += [None] * (table.start - at)
        for row in table.rows:
            if row.heading is not None and row.heading_block is not None:
                number, title = row.heading
                text = f"{number} {title}" if number is not None else title
                flat.headings[len(flat.blocks)] = row.heading
                flat.blocks.append(replace(row.heading_block, text=text.strip()))
                flat.rows.append(row.key)
            flat.blocks += row.actions
            flat.rows += [row.key] * len(row.actions)
            flat.attributes[row.key] = row.attributes
        at = table.end
    flat.blocks += blocks[at:]
    flat.rows += [None] * (len(blocks) - at)
    return flat
