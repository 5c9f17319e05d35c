"""The tuning numbers of the PDF layout, named, in one object.

:class:`LayoutParams` is passed down through the layers (``dedupe`` -> ``words`` ->
``lines`` -> ``running`` -> ``columns``); no layer keeps a tuning number of its own
(how often running text recurs is the rule shared with the text reader, in
:mod:`emg_parse.extractors.running`).
Distances are in points; a number "of the size" is a multiple of the type size.
The defaults are what every sample, golden and generated test document is read with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutParams:
    """How glyphs become words, lines, blocks and running text (see each field)."""

    # --- rules (objects) ------------------------------------------------------------
    #: A drawn shape is a rule only when it is this many times wider than high ...
    rule_aspect: float = 2.0
    #: ... and at least this wide (times that, in points).
    rule_min_height: float = 1.0
    #: A shape at most this high is one rule through its middle; a higher one gives
    #: its top and bottom edges (a table row's borders).
    rule_bar_height: float = 2.0

    # --- ruled tables (tables) ------------------------------------------------------
    #: A drawn shape at most this thick is one table edge through its middle; a
    #: larger one gives its four sides.
    table_edge_width: float = 3.0
    #: Edges of one direction this close are moved to one position, and a vertical
    #: and a horizontal edge this close cross ...
    table_snap: float = 3.0
    #: ... edges on one position at most this far apart are joined ...
    table_join: float = 3.0
    #: ... and an edge shorter than this is no table edge.
    table_min_edge: float = 3.0

    # --- fake bold (dedupe) ---------------------------------------------------------
    #: Two glyphs with the same text, font and size whose corners lie within this
    #: distance in x and in y are one glyph drawn twice ...
    dedupe_tolerance: float = 1.0
    #: ... a distance no larger than this share of the size (so that two real adjacent
    #: "ll" in tiny type are never merged) ...
    dedupe_size_share: float = 0.15
    #: ... nor smaller than this.
    dedupe_min_tolerance: float = 0.01

    # --- words ----------------------------------------------------------------------
    #: A word ends at a gap wider than this share of the size ...
    word_gap: float = 0.2
    #: ... or where the next glyph starts this share of the size left of the last end.
    word_backstep: float = 1.0
    #: Glyphs of two runs join one word when their boxes overlap vertically by this
    #: share of the smaller height.
    word_overlap: float = 0.5

    # --- lines (rows, superscripts, fragments) --------------------------------------
    #: A word joins a line when its box overlaps the line's core (its largest glyphs)
    #: by this share of the smaller height ...
    row_overlap: float = 0.5
    #: ... looking at this many of the lines made last.
    row_lookback: int = 2
    #: Glyph sizes this close count as the line's main size (for its baseline).
    size_tolerance: float = 0.06
    #: A superscript is at most this share of the line's main size ...
    superscript_size: float = 0.85
    #: ... and its bottom this share of the main size above the baseline.
    superscript_rise: float = 0.15
    #: A superscript ordinal ("th") joins a number at most this share of the main size away.
    ordinal_gap: float = 0.6
    #: A number of at most this many digits opening a line is a label (a footnote's
    #: "1", a paragraph number): the gap after it splits no column.
    label_digits: int = 3
    #: A line splits into column fragments only at a gap wider than this share of the
    #: size ...
    column_gap_size: float = 1.2
    #: ... and than this many median character widths ...
    column_gap_chars: float = 3.0
    #: ... and, when the line has this many other narrower gaps, this many times their
    #: median (a gap that stands out) ...
    column_gap_outlier: float = 2.5
    column_gap_others: int = 2
    #: ... but never in a justified line: this many gaps or more, all wide and the
    #: widest under this many times the narrowest.
    justified_gaps: int = 3
    justified_spread: float = 1.25

    # --- running headers, footers, page numbers (the rule: extractors/running.py) ----
    #: The top and bottom margins: this share of the page height.
    margin_share: float = 0.12
    #: Margin texts within this distance of each other (from the page edge) are at
    #: the same place.
    running_tolerance: float = 6.0

    # --- columns and reading order --------------------------------------------------
    #: A line starts a new block when it is more than this many line pitches below
    #: the line before it.
    paragraph_gap: float = 1.4
    #: The line pitch is this quantile of the distances between lines ...
    pitch_quantile: float = 0.25
    #: ... when there are at least this many; else the smallest, at most this many
    #: times the median size ...
    pitch_min_count: int = 4
    pitch_of_size: float = 1.2
    #: ... or this many points on a page without text sizes.
    pitch_default: float = 12.0
    #: Distances under this share of the smaller size are the same line, no pitch.
    pitch_min_step: float = 0.5
    #: A rule lies between two lines when it is this far below the upper baseline.
    rule_clearance: float = 0.5
    #: A rule separates a single line from the one above when it spans this share of
    #: the line's width.
    rule_span_share: float = 0.5
    #: Text starts at a column of a block when its left edge is this close to the
    #: column's anchor ...
    anchor_tolerance: float = 3.0
    #: ... and a word at an anchor starts a new piece after a gap of this share of
    #: the size.
    anchor_gap: float = 0.1
    #: A line whose first piece starts this many sizes right of the first column
    #: (a centred title) does not join the block.
    centred_offset: float = 2.0
    #: The right edge of a page's text is this quantile of its lines' right edges (low
    #: enough that a page number or an overlong address beyond the margin does not
    #: set it) ...
    text_edge_quantile: float = 0.75
    #: ... and a line followed by a line whose first word, after a space of this share
    #: of the type size, would have ended left of that edge was not wrapped: the next
    #: line starts a block (a heading with its text right under it).
    space_share: float = 0.25


#: The parameters every document is read with unless a caller gives others.
DEFAULT_PARAMS = LayoutParams()
