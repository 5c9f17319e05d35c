"""The archive as one database: SQLite (with Datasette metadata) and a CSV data package.

:func:`export` reads a converted folder (:mod:`emg_parse.archive`) one document at a
time into a new SQLite database, built with sqlite-utils, and writes it where asked:

- **Tables** (:data:`TABLES` holds every table and column with its type and
  description; the database, the Datasette metadata and the data package are all made
  from it): ``meetings``, ``documents``, ``sections``, ``decisions`` (decisions and
  their items at every depth, one row each), ``actions``, ``addressees``,
  ``deadlines``, ``decision_bodies`` (the bodies each decision names, as printed), and
  the body register (:mod:`emg_parse.register`): ``bodies``, ``body_aliases``,
  ``body_events``.
- **Keys.**  Ids are unique in a document, not in an archive, so a decision's key is
  ``<document key>/<id>`` (``layouts/SOM19_report.docx.json/SOM19-II.B-7``), a
  section's ``<document key>/<position>``; the document key is the output file's path
  in the folder.  Every table has a primary key, every reference a foreign key, and
  the tables are ``STRICT``.  Decisions have a full-text index on their text
  (``decisions_fts``, FTS5).
- **The same content for the same folder**: rows are inserted in key order and
  document order, and nothing depends on the time or the machine.
- **Atomic**: the database is built in a temporary file beside the target and renamed
  over it once complete; on any failure the target is left as it was.  The Datasette
  metadata is written beside it as ``<name>.metadata.json`` (``emg.db`` ->
  ``emg.metadata.json``; open both with ``datasette emg.db -m emg.metadata.json``).
- **CSV package** (``csv_dir``): one ``<table>.csv`` per table (UTF-8, a header row,
  empty cells for nulls, lists and mappings as JSON, booleans as ``true``/``false``)
  and ``datapackage.json``, a Frictionless Data Package with a Table Schema per
  resource (field types, primary key, foreign keys).  Each file is written atomically.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from emg_parse.archive import Archive, ArchiveDocument
from emg_parse.errors import InputError, OutputError, SameFileError, shown
from emg_parse.model import Decision, Item, Location
from emg_parse.names import Vocabulary
from emg_parse.register import Collector, Names, Register, load_names
from emg_parse.writers import TEMPORARY_PREFIX, TEMPORARY_SUFFIX, write_atomic

FieldType = Literal["string", "integer", "boolean", "date", "array", "object"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: FieldType
    description: str
    #: The table whose primary key (one column) this column refers to.
    references: str | None = None
    required: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    #: The column Datasette shows for a row that another table refers to.
    label: str | None = None
    facets: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(
    name: str,
    kind: FieldType,
    description: str,
    references: str | None = None,
    required: bool = False,
) -> Column:
    return Column(name, kind, description, references, required)


_DOC = _c("document", "string", "The document (its key).", "documents", True)
_WHERE = (
    _c("page", "integer", "Page where it starts (PDF only)."),
    _c("line", "integer", "Line of the page (PDF) or of the file where it starts."),
    _c("paragraph", "integer", "Paragraph of a Word file where it starts."),
)
_OF_DECISION = (
    _c("decision", "string", "The decision (its key).", "decisions", True),
    _c("position", "integer", "Its place in the decision's list, from 1.", required=True),
    _c(
        "item",
        "string",
        "The item where it is printed (its key); empty: in the decision's own text.",
        "decisions",
    ),
)

#: Every table, in the order they are created and filled.
TABLES: tuple[Table, ...] = (
    Table(
        "meetings",
        "Meetings",
        "One row per Senior Officials Meeting: each field is the "
        "first one known among the documents of the meeting, in key order.",
        (
            _c(
                "number", "integer", "The meeting's number: 26 for the 26th meeting.", required=True
            ),
            _c("name", "string", "As printed in the header."),
            _c("segment", "string", 'e.g. "Senior Segment".'),
            _c("date", "date", "First day."),
            _c("end_date", "date", "Last day of a meeting of several days."),
            _c("time", "string", "As printed, e.g. 14:00 -15:30 GVA time."),
            _c("venue", "string", '"Online" or a city.'),
            _c(
                "documents",
                "integer",
                "How many documents of the archive record it.",
                required=True,
            ),
        ),
        ("number",),
        label="name",
    ),
    Table(
        "documents",
        "Documents",
        "One row per converted outcome document.",
        (
            _c("key", "string", "The output file's path in the converted folder.", required=True),
            _c(
                "path",
                "string",
                "The input file's path in the archive (from the batch "
                "manifest; empty without one).",
            ),
            _c("file", "string", "The input file's name.", required=True),
            _c("format", "string", "pdf, docx or text.", required=True),
            _c("sha256", "string", "SHA-256 of the input file.", required=True),
            _c("pages", "integer", "Page count (PDF only)."),
            _c(
                "schema_version",
                "string",
                "The emg-parse output version of the file.",
                required=True,
            ),
            _c("meeting", "integer", "The meeting it records.", "meetings"),
            _c("symbol", "string", "As printed, e.g. EMGSOM.26_3a."),
            _c("title", "string", "As printed."),
            _c(
                "kind",
                "string",
                "action_points, decisions, report, recommended_actions or "
                "outcome (from the title).",
            ),
            _c(
                "status",
                "string",
                "approved (what the meeting approved) or proposed (put to the meeting).",
            ),
            _c("distribution", "string", "As printed."),
            _c("preamble", "array", "Lines between the title and the first section."),
            _c("sections", "integer", "How many sections.", required=True),
            _c("decisions", "integer", "How many decisions.", required=True),
            _c("items", "integer", "How many items, at every depth.", required=True),
            _c("warnings", "integer", "How many parser warnings.", required=True),
        ),
        ("key",),
        label="key",
        facets=("meeting", "kind", "status"),
    ),
    Table(
        "sections",
        "Sections",
        "The headed sections of each document, in order.",
        (
            _c("key", "string", "<document>/<position>.", required=True),
            _DOC,
            _c("position", "integer", "Its place in the document, from 1.", required=True),
            _c("number", "string", 'As printed without a trailing dot: "IV", "3", "A".'),
            _c("level", "integer", "1, or 2 for a section under a level-1 section.", required=True),
            _c("parent", "string", "The level-1 section of a level-2 section.", "sections"),
            _c("title", "string", "As printed.", required=True),
            _c("actor", "string", 'The actor line, e.g. "The Senior Officials".'),
            _c("notes", "array", "Paragraphs that record no decision."),
            *_WHERE,
        ),
        ("key",),
        label="title",
    ),
    Table(
        "decisions",
        "Decisions and items",
        "Every decision and every item of a decision, "
        "at any depth, one row each, in document order; full-text search on text.",
        (
            _c("key", "string", "<document>/<id>: unique in the archive.", required=True),
            _DOC,
            _c(
                "id",
                "string",
                'Unique in the document: "SOM26-III-b-i" (meeting, section, label path).',
                required=True,
            ),
            _c("section", "string", "The section (its key).", "sections", True),
            _c("meeting", "integer", "The document's meeting.", "meetings"),
            _c("date", "date", "The meeting's first day."),
            _c(
                "parent",
                "string",
                "The decision or item an item belongs to (empty for a decision).",
                "decisions",
            ),
            _c(
                "decision",
                "string",
                "The decision it is or belongs to (its key).",
                "decisions",
                True,
            ),
            _c(
                "depth",
                "integer",
                "0 for a decision, 1 for its items, 2 for theirs ...",
                required=True,
            ),
            _c("position", "integer", "Its place in the document, from 1.", required=True),
            _c("label", "string", 'As printed, without brackets or dot: "a", "iv", "4".'),
            _c("text", "string", "The text as printed.", required=True),
            _c(
                "actor",
                "string",
                "The deciding body named in the decision's own sentence "
                "(else: the section's actor).",
            ),
            _c("actions", "array", "The deciding body's operative verbs, normalised."),
            _c(
                "attributes",
                "object",
                "Other cells of an action-point table row (lead, timeline ...).",
            ),
            *_WHERE,
        ),
        ("key",),
        label="id",
        facets=("meeting",),
    ),
    Table(
        "actions",
        "Actions",
        "The operative verbs of each decision, in order.",
        (
            _c("decision", "string", "The decision (its key).", "decisions", True),
            _c("position", "integer", "Its place in the decision's list, from 1.", required=True),
            _c("action", "string", "The verb, normalised: extend, request ...", required=True),
        ),
        ("decision", "position"),
        facets=("action",),
    ),
    Table(
        "addressees",
        "Addressees",
        "Whom each decision asks to act (requested, invited, encouraged ...).",
        (
            *_OF_DECISION,
            _c("text", "string", 'As printed: "the EMG Secretariat".', required=True),
            _c("name", "string", 'Normalised: "EMG Secretariat", "UNEP", a body\'s name.'),
            _c("kind", "string", "entity, role or body; empty when unknown."),
        ),
        ("decision", "position"),
        facets=("name", "kind"),
    ),
    Table(
        "deadlines",
        "Deadlines",
        "Time limits and terms in each decision.",
        (
            *_OF_DECISION,
            _c("text", "string", 'The phrase as printed: "by November 2020".', required=True),
            _c(
                "kind",
                "string",
                "date, meeting, next_meeting, duration, period or until.",
                required=True,
            ),
            _c("value", "string", 'ISO 8601: "2020-11", "2018/2019", "P1Y"; empty for a meeting.'),
            _c("precision", "string", "year, month or day, of a date value."),
            _c("meeting", "integer", "The meeting's number, for a meeting deadline."),
        ),
        ("decision", "position"),
        facets=("kind",),
    ),
    Table(
        "bodies",
        "Bodies",
        "The body register: every subsidiary body the decisions name, "
        "under its current name (rules: emg_parse.register).",
        (
            _c("name", "string", "Its current name.", required=True),
            _c(
                "type",
                "string",
                "issue_management_group, task_team, consultative_process, "
                "coalition, dialogue or other.",
                required=True,
            ),
            _c(
                "status",
                "string",
                "active, concluded, transferred or unknown (from its last "
                "event that is not a proposal).",
                required=True,
            ),
            _c("established", "integer", "The meeting that first established it.", "meetings"),
            _c(
                "ended",
                "integer",
                "The meeting that concluded or transferred it (when that is its status).",
                "meetings",
            ),
            _c("first_meeting", "integer", "The first meeting that names it.", "meetings"),
            _c("last_meeting", "integer", "The last meeting that names it.", "meetings"),
            _c("references", "integer", "How many times decisions name it.", required=True),
            _c("note", "string", "For a body never established in the archive: what is known."),
        ),
        ("name",),
        label="name",
        facets=("type", "status"),
    ),
    Table(
        "decision_bodies",
        "Bodies named by decisions",
        "Each body a decision names, as printed, with the event it records.",
        (
            *_OF_DECISION,
            _c("text", "string", 'As printed: "the Task Team".', required=True),
            _c("name", "string", "Its name then (empty: a short form not resolved)."),
            _c("type", "string", "The body's type.", required=True),
            _c(
                "event",
                "string",
                "established, extended, renamed, concluded, transferred or "
                "terms_of_reference; empty: only named.",
            ),
            _c("new_name", "string", "The name given by a renaming."),
            _c("body", "string", "The body of the register.", "bodies"),
        ),
        ("decision", "position"),
        facets=("event", "type"),
    ),
    Table(
        "body_aliases",
        "Names of bodies",
        "Every name of each body of the register.",
        (
            _c("body", "string", "The body (its current name).", "bodies", True),
            _c("name", "string", "A name.", required=True),
            _c(
                "kind",
                "string",
                "current, former (a name it was printed under) or alias (listed in an alias file).",
                required=True,
            ),
        ),
        ("body", "name"),
        facets=("kind",),
    ),
    Table(
        "body_events",
        "Body events",
        "The events of each body of the register, in meeting "
        "order; one per meeting, event and new name.",
        (
            _c("body", "string", "The body (its current name).", "bodies", True),
            _c("position", "integer", "Its place in the body's events, from 1.", required=True),
            _c("meeting", "integer", "The meeting.", "meetings"),
            _c("date", "date", "The meeting's first day."),
            _c("document", "string", "The document (its key).", "documents", True),
            _c("decision", "string", "The decision (its key).", "decisions", True),
            _c(
                "event",
                "string",
                "established, extended, renamed, concluded, transferred or terms_of_reference.",
                required=True,
            ),
            _c("new_name", "string", "The name given by a renaming."),
            _c(
                "proposed",
                "boolean",
                "An action put to the meeting, not a decision of it (not counted for the status).",
                required=True,
            ),
        ),
        ("body", "position"),
        facets=("event", "proposed"),
    ),
)
TABLE = {table.name: table for table in TABLES}
#: The tables and columns with a full-text index.
FTS = {"decisions": ("text",)}

#: Title, description, source and licence of the Datasette metadata and the data package.
TITLE = "EMG Senior Officials Meeting decisions"
DESCRIPTION = (
    "The decisions of the Senior Officials Meetings of the United Nations Environment "
    "Management Group, read from their outcome documents by emg-parse: meetings, "
    "documents, sections, decisions and items, their actions, addressees and deadlines, "
    "and the register of subsidiary bodies."
)
SOURCE = "Outcome documents of the EMG Senior Officials Meetings"
SOURCE_URL = "https://unemg.org/"
LICENSE = "The terms of the source documents (United Nations Environment Management Group)"
LICENSE_URL = "https://unemg.org/"

_SQL_TYPES: dict[FieldType, type] = {
    "string": str,
    "integer": int,
    "boolean": int,
    "date": str,
    "array": str,
    "object": str,
}


@dataclass
class Summary:
    """What an export wrote."""

    documents: int = 0
    #: Rows of each table.
    rows: dict[str, int] = field(default_factory=dict)
    database: Path | None = None
    metadata: Path | None = None
    csv_dir: Path | None = None


# --------------------------------------------------------------------------- rows

Row = dict[str, Any]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _where(location: Location) -> Row:
    return {"page": location.page, "line": location.line, "paragraph": location.paragraph}


def _count_items(items: Sequence[Item]) -> int:
    return sum(1 + _count_items(item.items) for item in items)


@dataclass
class _Rows:
    """The rows of one document, by table."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t.name: [] for t in TABLES})

    def add(self, table: str, row: Row) -> None:
        self.tables[table].append(row)


def document_rows(doc: ArchiveDocument) -> dict[str, list[Row]]:
    """The rows of ``doc`` in every table but the meetings and the register's tables; the
    ``body`` of ``decision_bodies`` is left empty (the register gives it)."""
    rows = _Rows()
    document = doc.document
    info = document.document
    meeting = info.meeting
    decisions = [d for s in document.sections for d in s.decisions]
    rows.add(
        "documents",
        {
            "key": doc.key,
            "path": doc.path,
            "file": document.source.file,
            "format": document.source.format,
            "sha256": document.source.sha256,
            "pages": document.source.pages,
            "schema_version": document.schema_version,
            "meeting": meeting.number,
            "symbol": info.symbol,
            "title": info.title,
            "kind": info.kind,
            "status": info.status,
            "distribution": info.distribution,
            "preamble": _json(info.preamble),
            "sections": len(document.sections),
            "decisions": len(decisions),
            "items": sum(_count_items(d.items) for d in decisions),
            "warnings": len(document.warnings),
        },
    )
    parent: str | None = None
    position = 0
    date = meeting.date.isoformat() if meeting.date else None
    for number, section in enumerate(document.sections, start=1):
        section_key = f"{doc.key}/{number}"
        if section.level == 1:
            parent = section_key
        rows.add(
            "sections",
            {
                "key": section_key,
                "document": doc.key,
                "position": number,
                "number": section.number,
                "level": section.level,
                "parent": parent if section.level == 2 else None,
                "title": section.title,
                "actor": section.actor,
                "notes": _json(section.notes),
                **_where(section.source),
            },
        )
        for decision in section.decisions:
            key = f"{doc.key}/{decision.id}"
            stack: list[tuple[Decision | Item, str | None, int]] = [(decision, None, 0)]
            while stack:
                node, up, depth = stack.pop()
                position += 1
                own = f"{doc.key}/{node.id}"
                top = node if isinstance(node, Decision) else None
                rows.add(
                    "decisions",
                    {
                        "key": own,
                        "document": doc.key,
                        "id": node.id,
                        "section": section_key,
                        "meeting": meeting.number,
                        "date": date,
                        "parent": up,
                        "decision": key,
                        "depth": depth,
                        "position": position,
                        "label": node.label,
                        "text": node.text,
                        "actor": top.actor if top else None,
                        "actions": _json(top.actions) if top else None,
                        "attributes": _json(top.attributes) if top else None,
                        **_where(node.source),
                    },
                )
                stack.extend((child, own, depth + 1) for child in reversed(node.items))
            _decision_rows(rows, doc.key, key, decision)
    return rows.tables


def _decision_rows(rows: _Rows, document: str, key: str, decision: Decision) -> None:
    def item(item_id: str | None) -> str | None:
        return f"{document}/{item_id}" if item_id is not None else None

    for n, action in enumerate(decision.actions, start=1):
        rows.add("actions", {"decision": key, "position": n, "action": action})
    for n, one in enumerate(decision.addressees, start=1):
        rows.add(
            "addressees",
            {
                "decision": key,
                "position": n,
                "item": item(one.item),
                "text": one.text,
                "name": one.name,
                "kind": one.kind,
            },
        )
    for n, deadline in enumerate(decision.deadlines, start=1):
        rows.add(
            "deadlines",
            {
                "decision": key,
                "position": n,
                "item": item(deadline.item),
                "text": deadline.text,
                "kind": deadline.kind,
                "value": deadline.value,
                "precision": deadline.precision,
                "meeting": deadline.meeting,
            },
        )
    for n, body in enumerate(decision.bodies, start=1):
        rows.add(
            "decision_bodies",
            {
                "decision": key,
                "position": n,
                "item": item(body.item),
                "text": body.text,
                "name": body.name,
                "type": body.type,
                "event": body.event,
                "new_name": body.new_name,
                "body": None,
            },
        )


def register_rows(register: Register, keys: dict[tuple[str, str], str]) -> dict[str, list[Row]]:
    """The rows of ``bodies``, ``body_aliases`` and ``body_events``.  ``keys``: (document,
    decision id) -> the decision's key."""
    tables: dict[str, list[Row]] = {"bodies": [], "body_aliases": [], "body_events": []}
    for body in register.bodies:
        tables["bodies"].append(
            {
                "name": body.name,
                "type": body.type,
                "status": body.status,
                "established": body.established,
                "ended": body.ended,
                "first_meeting": body.first_meeting,
                "last_meeting": body.last_meeting,
                "references": body.references,
                "note": body.note,
            }
        )
        tables["body_aliases"] += [
            {"body": body.name, "name": one.name, "kind": one.kind} for one in body.names
        ]
        tables["body_events"] += [
            {
                "body": body.name,
                "position": n,
                "meeting": e.meeting,
                "date": e.date.isoformat() if e.date else None,
                "document": e.document,
                "decision": keys[e.document, e.decision],
                "event": e.event,
                "new_name": e.new_name,
                "proposed": e.proposed,
            }
            for n, e in enumerate(body.events, start=1)
        ]
    return tables


# --------------------------------------------------------------------------- export


def export(
    archive: Archive,
    database: str | Path | None = None,
    csv_dir: Path | None = None,
    names: Names | None = None,
) -> Summary:
    """Write ``archive`` to the SQLite file ``database`` (with its Datasette metadata
    beside it) and/or as a CSV data package in ``csv_dir`` (module docstring).
    ``names``: the vocabulary and alias entries (:func:`emg_parse.register.load_names`;
    None: the bundled ones).

    Files that cannot be used are added to ``archive.problems`` and left out.  Raises
    :class:`~emg_parse.errors.OutputError` when a target cannot be written, and
    :class:`~emg_parse.errors.InputError` when no document could be read (nothing is
    written then).
    """
    words, aliases = names or load_names()
    target = _database_target(database, archive) if database is not None else None
    if csv_dir is not None:
        _check_folder(csv_dir)
    folder = target.parent if target is not None else csv_dir
    assert folder is not None
    _make_folder(folder)
    fd, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        summary = _build(temporary, archive, words, aliases)
        if csv_dir is not None:
            write_csv_package(temporary, csv_dir)
            summary.csv_dir = csv_dir
        if target is not None:
            _replace(temporary, target)
            metadata = metadata_path(target)
            _write(
                metadata,
                json.dumps(datasette_metadata(target), indent=2, ensure_ascii=False) + "\n",
            )
            summary.database, summary.metadata = target, metadata
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            leftover.unlink(missing_ok=True)
    return summary


def metadata_path(database: Path) -> Path:
    """Where the Datasette metadata of ``database`` is written: ``emg.db`` ->
    ``emg.metadata.json``."""
    return database.with_name(f"{database.stem}.metadata.json")


def _database_target(database: str | Path, archive: Archive) -> Path:
    """The file ``database`` names (links followed), or OutputError: a folder, a name
    ending with ``/``, something that is no regular file; SameFileError: a file of the
    archive (:meth:`~emg_parse.archive.Archive.own_files`), or its metadata would be one."""
    text = os.fspath(database)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        raise OutputError(
            text, f"is a folder; give the database's file name, e.g. {shown(path / 'emg.db')}"
        )
    if path.exists() and not path.is_file():
        raise OutputError(text, "is no regular file; a database is written only to a file")
    real = Path(os.path.realpath(path))
    inputs = archive.own_files()
    for candidate in (real, metadata_path(real)):
        if any(_same_file(candidate, one) for one in inputs):
            raise SameFileError(
                text,
                f"would replace {shown(candidate)}, a file of the "
                "converted folder; choose another output",
            )
    return real


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "is not a folder; give a folder for the CSV files")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, f"cannot create the folder ({exc.strerror or exc})") from None


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None


def _write_csv(path: Path, table: Table, rows: Iterator[list[object]]) -> None:
    """Write a CSV file row by row to a temporary file, renamed over ``path`` once complete."""
    try:
        fd, name = tempfile.mkstemp(
            prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=path.parent
        )
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\r\n")
                writer.writerow([c.name for c in table.columns])
                writer.writerows(rows)
            _replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None


def _replace(temporary: Path, target: Path) -> None:
    """Rename the complete database over ``target``, with the permissions a new file gets."""
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(target, f"cannot write ({exc.strerror or exc})") from None


def _build(
    path: Path, archive: Archive, words: Vocabulary, aliases: dict[str, list[str]]
) -> Summary:
    """Fill the empty database file ``path``."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        for table in TABLES:
            _create(db, table)
        collector = Collector()
        pending: list[Row] = []  # decision_bodies: their body needs the whole register
        keys: dict[tuple[str, str], str] = {}
        documents = 0
        for doc in archive.documents():
            documents += 1
            collector.add(doc)
            tables = document_rows(doc)
            pending += tables.pop("decision_bodies")
            keys.update(((doc.key, row["id"]), row["key"]) for row in tables["decisions"])
            for name, rows in tables.items():
                if rows:
                    db.table(name).insert_all(rows)
        if not documents:
            raise InputError(archive.folder, "no document could be read; nothing written")
        meetings = collector.merged_meetings()
        counts = {number: 0 for number in meetings}
        for _, meeting in collector.meetings:
            if meeting.number is not None:
                counts[meeting.number] += 1
        db.table("meetings").insert_all(
            {**meeting.model_dump(mode="json"), "documents": counts[number]}
            for number, meeting in meetings.items()
        )
        register = collector.register(words, aliases)
        for row in pending:
            row["body"] = register.body_of(row["name"])
        db.table("decision_bodies").insert_all(pending)
        for name, rows in register_rows(register, keys).items():
            if rows:
                db.table(name).insert_all(rows)
        for name, columns in FTS.items():
            db.table(name).enable_fts(list(columns))
        db.index_foreign_keys()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # pragma: no cover - a bug: every key is checked on reading
            raise AssertionError(f"broken foreign keys: {problems[:5]}")
        rows_of = {table.name: db[table.name].count for table in TABLES}
    except sqlite3.Error as exc:
        raise OutputError(path.parent, f"cannot write the database ({exc})") from None
    finally:
        db.close()
    return Summary(documents=documents, rows=rows_of)


def _create(db: Any, table: Table) -> None:
    pk: str | tuple[str, ...] = (
        table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key
    )
    db[table.name].create(
        {c.name: _SQL_TYPES[c.type] for c in table.columns},
        pk=pk,
        foreign_keys=[
            (c.name, c.references, _key_of(c.references)) for c in table.columns if c.references
        ],
        not_null=[c.name for c in table.columns if c.required],
        strict=True,
    )


def _key_of(table: str) -> str:
    (key,) = TABLE[table].primary_key
    return key


# --------------------------------------------------------------------------- metadata


def datasette_metadata(database: Path) -> dict[str, Any]:
    """Datasette's metadata for ``database``: title, description, source, licence, and
    every table's and column's description (from :data:`TABLES`)."""
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {
            "title": table.title,
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
        }
        if table.label:
            entry["label_column"] = table.label
        if table.facets:
            entry["facets"] = list(table.facets)
        tables[table.name] = entry
    for name in FTS:
        tables[name]["fts_table"] = f"{name}_fts"
        tables[f"{name}_fts"] = {"hidden": True}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "source": SOURCE,
        "source_url": SOURCE_URL,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "databases": {database.stem: {"tables": tables}},
    }


def datapackage() -> dict[str, Any]:
    """The ``datapackage.json`` of the CSV package (Frictionless Data Package, Table Schema)."""
    resources = []
    for table in TABLES:
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    **({"constraints": {"required": True}} if c.required else {}),
                }
                for c in table.columns
            ],
            "primaryKey": list(table.primary_key),
        }
        foreign = [
            {
                "fields": c.name,
                "reference": {"resource": c.references, "fields": _key_of(c.references)},
            }
            for c in table.columns
            if c.references
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "title": table.title,
                "description": table.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "emg-decisions",
        "title": TITLE,
        "description": DESCRIPTION,
        "sources": [{"title": SOURCE, "path": SOURCE_URL}],
        "licenses": [{"title": LICENSE, "path": LICENSE_URL}],
        "resources": resources,
    }


def _cell(value: object, kind: FieldType) -> object:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    return value


def csv_rows(db: sqlite3.Connection, table: Table) -> Iterator[list[object]]:
    """The rows of ``table`` in the order they were inserted, as CSV cells."""
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    for row in db.execute(f'SELECT {names} FROM "{table.name}" ORDER BY rowid'):
        yield [_cell(value, c.type) for value, c in zip(row, table.columns, strict=True)]


def write_csv_package(database: Path, folder: Path) -> None:
    """Write each table of ``database`` to ``folder/<table>.csv``, then ``datapackage.json``."""
    _make_folder(folder)
    db = sqlite3.connect(database)
    try:
        for table in TABLES:
            _write_csv(folder / f"{table.name}.csv", table, csv_rows(db, table))
    finally:
        db.close()
    _write(
        folder / "datapackage.json", json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
    )
