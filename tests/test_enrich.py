"""The enrich stage end to end: the 2020 sample through the command, and the small archive
of hand-checked references (meetings 15 to 29) as a perfect parser reads them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.enrich import enrich
from emg_parse.model import Addressee, BodyReference, Deadline
from emg_parse.names import vocabulary
from emg_parse.pipeline import parse_file

from .bounds import finishes_within
from .conftest import SAMPLES, Cli
from .enrich_helpers import REFERENCES, document, reference_document

# --------------------------------------------------------------------------- 2020 sample

#: What each decision of the 26th meeting asks of whom, by when, and what it does to which
#: body, checked against the printed document: id -> (addressees, deadlines, bodies).
SOM26: dict[str, tuple[list[str], list[str], list[str]]] = {
    "SOM26-I-a": ([], [], []),
    "SOM26-I-b": ([], [], ["Consultative Process on Biodiversity: extended"]),
    "SOM26-II-a": ([], [], ["UN E-waste Coalition"]),
    "SOM26-II-b": ([], [], ["UN E-waste Coalition: transferred"]),
    "SOM26-II-c": (["body UN E-waste Coalition"], [], ["UN E-waste Coalition"]),
    "SOM26-III-a": ([], [], ["UN Coalition on Combating Sand and Dust Storms"]),
    "SOM26-III-b": ([], [], ["UN Coalition on Combating Sand and Dust Storms"]),
    "SOM26-III-c": ([], [], ["UN Coalition on Combating Sand and Dust Storms: concluded"]),
    "SOM26-III-d": (
        ["role relevant EMG members"],
        [],
        ["UN Coalition on Combating Sand and Dust Storms"],
    ),
    "SOM26-III-e": (
        ["body UN Coalition on Combating Sand and Dust Storms"],
        [],
        ["UN Coalition on Combating Sand and Dust Storms"],
    ),
    "SOM26-IV-p1": ([], [], ["Task Team on Marine Litter and Microplastics: extended"]),
    "SOM26-V-p1": (
        [],
        ["duration P1Y"],
        [
            "Consultative Process on Advancing Environmental and Social Sustainability in the "
            "United Nations System: extended",
            "Issue Management Group on Environmental Sustainability Management @SOM26-V-p1-i",
        ],
    ),
    "SOM26-VI-p1": (
        [],
        ["date 2020-11 @SOM26-VI-p1-i"],
        [
            "Issue Management Group on Environmental Sustainability Management: extended",
            "Task Team on Common Premises @SOM26-VI-p1-ii",
            "Consultative Process on Advancing Environmental and Social Sustainability in the "
            "United Nations System @SOM26-VI-p1-iv",
        ],
    ),
    "SOM26-VII-a": ([], [], ["Environmental Management Peer Reviews"]),
    "SOM26-VII-b": (
        [
            "body Environmental Management Peer Reviews",
            "body Issue Management Group on Environmental Sustainability Management",
            "body Consultative Process on Advancing Environmental and Social Sustainability in "
            "the United Nations System",
        ],
        [],
        [
            "Environmental Management Peer Reviews",
            "Issue Management Group on Environmental Sustainability Management",
            "Consultative Process on Advancing Environmental and Social Sustainability in the "
            "United Nations System",
        ],
    ),
    "SOM26-VII-c": (["role EMG Secretariat"], ["next_meeting 27"], []),
    # the Consultative Process of section VIII is named nowhere in the document
    "SOM26-VIII-p1": ([], [], ["None: extended"]),
    "SOM26-IX-a": ([], [], ["EMG Nexus Dialogues"]),
    "SOM26-IX-b": (["role UN entities"], [], []),
    "SOM26-X-a": (
        [],
        [],
        ["Issue Management Group on Human Rights and the Environment: established"],
    ),
    "SOM26-X-b": (
        ["role EMG Secretariat"],
        [],
        ["Issue Management Group on Human Rights and the Environment"],
    ),
    "SOM26-XI-a": ([], [], ["Consultative Process on Sustainable Infrastructure: established"]),
    "SOM26-XI-b": (
        ["role EMG Secretariat"],
        [],
        ["Consultative Process on Sustainable Infrastructure"],
    ),
    "SOM26-XII-a": ([], [], ["Consultative Process on COVID-19 and the Environment: established"]),
}


def summary(decision: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """A decision's addressees, deadlines and bodies in the short form of :data:`SOM26`."""

    def at(entry: dict[str, Any]) -> str:
        return f" @{entry['item']}" if entry["item"] else ""

    return (
        [f"{a['kind']} {a['name']}{at(a)}" for a in decision["addressees"]],
        [f"{d['kind']} {d['value'] or d['meeting']}{at(d)}" for d in decision["deadlines"]],
        [
            f"{b['name']}{': ' + b['event'] if b['event'] else ''}{at(b)}"
            for b in decision["bodies"]
        ],
    )


def test_the_2020_sample_through_the_command(cli: Cli, seed_txt: Path) -> None:
    code, out, _ = cli(str(seed_txt))
    assert code == 0
    decisions = [d for s in json.loads(out)["sections"] for d in s["decisions"]]
    assert {d["id"]: summary(d) for d in decisions} == SOM26


def test_texts_as_printed(cli: Cli, seed_txt: Path) -> None:
    decisions = {
        d["id"]: d for s in json.loads(cli(str(seed_txt))[1])["sections"] for d in s["decisions"]
    }
    assert decisions["SOM26-III-c"]["bodies"][0]["text"] == "the Coalition"
    assert decisions["SOM26-III-e"]["addressees"][0]["text"] == "the SDS Coalition"
    assert decisions["SOM26-VII-c"]["deadlines"][0]["text"] == (
        "to the next meeting of the Senior Officials"
    )
    assert decisions["SOM26-XII-a"]["bodies"][0]["text"] == (
        "consultative process on COVID-19 and the Environment"
    )


@pytest.mark.parametrize(
    "sample",
    sorted(p for p in SAMPLES.glob("EMGSOM.26_3a*") if p.suffix in {".txt", ".docx", ".pdf"}),
    ids=lambda p: p.name,
)
def test_every_format_of_the_sample_reads_alike(sample: Path) -> None:
    decisions = [
        d for s in parse_file(sample).model_dump(mode="json")["sections"] for d in s["decisions"]
    ]
    assert {d["id"]: summary(d) for d in decisions} == SOM26


def test_a_parsed_file_validates_as_schema_1_2(cli: Cli, seed_txt: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    assert cli(str(seed_txt), "-o", str(out))[0] == 0
    assert "schema_version: '1.2'" in out.read_text(encoding="utf-8")
    assert cli("validate", str(out)) == (0, "", "1 file, no problems\n")


# --------------------------------------------------------------------------- the archive

#: Every lifecycle event of the archive's bodies, meeting by meeting, as the documents
#: record them (tests/reference/README.md: bodies are proposed, established, extended,
#: renamed, transferred and concluded).  (reference, decision id, body, event, new name).
EVENTS = [
    (
        "SOM15_progress",
        "SOM15-1-b",
        "Issue Management Group on Drylands and Land Restoration",
        "established",
        None,
    ),
    (
        "SOM16_decisions",
        "SOM16-I-a",
        "Issue Management Group on Drylands and Land Restoration",
        "established",
        None,
    ),
    (
        "SOM16_decisions",
        "SOM16-I-b",
        "Issue Management Group on Drylands and Land Restoration",
        "terms_of_reference",
        None,
    ),
    (
        "SOM17_final_report",
        "SOM17-II-6",
        "Issue Management Group on Drylands and Land Restoration",
        "extended",
        None,
    ),
    ("SOM18_progress", "SOM18-A-b", "Issue Management Group on Green Economy", "established", None),
    ("SOM18_progress", "SOM18-A-c", "Consultative Process on Biodiversity", "established", None),
    (
        "SOM18_progress",
        "SOM18-B-b",
        "Issue Management Group on Drylands and Land Restoration",
        "extended",
        None,
    ),
    ("SOM19_report", "SOM19-II.A-4", "Consultative Process on Biodiversity", "extended", None),
    (
        "SOM19_report",
        "SOM19-II.B-7",
        "Issue Management Group on Drylands and Land Restoration",
        "renamed",
        "Issue Management Group on Land and Ecosystem Restoration",
    ),
    (
        "SOM20_decisions",
        "SOM20-2-a",
        "Issue Management Group on Land and Ecosystem Restoration",
        "concluded",
        None,
    ),
    (
        "SOM20_decisions",
        "SOM20-3-a",
        "Task Team on Sustainable Procurement Data",
        "established",
        None,
    ),
    ("SOM21_report", "SOM21-2-4", "Issue Management Group on Green Economy", "concluded", None),
    ("SOM21_report", "SOM21-3-8", "EMG Nexus Dialogues", "established", None),
    (
        "SOM22_action_points",
        "SOM22-1-1.2",
        "Task Team on Sustainable Procurement Data",
        "extended",
        None,
    ),
    (
        "SOM22_action_points",
        "SOM22-3-3.1",
        "Consultative Process on Biodiversity",
        "extended",
        None,
    ),
    (
        "SOM23_approved",
        "SOM23-I.A-a",
        "Task Team on Marine Litter and Microplastics",
        "established",
        None,
    ),
    (
        "SOM23_approved",
        "SOM23-I.B-a",
        "Task Team on Sustainable Procurement Data",
        "transferred",
        None,
    ),
    (
        "SOM23_approved",
        "SOM23-I.B-b",
        "Task Team on Sustainable Procurement Data",
        "concluded",
        None,
    ),
    ("SOM24_summary", "SOM24-I-b", "UN E-waste Coalition", "established", None),
    (
        "SOM24_summary",
        "SOM24-II-b",
        "Task Team on Marine Litter and Microplastics",
        "extended",
        None,
    ),
    ("SOM24_table", "SOM24-3-b", "UN E-waste Coalition", "established", None),
    ("SOM24_table", "SOM24-4-b", "Task Team on Marine Litter and Microplastics", "extended", None),
    ("SOM25_summary", "SOM25-II-a", "EMG Nexus Dialogues", "extended", None),
    (
        "SOM25_summary",
        "SOM25-IV-p1",
        "Consultative Process on Advancing Environmental and "
        "Social Sustainability in the United Nations System",
        "established",
        None,
    ),
    ("SOM28_outcome", "SOM28-I.A-2", "Consultative Process on Biodiversity", "extended", None),
    (
        "SOM28_outcome",
        "SOM28-I.B-2",
        "Task Team on Marine Litter and Microplastics",
        "concluded",
        None,
    ),
    (
        "SOM28_outcome",
        "SOM28-I.C-2",
        "Issue Management Group on Human Rights and the Environment",
        "extended",
        None,
    ),
    (
        "SOM28_outcome",
        "SOM28-I.D-1",
        "Consultative Process on COVID-19 and the Environment",
        "concluded",
        None,
    ),
    (
        "SOM28_outcome",
        "SOM28-I.E-1",
        "Consultative Process on Sustainable Infrastructure",
        "transferred",
        None,
    ),
    (
        "SOM29_table",
        "SOM29-1-p1",
        "Issue Management Group on Human Rights and the Environment",
        "renamed",
        "Issue Management Group on the Right to a Clean, Healthy and Sustainable Environment",
    ),
    ("SOM29_table", "SOM29-2-p1", "EMG Nexus Dialogues", "established", None),
    ("SOM29_table", "SOM29-3-p1", "Consultative Process on Biodiversity", "concluded", None),
]

ARCHIVE = sorted(p.stem for p in REFERENCES.glob("SOM*.yaml"))


def decisions_of(name: str) -> dict[str | None, Any]:
    doc = enrich(reference_document(name))
    return {d.id: d for s in doc.sections for d in s.decisions}


def test_every_event_of_the_archive() -> None:
    found = [
        (name, decision.id, body.name, body.event, body.new_name)
        for name in ARCHIVE
        for decision in decisions_of(name).values()
        for body in decision.bodies
        if body.event is not None
    ]
    assert found == EVENTS


#: Whom the archive's decisions ask to act, and by when: (reference, id) -> (addressees,
#: deadlines), written from the documents.
REQUESTS = {
    ("SOM15_progress", "SOM15-1-c"): (["role EMG Secretariat"], ["next_meeting 16"]),
    ("SOM15_progress", "SOM15-2-b"): (
        ["body Issue Management Group on Environmental Sustainability Management"],
        ["date 2009-09 @SOM15-2-b-i"],
    ),
    ("SOM15_progress", "SOM15-3-b"): (["role EMG members"], []),
    ("SOM15_progress", "SOM15-3-c"): (["entity ILO", "entity UNCTAD"], ["next_meeting 16"]),
    ("SOM16_decisions", "SOM16-I-a"): ([], ["duration P2Y"]),
    ("SOM16_decisions", "SOM16-I-c"): (
        ["body Issue Management Group on Drylands and Land Restoration"],
        ["next_meeting 17"],
    ),
    ("SOM16_decisions", "SOM16-II-b"): (
        ["body Issue Management Group on Environmental Sustainability Management"],
        ["date 2010-03 @SOM16-II-b-i", "next_meeting 17 @SOM16-II-b-ii"],
    ),
    ("SOM16_decisions", "SOM16-II-c"): (["role EMG members"], []),
    ("SOM16_decisions", "SOM16-III-b"): (["entity UNEP"], []),
    ("SOM17_final_report", "SOM17-II-6"): ([], ["duration P1Y", "meeting 18 @SOM17-II-6-c"]),
    # "the Issue Management Group" of paragraph 8 is named nowhere in the document
    ("SOM17_final_report", "SOM17-III-8"): (["body None"], ["date 2010"]),
    ("SOM17_final_report", "SOM17-III-9"): (["role EMG members"], []),
    ("SOM17_final_report", "SOM17-IV-11"): (["entity UNEP"], []),
    ("SOM18_progress", "SOM18-B-b"): ([], ["until 2013"]),
    ("SOM18_progress", "SOM18-C-b"): (["role EMG members"], []),
    ("SOM19_report", "SOM19-II.A-5"): (["role EMG Secretariat"], ["next_meeting 20"]),
    ("SOM19_report", "SOM19-II.B-8"): (
        ["body Issue Management Group on Land and Ecosystem Restoration"],
        ["next_meeting 20"],
    ),
    ("SOM20_decisions", "SOM20-2-b"): (["entity UNCCD"], []),
    ("SOM20_decisions", "SOM20-3-b"): (["entity UNEP", "entity UNDP", "entity UNOPS"], []),
    ("SOM20_decisions", "SOM20-3-c"): ([], ["meeting 21"]),
    ("SOM20_decisions", "SOM20-4-b"): (["role EMG Secretariat"], []),
    ("SOM20_decisions", "SOM20-5-b"): (
        ["body Issue Management Group on Green Economy"],
        ["meeting 21"],
    ),
    ("SOM21_report", "SOM21-2-6"): (["role EMG Secretariat"], ["date 2015"]),
    ("SOM21_report", "SOM21-3-9"): (["role EMG members"], ["date 2016-01"]),
    ("SOM21_report", "SOM21-4-11"): (["body None"], ["duration P1Y", "meeting 22"]),
    ("SOM22_action_points", "SOM22-1-1.2"): ([], ["until 2017"]),
    ("SOM22_action_points", "SOM22-1-1.3"): (["role EMG Secretariat"], ["date 2016-11"]),
    ("SOM22_action_points", "SOM22-2-2.2"): (["role EMG Secretariat"], ["meeting 23"]),
    ("SOM22_action_points", "SOM22-3-3.1"): ([], ["duration P2Y"]),
    ("SOM22_action_points", "SOM22-3-3.2"): (["entity CBD", "entity UNDP"], []),
    ("SOM22_action_points", "SOM22-4-4.2"): (["role EMG members"], []),
    ("SOM23_approved", "SOM23-I.A-b"): (
        ["body Task Team on Marine Litter and Microplastics"],
        ["next_meeting 24"],
    ),
    ("SOM23_approved", "SOM23-I.B-b"): ([], ["date 2017"]),
    ("SOM23_approved", "SOM23-I.C-b"): (["entity ITU", "entity UNEP"], ["meeting 24"]),
    ("SOM23_approved", "SOM23-II.A-b"): (["role EMG members"], []),
    ("SOM24_summary", "SOM24-I-c"): (["role EMG Secretariat"], ["period 2018/2019"]),
    ("SOM24_summary", "SOM24-II-b"): ([], ["duration P1Y"]),
    ("SOM24_summary", "SOM24-III-p1"): (
        ["body Issue Management Group on Environmental Sustainability Management"],
        [],
    ),
    ("SOM24_summary", "SOM24-IV-b"): (["role EMG members"], []),
    # the table's rows: their Lead and Timeline cells count for each decision of the row
    ("SOM24_table", "SOM24-3-a"): (
        ["entity ITU", "entity UNEP", "role EMG Secretariat"],
        ["period 2018/2019"],
    ),
    ("SOM24_table", "SOM24-3-b"): (
        ["entity ITU", "entity UNEP", "role EMG Secretariat"],
        ["period 2018/2019"],
    ),
    ("SOM24_table", "SOM24-3-c"): (
        ["role EMG Secretariat", "entity ITU", "entity UNEP"],
        ["period 2018/2019"],
    ),
    ("SOM24_table", "SOM24-4-a"): (["entity UNEP"], ["date 2019-09"]),
    ("SOM24_table", "SOM24-4-b"): (["entity UNEP"], ["duration P1Y", "date 2019-09"]),
    ("SOM24_table", "SOM24-5-p1"): (
        ["body Issue Management Group on Environmental Sustainability Management"],
        ["period 2018/2019"],
    ),
    ("SOM24_table", "SOM24-6-a"): (["role EMG Secretariat"], ["date 2019"]),
    ("SOM24_table", "SOM24-6-b"): (["role EMG members", "role EMG Secretariat"], ["date 2019"]),
    ("SOM25_summary", "SOM25-I-b"): (["body UN E-waste Coalition"], []),
    ("SOM25_summary", "SOM25-II-a"): ([], ["until 2022-09"]),
    ("SOM25_summary", "SOM25-II-b"): (["role EMG Secretariat"], []),
    ("SOM25_summary", "SOM25-III-b"): (["role EMG members"], []),
    ("SOM28_outcome", "SOM28-I.A-2"): ([], ["until 2023", "meeting 29 @SOM28-I.A-2-b"]),
    ("SOM28_outcome", "SOM28-I.C-2"): ([], ["duration P1Y"]),
    ("SOM28_outcome", "SOM28-II.A-2"): (["role EMG Secretariat"], ["meeting 29"]),
    ("SOM28_outcome", "SOM28-II.B-2"): (["role EMG members"], ["date 2030"]),
    ("SOM29_table", "SOM29-1-p1"): (["entity OHCHR", "entity UNEP"], ["date 2023-12"]),
    ("SOM29_table", "SOM29-2-p1"): (["role EMG Secretariat"], ["date 2024"]),
    ("SOM29_table", "SOM29-3-p1"): (["body Consultative Process on Biodiversity"], ["date 2023"]),
    ("SOM29_table", "SOM29-4-p1"): (
        ["body Issue Management Group on Environmental Sustainability Management"],
        [],
    ),
    ("SOM29_table", "SOM29-5-p1"): (["role EMG members"], ["date 2024-01-31"]),
}


def test_whom_the_archive_asks_to_act_and_by_when() -> None:
    found = {}
    for name in ARCHIVE:
        for decision in decisions_of(name).values():
            addressees, deadlines, _ = summary(decision.model_dump(mode="json"))
            if addressees or deadlines:
                found[(name, decision.id)] = (addressees, deadlines)
    assert found == REQUESTS


def test_the_archive_has_what_its_readme_says() -> None:
    events = {event for *_, event, _ in EVENTS}
    assert events == {
        "established",
        "extended",
        "renamed",
        "transferred",
        "concluded",
        "terms_of_reference",
    }
    assert len(ARCHIVE) == 14


# --------------------------------------------------------------------------- the stage


def test_enrich_with_a_users_alias_file(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Task Team on Gender and the Environment: [Gender Team]\n", encoding="utf-8")
    doc = document(
        [
            {
                "number": "I",
                "title": "Gender",
                "decisions": [
                    {"text": "Decide to extend the Gender Team.", "actions": ["decide", "extend"]}
                ],
            }
        ]
    )
    assert enrich(doc).sections[0].decisions[0].bodies == []
    bodies = enrich(doc, vocabulary([aliases])).sections[0].decisions[0].bodies
    assert [(b.name, b.event) for b in bodies] == [
        ("Task Team on Gender and the Environment", "extended")
    ]


def test_a_long_document_is_enriched(parse_text: Any) -> None:
    """Many sections, long decisions and deep items: every decision gets its fields."""
    section = (
        "{n}. Task Team on Topic {n}\n\nThe Senior Officials:\n\n"
        "a) Agree to extend the Task Team on Topic {n} for another year to:\n\n"
        "i. report to the next meeting; and\n\nii. invite UNEP to help by May 2021.\n\n"
        "b) Request the Task Team and relevant EMG members, "
        + "UNEP, UNDP, " * 30
        + "and WHO to report at its 30th meeting.\n\n"
    )
    text = "26th Senior Officials Meeting of the United Nations Environment Management Group\n\n"
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"] * 4
    doc = parse_text(text + "".join(section.format(n=r) for r in romans[:10]))
    decisions = [d for s in doc.sections for d in s.decisions]
    assert len(decisions) == 20
    extend, request = decisions[18], decisions[19]
    assert [(b.name, b.event) for b in extend.bodies] == [("Task Team on Topic X", "extended")]
    assert [d.kind for d in extend.deadlines] == ["duration", "next_meeting", "date"]
    assert [a.name for a in request.addressees] == [
        "Task Team on Topic X",
        "relevant EMG members",
        "UNEP",
        "UNDP",
        "WHO",
    ]
    assert [d.meeting for d in request.deadlines] == [30]


# --------------------------------------------------------------------------- hostile texts

_N = 10_000
#: Decisions built to make a quadratic reading take minutes: (text, actions).
HOSTILE = {
    "coordinated clauses": (
        "Take note of X" + " and agree to conclude the Task Team on Gender" * _N + ".",
        ["take_note", "agree", "conclude"],
    ),
    "a long list of addressees": (
        "Invite " + ", ".join(["UNEP", "UNDP", "the Peer Review Process"] * _N) + " to act.",
        ["invite"],
    ),
    "a name of many words": (
        "Welcome the Task Team on " + " and ".join(["Alpha Beta"] * _N) + ".",
        ["welcome"],
    ),
    "many infinitives": (
        "Request the Secretariat to do X" + " and to do Y" * _N + ".",
        ["request"],
    ),
    "many short forms": (
        "Welcome "
        + ", ".join(["the UN Coalition on Sand"] * _N)
        + " and "
        + ", ".join(["the Task Team"] * _N)
        + ".",
        ["welcome"],
    ),
    "many pairs": ("Invite UNEP to act" + " and UNDP to act" * _N + ".", ["invite"]),
    "many requests": ("Request UNEP to act" + " and request UNDP to act" * _N + ".", ["request"]),
    "many sentences": (
        "Take note of X." + " They agreed to extend the Task Team on Gender." * _N,
        ["take_note", "agree", "extend"],
    ),
    "many deadlines": (
        "Request X to act" + " by May 2020 and until the next meeting" * _N,
        ["request"],
    ),
    "many renamings": (
        "Agree to rename the Task Team on A as the Task Team on B"
        + " and to rename the Task Team on A as the Task Team on B" * _N
        + ".",
        ["agree", "rename"],
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_decisions_are_read_in_linear_time(case: str) -> None:
    text, actions = HOSTILE[case]
    doc = document(
        [{"number": "I", "title": "T", "decisions": [{"text": text, "actions": actions}]}]
    )
    with finishes_within(60, case):
        decision = enrich(doc).sections[0].decisions[0]
    assert decision.id == "SOM26-I-p1"


_TOKENS = [
    "Request",
    "Invite",
    "Decide to",
    "agree to",
    "and",
    "and to",
    ",",
    ";",
    ".",
    ":",
    "the",
    "its",
    "work",
    "of",
    "to",
    "extend",
    "conclude",
    "establish",
    "rename",
    "as",
    "transfer",
    "endorse the terms of reference of",
    "the Task Team",
    "the Coalition",
    "Task Team on Gender",
    "the IMG on ESM",
    "UNEP",
    "UNDP",
    "WHO",
    "relevant EMG members",
    "the EMG Secretariat",
    "the secretariat of the",
    "Convention on Biological Diversity",
    "by May 2021",
    "at the next meeting",
    "at its 0th meeting",
    "for another year",
    "in 2018-2019",
    "until",
    "the end of",
    "2020",
    "They",
    "The Senior Officials",
    "the process",
    "renamed",
    "that",
    "in consultation with",
    "(",
    ")",
    "’s",
    "-",
]
_ACTIONS = [
    "request",
    "invite",
    "decide",
    "agree",
    "extend",
    "conclude",
    "establish",
    "transfer",
    "endorse",
]
_TEXTS = st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            _TEXTS, st.lists(st.sampled_from(_ACTIONS), unique=True), st.lists(_TEXTS, max_size=3)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_decision_is_enriched_with_texts_as_printed(
    decisions: list[tuple[str, list[str], list[str]]],
) -> None:
    data = [
        {
            "text": text,
            "actions": actions,
            "actor": "The Senior Officials",
            "items": [{"label": None, "text": item} for item in items],
        }
        for text, actions, items in decisions
    ]
    doc = enrich(document([{"number": "I", "title": "Task Team on Gender", "decisions": data}]))
    for decision in doc.sections[0].decisions:
        texts = {None: decision.text, **{i.id: i.text for i in decision.items}}
        entries: list[Addressee | Deadline | BodyReference] = [
            *decision.addressees,
            *decision.deadlines,
            *decision.bodies,
        ]
        for entry in entries:
            assert entry.text and entry.text in texts[entry.item], entry


def test_the_columns_of_who_and_when_give_addressees_and_deadlines(parse_text: Any) -> None:
    document = parse_text(
        "Table of Agreed Actions\n\n"
        "| Item | Agreed action | Responsible entity | By when | Status |\n"
        "|---|---|---|---|---|\n"
        "| 1. Waste | Request the EMG Secretariat to circulate the study. | EMG Secretariat; "
        "UNEP | March 2028 | Ongoing |\n"
        "| 2. Air | Welcome the report. | All members | Ongoing | Open |\n"
    )
    first, second = (s.decisions[0] for s in document.sections)
    assert [(a.text, a.name, a.item) for a in first.addressees] == [
        ("the EMG Secretariat", "EMG Secretariat", None),
        ("UNEP", "UNEP", None),
    ]
    assert [(d.text, d.value) for d in first.deadlines] == [("March 2028", "2028-03")]
    assert [(a.text, a.name) for a in second.addressees] == [("All members", "EMG members")]
    assert second.deadlines == []


def test_the_verbs_start_after_an_opening_phrase_and_the_actor(parse_text: Any) -> None:
    document = parse_text(
        "Summary of decisions\n\nI. Data\n\n4. In this regard, the Senior Officials agreed to "
        "request UNEP to report by May 2026.\n"
    )
    (decision,) = document.sections[0].decisions
    assert (decision.actor, decision.actions) == ("the Senior Officials", ["agree", "request"])
    assert [a.name for a in decision.addressees] == ["UNEP"]
