"""Clean-up: turn an extractor's lines into paragraphs (:class:`Block`) of clean text.

Guarantees of :func:`clean` -- every later stage may rely on them:

1. Every block's text is non-empty, has no leading or trailing white space, and no
   tab, line break, non-breaking or zero-width space: white space is single spaces.
2. Text is in Unicode NFC; typographic ligatures are expanded (``ﬁ`` -> ``fi``);
   soft hyphens and zero-width characters are removed (the tables of
   :mod:`emg_parse.characters`).
   Quotes, dashes and other characters are kept exactly as printed.
3. Ordinals split by a superscript are joined when the suffix fits the number
   (:func:`emg_parse.ordinals.ordinal_suffix`):
   ``26 th`` -> ``26th``, ``1 st`` -> ``1st`` (but ``2 th`` stays as it is).
4. Wrapped lines are joined into one block when :func:`starts_new_block` says the
   line continues the block before it (same table column, no structural start such
   as a label, section heading, agenda item, annex or actor line, no change of style
   or of type size by a point or more, neither is a title, annex or actor line -- a
   block of more than 300 characters is none of them -- and the block does not end a
   sentence).  A label or heading number alone on its line ("a)", "IV.", "A.",
   "Agenda item 3:") always takes the next line that is not structural as its text,
   even from the next table column ("A.<tab>Title") -- but a block never runs from
   one cell of a table the extractor read as one (``Line.table``) into another: the
   agenda cell "3" keeps to itself, the action points beside it are blocks of their
   own.  A label on a wrapped line
   (one the extractor does not know to start a paragraph) is no structural start
   when it continues the block: a bracketed label after a number ("paragraph 3" +
   "(a) of decision 26/11"), the next label of a list running inside the block ("...
   in order to: (a) ...; (b) ...;" + "(c) prepare"), or a decimal followed by a
   lower-case word after a text that does not end a sentence ("by" + "2.5 million").
5. A line broken after a hyphen or a slash is joined without a space.  The hyphen is kept
   ("above-" + "mentioned" -> "above-mentioned", "2020-" + "2030" -> "2020-2030"),
   unless the word without it occurs elsewhere in the document and the hyphenated
   form does not (a typesetter's hyphenation: "imple-" + "mentation").
6. Blocks keep the order of the lines; no text is dropped except white space.
7. The time taken is linear in the number of lines, however many lines a block joins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable, Sequence

from emg_parse.characters import EXPAND
from emg_parse.labels import Label, label_kind, ordinal, split_label
from emg_parse.lines import Block, Line
from emg_parse.ordinals import SUFFIX, ordinal_suffix
from emg_parse.patterns import (
    ABBREVIATION_END,
    ACTOR,
    ANNEX,
    HEADING,
    HEADING_NUMBER,
    INLINE_LABEL,
    SECTION,
    TITLE,
)

#: What :func:`~emg_parse.labels.split_label` says of a text.
Split = tuple[Label, str] | None

_SPLIT_ORDINAL = re.compile(rf"\b(\d{{1,4}}) ({SUFFIX})\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLOSERS = "\"'”’)"
_STARTS_UPPER = re.compile(r"^[\"'“‘(]*[A-Z0-9]")
_WORD_BEFORE_HYPHEN = re.compile(r"([^\W_]+)-$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
#: ABBREVIATION_END is looked for in this many characters at the end of a text.
_ABBREVIATION_TAIL = 12
#: A type size this many points away from a block's starts a new block.
_SIZE_STEP = 1.0
#: A block longer than this is no title, annex or actor line (all are short lines).
_STANDALONE_MAX = 300
#: How much of the end of a block decides how the next line joins it (a word broken
#: by a hyphen is looked up by its last 99 letters).
_TAIL = 100


def normalise_text(text: str) -> str:
    """Apply guarantees 1-3 to one piece of text."""
    if not text.isascii():  # ASCII has no ligatures or invisible characters, and is NFC
        text = unicodedata.normalize("NFC", text.translate(EXPAND))
    # str.split() splits at exactly the characters regular expressions call white
    # space (\s): tabs, line breaks, no-break and other Unicode spaces
    text = " ".join(text.split())
    return _SPLIT_ORDINAL.sub(_join_ordinal, text) if " " in text else text


def _join_ordinal(m: re.Match[str]) -> str:
    number, suffix = m.group(1), m.group(2)
    if ordinal_suffix(int(number)) == suffix:
        return number + suffix
    return m.group(0)


def _structural(text: str, label: Split) -> bool:
    """A line that must start a block: a label (``label``, from :func:`split_label`),
    a section heading, an agenda item, an annex or an actor line."""
    if label is not None or SECTION.match(text) is not None or ACTOR.match(text) is not None:
        return True
    heading = HEADING.match(text)
    return (heading is not None and heading["item"] is not None) or ANNEX.match(text) is not None


def _continues(previous: _Building, label: Label, text: str) -> bool:
    """Does a wrapped line that starts with ``label`` (then ``text``) go on with the block
    being built (guarantee 4)?"""
    if label.shape == "(a)" and previous.tail[-1:].isdigit():
        return True  # "paragraph 3" + "(a) of decision 26/11"
    inline = previous.inline
    if inline is not None and inline.shape == label.shape:
        inline_kind = label_kind(inline, None)
        position = ordinal(inline, inline_kind)
        kind = label_kind(label, (inline_kind, position))
        if kind == inline_kind and ordinal(label, kind) == position + 1:
            return True
    return "." in label.value and text[:1].islower() and not _ends_sentence(previous.tail)


def starts_new_block(previous: _Building, line: Line, text: str, label: Split) -> bool:
    """Does ``line`` (cleaned ``text``, its label ``label``) start a new block after
    the block being built, ``previous``?"""
    first = previous.first  # its style and cell are the block's
    if line.table is not None and (line.table, line.cell) != (first.table, first.cell):
        return True  # another cell of a table read as one
    wrapped = not line.new_block and not previous.label_only
    if label is not None and wrapped and _continues(previous, *label):
        return False
    if _structural(text, label):
        return True
    if previous.label_only:
        return False  # "a)" or "IV." alone on its line: the text follows
    if line.new_block:
        return True
    if _column(line.cell) != _column(first.cell):
        return True
    if (line.style.bold, line.style.italic) != (first.style.bold, first.style.italic):
        return True
    if line.style.heading_level != first.style.heading_level:
        return True
    size, first_size = line.style.size, first.style.size
    if size is not None and first_size is not None and abs(size - first_size) >= _SIZE_STEP:
        return True
    short = previous.short
    if short is not None and (ACTOR.match(short) or TITLE.match(short) or ANNEX.match(short)):
        return True  # lines that stand alone: "The Senior Officials:", "Summary of ...", "Annex I"
    if TITLE.match(text):
        return True
    return _ends_sentence(previous.tail) and _STARTS_UPPER.match(text) is not None


def _ends_sentence(text: str) -> bool:
    """``text`` ends with ``.;:!?`` (closing quotes or brackets may follow), not after
    an abbreviation such as ``e.g.``."""
    bare = text.rstrip(_CLOSERS)
    if not bare or bare[-1] not in ".;:!?":
        return False
    return ABBREVIATION_END.search(text, len(text) - _ABBREVIATION_TAIL) is None


def _is_label_only(text: str, label: Split) -> bool:
    """A label or a heading number alone: "a)", "1.2", "IV.", "A.", "Agenda item 3:"."""
    return (label is not None and not label[1]) or HEADING_NUMBER.match(text) is not None


def _last_inline(text: str) -> Label | None:
    """The last label inside ``text`` that a list running inside it may continue: "(b)"
    of "... in order to: (a) present ...; (b) contribute"."""
    label = None
    for m in INLINE_LABEL.finditer(text):
        label = m.group(0)
    split = split_label(label + " x") if label is not None else None
    return split[0] if split is not None else None


def _column(cell: tuple[int, int] | None) -> int | None:
    return None if cell is None else cell[0]


def _joint(left: str, right: str, vocabulary: Container[str]) -> tuple[int, str]:
    """How a wrapped line ``right`` is joined to the text ``left`` before it (guarantee
    5): the characters to drop from the end of ``left`` (a typesetter's hyphen) and the
    separator.  Only the end of ``left`` matters (its last word)."""
    if left.endswith("/"):
        return 0, ""  # "EMG/" + "SOM.27/2", "and/" + "or"
    if not left.endswith("-") or left.endswith(" -") or len(left) < 2:
        return 0, " "
    before = _WORD_BEFORE_HYPHEN.search(left)
    after = _LEADING_WORD.match(right)
    if before and after and before.group(1).isalpha() and right[0].islower():
        joined = (before.group(1) + after.group(0)).lower()
        hyphenated = f"{before.group(1)}-{after.group(0)}".lower()
        if joined in vocabulary and hyphenated not in vocabulary:
            return 1, ""
    return 0, ""


def document_vocabulary(texts: Iterable[str]) -> set[str]:
    """Lower-cased words (and hyphenated compounds) that occur inside lines."""
    # one search over all the texts: a line break never belongs to a word
    return {word.lower() for word in _WORD.findall("\n".join(texts))}


class _Vocabulary:
    """:func:`document_vocabulary` of the lines, made at the first look-up: only a
    line that ends with a hyphen needs it, and most documents have none."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            # Words broken at a line end are not evidence: leave out each line's last word.
            self._words = document_vocabulary(
                t.rsplit(" ", 1)[0] if t.endswith("-") else t for t in self._texts
            )
        return word in self._words


class _Building:
    """The block being built.

    Its text is kept as pieces, joined once at the end, so that a block of many lines
    costs no more per line than a short one; what decides whether the next line joins
    it is kept apart: the end of its text, and its whole text while it is short enough
    to be a title or actor line.
    """

    __slots__ = ("count", "first", "inline", "label_only", "pieces", "short", "tail")

    def __init__(self, first: Line, text: str, label: Split) -> None:
        self.first = first
        self.pieces = [text]
        self.count = 1
        #: a label or heading number alone ("a)", "IV.")
        self.label_only = _is_label_only(text, label)
        #: the last label of a list running inside the text (after its own label)
        self.inline = _last_inline(label[1] if label is not None else text)
        #: the whole text, while it is at most _STANDALONE_MAX characters
        self.short: str | None = text if len(text) <= _STANDALONE_MAX else None
        #: the last _TAIL characters of the text
        self.tail = text[-_TAIL:]

    def join(self, text: str, vocabulary: Container[str]) -> None:
        drop, separator = _joint(self.tail, text, vocabulary)
        if drop:
            self.pieces[-1] = self.pieces[-1][:-drop]
        self.pieces += (separator, text)
        self.count += 1
        self.tail = (self.tail[: len(self.tail) - drop] + separator + text)[-_TAIL:]
        if self.short is not None:
            whole = self.short[: len(self.short) - drop] + separator + text
            self.short = whole if len(whole) <= _STANDALONE_MAX else None
        # "1" + ")" makes a label alone too
        short = self.short
        self.label_only = short is not None and _is_label_only(short, split_label(short))
        self.inline = _last_inline(separator + text) or self.inline

    def block(self) -> Block:
        first = self.first
        return Block(
            text="".join(self.pieces),
            source=first.source,
            style=first.style,
            x=first.x,
            cell=first.cell,
            lines=self.count,
            table=first.table,
        )


def clean(lines: Sequence[Line]) -> list[Block]:
    """Turn extracted lines into blocks; see the module docstring for guarantees."""
    texts = [normalise_text(line.text) for line in lines]
    vocabulary = _Vocabulary(texts)
    blocks: list[Block] = []
    building: _Building | None = None
    for line, text in zip(lines, texts, strict=True):
        if not text:
            continue
        label = split_label(text)
        if building is not None and not starts_new_block(building, line, text, label):
            building.join(text, vocabulary)
            continue
        if building is not None:
            blocks.append(building.block())
        building = _Building(line, text, label)
    if building is not None:
        blocks.append(building.block())
    return blocks
