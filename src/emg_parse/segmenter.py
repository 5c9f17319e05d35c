"""Rule-based segmenter: clean blocks -> sections, decisions and nested items.

Rules, in the order they are applied:

1. **Sections.**  A block matching :data:`~emg_parse.patterns.SECTION` ("IV. Title")
   starts a section, however it is styled.  A short unlabelled block directly followed
   by an actor line is a section heading without a number.  Everything before the
   first section is the header zone (:mod:`emg_parse.header`).
2. **Actor.**  The first block of a section matching :data:`~emg_parse.patterns.ACTOR`
   is its actor ("The Senior Officials"), stored without the colon.  Blocks between
   the heading and the actor line are kept as the section's ``notes``.
3. **Decisions.**  After the actor line (or the heading when there is none) each
   labelled block and each unlabelled block is a decision, unless it is a sub-item:
4. **Items.**  A labelled block is an item of the open node that ends with ":" when
   it starts a list ("a", "i", "1"), or of the list it continues: the open lists are
   searched from the innermost out for one whose next label it is (so a nested list
   that ends with "; and" returns to its parent list).  A label that continues no list
   exactly joins the innermost open list it can stand in ("c": a letter or a roman
   numeral; but "i" is a letter only after "h") printed in the same shape ("a)", "(a)",
   "a."); failing that it opens a new list under the block before it.  Lists nest at
   most :data:`MAX_NESTING` levels deep: a label that would open a deeper list joins
   the innermost one.  Labels are normalised by :func:`emg_parse.labels.split_label`;
   "i" is a letter only after "h".
5. **Actions.**  Each decision's leading operative verbs (:mod:`emg_parse.actions`);
   a decision with none gets an ``unknown_verb`` warning.
6. **Warnings** record, with their location: the ``label_sequence`` and
   ``section_order`` findings of :mod:`emg_parse.sequence` on the structure built (gaps,
   repeats, wrong starts, items under a text without ":", sections out of order: the
   rules ``emg-parse validate`` applies to a file), sections without decisions, unknown
   verbs, labels without text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from emg_parse.actions import actions
from emg_parse.header import parse_header
from emg_parse.labels import Label, LabelKind, label_kind, ordinal, split_label
from emg_parse.lines import Block, Provenance
from emg_parse.model import DocumentInfo, ParseWarning, Section
from emg_parse.patterns import ACTOR, SECTION
from emg_parse.sequence import Finding, Paragraphs, item_findings, section_findings

_MAX_HEADING = 300
#: Lists open at most this many levels deep (documents nest three or four).
MAX_NESTING = 20


@dataclass
class _Node:
    label: str | None
    text: str
    source: Provenance
    children: list[_Node] = field(default_factory=list)


@dataclass
class _List:
    """An open list: its owner's children, its kind, last position and printed shape."""

    owner: _Node | None  # None: the section's decision list
    kind: LabelKind
    position: int
    shape: str


@dataclass
class Segmented:
    document: DocumentInfo
    sections: list[Section]
    warnings: list[ParseWarning]


def location(source: Provenance) -> dict[str, int | None]:
    """A :class:`~emg_parse.model.Location`'s fields."""
    return {"page": source.page, "line": source.line, "paragraph": source.paragraph}


def _where(source: Provenance) -> str:
    parts = [f"{k} {v}" for k, v in (("page", source.page), ("line", source.line),
                                     ("paragraph", source.paragraph)) if v is not None]  # fmt: skip
    return ", ".join(parts) or "unknown place"


def _is_heading(block: Block) -> bool:
    m = SECTION.match(block.text)
    return m is not None and len(block.text) <= _MAX_HEADING and not block.text.endswith(";")


def _is_unnumbered_heading(blocks: Sequence[Block], i: int) -> bool:
    block = blocks[i]
    return (
        i + 1 < len(blocks)
        and ACTOR.match(blocks[i + 1].text) is not None
        and ACTOR.match(block.text) is None
        and split_label(block.text) is None
        and len(block.text) <= 150
        and not block.text.endswith((":", ";", "."))
    )


def segment(blocks: Sequence[Block]) -> Segmented:
    """Split cleaned blocks into header, sections and decisions (see module docstring)."""
    warnings: list[ParseWarning] = []
    starts = [i for i in range(len(blocks))
              if _is_heading(blocks[i]) or _is_unnumbered_heading(blocks, i)]  # fmt: skip
    header_end = starts[0] if starts else len(blocks)
    sizes = [b.style.size for b in blocks[header_end:] if b.style.size]
    header = parse_header(blocks, header_end, median(sizes) if sizes else None)
    for message, block in header.problems:
        warnings.append(_warning("header", message, block.source))
    sections: list[Section] = []
    section_warnings: list[list[ParseWarning]] = []
    paragraphs = Paragraphs()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        section_warnings.append([])
        sections.append(_section(blocks[start:end], paragraphs, section_warnings[-1]))
    for finding in section_findings([(s.number, s.level) for s in sections]):
        section_warnings[finding.index].append(
            _warning(finding.code, finding.message, blocks[starts[finding.index]].source)
        )
    for own in section_warnings:
        warnings += own
    return Segmented(document=header.document, sections=sections, warnings=warnings)


def _warning(code: str, message: str, source: Provenance) -> ParseWarning:
    return ParseWarning.model_validate(
        {"code": code, "message": f"{message} ({_where(source)})", "where": location(source)}
    )


def _section(
    blocks: Sequence[Block], paragraphs: Paragraphs, warnings: list[ParseWarning]
) -> Section:
    heading = blocks[0]
    m = SECTION.match(heading.text)
    number, title = (m["number"], m["title"].strip()) if m else (None, heading.text)
    body = list(blocks[1:])
    actor: str | None = None
    notes: list[str] = []
    actor_at = next((i for i, b in enumerate(body) if ACTOR.match(b.text)), None)
    if actor_at is not None:
        actor_match = ACTOR.match(body[actor_at].text)
        assert actor_match is not None
        actor = " ".join(actor_match["actor"].split())
        notes = [b.text for b in body[:actor_at]]
        body = body[actor_at + 1 :]
    roots = _nest(body)
    _label_warnings(roots, paragraphs.decisions([r.label for r in roots], notes), warnings)
    decisions = [_decision(node, warnings) for node in roots]
    if not decisions:
        warnings.append(_warning("no_decisions", f"section {number or title!r} has no decisions",
                                 heading.source))
    # the whole section is validated at once: one call into pydantic, not one per item
    return Section.model_validate(
        {
            "number": number,
            "title": title,
            "actor": actor,
            "notes": notes,
            "source": location(heading.source),
            "decisions": decisions,
        }
    )


def _label_warnings(
    nodes: Sequence[_Node], findings: Iterator[Finding], warnings: list[ParseWarning]
) -> None:
    """The findings of one list (:mod:`emg_parse.sequence`, in the order of the list),
    then of the lists below it, in document order."""
    pending = next(findings, None)
    for index, node in enumerate(nodes):
        while pending is not None and pending.index == index:
            warnings.append(_warning(pending.code, pending.message, node.source))
            pending = next(findings, None)
        if node.children:
            children = node.children
            found = item_findings([c.label for c in children], node.text)
            _label_warnings(children, found, warnings)


def _nest(blocks: Sequence[Block]) -> list[_Node]:
    """Build the decision tree of one section (rule 4)."""
    roots: list[_Node] = []
    stack: list[_List] = []  # open lists, outermost first
    last: _Node | None = None
    for block in blocks:
        split = split_label(block.text)
        if split is None:
            node = _Node(None, block.text, block.source)
            roots.append(node)
            stack = []
            last = node
            continue
        label, text = split
        node = _Node(label.value, text, block.source)
        target = _place(label, stack, last)
        if target is None:
            roots.append(node)
        else:
            target.children.append(node)
        last = node
    return roots


def _place(label: Label, stack: list[_List], last: _Node | None) -> _Node | None:
    """Find the list ``label`` belongs to, updating ``stack``; return its owner."""
    # 1. It continues an open list exactly (innermost first).
    for depth in range(len(stack) - 1, -1, -1):
        open_list = stack[depth]
        kind = label_kind(label, (open_list.kind, open_list.position))
        continues = kind == open_list.kind and ordinal(label, kind) == open_list.position + 1
        # A new sub-list may start here instead ("i" after "h:" opens a roman list).
        opens = last is not None and last.text.endswith(":") and _starts_list(label)
        if continues and not opens:
            del stack[depth + 1 :]
            open_list.position += 1
            return open_list.owner
    # 2. It starts a list under the open node that ends with ":".
    if _starts_list(label) and (last is None or last.text.endswith(":") or not stack):
        owner = last if last is not None and last.text.endswith(":") else None
        return _open(label, owner, stack)
    # 3. Nearest open list it can stand in, of the same printed shape (a gap or repeat);
    # "i" stands in a letter list only after "h": elsewhere it starts a roman list.
    for depth in range(len(stack) - 1, -1, -1):
        open_list = stack[depth]
        kind = label_kind(label, (open_list.kind, open_list.position))
        can_stand = kind == open_list.kind or (label.reads_as(open_list.kind)
                                               and not _starts_list(label))  # fmt: skip
        if can_stand and label.shape == open_list.shape:
            del stack[depth + 1 :]
            return _join(label, open_list)
    # 4. Otherwise a new list: under the last node if there is one, else at the top.
    return _open(label, last if last is not None and stack else None, stack)


def _open(label: Label, owner: _Node | None, stack: list[_List]) -> _Node | None:
    """Open a list at ``label`` under ``owner`` (None: at the top); ``label`` joins the
    innermost open list instead when that would nest deeper than MAX_NESTING."""
    if owner is None:
        stack.clear()
    elif len(stack) >= MAX_NESTING:
        return _join(label, stack[-1])
    kind = label_kind(label, None)
    stack.append(_List(owner, kind, ordinal(label, kind), label.shape))
    return owner


def _join(label: Label, open_list: _List) -> _Node | None:
    """Add ``label`` to ``open_list`` out of sequence; the list goes on from it."""
    if label.reads_as(open_list.kind):
        open_list.position = ordinal(label, open_list.kind)
    return open_list.owner


def _starts_list(label: Label) -> bool:
    return label.value in ("a", "i", "1")
def _item(node: _Node, warnings: list[ParseWarning]) -> dict[str, Any]:
    """An :class:`~emg_parse.model.Item`'s fields."""
    _check_text(node, warnings)
    return {
        "label": node.label,
        "text": node.text,
        "source": location(node.source),
        "items": [_item(child, warnings) for child in node.children],
    }


def _check_text(node: _Node, warnings: list[ParseWarning]) -> None:
    if not node.text and not node.children:
        warnings.append(_warning("empty_text", f"item {node.label!r} has no text", node.source))


def _decision(node: _Node, warnings: list[ParseWarning]) -> dict[str, Any]:
    """A :class:`~emg_parse.model.Decision`'s fields."""
    verbs = actions(node.text)
    _check_text(node, warnings)
    if not verbs and node.text:
        start = " ".join(node.text.split()[:4])
        warnings.append(_warning(
            "unknown_verb", f"decision does not start with a known verb: {start!r}", node.source
        ))  # fmt: skip
    return {
        "label": node.label,
        "text": node.text,
        "actions": verbs,
        "source": location(node.source),
        "items": [_item(child, warnings) for child in node.children],
    }
