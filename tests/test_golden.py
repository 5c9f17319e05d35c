"""Golden outputs and hand-checked references.

Golden outputs: every bundled sample compared with its committed output, to see any
change of the output at all.  Update them after an intended change with
``pytest tests/test_golden.py --update-goldens`` and review the diff before committing.

Hand-checked references (``tests/reference/*.yaml``, written from the printed
documents, never from a parse): every sample each one lists must match it exactly in
units -- sections, decisions and items by number, label, title and text -- and header
fields, as ``bench/accuracy.py`` scores them.  ``--update-goldens`` never writes there,
so it cannot change what the samples are checked against.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from emg_parse.pipeline import parse_file
from emg_parse.writers import render

from .conftest import GOLDEN, SAMPLES
from .test_reference_files import REFERENCE, REFERENCES, accuracy_module

DOCUMENTS = Path(__file__).resolve().parent / "documents"
_FORMATS = {".pdf", ".docx", ".txt", ".md"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in _FORMATS)
LAYOUT_FILES = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in _FORMATS)
SEED = "EMGSOM.26_3a.txt"  # the text of the printed 26th meeting's outcome
SEED_REFERENCE = REFERENCE / "EMGSOM.26_3a.yaml"  # hand-checked against the printed document
accuracy = accuracy_module()


def reference_of(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


#: (reference, sample file under samples/) for every sample of every reference.
REFERENCE_SAMPLES = [(path, name) for path in REFERENCES for name in reference_of(path)["files"]]
#: The fields scored besides units and header; a table's other columns (attributes) and
#: the notes of its rows are not read yet, so table samples are held to units only.
FIELDS = ("section_actor", "actor", "actions", "annexes")


def score(reference: Path, sample: Path) -> Any:
    """``bench/accuracy.py``'s score of ``sample`` against ``reference``."""
    return accuracy.score_file(reference, reference_of(reference), sample, sample.name)


def assert_units_exact(scored: Any) -> None:
    assert scored.error is None, scored.error
    for kind, count in scored.units.items():
        assert count.matched == count.expected == count.found, (kind, vars(count))


def assert_header_exact(scored: Any) -> None:
    wrong = [name for name, ok in scored.header.items() if not ok]
    assert wrong == [], f"header fields not as in the reference: {wrong}"


@pytest.mark.parametrize("sample", SAMPLE_FILES + LAYOUT_FILES, ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, update_goldens: bool) -> None:
    golden = GOLDEN / f"{sample.name}.json"
    actual = render(parse_file(sample), "json")
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden for {sample.name}: run with --update-goldens"
    assert json.loads(actual) == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("reference", "name"), REFERENCE_SAMPLES, ids=[name for _, name in REFERENCE_SAMPLES]
)
def test_every_sample_matches_its_hand_checked_reference(reference: Path, name: str) -> None:
    scored = score(reference, SAMPLES / name)
    assert_units_exact(scored)
    assert_header_exact(scored)
    table = any(
        decision.get("attributes")
        for section in reference_of(reference)["sections"]
        for decision in section.get("decisions", [])
    )
    for field in FIELDS if table else (*FIELDS, "attributes"):
        rate = scored.fields[field]
        assert rate.correct == rate.total, (field, vars(rate))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_content_equals_reference(sample: Path) -> None:
    """The 26th meeting, in every format: everything the reference holds, notes included."""
    scored = score(SEED_REFERENCE, sample)
    assert_units_exact(scored)
    assert_header_exact(scored)
    assert {k: r.correct == r.total for k, r in scored.fields.items()} == dict.fromkeys(
        scored.fields, True
    )
    assert parse_file(sample).warnings == []


def test_reference_counts() -> None:
    sections = reference_of(SEED_REFERENCE)["sections"]
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
    seed = (SAMPLES / SEED).read_text(encoding="utf-8").splitlines()
    printed = {line.strip().removeprefix("- ") for line in seed}
    reference = reference_of(SEED_REFERENCE)
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
    sample = DOCUMENTS / "EMGSOM.26_3a_autonum.pdftotext-layout.txt"
    scored = score(SEED_REFERENCE, sample)
    assert_units_exact(scored)
    assert_header_exact(scored)
    assert parse_file(sample).warnings == []


def test_pdftotext_plain_output_has_the_reference_structure() -> None:
    """Plain ``pdftotext`` output; pdftotext itself turns "above-mentioned" into one word."""
    sample = DOCUMENTS / "EMGSOM.26_3a_variant.pdftotext.txt"
    parsed = parse_file(sample)
    reference = reference_of(SEED_REFERENCE)
    shape = [[len(d.items) for d in s.decisions] for s in parsed.sections]
    assert shape == [[len(d["items"]) for d in s["decisions"]] for s in reference["sections"]]
    assert_header_exact(score(SEED_REFERENCE, sample))
    assert parsed.warnings == []
