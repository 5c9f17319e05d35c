"""emg_parse.ids: readable, stable, unique ids on every decision and item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.enrich import enrich
from emg_parse.ids import clean
from emg_parse.model import Decision, Item, OutcomeDocument

from .conftest import Cli, ParseText
from .enrich_helpers import document, enriched


def ids(doc: OutcomeDocument) -> list[str | None]:
    """Every id, depth first."""
    found: list[str | None] = []

    def walk(node: Decision | Item) -> None:
        found.append(node.id)
        for item in node.items:
            walk(item)

    for section in doc.sections:
        for decision in section.decisions:
            walk(decision)
    return found


def node(label: str | None, *items: dict[str, Any]) -> dict[str, Any]:
    return {"label": label, "text": "x", "items": list(items)}


# --------------------------------------------------------------------------- meeting key


def test_meeting_number_first() -> None:
    doc = enriched(
        [{"number": "I", "title": "T", "decisions": [node("a")]}], number=26, symbol="EMGSOM.26_3a"
    )
    assert ids(doc) == ["SOM26-I-a"]


def test_symbol_when_the_number_is_unknown() -> None:
    doc = enriched(
        [{"number": "I", "title": "T", "decisions": [node("a")]}],
        number=None,
        symbol="EMG/SOM.19/04",
    )
    assert ids(doc) == ["EMG.SOM.19.04-I-a"]
    doc = enriched(
        [{"number": "I", "title": "T", "decisions": [node("a")]}],
        number=None,
        symbol="EMGSOM23 - 3a",
    )
    assert ids(doc) == ["EMGSOM23.3a-I-a"]


def test_file_stem_without_number_or_symbol() -> None:
    sections = [{"number": "I", "title": "T", "decisions": [node("a")]}]
    assert ids(enriched(sections, number=None, file="EMGSOM.26_3a.pdf")) == ["EMGSOM.26.3a-I-a"]
    assert ids(enriched(sections, number=None, file="notes (final)\\n.txt")) == [
        "notes.final.n-I-a"
    ]
    assert ids(enriched(sections, number=None, file="é.txt")) == ["doc-I-a"]


def test_clean_keeps_letters_digits_and_single_dots() -> None:
    assert clean("EMG/SOM.19/04") == "EMG.SOM.19.04"
    assert clean("..a  b..") == "a.b"
    assert clean("1.1") == "1.1"
    assert clean("--") == ""


# --------------------------------------------------------------------------- sections


def test_section_keys_levels_and_positions() -> None:
    doc = enriched(
        [
            {"number": "I", "level": 1, "title": "T", "decisions": [node("a")]},
            {"number": "A", "level": 2, "title": "T", "decisions": [node("a")]},
            {"number": None, "level": 1, "title": "T", "decisions": [node("a")]},
            {"number": "B", "level": 2, "title": "T", "decisions": [node("a")]},
            {"number": "2", "level": 1, "title": "T", "decisions": [node("1")]},
            {"number": "2.1", "level": 2, "title": "T", "decisions": [node("a")]},
            {"number": "C", "level": 2, "title": "T", "decisions": [node("a")]},
        ]
    )
    assert ids(doc) == [
        "SOM26-I-a",
        "SOM26-I.A-a",
        "SOM26-s3-a",
        "SOM26-s3.B-a",
        "SOM26-2-1",
        "SOM26-2.1-a",
        "SOM26-2.C-a",
    ]


def test_level_two_without_a_level_one_before_it() -> None:
    doc = enriched([{"number": "A", "level": 2, "title": "T", "decisions": [node("a")]}])
    assert ids(doc) == ["SOM26-A-a"]


# --------------------------------------------------------------------------- label paths


def test_label_paths_and_unlabelled_entries() -> None:
    doc = enriched(
        [
            {
                "number": "IV",
                "title": "T",
                "decisions": [
                    node(None, node("a"), node("b", node("i"), node(None))),
                    node("1.1"),
                ],
            }
        ]
    )
    assert ids(doc) == [
        "SOM26-IV-p1",
        "SOM26-IV-p1-a",
        "SOM26-IV-p1-b",
        "SOM26-IV-p1-b-i",
        "SOM26-IV-p1-b-p2",
        "SOM26-IV-1.1",
    ]


def test_repeated_labels_are_numbered_in_document_order() -> None:
    doc = enriched(
        [
            {
                "number": "I",
                "title": "T",
                "decisions": [node("a", node("i")), node("a", node("i")), node("a")],
            },
            {"number": "I", "title": "Again", "decisions": [node("a")]},
        ]
    )
    assert ids(doc) == [
        "SOM26-I-a",
        "SOM26-I-a-i",
        "SOM26-I-a~2",
        "SOM26-I-a~2-i",
        "SOM26-I-a~3",
        "SOM26-I-a~4",
    ]


def test_a_label_with_nothing_left_counts_as_none() -> None:
    doc = enriched([{"number": "I", "title": "T", "decisions": [node("a"), node("•")]}])
    assert ids(doc) == ["SOM26-I-a", "SOM26-I-p2"]


_LABELS = st.one_of(st.none(), st.sampled_from(["a", "b", "i", "ii", "1", "1.1", "•", "a"]))
_TREES = st.recursive(
    st.builds(lambda label: node(label), _LABELS),
    lambda children: st.builds(
        lambda label, kids: node(label, *kids), _LABELS, st.lists(children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["I", "II", "A", None, "2.1"]),
            st.integers(1, 2),
            st.lists(_TREES, max_size=4),
        ),
        max_size=5,
    )
)
def test_ids_are_unique_safe_and_stable(sections: list[tuple[str | None, int, Any]]) -> None:
    data = [
        {"number": n, "level": level, "title": "T", "decisions": decisions}
        for n, level, decisions in sections
    ]
    first = ids(enriched(data))
    assert len(set(first)) == len(first)
    assert all(
        i is not None and i.replace("~", "").replace("-", "").replace(".", "").isalnum()
        for i in first
    )
    assert ids(enriched(data)) == first


# --------------------------------------------------------------------------- end to end


def test_parsed_documents_carry_ids(parse_text: ParseText) -> None:
    doc = parse_text(
        "26th Senior Officials Meeting of the United Nations Environment Management Group\n\n"
        "I. Biodiversity\n\nThe Senior Officials:\n\na) Take note of the report;\n\n"
        "b) Decide to:\n\ni. extend it;\n\nii. report back.\n\n"
        "II. E-waste\n\nThe Senior Officials:\n\nWelcome the report.\n"
    )
    assert ids(doc) == ["SOM26-I-a", "SOM26-I-b", "SOM26-I-b-i", "SOM26-I-b-ii", "SOM26-II-p1"]


def test_the_2020_sample_ids_through_the_command(cli: Cli, seed_txt: Path) -> None:
    code, out, _ = cli(str(seed_txt))
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == "1.2"
    decisions = [d for s in data["sections"] for d in s["decisions"]]
    assert [d["id"] for d in decisions][:6] == [
        "SOM26-I-a",
        "SOM26-I-b",
        "SOM26-II-a",
        "SOM26-II-b",
        "SOM26-II-c",
        "SOM26-III-a",
    ]
    assert [i["id"] for i in decisions[10]["items"]] == ["SOM26-IV-p1-a", "SOM26-IV-p1-b"]
    assert [i["id"] for i in decisions[12]["items"]] == [
        "SOM26-VI-p1-i",
        "SOM26-VI-p1-ii",
        "SOM26-VI-p1-iii",
        "SOM26-VI-p1-iv",
    ]


def test_enrich_twice_gives_the_same_document() -> None:
    doc = document([{"number": "I", "title": "T", "decisions": [node("a"), node("a")]}])
    once = enrich(doc).model_dump()
    assert enrich(doc).model_dump() == once
