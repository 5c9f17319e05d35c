"""The validated output: pydantic v2 models of an outcome document.

Field names here are the public contract of emg-parse's JSON and YAML output.
Models are strict (no type coercion) and reject unknown fields, so that a
hand-edited file that drifts from the contract is caught by validation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: The version this emg-parse writes.  Versions only grow by new fields with defaults,
#: so a file of any version in :data:`SCHEMA_VERSIONS` reads with the same models.
SCHEMA_VERSION: Literal["1.2"] = "1.2"
SchemaVersion = Literal["1.0", "1.1", "1.2"]
SCHEMA_VERSIONS: tuple[SchemaVersion, ...] = ("1.0", "1.1", "1.2")
SCHEMA_ID = "urn:emg-parse:schema:outcome:1.2"

#: What kind of outcome document it is, from its title (``document.kind``).
DocumentKind = Literal["action_points", "decisions", "report", "recommended_actions", "outcome"]
#: Whether the document records what was approved or proposes it (``document.status``).
DocumentStatus = Literal["approved", "proposed"]
#: Who an addressee is: a member entity of the EMG, a generic role, or a subsidiary body.
AddresseeKind = Literal["entity", "role", "body"]
#: What a deadline phrase names (see :mod:`emg_parse.deadlines`).
DeadlineKind = Literal["date", "meeting", "next_meeting", "duration", "period", "until"]
#: How much of a deadline's date is known.
Precision = Literal["year", "month", "day"]
#: The kinds of subsidiary bodies (see :mod:`emg_parse.bodies`).
BodyType = Literal[
    "issue_management_group",
    "task_team",
    "consultative_process",
    "coalition",
    "dialogue",
    "other",
]
#: The lifecycle event a decision records for a body.
BodyEvent = Literal[
    "established", "extended", "renamed", "concluded", "transferred", "terms_of_reference"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Source(_Strict):
    """The input file."""

    file: str = Field(description="File name as given (no directories).")
    format: Literal["pdf", "docx", "text"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: int | None = Field(default=None, ge=0, description="Page count (PDF only).")


class Meeting(_Strict):
    """The meeting the document records, from its header block."""

    name: str | None = None
    number: int | None = Field(default=None, ge=1, description="26 for the 26th meeting.")
    segment: str | None = Field(default=None, description='e.g. "Senior Segment".')
    date: dt.date | None = Field(default=None, strict=False, description="First day, ISO 8601.")
    end_date: dt.date | None = Field(
        default=None, strict=False, description="Last day of a multi-day meeting."
    )
    time: str | None = Field(default=None, description="As printed, e.g. 14:00 -15:30 GVA time.")
    venue: str | None = Field(default=None, description='"Online" or a city.')


class DocumentInfo(_Strict):
    """Header block and title."""

    symbol: str | None = Field(
        default=None, description="As printed, e.g. EMGSOM.26_3a, EMG/SOM.19/04, EMGSOM23 - 3a."
    )
    title: str | None = None
    kind: DocumentKind | None = Field(
        default=None,
        description="action_points, decisions, report, recommended_actions or outcome "
        "(from the title); null when the title does not say.",
    )
    status: DocumentStatus | None = Field(
        default=None,
        description="approved (what the meeting approved) or proposed (put to the meeting); "
        "null when the document does not say.",
    )
    distribution: str | None = None
    preamble: list[str] = Field(default_factory=list)
    meeting: Meeting = Field(default_factory=Meeting)


class Location(_Strict):
    """Where a piece of text starts in the input (1-based)."""

    page: int | None = Field(default=None, ge=1)
    line: int | None = Field(default=None, ge=1)
    paragraph: int | None = Field(default=None, ge=1)


def _id() -> Any:
    return Field(
        default=None,
        description='Readable and stable on re-parse, unique in the document: "SOM26-III-b-i" '
        "(meeting, section, label path; see ids.py). Null in files older than 1.2.",
    )


def _in_item() -> Any:
    return Field(
        default=None,
        description="The id of the item where it is printed; null: in the decision's own text.",
    )


class Item(_Strict):
    """A lettered or roman sub-item; items nest to any depth."""

    id: str | None = _id()
    label: str | None = Field(default=None, description='Normalised: "a", "iv"; no brackets.')
    text: str
    source: Location = Field(default_factory=Location)
    items: list[Item] = Field(default_factory=list)


class Addressee(_Strict):
    """Who a decision asks to act (requested, invited, encouraged, urged, called upon, ...)."""

    text: str = Field(description='As printed: "the EMG Secretariat", "UNEP".')
    name: str | None = Field(
        default=None,
        description='Normalised from the bundled lists: "EMG Secretariat", "UNEP", a body\'s '
        "name; null when the text is no known name.",
    )
    kind: AddresseeKind | None = Field(
        default=None, description="entity, role or body; null when unknown."
    )
    item: str | None = _in_item()


class Deadline(_Strict):
    """A time limit or term in a decision: "by November 2020", "at the next meeting"."""

    text: str = Field(description='The phrase as printed: "by November 2020".')
    kind: DeadlineKind
    value: str | None = Field(
        default=None,
        description='ISO 8601: "2020-11", "2020-11-30", "2017" (date, until); "2018/2019" '
        '(period); "P1Y" (duration); null for a meeting.',
    )
    precision: Precision | None = Field(default=None, description="Of a date value.")
    meeting: int | None = Field(
        default=None, ge=1, description="The meeting's number (next meeting: this one + 1)."
    )
    item: str | None = _in_item()


class BodyReference(_Strict):
    """A subsidiary body a decision names, and the lifecycle event it records for it."""

    text: str = Field(description='As printed: "the Task Team", "the SDS Coalition".')
    name: str | None = Field(
        default=None,
        description="Normalised (bundled aliases; short forms resolved in context); null when "
        "a short form could not be resolved.",
    )
    type: BodyType
    event: BodyEvent | None = Field(default=None, description="null: named, no event.")
    new_name: str | None = Field(default=None, description="The name given by a renaming.")
    item: str | None = _in_item()


class Decision(_Strict):
    """An operative decision: a labelled item or an unlabelled lead-in."""

    id: str | None = _id()
    label: str | None = Field(
        default=None, description='As printed without brackets or a trailing dot: "a", "4", "1.1".'
    )
    actor: str | None = Field(
        default=None,
        description="The deciding body named in the decision's own sentence (\"The Senior "
        "Officials agreed to ...\"); null under an actor line (see the section's actor).",
    )
    text: str
    actions: list[str] = Field(
        default_factory=list, description="Operative verbs, normalised (see actions.py)."
    )
    attributes: dict[str, str] = Field(
        default_factory=dict,
        description="The other cells of an action-point table row, keyed by column heading "
        "in snake_case (lead, timeline, ...).",
    )
    addressees: list[Addressee] = Field(
        default_factory=list, description="Who the decision (or one of its items) asks to act."
    )
    deadlines: list[Deadline] = Field(
        default_factory=list, description="Deadline phrases of the decision and its items."
    )
    bodies: list[BodyReference] = Field(
        default_factory=list, description="Subsidiary bodies named, with lifecycle events."
    )
    source: Location = Field(default_factory=Location)
    items: list[Item] = Field(default_factory=list)


class Section(_Strict):
    number: str | None = Field(
        default=None,
        description='As printed without a trailing dot: "IV", "3", "A", "2.1"; null if none.',
    )
    level: int = Field(default=1, ge=1, le=2, description="1 for I., 2 for A. under I.")
    title: str
    actor: str | None = Field(default=None, description='e.g. "The Senior Officials".')
    notes: list[str] = Field(
        default_factory=list, description="Text between the heading and the actor line."
    )
    source: Location = Field(default_factory=Location)
    decisions: list[Decision] = Field(default_factory=list)


class Annex(_Strict):
    """An annex (agenda, list of participants, ...): kept as text, never decisions."""

    title: str = Field(description='Its heading as printed, e.g. "Annex I".')
    text: str = ""
    source: Location = Field(default_factory=Location)


class ParseWarning(_Strict):
    """Something the parser noticed and could not, or should not, fix silently."""

    code: str
    message: str
    where: Location = Field(default_factory=Location)


class OutcomeDocument(_Strict):
    """A parsed EMG Senior Officials Meeting outcome document."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    source: Source
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    sections: list[Section] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    """The JSON Schema of the output (committed as ``schemas/outcome.schema.json``)."""
    schema = OutcomeDocument.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
