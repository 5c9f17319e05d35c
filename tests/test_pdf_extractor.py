"""Tests for the PDF extractor and its pure layout functions.

Behaviour is tested with both engines (the ``extractor`` fixture); the engines'
outputs are compared with each other in ``test_pdf_engines.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse import lines as lines_module
from emg_parse.cli import main
from emg_parse.engines import PDF_ENGINES
from emg_parse.errors import (
    EmgParseError,
    EncryptedError,
    InputError,
    NoTextError,
    TooLargeError,
)
from emg_parse.extractors import ReadOptions
from emg_parse.extractors.pdf import columns, objects
from emg_parse.extractors.pdf.dedupe import dedupe_glyphs
from emg_parse.extractors.pdf.errors import DAMAGED_MESSAGE, ENCRYPTED_MESSAGE, NO_TEXT_MESSAGE
from emg_parse.extractors.pdf.extractor import PdfExtractor
from emg_parse.extractors.pdf.lines import TextLine, is_list_label, page_lines, style_of_parts
from emg_parse.extractors.pdf.objects import Glyph, PageGlyphs
from emg_parse.extractors.pdf.params import DEFAULT_PARAMS
from emg_parse.extractors.pdf.pdfplumber import page_objects
from emg_parse.extractors.pdf.running import place
from emg_parse.extractors.registry import extract
from emg_parse.extractors.running import Placed, is_page_number, running_key, running_texts
from emg_parse.lines import Extraction, Line, Provenance

from .bounds import finishes_within
from .conftest import SAMPLES
from .pdfgen import Page, Span, build_pdf, text_width, write_pdf

#: Every PDF engine.
ENGINES = PDF_ENGINES


class Reader:
    """The PDF extractor with one engine; ``convert`` takes the other read options."""

    def __init__(self, engine: str) -> None:
        self.engine = engine

    def convert(self, path: Path, **options: Any) -> Extraction:
        read = ReadOptions(engine=self.engine, **options)  # type: ignore[arg-type]
        return PdfExtractor().convert(path, read)


EXTRACTOR = PdfExtractor()
PLUMBER = Reader("pdfplumber")


@pytest.fixture(params=ENGINES)
def extractor(request: pytest.FixtureRequest) -> Reader:
    """The extractor with each engine in turn: every behaviour holds for both."""
    return Reader(request.param)


def convert(
    extractor: Reader, tmp_path: Path, pages: list[Page], name: str = "doc.pdf", **kw: Any
) -> Extraction:
    path = write_pdf(tmp_path / name, pages)
    return extractor.convert(path, **kw)


def texts(ex: Extraction) -> list[str]:
    return [line.text for line in ex.lines]


def find(ex: Extraction, prefix: str) -> Line:
    for line in ex.lines:
        if line.text.startswith(prefix):
            return line
    raise AssertionError(f"no line starts with {prefix!r}: {texts(ex)}")


def lines_of(glyphs: list[Glyph]) -> list[TextLine]:
    """The lines the layout makes of hand-made glyphs, in the order given."""
    return page_lines(PageGlyphs.from_glyphs(glyphs), DEFAULT_PARAMS)


def style_of(glyphs: list[Glyph]) -> tuple[bool, bool, float | None]:
    """``(bold, italic, size)`` the layout gives hand-made glyphs."""
    return style_of_parts((s.start, s.end, s) for s in PageGlyphs.from_glyphs(glyphs).spans)


def body_page(lines: list[str], top: float = 150.0, pitch: float = 13.0, x: float = 72.0) -> Page:
    page = Page()
    for i, text in enumerate(lines):
        page.text_top(x, top + i * pitch, text)
    return page


# --- accepts -------------------------------------------------------------------------


def test_accepts_pdf_magic_in_first_kilobyte() -> None:
    assert EXTRACTOR.name == "pdf"
    assert EXTRACTOR.accepts(Path("x.bin"), b"%PDF-1.7\n...")
    assert EXTRACTOR.accepts(Path("x.bin"), b"\0" * 500 + b"%PDF-1.4")
    assert not EXTRACTOR.accepts(Path("x.pdf"), b"\0" * 1024 + b"%PDF-1.4")
    assert not EXTRACTOR.accepts(Path("x.pdf"), b"PK\x03\x04word/document.xml")


# --- running headers, footers, page numbers -----------------------------------------


def test_running_header_and_page_footer_removed_on_three_pages(
    extractor: Reader, tmp_path: Path
) -> None:
    pages = []
    for n in range(1, 4):
        page = body_page([f"Body text of page {n}, first line", "second line of the body"])
        page.text_top(450, 40, "EMGSOM.26_3a", 10)
        page.text_top(270, 800, f"Page {n} of 3", 9)
        pages.append(page)
    ex = convert(extractor, tmp_path, pages)
    assert ex.pages == 3
    assert ex.format == "pdf"
    assert texts(ex) == [
        "Body text of page 1, first line",
        "second line of the body",
        "Body text of page 2, first line",
        "second line of the body",
        "Body text of page 3, first line",
        "second line of the body",
    ]
    assert [(ln.source.page, ln.source.line) for ln in ex.lines] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
        (3, 1),
        (3, 2),
    ]


def test_running_header_on_same_line_as_page_number_removed(
    extractor: Reader, tmp_path: Path
) -> None:
    pages = []
    for n in range(1, 3):
        page = body_page(["Some decision text here"])
        page.text_top(72, 40, "EMGSOM.26_3a", 10)
        page.text_top(480, 40, f"{n}/2", 10)
        pages.append(page)
    assert texts(convert(extractor, tmp_path, pages)) == ["Some decision text here"] * 2


def test_header_text_repeated_in_body_is_kept(extractor: Reader, tmp_path: Path) -> None:
    pages = [body_page(["EMGSOM.26_3a", "Distribution: EMG Members"]) for _ in range(3)]
    assert texts(convert(extractor, tmp_path, pages)).count("EMGSOM.26_3a") == 3


def test_page_number_removed_on_single_page(extractor: Reader, tmp_path: Path) -> None:
    page = body_page(["1", "Decide to extend the process."])
    page.text_top(290, 810, "- 1 -")
    page.text_top(290, 30, "1")
    # "1" at top=150 is in the body and stays
    assert texts(convert(extractor, tmp_path, [page])) == ["1", "Decide to extend the process."]


@pytest.mark.parametrize(
    "text",
    ["Page 2 of 4", "page 2", "PAGE 12 OF 30", "2/4", "2 / 4", "- 2 -", "– 3 –", "2", " 17 "],
)
def test_is_page_number(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize(
    "text",
    ["EMGSOM.26_3a", "Page", "a)", "26th Senior Officials", "2 October", "Pages 2-4", "12345"],
)
def test_is_not_page_number(text: str) -> None:
    assert not is_page_number(text)


def test_running_key_replaces_digits_and_collapses_space() -> None:
    assert running_key("  EMGSOM.26_3a   page 3\t of 12 ") == "EMGSOM.#_#a page # of #"
    # a number that grows by a digit is still the same running line
    assert running_key("EMG/SOM.19/04 - 9") == running_key("EMG/SOM.19/04 - 10")


def _item(page: int, text: str, top: float, height: float = 842.0) -> Placed:
    """A text 10 points high at ``top`` on a page, placed as the PDF reader places it."""
    zone, position = place(top, top + 10, height, DEFAULT_PARAMS)
    return Placed(page, zone, position, text)


def drop(items: list[Placed], pages: int) -> set[int]:
    return running_texts(items, pages, DEFAULT_PARAMS.running_tolerance)


def test_running_texts_repeated_at_same_y() -> None:
    items = [_item(p, "EMGSOM.26_3a", 35 + p * 0.5) for p in range(3)]
    items.append(_item(0, "UNITED NATIONS", 60))
    assert drop(items, 3) == {0, 1, 2}


def test_running_texts_needs_same_y_half_the_pages_and_two_pages() -> None:
    # same text, different heights on the page: not running
    assert drop([_item(0, "Draft", 30), _item(1, "Draft", 80)], 2) == set()
    # one page of three
    assert drop([_item(0, "Draft", 30)], 3) == set()
    # two pages of four: half -> running
    assert drop([_item(1, "Draft", 30), _item(3, "Draft", 31)], 4) == {0, 1}
    # two pages of five: fewer than half -> kept
    assert drop([_item(1, "Draft", 30), _item(3, "Draft", 31)], 5) == set()
    # a single-page document never has a running header (but page numbers go)
    assert drop([_item(0, "Draft", 30), _item(0, "3", 820)], 1) == {1}


def test_running_texts_bottom_measured_from_page_bottom() -> None:
    items = [
        _item(0, "Page 1 of 2 - EMG", 800, height=842),
        _item(1, "Page 2 of 2 - EMG", 750, height=792),  # letter-size page
    ]
    assert drop(items, 2) == {0, 1}


def test_running_texts_keep_text_that_is_mostly_body_text() -> None:
    # two pages of three open with the same line at the top margin, but the line
    # also occurs in the body (more often): it is body text
    items = [_item(p, "The Senior Officials:", 72) for p in (1, 2)]
    items += [_item(p, "The Senior Officials:", 300 + p) for p in range(3)]
    assert drop(items, 3) == set()
    # the document symbol: once in the body (the header table), three times at the top
    items = [_item(p, "EMGSOM.26_3a", 40) for p in range(3)]
    items.append(_item(0, "EMGSOM.26_3a", 300))
    assert drop(items, 3) == {0, 1, 2}


def test_footnote_number_then_tab_is_not_a_page_number(extractor: Reader, tmp_path: Path) -> None:
    page = body_page(["Body text of the page."])
    page.text_top(72, 790, "1", 9)
    page.text_top(100, 790, "See the report of the EMG.", 9)
    assert texts(convert(extractor, tmp_path, [page])) == [
        "Body text of the page.",
        "1 See the report of the EMG.",
    ]


def test_running_texts_ignore_body_zone() -> None:
    items = [_item(p, "The Senior Officials:", 400) for p in range(3)]
    items += [_item(p, "7", 400) for p in range(3)]
    assert drop(items, 3) == set()


# --- words: superscripts, ligatures, fake bold, hyphens ------------------------------


def test_superscript_ordinal_joined(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.spans(
        72,
        700,
        Span("26"),
        Span("th", 7, rise=4),
        Span(" Senior Officials Meeting of the EMG"),
    )
    page.spans(72, 687, Span("Senior Segment, 28 "), Span("th", 7, rise=4), Span(" October 2020"))
    page.spans(
        72, 674, Span("the 1"), Span("st", 6.4, rise=3.5), Span(" and 2"), Span("nd", 6.4, rise=3.5)
    )
    ex = convert(extractor, tmp_path, [page])
    assert texts(ex) == [
        "26th Senior Officials Meeting of the EMG",
        "Senior Segment, 28th October 2020",
        "the 1st and 2nd",
    ]
    assert all(ln.style.size == 11.0 for ln in ex.lines)


def test_superscript_after_word_is_not_an_ordinal(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.spans(72, 700, Span("as noted "), Span("th", 7, rise=4), Span(" here"))
    page.spans(72, 687, Span("footnote"), Span("1", 7, rise=4), Span(" text"))
    assert texts(convert(extractor, tmp_path, [page])) == ["as noted th here", "footnote1 text"]


def test_ligatures_expanded(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.text(72, 700, "the \ufb01nal \ufb02ow of o\ufb03cial work", font="Times-Roman")
    assert texts(convert(extractor, tmp_path, [page])) == ["the final flow of official work"]


def test_fake_bold_doubled_glyphs_deduped(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.text(72, 700, "Summary of Action Points", 16, "Helvetica", fake_bold=0.3)
    page.text(72, 680, "plain text", 11)
    ex = convert(extractor, tmp_path, [page])
    assert texts(ex) == ["Summary of Action Points", "plain text"]
    assert ex.lines[0].style.size == 16.0


def test_line_end_hyphen_kept(extractor: Reader, tmp_path: Path) -> None:
    page = body_page(["follow up on the above-", "mentioned report in sup-", "port of it."])
    assert texts(convert(extractor, tmp_path, [page])) == [
        "follow up on the above-",
        "mentioned report in sup-",
        "port of it.",
    ]


def test_soft_hyphen_kept_in_words() -> None:
    glyphs = [_g(ch, 10 + i * 5) for i, ch in enumerate("sup\u00adport")]
    (line,) = lines_of(glyphs)
    assert line.text == "sup\u00adport"


# --- style ---------------------------------------------------------------------------


def test_bold_italic_and_size(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.text(72, 700, "Bold heading", 12, "Helvetica-Bold")
    page.text(72, 660, "Italic words", 11, "Times-Italic")
    page.text(72, 620, "Both at once", 11, "Helvetica-BoldOblique")
    page.text(72, 580, "Roman body", 10, "Times-Roman")
    page.spans(72, 540, Span("Mostly bold ", font="Times-Bold"), Span("x", font="Times-Roman"))
    ex = convert(extractor, tmp_path, [page])
    styles = [(ln.style.bold, ln.style.italic, ln.style.size) for ln in ex.lines]
    assert styles == [
        (True, False, 12.0),
        (False, True, 11.0),
        (True, True, 11.0),
        (False, False, 10.0),
        (True, False, 11.0),
    ]
    assert ex.lines[0].x == pytest.approx(72.0)


def test_style_of_font_names() -> None:
    def g(font: str) -> Glyph:
        return Glyph("a", 0, 5, 0, 10, 10, font)

    assert style_of([g("ABCDEF+Calibri-BoldItalic")] * 3) == (True, True, 10.0)
    assert style_of([g("Arial,Black")]) == (True, False, 10.0)
    assert style_of([g("Foo-HeavyOblique")]) == (True, True, 10.0)
    assert style_of([g("Arial-Bold"), g("Arial"), g("Arial")]) == (False, False, 10.0)


# --- new_block -----------------------------------------------------------------------


def test_new_block_after_large_gap(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    tops = [100, 113, 126, 139, 170, 183, 196, 240]
    for i, top in enumerate(tops):
        page.text_top(72, top, f"line number {i}")
    page2 = body_page(["continues on the next page", "and more"])
    ex = convert(extractor, tmp_path, [page, page2])
    flags = [ln.new_block for ln in ex.lines]
    assert flags == [True, False, False, False, True, False, False, True, False, False]


def test_line_pitch_uses_lower_quartile() -> None:
    def line(baseline: float) -> TextLine:
        return TextLine([], baseline - 10, baseline, 11.0)

    lines = [line(b) for b in (100, 113, 126, 150, 163, 190, 203)]
    assert columns.line_pitch(lines, DEFAULT_PARAMS) == pytest.approx(13.0)
    # 1.2 x size
    assert columns.line_pitch([line(100), line(140)], DEFAULT_PARAMS) == pytest.approx(13.2)


# --- two-column header block and list labels -----------------------------------------


def header_table_page() -> Page:
    page = Page()
    page.text_top(250, 60, "UNITED NATIONS")
    page.spans(
        76,
        page.height - 120,
        Span("26", font="Helvetica-Bold"),
        Span("th", 7, "Helvetica-Bold", rise=4),
        Span(" Senior Officials Meeting of the", font="Helvetica-Bold"),
    )
    page.text_top(374, 120, "EMGSOM.26_3a", font="Helvetica-Bold")
    page.text_top(76, 133, "United Nations Environment", font="Helvetica-Bold")
    page.text_top(374, 133, "Distribution: EMG Members")
    page.text_top(76, 146, "Senior Segment, 28 October 2020")
    page.text_top(76, 159, "Online")
    page.text_top(200, 200, "Summary of Action Points", 16, "Helvetica-Bold")
    page.text_top(72, 230, "The Senior Officials:")
    return page


def test_two_column_block_read_column_by_column(extractor: Reader, tmp_path: Path) -> None:
    ex = convert(extractor, tmp_path, [header_table_page()])
    got = [(ln.text, ln.cell, ln.new_block) for ln in ex.lines]
    assert got == [
        ("UNITED NATIONS", None, True),
        ("26th Senior Officials Meeting of the", (0, 0), True),
        ("United Nations Environment", (0, 0), False),
        ("Senior Segment, 28 October 2020", (0, 0), False),
        ("Online", (0, 0), False),
        ("EMGSOM.26_3a", (1, 0), True),
        ("Distribution: EMG Members", (1, 0), False),
        ("Summary of Action Points", None, True),
        ("The Senior Officials:", None, True),
    ]
    assert [ln.source.line for ln in ex.lines] == list(range(1, 10))
    assert ex.lines[5].x == pytest.approx(374.0)
    assert ex.lines[1].style.bold and not ex.lines[3].style.bold


def test_block_line_with_narrow_gap_split_at_column_anchor(
    extractor: Reader, tmp_path: Path
) -> None:
    page = Page()
    page.text_top(72, 100, "Left cell text")
    page.text_top(300, 100, "Right cell")
    left = "A long left cell line reaching"
    page.text_top(72, 113, left)
    # the right text starts only a few points after the left one ends
    page.text_top(300, 113, "right column")
    assert 72 + text_width(left, 11) < 300
    ex = convert(extractor, tmp_path, [page])
    assert [(ln.text, ln.cell) for ln in ex.lines] == [
        ("Left cell text", (0, 0)),
        (left, (0, 0)),
        ("Right cell", (1, 0)),
        ("right column", (1, 0)),
    ]


def test_label_then_tab_gap_stays_one_line(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.text_top(72, 100, "I.")
    page.text_top(108, 100, "Consultative Process on Biodiversity", font="Helvetica-Bold")
    page.text_top(72, 113, "The Senior Officials:")
    page.text_top(72, 126, "a)")
    page.text_top(108, 126, "Consider and endorse the EMG report: Supporting the")
    page.text_top(108, 139, "Global Biodiversity Agenda;")
    page.text_top(100, 152, "iv.")
    page.text_top(140, 152, "Continue to support the development")
    page.text_top(100, 165, "(b)")
    page.text_top(140, 165, "Decide to extend")
    ex = convert(extractor, tmp_path, [page])
    assert [(ln.text, ln.cell) for ln in ex.lines] == [
        ("I. Consultative Process on Biodiversity", None),
        ("The Senior Officials:", None),
        ("a) Consider and endorse the EMG report: Supporting the", None),
        ("Global Biodiversity Agenda;", None),
        ("iv. Continue to support the development", None),
        ("(b) Decide to extend", None),
    ]
    assert ex.lines[2].x == pytest.approx(72.0)


def bordered_table_page() -> Page:
    """A two-row key/value table with borders, then body text at normal pitch."""
    page = Page()

    def rule(top: float) -> None:
        page.rect(84, page.height - top, 432, 0.5)  # a thin filled box: a border

    rule(88)
    page.text_top(90, 100, "Date:")
    page.text_top(306, 100, "28 October 2020, a long value")
    page.text_top(306, 113, "that wraps in its cell")
    rule(117)
    page.text_top(90, 129, "Venue:")
    page.text_top(306, 129, "Online")
    rule(133)
    page.text_top(90, 145, "The Senior Officials:")  # normal pitch below the table
    page.text_top(90, 158, "a) Consider the report")
    return page


def test_bordered_table_rows_and_end(extractor: Reader, tmp_path: Path) -> None:
    ex = convert(extractor, tmp_path, [bordered_table_page()])
    assert [(ln.text, ln.cell, ln.new_block) for ln in ex.lines] == [
        ("Date:", (0, 0), True),
        ("28 October 2020, a long value", (1, 0), True),
        ("that wraps in its cell", (1, 0), False),
        ("Venue:", (0, 1), True),
        ("Online", (1, 1), True),
        ("The Senior Officials:", None, True),
        ("a) Consider the report", None, False),
    ]


def test_rule_between_lines_starts_a_block(extractor: Reader, tmp_path: Path) -> None:
    page = body_page(["first paragraph line", "second line", "after the rule", "and more"])
    page.rect(72, page.height - 169, 450, 0.75)  # between lines 2 (top 163) and 3 (176)
    ex = convert(extractor, tmp_path, [page])
    assert [ln.new_block for ln in ex.lines] == [True, False, True, False]


def test_underline_is_not_a_rule(extractor: Reader, tmp_path: Path) -> None:
    page = body_page(["An underlined long link at the start", "of the line goes on here", "x"])
    page.rect(72, page.height - 151.5, 200, 0.6)  # under line 1 (baseline top=150)
    ex = convert(extractor, tmp_path, [page])
    assert [ln.new_block for ln in ex.lines][:2] == [True, False]


def test_a_line_the_next_word_would_have_fitted_on_was_not_wrapped(
    extractor: Reader, tmp_path: Path
) -> None:
    # A heading with its text right under it, no paragraph gap: the heading ends the
    # block; the wrapped lines of the text, whose next word would not have fitted, do not.
    wrapped = "The Senior Officials welcomed the progress report of the Task Team and"
    page = body_page(
        [
            "1. Sustainable procurement",
            wrapped,
            "requested the EMG Secretariat to circulate the guidelines to all members",
            "before the end of the year.",
        ]
    )
    ex = convert(extractor, tmp_path, [page])
    assert [ln.new_block for ln in ex.lines] == [True, True, False, False]


def test_a_narrow_column_has_its_own_right_edge(extractor: Reader, tmp_path: Path) -> None:
    # Short lines wrapped in a narrow column (a header cell) stay one block.
    page = body_page(["Technical", "Segment, 9-10", "September 2021"], x=300.0)
    for i, text in enumerate(["A body line long enough to set the right edge of the page text"]):
        page.text_top(72.0, 400.0 + i * 13.0, text)
    ex = convert(extractor, tmp_path, [page])
    assert [ln.new_block for ln in ex.lines][:3] == [True, False, False]


@pytest.mark.parametrize("label", ["a)", "(a)", "iv.", "IV.", "I.", "1.", "1.2.", "(ii)", "•", "-"])
def test_is_list_label(label: str) -> None:
    assert is_list_label(label)


@pytest.mark.parametrize("text", ["Online", "EMGSOM.26_3a", "Distribution:", "2020", "(14:00"])
def test_is_not_list_label(text: str) -> None:
    assert not is_list_label(text)


def _g(text: str, x0: float, top: float = 100.0, size: float = 10.0, font: str = "F") -> Glyph:
    width = 0.5 * size if text.strip() else 0.25 * size
    return Glyph(text, x0, x0 + width, top, top + size, size, font)


def _word_glyphs(words: list[tuple[str, float]], top: float = 100.0) -> list[Glyph]:
    out: list[Glyph] = []
    for text, x in words:
        for i, ch in enumerate(text):
            out.append(_g(ch, x + i * 5, top))
    return out


def test_justified_line_is_not_split() -> None:
    # every gap is wide (a justified line with few words): no column split
    glyphs = _word_glyphs([("one", 0), ("two", 40), ("three", 80), ("four", 130)])
    (line,) = lines_of(glyphs)
    assert [f.text for f in line.fragments] == ["one two three four"]


def test_outlier_gap_splits_line() -> None:
    glyphs = _word_glyphs([("Left", 0), ("cell", 23), ("text", 46), ("Right", 200)])
    (line,) = lines_of(glyphs)
    assert [f.text for f in line.fragments] == ["Left cell text", "Right"]


def test_group_rows_keeps_superscript_on_its_line() -> None:
    main = _word_glyphs([("26", 0)], top=100)
    # boxes as pdfminer makes them: a 58 % run raised by a third of the size
    sup = [Glyph("t", 10, 13, 99, 105, 6, "F"), Glyph("h", 13, 16, 99, 105, 6, "F")]
    rest = _word_glyphs([("next", 0)], top=112)
    lines = lines_of(main + sup + rest)
    assert [ln.text for ln in lines] == ["26th", "next"]


# --- fake-bold dedupe (pure) -----------------------------------------------------------


def test_dedupe_glyphs_keeps_real_doubles() -> None:
    word = [_g(ch, 10 + i * 2.5, size=5) for i, ch in enumerate("all")]
    assert "".join(g.text for g in dedupe_glyphs(word, DEFAULT_PARAMS)) == "all"


@given(
    st.lists(
        st.tuples(st.sampled_from("abcl"), st.integers(0, 400), st.integers(0, 60)),
        min_size=1,
        max_size=60,
        unique_by=lambda t: (t[1], t[2]),
    ),
    st.floats(0.05, 0.6),
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_dedupe_removes_exactly_the_shifted_copies(
    spec: list[tuple[str, int, int]], shift: float
) -> None:
    # glyphs on a 5 x 12 pt grid, each drawn again `shift` points to the right
    originals = [_g(ch, x * 5.0, y * 12.0, size=10) for ch, x, y in spec]
    copies = [
        Glyph(g.text, g.x0 + shift, g.x1 + shift, g.top, g.bottom, g.size, g.font)
        for g in originals
    ]
    kept = dedupe_glyphs(originals + copies, DEFAULT_PARAMS)
    assert kept == originals


# --- errors --------------------------------------------------------------------------


def simple_pages() -> list[Page]:
    return [body_page(["The Senior Officials:", "a) Decide to extend the process."])]


def test_encrypted_without_or_with_wrong_password(extractor: Reader, tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(build_pdf(simple_pages(), user_password="secret"))
    for password in (None, "", "wrong"):
        with pytest.raises(EncryptedError) as info:
            extractor.convert(path, password=password)
        assert info.value.message == ENCRYPTED_MESSAGE
        assert info.value.path == path
        assert info.value.exit_code == 5
    assert texts(extractor.convert(path, password="secret"))[0] == "The Senior Officials:"
    assert texts(extractor.convert(path, password="owner"))[0] == "The Senior Officials:"


def test_encrypted_with_empty_user_password_just_opens(extractor: Reader, tmp_path: Path) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(build_pdf(simple_pages(), user_password=""))
    assert texts(extractor.convert(path)) == [
        "The Senior Officials:",
        "a) Decide to extend the process.",
    ]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_pdf(extractor: Reader, tmp_path: Path, cut: float) -> None:
    data = build_pdf(simple_pages())
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(InputError) as info:
        extractor.convert(path)
    assert type(info.value) is InputError
    assert info.value.message == DAMAGED_MESSAGE


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a PDF\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF",
        b"%PDF-",
    ],
)
def test_not_really_a_pdf(extractor: Reader, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        extractor.convert(path)
    assert type(info.value) is InputError
    assert info.value.message == DAMAGED_MESSAGE


def test_broken_xref_and_objects(tmp_path: Path) -> None:
    data = build_pdf(simple_pages())
    damaged = data.replace(b"/Type /Catalog", b"/Type /Catalogue").replace(b"xref", b"xxxx")
    path = tmp_path / "broken.pdf"
    path.write_bytes(damaged)
    with pytest.raises(InputError) as info:
        PLUMBER.convert(path)
    assert info.value.message == DAMAGED_MESSAGE
    # pdfium rebuilds the cross-reference table and finds the pages: better than an error
    assert texts(EXTRACTOR.convert(path)) == texts(convert(PLUMBER, tmp_path, simple_pages()))


def test_no_text_layer(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.rect(50, 50, 400, 600)
    with pytest.raises(NoTextError) as info:
        convert(extractor, tmp_path, [page, Page()])
    assert info.value.message == NO_TEXT_MESSAGE
    assert info.value.exit_code == 6


def test_whitespace_only_counts_as_no_text(extractor: Reader, tmp_path: Path) -> None:
    page = Page()
    page.text(72, 700, "    ")
    with pytest.raises(NoTextError):
        convert(extractor, tmp_path, [page])


def test_missing_file(extractor: Reader, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        extractor.convert(tmp_path / "nope.pdf")


_VALID = build_pdf(
    [body_page(["The Senior Officials:", "a) Decide to extend.", "b) Request the EMG."])]
)


@pytest.mark.parametrize("engine", ENGINES)
@given(st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), max_size=12))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_engine_exception_escapes(
    engine: str, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int]]
) -> None:
    data = bytearray(_VALID)
    for pos, value in edits:
        data[pos] = value
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.pdf"
    path.write_bytes(bytes(data))
    with contextlib.suppress(EmgParseError):
        Reader(engine).convert(path)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    import pdfplumber

    real_open = pdfplumber.open
    seen: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        pdf = real_open(*args, **kwargs)
        seen.append(pdf)
        return pdf

    monkeypatch.setattr(pdfplumber, "open", spy)
    yield seen


def test_pdf_closed_after_success_and_failure(tmp_path: Path, opened: list[Any]) -> None:
    convert(PLUMBER, tmp_path, simple_pages(), "ok.pdf")
    empty = Page()
    empty.rect(10, 10, 10, 10)
    with pytest.raises(NoTextError):
        convert(PLUMBER, tmp_path, [empty], "empty.pdf")
    assert len(opened) == 2
    assert all(pdf.stream.closed for pdf in opened)


def test_pdf_closed_when_a_page_fails(
    tmp_path: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfplumber.page

    def boom(self: Any) -> Any:
        raise pdfplumber.utils.exceptions.PdfminerException("broken content stream")

    monkeypatch.setattr(pdfplumber.page.Page, "layout", property(boom))
    with pytest.raises(InputError) as info:
        convert(PLUMBER, tmp_path, simple_pages())
    assert info.value.message == DAMAGED_MESSAGE
    assert opened and opened[0].stream.closed


# --- glyph coordinates: pdfplumber's, with the normalised box ---------------------------


def test_pdfplumber_glyphs_match_its_chars(tmp_path: Path) -> None:
    import pdfplumber

    path = write_pdf(tmp_path / "t.pdf", [header_table_page()])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        glyphs, _boxes = page_objects(page)
    assert [(g.text, g.x0, g.x1, g.size, g.font) for g in glyphs] == [
        (c["text"], c["x0"], c["x1"], c["size"], c["fontname"]) for c in chars
    ]
    for g, c in zip(glyphs, chars, strict=True):
        # the box hangs from the baseline (Helvetica's descent is 0.207 em in pdfminer)
        baseline = c["bottom"] - 0.207 * c["size"]
        assert (g.top, g.bottom) == pytest.approx(objects.box_of(baseline, c["size"]), abs=1e-6)


# --- the LibreOffice samples ---------------------------------------------------------

SAMPLE_PDFS = sorted(SAMPLES.glob("EMGSOM.26_3a_*.pdf"))
needs_samples = pytest.mark.skipif(not SAMPLE_PDFS, reason="sample PDFs not built")

LEFT_CELL = (
    "26th Senior Officials Meeting of the United Nations Environment Management Group "
    "Senior Segment, 28th October 2020 (14:00 -15:30 GVA time) Online"
)
RIGHT_CELL = "EMGSOM.26_3a Distribution: EMG Members"


@pytest.fixture(
    scope="module",
    params=[(p.name, e) for p in SAMPLE_PDFS for e in ENGINES] or [("none", "pdfium")],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def sample(request: pytest.FixtureRequest) -> tuple[str, Extraction]:
    if not SAMPLE_PDFS:
        pytest.skip("sample PDFs not built")
    name, engine = request.param
    return name, Reader(engine).convert(SAMPLES / name)


@needs_samples
def test_sample_has_no_running_header_footer_or_page_number(
    sample: tuple[str, Extraction],
) -> None:
    _name, ex = sample
    assert ex.pages == 3
    for line in ex.lines:
        assert not is_page_number(line.text), line
        assert not re.search(r"\bPage \d+ of \d+\b", line.text), line
        if line.text == "EMGSOM.26_3a":
            assert line.cell == (1, 0) and line.source.page == 1


@needs_samples
def test_sample_header_cells_whole_and_ordinals_joined(sample: tuple[str, Extraction]) -> None:
    _name, ex = sample
    cells: dict[tuple[int, int], list[str]] = {}
    for line in ex.lines:
        if line.cell is not None:
            cells.setdefault(line.cell, []).append(line.text)
    assert {k: " ".join(v) for k, v in cells.items()} == {(0, 0): LEFT_CELL, (1, 0): RIGHT_CELL}
    # the left cell comes first and stays together
    cell_lines = [ln.cell for ln in ex.lines if ln.cell is not None]
    assert cell_lines == sorted(cell_lines)
    assert "As approved by the Technical Segment of the 26th EMG Senior Officials Meeting" in texts(
        ex
    )


@needs_samples
def test_sample_labels_start_their_lines(sample: tuple[str, Extraction]) -> None:
    name, ex = sample
    all_text = texts(ex)
    paren = "variant" in name
    a, i = ("(a)", "(i)") if paren else ("a)", "i.")
    expected = [
        "I. Consultative Process on Biodiversity",
        f"{a} Consider and endorse the EMG report",
        f"{i} Finalise Phase II of development",
        "XII. Consultative Process on COVID-19 and the Environment",
        "IV. Task Team on Marine Litter and Microplastics",
    ]
    for prefix in expected:
        assert any(t.startswith(prefix) for t in all_text), prefix
    for line in ex.lines:
        assert not is_list_label(line.text), f"label alone on a line: {line}"
        if is_list_label(line.text.split(" ", 1)[0]):
            assert line.cell is None, line
    labelled = [t for t in all_text if re.match(r"^\(?[a-e]\) ", t)]
    assert len(labelled) == 22
    romans = [t for t in all_text if re.match(r"^\(?(?:i|ii|iii|iv)[.)] ", t)]
    assert len(romans) == 8


def test_timeout_inside_pdfminer_is_passed_on(
    tmp_path: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfplumber.page

    from emg_parse.errors import ParseTimeoutError

    def slow(self: Any) -> Any:
        # pdfplumber wraps whatever pdfminer raises, the alarm's error included
        raise pdfplumber.utils.exceptions.PdfminerException(ParseTimeoutError(None, "stopped"))

    monkeypatch.setattr(pdfplumber.page.Page, "layout", property(slow))
    with pytest.raises(ParseTimeoutError):
        convert(PLUMBER, tmp_path, simple_pages())
    assert opened and opened[0].stream.closed


def test_layout_bug_is_not_reported_as_damaged_file(
    extractor: Reader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emg_parse.extractors.pdf.assembly as pdf_module

    def broken(*args: Any) -> Any:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pdf_module, "page_lines", broken)
    with pytest.raises(ZeroDivisionError):
        convert(extractor, tmp_path, simple_pages())


# --- long documents, odd file names ------------------------------------------------


def test_many_pages_laid_out_again_take_linear_time(tmp_path: Path) -> None:
    # "Annex" is in the top margin of every page, where the page before suggests a
    # running header, but as often in the body, so it is kept: every page is laid out
    # again at the end, and one document is read again for all of them
    pages = []
    for _ in range(3000):
        page = Page()
        page.text_top(72, 50, "Annex")
        page.text_top(72, 400, "Annex")
        pages.append(page)
    path = write_pdf(tmp_path / "annexes.pdf", pages)
    with finishes_within(20, "reading 3,000 pages"):
        extraction = extract(path)
    assert texts(extraction) == ["Annex"] * 6000
    assert extraction.lines[-1].source == Provenance(3000, 2)


def test_a_file_name_that_is_not_utf8_is_read(extractor: Reader, tmp_path: Path) -> None:
    # six pages: with pdfium, worker processes open the file too
    pages = [body_page(["I. Task Team", f"Text of page {n}"]) for n in range(1, 7)]
    plain = write_pdf(tmp_path / "doc.pdf", pages)
    odd = tmp_path / os.fsdecode(b"doc\xff.pdf")
    odd.write_bytes(plain.read_bytes())
    assert texts(extractor.convert(odd)) == texts(extractor.convert(plain))
    result = CliRunner().invoke(main, [str(odd), "--dump", "lines"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line["text"] for line in json.loads(result.stdout)] == texts(extract(plain))


def test_too_many_lines_is_a_one_line_error(
    extractor: Reader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "MAX_LINES", 15)
    # eight pages of two lines: with pdfium, counted as worker processes send them
    pages = [body_page([f"Line one of page {n}", "line two"]) for n in range(8)]
    with pytest.raises(TooLargeError) as caught:
        convert(extractor, tmp_path, pages)
    assert caught.value.one_line().endswith(
        "doc.pdf: more than 15 lines or 10,000,000 characters of text, far more than an "
        "outcome document holds; split it into smaller documents"
    )
    assert len(convert(extractor, tmp_path, pages[:7]).lines) == 14
