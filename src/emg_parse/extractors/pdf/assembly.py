"""Page assembly: pages laid out one by one, running text removed at the end.

:class:`_Pages` collects the pages, laid out here (:meth:`_Pages.add`) or by the
isolated reader's workers (:func:`_layout_task`, :meth:`_Pages.take`); the pages
whose running text was guessed wrong are laid out again at the end, here from the
lines kept, or by the isolated reader (:func:`_relayout_task`), so that no page a
worker read is parsed again in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from emg_parse.extractors.pdf.columns import OutLine, layout_page
from emg_parse.extractors.pdf.dedupe import dedupe_page
from emg_parse.extractors.pdf.lines import TextLine, page_lines
from emg_parse.extractors.pdf.objects import Box, PageGlyphs, Rule, horizontal_rules
from emg_parse.extractors.pdf.params import LayoutParams
from emg_parse.extractors.pdf.running import Margin, guess, place
from emg_parse.extractors.pdf.tables import Grid, find_grids
from emg_parse.extractors.running import Placed, Zone, running_texts
from emg_parse.lines import Line, LineBudget, Provenance, Style

if TYPE_CHECKING:
    from emg_parse.extractors.pdf.pdfium import Document


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
    """A page as laid out so far: its fragments, the guess of its running text, its
    lines laid out without the guessed fragments, and (when laid out in this process)
    what it was laid out from, to lay it out again."""

    __slots__ = ("first", "grids", "guess", "has_text", "items", "lines", "out", "rules")

    def __init__(
        self,
        has_text: bool,
        items: list[PlacedFragment],
        guess: set[Ref],
        first: bool,
        out: list[OutLine],
        lines: list[TextLine] | None = None,
        rules: list[Rule] | None = None,
        grids: list[Grid] | None = None,
    ) -> None:
        self.has_text = has_text
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
        self.grids = grids

    def export(self) -> tuple[Any, ...]:
        """The page without its lines and rules, as plain data (to send to another process)."""
        return (self.has_text, self.items, self.guess, self.first, self.out)

    @classmethod
    def imported(cls, data: tuple[Any, ...]) -> _PageText:
        return cls(*data)


class Redo(NamedTuple):
    """A page to lay out again: its index (from 0), the fragments to leave out (by
    ``(line, fragment)`` index), and whether it is the first page with text."""

    page: int
    drop: set[Ref]
    first: bool


#: Lays out again the pages of a list of :class:`Redo` s (read by another process:
#: this one does not have their lines); their lines, in the same order.
Relayout = Callable[[list[Redo]], list[list[OutLine]]]


class _Pages:
    """Pages laid out one by one as they are read; :meth:`lines` finishes the job.

    Running headers and footers can only be told once every page is read, but
    everything else is done page by page -- by worker processes with the pdfium
    engine: each page is laid out at once without the margin text that looks like
    a running header, footer or page number (:func:`~.running.guess`: a page number,
    or a text at about the same place in the margin of the page laid out before).
    :meth:`lines` then finds the running text properly
    (:func:`~emg_parse.extractors.running.running_texts`) and lays out again only
    the pages where the guess was wrong, so the result is exactly that of laying out
    every page after the fact.

    ``after_text``: the pages added come after pages with text (a worker's share
    of the pages other than the first); ``relayout`` lays out again pages that
    another process laid out (:meth:`take`); ``budget`` counts the lines of the pages
    added or taken (a worker's pages are counted when taken).
    """

    def __init__(
        self,
        params: LayoutParams,
        *,
        after_text: bool = False,
        relayout: Relayout | None = None,
        budget: LineBudget | None = None,
    ) -> None:
        self.params = params
        self.pages: list[_PageText] = []
        self.any_text = False
        self._previous_margin: Margin = {}
        self._emitted = after_text  # some page so far has output lines
        self._styles: dict[tuple[bool, bool, float | None], Style] = {}
        self._relayout = relayout
        self._budget = budget

    def add(self, glyphs: PageGlyphs, boxes: list[Box], height: float) -> None:
        params = self.params
        glyphs = dedupe_page(glyphs, params)
        has_text = glyphs.has_text()
        self.any_text = self.any_text or has_text
        lines = page_lines(glyphs, params)
        rules = horizontal_rules(boxes, params)
        grids = find_grids(boxes, params)
        items, guess, self._previous_margin = _margin(lines, height, self._previous_margin, params)
        first = not self._emitted
        out = layout_page(_without(lines, guess), rules, params, first_page=first, grids=grids)
        self._emitted = self._emitted or bool(out)
        self._count(out)
        self.pages.append(_PageText(has_text, items, guess, first, out, lines, rules, grids))

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
        redo = self._redo(self._running())
        again = dict(zip([r.page for r in redo], self._laid_out_again(redo), strict=True))
        out: list[Line] = []
        styles = self._styles
        tables = 0  # the ruled tables of the pages before, numbered through the document
        for index, page in enumerate(self.pages):
            number = index + 1
            emitted = again.get(index, page.out)
            seen = 0
            for n, (text, x, bold, italic, size, new_block, cell, table) in enumerate(emitted, 1):
                key = (bold, italic, size)
                style = styles.get(key)
                if style is None:
                    style = styles[key] = Style(bold=bold, italic=italic, size=size)
                if table is not None:
                    seen = max(seen, table + 1)
                    table += tables
                line = Line(text, Provenance(number, n), style, x, new_block, cell, table)
                out.append(line)
            tables += seen
        return out

    def _running(self) -> dict[int, set[Ref]]:
        """The running text of each page (by page index; a page without any is left out)."""
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
        return dropped

    def _redo(self, dropped: dict[int, set[Ref]]) -> list[Redo]:
        """The pages whose guess was wrong: a different running text, or laid out as
        the first page with text when it is not (or the other way round).

        A page has lines once its running text is left out when some fragment is left
        (``layout_page`` emits every word), so which page is the first with text is
        known before any page is laid out again.
        """
        redo: list[Redo] = []
        emitted = False
        for index, page in enumerate(self.pages):
            actual = dropped.get(index, set())
            first = not emitted
            if actual != page.guess or first != page.first:
                redo.append(Redo(index, actual, first))
            emitted = emitted or len(actual) < len(page.items)
        return redo

    def _laid_out_again(self, redo: list[Redo]) -> list[list[OutLine]]:
        """The lines of the pages ``redo`` names: laid out again here from their lines
        when this process has them, else by ``relayout``."""
        if not redo:
            return []
        if self._relayout is not None:
            return self._relayout(redo)
        out: list[list[OutLine]] = []
        for index, drop, first in redo:
            page = self.pages[index]
            assert page.lines is not None and page.rules is not None, "laid out elsewhere"
            out.append(
                layout_page(
                    _without(page.lines, drop),
                    page.rules,
                    self.params,
                    first_page=first,
                    grids=page.grids or [],
                )
            )
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


def _relayout_task(
    document: Document, pages: Iterator[int], params: LayoutParams, redo: dict[int, Redo]
) -> Iterator[list[OutLine]]:
    """A worker's task (:class:`~.reader.PageRun`) at the end: lay out again each page
    it takes, as ``redo`` says (by page index)."""
    for index in pages:
        content = document.read_page(index)
        lines = page_lines(dedupe_page(content.glyphs, params), params)
        rules = horizontal_rules(content.boxes, params)
        grids = find_grids(content.boxes, params)
        page = redo[index]
        yield layout_page(
            _without(lines, page.drop), rules, params, first_page=page.first, grids=grids
        )


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
