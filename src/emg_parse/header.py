"""The header block: everything before the first section heading.

A header may be centred or right-aligned lines, a two-column table, or lines in any
order, and a PDF may join several printed lines into one block; so fields are looked
for anywhere in a block.  Rules, in the order applied:

1. **Fields.**  From each block of the header zone, in this order, the patterns of
   :mod:`emg_parse.patterns` take out every symbol, the meeting's name (with its
   ordinal), ``SOM 24``, the segment, the date (with its weekday), the time, the Group's
   name, Online/Virtual/Hybrid and ``Distribution: ...``, each leaving a break (a tab:
   cleaned text has none), so that the distribution's value runs to the next field or
   the end of the block (or, when it is empty, is the next block of the same table
   cell).  A block that is only the organisation (``UNITED NATIONS``) is passed over.
2. **Prose gives no field.** A block is prose when it is a status line (``As approved by
   the Senior Officials on 26 September 2018``, ``The Senior Officials may wish to``:
   see :mod:`emg_parse.genre`) or when what is left of it once the fields are out is a
   sentence: three words starting with a small letter, six words or more one of which
   does (in both, "of", "the", "and", "de" ... do not count: "Senior Officials Meeting
   of the ... New York" is names), or four or more ending with a full stop. A block of
   more than 1,000 characters is prose (only its first 1,000 are read, for rule 5). So a
   preamble's "through a silence procedure ending on 18 October 2013",
   "(EMGSOM.27/INF.2)" or "To be considered at the thirtieth meeting of the Senior
   Officials" is not this meeting's.
3. **Title.**  The first block of at most 250 characters that starts with a genre phrase
   (:data:`~emg_parse.patterns.GENRE`: "Summary of Action Points", "Final report",
   "Report of the nineteenth meeting of the Senior Officials ..."), or does once its
   fields are out ("26th SOM – Summary of Action Points"), and does not end with "." or
   ";" is the title, kept whole; its fields still count (the ordinal of "Report of the
   nineteenth meeting ...").  Without one, the first block left over (rule 8) that is
   styled as a heading (Markdown/Word heading, bold, or larger type than the body) and
   shorter than 200 characters.
4. **The first value of each field counts**, in reading order, from the blocks that are
   not prose -- but the date is the first printed with a place, a time or the meeting's
   name when one is ("Bonn, 8 November 2007" over an issue date "13 November 2007"
   above it).  The symbol is the first not in brackets and not an information document's
   (``INF``: :data:`~emg_parse.patterns.INFORMATION_SYMBOL`).  A date that is no calendar
   date ("31 February 2020") is reported as a problem.
5. **Number** of the meeting (1 or more: "0th" is none): from its name ("Twenty-eighth
   meeting of the Senior Officials", "15 th Meeting ..."), else ``SOM 24``/``SOM25``,
   else the document's own symbol (``EMG/SOM.19/04``: 19), else a prose block of the
   zone that says the meeting was held (:data:`~emg_parse.patterns.HELD`: "The 11th
   Senior Officials' Meeting ... was held in Nairobi on 6 February 2006"), which also
   gives the date when no header line does.  The year is only ever read from a date.
6. **Venue**: a place name (:data:`~emg_parse.patterns.PLACE` without a word of
   :data:`~emg_parse.patterns.NOT_A_PLACE`, not a weekday; "Venue: Geneva" is split at
   its colon) left in a block that gave a date or time or named the meeting ("Nairobi,
   26 February 2009", "... 15:00 – 17:30 New York", "EMG SOM-26, Geneva") -- the
   title's block only when it gave a date; else a block
   of nothing but names with a place among them ("Nairobi", "UN City, Copenhagen") that
   has Online/Virtual/Hybrid in it or stands next to a block that gave a date or time or
   named the meeting; else Online/Virtual/Hybrid; else the place in the sentence of rule
   5 ("held in Nairobi").
7. **Kind and status**: :mod:`emg_parse.genre`, from the title, the other blocks of the
   zone and the blocks after it.
8. **Preamble**: the blocks after the title that are prose, or gave no field and are not
   names alone, as printed ("As approved by ...", "Note by the EMG Secretariat").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from emg_parse.genre import kind_of, status_of
from emg_parse.lines import Block
from emg_parse.model import DocumentInfo, Meeting
from emg_parse.ordinals import ordinal_number
from emg_parse.patterns import (
    APPROVAL,
    DATE,
    DISTRIBUTION,
    GENRE,
    HELD,
    INFORMATION_SYMBOL,
    MAY_WISH,
    MEETING_NAME,
    MONTHS,
    NOT_A_PLACE,
    ORGANISATION,
    ORGANISATION_NAME,
    PLACE,
    PROPOSAL,
    SEGMENT,
    SOM_NUMBER,
    SYMBOL,
    TIME,
    VIRTUAL_VENUE,
    WEEKDAY,
)

_BREAK = "\t"
_PIECES = re.compile(r"[\t,;:|•·]|\s(?:and|or|&)\s")
_TRIM = " ,;:-–—()[]."
_TITLE_MAX = 250
#: A block longer than this is prose; only its start is read (rule 2).
_LINE_MAX = 1000
_HEADING_MAX = 200
_PROSE_WORDS = 6
_PROSE_SMALL = 3
#: Small words of names ("Rio de Janeiro", "Summary of the ...") that make no sentence.
_CONNECTORS = frozenset({"of", "the", "and", "de", "da", "do", "del", "des", "du", "la", "le"})
_SENTENCE_WORDS = 4


@dataclass
class HeaderResult:
    document: DocumentInfo
    #: (message, block) for things that looked wrong
    problems: list[tuple[str, Block]] = field(default_factory=list)


@dataclass
class _Reading:
    """What one block of the header zone holds (rules 1 and 2)."""

    #: field name -> value, for DocumentInfo (``symbol``, ``distribution``) and Meeting
    fields: dict[str, object] = field(default_factory=dict)
    #: the date, and the last day of a range
    dates: tuple[dt.date, dt.date | None] | None = None
    problems: list[str] = field(default_factory=list)
    #: place names left in the text (rule 6)
    places: list[str] = field(default_factory=list)
    #: nothing is left but names, one of them a place ("UN City, Copenhagen")
    only_place: bool = False
    virtual: str | None = None
    #: it gave a date or time, or named the meeting (rule 6)
    dated: bool = False
    #: the text left once the fields are out (rule 3)
    rest: str = ""
    prose: bool = False
    #: "Distribution:" with its value in the next block
    value_follows: bool = False

    @property
    def found(self) -> bool:
        """It gave a field."""
        return bool(self.fields) or self.dated or self.virtual is not None or self.value_follows

    @property
    def left_over(self) -> bool:
        """Neither a header line nor names alone: the title or the preamble (rule 8)."""
        return self.prose or not (self.found or self.only_place)


def parse_date(m: re.Match[str]) -> tuple[dt.date, dt.date | None] | None:
    """A :data:`~emg_parse.patterns.DATE` match -> (first day, last day or None); None
    when it is no calendar date or the range ends before it starts.  A numeric date is
    read day first (``17/01/2020``), month first only when that is the only reading
    (``01/17/2020``).  A range over the new year without a first year starts in the
    year before (``30 December - 2 January 2020``)."""
    try:
        if m["iso"]:
            return dt.date.fromisoformat(m["iso"]), None
        if m["nyear"]:
            day, month, year = int(m["nday"]), int(m["nmonth"]), int(m["nyear"])
            if month > 12 and day <= 12:
                day, month = month, day
            return dt.date(year, month, day), None
        if m["year"]:
            year, end_month = int(m["year"]), MONTHS[m["month"].lower()]
            month = MONTHS[m["from_month"].lower()] if m["from_month"] else end_month
            first_year = int(m["from_year"]) if m["from_year"] else None
            day, end_day = int(m["day"]), m["end_day"]
        else:
            year, month = int(m["year2"]), MONTHS[m["month2"].lower()]
            end_month = MONTHS[m["end_month2"].lower()] if m["end_month2"] else month
            first_year = int(m["from_year2"]) if m["from_year2"] else None
            day, end_day = int(m["day2"]), m["end_day2"]
        if first_year is None:
            first_year = year - 1 if month > end_month else year
        start = dt.date(first_year, month, day)
        end = dt.date(year, end_month, int(end_day)) if end_day is not None else None
    except ValueError:
        return None
    return None if end is not None and end < start else (start, end)


def _cut(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + _BREAK + text[m.end() :]


def _read(text: str) -> _Reading:
    """Take the fields out of one block's text (rule 1) and judge what is left (rule 2)."""
    reading = _Reading()
    fields = reading.fields

    def symbol(m: re.Match[str]) -> str:
        if not _in_brackets(m) and not INFORMATION_SYMBOL.search(m["symbol"]):
            fields.setdefault("symbol", m["symbol"])
            fields.setdefault("symbol_number", int(m["meeting"]))
        return _BREAK

    def virtual(m: re.Match[str]) -> str:
        reading.virtual = reading.virtual or m["venue"]
        return _BREAK

    text = SYMBOL.sub(symbol, text)
    if m := MEETING_NAME.search(text):
        fields["name"] = " ".join(m["name"].split())
        fields["number"] = ordinal_number(" ".join(m["ordinal"].split()))
        reading.dated = True
        text = _cut(text, m)
    if m := SOM_NUMBER.search(text):
        fields["som_number"] = int(m["number"])
        fields.setdefault("som_name", m["name"])
        reading.dated = True
        text = _cut(text, m)
    if m := SEGMENT.search(text):
        fields["segment"] = m["segment"]
        text = _cut(text, m)
    if m := DATE.search(text):
        parsed = parse_date(m)
        if parsed is None:
            reading.problems.append(f"not a valid date: {m.group(0)!r}")
        else:
            reading.dates = parsed
        reading.dated = True
        text = _cut(text, m)
    if m := TIME.search(text):
        fields["time"] = m["time"].strip()
        reading.dated = True
        text = _cut(text, m)
    text = VIRTUAL_VENUE.sub(virtual, ORGANISATION_NAME.sub(_BREAK, text))
    if m := DISTRIBUTION.search(text):
        if m["distribution"]:
            fields["distribution"] = m["distribution"]
        else:
            reading.value_follows = True
        text = _cut(text, m)
    reading.rest = " ".join(text.replace(_BREAK, " ").split()).strip(_TRIM)
    pieces = [p.strip(_TRIM) for p in _PIECES.split(text)]
    names = [p for p in pieces if p]
    reading.places = [p for p in names if _is_place(p)]
    reading.only_place = bool(reading.places) and all(PLACE.fullmatch(p) for p in names)
    words = " ".join(pieces).split()
    small_words = sum(1 for w in words if w[0].islower() and w not in _CONNECTORS)
    sentence = small_words >= _PROSE_SMALL or (len(words) >= _PROSE_WORDS and small_words > 0)
    reading.prose = sentence or (len(words) >= _SENTENCE_WORDS and text.rstrip().endswith("."))
    return reading


def _in_brackets(m: re.Match[str]) -> bool:
    """The match follows "(" or "[" (a space between them at most)."""
    start = m.start()
    return m.string[max(start - 2, 0) : start].rstrip()[-1:] in ("(", "[")


def _is_place(text: str) -> bool:
    return (
        PLACE.fullmatch(text) is not None
        and NOT_A_PLACE.search(text) is None
        and WEEKDAY.match(text) is None
    )


def _held(
    zone: Sequence[Block], readings: Sequence[_Reading | None]
) -> tuple[_Reading, str | None]:
    """The reading and the place of the first prose block that says a meeting was held
    (rules 5 and 6: used where the header lines say nothing)."""
    for block, reading in zip(zone, readings, strict=True):
        if reading is not None and reading.prose and (m := HELD.search(block.text)):
            place = m["place"] if m["place"] and _is_place(m["place"]) else None
            return reading, place
    return _Reading(), None


def _is_status_line(text: str) -> bool:
    return bool(APPROVAL.match(text) or MAY_WISH.match(text) or PROPOSAL.search(text))


def _is_title(text: str, reading: _Reading) -> bool:
    """Rule 3."""
    if len(text) > _TITLE_MAX or text.endswith((".", ";")):
        return False
    return bool(GENRE.match(text) or (reading.found and GENRE.match(reading.rest)))


def _is_heading_like(block: Block, body_size: float | None) -> bool:
    style = block.style
    if style.heading_level is not None or style.bold:
        return True
    return bool(style.size and body_size and style.size >= body_size * 1.15)


def parse_header(
    blocks: Sequence[Block], header_end: int, body_size: float | None = None
) -> HeaderResult:
    """Build ``DocumentInfo`` from the header zone ``blocks[:header_end]`` (see the
    module docstring); the blocks after it count only for the status."""
    zone = blocks[:header_end]
    readings, title_at = _read_zone(zone)
    problems: list[tuple[str, Block]] = []
    values: dict[str, object] = {}
    for block, reading in zip(zone, readings, strict=True):
        if reading is not None and not reading.prose:
            problems += [(message, block) for message in reading.problems]
            for key, value in reading.fields.items():
                values.setdefault(key, value)
    held, held_place = _held(zone, readings)
    header = [r for r in readings if r is not None and not r.prose]
    dated = [r for r in header if r.dates]
    # the meeting's date is printed with its place, time or name; a date alone may be
    # the day the document was issued
    meeting_line = next((r for r in dated if r.places or {"time", "name"} & r.fields.keys()), None)
    first = meeting_line or (dated[0] if dated else None)
    date, end_date = first.dates if first and first.dates else held.dates or (None, None)
    if title_at is None:
        title_at = _fallback_title(zone, readings, body_size)
    title = zone[title_at].text if title_at is not None else None
    preamble = (
        [
            block.text
            for block, reading in zip(zone[title_at + 1 :], readings[title_at + 1 :], strict=True)
            if reading is not None and reading.left_over
        ]
        if title_at is not None
        else []
    )
    numbers = (values.get(k) for k in ("number", "som_number", "symbol_number"))
    number = next((n for n in numbers if isinstance(n, int) and n >= 1), None)
    if number is None and isinstance(n := held.fields.get("number"), int) and n >= 1:
        number = n
    meeting = {
        "name": values.get("name", values.get("som_name", held.fields.get("name"))),
        "number": number,
        "segment": values.get("segment"),
        "date": date,
        "end_date": end_date,
        "time": values.get("time"),
        "venue": _venue(readings, title_at, held_place),
    }
    header_lines = (b.text for i, b in enumerate(zone) if i != title_at)
    info = {
        "symbol": values.get("symbol"),
        "title": title,
        "kind": kind_of(title),
        "status": status_of(title, header_lines, (b.text for b in blocks[header_end:])),
        "distribution": values.get("distribution"),
        "preamble": preamble,
        "meeting": Meeting.model_validate(meeting),
    }
    return HeaderResult(document=DocumentInfo.model_validate(info), problems=problems)


def _read_zone(zone: Sequence[Block]) -> tuple[list[_Reading | None], int | None]:
    """Each block's reading (None: an organisation line) and the title's index (rules
    1-3)."""
    readings: list[_Reading | None] = []
    title_at: int | None = None
    value_follows = False
    for i, block in enumerate(zone):
        if value_follows and block.cell == zone[i - 1].cell:
            value_follows = False
            readings.append(_Reading(fields={"distribution": block.text}))
            continue
        if ORGANISATION.match(block.text):
            readings.append(None)
            continue
        reading = _read(block.text[:_LINE_MAX])
        reading.prose = reading.prose or len(block.text) > _LINE_MAX
        if title_at is None and _is_title(block.text, reading):
            # a place in a title is no venue, unless the block gave a date with it
            # (a title line joined with "Geneva, 11 October 2005")
            places = reading.places if reading.dates is not None else []
            title_at, reading.prose, reading.places, reading.only_place = i, False, places, False
        elif _is_status_line(block.text):
            reading.prose = True
        value_follows = reading.value_follows and not reading.prose
        readings.append(reading)
    return readings, title_at


def _fallback_title(
    zone: Sequence[Block], readings: Sequence[_Reading | None], body_size: float | None
) -> int | None:
    for i, (block, reading) in enumerate(zip(zone, readings, strict=True)):
        if (
            reading is not None
            and reading.left_over
            and _is_heading_like(block, body_size)
            and len(block.text) < _HEADING_MAX
        ):
            return i
    return None


def _venue(
    readings: Sequence[_Reading | None], title_at: int | None, held_place: str | None
) -> str | None:
    """Rule 6."""
    header = [r if r is not None and not r.prose else None for r in readings]
    for reading in header:
        if reading is not None and reading.dated and reading.places:
            return reading.places[0]
    for i, reading in enumerate(header):
        if reading is None or i == title_at or reading.fields or not reading.only_place:
            continue
        neighbours = header[max(i - 1, 0) : i] + header[i + 1 : i + 2]
        if reading.virtual or any(n is not None and n.dated for n in neighbours):
            return reading.places[0]
    virtual = next((r.virtual for r in header if r is not None and r.virtual), None)
    return virtual or held_place
