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
