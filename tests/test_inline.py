"""emg_parse.inline: lists printed inside one paragraph."""

from __future__ import annotations

import pytest

from emg_parse.inline import split_inline, split_run
from emg_parse.labels import split_label


def test_a_list_after_a_colon_becomes_items_keeping_their_endings() -> None:
    text = (
        "The Senior Officials agreed to continue the process in order to: (a) present a "
        "draft; (b) contribute to the review, in line with paragraph 3 (a) of decision "
        "26/11; and (c) prepare a guide."
    )
    assert split_inline(text) == (
        "The Senior Officials agreed to continue the process in order to:",
        [
            ("a", "present a draft;"),
            ("b", "contribute to the review, in line with paragraph 3 (a) of decision 26/11; and"),
            ("c", "prepare a guide."),
        ],
    )


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "Request the group to: (i) report; and (ii) consult.",
            [("i", "report; and"), ("ii", "consult.")],
        ),
        ("Agree to: a) extend it, b) rename it.", [("a", "extend it,"), ("b", "rename it.")]),
        ("Agree to: (1) extend it; or (2) close it.", [("1", "extend it; or"), ("2", "close it.")]),
        (
            "Decide to: (a) extend it and (b) rename it",
            [("a", "extend it and"), ("b", "rename it")],
        ),
    ],
)
def test_list_shapes(text: str, items: list[tuple[str, str]]) -> None:
    split = split_inline(text)
    assert split is not None and split[1] == items


@pytest.mark.parametrize(
    "text",
    [
        "in line with paragraph 3 (a) of decision 26/11",  # a reference, no colon
        "as follows: (a) one item only",  # one label is no list
        "as follows: (b) starts late; (c) and goes on",  # a list starts at (a) or (i)
        "note: (a) one; b) two",  # the next label in another shape
        "note: (a) one, see paragraph 2 (b) of the plan",  # (b) after no ';', ',' or 'and'
        "note:(a) one; (b) two",  # no space after the colon
        "",
    ],
)
def test_no_list(text: str) -> None:
    assert split_inline(text) is None


def test_a_reference_inside_an_item_stays_in_its_text() -> None:
    split = split_inline("to: (a) apply paragraph 2 (b) of the plan; (b) report.")
    assert split is not None
    assert split[1] == [("a", "apply paragraph 2 (b) of the plan;"), ("b", "report.")]


def test_an_item_holding_the_next_labels_of_its_list() -> None:
    split = split_label("(a) present a draft; (b) apply paragraph 3 (a); and (c) report.")
    assert split is not None
    assert split_run(*split) == [
        ("a", "present a draft;"),
        ("b", "apply paragraph 3 (a); and"),
        ("c", "report."),
    ]
    split = split_label("ii) consult; iii) report")
    assert split is not None
    assert split_run(*split) == [("ii", "consult;"), ("iii", "report")]


@pytest.mark.parametrize(
    "line",
    [
        "(a) present a draft; (c) report.",
        "(a) apply paragraph 3 (b) of it",
        "a. one; b. two",
        "(b) present a draft; (a) report.",
    ],
)
def test_an_item_without_the_next_labels(line: str) -> None:
    split = split_label(line)
    assert split is not None
    assert split_run(*split) is None
