"""Layouts of other years, end to end: ``emg-parse FILE`` then ``emg-parse validate``.

Each document is written by the test (Word with python-docx, text as a user saves it),
in a layout the committed samples do not show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import Cli
from .docx_builders import build_docx, para, run


def parse_and_validate(cli: Cli, source: Path) -> dict[str, Any]:
    """The command's JSON for ``source``, after checking that validate finds no problem
    (warnings are in the JSON; -q keeps them off stderr)."""
    out = source.with_suffix(".json")
    assert cli(str(source), "-q", "-o", str(out)) == (0, "", "")
    assert cli("validate", str(out))[0] == 0
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def outline(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each section's number, level, title, actor, notes, and decisions as (label, actor,
    actions, item labels)."""
    return [
        (
            s["number"],
            s["level"],
            s["title"],
            s["actor"],
            s["notes"],
            [
                (d["label"], d["actor"], d["actions"], [i["label"] for i in d["items"]])
                for d in s["decisions"]
            ],
        )
        for s in document["sections"]
    ]


def test_word_document_with_heading_styles_and_no_numbers(tmp_path: Path, cli: Cli) -> None:
    body = [
        para("EMG/SOM.32/4"),
        para("32nd Meeting of the Senior Officials of the Environment Management Group"),
        para("Geneva, 5 May 2026"),
        para("Outcome of the meeting", style="Title"),
        para("Pollution", style="Heading1"),
        para("The Secretariat presented a note on pollution."),
        para("The Senior Officials may wish to:"),
        para("(a) Welcome the note;"),
        para("(b) Agree in principle to establish a Task Team on pollution."),
        para("Chemicals", style="Heading2"),
        para("The Senior Officials:"),
        para("Take note of the report and agree to conclude the Task Team."),
        para("Other matters", style="Heading1"),
        para("No other business was raised."),
        para(run("Annex", bold=True)),
        para("List of participants"),
        para("1. UNEP"),
    ]
    document = parse_and_validate(cli, build_docx(tmp_path / "styles.docx", body))
    assert document["document"]["title"] == "Outcome of the meeting"
    assert outline(document) == [
        (
            None,
            1,
            "Pollution",
            "The Senior Officials may wish to",
            ["The Secretariat presented a note on pollution."],
            [("a", None, ["welcome"], []), ("b", None, ["agree", "establish"], [])],
        ),
        (
            None,
            2,
            "Chemicals",
            "The Senior Officials",
            [],
            [(None, None, ["take_note", "agree", "conclude"], [])],
        ),
        (None, 1, "Other matters", None, ["No other business was raised."], []),
    ]
    assert document["annexes"] == [
        {
            "title": "Annex",
            "text": "List of participants\n1. UNEP",
            "source": {"page": None, "line": None, "paragraph": 15},
        }
    ]


def test_plain_text_report_with_arabic_headings_and_paragraphs(tmp_path: Path, cli: Cli) -> None:
    source = tmp_path / "report.txt"
    source.write_text(
        "EMG/SOM.12/5\n\nTwelfth meeting of the Senior Officials of the Environment "
        "Management Group\n\nGeneva, 3 March 2006\n\nReport of the meeting\n\n"
        "1. Opening of the meeting\n\n1. The meeting was opened by the Chair at 10 a.m.\n\n"
        "2. The Senior Officials adopted the agenda as circulated.\n\n2. Biodiversity\n\n"
        "3. The secretariat of the Convention on Biological Diversity briefed the meeting.\n\n"
        "4. In this regard, the Senior Officials agreed to prepare a joint statement and "
        "requested the EMG Secretariat to circulate a draft.\n\n"
        "5. The Senior Officials, having considered the note, decided to: (i) establish an "
        "Issue Management Group; and (ii) review its work in 2007.\n\n"
        "3. Other matters\n\n6. No other business was raised.\n\n"
        "Annex I: List of participants\n\nUNEP: Mr. A. Smith\n\nUNDP: Ms. B. Jones\n",
        encoding="utf-8",
    )
    document = parse_and_validate(cli, source)
    assert outline(document) == [
        (
            "1",
            1,
            "Opening of the meeting",
            None,
            ["1. The meeting was opened by the Chair at 10 a.m."],
            [("2", "The Senior Officials", ["adopt"], [])],
        ),
        (
            "2",
            1,
            "Biodiversity",
            None,
            ["3. The secretariat of the Convention on Biological Diversity briefed the meeting."],
            [
                ("4", "the Senior Officials", ["agree", "request"], []),
                ("5", "The Senior Officials", ["decide"], ["i", "ii"]),
            ],
        ),
        ("3", 1, "Other matters", None, ["6. No other business was raised."], []),
    ]
    assert [a["title"] for a in document["annexes"]] == ["Annex I: List of participants"]
    assert [w["code"] for w in document["warnings"]] == ["no_decisions"]


def test_agenda_items_decimal_labels_and_capitals(tmp_path: Path, cli: Cli) -> None:
    source = tmp_path / "items.md"
    source.write_text(
        "**EMGSOM.31/3**\n\n31st Senior Officials Meeting of the UN Environment Management "
        "Group\n\n# Approved Action Points\n\n## Agenda Item 2 — Biodiversity\n\n"
        "The Senior Officials agreed to:\n\n1.1 take note of the report;\n\n"
        "1.2 extend the Process until 2026 to:\n\n(a) support the Framework; and\n\n"
        "(b) report back in 2026.\n\n## AGENDA ITEM 4: NEXUS DIALOGUES\n\n"
        "### A. Dialogues held\n\nThe EMG Senior Officials:\n\n(a) Welcome the dialogues;\n\n"
        "### B. Dialogues to come\n\nThe EMG Senior Officials:\n\n"
        "(a) Encourage members to host dialogues in 2026.\n",
        encoding="utf-8",
    )
    document = parse_and_validate(cli, source)
    assert document["document"]["title"] == "Approved Action Points"
    assert outline(document) == [
        (
            "2",
            1,
            "Biodiversity",
            "The Senior Officials agreed to",
            [],
            [("1.1", None, ["take_note"], []), ("1.2", None, ["extend"], ["a", "b"])],
        ),
        ("4", 1, "NEXUS DIALOGUES", None, [], []),
        ("A", 2, "Dialogues held", "The EMG Senior Officials", [], [("a", None, ["welcome"], [])]),
        (
            "B",
            2,
            "Dialogues to come",
            "The EMG Senior Officials",
            [],
            [("a", None, ["encourage"], [])],
        ),
    ]
    assert document["warnings"] == []
