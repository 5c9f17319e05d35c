"""emg_parse.validate: every problem of a hand-edited file, at its exact line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse.errors import InputError
from emg_parse.model import OutcomeDocument
from emg_parse.pipeline import parse_file
from emg_parse.validate import (
    CODES,
    Problem,
    format_path,
    input_format,
    validate_bytes,
    validate_file,
    validate_text,
)
from emg_parse.writers import render

from .conftest import SAMPLES, SHA, Edits, edited


def problems(text: str, name: str) -> list[str]:
    result = validate_text(text, name)
    assert all(p.code in CODES for p in result.problems)
    return [p.one_line() for p in result.problems]


def test_the_base_documents_are_valid_and_equal(yaml_doc: str, json_doc: str) -> None:
    from_yaml = validate_text(yaml_doc, "doc.yaml")
    from_json = validate_text(json_doc, "doc.json")
    assert from_yaml.problems == from_json.problems == []
    assert from_yaml.valid and from_yaml.document is not None
    assert from_yaml.document == from_json.document


YAML_CASES: dict[str, tuple[Edits, list[str]]] = {
    "unknown field (at the key) and missing field (at the mapping)": (
        [("  title: Biodiversity\n", "  titel: Biodiversity\n")],
        [
            "doc.yaml:14:3: sections[0].title: required field 'title' is missing",
            "doc.yaml:15:3: sections[0].titel: unknown field 'titel' (did you mean 'title'?)",
        ],
    ),
    "unknown field without a close match lists the fields": (
        [("  pages: null\n", "  pages: null\n  author: me\n")],
        [
            "doc.yaml:8:3: source.author: unknown field 'author'; the fields here are: file, "
            "format, sha256, pages"
        ],
    ),
    "missing field": (
        [("  file: doc.txt\n", "")],
        ["doc.yaml:4:3: source.file: required field 'file' is missing"],
    ),
    "wrong type": (
        [("    text: Consider the report;", "    text: 42")],
        [
            "doc.yaml:18:11: sections[0].decisions[0].text: expected a string, got a number (42); "
            "YAML reads the unquoted 42 as a number: write it in quotes, '42'"
        ],
    ),
    "yes is a boolean": (
        [("  symbol: EMGSOM.26_3a", "  symbol: yes")],
        [
            "doc.yaml:9:11: document.symbol: expected a string, got a boolean (true); "
            "YAML reads the unquoted yes as a boolean: write it in quotes, 'yes'"
        ],
    ),
    "14:00 is a base-60 number": (
        [("    time: 14:00 -15:30 GVA time", "    time: 14:00")],
        [
            "doc.yaml:12:11: document.meeting.time: expected a string, got a number (840); "
            "YAML reads the unquoted 14:00 as a number: write it in quotes, '14:00'"
        ],
    ),
    "an empty value is null": (
        [("    text: Consider the report;", "    text:")],
        [
            "doc.yaml:18:10: sections[0].decisions[0].text: expected a string, got null; "
            "an empty value is null in YAML: write '' for an empty one"
        ],
    ),
    "a string where a list belongs": (
        [("    actions: [consider]", "    actions: consider")],
        [
            "doc.yaml:19:14: sections[0].decisions[0].actions: expected a list, got a string "
            "('consider'); write a list, e.g. [consider]"
        ],
    ),
    "out of its set of values": (
        [("  format: text", "  format: PDF")],
        ["doc.yaml:5:11: source.format: expected 'pdf', 'docx' or 'text', got a string ('PDF')"],
    ),
    "pattern": (
        [(f"  sha256: {SHA}", "  sha256: abc")],
        [
            "doc.yaml:6:11: source.sha256: expected 64 lower-case hex digits (a SHA-256), "
            "got a string ('abc')"
        ],
    ),
    "bad ISO date": (
        [("    date: 2020-10-28", "    date: 2020-10-32")],
        [
            "doc.yaml:11:11: document.meeting.date: not a valid date: '2020-10-32' (day value is "
            "outside expected range); write dates as YYYY-MM-DD, e.g. 2020-10-28"
        ],
    ),
    "not ISO at all": (
        [("    date: 2020-10-28", "    date: 28/10/2020")],
        [
            "doc.yaml:11:11: document.meeting.date: not a valid date: '28/10/2020' (invalid "
            "character in year); write dates as YYYY-MM-DD, e.g. 2020-10-28"
        ],
    ),
    "a number is no date, though pydantic would take it": (
        [("    date: 2020-10-28", "    date: 20201028")],
        [
            "doc.yaml:11:11: document.meeting.date: expected a date, got a number (20201028); "
            "write dates as YYYY-MM-DD, e.g. 2020-10-28"
        ],
    ),
    "end before start": (
        [("    date: 2020-10-28", "    date: 2020-10-28\n    end_date: '2020-10-27'")],
        [
            "doc.yaml:12:15: document.meeting.end_date: end_date 2020-10-27 is before date "
            "2020-10-28"
        ],
    ),
    "unquoted 1.0": (
        [("schema_version: '1.0'", "schema_version: 1.0")],
        [
            "doc.yaml:2:17: schema_version: schema_version must be the string '1.0', but YAML "
            "reads the unquoted 1.0 as a number; write it in quotes: schema_version: '1.0'"
        ],
    ),
    "unsupported schema_version": (
        [("schema_version: '1.0'", "schema_version: '2.0'")],
        [
            "doc.yaml:2:17: schema_version: unsupported schema_version '2.0'; this emg-parse "
            "reads schema_version '1.0', '1.1' or '1.2'"
        ],
    ),
    "duplicate key, at the second one": (
        [("  title: Biodiversity\n", "  title: Biodiversity\n  title: Other\n")],
        [
            'doc.yaml:16:3: sections[0].title: duplicate key "title" (first at line 15); only the '
            "last one would be kept"
        ],
    ),
    "tab in indentation": (
        [("  format: text", "\tformat: text")],
        ["doc.yaml:5:1: tabs are not allowed in YAML indentation; use spaces"],
    ),
    "an unquoted ': '": (
        [("    text: Consider the report;", "    text: Note: consider the report;")],
        [
            "doc.yaml:18:15: mapping values are not allowed here; a value that contains ': ' must "
            "be put in quotes, e.g. text: 'Note: this'"
        ],
    ),
    "an unclosed quote": (
        [("    text: Consider the report;", "    text: 'Consider the report;")],
        [
            "doc.yaml:21:12: expected <block end>, but found a value (while parsing a block "
            "mapping at line 17, column 5); the quote at line 18, column 11 is not closed on its "
            "line"
        ],
    ),
    "a second document": (
        [("warnings: []\n", "warnings: []\n---\nmore: 1\n")],
        [
            "doc.yaml:32:1: a second YAML document ('---') starts here; an emg-parse file holds "
            "one document"
        ],
    ),
    "alias, reported once": (
        [("  symbol: EMGSOM.26_3a", "  symbol: &s EMGSOM.26_3a\n  title: *s")],
        [
            "doc.yaml:10:10: document.title: aliases (*name) are not supported in emg-parse "
            "files; write the value out in full"
        ],
    ),
    "python tag, reported once": (
        [("  pages: null", "  pages: !!python/name:os.system")],
        ["doc.yaml:7:10: source.pages: unsupported YAML tag !!python/name:os.system; remove it"],
    ),
    "label gap": (
        [("  - label: b\n", "  - label: c\n")],
        [
            "doc.yaml:20:12: sections[0].decisions[1].label: label 'c' skips after 'a' "
            "(expected 'b')"
        ],
    ),
    "label repeat in items": (
        [("    - label: ii\n", "    - label: i\n")],
        [
            "doc.yaml:25:14: sections[0].decisions[1].items[1].label: label 'i' repeats after 'i' "
            "(expected 'ii')"
        ],
    ),
    "label not normalised": (
        [("  - label: a\n", "  - label: (a)\n")],
        [
            "doc.yaml:17:12: sections[0].decisions[0].label: label '(a)' is not a normalised "
            "label; write 'a'"
        ],
    ),
    "section out of order": (
        [("- number: II\n", "- number: III\n")],
        ["doc.yaml:27:11: sections[1].number: section III skips after I (expected II)"],
    ),
    "section number with its dot": (
        [("- number: II\n", "- number: II.\n")],
        [
            "doc.yaml:27:11: sections[1].number: section number 'II.' is not a roman numeral, "
            "number, capital letter or decimal without a trailing dot (IV, 3, A, 2.1); write 'II'"
        ],
    ),
    "section numbers of two kinds": (
        [("- number: II\n", "- number: '2'\n")],
        ["doc.yaml:27:11: sections[1].number: section 2 does not continue I (expected II)"],
    ),
    "empty item text": (
        [("      text: extend it;", "      text: ''")],
        ["doc.yaml:24:13: sections[0].decisions[1].items[0].text: empty text"],
    ),
    "empty title": (
        [("  title: E-waste", "  title: ' '")],
        ["doc.yaml:28:10: sections[1].title: empty title"],
    ),
    "decision with neither text nor items (at the decision)": (
        [("  - text: Welcome the report.", "  - text: ''")],
        [
            "doc.yaml:30:5: sections[1].decisions[0]: decision has neither text nor items; "
            "write its text or remove it"
        ],
    ),
    "a decision with items may have no text": (
        [("    text: 'Decide to:'", "    text: ''")],
        [],
    ),
    "several problems, all reported, in file order": (
        [
            ("schema_version: '1.0'", "schema_version: 1.0"),
            ("  - label: b\n", "  - label: c\n"),
            ("  title: E-waste", "  title: ''"),
            ("  format: text", "  format: text\n  colour: red"),
        ],
        [
            "doc.yaml:2:17: schema_version: schema_version must be the string '1.0', but YAML "
            "reads the unquoted 1.0 as a number; write it in quotes: schema_version: '1.0'",
            "doc.yaml:6:3: source.colour: unknown field 'colour'; the fields here are: file, "
            "format, sha256, pages",
            "doc.yaml:21:12: sections[0].decisions[1].label: label 'c' skips after 'a' "
            "(expected 'b')",
            "doc.yaml:29:10: sections[1].title: empty title",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_yaml_problem(case: str, yaml_doc: str) -> None:
    edits, expected = YAML_CASES[case]
    assert problems(edited(yaml_doc, edits), "doc.yaml") == expected


JSON_CASES: dict[str, tuple[Edits, list[str]]] = {
    "unknown and missing field": (
        [('"title": "Biodiversity"', '"titel": "Biodiversity"')],
        [
            "doc.json:9:5: sections[0].title: required field 'title' is missing",
            "doc.json:11:7: sections[0].titel: unknown field 'titel' (did you mean 'title'?)",
        ],
    ),
    "missing field, at the object's brace": (
        [('"file": "doc.txt", ', "")],
        ["doc.json:3:13: source.file: required field 'file' is missing"],
    ),
    "wrong type": (
        [('"text": "Consider the report;"', '"text": 42')],
        ["doc.json:13:32: sections[0].decisions[0].text: expected a string, got a number (42)"],
    ),
    "bad date": (
        [('"date": "2020-10-28"', '"date": "2020-10-32"')],
        [
            "doc.json:6:25: document.meeting.date: not a valid date: '2020-10-32' (day value is "
            "outside expected range); write dates as YYYY-MM-DD, e.g. 2020-10-28"
        ],
    ),
    "schema_version as a number": (
        [('"schema_version": "1.0"', '"schema_version": 1.0')],
        [
            "doc.json:2:21: schema_version: schema_version must be the string '1.0', got a number "
            '(1.0); write it in quotes: "schema_version": "1.0"'
        ],
    ),
    "duplicate key on one line": (
        [('"title": "Biodiversity",', '"title": "Biodiversity", "title": "Other",')],
        [
            'doc.json:11:32: sections[0].title: duplicate key "title" (first at line 11, column '
            "7); only the last one would be kept"
        ],
    ),
    "label gap": (
        [('"label": "b"', '"label": "c"')],
        [
            "doc.json:15:20: sections[0].decisions[1].label: label 'c' skips after 'a' "
            "(expected 'b')"
        ],
    ),
    "section order": (
        [('"number": "II"', '"number": "III"')],
        ["doc.json:24:16: sections[1].number: section III skips after I (expected II)"],
    ),
    "empty decision": (
        [('{"text": "Welcome the report."}', '{"text": ""}')],
        [
            "doc.json:24:56: sections[1].decisions[0]: decision has neither text nor items; "
            "write its text or remove it"
        ],
    ),
    "trailing comma": (
        [('"warnings": []\n', '"warnings": [],\n')],
        ["doc.json:27:1: trailing comma before '}' is not allowed in JSON"],
    ),
    "single quotes": (
        [('"symbol": "EMGSOM.26_3a",', "'symbol': 'x',")],
        ['doc.json:5:5: JSON strings and keys use double quotes ("...")'],
    ),
    "comment": (
        [('"symbol": "EMGSOM.26_3a",', '"symbol": "EMGSOM.26_3a", // c')],
        ["doc.json:5:31: comments are not allowed in JSON"],
    ),
    "unclosed brace": (
        [('"warnings": []\n}\n', '"warnings": []\n')],
        [
            "doc.json:27:1: unexpected end of file: the '{' at line 1, column 1 is not closed "
            "with '}'"
        ],
    ),
    "Python's None": (
        [('"pages": null', '"pages": None')],
        [
            "doc.json:3:138: unexpected word 'None'; strings must be in double quotes, and true, "
            "false, null are lower-case"
        ],
    ),
    "line break in a string": (
        [('"text": "extend it;"', '"text": "extend\nit"')],
        ["doc.json:18:43: line breaks and tabs inside a JSON string must be written \\n, \\t"],
    ),
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_json_problem(case: str, json_doc: str) -> None:
    edits, expected = JSON_CASES[case]
    assert problems(edited(json_doc, edits), "doc.json") == expected


# --------------------------------------------------------------------------- labels


def _labelled(labels: list[str | None]) -> str:
    decisions = [{"label": label, "text": f"Decision {n}."} for n, label in enumerate(labels)]
    return json.dumps(
        {
            "source": {"file": "d.txt", "format": "text", "sha256": SHA},
            "sections": [{"number": "I", "title": "T", "decisions": decisions}],
        }
    )


def label_messages(labels: list[str | None]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in validate_text(_labelled(labels), "d.json").problems]


def _at(index: int, message: str) -> tuple[str, str]:
    return f"sections[0].decisions[{index}].label", message


LABEL_CASES: dict[str, tuple[list[str | None], list[tuple[str, str]]]] = {
    "letters": (list("abcdefghij"), []),
    "i after h is a letter": (list("abcdefghi"), []),
    "romans": (["i", "ii", "iii", "iv", "v"], []),
    "numbers": (["1", "2", "3"], []),
    "doubled letters after z": ([*"abcdefghijklmnopqrstuvwxyz", "aa", "bb"], []),
    "unlabelled lead-ins may restart a list": (["a", "b", None, "a", "b"], []),
    "or continue it": (["a", "b", None, "c"], []),
    "j after h skips i": (list("abcdefghj"), [_at(8, "label 'j' skips after 'h' (expected 'i')")]),
    "a gap is one problem": (
        ["a", "b", "d", "e"],
        [_at(2, "label 'd' skips after 'b' (expected 'c')")],
    ),
    "a typo is one problem": (
        ["a", "c", "c", "d"],
        [_at(1, "label 'c' skips after 'a' (expected 'b')")],
    ),
    "a repeat is one problem": (
        ["a", "b", "b", "c"],
        [_at(2, "label 'b' repeats after 'b' (expected 'c')")],
    ),
    "roman gap": (["i", "ii", "iv"], [_at(2, "label 'iv' skips after 'ii' (expected 'iii')")]),
    "wrong start": (["b", "c"], [_at(0, "list starts at label 'b' (expected 'a')")]),
    "wrong roman start": (["ii", "iii"], [_at(0, "list starts at label 'ii' (expected 'i')")]),
    "mixed kinds": (
        ["a", "b", "iii"],
        [_at(2, "label 'iii' does not continue 'b' (expected 'c')")],
    ),
    "not normalised, no follow-on problem": (
        ["a", "b.", "c"],
        [_at(1, "label 'b.' is not a normalised label; write 'b'")],
    ),
    "not normalised first label": (
        ["(a)", "b", "c"],
        [_at(0, "label '(a)' is not a normalised label; write 'a'")],
    ),
    "not a label at all": (
        ["a", "A1"],
        [
            _at(
                1,
                "label 'A1' is not a normalised label: a letter, roman numeral, "
                "number or decimal without brackets or a trailing dot, e.g. 'a', 'iv', "
                "'3', '1.1'",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(LABEL_CASES))
def test_label_sequence(case: str) -> None:
    labels, expected = LABEL_CASES[case]
    assert label_messages(labels) == expected


def test_nested_items_are_checked_at_every_depth() -> None:
    inner = [{"label": "i", "text": "x"}, {"label": "iii", "text": "y"}]
    data = {
        "source": {"file": "d.txt", "format": "text", "sha256": SHA},
        "sections": [
            {
                "title": "T",
                "decisions": [
                    {"text": "Agree:", "items": [{"label": "a", "text": "to:", "items": inner}]},
                ],
            }
        ],
    }
    result = validate_text(json.dumps(data), "d.json")
    assert [(p.path, p.code) for p in result.problems] == [
        ("sections[0].decisions[0].items[0].items[1].label", "label_sequence")
    ]


SECTION_CASES: dict[str, tuple[list[str | None], list[str]]] = {
    "in order": (["I", "II", "III", "IV"], []),
    "unnumbered sections are skipped": (["I", None, "II"], []),
    "gap": (["I", "II", "IV"], ["sections[2].number: section IV skips after II (expected III)"]),
    "typo is one problem": (
        ["I", "III", "III", "IV"],
        ["sections[1].number: section III skips after I (expected II)"],
    ),
    "wrong start": (["II", "III"], ["sections[0].number: sections start at II (expected I)"]),
    "lower case": (
        ["I", "ii"],
        [
            "sections[1].number: section number 'ii' is not a roman numeral, number, capital "
            "letter or decimal without a trailing dot (IV, 3, A, 2.1); write 'II'"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(SECTION_CASES))
def test_section_numbers(case: str) -> None:
    numbers, expected = SECTION_CASES[case]
    data = {
        "source": {"file": "d.txt", "format": "text", "sha256": SHA},
        "sections": [
            {"number": n, "title": "T", "decisions": [{"text": "Agree."}]} for n in numbers
        ],
    }
    result = validate_text(json.dumps(data), "d.json")
    assert [f"{p.path}: {p.message}" for p in result.problems] == expected


# --------------------------------------------------------------------------- round trip


ROUND_TRIP_SAMPLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))


@pytest.mark.parametrize("sample", ROUND_TRIP_SAMPLES, ids=lambda p: p.name)
def test_round_trip_parse_yaml_validate_load(sample: Path, tmp_path: Path) -> None:
    parsed = parse_file(sample)
    for fmt in ("yaml", "json"):
        out = tmp_path / f"out.{fmt}"
        out.write_text(render(parsed, fmt), encoding="utf-8")
        result = validate_file(out)
        assert result.problems == []
        assert result.document == parsed
    # A plain YAML reader gives the same model (dates come back as datetime.date).
    plain = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    assert OutcomeDocument.model_validate(plain) == parsed


def test_round_trip_with_unquoted_dates(yaml_doc: str) -> None:
    result = validate_text(yaml_doc, "doc.yaml")
    assert result.document is not None
    assert str(result.document.document.meeting.date) == "2020-10-28"


# --------------------------------------------------------------------------- schema comment


def test_yaml_names_a_schema_only_when_asked(json_doc: str) -> None:
    document = OutcomeDocument.model_validate_json(json_doc)
    assert render(document, "yaml").startswith("schema_version: ")
    first_line = render(document, "yaml", schema="./outcome.schema.json").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./outcome.schema.json"
    assert render(document, "json").startswith("{")


def test_files_with_the_old_absolute_schema_comment_are_valid(json_doc: str) -> None:
    """Files written before the comment became optional named the installed schema."""
    document = OutcomeDocument.model_validate_json(json_doc)
    old = "# yaml-language-server: $schema=file:///home/me/.venv/lib/python3.11/site-packages/"
    text = old + "emg_parse/outcome.schema.json\n" + render(document, "yaml")
    result = validate_text(text, "old.yaml")
    assert result.valid and result.document == document


# --------------------------------------------------------------------------- details


def test_path_notation() -> None:
    assert format_path(()) == ""
    assert format_path(("sections", 3, "decisions", 0, "label")) == "sections[3].decisions[0].label"
    assert format_path(("sections", 0, "my key")) == 'sections[0]["my key"]'
    assert format_path(("a.b",)) == '["a.b"]'


def test_input_format() -> None:
    assert input_format("x.json", "a: 1") == "json"
    assert input_format("x.YML", "{}") == "yaml"
    assert input_format("x.txt", '  {"a": 1}') == "json"
    assert input_format("<stdin>", "a: 1") == "yaml"


def test_problem_as_dict_and_line() -> None:
    problem = Problem("f.yaml", 3, 5, "sections[0].title", "empty_text", "empty title")
    assert problem.to_dict() == {
        "file": "f.yaml",
        "line": 3,
        "column": 5,
        "path": "sections[0].title",
        "code": "empty_text",
        "message": "empty title",
    }
    assert problem.one_line() == "f.yaml:3:5: sections[0].title: empty title"
    assert Problem("f.yaml", 1, 1, "", "syntax", "bad").one_line() == "f.yaml:1:1: bad"


def test_not_utf8_is_located() -> None:
    # Columns count characters: "é" before the bad byte is one column, not two.
    result = validate_bytes("a: 1\nb: é".encode() + b"\xe9\n", "x.yaml")
    assert [p.one_line() for p in result.problems] == [
        "x.yaml:2:5: not UTF-8 text (byte 0xe9); emg-parse writes UTF-8: save the file as UTF-8"
    ]


def test_byte_order_mark_and_crlf_are_fine(yaml_doc: str) -> None:
    data = ("\ufeff" + yaml_doc.replace("\n", "\r\n")).encode("utf-8")
    assert validate_bytes(data, "doc.yaml").problems == []
    broken = ("\ufeff" + yaml_doc.replace("  - label: b\n", "  - label: c\n")).replace("\n", "\r\n")
    assert [(p.line, p.column) for p in validate_bytes(broken.encode(), "doc.yaml").problems] == [
        (20, 12)
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "",
            "e.yaml",
            "e.yaml:1:1: empty document: expected an emg-parse document (a mapping "
            "with schema_version, source, document, sections and warnings)",
        ),
        ("# only a comment\n", "e.yaml", None),
        (
            "[1, 2]",
            "e.json",
            "e.json:1:1: expected a mapping (key: value), got a list; an "
            "emg-parse document is a mapping of schema_version, source, document, sections and "
            "warnings",
        ),
        (
            "a: \x00",
            "e.yaml",
            "e.yaml:1:4: character U+0000 is not allowed in YAML (special "
            "characters are not allowed)",
        ),
        ("[" * 5000, "e.yaml", "e.yaml:1:1: nested too deeply"),
        ("[" * 5000, "e.json", "e.json:1:202: nested more than 200 levels deep"),
        ("a: &x [*x]\n", "e.yaml", None),
    ],
)
def test_odd_inputs_give_one_located_problem(text: str, name: str, expected: str | None) -> None:
    found = problems(text, name)
    if expected is None:
        assert len(found) >= 1
    else:
        assert found[0] == expected


def test_billion_laughs_is_not_expanded() -> None:
    lines = ['a: &a ["x", "x"]'] + [
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}]" for n in range(20)
    ]
    result = validate_text("\n".join(lines), "bomb.yaml")
    assert sum(p.code == "unsupported" for p in result.problems) == 40


def test_unreadable_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_file(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a folder"):
        validate_file(tmp_path)


def test_deep_but_legal_nesting(tmp_path: Path) -> None:
    item: dict[str, object] = {"label": "a", "text": "x"}
    for _ in range(60):
        item = {"label": "a", "text": "x:", "items": [item]}
    data = {
        "source": {"file": "d.txt", "format": "text", "sha256": SHA},
        "sections": [{"title": "T", "decisions": [{"text": "Agree:", "items": [item]}]}],
    }
    assert validate_text(json.dumps(data), "d.json").problems == []
    assert validate_text(yaml.safe_dump(data), "d.yaml").problems == []


# --------------------------------------------------------------------------- never a traceback

_YAML_ALPHABET = st.sampled_from([*"ab:-[]{},'\"#&*!|>%@`?\t\n 019.", "\u00e9", "\x85"])


def _check(result_problems: list[Problem], text_lines: int) -> None:
    for problem in result_problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.line <= text_lines + 1
        assert problem.code in CODES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(_YAML_ALPHABET, max_size=60), fmt=st.sampled_from(["yaml", "json"]))
def test_random_text_never_raises(text: str, fmt: str) -> None:
    result = validate_text(text, f"r.{fmt}")
    _check(result.problems, text.count("\n") + text.count("\r") + text.count("\x85") + 1)


@settings(max_examples=300, deadline=None)
@given(
    fmt=st.sampled_from(["yaml", "json"]),
    edits=st.lists(
        st.tuples(st.integers(0, 1000), st.integers(0, 3), _YAML_ALPHABET),
        min_size=1,
        max_size=4,
    ),
)
def test_randomly_damaged_documents_never_raise(
    fmt: str, edits: list[tuple[int, int, str]], yaml_doc: str, json_doc: str
) -> None:
    text = yaml_doc if fmt == "yaml" else json_doc
    for at, cut, insert in edits:
        at = at % (len(text) + 1)
        text = text[:at] + insert + text[at + cut :]
    result = validate_text(text, f"r.{fmt}")
    _check(result.problems, text.count("\n") + 2)


_BYTES = st.lists(
    st.one_of(st.binary(max_size=4), st.text(max_size=6).map(str.encode)), max_size=12
).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(data=_BYTES)
def test_random_bytes_are_text_or_one_located_encoding_problem(data: bytes) -> None:
    """UTF-8 bytes are checked as their text; other bytes give one ``encoding`` problem,
    at the line and column (in characters) of the first byte that is not UTF-8; binary
    data (a NUL byte) and documents are no emg-parse output."""
    result = validate_bytes(data, "r.yaml")
    if b"\x00" in data or data.startswith(
        (b"%PDF-", b"PK\x03\x04", b"{\\rtf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    ):
        assert [p.code for p in result.problems] == ["not_output"]
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        assert [(p.code, p.line, p.column) for p in result.problems] == [("encoding", line, column)]
        assert result.document is None
    else:
        assert result == validate_text(text, "r.yaml")
