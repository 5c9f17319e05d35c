"""Build the layout samples: invented EMG outcome documents in the layouts of other years.

Dev-only script; the parser never imports it, and it never imports the parser.
Run it from the repository root:

    .venv/bin/python samples/build_layouts.py            # every sample, .txt/.docx/.pdf
    .venv/bin/python samples/build_layouts.py --no-pdf   # without LibreOffice
    .venv/bin/python samples/build_layouts.py --only SOM19_report

It needs python-docx and lxml and, for the PDFs, LibreOffice (``soffice`` on PATH).

Each sample's text lives in ``samples/sources/<name>.txt``; its layout (fonts, heading
styles, Word numbering, running header and footer, text flavour) in :data:`LAYOUTS`
below.  The documents are invented (their wording is our own) but follow the layouts
of real outcome documents of 2009-2023; together they tell one story of subsidiary
bodies established, extended, renamed, transferred and concluded from meeting to
meeting.  What a perfect parser must read from each is in ``tests/reference/``.

Source format: one paragraph per line, ``KIND rest``; ``#`` starts a comment line.

* ``HEAD left|center|right TEXT``: a header line with that alignment.
* ``CELL 1|2 TEXT``: a paragraph of the left or right cell of a borderless two-column
  header table (consecutive CELL lines make one table).
* ``TITLE TEXT``, ``PRE TEXT`` (a centred line under the title), ``P TEXT``,
  ``ACTOR TEXT``.
* ``H1 LABEL|TITLE``, ``H2 LABEL|TITLE``: section headings (level 1, level 2), the
  label as printed (``IV.``, ``3.``, ``A.``, ``Agenda item 3:``, ``Item 3 –``).
* ``L1 LABEL|TEXT`` .. ``L3``: a labelled paragraph at depth 1-3, label as printed.
* ``TABLE H1|H2|...``, ``ROW C1|C2|...``, ``ENDTABLE``: a bordered table; ``//``
  separates the paragraphs of a cell.
* ``ANNEX TITLE``: an annex, on a new page; its first ``P`` is its centred subtitle.

Inline markup: ``**bold**``, ``*italic*``, ``^superscript^``.

Where a layout numbers a kind of paragraph automatically (``Layout.auto``), the label
is left out of the text and made by Word numbering (``numbering.xml``); the script
works out the numbers Word will show and stops if one differs from the label in the
source, so the .txt, the typed and the numbered renderings always agree.

Output is deterministic: fixed core properties and zip timestamps in the .docx
files; in the PDFs the creation and modification dates, the document ID and
LibreOffice's checksum are replaced by fixed values of the same length (so the
cross-reference table holds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUTDIR = HERE / "layouts"
FIXED_TIME = dt.datetime(2023, 11, 1, 9, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2023, 11, 1, 9, 0, 0)

TextFlavour = Literal["markdown", "plain"]
Footer = Literal["page_of", "page", "dash"]
Align = Literal["left", "center", "right"]

# --------------------------------------------------------------------------- source


@dataclass(frozen=True)
class Block:
    """One line of a source: a paragraph, a heading, a table row ..."""

    kind: str
    text: str = ""
    label: str = ""
    arg: str = ""
    cells: tuple[tuple[str, ...], ...] = ()


_KINDS = {
    "HEAD",
    "CELL",
    "TITLE",
    "PRE",
    "P",
    "ACTOR",
    "H1",
    "H2",
    "L1",
    "L2",
    "L3",
    "TABLE",
    "ROW",
    "ENDTABLE",
    "ANNEX",
}


def read_source(path: Path) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, rest = line.partition(" ")
        where = f"{path.name}:{number}"
        if kind not in _KINDS:
            raise SystemExit(f"{where}: unknown kind {kind!r}")
        if kind in ("HEAD", "CELL"):
            arg, _, text = rest.partition(" ")
            blocks.append(Block(kind, text=text, arg=arg))
        elif kind in ("H1", "H2", "L1", "L2", "L3"):
            label, sep, text = rest.partition("|")
            if not sep:
                raise SystemExit(f"{where}: expected LABEL|TEXT")
            blocks.append(Block(kind, text=text.strip(), label=label.strip()))
        elif kind in ("TABLE", "ROW"):
            cells = tuple(tuple(p.strip() for p in c.split("//")) for c in rest.split("|"))
            blocks.append(Block(kind, cells=cells))
        else:
            blocks.append(Block(kind, text=rest.strip()))
    return blocks


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


_MARK = re.compile(r"(\*\*|\*|\^)")


def runs_of(markup: str) -> list[Run]:
    """Split ``**bold**``, ``*italic*`` and ``^superscript^`` markup into runs."""
    bold = italic = sup = False
    runs: list[Run] = []
    for token in _MARK.split(markup):
        if token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif token == "^":
            sup = not sup
        elif token:
            runs.append(Run(token, bold, italic, sup))
    return runs


def plain_text(markup: str) -> str:
    return "".join(r.text for r in runs_of(markup))


# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Heading:
    """How a heading level is printed."""

    bold: bool = True
    italic: bool = False
    size: float = 12
    style: str | None = None  # a built-in Word style ("Heading 1"), else Normal
    sep: str = "\t"  # between a typed label and the title
    indent: float = 1.25  # cm, hanging indent of a typed "label<TAB>title"


@dataclass(frozen=True)
class Level:
    """One level of a Word list: numFmt, lvlText, indent and hanging indent (cm)."""

    fmt: str
    text: str
    left: float
    hanging: float
    bold: bool = False


@dataclass(frozen=True)
class WordList:
    levels: tuple[Level, ...]
    continuous: bool = False  # never restarted (numbering runs across sections)
    by_style: bool = False  # level 0 carried by a paragraph style, not by the paragraph


@dataclass(frozen=True)
class Layout:
    name: str
    font: str = "Liberation Serif"
    size: float = 11
    text: TextFlavour | None = "markdown"  # None: no .txt rendering
    title_size: float = 14
    title_style: str | None = None
    h1: Heading = Heading()
    h2: Heading = Heading(italic=True)
    label_sep: str = "\t"  # between a typed label and its text
    indent: float = 1.0  # cm per depth of a labelled paragraph
    justify: bool = True
    lists: dict[str, WordList] = field(default_factory=dict)
    auto: dict[str, tuple[str, int]] = field(default_factory=dict)  # kind -> (list, level)
    running_header: str | None = None
    footer: Footer | None = None
    landscape: bool = False
    header_widths: tuple[float, float] = (10.5, 5.5)
    table_widths: tuple[float, ...] = ()
    actor_bold: bool = False


ROMAN_UPPER = Level("upperRoman", "%1.", 1.25, 1.25, bold=True)

LAYOUTS: tuple[Layout, ...] = (
    # Proposals before the meeting: right-aligned header, arabic bold headings, typed (a).
    Layout(
        "SOM15_progress",
        h1=Heading(sep=" "),
        label_sep="\t",
        footer="dash",
    ),
    # Summary of decisions: centred header; headings numbered by a paragraph style
    # (I., II.), decisions and items by one Word list (a. / (i)).
    Layout(
        "SOM16_decisions",
        text="plain",
        h1=Heading(bold=True, italic=True, size=12),
        lists={
            "sections": WordList((ROMAN_UPPER,), continuous=True, by_style=True),
            "decisions": WordList(
                (Level("lowerLetter", "%1.", 1.0, 0.75), Level("lowerRoman", "(%2)", 2.0, 1.0))
            ),
        },
        auto={"H1": ("sections", 0), "L1": ("decisions", 0), "L2": ("decisions", 1)},
    ),
    # Final report: paragraphs numbered by one Word list that runs across the sections;
    # plain typed roman headings; running header and "Page N" footer; two annexes.
    Layout(
        "SOM17_final_report",
        h1=Heading(bold=False, size=11, sep=" "),
        lists={"paragraphs": WordList((Level("decimal", "%1.", 1.0, 1.0),), continuous=True)},
        auto={"L1": ("paragraphs", 0)},
        running_header="EMG/SOM.17/6",
        footer="page",
    ),
    # Proposals: two-column header table, capital-letter headings, typed a), sans font.
    Layout(
        "SOM18_progress",
        font="Liberation Sans",
        size=10.5,
        text="plain",
        h1=Heading(bold=True, italic=True, sep="\t", indent=1.0),
        label_sep=" ",
        footer="page_of",
    ),
    # Report: two heading levels, typed paragraph numbers running across sections.
    Layout(
        "SOM19_report",
        title_size=13,
        h1=Heading(bold=True, size=12, style="Heading 1"),
        h2=Heading(bold=True, italic=True, size=11, style="Heading 2"),
        running_header="EMG/SOM.19/04",
        footer="page_of",
    ),
    # Summary of decisions: two-column header, "Agenda item 3:" headings, typed a).
    Layout(
        "SOM20_decisions",
        font="Liberation Sans",
        size=10,
        text="plain",
        h1=Heading(bold=True, sep=" "),
        footer="page",
    ),
    # Report of the meeting: left-aligned header, "Item 3 –" headings, typed numbers.
    Layout(
        "SOM21_report",
        text="plain",
        h1=Heading(bold=True, italic=False, sep=" "),
        label_sep=" ",
        indent=0.0,
        footer="page",
    ),
    # Action points: decimal multi-level Word list (1. / 1.1 / (a)), running header.
    Layout(
        "SOM22_action_points",
        title_style="Title",
        lists={
            "outline": WordList(
                (
                    Level("decimal", "%1.", 1.0, 1.0, bold=True),
                    Level("decimal", "%1.%2", 1.25, 1.25),
                    Level("lowerLetter", "(%3)", 2.25, 1.0),
                )
            )
        },
        auto={"H1": ("outline", 0), "L1": ("outline", 1), "L2": ("outline", 2)},
        running_header="EMG/SOM.22/3",
        footer="page_of",
        actor_bold=True,
    ),
    # Approved action points: header table, two heading levels, typed a).
    Layout(
        "SOM23_approved",
        font="Liberation Sans",
        size=10.5,
        h1=Heading(bold=True, size=12),
        h2=Heading(bold=True, italic=True, size=11),
        header_widths=(11.0, 5.0),
    ),
    # Table of proposed action points (landscape, bordered table, no .txt).
    Layout(
        "SOM24_table",
        font="Liberation Sans",
        size=10,
        text=None,
        landscape=True,
        table_widths=(5.0, 12.2, 4.5, 3.0),
        footer="page",
    ),
    # Approved version: symbol with a zero, italic roman headings, typed "a." + space.
    Layout(
        "SOM24_summary",
        text="plain",
        h1=Heading(bold=False, italic=True, size=12, sep=" "),
        label_sep=" ",
    ),
    # Header lines in an odd order; plain headings and a) both from Word numbering.
    Layout(
        "SOM25_summary",
        font="Liberation Sans",
        size=10.5,
        h1=Heading(bold=False),
        lists={
            "sections": WordList((Level("upperRoman", "%1.", 1.0, 1.0),), continuous=True),
            "decisions": WordList((Level("lowerLetter", "%1)", 1.0, 1.0),)),
        },
        auto={"H1": ("sections", 0), "L1": ("decisions", 0)},
        footer="page_of",
    ),
    # Outcome document: one multi-level Word list I. / A. / 1. / a).
    Layout(
        "SOM28_outcome",
        lists={
            "outline": WordList(
                (
                    Level("upperRoman", "%1.", 1.25, 1.25, bold=True),
                    Level("upperLetter", "%2.", 1.25, 1.25, bold=True),
                    Level("decimal", "%3.", 1.0, 1.0),
                    Level("lowerLetter", "%4)", 2.0, 1.0),
                )
            )
        },
        auto={
            "H1": ("outline", 0),
            "H2": ("outline", 1),
            "L1": ("outline", 2),
            "L2": ("outline", 3),
        },
        running_header="EMGSOM.28/3",
        footer="page_of",
    ),
    # Approved action points in a bordered table, one action per row (portrait).
    Layout(
        "SOM29_table",
        font="Liberation Sans",
        size=10,
        table_widths=(3.4, 7.0, 3.1, 2.5),
    ),
)

# --------------------------------------------------------------------------- numbering

#: Where each kind of paragraph stands in the outline: a Word list restarts when a
#: paragraph of a lower rank than its own highest rank comes between two of its items.
RANK = {"H1": 0, "H2": 1, "ANNEX": 0, "TABLE": 0, "ACTOR": 2, "P": 2, "L1": 3, "L2": 4, "L3": 5}


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letter(n: int) -> str:
    # Word's letter numbering: a..z, then aa..zz, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def number_text(fmt: str, n: int) -> str:
    return {
        "decimal": str(n),
        "lowerLetter": _letter(n),
        "upperLetter": _letter(n).upper(),
        "lowerRoman": _roman(n),
        "upperRoman": _roman(n).upper(),
    }[fmt]


def render_label(word_list: WordList, counters: Sequence[int], ilvl: int) -> str:
    text = word_list.levels[ilvl].text
    for k in range(ilvl + 1):
        text = text.replace(f"%{k + 1}", number_text(word_list.levels[k].fmt, counters[k]))
    return text


@dataclass
class _ListState:
    name: str
    spec: WordList
    abstract_id: int
    top_rank: int
    num_id: int | None = None
    counters: list[int] = field(default_factory=list)
    restart: bool = False


class Numbering:
    """Word lists of one document: abstractNum/num definitions and Word's counting."""

    def __init__(self, doc: Any, layout: Layout) -> None:
        self.doc = doc
        self.layout = layout
        self.root = doc.part.numbering_part.element
        self.next_num = 40
        self.states: dict[str, _ListState] = {}
        for index, (name, spec) in enumerate(sorted(layout.lists.items())):
            ranks = [RANK[k] for k, (lst, _) in layout.auto.items() if lst == name]
            state = _ListState(name, spec, 40 + index, min(ranks))
            self._add_abstract(state)
            self.states[name] = state
            if spec.by_style:
                state.num_id = self._add_num(state.abstract_id, {})
                state.counters = [0] * len(spec.levels)
                _numbered_heading_style(doc, layout, state.num_id)

    def _add_abstract(self, state: _ListState) -> None:
        levels = []
        for ilvl, level in enumerate(state.spec.levels):
            pstyle = '<w:pStyle w:val="EMGHeading"/>' if state.spec.by_style else ""
            left, hang = round(level.left * 567), round(level.hanging * 567)
            rpr = "<w:rPr><w:b/></w:rPr>" if level.bold else ""
            levels.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{level.fmt}"/>'
                f'{pstyle}<w:lvlText w:val="{level.text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
                f'<w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr>{rpr}</w:lvl>'
            )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{state.abstract_id}">'
            f'<w:nsid w:val="4C{state.abstract_id:06X}"/>'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        )
        first_num = self.root.find(qn("w:num"))
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)

    def _add_num(self, abstract_id: int, starts: dict[int, int]) -> int:
        num_id = self.next_num
        self.next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
            for ilvl, value in sorted(starts.items())
        )
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
            )
        )
        return num_id

    def see(self, block: Block) -> None:
        """Note a paragraph in reading order: it may end the current run of a list."""
        rank = RANK.get(block.kind)
        if rank is None:
            return
        for state in self.states.values():
            own = self.layout.auto.get(block.kind, ("", 0))[0] == state.name
            if not own and not state.spec.continuous and rank < state.top_rank:
                state.restart = True

    def number(self, block: Block) -> tuple[int | None, int]:
        """The (numId, ilvl) of an automatically numbered paragraph; checks its label."""
        name, ilvl = self.layout.auto[block.kind]
        state = self.states[name]
        if state.num_id is None or state.restart:
            state.counters = [0] * len(state.spec.levels)
            start = self._start_for(state, block.label, ilvl)
            state.num_id = self._add_num(state.abstract_id, {ilvl: start})
            state.counters[ilvl] = start - 1
            state.restart = False
        state.counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(state.counters)):
            state.counters[deeper] = 0
        shown = render_label(state.spec, state.counters, ilvl)
        if shown != block.label:
            raise SystemExit(
                f"{self.layout.name}: Word would number {block.text[:40]!r} {shown!r}, "
                f"the source says {block.label!r}"
            )
        return (None if state.spec.by_style else state.num_id), ilvl

    @staticmethod
    def _start_for(state: _ListState, label: str, ilvl: int) -> int:
        for value in range(1, 400):
            trial = list(state.counters)
            trial[ilvl] = value
            if render_label(state.spec, trial, ilvl) == label:
                return value
        raise SystemExit(f"label {label!r} cannot start list {state.name!r}")


def _numbered_heading_style(doc: Any, layout: Layout, num_id: int) -> None:
    """Paragraph style "EMG Heading", numbered through its own numPr."""
    style = doc.styles.add_style("EMG Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.next_paragraph_style = doc.styles["Normal"]
    style.font.bold = layout.h1.bold
    style.font.italic = layout.h1.italic
    style.font.size = Pt(layout.h1.size)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(12), Pt(6), True
    style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id


# --------------------------------------------------------------------------- docx


def _fonts(rpr: Any, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def new_document(layout: Layout) -> Any:
    doc = Document()
    styles = doc.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr, layout.font)
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    spacing = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}"
    )
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")
    doc.styles["Normal"].font.name = layout.font
    doc.styles["Normal"].font.size = Pt(layout.size)
    for name, size in (
        ("Title", layout.title_size + 2),
        ("Heading 1", layout.h1.size),
        ("Heading 2", layout.h2.size),
    ):
        style = doc.styles[name]
        srpr = style.element.get_or_add_rPr()
        _fonts(srpr, layout.font)
        for tag in ("w:color", "w:spacing", "w:kern", "w:sz", "w:szCs"):
            for el in srpr.findall(qn(tag)):
                srpr.remove(el)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = name == "Heading 2" and layout.h2.italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        ppr = style.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True

    section = doc.sections[0]
    if layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)

    props = doc.core_properties
    props.title = layout.name
    props.subject = "EMG Senior Officials Meeting (invented sample)"
    props.author = props.last_modified_by = "EMG Secretariat"
    props.keywords = "EMG; Senior Officials Meeting; outcome; sample"
    props.comments = "Sample built by samples/build_layouts.py"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    return doc


def add_runs(
    paragraph: Any,
    markup: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
) -> None:
    for r in runs_of(markup):
        run = paragraph.add_run(r.text)
        if r.bold or bold:
            run.bold = True
        if r.italic or italic:
            run.italic = True
        if r.superscript:
            run.font.superscript = True
        if size is not None:
            run.font.size = Pt(size)


def _spacing(paragraph: Any, before: float, after: float) -> None:
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)


def _hanging(paragraph: Any, left: float, hang: float) -> None:
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(left)
    fmt.first_line_indent = Cm(-hang)
    if hang:
        fmt.tab_stops.add_tab_stop(Cm(left))


def _set_borders(table: Any, value: str) -> None:
    """Table borders: "nil" for none, "single" for ruling lines on every edge."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    size = ' w:sz="6" w:space="0" w:color="000000"' if value == "single" else ""
    borders = "".join(
        f'<w:{side} w:val="{value}"{size}/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    element = parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>")
    successor = next(
        (
            el
            for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")
            if (el := tbl_pr.find(qn(f"w:{tag}"))) is not None
        ),
        None,
    )
    if successor is None:
        tbl_pr.append(element)
    else:
        successor.addprevious(element)


def _widths(table: Any, widths: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)


def add_field(paragraph: Any, instruction: str, cached: str) -> None:
    def char(kind: str) -> Any:
        return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>')

    p = paragraph._p
    p.append(char("begin"))
    p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} '
            "</w:instrText></w:r>"
        )
    )
    p.append(char("separate"))
    p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>{cached}</w:t></w:r>"))
    p.append(char("end"))


def add_running_lines(doc: Any, layout: Layout) -> None:
    section = doc.sections[0]
    if layout.running_header:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header.add_run(layout.running_header).font.size = Pt(9)
    if layout.footer:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if layout.footer == "page_of":
            footer.add_run("Page ")
            add_field(footer, "PAGE", "1")
            footer.add_run(" of ")
            add_field(footer, "NUMPAGES", "1")
        elif layout.footer == "dash":
            footer.add_run("- ")
            add_field(footer, "PAGE", "1")
            footer.add_run(" -")
        else:
            add_field(footer, "PAGE", "1")


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


class DocxWriter:
    """Renders the blocks of one source into a Word document."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.doc = new_document(layout)
        self.numbering = Numbering(self.doc, layout)
        self.header_table: Any = None
        self.table: Any = None
        self.cell_used = [False, False]
        self.in_annex = False
        self.annex_subtitle = False

    def write(self, blocks: Sequence[Block], path: Path) -> None:
        for block in blocks:
            self.numbering.see(block)
            getattr(self, f"_{block.kind.lower()}")(block)
        add_running_lines(self.doc, self.layout)
        self.doc.save(str(path))
        normalise_zip(path)

    # header zone
    def _head(self, block: Block) -> None:
        p = self.doc.add_paragraph()
        p.alignment = _ALIGN[block.arg]
        _spacing(p, 0, 2)
        add_runs(p, block.text)

    def _cell(self, block: Block) -> None:
        if self.header_table is None:
            table = self.doc.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            _set_borders(table, "nil")
            _widths(table, self.layout.header_widths)
            self.header_table = table
        column = int(block.arg) - 1
        cell = self.header_table.cell(0, column)
        p = cell.paragraphs[0] if not self.cell_used[column] else cell.add_paragraph()
        self.cell_used[column] = True
        _spacing(p, 0, 3)
        add_runs(p, block.text)

    def _title(self, block: Block) -> None:
        if self.layout.title_style:
            p = self.doc.add_paragraph(style=self.layout.title_style)
            add_runs(p, block.text)
        else:
            p = self.doc.add_paragraph()
            add_runs(p, block.text, bold=True, size=self.layout.title_size)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, 18, 6)

    def _pre(self, block: Block) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, 0, 12)
        add_runs(p, block.text, italic=True)

    # body
    def _heading(self, block: Block, spec: Heading) -> None:
        by_style = False
        p = self.doc.add_paragraph(style=spec.style)
        if block.kind in self.layout.auto:
            num_id, ilvl = self.numbering.number(block)
            if num_id is None:  # numbered through the paragraph style
                p.style = self.doc.styles["EMG Heading"]
                by_style = True
            else:
                _number(p, num_id, ilvl)
            text = block.text
        else:
            text = f"{block.label}{spec.sep}{block.text}"
            if spec.sep == "\t":
                _hanging(p, spec.indent, spec.indent)
        if not spec.style and not by_style:
            _spacing(p, 12, 6)
            p.paragraph_format.keep_with_next = True
        add_runs(
            p, text, bold=spec.bold, italic=spec.italic, size=None if spec.style else spec.size
        )

    def _h1(self, block: Block) -> None:
        self._heading(block, self.layout.h1)

    def _h2(self, block: Block) -> None:
        self._heading(block, self.layout.h2)

    def _actor(self, block: Block) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        add_runs(p, block.text, bold=self.layout.actor_bold)

    def _p(self, block: Block) -> None:
        p = self.doc.add_paragraph()
        if self.in_annex and self.annex_subtitle:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_runs(p, block.text, bold=True)
            self.annex_subtitle = False
            return
        if self.layout.justify and not self.in_annex:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        add_runs(p, block.text)

    def _labelled(self, block: Block) -> None:
        depth = int(block.kind[1])
        if block.kind in self.layout.auto:
            num_id, ilvl = self.numbering.number(block)
            assert num_id is not None
            p = self.doc.add_paragraph()
            _number(p, num_id, ilvl)
            add_runs(p, block.text)
        else:
            p = self.doc.add_paragraph()
            hang = 1.0 if self.layout.label_sep == "\t" else 0.0
            left = self.layout.indent * (depth - 1) + hang
            if self.layout.label_sep == "\t":
                _hanging(p, left, hang)
            else:
                p.paragraph_format.left_indent = Cm(self.layout.indent * (depth - 1))
            add_runs(p, f"{block.label}{self.layout.label_sep}{block.text}")
        if self.layout.justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    _l1 = _l2 = _l3 = _labelled

    # tables
    def _table(self, block: Block) -> None:
        widths = self.layout.table_widths
        table = self.doc.add_table(rows=1, cols=len(block.cells))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_borders(table, "single")
        _widths(table, widths)
        for cell, paras in zip(table.rows[0].cells, block.cells, strict=True):
            _fill_cell(cell, paras, bold=True)
            tc_pr = cell._tc.get_or_add_tcPr()
            tc_pr.append(
                parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9D9D9"/>')
            )
        # The heading row repeats on every page.
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        self.table = table

    def _row(self, block: Block) -> None:
        row = self.table.add_row()
        for cell, width, paras in zip(
            row.cells, self.layout.table_widths, block.cells, strict=True
        ):
            cell.width = Cm(width)
            _fill_cell(cell, paras, bold=False)

    def _endtable(self, block: Block) -> None:
        self.table = None
        self.doc.add_paragraph()

    def _annex(self, block: Block) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.page_break_before = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_runs(p, block.text, bold=True, size=self.layout.h1.size)
        self.in_annex = self.annex_subtitle = True


def _number(paragraph: Any, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _fill_cell(cell: Any, paras: Sequence[str], *, bold: bool) -> None:
    for i, text in enumerate(paras):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _spacing(p, 0, 4)
        add_runs(p, text, bold=bold)


def normalise_zip(path: Path) -> None:
    """Rewrite the package with fixed timestamps so that its bytes are reproducible."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


# --------------------------------------------------------------------------- text


def text_rendering(blocks: Sequence[Block], flavour: TextFlavour, layout: Layout) -> str:
    """The document as text: Markdown-ish, or plain as Word saves it (labels + TAB)."""
    return "\n\n".join(_text_paragraphs(blocks, flavour, layout)) + "\n"


def _inline(markup: str, flavour: TextFlavour) -> str:
    if flavour == "plain":
        return plain_text(markup)
    out = []
    for r in runs_of(markup):
        text = f"<sup>{r.text}</sup>" if r.superscript else r.text
        if r.bold:
            text = f"**{text}**"
        if r.italic:
            text = f"*{text}*"
        out.append(text)
    return "".join(out).replace("****", "")


def _text_paragraphs(
    blocks: Sequence[Block], flavour: TextFlavour, layout: Layout
) -> Iterator[str]:
    md = flavour == "markdown"
    for block in blocks:
        kind = block.kind
        if kind in ("HEAD", "CELL", "PRE", "P", "ACTOR"):
            yield _inline(block.text, flavour)
        elif kind == "TITLE":
            yield f"# {plain_text(block.text)}" if md else plain_text(block.text)
        elif kind in ("H1", "H2"):
            spec = layout.h1 if kind == "H1" else layout.h2
            sep = "\t" if kind in layout.auto or spec.sep == "\t" else " "
            text = f"{block.label}{' ' if md else sep}{plain_text(block.text)}"
            if md:
                if spec.italic:
                    text = f"*{text}*"
                hashes = "##" if kind == "H1" else "###"
                yield f"{hashes} {text}"
            else:
                yield text
        elif kind in ("L1", "L2", "L3"):
            sep = "\t" if kind in layout.auto else layout.label_sep
            yield f"{block.label}{' ' if md else sep}{_inline(block.text, flavour)}"
        elif kind == "TABLE":
            if any(len(c) > 1 for c in block.cells):
                raise SystemExit(f"{layout.name}: a table heading cell has several paragraphs")
            yield _table_row(block, md) + (
                "\n" + "|" + "|".join("---" for _ in block.cells) + "|" if md else ""
            )
        elif kind == "ROW":
            if any(len(c) > 1 for c in block.cells):
                raise SystemExit(f"{layout.name}: a .txt table cell must be one paragraph")
            yield _table_row(block, md)
        elif kind == "ANNEX":
            yield f"## {block.text}" if md else block.text


def _table_row(block: Block, md: bool) -> str:
    cells = [plain_text(c[0]) for c in block.cells]
    return "| " + " | ".join(cells) + " |" if md else "\t".join(cells)


def _join_table_rows(text: str) -> str:
    # Markdown table rows must not be separated by blank lines.
    return re.sub(r"(\|)\n\n(\|)", r"\1\n\2", text)


# --------------------------------------------------------------------------- pdf


def convert_to_pdf(docx_files: Sequence[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: install LibreOffice or pass --no-pdf")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    for docx_file in docx_files:
        pdf = outdir / f"{docx_file.stem}.pdf"
        if not pdf.exists():
            sys.exit(f"LibreOffice did not write {pdf}")
        normalise_pdf(pdf)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalise_pdf(path: Path) -> None:
    """Fixed dates, document ID and checksum, each replaced by a value of the same length."""
    data = path.read_bytes()

    def date(m: re.Match[bytes]) -> bytes:
        old = m.group(0)
        new = b"/" + m.group(1) + b"(D:20231101090000Z)"
        return new + b" " * (len(old) - len(new)) if len(new) <= len(old) else old

    def ident(m: re.Match[bytes]) -> bytes:
        one, two = m.group(1), m.group(2)
        return m.group(0).replace(one, b"0" * len(one)).replace(two, b"0" * len(two))

    def checksum(m: re.Match[bytes]) -> bytes:
        return m.group(0).replace(m.group(1), b"0" * len(m.group(1)))

    data = _PDF_CHECKSUM.sub(checksum, _PDF_ID.sub(ident, _PDF_DATE.sub(date, data)))
    path.write_bytes(data)


# --------------------------------------------------------------------------- main


def build(layout: Layout, outdir: Path) -> list[Path]:
    blocks = read_source(SOURCES / f"{layout.name}.txt")
    written = []
    if layout.text is not None:
        txt = outdir / f"{layout.name}.txt"
        text = text_rendering(blocks, layout.text, layout)
        txt.write_text(_join_table_rows(text), encoding="utf-8")
        written.append(txt)
    docx = outdir / f"{layout.name}.docx"
    DocxWriter(layout).write(blocks, docx)
    written.append(docx)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--outdir", type=Path, default=OUTDIR)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice step")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="build only this sample (repeatable)",
    )
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    layouts = [lay for lay in LAYOUTS if not args.only or lay.name in args.only]
    if args.only and len(layouts) != len(set(args.only)):
        parser.error(f"unknown sample in {args.only}")
    written: list[Path] = []
    for layout in layouts:
        written += build(layout, outdir)
    if not args.no_pdf:
        docx_files = [p for p in written if p.suffix == ".docx"]
        convert_to_pdf(docx_files, outdir)
        written += [p.with_suffix(".pdf") for p in docx_files]
    for path in sorted(written):
        print(f"{path.stat().st_size:>8}  {path.relative_to(outdir.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
