from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse import lines as lines_module
from emg_parse.cli import main
from emg_parse.errors import NoTextError, TooLargeError
from emg_parse.extractors.text import (
    _BOLD_ALL,
    _ITALIC_ALL,
    _RULE,
    TextExtractor,
    _line_style,
    _split_cells,
    _strip_inline,
    decode,
    layout_cells,
    lines_from_text,
    looks_like_text,
)
from emg_parse.lines import MAX_LINES, Style

from .bounds import finishes_within


def test_markdown_heading_emphasis_and_rules() -> None:
    lines = lines_from_text("### *I. Consultative Process*\n\n---\n\n**EMG**\n")
    assert [(line.text, line.style) for line in lines] == [
        ("I. Consultative Process", Style(italic=True, heading_level=3)),
        ("EMG", Style(bold=True)),
    ]


def test_bullets_and_inline_html_are_removed() -> None:
    lines = lines_from_text("- a) Consider the <b>26<sup>th</sup></b> report;\n")
    assert lines[0].text == "a) Consider the 26th report;"


def test_table_row_cells_split_on_tabs_and_double_spaces() -> None:
    row = "<b>26<sup>th</sup> Meeting</b>  Senior Segment\t<b>EMGSOM.26_3a</b>  Distribution: EMG"
    lines = lines_from_text(row + "\n---\t---\n")
    assert [(line.text, line.cell) for line in lines] == [
        ("26th Meeting", (0, 0)),
        ("Senior Segment", (0, 0)),
        ("EMGSOM.26_3a", (1, 0)),
        ("Distribution: EMG", (1, 0)),
    ]


def test_label_followed_by_tab_is_not_a_table_row() -> None:
    lines = lines_from_text("a)\tConsider and endorse\n")
    assert lines[0].text == "a) Consider and endorse" and lines[0].cell is None


def test_wrapped_plain_text_lines_are_marked_as_possible_continuations() -> None:
    lines = lines_from_text("a) Consider the\nreport;\n\nb) Decide\n")
    assert [line.new_block for line in lines] == [True, False, True]
    assert [line.source.line for line in lines] == [1, 2, 4]


def test_a_line_break_tag_separates_the_lines_of_a_markdown_table_cell() -> None:
    row = (
        "| **31<sup>st</sup> Meeting of the Senior Officials**<br>Bonn, 2 May 2025<br/>10:00 | X |"
    )
    lines = lines_from_text(row + "\n|---|---|\n")
    assert [(line.text, line.cell) for line in lines] == [
        ("31st Meeting of the Senior Officials", (0, 0)),
        ("Bonn, 2 May 2025", (0, 0)),
        ("10:00", (0, 0)),
        ("X", (1, 0)),
    ]


def test_text_saved_one_paragraph_a_line_has_a_block_per_line() -> None:
    # No blank lines between paragraphs: a heading line, after which the first word of
    # the next line would have fitted, does not take that line as its continuation; a
    # long line followed by a short word may be wrapped (clean-up decides).
    long = "The Senior Officials took note of the report " + "and its annexes " * 8 + "."
    lines = lines_from_text(f"1. Sustainable procurement\n{long}\nThe Senior Officials:\n")
    assert [line.new_block for line in lines] == [True, True, False]
    wrapped = lines_from_text("a) Consider the\nreport;\nb) Decide\n")
    assert [line.new_block for line in wrapped] == [True, False, True]


def test_markdown_escapes_and_entities() -> None:
    assert lines_from_text(r"UNEP\-WCMC &amp; CBD \*note\*")[0].text == "UNEP-WCMC & CBD *note*"


def test_decode_falls_back_to_cp1252_then_latin1(tmp_path: Path) -> None:
    assert decode("Coalition’s".encode("cp1252"), tmp_path) == ("Coalition’s", "cp1252")
    assert decode(b"caf\xe9 \x81", tmp_path) == ("café \x81", "latin-1")
    assert decode("a) x".encode("utf-8-sig"), tmp_path) == ("a) x", "utf-8")


def test_utf16_with_bom() -> None:
    data = "a) Décider".encode("utf-16")
    assert looks_like_text(data)
    assert decode(data, Path("x"))[0] == "a) Décider"


def test_binary_is_not_text() -> None:
    assert not looks_like_text(b"\x00\x01\x02binary")
    assert not looks_like_text(bytes(range(1, 32)) * 4)


def test_cp1252_file_is_parsed_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(
        "I. Title\nThe Senior Officials:\na) Welcome the EMG’s work.\n".encode("cp1252")
    )
    extraction = TextExtractor().convert(path)
    assert extraction.notes == [("decoded_fallback", "not valid UTF-8; decoded as cp1252")]
    assert extraction.lines[-1].text == "a) Welcome the EMG’s work."


def test_whitespace_only_file_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \n---\n")
    with pytest.raises(NoTextError):
        TextExtractor().convert(path)


def test_running_lines_of_text_saved_from_a_pdf_are_dropped() -> None:
    pages = [
        "EMGSOM.26_3a\nI. Title\nThe Senior Officials:\na) Welcome x;\nPage 1 of 2\n",
        "EMGSOM.26_3a\nThe Senior Officials:\nb) Welcome y.\nPage 2 of 2\n",
    ]
    lines = lines_from_text("\f".join(pages))
    assert [(line.text, line.source.line) for line in lines] == [
        ("I. Title", 2),
        ("The Senior Officials:", 3),
        ("a) Welcome x;", 4),
        ("The Senior Officials:", 7),
        ("b) Welcome y.", 8),
    ]


def running_lines_kept(pages: list[str]) -> list[str]:
    """The lines ``lines_from_text`` keeps of pages separated by form feeds."""
    return [line.text for line in lines_from_text("\f".join(pages))]


def test_a_running_line_recurs_at_the_same_place_on_half_the_pages() -> None:
    body = "The Senior Officials:\na) Welcome x;\nb) Welcome y;\nc) Welcome z.\n"
    # at the top of two pages of four: half of them, running
    pages = ["Draft 3\n" + body, body, "Draft 4\n" + body, body]
    assert "Draft 3" not in running_lines_kept(pages)
    # two pages of five: fewer than half
    assert running_lines_kept([*pages, body]).count("Draft 3") == 1
    # the first line of one page, the second of the other: not the same place
    pages = ["Draft 3\n" + body, "x\nDraft 4\n" + body]
    assert running_lines_kept(pages).count("Draft 3") == 1
    # as often in the page bodies as at the top: body text
    pages = ["Draft 3\n" + body + "Draft 5\n" + body] * 2
    assert running_lines_kept(pages).count("Draft 3") == 2


def test_a_running_line_with_a_page_number_of_one_or_two_digits_is_one_line() -> None:
    body = "The Senior Officials:\na) Welcome x;\nb) Welcome y.\n"
    pages = [f"EMG/SOM.19/04 - {n}\n" + body for n in range(1, 13)]
    assert not [line for line in running_lines_kept(pages) if line.startswith("EMG/SOM")]


def test_a_page_number_goes_only_from_a_margin() -> None:
    body = "The Senior Officials:\na) Welcome x;\nb) Welcome y;\nc) Welcome z;\n"
    assert running_lines_kept(["- 1 -\n" + body + "12\n" + body + "2 / 4"]) == [
        *body.split("\n")[:-1],
        "12",
        *body.split("\n")[:-1],
    ]


def test_layout_columns_are_read_one_after_the_other() -> None:
    text = (
        " 26th Senior Officials Meeting of the United            EMGSOM.26_3a\n"
        " Nations Environment Management Group                   Distribution: EMG Members\n"
        " Senior Segment, 28th October 2020\n"
    )
    assert [(line.text, line.cell) for line in lines_from_text(text)] == [
        ("26th Senior Officials Meeting of the United", (0, 0)),
        ("Nations Environment Management Group", (0, 0)),
        ("Senior Segment, 28th October 2020", (0, 0)),
        ("EMGSOM.26_3a", (1, 0)),
        ("Distribution: EMG Members", (1, 0)),
    ]


def test_label_and_section_number_stay_with_their_text_across_wide_gaps() -> None:
    text = "IV.            Task Team\n        a)       Complete the tasks and;\n"
    assert [line.text for line in lines_from_text(text)] == [
        "IV. Task Team",
        "a) Complete the tasks and;",
    ]


def test_justified_text_is_not_split_into_columns() -> None:
    assert layout_cells(["Consider  and  endorse     the report", "of the group"]) == [
        [(0, "Consider  and  endorse the report")],
        [(0, "of the group")],
    ]


# --------------------------------------------------------------------------- hostile lines

#: The patterns the text reader used before it was made linear: what they matched is
#: what the linear code must match, on every line short enough for them.
FORMER_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*\|?(?:\s*:?-{3,}:?\s*(?:\||\t|$))+\s*$")
FORMER_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
FORMER_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
FORMER_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
FORMER_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|br|p)\b[^>]*>", re.I)


def former_strip_inline(text: str) -> str:
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = FORMER_STRONG.sub(r"\2", text)
    text = FORMER_EMPHASIS.sub(r"\1", text)
    text = FORMER_TAG.sub("", text)
    text = re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group(0)) - 0xF0000), text)
    return html.unescape(text)


def former_line_style(text: str) -> tuple[str, Style]:
    level = None
    if m := FORMER_HEADING.match(text):
        level, text = len(m["hashes"]), m["text"]
    bold = italic = False
    for _ in range(3):
        text = text.strip()
        if m := _BOLD_ALL.match(text):
            bold, text = True, m["text"]
        elif (m := _ITALIC_ALL.match(text)) and m["text"].strip():
            italic, text = True, m["text"]
        else:
            break
    return text, Style(bold=bold, italic=italic, heading_level=level)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="-*_|: \t\xa0x", max_size=16))
def test_rules_are_what_they_were(line: str) -> None:
    assert bool(_RULE.match(line)) == bool(FORMER_RULE.match(line))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="# \t\xa0ax*\r", max_size=14))
def test_headings_are_what_they_were(line: str) -> None:
    assert _line_style(line) == former_line_style(line)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="*_ a\t\\b<>/i&;", max_size=18))
def test_emphasis_and_tags_are_removed_as_they_were(text: str) -> None:
    assert _strip_inline(text) == former_strip_inline(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="| \t\xa0ab", max_size=16))
def test_table_cells_are_split_as_they_were(row: str) -> None:
    assert _split_cells(row) == re.split(r"\t+|\s*\|\s*", row)


def test_the_line_that_made_the_rule_pattern_backtrack(tmp_path: Path) -> None:
    path = tmp_path / "rule.txt"
    path.write_text("---\t\t" * 30 + "x\n")
    with finishes_within(20, "a nearly-rule line"):
        lines = TextExtractor().convert(path).lines
    assert [line.text for line in lines] == ["---"] * 30 + ["x"]


#: Pieces of the syntax the text reader looks for, to repeat into hostile lines.
FRAGMENTS = [
    "---",
    "-",
    "\t",
    "\t\t",
    "|",
    " | ",
    ":",
    "*",
    "**",
    "***",
    "_",
    "__",
    "<b",
    "<b ",
    ">",
    "</i>",
    "#",
    "# ",
    " ",
    "  ",
    "     ",
    "a",
    "a ",
    "1.",
    "\\",
    "\\*",
    "&amp;",
    "&",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4), st.sampled_from(FRAGMENTS))
def test_hostile_lines_take_linear_time(pattern: list[str], end: str) -> None:
    unit = "".join(pattern)
    line = unit * (200_000 // len(unit)) + end
    with finishes_within(20, f"a line of {len(line)} characters repeating {unit!r}"):
        lines_from_text(line)
        lines_from_text(f"# {line}\n{line}\n| a | {line} |\n")
        _strip_inline(line)
        layout_cells([line] * 3)


def test_too_many_lines_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n" * MAX_LINES)
    with pytest.raises(TooLargeError) as caught:
        TextExtractor().convert(path)
    assert caught.value.one_line() == (
        f"{path}: more than 1,000,000 lines or 10,000,000 characters of text, far more than "
        "an outcome document holds; split it into smaller documents"
    )
    result = CliRunner().invoke(main, [str(path)])
    assert (result.exit_code, result.stdout) == (7, "")
    assert result.stderr == f"Error: {caught.value.one_line()}\n"


def test_a_table_row_of_too_many_cells_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "MAX_LINES", 100)
    path = tmp_path / "cells.txt"
    path.write_text("a | " * 101 + "\n")
    with pytest.raises(TooLargeError):
        TextExtractor().convert(path)
    path.write_text("a | " * 99 + "\n")
    assert len(TextExtractor().convert(path).lines) == 99


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"doc\xff.txt")
    odd.write_text("I. Task Team\n\na) Agree.\n")
    assert [line.text for line in TextExtractor().convert(odd).lines] == [
        "I. Task Team",
        "a) Agree.",
    ]


def test_headings_and_labels_that_a_tab_follows_are_paragraphs_not_a_table() -> None:
    # As Word saves numbered headings and list paragraphs to text: no blank lines.
    text = (
        "I.\tIssue management\nA.\tSand and dust storms\nThe Senior Officials:\n(a)\tWelcome it;\n"
    )
    lines = lines_from_text(text)
    assert [(line.text, line.cell, line.table, line.new_block) for line in lines] == [
        ("I. Issue management", None, None, True),
        ("A. Sand and dust storms", None, None, True),
        ("The Senior Officials:", None, None, True),
        ("(a) Welcome it;", None, None, True),
    ]
