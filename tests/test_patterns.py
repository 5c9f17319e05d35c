"""Examples for every pattern in emg_parse.patterns."""

from __future__ import annotations

import pytest

from emg_parse import patterns as p


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a) Consider", "a"), ("(a) Consider", "a"), ("a. Consider", "a"),
        ("(iv) Raise", "iv"), ("iv. Raise", "iv"), ("12. Text", "12"), ("aa) Text", "aa"),
        ("b)\tDecide", "b"), ("(i)\tFinalise", "i"), ("c)", "c"), ("1.1 Take note", "1.1"),
        ("1.2. Agree", "1.2"), ("2.10.3 Text", "2.10.3"), ("1.2", "1.2"),
    ],
)  # fmt: skip
def test_label_matches(text: str, value: str) -> None:
    m = p.LABEL.match(text)
    assert m is not None
    assert (m["paren"] or m["plain"] or m["decimal"]) == value


@pytest.mark.parametrize(
    "text", ["e.g. UNSDCF", "i.e. the", "Agree to", "UN) x", "a)b", "1.5°C", "2020-2030 plan"]
)
def test_label_rejects(text: str) -> None:
    assert p.LABEL.match(text) is None


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("I. Consultative Process on Biodiversity", "I", "Consultative Process on Biodiversity"),
        ("XII. Consultative Process", "XII", "Consultative Process"),
        ("VIII. UN System-Wide Framework", "VIII", "UN System-Wide Framework"),
        ("IV.\tTask Team", "IV", "Task Team"),
        ("IX) EMG Nexus Dialogues", "IX", "EMG Nexus Dialogues"),
    ],
)
def test_section_matches(text: str, number: str, title: str) -> None:
    m = p.SECTION.match(text)
    assert m is not None
    assert (m["number"], m["title"]) == (number, title)


@pytest.mark.parametrize("text", ["I welcome", "IIII. x", "iv. Raise", "In. x", "VX. Title"])
def test_section_rejects(text: str) -> None:
    assert p.SECTION.match(text) is None


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Senior Officials:", "The Senior Officials"),
        ("The Senior Officials decided to:", "The Senior Officials decided to"),
        ("The EMG Senior Officials agreed to:", "The EMG Senior Officials agreed to"),
        ("The Senior Officials :", "The Senior Officials"),
    ],
)
def test_actor(text: str, actor: str) -> None:
    m = p.ACTOR.match(text)
    assert m is not None and m["actor"] == actor


def test_actor_rejects_sentences() -> None:
    assert p.ACTOR.match("The Senior Officials welcomed the report.") is None


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Senior Officials may wish to:", "The Senior Officials may wish to"),
        ("The Senior Officials may also wish to:", "The Senior Officials may also wish to"),
        ("The Senior Officials are invited to:", "The Senior Officials are invited to"),
        ("The Senior Officials agreed as follows:", "The Senior Officials agreed as follows"),
        ("The Senior Officials took the following decisions:",
         "The Senior Officials took the following decisions"),
        ("The EMG Senior Officials:", "The EMG Senior Officials"),
        ("The Senior Segment decided to:", "The Senior Segment decided to"),
        ("The SOM agreed:", "The SOM agreed"),
    ],
)  # fmt: skip
def test_actor_variants(text: str, actor: str) -> None:
    m = p.ACTOR.match(text)
    assert m is not None and m["actor"] == actor


@pytest.mark.parametrize(
    "text", ["Senior Officials:", "The EMG Secretariat:", "The Senior Officials wished:"]
)
def test_actor_rejects(text: str) -> None:
    assert p.ACTOR.match(text) is None


@pytest.mark.parametrize(
    ("text", "actor", "rest"),
    [
        ("The Senior Officials agreed to x", "The Senior Officials", "agreed to x"),
        ("The EMG Senior Officials took note", "The EMG Senior Officials", "took note"),
        ("The EMG agreed to x", "The EMG", "agreed to x"),
        ("The meeting adopted the agenda", "The meeting", "adopted the agenda"),
        ("The participants welcomed it", "The participants", "welcomed it"),
        ("The Senior Segment endorsed it", "The Senior Segment", "endorsed it"),
        ("The Technical Segment noted it", "The Technical Segment", "noted it"),
        ("The Environment Management Group agreed", "The Environment Management Group",
         "agreed"),
        ("In this regard, the Senior Officials agreed to x", "the Senior Officials",
         "agreed to x"),
        ("The Senior Officials, having considered the note, decided to x",
         "The Senior Officials", "decided to x"),
        # the body is followed by whatever follows it: the caller looks for its verb there
        ("The EMG Secretariat introduced it", "The EMG", "Secretariat introduced it"),
    ],
)  # fmt: skip
def test_body_subject(text: str, actor: str, rest: str) -> None:
    m = p.BODY_SUBJECT.match(text)
    assert m is not None and (m["actor"], m["rest"]) == (actor, rest)


@pytest.mark.parametrize(
    "text", ["Several members stressed the need", "Members have proposed a group",
             "UNEP briefed the meeting", "The Chair opened the meeting"]
)  # fmt: skip
def test_body_subject_rejects(text: str) -> None:
    assert p.BODY_SUBJECT.match(text) is None


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("IV. Task Team", "IV", "Task Team"),
        ("A. Follow-up to the Conference", "A", "Follow-up to the Conference"),
        ("B) Drylands", "B", "Drylands"),
        ("3. Land degradation", "3.", "Land degradation"),
        ("3) Land degradation", "3)", "Land degradation"),
        ("2.1 Biodiversity", "2.1", "Biodiversity"),
        ("2.1. Biodiversity", "2.1.", "Biodiversity"),
        ("Agenda item 3: Biodiversity", "3", "Biodiversity"),
        ("Item 3 – Nexus Dialogues", "3", "Nexus Dialogues"),
        ("AGENDA ITEM 4. NEXUS", "4", "NEXUS"),
        ("Agenda Item 2 — Land", "2", "Land"),
        ("Item 5\tOther business", "5", "Other business"),
    ],
)
def test_heading(text: str, number: str, title: str) -> None:
    m = p.HEADING.match(text)
    assert m is not None
    assert (m["number"] or m["arabic"] or m["item_number"], m["title"]) == (number, title)


@pytest.mark.parametrize(
    "text", ["3.15 pm", "12 October 2020", "1.1 take note", "Item 3 of the provisional agenda",
             "Agenda item 3", "iv. Raise", "2020 Annual report", "3.Title"]
)  # fmt: skip
def test_heading_rejects(text: str) -> None:
    assert p.HEADING.match(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("IV.", True), ("A.", True), ("B)", True), ("3.", True), ("2.1", True), ("2.1.", True),
     ("Agenda item 3:", True), ("Item 3 –", True), ("Agenda item 3", False), ("3", False),
     ("A. Title", False), ("Annex", False)],
)  # fmt: skip
def test_heading_number(text: str, expected: bool) -> None:
    assert bool(p.HEADING_NUMBER.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Annex", True), ("Annex I", True), ("ANNEX II – List of participants", True),
     ("Annex 1: Agenda", True), ("Annex: List of participants", True), ("Appendix A", True),
     ("annex iii", False), ("Annex I to the present report lists the participants", False),
     ("Annex I Agenda", False), ("Annexes", False), ("The annex", False)],
)  # fmt: skip
def test_annex(text: str, expected: bool) -> None:
    assert bool(p.ANNEX.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [("in order to: (a) present; (b) contribute", ["(a)", "(b)"]),
     ("to: a) present; b) contribute", ["a)", "b)"]), ("(ii)", []), ("paragraph 3 (a)", ["(a)"]),
     ("the (UNEP) report", [])],
)  # fmt: skip
def test_inline_label(text: str, labels: list[str]) -> None:
    assert p.INLINE_LABEL.findall(text) == labels


@pytest.mark.parametrize(
    "text", ["Summary of Action Points", "Summary of Decisions", "Action Points",
             "Outcome Document", "Decisions of the Senior Officials"]
)  # fmt: skip
def test_title(text: str) -> None:
    assert p.TITLE.match(text)


@pytest.mark.parametrize(
    ("text", "symbol"),
    [("EMGSOM.26_3a", "EMGSOM.26_3a"), ("Symbol: EMG/SOM.27/2 ", "EMG/SOM.27/2"),
     ("EMGSOM 25/3", "EMGSOM 25/3")],
)  # fmt: skip
def test_symbol(text: str, symbol: str) -> None:
    m = p.SYMBOL.search(text)
    assert m is not None and m["symbol"] == symbol


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("28th October 2020", {"day": "28", "month": "October", "year": "2020"}),
        ("28-29 October 2020", {"day": "28", "end_day": "29", "year": "2020"}),
        ("October 28, 2020", {"month2": "October", "day2": "28", "year2": "2020"}),
        ("on 2020-10-28", {"iso": "2020-10-28"}),
        ("3 Sept. 2019", {"day": "3", "month": "Sept", "year": "2019"}),
    ],
)
def test_date(text: str, groups: dict[str, str]) -> None:
    m = p.DATE.search(text)
    assert m is not None
    for key, value in groups.items():
        assert m[key] == value


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("(14:00 -15:30 GVA time) Online", "14:00 -15:30 GVA time"),
        ("9.30 a.m. - 12.30 p.m. (CET)", "9.30 a.m. - 12.30 p.m. (CET)"),
        ("from 10:00 to 12:00", "10:00 to 12:00"),
        ("(10:00 - 12:00 CEST)", "10:00 - 12:00 CEST"),
        ("(10:00-12:00 (UTC+2))", "10:00-12:00 (UTC+2)"),
    ],
)
def test_time(text: str, time: str) -> None:
    m = p.TIME.search(text)
    assert m is not None and m["time"] == time


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("26th Senior Officials Meeting of the United Nations Environment Management Group",
         "26th"),
        ("Twenty-seventh Meeting of the Senior Officials of the EMG", "Twenty-seventh"),
        ("the 25th EMG SOM", "25th"),
        ("Fortieth Senior Officials Meeting", "Fortieth"),
        ("Forty-ninth Meeting of the Senior Officials of the EMG", "Forty-ninth"),
        ("Thirty first EMG SOM", "Thirty first"),
        ("Ninth Senior Officials Meeting", "Ninth"),
    ],
)  # fmt: skip
def test_meeting_name(text: str, ordinal: str) -> None:
    m = p.MEETING_NAME.search(text)
    assert m is not None and m["ordinal"] == ordinal


@pytest.mark.parametrize(
    "text", ["Senior Segment", "Technical Segment", "High-level Segment", "High Level Segment"]
)
def test_segment(text: str) -> None:
    assert p.SEGMENT.search(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Page 2 of 4", True), ("2", True), ("- 3 -", True), ("2/4", True), ("Page 7", True),
     ("p. 3", True), ("2 of 4", True), ("(2)", True), ("[12]", True), ("Seite 2 von 3", True),
     ("2020-2030", False), ("a) Page 2", False), ("Page two", False)],
)  # fmt: skip
def test_page_number(text: str, expected: bool) -> None:
    assert bool(p.PAGE_NUMBER.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(e.g.", True), ("i.e.", True), ("etc.", True), ("the report.", False), ("Mr.", True)],
)
def test_abbreviation_end(text: str, expected: bool) -> None:
    assert bool(p.ABBREVIATION_END.search(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a)", True), ("(a)", True), ("iv.", True), ("I.", True), ("1.2.", True), ("(3)", True),
     ("•", True), ("-", True), ("1.2", True), ("Agree", False), ("a)b", False),
     ("EMGSOM.26_3a", False), ("2020", False)],
)  # fmt: skip
def test_short_label(text: str, expected: bool) -> None:
    assert bool(p.SHORT_LABEL.match(text)) is expected


@pytest.mark.parametrize(
    ("font", "bold", "italic"),
    [("ABCDEF+Calibri-BoldItalic", True, True), ("Arial,Bold", True, False),
     ("TimesNewRomanPS-ItalicMT", False, True), ("Helvetica-Oblique", False, True),
     ("LiberationSerif", False, False), ("Arial-Black", True, False)],
)  # fmt: skip
def test_font_style_names(font: str, bold: bool, italic: bool) -> None:
    assert (bool(p.BOLD_FONT.search(font)), bool(p.ITALIC_FONT.search(font))) == (bold, italic)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a", True), ("z", True), ("aa", True), ("12", True), ("99999", True), ("1.1", True),
     ("2.10.3", True), ("0", True), ("01", True),
     ("ab", False), ("A", False), ("a)", False), ("", False), ("1.", False), (".1", False),
     ("123456", False), ("1..2", False)],
)  # fmt: skip
def test_label_value(text: str, expected: bool) -> None:
    assert bool(p.LABEL_VALUE.fullmatch(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("IV.", True), ("XII)", True), ("I.", True), ("IV", False), ("iv.", False), ("A.", False)],
)
def test_section_number(text: str, expected: bool) -> None:
    assert bool(p.SECTION_NUMBER.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Page 2 of 4", True), ("page 10 of 12", True), ("Page 2", False), ("2 of 4", False)],
)
def test_page_of(text: str, expected: bool) -> None:
    assert bool(p.PAGE_OF.match(text)) is expected
