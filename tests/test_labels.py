from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emg_parse.extractors.docx_numbering import MAX_LABEL, format_number
from emg_parse.labels import (
    Label,
    format_ordinal,
    int_to_letter,
    int_to_roman,
    label_kind,
    label_of_value,
    letter_to_int,
    roman_to_int,
    split_label,
)


@pytest.mark.parametrize(
    ("text", "value", "shape", "rest"),
    [
        ("a) Consider and endorse", "a", "a)", "Consider and endorse"),
        ("(a) Consider", "a", "(a)", "Consider"),
        ("a. Consider", "a", "a.", "Consider"),
        ("(iv)\tRaise awareness", "iv", "(a)", "Raise awareness"),
        ("iv. Raise", "iv", "a.", "Raise"),
        ("3. Third", "3", "a.", "Third"),
        ("1.2 Agree to extend", "1.2", "1.1", "Agree to extend"),
        ("1.2. Agree", "1.2", "1.1", "Agree"),
    ],
)
def test_split_label(text: str, value: str, shape: str, rest: str) -> None:
    result = split_label(text)
    assert result is not None
    label, remainder = result
    assert (label.value, label.shape, remainder) == (value, shape, rest)


@pytest.mark.parametrize("text", ["to. be", "ab) x", "Agree to extend", "e.g. this"])
def test_split_label_rejects_words(text: str) -> None:
    assert split_label(text) is None


@pytest.mark.parametrize(
    ("n", "roman"),
    [
        (1, "i"),
        (4, "iv"),
        (9, "ix"),
        (14, "xiv"),
        (40, "xl"),
        (99, "xcix"),
        (400, "cd"),
        (1994, "mcmxciv"),
        (3999, "mmmcmxcix"),
        (4000, "mmmm"),
    ],
)
def test_roman_round_trip(n: int, roman: str) -> None:
    assert int_to_roman(n) == roman
    assert int_to_roman(n, upper=True) == roman.upper()
    assert roman_to_int(roman) == n
    assert roman_to_int(roman.upper()) == n


@pytest.mark.parametrize(
    ("n", "letter"), [(1, "a"), (26, "z"), (27, "aa"), (28, "bb"), (52, "zz"), (53, "aaa")]
)
def test_letters(n: int, letter: str) -> None:
    assert int_to_letter(n) == letter
    assert int_to_letter(n, upper=True) == letter.upper()
    assert letter_to_int(letter) == letter_to_int(letter.upper()) == n
    assert format_ordinal(n, "letter") == letter
    assert format_ordinal(n, "letter", upper=True) == letter.upper()


def test_no_numeral_below_one() -> None:
    with pytest.raises(ValueError, match="no roman numeral for 0"):
        int_to_roman(0)
    with pytest.raises(ValueError, match="no letter for -1"):
        int_to_letter(-1)


@given(st.integers(min_value=1, max_value=MAX_LABEL * 26))
def test_word_numbering_formats_are_these(n: int) -> None:
    """Word's upper- and lower-case roman and letter numbering (docx_numbering, below its
    cap on label length) is what labels.py writes: one implementation serves both."""
    assert int_to_roman(n, upper=True) == format_number(n, "upperRoman")
    assert int_to_letter(n) == format_number(n, "lowerLetter")
    assert (
        roman_to_int(format_number(n, "upperRoman")) == n
        and letter_to_int(format_number(n, "lowerLetter")) == n
    )


def test_i_after_h_is_a_letter() -> None:
    assert label_kind(Label("i", "a)"), ("letter", 8)) == "letter"


def test_i_at_start_is_roman() -> None:
    assert label_kind(Label("i", "a)"), None) == "roman"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("c", "letter"),
        ("v", "letter"),
        ("x", "letter"),
        ("l", "letter"),
        ("ii", "roman"),
        ("xx", "roman"),
    ],
)
def test_another_ambiguous_start_is_a_letter_when_single(value: str, kind: str) -> None:
    # "c" is rarely the 100th item of a list; "ii" is no doubled letter at a start
    assert label_kind(Label(value, "a)"), None) == kind


def test_i_after_other_letter_is_roman() -> None:
    # "i" under "c:" starts a roman sub-list
    assert label_kind(Label("i", "a."), ("letter", 3)) == "roman"


def test_v_after_u_is_letter_and_after_iv_roman() -> None:
    assert label_kind(Label("v", "a)"), ("letter", 21)) == "letter"
    assert label_kind(Label("v", "a)"), ("roman", 4)) == "roman"


def test_unambiguous_kinds() -> None:
    assert label_kind(Label("b", "a)"), None) == "letter"
    assert label_kind(Label("iv", "a."), None) == "roman"
    assert label_kind(Label("2", "a."), None) == "number"
    assert label_kind(Label("2.1", "a"), None) == "decimal"


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("c", {"letter", "roman"}),
        ("b", {"letter"}),
        ("iv", {"roman"}),
        ("ii", {"letter", "roman"}),
        ("12", {"number"}),
        ("1.2", {"decimal"}),
        ("C", {"letter", "roman"}),
        ("AA", {"letter"}),
    ],
)
def test_reads_as(value: str, kinds: set[str]) -> None:
    label = Label(value, "a")
    assert {k for k in ("letter", "roman", "number", "decimal") if label.reads_as(k)} == kinds


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("a", "a"),
        ("aa", "aa"),
        ("iv", "iv"),
        ("xii", "xii"),
        ("3", "3"),
        ("1.1", "1.1"),
        ("ab", None),
        ("iv\n", None),
        ("a)", None),
        ("IV", None),
        ("", None),
        ("1.", None),
    ],
)
def test_label_of_value(value: str, label: str | None) -> None:
    found = label_of_value(value)
    assert (found.value if found else None) == label


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("IV", "IV"),
        ("A", "A"),
        ("AA", "AA"),
        ("3", "3"),
        ("2.1", "2.1"),
        ("iv", None),
        ("a", None),
        ("Iv", None),
        ("AB", None),
        ("IV.", None),
        ("", None),
    ],
)
def test_section_number_of_value(value: str, number: str | None) -> None:
    found = label_of_value(value, upper=True)
    assert (found.value if found else None) == number
