from __future__ import annotations

import pytest

from emg_parse.actions import VOCABULARY, actions


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
    ],
)
def test_actions(text: str, expected: list[str]) -> None:
    assert actions(text) == expected


def test_vocabulary_forms_are_unique() -> None:
    forms = [form for group in VOCABULARY.values() for form in group]
    assert len(forms) == len(set(forms))


def test_vocabulary_is_documented() -> None:
    import emg_parse.actions as module

    assert module.__doc__ is not None
    for action in VOCABULARY:
        assert f"``{action}``" in module.__doc__
