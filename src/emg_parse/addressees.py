"""Addressees: whom a decision asks to act (requested, invited, encouraged, urged, ...).

Rules, in the order applied, to each clause of the deciding body whose last verb asks
someone to act (the clause's *addressee span*, :mod:`emg_parse.clauses` rule 5):

1. A leading "that" is skipped ("Request that the Secretariat report ...").
2. **Names.**  The names in the span (:mod:`emg_parse.names`) are addressees, in order,
   as long as only separators (commas, "and", "or", "as well as") stand between them.  A
   body's short form means what :mod:`emg_parse.bodies` resolves it to.
3. **Other words.**  Words printed straight before a name are part of its text
   ("relevant UN entities" is the role "UN entities"), unless they end with "of",
   "for", "to", "in", "on", "'s" or a word in capitals: then the whole is one addressee
   of unknown name ("the Chair of the Task Team", "the Minamata Convention
   secretariat").  Other words between separators are addressees of unknown name ("the
   Peer Review Process" when it is not listed) when the span ends at an infinitive; a
   piece that starts with a preposition, an adverb or a relative pronoun ("in
   consultation with members", "with the support of UNEP", "that have not yet done so")
   ends the list.  When the span does not end at an
   infinitive, any words but a single one straight before a name end it (then only the
   names before them count).
4. **Pairs.**  After the infinitive, "and" + a name + "to" + a verb adds that name:
   "invite UNEP and UNDP to co-lead the Task Team and UNOPS to host its data platform".
5. **Pronouns.**  "it" or "them" among the addressees stands for the body named last
   before it in the text ("agreed to establish an Issue Management Group on Water and
   requested it to report": that group); with no body before it, it is left out.
6. Each addressee (by name, or by text when the name is unknown) is listed once per
   decision.
7. **Columns.**  In a table of action points, the names in a column of who acts
   ("Lead", "Responsible entity": :data:`~emg_parse.patterns.WHO_COLUMN`) are addressees
   of the row's decisions too (:func:`named_in`): "UNEP; UNOPS", "EMG Secretariat".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from emg_parse.bodies import Named
from emg_parse.clauses import Clause
from emg_parse.model import AddresseeKind
from emg_parse.names import Mention

_THAT = re.compile(r"\s*that\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"(?:[\s,;]|\b(?:and|or|as\s+well\s+as)\b)*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
_ENDS_SEPARATED = re.compile(r"(?:,|\b(?:and|or|as\s+well\s+as))\s*$", re.IGNORECASE)
_STOP = re.compile(
    r"(?:in|with|through|by|under|within|for|on|at|from|to|as|including|together|jointly"
    r"|also|further|each|both|which|that|who|where|when|if|[a-z]+ly)\b",
    re.IGNORECASE,
)
_OF_END = re.compile(r"(?:\b(?:of|for|to|in|on)|['’]s)\s*$", re.IGNORECASE)
_AND_BEFORE = re.compile(r"(?:,\s*|\s)and\s+$", re.IGNORECASE)
_AND_WIDTH = 12  # characters enough for ", and " and its white space
_TO_VERB = re.compile(r"\s+to\s+[a-z]")
_PRONOUNS = frozenset({"it", "them"})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found:
    """An addressee as printed, its normalised name (None: unknown) and kind."""

    text: str
    name: str | None
    kind: AddresseeKind | None


def addressees(
    text: str, clauses: Sequence[Clause], mentions: Sequence[Mention], bodies: Mapping[int, Named]
) -> list[Found]:
    """The addressees of the ``clauses`` of ``text`` (module docstring, rules 1-4), in
    order.  ``mentions`` are the names in ``text`` in order; ``bodies`` what each body
    mention means, by its start."""
    starts = [m.start for m in mentions]
    return [one for clause in clauses for one in _of_clause(text, clause, mentions, starts, bodies)]


def _of_clause(
    text: str,
    clause: Clause,
    mentions: Sequence[Mention],
    starts: list[int],
    bodies: Mapping[int, Named],
) -> list[Found]:
    if clause.addressees is None:
        return []
    start, end = clause.addressees
    that = _THAT.match(text, start)
    pos = that.end() if that else start
    clean = end < clause.end  # the span ends at an infinitive
    found: list[Found] = []
    for mention in mentions[bisect.bisect_left(starts, pos) :]:
        if mention.end > end:
            break
        pieces, prefix, stop = _gap(text[pos : mention.start], clean, last=False)
        found += pieces
        if stop:
            return found
        found.append(_addressee(mention, prefix, bodies))
        pos = mention.end
    if clean:
        found += _gap(text[pos:end], clean, last=True)[0]
    found.extend(_pairs(text, end, clause.end, mentions, starts, bodies))
    return _pronouns_resolved(found, mentions[: bisect.bisect_left(starts, start)], bodies)


def named_in(mentions: Sequence[Mention], bodies: Mapping[int, Named]) -> list[Found]:
    """Rule 7: every name of a cell of a column of who acts, as an addressee."""
    return [_addressee(mention, "", bodies) for mention in mentions]


def _pronouns_resolved(
    found: list[Found], before: Sequence[Mention], bodies: Mapping[int, Named]
) -> list[Found]:
    """Rule 5: each pronoun as the body named last in ``before``, or left out."""
    if not any(one.name is None and one.text.casefold() in _PRONOUNS for one in found):
        return found
    body = next((m for m in reversed(before) if m.type is not None), None)
    resolved = []
    for one in found:
        if one.name is None and one.text.casefold() in _PRONOUNS:
            if body is None:
                continue
            named = bodies.get(body.start)
            one = Found(one.text, named.name if named else body.name, "body")
        resolved.append(one)
    return resolved


def _gap(gap: str, clean: bool, last: bool) -> tuple[list[Found], str, bool]:
    """What the words between two names (or after the last, ``last``) are (rule 3): the
    addressees of unknown name among them, the words printed straight before the next
    name, and whether the list ends there."""
    lead = _SEPARATORS.match(gap)
    words = gap[lead.end() :] if lead else gap
    if not words.strip(" ,;"):
        return [], "", False
    pieces = [p for p in _SPLIT.split(words.strip(" ,;")) if any(c.isalpha() for c in p)]
    prefix = "" if last or _ENDS_SEPARATED.search(gap) or not pieces else pieces.pop()
    if not clean and (pieces or len(prefix.split()) > 1):
        return [], "", True
    found: list[Found] = []
    for piece in pieces:
        if _STOP.match(piece):
            return found, "", True
        found.append(Found(piece, None, None))
    if _STOP.match(prefix):
        return found, "", True
    return found, prefix, False


def _addressee(mention: Mention, prefix: str, bodies: Mapping[int, Named]) -> Found:
    """A name as an addressee, with the words printed straight before it (rule 3)."""
    printed = f"{prefix} {mention.text}" if prefix else mention.text
    if prefix and (_OF_END.search(prefix) or prefix.split()[-1][:1].isupper()):
        return Found(printed, None, None)
    if mention.type is None:
        assert mention.kind in ("entity", "role")
        return Found(printed, mention.name, "entity" if mention.kind == "entity" else "role")
    named = bodies.get(mention.start)
    return Found(printed, named.name if named else mention.name, "body")


def _pairs(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    starts: list[int],
    bodies: Mapping[int, Named],
) -> list[Found]:
    """Rule 4."""
    found = []
    for mention in mentions[bisect.bisect_left(starts, start) :]:
        if mention.end > end:
            break
        before = max(start, mention.start - _AND_WIDTH)
        if _AND_BEFORE.search(text, before, mention.start) and _TO_VERB.match(text, mention.end):
            found.append(_addressee(mention, "", bodies))
    return found


def unique(found: Sequence[tuple[T, Found]]) -> list[tuple[T, Found]]:
    """Rule 6: each addressee once (``found``: pairs of where and what, in order)."""
    seen: set[str] = set()
    kept = []
    for where, one in found:
        key = one.name or one.text.casefold()
        if key not in seen:
            seen.add(key)
            kept.append((where, one))
    return kept
