"""Sequencing: which label or section number may follow which, and what is said when one does not.

Each rule is here once, with its wording.  The segmenter builds a document's structure
(which list each label joins) and judges it with these functions; the validator judges
the structure of the file it reads with the same functions.  So ``emg-parse validate``
on the parser's output reports exactly the parser's ``label``, ``label_sequence``,
``section_number`` and ``section_order`` warnings, in the same words.

Labels, one list at a time (:meth:`Paragraphs.decisions` for a section's decisions,
:func:`item_findings` for the items of a decision or an item):

1. A list runs ``a, b, c`` (then Word's ``aa, bb``), ``i, ii, iii``, ``1, 2, 3`` or
   ``2.1, 2.2, 2.3`` (the last number runs, the ones before stay) from its first label,
   with no gap or repeat.  ``i`` is the letter after ``h`` and a roman numeral anywhere
   else (so are ``v``, ``x``, ``l`` and ``c``): :func:`emg_parse.labels.label_kind`.
2. A list starts at ``a``, ``i``, ``1`` or ``<n>.1``.  A section's decisions numbered
   with numbers may instead go on with the paragraph numbers of the sections before (a
   report's paragraphs 4, 5, 6 in section II after 1-3 in section I), and skip the
   numbers printed at the start of the section's notes (``3. The meeting was opened``);
   decimals likewise skip the decimals printed at the start of its notes (``1.1 The
   Task Team reported ...`` before the decisions ``1.2``, ``1.3``).
3. After an unlabelled decision (a lead-in) a new list may start, or the list goes on.
4. Items belong to a text that ends with ``:`` (or to a label alone, with no text); the
   first label of items under any other text is a ``label_sequence`` finding (unless it
   has another one).
5. A label that is not one as the output prints labels (``(a)``, ``b.``, ``A1``: see
   :func:`emg_parse.labels.label_of_value`) is a ``label`` finding.
6. One problem, one finding: after a wrong label the list goes on from it -- or from
   the expected label when the next one follows that (a mistyped label); a label that
   is not one counts as the expected label.

Sections, the document's flat list (:func:`section_findings`):

7. A section number is printed without its dot: an upper-case roman numeral (``IV``), a
   number (``3``), a capital letter (``A``, then ``AA``) or a decimal (``2.1``); anything
   else is a ``section_number`` finding.
8. Level-1 numbers run as a list does (rules 1 and 6), whatever level-2 sections stand
   between them -- but level-1 numbers in digits are agenda item numbers ("Agenda item
   3: ..."): they need only increase, from any number (an item without an outcome is
   left out: 2, 3, 5).  The level-2 numbers under each level-1 section run as a list of
   their own, from ``A``, ``I`` or ``1`` -- or, for decimals, ``<n>.1`` under a section
   numbered ``<n>``.  Unnumbered sections are skipped.

Every function returns :class:`Finding` s: a code, a message, and the index of the
offending entry in the list it was given; the caller knows where that entry is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from emg_parse.labels import (
    Label,
    LabelKind,
    format_ordinal,
    label_kind,
    label_of_value,
    ordinal,
    split_label,
)

Code = Literal["label", "label_sequence", "section_number", "section_order"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in one list: the index of the offending entry in the list given."""

    index: int
    code: Code
    message: str


class _Place(NamedTuple):
    """Where a label stands in a list: its kind, a decimal's leading numbers with their
    dots (``"2."`` of ``"2.3"``; ``""`` for the other kinds) and its position."""

    kind: LabelKind
    prefix: str
    position: int


def _place(label: Label, kind: LabelKind) -> _Place | None:
    """``label`` read as ``kind``, or None when it cannot be read so."""
    if not label.reads_as(kind):
        return None
    value = label.value
    prefix = value[: value.rfind(".") + 1] if kind == "decimal" else ""
    return _Place(kind, prefix, ordinal(label, kind))


def _reading(label: Label, previous: _Place | None) -> _Place:
    """``label`` read as :func:`~emg_parse.labels.label_kind` reads it after ``previous``
    (None: at a list's start)."""
    after = None if previous is None else (previous.kind, previous.position)
    place = _place(label, label_kind(label, after))
    assert place is not None  # label_kind picks a kind the label can be read as
    return place


@dataclass(frozen=True, slots=True)
class _Wording:
    """How the findings of one kind of list are worded."""

    upper: bool  # section numbers are capitals
    noun: str  # "label" | "section"
    starts: str  # "list starts at label" | "sections start at" | ...
    format_code: Code
    order_code: Code

    def show(self, value: str) -> str:
        return repr(value) if self.noun == "label" else value

    def step(self, value: str, what: str, previous: str, expected: str) -> str:
        """``expected`` as it is to be printed."""
        show = self.show
        return f"{self.noun} {show(value)} {what} {show(previous)} (expected {expected})"

    def start(self, value: str, expected: Sequence[str]) -> str:
        choices = " or ".join(map(self.show, expected))
        return f"{self.starts} {self.show(value)} (expected {choices})"

    def format(self, value: str) -> str:
        return _label_format(value) if self.noun == "label" else _section_number_format(value)


_LABELS = _Wording(False, "label", "list starts at label", "label", "label_sequence")


def _sections_wording(starts: str) -> _Wording:
    return _Wording(True, "section", starts, "section_number", "section_order")


@dataclass(frozen=True, slots=True)
class _Judge:
    """The rules of one list (rules 1-3, 5, 6): its wording, the numbers a number list may
    start at, the leading numbers a decimal list must start with (None: any), and the
    numbers a number list skips."""

    wording: _Wording
    first_numbers: tuple[int, ...] = (1,)
    decimal_prefix: str | None = None
    skipped: frozenset[int] = frozenset()
    #: Decimals a decimal list skips, as (leading numbers with their dots, last number).
    skipped_decimals: frozenset[tuple[str, int]] = frozenset()
    #: Numbers need only increase, from any first one (agenda item numbers).
    numbers_increase: bool = False

    def findings(
        self,
        raws: Sequence[object],
        labels: Sequence[Label | None] | None = None,
        indexes: Sequence[int] | None = None,
    ) -> Iterator[Finding]:
        """Judge a list's labels ``raws`` in order, yielding findings in that order: a
        label is a string; None is an unlabelled entry (rule 3); anything else counts as
        the expected label.  ``labels``: ``raws`` as :meth:`label` reads them, if already
        read; ``indexes``: the index of each in the caller's list (default: its own)."""
        wording = self.wording
        previous: _Place | None = None
        previous_value = ""
        may_start = True  # at the start, or after an unlabelled entry
        free = False  # after an unreadable first label: take the next one as it is
        if labels is None:
            labels = [self.label(raw) for raw in raws]
        for k, raw in enumerate(raws):
            index = k if indexes is None else indexes[k]
            if raw is None:
                may_start = True
                continue
            label = labels[k]
            if label is None:
                if isinstance(raw, str):
                    yield Finding(index, wording.format_code, wording.format(raw))
                free = previous is None
                if previous is not None:
                    previous, previous_value = self.next_of(previous), str(raw)
                may_start = False
                continue
            place = _reading(label, None) if free else self._continuing(label, previous)
            if place is None and may_start:
                place = self._starting(label)
            if place is None:
                following = labels[k + 1] if k + 1 < len(labels) else None
                place, message = self._problem(label, previous, previous_value, following)
                yield Finding(index, wording.order_code, message)
            previous, previous_value, may_start, free = place, label.value, False, False

    def _continuing(self, label: Label, previous: _Place | None) -> _Place | None:
        """Where ``label`` stands when it is the next label after ``previous``."""
        if previous is None:
            return None
        place = _reading(label, previous)
        if self._increasing(place) and previous.kind == "number":
            return place if place.position > previous.position else None
        return place if place == self.next_of(previous) else None

    def _starting(self, label: Label) -> _Place | None:
        """Where ``label`` stands when it starts a list (rule 2)."""
        place = _reading(label, None)
        if self._increasing(place):
            return place if place.position >= 1 else None
        return place if place in self.firsts(place) else None

    def _increasing(self, place: _Place) -> bool:
        return self.numbers_increase and place.kind == "number"

    def _problem(
        self, label: Label, previous: _Place | None, previous_value: str, following: Label | None
    ) -> tuple[_Place, str]:
        """Where a label that neither continues nor starts its list is taken to stand
        (rule 6), and what is wrong with it."""
        wording, value = self.wording, label.value
        if previous is None:
            place = _reading(label, None)
            firsts = self.firsts(place)
            message = wording.start(value, [self.show(first) for first in firsts])
            mistyped = next((first for first in firsts if self._follows(following, first)), None)
            return mistyped or place, message
        expected = self.next_of(previous)
        same = _place(label, previous.kind)
        if same is None or same.prefix != previous.prefix:
            shown = wording.show(self.show(expected))
            message = wording.step(value, "does not continue", previous_value, shown)
            return _reading(label, previous), message
        what = "repeats after" if same.position <= previous.position else "skips after"
        if self._increasing(same):  # not above the number before
            message = wording.step(value, what, previous_value, f"a number above {previous_value}")
            return same, message
        message = wording.step(value, what, previous_value, wording.show(self.show(expected)))
        return (expected if self._follows(following, expected) else same), message

    def _follows(self, following: Label | None, place: _Place) -> bool:
        """Does ``following`` (the next label, if any) come right after ``place``?"""
        return following is not None and _place(following, place.kind) == self.next_of(place)

    def next_of(self, place: _Place) -> _Place:
        n = place.position + 1
        while self._skips(place.kind, place.prefix, n):
            n += 1
        return _Place(place.kind, place.prefix, n)

    def _skips(self, kind: LabelKind, prefix: str, n: int) -> bool:
        if kind == "number":
            return n in self.skipped
        return kind == "decimal" and (prefix, n) in self.skipped_decimals

    def firsts(self, place: _Place) -> list[_Place]:
        """Where a list of ``place``'s kind may start."""
        if place.kind == "number":
            return [_Place("number", "", n) for n in self.first_numbers]
        if place.kind == "decimal":
            prefix = self.decimal_prefix or place.prefix
            n = 1
            while self._skips("decimal", prefix, n):
                n += 1
            return list(dict.fromkeys([_Place("decimal", prefix, 1), _Place("decimal", prefix, n)]))
        return [_Place(place.kind, "", 1)]

    def show(self, place: _Place) -> str:
        return place.prefix + format_ordinal(place.position, place.kind, upper=self.wording.upper)

    def label(self, raw: object) -> Label | None:
        return label_of_value(raw, upper=self.wording.upper) if isinstance(raw, str) else None


def item_findings(labels: Sequence[object], parent: object) -> Iterator[Finding]:
    """Findings of the items of one decision or item, in order: ``labels`` their labels
    in order, ``parent`` the text of the decision or item they belong to (rules 1, 3-6)."""
    found = _Judge(_LABELS).findings(labels)
    first = next(found, None)
    # a label alone ("b)" above "i)") introduces its items too
    introduced = not isinstance(parent, str) or parent.endswith(":") or not parent.strip()
    if labels and not introduced and (first is None or first.index != 0):
        label = labels[0]
        what = f"label {label!r} starts" if isinstance(label, str) else "items start"
        message = f"{what} a sub-list, but the text above it does not end with ':'"
        yield Finding(0, "label_sequence", message)
    if first is not None:
        yield first
    yield from found


class Paragraphs:
    """A document's numbered paragraphs, whose numbers may run on across its sections
    (rule 2): judge the decisions of each section in document order with
    :meth:`decisions`."""

    def __init__(self) -> None:
        self._last = 0  # the highest paragraph number of the sections judged

    def decisions(self, labels: Sequence[object], notes: object) -> Iterator[Finding]:
        """Findings of one section's decisions, in order: ``labels`` their labels in order
        (None for an unlabelled decision), ``notes`` the section's notes (rules 1-3, 5, 6).
        The numbering runs on at once: the next call judges the next section."""
        printed_labels = list(_note_labels(notes))
        printed = frozenset(int(value) for value in printed_labels if value.isdigit())
        decimals = frozenset(
            (value[: value.rfind(".") + 1], int(value[value.rfind(".") + 1 :]))
            for value in printed_labels
            if "." in value
        )
        run_on = self._last + 1
        while run_on in printed:
            run_on += 1
        judge = _Judge(
            _LABELS,
            first_numbers=tuple(dict.fromkeys((1, run_on))),
            skipped=printed,
            skipped_decimals=decimals,
        )
        read = [judge.label(raw) for raw in labels]
        numbers = [int(n.value) for n in read if n is not None and n.value.isdigit()]
        self._last = max([self._last, *numbers, *printed])
        return judge.findings(labels, read)


def _note_labels(notes: object) -> Iterator[str]:
    """The numbers and decimals printed at the start of notes: ``3. The meeting was
    opened ...`` -> "3", ``1.1 The Task Team reported ...`` -> "1.1"."""
    if not isinstance(notes, list):
        return
    for note in notes:
        split = split_label(note) if isinstance(note, str) else None
        value = split[0].value if split is not None else ""
        if value.replace(".", "").isdigit() and not value.startswith(".") and ".." not in value:
            yield value


def section_findings(sections: Sequence[tuple[object, object]]) -> list[Finding]:
    """Findings of a document's sections, given as (number, level) in order (rules 6-8):
    a number is a string, None when the section has none; a level other than 2 is 1."""
    top: list[tuple[int, object]] = []
    # each level-1 section's number, and its level-2 sections
    groups: list[tuple[object, list[tuple[int, object]]]] = [(None, [])]
    for index, (number, level) in enumerate(sections):
        if level == 2:
            if number is not None:
                groups[-1][1].append((index, number))
            continue
        if number is not None:
            top.append((index, number))
        groups.append((number, []))
    top_judge = _Judge(_sections_wording("sections start at"), numbers_increase=True)
    findings = list(top_judge.findings([n for _, n in top], indexes=[i for i, _ in top]))
    for parent, entries in groups:
        if not entries:
            continue
        label = label_of_value(parent, upper=True) if isinstance(parent, str) else None
        numbered = label is not None and label_kind(label, None) in ("number", "decimal")
        starts = f"sub-sections of {parent} start at" if label else "sub-sections start at"
        judge = _Judge(_sections_wording(starts), decimal_prefix=f"{parent}." if numbered else None)
        findings += judge.findings([n for _, n in entries], indexes=[i for i, _ in entries])
    return sorted(findings, key=lambda f: f.index)


def _label_format(raw: str) -> str:
    message = f"label {raw!r} is not a normalised label"
    split = split_label(raw.strip() + " x")
    if split is not None and split[0].value != raw:
        return f"{message}; write {split[0].value!r}"
    return (
        f"{message}: a letter, roman numeral, number or decimal without brackets or a "
        "trailing dot, e.g. 'a', 'iv', '3', '1.1'"
    )


def _section_number_format(raw: str) -> str:
    message = (
        f"section number {raw!r} is not a roman numeral, number, capital letter or "
        "decimal without a trailing dot (IV, 3, A, 2.1)"
    )
    cleaned = raw.strip().strip("()").rstrip(".)").strip().upper()
    if cleaned != raw and label_of_value(cleaned, upper=True) is not None:
        return f"{message}; write {cleaned!r}"
    return message
