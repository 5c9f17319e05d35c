"""The codes of the output's ``warnings``, each with what it means: the one list of them.

Every warning the parser writes carries one of these codes (the extractors' notes and
the segmenter's findings are typed :class:`WarningCode`; a code from elsewhere, such
as a :mod:`emg_parse.sequence` finding's, is turned into one, which fails if it is not
registered).  The README's table of warnings is generated from this module (``cog``),
so it cannot drift from what the parser writes; a test checks that every code has a
description.

The output's schema keeps ``code`` a plain string: ``emg-parse validate`` reads files
written by other versions, whose codes may not be these.
"""

from __future__ import annotations

from enum import StrEnum


class WarningCode(StrEnum):
    """A warning's code; :attr:`description` is its one-line meaning."""

    LABEL = "label"
    LABEL_SEQUENCE = "label_sequence"
    SECTION_NUMBER = "section_number"
    SECTION_ORDER = "section_order"
    EMPTY_TEXT = "empty_text"
    UNKNOWN_VERB = "unknown_verb"
    NO_DECISIONS = "no_decisions"
    HEADER = "header"
    DECODED_FALLBACK = "decoded_fallback"
    MISNAMED_FILE = "misnamed_file"
    DOCX_NUMBERING = "docx_numbering"
    NUMBERING_CAPPED = "numbering_capped"
    DOCX_TRACKED_CHANGES = "docx_tracked_changes"
    DOCX_DAMAGED_PART = "docx_damaged_part"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[WarningCode, str] = {
    WarningCode.LABEL: "a label that is not one as the output prints labels (`(a)`, `b.`, `A1`)",
    WarningCode.LABEL_SEQUENCE: "a gap, repeat or wrong start in a list's labels (a, b, d), "
    "or items under a text that does not end with `:`",
    WarningCode.SECTION_NUMBER: "a section number not printed as IV, 3, A or 2.1",
    WarningCode.SECTION_ORDER: "section numbers out of order (I, II, III; A, B under each)",
    WarningCode.EMPTY_TEXT: "a decision or an item with neither text nor items",
    WarningCode.UNKNOWN_VERB: "a decision that does not start with a known operative verb "
    "of the deciding body",
    WarningCode.NO_DECISIONS: "a section with no decisions",
    WarningCode.HEADER: "a header field that could not be read (a date that is not one)",
    WarningCode.DECODED_FALLBACK: "text that was not UTF-8, decoded as cp1252 or latin-1",
    WarningCode.MISNAMED_FILE: "a file whose extension is not its format's (`.pdf` read as text)",
    WarningCode.DOCX_NUMBERING: "Word: a list not defined in `numbering.xml` (its paragraphs "
    "get no label)",
    WarningCode.NUMBERING_CAPPED: "Word: how many list labels went past Word's limits on "
    "list numbers and were held to them",
    WarningCode.DOCX_TRACKED_CHANGES: "Word: tracked changes (insertions kept, deletions left out)",
    WarningCode.DOCX_DAMAGED_PART: "Word: a damaged `styles.xml` or `numbering.xml`, ignored",
}
