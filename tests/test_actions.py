from __future__ import annotations

import pytest

from emg_parse.actions import VOCABULARY, actions, tense


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consider and endorse the EMG report", ["consider", "endorse"]),
        ("Decide to extend the Consultative Process", ["decide", "extend"]),
        ("Take note of the progress made", ["take_note"]),
        ("Agree to extend the Task Team on Marine Litter", ["agree", "extend"]),
        ("Agree to establish an Issue Management Group", ["agree", "establish"]),
        ("Decide to transfer the coordination", ["decide", "transfer"]),
        ("Decide to conclude the EMG's engagement", ["decide", "conclude"]),
        ("Request the EMG Secretariat to report", ["request"]),
        ("Welcome and support the initiative", ["welcome", "support"]),
        ("Extend the Consultative Process to:", ["extend"]),
        ("extend the Task Team", ["extend"]),
        ("Complete the tasks", []),
        ("Recognise, welcome and further encourage", ["recognize", "welcome", "encourage"]),
        # any tense, one vocabulary; modals and adverbs before the verb
        ("took note of the assessment", ["take_note"]),
        ("decided to establish a Task Team", ["decide", "establish"]),
        ("may wish to endorse the strategy", ["endorse"]),
        ("may also wish to approve the budget", ["approve"]),
        ("are invited to adopt the plan", ["adopt"]),
        ("to welcome the draft approach;", ["welcome"]),
        ("to the Secretariat", []),
        ("also warmly welcomed the offer", ["welcome"]),
        ("Agree in principle to establish an Issue Management Group", ["agree", "establish"]),
        ("agreed to rename the Issue Management Group", ["agree", "rename"]),
        ("Renew the Consultative Process", ["renew"]),
        ("Agree to launch a series of dialogues", ["agree", "launch"]),
        ("Agree to continue the series", ["agree", "continue"]),
        # nouns are not verbs; "agree to the creation of" names establish
        ("Review of the indicators", []),
        ("closed at 5 p.m.", []),
        ("Support for the Coalition was expressed", []),
        ("Agree to the creation of a Task Team", ["agree", "establish"]),
        ("agreed to the establishment of a group", ["agree", "establish"]),
        ("Welcome the establishment of the Coalition", ["welcome"]),
        ("Welcome the continuation of the series and continued exchange", ["welcome"]),
        # coordinated verbs of the deciding body, in the first verb's tense
        (
            "took note of the report and agreed to conclude its work",
            ["take_note", "agree", "conclude"],
        ),
        (
            "Take note of the report and agree to conclude the process.",
            ["take_note", "agree", "conclude"],
        ),
        ("welcomed the report and requested the group to publish it", ["welcome", "request"]),
        (
            "agreed to establish a group and invited UNEP to convene it",
            ["agree", "establish", "invite"],
        ),
        ("Welcome the report and request the group to monitor it", ["welcome", "request"]),
        ("Welcome the report and support provided by UNEP", ["welcome"]),
        ("Take note of the Office for Coordination and Support", ["take_note"]),
        ("Welcome the series and continued exchange of views", ["welcome"]),
        # the verbs of an addressee are not the body's
        ("encouraged all members to adopt strategies", ["encourage"]),
        ("Request the Secretariat to prepare a note and support the group", ["request"]),
        (
            "Welcome the offer of UNDP to host a dialogue and request the Secretariat to help",
            ["welcome"],
        ),
        ("requested the Secretariat to publish the report and to circulate it", ["request"]),
        ("Request the Secretariat to facilitate the set-up and to support its work", ["request"]),
        (
            "Decide to conclude the Task Team and to transfer its mapping",
            ["decide", "conclude", "transfer"],
        ),
        ("Decide to transfer the work to a working group and to the EMG", ["decide", "transfer"]),
        # verbs after a colon belong to the items; a new sentence to whoever is its subject
        ("Agree to extend the Task Team to: take note and agree", ["agree", "extend"]),
        ("welcomed the report. The Chair thanked members and closed the meeting", ["welcome"]),
    ],
)
def test_actions(text: str, expected: list[str]) -> None:
    assert actions(text) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("take note", "imperative"),
        ("takes note", "present"),
        ("took note", "past"),
        ("taking note", "gerund"),
        ("express", "imperative"),
        ("expresses", "present"),
        ("transferred", "past"),
        ("calls upon", "present"),
        ("recognises", "present"),
    ],
)
def test_tense_of_a_form(form: str, expected: str) -> None:
    assert tense(form) == expected


def test_every_form_has_a_tense_and_each_verb_an_imperative() -> None:
    for action, forms in VOCABULARY.items():
        assert "imperative" in {tense(form) for form in forms}, action


def test_vocabulary_forms_are_unique() -> None:
    forms = [form for group in VOCABULARY.values() for form in group]
    assert len(forms) == len(set(forms))


def test_vocabulary_is_documented() -> None:
    import emg_parse.actions as module

    assert module.__doc__ is not None
    for action in VOCABULARY:
        assert f"``{action}``" in module.__doc__
