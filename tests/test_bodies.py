"""emg_parse.bodies: which body a name means, and the event a decision records for it."""

from __future__ import annotations

import pytest

from emg_parse.bodies import section_body
from emg_parse.names import vocabulary

from .enrich_helpers import enriched, one

Row = tuple[str, str | None, str | None]


def bodies(text: str, actions: list[str], **kwargs: object) -> list[Row]:
    """(text, name, event) of each body the decision names."""
    decision = one(text, actions, **kwargs)  # type: ignore[arg-type]
    return [(b.text, b.name, b.event) for b in decision.bodies]


# --------------------------------------------------------------------------- rule 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "UN Coalition on Combating Sand and Dust Storms",
            ("UN Coalition on Combating Sand and Dust Storms", "coalition"),
        ),
        (
            "Issue Management Group on Environmental Sustainability Management",
            (
                "Issue Management Group on Environmental Sustainability Management",
                "issue_management_group",
            ),
        ),
        (
            "Consultative process on biodiversity",
            ("Consultative Process on Biodiversity", "consultative_process"),
        ),
        (
            "Task team on sustainable procurement data",
            ("Task Team on Sustainable Procurement Data", "task_team"),
        ),
        ("EMG Nexus Dialogues", ("EMG Nexus Dialogues", "dialogue")),
        ("The UN E-waste Coalition.", ("UN E-waste Coalition", "coalition")),
        (
            "Environmental Management Peer Reviews of United Nations Entities",
            ("Environmental Management Peer Reviews", "other"),
        ),
        ("Sand and dust storms", None),
        ("Marine litter and microplastics", None),
        ("UN System-Wide Framework of Strategies for the Environment", None),
        ("Report of the Task Team on X", None),
    ],
)
def test_the_body_a_section_title_names(title: str, expected: tuple[str, str] | None) -> None:
    assert section_body(vocabulary(), title) == expected


# --------------------------------------------------------------------------- rule 2


def test_a_short_form_in_a_section_titled_by_a_body() -> None:
    assert bodies(
        "Decide to conclude the EMG's engagement in the Coalition.",
        ["decide", "conclude"],
        title="UN Coalition on Combating Sand and Dust Storms",
    ) == [("the Coalition", "UN Coalition on Combating Sand and Dust Storms", "concluded")]


def test_the_decision_itself_comes_first() -> None:
    assert bodies(
        "Take note of the final report of the Consultative Process on COVID-19 and "
        "the Environment and agree to conclude the process.",
        ["take_note", "agree", "conclude"],
        title="Consultative Process on Biodiversity",
    ) == [("the process", "Consultative Process on COVID-19 and the Environment", "concluded")]


def test_then_the_sections_body_then_earlier_decisions() -> None:
    before = ["Take note of the report of the Task Team on Marine Litter and Microplastics;"]
    assert bodies("Decide to conclude the Task Team.", ["decide", "conclude"], before=before) == [
        ("the Task Team", "Task Team on Marine Litter and Microplastics", "concluded")
    ]
    assert bodies(
        "Decide to conclude the Task Team.",
        ["decide", "conclude"],
        before=before,
        title="Task Team on Common Premises",
    ) == [("the Task Team", "Task Team on Common Premises", "concluded")]


def test_only_a_body_of_the_same_type() -> None:
    assert bodies(
        "Request the Task Team to report.", ["request"], title="UN E-waste Coalition"
    ) == [("the Task Team", None, None)]


def test_a_renamed_body_goes_by_its_new_name() -> None:
    before = [
        "Agree to rename the Issue Management Group on Drylands and Land Restoration as "
        "the Issue Management Group on Land and Ecosystem Restoration."
    ]
    doc = enriched(
        [
            {
                "number": "B",
                "title": "Land",
                "decisions": [
                    {"label": "7", "text": before[0], "actions": ["agree", "rename"]},
                    {
                        "label": "8",
                        "text": "Request the renamed Issue Management Group to report.",
                        "actions": ["request"],
                    },
                ],
            }
        ]
    )
    renaming, request = doc.sections[0].decisions
    assert [(b.name, b.event, b.new_name) for b in renaming.bodies] == [
        (
            "Issue Management Group on Drylands and Land Restoration",
            "renamed",
            "Issue Management Group on Land and Ecosystem Restoration",
        )
    ]
    assert [(b.text, b.name) for b in request.bodies] == [
        (
            "the renamed Issue Management Group",
            "Issue Management Group on Land and Ecosystem Restoration",
        )
    ]


def test_no_resolution_across_sections() -> None:
    doc = enriched(
        [
            {
                "number": "I",
                "title": "A",
                "decisions": [
                    {"text": "Welcome the report of the Task Team on X.", "actions": ["welcome"]}
                ],
            },
            {
                "number": "II",
                "title": "B",
                "decisions": [{"text": "Extend the Task Team.", "actions": ["extend"]}],
            },
        ]
    )
    assert [(b.name, b.event) for b in doc.sections[1].decisions[0].bodies] == [(None, "extended")]


# --------------------------------------------------------------------------- rule 3


@pytest.mark.parametrize(
    ("text", "actions", "expected"),
    [
        (
            "Agree to establish an Issue Management Group on Human Rights and the Environment with "
            "the purpose to integrate",
            ["agree", "establish"],
            ("Issue Management Group on Human Rights and the Environment", "established"),
        ),
        (
            "Agree to launch a Consultative Process on Biodiversity, open to all members,",
            ["agree", "launch"],
            ("Consultative Process on Biodiversity", "established"),
        ),
        (
            "Agree to the creation of a Task Team on Marine Litter and Microplastics, led by UNEP",
            ["agree", "establish"],
            ("Task Team on Marine Litter and Microplastics", "established"),
        ),
        (
            "Agree to create a Task Team on Gender;",
            ["agree"],
            ("Task Team on Gender", "established"),
        ),
        (
            "Agree to launch a new series of EMG Nexus Dialogues on the goals",
            ["agree", "launch"],
            ("EMG Nexus Dialogues", "established"),
        ),
        (
            "Decide to extend the Consultative Process on Biodiversity to follow up",
            ["decide", "extend"],
            ("Consultative Process on Biodiversity", "extended"),
        ),
        (
            "Agree to renew the mandate of the Issue Management Group on Green Economy until 2013",
            ["agree", "renew"],
            ("Issue Management Group on Green Economy", "extended"),
        ),
        (
            "Agree to continue the Nexus Dialogue series until September 2022;",
            ["agree", "continue"],
            ("EMG Nexus Dialogues", "extended"),
        ),
        (
            "Decide to transfer the coordination of the E-waste Coalition to its member agencies",
            ["decide", "transfer"],
            ("UN E-waste Coalition", "transferred"),
        ),
        (
            "conclude the Issue Management Group on Land, with thanks to its co-convenors",
            ["conclude"],
            ("Issue Management Group on Land", "concluded"),
        ),
        (
            "Decide to close the Task Team on Gender.",
            ["decide", "close"],
            ("Task Team on Gender", "concluded"),
        ),
        (
            "Decide to dissolve the Task Team on Gender.",
            ["decide", "close"],
            ("Task Team on Gender", "concluded"),
        ),
        (
            "Endorse the terms of reference of the Task Team on Gender;",
            ["endorse"],
            ("Task Team on Gender", "terms_of_reference"),
        ),
        (
            "Approve the revised terms of reference for the Task Team on Gender;",
            ["approve"],
            ("Task Team on Gender", "terms_of_reference"),
        ),
        (
            "Adopt the Task Team on Gender's terms of reference;",
            ["adopt"],
            ("Task Team on Gender", "terms_of_reference"),
        ),
    ],
)
def test_events(text: str, actions: list[str], expected: tuple[str, str]) -> None:
    assert [(name, event) for _, name, event in bodies(text, actions)] == [expected]


def test_its_is_the_body_named_before() -> None:
    text = (
        "The Senior Officials took note of the final report of the Issue Management Group "
        "on Green Economy and agreed to conclude its work."
    )
    assert bodies(text, ["take_note", "agree", "conclude"], actor="The Senior Officials") == [
        ("its work", "Issue Management Group on Green Economy", "concluded")
    ]
    assert bodies("Adopt its terms of reference.", ["adopt"], title="Task Team on Gender") == [
        ("its terms of reference", "Task Team on Gender", "terms_of_reference")
    ]


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        # a noun names no event
        (
            "Welcome the official establishment of the UN Coalition on Sand and Dust Storms",
            ["welcome"],
        ),
        ("Welcome the continuation of the Nexus Dialogue series", ["welcome"]),
        # a verb of an addressee is no event
        ("Request the Task Team on Gender to conclude its report.", ["request"]),
        (
            "Request the EMG Secretariat to facilitate the establishment of the Task Team on "
            "Gender",
            ["request"],
        ),
        # the verbs do not act on the body
        (
            "Agree to extend the deadline for the report of the Task Team on Gender.",
            ["agree", "extend"],
        ),
        (
            "Decide to transfer its online mapping of activities to the Task Team on Gender.",
            ["decide", "transfer"],
        ),
        # terms of reference need endorse, approve or adopt
        ("Take note of the Task Team on Gender's Terms of Reference", ["take_note"]),
        ("Endorse the report of the Task Team on Gender", ["endorse"]),
        # a verb the parser did not read as the deciding body's
        ("Take note of the report and agree to conclude the Task Team on Gender.", ["take_note"]),
    ],
)
def test_no_event(text: str, actions: list[str]) -> None:
    assert [event for _, _, event in bodies(text, actions)] == [None]


def test_tasks_of_a_body_record_no_event() -> None:
    decision = one(
        "Decide to extend the Issue Management Group on Environmental Sustainability "
        "Management to:",
        ["decide", "extend"],
        items=[
            {
                "label": "ii",
                "text": "Continue liaising with the Task Team on Common "
                "Premises on the finalization of the guidance;",
            }
        ],
    )
    assert [(b.name, b.event, b.item) for b in decision.bodies] == [
        ("Issue Management Group on Environmental Sustainability Management", "extended", None),
        ("Task Team on Common Premises", None, "SOM26-I-p1-ii"),
    ]


def test_items_of_the_deciding_body_record_events() -> None:
    decision = one(
        "The Senior Officials decided to:",
        ["decide"],
        actor="The Senior Officials",
        items=[
            {"label": "a", "text": "establish a Task Team on Gender;"},
            {"label": "b", "text": "conclude the Issue Management Group on Land."},
        ],
    )
    assert [(b.name, b.event, b.item) for b in decision.bodies] == [
        ("Task Team on Gender", "established", "SOM26-I-p1-a"),
        ("Issue Management Group on Land", "concluded", "SOM26-I-p1-b"),
    ]


# --------------------------------------------------------------------------- rule 4


@pytest.mark.parametrize(
    ("text", "new_name"),
    [
        (
            "Agree to rename the Issue Management Group on Human Rights and the Environment as the "
            "Issue Management Group on the Right to a Clean, Healthy and Sustainable Environment.",
            "Issue Management Group on the Right to a Clean, Healthy and Sustainable Environment",
        ),
        (
            "Agree to rename the Task Team on Gender to Task Team on Gender and Climate, "
            "to reflect",
            "Task Team on Gender and Climate",
        ),
        (
            "Agree to rename the Task Team on Gender as the Gender Working Group; and",
            "Gender Working Group",
        ),
        ("Agree to rename the Task Team on Gender.", None),
    ],
)
def test_renaming(text: str, new_name: str | None) -> None:
    (body,) = one(text, ["agree", "rename"]).bodies
    assert (body.event, body.new_name) == ("renamed", new_name)


# --------------------------------------------------------------------------- rule 5


def test_each_body_and_event_once() -> None:
    assert bodies(
        "Take note of the progress made towards finalising the E-waste Coalition's "
        "Terms of Reference and the arrangements for the coordination of the "
        "Coalition's activities, following the hand-over from the EMG Secretariat "
        "to the Coalition;",
        ["take_note"],
        title="UN E-waste Coalition",
    ) == [("the E-waste Coalition", "UN E-waste Coalition", None)]
    assert bodies(
        "Decide to conclude the Task Team on Gender and to transfer the work of the "
        "Task Team on Gender to UNEP.",
        ["decide", "conclude", "transfer"],
    ) == [
        ("the Task Team on Gender", "Task Team on Gender", "concluded"),
        ("the Task Team on Gender", "Task Team on Gender", "transferred"),
    ]


def test_an_unresolved_short_form_is_listed_by_its_text() -> None:
    assert bodies(
        "Extend the Consultative Process to:",
        ["extend"],
        title="UN System-Wide Framework of Strategies for the Environment",
    ) == [("the Consultative Process", None, "extended")]
