"""Every regular expression emg-parse uses to recognise structure, in one place.

Each pattern has examples in ``tests/test_patterns.py``.  Patterns match cleaned
text (see :mod:`emg_parse.cleanup`): single spaces, no markup, ordinals joined.
Ordinals (``26th``, ``Twenty-sixth``) are :mod:`emg_parse.ordinals`'s; the patterns
that contain one are built on its :data:`~emg_parse.ordinals.ORDINAL`.

Each pattern is compiled once, at its first use (:func:`lazy`): a command that needs
a few of them (``validate`` reads labels only) does not pay for the others.
"""

from __future__ import annotations

import re
from typing import Any, cast

from emg_parse.ordinals import ORDINAL, SUFFIX

#: What a pattern is used for: these are bound from the compiled pattern at first use.
_PATTERN_ATTRIBUTES = (
    "match",
    "fullmatch",
    "search",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _Lazy:
    """A regular expression compiled at its first use; then its methods are the compiled
    pattern's own, bound on the instance (no look-up cost per call)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._source)
            for attribute in _PATTERN_ATTRIBUTES:
                setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


def compile_all() -> None:
    """Compile every pattern of this module now (a process that forks workers does it
    once for them all)."""
    for value in list(globals().values()):
        if isinstance(value, _Lazy):
            value.pattern  # noqa: B018 - the first use compiles it


#: A list label at the start of an item, with what follows it.
#: ``a) text``, ``(a) text``, ``a. text``, ``(iv) text``, ``iv. text``, ``12. text``,
#: ``aa) text``, ``1.2 text``, ``1.2. text``.  The label must be followed by white space
#: (or end the line), so ``e.g. this``, ``i.e. that`` and ``1.5°C`` are not labels.
LABEL = lazy(
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
ROMAN = lazy(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

#: A label's normalised value as the output holds it (roman numerals: :data:`ROMAN`):
#: ``a``, ``aa`` (a doubled letter), ``12`` (as printed: ``0`` and ``01`` too), ``1.1``.
LABEL_VALUE = lazy(r"[a-z]|([a-z])\1|\d{1,5}(?:\.\d{1,5})*")

#: A section heading: upper-case roman number, a dot or bracket (or a tab), a title.
#: ``I. Consultative Process on Biodiversity``, ``XII) Consultative Process``,
#: ``IV.Task Team``.  The title must start with a capital, digit or quote.
SECTION = lazy(
    r"""^\s*(?P<number>(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))
    (?:\s*[.)]\s*|\t\s*)
    (?P<title>[A-Z0-9"“‘'(].*)$""",
    re.VERBOSE,
)

#: A section number alone, as a text file may print it before a wide gap: ``IV.``,
#: ``XII)``.
SECTION_NUMBER = lazy(r"^[IVXLC]+[.)]$")

#: A label inside a paragraph, where a list runs on within it: ``(b)`` of ``... in order
#: to: (a) present ...; (b) contribute``; ``b)`` after white space.
INLINE_LABEL = lazy(r"(?<=\s)\(?(?:[a-z]{1,2}|[ivxlc]{1,7})\)(?=\s|$)")

#: A numbered section heading of any scheme, with its title: upper-case roman
#: (``IV. Title``, ``IV.Title``, ``XII) Title``), capital letter (``A. Title``, ``B)
#: Title``), arabic (``3. Title``, ``3) Title``), decimal (``2.1 Title``, ``2.1. Title``),
#: or an agenda item (``Agenda item 3: Title``, ``Item 3 – Title``, ``Session 1: Title``,
#: ``AGENDA ITEM 3. Title``).  The number is ``number`` (``item`` holds the words of an
#: agenda item) and the title, which starts with a capital, digit, quote or bracket, is
#: ``title``.
#: Whether a match is a heading and not a numbered paragraph is the segmenter's
#: question (:mod:`emg_parse.headings`).
HEADING = lazy(
    r"""^\s*(?:
        (?P<item>(?i:(?:agenda\s+)?item|session))\s+(?P<item_number>\d{1,3})\s*(?:[:.–—-]|\t)\s*
      | (?P<number>(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|[A-Z])
        (?:\s*[.)]\s*|\t\s*)
      | (?P<arabic>\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}[.)])[ \t]+
    )
    (?P<title>[A-Z0-9"“‘'(].*)$""",
    re.VERBOSE | re.DOTALL,
)

#: A heading's number alone on its line, before its title on the next: ``IV.``,
#: ``A.``, ``3.``, ``2.1``, ``Agenda item 3:``, ``Item 3 –``.
HEADING_NUMBER = lazy(
    r"""^\s*(?:(?i:(?:agenda\s+)?item|session)\s+\d{1,3}\s*[:.–—-]
      | (?:[IVXLC]{1,7}|[A-Z]|\d{1,3})[.)] | \d{1,3}(?:\.\d{1,3}){1,3}\.?)\s*$""",
    re.VERBOSE,
)

#: An annex heading, the whole line: ``Annex``, ``Annex I``, ``ANNEX II – List of
#: participants``, ``Annex 1: Agenda``, ``Appendix A``.  Not a sentence that cites an
#: annex (``Annex I to the present report lists ...``): a title follows a colon, dash
#: or full stop.
ANNEX = lazy(
    r"""^\s*(?i:annex|appendix)(?:\s+(?:[IVXLC]{1,6}|\d{1,2}|[A-Z]))?
    (?:\s*[:.–—-]\s*[A-Z"“‘'(][^\n]{0,150})?\s*$""",
    re.VERBOSE,
)

#: The deciding body of a decision, as its subject: ``The Senior Officials``, ``The EMG
#: Senior Officials``, ``The Senior Officials Meeting``, ``The SOM``, ``EMG Members``
#: (not ``Members`` alone),
#: ``The EMG``, ``The Environment Management Group``, ``The Group``, ``The meeting``,
#: ``The participants``, ``The Senior Segment`` (any segment).  Not ``The EMG Secretariat``:
#: a body is followed by its verb (:func:`emg_parse.actions.actions`), never by a noun.
DECIDING_BODY = (
    r"(?:The\s+)?(?:(?:EMG|UN\s+EMG|UN|Environment\s+Management\s+Group)\s+)?"
    r"(?:Senior\s+Officials(?:['’]?\s+Meeting)?|SOM|Members\s+of\s+the\s+(?:EMG|Group)"
    r"|EMG\s+Members|EMG|Environment\s+Management\s+Group|Group|Meeting|Participants"
    r"|(?:(?:Senior|Technical|High[- ]?level|Principals['’]?|Joint)\s+)?Segment)"
)

#: A decision's sentence whose subject is its deciding body (:data:`DECIDING_BODY`):
#: ``The Senior Officials agreed to ...`` -> actor ``The Senior Officials``, and what
#: follows it (``rest``), where its verbs are looked for.  An opening phrase before a
#: comma (``In this regard, the Senior Officials agreed``) and a phrase between commas
#: after the body (``The Senior Officials, having considered the note, decided``) may
#: stand around it.
BODY_SUBJECT = lazy(
    r"^\s*(?:[^,;:.]{1,80},\s+)?(?P<actor>" + DECIDING_BODY + r")\b"
    r"(?:\s*,[^,;:]{1,150},)?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)

#: The actor line that opens the decisions of a section: a deciding body (with
#: "The"), maybe its verb, and a colon -- or, with no verb, a comma, as resolutions
#: are laid out.  ``The Senior Officials:``, ``The Senior Officials,``, ``The Senior
#: Officials decided to:``, ``The EMG Senior Officials agreed to:``, ``The Group agreed
#: on the following:``, ``The Senior Officials agreed that:``, ``The Senior Officials
#: Meeting:``, ``The Senior Officials may wish to:``, ``The Senior Officials are
#: invited to:``, ``The Senior Officials took the following decisions:``.
ACTOR = lazy(
    r"""^\s*(?P<actor>The\s+"""
    + DECIDING_BODY
    + r"""
    (?:\s+(?:(?:decided|agreed|resolved|decide|agree|resolve)
          (?:\s+to|\s+as\s+follows|\s+on\s+the\s+following|\s+that)?
        |may\s+(?:also\s+)?wish\s+to|(?:are|is)\s+(?:also\s+)?invited\s+to
        |(?:took|adopted)\s+the\s+following\s+(?:decisions|actions))(?=\s*:))?)
    \s*[:,]\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

#: Document title lines: a genre phrase that fills the line (the clean-up keeps such a
#: line apart from its neighbours).  ``Summary of Action Points``, ``Approved Action
#: Points``, ``Table of Proposed Action Points``, ``Summary of decisions``, ``Outcome
#: document``, ``Final report``, ``Report of the meeting``, ``Progress Report and
#: Recommended Actions``, ``Decisions of the Senior Officials``, ``Chair's summary``,
#: ``Minutes of the meeting``.  It starts with a capital: a wrapped line ``report`` is
#: no title.
_GENRE_OF = r"(?:(?:Summary|Table|Matrix|List|Record|Compilation)\s+of\s+(?:the\s+)?)?"
_GENRE_WORD = (
    r"(?:Approved|Adopted|Agreed|Endorsed|Proposed|Recommended|Suggested|Draft|Revised|Final"
    r"|Provisional|Updated|Consolidated|Key|Main|Meeting|Progress|Summary|Chair['’]?s"
    r"|Follow[- ]?up)\s+"
)
_GENRE_NOUN = (
    r"(?:Action\s+Points?|Actions|Follow[- ]?up|Decisions|Outcomes?(?:\s+(?:Document|Statement))?"
    r"|Report"
    r"|Record|Minutes|Summary|Conclusions)"
)
_GENRE = (
    "(?:"
    + _GENRE_WORD
    + "){0,2}"
    + _GENRE_OF
    + "(?:"
    + _GENRE_WORD
    + "){0,3}"
    + _GENRE_NOUN
    + r"(?:\s+(?:and|&)\s+(?:"
    + _GENRE_WORD
    + "){0,3}"
    + _GENRE_NOUN
    + ")?"
)
TITLE = lazy(
    r"^\s*(?-i:(?=[A-Z]))(?:"
    + _GENRE
    + r"(?:\s+of\s+the\s+(?:meeting|(?:EMG\s+)?Senior\s+Officials(?:['’]?\s+Meeting)?))?"
    + r"|Decisions\s+(?:of|taken|adopted)\b.*|Conclusions\s+of\b.*)\s*$",
    re.IGNORECASE,
)

#: A line that starts with a genre phrase, as a document's title does, whatever
#: follows it: ``Report of the nineteenth meeting of the Senior Officials ...``,
#: ``Action points from the 27th meeting``, ``Summary of decisions: Senior Segment``
#: (``genre`` is the phrase).  ``Decisions taken at the meeting are listed below.``
#: matches too: the header takes no sentence for a title.
GENRE = lazy(
    r"^\s*(?-i:(?=[A-Z]))(?P<genre>" + _GENRE + r")"
    r"(?:\s*$|\s*[:(,–—-]|\s+(?:of|from|for|on|at|taken|adopted|agreed|approved|by|to|as)\b)",
    re.IGNORECASE,
)

#: A line (at its start) saying the document was approved: ``As approved by the
#: Senior Officials``, ``Adopted by silence procedure on 2 May 2014``, ``As agreed at
#: the meeting``, ``This summary was approved by ...``.  ``the work plan, as approved
#: by the Senior Officials, ...`` inside a sentence is not.
APPROVAL = lazy(
    r"^\s*(?:As\s+)?(?:approved|adopted|agreed|endorsed)\s+(?:by|at|on|through|during|via|in)\b"
    r"|^\s*(?:This|The\s+present)\s+(?:[\w-]+\s+){1,3}(?:was|were|has\s+been|have\s+been)\s+"
    r"(?:approved|adopted|agreed|endorsed)\b",
    re.IGNORECASE,
)

#: A title word saying the document records what was approved: ``Approved Action
#: Points``, ``Decisions adopted at ...``, ``Agreed outcomes``.
APPROVED_TITLE = lazy(r"\b(?:approved|adopted|agreed|endorsed)\b", re.IGNORECASE)

#: A title word saying the document proposes: ``Table of Proposed Action Points``,
#: ``Progress Report and Recommended Actions``.
PROPOSED_TITLE = lazy(r"\b(?:proposed|recommended|suggested)\b", re.IGNORECASE)

#: A header line saying the document is put to the meeting: ``Prepared by the EMG
#: Secretariat for the consideration of the Senior Officials``, ``For approval by the
#: SOM``.
PROPOSAL = lazy(
    r"\bfor\s+(?:the\s+)?(?:consideration|approval|adoption|endorsement|decision)\s+(?:of|by)\s+"
    r"the\s+(?:EMG\s+)?(?:Senior\s+Officials|SOM|meeting)\b"
    r"|\bfor\s+(?:the\s+)?(?:consideration|approval|adoption|endorsement|decision)\s+(?:of|by)\s+"
    r"(?:the\s+)?SOM\b",
    re.IGNORECASE,
)

#: A line (anywhere in the document, at its start) that puts actions to the deciding
#: body rather than recording them: ``The Senior Officials may wish to:``, ``The EMG
#: Senior Officials are invited to``, ``The meeting is invited to adopt the report``,
#: ``It is recommended that the Senior Officials``.
MAY_WISH = lazy(
    r"^\s*(?:The\s+(?:EMG\s+)?(?:Senior\s+Officials(?:['’]?\s+Meeting)?|SOM|meeting)\s+"
    r"(?:(?:may|might)\s+wish\s+to|(?:is|are)\s+invited\s+to)"
    r"|It\s+is\s+(?:recommended|proposed|suggested)\s+that\s+the\s+(?:EMG\s+)?"
    r"(?:Senior\s+Officials|SOM|meeting))\b",
    re.IGNORECASE,
)

#: A sentence saying that a meeting was held (``to be held at the thirtieth meeting``
#: is not): ``The 11th Senior Officials' Meeting ... was held in Nairobi on 6 February
#: 2006``, ``The Senior Officials met in Geneva``, ``Meeting held in Bonn on 5 May
#: 2006``; ``place`` is where, when the sentence says ``in`` a place.
HELD = lazy(
    r"\b(?:(?:was|were)\s+(?:held|convened)|took\s+place|met|(?<!\bbe\s)held(?=\s+(?:in|at|on)\b))\b"
    r"(?:[^.;]*?\bin\s+(?P<place>(?-i:[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+){0,2})))?",
    re.IGNORECASE,
)

#: Organisation lines at the top of the header block: ``UNITED NATIONS``,
#: ``ENVIRONMENT MANAGEMENT GROUP``, ``EMG``.
ORGANISATION = lazy(
    r"^\s*(?:UNITED\s+NATIONS(?:\s+ENVIRONMENT\s+MANAGEMENT\s+GROUP)?|"
    r"(?:UN\s+)?ENVIRONMENT\s+MANAGEMENT\s+GROUP(?:\s*\(EMG\))?|(?:UN\s+)?EMG)\s*$",
    re.IGNORECASE,
)

#: The Group's name inside a header line: ``Environment Management Group Nairobi``.
ORGANISATION_NAME = lazy(
    r"\b(?:United\s+Nations\s+|UN\s+)?Environment\s+Management\s+Group(?:\s*\(EMG\))?",
    re.IGNORECASE,
)

#: Document symbol, as printed: ``EMGSOM.26_3a``, ``EMG/SOM.19/04``,
#: ``EMG/SOM.15/01rev2``, ``EMGSOM23 - 3a``, ``EMGSOM.24(b) – 3``, ``EMGS0M.24`` (a
#: zero typed for the letter O), ``EMGSOM 25/3``, ``EMG SOM 25/3``,
#: ``EMG/SOM.27/INF.2``, ``UNEP/EMG/SOM.13/3``; ``meeting`` is the meeting's number.
#: A part after a spaced dash starts with a digit (``EMGSOM.26_3a - Summary`` ends before the dash);
#: ``EMG SOM 25`` (a space, no document part) names a meeting, not a document.
SYMBOL = lazy(
    r"(?<![\w/])(?P<symbol>(?:UNEP\s?/\s?)?"
    r"(?:EMG\s?/\s?|EMG|EMG\s(?=S[O0]M[ ._/-]?\d{1,3}[._/-][A-Za-z0-9]))"
    r"S[O0]M[ ._/-]?(?P<meeting>\d{1,3})(?:\([A-Za-z0-9]{1,3}\))?"
    r"(?:(?:[._/-]|\s?[-–—]\s?(?=\d))[A-Za-z0-9]+)*)(?![\w/])"
)

#: An information document's symbol (``EMG/SOM.27/INF.2``, ``EMGSOM23 - INF.4``):
#: cited, never the symbol of an outcome document.
INFORMATION_SYMBOL = lazy(r"(?<![A-Za-z])INF(?![A-Za-z])")

#: ``Distribution: EMG Members`` (the value runs to the next field of the line or its
#: end, marked by a tab: cleaned text has none; it may be empty when the value is
#: printed on the next line).
DISTRIBUTION = lazy(r"\bDistribution\s*:\s*(?P<distribution>[^\t]*?)\s*(?=\t|$)", re.IGNORECASE)

_THE_GROUP = (
    r"(?:(?:UN\s+)?EMG|(?:United\s+Nations\s+|UN\s+)?Environment\s+Management\s+Group"
    r"(?:\s*\(EMG\))?)"
)

#: The meeting's name, starting with its ordinal (:data:`~emg_parse.ordinals.ORDINAL`:
#: digits or words, ``15 th`` too).
#: ``26th Senior Officials Meeting of the United Nations Environment Management Group``,
#: ``Twenty-seventh Meeting of the Senior Officials of the EMG``, ``25th EMG SOM``,
#: ``Twenty-eighth meeting of the Senior Officials``, ``the nineteenth meeting of the
#: Senior Officials of the Environment Management Group``, ``Twenty-Sixth Meeting of the
#: Environment Management Group Senior Officials``, ``Ninth meeting of the Environment
#: Management Group``.
MEETING_NAME = lazy(
    r"(?<!\w)(?P<name>(?P<ordinal>"
    + ORDINAL
    + r")\s+(?:(?:UN\s+)?EMG\s+)?"
    + r"(?:Senior\s+Officials?['’]?\s+Meeting"
    + r"|Meeting\s+of\s+(?:the\s+)?(?:"
    + _THE_GROUP
    + r"\s+)?Senior\s+Officials|SOM"
    + r"|Meeting\s+of\s+the\s+"
    + _THE_GROUP
    + r")"
    + r"(?:\s+of\s+the\s+"
    + _THE_GROUP
    + r")?)",
    re.IGNORECASE,
)

#: A meeting named by its number alone: ``SOM25``, ``SOM 24``, ``(SOM 24)``,
#: ``EMG SOM-25``.  Not part of a symbol (``EMG SOM 25/3``).
SOM_NUMBER = lazy(
    r"(?<![\w/.])(?P<name>(?:EMG[\s-])?SOM[\s.-]?(?P<number>\d{1,2}))(?![\w/]|[.,]\d)"
)

#: ``Senior Segment``, ``Technical Segment``, ``High-level Segment``.
SEGMENT = lazy(
    r"\b(?P<segment>(?:Senior|Technical|High[- ]?[Ll]evel|Principals['’]?|Joint)\s+Segment)\b",
    re.IGNORECASE,
)

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\.?"
)
#: A day of the week standing alone: ``Wednesday``, ``Thu.``.
WEEKDAY = lazy(r"^" + _WEEKDAYS + r"$", re.IGNORECASE)
_ON_DAY = r"(?:" + _WEEKDAYS + r",?\s+)?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH_NAMES})\.?"


def _day(name: str) -> str:
    return rf"{_ON_DAY}(?P<{name}>\d{{1,2}})(?:\s?{SUFFIX})?"


_UNTIL = r"\s*(?:[-–—&]|to|until|and)\s*"

#: Dates, with a weekday or not; a range gives the last day too:
#: ``28th October 2020``, ``28 th October 2020``, ``Wednesday, 26 September 2018``,
#: ``25 September, 2014``, ``12–13 October 2022``, ``7 & 8 September 2021``,
#: ``30 September – 1 October 2019``,
#: ``October 28, 2020``, ``September 30 - October 1, 2019``, ``17/01/2020`` and
#: ``17.01.2020`` (day first), ``2020-10-28``.  Group names: ``day``, ``month``,
#: ``year`` (``from_month``, ``from_year`` when the range crosses a month or year) and
#: ``end_day``; ``month2``, ``day2``, ``from_year2``, ``end_month2``, ``end_day2``,
#: ``year2`` for the month-first form; ``nday``... numeric; ``iso``.
DATE = lazy(
    r"(?<![\w/.])(?:"
    + _day("day")
    + r"(?:(?:\s+(?:of\s+)?"
    + _month("from_month")
    + r"(?:,?\s+(?P<from_year>\d{4}))?)?"
    + _UNTIL
    + _day("end_day")
    + r")?"
    + r",?\s+(?:of\s+)?"
    + _month("month")
    + r",?\s+(?P<year>\d{4})"
    + r"|"
    + _ON_DAY
    + _month("month2")
    + r"\s+"
    + _day("day2")
    + r"(?:(?:,?\s+(?P<from_year2>\d{4}))?"
    + _UNTIL
    + r"(?:"
    + _month("end_month2")
    + r"\s+)?"
    + _day("end_day2")
    + r")?"
    + r",?\s+(?P<year2>\d{4})"
    + r"|"
    + _ON_DAY
    + r"(?P<nday>\d{1,2})(?P<sep>[/.-])(?P<nmonth>\d{1,2})(?P=sep)(?P<nyear>\d{4})"
    + r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    + r")(?![\w/]|\.\d)",
    re.IGNORECASE,
)

_AMPM = r"\s*(?:[ap]\.\s?m\b\.?|[ap]m\b)"
_CLOCK = r"(?:\d{1,2}[:.h]\d{2}(?:" + _AMPM + r")?|\d{1,2}" + _AMPM + r")"
_ALONE = r"(?:\d{1,2}[:h]\d{2}(?:" + _AMPM + r")?|\d{1,2}(?:\.\d{2})?" + _AMPM + r")"
_OFFSET = r"(?:\s?[+−-]\s?\d{1,2}(?::\d{2})?)?"
_ZONE_CODE = r"[A-Z]{2,5}" + _OFFSET
#: A zone code standing alone after the time is UTC or ends in T (CET, CEST, EAT, GMT):
#: "10.00 to 12.30 UNEP Offices" has no zone.
_BARE_ZONE = r"(?:UTC|[A-Z]{1,4}T)" + _OFFSET
_ZONE = (
    r"(?-i:\s*\((?:" + _ZONE_CODE + r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+time)\)"
    r"|\s+" + _ZONE_CODE + r"(?=\s+time\b)|\s+" + _BARE_ZONE + r"(?!\w)"
    r"|\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s+time\b))"
)

#: Meeting time as printed, a range or one time, with its time zone:
#: ``14:00 -15:30 GVA time``, ``9:00 a.m. – 12:30 p.m.``, ``9.30 a.m. - 12.30 p.m.
#: (CET)``, ``10:00 – 13:00``, ``3.15 pm``, ``15:00``, ``10 a.m.``.  A time zone is in
#: capitals (``CEST``, ``UTC+2``; in brackets or before "time" any, else UTC or a code
#: ending in T) or a place followed by "time" (``Geneva time``): ``15:00 – 17:30 New
#: York`` is a time and a venue, ``10.00 to 12.30 UNEP Offices`` a time and a place.
TIME = lazy(
    r"(?<![\w.:/])(?P<time>(?:"
    + _CLOCK
    + r"\s*(?:[-–—]|to|until)\s*"
    + _CLOCK
    + r"|"
    + _ALONE
    + r")(?:"
    + _ZONE
    + r")?(?:\s+time\b)?)(?![\w:])",
    re.IGNORECASE,
)

#: Venue words that need no city: ``Online``, ``Virtual``, ``Hybrid``.
VIRTUAL_VENUE = lazy(
    r"\b(?P<venue>Online|Virtual(?:ly)?|Hybrid|Video\s*conference)\b", re.IGNORECASE
)

#: A place name as a header prints it, one to four words with capitals: ``Geneva``,
#: ``New York``, ``Nairobi``, ``Bonn``, ``Montréal``, ``Rio de Janeiro``.
PLACE = lazy(
    r"(?=[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?"
    r"(?:\s+(?:(?=[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?|de|da|do|del|des|du|la|le|am|upon|sur)){0,3}"
)

#: Words of a header that name no place: ``Distribution``, ``Original: English``,
#: ``Item``, ``Senior Officials``, ``Confidential``, ``Advance Copy``...
NOT_A_PLACE = lazy(
    r"\b(?:Meeting|Officials|Group|Segment|Secretariat|Nations|Members|Distribution|Agenda"
    r"|Item|Session|Report|Summary|Action|Points|Decisions|Outcome|Document|Note|Annex|Page"
    r"|Date|Dates|Time|Venue|Place|Location|Symbol"
    r"|Original|English|French|Spanish|Only|General|Limited|Restricted|Confidential|Internal"
    r"|Unedited|Advance|Copy|Draft|Final|Revised|Provisional|Version|Lead|Deadline|Timeline"
    r"|EMG|SOM|UN)\b",
    re.IGNORECASE,
)

#: Words that can end a line without ending a sentence (``e.g.`` then a name).
ABBREVIATION_END = lazy(
    r"(?:\b(?:e\.g|i\.e|etc|cf|viz|vs|No|Nos|para|paras|Art|Mr|Ms|Dr|St)\.|\b[A-Z]\.)$"
)

#: A page-number line: ``Page 2 of 4``, ``Page 2``, ``p. 3``, ``2/4``, ``2 of 4``,
#: ``- 2 -``, ``2``, ``(2)``, ``[2]``.
PAGE_NUMBER = lazy(
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
PAGE_OF = lazy(r"^Page \d+ of \d+$", re.IGNORECASE)

#: A short list label or bullet standing alone as one PDF word, which a tab-wide gap
#: may follow without starting a new column: ``a)`` ``(a)`` ``a.`` ``i.`` ``iv)``
#: ``I.`` ``1.`` ``1.2.`` ``1.2`` ``A.`` ``(3)`` ``•`` ``-``.
SHORT_LABEL = lazy(
    r"""^(?:
        \(?(?:[A-Za-z]{1,2}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7}|\d{1,3}(?:\.\d{1,3})*)[.)]
      | \d{1,3}(?:\.\d{1,3}){1,3}
      | \(\d{1,3}\) | \([A-Za-z]{1,2}\) | \([ivxlcdmIVXLCDM]{1,7}\)
      | [•·▪■□◦●○\-–—*»›➢➤✓✔o§]
    )$""",
    re.VERBOSE,
)

#: Font-name parts that mean bold / italic (``ABCDEF+Calibri-BoldItalic``, ``Arial,Bold``).
BOLD_FONT = lazy(r"bold|black|heavy", re.IGNORECASE)
ITALIC_FONT = lazy(r"italic|oblique|kursiv", re.IGNORECASE)

#: The heading of a table's action column, anywhere in the cell, word by word:
#: ``Action points``, ``Actions``, ``Action required``, ``Agreed follow-up action``,
#: ``Decisions``, ``Recommended actions``, ``Recommendations``, ``Outcome``
#: (:mod:`emg_parse.tables`) ...
ACTION_COLUMN = lazy(
    r"\b(?:actions?|decisions?|recommend[a-z]*|outcomes?|conclusions?)\b", re.IGNORECASE
)
#: ... unless the heading names who acts or when: ``Action by``, ``Lead``, ``Who``,
#: ``Responsible``, ``Focal point``, ``Status of action``, ``Decision date``.
ATTRIBUTE_COLUMN = lazy(
    r"\b(?:by|who|whom|lead[a-z]*|responsib[a-z]*|focal|owners?|status|dates?|deadlines?"
    r"|timelines?|timeframe)\b",
    re.IGNORECASE,
)
#: Of a table's other columns (their ``attributes`` keys, in snake_case): one that names
#: who acts (``lead``, ``responsible_entity``, ``focal_point``, ``action_by``, ``who``)
#: holds addressees ...
WHO_COLUMN = lazy(r"(?:^|_)(?:who|whom|lead[a-z]*|responsib[a-z]*|focal|owners?|action_by)(?:_|$)")
#: ... and one that names when (``timeline``, ``deadline``, ``by_when``, ``due_date``,
#: ``timeframe``) a deadline.
WHEN_COLUMN = lazy(r"(?:^|_)(?:when|dates?|deadlines?|timelines?|time_?frames?)(?:_|$)")
#: The heading of a column that names the agenda item a row is about, at its start:
#: ``Agenda item``, ``Agenda item and title``, ``Item``, ``No.``, ``#``, ``Topic``,
#: ``Subject``, ``Issue``, ``Theme``.
AGENDA_COLUMN = lazy(
    r"^\s*(?:\#|(?:agenda|items?|no|nos|number|topics?|subjects?|issues?|themes?|titles?)\b)",
    re.IGNORECASE,
)
#: The agenda cell of a table row: its number and title (``3. Biodiversity``, ``3``
#: and ``Biodiversity`` on two lines, ``Agenda item 3: Biodiversity``, ``IV. Title``,
#: ``B) Title``, ``2.1 Title``); ``number`` is absent when the cell has none
#: (``Biodiversity``).  A roman numeral or a letter needs its dot, bracket, colon or
#: dash; ``2030 Agenda`` has no number.
ROW_HEADING = lazy(
    r"""^\s*(?:(?i:(?:agenda\s+)?item)\s+)?
    (?:(?P<number>\d{1,3}(?:\.\d{1,3}){0,3}(?![\d,])\.?
      | (?:[IVXLC]{1,7}|[A-Z])(?=\s*[.):–—-]))
      \s*[.):–—-]?(?:\s+|$))?
    (?P<title>.*)$""",
    re.VERBOSE | re.DOTALL,
)
