"""Running headers, footers and page numbers: the one rule every reader applies.

A reader places each piece of text of a page (a PDF line fragment, a line of a text
file) in the top or bottom margin of its page, at a *position* measured from that
edge, or in the body (:class:`Placed`).  What counts as the margin, and what a
position is, is the reader's: the PDF reader measures points from the page edge in
a band of the page height, the text reader counts lines from the first or last
line of a page.  :func:`running_texts` then decides, the same way for both:

* a page number (:func:`is_page_number`) in a margin is running text;
* two margin texts are *the same running line* when they are in the same margin,
  have the same :func:`running_key` (whitespace collapsed, every run of digits ``#``,
  so that "Page 9" and "Page 10" are one line) and lie within the reader's ``tolerance``
  of each other (a chain of such texts is one group);
* a group is running text when it occurs on at least :data:`MIN_PAGES` pages and
  on at least :data:`PAGE_SHARE` of the pages -- unless its key occurs at least as
  often in the bodies of the pages: "The Senior Officials:" opening two pages at
  the top is body text that happens to repeat, not a running header.

Time is linear in the number of texts (times a logarithm: each group is sorted).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal, NamedTuple

from emg_parse.patterns import PAGE_NUMBER

#: A running line recurs on at least this many pages ...
MIN_PAGES = 2
#: ... and on at least this share of the pages.
PAGE_SHARE = 0.5

#: The margin a text is in.
Zone = Literal["top", "bottom"]

_DIGITS = re.compile(r"\d+")


def running_key(text: str) -> str:
    """What must repeat: the text with its whitespace collapsed and every run of digits
    ``#`` (a page or issue number grows by a digit from one page to the next).

    The key is never longer than the text with its whitespace collapsed.
    """
    return _DIGITS.sub("#", " ".join(text.split()))


def is_page_number(text: str) -> bool:
    """True for "Page 2 of 4", "Page 2", "2/4", "- 2 -", "2" (and a few variants)."""
    return bool(PAGE_NUMBER.match(" ".join(text.split())))


class Placed(NamedTuple):
    """A piece of text of a page, as the reader places it."""

    #: The page it is on (any number that tells pages apart).
    page: int
    #: Its margin, or None in the body of the page.
    zone: Zone | None
    #: Where it is in its margin, from the margin's edge, in the reader's unit.
    position: float
    text: str


def running_texts(placed: Sequence[Placed], pages: int, tolerance: float) -> set[int]:
    """Indexes into ``placed`` of the running headers, footers and page numbers
    (see the module docstring) of a document of ``pages`` pages.

    ``placed`` holds every text of the document, body text included (which keeps a
    margin text that is as common in the body); margin texts of one group lie within
    ``tolerance`` of the next one (0: at the same position).
    """
    drop: set[int] = set()
    groups: dict[tuple[Zone, str], list[tuple[float, int]]] = defaultdict(list)
    body: list[str] = []
    for index, (_page, zone, position, text) in enumerate(placed):
        if zone is None:
            body.append(text)
        elif is_page_number(text):
            drop.add(index)
        else:
            groups[(zone, running_key(text))].append((position, index))
    keys = {key for (_zone, key), members in groups.items() if len(members) >= MIN_PAGES}
    in_body: dict[str, int] = defaultdict(int)
    if keys:
        # only a body text at least as long as some key can match it
        shortest = min(len(key) for key in keys)
        for text in body:
            if len(text) >= shortest and (key := running_key(text)) in keys:
                in_body[key] += 1
    for (_zone, key), members in groups.items():
        if key not in keys:
            continue
        members.sort()
        cluster: list[tuple[float, int]] = []
        for position, index in [*members, (float("inf"), -1)]:
            if cluster and position - cluster[-1][0] > tolerance:
                on = {placed[i].page for _, i in cluster}
                if (
                    len(on) >= MIN_PAGES
                    and len(on) >= PAGE_SHARE * pages
                    and in_body[key] < len(cluster)
                ):
                    drop.update(i for _, i in cluster)
                cluster = []
            cluster.append((position, index))
    return drop
