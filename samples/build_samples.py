"""Build the sample EMG outcome documents that the emg-parse tests run on.

Dev-only script; the parser never imports it, and it never imports the parser.
Run it from the repository root:

    .venv/bin/python samples/build_samples.py

It needs python-docx and lxml (both in the dev virtualenv) and, for the PDFs,
LibreOffice: ``soffice`` must be on PATH (Debian: ``apt-get install -y
libreoffice-writer-nogui fonts-liberation``). Pass ``--no-pdf`` to skip the
conversion.

The source is the real outcome of the 26th EMG Senior Officials Meeting (2020),
symbol EMGSOM.26_3a, as a Markdown-ish text rendering ("the seed"). The script
parses the seed into a small structure and writes, next to this file:

* ``EMGSOM.26_3a.txt``: a byte-exact copy of the seed;
* ``EMGSOM.26_3a_typed.docx`` (+ ``.pdf``): labels typed in the text,
  ``a)<TAB>``, ``i.<TAB>``, ``I.<TAB>``, with hanging indents;
* ``EMGSOM.26_3a_autonum.docx`` (+ ``.pdf``): Word automatic numbering (labels
  only in word/numbering.xml), running header and "Page N of M" footer;
* ``EMGSOM.26_3a_variant.docx`` (+ ``.pdf``): typed labels in the other common
  style, ``(a)``, ``(i)``, plain ``II.`` headings, a space after each label.

Every word of decision text is kept exactly as in the seed; only markup is
dropped. The .docx files are deterministic (fixed core properties and zip
timestamps); the PDFs carry LibreOffice's creation date, so their bytes vary.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SYMBOL = "EMGSOM.26_3a"
FONT = "Liberation Serif"
FIXED_TIME = dt.datetime(2020, 10, 28, 15, 30, 0, tzinfo=dt.UTC)
ZIP_TIME = (2020, 10, 28, 15, 30, 0)

Flavour = Literal["typed", "autonum", "variant"]
ListKind = Literal["letter", "roman"]
Emphasis = Literal["bold_italic", "bold"]

# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Run:
    """A stretch of text with uniform character formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


Para = tuple[Run, ...]


@dataclass
class Entry:
    """A labelled decision or sub-item, or an unlabelled lead-in (label None)."""

    label: str | None
    kind: ListKind | None
    text: str
    blank_before: bool = False
    items: list[Entry] = field(default_factory=list)


@dataclass
class Section:
    number: str
    title: str
    emphasis: Emphasis
    actor: str
    decisions: list[Entry] = field(default_factory=list)


@dataclass
class Outcome:
    banner: list[Para]
    meeting_cell: list[Para]
    symbol_cell: list[Para]
    title: str
    preamble: Para
    sections: list[Section]


# --------------------------------------------------------------------------- seed parser

_INLINE_TOKEN = re.compile(r"(</?b>|</?sup>|\*\*|\*)")
_HEADING = re.compile(r"^(?P<number>[IVXLC]+)\.\s+(?P<title>.+)$")
_BULLET = re.compile(r"^- (?P<label>[a-z]+)(?P<delim>[.)])\s+(?P<text>.+)$")
_RULE = re.compile(r"^-{3,}(\t-{3,})*$")


def inline_runs(markup: str) -> Para:
    """Split Markdown/HTML inline markup (**, *, <b>, <sup>) into runs."""
    bold = italic = sup = False
    runs: list[Run] = []
    for token in _INLINE_TOKEN.split(markup):
        if token in ("<b>", "</b>", "**"):
            bold = token == "<b>" or (token == "**" and not bold)
        elif token in ("<sup>", "</sup>"):
            sup = token == "<sup>"
        elif token == "*":
            italic = not italic
        elif token:
            runs.append(Run(token, bold, italic, sup))
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic, runs[0].superscript)
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.superscript)
    return tuple(r for r in runs if r.text)


def plain(markup: str) -> str:
    return "".join(r.text for r in inline_runs(markup))


def split_cell(markup: str) -> list[Para]:
    """Split one flattened table cell of the seed back into its paragraphs.

    The seed joins a cell's paragraphs with two spaces, or (for the time in
    brackets) with single spaces: "Senior Segment, 28th ... (14:00 ...) Online".
    """
    # The seed has "28 <sup>th</sup>": the space is a conversion artefact.
    markup = re.sub(r"(\d) <sup>", r"\1<sup>", markup)
    parts: list[str] = []
    for chunk in markup.split("  "):
        m = re.fullmatch(r"(.+?) (\([^()]*\)) (.+)", chunk)
        parts.extend(m.groups() if m else [chunk])
    return [inline_runs(p) for p in parts if p.strip()]


def parse_seed(text: str) -> Outcome:
    banner: list[Para] = []
    meeting_cell: list[Para] = []
    symbol_cell: list[Para] = []
    title = ""
    preamble: Para = ()
    sections: list[Section] = []
    blank_after_bullet = False
    last_was_bullet = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blank_after_bullet = last_was_bullet
            continue
        if _RULE.match(line):
            blank_after_bullet = last_was_bullet = False
            continue
        is_bullet = bool(_BULLET.match(line))
        blank_before = blank_after_bullet and is_bullet
        blank_after_bullet = False
        last_was_bullet = is_bullet

        if not title:
            if "\t" in line:
                left, right = line.split("\t", 1)
                meeting_cell, symbol_cell = split_cell(left), split_cell(right)
            elif line.startswith("#"):
                title = plain(line.lstrip("#").strip())
            else:
                banner.append(inline_runs(line))
            continue

        unhashed = line.lstrip("#").strip()
        heading = _HEADING.match(plain(unhashed))
        if heading:
            emphasis: Emphasis = "bold_italic" if unhashed.startswith("*") else "bold"
            sections.append(Section(heading["number"], heading["title"], emphasis, actor=""))
            continue
        if not sections:
            preamble = inline_runs(line)
            continue

        section = sections[-1]
        bullet = _BULLET.match(line)
        if bullet:
            kind: ListKind = "letter" if bullet["delim"] == ")" else "roman"
            entry = Entry(bullet["label"], kind, bullet["text"], blank_before)
            lead_in = section.decisions[-1] if section.decisions else None
            if lead_in is not None and lead_in.label is None:
                lead_in.items.append(entry)
            else:
                section.decisions.append(entry)
        elif not section.actor:
            section.actor = plain(line)
        else:
            section.decisions.append(Entry(None, None, plain(line)))

    outcome = Outcome(banner, meeting_cell, symbol_cell, title, preamble, sections)
    check_outcome(outcome)
    return outcome


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def expected_label(kind: ListKind, index: int) -> str:
    return chr(ord("a") + index) if kind == "letter" else _roman(index + 1)


def check_outcome(outcome: Outcome) -> None:
    """Fail loudly if the seed did not parse into the shape the samples rely on."""
    assert outcome.title == "Summary of Action Points", outcome.title
    assert len(outcome.banner) == 3 and outcome.meeting_cell and outcome.symbol_cell
    numbers = [s.number for s in outcome.sections]
    assert numbers == [_roman(i).upper() for i in range(1, 13)], numbers
    count = 0
    for section in outcome.sections:
        assert section.actor == "The Senior Officials:", section
        labelled = [d for d in section.decisions if d.label is not None]
        for lst in (labelled, *(d.items for d in section.decisions)):
            for i, entry in enumerate(lst):
                assert entry.kind is not None
                assert entry.label == expected_label(entry.kind, i), (section.number, entry)
        count += sum(1 + len(d.items) for d in section.decisions)
    assert count == 34, count


# --------------------------------------------------------------------------- docx helpers


def _strip_theme_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _set_document_defaults(doc: Any) -> None:
    styles = doc.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _strip_theme_fonts(rpr)
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    spacing = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}"
    )
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for name, size in (("Title", 16), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        _strip_theme_fonts(rpr)
        for tag in ("w:color", "w:spacing", "w:kern"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        ppr = style.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True


def _set_page(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)


def _set_core_properties(doc: Any, title: str) -> None:
    props = doc.core_properties
    props.title = f"{SYMBOL} {title}"
    props.subject = "26th EMG Senior Officials Meeting"
    props.author = props.last_modified_by = "EMG Secretariat"
    props.keywords = "EMG; Senior Officials Meeting; outcome"
    props.comments = "Sample built by samples/build_samples.py"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1


def new_document(title: str) -> Any:
    doc = Document()
    _set_document_defaults(doc)
    _set_page(doc)
    _set_core_properties(doc, title)
    return doc


def add_runs(paragraph: Any, runs: Iterable[Run], *, bold: bool | None = None) -> None:
    for r in runs:
        run = paragraph.add_run(r.text)
        if r.bold or bold:
            run.bold = True
        if r.italic:
            run.italic = True
        if r.superscript:
            run.font.superscript = True


def add_field(paragraph: Any, instruction: str, cached: str) -> None:
    """Append a complex field (PAGE, NUMPAGES, ...) with a cached result."""

    def fld_char(kind: str) -> Any:
        return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>')

    p = paragraph._p
    p.append(fld_char("begin"))
    p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} '
            "</w:instrText></w:r>"
        )
    )
    p.append(fld_char("separate"))
    p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>{cached}</w:t></w:r>"))
    p.append(fld_char("end"))


def _no_spacing(paragraph: Any) -> None:
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)


def add_masthead(doc: Any, outcome: Outcome) -> None:
    """Three centred banner lines, then the borderless two-column header table."""
    for i, line in enumerate(outcome.banner):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _no_spacing(p)
        last = i == len(outcome.banner) - 1
        add_runs(p, line)
        if last:
            p.paragraph_format.space_after = Pt(12)
            for run in p.runs:
                run.font.size = Pt(20)

    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders_el = parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>")
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    successor = next(
        (
            el
            for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")
            if (el := tbl_pr.find(qn(f"w:{tag}"))) is not None
        ),
        None,
    )
    if successor is None:
        tbl_pr.append(borders_el)
    else:
        successor.addprevious(borders_el)
    for cell, paras, width in (
        (table.cell(0, 0), outcome.meeting_cell, Cm(10.5)),
        (table.cell(0, 1), outcome.symbol_cell, Cm(5.5)),
    ):
        cell.width = width
        for i, runs in enumerate(paras):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.paragraph_format.space_after = Pt(3)
            add_runs(p, runs)
    for col, width in zip(table.columns, (Cm(10.5), Cm(5.5)), strict=True):
        col.width = width


def add_title_and_preamble(doc: Any, outcome: Outcome, title_style: str) -> None:
    title = doc.add_paragraph(outcome.title, style=title_style)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    preamble = doc.add_paragraph()
    preamble.alignment = WD_ALIGN_PARAGRAPH.CENTER
    preamble.paragraph_format.space_after = Pt(12)
    add_runs(preamble, outcome.preamble)


def hanging(paragraph: Any, left: Length, hang: Length) -> None:
    fmt = paragraph.paragraph_format
    fmt.left_indent = left
    fmt.first_line_indent = -hang
    fmt.tab_stops.add_tab_stop(left)


# --------------------------------------------------------------------------- numbering


class Numbering:
    """Adds abstractNum/num definitions to word/numbering.xml."""

    SECTION, LETTER, ROMAN = 20, 21, 22
    FORMATS: ClassVar[dict[int, tuple[str, str, int, int, str | None]]] = {
        # abstractNumId: (numFmt, lvlText, left, hanging (twips), linked style)
        SECTION: ("upperRoman", "%1.", 851, 851, "EMGSection"),
        LETTER: ("lowerLetter", "%1)", 567, 567, None),
        ROMAN: ("lowerRoman", "%1.", 1134, 567, None),
    }

    def __init__(self, doc: Any) -> None:
        self.root = doc.part.numbering_part.element
        self.next_num_id = 20
        first_num = self.root.find(qn("w:num"))
        for abstract_id, (fmt, text, left, hang, style) in self.FORMATS.items():
            pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:nsid w:val="5EB0{abstract_id:04X}"/>'
                '<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr></w:lvl>'
                "</w:abstractNum>"
            )
            first_num.addprevious(abstract)

    def new_num(self, abstract_id: int, *, restart: bool) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        override = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart
            else ""
        )
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
            )
        )
        return num_id


def number_paragraph(paragraph: Any, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def add_section_style(doc: Any, num_id: int) -> None:
    """Paragraph style "EMG Section": bold, and numbered I., II., ... via its pPr."""
    style = doc.styles.add_style("EMG Section", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.next_paragraph_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.bold = True
    style.font.size = Pt(12)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(12), Pt(6), True
    style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id


# --------------------------------------------------------------------------- builders


def typed_label(kind: ListKind, label: str, flavour: Flavour) -> str:
    if flavour == "variant":
        return f"({label}) "
    return f"{label})\t" if kind == "letter" else f"{label}.\t"


def add_sections(doc: Any, outcome: Outcome, flavour: Flavour) -> None:
    numbering: Numbering | None = None
    if flavour == "autonum":
        numbering = Numbering(doc)
        add_section_style(doc, numbering.new_num(Numbering.SECTION, restart=False))

    for section in outcome.sections:
        if flavour == "autonum":
            heading = doc.add_paragraph(style="EMG Section")
            run = heading.add_run(section.title)
            run.italic = True if section.emphasis == "bold_italic" else None
            if section.number == "IX":
                heading.paragraph_format.page_break_before = True
        elif flavour == "typed":
            heading = doc.add_paragraph(style="Heading 2")
            hanging(heading, Cm(1.5), Cm(1.5))
            run = heading.add_run(f"{section.number}.\t{section.title}")
            run.bold = True
            run.italic = True if section.emphasis == "bold_italic" else None
        else:
            heading = doc.add_paragraph(f"{section.number}. {section.title}")
            heading.paragraph_format.space_before = Pt(12)
            heading.paragraph_format.keep_with_next = True

        doc.add_paragraph(section.actor).paragraph_format.keep_with_next = True
        labelled = [d for d in section.decisions if d.label is not None]
        add_list(doc, labelled, flavour, numbering, level=0)
        for lead_in in (d for d in section.decisions if d.label is None):
            p = doc.add_paragraph(lead_in.text)
            p.paragraph_format.keep_with_next = True
            add_list(doc, lead_in.items, flavour, numbering, level=1)


def add_list(
    doc: Any,
    entries: Sequence[Entry],
    flavour: Flavour,
    numbering: Numbering | None,
    *,
    level: int,
) -> None:
    if not entries:
        return
    kind = entries[0].kind
    assert kind is not None
    num_id = 0
    if numbering is not None:
        abstract = Numbering.LETTER if kind == "letter" else Numbering.ROMAN
        num_id = numbering.new_num(abstract, restart=True)
    for entry in entries:
        assert entry.label is not None
        if entry.blank_before:
            doc.add_paragraph()
        if numbering is not None:
            p = doc.add_paragraph(entry.text, style="List Paragraph")
            number_paragraph(p, num_id)
            if level == 1 and kind == "letter":
                # Items under a lead-in sit deeper than the decision list's indent.
                hanging(p, Cm(2.0), Cm(1.0))
        elif flavour == "typed":
            p = doc.add_paragraph(typed_label(kind, entry.label, flavour) + entry.text)
            hanging(p, Cm(1.0 + level), Cm(1.0))
        else:
            p = doc.add_paragraph(typed_label(kind, entry.label, flavour) + entry.text)
            p.paragraph_format.left_indent = Cm(0.75 * (level + 1))
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def add_running_header_footer(doc: Any) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = SYMBOL
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "3")
    for p in (header, footer):
        for run in p.runs:
            run.font.size = Pt(9)


def build_docx(outcome: Outcome, flavour: Flavour, path: Path) -> None:
    doc = new_document(outcome.title)
    add_masthead(doc, outcome)
    add_title_and_preamble(doc, outcome, "Heading 1" if flavour == "autonum" else "Title")
    add_sections(doc, outcome, flavour)
    if flavour == "autonum":
        add_running_header_footer(doc)
    doc.save(str(path))
    normalise_zip(path)


def normalise_zip(path: Path) -> None:
    """Rewrite the package with fixed timestamps so the bytes are reproducible."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


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
            timeout=300,
        )
    for docx_file in docx_files:
        pdf = outdir / f"{docx_file.stem}.pdf"
        if not pdf.exists():
            sys.exit(f"LibreOffice did not write {pdf}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seed",
        type=Path,
        default=HERE / f"{SYMBOL}.txt",
        help="seed text (default: the committed copy, samples/EMGSOM.26_3a.txt)",
    )
    parser.add_argument("--outdir", type=Path, default=HERE)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice step")
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)

    seed_bytes = args.seed.read_bytes()
    outcome = parse_seed(seed_bytes.decode("utf-8"))
    text_copy = outdir / f"{SYMBOL}.txt"
    if args.seed.resolve() != text_copy.resolve():
        text_copy.write_bytes(seed_bytes)

    flavours: tuple[Flavour, ...] = ("typed", "autonum", "variant")
    docx_files = [outdir / f"{SYMBOL}_{flavour}.docx" for flavour in flavours]
    for flavour, path in zip(flavours, docx_files, strict=True):
        build_docx(outcome, flavour, path)
    if not args.no_pdf:
        convert_to_pdf(docx_files, outdir)

    written = [text_copy, *docx_files]
    if not args.no_pdf:
        written += [p.with_suffix(".pdf") for p in docx_files]
    for path in written:
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
