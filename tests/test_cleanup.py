from __future__ import annotations

from emg_parse.characters import INVISIBLE, LIGATURES
from emg_parse.cleanup import clean, normalise_text
from emg_parse.lines import Block, Line, Provenance, Style


def _lines(*texts: str, new_block: bool = False) -> list[Line]:
    return [
        Line(text=t, source=Provenance(page=1, line=i + 1), new_block=new_block or i == 0)
        for i, t in enumerate(texts)
    ]


def _blocks(blocks: list[Block]) -> list[tuple[str, int | None, int]]:
    """Each block's text, the line it starts on and how many lines it joins."""
    return [(b.text, b.source.line, b.lines) for b in blocks]


def test_normalise_whitespace_ligatures_and_soft_hyphens() -> None:
    assert normalise_text(" con\u00adsider\tthe \ufb01nal\u00a0report ") == (
        "consider the final report"
    )


def test_normalise_joins_split_ordinals_only_when_suffix_fits() -> None:
    assert normalise_text("28 th October, the 1 st and 22 nd") == "28th October, the 1st and 22nd"
    assert normalise_text("2 th") == "2 th"


def test_wrapped_lines_join_into_one_block() -> None:
    blocks = clean(
        _lines(
            "a) Consider and endorse the EMG report: Supporting the",
            "Global Biodiversity Agenda;",
            "b) Decide to extend",
        )
    )
    assert [b.text for b in blocks] == [
        "a) Consider and endorse the EMG report: Supporting the Global Biodiversity Agenda;",
        "b) Decide to extend",
    ]
    assert blocks[0].lines == 2
    assert blocks[0].source == Provenance(page=1, line=1)


def test_every_ligature_and_invisible_character() -> None:
    hidden = "".join(sorted(INVISIBLE))
    line = f"the {''.join(LIGATURES)} of{hidden}fice"
    assert [b.text for b in clean(_lines(line))] == [f"the {''.join(LIGATURES.values())} office"]


def test_sentence_end_then_capital_starts_a_block() -> None:
    blocks = clean(_lines("Agree to extend the Task Team to:", "Complete the tasks."))
    assert _blocks(blocks) == [
        ("Agree to extend the Task Team to:", 1, 1),
        ("Complete the tasks.", 2, 1),
    ]
    # a line that does not start with a capital continues the sentence's block
    blocks = clean(_lines("Agree to extend the Task Team to:", "complete the tasks."))
    assert _blocks(blocks) == [("Agree to extend the Task Team to: complete the tasks.", 1, 2)]


def test_abbreviation_at_line_end_does_not_end_a_block() -> None:
    blocks = clean(_lines("in country level programming (e.g.", "UNSDCF process)."))
    assert [b.text for b in blocks] == ["in country level programming (e.g. UNSDCF process)."]


def test_real_hyphens_are_kept_across_line_breaks() -> None:
    blocks = clean(
        _lines(
            "follow up on the above-",
            "mentioned report for 2020-",
            "2030 and post-",
            "2020 targets",
        )
    )
    assert (
        blocks[0].text
        == "follow up on the above-mentioned report for 2020-2030 and post-2020 targets"
    )


def test_typesetter_hyphenation_is_removed_when_the_word_occurs_elsewhere() -> None:
    blocks = clean(_lines("the implementation of the plan and its imple-", "mentation report"))
    assert blocks[0].text == "the implementation of the plan and its implementation report"


def test_a_line_broken_after_a_slash_is_joined_without_a_space() -> None:
    blocks = clean(_lines("Symbol: EMG/", "SOM.27/2 and/", "or later"))
    assert blocks[0].text == "Symbol: EMG/SOM.27/2 and/or later"


def test_a_line_broken_after_a_spaced_dash_is_joined_with_a_space() -> None:
    blocks = clean(_lines("Time: 14:00 -", "15:30 GVA time"))
    assert blocks[0].text == "Time: 14:00 - 15:30 GVA time"


def test_style_change_starts_a_block() -> None:
    lines = [
        Line("I. Consultative Process", Provenance(line=1), Style(bold=True, size=14), x=72.0),
        Line("on Biodiversity", Provenance(line=2), Style(bold=True), new_block=False),
        Line("welcomed by all", Provenance(line=3), Style(), x=90.0, new_block=False),
    ]
    blocks = clean(lines)
    assert _blocks(blocks) == [
        ("I. Consultative Process on Biodiversity", 1, 2),
        ("welcomed by all", 3, 1),
    ]
    # a block has the style and position of its first line
    assert [(b.style, b.x) for b in blocks] == [(Style(bold=True, size=14), 72.0), (Style(), 90.0)]


def test_cells_of_different_columns_never_join() -> None:
    lines = [
        Line("26th Senior Officials Meeting of the", Provenance(line=1), cell=(0, 0)),
        Line("United Nations", Provenance(line=2), cell=(0, 1), new_block=False),
        Line("EMGSOM.26_3a", Provenance(line=1), cell=(1, 0), new_block=False),
    ]
    blocks = clean(lines)
    assert [(b.text, b.cell) for b in blocks] == [
        ("26th Senior Officials Meeting of the United Nations", (0, 0)),
        ("EMGSOM.26_3a", (1, 0)),
    ]


def test_labels_headings_and_actor_lines_always_start_blocks() -> None:
    blocks = clean(
        _lines(
            "Section text without end",
            "II. UN E-waste Coalition",
            "The Senior Officials:",
            "a) Take note",
            "(iv) of it",
        )
    )
    assert _blocks(blocks) == [
        ("Section text without end", 1, 1),
        ("II. UN E-waste Coalition", 2, 1),
        ("The Senior Officials:", 3, 1),
        ("a) Take note", 4, 1),
        ("(iv) of it", 5, 1),
    ]


def test_empty_lines_are_dropped() -> None:
    blocks = clean(_lines("  ", "\u200b", "x", "\u00ad\t", "and y."))
    assert _blocks(blocks) == [("x and y.", 3, 2)]


def test_title_and_actor_lines_stand_alone() -> None:
    blocks = clean(
        _lines(
            "Summary of Action Points",
            "As approved by the Technical Segment",
            "The Senior Officials:",
            "Agree to extend",
        )
    )
    assert [b.text for b in blocks] == [
        "Summary of Action Points",
        "As approved by the Technical Segment",
        "The Senior Officials:",
        "Agree to extend",
    ]


def test_a_block_of_thousands_of_lines_is_their_exact_join() -> None:
    # the block is kept in pieces while it grows (linear time); the text is the same
    texts = [f"line {i} of a paragraph that never ends a sentence" for i in range(3000)]
    texts[1000] = "and goes on with an imple-"
    texts[1001] = "mentation of the plan, the implementation"
    blocks = clean(_lines(*texts))
    expected = " ".join(texts).replace("imple- mentation", "implementation")
    assert [(b.text, b.lines) for b in blocks] == [(expected, 3000)]


def test_a_long_block_is_no_title() -> None:
    # "Decisions of ..." stands alone as a title; a paragraph of over 300 characters
    # that happens to start so is no title, and its wrapped line joins it
    long_line = "Decisions of the Senior Officials were taken" + " after long talks" * 20
    assert len(long_line) > 300
    assert _blocks(clean(_lines(long_line, "and more talks"))) == [
        (long_line + " and more talks", 1, 2)
    ]
    assert _blocks(clean(_lines("Decisions of the Senior Officials", "and more talks"))) == [
        ("Decisions of the Senior Officials", 1, 1),
        ("and more talks", 2, 1),
    ]


def test_a_label_split_over_two_lines_takes_the_next_line() -> None:
    lines = _lines("1", ")")
    lines.append(Line(text="Welcome the report.", source=Provenance(page=1, line=3)))
    assert _blocks(clean(lines)) == [("1 ) Welcome the report.", 1, 3)]


def _styled(
    *lines: tuple[str, Style, bool], cells: tuple[tuple[int, int] | None, ...] = ()
) -> list[Line]:
    return [
        Line(
            text=t,
            source=Provenance(page=1, line=i + 1),
            style=style,
            new_block=new,
            cell=cells[i] if i < len(cells) else None,
        )
        for i, (t, style, new) in enumerate(lines)
    ]


def test_a_change_of_type_size_starts_a_block() -> None:
    big, body = Style(bold=True, size=12.0), Style(bold=True, size=11.0)
    blocks = clean(
        _styled(
            ("Annual report", big, True),
            ("of the Group", big, False),
            ("List of participants", body, False),
        )
    )
    assert _blocks(blocks) == [("Annual report of the Group", 1, 2), ("List of participants", 3, 1)]
    # less than a point is the same type
    near = Style(bold=True, size=11.6)
    assert len(clean(_styled(("Annual report", big, True), ("of the Group", near, False)))) == 1


def test_an_annex_line_stands_alone() -> None:
    blocks = clean(_lines("Annex I", "List of participants", "UNEP: Mr. A. Smith"))
    assert [b.text for b in blocks] == ["Annex I", "List of participants UNEP: Mr. A. Smith"]
    blocks = clean(_lines("13. No other business was raised", "Annex II: Agenda"))
    assert [b.text for b in blocks] == ["13. No other business was raised", "Annex II: Agenda"]
    # a sentence that cites an annex goes on
    blocks = clean(_lines("The list of participants is in", "annex I to this report."))
    assert len(blocks) == 1


def test_a_heading_number_alone_takes_its_title_even_from_the_next_cell() -> None:
    plain = Style()
    lines = _styled(
        ("A.", plain, True),
        ("Follow-up to the Conference", plain, True),
        ("Agenda item 3:", plain, True),
        ("Biodiversity", plain, False),
        ("IV.", plain, True),
        ("Task Team", plain, True),
        cells=((0, 0), (1, 0), None, None, None, None),
    )
    assert [b.text for b in clean(lines)] == [
        "A. Follow-up to the Conference",
        "Agenda item 3: Biodiversity",
        "IV. Task Team",
    ]


def test_agenda_items_and_actor_lines_start_blocks() -> None:
    blocks = clean(
        _lines(
            "the meeting closed",
            "Agenda item 4: Nexus Dialogues",
            "The Senior Officials may wish to:",
            "a) Welcome it.",
        )
    )
    assert [b.text for b in blocks] == [
        "the meeting closed",
        "Agenda item 4: Nexus Dialogues",
        "The Senior Officials may wish to:",
        "a) Welcome it.",
    ]


def test_a_reference_to_a_paragraph_is_no_label_at_a_line_start() -> None:
    blocks = clean(
        _lines(
            "(b) contribute to the review, in line with paragraph 3",
            "(a) of decision 26/11; and (c) prepare a guide.",
        )
    )
    assert [b.text for b in blocks] == [
        "(b) contribute to the review, in line with paragraph 3 (a) of decision 26/11; and (c)"
        " prepare a guide."
    ]
    # the extractor knows a paragraph starts here: a label
    lines = [*_lines("in line with paragraph 3"), *_lines("(a) Welcome it.", new_block=True)]
    assert len(clean(lines)) == 2


def test_a_list_running_inside_a_paragraph_goes_on_at_a_line_start() -> None:
    blocks = clean(
        _lines(
            "4. The Senior Officials agreed to: (a) present a draft; (b)",
            "contribute to the review; and",
            "(c) prepare a guide.",
            "(d) Welcome the report.",
        )
    )
    assert [b.text for b in blocks] == [
        "4. The Senior Officials agreed to: (a) present a draft; (b) contribute to the review;"
        " and (c) prepare a guide. (d) Welcome the report."
    ]
    # a label that does not come next starts a block; so does a list's own next label
    blocks = clean(_lines("agreed to: (a) present a draft; (b) contribute;", "(d) Welcome it."))
    assert len(blocks) == 2
    blocks = clean(_lines("(a) present a draft;", "(b) contribute;"))
    assert len(blocks) == 2


def test_a_decimal_on_a_wrapped_line_is_a_label_only_before_a_capital() -> None:
    blocks = clean(_lines("to cut emissions by", "2.5 million tonnes.", "1.2 Request a report."))
    assert [b.text for b in blocks] == [
        "to cut emissions by 2.5 million tonnes.",
        "1.2 Request a report.",
    ]
    blocks = clean(_lines("1.1 Take note of the report;", "1.2 Request a report."))
    assert [b.text for b in blocks] == ["1.1 Take note of the report;", "1.2 Request a report."]
