"""The intermediate form every extractor produces: a flat list of :class:`Line`.

A ``Line`` is one physical line of a PDF page, one Word paragraph (or table-cell
paragraph), or one line of a text file.  It carries the text exactly as the reader
would see it -- including a list label such as ``"a)"`` or ``"IV."`` that Word
generates from automatic numbering -- plus style, position and provenance, so that
the later stages (clean-up, segmenter) never need to look at the source file again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SourceFormat = Literal["pdf", "docx", "text"]


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
    """

    text: str
    source: Provenance
    style: Style = field(default_factory=Style)
    x: float | None = None
    new_block: bool = True
    cell: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor returns: the lines plus facts about the file."""

    lines: list[Line]
    format: SourceFormat
    pages: int | None = None
    #: Notes for the output's ``warnings`` (e.g. "decoded as cp1252").
    notes: list[tuple[str, str]] = field(default_factory=list)


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
