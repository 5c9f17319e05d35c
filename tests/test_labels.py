from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("n", "roman"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"),
                                          (40, "xl"), (99, "xcix")])  # fmt: skip
def test_roman_round_trip(n: int, roman: str) -> None:
    assert int_to_roman(n) == roman
    assert roman_to_int(roman) == n
    assert roman_to_int(roman.upper()) == n


@pytest.mark.parametrize(("n", "letter"), [(1, "a"), (26, "z"), (27, "aa"), (28, "bb")])
def test_letters(n: int, letter: str) -> None:
    assert int_to_letter(n) == letter
    assert letter_to_int(letter) == n
    assert format_ordinal(n, "letter") == letter


def test_i_after_h_is_a_letter() -> None:
    assert label_kind(Label("i", "a)"), ("letter", 8)) == "letter"


def test_i_at_start_is_roman() -> None:
    assert label_kind(Label("i", "a)"), None) == "roman"


def test_i_after_other_letter_is_roman() -> None:
    # "i" under "c:" starts a roman sub-list
    assert label_kind(Label("i", "a."), ("letter", 3)) == "roman"


def test_v_after_u_is_letter_and_after_iv_roman() -> None:
    assert label_kind(Label("v", "a)"), ("letter", 21)) == "letter"
    assert label_kind(Label("v", "a)"), ("roman", 4)) == "roman"


def test_unambiguous_kinds() -> None:
    assert label_kind(Label("b", "a)"), None) == "letter"
    assert label_kind(Label("ii", "a."), None) == "roman"
    assert label_kind(Label("2", "a."), None) == "number"


@pytest.mark.parametrize(
    ("value", "label"),
    [("a", "a"), ("aa", "aa"), ("iv", "iv"), ("xii", "xii"), ("3", "3"),
     ("ab", None), ("iv\n", None), ("a)", None), ("IV", None), ("", None)],
)  # fmt: skip
def test_label_of_value(value: str, label: str | None) -> None:
    found = label_of_value(value)
    assert (found.value if found else None) == label
