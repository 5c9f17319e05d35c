"""Where the parts of a document's body start: section headings and annexes.

Rules, in the order they are applied (:func:`find_parts`):

1. **Annexes.**  The first block matching :data:`~emg_parse.patterns.ANNEX` ("Annex I",
   "ANNEX II – List of participants") starts the annexes; every block after it belongs
   to an annex (a new one at each annex line), so an agenda or a list of participants
   is never read as sections.
2. **Numbered headings.** Before the annexes, a block matching
   :data:`~emg_parse.patterns.HEADING` is a candidate in its numbering scheme: an agenda
   item ("Agenda item 3: Title", "Item 3 – Title", "Session 1: Title"), an upper-case
   roman numeral ("IV."), a capital letter ("A."), a number ("3.") or a decimal ("2.1").
   ``I``, ``V``, ``X``, ``L`` and ``C`` are letters when they come next in a run of
   letter headings ("C." after "B."), roman numerals otherwise.
3. **Heading or paragraph.**  A candidate is a heading when its title reads as one: at
   most 300 characters, not ending with ";", and not a sentence of the deciding body
   ("3. The Senior Officials agreed to ..."; :data:`~emg_parse.patterns.BODY_SUBJECT`).
   Roman numerals and agenda items need no more.  A capital letter, number or decimal
   also needs: a title of at most 150 characters that does not end with ":" or ","
   nor, unless the block is styled as a heading (a Word or Markdown heading, bold, or
   type larger than the body's), with "."; no operative verb at its start
   ("1. Welcome the report" is a decision, :func:`emg_parse.actions.actions`) unless
   styled; and a number that goes on from the last heading of its scheme under the
   same level-1 heading -- letters from "A" and at most two letters on, numbers
   higher than the last, decimals under the number heading they extend ("2.1" under
   "2.") -- so that initials ("T. Lindqvist"), numbered paragraphs and agenda lines
   are not headings.
4. **Unnumbered headings.**  An unlabelled block of at most 150 characters that
   starts with a capital or digit, does not end with ":", ";", "," or "." nor with an
   article, conjunction or preposition (a paragraph cut by a page break: "... in the"),
   does not name a document after a colon ("Background document: EMG/SOM.19/INF.4" is a
   note), and matches no heading pattern is a heading without a number when:

   a. an actor line (:data:`~emg_parse.patterns.ACTOR`) follows it at once; or
   b. it is styled and an actor line follows it, after notes only, before any other
      styled block or numbered heading (a document title,
      :data:`~emg_parse.patterns.TITLE`, is not such a heading) -- in a document
      without any style (plain text), every block is taken as styled for this rule; or
   c. it comes after the first heading and is styled exactly as a heading found by
      rules 3, 4a or 4b (the same Word or Markdown heading level, bold, italic and type
      size), or is a Word or Markdown heading no deeper than one of them ("## Any other
      business" without an actor line); in a document without any style, any block
      after the first heading that does not start with an operative verb is.

   Styled: a Word or Markdown heading, bold, or type larger than the body's.
5. **Levels.**  The scheme of the document's first numbered heading is level 1;
   numbered headings of any other scheme are level 2 (A. under I., 2.1 under 2.).  An
   unnumbered heading that is a Word or Markdown heading has the level of the numbered
   headings of its heading level, or else level 1 when its heading level is the
   shallowest of the document's headings and 2 when it is deeper; any other
   unnumbered heading is level 2 when its type is smaller than the level-1 heading's
   above it, else level 1.

6. **Table rows.**  A row of an action-point table that starts a section
   (:mod:`emg_parse.tables`) is a level-1 heading with the row's number and title; the
   other blocks of such tables are never headings.

The header zone is everything before the first heading (or before the annexes when
the document has no heading).  Blocks are read in a few passes (rules 2-4b, 4c, 5),
each looking at a block a constant number of times: linear time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Literal

from emg_parse.actions import actions
from emg_parse.labels import label_of_value, letter_to_int, split_label
from emg_parse.lines import Block, Style
from emg_parse.patterns import ACTOR, ANNEX, BODY_SUBJECT, HEADING, SYMBOL, TITLE

Scheme = Literal["item", "roman", "letter", "number", "decimal"]

#: A heading is at most this long (any scheme) ...
MAX_HEADING = 300
#: ... and the title of a letter, number or decimal heading at most this long.
MAX_WEAK_TITLE = 150
#: An unnumbered heading is at most this long.
MAX_UNNUMBERED = 150
#: Type this much larger than the body's marks a heading.
LARGER = 1.1


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: the index of its block, its number as printed without its dot
    (None when unnumbered), title and level."""

    index: int
    number: str | None
    title: str
    level: int


@dataclass(frozen=True, slots=True)
class Parts:
    """Where a document's parts start: its headings, in order, and the index of its first
    annex block (``len(blocks)`` when it has none)."""

    headings: list[Heading]
    annexes: int

    @property
    def header_end(self) -> int:
        """The end of the header zone (exclusive)."""
        return self.headings[0].index if self.headings else self.annexes


@dataclass
class _Schemes:
    """The last heading number read in each scheme, and the level-1 scheme."""

    body_size: float | None
    #: no block of the document is styled (plain text): rule 4b looks at shape alone
    plain: bool = False
    last: dict[Scheme, str] = field(default_factory=dict)
    top: Scheme | None = None

    def styled(self, block: Block) -> bool:
        style = block.style
        if style.heading_level is not None or style.bold:
            return True
        return bool(style.size and self.body_size and style.size >= self.body_size * LARGER)


#: The last word of a text that is cut short (rule 4).
_LAST_WORD = re.compile(
    r"\b(?:the|a|an|and|or|of|to|in|on|for|with|by|at|from|as|its|their)$", re.IGNORECASE
)

#: A block's style as rule 4c compares it.
_Signature = tuple[int | None, bool, bool, float | None]


def find_parts(
    blocks: Sequence[Block],
    rows: Mapping[int, tuple[str | None, str]] | None = None,
    cells: Sequence[object | None] | None = None,
) -> Parts:
    """The headings and the start of the annexes of a document (module docstring).

    ``rows`` are the sections the rows of action-point tables start (block index ->
    number, title: :mod:`emg_parse.tables`): each is a level-1 heading as it is; the
    other blocks of those tables (``cells[i]`` not None) are never headings.
    """
    rows = rows or {}
    annexes = next((i for i, b in enumerate(blocks) if ANNEX.match(b.text)), len(blocks))
    sizes = [b.style.size for b in blocks if b.style.size]
    schemes = _Schemes(median(sizes) if sizes else None)
    schemes.plain = not any(schemes.styled(b) for b in blocks)
    body = blocks[:annexes]
    leads = _leads(body, schemes)
    found: list[tuple[int, Heading | None]] = []  # None: unnumbered, level to come
    for i, block in enumerate(body):
        if i in rows:
            number, title = rows[i]
            found.append((i, Heading(i, number, title, 1)))
            continue
        if cells is not None and cells[i] is not None:
            continue
        numbered = _numbered(i, block, schemes)
        if numbered is not None:
            found.append((i, numbered))
        elif _unnumbered(body, i, leads, schemes):
            found.append((i, None))
    found = _styled_alike(body, found, schemes, rows, cells)
    return Parts(_levels(body, found), annexes)


def _leads(blocks: Sequence[Block], schemes: _Schemes) -> list[bool]:
    """For each block, whether an actor line follows it after notes only, before any
    styled or numbered block (rule 4b); read from the end, once."""
    leads = [False] * len(blocks)
    actor_ahead = False
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        leads[i] = actor_ahead
        if ACTOR.match(block.text):
            actor_ahead = True
        elif HEADING.match(block.text) or (_styled_4b(block, schemes) and _heading_shaped(block)):
            actor_ahead = False
    return leads


def _heading_shaped(block: Block) -> bool:
    """Rule 4's shape of an unnumbered heading."""
    text = block.text
    return (
        len(text) <= MAX_UNNUMBERED
        and (text[:1].isupper() or text[:1].isdigit())
        and not text.endswith((":", ";", ",", "."))
        and _LAST_WORD.search(text) is None
        and HEADING.match(text) is None
        and ACTOR.match(text) is None
        and split_label(text) is None
        and not _names_a_document(text)
    )


def _names_a_document(text: str) -> bool:
    """A document symbol after a colon: "Background documents: EMG/SOM.19/INF.4"."""
    colon = text.find(":")
    return colon >= 0 and SYMBOL.search(text, colon) is not None


def _unnumbered(blocks: Sequence[Block], i: int, leads: Sequence[bool], schemes: _Schemes) -> bool:
    """Rules 4a and 4b."""
    block = blocks[i]
    if not _heading_shaped(block):
        return False
    if i + 1 < len(blocks) and ACTOR.match(blocks[i + 1].text) is not None:
        return True
    return _styled_4b(block, schemes) and leads[i] and TITLE.match(block.text) is None


def _styled_4b(block: Block, schemes: _Schemes) -> bool:
    return schemes.plain or schemes.styled(block)


def _signature(style: Style) -> _Signature:
    return style.heading_level, style.bold, style.italic, style.size


def _styled_alike(
    blocks: Sequence[Block],
    found: list[tuple[int, Heading | None]],
    schemes: _Schemes,
    rows: Mapping[int, object],
    cells: Sequence[object | None] | None,
) -> list[tuple[int, Heading | None]]:
    """Rule 4c: ``found`` with the blocks after the first that are styled as one (the
    table rows of :func:`find_parts` are no model, their cells no candidates)."""
    if not found:
        return found
    signatures: set[_Signature] = set()
    deepest: int | None = None
    for i, _ in found:
        if i in rows:
            continue
        style = blocks[i].style
        if schemes.styled(blocks[i]):
            signatures.add(_signature(style))
        if style.heading_level is not None:
            deepest = max(deepest or 0, style.heading_level)
    merged: list[tuple[int, Heading | None]] = []
    taken = iter(found)
    pending = next(taken, None)
    for i in range(found[0][0], len(blocks)):
        if pending is not None and pending[0] == i:
            merged.append(pending)
            pending = next(taken, None)
            continue
        block = blocks[i]
        if cells is not None and cells[i] is not None:
            continue
        level = block.style.heading_level
        alike = _signature(block.style) in signatures or (
            level is not None and deepest is not None and level <= deepest
        )
        if schemes.plain:
            alike = not actions(block.text)
        if alike and _heading_shaped(block):
            merged.append((i, None))
    return merged


def _levels(blocks: Sequence[Block], found: list[tuple[int, Heading | None]]) -> list[Heading]:
    """Rule 5 for the unnumbered headings of ``found``."""
    by_style: dict[int, int] = {}  # Word/Markdown heading level -> numbered headings' level
    for i, heading in found:
        style_level = blocks[i].style.heading_level
        if heading is not None and style_level is not None:
            by_style.setdefault(style_level, heading.level)
    style_levels = [blocks[i].style.heading_level for i, _ in found]
    shallowest = min((lv for lv in style_levels if lv is not None), default=None)
    headings: list[Heading] = []
    top: Block | None = None  # the block of the last level-1 heading
    for i, heading in found:
        block = blocks[i]
        if heading is None:
            style_level = block.style.heading_level
            if style_level is not None:
                level = by_style.get(style_level, 1 if style_level == shallowest else 2)
            else:
                size, top_size = block.style.size, top.style.size if top else None
                level = 2 if size is not None and top_size is not None and size < top_size else 1
            heading = Heading(i, None, block.text, level)
        if heading.level == 1:
            top = block
        headings.append(heading)
    return headings


def _numbered(index: int, block: Block, schemes: _Schemes) -> Heading | None:
    """A numbered heading at ``block`` (rules 2, 3 and 5), or None."""
    text = block.text
    m = HEADING.match(text)
    if m is None or len(text) > MAX_HEADING or text.endswith(";"):
        return None
    title = m["title"].strip()
    subject = BODY_SUBJECT.match(title)
    if subject is not None and actions(subject["rest"]):
        return None
    if m["item"] is not None:
        scheme: Scheme = "item"
        number = m["item_number"]
    elif m["arabic"] is not None:
        number = m["arabic"].rstrip(".)")
        scheme = "decimal" if "." in number else "number"
    else:
        number = m["number"]
        scheme = _roman_or_letter(number, schemes)
    if scheme in ("letter", "number", "decimal") and not _weak_heading(
        block, title, scheme, number, schemes
    ):
        return None
    if schemes.top is None:
        schemes.top = scheme
    level = 1 if scheme == schemes.top else 2
    if level == 1:  # the level-2 numbers start again under it
        schemes.last = {}
    schemes.last[scheme] = number
    return Heading(index, number, title, level)


def _roman_or_letter(number: str, schemes: _Schemes) -> Scheme:
    """Rule 2: ``C`` after ``B`` is a letter; ``I``, ``IV``, ``C`` elsewhere roman; ``D`` a
    letter."""
    label = label_of_value(number, upper=True)
    if label is None or not label.could_be_roman:
        return "letter"
    if not label.could_be_letter:
        return "roman"
    letter = schemes.last.get("letter")
    if letter is not None and letter_to_int(number) == letter_to_int(letter) + 1:
        return "letter"
    return "roman"


def _weak_heading(block: Block, title: str, scheme: Scheme, number: str, schemes: _Schemes) -> bool:
    """Rule 3 for a capital letter, number or decimal heading."""
    styled = schemes.styled(block)
    if len(title) > MAX_WEAK_TITLE or title.endswith((":", ",")):
        return False
    if title.endswith(".") and not styled:
        return False
    if not styled and actions(title):
        return False
    last = schemes.last.get(scheme)
    if scheme == "letter":
        n = letter_to_int(number)
        return n == 1 if last is None else 0 < n - letter_to_int(last) <= 2
    if scheme == "number":
        return last is None or int(number) > int(last)
    parent = schemes.last.get("number")
    prefix, _, tail = number.rpartition(".")
    if parent is not None and prefix != parent:
        return False
    if last is not None and last.rpartition(".")[0] == prefix:
        return int(tail) > int(last.rpartition(".")[2])
    return True
