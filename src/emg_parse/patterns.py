"""Every regular expression emg-parse uses to recognise structure, in one place.

Each pattern has examples in ``tests/test_patterns.py``.  Patterns match cleaned
text (see :mod:`emg_parse.cleanup`): single spaces, no markup, ordinals joined.
Ordinals (``26th``, ``Twenty-sixth``) are :mod:`emg_parse.ordinals`'s; the patterns
that contain one are built on its :data:`~emg_parse.ordinals.ORDINAL`.
"""

from __future__ import annotations

import re

from emg_parse.ordinals import ORDINAL, SUFFIX

#: A list label at the start of an item, with what follows it.
#: ``a) text``, ``(a) text``, ``a. text``, ``(iv) text``, ``iv. text``, ``12. text``,
#: ``aa) text``, ``1.2 text``, ``1.2. text``.  The label must be followed by white space
#: (or end the line), so ``e.g. this``, ``i.e. that`` and ``1.5°C`` are not labels.
LABEL = re.compile(
    r"""^\s*
    (?:
        \(\s*(?P<paren>[a-z]{1,2}|[ivxlc]{1,7}|\d{1,3})\s*\)      # (a) (iv) (3)
      | (?P<decimal>\d{1,3}(?:\.\d{1,3}){1,3})\.?                 # 1.2 1.2.
      | (?P<plain>[a-z]{1,2}|[ivxlc]{1,7}|\d{1,3})\s?(?P<punct>[.)])  # a) iv. 3.
    )
    (?:\s+|$)
    (?P<rest>.*)$""",
    re.VERBOSE | re.DOTALL,
)

#: A valid lower-case roman numeral (1..399), used to tell ``iv`` from a word.
ROMAN = re.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

#: A label's normalised value as the output holds it (roman numerals: :data:`ROMAN`):
#: ``a``, ``aa`` (a doubled letter), ``12`` (as printed: ``0`` and ``01`` too), ``1.1``.
LABEL_VALUE = re.compile(r"[a-z]|([a-z])\1|\d{1,5}(?:\.\d{1,5})*")

#: A section heading: upper-case roman number, a dot or bracket (or a tab), a title.
#: ``I. Consultative Process on Biodiversity``, ``XII) Consultative Process``,
#: ``IV.Task Team``.  The title must start with a capital, digit or quote.
SECTION = re.compile(
    r"""^\s*(?P<number>(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))
    (?:\s*[.)]\s*|\t\s*)
    (?P<title>[A-Z0-9"“‘'(].*)$""",
    re.VERBOSE,
)

#: A section number alone, as a text file may print it before a wide gap: ``IV.``,
#: ``XII)``.
SECTION_NUMBER = re.compile(r"^[IVXLC]+[.)]$")

#: A label inside a paragraph, where a list runs on within it: ``(b)`` of ``... in order
#: to: (a) present ...; (b) contribute``; ``b)`` after white space.
INLINE_LABEL = re.compile(r"(?<=\s)\(?(?:[a-z]{1,2}|[ivxlc]{1,7})\)(?=\s|$)")

#: A numbered section heading of any scheme, with its title: upper-case roman
#: (``IV. Title``, ``IV.Title``, ``XII) Title``), capital letter (``A. Title``, ``B)
#: Title``), arabic (``3. Title``, ``3) Title``), decimal (``2.1 Title``, ``2.1. Title``),
#: or an agenda item (``Agenda item 3: Title``, ``Item 3 – Title``, ``AGENDA ITEM 3.
#: Title``).  The number is ``number`` (``item`` holds the words of an agenda item) and
#: the title, which starts with a capital, digit, quote or bracket, is ``title``.
#: Whether a match is a heading and not a numbered paragraph is the segmenter's
#: question (:mod:`emg_parse.headings`).
HEADING = re.compile(
    r"""^\s*(?:
        (?P<item>(?i:(?:agenda\s+)?item))\s+(?P<item_number>\d{1,3})\s*(?:[:.–—-]|\t)\s*
      | (?P<number>(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|[A-Z])
        (?:\s*[.)]\s*|\t\s*)
      | (?P<arabic>\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}[.)])[ \t]+
    )
    (?P<title>[A-Z0-9"“‘'(].*)$""",
    re.VERBOSE | re.DOTALL,
)

#: A heading's number alone on its line, before its title on the next: ``IV.``,
#: ``A.``, ``3.``, ``2.1``, ``Agenda item 3:``, ``Item 3 –``.
HEADING_NUMBER = re.compile(
    r"""^\s*(?:(?i:(?:agenda\s+)?item)\s+\d{1,3}\s*[:.–—-]
      | (?:[IVXLC]{1,7}|[A-Z]|\d{1,3})[.)] | \d{1,3}(?:\.\d{1,3}){1,3}\.?)\s*$""",
    re.VERBOSE,
)

#: An annex heading, the whole line: ``Annex``, ``Annex I``, ``ANNEX II – List of
#: participants``, ``Annex 1: Agenda``, ``Appendix A``.  Not a sentence that cites an
#: annex (``Annex I to the present report lists ...``): a title follows a colon, dash
#: or full stop.
ANNEX = re.compile(
    r"""^\s*(?i:annex|appendix)(?:\s+(?:[IVXLC]{1,6}|\d{1,2}|[A-Z]))?
    (?:\s*[:.–—-]\s*[A-Z"“‘'(][^\n]{0,150})?\s*$""",
    re.VERBOSE,
)

#: The deciding body of a decision, as its subject: ``The Senior Officials``, ``The EMG
#: Senior Officials``, ``The Senior Officials Meeting``, ``The SOM``, ``EMG Members``
#: (not ``Members`` alone),
#: ``The EMG``, ``The Environment Management Group``, ``The meeting``, ``The
#: participants``, ``The Senior Segment`` (any segment).  Not ``The EMG Secretariat``:
#: a body is followed by its verb (:func:`emg_parse.actions.actions`), never by a noun.
DECIDING_BODY = (
    r"(?:The\s+)?(?:(?:EMG|UN\s+EMG|UN|Environment\s+Management\s+Group)\s+)?"
    r"(?:Senior\s+Officials(?:['’]?\s+Meeting)?|SOM|Members\s+of\s+the\s+(?:EMG|Group)"
    r"|EMG\s+Members|EMG|Environment\s+Management\s+Group|Meeting|Participants"
    r"|(?:(?:Senior|Technical|High[- ]?level|Principals['’]?|Joint)\s+)?Segment)"
)

#: A decision's sentence whose subject is its deciding body (:data:`DECIDING_BODY`):
#: ``The Senior Officials agreed to ...`` -> actor ``The Senior Officials``, and what
#: follows it (``rest``), where its verbs are looked for.  An opening phrase before a
#: comma (``In this regard, the Senior Officials agreed``) and a phrase between commas
#: after the body (``The Senior Officials, having considered the note, decided``) may
#: stand around it.
BODY_SUBJECT = re.compile(
    r"^\s*(?:[^,;:.]{1,80},\s+)?(?P<actor>" + DECIDING_BODY + r")\b"
    r"(?:\s*,[^,;:]{1,150},)?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)

#: The actor line that opens the decisions of a section: a deciding body (with
#: "The"), maybe its verb, and a colon.  ``The Senior Officials:``, ``The Senior
#: Officials decided to:``, ``The EMG Senior Officials agreed to:``, ``The Senior
#: Officials Meeting:``, ``The Senior Officials may wish to:``, ``The Senior Officials
#: are invited to:``, ``The Senior Officials took the following decisions:``.
ACTOR = re.compile(
    r"""^\s*(?P<actor>The\s+""" + DECIDING_BODY + r"""
    (?:\s+(?:(?:decided|agreed|resolved|decide|agree|resolve)(?:\s+to|\s+as\s+follows)?
        |may\s+(?:also\s+)?wish\s+to|(?:are|is)\s+(?:also\s+)?invited\s+to
        |took\s+the\s+following\s+(?:decisions|actions)))?)
    \s*:\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

#: Document title lines.  ``Summary of Action Points``, ``Summary of Decisions``,
#: ``Action Points``, ``Outcome Document``, ``Decisions of the Senior Officials``.
TITLE = re.compile(
    r"""^\s*(?:Summary\s+of\s+(?:the\s+)?(?:Action\s+Points|Decisions|Outcomes?|Conclusions)
    |Action\s+Points|Outcome\s+(?:Document|Statement)|Decisions(?:\s+(?:of|taken|adopted)\b.*)?
    |Conclusions(?:\s+of\b.*)?|Summary\s+Report)\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

#: Organisation lines at the top of the header block: ``UNITED NATIONS``,
#: ``ENVIRONMENT MANAGEMENT GROUP``, ``EMG``.
ORGANISATION = re.compile(
    r"^\s*(?:UNITED\s+NATIONS(?:\s+ENVIRONMENT\s+MANAGEMENT\s+GROUP)?|"
    r"(?:UN\s+)?ENVIRONMENT\s+MANAGEMENT\s+GROUP(?:\s*\(EMG\))?|(?:UN\s+)?EMG)\s*$",
    re.IGNORECASE,
)

#: Document symbol.  ``EMGSOM.26_3a``, ``EMG/SOM.27/2``, ``EMGSOM 25/3``.
SYMBOL = re.compile(
    r"(?<![\w/])(?P<symbol>EMG\s?/?\s?SOM[ ._/-]?\d{1,3}(?:[._/-][A-Za-z0-9]+)*)(?![\w/])"
)

#: ``Distribution: EMG Members`` (the value runs to the end of the line; it may be
#: empty when the value is printed on the next line).
DISTRIBUTION = re.compile(r"\bDistribution\s*:\s*(?P<distribution>[^\t]*?)\s*$", re.IGNORECASE)

#: The meeting's name, starting with its ordinal.
#: ``26th Senior Officials Meeting of the United Nations Environment Management Group``,
#: ``Twenty-seventh Meeting of the Senior Officials of the EMG``, ``25th EMG SOM``.
MEETING_NAME = re.compile(
    r"(?P<name>(?P<ordinal>" + ORDINAL + r")\s+"
    r"(?:(?:EMG|UN\s+EMG)\s+)?"
    r"(?:Senior\s+Officials['’]?\s+Meeting|Meeting\s+of\s+(?:the\s+)?Senior\s+Officials|SOM)"
    r"(?:\s+of\s+the\s+(?:United\s+Nations\s+|UN\s+)?Environment\s+Management\s+Group"
    r"(?:\s*\(EMG\))?|\s+of\s+the\s+EMG)?)",
    re.IGNORECASE,
)

#: ``Senior Segment``, ``Technical Segment``, ``High-level Segment``.
SEGMENT = re.compile(
    r"\b(?P<segment>(?:Senior|Technical|High[- ]?[Ll]evel|Principals['’]?|Joint)\s+Segment)\b",
    re.IGNORECASE,
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY1 = r"(?P<day>\d{1,2})" + SUFFIX + "?"
_DAY2 = r"(?:\s*(?:[-–]|to|and)\s*(?P<end_day>\d{1,2})" + SUFFIX + "?)?"

#: Dates: ``28th October 2020``, ``28 October 2020``, ``28-29 October 2020``,
#: ``October 28, 2020``, ``2020-10-28``.
DATE = re.compile(
    r"\b(?:"
    + _DAY1 + _DAY2 + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"
    + r"|" + _MONTH.replace("month", "month2") + r"\s+"
    + _DAY1.replace("day", "day2") + _DAY2.replace("end_day", "end_day2")
    + r",?\s+(?P<year2>\d{4})"
    + r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    + r")\b",
    re.IGNORECASE,
)  # fmt: skip

#: Meeting time as printed: ``14:00 -15:30 GVA time``, ``9.30 a.m. - 12.30 p.m. (CET)``.
_ZONE = r"(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})"
TIME = re.compile(
    r"(?P<time>\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[-–]|to)\s*\d{1,2}[:.h]\d{2}"
    r"\s*(?:[ap]\.?m\.?)?(?:\s*\(" + _ZONE + r"\)|\s*" + _ZONE + r")?(?:\s+time)?)",
    re.IGNORECASE,
)

#: Venue words that need no city: ``Online``, ``Virtual``, ``Hybrid``.
VIRTUAL_VENUE = re.compile(r"\b(?P<venue>Online|Virtual(?:ly)?|Hybrid|Video\s*conference)\b",
                           re.IGNORECASE)

#: Words that can end a line without ending a sentence (``e.g.`` then a name).
ABBREVIATION_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|cf|viz|vs|No|Nos|para|paras|Art|Mr|Ms|Dr|St)\.|\b[A-Z]\.)$"
)

#: A page-number line: ``Page 2 of 4``, ``Page 2``, ``p. 3``, ``2/4``, ``2 of 4``,
#: ``- 2 -``, ``2``, ``(2)``, ``[2]``.
PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        (?:page|p\.|pg\.?|seite|página|pagina)\s*\d{1,4}(?:\s*(?:of|/|de|sur|von)\s*\d{1,4})?
      | \d{1,4}\s*(?:/|of)\s*\d{1,4}
      | [-–—]\s*\d{1,4}\s*[-–—]
      | \[?\(?\d{1,4}\)?\]?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

#: A "Page N of M" line: a page footer wherever it stands (:data:`PAGE_NUMBER` matches
#: more forms, and only in a page's margin).
PAGE_OF = re.compile(r"^Page \d+ of \d+$", re.IGNORECASE)

#: A short list label or bullet standing alone as one PDF word, which a tab-wide gap
#: may follow without starting a new column: ``a)`` ``(a)`` ``a.`` ``i.`` ``iv)``
#: ``I.`` ``1.`` ``1.2.`` ``1.2`` ``A.`` ``(3)`` ``•`` ``-``.
SHORT_LABEL = re.compile(
    r"""^(?:
        \(?(?:[A-Za-z]{1,2}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7}|\d{1,3}(?:\.\d{1,3})*)[.)]
      | \d{1,3}(?:\.\d{1,3}){1,3}
      | \(\d{1,3}\) | \([A-Za-z]{1,2}\) | \([ivxlcdmIVXLCDM]{1,7}\)
      | [•·▪■□◦●○\-–—*»›➢➤✓✔o§]
    )$""",
    re.VERBOSE,
)

#: Font-name parts that mean bold / italic (``ABCDEF+Calibri-BoldItalic``, ``Arial,Bold``).
BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)
