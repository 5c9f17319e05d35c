"""Where in a decision's text the deciding body acts: its clauses, verbs and objects.

:func:`clauses` reads a decision's text (without the deciding body's name that starts
it, "The Senior Officials") and returns each clause of the deciding body: the chain of
its verbs and the span of text they act on.  Rules, in the order applied:

1. **Opening.**  "may (also) wish to", "is/are (also) invited to", the "to" of an
   item under "decided:" ("to request the Task Team to ...") and adverbs ("also",
   "further", words in ``-ly``) before the first verb are skipped.
2. **Chain.**  Verbs joined by "and", "to", "also", "further", "in principle" or a
   comma form one chain ("Agree to extend" -> agree, extend); "take note of" is one
   verb; "agree to the creation of" names *establish*.  The chain's object starts where
   the chain stops.
3. **Coordinated clauses.**  Up to the end of the sentence (a full stop before a
   capital; a colon or a semicolon ends the clause too), "and" (or ", and", "and to")
   followed by a verb in the tense of the first one starts another clause: "took note of
   X and agreed to conclude Y", "Take note of X and agree to conclude Y".  An imperative
   after "and" counts only when no infinitive of an addressee stands between it and the
   last counted verb ("Request the Secretariat to prepare X and invite Y": *invite* is the
   Secretariat's), and "and to <verb>" only when the last infinitive before it was the
   deciding body's ("Decide to conclude X and to transfer Y").  A new sentence starting
   with the deciding body's name or "They" and a verb starts a clause too.
4. **Whose verb.**  A verb form the parser's vocabulary knows
   (:data:`emg_parse.actions.VOCABULARY`) counts only when the decision's ``actions``
   list it: the parser decides whose verb it is.  Forms it does not know
   (:data:`EXTRA_FORMS`) count by their place alone.
5. **Addressees.**  When a clause's last verb asks someone to act (:data:`REQUESTS`), the
   clause's *addressee span* runs from the object's start to the first infinitive
   ("to" and a lower-case word other than a determiner, or "to:" before a list) or,
   failing one, to the end of the clause.

Every step is one left-to-right pass of compiled patterns: linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from emg_parse.actions import VOCABULARY

#: Verb forms read here that the parser's vocabulary does not have, by the action they
#: count as (rule 4: they count by their place alone).
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "establish": (
        "create",
        "creates",
        "created",
        "set up",
        "sets up",
        "the creation of",
        "the establishment of",
    ),
    "rename": ("rename", "renames", "renamed"),
    "conclude": (
        "discontinue",
        "discontinues",
        "discontinued",
        "terminate",
        "terminates",
        "terminated",
    ),
    "request": ("ask", "asks", "asked"),
    "task": ("task", "tasks", "tasked"),
}

#: The actions that ask someone to act: the words after them name the addressees.
REQUESTS = frozenset(
    {"request", "invite", "encourage", "urge", "call_upon", "mandate", "task", "recommend"}
)

_PARSER_FORMS = {form: action for action, forms in VOCABULARY.items() for form in forms}
_FORMS = {
    **{form: action for action, forms in EXTRA_FORMS.items() for form in forms},
    **_PARSER_FORMS,
}
_VERB = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(_FORMS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"\s*(?:(?:(?:may|might)\s+(?:also\s+)?wish\s+to|(?:are|is)\s+(?:also\s+)?invited\s+to"
    r"|to(?=\s+[a-z])|also|further|hereby|[a-z]+ly)\b\s*)*",
    re.IGNORECASE,
)
_JOINER = re.compile(
    r"(?:\s*(?:,|\band\b|\bto\b|\balso\b|\bfurther\b|\bin\s+principle\b))+\s*", re.IGNORECASE
)
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
#: "to" and a word that is no verb's: a determiner, a capital, a digit, a sign.
_NOT_INFINITIVE = re.compile(
    r"(?:the|a|an|its|their|his|her|this|that|these|those|all|each|every|any|be|member|"
    r"members)\b|[^a-z\s]",
)
_INFINITIVE = re.compile(r"\bto(?:\s+(?=[a-z])|\s*(?=:))")
#: Where a clause ends: a semicolon, a colon, or a full stop before a capital.
_CLAUSE_END = re.compile(r"[;:]|\.(?=\s+[A-Z\"“(])|\.\s*$")
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z\"“(])")
_LINK = re.compile(r"(?:,\s*|\s+)and\s+(?:(?P<to>to)\s+)?", re.IGNORECASE)
_AFTER_SEMICOLON = re.compile(r"\s*(?:and\s+)?(?:(?P<to>to)\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of the deciding body: its action and where it ends."""

    action: str
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """The deciding body's verbs and the text they act on."""

    verbs: tuple[Verb, ...]
    #: Where the verbs' object starts and the clause ends.
    start: int
    end: int
    #: The span naming the addressees (rule 5), when the last verb asks someone to act.
    addressees: tuple[int, int] | None


def _past(form: str) -> bool | None:
    """Whether ``form`` is in the past tense (None: it may be either, "set up")."""
    first = form.split()[0].lower()
    if first in ("set", "sets", "the"):
        return None
    return first.endswith("ed") or first == "took"


class _Reader:
    def __init__(self, text: str, actions: Collection[str]) -> None:
        self.text = text
        self.actions = actions
        self.past: bool | None = None

    def verb_at(self, pos: int) -> tuple[Verb, str] | None:
        m = _VERB.match(self.text, pos)
        if m is None:
            return None
        form = " ".join(m.group(0).lower().split())
        action = _FORMS[form]
        if form in _PARSER_FORMS and action not in self.actions:
            return None
        return Verb(action, m.end()), form

    def chain(self, pos: int) -> tuple[list[Verb], int, bool]:
        """The verbs of a chain at ``pos`` (rule 2), where it stops, and whether its last
        "to" was the chain's (an infinitive that counted)."""
        verbs: list[Verb] = []
        counted_to = False
        while (found := self.verb_at(pos)) is not None:
            verb, form = found
            verbs.append(verb)
            if self.past is None:
                self.past = _past(form)
            pos = verb.end
            if verb.action == "take_note" and (of := _OF.match(self.text, pos)):
                pos = of.end()
            joiner = _JOINER.match(self.text, pos)
            if joiner is None or self.verb_at(joiner.end()) is None:
                break
            counted_to = counted_to or bool(re.search(r"\bto\s*$", joiner.group(0), re.I))
            pos = joiner.end()
        return verbs, pos, counted_to

    def same_tense(self, form_past: bool | None) -> bool:
        return self.past is None or form_past is None or form_past == self.past


def clauses(
    text: str, actions: Collection[str], start: int = 0, subject: str | None = None
) -> list[Clause]:
    """The deciding body's clauses in ``text`` from ``start`` (module docstring).
    ``actions`` are the decision's actions as the parser read them; ``subject`` is the
    deciding body's name as printed ("The Senior Officials"), if any."""
    reader = _Reader(text, actions)
    found: list[Clause] = []
    pos = start
    subject_re = re.compile(
        r"\s*(?:They|" + (re.escape(subject) if subject else "(?!)") + r")\s+", re.IGNORECASE
    )
    while pos < len(text):
        begin, opened = pos, _after_opening(text, pos)
        verbs, pos, counted_to = reader.chain(opened)
        if not verbs:
            break
        # "may wish to rename X and to invite Y": the opening's "to" is the body's too
        counted_to = counted_to or _OPENING_TO.search(text, begin, opened) is not None
        sentence = _SENTENCE_END.search(text, pos)
        sentence_end = sentence.end() if sentence else len(text)
        pos = _clause_run(reader, text, verbs, pos, sentence_end, counted_to, found)
        if sentence is None:
            break
        pos = sentence_end
        lead = subject_re.match(text, pos)
        if lead is None:
            break
        pos = lead.end()
    return found


def _after_opening(text: str, pos: int) -> int:
    """Where the first verb may start: after white space and rule 1's words."""
    opening = _OPENING.match(text, pos)
    return opening.end() if opening else pos


_OPENING_TO = re.compile(r"\bto\s*$", re.IGNORECASE)
_LEAD_IN_END = re.compile(r"\s*(?:to\s*)?:\s*$", re.IGNORECASE)


def leads_in(text: str, actions: Collection[str], start: int = 0) -> bool:
    """Whether ``text`` from ``start`` is only the deciding body's verbs, or rule 1's
    opening, leading in to a list ("Decide to:", "agreed to:", "may wish to:"): then the
    items of the list are its verbs too."""
    opened = _after_opening(text, start)
    if opened > start and _LEAD_IN_END.match(text, opened) is not None:
        return True
    reader = _Reader(text, actions)
    verbs, end, _ = reader.chain(opened)
    return bool(verbs) and _LEAD_IN_END.match(text, end) is not None


def _clause_run(
    reader: _Reader,
    text: str,
    verbs: list[Verb],
    pos: int,
    sentence_end: int,
    counted_to: bool,
    found: list[Clause],
) -> int:
    """Record the clause of ``verbs`` (its object from ``pos``) and those coordinated with
    it up to ``sentence_end`` (rule 3); return where the last one ends.  Each search
    goes on from where the one before stopped: linear however many clauses there are."""
    end_match: re.Match[str] | None = None
    limit = -1
    infinitives = _Infinitives(text)
    while True:
        if pos > limit:
            end_match = _CLAUSE_END.search(text, pos, sentence_end)
            limit = end_match.start() if end_match else sentence_end
        nxt: tuple[list[Verb], int, bool] | None = None
        clause_end = limit
        for link in _LINK.finditer(text, pos, limit):
            infinitive = infinitives.first(pos, limit)
            open_infinitive = infinitive is not None and infinitive < link.start()
            if (more := _coordinated(reader, link, open_infinitive, counted_to)) is not None:
                nxt, clause_end = more, link.start()
                break
        if nxt is None and end_match is not None and end_match.group(0) == ";":
            # "...; and request ...": a new clause after a semicolon (rule 3)
            after = _AFTER_SEMICOLON.match(text, end_match.end())
            nxt = _coordinated(reader, after, False, True) if after else None
        span = _addressee_span(text, verbs, pos, clause_end, infinitives.first(pos, limit))
        found.append(Clause(tuple(verbs), pos, clause_end, span))
        if nxt is None:
            return limit
        verbs, pos, counted_to = nxt


class _Infinitives:
    """The first infinitive ("to" and a verb, or "to:") after a place, for places that
    only move on: each part of the text is searched once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = self.end = -1
        self.found: int | None = None

    def first(self, start: int, end: int) -> int | None:
        """Where the first infinitive between ``start`` and ``end`` starts, if any."""
        if end != self.end or start < self.start or (self.found is not None and self.found < start):
            self.start, self.end = start, end
            self.found = None
            for m in _INFINITIVE.finditer(self.text, start):
                if m.start() >= end:
                    break
                if self.text.startswith(":", m.end()) or not _NOT_INFINITIVE.match(
                    self.text, m.end()
                ):
                    self.found = m.start()
                    break
        return self.found


def _coordinated(
    reader: _Reader, link: re.Match[str], open_infinitive: bool, counted_to: bool
) -> tuple[list[Verb], int, bool] | None:
    """The chain a link ("and", "and to") starts, when it is the deciding body's (rule 3)."""
    at = link.end()
    candidate = reader.verb_at(at)
    if candidate is None or not reader.text[at].islower():
        return None
    if link["to"]:
        counts = counted_to and not open_infinitive
    else:
        past = _past(candidate[1])
        counts = reader.same_tense(past) and (bool(past) or not open_infinitive)
    if not counts:
        return None
    verbs, end, chain_to = reader.chain(at)
    return verbs, end, chain_to or bool(link["to"])


def _addressee_span(
    text: str, verbs: list[Verb], start: int, end: int, infinitive: int | None
) -> tuple[int, int] | None:
    """Rule 5."""
    if verbs[-1].action not in REQUESTS:
        return None
    return start, infinitive if infinitive is not None and infinitive < end else end
