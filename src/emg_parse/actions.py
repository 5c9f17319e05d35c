"""The operative verbs of a decision, normalised to a small documented vocabulary.

A decision starts with a chain of operative verbs joined by "and", "to", "also",
"further" or a comma: "Consider and endorse the report" -> ``[consider, endorse]``;
"Decide to extend the Task Team" -> ``[decide, extend]``; "Take note of" ->
``[take_note]``.  The chain stops at the first word that is not in the vocabulary,
so the verbs of the object ("Request the Secretariat *to report*") are not taken.

Vocabulary (action: forms accepted):
"""

from __future__ import annotations

import re

#: action -> the verb forms that express it (first word(s) of the phrase).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "take_note": ("take note", "takes note", "took note", "taking note", "note", "notes",
                  "noted"),
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
    "welcome": ("welcome", "welcomes", "welcomed"),
    "invite": ("invite", "invites", "invited"),
    "request": ("request", "requests", "requested"),
    "encourage": ("encourage", "encourages", "encouraged"),
    "urge": ("urge", "urges", "urged"),
    "call_upon": ("call upon", "calls upon", "called upon", "call on", "calls on"),
    "recommend": ("recommend", "recommends", "recommended"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "recognize": ("recognize", "recognise", "recognizes", "recognises", "recognized",
                  "recognised"),
    "reaffirm": ("reaffirm", "reaffirms", "reaffirmed"),
    "support": ("support", "supports", "supported"),
    "express": ("express", "expresses", "expressed"),
    "thank": ("thank", "thanks", "thanked"),
    "commend": ("commend", "commends", "commended"),
    "mandate": ("mandate", "mandates", "mandated"),
    "review": ("review", "reviews", "reviewed"),
    "renew": ("renew", "renews", "renewed"),
}  # fmt: skip

__doc__ = (__doc__ or "") + "\n".join(
    f"* ``{action}``: {', '.join(forms)}" for action, forms in VOCABULARY.items()
)

_FORMS = {form: action for action, forms in VOCABULARY.items() for form in forms}
_VERB = re.compile(
    r"(?:" + "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_JOINER = re.compile(r"(?:\s*(?:,|\band\b|\bto\b|\balso\b|\bfurther\b))+\s*", re.I)
_OF = re.compile(r"\s*of\b", re.IGNORECASE)


def actions(text: str) -> list[str]:
    """The normalised operative verbs at the start of ``text`` (may be empty)."""
    found: list[str] = []
    pos = 0
    while True:
        m = _VERB.match(text, pos)
        if m is None:
            break
        action = _FORMS[m.group(0).lower()]
        if action not in found:
            found.append(action)
        pos = m.end()
        if action == "take_note" and (of := _OF.match(text, pos)):
            pos = of.end()
        joiner = _JOINER.match(text, pos)
        if joiner is None:
            break
        pos = joiner.end()
    return found
