from __future__ import annotations

from pathlib import Path

import pytest

from emg_parse.errors import NoTextError
from emg_parse.extractors.text import (
    TextExtractor,
    decode,
    layout_cells,
    lines_from_text,
    looks_like_text,
)
from emg_parse.lines import Style


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
        ("I. Title", 2), ("The Senior Officials:", 3), ("a) Welcome x;", 4),
        ("The Senior Officials:", 7), ("b) Welcome y.", 8),
    ]  # fmt: skip


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
        "IV. Task Team", "a) Complete the tasks and;"
    ]


def test_justified_text_is_not_split_into_columns() -> None:
    assert layout_cells(["Consider  and  endorse     the report", "of the group"]) == [
        [(0, "Consider  and  endorse the report")], [(0, "of the group")]
    ]
