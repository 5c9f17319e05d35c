"""The objects layer: what an engine reads from a page -- glyphs and rules.

Each engine (:mod:`.pdfium`, :mod:`.pdfplumber`) delivers one :class:`PageGlyphs`
per page -- the characters in drawing order, column-wise, with ``top``/``bottom``
measured downwards from the top of the page -- and the horizontal :class:`Rule` s;
everything after that is shared, so both engines give the same lines from the same
glyphs.

Glyph boxes are normalised: ``bottom = baseline + DESCENT * size`` and
``top = bottom - size``, whatever the font's own ascent and descent (which pdfminer
and pdfium read differently), so that a box depends only on the baseline (text rise
included) and the type size.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from emg_parse.extractors.pdf.params import LayoutParams

#: Normalised glyph box: the bottom lies this many type sizes below the baseline.
DESCENT = 0.2


class Glyph(NamedTuple):
    """One character as drawn; coordinates in points, ``top``/``bottom`` from page top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""

    @property
    def is_space(self) -> bool:
        return not self.text.strip()


class Span(NamedTuple):
    """Glyphs ``start:end`` of a :class:`PageGlyphs`: one font and size on one baseline."""

    start: int
    end: int
    top: float
    bottom: float
    size: float
    font: str


class PageGlyphs:
    """The glyphs of one page in drawing order, column-wise.

    ``texts[i]`` is glyph *i*'s text (one character, a ligature, or whitespace),
    ``x0[i]``/``x1[i]`` its left and right edge; ``spans`` cover ``0..len(texts)``
    in order and give the rest.  Spans may be cut anywhere: two adjacent spans with
    the same values mean the same as one.
    """

    __slots__ = ("spans", "texts", "x0", "x1")

    def __init__(
        self, texts: list[str], x0: list[float], x1: list[float], spans: list[Span]
    ) -> None:
        self.texts = texts
        self.x0 = x0
        self.x1 = x1
        self.spans = spans

    def __repr__(self) -> str:
        return f"PageGlyphs({len(self.texts)} glyphs, {len(self.spans)} spans)"

    @classmethod
    def from_glyphs(cls, glyphs: Iterable[Glyph]) -> PageGlyphs:
        texts: list[str] = []
        x0: list[float] = []
        x1: list[float] = []
        spans: list[Span] = []
        key: tuple[float, float, float, str] | None = None
        start = 0
        for i, g in enumerate(glyphs):
            k = (g.top, g.bottom, g.size, g.font)
            if k != key:
                if key is not None:
                    spans.append(Span(start, i, *key))
                key, start = k, i
            texts.append(g.text)
            x0.append(g.x0)
            x1.append(g.x1)
        if key is not None:
            spans.append(Span(start, len(texts), *key))
        return cls(texts, x0, x1, spans)

    def glyphs(self) -> list[Glyph]:
        return [
            Glyph(self.texts[i], self.x0[i], self.x1[i], s.top, s.bottom, s.size, s.font)
            for s in self.spans
            for i in range(s.start, s.end)
        ]

    def has_text(self) -> bool:
        """True when at least one glyph is not whitespace."""
        return not all(map(str.isspace, self.texts))


class Rule(NamedTuple):
    """A horizontal ruling line (a table border): ``y`` from the page top."""

    y: float
    x0: float
    x1: float


def box_of(baseline: float, size: float) -> tuple[float, float]:
    """``(top, bottom)`` of the normalised box of a glyph on ``baseline`` (from page top)."""
    bottom = baseline + DESCENT * size
    return bottom - size, bottom


class Box(NamedTuple):
    """The bounding box of a drawn straight line or rectangle (``top`` from the page top)."""

    x0: float
    top: float
    x1: float
    bottom: float


def horizontal_rules(boxes: Iterable[Box], params: LayoutParams) -> list[Rule]:
    """The horizontal rules the drawn lines and rectangles ``boxes`` make.

    A horizontal line or a thin bar (at most ``params.rule_bar_height`` high) is one
    rule through its middle; a higher box gives its top and bottom edges (a table
    row's borders).  A box not at least ``params.rule_aspect`` times as wide as it is
    high (and as ``params.rule_min_height``) is no rule.
    """
    rules: list[Rule] = []
    for x0, top, x1, bottom in boxes:
        height = bottom - top
        if x1 - x0 < params.rule_aspect * max(height, params.rule_min_height):
            continue
        if height <= params.rule_bar_height:
            rules.append(Rule((top + bottom) / 2, x0, x1))
        else:
            rules += (Rule(top, x0, x1), Rule(bottom, x0, x1))
    return rules
