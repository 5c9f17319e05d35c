"""The hand-checked references (tests/reference/*.yaml) are well formed and match their samples.

These tests check the references and the layout samples themselves, not the parser:
keys only from the 1.1 contract, values of the right kind, every listed file present,
every sample listed, every text of a reference printed in its documents, the samples
reproducible from their sources, and the scorer (bench/accuracy.py) perfect on a
reference scored against itself.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from docx import Document

from emg_parse.actions import VOCABULARY

from .conftest import ROOT, SAMPLES

REFERENCE = Path(__file__).resolve().parent / "reference"
REFERENCES = sorted(REFERENCE.glob("*.yaml"))
LAYOUTS = SAMPLES / "layouts"

TOP_KEYS = {"files", "layout", "document", "sections", "annexes"}
DOCUMENT_KEYS = {"kind", "status", "symbol", "title", "meeting"}
MEETING_KEYS = {"number", "date", "end_date", "time", "venue"}
SECTION_KEYS = {"number", "level", "title", "actor", "notes", "decisions"}
DECISION_KEYS = {"label", "actor", "text", "actions", "attributes", "items"}
ITEM_KEYS = {"label", "text", "items"}
ANNEX_KEYS = {"title", "text"}
KINDS = {"action_points", "decisions", "report", "recommended_actions", "outcome", None}
STATUSES = {"approved", "proposed", None}
#: Contract 1.1 adds "rename" to the actions of schema 1.0.
ACTIONS = set(VOCABULARY) | {"rename"}


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(k) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate keys {sorted(map(str, duplicates))}", node.start_mark
        )
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


def ids(path: Path) -> str:
    return path.stem


def text_ok(value: Any) -> bool:
    return isinstance(value, str) and value.strip() == value and bool(value)


def optional_text(value: Any) -> bool:
    return value is None or text_ok(value)


def check_items(items: Any, where: str) -> None:
    assert isinstance(items, list), where
    for n, item in enumerate(items):
        here = f"{where}.items[{n}]"
        assert set(item) <= ITEM_KEYS, here
        assert optional_text(item.get("label")), here
        assert text_ok(item.get("text")), here
        check_items(item.get("items", []), here)


def test_there_are_references() -> None:
    assert len(REFERENCES) >= 15


@pytest.mark.parametrize("path", REFERENCES, ids=ids)
def test_reference_is_well_formed(path: Path) -> None:
    ref = load(path)
    assert set(ref) <= TOP_KEYS
    assert isinstance(ref["files"], list) and ref["files"]
    assert text_ok(ref["layout"])
    doc = ref["document"]
    assert set(doc) <= DOCUMENT_KEYS
    assert doc.get("kind") in KINDS and doc.get("status") in STATUSES
    assert optional_text(doc.get("symbol")) and text_ok(doc.get("title"))
    meeting = doc["meeting"]
    assert set(meeting) <= MEETING_KEYS
    assert isinstance(meeting["number"], int) and 1 <= meeting["number"] <= 40
    start = dt.date.fromisoformat(meeting["date"])
    if meeting.get("end_date") is not None:
        assert dt.date.fromisoformat(meeting["end_date"]) > start
    assert optional_text(meeting.get("time")) and optional_text(meeting.get("venue"))

    previous_level = 0
    for s, section in enumerate(ref["sections"]):
        where = f"sections[{s}]"
        assert set(section) <= SECTION_KEYS, where
        assert optional_text(section.get("number")) and text_ok(section.get("title")), where
        assert section["level"] in (1, 2) and section["level"] <= previous_level + 1, where
        previous_level = section["level"]
        actor = section.get("actor")
        assert optional_text(actor) and not (actor or "").endswith(":"), where
        assert all(text_ok(note) for note in section.get("notes", [])), where
        for d, decision in enumerate(section.get("decisions", [])):
            here = f"{where}.decisions[{d}]"
            assert set(decision) <= DECISION_KEYS, here
            assert optional_text(decision.get("label")), here
            assert text_ok(decision["text"]), here
            if decision.get("actor") is not None:
                assert decision["text"].startswith(decision["actor"]), here
                assert actor is None, f"{here}: an actor line and an actor in the sentence"
            assert decision.get("actions") and set(decision["actions"]) <= ACTIONS, here
            attributes = decision.get("attributes", {})
            assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", k) for k in attributes), here
            assert all(text_ok(v) for v in attributes.values()), here
            check_items(decision.get("items", []), here)
            if decision.get("items"):
                assert decision["text"].endswith(":"), f"{here}: a list follows a colon"
    for annex in ref.get("annexes", []):
        assert set(annex) <= ANNEX_KEYS and text_ok(annex["title"])


@pytest.mark.parametrize("path", REFERENCES, ids=ids)
def test_listed_files_exist(path: Path) -> None:
    for name in load(path)["files"]:
        assert (SAMPLES / name).is_file(), name
        assert Path(name).suffix in {".txt", ".docx", ".pdf"}, name


def test_every_sample_has_one_reference() -> None:
    listed = [name for path in REFERENCES for name in load(path)["files"]]
    assert len(listed) == len(set(listed))
    samples = sorted(
        str(p.relative_to(SAMPLES))
        for p in [*SAMPLES.glob("EMGSOM.26_3a*"), *LAYOUTS.iterdir()]
        if p.suffix in {".txt", ".docx", ".pdf"}
    )
    assert sorted(listed) == samples


# --- every text of a reference is printed in its documents -------------------------

_MARKUP = re.compile(r"</?sup>|\*+|^#+ |^- ", re.M)


def printed_text(path: Path) -> str:
    """The running text of a .txt (Markdown marks removed) or .docx (body and tables)."""
    if path.suffix == ".txt":
        text = _MARKUP.sub("", path.read_text(encoding="utf-8"))
    else:
        doc = Document(str(path))
        cells = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
        text = "\n".join([p.text for p in doc.paragraphs] + cells)
    return " ".join(text.split())


def reference_texts(ref: Any) -> Iterator[str]:
    def walk(items: Any) -> Iterator[str]:
        for item in items:
            yield item["text"]
            yield from walk(item.get("items", []))

    yield ref["document"]["title"]
    if ref["document"].get("symbol"):
        yield ref["document"]["symbol"]
    for section in ref["sections"]:
        yield section["title"]
        if section.get("actor"):
            yield section["actor"]
        # A note keeps its number, which Word numbering does not put in the text.
        yield from (re.sub(r"^\d+\. ", "", note) for note in section.get("notes", []))
        for decision in section.get("decisions", []):
            yield decision["text"]
            yield from decision.get("attributes", {}).values()
            yield from walk(decision.get("items", []))
    for annex in ref.get("annexes", []):
        yield annex["title"]


@pytest.mark.parametrize("path", REFERENCES, ids=ids)
def test_reference_texts_are_printed_in_the_documents(path: Path) -> None:
    ref = load(path)
    for name in ref["files"]:
        if Path(name).suffix == ".pdf":
            continue
        printed = printed_text(SAMPLES / name)
        for text in reference_texts(ref):
            assert " ".join(text.split()) in printed, f"{name}: {text!r}"


# --- the samples are reproducible, the scorer exact ----------------------------------


def docx_part(path: Path, part: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(part)


def test_layout_samples_rebuild_identically(tmp_path: Path) -> None:
    """The committed .txt and .docx are what build_layouts.py makes of the sources.

    Word files are compared by their body and numbering parts, so that a new
    python-docx template (styles, settings) does not count as a change of content.
    """
    subprocess.run(
        [sys.executable, str(SAMPLES / "build_layouts.py"), "--no-pdf", "--outdir", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in LAYOUTS.iterdir() if p.suffix in {".txt", ".docx"})
    assert built == committed
    for name in built:
        new, old = tmp_path / name, LAYOUTS / name
        if new.suffix == ".txt":
            assert new.read_bytes() == old.read_bytes(), name
        else:
            for part in ("word/document.xml", "word/numbering.xml"):
                assert docx_part(new, part) == docx_part(old, part), f"{name}: {part}"


def accuracy_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", REFERENCES, ids=ids)
def test_scorer_gives_a_reference_full_marks_against_itself(path: Path) -> None:
    accuracy = accuracy_module()
    ref = load(path)
    score = accuracy.FileScore(path.stem, ref["layout"], "self")
    accuracy.score_units(ref, ref, score)
    accuracy.score_header(ref, ref, score)
    accuracy.score_fields(ref, ref, score)
    assert accuracy.prf(score.total_units()) == (1.0, 1.0, 1.0)
    assert all(rate.correct == rate.total for rate in score.fields.values())

    # One decision lost: recall drops, precision does not.
    damaged = yaml.safe_load(yaml.safe_dump(ref))
    first = next(s for s in damaged["sections"] if s.get("decisions"))
    first["decisions"].pop(0)
    score = accuracy.FileScore(path.stem, ref["layout"], "damaged")
    accuracy.score_units(ref, damaged, score)
    precision, recall, _ = accuracy.prf(score.total_units())
    assert precision == 1.0 and recall < 1.0
