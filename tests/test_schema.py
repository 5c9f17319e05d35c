from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from emg_parse.model import OutcomeDocument, json_schema

from .conftest import GOLDEN, ROOT

SCHEMA_FILE = ROOT / "schemas" / "outcome.schema.json"


def test_committed_schema_is_current() -> None:
    """Regenerate with: emg-parse schema -o schemas/outcome.schema.json"""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_schema_names_the_public_contract() -> None:
    schema = json_schema()
    assert set(schema["properties"]) == {  # type: ignore[call-overload]
        "schema_version",
        "source",
        "document",
        "sections",
        "annexes",
        "warnings",
    }


def _golden() -> dict[str, object]:
    data: dict[str, object] = json.loads((GOLDEN / "EMGSOM.26_3a.txt.json").read_text())
    return data


def test_golden_validates() -> None:
    OutcomeDocument.model_validate_json(json.dumps(_golden()))


def test_unknown_fields_are_rejected() -> None:
    data = _golden()
    data["extra"] = 1
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        OutcomeDocument.model_validate_json(json.dumps(data))


def test_types_are_strict() -> None:
    data = _golden()
    data["sections"][0]["decisions"][0]["actions"] = "consider"  # type: ignore[index]
    with pytest.raises(ValidationError):
        OutcomeDocument.model_validate_json(json.dumps(data))


def test_schema_version_is_checked() -> None:
    data = _golden()
    data["schema_version"] = "2.0"
    with pytest.raises(ValidationError):
        OutcomeDocument.model_validate_json(json.dumps(data))


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_schema_version_reads_with_the_same_models(version: str) -> None:
    """Versions only add fields with defaults: a 1.0 file (without them) still reads."""
    data = _golden()
    data["schema_version"] = version
    data.pop("annexes")
    for section in data["sections"]:  # type: ignore[attr-defined]
        section.pop("level")
        for decision in section["decisions"]:
            for field in ("actor", "attributes", "id", "addressees", "deadlines", "bodies"):
                decision.pop(field)
            for item in decision["items"]:
                item.pop("id")
    OutcomeDocument.model_validate_json(json.dumps(data))
