"""emg_parse.deadlines: deadline phrases, with their kind, value and meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from emg_parse.deadlines import cell_deadline, deadlines

from .enrich_helpers import one

MEETING = 26
DATE = dt.date(2020, 10, 28)


def read(
    text: str, meeting: int | None = MEETING, date: dt.date | None = DATE
) -> list[tuple[object, ...]]:
    return [
        (f.text, f.kind, f.value, f.precision, f.meeting) for f in deadlines(text, meeting, date)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # date: a marker and a date
        (
            "finalize the report by November 2020 along with",
            ("by November 2020", "date", "2020-11", "month", None),
        ),
        ("by the end of 2017", ("by the end of 2017", "date", "2017", "year", None)),
        ("at the end of 2017, with thanks", ("at the end of 2017", "date", "2017", "year", None)),
        (
            "no later than 30 June 2021",
            ("no later than 30 June 2021", "date", "2021-06-30", "day", None),
        ),
        ("before June 30, 2021.", ("before June 30, 2021", "date", "2021-06-30", "day", None)),
        ("by 1st Sept. 2021", ("by 1st Sept. 2021", "date", "2021-09-01", "day", None)),
        ("by 2030.", ("by 2030", "date", "2030", "year", None)),
        ("by mid-2021", ("by mid-2021", "date", "2021", "year", None)),
        ("by the year 2025", ("by the year 2025", "date", "2025", "year", None)),
        ("by May 2021", ("by May 2021", "date", "2021-05", "month", None)),
        ("by the end of the year", ("by the end of the year", "date", "2020", "year", None)),
        ("by the end of next year", ("by the end of next year", "date", "2021", "year", None)),
        ("in time for March 2010", ("in time for March 2010", "date", "2010-03", "month", None)),
        # a day that does not exist keeps its month
        ("by 31 June 2021", ("by 31 June 2021", "date", "2021-06", "month", None)),
        # next meeting: this one + 1
        (
            "report to the next meeting of the Senior Officials.",
            ("to the next meeting of the Senior Officials", "next_meeting", None, None, 27),
        ),
        ("at their next meeting", ("at their next meeting", "next_meeting", None, None, 27)),
        (
            "by the next Senior Officials Meeting",
            ("by the next Senior Officials Meeting", "next_meeting", None, None, 27),
        ),
        (
            "in time for the next meeting of the Senior Officials.",
            (
                "in time for the next meeting of the Senior Officials",
                "next_meeting",
                None,
                None,
                27,
            ),
        ),
        # meeting: an ordinal or SOM and a number
        ("at its 25th meeting", ("at its 25th meeting", "meeting", None, None, 25)),
        (
            "before the twenty-third meeting",
            ("before the twenty-third meeting", "meeting", None, None, 23),
        ),
        (
            "for consideration at the twenty-fourth meeting.",
            ("at the twenty-fourth meeting", "meeting", None, None, 24),
        ),
        (
            "to the eighteenth meeting of the Senior Officials.",
            ("to the eighteenth meeting of the Senior Officials", "meeting", None, None, 18),
        ),
        ("at SOM27", ("at SOM27", "meeting", None, None, 27)),
        ("by SOM 28", ("by SOM 28", "meeting", None, None, 28)),
        # until
        ("until September 2022", ("until September 2022", "until", "2022-09", "month", None)),
        ("until the end of 2013 so that", ("until the end of 2013", "until", "2013", "year", None)),
        ("until its next meeting", ("until its next meeting", "until", None, None, 27)),
        ("until the 30th meeting", ("until the 30th meeting", "until", None, None, 30)),
        # period
        (
            "support the Coalition in 2018-2019.",
            ("in 2018-2019", "period", "2018/2019", "year", None),
        ),
        (
            "for the biennium 2018-19",
            ("for the biennium 2018-19", "period", "2018/2019", "year", None),
        ),
        ("from 2021 to 2023", ("from 2021 to 2023", "period", "2021/2023", "year", None)),
        ("during 2019", ("during 2019", "period", "2019", "year", None)),
        # duration
        (
            "extend the Consultative Process for another year to:",
            ("for another year", "duration", "P1Y", None, None),
        ),
        (
            "for an initial period of two years;",
            ("for an initial period of two years", "duration", "P2Y", None, None),
        ),
        (
            "for a trial period of one year",
            ("for a trial period of one year", "duration", "P1Y", None, None),
        ),
        ("for a further two years", ("for a further two years", "duration", "P2Y", None, None)),
        ("within six months", ("within six months", "duration", "P6M", None, None)),
        ("for 18 months", ("for 18 months", "duration", "P18M", None, None)),
        ("over the next three weeks", ("over the next three weeks", "duration", "P3W", None, None)),
    ],
)
def test_a_deadline(text: str, expected: tuple[object, ...]) -> None:
    assert read(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Senior Officials may wish to consider the report.",  # "may" is not a month
        "hold the twentieth meeting in New York in September 2014",  # no marker
        "Approve the proposal to hold their next meeting in Geneva in September 2009.",
        "present a draft at the twelfth meeting of the Conference of the Parties",  # not ours
        "the Strategy for Sustainability Management in the UN System 2020-2030",
        "the work plan of the Coalition for 2020-2021",  # "for" alone marks no period
        "the strategic plan for 2012-2015",
        "welcome the recognition by the General Assembly, in July 2022, of the right",
        "launch a series of Nexus Dialogues in 2016",
        "include the indicators in the report from 2019",
        "transfer the work from January 2018",
        "the guidance issued in March 2010",
        "a one-year trial",
        "hold at least two dialogues a year",
        "for years",
        "for 0 years",
        "by the way",
        "in 2018-2019x",
        "the 2008 inventories of all participating entities",
        "paragraph 3 (a) of decision 26/11",
    ],
)
def test_no_deadline(text: str) -> None:
    assert read(text) == []


def test_a_meeting_numbered_zero_is_none() -> None:
    assert read("at the 0th meeting and by SOM 0") == [
        ("at the 0th meeting", "meeting", None, None, None),
        ("by SOM 0", "meeting", None, None, None),
    ]


def test_without_the_meeting_number_a_next_meeting_has_none() -> None:
    assert read("at the next meeting", meeting=None) == [
        ("at the next meeting", "next_meeting", None, None, None)
    ]
    assert read("until its next meeting", meeting=None) == [
        ("until its next meeting", "until", None, None, None)
    ]


def test_without_the_meeting_date_the_year_is_unknown() -> None:
    assert read("by the end of the year", date=None) == [
        ("by the end of the year", "date", None, None, None)
    ]


def test_several_in_order() -> None:
    assert [
        f[0]
        for f in read(
            "until the end of 2023 to report on its work to the "
            "twenty-ninth meeting and, for another year, by May 2023"
        )
    ] == ["until the end of 2023", "to the twenty-ninth meeting", "for another year", "by May 2023"]


def test_deadlines_of_a_decision_and_its_items() -> None:
    decision = one(
        "Request the Issue Management Group to:",
        ["request"],
        items=[
            {"label": "i", "text": "compile the inventories by September 2009; and"},
            {"label": "ii", "text": "report at their next meeting."},
        ],
    )
    assert [(d.text, d.kind, d.value, d.meeting, d.item) for d in decision.deadlines] == [
        ("by September 2009", "date", "2009-09", None, "SOM26-I-p1-i"),
        ("at their next meeting", "next_meeting", None, 27, "SOM26-I-p1-ii"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("March 2028", ("March 2028", "date", "2028-03", None)),
        ("31 December 2026.", ("31 December 2026", "date", "2026-12-31", None)),
        ("2025-2026", ("2025-2026", "period", "2025/2026", None)),
        ("SOM 34", ("SOM 34", "meeting", None, 34)),
        ("At the next meeting", ("At the next meeting", "next_meeting", None, 34)),
        ("by the end of 2027", ("by the end of 2027", "date", "2027", None)),
        ("Ongoing", None),
        ("Completed", None),
        ("UNEP to report in May 2026", None),
    ],
)
def test_a_cell_of_a_column_of_when(
    cell: str, expected: tuple[str, str, str | None, int | None] | None
) -> None:
    found = cell_deadline(cell, 33, None)
    assert (found and (found.text, found.kind, found.value, found.meeting)) == expected


def test_the_end_of_a_year_in_a_cell() -> None:
    found = cell_deadline("End of 2023", None, None)
    assert found is not None and (found.text, found.value) == ("End of 2023", "2023")


def test_in_the_biennium() -> None:
    (found,) = deadlines("to be reviewed in the biennium 2008-2009")
    assert (found.text, found.kind, found.value) == (
        "in the biennium 2008-2009",
        "period",
        "2008/2009",
    )
