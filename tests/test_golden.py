"""Golden outputs: every bundled sample, compared with its committed output.

Update after an intended change with ``pytest tests/test_golden.py --update-goldens``
and review the diff before committing.  The content of every sample (everything
but provenance) must also equal the hand-checked output of the seed text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from emg_parse.pipeline import parse_file
from emg_parse.writers import render

from .conftest import GOLDEN, SAMPLES

DOCUMENTS = Path(__file__).resolve().parent / "documents"
_FORMATS = {".pdf", ".docx", ".txt", ".md"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in _FORMATS)
LAYOUT_FILES = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in _FORMATS)
REFERENCE = "EMGSOM.26_3a.txt"  # hand-checked against the printed document


def without_provenance(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: without_provenance(v) for k, v in data.items() if k != "source"}
    if isinstance(data, list):
        return [without_provenance(v) for v in data]
    return data


@pytest.mark.parametrize("sample", SAMPLE_FILES + LAYOUT_FILES, ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, update_goldens: bool) -> None:
    golden = GOLDEN / f"{sample.name}.json"
    actual = render(parse_file(sample), "json")
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden for {sample.name}: run with --update-goldens"
    assert json.loads(actual) == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_content_equals_reference(sample: Path) -> None:
    reference = json.loads((GOLDEN / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    actual = json.loads(render(parse_file(sample), "json"))
    assert without_provenance(actual["document"]) == without_provenance(reference["document"])
    assert without_provenance(actual["sections"]) == without_provenance(reference["sections"])
    assert actual["warnings"] == []


def test_reference_counts() -> None:
    reference = json.loads((GOLDEN / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    sections = reference["sections"]
    assert [s["number"] for s in sections] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
    ]
    decisions = [d for s in sections for d in s["decisions"]]
    items = [i for d in decisions for i in d["items"]]
    assert (len(decisions), len(items)) == (24, 10)
    assert sum(1 for d in decisions if d["label"] is None) == 4


def test_there_are_samples_of_every_format() -> None:
    assert {p.suffix for p in SAMPLE_FILES} >= {".pdf", ".docx", ".txt"}


def test_reference_texts_are_verbatim_lines_of_the_seed() -> None:
    seed = (SAMPLES / REFERENCE).read_text(encoding="utf-8").splitlines()
    printed = {line.strip().removeprefix("- ") for line in seed}
    reference = json.loads((GOLDEN / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    for section in reference["sections"]:
        for decision in section["decisions"]:
            for node in [decision, *decision["items"]]:
                forms = (
                    [f"{node['label']}{p} {node['text']}" for p in ").:"]
                    if node["label"]
                    else [node["text"]]
                )
                assert printed.intersection(forms), node["text"]


@pytest.mark.parametrize("document", sorted(DOCUMENTS.glob("layout_som27.*")), ids=lambda p: p.name)
def test_layout_document(document: Path) -> None:
    """Hand-checked facts of tests/documents/layout_som27 (Word and its PDF alike)."""
    parsed = parse_file(document)
    doc, meeting = parsed.document, parsed.document.meeting
    assert (doc.symbol, doc.title, doc.distribution) == (
        "EMG/SOM.27/2",
        "Summary of Decisions",
        "EMG Members and observers",
    )
    assert (meeting.number, meeting.segment, str(meeting.date), str(meeting.end_date)) == (
        27,
        "Technical Segment",
        "2021-09-09",
        "2021-09-10",
    )
    assert (meeting.time, meeting.venue) == ("10:00 - 12:00 CEST", "Geneva")
    one, two, three = parsed.sections
    assert [(s.number, s.title) for s in parsed.sections] == [
        ("I", "Environment and Digital Transformation"),
        ("II", "Nexus Dialogues"),
        ("III", "Any other business"),
    ]
    assert one.actor == "The Senior Officials decided to"
    assert [(d.label, d.actions, [i.label for i in d.items]) for d in one.decisions] == [
        ("a", ["welcome"], []),
        ("b", ["request"], ["i", "ii"]),
        ("c", ["extend"], []),
    ]
    assert one.decisions[1].items[1].text == "consult the members on its scope; and"
    assert [d.label for d in two.decisions] == ["a", "b"]
    assert [(d.label, d.actions) for d in three.decisions] == [(None, ["agree"])]
    assert parsed.warnings == []


def test_pdftotext_layout_output_has_the_reference_content() -> None:
    """Text saved with ``pdftotext -layout``: running lines, columns, indented labels."""
    reference = json.loads((GOLDEN / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    actual = json.loads(
        render(parse_file(DOCUMENTS / "EMGSOM.26_3a_autonum.pdftotext-layout.txt"), "json")
    )
    assert without_provenance(actual["document"]) == without_provenance(reference["document"])
    assert without_provenance(actual["sections"]) == without_provenance(reference["sections"])
    assert actual["warnings"] == []


def test_pdftotext_plain_output_has_the_reference_structure() -> None:
    """Plain ``pdftotext`` output; pdftotext itself turns "above-mentioned" into one word."""
    parsed = parse_file(DOCUMENTS / "EMGSOM.26_3a_variant.pdftotext.txt")
    reference = json.loads((GOLDEN / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    shape = [[len(d.items) for d in s.decisions] for s in parsed.sections]
    assert shape == [[len(d["items"]) for d in s["decisions"]] for s in reference["sections"]]
    assert parsed.document.model_dump(mode="json") == reference["document"]
    assert parsed.warnings == []
