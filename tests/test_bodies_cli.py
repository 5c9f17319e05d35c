"""``emg-parse bodies``: the register of the sample archive, its formats and its errors.

The expected register is read from the printed documents (``samples/sources/``, the
26th meeting's ``samples/EMGSOM.26_3a.txt``; the story in ``tests/reference/README.md``),
not from a run: the event each sentence records, at the meeting of its document, with
the decision's id by the ids rule (meeting, section as printed, label or ``p<n>``).
The 15th and 18th meetings' documents are progress reports with recommended actions
and the 24th meeting's table is a table of proposed action points
(``document.status: proposed`` in ``tests/reference/``): their events are proposals.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .converted import invoke

IMG = "Issue Management Group on"
CP = "Consultative Process on"
TT = "Task Team on"

#: body -> (status, other names, events: (meeting, event, proposed, decision id)).
EXPECTED: dict[str, tuple[str, list[str], list[tuple[int, str, bool, str]]]] = {
    f"{IMG} Land and Ecosystem Restoration": (
        "concluded",
        [f"{IMG} Drylands and Land Restoration"],
        [
            # "Agree in principle to establish an IMG on Drylands ..."
            (15, "established", True, "SOM15-1-b"),
            # "establish an Issue Management Group on Drylands ..."
            (16, "established", False, "SOM16-I-a"),
            (
                16,
                "terms_of_reference",
                False,
                "SOM16-I-b",
            ),  # "adopt the terms of reference of the IMG"
            # "agreed to extend the mandate of the IMG for another year"
            (17, "extended", False, "SOM17-II-6"),
            # "Agree to renew the mandate of the IMG until the end of 2013"
            (18, "extended", True, "SOM18-B-b"),
            # "agreed to rename the IMG on Drylands ... as the IMG on Land ..."
            (19, "renamed", False, "SOM19-II.B-7"),
            # "conclude the IMG on Land and Ecosystem Restoration"
            (20, "concluded", False, "SOM20-2-a"),
        ],
    ),
    f"{IMG} Environmental Sustainability Management": (
        "active",
        [],
        [
            (26, "extended", False, "SOM26-VI-p1"),  # "Decide to extend the IMG on ESM to:"
        ],
    ),
    f"{IMG} Green Economy": (
        "concluded",
        [],
        [
            (18, "established", True, "SOM18-A-b"),  # "Agree to establish an IMG on Green Economy"
            # "took note of the final report ... agreed to conclude its work"
            (21, "concluded", False, "SOM21-2-4"),
        ],
    ),
    f"{CP} Biodiversity": (
        "concluded",
        [],
        [
            # "Agree to launch a Consultative Process on Biodiversity"
            (18, "established", True, "SOM18-A-c"),
            # "agreed to continue the consultative process on biodiversity"
            (19, "extended", False, "SOM19-II.A-4"),
            # "Renew the Consultative Process on Biodiversity for two years"
            (22, "extended", False, "SOM22-3-3.1"),
            # "Decide to extend the Consultative Process on Biodiversity"
            (26, "extended", False, "SOM26-I-b"),
            # "Agree to extend the CP on Biodiversity until the end of 2023"
            (28, "extended", False, "SOM28-I.A-2"),
            # "agree to conclude the Consultative Process on Biodiversity"
            (29, "concluded", False, "SOM29-3-p1"),
        ],
    ),
    f"{TT} Sustainable Procurement Data": (
        "concluded",
        [],
        [
            # "establish a Task Team on Sustainable Procurement Data"
            (20, "established", False, "SOM20-3-a"),
            # "Agree to extend the Task Team ... until the end of 2017"
            (22, "extended", False, "SOM22-1-1.2"),
            # "Decide to transfer the work of the Task Team ..."
            (23, "transferred", False, "SOM23-I.B-a"),
            # "Decide to conclude the Task Team ... at the end of 2017"
            (23, "concluded", False, "SOM23-I.B-b"),
        ],
    ),
    "EMG Nexus Dialogues": (
        "active",
        [],
        [
            # "agreed to launch a series of Nexus Dialogues in 2016"
            (21, "established", False, "SOM21-3-8"),
            (25, "extended", False, "SOM25-II-a"),  # "Agree to continue the Nexus Dialogue series"
            # "Agree to launch a new series of EMG Nexus Dialogues"
            (29, "established", False, "SOM29-2-p1"),
        ],
    ),
    f"{TT} Marine Litter and Microplastics": (
        "concluded",
        [],
        [
            # "Agree to the creation of a Task Team on Marine Litter ..."
            (23, "established", False, "SOM23-I.A-a"),
            # "Agree to extend the Task Team for another year" (summary;
            (24, "extended", False, "SOM24-II-b"),
            # the table's proposed "Extend the Task Team ..." is the same event of the same meeting)
            # "Agree to extend the Task Team on Marine Litter ..."
            (26, "extended", False, "SOM26-IV-p1"),
            # "Decide to conclude the Task Team and to transfer its ..."
            (28, "concluded", False, "SOM28-I.B-2"),
        ],
    ),
    "UN E-waste Coalition": (
        "transferred",
        [],
        [
            (24, "established", False, "SOM24-I-b"),  # "Agree to establish a UN E-waste Coalition"
            # "Decide to transfer the coordination of the E-waste Coalition"
            (26, "transferred", False, "SOM26-II-b"),
        ],
    ),
    "UN Coalition on Combating Sand and Dust Storms": (
        "concluded",
        [],
        [
            # "Decide to conclude the EMG's engagement in the Coalition"
            (26, "concluded", False, "SOM26-III-c"),
        ],
    ),
    f"{CP} Advancing Environmental and Social Sustainability in the United Nations System": (
        "active",
        [],
        [
            # "Agree to establish a Consultative Process on ..."
            (25, "established", False, "SOM25-IV-p1"),
            # "Agree to extend the Consultative Process for another year"
            (26, "extended", False, "SOM26-V-p1"),
        ],
    ),
    # "Continue liaising with the Task Team on Common Premises"
    f"{TT} Common Premises": ("unknown", [], []),
    "Environmental Management Peer Reviews": ("unknown", [], []),  # "the EMG Peer Reviews"
    f"{IMG} the Right to a Clean, Healthy and Sustainable Environment": (
        "active",
        [f"{IMG} Human Rights and the Environment"],
        [
            # "Agree to establish an IMG on Human Rights ..."
            (26, "established", False, "SOM26-X-a"),
            # "Agree to extend the IMG on Human Rights ... for another year"
            (28, "extended", False, "SOM28-I.C-2"),
            # "Agree to rename the IMG on Human Rights ... as the IMG on the Right ..."
            (29, "renamed", False, "SOM29-1-p1"),
        ],
    ),
    f"{CP} Sustainable Infrastructure": (
        "transferred",
        [],
        [
            # "Agree to establish a Consultative Process on Sustainable ..."
            (26, "established", False, "SOM26-XI-a"),
            # "Decide to transfer the work of the Consultative Process ..."
            (28, "transferred", False, "SOM28-I.E-1"),
        ],
    ),
    f"{CP} COVID-19 and the Environment": (
        "concluded",
        [],
        [
            # "Agree to establish a consultative process on COVID-19 ..."
            (26, "established", False, "SOM26-XII-a"),
            # "Take note of the final report ... and agree to conclude the process"
            (28, "concluded", False, "SOM28-I.D-1"),
        ],
    ),
}

#: The meetings' first days, as printed in the headers.
DATES = {
    15: "2009-02-26",
    16: "2009-09-24",
    17: "2010-09-22",
    18: "2012-09-13",
    19: "2013-09-19",
    20: "2014-09-25",
    21: "2015-10-08",
    22: "2016-09-22",
    23: "2017-09-14",
    24: "2018-09-26",
    25: "2020-01-17",
    26: "2020-10-28",
    28: "2022-10-12",
    29: "2023-10-19",
}


def register_json(*args: str) -> list[dict[str, object]]:
    code, out, err = invoke("bodies", *args, "--format", "json")
    assert (code, err) == (0, "")
    data: list[dict[str, object]] = json.loads(out)
    return data


def test_the_register_of_the_sample_archive(converted: Path) -> None:
    bodies = register_json(str(converted))
    found = {
        body["name"]: (
            body["status"],
            [n["name"] for n in body["names"] if n["kind"] == "former"],  # type: ignore[attr-defined]
            [(e["meeting"], e["event"], e["proposed"], e["decision"]) for e in body["events"]],  # type: ignore[attr-defined]
        )
        for body in bodies
    }
    assert found == EXPECTED
    for body in bodies:
        for event in body["events"]:  # type: ignore[attr-defined]
            assert event["date"] == DATES[event["meeting"]]


def test_bodies_come_in_the_order_of_their_first_mention(converted: Path) -> None:
    names = [body["name"] for body in register_json(str(converted))]
    assert names[:3] == [
        f"{IMG} Land and Ecosystem Restoration",  # SOM15 1.(b)
        f"{IMG} Environmental Sustainability Management",  # SOM15 2.(b)
        f"{IMG} Green Economy",  # SOM18 A.(b)
    ]
    assert names[-1] == f"{CP} COVID-19 and the Environment"  # SOM26 XII


def test_renamed_body_keeps_both_names_and_its_dates(converted: Path) -> None:
    body = next(b for b in register_json(str(converted)) if "Land and Ecosystem" in str(b["name"]))
    assert (body["established"], body["ended"]) == (16, 20)
    assert (body["first_meeting"], body["last_meeting"]) == (15, 20)
    assert body["note"] is None
    renamed = [e for e in body["events"] if e["event"] == "renamed"]  # type: ignore[attr-defined]
    assert renamed[0]["new_name"] == f"{IMG} Land and Ecosystem Restoration"
    assert renamed[0]["document"] == "layouts/SOM19_report.docx.json"


def test_bodies_never_established_are_listed_with_a_note(converted: Path) -> None:
    notes = {b["name"]: b["note"] for b in register_json(str(converted))}
    assert notes[f"{CP} Biodiversity"] == (
        "not established in the archive (establishment proposed at SOM18); first acted on at "
        "SOM19 (extended)"
    )
    assert notes[f"{IMG} Environmental Sustainability Management"] == (
        "not established in the archive; first acted on at SOM26 (extended)"
    )
    assert notes[f"{TT} Common Premises"] == (
        "not established in the archive; only mentioned, at SOM26"
    )
    assert notes[f"{TT} Marine Litter and Microplastics"] is None


def test_bundled_aliases_are_listed_as_other_names(converted: Path) -> None:
    body = next(b for b in register_json(str(converted)) if b["name"] == "UN E-waste Coalition")
    names = {n["name"]: n["kind"] for n in body["names"]}  # type: ignore[attr-defined]
    assert names["UN E-waste Coalition"] == "current"
    assert names["E-waste Coalition"] == "alias"
    assert names["UN Coalition on E-waste"] == "alias"


def test_table_format_on_a_terminal_is_the_default(converted: Path) -> None:
    code, out, err = invoke("bodies", str(converted))
    assert (code, err) == (0, "")
    block = out.split("\n\n")[0].splitlines()
    assert block[0] == f"{IMG} Land and Ecosystem Restoration"
    assert block[1] == "  issue_management_group; concluded (SOM20)"
    assert block[2] == f"  formerly: {IMG} Drylands and Land Restoration"
    assert block[3].split() == ["meeting", "date", "decision", "event"]
    assert block[4].split() == ["SOM15", "2009-02-26", "SOM15-1-b", "established", "(proposed)"]
    assert block[9].split()[:4] == ["SOM19", "2013-09-19", "SOM19-II.B-7", "renamed:"]
    assert block[9].endswith(f"renamed: {IMG} Land and Ecosystem Restoration")
    assert out.endswith("\n\n15 bodies\n")
    assert "note: not established in the archive; only mentioned, at SOM26" in out


def test_csv_format_has_one_row_per_event(converted: Path) -> None:
    code, out, err = invoke("bodies", str(converted), "-f", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(max(1, len(events)) for _, _, events in EXPECTED.values())
    first = rows[0]
    assert first["body"] == f"{IMG} Land and Ecosystem Restoration"
    assert first["other_names"] == f"{IMG} Drylands and Land Restoration"
    assert (first["meeting"], first["date"], first["decision"]) == ("15", "2009-02-26", "SOM15-1-b")
    assert (first["event"], first["proposed"]) == ("established", "true")
    assert first["document"] == "layouts/SOM15_progress.docx.json"
    premises = [row for row in rows if row["body"] == f"{TT} Common Premises"]
    assert len(premises) == 1 and premises[0]["event"] == "" and premises[0]["status"] == "unknown"


def test_a_folder_without_manifest_gives_the_same_register(converted_copy: Path) -> None:
    with_manifest = register_json(str(converted_copy))
    (converted_copy / "manifest.json").unlink()
    (converted_copy / "manifest.csv").unlink()
    assert register_json(str(converted_copy)) == with_manifest


def test_a_user_alias_file_joins_two_names(converted: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "Task Team on Common Premises:\n- Task Team on Shared Premises\n"
        "Environmental Management Peer Reviews:\n- EMG Peer Review Series\n",
        encoding="utf-8",
    )
    bodies = {b["name"]: b for b in register_json(str(converted), "--aliases", str(aliases))}
    names = {n["name"]: n["kind"] for n in bodies[f"{TT} Common Premises"]["names"]}  # type: ignore[attr-defined]
    assert names == {f"{TT} Common Premises": "current", f"{TT} Shared Premises": "alias"}
    reviews = bodies["Environmental Management Peer Reviews"]["names"]
    assert {"name": "EMG Peer Review Series", "kind": "alias"} in reviews  # type: ignore[operator]
    assert len(bodies) == len(EXPECTED)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Task Team on X: [Issue Management Group on Y]\n",
            "'Issue Management Group on Y' is not of the type of 'Task Team on X'",
        ),
        ("Task Team on X:\n- SDS Coalition\n", "'SDS Coalition' is a name of both"),
        ("- a list\n", "expected a mapping of body names"),
        ("Task Team on X: [a\n", "line 2:"),
    ],
)
def test_a_bad_alias_file_is_one_line_and_exit_2(
    converted: Path, tmp_path: Path, content: str, message: str
) -> None:
    aliases = tmp_path / "bad.yaml"
    aliases.write_text(content, encoding="utf-8")
    code, out, err = invoke("bodies", str(converted), "--aliases", str(aliases))
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {aliases}: ") and message in err
    assert err.count("\n") == 1


def test_a_missing_alias_file_is_a_usage_error(converted: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no.yaml"
    code, out, err = invoke("bodies", str(converted), "--aliases", str(missing))
    assert (code, out, err) == (2, "", f"Error: {missing}: no such file\n")


def test_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    code, out, err = invoke("bodies", str(tmp_path / "nowhere"))
    assert (code, out, err) == (2, "", f"Error: {tmp_path / 'nowhere'}: no such folder\n")


def test_a_file_for_a_folder_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    code, out, err = invoke("bodies", str(tmp_path / "file.json"))
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {tmp_path / 'file.json'}: is not a folder")


def test_an_empty_folder_is_exit_3(tmp_path: Path) -> None:
    code, out, err = invoke("bodies", str(tmp_path))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: {tmp_path}: holds no emg-parse output")
    assert err.count("\n") == 1


def test_an_unreadable_output_is_reported_and_the_rest_listed(converted_copy: Path) -> None:
    output = converted_copy / "layouts/SOM20_decisions.docx.json"
    output.unlink()
    output.mkdir()  # listed in the manifest, but a folder: cannot be read
    code, out, err = invoke("bodies", str(converted_copy), "-f", "json")
    assert code == 1
    assert err == f"Error: {output}: is a folder; give the files in it, e.g. 'DIR/*.yaml'\n"
    names = {body["name"] for body in json.loads(out)}
    assert f"{TT} Sustainable Procurement Data" in names  # established at SOM20, also at 21-23


def test_no_valid_document_is_exit_3_after_the_reports(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    code, out, err = invoke("bodies", str(tmp_path))
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"Error: {tmp_path / 'a.json'}: does not match the emg-parse models")
    assert lines[1] == f"Error: {tmp_path}: no document could be read"
