"""List labels: recognising them and normalising them, in one documented place.

:func:`split_label` is *the* normalisation function.  Its rules:

* ``a)``, ``(a)``, ``a.`` and ``a`` followed by a tab all normalise to ``"a"``;
  ``(iv)``, ``iv.``, ``iv)`` to ``"iv"``; ``(3)``, ``3.`` to ``"3"``; ``1.2`` and
  ``1.2.`` to ``"1.2"``.  Brackets, dots and
  the white space (or tab) after the label are removed from the text.
* A label is one letter, a doubled letter (``aa``, ``bb``: Word's letters after ``z``),
  a lower-case roman numeral, a number, or a decimal of two to four numbers.
  Anything else (``e.g.``, ``to.``) is text.
* A label is *ambiguous* when it is both a letter and a roman numeral (``i``, ``v``,
  ``x``, ``l``, ``c``).  :func:`label_kind` decides from the sequence: ``i`` is a
  letter when the list it continues is at ``h``, a roman numeral otherwise (likewise
  ``v`` after ``u``, ``x`` after ``w``, ``l`` after ``k``, ``c`` after ``b``); a list
  that starts at ``c``, ``v``, ``x`` or ``l`` starts with a letter.

The output holds labels as :func:`label_of_value` reads them (``a``, ``iv``, ``3``,
``1.1``) and section numbers the same in capitals (``A``, ``IV``).  Roman numerals and
letters are converted here, for every reader: :func:`roman_to_int`,
:func:`int_to_roman`, :func:`letter_to_int`, :func:`int_to_letter` (either case, any
size, as Word numbers lists).  Which label may follow which is
:mod:`emg_parse.sequence`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from emg_parse.patterns import LABEL, LABEL_VALUE, ROMAN

LabelKind = Literal["letter", "roman", "number", "decimal"]


@dataclass(frozen=True, slots=True)
class Label:
    """A recognised label: its normalised value and how it was printed."""

    value: str  # "a", "iv", "3", "1.1"; a section number: "A", "IV", "3", "2.1"
    #: "a)" | "(a)" | "a." -- the printed shape, with the value replaced by "a"; "1.1"
    #: for a decimal
    shape: str

    @property
    def could_be_letter(self) -> bool:
        return _readings(self.value)[0]

    @property
    def could_be_roman(self) -> bool:
        return _readings(self.value)[1]

    def reads_as(self, kind: LabelKind) -> bool:
        """Can it stand in a list of ``kind``?  (``c``: a letter or a roman numeral.)"""
        if kind == "letter":
            return self.could_be_letter
        if kind == "roman":
            return self.could_be_roman
        if kind == "number":
            return self.value.isdigit()
        return "." in self.value


@lru_cache(maxsize=1024)
def _readings(value: str) -> tuple[bool, bool]:
    """Whether ``value`` is a letter (one, or one doubled) and whether a roman numeral;
    remembered, as the same few labels come back again and again."""
    letter = value.isascii() and value.isalpha() and len(value) <= 2 and value[0] == value[-1]
    return letter, ROMAN.match(value.lower()) is not None


def split_label(text: str) -> tuple[Label, str] | None:
    """Split ``"(a) Take note"`` into ``(Label("a", "(a)"), "Take note")``.

    Returns None when the text does not start with a label.
    """
    m = LABEL.match(text)
    if m is None:
        return None
    if m["paren"] is not None:
        value, shape = m["paren"], "(a)"
    elif m["decimal"] is not None:
        value, shape = m["decimal"], "1.1"
    else:
        value, shape = m["plain"], "a" + m["punct"]
    label = Label(value, shape)
    if (
        m["decimal"] is None
        and not value.isdigit()
        and not (label.could_be_letter or label.could_be_roman)
    ):
        return None
    return label, m["rest"].strip()


def label_of_value(value: str, *, upper: bool = False) -> Label | None:
    """The label a value as the output prints it stands for, or None when it is none.

    A list label (``upper`` False) is ``a``, ``aa`` (a doubled letter), ``iv``, ``3`` or
    a decimal ``1.1``; a section number (``upper``) is the same in capitals: ``A``,
    ``AA``, ``IV``, ``3``, ``2.1``.  No brackets, dots or spaces around it.
    """
    folded = value.lower()
    if value != (folded.upper() if upper else folded):
        return None
    if LABEL_VALUE.fullmatch(folded) or ROMAN.fullmatch(folded):
        return Label(value, "a")
    return None


_ROMAN_PARTS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_to_int(value: str) -> int:
    """``"xiv"`` -> 14, ``"MMMM"`` -> 4000 (either case; assumes a valid numeral)."""
    total = 0
    previous = 0
    for ch in reversed(value.lower()):
        n = _ROMAN_VALUES[ch]
        total = total - n if n < previous else total + n
        previous = max(previous, n)
    return total


def int_to_roman(n: int, *, upper: bool = False) -> str:
    """14 -> ``"xiv"`` (``"XIV"`` when ``upper``); thousands repeat ``m`` as Word does
    (4000 -> ``"mmmm"``).  Raises ValueError for ``n < 1``."""
    if n < 1:
        raise ValueError(f"no roman numeral for {n}")
    out = []
    for size, numeral in _ROMAN_PARTS:
        count, n = divmod(n, size)
        out.append(numeral * count)
    text = "".join(out)
    return text.upper() if upper else text


def letter_to_int(value: str) -> int:
    """``"a"`` -> 1, ``"z"`` -> 26, ``"aa"`` -> 27, ``"AAA"`` -> 53 (Word's repeated
    letters, either case)."""
    return (len(value) - 1) * 26 + (ord(value[0].lower()) - ord("a") + 1)


def int_to_letter(n: int, *, upper: bool = False) -> str:
    """1 -> ``"a"``, 27 -> ``"aa"``, 53 -> ``"aaa"`` (``"A"``, ``"AA"`` when ``upper``), as
    Word numbers with letters.  Raises ValueError for ``n < 1``."""
    if n < 1:
        raise ValueError(f"no letter for {n}")
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def ordinal(label: Label, kind: LabelKind) -> int:
    """Position of ``label`` in a list of ``kind`` (``"c"`` as letter -> 3, ``"iv"`` as
    roman -> 4, ``"2.3"`` -> 3: a decimal's last number)."""
    if kind == "number":
        return int(label.value)
    if kind == "decimal":
        return int(label.value.rsplit(".", 1)[1])
    if kind == "roman":
        return roman_to_int(label.value)
    return letter_to_int(label.value)


def format_ordinal(n: int, kind: LabelKind, *, upper: bool = False) -> str:
    """Inverse of :func:`ordinal`: 3 -> ``"c"`` / ``"iii"`` / ``"3"`` (a decimal's last
    number: ``"3"``); capitals when ``upper``."""
    if kind in ("number", "decimal"):
        return str(n)
    if kind == "roman":
        return int_to_roman(n, upper=upper)
    return int_to_letter(n, upper=upper)


def label_kind(label: Label, previous: tuple[LabelKind, int] | None) -> LabelKind:
    """Decide whether ``label`` is a letter, roman numeral, number or decimal.

    ``previous`` is the kind and position of the last label of the list this one
    would continue (None when it would start a list).  An ambiguous label (``i``, ``v``,
    ``x``, ``l``, ``c``; ``ii``, ``xx``, ``cc``) is a letter when it is the next letter
    of a letter list (``i`` after ``h``), and when it is a single letter other than
    ``i`` that starts a list (``c`` is rarely the 100th item); a roman numeral otherwise.
    """
    value = label.value
    if value.isdigit():
        return "number"
    if "." in value:
        return "decimal"
    letter, roman = _readings(value)
    if not roman:
        return "letter"
    if not letter:
        return "roman"
    if previous is None:
        return "letter" if len(value) == 1 and value.lower() != "i" else "roman"
    if previous[0] == "letter" and letter_to_int(value) == previous[1] + 1:
        return "letter"
    return "roman"
