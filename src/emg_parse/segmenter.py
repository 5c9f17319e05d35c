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
   exactly is attached to the innermost list of the same kind and printed shape, with
   a ``label_sequence`` warning.  Lists nest to any depth.  Labels are normalised by
   :func:`emg_parse.labels.split_label`; "i" is a letter only after "h".
5. **Actions.**  Each decision's leading operative verbs (:mod:`emg_parse.actions`);
   a decision with none gets an ``unknown_verb`` warning.
6. **Warnings** record, with their location: label gaps and repeats, section numbers
   out of order, sections without decisions, unknown verbs, labels without text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from emg_parse.actions import actions
from emg_parse.header import parse_header
from emg_parse.labels import Label, LabelKind, format_ordinal, label_kind, ordinal, split_label
from emg_parse.labels import roman_to_int as _roman
from emg_parse.lines import Block, Provenance
from emg_parse.model import DocumentInfo, ParseWarning, Section
from emg_parse.patterns import ACTOR, SECTION

_MAX_HEADING = 300


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
    header = parse_header(blocks[:header_end], median(sizes) if sizes else None)
    for message, block in header.problems:
        warnings.append(_warning("header", message, block.source))
    sections: list[Section] = []
    previous_number = 0
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        section = _section(blocks[start:end], warnings)
        if section.number is not None:
            value = _roman(section.number)
            if value != previous_number + 1:
                warnings.append(_warning(
                    "section_order",
                    f"section {section.number} follows "
                    f"{format_ordinal(previous_number, 'roman').upper() or 'the header'}",
                    blocks[start].source,
                ))  # fmt: skip
            previous_number = value
        sections.append(section)
    return Segmented(document=header.document, sections=sections, warnings=warnings)


def _warning(code: str, message: str, source: Provenance) -> ParseWarning:
    return ParseWarning.model_validate(
        {"code": code, "message": f"{message} ({_where(source)})", "where": location(source)}
    )


def _section(blocks: Sequence[Block], warnings: list[ParseWarning]) -> Section:
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
    roots = _nest(body, warnings)
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


def _nest(blocks: Sequence[Block], warnings: list[ParseWarning]) -> list[_Node]:
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
        node = _Node(None, text, block.source)
        node.label = label.value
        target = _place(label, stack, last, block.source, warnings)
        if target is None:
            roots.append(node)
        else:
            target.children.append(node)
        last = node
    return roots


def _place(
    label: Label,
    stack: list[_List],
    last: _Node | None,
    source: Provenance,
    warnings: list[ParseWarning],
) -> _Node | None:
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
        kind = label_kind(label, None)
        owner = last if last is not None and last.text.endswith(":") else None
        if owner is None:
            stack.clear()
        stack.append(_List(owner, kind, 1, label.shape))
        return owner
    # 3. Nearest open list of the same kind and shape; warn about the gap or repeat.
    for depth in range(len(stack) - 1, -1, -1):
        open_list = stack[depth]
        kind = label_kind(label, (open_list.kind, open_list.position))
        if kind == open_list.kind and label.shape == open_list.shape:
            position = ordinal(label, kind)
            expected = format_ordinal(open_list.position + 1, kind)
            after = format_ordinal(open_list.position, kind)
            what = "repeats" if position <= open_list.position else "skips"
            warnings.append(_warning(
                "label_sequence",
                f"label {label.value!r} {what} after {after!r} (expected {expected!r})",
                source,
            ))  # fmt: skip
            del stack[depth + 1 :]
            open_list.position = position
            return open_list.owner
    # 4. Otherwise a new list: under the last node if there is one, else at the top.
    kind = label_kind(label, None)
    position = ordinal(label, kind)
    warnings.append(_warning(
        "label_sequence", f"list starts at label {label.value!r}", source
    ))  # fmt: skip
    owner = last if last is not None and stack else None
    if owner is None:
        stack.clear()
    stack.append(_List(owner, kind, position, label.shape))
    return owner


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
