"""List labels: recognising them and normalising them, in one documented place.

:func:`split_label` is *the* normalisation function.  Its rules:

* ``a)``, ``(a)``, ``a.`` and ``a`` followed by a tab all normalise to ``"a"``;
  ``(iv)``, ``iv.``, ``iv)`` to ``"iv"``; ``(3)``, ``3.`` to ``"3"``.  Brackets, dots and
  the white space (or tab) after the label are removed from the text.
* A label is one letter, a doubled letter (``aa``, ``bb``: Word's letters after ``z``),
  a lower-case roman numeral, or a number.  Anything else (``e.g.``, ``to.``) is text.
* A label is *ambiguous* when it is both a letter and a roman numeral (``i``, ``v``,
  ``x``, ``l``, ``c``).  :func:`label_kind` decides from the sequence: ``i`` is a
  letter when the list it continues is at ``h``, a roman numeral otherwise (likewise
  ``v`` after ``u``, ``x`` after ``w``, ``l`` after ``k``, ``c`` after ``b``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from emg_parse.patterns import LABEL, LABEL_VALUE, ROMAN

LabelKind = Literal["letter", "roman", "number"]


@dataclass(frozen=True, slots=True)
class Label:
    """A recognised label: its normalised value and how it was printed."""

    value: str  # "a", "iv", "3"
    #: "a)" | "(a)" | "a." -- the printed shape, with the value replaced by "a"
    shape: str

    @property
    def could_be_letter(self) -> bool:
        v = self.value
        return v.isalpha() and (len(v) == 1 or (len(v) == 2 and v[0] == v[1]))

    @property
    def could_be_roman(self) -> bool:
        return bool(ROMAN.match(self.value))


def split_label(text: str) -> tuple[Label, str] | None:
    """Split ``"(a) Take note"`` into ``(Label("a", "(a)"), "Take note")``.

    Returns None when the text does not start with a label.
    """
    m = LABEL.match(text)
    if m is None:
        return None
    if m["paren"] is not None:
        value, shape = m["paren"], "(a)"
    else:
        value, shape = m["plain"], "a" + m["punct"]
    label = Label(value, shape)
    if not value.isdigit() and not (label.could_be_letter or label.could_be_roman):
        return None
    return label, m["rest"].strip()


def label_of_value(value: str) -> Label | None:
    """The label a normalised value stands for (an output's ``label`` field: ``"a"``,
    ``"aa"``, ``"iv"``, ``"3"``), or None when the value is no label."""
    if LABEL_VALUE.fullmatch(value) or ROMAN.fullmatch(value):
        return Label(value, "a")
    return None


def roman_to_int(value: str) -> int:
    """``"xiv"`` -> 14 (case-insensitive; assumes a valid numeral)."""
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    previous = 0
    for ch in reversed(value.lower()):
        n = numerals[ch]
        total = total - n if n < previous else total + n
        previous = max(previous, n)
    return total


def int_to_roman(n: int) -> str:
    """14 -> ``"xiv"``."""
    parts = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
             (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
    out = []
    for size, numeral in parts:
        while n >= size:
            out.append(numeral)
            n -= size
    return "".join(out)


def letter_to_int(value: str) -> int:
    """``"a"`` -> 1, ``"z"`` -> 26, ``"aa"`` -> 27 (Word's doubled letters)."""
    return (len(value) - 1) * 26 + (ord(value[0]) - ord("a") + 1)


def int_to_letter(n: int) -> str:
    """1 -> ``"a"``, 27 -> ``"aa"``."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def ordinal(label: Label, kind: LabelKind) -> int:
    """Position of ``label`` in a list of ``kind`` (``"c"`` as letter -> 3)."""
    if kind == "number":
        return int(label.value)
    if kind == "roman":
        return roman_to_int(label.value)
    return letter_to_int(label.value)


def format_ordinal(n: int, kind: LabelKind) -> str:
    """Inverse of :func:`ordinal`: 3 -> ``"c"`` / ``"iii"`` / ``"3"``."""
    if kind == "number":
        return str(n)
    if kind == "roman":
        return int_to_roman(n)
    return int_to_letter(n)


def label_kind(label: Label, previous: tuple[LabelKind, int] | None) -> LabelKind:
    """Decide whether ``label`` is a letter, roman numeral or number.

    ``previous`` is the kind and position of the last label of the list this one
    would continue (None when it would start a list).  An ambiguous label is a
    letter exactly when it is the next letter of a letter list (``i`` after ``h``).
    """
    if label.value.isdigit():
        return "number"
    if label.could_be_letter and not label.could_be_roman:
        return "letter"
    if label.could_be_roman and not label.could_be_letter:
        return "roman"
    if (
        previous is not None
        and previous[0] == "letter"
        and letter_to_int(label.value) == previous[1] + 1
    ):
        return "letter"
    return "roman"
