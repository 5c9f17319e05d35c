"""Running headers, footers and page numbers in the top and bottom margins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.patterns import PAGE_NUMBER


def is_page_number(text: str) -> bool:
    """True for "Page 2 of 4", "Page 2", "2/4", "- 2 -", "2" (and a few variants)."""
    t = " ".join(text.split())
    return bool(PAGE_NUMBER.match(t))


_DIGIT = re.compile(r"\d")


def running_key(text: str) -> str:
    """The text that must repeat: digits replaced by '#', whitespace collapsed.

    The key is as long as the text with its whitespace collapsed.
    """
    return _DIGIT.sub("#", " ".join(text.split()))


def margin_zone(top: float, bottom: float, page_height: float, params: LayoutParams) -> str | None:
    """Return "top" / "bottom" when the box's centre lies in that margin band
    (``params.margin_share`` of the page height), else None."""
    fraction = params.margin_share
    centre = (top + bottom) / 2
    if centre <= fraction * page_height:
        return "top"
    if centre >= (1 - fraction) * page_height:
        return "bottom"
    return None


class MarginItem(NamedTuple):
    """A piece of text in a page margin, as :func:`running_fragments` sees it.

    ``ref`` is an opaque handle for the caller (e.g. ``(line index, fragment index)``).
    """

    page: int
    text: str
    top: float
    bottom: float
    page_height: float
    ref: tuple[int, ...] = ()


def running_fragments(
    items: Sequence[MarginItem],
    page_count: int,
    params: LayoutParams,
) -> set[int]:
    """Indexes into ``items`` of text to drop as running header / footer / page number.

    ``items`` may hold all the text of the document (body text helps, see below).  An
    item in the top or bottom margin of its page (:func:`margin_zone`) is dropped when it
    is a page number (:func:`is_page_number`), or when its :func:`running_key` recurs
    at about the same distance from the page edge (within ``params.running_tolerance``
    points) on at least ``params.running_page_share`` of the pages and on at least
    ``params.running_min_pages`` pages -- unless the same key occurs at least
    as often in the body of the pages: "The Senior Officials:" opening two pages at the
    top margin is body text that happens to repeat, not a running header.
    """
    drop: set[int] = set()
    groups: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    body: list[str] = []
    for idx, item in enumerate(items):
        zone = margin_zone(item.top, item.bottom, item.page_height, params)
        if zone is None:
            body.append(item.text)
            continue
        if is_page_number(item.text):
            drop.add(idx)
            continue
        # distance from the edge the text belongs to, so that pages of different
        # heights still line up
        y = item.top if zone == "top" else item.page_height - item.bottom
        groups[(zone, running_key(item.text))].append((y, idx))
    # how often each repeated margin text occurs in the body; a body text shorter
    # than every such key cannot match one (collapsing whitespace only shortens)
    keys = {key for (_zone, key), members in groups.items() if len(members) >= 2}
    in_body: dict[str, int] = defaultdict(int)
    if keys:
        # only a body text as long as some key (whitespace collapsed) can match it
        lengths = {len(k) for k in keys}
        shortest = min(lengths)
        for text in body:
            if len(text) >= shortest:
                collapsed = " ".join(text.split())
                if len(collapsed) in lengths:
                    key = running_key(collapsed)
                    if key in keys:
                        in_body[key] += 1
    for (_zone, key), members in groups.items():
        if len(members) < 2:
            continue
        members.sort()
        cluster: list[tuple[float, int]] = []
        for y, idx in [*members, (float("inf"), -1)]:
            if cluster and y - cluster[-1][0] > params.running_tolerance:
                pages = {items[i].page for _, i in cluster}
                if (
                    len(pages) >= params.running_min_pages
                    and len(pages) >= params.running_page_share * page_count
                    and in_body[key] < len(cluster)
                ):
                    drop.update(i for _, i in cluster)
                cluster = []
            cluster.append((y, idx))
    return drop
