"""Readable, stable ids for every decision and item (schema 1.2).

An id is ``<meeting>-<section>-<label>[-<label> ...]``: ``SOM26-III-b`` is decision b of
section III of the 26th meeting, ``SOM26-VI-p1-iv`` item iv of the first (unlabelled)
decision of section VI.  Rules, in the order applied:

1. **Meeting key.**  ``SOM<number>`` when ``document.meeting.number`` is known; else the
   document's symbol; else the file's name without its extension (``source.file``).
2. **Section key.**  The section's number as printed (``III``, ``3``, ``A``, ``2.1``).  A
   level-2 section's number is put after its level-1 section's key and a dot (``II.A``),
   unless it already starts with that number and a dot (``2.1`` under ``2`` stays
   ``2.1``).  A section without a number is ``s<position>``, its 1-based place in the
   document's list of sections.
3. **Label path.**  The labels of the decision and of the items down to the entry
   (``b``, ``i``, ``1.1``); an entry without a label is ``p<position>``, its 1-based place
   among its siblings.
4. **Clean.**  In every key and label, each run of characters other than ASCII letters
   and digits (dots included) becomes one dot, and dots at either end are dropped
   (``EMG/SOM.19/04`` -> ``EMG.SOM.19.04``, ``EMGSOM23 - 3a`` -> ``EMGSOM23.3a``); a
   meeting key with nothing left is ``doc``, a label with nothing left counts as none.
   So ids hold only ``A-Z a-z 0-9 . - ~`` and are safe in URLs, file names and SQL.
5. **Unique.**  An id given before in the document (the same labels printed twice) gets
   ``~2``, ``~3`` ... in document order (decisions and items depth first), and the ids of
   its items build on it (``SOM26-I-a~2-i``).

The same content gives the same ids on every parse; the .txt, .docx and .pdf of one
document share them whenever they parse to the same structure.  Ids are unique in a
document, not in an archive: two documents of one meeting (a summary and a table of
action points) may both have ``SOM24-I-a``, so across files a decision is its file and
its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from emg_parse.model import Decision, Item, OutcomeDocument, Section

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def clean(text: str) -> str:
    """``text`` with each run of characters other than ASCII letters and digits made one
    dot, and no dot at either end (rule 4)."""
    return _UNSAFE.sub(".", text).strip(".")


def meeting_key(document: OutcomeDocument) -> str:
    """The first part of every id of ``document`` (rules 1 and 4)."""
    number = document.document.meeting.number
    if number is not None:
        return f"SOM{number}"
    for candidate in (document.document.symbol, PurePath(document.source.file).stem):
        if candidate and (key := clean(candidate)):
            return key
    return "doc"


def section_keys(sections: list[Section]) -> Iterator[str]:
    """The key of each section, in order (rules 2 and 4)."""
    parent: str | None = None
    for position, section in enumerate(sections, start=1):
        number = clean(section.number or "")
        key = number or f"s{position}"
        if section.level == 1:
            parent = key
        elif number and parent is not None and not number.startswith(parent + "."):
            key = f"{parent}.{number}"
        yield key


def _step(label: str | None, position: int) -> str:
    return clean(label or "") or f"p{position}"


def assign_ids(document: OutcomeDocument) -> None:
    """Give every decision and item of ``document`` its id, in place (module docstring)."""
    meeting = meeting_key(document)
    taken: dict[str, int] = {}

    def unique(base: str) -> str:
        # a base never holds "~" (labels are cleaned), so "base~n" is never another base
        count = taken[base] = taken.get(base, 0) + 1
        return base if count == 1 else f"{base}~{count}"

    for section, key in zip(document.sections, section_keys(document.sections), strict=True):
        prefix = f"{meeting}-{key}"
        stack: list[tuple[str, int, Decision | Item]] = [
            (prefix, position, decision)
            for position, decision in reversed(list(enumerate(section.decisions, start=1)))
        ]
        while stack:
            parent_id, position, node = stack.pop()
            node.id = unique(f"{parent_id}-{_step(node.label, position)}")
            stack.extend(
                (node.id, child_position, child)
                for child_position, child in reversed(list(enumerate(node.items, start=1)))
            )
