"""Text and Markdown extractor.

Reads UTF-8 (with or without BOM), UTF-16 with BOM, and falls back to cp1252 and
then latin-1 (noted in the output's warnings).  Understands what outcome documents
saved as text look like:

* Markdown: ``#`` headings (-> ``Style.heading_level``), ``**bold**``/``*italic*``
  wrapping a whole line (-> style flags), ``- `` / ``* `` bullets (removed), ``---``
  rules and table separator rows (dropped, and the next line starts a new block),
  backslash escapes, and inline HTML such as ``<b>`` and ``<sup>`` (tags removed).
* Table rows: cells separated by tabs or ``|`` become separate lines with
  ``Line.cell`` set; inside a cell, a run of two or more spaces separates lines.
  Two or more table rows in a row (a Markdown separator row ``|---|`` between them
  belongs to the table) are a table: their lines have ``Line.table`` set too, and
  their columns are counted as printed (:func:`_table_row`).
* Plain text saved from a PDF: lines not separated by a blank line have
  ``new_block=False`` so the clean-up stage can join wrapped lines -- unless a line is
  so short that the next line's first word would have fitted on it
  (:data:`SHORT_LINE`): then the line ended where its writer ended it (a heading, or
  text saved one paragraph a line), and the next line starts a block; running
  headers/footers and page numbers are dropped (:func:`drop_running_lines`); the
  columns of ``pdftotext -layout`` output are read one after the other
  (:func:`layout_cells`).

Time is linear in the length of the text, however hostile: no pattern can backtrack
over a line more than once (possessive quantifiers where a pattern could cut white
space into cells in many ways; emphasis and table cells are found by scanning, not
by patterns that search the rest of the line again from every mark).  A text of
more lines or characters than :class:`~emg_parse.lines.LineBudget` allows is
refused before its lines are made.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from emg_parse.errors import EmgParseError, InputError, NoTextError
from emg_parse.extractors import Done, Reading, ReadOptions
from emg_parse.extractors.running import Placed, Zone, running_texts
from emg_parse.labels import split_label
from emg_parse.lines import Extraction, Line, LineBudget, Provenance, Style
from emg_parse.notices import WarningCode
from emg_parse.patterns import HEADING_NUMBER, PAGE_OF, SECTION_NUMBER

#: A horizontal rule (``---``, ``* * *``, ``___``) or a Markdown table separator row
#: (``| --- | :---: |``, ``---<tab>---``).  Every quantifier is possessive: on a line
#: that is nearly a rule (``---<tab><tab>`` repeated, then a letter) a backtracking
#: pattern would try every way of cutting the white space into cells.
_RULE = re.compile(
    r"""^\s*+(?:[-*_]\s*+){3,}+$
    | ^\s*+(?:\|\s*+)?+                             # leading space, at most one pipe
      :?+-{3,}+:?+                                   # a cell: ---, :---, ---:, :---:
      (?>(?>\s*+\|\s*+|[^\S\t]*+\t\s*+):?+-{3,}+:?+)*+  # more cells after a pipe or a tab
      \s*+(?:\|\s*+)?+$                              # trailing space, at most one pipe""",
    re.VERBOSE,
)
#: The opening hashes of a Markdown heading; the title is what follows, without a
#: closing run of hashes (:func:`_line_style`).
_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+\\?\.(?=\s+[a-zA-Z(]+[.)]\s))\s+")
_BOLD_ALL = re.compile(r"^(?:\*\*|__|<b>|<strong>)(?P<text>.*)(?:\*\*|__|</b>|</strong>)$", re.I)
_ITALIC_ALL = re.compile(r"^(?:\*|_|<i>|<em>)(?P<text>.*?)(?:\*|_|</i>|</em>)$", re.I)
#: Where ``**strong**`` / ``__strong__`` may open (before a non-space) and close
#: (after one), and where ``*emphasis*`` may: not inside a word or a run of stars.
_STRONG_OPEN = re.compile(r"(?=(\*\*|__)\S)")
_STRONG_CLOSE = re.compile(r"(?<=\S)(?=(\*\*|__))")
_EMPHASIS_OPEN = re.compile(r"(?<![\w*])\*(?=\S)")
_EMPHASIS_CLOSE = re.compile(r"(?<=\S)\*(?![\w*])")
#: An inline HTML tag; only text up to the last ``>`` can hold one (:func:`_strip_tags`).
_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|br|p)\b[^>]*>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_ESCAPED = re.compile("[\U000f0000-\U000f007f]")
#: Inside a table cell, a run of spaces or an HTML line break separates lines.
_CELL_GAP = re.compile(r" {2,}|<br\s*/?>", re.I)
#: A line that, with a space and the next line's first word, is at most this share of
#: the width of its paragraph (in characters, without indents: the length that a
#: quarter of its lines reach, so that one overlong line does not set it) was not
#: wrapped.  Not 1: type set in proportional fonts gives wrapped lines of unequal
#: lengths.
SHORT_LINE = 0.7
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SEGMENT = re.compile(r"\S+(?: {1,4}\S+)*")
_SPACES = re.compile(r"\s*")
_TABS = re.compile(r"\t+")
_CELL_TEXT = re.compile(r"[^\s|]+")

_ENCODINGS = ("utf-8", "cp1252", "latin-1")


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; never raises for a byte string without NULs."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, "not readable text (broken UTF-16)") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not readable text")  # pragma: no cover - latin-1 decodes all


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes (except in UTF-16 with a BOM) and few control characters."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(head) // 100)


def _strip_inline(text: str) -> str:
    r"""``text`` without Markdown emphasis, inline HTML tags, escapes and entities.

    Emphasis is removed as ``re.sub`` would remove it with the patterns
    ``(\*\*|__)(?=\S)(.+?)(?<=\S)\1`` and then
    ``(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])``, but in linear time: those
    patterns search the rest of the line again from every opening mark.
    """
    # Escaped characters are set aside (as private-use code points) so that an
    # escaped "\*" is never read as emphasis, then put back.
    text = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    if "**" in text or "__" in text:
        text = _unwrap(text, _STRONG_OPEN, _STRONG_CLOSE, 2)
    if "*" in text:
        text = _unwrap(text, _EMPHASIS_OPEN, _EMPHASIS_CLOSE, 1)
    if "<" in text:
        text = _strip_tags(text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), text)
    return html.unescape(text)


def _unwrap(text: str, opening: re.Pattern[str], closing: re.Pattern[str], width: int) -> str:
    """Replace each span from an ``opening`` mark of ``width`` characters to the first
    ``closing`` mark of the same characters at least one character later (on the same
    line) by what lies between them, leftmost first, spans never overlapping.

    Each pattern matches an empty string or the mark itself where a mark may open or
    close; every mark is looked at once and each opening one finds its closing one by
    bisection, so the work is linear (times a logarithm) in the length of ``text``.
    """
    closers: dict[str, list[int]] = {}
    for m in closing.finditer(text):
        closers.setdefault(text[m.start() : m.start() + width], []).append(m.start())
    if not closers:
        return text
    newlines = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
    out: list[str] = []
    done = 0  # text before this has been copied or replaced
    for m in opening.finditer(text):
        start = m.start()
        if start < done:
            continue
        mark = text[start : start + width]
        candidates = closers.get(mark)
        if candidates is None:
            continue
        k = bisect.bisect_left(candidates, start + width + 1)
        if k == len(candidates):
            continue
        end = candidates[k]
        if newlines:
            n = bisect.bisect_left(newlines, start)
            if n < len(newlines) and newlines[n] < end:
                continue
        out += (text[done:start], text[start + width : end])
        done = end + width
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _strip_tags(text: str) -> str:
    """``text`` without inline HTML tags.  A tag ends at the first ``>`` after it, so
    none starts after the last one: the text after it is not searched (``_TAG`` would
    look for a ``>`` to the end of the line from every ``<b`` there)."""
    end = text.rfind(">") + 1
    return _TAG.sub("", text[:end]) + text[end:]


def _split_cells(row: str) -> list[str]:
    r"""``re.split(r"\t+|\s*\|\s*", row)`` in linear time.

    A run of tabs separates cells, and so does a pipe with the white space around it;
    that pattern would scan a long run of spaces without a pipe once from each of its
    characters.
    """
    pieces: list[str] = []
    start = at = 0
    size = len(row)
    while at < size:
        ch = row[at]
        if ch == "\t":
            pieces.append(row[start:at])
            start = at = _end(_TABS, row, at)
        elif ch == "|" or ch.isspace():
            run_end = _end(_SPACES, row, at)
            if run_end < size and row[run_end] == "|":
                pieces.append(row[start:at])
                start = at = _end(_SPACES, row, run_end + 1)
                continue
            # white space not ending at a pipe: only its tabs separate cells
            for m in _TABS.finditer(row, at, run_end):
                pieces.append(row[start : m.start()])
                start = m.end()
            at = run_end
        else:
            at = _end(_CELL_TEXT, row, at)
    pieces.append(row[start:])
    return pieces


def _end(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where ``pattern`` matching at ``at`` ends (``at`` when it does not match)."""
    m = pattern.match(text, at)
    return at if m is None else m.end()


def _line_style(text: str) -> tuple[str, Style]:
    """Strip heading markers and whole-line emphasis, returning the text and its style."""
    level = None
    if m := _HEADING.match(text):
        # the title, without the closing hashes and the white space around them
        level, text = len(m["hashes"]), text[m.end() :].rstrip().rstrip("#").rstrip()
    bold = italic = False
    for _ in range(3):  # "***x***", "*<b>x</b>*"
        text = text.strip()
        if m := _BOLD_ALL.match(text):
            bold, text = True, m["text"]
        elif (m := _ITALIC_ALL.match(text)) and m["text"].strip():
            italic, text = True, m["text"]
        else:
            break
    return text, Style(bold=bold, italic=italic, heading_level=level)


@dataclass(frozen=True, slots=True)
class _Row:
    """A physical line: its number in the file, the page it is on, its text."""

    number: int
    page: int
    text: str


def _rows(text: str) -> list[_Row]:
    """Lines numbered as ``grep -n`` does; a form feed starts a new page."""
    rows: list[_Row] = []
    page = 1
    for number, raw in enumerate(_NEWLINE.split(text), start=1):
        if raw.startswith("\f"):
            page += len(raw) - len(raw.lstrip("\f"))
        rows.append(_Row(number, page, raw.replace("\f", "")))
        page += raw.lstrip("\f").count("\f")
    return rows


#: The lines of a page that may be running text: this many from its top, and from its
#: bottom (its margins, for :mod:`~emg_parse.extractors.running`).
MARGIN_LINES = 3


def drop_running_lines(rows: list[_Row]) -> list[_Row]:
    """Remove running headers/footers and page numbers of text saved from a PDF.

    Pages are separated by form feeds.  The rule is
    :func:`~emg_parse.extractors.running.running_texts`'s: the first and last
    :data:`MARGIN_LINES` non-blank lines of a page are its top and bottom margins
    (a line among both is in the top one), and a line's position is its rank from
    that edge, so a running line recurs at exactly the same place (the n-th line
    from the top or bottom).  A line that is exactly ``Page N of M`` is dropped
    wherever it is.
    """
    pages: dict[int, list[_Row]] = {}
    for row in rows:
        if row.text.strip():
            pages.setdefault(row.page, []).append(row)
    placed: list[Placed] = []
    numbers: list[int] = []  # the row of each placed text
    for page, page_rows in pages.items():
        edge: dict[int, tuple[Zone, int]] = {}
        for i, r in enumerate(page_rows[:MARGIN_LINES]):
            edge[r.number] = ("top", i)
        for i, r in enumerate(reversed(page_rows[-MARGIN_LINES:])):
            edge.setdefault(r.number, ("bottom", i))
        for r in page_rows:
            zone, position = edge.get(r.number, (None, 0))
            placed.append(Placed(page, zone, position, r.text))
            numbers.append(r.number)
    dropped = {numbers[i] for i in running_texts(placed, len(pages), tolerance=0)}
    return [
        row for row in rows if row.number not in dropped and not PAGE_OF.match(row.text.strip())
    ]


def layout_cells(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Split the lines of one paragraph of ``pdftotext -layout`` output into columns.

    Returns, for each line, its ``(column, text)`` pieces.  Text separated by five
    or more spaces is a separate column when at least two lines break at the same
    place (within two characters) or one gap is ten spaces or wider; a list label or
    section number before a gap stays with its text ("a)     Consider").
    """
    pieces = [_segments(line) for line in lines]
    starts = [seg[1][0] for seg in pieces if len(seg) > 1]
    wide = any(seg[1][0] - (seg[0][0] + len(seg[0][1])) >= 10 for seg in pieces if len(seg) > 1)
    # two starts within two characters are neighbours once sorted
    aligned = any(b - a <= 2 for a, b in itertools.pairwise(sorted(starts)))
    if not starts or not (wide or aligned):
        return [[(0, " ".join(text for _, text in seg))] for seg in pieces]
    boundary = min(starts) - 2
    return [[(int(offset >= boundary), text) for offset, text in seg] for seg in pieces]


def _segments(line: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line)]
    if len(found) > 1:
        head = found[0][1]
        split = split_label(head)
        if (split is not None and not split[1]) or SECTION_NUMBER.match(head):
            found[:2] = [(found[0][0], f"{head} {found[1][1]}")]
    return found


def lines_from_text(text: str, path: Path | None = None) -> list[Line]:
    """Split decoded text into :class:`Line` objects (see the module docstring).

    Raises :class:`~emg_parse.errors.TooLargeError` (for ``path``) for a text of
    more lines or characters than :class:`~emg_parse.lines.LineBudget` allows;
    every pattern and step is linear in the length of the text.
    """
    budget = LineBudget(path)
    budget.expect(text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
    lines: list[Line] = []
    new_block = True
    table_row = 0
    tables = 0  # the next table's identity
    rows = drop_running_lines(_rows(text))
    i = 0
    while i < len(rows):
        raw = rows[i].text
        if not raw.strip() or _RULE.match(raw):
            new_block = True
            i += 1
            continue
        if _is_table_row(raw):
            end, data = _table_end(rows, i)
            table = None
            if data >= 2:  # rule: a table has two rows at least
                table, tables = tables, tables + 1
            for k in range(i, end):
                if not _RULE.match(rows[k].text):
                    body = _BULLET.sub("", rows[k].text, count=1)
                    lines.extend(_table_row(body, rows[k], table_row, table, budget))
                    table_row += 1
            new_block = True
            i = end
            continue
        # A paragraph: the lines up to the next blank line, rule or table row.
        j = i
        while j < len(rows) and rows[j].text.strip() and not _RULE.match(rows[j].text):
            if "\t" in rows[j].text.strip() or "|" in rows[j].text:
                break
            j += 1
        # A line with a tab or a pipe that is no table row ("IV.<tab>Title", as Word
        # saves a paragraph) is a paragraph of its own.
        alone = j == i
        new_block = new_block or alone
        paragraph = rows[i:j] if j > i else rows[i : i + 1]
        texts = [_BULLET.sub("", r.text, count=1) for r in paragraph]
        cells = layout_cells(texts)
        columns = sorted({column for pieces in cells for column, _ in pieces})
        starts = _unwrapped_starts(texts) if len(columns) == 1 else [False] * len(texts)
        for column in columns:
            first = True
            for row, pieces, start in zip(paragraph, cells, starts, strict=True):
                for piece_column, piece in pieces:
                    if piece_column != column:
                        continue
                    content, style = _line_style(piece)
                    content = _strip_inline(content)
                    if not content.strip():
                        continue
                    budget.take(content)
                    lines.append(
                        Line(
                            text=content,
                            source=Provenance(line=row.number),
                            style=style,
                            new_block=new_block
                            or start
                            or style.heading_level is not None
                            or (first and len(columns) > 1),
                            cell=(column, table_row) if len(columns) > 1 else None,
                        )
                    )
                    first = new_block = False
                    if style.heading_level is not None:
                        new_block = True
        if len(columns) > 1:
            table_row += 1
        new_block = new_block or alone
        i = max(j, i + 1)
    return lines


def _unwrapped_starts(texts: list[str]) -> list[bool]:
    """For each line of a paragraph, does it start a block because the line before it
    was not wrapped (:data:`SHORT_LINE`)?"""
    lengths = [len(text.strip()) for text in texts]
    room = SHORT_LINE * sorted(lengths)[len(lengths) * 3 // 4]
    starts = [False]
    for before, text in zip(lengths, texts[1:], strict=False):
        word = text.split(maxsplit=1)[0] if text.strip() else ""
        starts.append(before + 1 + len(word) <= room)
    return starts


def _is_table_row(raw: str, in_table: bool = False) -> bool:
    """A Markdown or tab-separated table row, not a list item or a heading whose label
    or number a tab follows ("a.<tab>establish ...", "IV.<tab>Title", as Word saves
    them): a row's first cell may start with a number when text follows it in the cell
    ("5. Sand and dust storms<tab>Welcome ..."), or be a number alone in a table already
    begun (``in_table``: under "No.<tab>Action points<tab>Lead")."""
    body = _BULLET.sub("", raw, count=1).strip()
    if "\t" in body:
        if in_table:
            return True
        first = body.split("\t", 1)[0]
        split = split_label(first)
        alone = split is not None and not split[1].strip()
        return not alone and HEADING_NUMBER.match(first) is None
    return split_label(body) is None and "|" in body


def _table_end(rows: list[_Row], start: int) -> tuple[int, int]:
    """Where the run of table rows from ``start`` ends, and how many rows of text it
    has (a separator row ``|---|---|`` between them belongs to it)."""
    end, data = start, 0
    while end < len(rows):
        text = rows[end].text
        if _RULE.match(text) and ("|" in text or "\t" in text):
            end += 1
        elif text.strip() and _is_table_row(text, in_table=end > start):
            end, data = end + 1, data + 1
        else:
            break
    return end, data


def _table_row(
    body: str, row: _Row, table_row: int, table: int | None, budget: LineBudget
) -> list[Line]:
    """A Markdown/tab-separated table row: one line per cell part, with ``cell`` set.

    In a table of two rows or more (``table`` is its identity) the columns are counted
    as printed: every pipe, or every tab of a row without pipes, ends a cell, so that
    an empty cell (an agenda cell merged over several rows) keeps the columns after it
    in place.  Elsewhere a run of tabs is one separator.
    """
    if table is not None and "|" not in body:
        pieces = body.strip(" \r\n").split("\t")
    else:
        pieces = _split_cells(body.strip().strip("|"))
    cells = [(column, c) for column, c in enumerate(pieces) if c.strip()]
    if table is None:
        cells = list(enumerate(c for _, c in cells))
    out = []
    for column, cell_text in cells:
        parts = _CELL_GAP.split(cell_text.strip()) if len(cells) > 1 else [cell_text]
        for part in parts:
            content, style = _line_style(part)
            content = _strip_inline(content)
            if content.strip():
                budget.take(content)
                out.append(
                    Line(
                        text=content,
                        source=Provenance(line=row.number),
                        style=style,
                        new_block=True,
                        cell=(column, table_row) if len(cells) > 1 else None,
                        table=table if len(cells) > 1 else None,
                    )
                )
    return out


#: The options when none are given.
READ_DEFAULTS = ReadOptions()


class TextExtractor:
    """UTF-8 / cp1252 / latin-1 text and Markdown."""

    name = "text"
    extensions = frozenset({".txt", ".md", ".markdown", ".text", ""})

    def accepts(self, path: Path, head: bytes) -> bool:
        return looks_like_text(head)

    def misnamed(self, path: Path) -> EmgParseError | None:
        return None

    def start(self, path: Path, options: ReadOptions) -> Reading:
        return Done(self.convert(path, options))

    def convert(self, path: Path, options: ReadOptions = READ_DEFAULTS) -> Extraction:
        """The file's lines (no option concerns text files)."""
        data = path.read_bytes()
        text, encoding = decode(data, path)
        lines = lines_from_text(text, path)
        if not lines:
            raise NoTextError(path, "no text in the file; is it the right file?")
        notes = []
        if encoding not in ("utf-8", "utf-16"):
            notes.append((WarningCode.DECODED_FALLBACK, f"not valid UTF-8; decoded as {encoding}"))
        return Extraction(lines=lines, format="text", pages=None, notes=notes)
