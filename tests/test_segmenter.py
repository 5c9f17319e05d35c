"""Rules of the segmenter, each on a small document; plus property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.cleanup import clean
from emg_parse.extractors.text import lines_from_text
from emg_parse.model import Decision, Item
from emg_parse.segmenter import Segmented, segment


def run(text: str) -> Segmented:
    return segment(clean(lines_from_text(text)))


def tree(items: list[Item] | list[Decision]) -> list[Any]:
    return [(i.label, i.text, tree(i.items)) if i.items else (i.label, i.text) for i in items]


def codes(result: Segmented) -> list[str]:
    return [w.code for w in result.warnings]


def test_labelled_decisions_and_lead_in_with_items() -> None:
    result = run(
        "I. Task Team\n\nThe Senior Officials:\n\nAgree to extend the Task Team to:\n"
        "a) Complete the tasks and;\nb) Present the results.\n"
    )
    (section,) = result.sections
    assert (section.number, section.title) == ("I", "Task Team")
    assert section.actor == "The Senior Officials"
    assert tree(section.decisions) == [
        (
            None,
            "Agree to extend the Task Team to:",
            [("a", "Complete the tasks and;"), ("b", "Present the results.")],
        ),
    ]
    assert section.decisions[0].actions == ["agree", "extend"]
    assert result.warnings == []


def test_nested_list_ending_with_and_returns_to_parent() -> None:
    result = run(
        "I. Title\nThe Senior Officials:\n"
        "(a) Request the Secretariat to:\n(i) prepare a report;\n(ii) consult members; and\n"
        "(b) Invite members to contribute.\n"
    )
    assert tree(result.sections[0].decisions) == [
        (
            "a",
            "Request the Secretariat to:",
            [("i", "prepare a report;"), ("ii", "consult members; and")],
        ),
        ("b", "Invite members to contribute."),
    ]
    assert result.warnings == []


def test_three_levels_deep() -> None:
    result = run(
        "I. Title\nThe Senior Officials:\na) Decide to:\ni. establish:\n1. a group;\n"
        "2. a fund; and\nii. report;\nb) Welcome it.\n"
    )
    assert tree(result.sections[0].decisions) == [
        (
            "a",
            "Decide to:",
            [("i", "establish:", [("1", "a group;"), ("2", "a fund; and")]), ("ii", "report;")],
        ),
        ("b", "Welcome it."),
    ]


def test_i_after_h_is_a_letter_not_a_sub_list() -> None:
    letters = "abcdefghij"
    body = "".join(f"{c}) Welcome item {c};\n" for c in letters)
    result = run("I. Title\nThe Senior Officials:\n" + body)
    assert [d.label for d in result.sections[0].decisions] == list(letters)
    assert result.warnings == []


def test_i_after_colon_opens_a_roman_sub_list() -> None:
    result = run("I. T\nThe Senior Officials:\nh) Request to:\ni) do this;\nii) do that.\n")
    assert tree(result.sections[0].decisions) == [
        ("h", "Request to:", [("i", "do this;"), ("ii", "do that.")])
    ]


def test_actor_line_variants_and_missing_actor() -> None:
    result = run(
        "I. One\nThe Senior Officials decided to:\na) extend the Task Team.\n"
        "II. Two\na) Welcome the report.\n"
    )
    one, two = result.sections
    assert one.actor == "The Senior Officials decided to"
    assert one.decisions[0].actions == ["extend"]
    assert two.actor is None and two.decisions[0].text == "Welcome the report."


def test_label_gap_and_repeat_are_warned() -> None:
    result = run(
        "I. T\nThe Senior Officials:\na) Welcome x;\nb) Welcome y;\nd) Welcome z;\n"
        "e) Welcome v;\ne) Welcome w.\n"
    )
    assert [d.label for d in result.sections[0].decisions] == ["a", "b", "d", "e", "e"]
    messages = [w.message for w in result.warnings]
    assert messages == [
        "label 'd' skips after 'b' (expected 'c') (line 5)",
        "label 'e' repeats after 'e' (expected 'f') (line 7)",
    ]


def test_a_mistyped_label_is_one_warning() -> None:
    result = run(
        "I. T\nThe Senior Officials:\na) Welcome x;\nc) Welcome y;\nc) Welcome z;\nd) Welcome w.\n"
    )
    assert [d.label for d in result.sections[0].decisions] == ["a", "c", "c", "d"]
    assert [w.message for w in result.warnings] == [
        "label 'c' skips after 'a' (expected 'b') (line 4)"
    ]


def test_section_order_and_unknown_verb_warnings() -> None:
    result = run(
        "I. One\nThe Senior Officials:\na) Welcome x.\n"
        "III. Three\nThe Senior Officials:\na) Something else.\n"
    )
    assert codes(result) == ["unknown_verb", "section_order"]
    assert result.warnings[1].message == "section III skips after I (expected II) (line 4)"
    assert result.warnings[1].where.line == 4


def test_heading_without_number_before_actor_line() -> None:
    result = run("Any Other Business\nThe Senior Officials:\na) Take note of the update.\n")
    (section,) = result.sections
    assert (section.number, section.title) == (None, "Any Other Business")


def test_text_between_heading_and_actor_is_kept_as_notes() -> None:
    result = run("I. Title\n\nBackground of the item.\n\nThe Senior Officials:\na) Welcome it.\n")
    assert result.sections[0].notes == ["Background of the item."]


def test_header_fields() -> None:
    result = run(
        "UNITED NATIONS\n\nENVIRONMENT MANAGEMENT GROUP\n\n"
        "27th Senior Officials Meeting of the Environment Management Group\n\n"
        "Technical Segment, 9-10 September 2021 (10:00-12:00 CEST time)\n\nGeneva\n\n"
        "EMG/SOM.27/2\n\nDistribution: EMG Members\n\n# Summary of Decisions\n\n"
        "As agreed by the Senior Officials\n\nI. Title\nThe Senior Officials:\na) Welcome.\n"
    )
    doc = result.document
    assert (doc.symbol, doc.title, doc.distribution, doc.preamble) == (
        "EMG/SOM.27/2",
        "Summary of Decisions",
        "EMG Members",
        ["As agreed by the Senior Officials"],
    )
    m = doc.meeting
    assert (m.number, m.segment, m.date, m.end_date, m.time, m.venue) == (
        27,
        "Technical Segment",
        dt.date(2021, 9, 9),
        dt.date(2021, 9, 10),
        "10:00-12:00 CEST time",
        "Geneva",
    )


REPORT = """EMG/SOM.19/04

Report of the meeting

I. Opening of the meeting

1. The meeting was opened by the Chair.

2. The meeting adopted the agenda.

II. Matters for decision

A. Biodiversity

3. The Secretariat introduced the report.

4. The Senior Officials agreed to continue the process in order to: (a) present a draft;\
 (b) contribute to the review, in line with paragraph 3 (a) of decision 26/11; and (c)\
 prepare a guide.

5. In this regard, the Senior Officials also requested the Secretariat to report.

B. Other matters

6. Several members stressed the value of the meetings.

7. The participants welcomed the offer to host the next meeting and took note of the dates.

8. No other business was raised.

Annex I

Agenda

1. Opening of the meeting

2. Biodiversity
"""


def test_a_report_with_numbered_paragraphs_and_actors_in_the_sentence() -> None:
    result = run(REPORT)
    sections = [(s.number, s.level, s.title) for s in result.sections]
    assert sections == [
        ("I", 1, "Opening of the meeting"),
        ("II", 1, "Matters for decision"),
        ("A", 2, "Biodiversity"),
        ("B", 2, "Other matters"),
    ]
    opening, matters, biodiversity, other = result.sections
    assert opening.notes == ["1. The meeting was opened by the Chair."]
    (adopted,) = opening.decisions
    assert (adopted.label, adopted.actor, adopted.text, adopted.actions) == (
        "2",
        "The meeting",
        "The meeting adopted the agenda.",
        ["adopt"],
    )
    assert matters.decisions == [] and matters.notes == []
    assert biodiversity.notes == ["3. The Secretariat introduced the report."]
    four, five = biodiversity.decisions
    assert (four.label, four.actor, four.actions) == (
        "4",
        "The Senior Officials",
        ["agree", "continue"],
    )
    assert tree([four]) == [
        (
            "4",
            "The Senior Officials agreed to continue the process in order to:",
            [
                ("a", "present a draft;"),
                (
                    "b",
                    "contribute to the review, in line with paragraph 3 (a) of decision 26/11; and",
                ),
                ("c", "prepare a guide."),
            ],
        )
    ]
    assert (five.actor, five.actions) == ("the Senior Officials", ["request"])
    assert other.notes == [
        "6. Several members stressed the value of the meetings.",
        "8. No other business was raised.",
    ]
    (seven,) = other.decisions
    assert (seven.label, seven.actor, seven.actions) == (
        "7",
        "The participants",
        ["welcome", "take_note"],
    )
    # numbering that runs across sections and notes is no gap; a section that only
    # holds sub-sections has decisions in them; an in-sentence verb is a known verb
    assert result.warnings == []
    (annex,) = result.annexes
    assert (annex.title, annex.text) == (
        "Annex I",
        "Agenda\n1. Opening of the meeting\n2. Biodiversity",
    )


def test_an_inline_list_wrapped_after_its_colon() -> None:
    # text saved from a PDF: the list's first label starts a line, the others run on
    result = run(
        "I. Biodiversity\n\n4. The Senior Officials agreed to continue it in order to:\n"
        "(a) present a draft; (b) contribute, in line with paragraph 3\n"
        "(a) of decision 26/11; and (c) prepare a guide.\n\n"
        "5. The Senior Officials requested a report.\n"
    )
    assert tree(result.sections[0].decisions) == [
        (
            "4",
            "The Senior Officials agreed to continue it in order to:",
            [
                ("a", "present a draft;"),
                ("b", "contribute, in line with paragraph 3 (a) of decision 26/11; and"),
                ("c", "prepare a guide."),
            ],
        ),
        ("5", "The Senior Officials requested a report."),
    ]


def test_a_section_without_actor_line() -> None:
    result = run(
        "1. Biodiversity\n\nThe process presented its report.\n\na) Welcome the report;\n\n"
        "b) Request a study.\n\nAgree to extend the process to:\n\ni) report; and\n\n"
        "ii) consult.\n\n2. Any other business\n\nNo other business was raised.\n"
    )
    biodiversity, other = result.sections
    assert biodiversity.notes == ["The process presented its report."]
    assert tree(biodiversity.decisions) == [
        ("a", "Welcome the report;"),
        ("b", "Request a study."),
        (None, "Agree to extend the process to:", [("i", "report; and"), ("ii", "consult.")]),
    ]
    assert (other.notes, other.decisions) == (["No other business was raised."], [])
    assert codes(result) == ["no_decisions"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "9. The meeting closed at 1 p.m.",
        "9. The meeting was opened by the Chair.",
        "9. The EMG Secretariat introduced the report.",
        "9. Several members stressed it.",
        "9. Members have proposed a group.",
        "9. The Senior Officials heard a presentation.",
    ],
)
def test_paragraphs_that_record_no_outcome_are_notes(paragraph: str) -> None:
    result = run(f"III. Closing\n\n{paragraph}\n\n10. The participants thanked the host.\n")
    (section,) = result.sections
    assert section.notes == [paragraph]
    assert [(d.label, d.actor) for d in section.decisions] == [("10", "The participants")]


def test_a_numbered_note_keeps_its_items_as_notes() -> None:
    result = run(
        "I. Opening\n\n1. The Chair recalled that:\n\n(a) the Group met twice;\n\n"
        "(b) two reports were issued.\n\n2. The Senior Officials welcomed the reports.\n"
    )
    (section,) = result.sections
    assert section.notes == [
        "1. The Chair recalled that:",
        "(a) the Group met twice;",
        "(b) two reports were issued.",
    ]
    assert [(d.label, d.actions) for d in section.decisions] == [("2", ["welcome"])]
    assert result.warnings == []


def test_a_numbered_actor_sentence_with_its_items() -> None:
    result = run(
        "II. Climate\n\n5. The Senior Officials agreed to:\n\n(a) launch a dialogue;\n\n"
        "(b) invite WHO to co-lead it.\n"
    )
    (decision,) = result.sections[0].decisions
    assert (decision.label, decision.actor, decision.actions) == (
        "5",
        "The Senior Officials",
        ["agree"],
    )
    assert [i.label for i in decision.items] == ["a", "b"]


def test_decimal_decisions_under_arabic_headings() -> None:
    result = run(
        "Summary of Action Points\n\n1. Procurement\n\nThe EMG Senior Officials:\n\n"
        "1.1 Take note of the trial;\n\n1.2 Agree to extend the Task Team to:\n\n"
        "(a) revise the indicators; and\n\n(b) publish results;\n\n1.3 Request a report.\n\n"
        "2. Biodiversity\n\nThe EMG Senior Officials:\n\n2.1 Renew the process.\n"
    )
    one, two = result.sections
    assert (one.number, one.actor) == ("1", "The EMG Senior Officials")
    assert tree(one.decisions) == [
        ("1.1", "Take note of the trial;"),
        (
            "1.2",
            "Agree to extend the Task Team to:",
            [("a", "revise the indicators; and"), ("b", "publish results;")],
        ),
        ("1.3", "Request a report."),
    ]
    assert [d.label for d in two.decisions] == ["2.1"]
    assert result.warnings == []


def test_no_sections_in_prose() -> None:
    assert run("Minutes of a meeting.\n\nNothing was decided.\n").sections == []


_ALPHABET = st.sampled_from(
    [
        "a) ",
        "(b) ",
        "i. ",
        "ii. ",
        "(iv) ",
        "I. ",
        "IV. ",
        "The Senior Officials:",
        "\n",
        "\n\n",
        "Decide to ",
        "extend ",
        "x",
        ";",
        ":",
        " and",
        "-",
        "\t",
        "Page 2 of 3",
        "# ",
        "**",
        "*",
        "<b>",
        "</sup>",
        "|",
        "28th October 2020",
        "EMGSOM.26_3a",
        "Agenda item 3: ",
        "A. ",
        "1.1 ",
        "3. ",
        "Annex I",
        "The Senior Officials agreed to ",
        ": (a) ",
        "; (b) ",
        "Title",
        "The meeting ",
        "took note",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_segmenter_never_crashes_on_structured_noise(text: str) -> None:
    result = run(text)
    empty = {(w.where.line, w.where.page) for w in result.warnings if w.code == "empty_text"}
    for section in result.sections:
        for decision in section.decisions:
            where = (decision.source.line, decision.source.page)
            assert decision.text or decision.items or where in empty


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_segmenter_never_crashes_on_arbitrary_text(text: str) -> None:
    run(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=12))
def test_every_labelled_line_is_kept_in_order(labels: list[str]) -> None:
    body = "".join(f"{c}) Welcome {n};\n" for n, c in enumerate(labels))
    result = run("I. T\nThe Senior Officials:\n" + body)

    def flatten(nodes: list[Any]) -> list[str]:
        out: list[str] = []
        for node in nodes:
            out.append(node.text)
            out.extend(flatten(node.items))
        return out

    assert flatten(result.sections[0].decisions) == [f"Welcome {n};" for n in range(len(labels))]


def test_a_numbered_proposal_line_over_its_items_is_one_decision() -> None:
    result = run(
        "1. Nature\n\n1.1 The Task Team delivered its stocktake.\n\n"
        "1.2 The Senior Officials may wish to:\n\n(a) welcome the stocktake;\n\n"
        "(b) extend the mandate of the Task Team;\n\n(c) welcome the plan.\n"
    )
    (section,) = result.sections
    assert section.notes == ["1.1 The Task Team delivered its stocktake."]
    (decision,) = section.decisions
    assert (decision.label, decision.actor, decision.actions) == (
        "1.2",
        "The Senior Officials",
        ["welcome", "extend"],
    )
    assert [i.label for i in decision.items] == ["a", "b", "c"]
    assert result.warnings == []
