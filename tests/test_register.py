"""The register's rules (``emg_parse.register``), one by one, on constructed references."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from emg_parse.model import BodyEvent, Meeting
from emg_parse.register import Reference, Register, build_register, load_names, render

WORDS, ALIASES = load_names()
A, B, C = "Task Team on Alpha", "Task Team on Beta", "Task Team on Gamma"


def ref(
    meeting: int | None,
    name: str | None,
    event: BodyEvent | None = None,
    *,
    new_name: str | None = None,
    proposed: bool = False,
    document: str | None = None,
    decision: str = "d",
    date: dt.date | None = None,
    order: int = 0,
) -> Reference:
    return Reference(
        document or f"SOM{meeting}.json",
        proposed,
        meeting,
        date,
        decision,
        order,
        name,
        "task_team",
        event,
        new_name,
    )


def register(*found: Reference, meetings: dict[int, Meeting] | None = None) -> Register:
    return build_register(found, meetings or {}, WORDS, ALIASES)


def events(register: Register, index: int = 0) -> list[tuple[int | None, str, bool, str]]:
    body = register.bodies[index]
    return [(e.meeting, e.event, e.proposed, e.decision) for e in body.events]


def test_a_renaming_makes_one_body_of_both_names_through_a_chain() -> None:
    reg = register(
        ref(1, A, "established"),
        ref(2, A, "renamed", new_name=B),
        ref(3, B, "extended"),
        ref(4, B, "renamed", new_name=C),
        ref(5, C),
    )
    assert len(reg.bodies) == 1
    body = reg.bodies[0]
    assert body.name == C
    assert [(n.name, n.kind) for n in body.names] == [(C, "current"), (A, "former"), (B, "former")]
    assert (body.status, body.established, body.first_meeting, body.last_meeting) == (
        "active",
        1,
        1,
        5,
    )
    assert reg.body_of(A) == reg.body_of(B) == reg.body_of("the task team on gamma") == C


def test_names_are_compared_by_key_and_aliases_are_the_listed_name() -> None:
    reg = register(
        ref(1, "Task team on alpha", "established"),
        ref(2, A, "concluded"),
        ref(3, "UN Coalition on E-waste"),
    )
    assert [b.name for b in reg.bodies] == [A, "UN E-waste Coalition"]  # normalised, one body
    assert reg.bodies[0].status == "concluded"
    kinds = {n.name: n.kind for n in reg.bodies[1].names}
    assert kinds["UN E-waste Coalition"] == "current" and kinds["E-waste Coalition"] == "alias"


def test_a_short_form_without_a_name_is_left_out() -> None:
    reg = register(ref(1, None, "extended"), ref(2, A))
    assert [b.name for b in reg.bodies] == [A] and reg.bodies[0].events == []
    assert reg.body_of(None) is None and reg.body_of(B) is None


def test_status_comes_from_the_last_event_that_is_no_proposal() -> None:
    cases: list[tuple[list[Reference], str, int | None]] = [
        ([ref(1, A, "established"), ref(2, A, "concluded"), ref(3, A, "extended")], "active", None),
        ([ref(1, A, "established"), ref(2, A, "transferred")], "transferred", 2),
        ([ref(1, A, "terms_of_reference")], "active", None),
        (
            [
                ref(1, A, "established"),
                ref(2, A, "concluded"),
                ref(3, A, "extended", proposed=True),
            ],
            "concluded",
            2,
        ),
        ([ref(1, A, "established", proposed=True)], "unknown", None),
        ([ref(1, A), ref(2, A)], "unknown", None),
    ]
    for found, status, ended in cases:
        body = register(*found).bodies[0]
        assert (body.status, body.ended) == (status, ended), found


def test_events_follow_meeting_order_not_the_order_given() -> None:
    reg = register(ref(3, A, "concluded"), ref(1, A, "established"), ref(2, A, "extended"))
    assert [e.meeting for e in reg.bodies[0].events] == [1, 2, 3]


def test_within_a_meeting_decided_documents_come_before_proposing_ones() -> None:
    reg = register(
        ref(5, A, "established", proposed=True, document="a-table.json", decision="t"),
        ref(5, A, "established", document="b-summary.json", decision="s"),
        ref(5, A, "extended", proposed=True, document="a-table.json", decision="t2"),
    )
    # the repetition of the same event in the proposing document is dropped
    assert events(reg) == [(5, "established", False, "s"), (5, "extended", True, "t2")]


def test_one_event_per_meeting_event_and_new_name() -> None:
    reg = register(
        ref(1, A, "extended", decision="x", order=0),
        ref(1, A, "extended", decision="y", order=1),
        ref(2, A, "extended", decision="z"),
    )
    assert events(reg) == [(1, "extended", False, "x"), (2, "extended", False, "z")]


def test_meetings_without_a_number_come_last_by_date() -> None:
    reg = register(
        ref(None, A, "concluded", document="late.json", date=dt.date(2030, 1, 1)),
        ref(None, A, "extended", document="undated.json"),
        ref(None, A, "extended", document="early.json", date=dt.date(2000, 1, 1)),
        ref(7, A, "established"),
    )
    assert [e.document for e in reg.bodies[0].events] == [
        "SOM7.json",
        "early.json",
        "late.json",
        "undated.json",
    ]
    assert reg.bodies[0].status == "active"  # the undated extension comes last


def test_the_date_of_an_event_is_its_meetings() -> None:
    meetings = {3: Meeting(number=3, date=dt.date(2011, 5, 4))}
    reg = register(
        ref(3, A, "established", date=None),
        ref(None, A, "extended", document="x.json", date=dt.date(2012, 1, 2)),
        meetings=meetings,
    )
    assert [e.date for e in reg.bodies[0].events] == [dt.date(2011, 5, 4), dt.date(2012, 1, 2)]


def test_the_current_name_ignores_a_proposed_renaming() -> None:
    reg = register(ref(1, A, "established"), ref(2, A, "renamed", new_name=B, proposed=True))
    assert reg.bodies[0].name == A
    reg = register(
        ref(1, A, "established"),
        ref(2, A, "renamed", new_name=B, proposed=True),
        ref(3, B, "extended"),
    )
    assert reg.bodies[0].name == B


def test_notes_of_bodies_never_established() -> None:
    def note(*found: Reference) -> str | None:
        return register(*found).bodies[0].note

    assert note(ref(1, A, "established"), ref(2, A)) is None
    assert note(ref(1, A, "established", proposed=True), ref(3, A, "extended")) == (
        "not established in the archive (establishment proposed at SOM1); first acted on at "
        "SOM3 (extended)"
    )
    assert (
        note(ref(4, A), ref(6, A)) == "not established in the archive; only mentioned, at "
        "SOM4 to SOM6"
    )
    assert note(ref(4, A, "extended", proposed=True)) == (
        "not established in the archive; only proposed, at SOM4"
    )
    assert note(ref(None, A, document="x.json")) == (
        "not established in the archive; only mentioned, at x.json"
    )


def test_csv_cells_that_look_like_formulas_are_guarded() -> None:
    reg = register(ref(1, "=Task Team on X", "established", document="-doc.json"))
    rows = list(csv.DictReader(io.StringIO(render(reg.bodies, "csv"))))
    assert rows[0]["body"] == "'=Task Team on X"
    assert rows[0]["document"] == "'-doc.json"
    assert rows[0]["meeting"] == "1" and rows[0]["proposed"] == "false"


def test_json_is_the_bodies_as_data() -> None:
    reg = register(ref(1, A, "established", date=dt.date(2001, 2, 3)))
    data = json.loads(render(reg.bodies, "json"))
    assert data == [
        {
            "name": A,
            "type": "task_team",
            "status": "active",
            "note": None,
            "established": 1,
            "ended": None,
            "first_meeting": 1,
            "last_meeting": 1,
            "references": 1,
            "names": [{"name": A, "kind": "current"}],
            "events": [
                {
                    "meeting": 1,
                    "date": "2001-02-03",
                    "document": "SOM1.json",
                    "decision": "d",
                    "event": "established",
                    "new_name": None,
                    "proposed": False,
                }
            ],
        }
    ]


def test_an_empty_register_is_a_table_of_no_bodies() -> None:
    assert render([], "table") == "0 bodies\n"
    assert render(register(ref(1, A)).bodies, "table").endswith("\n\n1 body\n")
