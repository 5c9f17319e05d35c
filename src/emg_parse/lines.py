"""The intermediate form every extractor produces: a flat list of :class:`Line`.

A ``Line`` is one physical line of a PDF page, one Word paragraph (or table-cell
paragraph), or one line of a text file.  It carries the text exactly as the reader
would see it -- including a list label such as ``"a)"`` or ``"IV."`` that Word
generates from automatic numbering -- plus style, position and provenance, so that
the later stages (clean-up, segmenter) never need to look at the source file again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from emg_parse.errors import TooLargeError
from emg_parse.limits import memory_headroom
from emg_parse.notices import WarningCode

SourceFormat = Literal["pdf", "docx", "text"]

#: Most lines one document may give (a text file: physical lines, blank ones
#: included), and most characters in them.  An outcome document has a few hundred
#: lines and some 25,000 characters, a 2,000-page PDF some 100,000 lines and 5
#: million characters; a file that gets past the limits on the file's size (a Word
#: file of tiny paragraphs, a PDF whose pages all draw one large content stream)
#: would only exhaust memory in the stages after extraction.
MAX_LINES = 1_000_000
MAX_CHARS = 10_000_000

#: What a line of text and each of its characters may cost, at most, in the stages
#: after extraction (clean-up, segmenter, models, enrichment, output), in bytes.
#: Measured on hostile text: 7 KB a line when every line is a decision with two
#: warnings, 85 B a character when lines are lists of entities (an addressee each);
#: about twice that is counted.
LINE_COST = 12 << 10
CHARACTER_COST = 160
#: Memory kept for what the later stages import (their code, the bundled names).
LATER_STAGES = 32 << 20


@dataclass(frozen=True, slots=True)
class Style:
    """Visual hints.  ``None`` means "unknown", never "no"."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    #: 1 for "# Title" / Word "Heading 1" / "Title", 2 for "##"/"Heading 2", ...
    heading_level: int | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a line came from; every field is 1-based."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text with its style, position and provenance.

    ``new_block`` is True when the extractor *knows* a new paragraph starts here
    (a Word paragraph, a line after a blank line, a PDF line after a large vertical
    gap).  When it is False the line may be the continuation of the line before it
    (a wrapped line in a PDF or in text saved from a PDF); the clean-up stage decides.

    ``cell`` is ``(column, row)`` for text that sat in a table cell (Word table, text
    row split on tabs, PDF line split at a wide horizontal gap); None elsewhere.
    ``table`` tells the tables of the document apart (0, 1, ... in reading order) where
    the extractor knows the cell belongs to a table whose rows and columns it read (a
    Word table, a Markdown or tab-separated table in text, a ruled table in a PDF);
    None elsewhere.  Row 0 of a table is its first row, which names the columns when
    the table has a header row.
    """

    text: str
    source: Provenance
    style: Style = field(default_factory=Style)
    x: float | None = None
    new_block: bool = True
    cell: tuple[int, int] | None = None
    table: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor returns: the lines plus facts about the file."""

    lines: list[Line]
    format: SourceFormat
    pages: int | None = None
    #: Notes for the output's ``warnings`` (e.g. "decoded as cp1252").
    notes: list[tuple[WarningCode, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph after clean-up: wrapped lines joined, text normalised.

    ``source`` is the provenance of its first line; ``lines`` how many lines it joins.
    """

    text: str
    source: Provenance
    style: Style = field(default_factory=Style)
    x: float | None = None
    cell: tuple[int, int] | None = None
    lines: int = 1
    table: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LineBudget:
    """Counts the lines an extractor makes and their characters, and stops it with a
    :class:`~emg_parse.errors.TooLargeError` (for ``path``) as soon as either passes
    its limit (:data:`MAX_LINES`, :data:`MAX_CHARS`).

    Under a memory limit (:func:`emg_parse.limits.limit_memory`: the commands and the
    batch's workers), it also stops the extractor with a ``MemoryError`` -- which they
    report as over the memory limit -- as soon as the lines so far would cost the later
    stages more than the memory left when it was made (:data:`LINE_COST` a line,
    :data:`CHARACTER_COST` a character, :data:`LATER_STAGES` kept).  So a document too
    large for the limit is stopped here, in Python code, and never runs out of memory
    in a library's native code, where no ``MemoryError`` can be raised.
    """

    __slots__ = ("_chars", "_cost", "_lines", "_memory", "_path")

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._lines = 0
        self._chars = 0
        self._cost = 0
        headroom = memory_headroom()
        self._memory = None if headroom is None else headroom - LATER_STAGES

    def take(self, text: str) -> None:
        """Count one line holding ``text``."""
        self._lines += 1
        self._chars += len(text)
        if self._lines > MAX_LINES or self._chars > MAX_CHARS:
            raise self.exceeded()
        if self._memory is not None:
            self._cost += LINE_COST + CHARACTER_COST * len(text)
            if self._cost > self._memory:
                raise MemoryError(f"{self._lines:,} lines would need more memory than is left")

    def expect(self, lines: int) -> None:
        """Stop now if the document will have ``lines`` lines, more than the limit."""
        if lines > MAX_LINES:
            raise self.exceeded()

    def exceeded(self) -> TooLargeError:
        """The error for a document over the limits."""
        return TooLargeError(
            self._path,
            f"more than {MAX_LINES:,} lines or {MAX_CHARS:,} characters of text, far more "
            "than an outcome document holds; split it into smaller documents",
        )
