"""Rule-based segmenter: clean blocks -> header, sections with their decisions, annexes.

Rules, in the order they are applied:

1. **Parts.**  :mod:`emg_parse.headings` finds the section headings (number, title,
   level) and where the annexes start.  Everything before the first heading is the
   header zone (:mod:`emg_parse.header`); a section runs to the next heading or to the
   annexes.
2. **Body.**  :mod:`emg_parse.paragraphs` reads each section's body: its actor line,
   its notes and its decisions with their items (in-sentence actors, inline lists).
3. **Annexes.**  Each annex is its heading line as printed (``title``) and the text of
   its blocks, one a line, that line included (``text``).
4. **Actions.**  Each decision's operative verbs (:mod:`emg_parse.actions`), read from
   its text -- after its actor when it names one; a decision with none gets an
   ``unknown_verb`` warning.
5. **Warnings** record, with their location: the ``label_sequence`` and
   ``section_order`` findings of :mod:`emg_parse.sequence` on the structure built (gaps,
   repeats, wrong starts, items under a text without ":", sections out of order: the
   rules ``emg-parse validate`` applies to a file), sections without decisions (not a
   level-1 section whose level-2 sections follow it at once), unknown verbs, labels
   without text.
6. **Tables.**  The rows of action-point tables are read first (:mod:`emg_parse.tables`):
   a row of a table with an agenda column starts a level-1 section (its number and
   title from that column; a row whose agenda cell is empty goes on with the section
   above), and the blocks of its action cell are read as the section's body, one row at
   a time (a list never runs from one row into the next; the first actor line of the
   rows is the section's).  Every decision of a row carries the row's other cells as
   its ``attributes``; elsewhere ``attributes`` is empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from emg_parse.header import parse_header
from emg_parse.headings import Heading, find_parts
from emg_parse.lines import Block, Provenance
from emg_parse.model import Annex, DocumentInfo, ParseWarning, Section
from emg_parse.notices import WarningCode
from emg_parse.paragraphs import Body, Node, read_body, verbs_of
from emg_parse.patterns import ANNEX
from emg_parse.sequence import Finding, Paragraphs, item_findings, section_findings
from emg_parse.tables import RowKey, flatten, read_tables


@dataclass
class Segmented:
    document: DocumentInfo
    sections: list[Section]
    warnings: list[ParseWarning]
    annexes: list[Annex] = field(default_factory=list)


def location(source: Provenance) -> dict[str, int | None]:
    """A :class:`~emg_parse.model.Location`'s fields."""
    return {"page": source.page, "line": source.line, "paragraph": source.paragraph}


def _where(source: Provenance) -> str:
    parts = [
        f"{k} {v}"
        for k, v in (("page", source.page), ("line", source.line), ("paragraph", source.paragraph))
        if v is not None
    ]
    return ", ".join(parts) or "unknown place"


def segment(blocks: Sequence[Block]) -> Segmented:
    """Split cleaned blocks into header, sections and annexes (see module docstring)."""
    warnings: list[ParseWarning] = []
    flat = flatten(blocks, read_tables(blocks))
    blocks = flat.blocks
    parts = find_parts(blocks, flat.headings, flat.rows)
    header_end = parts.header_end
    sizes = [b.style.size for b in blocks[header_end:] if b.style.size]
    header = parse_header(blocks, header_end, median(sizes) if sizes else None)
    for message, block in header.problems:
        warnings.append(_warning(WarningCode.HEADER, message, block.source))
    headings = parts.headings
    sections: list[Section] = []
    section_warnings: list[list[ParseWarning]] = []
    paragraphs = Paragraphs()
    for n, heading in enumerate(headings):
        following = headings[n + 1] if n + 1 < len(headings) else None
        end = following.index if following is not None else parts.annexes
        section_warnings.append([])
        parent = following is not None and following.level > heading.level
        sections.append(
            _section(
                blocks[heading.index : end],
                heading,
                parent,
                paragraphs,
                section_warnings[-1],
                (flat.rows[heading.index + 1 : end], flat.attributes),
            )
        )
    for finding in section_findings([(s.number, s.level) for s in sections]):
        section_warnings[finding.index].append(
            _warning(
                WarningCode(finding.code),
                finding.message,
                blocks[headings[finding.index].index].source,
            )
        )
    for own in section_warnings:
        warnings += own
    return Segmented(
        document=header.document,
        sections=sections,
        warnings=warnings,
        annexes=_annexes(blocks[parts.annexes :]),
    )


def _annexes(blocks: Sequence[Block]) -> list[Annex]:
    """Rule 3: ``blocks`` start with an annex heading; each annex runs to the next."""
    annexes: list[dict[str, Any]] = []
    for block in blocks:
        if ANNEX.match(block.text) or not annexes:
            annexes.append({"title": block.text, "text": [], "source": location(block.source)})
        else:
            annexes[-1]["text"].append(block.text)
    return [Annex.model_validate({**a, "text": "\n".join(a["text"])}) for a in annexes]


def _warning(code: WarningCode, message: str, source: Provenance) -> ParseWarning:
    return ParseWarning.model_validate(
        {"code": code, "message": f"{message} ({_where(source)})", "where": location(source)}
    )


def _section(
    blocks: Sequence[Block],
    heading: Heading,
    parent: bool,
    paragraphs: Paragraphs,
    warnings: list[ParseWarning],
    rows: tuple[Sequence[RowKey | None], Mapping[RowKey, dict[str, str]]],
) -> Section:
    """One section: ``blocks`` from its heading on; ``parent`` when level-2 sections
    follow it at once; ``rows`` the table row of each block after the heading and the
    rows' attributes (rule 6)."""
    source = blocks[0].source
    body, attributes = _body(blocks[1:], *rows)
    found = paragraphs.decisions([d.label for d in body.decisions], body.notes)
    _label_warnings(body.decisions, found, warnings)
    decisions = [
        {**_decision(node, warnings), "attributes": attributes.get(id(node), {})}
        for node in body.decisions
    ]
    if not decisions and not (parent and len(blocks) == 1):
        what = heading.number or heading.title
        warnings.append(
            _warning(WarningCode.NO_DECISIONS, f"section {what!r} has no decisions", source)
        )
    # the whole section is validated at once: one call into pydantic, not one per item
    return Section.model_validate(
        {
            "number": heading.number,
            "level": heading.level,
            "title": heading.title,
            "actor": body.actor,
            "notes": body.notes,
            "source": location(source),
            "decisions": decisions,
        }
    )


def _body(
    blocks: Sequence[Block],
    rows: Sequence[RowKey | None],
    attributes: Mapping[RowKey, dict[str, str]],
) -> tuple[Body, dict[int, dict[str, str]]]:
    """Rule 6: the body of a section, read a table row at a time; and the attributes of
    each decision that comes from a row (by ``id`` of its node)."""
    if not any(row is not None for row in rows):
        return read_body(blocks), {}
    body = Body(None, [], [])
    given: dict[int, dict[str, str]] = {}
    start = 0
    while start < len(blocks):
        end = start + 1
        while end < len(blocks) and rows[end] == rows[start]:
            end += 1
        part = read_body(blocks[start:end])
        body.actor = body.actor or part.actor
        body.notes += part.notes
        body.decisions += part.decisions
        row = rows[start]
        if row is not None:
            for node in part.decisions:
                given[id(node)] = attributes[row]
        start = end
    return body, given


def _label_warnings(
    nodes: Sequence[Node], findings: Iterator[Finding], warnings: list[ParseWarning]
) -> None:
    """The findings of one list (:mod:`emg_parse.sequence`, in the order of the list),
    then of the lists below it, in document order."""
    pending = next(findings, None)
    for index, node in enumerate(nodes):
        while pending is not None and pending.index == index:
            warnings.append(_warning(WarningCode(pending.code), pending.message, node.source))
            pending = next(findings, None)
        if node.children:
            children = node.children
            found = item_findings([c.label for c in children], node.text)
            _label_warnings(children, found, warnings)


def _item(node: Node, warnings: list[ParseWarning]) -> dict[str, Any]:
    """An :class:`~emg_parse.model.Item`'s fields."""
    _check_text(node, warnings)
    return {
        "label": node.label,
        "text": node.text,
        "source": location(node.source),
        "items": [_item(child, warnings) for child in node.children],
    }


def _check_text(node: Node, warnings: list[ParseWarning]) -> None:
    if not node.text and not node.children:
        warnings.append(
            _warning(WarningCode.EMPTY_TEXT, f"item {node.label!r} has no text", node.source)
        )


def _decision(node: Node, warnings: list[ParseWarning]) -> dict[str, Any]:
    """A :class:`~emg_parse.model.Decision`'s fields."""
    verbs = verbs_of(node)
    _check_text(node, warnings)
    if not verbs and node.text:
        start = " ".join(node.text.split()[:4])
        warnings.append(
            _warning(
                WarningCode.UNKNOWN_VERB,
                f"decision does not start with a known verb: {start!r}",
                node.source,
            )
        )
    return {
        "label": node.label,
        "actor": node.actor,
        "text": node.text,
        "actions": verbs,
        "source": location(node.source),
        "items": [_item(child, warnings) for child in node.children],
    }
