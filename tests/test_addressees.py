"""emg_parse.addressees: whom a decision asks to act."""

from __future__ import annotations

import pytest

from .enrich_helpers import one


def who(
    text: str, actions: list[str], **kwargs: object
) -> list[tuple[str, str | None, str | None]]:
    decision = one(text, actions, **kwargs)  # type: ignore[arg-type]
    return [(a.text, a.name, a.kind) for a in decision.addressees]


@pytest.mark.parametrize(
    ("text", "actions", "expected"),
    [
        (
            "Request the EMG Secretariat to report on progress made to the next meeting.",
            ["request"],
            [("the EMG Secretariat", "EMG Secretariat", "role")],
        ),
        (
            "Invite UNEP and UNDP to co-chair the Consultative Process.",
            ["invite"],
            [("UNEP", "UNEP", "entity"), ("UNDP", "UNDP", "entity")],
        ),
        (
            "Invite the secretariat of the Convention on Biological Diversity and UNDP to co-chair",
            ["invite"],
            [
                ("the secretariat of the Convention on Biological Diversity", "CBD", "entity"),
                ("UNDP", "UNDP", "entity"),
            ],
        ),
        (
            "invite the UNCCD secretariat to bring the report to the Parties.",
            ["invite"],
            [("the UNCCD secretariat", "UNCCD", "entity")],
        ),
        (
            "Encourage relevant EMG members to play an active role.",
            ["encourage"],
            [("relevant EMG members", "relevant EMG members", "role")],
        ),
        (
            "Encourage UN agencies to propose themes.",
            ["encourage"],
            [("UN agencies", "UN entities", "role")],
        ),
        ("Urge all members to act.", ["urge"], [("all members", "EMG members", "role")]),
        (
            "Call upon the Chair to convene the group.",
            ["call_upon"],
            [("the Chair", "EMG Chair", "role")],
        ),
        (
            "Mandate the Task Team on Marine Litter and Microplastics to map activities.",
            ["mandate"],
            [
                (
                    "the Task Team on Marine Litter and Microplastics",
                    "Task Team on Marine Litter and Microplastics",
                    "body",
                )
            ],
        ),
        (
            "Invite the SDS Coalition to inform the EMG at regular intervals.",
            ["invite"],
            [("the SDS Coalition", "UN Coalition on Combating Sand and Dust Storms", "body")],
        ),
        # rule 1: "that"
        (
            "Request that the EMG Secretariat report on progress.",
            ["request"],
            [("the EMG Secretariat", "EMG Secretariat", "role")],
        ),
        # rule 3: words straight before a name
        (
            "Encourage relevant UN entities to contribute.",
            ["encourage"],
            [("relevant UN entities", "UN entities", "role")],
        ),
        (
            "Invite the Chair of the Task Team to report.",
            ["invite"],
            [("the Chair of the Task Team", None, None)],
        ),
        (
            "Invite the Peer Review Process, the Issue Management Group on Environmental "
            "Sustainability Management and the Minamata Convention secretariat to consider",
            ["invite"],
            [
                ("the Peer Review Process", "Environmental Management Peer Reviews", "body"),
                (
                    "the Issue Management Group on Environmental Sustainability Management",
                    "Issue Management Group on Environmental Sustainability Management",
                    "body",
                ),
                ("the Minamata Convention secretariat", None, None),
            ],
        ),
        # ... a preposition ends the list
        (
            "Request the Secretariat, in consultation with members, to prepare a report.",
            ["request"],
            [("the Secretariat", "EMG Secretariat", "role")],
        ),
        (
            "Invite ITU and UNEP to prepare, with interested members, a proposal.",
            ["invite"],
            [("ITU", "ITU", "entity"), ("UNEP", "UNEP", "entity")],
        ),
        # ... and without an infinitive only names before other words count
        (
            "Request the Secretariat report on progress made with UNEP.",
            ["request"],
            [("the Secretariat", "EMG Secretariat", "role")],
        ),
        # signs alone are no addressee
        ("Invite ( UNEP ) and - to act.", ["invite"], [("UNEP", "UNEP", "entity")]),
        # rule 4: pairs after the infinitive
        (
            "invite UNEP and UNDP to co-lead the Task Team and UNOPS to host its platform;",
            ["invite"],
            [("UNEP", "UNEP", "entity"), ("UNDP", "UNDP", "entity"), ("UNOPS", "UNOPS", "entity")],
        ),
        # several clauses, each once
        (
            "The Senior Officials requested the EMG Secretariat to publish the report and "
            "invited UNEP and the Secretariat to present it.",
            ["request", "invite"],
            [("the EMG Secretariat", "EMG Secretariat", "role"), ("UNEP", "UNEP", "entity")],
        ),
    ],
)
def test_addressees(
    text: str, actions: list[str], expected: list[tuple[str, str | None, str | None]]
) -> None:
    actor = "The Senior Officials" if text.startswith("The Senior Officials") else None
    assert who(text, actions, actor=actor) == expected


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        ("Welcome the leadership of UNEP followed by FAO in ensuring progress.", ["welcome"]),
        ("Take note of the briefings by ILO, UNCTAD and UNEP on green jobs.", ["take_note"]),
        ("Welcome the offer of UNDP to host a dialogue in 2019.", ["welcome"]),
        (
            "Agree to establish a UN E-waste Coalition with ILO, ITU and UNEP as co-leads.",
            ["agree", "establish"],
        ),
        # a verb of an addressee asks nobody on behalf of the Senior Officials
        ("Request the Secretariat to prepare a note and invite UNEP to comment.", ["request"]),
        # a request the parser did not read as the deciding body's
        ("Invite UNEP to report.", []),
    ],
)
def test_no_addressee(text: str, actions: list[str]) -> None:
    assert [a.name for a in one(text, actions).addressees] in ([], ["EMG Secretariat"])
    assert "UNEP" not in [a.name for a in one(text, actions).addressees]


def test_a_short_form_is_the_body_it_resolves_to() -> None:
    assert who(
        "Request the Task Team to present the results at their next meeting.",
        ["request"],
        before=["Agree to the creation of a Task Team on Marine Litter."],
    ) == [("the Task Team", "Task Team on Marine Litter and Microplastics", "body")]
    assert who(
        "Invite the Coalition to propose arrangements.", ["invite"], title="UN E-waste Coalition"
    ) == [("the Coalition", "UN E-waste Coalition", "body")]
    assert who("Request the Task Team to report.", ["request"]) == [("the Task Team", None, "body")]


def test_addressees_of_items_under_the_deciding_bodys_verbs() -> None:
    decision = one(
        "Decide to:",
        ["decide"],
        items=[
            {"label": "a", "text": "extend the Task Team on Marine Litter;"},
            {"label": "b", "text": "invite UNEP to lead it."},
            {
                "label": "c",
                "text": "request the Secretariat to:",
                "items": [{"label": "i", "text": "invite members to comment."}],
            },
        ],
    )
    assert [(a.name, a.item) for a in decision.addressees] == [
        ("UNEP", "SOM26-I-p1-b"),
        ("EMG Secretariat", "SOM26-I-p1-c"),
    ]


def test_items_of_an_addressee_ask_nobody() -> None:
    decision = one(
        "Request the Issue Management Group to:",
        ["request"],
        items=[{"label": "i", "text": "invite members to share their data; and"}],
    )
    assert [a.text for a in decision.addressees] == ["the Issue Management Group"]


def test_a_pronoun_is_the_body_named_before_it() -> None:
    assert who(
        "Agree to establish an Issue Management Group on Water Quality and request it to "
        "report at the next meeting.",
        ["agree", "establish", "request"],
    ) == [("it", "Issue Management Group on Water Quality", "body")]
    assert who("Request them to report at the next meeting.", ["request"]) == []


def test_a_relative_clause_after_a_name_is_no_addressee() -> None:
    assert who(
        "Invite members that have not yet done so to publish their inventories.", ["invite"]
    ) == [("members", "EMG members", "role")]
