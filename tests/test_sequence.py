"""emg_parse.sequence: one rule for label and section sequences, in the parser and in validate.

The property test parses generated text documents, renders them, validates the rendered
file and checks that ``validate`` reports exactly the parser's sequencing warnings: same
code, same words, same place.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse.labels import int_to_letter, int_to_roman
from emg_parse.model import Location, OutcomeDocument
from emg_parse.validate import validate_text
from emg_parse.writers import OutputFormat, render

from .conftest import ROOT, SHA, Cli, ParseText

#: The codes whose rules live in emg_parse.sequence.
SEQUENCE_CODES = {"label", "label_sequence", "section_number", "section_order"}
HEAD = "EMGSOM.99_1\n\nSummary of Action Points\n\n"

Finding = tuple[str, str, tuple[int | None, int | None, int | None]]


def _key(where: Location) -> tuple[int | None, int | None, int | None]:
    return where.page, where.line, where.paragraph


def parser_findings(document: OutcomeDocument) -> list[Finding]:
    """The parser's sequencing warnings: code, message without its place, place."""
    return [
        (w.code, w.message.rsplit(" (", 1)[0], _key(w.where))
        for w in document.warnings
        if w.code in SEQUENCE_CODES
    ]


def _node_at(document: OutcomeDocument, path: str) -> Any:
    """The section, decision or item whose label or number ``path`` names."""
    node: Any = document
    for name, index in re.findall(r"(\w+)\[(\d+)\]", path):
        node = getattr(node, name)[int(index)]
    return node


def validator_findings(document: OutcomeDocument, fmt: OutputFormat) -> list[Finding]:
    """What ``validate`` finds in ``document`` rendered as ``fmt``, placed where the
    parser places a warning: at the source of the entry the problem is about."""
    result = validate_text(render(document, fmt), f"out.{fmt}")
    return [
        (p.code, p.message, _key(_node_at(document, p.path).source))
        for p in result.problems
        if p.code in SEQUENCE_CODES
    ]


def same_findings(document: OutcomeDocument, fmt: OutputFormat = "yaml") -> list[Finding]:
    """The parser's sequencing warnings, after checking that validate finds the same."""
    found = parser_findings(document)
    assert collections.Counter(validator_findings(document, fmt)) == collections.Counter(found)
    return found


# --------------------------------------------------------------------------- generated


def _label(kind: str, n: int, prefix: int = 1) -> str:
    if kind == "letter":
        return int_to_letter(n)
    if kind == "decimal":
        return f"{prefix}.{n}"
    return int_to_roman(n) if kind == "roman" else str(n)


@st.composite
def label_runs(draw: st.DrawFn, depth: int = 0, prefix: int = 1) -> list[str]:
    """Lines of one list: runs of labels of a kind (letters, romans, numbers; decimals at
    the top) with repeats, gaps and steps back, changes of kind and printed shape,
    lead-ins without a label, and sub-lists after lines that end with ':'."""
    kinds = ["letter", "letter", "roman", "number"] + (["decimal"] if depth == 0 else [])
    kind = draw(st.sampled_from(kinds))
    shape = draw(st.sampled_from(["{})", "({})", "{}."]))
    n = draw(st.sampled_from([1, 1, 1, 2, 3, 4, 8]))  # 8: "h", then "i" as a letter
    lines: list[str] = []
    for k in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["Agree to the following:", "Welcome it."])))
        if draw(st.integers(0, 9)) == 0:
            kind = draw(st.sampled_from(["letter", "roman", "number"]))
        if draw(st.integers(0, 9)) == 0:
            shape = draw(st.sampled_from(["{})", "({})", "{}."]))
        end = draw(st.sampled_from([";", ";", "; and", ":", "."]))
        label = _label(kind, n, prefix)
        printed = f"{label}" if kind == "decimal" else shape.format(label)
        lines.append(f"{printed} Welcome item {depth}.{k}{end}")
        if end == ":" and depth < 3 and draw(st.booleans()):
            lines += draw(label_runs(depth + 1))
        n = max(1, n + draw(st.sampled_from([1, 1, 1, 1, 1, 0, 2, -1])))
    return lines


@st.composite
def paragraphs(draw: st.DrawFn, number: int) -> tuple[list[str], int]:
    """A report's numbered paragraphs from ``number`` on (with gaps and repeats): notes,
    decisions of the deciding body named in their sentence, inline lists; and the
    number after the last."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        number = max(1, number + draw(st.sampled_from([1, 1, 1, 1, 0, 2, -1])))
        lines.append(
            f"{number}. "
            + draw(
                st.sampled_from(
                    [
                        "The meeting heard a report.",
                        "The Senior Officials agreed to extend the Task Team.",
                        "The participants welcomed the offer.",
                        "In this regard, the EMG took note of the plan.",
                        "The Senior Officials agreed to: (a) extend it; (b) rename it; "
                        "and (c) report.",
                        "The Senior Officials agreed to: (a) extend it; (c) rename it.",
                    ]
                )
            )
        )
    return lines, number


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A text document of sections numbered in a scheme (roman, arabic, agenda items; in
    order, or not; some unnumbered; some with capital-letter sub-sections), each with an
    actor line, maybe numbered notes, and lists of labelled lines -- or, without an actor
    line, a report's numbered paragraphs."""
    scheme = draw(st.sampled_from(["roman", "roman", "arabic", "item"]))
    parts = [HEAD]
    number = paragraph = 0
    for s in range(draw(st.integers(1, 4))):
        number = max(1, number + draw(st.sampled_from([1, 1, 1, 0, 2, -1])))
        unnumbered = draw(st.integers(0, 5)) == 0
        if unnumbered:  # an unnumbered section: its actor line follows at once
            parts.append(f"Other business {s}\n\n")
        elif scheme == "roman":
            parts.append(f"{int_to_roman(number, upper=True)}. Section {s}\n\n")
        elif scheme == "arabic":
            parts.append(f"{number}. Section {s}\n\n")
        else:
            parts.append(f"Agenda item {number}: Section {s}\n\n")
        for letter in range(0 if unnumbered else draw(st.sampled_from([0, 0, 1, 2]))):
            step = draw(st.sampled_from([1, 1, 1, 2]))
            parts.append(f"{int_to_letter(letter + step, upper=True)}. Part {s}.{letter}\n\n")
            if draw(st.booleans()):
                lines, paragraph = draw(paragraphs(paragraph))
                parts += [line + "\n\n" for line in lines]
        if not unnumbered and draw(st.integers(0, 3)) == 0:
            lines, paragraph = draw(paragraphs(paragraph))
            parts += [line + "\n\n" for line in lines]
            continue
        if not unnumbered and draw(st.integers(0, 4)) == 0:
            parts.append(f"{draw(st.integers(1, 9))}. The meeting heard a report.\n\n")
        parts.append("The Senior Officials:\n\n")
        parts += [line + "\n\n" for line in draw(label_runs(prefix=number))]
    return "".join(parts)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=documents(), fmt=st.sampled_from(["yaml", "json"]))
def test_validate_reports_exactly_the_parsers_warnings(
    text: str, fmt: OutputFormat, parse_text: ParseText
) -> None:
    same_findings(parse_text(text), fmt)


# --------------------------------------------------------------------------- the parser's


def _parse(parse_text: ParseText, *lines: str) -> OutcomeDocument:
    return parse_text(HEAD + "I. Title\n\nThe Senior Officials:\n\n" + "\n".join(lines) + "\n")


def _tree(items: Any) -> list[Any]:
    return [(i.label, _tree(i.items)) if i.items else i.label for i in items]


@pytest.mark.parametrize(
    ("lines", "tree", "messages"),
    [
        # a roman list under a text without ':' is the parser's guess: it says so
        (
            ["a) Welcome x;", "b) Welcome y;", "i) do this;", "ii) do that;", "c) Welcome z."],
            ["a", ("b", ["i", "ii"]), "c"],
            ["label 'i' starts a sub-list, but the text above it does not end with ':'"],
        ),
        (
            ["a) Welcome x:", "i) do this;", "ii) do that;", "b) Welcome z."],
            [("a", ["i", "ii"]), "b"],
            [],
        ),
        # "c" after "a" is the letter c, a gap: not a roman 100 under "a"
        (
            ["a) Welcome x;", "c) Welcome y;", "d) Welcome z."],
            ["a", "c", "d"],
            ["label 'c' skips after 'a' (expected 'b')"],
        ),
        (
            ["a) Welcome x;", "b) Welcome y;", "Welcome the report.", "c) Welcome z."],
            ["a", "b", None, "c"],
            [],
        ),
        (
            ["b) Welcome x;", "c) Welcome y."],
            ["b", "c"],
            ["list starts at label 'b' (expected 'a')"],
        ),
        (
            ["c) Welcome x;", "b) Welcome y."],
            ["c", "b"],
            ["list starts at label 'c' (expected 'a')"],
        ),
        (
            ["c) Welcome x;", "d) Welcome y."],
            ["c", "d"],
            ["list starts at label 'c' (expected 'a')"],
        ),
        ([f"{c}) Welcome {c};" for c in "abcdefghij"], list("abcdefghij"), []),
        (
            ["h) Welcome h:", "i) do this;", "ii) do that."],
            [("h", ["i", "ii"])],
            ["list starts at label 'h' (expected 'a')"],
        ),
        (
            ["1. Welcome x;", "2. Welcome y;", "2. Welcome z;", "4. Welcome w."],
            ["1", "2", "2", "4"],
            ["label '2' repeats after '2' (expected '3')"],
        ),
        (
            ["a) Welcome x;", "b) Welcome y;", "iii) Welcome z."],
            ["a", ("b", ["iii"])],
            ["list starts at label 'iii' (expected 'i')"],
        ),
        (
            ["0. Welcome x;", "1. Welcome y."],
            ["0", "1"],
            ["list starts at label '0' (expected '1')"],
        ),
    ],
)
def test_parsed_lists(
    lines: list[str], tree: list[Any], messages: list[str], parse_text: ParseText
) -> None:
    document = _parse(parse_text, *lines)
    assert _tree(document.sections[0].decisions) == tree
    assert [message for _, message, _ in same_findings(document)] == messages


def test_numbered_paragraphs_run_on_across_sections(parse_text: ParseText) -> None:
    document = parse_text(
        HEAD + "I. Opening\n\nThe Senior Officials:\n\n1. Welcome x.\n\n2. Welcome y.\n\n"
        "II. Matters\n\n3. The secretariat introduced the report.\n\nThe Senior Officials:\n\n"
        "4. Welcome z.\n\n5. Welcome w.\n\nIII. More\n\nThe Senior Officials:\n\n"
        "1. Welcome v.\n\nIV. Last\n\nThe Senior Officials:\n\n7. Welcome u.\n"
    )
    assert [[d.label for d in s.decisions] for s in document.sections] == [
        ["1", "2"],
        ["4", "5"],
        ["1"],
        ["7"],
    ]
    assert [message for _, message, _ in same_findings(document)] == [
        "list starts at label '7' (expected '1' or '6')"
    ]


def test_sections_out_of_order(parse_text: ParseText) -> None:
    body = "The Senior Officials:\n\na) Welcome it.\n\n"
    text = HEAD + "".join(f"{n}. Title {n}\n\n{body}" for n in ["II", "III", "V", "V", "VI"])
    found = same_findings(parse_text(text))
    assert [(code, message) for code, message, _ in found] == [
        ("section_order", "sections start at II (expected I)"),
        ("section_order", "section V skips after III (expected IV)"),
    ]


def test_lists_nest_at_most_twenty_deep(parse_text: ParseText) -> None:
    document = _parse(parse_text, *["a) Consider the following:"] * 25)
    depth, items = 1, document.sections[0].decisions[0].items
    while items:
        items, depth = items[-1].items, depth + 1
    assert depth == 20
    assert [m for _, m, _ in same_findings(document)] == [
        "label 'a' repeats after 'a' (expected 'b')"
    ] * 5


def test_a_deeply_nested_document_parses_and_validates(tmp_path: Any, cli: Cli) -> None:
    source = tmp_path / "deep.txt"
    source.write_text(
        HEAD + "I. Title\n\nThe Senior Officials:\n\n" + "a) Consider the following:\n" * 5000
    )
    out = tmp_path / "deep.yaml"
    code, stdout, stderr = cli(str(source), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert len(stderr.splitlines()) == 5000 - 20  # one warning a line
    code, stdout, _ = cli("validate", str(out))
    assert code == 1
    assert len(stdout.splitlines()) == 5000 - 20
    assert all("label 'a' repeats after 'a' (expected 'b')" in line for line in stdout.splitlines())


# --------------------------------------------------------------------------- contract 1.1


def _validate(sections: list[dict[str, Any]]) -> list[str]:
    data = {
        "schema_version": "1.1",
        "source": {"file": "d.txt", "format": "text", "sha256": SHA},
        "sections": sections,
    }
    return [f"{p.path}: {p.message}" for p in validate_text(json.dumps(data), "d.json").problems]


def _section(number: str | None, level: int = 1, *labels: str | None, **more: Any) -> Any:
    decisions = [{"label": label, "text": "Welcome it."} for label in labels]
    return {"number": number, "level": level, "title": "T", "decisions": decisions, **more}


SECTIONS: dict[str, tuple[list[tuple[str | None, int]], list[str]]] = {
    "roman, then capital letters under each": (
        [("I", 1), ("A", 2), ("B", 2), ("II", 1), ("A", 2), ("B", 2), ("C", 2), ("III", 1)],
        [],
    ),
    "numbers and decimals under them": (
        [("1", 1), ("1.1", 2), ("1.2", 2), ("2", 1), ("2.1", 2), ("3", 1)],
        [],
    ),
    "capital letters at level 1": ([("A", 1), ("B", 1), ("C", 1), ("D", 1)], []),
    "capital letters and decimals under agenda items": (
        [("4", 1), ("A", 2), ("B", 2), ("5", 1), ("5.1", 2), ("6", 1), ("C", 2)],
        ["sections[6].number: sub-sections of 6 start at C (expected A)"],
    ),
    "agenda item numbers need only increase": ([("2", 1), ("3", 1), ("5", 1), ("9", 1)], []),
    "agenda item numbers going back": (
        [("2", 1), ("4", 1), ("3", 1), ("4", 1), ("0", 2)],
        [
            "sections[2].number: section 3 repeats after 4 (expected a number above 4)",
            "sections[4].number: sub-sections of 4 start at 0 (expected 1)",
        ],
    ),
    "agenda item numbers start at one at least": (
        [("0", 1), ("1", 1)],
        ["sections[0].number: sections start at 0 (expected 1)"],
    ),
    "H, I, J are letters": ([(c, 1) for c in "ABCDEFGHIJ"], []),
    "unnumbered sections are skipped": ([("I", 1), (None, 1), ("II", 1), (None, 2)], []),
    "level 2 starts again under each level 1": (
        [("I", 1), ("A", 2), ("B", 2), ("II", 1), ("C", 2)],
        ["sections[4].number: sub-sections of II start at C (expected A)"],
    ),
    "a gap at level 2": (
        [("I", 1), ("A", 2), ("C", 2)],
        ["sections[2].number: section C skips after A (expected B)"],
    ),
    "a decimal under the wrong number": (
        [("1", 1), ("1.1", 2), ("2", 1), ("3.1", 2)],
        ["sections[3].number: sub-sections of 2 start at 3.1 (expected 2.1)"],
    ),
    "decimals of another number": (
        [("1", 1), ("1.1", 2), ("2.2", 2)],
        ["sections[2].number: section 2.2 does not continue 1.1 (expected 1.2)"],
    ),
    "a level-1 gap is one problem, whatever stands between": (
        [("I", 1), ("A", 2), ("III", 1), ("IV", 1)],
        ["sections[2].number: section III skips after I (expected II)"],
    ),
    "kinds do not mix at one level": (
        [("I", 1), ("2", 1)],
        ["sections[1].number: section 2 does not continue I (expected II)"],
    ),
    "a trailing dot": (
        [("I", 1), ("2.", 1)],
        [
            "sections[1].number: section number '2.' is not a roman numeral, number, capital "
            "letter or decimal without a trailing dot (IV, 3, A, 2.1); write '2'"
        ],
    ),
    "brackets": (
        [("(a)", 1)],
        [
            "sections[0].number: section number '(a)' is not a roman numeral, number, capital "
            "letter or decimal without a trailing dot (IV, 3, A, 2.1); write 'A'"
        ],
    ),
    "not a number": (
        [("Part 1", 1)],
        [
            "sections[0].number: section number 'Part 1' is not a roman numeral, number, capital "
            "letter or decimal without a trailing dot (IV, 3, A, 2.1)"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(SECTIONS))
def test_section_numbers_of_contract_1_1(case: str) -> None:
    numbers, expected = SECTIONS[case]
    assert _validate([_section(number, level) for number, level in numbers]) == expected


def test_decision_numbers_run_across_sections_and_notes() -> None:
    sections = [
        _section("I", 1, notes=["1. The meeting was opened by the Chair.", "2. Noted."]),
        _section("II", 1),
        _section("A", 2, "4", "5", notes=["3. The secretariat introduced the report."]),
        _section("B", 2, "7", "8", notes=["6. The co-convenors reported."]),
        _section("III", 1, "10", notes=["9. Several members stressed.", "11. Closed."]),
        _section("IV", 1, "1", "2"),  # or start again
        _section("V", 1, "12", "14"),
    ]
    assert _validate(sections) == [
        "sections[6].decisions[1].label: label '14' skips after '12' (expected '13')"
    ]


def test_a_decision_list_that_neither_starts_nor_runs_on() -> None:
    assert _validate([_section("I", 1, "1", "2"), _section("II", 1, "5")]) == [
        "sections[1].decisions[0].label: list starts at label '5' (expected '1' or '3')"
    ]


def test_decimal_decision_labels() -> None:
    assert _validate([_section("1", 1, "1.1", "1.2", "1.3"), _section("2", 1, "2.1", "2.3")]) == [
        "sections[1].decisions[1].label: label '2.3' skips after '2.1' (expected '2.2')"
    ]


def test_decimal_decisions_skip_the_decimals_of_notes() -> None:
    sections = [
        _section("1", 1, "1.2", "1.4", notes=["1.1 The Task Team reported.", "1.3 Noted."]),
        _section("2", 1, "2.1", "2.3", notes=["2.2 Noted."]),
        _section("3", 1, "3.2"),
    ]
    assert _validate(sections) == [
        "sections[2].decisions[0].label: list starts at label '3.2' (expected '3.1')"
    ]


@pytest.mark.parametrize(
    "reference", sorted((ROOT / "tests" / "reference").glob("*.yaml")), ids=lambda p: p.stem
)
def test_hand_checked_references_follow_the_rules(reference: Path) -> None:
    """The hand-checked outputs of contract 1.1 (agenda item numbers, level-2 sections,
    paragraph numbers across sections, notes) have no sequencing problem."""
    expected = yaml.safe_load(reference.read_text(encoding="utf-8"))

    def entries(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "label": n.get("label"),
                "text": n.get("text", "x"),
                "items": entries(n.get("items", [])),
            }
            for n in nodes
        ]

    sections = [
        {
            "number": s.get("number"),
            "level": s.get("level", 1),
            "title": s.get("title", "T"),
            "notes": s.get("notes", []),
            "decisions": entries(s.get("decisions", [])),
        }
        for s in expected["sections"]
    ]
    problems = _validate(sections)
    assert [p for p in problems if p.split(": ", 1)[0].endswith(("label", "number"))] == []
