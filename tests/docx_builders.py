"""Helpers that build small .docx files for the Word extractor tests.

A document is made with python-docx (so the package, content types, relationships
and the default styles -- "Title", "Heading 1".., "List Number" -- are what a real
Word file has), then its ``word/document.xml`` body, ``word/numbering.xml`` and,
when asked, extra ``w:style`` elements are replaced with raw XML written by the test.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


# --------------------------------------------------------------------------- body XML


def run(
    text: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    style: str | None = None,
) -> str:
    props = []
    if style is not None:
        props.append(f"<w:rStyle w:val={quoteattr(style)}/>")
    if bold is not None:
        props.append("<w:b/>" if bold else '<w:b w:val="0"/>')
    if italic is not None:
        props.append("<w:i/>" if italic else '<w:i w:val="0"/>')
    if size is not None:
        props.append(f'<w:sz w:val="{round(size * 2)}"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(
    *content: str,
    num: int | None = None,
    ilvl: int | None = None,
    style: str | None = None,
    outline: int | None = None,
) -> str:
    """A ``w:p``; plain strings become runs, strings starting with '<' are raw XML."""
    ppr = []
    if style is not None:
        ppr.append(f"<w:pStyle w:val={quoteattr(style)}/>")
    if num is not None or ilvl is not None:
        inner = ""
        if ilvl is not None:
            inner += f'<w:ilvl w:val="{ilvl}"/>'
        if num is not None:
            inner += f'<w:numId w:val="{num}"/>'
        ppr.append(f"<w:numPr>{inner}</w:numPr>")
    if outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{outline}"/>')
    body = "".join(c if c.startswith("<") else run(c) for c in content)
    ppr_xml = f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""
    return f"<w:p>{ppr_xml}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A ``w:tbl``; each cell is raw block XML (one or more ``w:p``/``w:tbl``)."""
    width = max((len(r) for r in rows), default=1)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(width))
    trs = "".join("<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in r) + "</w:tr>" for r in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>"


# --------------------------------------------------------------------------- numbering XML


def lvl(
    ilvl: int,
    fmt: str = "decimal",
    text: str | None = "%1.",
    *,
    start: int | None = 1,
    restart: int | None = None,
    suff: str | None = None,
    is_lgl: bool = False,
    pstyle: str | None = None,
) -> str:
    parts = []
    if start is not None:
        parts.append(f'<w:start w:val="{start}"/>')
    parts.append(f'<w:numFmt w:val="{fmt}"/>')
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if pstyle is not None:
        parts.append(f"<w:pStyle w:val={quoteattr(pstyle)}/>")
    if is_lgl:
        parts.append("<w:isLgl/>")
    if suff is not None:
        parts.append(f'<w:suff w:val="{suff}"/>')
    if text is not None:
        parts.append(f"<w:lvlText w:val={quoteattr(text)}/>")
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def abstract_num(abstract_id: int, *levels: str, extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'
    )


def num(
    num_id: int, abstract_id: int, *, starts: dict[int, int] | None = None, extra: str = ""
) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
        for i, s in (starts or {}).items()
    )
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f"{overrides}{extra}</w:num>"
    )


def numbering(*elements: str) -> str:
    """A complete numbering part (abstractNums must come before nums, as in Word)."""
    abstracts = [e for e in elements if e.startswith("<w:abstractNum")]
    others = [e for e in elements if not e.startswith("<w:abstractNum")]
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
        f"<w:numbering {NSDECL}>{''.join(abstracts)}{''.join(others)}</w:numbering>"
    )


def paragraph_style(
    style_id: str,
    name: str | None = None,
    *,
    based_on: str | None = None,
    num: int | None = None,
    ilvl: int | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    outline: int | None = None,
    style_type: str = "paragraph",
) -> str:
    ppr = []
    if num is not None or ilvl is not None:
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num}"/>' if num is not None else ""
        )
        ppr.append(f"<w:numPr>{inner}</w:numPr>")
    if outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{outline}"/>')
    rpr = []
    if bold is not None:
        rpr.append("<w:b/>" if bold else '<w:b w:val="0"/>')
    if italic is not None:
        rpr.append("<w:i/>" if italic else '<w:i w:val="0"/>')
    return (
        f'<w:style w:type="{style_type}" w:styleId={quoteattr(style_id)}>'
        f"<w:name w:val={quoteattr(name or style_id)}/>"
        + (f"<w:basedOn w:val={quoteattr(based_on)}/>" if based_on else "")
        + (f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{''.join(rpr)}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


# --------------------------------------------------------------------------- packages


def build_docx(
    path: Path,
    body: str | list[str],
    *,
    numbering_xml: str | None = None,
    styles: list[str] | None = None,
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    """Write a .docx at ``path`` whose body is ``body`` (raw block XML)."""
    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    body_xml = "".join(body) if isinstance(body, list) else body
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                sect = re.search(r"<w:sectPr[\s>].*</w:sectPr>", text, re.S)
                head = text[: text.index("<w:body>") + len("<w:body>")]
                data = (
                    head + body_xml + (sect.group(0) if sect else "") + "</w:body></w:document>"
                ).encode()
            elif info.filename == "word/numbering.xml" and numbering_xml is not None:
                data = numbering_xml.encode("utf-8")
            elif info.filename == "word/styles.xml" and styles:
                text = data.decode("utf-8")
                data = text.replace("</w:styles>", "".join(styles) + "</w:styles>").encode()
            out.writestr(info, data)
    return path


def replace_part(path: Path, name: str, data: bytes | None) -> Path:
    """Rewrite the package at ``path`` with part ``name`` replaced (or removed if None)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in members:
            if info.filename == name:
                if data is None:
                    continue
                content = data
            out.writestr(info, content)
    return path
