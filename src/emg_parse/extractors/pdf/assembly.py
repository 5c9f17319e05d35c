"""Page assembly: pages laid out one by one, running text removed at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from emg_parse.extractors.pdf.columns import OutLine, layout_page
from emg_parse.extractors.pdf.dedupe import dedupe_page
from emg_parse.extractors.pdf.lines import TextLine, page_lines
from emg_parse.extractors.pdf.objects import Box, PageGlyphs, Rule, horizontal_rules
from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.pdf.running import Margin, guess, place
from emg_parse.extractors.running import Placed, Zone, running_texts
from emg_parse.lines import Line, LineBudget, Provenance, Style

if TYPE_CHECKING:
    from emg_parse.extractors.pdf.pdfium import Document


T = TypeVar("T")


Ref = tuple[int, int]  # (line index, fragment index) on a page


class PlacedFragment(NamedTuple):
    """A fragment of a page as the running-text rule sees it."""

    text: str
    #: its margin (:func:`~.running.place`), None in the body of the page
    zone: Zone | None
    #: its distance in points from that edge of the page (0 in the body)
    position: float
    #: its line on the page (an index into the page's lines, from 0) ...
    line: int
    #: ... and its place in that line (from 0)
    fragment: int


class _PageText:
    """A page as laid out so far: margin text, a guessed output, and (when laid out
    in this process) its lines and rules, for laying it out again."""

    __slots__ = ("first", "guess", "has_text", "height", "items", "lines", "out", "rules")

    def __init__(
        self,
        has_text: bool,
        height: float,
        items: list[PlacedFragment],
        guess: set[Ref],
        first: bool,
        out: list[OutLine],
        lines: list[TextLine] | None = None,
        rules: list[Rule] | None = None,
    ) -> None:
        self.has_text = has_text
        self.height = height
        #: every fragment, as the running-text rule sees it
        self.items = items
        #: the fragments guessed to be running headers, footers or page numbers
        self.guess = guess
        #: laid out as the first page with text (``first_page`` of ``layout_page``)
        self.first = first
        #: the output without the guessed fragments
        self.out = out
        self.lines = lines
        self.rules = rules

    def export(self) -> tuple[Any, ...]:
        """The page without its lines and rules, as plain data (to send to another process)."""
        return (self.has_text, self.height, self.items, self.guess, self.first, self.out)

    @classmethod
    def imported(cls, data: tuple[Any, ...]) -> _PageText:
        return cls(*data)


#: ``(glyphs, drawn boxes, height)`` of page ``index`` (from 0), read again.
Reread = Callable[[int], tuple[PageGlyphs, list[Box], float]]


class _Pages:
    """Pages laid out one by one as they are read; :meth:`lines` finishes the job.

    Running headers and footers can only be told once every page is read, but
    everything else is done page by page -- by worker processes with the pdfium
    engine: each page is laid out at once without the margin text that looks like
    a running header, footer or page number (a page number, or a text at about the
    same place in the margin of the page laid out before).  :meth:`lines` then
    finds the running text properly (:func:`~emg_parse.extractors.running.running_texts`) and
    lays out again only the pages where the guess was wrong, so the result is
    exactly that of laying out every page after the fact.

    ``after_text``: the pages added come after pages with text (a worker's share
    of the pages other than the first); ``reread`` reads a page again that another
    process laid out, should it have to be laid out again here; ``budget`` counts the
    lines of the pages added or taken (a worker's pages are counted when taken).
    """

    def __init__(
        self,
        params: LayoutParams,
        *,
        after_text: bool = False,
        reread: Reread | None = None,
        budget: LineBudget | None = None,
    ) -> None:
        self.params = params
        self.pages: list[_PageText] = []
        self.any_text = False
        self._previous_margin: Margin = {}
        self._emitted = after_text  # some page so far has output lines
        self._styles: dict[tuple[bool, bool, float | None], Style] = {}
        self._reread = reread
        self._budget = budget

    def add(self, glyphs: PageGlyphs, boxes: list[Box], height: float) -> None:
        params = self.params
        glyphs = dedupe_page(glyphs, params)
        has_text = glyphs.has_text()
        self.any_text = self.any_text or has_text
        lines = page_lines(glyphs, params)
        rules = horizontal_rules(boxes, params)
        items, guess, self._previous_margin = _margin(
            lines, height, self._previous_margin, params
        )
        first = not self._emitted
        out = layout_page(_without(lines, guess), rules, params, first_page=first)
        self._emitted = self._emitted or bool(out)
        self._count(out)
        self.pages.append(_PageText(has_text, height, items, guess, first, out, lines, rules))

    def seed(self, glyphs: PageGlyphs, height: float) -> None:
        """Guess the running text of the next page added from this page's margin
        (a page that is not added: the page before a worker's first page)."""
        params = self.params
        lines = page_lines(dedupe_page(glyphs, params), params)
        self._previous_margin = _margin(lines, height, {}, params)[2]

    def take(self, page: _PageText) -> None:
        """Add a page laid out by another process (:meth:`_PageText.export`)."""
        self.any_text = self.any_text or page.has_text
        self._count(page.out)
        self.pages.append(page)

    def _count(self, out: list[OutLine]) -> None:
        """Count a page's lines as first laid out (a page laid out again at the end
        differs from them only by the margin text kept or dropped)."""
        if self._budget is not None:
            for line in out:
                self._budget.take(line.text)

    def lines(self) -> list[Line]:
        """The lines of every page, running headers, footers and page numbers removed."""
        placed: list[Placed] = []
        refs: list[tuple[int, int, int]] = []  # (page, line, fragment) of each placed text
        for index, page in enumerate(self.pages):
            for text, zone, position, li, fi in page.items:
                placed.append(Placed(index, zone, position, text))
                refs.append((index, li, fi))
        dropped: dict[int, set[Ref]] = {}
        for i in running_texts(placed, len(self.pages), self.params.running_tolerance):
            index, line, fragment = refs[i]
            dropped.setdefault(index, set()).add((line, fragment))
        out: list[Line] = []
        styles = self._styles
        for index, page in enumerate(self.pages):
            actual = dropped.get(index, set())
            first = not out
            if actual == page.guess and first == page.first:
                emitted = page.out
            else:
                lines, rules = page.lines, page.rules
                if lines is None or rules is None:
                    assert self._reread is not None, "a page laid out elsewhere cannot be redone"
                    glyphs, boxes, _height = self._reread(index)
                    lines = page_lines(dedupe_page(glyphs, self.params), self.params)
                    rules = horizontal_rules(boxes, self.params)
                emitted = layout_page(_without(lines, actual), rules, self.params, first_page=first)
            number = index + 1
            for n, (text, x, bold, italic, size, new_block, cell) in enumerate(emitted, 1):
                key = (bold, italic, size)
                style = styles.get(key)
                if style is None:
                    style = styles[key] = Style(bold=bold, italic=italic, size=size)
                out.append(Line(text, Provenance(number, n), style, x, new_block, cell))
        return out


def _margin(
    lines: list[TextLine], height: float, previous: Margin, params: LayoutParams
) -> tuple[list[PlacedFragment], set[Ref], Margin]:
    """The page's fragments (:class:`PlacedFragment`), those guessed to be running text
    (:func:`~.running.guess`, from ``previous``, the margin of the page before), and
    its own margin."""
    items: list[PlacedFragment] = []
    guessed: set[Ref] = set()
    margin: Margin = {}
    for li, line in enumerate(lines):
        for fi, fragment in enumerate(line.fragments):
            fragment.style  # noqa: B018 - computed and kept now
            text = fragment.text
            zone, position = place(fragment.top, fragment.bottom, height, params)
            items.append(PlacedFragment(text, zone, position, li, fi))
            if zone is not None and guess(text, zone, position, previous, margin, params):
                guessed.add((li, fi))
    return items, guessed, margin


def _layout_task(
    document: Document, pages: Iterator[int], params: LayoutParams
) -> Iterator[tuple[Any, ...]]:
    """A worker's task (:class:`~.reader.PageRun`): lay out the pages it takes.

    The margin of the page before its first page (of the second page, for the
    document's first page) is read first, so that the guess of running text on that
    page is usually right and the page need not be laid out again; after that, each
    page's guess comes from the page this worker laid out before (``n`` pages back,
    with ``n`` workers).
    """
    out: _Pages | None = None
    for index in pages:
        if out is None:
            out = _Pages(params, after_text=index > 0)
            seed = index - 1 if index > 0 else 1
            if seed < len(document):
                content = document.read_page(seed)
                out.seed(content.glyphs, content.height)
        content = document.read_page(index)
        out.add(content.glyphs, content.boxes, content.height)
        yield out.pages.pop().export()


def _without(lines: list[TextLine], drop: set[Ref]) -> list[TextLine]:
    """``lines`` without the fragments ``drop`` names (a line left empty goes)."""
    if not drop:
        return lines
    kept_lines: list[TextLine] = []
    for li, line in enumerate(lines):
        kept = [f for fi, f in enumerate(line.fragments) if (li, fi) not in drop]
        if len(kept) == len(line.fragments):
            kept_lines.append(line)
        elif kept:
            kept_lines.append(TextLine(kept, line.top, line.baseline, line.size))
    return kept_lines
