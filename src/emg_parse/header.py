"""The header block: everything before the first section heading.

Rules, applied to each block of the header zone in reading order:

1. Organisation lines ("UNITED NATIONS", "ENVIRONMENT MANAGEMENT GROUP", "EMG") are
   consumed.
2. Fields are taken out of the text by the patterns in :mod:`emg_parse.patterns`:
   symbol, ``Distribution: ...`` (its value may be the next block), meeting name
   (with its ordinal -> ``number``),
   segment, date (ISO; a range also gives ``end_date``) and time (as printed).
   Only the first occurrence of each field counts.
3. What is left of a block that gave a date or time, once brackets and commas are
   trimmed, is the venue when it is one to five words ("Online", "Geneva",
   "New York"); "Online"/"Virtual"/"Hybrid" anywhere in the header is the venue too.
4. The title is the first block left over that matches the title pattern, else the
   first left-over block styled as a heading (Markdown/Word heading, bold, or larger
   type than the body).  Left-over blocks after the title are the preamble.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from emg_parse.lines import Block
from emg_parse.model import DocumentInfo, Meeting
from emg_parse.ordinals import ordinal_number
from emg_parse.patterns import (
    DATE,
    DISTRIBUTION,
    MEETING_NAME,
    MONTHS,
    ORGANISATION,
    SEGMENT,
    SYMBOL,
    TIME,
    TITLE,
    VIRTUAL_VENUE,
)

_TRIM = " \t,;:-–()[]."
_VENUE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z(][\w'’.()-]*){0,4}$")


@dataclass
class HeaderResult:
    document: DocumentInfo
    #: (message, block) for things that looked wrong
    problems: list[tuple[str, Block]] = field(default_factory=list)


def parse_date(m: re.Match[str]) -> tuple[dt.date, dt.date | None] | None:
    """A :data:`~emg_parse.patterns.DATE` match -> (first day, last day or None)."""
    try:
        if m["iso"]:
            return dt.date.fromisoformat(m["iso"]), None
        month = MONTHS[(m["month"] or m["month2"]).lower()]
        year = int(m["year"] or m["year2"])
        day = int(m["day"] or m["day2"])
        end_day = m["end_day"] or m["end_day2"]
        end = dt.date(year, month, int(end_day)) if end_day else None
        return dt.date(year, month, day), end
    except ValueError:
        return None


def _take(pattern: re.Pattern[str], text: str, group: str) -> tuple[str | None, str]:
    """Find ``pattern`` in ``text``; return the group and the text without the match."""
    m = pattern.search(text)
    if m is None:
        return None, text
    return m[group].strip(), text[: m.start()] + " " + text[m.end() :]


def _is_heading_like(block: Block, body_size: float | None) -> bool:
    style = block.style
    if style.heading_level is not None or style.bold:
        return True
    return bool(style.size and body_size and style.size >= body_size * 1.15)


def parse_header(blocks: Sequence[Block], body_size: float | None = None) -> HeaderResult:
    """Build ``DocumentInfo`` from the header zone (see the module docstring)."""
    meeting: dict[str, object] = {}
    info: dict[str, object] = {}
    problems: list[tuple[str, Block]] = []
    leftovers: list[Block] = []
    value_follows = False  # "Distribution:" with its value on the next block
    for block in blocks:
        text = block.text
        if value_follows:
            info["distribution"], value_follows = text, False
            continue
        if ORGANISATION.match(text):
            continue
        found = False
        if "symbol" not in info:
            value, text = _take(SYMBOL, text, "symbol")
            if value:
                info["symbol"], found = value, True
        if "distribution" not in info and (m := DISTRIBUTION.search(text)):
            if m["distribution"]:
                info["distribution"] = m["distribution"]
            else:
                value_follows = True
            text, found = text[: m.start()], True
        if "name" not in meeting and (m := MEETING_NAME.search(text)):
            meeting["name"] = m["name"]
            meeting["number"] = ordinal_number(m["ordinal"])
            text = text[: m.start()] + " " + text[m.end() :]
            found = True
        if "segment" not in meeting:
            value, text = _take(SEGMENT, text, "segment")
            if value:
                meeting["segment"], found = value, True
        dated = False
        if "date" not in meeting and (m := DATE.search(text)):
            parsed = parse_date(m)
            if parsed is None:
                problems.append((f"not a valid date: {m.group(0)!r}", block))
            else:
                meeting["date"], end = parsed
                if end is not None:
                    meeting["end_date"] = end
            text = text[: m.start()] + " " + text[m.end() :]
            found = dated = True
        if "time" not in meeting:
            value, text = _take(TIME, text, "time")
            if value:
                meeting["time"], found, dated = value, True, True
        rest = " ".join(text.split()).strip(_TRIM)
        if "venue" not in meeting and (v := VIRTUAL_VENUE.search(rest)):
            meeting["venue"] = v["venue"]
            rest = (rest[: v.start()] + rest[v.end() :]).strip(_TRIM)
        if dated and "venue" not in meeting and rest and _VENUE.match(rest):
            meeting["venue"], rest = rest, ""
        if found and len(rest) <= 3:
            continue
        if not found or rest:
            leftovers.append(block if not found else _with_text(block, rest))
    title_index = _find_title(leftovers, body_size)
    preamble: list[str] = []
    if title_index is not None:
        info["title"] = leftovers[title_index].text
        preamble = [b.text for b in leftovers[title_index + 1 :]]
    info["preamble"] = preamble
    # Leftovers before the title are most often venue lines of a wrapped table cell.
    for block in leftovers[: title_index or 0]:
        if "venue" not in meeting and _VENUE.match(block.text.strip(_TRIM)):
            meeting["venue"] = block.text.strip(_TRIM)
    document = DocumentInfo.model_validate({**info, "meeting": Meeting.model_validate(meeting)})
    return HeaderResult(document=document, problems=problems)


def _with_text(block: Block, text: str) -> Block:
    return Block(text=text, source=block.source, style=block.style, x=block.x, cell=block.cell)


def _find_title(blocks: Sequence[Block], body_size: float | None) -> int | None:
    for i, block in enumerate(blocks):
        if TITLE.match(block.text):
            return i
    for i, block in enumerate(blocks):
        if _is_heading_like(block, body_size) and len(block.text) < 200:
            return i
    return None
