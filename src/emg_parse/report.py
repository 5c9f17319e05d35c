"""The archive as one self-contained HTML page: meetings, a timeline of the bodies, the
requests by addressee, and every decision with a search box and filters.

:func:`prepare` reads a converted folder (:mod:`emg_parse.archive`, one document at a
time) into a :class:`Report`; :func:`render` makes the page of it; :func:`report_html`
does both.  Nothing is printed.  Guarantees and rules:

1. **Self-contained.**  One HTML file with its CSS and JavaScript inline: no font,
   script, style sheet or image is fetched, and a Content-Security-Policy forbids the
   page to load anything (it works from ``file://``, offline).  The timeline is inline
   SVG; the search box and filters are plain JavaScript over the table rows (without
   JavaScript every row is shown).
2. **Hostile text.**  Every text that comes from a document or a file name is escaped
   (:func:`html.escape`, quotes too) before it goes into the page, as element text or
   as an attribute; the filters' values are JSON inside escaped attributes.  No text
   of a document ever reaches a ``<script>`` element.
3. **Deterministic.**  The same folder, written to the same place, gives the same
   bytes: documents in key order, meetings in the register's order, no clock.
4. **Meetings** (columns of the timeline, rows of the meetings table): the numbered
   meetings in number order, then each document without a meeting number as a meeting
   of its own (by date, then key), as :mod:`emg_parse.register` orders them; each
   field is the first known among its documents (:func:`emg_parse.archive.merge_meetings`).
   ``decisions`` counts the decisions of documents that record them, ``proposed``
   those of documents that propose them (``document.status: proposed``).
5. **Timeline**: one row per body of the register (:mod:`emg_parse.register`, its order
   and its names), a column per meeting, a mark per event (its shape: the event; hollow:
   a proposal), coloured by the body's current status; a line runs from its first to
   its last reference.  Each mark links to its decision in the table.
6. **Requests**: every decision that names addressees (whom it asks to act), grouped
   by addressee (its normalised name, else the text as printed; groups in alphabetical
   order), sorted by due date: a deadline's date (``date``, ``until``; the last year of
   a ``period``), the date of the meeting a ``meeting`` or ``next_meeting`` deadline
   names when the archive has it, the decision's meeting date plus a ``duration``; the
   earliest of a decision's deadlines; decisions without a known date last, in meeting
   order.  A request is **open** when it was made at the last meeting of the archive,
   or when one of its deadlines is not past that meeting: a due date in or after the
   year, month or day of the last meeting's date (as precise as the deadline), or a
   meeting from the last one on.  All requests are listed; open ones are marked, and
   a check box shows only them.
7. **Links**: each decision links to its document: the input file the batch
   converted (the manifest's ``archive`` folder and the row's ``path``), else (a folder
   without a manifest) the converted file; as a path relative to the folder the report
   is written to (``base``), so the links hold wherever that is (inside CONVERTED_DIR
   or beside it) as long as the archive stays where the batch found it.  A PDF link
   ends with ``#page=N``; a Word paragraph or a text line is named beside the link.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from urllib.parse import quote

from emg_parse import __version__
from emg_parse.archive import Archive, ArchiveDocument
from emg_parse.errors import InputError, SameFileError, shown
from emg_parse.model import BodyEvent, Deadline, Decision, Item, Location, Meeting
from emg_parse.names import DATA
from emg_parse.register import Body, Collector, Event, Names, Register, load_names, meeting_label
from emg_parse.writers import OutputTarget

#: The page's skeleton (a :class:`string.Template`: ``$title``, ``$policy``, ``$style``,
#: ``$script``, ``$body``, ``$version``), its style sheet and its script.
TEMPLATE_FILE = DATA / "report.html"
STYLE_FILE = DATA / "report.css"
SCRIPT_FILE = DATA / "report.js"

#: The events in the legend's order, and the current statuses with their colours.
EVENTS: tuple[BodyEvent, ...] = (
    "established",
    "extended",
    "renamed",
    "terms_of_reference",
    "transferred",
    "concluded",
)
STATUSES = ("active", "concluded", "transferred", "unknown")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Link:
    """Where a decision or document is: ``href`` relative to the report, ``text`` the
    file's path as shown, ``where`` the place in it (``p. 3``, ``¶ 12``, ``line 5``)."""

    href: str
    text: str
    where: str = ""


@dataclass
class MeetingRow:
    """One meeting (rule 4)."""

    label: str
    number: int | None
    date: dt.date | None
    end_date: dt.date | None
    venue: str | None
    documents: list[Link] = field(default_factory=list)
    decisions: int = 0
    proposed: int = 0
    items: int = 0
    requests: int = 0


@dataclass(frozen=True, slots=True)
class ItemLine:
    """An item of a decision, flattened: its depth (1: the decision's own items)."""

    depth: int
    label: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One decision as the table shows it."""

    anchor: str
    meeting: str
    id: str
    section: str
    text: str
    items: tuple[ItemLine, ...]
    actions: tuple[str, ...]
    addressees: tuple[str, ...]
    deadlines: tuple[str, ...]
    #: The bodies it names: the register's current name, else the name as printed.
    bodies: tuple[str, ...]
    link: Link
    proposed: bool


@dataclass(frozen=True, slots=True)
class Request:
    """A decision that asks an addressee to act (rule 6)."""

    decision: DecisionRow
    #: ISO date, as precise as known (``2020``, ``2020-11``, ``2020-11-30``); None: unknown.
    due: str | None
    open: bool


@dataclass(frozen=True, slots=True)
class Mark:
    """An event of a body on the timeline: its meeting's column and its decision row."""

    column: int
    event: Event
    anchor: str | None


@dataclass(frozen=True, slots=True)
class TimelineRow:
    body: Body
    marks: tuple[Mark, ...]
    #: Columns of its first and last reference (None: no reference at a known meeting).
    span: tuple[int, int] | None


@dataclass
class Report:
    """What the page shows."""

    meetings: list[MeetingRow]
    timeline: list[TimelineRow]
    #: Addressee -> its requests, in rule 6's order.
    requests: list[tuple[str, list[Request]]]
    decisions: list[DecisionRow]
    documents: int
    #: Files of the folder left out (not valid, unreadable).
    left_out: int


@dataclass
class _Builder:
    """What :func:`prepare` gathers as the documents are read."""

    archive: Archive
    base: Path
    collector: Collector = field(default_factory=Collector)
    decisions: list[DecisionRow] = field(default_factory=list)
    #: The decision rows of each document with deadlines and addressees, for the requests.
    asked: list[tuple[DecisionRow, Decision, int | None, dt.date | None]] = field(
        default_factory=list
    )
    #: (document key, decision id) -> row anchor.
    anchors: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Per meeting label: its documents and counts.
    tallies: dict[str, MeetingRow] = field(default_factory=dict)
    unnumbered: list[tuple[str, Meeting]] = field(default_factory=list)
    documents: int = 0


def prepare(archive: Archive, base: Path, names: Names | None = None) -> Report:
    """The report of ``archive``'s documents (module docstring), its links relative to
    the folder ``base``.  ``names``: as :func:`emg_parse.register.load_names` gives them
    (None: the bundled ones).  Files that cannot be used are added to
    ``archive.problems``; raises :class:`~emg_parse.errors.InputError` when no document
    could be read."""
    words, aliases = names or load_names()
    builder = _Builder(archive, base)
    for document in archive.documents():
        _add(builder, document)
    if not builder.documents:
        raise InputError(archive.folder, "no document could be read")
    register = builder.collector.register(words, aliases)
    meetings = _meetings(builder)
    columns = {row.label: n for n, row in enumerate(meetings)}
    decisions = [_named_bodies(row, register) for row in builder.decisions]
    by_anchor = {row.anchor: row for row in decisions}
    return Report(
        meetings=meetings,
        timeline=[_timeline_row(body, columns, builder.anchors) for body in register.bodies],
        requests=_requests(builder, by_anchor, meetings),
        decisions=decisions,
        documents=builder.documents,
        left_out=len(archive.problems),
    )


def _add(builder: _Builder, document: ArchiveDocument) -> None:
    builder.documents += 1
    builder.collector.add(document)
    info = document.document.document
    meeting = info.meeting
    label = meeting_label(meeting.number, document.key)
    if meeting.number is None:
        builder.unnumbered.append((document.key, meeting))
    tally = builder.tallies.setdefault(label, MeetingRow(label, meeting.number, None, None, None))
    tally.documents.append(_link(builder, document, Location()))
    for section in document.document.sections:
        heading = " ".join(part for part in (section.number, section.title) if part)
        for decision in section.decisions:
            assert decision.id is not None
            anchor = f"d{len(builder.decisions) + 1}"
            builder.anchors[document.key, decision.id] = anchor
            row = DecisionRow(
                anchor=anchor,
                meeting=label,
                id=decision.id,
                section=heading,
                text=decision.text,
                items=tuple(_flatten(decision.items, 1)),
                actions=tuple(decision.actions),
                addressees=_unique(_addressee(one.name, one.text) for one in decision.addressees),
                deadlines=_unique(one.text for one in decision.deadlines),
                bodies=_unique(one.name or one.text for one in decision.bodies),
                link=_link(builder, document, decision.source),
                proposed=document.proposed,
            )
            builder.decisions.append(row)
            if document.proposed:
                tally.proposed += 1
            else:
                tally.decisions += 1
            tally.items += len(row.items)
            if row.addressees:
                tally.requests += 1
                builder.asked.append((row, decision, meeting.number, meeting.date))


def _addressee(name: str | None, text: str) -> str:
    return name or text


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _flatten(items: Sequence[Item], depth: int) -> Iterator[ItemLine]:
    for item in items:
        yield ItemLine(depth, item.label, item.text)
        yield from _flatten(item.items, depth + 1)


def _link(builder: _Builder, document: ArchiveDocument, where: Location) -> Link:
    """Rule 7: the input file (or the converted file) relative to the report."""
    sources = builder.archive.sources
    if sources is not None and document.path is not None:
        target, text = sources / document.path, document.path
    else:
        target, text = builder.archive.folder / document.key, document.key
    relative = Path(os.path.relpath(os.path.abspath(target), os.path.abspath(builder.base)))
    href = quote(relative.as_posix(), safe="/")
    place = ""
    if where.page is not None:
        href += f"#page={where.page}"
        place = f"p. {where.page}"
    elif where.paragraph is not None:
        place = f"¶ {where.paragraph}"
    elif where.line is not None:
        place = f"line {where.line}"
    return Link(href, text, place)


def _meetings(builder: _Builder) -> list[MeetingRow]:
    """Rule 4: numbered meetings in order, then the documents without a number."""
    merged = builder.collector.merged_meetings()
    rows = []
    for number, meeting in merged.items():
        row = builder.tallies[meeting_label(number, "")]
        rows.append(_with_fields(row, meeting))
    unnumbered = sorted(
        builder.unnumbered,
        key=lambda pair: (pair[1].date.isoformat() if pair[1].date else "~", pair[0]),
    )
    for key, meeting in unnumbered:
        rows.append(_with_fields(builder.tallies[key], meeting))
    return rows


def _with_fields(row: MeetingRow, meeting: Meeting) -> MeetingRow:
    row.date, row.end_date, row.venue = meeting.date, meeting.end_date, meeting.venue
    return row


def _named_bodies(row: DecisionRow, register: Register) -> DecisionRow:
    """``row`` with each body under the register's current name (when it lists it)."""
    bodies = _unique(register.body_of(name) or name for name in row.bodies)
    if bodies == row.bodies:
        return row
    return DecisionRow(
        row.anchor,
        row.meeting,
        row.id,
        row.section,
        row.text,
        row.items,
        row.actions,
        row.addressees,
        row.deadlines,
        bodies,
        row.link,
        row.proposed,
    )


def _timeline_row(
    body: Body, columns: dict[str, int], anchors: dict[tuple[str, str], str]
) -> TimelineRow:
    marks = tuple(
        Mark(
            columns[meeting_label(e.meeting, e.document)],
            e,
            anchors.get((e.document, e.decision)),
        )
        for e in body.events
    )
    labels = [meeting_label(body.first_meeting, ""), meeting_label(body.last_meeting, "")]
    ends = [columns[label] for label in labels if label in columns]
    used = [mark.column for mark in marks] + ends
    span = (min(used), max(used)) if used else None
    return TimelineRow(body, marks, span)


_DURATION = re.compile(r"P(\d+)([YMW])")


def due(deadline: Deadline, made: dt.date | None, dates: dict[int, dt.date]) -> str | None:
    """Rule 6: the date ``deadline`` falls due, as precise as known (``made``: the date
    of the decision's meeting; ``dates``: the archive's meetings' dates)."""
    if deadline.kind in ("date", "until"):
        return deadline.value
    if deadline.kind == "period" and deadline.value:
        return deadline.value.rsplit("/", 1)[-1]
    if deadline.kind in ("meeting", "next_meeting") and deadline.meeting is not None:
        date = dates.get(deadline.meeting)
        return date.isoformat() if date is not None else None
    match = _DURATION.fullmatch(deadline.value or "")
    if deadline.kind == "duration" and match is not None and made is not None:
        count, unit = int(match.group(1)), match.group(2)
        if unit == "W":
            return (made + dt.timedelta(weeks=count)).isoformat()
        months = made.year * 12 + made.month - 1 + count * (12 if unit == "Y" else 1)
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return None


def _requests(
    builder: _Builder, rows: dict[str, DecisionRow], meetings: list[MeetingRow]
) -> list[tuple[str, list[Request]]]:
    numbered = [m for m in meetings if m.number is not None]
    last = numbered[-1] if numbered else None
    dates = {m.number: m.date for m in numbered if m.number is not None and m.date is not None}
    order = {m.label: n for n, m in enumerate(meetings)}
    groups: dict[str, list[tuple[tuple[object, ...], Request]]] = {}
    for position, (row, decision, number, date) in enumerate(builder.asked):
        made = dates.get(number) if number is not None else date
        dues = sorted(d for d in (due(one, made, dates) for one in decision.deadlines) if d)
        first = dues[0] if dues else None
        request = Request(rows[row.anchor], first, _is_open(decision, number, dues, last))
        key = (first is None, first or "", order[row.meeting], position)
        for addressee in row.addressees:
            groups.setdefault(addressee, []).append((key, request))
    return [
        (name, [request for _, request in sorted(found, key=lambda pair: pair[0])])
        for name, found in sorted(groups.items(), key=lambda pair: (pair[0].casefold(), pair[0]))
    ]


def _is_open(
    decision: Decision, number: int | None, dues: list[str], last: MeetingRow | None
) -> bool:
    """Rule 6's open request."""
    if last is None or last.number is None:
        return False
    if number == last.number:
        return True
    for deadline in decision.deadlines:
        if deadline.kind in ("meeting", "next_meeting") and (deadline.meeting or 0) >= last.number:
            return True
    if last.date is None:
        return False
    when = last.date.isoformat()
    return any(one >= when[: len(one)] for one in dues)


# --------------------------------------------------------------------------- output


def link_base(target: OutputTarget) -> Path:
    """The folder the report's links start from: the folder of the file written, else
    (a device, a pipe, standard output) the current folder."""
    return target.path.parent if target.kind == "file" else Path.cwd()


def check_output(target: OutputTarget, archive: Archive) -> None:
    """Refuse (:class:`~emg_parse.errors.SameFileError`) to write the report over a file
    of the archive (:meth:`~emg_parse.archive.Archive.own_files`)."""
    if target.kind != "file":
        return
    for one in archive.own_files():
        try:
            same = os.path.samefile(target.path, one)
        except OSError:
            continue
        if same:
            raise SameFileError(
                target.name,
                f"would replace {shown(one)}, a file of the converted folder; choose "
                "another output, e.g. report.html",
            )


def report_html(archive: Archive, base: Path, names: Names | None = None) -> str:
    """The page of ``archive`` (:func:`prepare`, then :func:`render`)."""
    return render(prepare(archive, base, names))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _data(values: Iterable[str]) -> str:
    """A list of values for an attribute that the page's script reads (rule 2)."""
    return _e(json.dumps(list(values), ensure_ascii=False))


def render(report: Report) -> str:
    """The HTML page of ``report`` (rules 1 to 3)."""
    skeleton = Template(TEMPLATE_FILE.read_text(encoding="utf-8"))
    style = STYLE_FILE.read_text(encoding="utf-8")
    script = SCRIPT_FILE.read_text(encoding="utf-8")
    numbered = [m.number for m in report.meetings if m.number is not None]
    span = f"SOM{numbered[0]}–SOM{numbered[-1]}" if numbered else ""
    title = " ".join(part for part in ("EMG Senior Officials Meetings", span) if part)
    decisions = len(report.decisions)
    summary = (
        f"{report.documents} document{'s' * (report.documents != 1)}, "
        f"{len(report.meetings)} meeting{'s' * (len(report.meetings) != 1)}, "
        f"{decisions} decision{'s' * (decisions != 1)}, "
        f"{len(report.timeline)} bod{'ies' if len(report.timeline) != 1 else 'y'}"
    )
    if report.left_out:
        summary += f" ({report.left_out} file{'s' * (report.left_out != 1)} left out: not valid)"
    body = "\n".join(
        [
            f"<header><h1>{_e(title)}</h1><p>{_e(summary)}</p>",
            '<nav><a href="#meetings">Meetings</a> · <a href="#bodies">Bodies</a> · '
            '<a href="#requests">Requests</a> · <a href="#decisions">Decisions</a></nav>'
            "</header>",
            "<main>",
            _meetings_table(report.meetings),
            _timeline(report),
            _requests_section(report.requests),
            _decisions_table(report.decisions),
            "</main>",
            f"<footer>Made by emg-parse {_e(__version__)}.</footer>",
        ]
    )
    return skeleton.substitute(
        title=_e(title),
        policy=_e(_policy(style, script)),
        style=style,
        script=script,
        body=body,
        version=_e(__version__),
    )


def _policy(style: str, script: str) -> str:
    """The Content-Security-Policy of the page: nothing may be loaded, and only its own
    style sheet and script (by their hashes) apply, whatever a document's text holds."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    return (
        f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; "
        "base-uri 'none'; form-action 'none'"
    )


def _date(row: MeetingRow) -> str:
    if row.date is None:
        return ""
    text = row.date.isoformat()
    return text + (f" – {row.end_date.isoformat()}" if row.end_date else "")


def _anchor_link(link: Link) -> str:
    where = f' <span class="where">{_e(link.where)}</span>' if link.where else ""
    return f'<a href="{_e(link.href)}">{_e(link.text)}</a>{where}'


def _meetings_table(meetings: list[MeetingRow]) -> str:
    rows = []
    for m in meetings:
        documents = "<br>".join(_anchor_link(link) for link in m.documents)
        rows.append(
            f'<tr><th scope="row">{_e(m.label)}</th><td>{_e(_date(m))}</td>'
            f"<td>{_e(m.venue or '')}</td><td>{documents}</td>"
            f'<td class="n">{m.decisions}</td><td class="n">{m.proposed}</td>'
            f'<td class="n">{m.items}</td><td class="n">{m.requests}</td></tr>'
        )
    return (
        '<section id="meetings"><h2>Meetings</h2>'
        "<table><thead><tr><th>Meeting</th><th>Date</th><th>Venue</th><th>Documents</th>"
        '<th class="n">Decisions</th><th class="n" title="decisions of documents that '
        'propose them">Proposed</th><th class="n">Items</th><th class="n" '
        'title="decisions that ask someone to act">Requests</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></section>"
    )


# The timeline's geometry, in pixels.
_LABEL_W = 340
_STATUS_W = 84
_COL_W = 26
_ROW_H = 22
_HEAD_H = 64
_NAME_CHARS = 44


def _shape(event: str, x: float, y: float) -> str:
    """The mark of ``event`` centred on (x, y), about 11 pixels across."""
    if event == "established":
        return f'<circle cx="{x:g}" cy="{y:g}" r="5.5"/>'
    if event == "concluded":
        return f'<rect x="{x - 5:g}" y="{y - 5:g}" width="10" height="10"/>'
    points = {
        "extended": [(-5, -6), (6, 0), (-5, 6)],
        "renamed": [(0, -6), (6, 0), (0, 6), (-6, 0)],
        "transferred": [(-6, -5), (0, -5), (6, 0), (0, 5), (-6, 5), (-1, 0)],
        "terms_of_reference": [
            (-2, -6), (2, -6), (2, -2), (6, -2), (6, 2), (2, 2),
            (2, 6), (-2, 6), (-2, 2), (-6, 2), (-6, -2), (-2, -2),
        ],
    }[event]  # fmt: skip
    text = " ".join(f"{x + dx:g},{y + dy:g}" for dx, dy in points)
    return f'<polygon points="{text}"/>'


def _legend() -> str:
    events = "".join(
        f'<span><svg width="16" height="16" aria-hidden="true"><g class="mark">'
        f"{_shape(event, 8, 8)}</g></svg>{_e(event.replace('_', ' '))}</span>"
        for event in EVENTS
    )
    proposed = (
        '<span><svg width="16" height="16" aria-hidden="true"><g class="mark proposed">'
        f"{_shape('established', 8, 8)}</g></svg>hollow: proposed</span>"
    )
    statuses = "".join(
        f'<span><svg width="16" height="16" aria-hidden="true"><rect class="swatch st-{s}" '
        f'x="2" y="2" width="12" height="12"/></svg>{s}</span>'
        for s in STATUSES
    )
    return (
        f'<div class="legend"><b>Events:</b> {events}{proposed}</div>'
        f'<div class="legend"><b>Current status:</b> {statuses}</div>'
    )


def _short(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1].rstrip() + "…"


def _timeline(report: Report) -> str:
    columns = len(report.meetings)
    left = _LABEL_W + _STATUS_W
    width = left + columns * _COL_W + 8
    height = _HEAD_H + len(report.timeline) * _ROW_H + 4
    parts = [
        f'<svg id="timeline" class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="timeline-title">'
        f'<title id="timeline-title">Events of {len(report.timeline)} bodies across '
        f"{columns} meetings</title>"
    ]
    for n, meeting in enumerate(report.meetings):
        x = left + n * _COL_W + _COL_W / 2
        label = str(meeting.number) if meeting.number is not None else _short(meeting.label)
        full = meeting.label + (f", {meeting.date.isoformat()}" if meeting.date else "")
        parts.append(
            f'<g class="column"><title>{_e(full)}</title>'
            f'<rect x="{x - _COL_W / 2:g}" y="{_HEAD_H - 4}" width="{_COL_W}" '
            f'height="{height - _HEAD_H + 4}"/>'
            f'<text x="{x:g}" y="{_HEAD_H - 8}" transform="rotate(-60 {x:g} {_HEAD_H - 8})">'
            f"{_e(label)}</text></g>"
        )
    for r, row in enumerate(report.timeline):
        y = _HEAD_H + r * _ROW_H + _ROW_H / 2
        body = row.body
        status = f"st-{body.status}"
        names = "; ".join(one.name for one in body.names if one.kind == "former")
        tip = f"{body.name} ({body.type.replace('_', ' ')}; {body.status})" + (
            f"; formerly {names}" if names else ""
        )
        parts.append(
            f'<g class="body-row {status}" data-body="{_e(body.name)}">'
            f"<title>{_e(tip)}</title>"
            f'<rect class="band" x="0" y="{y - _ROW_H / 2:g}" width="{width}" height="{_ROW_H}"/>'
            f'<text class="name" x="4" y="{y + 4:g}">{_e(_short(body.name))}</text>'
            f'<text class="status" x="{_LABEL_W}" y="{y + 4:g}">{_e(body.status)}</text>'
        )
        if row.span is not None:
            x1 = left + row.span[0] * _COL_W + _COL_W / 2
            x2 = left + row.span[1] * _COL_W + _COL_W / 2
            parts.append(f'<line class="life" x1="{x1:g}" y1="{y:g}" x2="{x2:g}" y2="{y:g}"/>')
        per_column: dict[int, list[Mark]] = {}
        for mark in row.marks:
            per_column.setdefault(mark.column, []).append(mark)
        for column, marks in per_column.items():
            centre = left + column * _COL_W + _COL_W / 2
            for k, mark in enumerate(marks):
                x = centre + (k - (len(marks) - 1) / 2) * 8
                e = mark.event
                what = e.event.replace("_", " ") + (f": {e.new_name}" if e.new_name else "")
                text = f"{meeting_label(e.meeting, e.document)} {what}" + (
                    " (proposed)" if e.proposed else ""
                )
                kind = "mark proposed" if e.proposed else "mark"
                shape = (
                    f'<g class="{kind}" data-event="{e.event}"><title>{_e(text)} – '
                    f"{_e(e.decision)}</title>{_shape(e.event, x, y)}</g>"
                )
                parts.append(f'<a href="#{mark.anchor}">{shape}</a>' if mark.anchor else shape)
        parts.append("</g>")
    parts.append("</svg>")
    return (
        '<section id="bodies"><h2>Bodies across meetings</h2>'
        + _legend()
        + '<div class="scroll">'
        + "".join(parts)
        + "</div></section>"
    )


def _requests_section(groups: list[tuple[str, list[Request]]]) -> str:
    parts = [
        '<section id="requests"><h2>Requests by addressee</h2>'
        '<p class="help">Every decision that asks someone to act, by addressee, the earliest '
        "deadline first. <em>Open</em>: made at the last meeting, or due at or after it."
        '</p><label><input type="checkbox" id="open-only"> only open requests</label>'
    ]
    for name, requests in groups:
        opened = sum(request.open for request in requests)
        rows = []
        for request in requests:
            d = request.decision
            state = "open" if request.open else ""
            rows.append(
                f'<tr class="{state}"><td>{_e(request.due or "")}</td>'
                f"<td>{_e(d.meeting)}</td>"
                f'<td><a href="#{d.anchor}">{_e(d.id)}</a>'
                + (' <span class="tag">proposed</span>' if d.proposed else "")
                + (' <span class="tag open">open</span>' if request.open else "")
                + f"</td><td>{_e(d.text)}</td><td>{_e('; '.join(d.deadlines))}</td></tr>"
            )
        parts.append(
            f'<details class="addressee" data-open="{opened}"><summary>{_e(name)} '
            f'<span class="count">{len(requests)} request{"s" * (len(requests) != 1)}, '
            f"{opened} open</span></summary>"
            "<table><thead><tr><th>Due</th><th>Meeting</th><th>Decision</th><th>Text</th>"
            "<th>Deadlines</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></details>"
        )
    parts.append("</section>")
    return "".join(parts)


#: The table's filters: the row attribute and the heading.
FILTERS = (
    ("meeting", "Meeting"),
    ("action", "Action"),
    ("addressee", "Addressee"),
    ("body", "Body"),
)


def _values(rows: list[DecisionRow], name: str) -> list[str]:
    if name == "meeting":
        return list(dict.fromkeys(row.meeting for row in rows))
    found: set[str] = set()
    for row in rows:
        found.update(_row_values(row, name))
    return sorted(found, key=lambda value: (value.casefold(), value))


def _row_values(row: DecisionRow, name: str) -> tuple[str, ...]:
    return {
        "meeting": (row.meeting,),
        "action": row.actions,
        "addressee": row.addressees,
        "body": row.bodies,
    }[name]


def _decisions_table(rows: list[DecisionRow]) -> str:
    selects = []
    for name, heading in FILTERS:
        options = "".join(
            f'<option value="{_e(value)}">{_e(value)}</option>' for value in _values(rows, name)
        )
        selects.append(
            f'<label>{heading} <select data-filter="{name}" id="filter-{name}">'
            f'<option value="">all</option>{options}</select></label>'
        )
    body = []
    for row in rows:
        data = " ".join(f'data-{name}="{_data(_row_values(row, name))}"' for name, _ in FILTERS)
        items = "".join(
            f'<li class="depth-{min(item.depth, 4)}">'
            + (f"<b>{_e(item.label)})</b> " if item.label else "")
            + f"{_e(item.text)}</li>"
            for item in row.items
        )
        tag = ' <span class="tag">proposed</span>' if row.proposed else ""
        body.append(
            f'<tr id="{row.anchor}" {data}><td>{_e(row.meeting)}</td>'
            f"<td>{_e(row.id)}{tag}</td><td>{_e(row.section)}</td>"
            f"<td>{_e(row.text)}" + (f'<ul class="items">{items}</ul>' if items else "") + "</td>"
            f"<td>{_e(', '.join(row.actions))}</td><td>{_e('; '.join(row.addressees))}</td>"
            f"<td>{_e('; '.join(row.deadlines))}</td><td>{_e('; '.join(row.bodies))}</td>"
            f"<td>{_anchor_link(row.link)}</td></tr>"
        )
    return (
        '<section id="decisions"><h2>Decisions</h2><div class="filters">'
        '<label>Search <input type="search" id="search" placeholder="words in any column">'
        "</label>" + "".join(selects) + '<span id="shown" aria-live="polite"></span></div>'
        '<table id="decision-table"><thead><tr><th>Meeting</th><th>Id</th><th>Section</th>'
        "<th>Text</th><th>Actions</th><th>Addressees</th><th>Deadlines</th><th>Bodies</th>"
        "<th>Document</th></tr></thead><tbody>" + "".join(body) + "</tbody></table></section>"
    )
