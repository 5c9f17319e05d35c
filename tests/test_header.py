"""The header block and the document's genre (emg_parse.header, emg_parse.genre), read
from whole documents as ``emg-parse`` reads them: text files, and generated PDF and Word
files.  The headers are invented in the layouts of other years, in wordings the bundled
samples do not use."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.cleanup import clean
from emg_parse.extractors.text import lines_from_text
from emg_parse.model import DocumentInfo
from emg_parse.pipeline import parse_file
from emg_parse.segmenter import segment

from .conftest import Cli, ParseText
from .docx_builders import build_docx, para, run, table
from .pdfgen import Page, text_width, write_pdf

BODY = "\n\nI. Biodiversity\n\nThe Senior Officials:\n\na) Welcome the report.\n"
FIELDS = ("symbol", "title", "kind", "status", "number", "date", "end_date", "time", "venue")


def header_of(parse_text: ParseText, *lines: str, body: str = BODY) -> DocumentInfo:
    """The document part of a text document made of ``lines`` (one paragraph each)."""
    return parse_text("\n\n".join(lines) + body).document


def fields(document: DocumentInfo) -> dict[str, Any]:
    meeting = document.meeting
    values = {
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "status": document.status,
        "number": meeting.number,
        "date": meeting.date,
        "end_date": meeting.end_date,
        "time": meeting.time,
        "venue": meeting.venue,
    }
    return values


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- layouts

LAYOUTS: list[tuple[list[str], dict[str, Any]]] = [
    (  # right-aligned lines, a note before the meeting: recommended actions, proposed
        [
            "**UNITED NATIONS**",
            "**ENVIRONMENT MANAGEMENT GROUP**",
            "EMG/SOM.14/02rev1",
            "Distribution: EMG Members",
            "14 th Meeting of the Senior Officials of the Environment Management Group",
            "Bonn, 12 March 2008",
            "2.30 pm",
            "# Progress Report and Recommended Actions",
            "Note by the EMG Secretariat",
        ],
        {
            "symbol": "EMG/SOM.14/02rev1",
            "title": "Progress Report and Recommended Actions",
            "kind": "recommended_actions",
            "status": "proposed",
            "number": 14,
            "date": day("2008-03-12"),
            "time": "2.30 pm",
            "venue": "Bonn",
        },
    ),
    (  # centred lines; the only symbol is cited in a sentence; nothing says approved
        [
            "UNITED NATIONS ENVIRONMENT MANAGEMENT GROUP",
            "Thirteenth meeting of the Senior Officials of the Environment Management Group",
            "Vienna, 3 April 2007",
            "Summary of decisions",
            "The Senior Officials took the following decisions on the basis of the note of the "
            "Secretariat (EMG/SOM.13/2).",
        ],
        {
            "symbol": None,
            "title": "Summary of decisions",
            "kind": "decisions",
            "status": None,
            "number": 13,
            "date": day("2007-04-03"),
            "time": None,
            "venue": "Vienna",
        },
    ),
    (  # symbol and distribution first, then the meeting; a final report
        [
            "EMG/SOM.31/5",
            "Distribution: General",
            "**ENVIRONMENT MANAGEMENT GROUP**",
            "31st Senior Officials Meeting of the Environment Management Group",
            "Geneva, 4 October 2025",
            "10:00 – 13:00",
            "# Final report",
        ],
        {
            "symbol": "EMG/SOM.31/5",
            "title": "Final report",
            "kind": "report",
            "status": None,
            "number": 31,
            "date": day("2025-10-04"),
            "time": "10:00 – 13:00",
            "venue": "Geneva",
        },
    ),
    (  # the title names the meeting; the date of the silence procedure is not the meeting's
        [
            "EMG/SOM.32/04",
            "# Report of the thirty-second meeting of the Senior Officials of "
            "the Environment Management Group",
            "As approved by the Senior Officials through a silence procedure ending on "
            "30 October 2026",
            "Bonn, 2 October 2026",
        ],
        {
            "title": "Report of the thirty-second meeting of the Senior Officials of the "
            "Environment Management Group",
            "kind": "report",
            "status": "approved",
            "number": 32,
            "date": day("2026-10-02"),
            "venue": "Bonn",
        },
    ),
    (  # a symbol with a spaced dash; a time with a.m./p.m.; approved action points
        [
            "**30th Senior Officials Meeting of the United Nations Environment Management Group**",
            "Nairobi, 3 rd October 2024",
            "9:30 a.m. – 1:00 p.m.",
            "**EMGSOM30 - 2b**",
            "Distribution: EMG Members",
            "# Approved Action Points",
            "As approved by the Senior Officials",
        ],
        {
            "symbol": "EMGSOM30 - 2b",
            "kind": "action_points",
            "status": "approved",
            "number": 30,
            "date": day("2024-10-03"),
            "time": "9:30 a.m. – 1:00 p.m.",
            "venue": "Nairobi",
        },
    ),
    (  # a zero typed for the letter O in the symbol
        [
            "**EMGS0M.31**",
            "Distribution: EMG Members",
            "Thirty-first Meeting of the Senior Officials of the Environment Management Group",
            "Montréal, 5 November 2025",
            "Summary of Action Points",
            "As approved by the Senior Officials on 5 November 2025",
        ],
        {
            "symbol": "EMGS0M.31",
            "kind": "action_points",
            "status": "approved",
            "number": 31,
            "date": day("2025-11-05"),
            "venue": "Montréal",
        },
    ),
    (  # weekday, time, venue on lines of their own; a table of proposals
        [
            "**EMGSOM.32(a) – 4**",
            "**UNITED NATIONS ENVIRONMENT MANAGEMENT GROUP**",
            "32nd Meeting of the Senior Officials of the EMG (SOM 32)",
            "Tuesday, 6 October 2026",
            "14:00 – 16:30",
            "New York",
            "# Table of Proposed Action Points",
            "The Senior Officials may wish to consider and approve the following action points.",
        ],
        {
            "symbol": "EMGSOM.32(a) – 4",
            "title": "Table of Proposed Action Points",
            "kind": "action_points",
            "status": "proposed",
            "number": 32,
            "date": day("2026-10-06"),
            "time": "14:00 – 16:30",
            "venue": "New York",
        },
    ),
    (  # lines in an unusual order; a numeric date, day first; the meeting as "SOM27"
        [
            "Online",
            "03/02/2021",
            "**SOM27 – Technical Segment**",
            "Environment Management Group",
            "**EMGSOM.27_1a**",
            "# Summary of Action Points",
            "As approved by the Senior Officials at the online session of SOM27",
        ],
        {
            "symbol": "EMGSOM.27_1a",
            "kind": "action_points",
            "status": "approved",
            "number": 27,
            "date": day("2021-02-03"),
            "time": None,
            "venue": "Online",
        },
    ),
    (  # a two-day meeting; an information document cited in the preamble
        [
            "**Twenty-ninth meeting of the Senior Officials**",
            "Environment Management Group",
            "19–20 October 2023",
            "Geneva",
            "**EMGSOM.29/2**",
            "Distribution: EMG Members",
            "# Outcome document",
            "As approved by the Senior Officials on 20 October 2023",
            "The Senior Officials met in Geneva, with online participation, and considered the "
            "note on the follow-up to their twenty-eighth meeting (EMGSOM.28/INF.3).",
        ],
        {
            "symbol": "EMGSOM.29/2",
            "title": "Outcome document",
            "kind": "outcome",
            "status": "approved",
            "number": 29,
            "date": day("2023-10-19"),
            "end_date": day("2023-10-20"),
            "venue": "Geneva",
        },
    ),
    (  # the preamble names the next meeting, which is not this one
        [
            "**33rd Senior Officials Meeting of the United Nations Environment Management Group**",
            "High-level Segment",
            "Friday, 2 October 2026",
            "15:00 -16:30 CET",
            "Virtual",
            "**EMGSOM.33_2a**",
            "# Approved Action Points",
            "As approved by the Senior Officials. The EMG Secretariat will report on them to the "
            "thirty-fourth meeting of the Senior Officials.",
        ],
        {
            "symbol": "EMGSOM.33_2a",
            "kind": "action_points",
            "status": "approved",
            "number": 33,
            "date": day("2026-10-02"),
            "time": "15:00 -16:30 CET",
            "venue": "Virtual",
        },
    ),
    (  # labelled lines
        [
            "Twenty-Sixth Meeting of the Environment Management Group Senior Officials",
            "Date: 3 May 2019",
            "Time: 10:00 – 12:00",
            "Venue: Geneva",
            "Symbol: EMG/SOM.26/1",
            "Summary of Action Points",
        ],
        {
            "symbol": "EMG/SOM.26/1",
            "title": "Summary of Action Points",
            "number": 26,
            "date": day("2019-05-03"),
            "time": "10:00 – 12:00",
            "venue": "Geneva",
        },
    ),
    (  # the genre after the meeting, on one line; the venue on the meeting's line
        ["26th SOM – Summary of Action Points", "EMG SOM-26, Geneva", "February 26th, 2020"],
        {
            "title": "26th SOM – Summary of Action Points",
            "kind": "action_points",
            "number": 26,
            "date": day("2020-02-26"),
            "venue": "Geneva",
        },
    ),
    (  # a chair's summary of an early meeting of the Group, in capitals
        [
            "NINTH MEETING OF THE ENVIRONMENT MANAGEMENT GROUP",
            "GENEVA, 15 MARCH 2005",
            "CHAIR'S SUMMARY",
        ],
        {
            "title": "CHAIR'S SUMMARY",
            "kind": "report",
            "number": 9,
            "date": day("2005-03-15"),
            "venue": "GENEVA",
        },
    ),
    (  # a report of the meeting, its lines joined by commas
        [
            "**Environment Management Group**",
            "Twenty-second meeting of the Senior Officials, Bonn, 6 October 2016",
            "EMG/SOM.22/7",
            "# Report of the meeting",
        ],
        {
            "symbol": "EMG/SOM.22/7",
            "title": "Report of the meeting",
            "kind": "report",
            "status": None,
            "number": 22,
            "date": day("2016-10-06"),
            "venue": "Bonn",
        },
    ),
]


@pytest.mark.parametrize(("lines", "expected"), LAYOUTS)
def test_header_layouts(lines: list[str], expected: dict[str, Any], parse_text: ParseText) -> None:
    found = fields(header_of(parse_text, *lines))
    assert {k: found[k] for k in expected} == expected


def test_preamble_and_distribution(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# Final report",
        "As approved by the Senior Officials",
        "2 October 2026",
        "10:00 – 13:00",
    )
    assert document.preamble == ["As approved by the Senior Officials"]
    document = header_of(parse_text, *LAYOUTS[0][0])
    assert document.distribution == "EMG Members"
    assert document.preamble == ["Note by the EMG Secretariat"]
    assert document.meeting.name == (
        "14th Meeting of the Senior Officials of the Environment Management Group"
    )


# --------------------------------------------------------------------------- the genre


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Summary of Action Points", "action_points"),
        ("Approved Action Points", "action_points"),
        ("Table of Proposed Action Points", "action_points"),
        ("Key outcomes and action points", "action_points"),
        ("Summary of decisions", "decisions"),
        ("Decisions adopted at the fourteenth meeting of the Senior Officials", "decisions"),
        ("Outcome document", "outcome"),
        ("Outcome of the twenty-second meeting of the Senior Officials", "outcome"),
        ("Report of the meeting", "report"),
        ("Final report", "report"),
        ("Draft Report of the meeting", "report"),
        ("Summary record", "report"),
        ("Report of the nineteenth meeting of the Senior Officials of the EMG", "report"),
        ("Progress Report and Recommended Actions", "recommended_actions"),
        ("Recommended actions", "recommended_actions"),
        ("Chair's summary", "report"),
        ("Minutes of the meeting", "report"),
        ("Final Summary of Action Points", "action_points"),
        ("Table of Agreed Actions", "action_points"),
        ("Actions agreed at the meeting", "action_points"),
        ("Agreed Follow-up", "action_points"),
        ("Matrix of Agreed Actions", "action_points"),
        ("Key outcomes and follow-up actions", "action_points"),
    ],
)
def test_kind_from_the_title(title: str, kind: str, parse_text: ParseText) -> None:
    document = header_of(parse_text, "EMG/SOM.19/04", f"# {title}")
    assert (document.title, document.kind) == (title, kind)


def test_a_title_without_a_genre_has_no_kind(parse_text: ParseText) -> None:
    document = header_of(parse_text, "EMG/SOM.19/04", "# Senior Officials of the EMG")
    assert (document.title, document.kind) == ("Senior Officials of the EMG", None)


def test_the_title_is_the_genre_line_not_the_meeting_line(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# 25th Meeting of the Senior Officials",
        "Geneva, 2 May 2019",
        "**Summary of Action Points**",
    )
    assert (document.title, document.meeting.number) == ("Summary of Action Points", 25)


@pytest.mark.parametrize(
    ("lines", "status"),
    [
        (["# Summary of Action Points", "As approved by the Senior Officials"], "approved"),
        (["# Summary of decisions", "Adopted by silence procedure on 2 May 2014"], "approved"),
        (["# Summary of Decisions", "As agreed by the Senior Officials"], "approved"),
        (
            ["# Summary of Action Points", "This summary was approved by the Senior Officials."],
            "approved",
        ),
        (["# Agreed outcomes"], "approved"),
        (["# Proposed Action Points"], "proposed"),
        (["# Recommended actions"], "proposed"),
        (
            [
                "# Progress report",
                "Prepared by the EMG Secretariat for the consideration of the Senior Officials",
            ],
            "proposed",
        ),
        (
            ["# Draft report of the meeting", "The meeting is invited to adopt the report."],
            "proposed",
        ),
        # a stamp of approval on a table of proposals: what was approved
        (
            [
                "# Table of Proposed Action Points",
                "As approved by the Senior Officials on 3 May 2019",
            ],
            "approved",
        ),
        # the document does not say
        (["# Summary of decisions"], None),
        (["# Final report"], None),
        (["# Summary of Action Points", "To be approved by the Senior Officials"], None),
        (
            [
                "# Progress report",
                "The work plan, as approved by the Senior Officials in 2018, guides the Group.",
            ],
            None,
        ),
    ],
)
def test_status(lines: list[str], status: str | None, parse_text: ParseText) -> None:
    assert header_of(parse_text, "EMG/SOM.19/04", *lines).status == status


def test_actor_lines_that_may_wish_to_make_a_proposal(parse_text: ParseText) -> None:
    body = "\n\nI. Biodiversity\n\nThe Senior Officials may wish to:\n\na) Welcome the report.\n"
    document = header_of(parse_text, "EMG/SOM.19/04", "# Progress report", body=body)
    assert (document.kind, document.status) == ("report", "proposed")


def test_the_meeting_adopting_its_agenda_approves_no_document(parse_text: ParseText) -> None:
    body = (
        "\n\nI. Opening of the meeting\n\n1. The meeting adopted the agenda as circulated.\n\n"
        "2. As approved by the Chair, the meeting closed at noon.\n"
    )
    document = header_of(parse_text, "EMG/SOM.21/7", "# Report of the meeting", body=body)
    assert (document.kind, document.status) == ("report", None)


# --------------------------------------------------------------------------- the traps


def test_an_information_document_is_not_the_document(parse_text: ParseText) -> None:
    document = header_of(parse_text, "EMG/SOM.14/INF.2", "EMG/SOM.14/5", "# Final report")
    assert document.symbol == "EMG/SOM.14/5"


def test_the_number_never_comes_from_an_information_document(parse_text: ParseText) -> None:
    document = header_of(parse_text, "EMGSOM.27/INF.2", "# Summary of decisions")
    assert (document.symbol, document.meeting.number) == (None, None)


def test_a_cited_symbol_is_not_the_document(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# Summary of decisions",
        "Geneva, 2 May 2019",
        "Taken on the basis of the progress report (EMG/SOM.16/2)",
    )
    assert (document.symbol, document.meeting.number) == (None, None)


def test_the_number_comes_from_the_document_symbol(parse_text: ParseText) -> None:
    document = header_of(parse_text, "EMG/SOM.19/04", "# Final report", "Geneva, 2 May 2013")
    assert document.meeting.number == 19


def test_a_preamble_date_is_not_the_meeting_date(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# Summary of Action Points",
        "As approved by the Senior Officials through a silence procedure ending on 18 October 2013",
        "19th Senior Officials Meeting",
        "New York, 19 September 2013",
    )
    assert document.meeting.date == day("2013-09-19")


def test_another_meeting_named_in_the_preamble_is_not_this_one(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# Summary of Action Points",
        "To be considered at the thirtieth meeting of the Senior Officials",
        "29th Senior Officials Meeting",
        "Geneva, 3 May 2023",
    )
    assert document.meeting.number == 29


def test_the_year_is_never_inferred_from_the_number(parse_text: ParseText) -> None:
    document = header_of(parse_text, "Second meeting of the Senior Officials", "# Final report")
    assert (document.meeting.number, document.meeting.date) == (2, None)


def test_a_sentence_saying_the_meeting_was_held_fills_what_the_lines_do_not(
    parse_text: ParseText,
) -> None:
    document = header_of(
        parse_text,
        "# Summary of decisions",
        "The 11th Senior Officials' Meeting of the Environment Management Group was held in "
        "Nairobi on 6 February 2006 (see EMG/SOM.11/INF.1).",
    )
    m = document.meeting
    assert (document.symbol, m.number, m.date, m.venue) == (None, 11, day("2006-02-06"), "Nairobi")


def test_a_sentence_about_a_meeting_to_come_gives_nothing(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "# Summary of decisions",
        "The report will be considered at the twelfth meeting of the Senior Officials, to be "
        "held in Bonn on 5 October 2006.",
    )
    m = document.meeting
    assert (m.number, m.date, m.venue) == (None, None, None)


# --------------------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("line", "date", "end_date"),
    [
        ("Geneva, 19 September 2013", "2013-09-19", None),
        ("New York, 25 September, 2014", "2014-09-25", None),
        ("Wednesday, 26 September 2018", "2018-09-26", None),
        ("12–13 October 2022", "2022-10-12", "2022-10-13"),
        ("7 & 8 September 2021", "2021-09-07", "2021-09-08"),
        ("30 September – 1 October 2019", "2019-09-30", "2019-10-01"),
        ("30 December 2019 - 2 January 2020", "2019-12-30", "2020-01-02"),
        ("30 December - 2 January 2020", "2019-12-30", "2020-01-02"),
        ("28 th October 2020", "2020-10-28", None),
        ("October 28, 2020", "2020-10-28", None),
        ("September 30 - October 1, 2019", "2019-09-30", "2019-10-01"),
        ("December 30, 2019 - January 2, 2020", "2019-12-30", "2020-01-02"),
        ("December 30 - January 2, 2020", "2019-12-30", "2020-01-02"),
        ("17/01/2020", "2020-01-17", None),
        ("03.02.2021", "2021-02-03", None),
        ("01/17/2020", "2020-01-17", None),
        ("2020-10-28", "2020-10-28", None),
    ],
)
def test_dates(line: str, date: str, end_date: str | None, parse_text: ParseText) -> None:
    m = header_of(parse_text, "# Summary of Action Points", line).meeting
    assert (m.date, m.end_date) == (day(date), day(end_date) if end_date else None)


def test_the_first_date_line_gives_both_days(parse_text: ParseText) -> None:
    m = header_of(parse_text, "# Final report", "Geneva, 3 May 2019", "12–13 May 2019").meeting
    assert (m.date, m.end_date) == (day("2019-05-03"), None)


@pytest.mark.parametrize("date", ["31 February 2020", "13–12 October 2022", "29/02/2021"])
def test_a_date_that_is_no_calendar_date_is_reported(date: str, parse_text: ParseText) -> None:
    result = parse_text(f"# Summary of Action Points\n\nGeneva, {date}" + BODY)
    assert (result.document.meeting.date, result.document.meeting.end_date) == (None, None)
    assert [w.code for w in result.warnings] == ["header"]
    assert date in result.warnings[0].message


@pytest.mark.parametrize(
    ("line", "time", "venue"),
    [
        ("9:00 a.m. – 12:30 p.m.", "9:00 a.m. – 12:30 p.m.", None),
        ("Nairobi, 26 February 2009, 3.15 pm", "3.15 pm", "Nairobi"),
        (
            "Senior Segment, 28 October 2020 (14:00 -15:30 GVA time) Online",
            "14:00 -15:30 GVA time",
            "Online",
        ),
        ("10:00 – 13:00", "10:00 – 13:00", None),
        ("26 September 2018 15:00 – 17:30 New York", "15:00 – 17:30", "New York"),
        (
            "Geneva, 3 May 2019, 3:00 pm – 5:00 pm Geneva time",
            "3:00 pm – 5:00 pm Geneva time",
            "Geneva",
        ),
        ("Bonn, 5 May 2019, 10 a.m. to 1 p.m. (CEST)", "10 a.m. to 1 p.m. (CEST)", "Bonn"),
    ],
)
def test_times(line: str, time: str, venue: str | None, parse_text: ParseText) -> None:
    m = header_of(parse_text, "# Summary of Action Points", line).meeting
    assert (m.time, m.venue) == (time, venue)


@pytest.mark.parametrize(
    ("lines", "venue"),
    [
        (["Wednesday, 26 September 2018", "New York"], "New York"),
        (["Wednesday", "26 September 2018"], None),
        (["22 September 2016", "UN City, Copenhagen"], "Copenhagen"),
        (["Nairobi, Kenya, 22 September 2016"], "Nairobi"),
        (["Palais des Nations, Geneva, 8 October 2015"], "Geneva"),
        (["9–10 September 2021 | Rio de Janeiro"], "Rio de Janeiro"),
        (["19 October 2023", "Hybrid (Geneva and online)"], "Geneva"),
        (["Virtual meeting", "17 January 2020"], "Virtual"),
        (["Original: English", "17 January 2020"], None),
        (["Confidential", "17 January 2020"], None),
        (["Bonn", "EMG/SOM.12/3", "17 January 2020"], None),
    ],
)
def test_venues(lines: list[str], venue: str | None, parse_text: ParseText) -> None:
    assert header_of(parse_text, "# Summary of Action Points", *lines).meeting.venue == venue


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("19th Senior Officials Meeting of the Environment Management Group", 19),
        ("Twenty-eighth meeting of the Senior Officials", 28),
        ("24th Meeting of the Senior Officials of the EMG (SOM 24)", 24),
        ("SOM25 – Senior Segment", 25),
        ("EMG SOM 23", 23),
        ("15 th Meeting of the Senior Officials of the Environment Management Group", 15),
        ("Fortieth Senior Officials Meeting of the Environment Management Group", 40),
        ("Thirty-ninth meeting of the EMG Senior Officials", 39),
        ("Twenty-Sixth Meeting of the Environment Management Group Senior Officials", 26),
        ("Ninth meeting of the Environment Management Group", 9),
        ("REPORT OF THE NINETEENTH MEETING OF THE SENIOR OFFICIALS", 19),
    ],
)
def test_meeting_numbers(line: str, number: int, parse_text: ParseText) -> None:
    assert header_of(parse_text, line, "# Final report").meeting.number == number


def test_distribution_runs_to_the_next_field_of_a_joined_line(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "EMG/SOM.22/3 Distribution: EMG Members 22nd Meeting of the Senior "
        "Officials of the Environment Management Group Nairobi, 22 September 2016",
        "# Summary of Action Points",
    )
    m = document.meeting
    assert (document.symbol, document.distribution) == ("EMG/SOM.22/3", "EMG Members")
    assert (m.number, m.date, m.venue) == (22, day("2016-09-22"), "Nairobi")


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(5)))
def test_header_lines_in_any_order(order: list[int]) -> None:
    lines = [
        "**EMGSOM.31/2**",
        "Distribution: EMG Members",
        "31st Senior Officials Meeting",
        "Bonn, 30 September – 1 October 2025",
        "14:00 – 15:30 CEST",
    ]
    text = "\n\n".join([lines[i] for i in order] + ["# Summary of decisions"]) + BODY
    found = fields(segment(clean(lines_from_text(text))).document)
    assert found == {
        "symbol": "EMGSOM.31/2",
        "title": "Summary of decisions",
        "kind": "decisions",
        "status": None,
        "number": 31,
        "date": day("2025-09-30"),
        "end_date": day("2025-10-01"),
        "time": "14:00 – 15:30 CEST",
        "venue": "Bonn",
    }


_TOKENS = st.sampled_from(
    [
        "0th",
        "1st",
        "15 th",
        "Twenty-eighth",
        "Senior",
        "Officials",
        "Meeting",
        "of",
        "the",
        "EMG",
        "SOM",
        "SOM0",
        "SOM 24",
        "EMGSOM.0",
        "EMG/SOM.19/INF.2",
        "EMGS0M.24(b)",
        "–",
        ",",
        "(",
        ")",
        "Distribution:",
        "Geneva",
        "New York",
        "31 February 2020",
        "0/0/0000",
        "13/13/2020",
        "30 December - 2 January 0001",
        "9:99",
        "25:00 – 99:99",
        "Online",
        "Wednesday",
        "As approved by",
        "may wish to",
        "Summary of Action Points",
        "Report",
        "was held in",
        "on",
        "12–13 October 2022",
        "13–12 October 2022",
        "2020-13-45",
        "0000-01-01",
        "Venue:",
        "Date:",
        "September 30 - February 31, 2019",
        "EMG SOM 25/3",
        "is invited to",
        "ninety-ninth",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_TOKENS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=8))
def test_any_header_gives_a_valid_document(lines: list[str]) -> None:
    """Whatever the header holds, the header is read without error into values the
    model accepts: a number of 1 or more, a range that does not end before it starts, no
    information document's symbol."""
    document = segment(clean(lines_from_text("\n\n".join(lines) + BODY))).document
    m = document.meeting
    assert m.number is None or m.number >= 1
    assert m.end_date is None or (m.date is not None and m.end_date >= m.date)
    assert document.symbol is None or "INF" not in document.symbol


# --------------------------------------------------------------------------- PDF and Word


def _right(page: Page, top: float, text: str, size: float = 11.0, font: str = "Helvetica") -> None:
    page.text_top(page.width - 72 - text_width(text, size), top, text, size, font)


def test_pdf_right_aligned_header_under_a_running_header(tmp_path: Path) -> None:
    """Right-aligned header lines that the PDF reader joins into one block, on pages
    that all carry the symbol as a running header."""
    pages = []
    for n, numbers in enumerate((("I", "II"), ("III", "IV"))):
        page = Page()
        _right(page, 40, "EMG/SOM.22/3", 9)
        page.text_top(290, 810, str(n + 1), 9)
        top = 100.0
        if n == 0:
            _right(page, top, "EMG/SOM.22/3", 11, "Helvetica-Bold")
            for line in (
                "Distribution: EMG Members",
                "22nd Meeting of the Senior Officials of the Environment Management Group",
                "Nairobi, 22 September 2016",
            ):
                top += 16
                _right(page, top, line)
            page.text_top(200, top + 40, "Summary of Action Points", 16, "Helvetica-Bold")
            page.text_top(160, top + 70, "As approved by the Senior Officials at the close")
            top += 110
        for number in numbers:
            page.text_top(72, top, f"{number}. Section {number}", 12, "Helvetica-Bold")
            page.text_top(72, top + 20, "The Senior Officials:")
            page.text_top(72, top + 36, "a) Welcome the report of the group;")
            page.text_top(72, top + 52, "b) Request the Secretariat to report back.")
            top += 90
        pages.append(page)
    document = parse_file(write_pdf(tmp_path / "doc.pdf", pages)).document
    assert fields(document) == {
        "symbol": "EMG/SOM.22/3",
        "title": "Summary of Action Points",
        "kind": "action_points",
        "status": "approved",
        "number": 22,
        "date": day("2016-09-22"),
        "end_date": None,
        "time": None,
        "venue": "Nairobi",
    }
    assert document.distribution == "EMG Members"


def test_word_two_column_header_table(tmp_path: Path) -> None:
    left = "".join(
        para(run(text, bold=bold))
        for text, bold in (
            ("Twenty-eighth meeting of the Senior Officials", True),
            ("Environment Management Group", False),
            ("12–13 October 2022", False),
            ("Nairobi", False),
        )
    )
    right = para(run("EMGSOM.28/3", bold=True)) + para(run("Distribution: EMG Members"))
    header = table([[left, right]])
    body = [
        header,
        para(run("Outcome document", bold=True, size=16)),
        para(run("As approved by the Senior Officials on 13 October 2022")),
        para(run("I. Biodiversity", bold=True)),
        para(run("The Senior Officials:")),
        para(run("a) Welcome the report.")),
    ]
    document = parse_file(build_docx(tmp_path / "doc.docx", body)).document
    assert fields(document) == {
        "symbol": "EMGSOM.28/3",
        "title": "Outcome document",
        "kind": "outcome",
        "status": "approved",
        "number": 28,
        "date": day("2022-10-12"),
        "end_date": day("2022-10-13"),
        "time": None,
        "venue": "Nairobi",
    }


def test_an_empty_distribution_takes_its_value_only_from_its_own_cell(tmp_path: Path) -> None:
    left = para(run("26th Senior Officials Meeting")) + para(run("Geneva, 4 May 2020"))
    right = para(run("EMGSOM.26/1")) + para(run("Distribution:"))
    body = [
        table([[left, right]]),
        para(run("Summary of Action Points", bold=True, size=16)),
        para(run("I. Biodiversity", bold=True)),
        para(run("The Senior Officials:")),
        para(run("a) Welcome the report.")),
    ]
    document = parse_file(build_docx(tmp_path / "doc.docx", body)).document
    assert (document.distribution, document.title) == (None, "Summary of Action Points")


def test_command_writes_kind_and_status(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("EMG/SOM.18/02\n\n# Progress Report and Recommended Actions" + BODY)
    code, out, err = cli(str(path))
    assert (code, err) == (0, "")
    document = json.loads(out)["document"]
    assert (document["kind"], document["status"]) == ("recommended_actions", "proposed")


def test_a_meeting_line_joined_with_its_place_date_and_time_is_no_prose(
    parse_text: ParseText,
) -> None:
    # A PDF may join centred lines into one block; "of the" make no sentence.
    document = header_of(
        parse_text,
        "EMG/SOM.31/5",
        "SOM31 – Senior Officials Meeting of the Environment Management Group "
        "Bonn, 2 October 2025 2:00 p.m. – 4:30 p.m.",
        "# Outcome document",
    )
    m = document.meeting
    assert (m.number, m.date, m.time, m.venue) == (
        31,
        day("2025-10-02"),
        "2:00 p.m. – 4:30 p.m.",
        "Bonn",
    )


def test_a_title_joined_with_the_place_and_date_gives_the_venue(parse_text: ParseText) -> None:
    # text saved without blank lines: the title line and the next are one block
    document = parse_text(
        "Environment Management Group\n"
        "Chair's summary of the tenth meeting of the Senior Officials\n"
        "Geneva, 11 October 2005\n\n"
        "Agenda item 2: Next meeting\n\n"
        "The meeting decided to meet again in Nairobi in February 2006.\n"
    )
    m = document.document.meeting
    assert (m.number, m.date, m.venue) == (10, day("2005-10-11"), "Geneva")


def test_a_place_in_a_title_alone_is_no_venue(parse_text: ParseText) -> None:
    document = header_of(parse_text, "# Outcome of the Nairobi Nexus Dialogue", "12 May 2022")
    assert document.meeting.venue is None


def test_the_meeting_date_is_the_one_printed_with_the_place(parse_text: ParseText) -> None:
    document = header_of(
        parse_text,
        "EMG/SOM.13/2",
        "13 November 2007",
        "# Report of the thirteenth meeting of the Senior Officials",
        "Bonn, 8 November 2007",
    )
    m = document.meeting
    assert (m.date, m.venue) == (day("2007-11-08"), "Bonn")
