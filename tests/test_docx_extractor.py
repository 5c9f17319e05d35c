"""Tests for the Word (.docx) extractor."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse import lines as lines_module
from emg_parse.errors import EmgParseError, InputError, TooLargeError, UnsupportedFormatError
from emg_parse.extractors import docx as docx_module
from emg_parse.extractors.docx import (
    MAX_UNPACKED_BYTES,
    DocxExtractor,
    extract_docx,
)
from emg_parse.lines import Extraction, Line, Provenance

from .bounds import run_bounded
from .docx_builders import (
    abstract_num,
    build_docx,
    lvl,
    num,
    numbering,
    para,
    paragraph_style,
    replace_part,
    run,
    table,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def texts(extraction: Extraction) -> list[str]:
    return [line.text for line in extraction.lines]


def extract(tmp_path: Path, body: list[str], **kwargs: object) -> Extraction:
    path = build_docx(tmp_path / "doc.docx", body, **kwargs)  # type: ignore[arg-type]
    return DocxExtractor().convert(path)


LETTERS = abstract_num(1, lvl(0, "lowerLetter", "%1)"))


# --------------------------------------------------------------------------- basics


def test_contract(tmp_path: Path) -> None:
    result = extract(tmp_path, [para("Hello"), para("World")])
    assert result.format == "docx"
    assert result.pages is None
    assert result.lines == [
        Line("Hello", Provenance(paragraph=1), result.lines[0].style),
        Line("World", Provenance(paragraph=2), result.lines[1].style),
    ]
    assert DocxExtractor.name == "docx"
    assert MAX_UNPACKED_BYTES == 200 * 1024 * 1024


def test_typed_labels_are_kept(tmp_path: Path) -> None:
    result = extract(
        tmp_path,
        [para("I.\tConsultative Process"), para("a)\tConsider and endorse"), para("(i) Finalise")],
    )
    assert texts(result) == ["I.\tConsultative Process", "a)\tConsider and endorse", "(i) Finalise"]


def test_empty_paragraphs_skipped_but_counted(tmp_path: Path) -> None:
    result = extract(tmp_path, [para("one"), para(), para("   "), para("four")])
    assert texts(result) == ["one", "four"]
    assert [line.source.paragraph for line in result.lines] == [1, 4]
    assert all(line.new_block for line in result.lines)


# --------------------------------------------------------------------------- numbering


def test_automatic_letters_restart_per_list(tmp_path: Path) -> None:
    nums = numbering(LETTERS, num(1, 1, starts={0: 1}), num(2, 1, starts={0: 1}))
    body = [
        para("The Senior Officials:"),
        para("Consider", num=1, ilvl=0),
        para("Decide", num=1, ilvl=0),
        para("Next section"),
        para("Take note", num=2, ilvl=0),
        para("Decide again", num=2, ilvl=0),
        para("Invite", num=2, ilvl=0),
    ]
    result = extract(tmp_path, body, numbering_xml=nums)
    assert texts(result) == [
        "The Senior Officials:",
        "a)\tConsider",
        "b)\tDecide",
        "Next section",
        "a)\tTake note",
        "b)\tDecide again",
        "c)\tInvite",
    ]


def test_roman_headings_through_paragraph_style(tmp_path: Path) -> None:
    nums = numbering(
        abstract_num(3, lvl(0, "upperRoman", "%1.", pstyle="EMGSection")),
        LETTERS,
        num(5, 3),
        num(6, 1, starts={0: 1}),
        num(7, 1, starts={0: 1}),
    )
    styles = [paragraph_style("EMGSection", "EMG Section", based_on="Normal", num=5, bold=True)]
    body = [
        para("Biodiversity", style="EMGSection"),
        para("Consider", num=6, ilvl=0),
        para("E-waste", style="EMGSection"),
        para("Take note", num=7, ilvl=0),
        para("Sand and dust", style="EMGSection"),
        # numId 0 on the paragraph switches the style's numbering off
        para("Unnumbered", style="EMGSection", num=0),
        para("Marine litter", style="EMGSection"),
    ]
    result = extract(tmp_path, body, numbering_xml=nums, styles=styles)
    assert texts(result) == [
        "I.\tBiodiversity",
        "a)\tConsider",
        "II.\tE-waste",
        "a)\tTake note",
        "III.\tSand and dust",
        "Unnumbered",
        "IV.\tMarine litter",
    ]
    assert result.lines[0].style.bold


def test_parenthesised_and_multilevel_lvl_text(tmp_path: Path) -> None:
    nums = numbering(
        abstract_num(1, lvl(0, "lowerLetter", "(%1)"), lvl(1, "lowerRoman", "(%2)")),
        abstract_num(2, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.")),
        num(1, 1),
        num(2, 2),
    )
    body = [
        para("alpha", num=1, ilvl=0),
        para("alpha one", num=1, ilvl=1),
        para("beta", num=1, ilvl=0),
        para("one", num=2, ilvl=0),
        para("one one", num=2, ilvl=1),
        para("one two", num=2, ilvl=1),
        para("two", num=2, ilvl=0),
        para("two one", num=2, ilvl=1),
    ]
    result = extract(tmp_path, body, numbering_xml=nums)
    assert texts(result) == [
        "(a)\talpha",
        "(i)\talpha one",
        "(b)\tbeta",
        "1.\tone",
        "1.1.\tone one",
        "1.2.\tone two",
        "2.\ttwo",
        "2.1.\ttwo one",
    ]


def test_start_value(tmp_path: Path) -> None:
    nums = numbering(abstract_num(1, lvl(0, "lowerLetter", "%1)", start=3)), num(1, 1))
    result = extract(
        tmp_path, [para("x", num=1, ilvl=0), para("y", num=1, ilvl=0)], numbering_xml=nums
    )
    assert texts(result) == ["c)\tx", "d)\ty"]


def test_bullets_have_no_label(tmp_path: Path) -> None:
    nums = numbering(
        abstract_num(1, lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "o")),
        num(1, 1),
    )
    body = [
        para("first", num=1, ilvl=0),
        para("nested", num=1, ilvl=1),
        para("second", num=1, ilvl=0),
    ]
    assert texts(extract(tmp_path, body, numbering_xml=nums)) == ["first", "nested", "second"]


def test_nested_level_resets(tmp_path: Path) -> None:
    nums = numbering(
        abstract_num(1, lvl(0, "lowerLetter", "%1)"), lvl(1, "lowerRoman", "%2.")),
        num(1, 1),
    )
    body = [
        para("a", num=1, ilvl=0),
        para("a-i", num=1, ilvl=1),
        para("a-ii", num=1, ilvl=1),
        para("b", num=1, ilvl=0),
        para("b-i", num=1, ilvl=1),
    ]
    result = extract(tmp_path, body, numbering_xml=nums)
    assert [t.split("\t")[0] for t in texts(result)] == ["a)", "i.", "ii.", "b)", "i."]


def test_two_lists_sharing_an_abstract(tmp_path: Path) -> None:
    # numId 1 and 2 share abstractNum 1 without overrides: the second continues.
    # numId 3 shares it too but has a startOverride: it restarts.
    nums = numbering(LETTERS, num(1, 1), num(2, 1), num(3, 1, starts={0: 1}))
    body = [
        para("one", num=1, ilvl=0),
        para("two", num=1, ilvl=0),
        para("interlude"),
        para("three", num=2, ilvl=0),
        para("again", num=3, ilvl=0),
        para("again two", num=3, ilvl=0),
    ]
    result = extract(tmp_path, body, numbering_xml=nums)
    assert texts(result) == [
        "a)\tone",
        "b)\ttwo",
        "interlude",
        "c)\tthree",
        "a)\tagain",
        "b)\tagain two",
    ]


def test_empty_numbered_paragraph_still_counts(tmp_path: Path) -> None:
    nums = numbering(LETTERS, num(1, 1))
    body = [para("x", num=1, ilvl=0), para(num=1, ilvl=0), para("z", num=1, ilvl=0)]
    assert texts(extract(tmp_path, body, numbering_xml=nums)) == ["a)\tx", "c)\tz"]


def test_space_suffix(tmp_path: Path) -> None:
    nums = numbering(abstract_num(1, lvl(0, "decimal", "%1.", suff="space")), num(1, 1))
    assert texts(extract(tmp_path, [para("x", num=1, ilvl=0)], numbering_xml=nums)) == ["1. x"]


def test_list_number_style_from_template(tmp_path: Path) -> None:
    # python-docx's template: style "ListNumber" carries numPr to a "%1." list.
    result = extract(
        tmp_path, [para("first", style="ListNumber"), para("second", style="ListNumber")]
    )
    assert texts(result) == ["1.\tfirst", "2.\tsecond"]


def test_undefined_num_id_gives_note(tmp_path: Path) -> None:
    result = extract(tmp_path, [para("x", num=42, ilvl=0)])
    assert texts(result) == ["x"]
    assert any("42" in message for _, message in result.notes)


def test_malformed_numbering_part_is_a_note(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x", num=1, ilvl=0)])
    replace_part(path, "word/numbering.xml", b"<w:numbering><broken")
    result = extract_docx(path)
    assert texts(result) == ["x"]
    assert any("numbering.xml" in message for _, message in result.notes)


def test_missing_numbering_and_styles_parts(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x", num=1, ilvl=0, style="Heading1")])
    replace_part(path, "word/numbering.xml", None)
    replace_part(path, "word/styles.xml", None)
    result = extract_docx(path)
    assert texts(result) == ["x"]
    assert result.lines[0].style.heading_level is None


# --------------------------------------------------------------------------- reading order


def test_table_reading_order_and_cells(tmp_path: Path) -> None:
    inner = table([[para("in-00"), para("in-10")]])
    body = [
        para("before"),
        table(
            [
                [para("r0c0"), para("r0c1a") + para("r0c1b")],
                [para("r1c0") + inner, para("r1c1")],
            ]
        ),
        para("after"),
    ]
    result = extract(tmp_path, body)
    assert [(line.text, line.cell) for line in result.lines] == [
        ("before", None),
        ("r0c0", (0, 0)),
        ("r0c1a", (1, 0)),
        ("r0c1b", (1, 0)),
        ("r1c0", (0, 1)),
        ("in-00", (0, 0)),
        ("in-10", (1, 0)),
        ("r1c1", (1, 1)),
        ("after", None),
    ]
    assert [line.source.paragraph for line in result.lines] == list(range(1, 10))


def test_grid_span_moves_column(tmp_path: Path) -> None:
    tbl = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + para("wide") + "</w:tc>"
        "<w:tc>" + para("right") + "</w:tc></w:tr></w:tbl>"
    )
    result = extract(tmp_path, [tbl])
    assert [(line.text, line.cell) for line in result.lines] == [
        ("wide", (0, 0)),
        ("right", (2, 0)),
    ]


def test_header_and_footer_are_not_in_body(tmp_path: Path) -> None:
    result = extract(tmp_path, [para("Body text")], header="RUNNING HEADER", footer="Page 1 of 9")
    assert texts(result) == ["Body text"]


def test_content_controls_are_read(tmp_path: Path) -> None:
    body = [
        "<w:sdt><w:sdtPr/><w:sdtContent>" + para("in block control") + "</w:sdtContent></w:sdt>",
        para(
            "<w:sdt><w:sdtPr/><w:sdtContent>" + run("inline") + "</w:sdtContent></w:sdt>",
            " control",
        ),
    ]
    assert texts(extract(tmp_path, body)) == ["in block control", "inline control"]


def test_text_box_read_once_after_anchor(tmp_path: Path) -> None:
    box = "<w:txbxContent>" + para("boxed") + "</w:txbxContent>"
    shape = (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:inline><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    result = extract(tmp_path, [para("anchor ", shape, "text"), para("next")])
    assert texts(result) == ["anchor text", "boxed", "next"]


# --------------------------------------------------------------------------- inline content


def test_tracked_changes_fields_and_special_characters(tmp_path: Path) -> None:
    ins = '<w:ins w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z">' + run("kept ") + "</w:ins>"
    dele = (
        '<w:del w:id="2" w:author="a" w:date="2020-01-01T00:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">gone </w:delText></w:r></w:del>'
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("7")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    special = (
        "<w:r><w:t>co</w:t><w:softHyphen/><w:t>operate</w:t><w:tab/><w:t>x</w:t>"
        "<w:noBreakHyphen/><w:t>y</w:t>"
        '<w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Arial" w:char="00A7"/></w:r>'
    )
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>invisible</w:t></w:r>"
    footnote = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    link = '<w:hyperlink r:id="rId99">' + run(" linked") + "</w:hyperlink>"
    body = [
        para(ins, dele, "page ", field),
        para(special, hidden, footnote, link),
        '<w:p><w:fldSimple w:instr=" DATE ">' + run("28 October 2020") + "</w:fldSimple></w:p>",
    ]
    result = extract(tmp_path, body)
    assert texts(result) == ["kept page 7", "cooperate\tx-y§ linked", "28 October 2020"]
    assert any(code == "docx_tracked_changes" for code, _ in result.notes)


def test_line_breaks_split_paragraph(tmp_path: Path) -> None:
    nums = numbering(LETTERS, num(1, 1))
    body = [
        para("first", "<w:r><w:br/></w:r>", "second", "<w:r><w:cr/><w:t>third</w:t></w:r>"),
        para("<w:r><w:br/></w:r>", "after leading break", num=1, ilvl=0),
        para("next"),
    ]
    result = extract(tmp_path, body, numbering_xml=nums)
    assert [(line.text, line.new_block, line.source.paragraph) for line in result.lines] == [
        ("first", True, 1),
        ("second", False, 1),
        ("third", False, 1),
        ("a)\tafter leading break", True, 2),
        ("next", True, 3),
    ]


# --------------------------------------------------------------------------- style


def test_bold_italic_resolution(tmp_path: Path) -> None:
    styles = [
        paragraph_style("BoldBase", bold=True),
        paragraph_style("BoldChild", based_on="BoldBase", italic=True),
        paragraph_style("ItalicChar", style_type="character", italic=True),
    ]
    body = [
        para(run("all bold", bold=True)),
        para(run("half ", bold=True), run("plain")),
        para(run("bold", bold=True), run("   ")),  # whitespace does not count
        para("inherited", style="BoldChild"),
        para(run("switched off", bold=False), style="BoldChild"),
        para(run("char style", style="ItalicChar")),
        para(run("strong", style="Strong")),  # template character style: bold
        para("plain"),
    ]
    result = extract(tmp_path, body, styles=styles)
    got = [(line.text, line.style.bold, line.style.italic) for line in result.lines]
    assert got == [
        ("all bold", True, False),
        ("half plain", False, False),
        ("bold", True, False),
        ("inherited", True, True),
        ("switched off", False, True),
        ("char style", False, True),
        ("strong", True, False),
        ("plain", False, False),
    ]


def test_sizes(tmp_path: Path) -> None:
    body = [para(run("big", size=16), run("er and longer text", size=10)), para("default")]
    result = extract(tmp_path, body)
    assert [line.style.size for line in result.lines] == [10.0, 11.0]  # template default 11 pt


def test_heading_levels(tmp_path: Path) -> None:
    styles = [
        paragraph_style("MyHeading", based_on="Heading2"),
        paragraph_style("Outlined", outline=2),
    ]
    body = [
        para("Title text", style="Title"),
        para("Chapter", style="Heading1"),
        para("Section", style="Heading2"),
        para("Derived", style="MyHeading"),
        para("Outline in style", style="Outlined"),
        para("Direct outline", outline=0),
        para("Body outline", style="Heading1", outline=9),
        para("Body"),
    ]
    result = extract(tmp_path, body, styles=styles)
    assert [line.style.heading_level for line in result.lines] == [1, 1, 2, 2, 3, 1, None, None]
    assert result.lines[1].style.bold  # Heading 1 is bold in the template


def test_strict_ooxml_namespace(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para(run("strict", bold=True))])
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml")
    strict = document.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    replace_part(path, "word/document.xml", strict)
    result = extract_docx(path)
    assert texts(result) == ["strict"]
    assert result.lines[0].style.bold


# --------------------------------------------------------------------------- accepts / errors


def test_accepts(tmp_path: Path) -> None:
    good = build_docx(tmp_path / "good.docx", [para("x")])
    extractor = DocxExtractor()
    assert extractor.accepts(good, good.read_bytes()[:8])
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    assert not extractor.accepts(other_zip, other_zip.read_bytes()[:8])
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert not extractor.accepts(pdf, b"%PDF-1.7\n")
    # A damaged ZIP is taken, so that convert() can say it is damaged.
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04" + bytes(100))
    assert extractor.accepts(damaged, b"PK\x03\x04")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"This is plain text pretending to be Word.\n" * 10)
    with pytest.raises(InputError) as info:
        extract_docx(path)
    assert type(info.value) is InputError
    assert "re-save it from Word as .docx" in info.value.message


def test_truncated_zip(tmp_path: Path) -> None:
    good = build_docx(tmp_path / "good.docx", [para("x")])
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InputError) as info:
        DocxExtractor().convert(path)
    assert type(info.value) is InputError
    assert "damaged or incomplete ZIP" in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        extract_docx(tmp_path / "nope.docx")


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    with pytest.raises(UnsupportedFormatError) as info:
        extract_docx(path)
    assert info.value.message == "not a Word document (ZIP without word/document.xml)"


def test_too_large_total(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x" * 5000)])
    with pytest.raises(TooLargeError) as info:
        DocxExtractor(max_unpacked_bytes=10_000).convert(path)
    assert "too large when unpacked" in info.value.message
    assert "MB > limit" in info.value.message
    # the default limit accepts it
    assert texts(DocxExtractor().convert(path)) == ["x" * 5000]


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x")])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(TooLargeError) as info:
        extract_docx(path)
    assert "too large when unpacked" in info.value.message


def test_malformed_document_xml(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x")])
    replace_part(path, "word/document.xml", b"<w:document><w:body><w:p>")
    with pytest.raises(InputError) as info:
        extract_docx(path)
    assert type(info.value) is InputError


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", [para("x")])
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>a&e;b</w:t></w:r></w:p></w:body></w:document>"
    )
    replace_part(path, "word/document.xml", evil)
    try:
        result = extract_docx(path)
    except InputError:
        return
    assert "root:" not in "".join(texts(result))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_corrupted_files_raise_only_emg_errors(tmp_path: Path, data: st.DataObject) -> None:
    nums = numbering(LETTERS, num(1, 1))
    base = tmp_path / "base.docx"
    if not base.exists():
        build_docx(base, [para("a", num=1, ilvl=0), table([[para("b")]])], numbering_xml=nums)
    raw = bytearray(base.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(raw))
    with contextlib.suppress(EmgParseError):
        extract_docx(path)


# --------------------------------------------------------------------------- scale & samples


def test_sixty_pages(tmp_path: Path) -> None:
    nums = numbering(
        abstract_num(3, lvl(0, "upperRoman", "%1.")),
        LETTERS,
        num(1, 3),
        *[num(10 + i, 1, starts={0: 1}) for i in range(60)],
    )
    sentence = "Take note of the progress made towards finalising the Terms of Reference " * 3
    body: list[str] = []
    for section in range(60):
        body.append(para(run(f"Section {section}", bold=True), num=1, ilvl=0))
        body.append(para("The Senior Officials:"))
        body.extend(para(sentence, num=10 + section, ilvl=0) for _ in range(8))
        body.append(table([[para("cell a"), para("cell b")], [para("cell c"), para("cell d")]]))
    path = build_docx(tmp_path / "big.docx", body, numbering_xml=nums)
    result = extract_docx(path)
    assert len(result.lines) == 60 * 14
    assert result.lines[-5].text.startswith("h)\t")


LABEL = re.compile(r"^([IVXL]+\.|[a-z]{1,3}\)|[ivxl]+\.)\t")


def sample_labels(path: Path) -> list[str]:
    return [m.group(1) for line in extract_docx(path).lines if (m := LABEL.match(line.text))]


@pytest.mark.skipif(
    not (SAMPLES / "EMGSOM.26_3a_autonum.docx").exists()
    or not (SAMPLES / "EMGSOM.26_3a_typed.docx").exists(),
    reason="sample documents not built",
)
def test_samples_autonum_matches_typed() -> None:
    auto = sample_labels(SAMPLES / "EMGSOM.26_3a_autonum.docx")
    typed = sample_labels(SAMPLES / "EMGSOM.26_3a_typed.docx")
    assert auto == typed
    sections = [label for label in auto if re.fullmatch(r"[IVXL]+\.", label)]
    assert sections == [
        "I.",
        "II.",
        "III.",
        "IV.",
        "V.",
        "VI.",
        "VII.",
        "VIII.",
        "IX.",
        "X.",
        "XI.",
        "XII.",
    ]
    assert "e)" in auto and "iv." in auto
    # Word numbering never leaks into the text twice ("a)\ta)\t...").
    auto_lines = texts(extract_docx(SAMPLES / "EMGSOM.26_3a_autonum.docx"))
    assert not any(re.match(r"^\S+\t\S+\)\t", text) for text in auto_lines)
    assert not any("Page" in text and "of" in text for text in auto_lines)  # footer absent


# --------------------------------------------------------------------------- hostile files


def numbered_outcome() -> list[str]:
    """An outcome document of three decisions numbered by list 1."""
    decisions = [para(f"Agree to item {n};", num=1, ilvl=0) for n in range(3)]
    return [para("I. Task Team"), para("The Senior Officials:"), *decisions]


@pytest.mark.parametrize(
    ("name", "level", "labels"),
    [
        # a roman numeral of 10**12 is a billion M's; 10**11 letters, 3.8 billion a's
        ("roman", lvl(0, "upperRoman", "%1.", start=10**12), ["M" * 31] * 3),
        ("letters", lvl(0, "lowerLetter", "%1)", start=10**11), [c * 31 for c in "ghi"]),
        ("huge", lvl(0, "upperRoman", "%1.", start=10**13), ["M" * 31] * 3),
        ("lvltext", lvl(0, "decimal", "%1" * 20_000), [c * 31 for c in "123"]),
    ],
)
def test_hostile_numbering_is_held_to_words_limits(
    name: str, level: str, labels: list[str], tmp_path: Path
) -> None:
    path = build_docx(
        tmp_path / f"{name}.docx",
        numbered_outcome(),
        numbering_xml=numbering(abstract_num(1, level), num(1, 1)),
    )
    out = tmp_path / "out.json"
    result = run_bounded(path, "-q", "-o", out)
    assert (result.returncode, result.stderr) == (0, "")
    assert out.stat().st_size < 20_000
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [w["message"] for w in data["warnings"] if w["code"] == "numbering_capped"] == [
        "3 list labels went past Word's limits on list numbers (start values 0 to 32767, "
        "labels of at most 31 characters) and were held to them; word/numbering.xml is "
        "damaged or built to be hostile"
    ]
    lines = texts(extract_docx(path))
    assert lines[2:] == [f"{label}\tAgree to item {n};" for n, label in enumerate(labels)]


def test_ordinary_numbering_gives_no_capped_warning(tmp_path: Path) -> None:
    result = extract(tmp_path, numbered_outcome(), numbering_xml=numbering(LETTERS, num(1, 1)))
    assert texts(result)[2:] == [f"{c})\tAgree to item {n};" for n, c in enumerate("abc")]
    assert result.notes == []


def test_a_large_document_is_read_a_paragraph_at_a_time(tmp_path: Path) -> None:
    # 30 MB of XML in 1.5 million small elements: some 600 MB as one parsed tree
    chunk = random.Random(0).randbytes(60_000).hex()
    body = [
        "<w:p><w:pPr>"
        + "".join(f'<w:x w:v="{chunk[k : k + 8]}"/>' for k in range(0, len(chunk), 8))
        + f"</w:pPr><w:r><w:t>Paragraph {n}</w:t></w:r></w:p>"
        for n in range(100)
    ]
    path = build_docx(tmp_path / "large.docx", body)
    result = run_bounded(path, "--dump", "lines", memory=150 << 20)
    assert (result.returncode, result.stderr) == (0, "")
    assert [line["text"] for line in json.loads(result.stdout)] == [
        f"Paragraph {n}" for n in range(100)
    ]


def test_too_many_lines_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "MAX_LINES", 100)
    path = build_docx(tmp_path / "d.docx", [para(f"line {n}") for n in range(101)])
    with pytest.raises(TooLargeError) as info:
        extract_docx(path)
    assert info.value.one_line() == (
        f"{path}: more than 100 lines or 10,000,000 characters of text, far more than an "
        "outcome document holds; split it into smaller documents"
    )
    path = build_docx(tmp_path / "d.docx", [para(f"line {n}") for n in range(100)])
    assert len(extract_docx(path).lines) == 100


def test_strict_namespace_cut_by_every_chunk_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_module, "_CHUNK", 7)  # every namespace crosses a boundary
    test_strict_ooxml_namespace(tmp_path)


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    plain = build_docx(tmp_path / "doc.docx", [para("I. Task Team"), para("a) Agree.")])
    odd = tmp_path / os.fsdecode(b"doc\xff.docx")
    odd.write_bytes(plain.read_bytes())
    assert texts(extract_docx(odd)) == texts(extract_docx(plain)) == ["I. Task Team", "a) Agree."]
