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
from collections.abc import Iterable, Sequence
from dataclasses import replace

from emg_parse.labels import split_label
from emg_parse.lines import Block, Line
from emg_parse.patterns import ABBREVIATION_END, ACTOR, SECTION, TITLE

_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}  # fmt: skip
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPLIT_ORDINAL = re.compile(r"\b(\d{1,4}) (st|nd|rd|th)\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.;:!?][\"'”’)]*$")
_STARTS_UPPER = re.compile(r"^[\"'“‘(]*[A-Z0-9]")


def normalise_text(text: str) -> str:
    """Apply guarantees 1-3 to one piece of text."""
    for ligature, letters in _LIGATURES.items():
        if ligature in text:
            text = text.replace(ligature, letters)
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    text = _SPACES.sub(" ", text).strip()
    return _SPLIT_ORDINAL.sub(_join_ordinal, text)


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _join_ordinal(m: re.Match[str]) -> str:
    number, suffix = m.group(1), m.group(2)
    if _ordinal_suffix(int(number)) == suffix:
        return number + suffix
    return m.group(0)


def is_structural(text: str) -> bool:
    """True when ``text`` must start a block: a label, section heading or actor line."""
    return (
        split_label(text) is not None
        or SECTION.match(text) is not None
        or ACTOR.match(text) is not None
    )


def starts_new_block(previous: Block, line: Line, text: str) -> bool:
    """Does ``line`` (cleaned ``text``) start a new block after ``previous``?"""
    if is_structural(text):
        return True
    if _label_only(previous.text):
        return False  # "a)" alone on its line: the item's text follows
    if line.new_block:
        return True
    if _column(line.cell) != _column(previous.cell):
        return True
    if (line.style.bold, line.style.italic) != (previous.style.bold, previous.style.italic):
        return True
    if line.style.heading_level != previous.style.heading_level:
        return True
    if ACTOR.match(previous.text) or TITLE.match(previous.text) or TITLE.match(text):
        return True  # lines that stand alone: "The Senior Officials:", "Summary of ..."
    ends_sentence = _SENTENCE_END.search(previous.text) is not None and not (
        ABBREVIATION_END.search(previous.text)
    )
    return ends_sentence and _STARTS_UPPER.match(text) is not None


def _label_only(text: str) -> bool:
    split = split_label(text)
    return split is not None and not split[1]


def _column(cell: tuple[int, int] | None) -> int | None:
    return None if cell is None else cell[0]


def join_wrapped(left: str, right: str, vocabulary: set[str]) -> str:
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
    words: set[str] = set()
    for text in texts:
        words.update(w.lower() for w in _WORD.findall(text))
    return words


def clean(lines: Sequence[Line]) -> list[Block]:
    """Turn extracted lines into blocks; see the module docstring for guarantees."""
    texts = [normalise_text(line.text) for line in lines]
    # Words broken at a line end are not evidence: leave out each line's last word.
    vocabulary = document_vocabulary(t.rsplit(" ", 1)[0] if t.endswith("-") else t for t in texts)
    blocks: list[Block] = []
    for line, text in zip(lines, texts, strict=True):
        if not text:
            continue
        if blocks and not starts_new_block(blocks[-1], line, text):
            last = blocks[-1]
            blocks[-1] = replace(
                last, text=join_wrapped(last.text, text, vocabulary), lines=last.lines + 1
            )
            continue
        blocks.append(
            Block(text=text, source=line.source, style=line.style, x=line.x, cell=line.cell)
        )
    return blocks
