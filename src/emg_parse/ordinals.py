"""Ordinal numbers, in digits (``26th``) and in words (``Twenty-sixth``): one table, one reader.

* In digits: up to three digits and an English suffix, ``26th``, ``1st``, ``22nd``.
  Written, the suffix fits the number (:func:`ordinal_suffix`: ``1st``, ``2nd``,
  ``3rd``, ``4th``, ``11th``-``13th``, ``21st``, ``112th``); read, the digits count
  whatever the suffix (``23th`` is 23), and one space may stand before the suffix
  (``15 th``: a superscript set apart).
* In words, any case: ``first`` .. ``nineteenth``; ``twentieth``, ``thirtieth`` ..
  ``ninetieth``; and a ten joined to ``first`` .. ``ninth`` by a hyphen or a space,
  ``twenty-first`` .. ``ninety-ninth`` (``twenty first`` too).  Nothing else:
  ``twenty-tenth`` and ``thirty-twentieth`` are no ordinals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
#: The tens, as cardinals (``twenty``-``first``) and as ordinals (``twentieth``), from 20.
_TENS = (
    ("twenty", "twentieth"),
    ("thirty", "thirtieth"),
    ("forty", "fortieth"),
    ("fifty", "fiftieth"),
    ("sixty", "sixtieth"),
    ("seventy", "seventieth"),
    ("eighty", "eightieth"),
    ("ninety", "ninetieth"),
)

#: Every ordinal word that stands alone, and its number: ``first`` 1 .. ``ninetieth`` 90.
WORDS: dict[str, int] = {
    **{word: n for n, word in enumerate((*_UNITS, *_TEENS), start=1)},
    **{word: 10 * n for n, (_, word) in enumerate(_TENS, start=2)},
}
_CARDINAL_TENS = {ten: 10 * n for n, (ten, _) in enumerate(_TENS, start=2)}


def _alternatives(words: Iterable[str]) -> str:
    """A regular expression's alternatives, the longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


#: The suffixes of an ordinal in digits (a regular expression's source, no groups).
SUFFIX = r"(?:st|nd|rd|th)"

#: A regular expression (source, no groups) matching an ordinal in digits or words, as
#: :func:`ordinal_number` reads it; patterns that contain an ordinal are built on it.
ORDINAL = (
    rf"(?:\d{{1,3}} ?{SUFFIX}"
    rf"|(?:{_alternatives(_CARDINAL_TENS)})[- ](?:{_alternatives(_UNITS)})"
    rf"|(?:{_alternatives(WORDS)}))"
)
_ORDINAL = re.compile(ORDINAL, re.IGNORECASE)
_COMPOUND = re.compile(r"(?P<ten>[a-z]+)[- ](?P<unit>[a-z]+)")


def ordinal_suffix(n: int) -> str:
    """The suffix of ``n`` written as an ordinal in digits: 1 -> ``st``, 12 -> ``th``, 22 ->
    ``nd``."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal_number(text: str) -> int | None:
    """The number of an ordinal in digits or words (module docstring), or None when
    ``text`` is no such ordinal: ``"26th"`` -> 26, ``"Twenty-sixth"`` -> 26,
    ``"15 th"`` -> 15, ``"fortieth"`` -> 40, ``"twenty-tenth"`` -> None."""
    if _ORDINAL.fullmatch(text) is None:
        return None
    if text[0].isdigit():
        return int(text[:-2])
    word = text.lower()
    if word in WORDS:
        return WORDS[word]
    compound = _COMPOUND.fullmatch(word)
    assert compound is not None  # the only other form ORDINAL matches
    return _CARDINAL_TENS[compound["ten"]] + WORDS[compound["unit"]]
