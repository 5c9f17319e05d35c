"""Running headers, footers and page numbers on PDF pages: where a fragment is.

The rule is :mod:`emg_parse.extractors.running`'s, shared with the text reader; this
module gives it the PDF's notion of a position: a fragment is in the top or bottom
margin when the centre of its box lies in a band of ``params.margin_share`` of the
page height, and its position is its distance in points from that edge of the page
(:func:`place`), so that pages of different heights line up;
texts of one running line lie within ``params.running_tolerance`` points of each other.

:func:`guess` is the page-by-page guess that lets a page be laid out before the
whole document is read: a page number, or a margin text at about the same place on
the page before.  Where the rule decides otherwise, the page is laid out again.
"""

from __future__ import annotations

from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.running import Zone, is_page_number, running_key

#: A page's margin texts: their position by zone and :func:`~.running.running_key`.
Margin = dict[tuple[Zone, str], float]


def place(
    top: float, bottom: float, page_height: float, params: LayoutParams
) -> tuple[Zone | None, float]:
    """The margin of a box -- "top" / "bottom" when its centre lies in that band of
    ``params.margin_share`` of the page height, else None -- and its distance from
    that edge of the page (0 in the body)."""
    centre = (top + bottom) / 2
    if centre <= params.margin_share * page_height:
        return "top", top
    if centre >= (1 - params.margin_share) * page_height:
        return "bottom", page_height - bottom
    return None, 0.0


def guess(
    text: str, zone: Zone, position: float, previous: Margin, margin: Margin, params: LayoutParams
) -> bool:
    """Whether a margin text looks like running text from one page alone: a page
    number, or a text with the same key at about the same place (within
    ``params.running_tolerance``) in ``previous``, the margin of the page before.

    Every margin text but a page number is noted in ``margin``, this page's margin,
    for the guess on the next page.
    """
    if is_page_number(text):
        return True
    key = (zone, running_key(text))
    seen = previous.get(key)
    margin[key] = position
    return seen is not None and abs(seen - position) <= params.running_tolerance
