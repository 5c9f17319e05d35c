"""emg_parse.headings: section headings, their numbers and levels, and annexes."""

from __future__ import annotations

import pytest

from emg_parse.cleanup import clean
from emg_parse.extractors.text import lines_from_text
from emg_parse.headings import Parts, find_parts
from emg_parse.lines import Block, Provenance, Style

HEAD = "EMG/SOM.30/2\n\nSummary of Action Points\n\n"
ACTOR = "The Senior Officials:\n\na) Welcome the report.\n\n"


def parts_of(text: str) -> tuple[Parts, list[str]]:
    blocks = clean(lines_from_text(text))
    return find_parts(blocks), [b.text for b in blocks]


def headings(text: str) -> list[tuple[str | None, int, str]]:
    """(number, level, title) of each heading of a text document."""
    return [(h.number, h.level, h.title) for h in parts_of(text)[0].headings]


def styled(*blocks: tuple[str, Style]) -> list[Block]:
    return [
        Block(text=text, source=Provenance(paragraph=i + 1), style=style)
        for i, (text, style) in enumerate(blocks)
    ]


def test_roman_then_capital_letters_are_two_levels_and_letters_start_again() -> None:
    text = HEAD + "".join(
        f"{n}. Title {n}\n\n" + (ACTOR if n in "AB" else "") for n in ["I", "A", "B", "II", "A"]
    )
    assert headings(text) == [
        ("I", 1, "Title I"),
        ("A", 2, "Title A"),
        ("B", 2, "Title B"),
        ("II", 1, "Title II"),
        ("A", 2, "Title A"),
    ]


def test_agenda_items_are_numbers_with_their_titles() -> None:
    text = HEAD + "Agenda item 2: Land\n\n" + ACTOR + "Item 3 – Nexus Dialogues\n\n" + ACTOR
    text += "AGENDA ITEM 5. OTHER MATTERS\n\nNo other business was raised.\n"
    assert headings(text) == [
        ("2", 1, "Land"),
        ("3", 1, "Nexus Dialogues"),
        ("5", 1, "OTHER MATTERS"),
    ]


def test_arabic_headings_and_numbered_paragraphs() -> None:
    text = HEAD + (
        "1. Opening of the meeting\n\n1. The meeting was opened by the Chair.\n\n"
        "2. The Senior Officials adopted the agenda\n\n2. Biodiversity\n\n"
        "3. The Senior Officials agreed to continue the process.\n\n"
        "1. Agenda item without an outcome\n\n3. Other matters\n\n"
        "4. Several members stressed the value of the meetings.\n"
    )
    # "2. The Senior Officials adopted ..." is a sentence of the deciding body; "1. Agenda
    # item ..." does not go on from heading 2
    assert headings(text) == [
        ("1", 1, "Opening of the meeting"),
        ("2", 1, "Biodiversity"),
        ("3", 1, "Other matters"),
    ]


def test_decimal_sub_headings_under_numbers_and_decimal_decisions() -> None:
    text = HEAD + (
        "1. Chemicals\n\n1.1 Mercury\n\n" + ACTOR + "1.2 Lead\n\n" + ACTOR + "2. Climate\n\n"
        "2.1 Adaptation\n\nThe Senior Officials:\n\n2.1 Take note of the report;\n\n"
        "2.2 Request a study.\n\n3.1 Stray heading\n"
    )
    assert headings(text) == [
        ("1", 1, "Chemicals"),
        ("1.1", 2, "Mercury"),
        ("1.2", 2, "Lead"),
        ("2", 1, "Climate"),
        ("2.1", 2, "Adaptation"),
    ]


def test_ambiguous_letters_read_from_the_run_they_are_in() -> None:
    letters = "ABCDEFGHI"
    text = HEAD + "I. Matters\n\n" + "".join(f"{c}. Topic {c}\n\n{ACTOR}" for c in letters)
    text += "II. Information\n\n" + ACTOR + "III. Other\n\n" + ACTOR
    found = headings(text)
    assert [(n, level) for n, level, _ in found] == [
        ("I", 1),
        *((c, 2) for c in letters),
        ("II", 1),
        ("III", 1),
    ]
    # "C." after "B." in a run of letters; "V." after "IV." a roman numeral
    text = HEAD + "".join(f"{n}. T\n\n{ACTOR}" for n in ["IV", "A", "B", "C", "V", "A"])
    assert [(n, level) for n, level, _ in headings(text)] == [
        ("IV", 1),
        ("A", 2),
        ("B", 2),
        ("C", 2),
        ("V", 1),
        ("A", 2),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "T. Lindqvist",  # initials: a letter run starts at A
        "1. Welcome the report of the Task Team",  # a decision: an operative verb
        "1. Opening of the meeting and adoption of the agenda.",  # a sentence's full stop
        "1. Consider the following:",  # a lead-in
        "A. Matters for decision;",
    ],
)
def test_plain_lines_that_are_no_headings(line: str) -> None:
    assert headings(HEAD + "I. Title\n\n" + ACTOR + line + "\n\n" + ACTOR)[1:] == []


def test_a_styled_line_may_end_with_a_full_stop_or_start_with_a_verb() -> None:
    bold, plain = Style(bold=True, size=12.0), Style(size=11.0)
    blocks = styled(
        ("Summary of Action Points", bold),
        ("1. Review of the indicators.", bold),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
        ("2. Support to Member States", bold),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
    )
    assert [(h.number, h.title) for h in find_parts(blocks).headings] == [
        ("1", "Review of the indicators."),
        ("2", "Support to Member States"),
    ]


def test_annexes_end_the_sections() -> None:
    text = HEAD + "I. Opening\n\n" + ACTOR + "Annex I\n\nAgenda\n\n1. Opening of the meeting\n\n"
    text += "2. Biodiversity\n\nII. Not a section\n\nAnnex II: Participants\n\nUNEP\n"
    parts, texts = parts_of(text)
    assert [h.title for h in parts.headings] == ["Opening"]
    assert texts[parts.annexes] == "Annex I"
    # without a heading, the header zone ends at the annexes
    parts, texts = parts_of(HEAD + "Annex\n\nList of participants\n")
    assert parts.headings == [] and parts.header_end == parts.annexes == 2


def test_numbered_lines_of_the_header_do_not_end_it() -> None:
    text = (
        "EMG/SOM.15/01rev2\n\n15th Meeting of the Senior Officials\n\n3.15 pm\n\n"
        "Item 4 of the provisional agenda\n\nAgenda item 4\n\n12 October 2020\n\n"
        "Progress Report\n\n1. Land degradation\n\n" + ACTOR
    )
    parts, texts = parts_of(text)
    assert texts[parts.header_end] == "1. Land degradation"


def test_unnumbered_headings() -> None:
    h2, h1, bold = Style(heading_level=2), Style(heading_level=1), Style(bold=True)
    plain = Style()
    blocks = styled(
        ("Summary of Decisions", h1),  # the title: no actor line before the next heading
        ("The Senior Officials met online.", plain),
        ("Chemicals", h2),  # an actor line follows after notes (rule 4b)
        ("The group presented its report.", plain),
        ("The Senior Officials:", plain),
        ("a) Welcome the report.", plain),
        ("Climate", plain),  # an actor line follows at once (rule 4a)
        ("The Senior Officials decided to:", plain),
        ("i) launch a dialogue.", plain),
        ("Any other business", h2),  # styled as the headings found (rule 4c)
        ("No other business was raised.", plain),
        ("Closing", h1),  # a Word heading no deeper than those found (rule 4c)
        ("Thanks to the host", bold),  # bold, but no heading found is styled so
    )
    assert [(h.title, h.level) for h in find_parts(blocks).headings] == [
        ("Chemicals", 2),
        ("Climate", 1),
        ("Any other business", 2),
        ("Closing", 1),
    ]


def test_a_title_followed_by_an_actor_line_is_no_heading_but_a_topic_is() -> None:
    bold, plain = Style(bold=True), Style()
    blocks = styled(
        ("Summary of decisions", bold),
        ("Preamble text.", plain),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
    )
    assert find_parts(blocks).headings == []
    blocks = styled(
        ("Biodiversity", bold),
        ("Preamble text.", plain),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
    )
    assert [h.title for h in find_parts(blocks).headings] == ["Biodiversity"]


def test_unnumbered_heading_levels_follow_word_heading_levels() -> None:
    h1, h2, plain = Style(heading_level=1), Style(heading_level=2), Style()
    blocks = styled(
        ("I. Matters for decision", h1),
        ("Biodiversity", h2),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
        ("II. Other matters", h1),
        ("Closing", h1),
        ("The Senior Officials:", plain),
        ("a) Thank the host.", plain),
    )
    assert [(h.number, h.title, h.level) for h in find_parts(blocks).headings] == [
        ("I", "Matters for decision", 1),
        (None, "Biodiversity", 2),
        ("II", "Other matters", 1),
        (None, "Closing", 1),
    ]
    # without heading levels: smaller type than the level-1 heading above is level 2
    big, small = Style(bold=True, size=14.0), Style(bold=True, size=12.0)
    blocks = styled(
        ("I. Matters", big),
        ("Biodiversity", small),
        ("The Senior Officials:", plain),
        ("a) Welcome it.", plain),
    )
    assert [h.level for h in find_parts(blocks).headings] == [1, 2]


def test_unnumbered_headings_of_plain_text_by_their_shape() -> None:
    text = (
        "EMG/SOM.14/3\n\nFourteenth meeting of the Senior Officials\n\n"
        "Progress report and proposed actions\n\nLand degradation\n\n"
        "The Secretariat consulted twelve agencies.\n\nMost supported a group.\n\n"
        "The Senior Officials may wish to:\n\n(a) Agree to establish a group;\n\n"
        "Green procurement\n\nEleven entities apply common criteria.\n\n"
        "The Senior Officials may wish to:\n\nEndorse the common criteria\n\n"
        "Any other business\n\nNo other business has been proposed.\n"
    )
    # the title and the meeting line have no actor line after them before the next
    # heading-shaped line; "Endorse the common criteria" is a decision
    assert [(n, title) for n, _, title in headings(text)] == [
        (None, "Land degradation"),
        (None, "Green procurement"),
        (None, "Any other business"),
    ]


def test_a_paragraph_cut_short_is_no_heading() -> None:
    text = (
        "Summary\n\nGreen procurement\n\nEleven entities apply common criteria.\n\n"
        "The Senior Officials may wish to:\n\nEndorse the criteria.\n\n"
        "Support to the Environment Management Group and the\n\n"
        "implementation of the strategy\n\nNext meeting\n\nIt will be held in May.\n"
    )
    assert [title for _, _, title in headings(text)] == ["Green procurement", "Next meeting"]


def test_a_first_heading_that_reads_as_a_roman_numeral_or_a_letter() -> None:
    # no run of letters before it: "V." is the roman five, and a level-1 scheme
    assert headings(HEAD + "V. Other matters\n\n" + ACTOR + "VI. Closing\n\n" + ACTOR) == [
        ("V", 1, "Other matters"),
        ("VI", 1, "Closing"),
    ]


def test_a_line_naming_the_background_document_is_no_heading() -> None:
    text = (
        HEAD
        + "Agenda item 2: Sustainable procurement\n\n"
        + "Background documents: EMG/SOM.30/INF.2 and EMG/SOM.30/INF.3\n\n"
        + ACTOR
        + "Environmental management\n\n"
        + ACTOR
    )
    assert headings(text) == [
        ("2", 1, "Sustainable procurement"),
        (None, 1, "Environmental management"),
    ]
