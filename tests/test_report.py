"""The report's data (``emg_parse.report.prepare``) and page (``render``) of the sample
archive, of a PDF archive, of a folder without a manifest, and of hostile text."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from emg_parse.archive import open_archive
from emg_parse.model import Deadline
from emg_parse.register import archive_register
from emg_parse.report import Report, due, prepare, render, report_html

from .conftest import SAMPLES
from .converted import invoke

#: A decision text that would run a script if it were not escaped.
HOSTILE = "</script><img src=x onerror=alert(1)>"


@pytest.fixture
def report(converted: Path) -> Report:
    return prepare(open_archive(converted), converted)


def manifest_rows(converted: Path) -> dict[str, dict[str, object]]:
    data = json.loads((converted / "manifest.json").read_text(encoding="utf-8"))
    return {row["output"]: row for row in data["documents"]}


def target(base: Path, href: str) -> Path:
    """The file a link of the page leads to."""
    return (base / unquote(href.split("#")[0])).resolve()


def test_meetings_in_order_with_their_documents_and_counts(report: Report, converted: Path) -> None:
    labels = [m.label for m in report.meetings]
    assert labels == [f"SOM{n}" for n in (*range(15, 27), 28, 29)]
    rows = manifest_rows(converted)
    archive = Path(json.loads((converted / "manifest.json").read_text())["archive"])
    for meeting in report.meetings:
        files = [target(converted, link.href) for link in meeting.documents]
        assert all(file.is_file() for file in files)
        outputs = [str(file.relative_to(archive)) + ".json" for file in files]
        counted = sum(int(str(rows[output]["decisions"])) for output in outputs)
        assert meeting.decisions + meeting.proposed == counted
    som24 = report.meetings[labels.index("SOM24")]
    assert [link.text for link in som24.documents] == [
        "layouts/SOM24_summary.docx",
        "layouts/SOM24_table.docx",
    ]
    assert (som24.decisions, som24.proposed) == (9, 8)  # the table proposes its points
    som26 = report.meetings[labels.index("SOM26")]
    assert (som26.date, som26.venue) == (dt.date(2020, 10, 28), "Online")


def test_the_timeline_has_the_registers_bodies_and_events(report: Report, converted: Path) -> None:
    register = archive_register(open_archive(converted))
    assert [row.body.name for row in report.timeline] == [b.name for b in register.bodies]
    labels = [m.label for m in report.meetings]
    anchors = {row.anchor: row for row in report.decisions}
    for row in report.timeline:
        assert [mark.event for mark in row.marks] == row.body.events
        for mark in row.marks:
            assert labels[mark.column] == f"SOM{mark.event.meeting}"
            assert mark.anchor is not None
            assert anchors[mark.anchor].id == mark.event.decision
    land = report.timeline[0]
    assert land.body.name == "Issue Management Group on Land and Ecosystem Restoration"
    assert land.span == (labels.index("SOM15"), labels.index("SOM20"))


def test_decisions_link_to_their_place_in_the_input(report: Report, converted: Path) -> None:
    archive = Path(json.loads((converted / "manifest.json").read_text())["archive"])
    row = next(r for r in report.decisions if r.id == "SOM16-I-a")
    assert target(converted, row.link.href) == archive / "layouts/SOM16_decisions.docx"
    assert re.fullmatch(r"¶ \d+", row.link.where)
    text = next(r for r in report.decisions if r.id == "SOM26-VII-c")
    assert target(converted, text.link.href) == archive / "EMGSOM.26_3a.txt"
    assert text.link.where == "line 108"
    assert text.deadlines == ("to the next meeting of the Senior Officials",)


def test_links_are_relative_to_where_the_report_is_written(converted: Path, tmp_path: Path) -> None:
    beside = tmp_path / "elsewhere" / "deeper"
    report = prepare(open_archive(converted), beside)
    for row in report.decisions:
        assert not row.link.href.startswith("/")
        assert target(beside, row.link.href).is_file()


def test_bodies_of_a_decision_go_by_the_registers_current_name(report: Report) -> None:
    renamed = next(r for r in report.decisions if r.id == "SOM17-II-6")
    assert renamed.bodies == ("Issue Management Group on Land and Ecosystem Restoration",)


def test_requests_are_grouped_by_addressee_and_sorted_by_due_date(report: Report) -> None:
    names = [name for name, _ in report.requests]
    assert names == sorted(names, key=lambda name: (name.casefold(), name))
    asked = {r.anchor for r in report.decisions if r.addressees}
    listed = {req.decision.anchor for _, group in report.requests for req in group}
    assert listed == asked
    for name, group in report.requests:
        assert all(name in request.decision.addressees for request in group)
        dues = [request.due for request in group if request.due is not None]
        assert dues == sorted(dues)
        assert group[: len(dues)] == [r for r in group if r.due is not None]
    secretariat = dict(report.requests)["EMG Secretariat"]
    # "report on progress made to the next meeting": SOM27's date is not in the archive
    som26 = next(r for r in secretariat if r.decision.id == "SOM26-VII-c")
    assert (som26.due, som26.open) == (None, False)
    # "by September 2009", made at the 15th meeting
    dated = next(r for _, g in report.requests for r in g if r.decision.id == "SOM15-2-b")
    assert (dated.due, dated.open) == ("2009-09", False)


def test_requests_are_open_when_made_at_the_last_meeting_or_due_after_it(
    report: Report,
) -> None:
    last = "2023-10-19"  # the 29th meeting
    opened = set()
    for _, group in report.requests:
        for request in group:
            later = request.due is not None and request.due >= last[: len(request.due)]
            assert request.open == (request.decision.meeting == "SOM29" or later)
            if request.open:
                opened.add((request.decision.id, request.due))
    assert ("SOM28-II.B-2", "2030") in opened  # "by 2030", made at the 28th meeting
    assert any(id.startswith("SOM29-") for id, _ in opened)


@pytest.mark.parametrize(
    ("kind", "value", "meeting", "expected"),
    [
        ("date", "2020-11", None, "2020-11"),
        ("until", "2022-09-30", None, "2022-09-30"),
        ("period", "2018/2019", None, "2019"),
        ("meeting", None, 25, "2020-01-17"),
        ("next_meeting", None, 27, None),  # not in the archive
        ("duration", "P1Y", None, "2021-10"),
        ("duration", "P18M", None, "2022-04"),
        ("duration", "P2W", None, "2020-11-11"),
    ],
)
def test_due_dates(kind: str, value: str | None, meeting: int | None, expected: str | None) -> None:
    deadline = Deadline.model_validate(
        {"text": "by then", "kind": kind, "value": value, "meeting": meeting}
    )
    dates = {25: dt.date(2020, 1, 17), 26: dt.date(2020, 10, 28)}
    assert due(deadline, dt.date(2020, 10, 28), dates) == expected


def test_the_same_folder_gives_the_same_page(converted: Path) -> None:
    first = report_html(open_archive(converted), converted)
    assert report_html(open_archive(converted), converted) == first
    assert first.startswith("<!DOCTYPE html>")


def test_the_page_loads_nothing_and_runs_only_its_own_script(converted: Path) -> None:
    page = report_html(open_archive(converted), converted)
    assert not re.search(r"\ssrc=|<link|@import|url\(|https?://", page)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style is not None and script is not None
    assert page.count("<script") == 1 and page.count("<style") == 1
    for source, text in (("style-src", style.group(1)), ("script-src", script.group(1))):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"{source} 'sha256-{digest}'" in html.unescape(policy.group(1))
    assert "default-src 'none'" in html.unescape(policy.group(1))


def test_a_pdf_decision_links_to_its_page(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copyfile(SAMPLES / "EMGSOM.26_3a_autonum.pdf", archive / "doc.pdf")
    converted = tmp_path / "converted"
    assert invoke("batch", str(archive), "-o", str(converted), "-j", "1")[0] == 0
    report = prepare(open_archive(converted), tmp_path)
    pages = {row.link.href for row in report.decisions}
    assert pages >= {"archive/doc.pdf#page=1", "archive/doc.pdf#page=2"}
    assert {row.link.where for row in report.decisions} >= {"p. 1", "p. 2"}
    assert report.meetings[0].documents[0].href == "archive/doc.pdf"


def hostile_folder(converted: Path, folder: Path) -> Path:
    """A folder without a manifest: the 26th meeting's output, with hostile text in every
    field the page shows, under a hostile file name."""
    data = json.loads((converted / "EMGSOM.26_3a.txt.json").read_text(encoding="utf-8"))
    data["document"]["meeting"]["venue"] = HOSTILE
    section = data["sections"][0]
    section["title"] = HOSTILE
    decision = section["decisions"][0]
    decision["text"] = HOSTILE
    decision["actions"] = [HOSTILE]
    decision["addressees"] = [{"text": HOSTILE, "name": None, "kind": None, "item": None}]
    decision["deadlines"] = [{"text": HOSTILE, "kind": "date", "value": "<b>", "item": None}]
    decision["bodies"] = [{"text": HOSTILE, "name": HOSTILE, "type": "task_team", "event": None}]
    decision["items"] = [{"id": "SOM26-I-a-x", "label": "x", "text": HOSTILE}]
    folder.mkdir()
    name = folder / '<img src=x onerror=alert(2)>".json'
    name.write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_hostile_text_is_shown_as_text(converted: Path, tmp_path: Path) -> None:
    folder = hostile_folder(converted, tmp_path / "hostile")
    report = prepare(open_archive(folder), folder)
    assert report.decisions[0].text == HOSTILE
    page = render(report)
    assert "<img" not in page
    assert "onerror=alert" in page  # as text, escaped
    assert page.count("</script>") == 1
    assert html.escape(HOSTILE) in page
    # a folder without a manifest: the link goes to the converted file
    assert report.decisions[0].link.href == "%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E%22.json"
