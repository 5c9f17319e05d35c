"""Examples for every pattern in emg_parse.patterns."""

from __future__ import annotations

import pytest

from emg_parse import patterns as p


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a) Consider", "a"),
        ("(a) Consider", "a"),
        ("a. Consider", "a"),
        ("(iv) Raise", "iv"),
        ("iv. Raise", "iv"),
        ("12. Text", "12"),
        ("aa) Text", "aa"),
        ("b)\tDecide", "b"),
        ("(i)\tFinalise", "i"),
        ("c)", "c"),
        ("1.1 Take note", "1.1"),
        ("1.2. Agree", "1.2"),
        ("2.10.3 Text", "2.10.3"),
        ("1.2", "1.2"),
    ],
)
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
        (
            "The Senior Officials took the following decisions:",
            "The Senior Officials took the following decisions",
        ),
        ("The EMG Senior Officials:", "The EMG Senior Officials"),
        ("The Senior Segment decided to:", "The Senior Segment decided to"),
        ("The SOM agreed:", "The SOM agreed"),
    ],
)
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
        ("The Environment Management Group agreed", "The Environment Management Group", "agreed"),
        ("In this regard, the Senior Officials agreed to x", "the Senior Officials", "agreed to x"),
        (
            "The Senior Officials, having considered the note, decided to x",
            "The Senior Officials",
            "decided to x",
        ),
        # the body is followed by whatever follows it: the caller looks for its verb there
        ("The EMG Secretariat introduced it", "The EMG", "Secretariat introduced it"),
    ],
)
def test_body_subject(text: str, actor: str, rest: str) -> None:
    m = p.BODY_SUBJECT.match(text)
    assert m is not None and (m["actor"], m["rest"]) == (actor, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Several members stressed the need",
        "Members have proposed a group",
        "UNEP briefed the meeting",
        "The Chair opened the meeting",
    ],
)
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
        ("Session 1: Circular economy", "1", "Circular economy"),
    ],
)
def test_heading(text: str, number: str, title: str) -> None:
    m = p.HEADING.match(text)
    assert m is not None
    assert (m["number"] or m["arabic"] or m["item_number"], m["title"]) == (number, title)


@pytest.mark.parametrize(
    "text",
    [
        "3.15 pm",
        "12 October 2020",
        "1.1 take note",
        "Item 3 of the provisional agenda",
        "Agenda item 3",
        "iv. Raise",
        "2020 Annual report",
        "3.Title",
    ],
)
def test_heading_rejects(text: str) -> None:
    assert p.HEADING.match(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IV.", True),
        ("A.", True),
        ("B)", True),
        ("3.", True),
        ("2.1", True),
        ("2.1.", True),
        ("Agenda item 3:", True),
        ("Item 3 –", True),
        ("Agenda item 3", False),
        ("3", False),
        ("A. Title", False),
        ("Annex", False),
    ],
)
def test_heading_number(text: str, expected: bool) -> None:
    assert bool(p.HEADING_NUMBER.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Annex", True),
        ("Annex I", True),
        ("ANNEX II – List of participants", True),
        ("Annex 1: Agenda", True),
        ("Annex: List of participants", True),
        ("Appendix A", True),
        ("annex iii", False),
        ("Annex I to the present report lists the participants", False),
        ("Annex I Agenda", False),
        ("Annexes", False),
        ("The annex", False),
    ],
)
def test_annex(text: str, expected: bool) -> None:
    assert bool(p.ANNEX.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("in order to: (a) present; (b) contribute", ["(a)", "(b)"]),
        ("to: a) present; b) contribute", ["a)", "b)"]),
        ("(ii)", []),
        ("paragraph 3 (a)", ["(a)"]),
        ("the (UNEP) report", []),
    ],
)
def test_inline_label(text: str, labels: list[str]) -> None:
    assert p.INLINE_LABEL.findall(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Summary of Action Points",
        "Summary of Decisions",
        "Action Points",
        "Outcome Document",
        "Decisions of the Senior Officials",
        "Approved Action Points",
        "Table of Proposed Action Points",
        "Summary of decisions",
        "Final report",
        "Report of the meeting",
        "Progress Report and Recommended Actions",
        "SUMMARY OF ACTION POINTS",
        "Summary Record",
    ],
)
def test_title(text: str) -> None:
    assert p.TITLE.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "report",
        "decisions",
        "Report of the nineteenth meeting of the Senior Officials",
        "Summary of the discussion",
        "Reporting lines",
    ],
)
def test_title_rejects(text: str) -> None:
    assert p.TITLE.match(text) is None


@pytest.mark.parametrize(
    ("text", "symbol", "meeting"),
    [
        ("EMGSOM.26_3a", "EMGSOM.26_3a", "26"),
        ("Symbol: EMG/SOM.27/2 ", "EMG/SOM.27/2", "27"),
        ("EMGSOM 25/3", "EMGSOM 25/3", "25"),
        ("EMG/SOM.19/04", "EMG/SOM.19/04", "19"),
        ("EMG/SOM.15/01rev2", "EMG/SOM.15/01rev2", "15"),
        ("UNEP/EMG/SOM.13/3", "UNEP/EMG/SOM.13/3", "13"),
        ("EMGSOM23 - 3a", "EMGSOM23 - 3a", "23"),
        ("EMGSOM.24(b) – 3 UNITED NATIONS", "EMGSOM.24(b) – 3", "24"),
        ("EMGS0M.24", "EMGS0M.24", "24"),
        ("EMG SOM 25/3", "EMG SOM 25/3", "25"),
        ("(EMGSOM.27/INF.2)", "EMGSOM.27/INF.2", "27"),
        ("EMG/SOM.21/7/Rev.1", "EMG/SOM.21/7/Rev.1", "21"),
        ("EMGSOM.26_3a - Summary", "EMGSOM.26_3a", "26"),
        ("EMG/SOM.19/04 Distribution: EMG Members", "EMG/SOM.19/04", "19"),
    ],
)
def test_symbol(text: str, symbol: str, meeting: str) -> None:
    m = p.SYMBOL.search(text)
    assert m is not None and (m["symbol"], m["meeting"]) == (symbol, meeting)


@pytest.mark.parametrize(
    "text", ["EMG SOM 25", "the 25th EMG SOM", "UNEMGSOM.25", "EMGSOMA.3", "EMG/SOM", "SOM25"]
)
def test_symbol_rejects(text: str) -> None:
    assert p.SYMBOL.search(text) is None


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("EMGSOM.27/INF.2", True),
        ("EMGSOM23 - INF.4", True),
        ("EMG/SOM.17/INF1", True),
        ("EMG/SOM.19/04", False),
        ("EMGSOM.26_3a", False),
        ("EMG/SOM.12/Info", False),
    ],
)
def test_information_symbol(symbol: str, expected: bool) -> None:
    assert bool(p.INFORMATION_SYMBOL.search(symbol)) is expected


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("28th October 2020", {"day": "28", "month": "October", "year": "2020"}),
        ("28-29 October 2020", {"day": "28", "end_day": "29", "year": "2020"}),
        ("October 28, 2020", {"month2": "October", "day2": "28", "year2": "2020"}),
        ("on 2020-10-28", {"iso": "2020-10-28"}),
        ("3 Sept. 2019", {"day": "3", "month": "Sept", "year": "2019"}),
        ("28 th October 2020", {"day": "28", "month": "October", "year": "2020"}),
        ("25 September, 2014", {"day": "25", "month": "September", "year": "2014"}),
        ("Wednesday, 26 September 2018", {"day": "26", "year": "2018"}),
        ("12–13 October 2022", {"day": "12", "end_day": "13", "month": "October"}),
        ("7 & 8 September 2021", {"day": "7", "end_day": "8"}),
        (
            "30 September – 1 October 2019",
            {"day": "30", "from_month": "September", "end_day": "1", "month": "October"},
        ),
        ("30 December 2019 - 2 January 2020", {"from_year": "2019", "year": "2020"}),
        (
            "September 30 - October 1, 2019",
            {"month2": "September", "day2": "30", "end_month2": "October", "end_day2": "1"},
        ),
        ("17/01/2020", {"nday": "17", "nmonth": "01", "nyear": "2020"}),
        ("17.01.2020", {"nday": "17", "nmonth": "01", "nyear": "2020"}),
    ],
)
def test_date(text: str, groups: dict[str, str]) -> None:
    m = p.DATE.search(text)
    assert m is not None
    for key, value in groups.items():
        assert m[key] == value


@pytest.mark.parametrize(
    "text",
    [
        "26 September",
        "September 2018",
        "decision 26/11",
        "17/01/20",
        "2020",
        "EMG/SOM.17/01/2020",
        "1.12.2020.3",
    ],
)
def test_date_rejects(text: str) -> None:
    assert p.DATE.search(text) is None


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("(14:00 -15:30 GVA time) Online", "14:00 -15:30 GVA time"),
        ("9.30 a.m. - 12.30 p.m. (CET)", "9.30 a.m. - 12.30 p.m. (CET)"),
        ("from 10:00 to 12:00", "10:00 to 12:00"),
        ("(10:00 - 12:00 CEST)", "10:00 - 12:00 CEST"),
        ("(10:00-12:00 (UTC+2))", "10:00-12:00 (UTC+2)"),
        ("9:00 a.m. – 12:30 p.m.", "9:00 a.m. – 12:30 p.m."),
        ("Nairobi, 26 February 2009 3.15 pm", "3.15 pm"),
        ("10:00 – 13:00 New York", "10:00 – 13:00"),
        ("15:00 – 17:30 New York time", "15:00 – 17:30 New York time"),
        ("14:00 – 15:30 (Geneva time)", "14:00 – 15:30 (Geneva time)"),
        ("at 15:00", "15:00"),
        ("10 a.m. to 1 p.m.", "10 a.m. to 1 p.m."),
        ("14h00-15h30", "14h00-15h30"),
        ("10.00 to 12.30 UNEP Offices, Gigiri, Nairobi", "10.00 to 12.30"),
        ("14:00 EAT", "14:00 EAT"),
        ("10:00 UTC+2", "10:00 UTC+2"),
    ],
)
def test_time(text: str, time: str) -> None:
    m = p.TIME.search(text)
    assert m is not None and m["time"] == time


@pytest.mark.parametrize(
    "text", ["paragraph 3.15", "10 amendments", "1.1 - 1.3", "EMGSOM.26_3a", "in 2020", "15.00"]
)
def test_time_rejects(text: str) -> None:
    assert p.TIME.search(text) is None


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        (
            "26th Senior Officials Meeting of the United Nations Environment Management Group",
            "26th",
        ),
        ("Twenty-seventh Meeting of the Senior Officials of the EMG", "Twenty-seventh"),
        ("the 25th EMG SOM", "25th"),
        ("Fortieth Senior Officials Meeting", "Fortieth"),
        ("Forty-ninth Meeting of the Senior Officials of the EMG", "Forty-ninth"),
        ("Thirty first EMG SOM", "Thirty first"),
        ("Ninth Senior Officials Meeting", "Ninth"),
        ("Twenty-eighth meeting of the Senior Officials", "Twenty-eighth"),
        ("Report of the nineteenth meeting of the Senior Officials of the EMG", "nineteenth"),
        ("15 th Meeting of the Senior Officials of the Environment Management Group", "15 th"),
        ("24th Meeting of the Senior Officials of the EMG (SOM 24)", "24th"),
        ("Thirty-ninth meeting of the EMG Senior Officials", "Thirty-ninth"),
        ("The 11th Senior Officials' Meeting", "11th"),
        (
            "Twenty-Sixth Meeting of the Environment Management Group Senior Officials",
            "Twenty-Sixth",
        ),
        ("Ninth meeting of the Environment Management Group", "Ninth"),
    ],
)
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
    [
        ("Page 2 of 4", True),
        ("2", True),
        ("- 3 -", True),
        ("2/4", True),
        ("Page 7", True),
        ("p. 3", True),
        ("2 of 4", True),
        ("(2)", True),
        ("[12]", True),
        ("Seite 2 von 3", True),
        ("2020-2030", False),
        ("a) Page 2", False),
        ("Page two", False),
    ],
)
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
    [
        ("a)", True),
        ("(a)", True),
        ("iv.", True),
        ("I.", True),
        ("1.2.", True),
        ("(3)", True),
        ("•", True),
        ("-", True),
        ("1.2", True),
        ("Agree", False),
        ("a)b", False),
        ("EMGSOM.26_3a", False),
        ("2020", False),
    ],
)
def test_short_label(text: str, expected: bool) -> None:
    assert bool(p.SHORT_LABEL.match(text)) is expected


@pytest.mark.parametrize(
    ("font", "bold", "italic"),
    [
        ("ABCDEF+Calibri-BoldItalic", True, True),
        ("Arial,Bold", True, False),
        ("TimesNewRomanPS-ItalicMT", False, True),
        ("Helvetica-Oblique", False, True),
        ("LiberationSerif", False, False),
        ("Arial-Black", True, False),
    ],
)
def test_font_style_names(font: str, bold: bool, italic: bool) -> None:
    assert (bool(p.BOLD_FONT.search(font)), bool(p.ITALIC_FONT.search(font))) == (bold, italic)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", True),
        ("z", True),
        ("aa", True),
        ("12", True),
        ("99999", True),
        ("1.1", True),
        ("2.10.3", True),
        ("0", True),
        ("01", True),
        ("ab", False),
        ("A", False),
        ("a)", False),
        ("", False),
        ("1.", False),
        (".1", False),
        ("123456", False),
        ("1..2", False),
    ],
)
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


@pytest.mark.parametrize(
    "text",
    [
        "since the fourteenth meeting of its Senior Officials",
        "to the thirtieth meeting",
        "the 2015th Senior Officials Meeting",
        "Senior Officials Meeting",
    ],
)
def test_meeting_name_rejects(text: str) -> None:
    m = p.MEETING_NAME.search(text)
    assert m is None or m["ordinal"] != "015th"


# --------------------------------------------------------------------------- header and genre


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("SOM25 – Senior Segment", "25"),
        ("(SOM 24)", "24"),
        ("EMG SOM-25", "25"),
        ("the virtual session of SOM25", "25"),
    ],
)
def test_som_number(text: str, number: str) -> None:
    m = p.SOM_NUMBER.search(text)
    assert m is not None and m["number"] == number


@pytest.mark.parametrize("text", ["EMGSOM25", "SOM 25/3", "SOMALIA 25", "SOM", "SOM 2020"])
def test_som_number_rejects(text: str) -> None:
    assert p.SOM_NUMBER.search(text) is None


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("Report of the nineteenth meeting of the Senior Officials", "Report"),
        ("Summary of decisions: Senior Segment", "Summary of decisions"),
        ("Action points from the 27th meeting", "Action points"),
        ("Progress Report and Recommended Actions", "Progress Report and Recommended Actions"),
        ("Table of Proposed Action Points", "Table of Proposed Action Points"),
        ("Outcome document (Senior Segment)", "Outcome document"),
        ("Final report", "Final report"),
        ("Chair's summary", "Chair's summary"),
        ("Minutes of the meeting", "Minutes"),
        ("Summary of the discussion", "Summary"),
        ("Final Summary of Action Points", "Final Summary of Action Points"),
        ("Draft Table of Proposed Action Points", "Draft Table of Proposed Action Points"),
        ("SUMMARY OF ACTION POINTS", "SUMMARY OF ACTION POINTS"),
    ],
)
def test_genre(text: str, genre: str) -> None:
    m = p.GENRE.match(text)
    assert m is not None and m["genre"] == genre


@pytest.mark.parametrize(
    "text",
    [
        "Reporting lines",
        "report of the meeting",
        "The report of the meeting",
        "Actionable points",
        "Summary table",
        "Decisionsmaking",
        "Report card",
    ],
)
def test_genre_rejects(text: str) -> None:
    assert p.GENRE.match(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As approved by the Senior Officials", True),
        ("As approved by the Technical Segment of the 26th EMG Senior Officials Meeting", True),
        ("Adopted by silence procedure on 2 May 2014", True),
        ("As agreed at the meeting", True),
        ("This summary was approved by the Senior Officials.", True),
        ("The present action points have been adopted by the Senior Officials", True),
        ("To be approved by the Senior Officials", False),
        ("The work plan, as approved by the Senior Officials, guides it.", False),
        ("Agreed to extend the Task Team", False),
        ("The meeting adopted the agenda", False),
    ],
)
def test_approval(text: str, expected: bool) -> None:
    assert bool(p.APPROVAL.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "approved", "proposed"),
    [
        ("Approved Action Points", True, False),
        ("Decisions adopted at SOM 24", True, False),
        ("Table of Proposed Action Points", False, True),
        ("Progress Report and Recommended Actions", False, True),
        ("Summary of Action Points", False, False),
        ("Final report", False, False),
    ],
)
def test_status_words_of_titles(text: str, approved: bool, proposed: bool) -> None:
    assert bool(p.APPROVED_TITLE.search(text)) is approved
    assert bool(p.PROPOSED_TITLE.search(text)) is proposed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prepared by the EMG Secretariat for the consideration of the Senior Officials", True),
        ("For approval by the SOM", True),
        ("for the decision of the meeting", True),
        ("Prepared by the EMG Secretariat", False),
        ("for the consideration of Member States", False),
    ],
)
def test_proposal(text: str, expected: bool) -> None:
    assert bool(p.PROPOSAL.search(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Senior Officials may wish to:", True),
        ("The EMG Senior Officials are invited to consider", True),
        ("The meeting is invited to adopt the report.", True),
        ("It is recommended that the Senior Officials endorse the plan", True),
        ("The Senior Officials agreed to:", False),
        ("Members may wish to share their analyses", False),
        ("a) The Senior Officials may wish to", False),
    ],
)
def test_may_wish(text: str, expected: bool) -> None:
    assert bool(p.MAY_WISH.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("was held in Nairobi on 6 February 2006", "Nairobi"),
        ("The Senior Officials met in Geneva, with online participation", "Geneva"),
        ("was held at the Palais des Nations in Geneva on 3 April 2007", "Geneva"),
        ("Meeting held in Bonn on 5 May 2006", "Bonn"),
        ("The meeting took place online", None),
    ],
)
def test_held(text: str, place: str | None) -> None:
    m = p.HELD.search(text)
    assert m is not None and m["place"] == place


@pytest.mark.parametrize(
    "text",
    [
        "to be held in Bonn on 5 October 2006",
        "the meeting will be held in Bonn",
        "The Chair welcomed the participants.",
    ],
)
def test_held_rejects(text: str) -> None:
    assert p.HELD.search(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geneva", True),
        ("New York", True),
        ("Montréal", True),
        ("Rio de Janeiro", True),
        ("Nairobi", True),
        ("Bonn", True),
        ("geneva", False),
        ("Geneva 2020", False),
        ("Note by the EMG Secretariat", False),
        ("A B C D E", False),
    ],
)
def test_place(text: str, expected: bool) -> None:
    assert bool(p.PLACE.fullmatch(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Palais des Nations", True),
        ("UN City", True),
        ("Original", True),
        ("Item", True),
        ("Senior Officials", True),
        ("Venue", True),
        ("Date", True),
        ("Geneva", False),
        ("Copenhagen", False),
    ],
)
def test_not_a_place(text: str, expected: bool) -> None:
    assert bool(p.NOT_A_PLACE.search(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday", True),
        ("Thu.", True),
        ("thursday", True),
        ("Wed", True),
        ("Wednesday, 26 September", False),
        ("Sunderland", False),
    ],
)
def test_weekday(text: str, expected: bool) -> None:
    assert bool(p.WEEKDAY.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Distribution: EMG Members", "EMG Members"),
        ("Distribution:", ""),
        ("Distribution: General\t Nairobi, ", "General"),
        ("DISTRIBUTION: Limited", "Limited"),
    ],
)
def test_distribution(text: str, value: str) -> None:
    m = p.DISTRIBUTION.search(text)
    assert m is not None and m["distribution"] == value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Environment Management Group Nairobi", "Environment Management Group"),
        (
            "United Nations Environment Management Group (EMG)",
            "United Nations Environment Management Group (EMG)",
        ),
    ],
)
def test_organisation_name(text: str, name: str) -> None:
    m = p.ORGANISATION_NAME.search(text)
    assert m is not None and m.group(0) == name


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Online", "Online"),
        ("(virtual)", "virtual"),
        ("Hybrid (Geneva and online)", "Hybrid"),
        ("by videoconference", "videoconference"),
    ],
)
def test_virtual_venue(text: str, venue: str) -> None:
    m = p.VIRTUAL_VENUE.search(text)
    assert m is not None and m["venue"] == venue
