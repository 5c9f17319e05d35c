"""Deadlines and terms in a decision's text: "by November 2020", "at the next meeting".

:func:`deadlines` finds them in one left-to-right pass of one pattern.  Each needs its
marker word: a date or a meeting alone ("in September 2022", "hold the twentieth
meeting") is no deadline.  Kinds, in the order tried at each place:

* ``next_meeting``: "at / to / for / by / before / prior to / ahead of / in time for /
  no later than" + "the / its / their / our next" + a meeting ("meeting", "Senior
  Officials Meeting", "SOM", optionally "of the Senior Officials" or "of the EMG");
  ``meeting`` is the document's meeting number + 1 when it is known.
* ``meeting``: the same markers + an ordinal ("25th", "twenty-third") + a meeting, or +
  "SOM 27" / "SOM27"; ``meeting`` is that number.  A meeting "of" anything else ("the
  twelfth meeting of the Conference of the Parties") is not the Group's.
* ``until``: "until / till / up to" + a date, or + a next or numbered meeting (then
  ``meeting`` is set as above).
* ``date``: "by / before / no later than / not later than / prior to / in time for /
  at the end of / by the end of / before the end of" + a date.
* ``period``: "in (the biennium) / during / over / throughout / from / for the period
  (of) / for the biennium / for the years" + two years ("2018-2019", "2018-19", "2018
  to 2019"; value ``2018/2019``), or "during / throughout" + one year.  "for
  2012-2015" alone names what a plan covers more often than a term: no period.
* ``duration``: "for / within / over" + "another", "a further", "an additional", "the
  next", "an initial period of", "a trial period of", "a period of" and/or a count
  (digits, or "one" to "twelve", "eighteen", "twenty-four", "thirty-six") + "year(s)",
  "month(s)" or "week(s)" ("for years" has neither: no duration); value in ISO 8601,
  ``P1Y``, ``P18M``, ``P2W``.

A date is "30 June 2021" or "June 30, 2021" (precision ``day``, value ``2021-06-30``),
"November 2020" (``month``, ``2020-11``), or a year, "2017", "the year 2017" or
"mid-2021" (``year``), each optionally after "the end of"; months are
:data:`emg_parse.patterns.MONTHS` and are read only before a year, so "may" is never a
month.  "the end of the year" and "this year" are the year of the meeting's date,
"next year" the one after (value null when the date is not known).  Ordinals are
:mod:`emg_parse.ordinals`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from emg_parse.model import DeadlineKind, Precision
from emg_parse.ordinals import ORDINAL, ordinal_number
from emg_parse.patterns import MONTHS

#: Counts in words, for durations.
COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
    "thirty-six": 36,
}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: A date (named groups d_*) or a relative year (d_rel).
_DATE = (
    r"(?:the\s+end\s+of\s+)?(?:"
    rf"(?P<d_day1>{_DAY})\s+(?:of\s+)?(?P<d_month1>{_MONTH}),?\s+(?P<d_year1>{_YEAR})"
    rf"|(?P<d_month2>{_MONTH})(?:\s+(?P<d_day2>{_DAY}))?,?\s+(?P<d_year2>{_YEAR})"
    rf"|(?:(?:the\s+)?year\s+|(?:mid|early|late)[- ]?)?(?P<d_year4>{_YEAR})(?![-–/]\d)"
    r"|(?P<d_rel>(?:the|this|next)\s+year)(?!\s+\d))"
)
_MEETING_WORDS = (
    r"(?:EMG\s+)?(?:Senior\s+Officials['’]?\s+)?(?:meeting|SOM)"
    r"(?:\s+of\s+the\s+(?:EMG\s+)?(?:Senior\s+Officials(?:['’]?\s+Meeting)?"
    r"|Environment\s+Management\s+Group|Group|EMG))?(?!\s+of\b)"
)
_MEETING = (
    r"(?:(?:the|its|their|our)\s+(?:(?P<next>next)|(?P<ordinal>"
    + ORDINAL
    + r"))\s+"
    + _MEETING_WORDS
    + r"|(?:the\s+)?SOM[- ]?(?P<som>\d{1,3})\b)"
)
_BY = (
    r"by\s+the\s+end\s+of|before\s+the\s+end\s+of|at\s+the\s+end\s+of|no\s+later\s+than"
    r"|not\s+later\s+than|prior\s+to|in\s+time\s+for|by|before"
)
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(COUNTS, key=len, reverse=True)) + r")"
_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    # a meeting or a date after its marker; "at / to / for / ahead of" mark meetings only
    rf"(?:(?P<until>until|till|up\s+to)|(?P<by>{_BY})|(?P<at>at|to|for|ahead\s+of))\s+"
    rf"(?:(?P<meeting>{_MEETING})|(?(at)(?!)|(?P<date>{_DATE})))"
    rf"|(?P<period>(?:in(?:\s+the\s+biennium)?|during|over|throughout|from"
    rf"|for\s+the\s+(?:period|biennium|years?)(?:\s+of)?)\s+(?P<p_from>{_YEAR})\s*(?:[-–/]|to)\s*(?P<p_to>{_YEAR}|\d\d)(?![\w-])"
    rf"|(?:during|throughout)\s+(?P<p_year>{_YEAR})(?![\w-]))"
    r"|(?P<duration>(?:for|within|over)\s+"
    r"(?:(?P<one>another|a\s+further|an\s+additional|the\s+next|an?\s+(?:(?:initial|trial"
    r"|further|additional)\s+)?period\s+of|a|an|one)\s+)?"
    rf"(?:{_COUNT}\s+)?(?P<unit>year|month|week)s?)"
    r")(?![\w-])",
    re.IGNORECASE,
)


def cell_deadline(text: str, meeting: int | None, meeting_date: dt.date | None) -> Found | None:
    """The deadline that a table cell under a heading of when ("Timeline", "By when")
    holds alone, read as if "by" stood before it ("March 2028", "the next meeting",
    "End of 2023" after "by the"; "during" before two years: "2025-2026"), with the
    cell's text as printed; None when
    the cell holds anything else ("Ongoing", "Completed", "UNEP to lead").  A cell that
    has its own marker ("by the end of 2027") is read as it is."""
    bare = text.strip().rstrip(".;")
    for marker in ("", "by ", "by the ", "during "):
        found = list(deadlines(marker + bare, meeting, meeting_date))
        if len(found) == 1 and found[0].text == marker + bare:
            one = found[0]
            return Found(bare, one.kind, one.value, one.precision, one.meeting)
    return None


@dataclass(frozen=True, slots=True)
class Found:
    """A deadline phrase and what it says."""

    text: str
    kind: DeadlineKind
    value: str | None = None
    precision: Precision | None = None
    meeting: int | None = None


def deadlines(
    text: str, meeting: int | None = None, meeting_date: dt.date | None = None
) -> Iterator[Found]:
    """Every deadline phrase in ``text``, in order (module docstring).  ``meeting`` and
    ``meeting_date`` are the document's meeting number and date, when known."""
    for m in _PATTERN.finditer(text):
        phrase = m.group(0)
        if m["meeting"]:
            number = _meeting_number(m, meeting)
            kind: DeadlineKind = "next_meeting" if m["next"] else "meeting"
            yield Found(phrase, "until" if m["until"] else kind, meeting=number)
        elif m["date"]:
            yield Found(phrase, "until" if m["until"] else "date", *_date(m, meeting_date))
        elif m["period"]:
            if m["p_year"]:
                yield Found(phrase, "period", m["p_year"], "year")
            else:
                end = m["p_to"] if len(m["p_to"]) == 4 else m["p_from"][:2] + m["p_to"]
                yield Found(phrase, "period", f"{m['p_from']}/{end}", "year")
        elif (duration := _duration(m)) is not None:
            yield Found(phrase, "duration", duration)


def _meeting_number(m: re.Match[str], meeting: int | None) -> int | None:
    """The number of the meeting matched; None for none ("the 0th meeting") or for the
    next meeting after one whose number is unknown."""
    if m["next"]:
        return meeting + 1 if meeting is not None else None
    if m["som"]:
        return int(m["som"]) or None
    return ordinal_number(" ".join(m["ordinal"].split())) or None


def _date(m: re.Match[str], meeting_date: dt.date | None) -> tuple[str | None, Precision | None]:
    """The value and precision of the date matched."""
    group = {
        name[2:]: value for name, value in m.groupdict().items() if name.startswith("d_") and value
    }
    if "rel" in group:
        if meeting_date is None:
            return None, None
        return str(meeting_date.year + group["rel"].lower().startswith("next")), "year"
    year = next(group[k] for k in ("year1", "year2", "year4") if k in group)
    month_name = group.get("month1") or group.get("month2")
    if month_name is None:
        return year, "year"
    month = MONTHS[month_name.rstrip(".").lower()]
    day = group.get("day1") or group.get("day2")
    if day is not None:
        try:
            return dt.date(int(year), month, int(day.rstrip("stndrh"))).isoformat(), "day"
        except ValueError:
            pass
    return f"{year}-{month:02d}", "month"


def _duration(m: re.Match[str]) -> str | None:
    """ISO 8601 duration of a matched duration, or None when it gives no count."""
    count = m["count"]
    if count is not None:
        n = int(count) if count.isdigit() else COUNTS[count.lower()]
    elif m["one"] is not None:
        n = 1
    else:
        return None
    if n == 0:
        return None
    return f"P{n}{m['unit'][0].upper()}"
