"""``emg-parse FILE`` for a new user: warnings on stderr, -q, -v, --strict, and
validate agreeing with the parser on what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emg_parse.cli import EXIT_CODES
from emg_parse.errors import StrictWarningsError
from emg_parse.validate import CODES

from .conftest import SAMPLES, Cli

TXT = SAMPLES / "EMGSOM.26_3a.txt"

#: A document with a label gap (a, b, d) and a section out of order (I, III).
GAPS = """\
I. Task Team

The Senior Officials:

a) Welcome the report.

b) Agree to it.

d) Request the Secretariat to act.

III. Other matters

The Senior Officials:

a) Note the report.
"""


@pytest.fixture
def gaps(tmp_path: Path) -> Path:
    path = tmp_path / "gaps.txt"
    path.write_text(GAPS, encoding="utf-8")
    return path


def test_warnings_are_printed_on_stderr_one_a_line(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, stdout, stderr = cli(str(gaps), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert stderr.splitlines() == [
        f"{gaps}:9: warning[label_sequence]: label 'd' skips after 'b' (expected 'c')",
        f"{gaps}:11: warning[section_order]: section III skips after I (expected II)",
    ]
    assert len(json.loads(out.read_text(encoding="utf-8"))["warnings"]) == 2


def test_a_document_without_warnings_prints_nothing(cli: Cli) -> None:
    code, stdout, stderr = cli(str(TXT))
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["warnings"] == []


def test_quiet_silences_warnings_but_not_errors(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    assert cli(str(gaps), "-q", "-o", str(tmp_path / "o.json"))[::2] == (0, "")
    code, _, stderr = cli(str(tmp_path / "missing.txt"), "--quiet")
    assert (code, stderr) == (3, f"Error: {tmp_path / 'missing.txt'}: no such file\n")


def test_verbose_adds_a_summary_line(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    code, _, stderr = cli(str(gaps), "-v", "-q", "-o", str(tmp_path / "o.json"))
    assert code == 0
    (line,) = stderr.splitlines()
    assert line.startswith(f"{gaps}: 2 sections, 4 decisions, 0 items, 2 warnings, ")
    assert line.endswith(" s (text)")
    pdf = SAMPLES / "EMGSOM.26_3a_autonum.pdf"
    stderr = cli(str(pdf), "--verbose", "-o", str(tmp_path / "p.json"))[2]
    assert stderr.startswith(f"{pdf}: 12 sections, ") and stderr.endswith(" s (pdf, pdfium)\n")


def test_strict_exits_with_its_own_code_and_still_writes(
    cli: Cli, gaps: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.yaml"
    code, _, stderr = cli(str(gaps), "--strict", "-o", str(out))
    assert code == StrictWarningsError.exit_code == 11
    assert code in EXIT_CODES
    assert (
        stderr.splitlines()[-1]
        == f"Error: {gaps}: 2 warnings and --strict (the output was written)"
    )
    assert "warnings:\n- code: label_sequence" in out.read_text(encoding="utf-8")
    assert cli(str(TXT), "--strict", "-o", str(tmp_path / "clean.json"))[0] == 0


def _label_gaps() -> list[str]:
    """Generated documents with label gaps, repeats, wrong starts and sections out of order."""
    texts = [GAPS]
    for labels in (["a", "c"], ["b", "c"], ["a", "a"], ["i", "ii", "iv"], ["1", "2", "2", "3"]):
        body = "\n\n".join(f"{label}) Request the Secretariat to act." for label in labels)
        texts.append(f"I. One\n\nThe Senior Officials:\n\n{body}\n")
    texts.append(
        "A. One\n\nThe Senior Officials:\n\na) Note it.\n\n"
        "C. Three\n\nThe Senior Officials:\n\na) Note it.\n\n"
        "B. Two\n\nThe Senior Officials:\n\na) Note it.\n"
    )
    texts.append(
        "I. One\n\nThe Senior Officials:\n\na) Agree to:\n\ni) act;\n\niii) report.\n\n"
        "b) Note it.\n"
    )
    return texts


def _outputs(tmp_path: Path, cli: Cli) -> list[tuple[Path, dict[str, object]]]:
    inputs = sorted(SAMPLES.glob("EMGSOM.*"))
    for n, text in enumerate(_label_gaps()):
        path = tmp_path / f"gaps{n}.txt"
        path.write_text(text, encoding="utf-8")
        inputs.append(path)
    outputs = []
    for n, path in enumerate(inputs):
        out = tmp_path / f"out{n}.yaml"
        assert cli(str(path), "-q", "-o", str(out))[0] == 0
        outputs.append((out, json.loads(cli(str(path), "-q")[1])))
    return outputs


def test_validate_reports_what_the_parser_warned(cli: Cli, tmp_path: Path) -> None:
    """A file written without warnings validates clean; with warnings of the rules that
    validate shares with the parser, it reports the same findings."""
    warned = 0
    for out, data in _outputs(tmp_path, cli):
        code, stdout, _ = cli("validate", "--format", "json", str(out))
        problems = sorted((p["code"], p["message"]) for p in json.loads(stdout))
        warnings = data["warnings"]
        assert isinstance(warnings, list)
        expected = sorted(
            (w["code"], w["message"].rsplit(" (", 1)[0]) for w in warnings if w["code"] in CODES
        )
        assert problems == expected, out
        assert code == (1 if expected else 0)
        warned += bool(expected)
    assert warned == len(_label_gaps())
