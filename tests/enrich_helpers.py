"""Building OutcomeDocuments by hand for the enrich tests (ids, addressees, deadlines, bodies).

``document(...)`` makes a validated document from plain data shaped as the output (or as
a hand-checked reference's ``document`` and ``sections``); ``enriched(...)`` runs the
enrich stage on it, as :func:`emg_parse.pipeline.parse_file` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from emg_parse.enrich import enrich
from emg_parse.model import Decision, OutcomeDocument

from .conftest import SHA

REFERENCES = Path(__file__).resolve().parent / "reference"


def document(
    sections: list[dict[str, Any]],
    *,
    number: int | None = 26,
    symbol: str | None = None,
    file: str = "doc.txt",
    date: str | None = None,
) -> OutcomeDocument:
    """A document of ``sections`` (dicts as in the output) for the meeting ``number``."""
    return OutcomeDocument.model_validate(
        {
            "schema_version": "1.2",
            "source": {"file": file, "format": "text", "sha256": SHA},
            "document": {"symbol": symbol, "meeting": {"number": number, "date": date}},
            "sections": sections,
        },
        strict=False,
    )


def enriched(sections: list[dict[str, Any]], **kwargs: Any) -> OutcomeDocument:
    """:func:`document`, enriched."""
    return enrich(document(sections, **kwargs))


def one(
    text: str,
    actions: list[str],
    *,
    title: str = "Biodiversity",
    items: list[dict[str, Any]] | None = None,
    actor: str | None = None,
    number: int | None = 26,
    before: list[str] | None = None,
) -> Decision:
    """The enriched decision ``text`` (with ``actions`` as the parser read them), the last
    of a section titled ``title`` in which the decisions ``before`` came first."""
    earlier: list[dict[str, Any]] = [
        {"label": None, "text": t, "actions": []} for t in before or []
    ]
    decision = {
        "label": None,
        "text": text,
        "actions": actions,
        "actor": actor,
        "items": items or [],
    }
    doc = enriched(
        [{"number": "I", "title": title, "decisions": [*earlier, decision]}], number=number
    )
    return doc.sections[0].decisions[-1]


def reference_document(name: str) -> OutcomeDocument:
    """The hand-checked reference ``tests/reference/<name>.yaml`` as a document (its
    ``document`` and ``sections``, with the texts and actions a perfect parser gives)."""
    data = yaml.safe_load((REFERENCES / f"{name}.yaml").read_text(encoding="utf-8"))
    return OutcomeDocument.model_validate(
        {
            "schema_version": "1.2",
            "source": {"file": Path(data["files"][0]).name, "format": "text", "sha256": SHA},
            "document": data["document"],
            "sections": data["sections"],
        },
        strict=False,
    )
