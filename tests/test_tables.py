"""Tables of action points (emg_parse.tables): header rows, rows as sections, attributes,
in Word and text documents read through the whole pipeline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest

from emg_parse.cleanup import clean
from emg_parse.engines import PdfEngine
from emg_parse.extractors.text import lines_from_text
from emg_parse.pipeline import blocks_of, parse_file
from emg_parse.segmenter import segment
from emg_parse.tables import columns_of, snake_case

from .conftest import Cli
from .test_layouts_cli import parse_and_validate

HEADER = [
    "EMGSOM.31/3",
    "31st Meeting of the Senior Officials of the Environment Management Group",
    "Wednesday, 2 October 2024",
    "Geneva",
    "Approved Action Points",
]


def _columns(*headings: str) -> tuple[tuple[int, ...], int, dict[int, str]] | None:
    found = columns_of(dict(enumerate(headings)))
    return None if found is None else (found.agenda, found.action, dict(found.keys))


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (
            ("Agenda item", "Action points", "Lead", "Timeline"),
            ((0,), 1, {2: "lead", 3: "timeline"}),
        ),
        (
            ("No.", "Topic", "Decisions", "Responsible", "By when"),
            ((0, 1), 2, {3: "responsible", 4: "by_when"}),
        ),
        (
            ("Agenda item and title", "Recommended actions", "Lead agency", "Due date"),
            ((0,), 1, {2: "lead_agency", 3: "due_date"}),
        ),
        (
            ("Action points", "Responsible entity", "Timeline"),
            ((), 0, {1: "responsible_entity", 2: "timeline"}),
        ),
        (
            ("Item", "Action required", "Action by", "Status"),
            ((0,), 1, {2: "action_by", 3: "status"}),
        ),
        (("#", "Agreed follow-up actions", "Who", ""), ((0,), 1, {2: "who", 3: "column_4"})),
    ],
)
def test_a_header_row_with_an_action_column(
    headings: tuple[str, ...], expected: tuple[Any, ...]
) -> None:
    assert _columns(*headings) == expected


@pytest.mark.parametrize(
    "headings",
    [
        ("Name", "Organization", "Title"),  # list of participants
        ("Time", "Item", "Speaker"),  # agenda of the meeting
        ("EMGSOM.26/3a", "Distribution: EMG Members"),  # title page
        ("Action by", "Date"),  # who acts, no action column
        ("Decisions",),  # one column
        ("Item", "The Senior Officials took the following decisions on this agenda item " * 2),
    ],
)
def test_a_header_row_without_an_action_column(headings: tuple[str, ...]) -> None:
    assert _columns(*headings) is None


def test_snake_case_keys() -> None:
    assert snake_case("Responsible entity") == "responsible_entity"
    assert snake_case(" Lead / Focal point ") == "lead_focal_point"
    assert snake_case("Échéance") == "échéance"


def _word(
    path: Path,
    rows: list[list[str | list[str]]],
    merge: list[tuple[int, int]],
    heading: str | None = None,
) -> None:
    """A Word document: the header block, ``heading``, then a table of ``rows`` (a cell's
    list is its paragraphs); each (first, last) of ``merge`` merges column 0 of those
    rows."""
    document = docx.Document()
    for text in HEADER:
        document.add_paragraph(text)
    if heading is not None:
        document.add_paragraph(heading)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraphs = [value] if isinstance(value, str) else value
            cell = table.cell(r, c)
            cell.text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
    for first, last in merge:
        table.cell(first, 0).merge(table.cell(last, 0))
    document.save(str(path))


def _outline(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            s["number"],
            s["level"],
            s["title"],
            s["notes"],
            [(d["label"], d["text"], d["actions"], d["attributes"]) for d in s["decisions"]],
        )
        for s in document["sections"]
    ]


def test_word_table_with_number_and_topic_columns_and_a_merged_agenda_cell(
    tmp_path: Path, cli: Cli
) -> None:
    source = tmp_path / "merged.docx"
    _word(
        source,
        [
            ["No.", "Topic", "Decisions", "Responsible", "By when"],
            ["1", "Chemicals and waste", "Welcome the report of the Task Team.", "UNEP", "2025"],
            ["", "", "Request the Secretariat to share it.", "EMG Secretariat", "March 2025"],
            [
                "2",
                "Biodiversity",
                [
                    "The Senior Officials agreed to:",
                    "(a) endorse the common approach;",
                    "(b) conclude the Consultative Process.",
                ],
                ["UNEP", "CBD Secretariat"],
                "",
            ],
        ],
        [],
    )
    document = parse_and_validate(cli, source)
    assert _outline(document) == [
        (
            "1",
            1,
            "Chemicals and waste",
            [],
            [
                (
                    None,
                    "Welcome the report of the Task Team.",
                    ["welcome"],
                    {"responsible": "UNEP", "by_when": "2025"},
                ),
                (
                    None,
                    "Request the Secretariat to share it.",
                    ["request"],
                    {"responsible": "EMG Secretariat", "by_when": "March 2025"},
                ),
            ],
        ),
        (
            "2",
            1,
            "Biodiversity",
            [],
            [
                (
                    "a",
                    "endorse the common approach;",
                    ["endorse"],
                    {"responsible": "UNEP CBD Secretariat"},
                ),
                (
                    "b",
                    "conclude the Consultative Process.",
                    ["conclude"],
                    {"responsible": "UNEP CBD Secretariat"},
                ),
            ],
        ),
    ]
    assert document["sections"][1]["actor"] == "The Senior Officials agreed to"
    # the header row is no part of the preamble
    assert "Decisions" not in (document["document"]["preamble"] or [])


def test_word_agenda_cell_merged_over_rows_keeps_one_section(tmp_path: Path) -> None:
    source = tmp_path / "vmerge.docx"
    _word(
        source,
        [
            ["Agenda item", "Action points", "Lead", "Timeline"],
            ["Agenda item 3: Biodiversity", "Welcome the report.", "UNEP", "2024"],
            ["", "Agree to extend the Consultative Process.", "CBD", "2025"],
            ["4. Marine litter", "Take note of the mapping.", "UNEP", "2024"],
        ],
        [(1, 2)],
    )
    document = parse_file(source).model_dump(mode="json")
    assert [(s["number"], s["title"], len(s["decisions"])) for s in document["sections"]] == [
        ("3", "Biodiversity", 2),
        ("4", "Marine litter", 1),
    ]
    assert [d["attributes"] for d in document["sections"][0]["decisions"]] == [
        {"lead": "UNEP", "timeline": "2024"},
        {"lead": "CBD", "timeline": "2025"},
    ]


def test_a_cell_of_one_sentence_over_several_paragraphs_is_one_decision(tmp_path: Path) -> None:
    source = tmp_path / "wrapped.docx"
    _word(
        source,
        [
            ["Action points", "Responsible entity", "Timeline"],
            [
                ["Request the EMG Secretariat to prepare a synthesis", "of the replies of members"],
                ["UNEP", "UNDP"],
                "End of 2024",
            ],
        ],
        [],
        "I. Any other business",
    )
    parsed = parse_file(source).model_dump(mode="json")
    decisions = parsed["sections"][-1]["decisions"]
    assert [(d["text"], d["attributes"]) for d in decisions] == [
        (
            "Request the EMG Secretariat to prepare a synthesis of the replies of members",
            {"responsible_entity": "UNEP UNDP", "timeline": "End of 2024"},
        )
    ]


def _segmented(text: str) -> list[tuple[Any, ...]]:
    result = segment(clean(lines_from_text(text)))
    return [
        (s.number, s.title, s.notes, [(d.text, d.attributes) for d in s.decisions])
        for s in result.sections
    ]


def test_markdown_table_with_an_empty_agenda_cell() -> None:
    text = "\n".join(
        [
            *HEADER,
            "",
            "| Item | Action points | Lead |",
            "|---|---|---|",
            "| 1. Nexus Dialogues | Agree to launch a new series of dialogues. | EMG Secretariat |",
            "| | Invite members to host them. | All members |",
            "| 2 Any other business | Take note of the date of the next meeting. | Chair |",
        ]
    )
    assert _segmented(text) == [
        (
            "1",
            "Nexus Dialogues",
            [],
            [
                ("Agree to launch a new series of dialogues.", {"lead": "EMG Secretariat"}),
                ("Invite members to host them.", {"lead": "All members"}),
            ],
        ),
        (
            "2",
            "Any other business",
            [],
            [("Take note of the date of the next meeting.", {"lead": "Chair"})],
        ),
    ]


def test_tab_separated_table_as_word_saves_it() -> None:
    text = "\n".join(
        [
            *HEADER,
            "",
            "Agenda item\tActions\tFocal point\tDeadline",
            "5. Sand and dust storms\tWelcome the report of the Coalition.\tUNCCD\t2025",
            "\tRequest the Coalition to report at the next meeting.\t\tSOM 32",
        ]
    )
    assert _segmented(text) == [
        (
            "5",
            "Sand and dust storms",
            [],
            [
                (
                    "Welcome the report of the Coalition.",
                    {"focal_point": "UNCCD", "deadline": "2025"},
                ),
                (
                    "Request the Coalition to report at the next meeting.",
                    {"deadline": "SOM 32"},
                ),
            ],
        )
    ]


def test_a_table_that_is_not_of_action_points_reads_as_without_the_table_stage(
    tmp_path: Path,
) -> None:
    source = tmp_path / "participants.docx"
    document = docx.Document()
    for text in HEADER:
        document.add_paragraph(text)
    document.add_paragraph("I. Opening of the meeting")
    document.add_paragraph("The Senior Officials:")
    document.add_paragraph("a) Welcomed the new members.")
    document.add_paragraph("Annex I")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ["Name", "Organization", "Title"],
            ["A. Person", "UNEP", "Director"],
            ["B.", "ITU", "Chief"],
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(source))
    _, blocks = blocks_of(source)
    assert any(b.table is not None for b in blocks)
    plain = segment([replace(b, table=None) for b in blocks])
    assert segment(blocks) == plain


@pytest.mark.parametrize(
    ("name", "engine"),
    [
        ("table_sections.docx", "pdfium"),
        ("table_sections.pdf", "pdfium"),
        ("table_sections.pdf", "pdfplumber"),
    ],
)
def test_a_table_per_section_without_agenda_column(name: str, engine: PdfEngine) -> None:
    from emg_parse.extractors import ReadOptions
    from emg_parse.pipeline import ParseOptions

    from .documents.build_documents import TABLE_SECTIONS

    path = Path(__file__).parent / "documents" / name
    parsed = parse_file(path, ParseOptions(read=ReadOptions(engine=engine))).model_dump(mode="json")
    expected: list[tuple[Any, ...]] = [
        (
            heading.split(". ", 1)[0],
            heading.split(". ", 1)[1],
            [],
            [
                (action, {"responsible_entity": " ".join(leads), "timeline": timeline})
                for action, leads, timeline in rows
            ],
        )
        for heading, rows in TABLE_SECTIONS
    ]
    assert [
        (
            s["number"],
            s["title"],
            s["notes"],
            [(d["text"], d["attributes"]) for d in s["decisions"]],
        )
        for s in parsed["sections"]
    ] == expected
    assert [a["title"] for a in parsed["annexes"]] == ["Annex I"]


def test_a_tab_table_whose_agenda_cells_hold_a_number_alone(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text(
        "EMG/SOM.13/2\nBonn, 8 November 2007\nSummary of decisions\n\n"
        "No.\tAction points\tLead\tTimeline\n"
        "3.\tRequest UNOPS to publish the data.\tUNOPS\tMarch 2018\n"
        "4.\tWelcome the report.\tUNEP\t2018\n",
        encoding="utf-8",
    )
    document = parse_file(path)
    assert [(s.number, s.title) for s in document.sections] == [("3", "3."), ("4", "4.")]
    (first,) = document.sections[0].decisions
    assert first.attributes == {"lead": "UNOPS", "timeline": "March 2018"}
    # as Word saves numbered paragraphs to text, with no header row: no table
    lines = lines_from_text("I.\tIssue management\nA.\tSand and dust storms\n")
    assert [(line.text, line.table) for line in lines] == [
        ("I. Issue management", None),
        ("A. Sand and dust storms", None),
    ]
