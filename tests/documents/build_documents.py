"""Build the layout-test documents in this folder (needs LibreOffice for the PDF).

    python tests/documents/build_documents.py

``layout_som27.docx`` is a constructed outcome document (not a real meeting's)
that exercises what the 26th-meeting samples do not: a word ordinal
("Twenty-seventh"), a meeting range (9-10 September), ``Distribution:`` with its
value on the next line, section numbers carried by a paragraph style, an actor
line "The Senior Officials decided to:", one multi-level Word list whose ``(a)``
items hold ``(i)`` items ending in "; and", a restarted list, an unnumbered
decision, and a running header/footer.  Its PDF is made by LibreOffice.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(OUT.parent.parent))

from tests.docx_builders import (  # noqa: E402
    abstract_num,
    build_docx,
    lvl,
    num,
    numbering,
    para,
    paragraph_style,
    run,
    table,
)


def build() -> Path:
    header_cells = [
        para(run("Twenty-seventh Meeting of the Senior Officials of the EMG", bold=True))
        + para("Technical Segment, 9-10 September 2021")
        + para("(10:00 - 12:00 CEST)")
        + para("Geneva"),
        para(run("EMG/SOM.27/2", bold=True)) + para("Distribution: EMG Members and observers"),
    ]
    body = [
        para(run("UNITED NATIONS", bold=True)),
        para(run("ENVIRONMENT MANAGEMENT GROUP", bold=True)),
        table([header_cells]),
        para("Summary of Decisions", style="Title"),
        para("As adopted by the Senior Officials on 10 September 2021"),
        para("Environment and Digital Transformation", style="SectionHead"),
        para("The Senior Officials decided to:"),
        para(
            "welcome the report of the Issue Management Group on digital transformation;",
            num=2,
            ilvl=0,
        ),
        para("request the EMG Secretariat to:", num=2, ilvl=0),
        para("prepare a road map by March 2022;", num=2, ilvl=1),
        para("consult the members on its scope; and", num=2, ilvl=1),
        para("extend the Issue Management Group until December 2022.", num=2, ilvl=0),
        para("Nexus Dialogues", style="SectionHead"),
        para("The Senior Officials:"),
        para("Take note of the fourth Nexus Dialogue on biodiversity;", num=3, ilvl=0),
        para("Encourage agencies to host future dialogues.", num=3, ilvl=0),
        para("Any other business", style="SectionHead"),
        para("The Senior Officials:"),
        para("Agree to hold the 28th meeting in a hybrid format in 2022."),
    ]
    numbering_xml = numbering(
        abstract_num(1, lvl(0, "upperRoman", "%1.")),
        abstract_num(2, lvl(0, "lowerLetter", "(%1)"), lvl(1, "lowerRoman", "(%2)")),
        num(1, 1),
        num(2, 2),
        num(3, 2, starts={0: 1}),
    )
    styles = [paragraph_style("SectionHead", "EMG Section Heading", num=1, bold=True)]
    return build_docx(
        OUT / "layout_som27.docx",
        body,
        numbering_xml=numbering_xml,
        styles=styles,
        header="EMG/SOM.27/2",
        footer="Page 1",
    )


#: The rows of the tables of ``table_sections.docx``: a section heading, then rows of
#: (action, responsible entities one a paragraph, timeline).
TABLE_SECTIONS = [
    (
        "I. Chemicals and waste",
        [
            (
                "Welcome the progress report of the Issue Management Group on chemicals and "
                "waste and request it to present a joint strategy to the next meeting of the "
                "Senior Officials.",
                ["UNEP", "WHO"],
                "September 2025",
            ),
            (
                "Encourage members to share their data on hazardous waste with the Secretariat.",
                ["All members"],
                "Ongoing",
            ),
        ],
    ),
    (
        "II. Nature-based solutions",
        [
            (
                "Agree to establish a Task Team on nature-based solutions for an initial "
                "period of two years, open to all interested members of the Group.",
                ["UNEP", "FAO"],
                "2025-2026",
            )
        ],
    ),
    (
        "III. Any other business",
        [
            (
                "Take note of the offer of UNESCO to host the next meeting of the Senior "
                "Officials in Paris in the autumn of 2025.",
                ["UNESCO", "EMG Secretariat"],
                "Autumn 2025",
            )
        ],
    ),
]


def build_tables() -> Path:
    """``table_sections.docx``: one ruled table of action points (no agenda column) per
    section, action text that wraps over two or three lines of its cell, two entities
    on two lines of the responsible cell, and an annex with a table of participants."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    document.add_paragraph("EMG/SOM.31/3")
    document.add_paragraph(
        "31st Meeting of the Senior Officials of the Environment Management Group"
    )
    document.add_paragraph("Wednesday, 2 October 2024")
    document.add_paragraph("Geneva")
    document.add_paragraph("Approved Action Points")
    for heading, rows in TABLE_SECTIONS:
        document.add_paragraph(heading).runs[0].bold = True
        grid = document.add_table(rows=1 + len(rows), cols=3)
        grid.style = "Table Grid"
        for cell, text in zip(
            grid.rows[0].cells, ["Action points", "Responsible entity", "Timeline"], strict=True
        ):
            cell.text = text
        for r, (action, leads, timeline) in enumerate(rows, 1):
            cells = grid.rows[r].cells
            cells[0].text = action
            cells[1].text = leads[0]
            for lead in leads[1:]:
                cells[1].add_paragraph(lead)
            cells[2].text = timeline
        for row in grid.rows:
            for cell, width in zip(row.cells, (9.0, 4.0, 3.0), strict=True):
                cell.width = Cm(width)
    document.add_paragraph("Annex I")
    document.add_paragraph("List of participants")
    people = document.add_table(rows=3, cols=2)
    people.style = "Table Grid"
    for r, row in enumerate(
        [("Name", "Organization"), ("A. Lindqvist", "UNEP"), ("B. Osei", "FAO")]
    ):
        for c, text in enumerate(row):
            people.cell(r, c).text = text
    path = OUT / "table_sections.docx"
    document.save(str(path))
    return path


def to_pdf(docx: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    to_pdf(build())
    to_pdf(build_tables())
