"""The validated output: pydantic v2 models of an outcome document.

Field names here are the public contract of emg-parse's JSON and YAML output.
Models are strict (no type coercion) and reject unknown fields, so that a
hand-edited file that drifts from the contract is caught by validation.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The version this emg-parse writes.  Versions only grow by new fields with defaults,
#: so a file of any version in :data:`SCHEMA_VERSIONS` reads with the same models.
SCHEMA_VERSION: Literal["1.1"] = "1.1"
SchemaVersion = Literal["1.0", "1.1"]
SCHEMA_VERSIONS: tuple[SchemaVersion, ...] = ("1.0", "1.1")
SCHEMA_ID = "urn:emg-parse:schema:outcome:1.1"

#: What kind of outcome document it is, from its title (``document.kind``).
DocumentKind = Literal["action_points", "decisions", "report", "recommended_actions", "outcome"]
#: Whether the document records what was approved or proposes it (``document.status``).
DocumentStatus = Literal["approved", "proposed"]


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


class Item(_Strict):
    """A lettered or roman sub-item; items nest to any depth."""

    label: str | None = Field(default=None, description='Normalised: "a", "iv"; no brackets.')
    text: str
    source: Location = Field(default_factory=Location)
    items: list[Item] = Field(default_factory=list)


class Decision(_Strict):
    """An operative decision: a labelled item or an unlabelled lead-in."""

    label: str | None = Field(
        default=None, description='As printed without brackets or a trailing dot: "a", "4", "1.1".'
    )
    actor: str | None = Field(
        default=None,
        description='The deciding body named in the decision\'s own sentence ("The Senior '
        'Officials agreed to ..."); null under an actor line (see the section\'s actor).',
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
