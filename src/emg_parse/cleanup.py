"""Clean-up: turn an extractor's lines into paragraphs (:class:`Block`) of clean text.

Guarantees of :func:`clean` -- every later stage may rely on them:

1. Every block's text is non-empty, has no leading or trailing white space, and no
   tab, line break, non-breaking or zero-width space: white space is single spaces.
2. Text is in Unicode NFC; typographic ligatures are expanded (``ﬁ`` -> ``fi``);
   soft hyphens are removed.
   Quotes, dashes and other characters are kept exactly as printed.
3. Ordinals split by a superscript are joined when the suffix fits the number:
   ``26 th`` -> ``26th``, ``1 st`` -> ``1st`` (but ``2 th`` stays as it is).
4. Wrapped lines are joined into one block when :func:`starts_new_block` says the
   line continues the block before it (same table column, no structural start such
   as a label, section heading or actor line, no style change, neither is a title
   or actor line, and the block does not end a sentence).  A label alone on its
   line ("a)") always takes the next line that is not structural as its text.
5. A line broken after a hyphen or a slash is joined without a space.  The hyphen is kept
   ("above-" + "mentioned" -> "above-mentioned", "2020-" + "2030" -> "2020-2030"),
   unless the word without it occurs elsewhere in the document and the hyphenated
   form does not (a typesetter's hyphenation: "imple-" + "mentation").
6. Blocks keep the order of the lines; no text is dropped except white space.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable, Sequence

from emg_parse.labels import Label, split_label
from emg_parse.lines import Block, Line
from emg_parse.patterns import ABBREVIATION_END, ACTOR, SECTION, TITLE

_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}  # fmt: skip
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPLIT_ORDINAL = re.compile(r"\b(\d{1,4}) (st|nd|rd|th)\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLOSERS = "\"'”’)"
_STARTS_UPPER = re.compile(r"^[\"'“‘(]*[A-Z0-9]")
#: ABBREVIATION_END is looked for in this many characters at the end of a text.
_ABBREVIATION_TAIL = 12


def normalise_text(text: str) -> str:
    """Apply guarantees 1-3 to one piece of text."""
    if not text.isascii():  # ASCII has no ligatures or invisible characters, and is NFC
        for ligature, letters in _LIGATURES.items():
            if ligature in text:
                text = text.replace(ligature, letters)
        text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    # str.split() splits at exactly the characters regular expressions call white
    # space (\s): tabs, line breaks, no-break and other Unicode spaces
    text = " ".join(text.split())
    return _SPLIT_ORDINAL.sub(_join_ordinal, text) if " " in text else text


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _join_ordinal(m: re.Match[str]) -> str:
    number, suffix = m.group(1), m.group(2)
    if _ordinal_suffix(int(number)) == suffix:
        return number + suffix
    return m.group(0)


def _structural(text: str, label: tuple[Label, str] | None) -> bool:
    """A line that must start a block: a label (``label``, from :func:`split_label`),
    a section heading or an actor line."""
    return label is not None or SECTION.match(text) is not None or ACTOR.match(text) is not None


def starts_new_block(
    previous_text: str,
    label_only: bool,
    previous: Line,
    line: Line,
    text: str,
    label: tuple[Label, str] | None,
) -> bool:
    """Does ``line`` (cleaned ``text``, its label ``label``) start a new block?

    The block so far: its text ``previous_text``, whether that is a label alone
    (``label_only``), and ``previous``, the line that started it (whose style and
    cell are the block's).
    """
    if _structural(text, label):
        return True
    if label_only:
        return False  # "a)" alone on its line: the item's text follows
    if line.new_block:
        return True
    if _column(line.cell) != _column(previous.cell):
        return True
    if (line.style.bold, line.style.italic) != (previous.style.bold, previous.style.italic):
        return True
    if line.style.heading_level != previous.style.heading_level:
        return True
    if ACTOR.match(previous_text) or TITLE.match(previous_text) or TITLE.match(text):
        return True  # lines that stand alone: "The Senior Officials:", "Summary of ..."
    return _ends_sentence(previous_text) and _STARTS_UPPER.match(text) is not None


def _ends_sentence(text: str) -> bool:
    """``text`` ends with ``.;:!?`` (closing quotes or brackets may follow), not after
    an abbreviation such as ``e.g.``."""
    bare = text.rstrip(_CLOSERS)
    if not bare or bare[-1] not in ".;:!?":
        return False
    return ABBREVIATION_END.search(text, len(text) - _ABBREVIATION_TAIL) is None


def _is_label_only(label: tuple[Label, str] | None) -> bool:
    return label is not None and not label[1]


def _column(cell: tuple[int, int] | None) -> int | None:
    return None if cell is None else cell[0]


def join_wrapped(left: str, right: str, vocabulary: Container[str]) -> str:
    """Join a wrapped line to the text before it (guarantee 5)."""
    if left.endswith("/"):
        return left + right  # "EMG/" + "SOM.27/2", "and/" + "or"
    if not left.endswith("-") or left.endswith(" -") or len(left) < 2:
        return f"{left} {right}"
    before = re.search(r"([^\W_]+)-$", left)
    after = re.match(r"[^\W\d_]+", right)
    if before and after and before.group(1).isalpha() and right[0].islower():
        joined = (before.group(1) + after.group(0)).lower()
        hyphenated = f"{before.group(1)}-{after.group(0)}".lower()
        if joined in vocabulary and hyphenated not in vocabulary:
            return left[:-1] + right
    return left + right


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


def clean(lines: Sequence[Line]) -> list[Block]:
    """Turn extracted lines into blocks; see the module docstring for guarantees."""
    texts = [normalise_text(line.text) for line in lines]
    vocabulary = _Vocabulary(texts)
    blocks: list[Block] = []
    # the block being built: its first line, its text so far, its line count, and
    # whether it is a label alone ("a)"), which only its first line can be
    first: Line | None = None
    text_so_far = ""
    count = 0
    label_only = False
    for line, text in zip(lines, texts, strict=True):
        if not text:
            continue
        label = split_label(text)
        if first is not None and not starts_new_block(
            text_so_far, label_only, first, line, text, label
        ):
            text_so_far = join_wrapped(text_so_far, text, vocabulary)
            count += 1
            label_only = False
            continue
        if first is not None:
            blocks.append(_block(first, text_so_far, count))
        first, text_so_far, count, label_only = line, text, 1, _is_label_only(label)
    if first is not None:
        blocks.append(_block(first, text_so_far, count))
    return blocks


def _block(first: Line, text: str, count: int) -> Block:
    return Block(
        text=text, source=first.source, style=first.style, x=first.x, cell=first.cell, lines=count
    )
