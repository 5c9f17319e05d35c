"""emg_parse.clauses: the deciding body's clauses, verbs, objects and addressee spans."""

from __future__ import annotations

import pytest

from emg_parse.actions import actions as parser_actions
from emg_parse.clauses import clauses, leads_in


def read(
    text: str, actions: list[str] | None = None, subject: str | None = None
) -> list[tuple[list[str], str, str | None]]:
    """(verbs, object text, addressee span text) of each clause; ``actions`` default to
    every action named in the text (the parser's reading is tested elsewhere)."""
    start = len(subject) if subject and text.startswith(subject) else 0
    allowed = actions if actions is not None else _ALL
    return [
        (
            [v.action for v in c.verbs],
            text[c.start : c.end].strip(),
            text[c.addressees[0] : c.addressees[1]].strip() if c.addressees else None,
        )
        for c in clauses(text, allowed, start, subject)
    ]


_ALL = [
    "take_note",
    "agree",
    "decide",
    "extend",
    "conclude",
    "transfer",
    "request",
    "invite",
    "welcome",
    "encourage",
    "establish",
    "endorse",
    "adopt",
    "launch",
    "continue",
    "renew",
    "close",
    "urge",
    "call_upon",
    "consider",
    "approve",
    "support",
    "review",
]


# --------------------------------------------------------------------------- rules 1-2


def test_a_chain_and_its_object() -> None:
    assert read("Decide to extend the Consultative Process on Biodiversity to follow up.") == [
        (["decide", "extend"], "the Consultative Process on Biodiversity to follow up", None)
    ]


def test_opening_words_are_skipped() -> None:
    assert read("may wish to endorse the report;")[0][0] == ["endorse"]
    assert read("Also further agree to launch a series")[0][0] == ["agree", "launch"]
    assert read("are invited to approve the plan.")[0][0] == ["approve"]


def test_take_note_of_and_in_principle() -> None:
    assert read("Take note of the report;") == [(["take_note"], "the report", None)]
    assert read("Agree in principle to establish an Issue Management Group")[0][:2] == (
        ["agree", "establish"],
        "an Issue Management Group",
    )


def test_the_creation_of_names_establish() -> None:
    assert read("Agree to the creation of a Task Team on X, led by UNEP;")[0][:2] == (
        ["agree", "establish"],
        "a Task Team on X, led by UNEP",
    )
    # a noun after a verb that is not "agree to" is no verb
    assert read("Welcome the establishment of the Coalition;") == [
        (["welcome"], "the establishment of the Coalition", None)
    ]


def test_forms_the_parser_does_not_know_count_by_their_place() -> None:
    assert read("Agree to create a Task Team;", ["agree"])[0][0] == ["agree", "establish"]
    assert read("Decide to discontinue the Task Team;", ["decide"])[0][0] == ["decide", "conclude"]
    assert read(
        "The Senior Officials tasked the Secretariat to report.", [], "The Senior Officials"
    )[0][0] == ["task"]


# --------------------------------------------------------------------------- rule 3


def test_coordinated_clauses_in_the_past() -> None:
    text = (
        "The Senior Officials took note of the final report of the Issue Management Group "
        "on Green Economy and agreed to conclude its work."
    )
    assert read(text, subject="The Senior Officials") == [
        (["take_note"], "the final report of the Issue Management Group on Green Economy", None),
        (["agree", "conclude"], "its work", None),
    ]


def test_coordinated_clauses_in_the_imperative() -> None:
    assert read("Take note of the final report and agree to conclude the process.") == [
        (["take_note"], "the final report", None),
        (["agree", "conclude"], "the process", None),
    ]
    assert read("Welcome the completion of Phase II and request the IMG to monitor it.") == [
        (["welcome"], "the completion of Phase II", None),
        (["request"], "the IMG to monitor it", "the IMG"),
    ]


def test_and_to_counts_when_the_last_infinitive_was_the_deciding_bodys() -> None:
    assert read("Decide to conclude the Task Team and to transfer its mapping to UNEP.") == [
        (["decide", "conclude"], "the Task Team", None),
        (["transfer"], "its mapping to UNEP", None),
    ]
    assert read("Request the Secretariat to facilitate X and to support its work.") == [
        (["request"], "the Secretariat to facilitate X and to support its work", "the Secretariat")
    ]


def test_an_imperative_after_an_addressees_infinitive_is_the_addressees() -> None:
    assert read("Request the Secretariat to prepare X and invite UNEP to contribute.") == [
        (
            ["request"],
            "the Secretariat to prepare X and invite UNEP to contribute",
            "the Secretariat",
        )
    ]


def test_a_past_verb_after_an_infinitive_is_the_deciding_bodys() -> None:
    text = "The EMG agreed to establish a group and invited UNEP to convene it."
    assert read(text, subject="The EMG") == [
        (["agree", "establish"], "a group", None),
        (["invite"], "UNEP to convene it", "UNEP"),
    ]


def test_a_verb_in_another_tense_is_not_coordinated() -> None:
    text = "The Senior Officials welcomed the report and request for proposals."
    assert read(text, subject="The Senior Officials") == [
        (["welcome"], "the report and request for proposals", None)
    ]


def test_a_semicolon_ends_a_clause_and_may_start_one() -> None:
    assert read("Take note of X; and request the Secretariat to report.") == [
        (["take_note"], "X", None),
        (["request"], "the Secretariat to report", "the Secretariat"),
    ]


def test_a_new_sentence_with_the_subject_or_they() -> None:
    text = (
        "The Senior Officials welcomed the report. They agreed to extend the Task Team. "
        "The report was long."
    )
    assert read(text, subject="The Senior Officials") == [
        (["welcome"], "the report", None),
        (["agree", "extend"], "the Task Team", None),
    ]


# --------------------------------------------------------------------------- rule 4


def test_a_verb_the_parser_did_not_list_does_not_count() -> None:
    assert read("Request the Task Team to conclude its report.", ["request"]) == [
        (["request"], "the Task Team to conclude its report", "the Task Team")
    ]
    assert read("Take note of X and agree to conclude Y.", ["take_note"]) == [
        (["take_note"], "X and agree to conclude Y", None)
    ]
    assert read("Extend the Task Team.", []) == []


def test_with_the_parsers_own_actions() -> None:
    text = "Agree to extend the Task Team on Marine Litter and Microplastics to:"
    assert read(text, parser_actions(text)) == [
        (["agree", "extend"], "the Task Team on Marine Litter and Microplastics to", None)
    ]


# --------------------------------------------------------------------------- rule 5


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Invite UNEP and UNDP to co-lead the Task Team;", "UNEP and UNDP"),
        ("Encourage relevant EMG members to play an active role", "relevant EMG members"),
        ("Request the EMG Secretariat to:", "the EMG Secretariat"),
        ("Invite members to the dialogue.", "members to the dialogue"),  # no infinitive
        ("Urge all members to act.", "all members"),
        ("Call upon the Chair to report.", "the Chair"),
    ],
)
def test_addressee_span(text: str, span: str) -> None:
    assert read(text)[0][2] == span


def test_no_addressee_span_when_the_last_verb_asks_nobody() -> None:
    assert read("Decide to extend the Task Team to report.")[0][2] is None


# --------------------------------------------------------------------------- leads_in


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Decide to:", 0, True),
        ("The Senior Officials agreed to:", len("The Senior Officials"), True),
        ("Agree:", 0, True),
        ("Request the EMG Secretariat to:", 0, False),
        ("Agree to extend the Task Team to:", 0, False),
        ("Decide to extend it.", 0, False),
        ("The meeting:", 0, False),
    ],
)
def test_leads_in(text: str, start: int, expected: bool) -> None:
    assert leads_in(text, _ALL, start) is expected


def test_the_opening_to_is_the_deciding_body_s_infinitive() -> None:
    text = "may wish to rename the IMG on X as the IMG on Y and to invite UNIDO to join it."
    found = clauses(text, ["rename", "invite"])
    assert [[v.action for v in c.verbs] for c in found] == [["rename"], ["invite"]]


def test_a_proposal_opening_alone_leads_in_to_a_list() -> None:
    assert leads_in("The Senior Officials may wish to:", [], start=21)
    assert not leads_in("The Senior Officials may wish to note X:", [], start=21)


def test_the_to_of_an_item_under_decided_is_skipped() -> None:
    found = clauses("to welcome the report and to extend the Task Team.", ["welcome", "extend"])
    assert [[v.action for v in c.verbs] for c in found] == [["welcome"], ["extend"]]
    (request,) = clauses("to request the Task Team to report.", ["request"])
    assert request.addressees == (10, 25)
