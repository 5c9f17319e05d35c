"""The enrich stage (schema 1.2): ids, addressees, deadlines and bodies on every decision.

:func:`enrich` runs on the validated :class:`~emg_parse.model.OutcomeDocument` the
segmenter built.  Rules, in the order applied:

1. **Ids** on every decision and item (:mod:`emg_parse.ids`).
2. **What is read.**  A decision is read with its items, depth first.  The deciding
   body's verbs (:mod:`emg_parse.clauses`) are read in the decision's text after its
   in-sentence actor ("The Senior Officials"), with the decision's ``actions``; and in
   an item's text when the text it belongs to (the decision's or an item's) is only the
   deciding body's verbs leading in ("Decide to:", "The Senior Officials agreed to:"),
   with the item's own verbs (:func:`emg_parse.actions.actions`).  The other items are
   the tasks of an addressee or a body ("Request the IMG to: (a) compile ..."): their
   deadlines and bodies count, their verbs do not.
3. **Addressees, deadlines, bodies** (:mod:`emg_parse.addressees`,
   :mod:`emg_parse.deadlines`, :mod:`emg_parse.bodies`) of all those texts go on the
   decision, in the order printed, each with ``item``: the id of the item it is printed
   in (null: the decision's own text).  Short forms of bodies are resolved within the
   section (:mod:`emg_parse.bodies` rule 2).  A next meeting is the document's meeting
   number + 1 when it is known.
4. **Columns.**  The cells of a table of action points that go on a decision as its
   ``attributes`` are read too, after its texts: the names in a column of who acts are
   addressees (:func:`emg_parse.addressees.named_in`), a column of when that holds a
   date, a meeting or a period alone is a deadline
   (:func:`emg_parse.deadlines.cell_deadline`); ``item`` is null.

Each text is scanned a fixed number of times by compiled patterns: linear in the size
of the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from emg_parse.actions import actions as verbs_of
from emg_parse.addressees import Found, addressees, named_in, unique
from emg_parse.bodies import Context, Reference, listed, references
from emg_parse.clauses import clauses, leads_in
from emg_parse.deadlines import Found as FoundDeadline
from emg_parse.deadlines import cell_deadline, deadlines
from emg_parse.ids import assign_ids
from emg_parse.model import Addressee, BodyReference, Deadline, Decision, Item, OutcomeDocument
from emg_parse.names import Vocabulary, vocabulary
from emg_parse.paragraphs import verbs_start
from emg_parse.patterns import WHEN_COLUMN, WHO_COLUMN


@dataclass(frozen=True, slots=True)
class _Text:
    """One text of a decision: its own or an item's."""

    item: str | None  # the item's id; None: the decision's own text
    text: str
    #: Whether the deciding body's verbs are read in it, from where, with which actions.
    deciding: bool
    start: int
    actions: tuple[str, ...]


def enrich(document: OutcomeDocument, words: Vocabulary | None = None) -> OutcomeDocument:
    """Fill in the ids, addressees, deadlines and bodies of ``document`` (module
    docstring), in place, and return it.  ``words``: the vocabulary (default: the
    bundled one, :func:`emg_parse.names.vocabulary`)."""
    words = words or vocabulary()  # built at the first call, then cached
    assign_ids(document)
    meeting = document.document.meeting
    for section in document.sections:
        context = Context.of_section(words, section.title)
        for decision in section.decisions:
            _enrich_decision(decision, context, meeting.number, meeting.date)
            context.next_decision()
    return document


def _texts(decision: Decision) -> Iterator[_Text]:
    """The decision's texts in the order printed (rule 2)."""
    start = verbs_start(decision.text, decision.actor)
    own = tuple(decision.actions)
    yield _Text(None, decision.text, True, start, own)
    stack: list[tuple[Item, bool]] = [
        (item, leads_in(decision.text, own, start)) for item in reversed(decision.items)
    ]
    while stack:
        item, deciding = stack.pop()
        item_actions = tuple(verbs_of(item.text)) if deciding else ()
        yield _Text(item.id, item.text, deciding, 0, item_actions)
        inner = deciding and leads_in(item.text, item_actions, 0)
        stack.extend((child, inner) for child in reversed(item.items))


def _deadline(found: FoundDeadline, item: str | None) -> Deadline:
    return Deadline(
        text=found.text,
        kind=found.kind,
        value=found.value,
        precision=found.precision,
        meeting=found.meeting,
        item=item,
    )


def _enrich_decision(
    decision: Decision, context: Context, meeting: int | None, meeting_date: dt.date | None
) -> None:
    found_addressees: list[tuple[str | None, Found]] = []
    found_bodies: list[tuple[str | None, Reference]] = []
    found_deadlines: list[Deadline] = []
    for part in _texts(decision):
        mentions = list(context.vocabulary.mentions(part.text))
        own = clauses(part.text, part.actions, part.start, decision.actor) if part.deciding else []
        refs = references(part.text, mentions, own, context)
        found_bodies += [(part.item, ref) for ref in refs]
        named = {ref.named.start: ref.named for ref in refs}
        found_addressees += [
            (part.item, one) for one in addressees(part.text, own, mentions, named)
        ]
        found_deadlines += [
            _deadline(d, part.item) for d in deadlines(part.text, meeting, meeting_date)
        ]
    for key, cell in decision.attributes.items():
        if WHO_COLUMN.search(key):
            mentions = list(context.vocabulary.mentions(cell))
            refs = references(cell, mentions, [], context)
            named = {ref.named.start: ref.named for ref in refs}
            found_addressees += [(None, one) for one in named_in(mentions, named)]
        elif (
            WHEN_COLUMN.search(key)
            and (cell_found := cell_deadline(cell, meeting, meeting_date)) is not None
        ):
            found_deadlines.append(_deadline(cell_found, None))
    decision.addressees = [
        Addressee(text=one.text, name=one.name, kind=one.kind, item=item)
        for item, one in unique(found_addressees)
    ]
    decision.bodies = [
        BodyReference(
            text=ref.named.text,
            name=ref.named.name,
            type=ref.named.type,
            event=ref.event,
            new_name=ref.new_name,
            item=item,
        )
        for item, ref in listed(found_bodies)
    ]
    decision.deadlines = found_deadlines
