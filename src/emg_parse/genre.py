"""The document's genre: what kind of outcome document it is, and whether it records what
was approved or proposes it (``document.kind``, ``document.status``).

Rules:

1. **Kind** comes from the title alone: the first of :data:`KINDS` that it names --
   recommended actions ("Progress Report and Recommended Actions"), action points
   ("Summary of Action Points", "Approved Action Points", "Table of Proposed Action
   Points", and any other actions or follow-up: "Table of Agreed Actions", "Agreed
   Follow-up"), decisions ("Summary of decisions"), outcome ("Outcome document"), report
   ("Report of the meeting", "Final report", "Report of the nineteenth meeting ...",
   "Minutes of the meeting", "Chair's summary"). No title, or a title that names none,
   has no kind.
2. **Approved** when the title says so (:data:`~emg_parse.patterns.APPROVED_TITLE`:
   "Approved Action Points") or a line of the header zone starts by saying so
   (:data:`~emg_parse.patterns.APPROVAL`: "As approved by the Senior Officials ...",
   "Adopted by silence procedure ...").  This wins over rule 3: a table of proposed
   action points stamped "As approved by ..." records what was approved.
3. **Proposed** when the title says so (:data:`~emg_parse.patterns.PROPOSED_TITLE`:
   "Proposed", "Recommended"), a line of the header zone puts the document to the
   meeting (:data:`~emg_parse.patterns.PROPOSAL`: "for the consideration of the Senior
   Officials"), or a line anywhere in the document opens with the deciding body asked to
   act (:data:`~emg_parse.patterns.MAY_WISH`: "The Senior Officials may wish to:").
4.  Otherwise the document does not say: no status.  A body sentence such as "The meeting
   adopted the agenda" is no approval of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from emg_parse.model import DocumentKind, DocumentStatus
from emg_parse.patterns import APPROVAL, APPROVED_TITLE, MAY_WISH, PROPOSAL, PROPOSED_TITLE

#: The kind of document a title names; the first that matches counts (``Progress
#: Report and Recommended Actions`` is recommended actions, ``Table of Proposed
#: Action Points`` action points).  A title that matches none has no kind.
KINDS: tuple[tuple[DocumentKind, re.Pattern[str]], ...] = (
    (
        "recommended_actions",
        re.compile(r"\b(?:recommended|proposed|suggested)\s+actions\b", re.IGNORECASE),
    ),
    (
        "action_points",
        re.compile(r"\baction\s+points?\b|\bactions\b|\bfollow[- ]?up\b", re.IGNORECASE),
    ),
    ("decisions", re.compile(r"\bdecisions\b", re.IGNORECASE)),
    ("outcome", re.compile(r"\boutcomes?\b", re.IGNORECASE)),
    (
        "report",
        re.compile(
            r"\b(?:report|record|minutes)\b|\bchair['’]?s\s+summary\b"
            r"|\bsummary\s+of\s+(?:the\s+)?(?:meeting|discussions?|proceedings)\b",
            re.IGNORECASE,
        ),
    ),
)


def kind_of(title: str | None) -> DocumentKind | None:
    """The kind the title names (rule 1), or None."""
    if title is None:
        return None
    return next((kind for kind, pattern in KINDS if pattern.search(title)), None)


def status_of(
    title: str | None, header_lines: Iterable[str], body_lines: Iterable[str]
) -> DocumentStatus | None:
    """The status (rules 2-4) from the title, the other lines of the header zone and
    the lines after it; each line is looked at once."""
    if title is not None and APPROVED_TITLE.search(title):
        return "approved"
    proposed = title is not None and PROPOSED_TITLE.search(title) is not None
    for line in header_lines:
        if APPROVAL.match(line):
            return "approved"
        proposed = proposed or PROPOSAL.search(line) is not None or bool(MAY_WISH.match(line))
    if proposed:
        return "proposed"
    return "proposed" if any(MAY_WISH.match(line) for line in body_lines) else None
