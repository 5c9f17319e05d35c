"""The operative verbs of a decision, normalised to a small documented vocabulary.

``actions(text)`` reads the verbs whose subject is the deciding body, in order, one
vocabulary whatever the tense ("Decide", "decided", "may wish to decide" -> ``decide``).
``text`` starts where the body's verb may start: the caller leaves out a subject such as
"The Senior Officials" (:data:`emg_parse.patterns.DECIDING_BODY`).  Rules, in the order
applied:

1. **Opening.**  A modal ("may wish to", "may also wish to", "are invited to"), the
   "to" of a decision under "The Senior Officials decided:" ("to welcome the report")
   and adverbs ("also", "further", "formally", any word in ``-ly``) before the first
   verb are skipped.
2. **Chain.**  Verbs joined by "and", "to", "also", "further", "in principle" or a
   comma are all the body's: "Consider and endorse the report" -> ``[consider,
   endorse]``; "Decide to extend the Task Team" -> ``[decide, extend]``; "Agree in
   principle to establish" -> ``[agree, establish]``.  "Take note of" is one verb.  The
   chain stops at the first word that is not in the vocabulary, so the verbs of an
   addressee ("Request the Secretariat *to report*") are not taken.
3. **Nouns.**  A vocabulary word followed by a word that shows it is a noun or takes
   no object ("of", "for", "by", "at", "was", ...: "Review of the indicators", "support
   provided by", "The meeting closed at 5 p.m.") is not a verb.  After "agree" or
   "decide", "to the creation of" (or "establishment") is the verb it names: "Agree to
   the creation of a Task Team" -> ``[agree, establish]``.
4. **Coordinated verbs.**  After the chain, up to a colon or the end of the sentence,
   a vocabulary verb in lower case that follows "and" in the tense of the first verb
   (imperative "Decide", past "decided", present "decides") starts a new chain:
   "took note of X and agreed to conclude Y" -> ``[take_note, agree, conclude]``.  An
   imperative verb after "and" counts only when no uncounted infinitive stands between
   it and the last verb counted ("Request the Secretariat to prepare X and support Y"
   -> ``[request]``: *support* is the Secretariat's).  "and to <verb>" counts when the
   infinitive it is parallel to (the last "to <verb>" before it) counted: "Decide to
   conclude X and to transfer Y" -> ``[decide, conclude, transfer]`` but "Request the
   Secretariat to facilitate X and to support Y" -> ``[request]``.
5. An action is listed once, at its first place.

Vocabulary (action: forms accepted; the tense of a form: a first word in ``-ed`` or
"took" is past, a form that is another form plus "s"/"es" is present, a first word in
``-ing`` is a gerund, any other form is the imperative):
"""

from __future__ import annotations

import re
from typing import Literal

#: action -> the verb forms that express it (first word(s) of the phrase).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "take_note": ("take note", "takes note", "took note", "taking note", "note", "notes", "noted"),
    "consider": ("consider", "considers", "considered"),
    "endorse": ("endorse", "endorses", "endorsed"),
    "approve": ("approve", "approves", "approved"),
    "adopt": ("adopt", "adopts", "adopted"),
    "decide": ("decide", "decides", "decided"),
    "agree": ("agree", "agrees", "agreed"),
    "extend": ("extend", "extends", "extended"),
    "establish": ("establish", "establishes", "established"),
    "conclude": ("conclude", "concludes", "concluded"),
    "transfer": ("transfer", "transfers", "transferred"),
    "close": ("close", "closes", "closed", "dissolve", "dissolves", "dissolved"),
    "launch": ("launch", "launches", "launched"),
    "continue": ("continue", "continues", "continued"),
    "renew": ("renew", "renews", "renewed"),
    "rename": ("rename", "renames", "renamed"),
    "welcome": ("welcome", "welcomes", "welcomed"),
    "invite": ("invite", "invites", "invited"),
    "request": ("request", "requests", "requested"),
    "encourage": ("encourage", "encourages", "encouraged"),
    "urge": ("urge", "urges", "urged"),
    "call_upon": ("call upon", "calls upon", "called upon", "call on", "calls on"),
    "recommend": ("recommend", "recommends", "recommended"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "recognize": ("recognize", "recognise", "recognizes", "recognises", "recognized", "recognised"),
    "reaffirm": ("reaffirm", "reaffirms", "reaffirmed"),
    "support": ("support", "supports", "supported"),
    "express": ("express", "expresses", "expressed"),
    "thank": ("thank", "thanks", "thanked"),
    "commend": ("commend", "commends", "commended"),
    "mandate": ("mandate", "mandates", "mandated"),
    "review": ("review", "reviews", "reviewed"),
}

#: Nouns that name an action after "agree to the" / "decide on the" (rule 3).
NOUNS: dict[str, str] = {"creation": "establish", "establishment": "establish"}

__doc__ = (__doc__ or "") + "\n".join(
    f"* ``{action}``: {', '.join(forms)}" for action, forms in VOCABULARY.items()
)

Tense = Literal["imperative", "present", "past", "gerund"]


def tense(form: str) -> Tense:
    """The tense of a vocabulary form (see the module docstring)."""
    first, _, rest = form.partition(" ")
    if first.endswith("ed") or first == "took":
        return "past"
    if first.endswith("ing"):
        return "gerund"
    for ending in ("es", "s"):
        base = first.removesuffix(ending)
        if base != first and " ".join(filter(None, (base, rest))) in _FORMS_SET:
            return "present"
    return "imperative"


_FORMS_SET = {form for forms in VOCABULARY.values() for form in forms}
_FORMS = {form: action for action, forms in VOCABULARY.items() for form in forms}
_TENSES = {form: tense(form) for form in _FORMS}
_VERB = re.compile(
    r"(?:" + "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
#: Words after a vocabulary word that make it a noun (rule 3).
_NOUN_FOLLOWER = re.compile(
    r"\s*(?:(?:of|for|from|by|at|is|was|were|has|had|have|are|provided|given|made|received|"
    r"offered|process|processes|mechanism)\b)",
    re.IGNORECASE,
)
_ADVERB = re.compile(r"(?:also|further|hereby|therefore|formally|[a-z]+ly)\s+", re.IGNORECASE)
_OPENING = re.compile(
    r"\s*(?:(?:may|might)\s+(?:also\s+)?wish\s+to|(?:are|is)\s+(?:also\s+)?invited\s+to"
    r"|to)\s+",
    re.IGNORECASE,
)
_JOINER = re.compile(
    r"(?:\s*(?:,|\band\b|\bto\b|\balso\b|\bfurther\b|\bin\s+principle\b))+\s*", re.IGNORECASE
)
_OF = re.compile(r"\s*of\b", re.IGNORECASE)
_NOUN = re.compile(r"\s*(?:to|on)\s+the\s+(?P<noun>" + "|".join(NOUNS) + r")\s+of\b", re.IGNORECASE)
#: The words that may start a coordinated verb or an infinitive (rule 4).
_LINK = re.compile(r"\b(?:and\s+(?:to\s+)?|to\s+)", re.IGNORECASE)
#: Where the body's sentence ends: a colon (a list follows) or a full stop (rule 4).
_CLAUSE_END = re.compile(r":|\.\s+[A-Z]")
_TO_END = re.compile(r"\bto\s*$", re.IGNORECASE)
#: "to" before these words is a preposition, not an infinitive.
_NOT_INFINITIVE = re.compile(
    r"(?:the|a|an|its|their|his|her|this|that|these|those|all|each|every|any|member|"
    r"members|date|be\b|[^a-z\s])",
)


class _Reader:
    """One pass over a decision's text (rules 2-4)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[str] = []
        self.tense: Tense | None = None
        #: the last "to <word>" read was an infinitive that did not count
        self.open_infinitive = False

    def verb_at(self, pos: int) -> re.Match[str] | None:
        """A vocabulary verb at ``pos`` (not a noun: rule 3)."""
        m = _VERB.match(self.text, pos)
        if m is None or _FORMS[m.group(0).lower()] == "take_note":
            return m
        if _NOUN_FOLLOWER.match(self.text, m.end()):
            return None
        return m

    def chain(self, pos: int) -> int:
        """Read a chain of verbs from ``pos`` (rule 2); return where it stops."""
        text = self.text
        while True:
            probe = pos
            while adverb := _ADVERB.match(text, probe):  # "also warmly welcomed"
                probe = adverb.end()
            m = self.verb_at(probe)
            if m is None:
                m = self.verb_at(pos)
            if m is None:
                return pos
            form = m.group(0).lower()
            self.add(_FORMS[form])
            if self.tense is None:
                self.tense = _TENSES[form]
            self.open_infinitive = False
            pos = m.end()
            if _FORMS[form] == "take_note" and (of := _OF.match(text, pos)):
                pos = of.end()
            if _FORMS[form] in ("agree", "decide") and (noun := _NOUN.match(text, pos)):
                self.add(NOUNS[noun["noun"].lower()])
                return noun.end()
            joiner = _JOINER.match(text, pos)
            if joiner is None:
                return pos
            if _TO_END.search(joiner.group(0)) and self.verb_at(joiner.end()) is None:
                self.open_infinitive = _NOT_INFINITIVE.match(text, joiner.end()) is None
                return joiner.end()
            pos = joiner.end()

    def add(self, action: str) -> None:
        if action not in self.found:
            self.found.append(action)

    def coordinated(self, pos: int) -> None:
        """Find the verbs coordinated with the chain after ``pos`` (rule 4)."""
        text = self.text
        end = _CLAUSE_END.search(text, pos)
        text = text[: end.start()] if end else text
        while (link := _LINK.search(text, pos)) is not None:
            pos = link.end()
            words = link.group(0).lower().split()
            infinitive = words[-1] == "to"
            m = self.verb_at(pos)
            if m is None or not m.group(0)[0].islower():
                if infinitive and _NOT_INFINITIVE.match(text, pos) is None:
                    self.open_infinitive = True
                continue
            form_tense = _TENSES[m.group(0).lower()]
            if words[0] == "and" and infinitive:
                counts = not self.open_infinitive and form_tense == "imperative"
            elif words[0] == "and":
                counts = form_tense == self.tense and (
                    form_tense != "imperative" or not self.open_infinitive
                )
            else:  # "to <verb>" of an addressee
                self.open_infinitive = True
                continue
            if counts:
                pos = self.chain(pos)
            elif infinitive:
                self.open_infinitive = True


def actions(text: str) -> list[str]:
    """The normalised operative verbs of the deciding body in ``text`` (may be empty):
    see the module docstring."""
    reader = _Reader(text)
    opening = _OPENING.match(text)
    pos = reader.chain(opening.end() if opening else 0)
    if reader.found:
        reader.coordinated(pos)
    return reader.found
