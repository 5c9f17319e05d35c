"""Unit tests for the Word automatic-numbering resolver (pure functions + counters)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from emg_parse.extractors.docx_numbering import (
    MAX_LABEL,
    MAX_START,
    ListLabel,
    NumberingResolver,
    expand_lvl_text,
    format_number,
)

from .docx_builders import abstract_num, lvl, num, numbering


def resolver(
    *elements: str, styles: dict[str, tuple[int | None, int | None]] | None = None
) -> NumberingResolver:
    return NumberingResolver(etree.fromstring(numbering(*elements).encode()), styles)


Item = tuple[int | None, int | None]


def labels(r: NumberingResolver, items: Sequence[Item]) -> list[str | None]:
    return [r.label(n, i) for n, i in items]


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (12, "XII"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
        (4000, "MMMM"),
        (0, "0"),
    ],
)
def test_to_roman(n: int, expected: str) -> None:
    assert format_number(n, "upperRoman") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "bb"), (52, "zz"), (53, "aaa"), (0, "0")],
)
def test_to_letters_word_style(n: int, expected: str) -> None:
    assert format_number(n, "lowerLetter") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_to_ordinal(n: int, expected: str) -> None:
    assert format_number(n, "ordinal") == expected


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [
        ("decimal", 7, "7"),
        ("upperRoman", 12, "XII"),
        ("lowerRoman", 4, "iv"),
        ("upperLetter", 3, "C"),
        ("lowerLetter", 27, "aa"),
        ("decimalZero", 5, "05"),
        ("decimalZero", 12, "12"),
        ("ordinal", 2, "2nd"),
        ("bullet", 1, ""),
        ("none", 1, ""),
        ("cardinalText", 3, "3"),  # not implemented -> decimal
        ("someFutureFormat", 3, "3"),
        ("decimalEnclosedParen", 3, "(3)"),
    ],
)
def test_format_number(fmt: str, n: int, expected: str) -> None:
    assert format_number(n, fmt) == expected


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _from_roman(text: str) -> int:
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert _from_roman(format_number(n, "upperRoman")) == n


@given(st.integers(min_value=1, max_value=MAX_LABEL * 26))
def test_letters_are_one_repeated_letter(n: int) -> None:
    text = format_number(n, "lowerLetter")
    assert len(set(text)) == 1
    assert len(text) == (n - 1) // 26 + 1
    assert ord(text[0]) - ord("a") == (n - 1) % 26


def test_expand_lvl_text() -> None:
    values = {0: 3, 1: 2}
    formats = {0: "upperRoman", 1: "lowerLetter"}
    assert expand_lvl_text("%1.%2.", values, formats, current_level=1) == "III.b."
    assert expand_lvl_text("(%2)", values, formats, current_level=1) == "(b)"
    assert expand_lvl_text("%1.%2", values, formats, current_level=1, legal=True) == "3.2"
    assert expand_lvl_text("100%", values, formats, current_level=1) == "100%"
    # A placeholder deeper than the paragraph's own level: Word ignores the lvlText.
    assert expand_lvl_text("%1.%2", values, formats, current_level=0) is None


# --------------------------------------------------------------------------- resolver


def test_simple_list_and_suffix() -> None:
    r = resolver(abstract_num(1, lvl(0, "lowerLetter", "%1)")), num(1, 1))
    first = r.next_label(1, 0)
    assert first == ListLabel("a)", "\t")
    assert labels(r, [(1, 0), (1, 0)]) == ["b)", "c)"]


def test_start_value_and_default_zero() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "decimal", "%1.", start=3)),
        abstract_num(2, lvl(0, "decimal", "%1.", start=None)),
        num(1, 1),
        num(2, 2),
    )
    assert labels(r, [(1, 0), (1, 0)]) == ["3.", "4."]
    # ECMA-376 17.9.25: an omitted w:start means 0.
    assert labels(r, [(2, 0), (2, 0)]) == ["0.", "1."]


def test_nums_sharing_an_abstract_continue() -> None:
    r = resolver(abstract_num(1, lvl(0, "lowerLetter", "%1)")), num(1, 1), num(2, 1))
    assert labels(r, [(1, 0), (1, 0), (2, 0), (2, 0), (1, 0)]) == ["a)", "b)", "c)", "d)", "e)"]


def test_start_override_restarts_shared_counter_once() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "lowerLetter", "%1)")),
        num(1, 1),
        num(2, 1, starts={0: 1}),
        num(3, 1, starts={0: 1}),
    )
    sequence = [(1, 0), (1, 0), (2, 0), (2, 0), (1, 0), (3, 0), (3, 0)]
    # num 2 restarts on first use, then numId 1 continues the *shared* counter;
    # num 3 restarts again.
    assert labels(r, sequence) == ["a)", "b)", "a)", "b)", "c)", "a)", "b)"]


def test_start_override_value_other_than_one() -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.")), num(1, 1), num(2, 1, starts={0: 5}))
    assert labels(r, [(1, 0), (2, 0), (2, 0)]) == ["1.", "5.", "6."]


def test_full_level_override_changes_format() -> None:
    override = '<w:lvlOverride w:ilvl="0">' + lvl(0, "upperLetter", "(%1)") + "</w:lvlOverride>"
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.")), num(1, 1), num(2, 1, extra=override))
    assert labels(r, [(1, 0), (2, 0), (1, 0)]) == ["1.", "(B)", "3."]


def test_multilevel_text_and_nested_reset() -> None:
    r = resolver(
        abstract_num(
            1,
            lvl(0, "decimal", "%1."),
            lvl(1, "decimal", "%1.%2."),
            lvl(2, "lowerRoman", "(%3)"),
        ),
        num(1, 1),
    )
    sequence = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1)]
    assert labels(r, sequence) == [
        "1.",
        "1.1.",
        "1.2.",
        "(i)",
        "(ii)",
        "1.3.",
        "(i)",
        "2.",
        "2.1.",
    ]


def test_lvl_restart_zero_never_restarts() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2.", restart=0)),
        num(1, 1),
    )
    assert labels(r, [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == ["I.", "1.", "2.", "II.", "3."]


def test_lvl_restart_only_after_named_level() -> None:
    # Level 2 (0-based) restarts only when level 1 (1-based: 1 -> index 0) is used.
    r = resolver(
        abstract_num(
            1,
            lvl(0, "decimal", "%1."),
            lvl(1, "lowerLetter", "%2)"),
            lvl(2, "lowerRoman", "%3.", restart=1),
        ),
        num(1, 1),
    )
    sequence = [(1, 0), (1, 2), (1, 1), (1, 2), (1, 0), (1, 2)]
    assert labels(r, sequence) == ["1.", "i.", "a)", "ii.", "2.", "i."]


def test_unused_parent_level_shows_its_start() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "decimal", "%1.", start=1), lvl(1, "decimal", "%1.%2")), num(1, 1)
    )
    assert r.label(1, 1) == "1.1"


def test_is_lgl_forces_decimal() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2", is_lgl=True)),
        num(1, 1),
    )
    assert labels(r, [(1, 0), (1, 0), (1, 1)]) == ["I.", "II.", "2.1"]


def test_bullets_give_no_label_but_count() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "decimal", "%1."), lvl(1, "bullet", "\uf0b7")),
        num(1, 1),
    )
    assert labels(r, [(1, 0), (1, 1), (1, 1), (1, 0)]) == ["1.", None, None, "2."]


def test_picture_bullet_gives_no_label() -> None:
    level = lvl(0, "decimal", "%1.").replace("</w:lvl>", '<w:lvlPicBulletId w:val="0"/></w:lvl>')
    r = resolver(abstract_num(1, level), num(1, 1))
    assert r.label(1, 0) is None


@pytest.mark.parametrize(("suff", "expected"), [("tab", "\t"), ("space", " "), ("nothing", "")])
def test_suffix(suff: str, expected: str) -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.", suff=suff)), num(1, 1))
    assert r.next_label(1, 0) == ListLabel("1.", expected)


def test_num_id_zero_and_none_switch_numbering_off() -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.")), num(1, 1), styles={"S": (1, 0)})
    assert r.label(0, 0) is None
    assert r.label(0, None, "S") is None  # direct numId 0 beats the style
    assert r.label(None, None) is None
    assert r.label(None, None, "S") == "1."


def test_style_numbering_and_pstyle_level() -> None:
    r = resolver(
        abstract_num(
            1, lvl(0, "upperRoman", "%1.", pstyle="Sec"), lvl(1, "upperLetter", "%2.", pstyle="Sub")
        ),
        num(7, 1),
        # A style's numPr may omit ilvl; the level is then the one naming the style.
        styles={"Sec": (7, None), "Sub": (7, None)},
    )
    seq = [r.label(None, None, s) for s in ("Sec", "Sub", "Sub", "Sec", "Sub")]
    assert seq == ["I.", "A.", "B.", "II.", "A."]


def test_num_style_link_indirection() -> None:
    r = resolver(
        abstract_num(1, extra='<w:numStyleLink w:val="MyList"/>'),
        abstract_num(2, lvl(0, "lowerLetter", "%1)"), extra='<w:styleLink w:val="MyList"/>'),
        num(1, 2),  # numbering style MyList -> numId 1 -> abstract 2
        num(5, 1),  # paragraphs use numId 5 -> abstract 1 -> (link) abstract 2
        styles={"MyList": (1, None)},
    )
    assert labels(r, [(5, 0), (5, 0), (1, 0)]) == ["a)", "b)", "c)"]


def test_num_style_link_loop_is_harmless() -> None:
    r = resolver(
        abstract_num(1, extra='<w:numStyleLink w:val="A"/>'),
        abstract_num(2, extra='<w:numStyleLink w:val="B"/>'),
        num(1, 1),
        num(2, 2),
        styles={"A": (2, None), "B": (1, None)},
    )
    assert r.label(1, 0) is None


def test_custom_format_fallback_in_alternate_content() -> None:
    level = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    r = resolver(abstract_num(1, level), num(1, 1))
    assert r.label(1, 0) == "01."


def test_placeholder_deeper_than_level_gives_no_label() -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.%2")), num(1, 1))
    assert r.label(1, 0) is None


@pytest.mark.parametrize(
    "xml",
    [
        numbering(num(1, 99)),  # num -> missing abstractNum
        numbering(abstract_num(1, lvl(3, "decimal", "%4.")), num(1, 1)),  # level 0 missing
        numbering('<w:abstractNum w:abstractNumId="x"/>', '<w:num w:numId="y"/>', num(1, 1)),
        numbering(
            '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="zero"><w:start w:val="one"/>'
            '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>',
            num(1, 1),
        ),
        numbering('<w:num w:numId="1"><w:abstractNumId w:val="bad"/></w:num>'),
        numbering(abstract_num(1, lvl(0, "decimal", None)), num(1, 1)),  # no lvlText
    ],
)
def test_malformed_numbering_gives_no_label(xml: str) -> None:
    r = NumberingResolver(etree.fromstring(xml.encode()))
    assert r.label(1, 0) is None
    assert r.label(1, None) is None
    assert r.label(2, 0) is None


def test_bad_values_fall_back_to_defaults() -> None:
    xml = numbering(
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="x"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlRestart w:val="?"/><w:suff w:val="weird"/>'
        '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>',
        num(1, 1),
    )
    r = NumberingResolver(etree.fromstring(xml.encode()))
    # Bad w:start -> default 0, which lowerLetter shows as "0" (Word shows nothing useful).
    assert r.next_label(1, 0) == ListLabel("0)", "\t")
    assert r.label(1, 0) == "a)"


def test_no_numbering_part() -> None:
    r = NumberingResolver(None)
    assert r.label(1, 0) is None
    assert r.unknown_num_ids == {1}


def test_out_of_range_level() -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.")), num(1, 1))
    assert r.label(1, 9) is None
    assert r.label(1, -1) is None
    assert r.label(1, 0) == "1."


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(-2, 4)), st.one_of(st.none(), st.integers(-2, 10))
        ),
        max_size=40,
    )
)
def test_resolver_never_raises(items: list[tuple[int | None, int | None]]) -> None:
    r = resolver(
        abstract_num(1, lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%1.%2%3")),
        abstract_num(2, extra='<w:numStyleLink w:val="Nope"/>'),
        num(1, 1),
        num(2, 1, starts={0: 1, 1: 4}),
        num(3, 2),
        styles={"S": (2, 1)},
    )
    for num_id, ilvl in items:
        result = r.next_label(num_id, ilvl, "S")
        assert result is None or result.text


# --------------------------------------------------------------------------- Word's limits


def test_long_roman_numerals_and_letter_runs_are_built_only_as_far_as_a_label_shows() -> None:
    assert format_number(10**12, "upperRoman") == "M" * (MAX_LABEL + 1)
    assert format_number(10**12, "lowerRoman") == "m" * (MAX_LABEL + 1)
    # the letter of 10**11 (a..z repeating), once more than a label holds
    letter = chr(ord("a") + (10**11 - 1) % 26)
    assert format_number(10**11, "lowerLetter") == letter * (MAX_LABEL + 1)
    assert format_number(10**11, "upperLetter") == letter.upper() * (MAX_LABEL + 1)
    # below the limit, nothing changes
    assert format_number(31_999, "upperRoman") == format_number(31_999, "upperRoman")
    assert format_number(806, "lowerLetter") == format_number(806, "lowerLetter")


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (lvl(0, "upperRoman", "%1.", start=10**12), "M" * MAX_LABEL),  # start read as 32767
        (lvl(0, "upperRoman", "%1.", start=10**13), "M" * MAX_LABEL),
        (lvl(0, "lowerLetter", "%1)", start=10**11), "g" * MAX_LABEL),  # 32767: the 7th letter
        (lvl(0, "decimal", "%1.", start=10**30), f"{MAX_START}."),
        (lvl(0, "decimal", "%1.", start=-5), "0."),
        (lvl(0, "decimal", "%1" * 20_000), "1" * MAX_LABEL),  # a 40 KB lvlText
        (lvl(0, "decimal", "Article %1 " + "x" * 40), "Article 1 " + "x" * 21),
    ],
)
def test_labels_are_held_to_words_limits(level: str, expected: str) -> None:
    r = resolver(abstract_num(1, level), num(1, 1))
    assert r.label(1, 0) == expected
    r.label(1, 0)
    r.label(1, 0)
    assert r.capped == 3


def test_start_override_is_held_to_words_limits() -> None:
    r = resolver(abstract_num(1, lvl(0, "decimal", "%1.")), num(1, 1, starts={0: 10**15}))
    assert labels(r, [(1, 0), (1, 0)]) == [f"{MAX_START}.", f"{MAX_START + 1}."]
    assert r.capped == 2


def test_only_labels_showing_a_capped_level_are_counted() -> None:
    r = resolver(
        abstract_num(
            1,
            lvl(0, "decimal", "%1.", start=10**9),
            lvl(1, "lowerLetter", "%2)"),
            lvl(2, "lowerRoman", "%1.%3"),
        ),
        num(1, 1),
    )
    assert labels(r, [(1, 0), (1, 1), (1, 2)]) == [f"{MAX_START}.", "a)", f"{MAX_START}.i"]
    assert r.capped == 2


def test_ordinary_numbering_is_not_capped() -> None:
    r = resolver(
        abstract_num(1, lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%2)")), num(1, 1)
    )
    assert labels(r, [(1, 0), (1, 1), (1, 1), (1, 0)]) == ["I.", "a)", "b)", "II."]
    assert r.capped == 0
