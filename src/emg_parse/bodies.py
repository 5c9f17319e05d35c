"""Subsidiary bodies in decisions: which body a name means, and what the decision does to it.

Bodies are found by :mod:`emg_parse.names` (full names, listed names, short forms).
Rules, in the order applied:

1. **The section's body.**  A section whose title is a body's name ("III. UN Coalition
   on Combating Sand and Dust Storms", "Consultative process on biodiversity") has that
   body; a title that starts with a body type and "on" or "for" names a body even in
   lower case ("Task team on procurement data").
2. **Short forms** ("the Task Team", "the IMG", "the Coalition", "the renamed Issue
   Management Group", "the process") and **"its"** ("conclude its work") mean, in turn:
   the last body of that type (any type, for "its") named before in the decision, its
   items included; the section's body, if of that type; the last body of that type
   named in an earlier decision of the section (a body's new name counts from its
   renaming on).  Failing all three, the name stays unknown (``name`` null).
3. **Events.**  A clause of the deciding body (:mod:`emg_parse.clauses`) records an event
   for the body its verbs act on, given by the last verb of its chain that names one:
   establish, launch, create, set up, "the creation of" -> ``established``; extend,
   continue, renew -> ``extended``; rename -> ``renamed``; conclude, close, dissolve,
   discontinue, terminate -> ``concluded``; transfer -> ``transferred``; endorse,
   approve, adopt + its terms of reference -> ``terms_of_reference``.  The body acted
   on is named right after the verbs, or after "the mandate / work / term /
   coordination / secretariat / activities / series / phase of", "the EMG's engagement
   (participation, involvement, support) in", "a (new) series of" -- or is "its" +
   mandate / work / term / activities / coordination / secretariat / terms of reference.
   Terms of reference are "(the) (draft / revised / updated) terms of reference of/for
   <body>", "<body>'s terms of reference" or "its terms of reference".  A verb of an
   addressee ("requested the Task Team to conclude its report") is no clause of the
   deciding body, so records nothing.
4. **Renaming.**  The new name follows the old one after "as", "to" or "into": a body's
   name, or else the words up to the next comma, semicolon or full stop.  It is the
   event's ``new_name`` and is not listed again as a body of its own.
5. **The list.**  Every body named in the decision is listed, in the order printed,
   with its event or with none; a body listed with an event is not listed again
   without one, and each (name, event) pair appears once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from emg_parse.clauses import Clause
from emg_parse.model import BodyEvent, BodyType
from emg_parse.names import Mention, Vocabulary, body_type

#: The event each action records for the body it acts on (rule 3).
EVENTS: dict[str, BodyEvent] = {
    "establish": "established",
    "launch": "established",
    "extend": "extended",
    "continue": "extended",
    "renew": "extended",
    "rename": "renamed",
    "conclude": "concluded",
    "close": "concluded",
    "transfer": "transferred",
}
#: Actions that record ``terms_of_reference`` when they act on a body's terms of reference.
TERMS_ACTIONS = frozenset({"endorse", "approve", "adopt"})

T = TypeVar("T")

_TERMS = r"(?:(?:draft|revised|updated|new)\s+)?terms\s+of\s+reference"
_LEAD = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:(?:new|further|second|third)\s+)?"
    rf"(?:(?P<terms>{_TERMS}\s+(?:of|for)\s+)"
    r"|(?:mandate|work|term|coordination|secretariat|activities|series|phase)\s+(?:of|in)\s+"
    r"|EMG['’]s\s+(?:engagement|participation|involvement|support)\s+(?:in|to|for|of)\s+)?",
    re.IGNORECASE,
)
_ITS = re.compile(
    r"\s*(?P<text>its\s+(?:(?P<terms>" + _TERMS + r")|mandate|work|term|activities"
    r"|coordination|secretariat))\b",
    re.IGNORECASE,
)
_POSSESSIVE_TERMS = re.compile(r"['’]s\s+" + _TERMS, re.IGNORECASE)
_NEW_NAME = re.compile(r"\s+(?:as|to|into)\s+", re.IGNORECASE)
_NEW_NAME_WORDS = re.compile(r"(?:the\s+)?(?P<name>[A-Z][^,;:.]*?)\s*(?=[,;:.]|$)")
_TITLE_BODY = re.compile(
    r"^(?:the\s+)?(?:issue\s+management\s+group|IMG|task\s+team|task\s+force"
    r"|consultative\s+process|(?:UN\s+)?coalition)\s+(?:on|for)\s+\S",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Named:
    """A body a text names: as printed, its name (None: unknown) and type."""

    text: str
    name: str | None
    type: BodyType
    start: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A body a decision names, with the event it records (rule 5)."""

    named: Named
    event: BodyEvent | None = None
    new_name: str | None = None


@dataclass
class Context:
    """What short forms may mean in a section (rule 2)."""

    vocabulary: Vocabulary
    section_body: tuple[str, BodyType] | None = None
    #: The last body of each type (None: of any type) named in the section's earlier
    #: decisions, and in the current decision.
    earlier: dict[BodyType | None, str] = field(default_factory=dict)
    current: dict[BodyType | None, str] = field(default_factory=dict)

    @classmethod
    def of_section(cls, vocabulary: Vocabulary, title: str) -> Context:
        """The context of a section titled ``title`` (rule 1)."""
        return cls(vocabulary, section_body(vocabulary, title))

    def next_decision(self) -> None:
        self.earlier.update(self.current)
        self.current = {}

    def remember(self, name: str, kind: BodyType) -> None:
        """``name`` was just named in the current decision."""
        self.current[kind] = self.current[None] = name

    def resolve(self, kind: BodyType | None) -> str | None:
        """The body a short form of type ``kind`` (None: "its") means (rule 2)."""
        if kind in self.current:
            return self.current[kind]
        if self.section_body is not None and kind in (None, self.section_body[1]):
            return self.section_body[0]
        return self.earlier.get(kind)

    def named(self, mention: Mention) -> Named:
        """What a body mention names; a full name is remembered for later short forms."""
        assert mention.type is not None
        if mention.kind == "short":
            return Named(mention.text, self.resolve(mention.type), mention.type, mention.start)
        assert mention.name is not None
        self.remember(mention.name, mention.type)
        return Named(mention.text, mention.name, mention.type, mention.start)


def section_body(vocabulary: Vocabulary, title: str) -> tuple[str, BodyType] | None:
    """The body a section's title names, if it is one (rule 1)."""
    title = title.strip().rstrip(".:")
    found = list(vocabulary.mentions(title))
    if len(found) == 1 and found[0].kind == "body" and found[0].name is not None:
        rest = title[: found[0].start] + title[found[0].end :]
        if not rest.strip(" .:-–") or rest.strip().lower() == "the":
            return found[0].name, body_type(found[0].name)
    if _TITLE_BODY.match(title):
        name = vocabulary.body_name(title)
        return name, body_type(name)
    return None


def references(
    text: str, mentions: Sequence[Mention], clauses: Sequence[Clause], context: Context
) -> list[Reference]:
    """The bodies ``text`` names, with the events its ``clauses`` record (rules 2-5), in
    the order printed.  ``mentions`` are the text's names (:meth:`Vocabulary.mentions`)."""
    bodies = [m for m in mentions if m.type is not None]
    at = {m.start: m for m in bodies}
    acting = sorted((c for c in clauses if _event_verb(c) is not None), key=lambda c: c.start)
    found: list[Reference] = []
    new_names: set[int] = set()  # where the mentions used as new names start
    next_clause = 0  # the first clause not yet reached
    for mention in bodies:
        while next_clause < len(acting) and acting[next_clause].start <= mention.start:
            found.extend(_its_event(text, acting[next_clause], context))
            next_clause += 1
        if mention.start in new_names:
            continue
        named = context.named(mention)
        clause = acting[next_clause - 1] if next_clause else None
        lead = _lead(text, clause, mention)
        if clause is None or lead is None:
            found.append(Reference(named))
            continue
        action, event = cast(tuple[str, "BodyEvent | None"], _event_verb(clause))
        if lead["terms"] or _POSSESSIVE_TERMS.match(text, mention.end):
            event = "terms_of_reference" if action in TERMS_ACTIONS else event
        elif action in TERMS_ACTIONS:
            event = None
        new_name = None
        if event == "renamed":
            new_name, used = _new_name(text, mention, at, context)
            if used is not None:
                new_names.add(used.start)
        found.append(Reference(named, event, new_name))
    for clause in acting[next_clause:]:
        found.extend(_its_event(text, clause, context))
    return found


def _event_verb(clause: Clause) -> tuple[str, BodyEvent | None] | None:
    """The last verb of the clause's chain that names an event (rule 3)."""
    for verb in reversed(clause.verbs):
        if verb.action in EVENTS:
            return verb.action, EVENTS[verb.action]
        if verb.action in TERMS_ACTIONS:
            return verb.action, None
    return None


def _lead(text: str, clause: Clause | None, mention: Mention) -> re.Match[str] | None:
    """The words between a clause's verbs and ``mention`` when the verbs act on it
    (rule 3); None when they do not."""
    if clause is None or not clause.start <= mention.start < clause.end:
        return None
    return _LEAD.fullmatch(text, clause.start, mention.start)


def _its_event(text: str, clause: Clause, context: Context) -> list[Reference]:
    """The event of a clause whose object is "its ..." (rule 3), if it is one."""
    its = _ITS.match(text, clause.start)
    verb = _event_verb(clause)
    if its is None or verb is None or its.end() > clause.end:
        return []
    action, event = verb
    if action in TERMS_ACTIONS:
        if not its["terms"]:
            return []
        event = "terms_of_reference"
    name = context.resolve(None)
    kind = body_type(name) if name is not None else "other"
    return [Reference(Named(its["text"], name, kind, its.start("text")), event)]


def _new_name(
    text: str, old: Mention, bodies: dict[int, Mention], context: Context
) -> tuple[str | None, Mention | None]:
    """The new name of a renaming whose old name is ``old`` (rule 4), and the mention it
    is, if any (``bodies``: the text's body mentions by where they start)."""
    link = _NEW_NAME.match(text, old.end)
    if link is None:
        return None, None
    new = bodies.get(link.end())
    if new is not None and new.name is not None:
        assert new.type is not None
        context.remember(new.name, new.type)
        return new.name, new
    words = _NEW_NAME_WORDS.match(text, link.end())
    if words is None:
        return None, None
    name = context.vocabulary.body_name(words["name"])
    context.remember(name, body_type(name))
    return name, None


def listed(found: Sequence[tuple[T, Reference]]) -> list[tuple[T, Reference]]:
    """Rule 5: each (name, event) once; no entry without an event for a body with one
    (``found``: pairs of where and what, in order)."""

    def key(ref: Reference) -> str:
        return ref.named.name or ref.named.text.casefold()

    with_event = {key(ref) for _, ref in found if ref.event is not None}
    seen: set[tuple[str, str | None, str | None]] = set()
    kept: list[tuple[T, Reference]] = []
    for where, ref in found:
        k = (key(ref), ref.event, ref.new_name)
        if k in seen or (ref.event is None and k[0] in with_event):
            continue
        seen.add(k)
        kept.append((where, ref))
    return kept
