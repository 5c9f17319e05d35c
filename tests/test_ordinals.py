"""emg_parse.ordinals: ordinals in digits and words, read alike wherever they are read."""

from __future__ import annotations

import re

import pytest

from emg_parse.cleanup import normalise_text
from emg_parse.ordinals import ORDINAL, WORDS, ordinal_number, ordinal_suffix

from .conftest import ParseText

UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS_OF_TENS = {
    2: "twentieth",
    3: "thirtieth",
    4: "fortieth",
    5: "fiftieth",
    6: "sixtieth",
    7: "seventieth",
    8: "eightieth",
    9: "ninetieth",
}


@pytest.mark.parametrize(
    ("n", "suffix"),
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (20, "th"),
        (21, "st"),
        (22, "nd"),
        (23, "rd"),
        (101, "st"),
        (111, "th"),
        (112, "th"),
    ],
)
def test_suffix(n: int, suffix: str) -> None:
    assert ordinal_suffix(n) == suffix


def test_every_word_from_first_to_ninety_ninth() -> None:
    assert [ordinal_number(word) for word in UNITS] == list(range(1, 10))
    assert ordinal_number("tenth") == 10 and ordinal_number("nineteenth") == 19
    for t, ten in enumerate(TENS, start=2):
        assert ordinal_number(WORDS_OF_TENS[t]) == 10 * t
        for u, unit in enumerate(UNITS, start=1):
            for joined in (f"{ten}-{unit}", f"{ten} {unit}", f"{ten.title()}-{unit.title()}"):
                assert ordinal_number(joined) == 10 * t + u, joined
    assert len(WORDS) == 19 + len(TENS)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("26th", 26),
        ("1st", 1),
        ("23th", 23),
        ("112TH", 112),
        ("Fortieth", 40),
        ("15 th", 15),
        ("23 rd", 23),
        ("15  th", None),
        ("15\nth", None),
        ("twenty-tenth", None),
        ("thirty-twentieth", None),
        ("twenty", None),
        ("forty-", None),
        ("first-twenty", None),
        ("1234th", None),
        ("26", None),
        ("", None),
    ],
)
def test_ordinal_number(text: str, number: int | None) -> None:
    assert ordinal_number(text) == number
    assert (re.fullmatch(ORDINAL, text, re.IGNORECASE) is not None) is (number is not None)


def test_split_ordinals_are_joined_only_when_the_suffix_fits() -> None:
    assert normalise_text("the 21 st and 22 nd, not 21 th") == "the 21st and 22nd, not 21 th"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Fortieth Senior Officials Meeting of the Environment Management Group", 40),
        ("Forty-ninth Meeting of the Senior Officials of the EMG", 49),
        ("Twenty first Senior Officials Meeting", 21),
        ("Ninth Senior Officials Meeting", 9),
        ("15 th Senior Officials Meeting", 15),
        ("The Thirty-Second EMG SOM", 32),
    ],
)
def test_meeting_number_in_a_parsed_document(line: str, number: int, parse_text: ParseText) -> None:
    document = parse_text(f"{line}\n\nI. Title\n\nThe Senior Officials:\n\na) Welcome it.\n")
    assert document.document.meeting.number == number
