"""The body register: every subsidiary body of an archive, its names, its events in meeting
order and its current status.

Built from the ``bodies`` of every decision (:mod:`emg_parse.bodies` finds them and their
events) of the documents of a converted folder (:mod:`emg_parse.archive`).  The command
``emg-parse bodies`` prints it; ``emg-parse export`` writes it to the ``bodies``,
``body_aliases`` and ``body_events`` tables.  Rules, in the order applied:

1. **Names.**  Each name a decision gives a body is looked up in the vocabulary (the
   bundled alias file and the user's ``--aliases`` files): another name of a listed
   body becomes its listed name, and names are compared as
   :func:`emg_parse.names.body_key` says (case, signs, "the", "IMG").  A body printed
   only by a short form that was not resolved ("the Task Team" with no name) is left
   out: it cannot be told which body it is.
2. **One body.**  The old and the new name of a renaming are one body, and so are
   names linked through several renamings.
3. **Order.**  References are taken in meeting order: by meeting number; documents
   without one come after, by meeting date, then by key.  Within a meeting, documents
   that record decisions come before documents that propose them, then by key; within
   a document, in the order printed.  Bodies come in the order of their first
   reference.
4. **Events.**  Each reference with an event is an event of its body at its
   document's meeting (date: the meeting's, see
   :func:`emg_parse.archive.merge_meetings`).  An event of a document whose status is
   ``proposed`` (actions put to the meeting, e.g. recommended actions) is a
   **proposal**: listed, marked ``proposed``, but never counted below.  One event per
   meeting, event and new name: a repetition (the same decision in a second document
   of the meeting, such as a summary and a table of the same action points) is
   dropped, the first in rule 3's order -- a decided one before a proposed one -- kept.
5. **Current name.**  The new name of its last renaming that is not a proposal; else
   its name in its last reference that is not a proposal; else in its last reference.
   Its other names are ``former`` (the names it was printed under) and ``alias`` (the
   other names the alias files list for any of its names).
6. **Status**, from the last of its events that are not proposals: ``active`` after
   established, extended, renamed or terms_of_reference; ``concluded`` after
   concluded; ``transferred`` after transferred (an extension after a conclusion makes
   it active again).  ``unknown`` when it has no such event (only mentioned, or only
   proposed).  ``established`` is the meeting of its first establishment, ``ended``
   the meeting of the event that concluded or transferred it when that is its status.
7. **Note.**  A body never established in the archive (no establishment that is not a
   proposal) is listed all the same, with a note: ``not established in the archive``,
   then where its establishment was proposed, and where it was first acted on or only
   mentioned.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from emg_parse.archive import Archive, ArchiveDocument, merge_meetings
from emg_parse.errors import InputError
from emg_parse.manifest import csv_cell
from emg_parse.model import BodyEvent, BodyType, Meeting
from emg_parse.names import (
    ALIASES_FILE,
    Vocabulary,
    body_key,
    body_type,
    load_aliases,
    vocabulary,
)

Status = Literal["active", "concluded", "transferred", "unknown"]
NameKind = Literal["current", "former", "alias"]

#: The status each event leaves a body in (rule 6).
STATUS_AFTER: dict[BodyEvent, Status] = {
    "established": "active",
    "extended": "active",
    "renamed": "active",
    "terms_of_reference": "active",
    "concluded": "concluded",
    "transferred": "transferred",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A body one decision names (:class:`emg_parse.model.BodyReference`), where it is."""

    document: str
    proposed: bool
    meeting: int | None
    date: dt.date | None
    decision: str
    #: The place of the reference in its document (decisions, then references, in order).
    order: int
    name: str | None
    type: BodyType
    event: BodyEvent | None
    new_name: str | None


def references(document: ArchiveDocument) -> list[Reference]:
    """Every body reference of ``document``'s decisions, in the order printed."""
    meeting = document.document.document.meeting
    found: list[Reference] = []
    for section in document.document.sections:
        for decision in section.decisions:
            assert decision.id is not None
            found += [
                Reference(
                    document.key,
                    document.proposed,
                    meeting.number,
                    meeting.date,
                    decision.id,
                    len(found),
                    body.name,
                    body.type,
                    body.event,
                    body.new_name,
                )
                for body in decision.bodies
            ]
    return found


@dataclass(frozen=True, slots=True)
class Event:
    """One event of a body (rule 4)."""

    meeting: int | None
    date: dt.date | None
    document: str
    decision: str
    event: BodyEvent
    new_name: str | None
    proposed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "date": _iso(self.date),
            "document": self.document,
            "decision": self.decision,
            "event": self.event,
            "new_name": self.new_name,
            "proposed": self.proposed,
        }


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    kind: NameKind


@dataclass
class Body:
    """One body of the register."""

    name: str
    type: BodyType
    status: Status
    names: list[Name]
    events: list[Event]
    note: str | None
    first_meeting: int | None
    last_meeting: int | None
    established: int | None
    ended: int | None
    #: How many decisions' references name it (events or not).
    references: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "note": self.note,
            "established": self.established,
            "ended": self.ended,
            "first_meeting": self.first_meeting,
            "last_meeting": self.last_meeting,
            "references": self.references,
            "names": [{"name": n.name, "kind": n.kind} for n in self.names],
            "events": [event.to_dict() for event in self.events],
        }


@dataclass
class Register:
    bodies: list[Body]
    words: Vocabulary
    #: body_key of every name -> the name of its body.
    _body_of: dict[str, str] = field(default_factory=dict)

    def body_of(self, name: str | None) -> str | None:
        """The name of the register's body a decision names ``name`` (None: not listed)."""
        if name is None:
            return None
        return self._body_of.get(body_key(self.words.body_name(name)))


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date is not None else None


class _Links:
    """Union-find over body keys (rule 2)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = self._parent.setdefault(key, key)
        while root != self._parent[root]:
            root = self._parent[root]
        while key != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def _order(ref: Reference) -> tuple[Any, ...]:
    """Rule 3's order of a reference."""
    unnumbered = ref.meeting is None
    date = _iso(ref.date) or "~" if unnumbered else ""
    return (unnumbered, ref.meeting or 0, date, ref.proposed, ref.document, ref.order)


def meeting_label(meeting: int | None, document: str) -> str:
    """``SOM26``, or the document's key when its meeting number is unknown."""
    return f"SOM{meeting}" if meeting is not None else document


def build_register(
    found: Iterable[Reference],
    meetings: Mapping[int, Meeting],
    words: Vocabulary,
    aliases: Mapping[str, Sequence[str]],
) -> Register:
    """The register of the references ``found`` (module docstring).  ``meetings``: each
    meeting number's merged record; ``words``: the vocabulary (with the user's alias
    files); ``aliases``: the alias files' entries, listed name -> other names."""
    links = _Links()
    named: list[tuple[Reference, str, str | None]] = []  # reference, name, new name
    for ref in sorted((r for r in found if r.name is not None), key=_order):
        assert ref.name is not None
        name = words.body_name(ref.name)
        new_name = words.body_name(ref.new_name) if ref.new_name else None
        links.find(body_key(name))
        if new_name is not None and ref.event == "renamed":
            links.join(body_key(name), body_key(new_name))
        named.append((ref, name, new_name))
    groups: dict[str, list[tuple[Reference, str, str | None]]] = {}
    for entry in named:
        groups.setdefault(links.find(body_key(entry[1])), []).append(entry)
    other_names: dict[str, list[str]] = {}
    for listed, others in aliases.items():
        other_names.setdefault(body_key(words.body_name(listed)), []).extend(others)
    bodies = [_body(group, meetings, other_names) for group in groups.values()]
    register = Register(bodies, words)
    for body in bodies:
        for one in body.names:
            register._body_of.setdefault(body_key(one.name), body.name)
    return register


def _body(
    group: list[tuple[Reference, str, str | None]],
    meetings: Mapping[int, Meeting],
    other_names: Mapping[str, list[str]],
) -> Body:
    decided = [entry for entry in group if not entry[0].proposed]
    renamings = [new for ref, _, new in decided if ref.event == "renamed" and new]
    current = renamings[-1] if renamings else (decided or group)[-1][1]
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for ref, _, new_name in group:
        if ref.event is None:
            continue
        when = ref.meeting if ref.meeting is not None else ("document", ref.document)
        if (when, ref.event, new_name) in seen:
            continue
        seen.add((when, ref.event, new_name))
        record = meetings.get(ref.meeting) if ref.meeting is not None else None
        date = record.date if record is not None and record.date is not None else ref.date
        events.append(
            Event(ref.meeting, date, ref.document, ref.decision, ref.event, new_name, ref.proposed)
        )
    counted = [event for event in events if not event.proposed]
    status: Status = STATUS_AFTER[counted[-1].event] if counted else "unknown"
    established = next((e.meeting for e in counted if e.event == "established"), None)
    ended = counted[-1].meeting if status in ("concluded", "transferred") else None
    numbers = [ref.meeting for ref, _, _ in group if ref.meeting is not None]
    return Body(
        name=current,
        type=body_type(current),
        status=status,
        names=_names(current, group, other_names),
        events=events,
        note=_note(group, events),
        first_meeting=min(numbers, default=None),
        last_meeting=max(numbers, default=None),
        established=established,
        ended=ended,
        references=len(group),
    )


def _names(
    current: str,
    group: list[tuple[Reference, str, str | None]],
    other_names: Mapping[str, list[str]],
) -> list[Name]:
    """The current name, then the former ones, then the aliases (rule 5), each once."""
    names = [Name(current, "current")]
    keys = {body_key(current)}
    for _, name, new_name in group:
        for one in (name, new_name):
            if one is not None and body_key(one) not in keys:
                keys.add(body_key(one))
                names.append(Name(one, "former"))
    for known in list(names):
        for alias in other_names.get(body_key(known.name), []):
            if body_key(alias) not in keys:
                keys.add(body_key(alias))
                names.append(Name(alias, "alias"))
    return names


def _note(group: list[tuple[Reference, str, str | None]], events: list[Event]) -> str | None:
    """Rule 7's note, or None for a body established in the archive."""
    counted = [event for event in events if not event.proposed]
    if any(event.event == "established" for event in counted):
        return None
    note = "not established in the archive"
    proposals = [e for e in events if e.proposed and e.event == "established"]
    if proposals:
        note += f" (establishment proposed at {_at(proposals[0])})"
    if counted:
        return f"{note}; first acted on at {_at(counted[0])} ({counted[0].event})"
    first, last = group[0][0], group[-1][0]
    where = meeting_label(first.meeting, first.document)
    end = meeting_label(last.meeting, last.document)
    return f"{note}; only {'proposed' if events else 'mentioned'}, at " + (
        where if where == end else f"{where} to {end}"
    )


def _at(event: Event) -> str:
    return meeting_label(event.meeting, event.document)


#: The vocabulary and the entries of the alias files (:func:`load_names`).
Names = tuple[Vocabulary, dict[str, list[str]]]


def load_names(alias_files: Sequence[Path] = ()) -> Names:
    """The vocabulary with the user's ``alias_files``, and the entries of every alias
    file (the bundled one first): listed name -> other names.  Raises
    :class:`~emg_parse.names.VocabularyError` (or ``InputError``) for a bad file."""
    words = vocabulary(alias_files)
    entries: dict[str, list[str]] = {}
    for path, checked in [(ALIASES_FILE, False), *((p, True) for p in alias_files)]:
        for listed, others in load_aliases(path, checked=checked).items():
            entries.setdefault(listed, []).extend(others)
    return words, entries


@dataclass
class Collector:
    """What the register needs of each document, gathered as the documents are read."""

    found: list[Reference] = field(default_factory=list)
    meetings: list[tuple[str, Meeting]] = field(default_factory=list)

    def add(self, document: ArchiveDocument) -> None:
        self.found += references(document)
        self.meetings.append((document.key, document.document.document.meeting))

    def merged_meetings(self) -> dict[int, Meeting]:
        return merge_meetings(self.meetings)

    def register(self, words: Vocabulary, aliases: Mapping[str, Sequence[str]]) -> Register:
        return build_register(self.found, self.merged_meetings(), words, aliases)


def archive_register(archive: Archive, names: Names | None = None) -> Register:
    """The register of ``archive``'s documents (files that cannot be used are added to
    its ``problems``).  ``names``: as :func:`load_names` gives them (None: the bundled
    ones)."""
    words, aliases = names or load_names()
    collector = Collector()
    for document in archive.documents():
        collector.add(document)
    if not collector.meetings:
        raise InputError(archive.folder, "no document could be read")
    return collector.register(words, aliases)


# --------------------------------------------------------------------------- output

RegisterFormat = Literal["table", "csv", "json"]

#: Columns of the register as CSV: one row per event (a body without events: one row).
CSV_COLUMNS = (
    "body",
    "type",
    "status",
    "note",
    "other_names",
    "meeting",
    "date",
    "document",
    "decision",
    "event",
    "new_name",
    "proposed",
)


def render(bodies: Sequence[Body], fmt: RegisterFormat) -> str:
    """The register as text: a table for a terminal, CSV or JSON."""
    if fmt == "json":
        return json.dumps([body.to_dict() for body in bodies], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(bodies)
    return _table(bodies)


def _event_text(event: Event) -> str:
    text = event.event + (f": {event.new_name}" if event.new_name else "")
    return text + (" (proposed)" if event.proposed else "")


def _table(bodies: Sequence[Body]) -> str:
    """Each body: its name; its type, status and other names; its note; its events."""
    from tabulate import tabulate

    blocks = []
    for body in bodies:
        status = body.status + (f" (SOM{body.ended})" if body.ended is not None else "")
        lines = [body.name, f"  {body.type}; {status}"]
        others = [one.name for one in body.names if one.kind == "former"]
        if others:
            lines.append(f"  formerly: {'; '.join(others)}")
        if body.note:
            lines.append(f"  note: {body.note}")
        rows = [
            [meeting_label(e.meeting, e.document), _iso(e.date) or "", e.decision, _event_text(e)]
            for e in body.events
        ]
        if rows:
            table = tabulate(
                rows,
                headers=["meeting", "date", "decision", "event"],
                tablefmt="plain",
                disable_numparse=True,
            )
            lines += ["  " + line.rstrip() for line in table.splitlines()]
        blocks.append("\n".join(lines))
    summary = f"{len(bodies)} bod{'y' if len(bodies) == 1 else 'ies'}"
    return "\n\n".join([*blocks, summary]) + "\n"


def _csv(bodies: Sequence[Body]) -> str:
    """One row per event, text guarded for spreadsheets (:func:`emg_parse.manifest.csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for body in bodies:
        others = "; ".join(one.name for one in body.names if one.kind != "current")
        head = [body.name, body.type, body.status, body.note, others]
        events: list[Event | None] = list(body.events) or [None]
        for e in events:
            tail: list[object] = (
                [None] * 7
                if e is None
                else [
                    e.meeting,
                    _iso(e.date),
                    e.document,
                    e.decision,
                    e.event,
                    e.new_name,
                    "true" if e.proposed else "false",
                ]
            )
            writer.writerow([_cell(value) for value in [*head, *tail]])
    return buffer.getvalue()


def _cell(value: object) -> str | float:
    if value is None or isinstance(value, str):
        return csv_cell(value)
    return str(value)
