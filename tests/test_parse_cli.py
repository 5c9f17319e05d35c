"""``emg-parse FILE`` for a new user: warnings on stderr, -q, -v, --strict, and
validate agreeing with the parser on what it wrote."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import emg_parse
from emg_parse.cli import EXIT_CODES, main
from emg_parse.errors import StrictWarningsError
from emg_parse.validate import CODES

from .conftest import SAMPLES, Cli
from .pdfgen import Page, write_pdf

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


# --------------------------------------------------------------------------- output names


@pytest.mark.parametrize("name", ["out.csv", "out.txt", "out.json.bak"])
def test_output_extension_that_is_no_format_is_a_usage_error(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    code, stdout, stderr = cli(str(TXT), "-o", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines()[0] == "Usage: emg-parse [OPTIONS] FILE..."
    assert stderr.splitlines()[-1] == (
        f"Error: -o {out}: {out.suffix!r} is not an output format; name the file "
        ".json, .yaml, .yml (or give --format json|yaml)"
    )
    assert not out.exists()


def test_format_option_allows_any_output_name(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert cli(str(TXT), "-o", str(out), "--format", "yaml")[0] == 0
    assert out.read_text(encoding="utf-8").startswith("schema_version: ")


@pytest.mark.parametrize(
    "sample",
    ["EMGSOM.26_3a.txt", "EMGSOM.26_3a_autonum.pdf", "EMGSOM.26_3a_autonum.docx"],
)
def test_stdin_is_read_by_content(cli: Cli, sample: str) -> None:
    path = SAMPLES / sample
    code, stdout, stderr = cli("-", stdin=path.read_bytes())
    assert (code, stderr) == (0, "")
    from_stdin = json.loads(stdout)
    from_file = json.loads(cli(str(path))[1])
    assert from_stdin["source"]["file"] == "<stdin>"
    from_stdin["source"]["file"] = path.name
    assert from_stdin == from_file  # no misnamed_file warning either


def test_stdin_errors_name_stdin(cli: Cli) -> None:
    code, _, stderr = cli("-", stdin=b"hello\n")
    assert (code, stderr.split(":")[:2]) == (8, ["Error", " <stdin>"])
    code, _, stderr = cli("-", "--max-size", "0.001", stdin=b"a" * 2000)
    assert code == 7
    assert stderr.startswith("Error: <stdin>: too large (over the limit of 0.001 MB)")
    code, _, stderr = cli("-", stdin=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert code == 4 and stderr.startswith("Error: <stdin>: an old binary Word .doc")
    code, _, stderr = cli("-", stdin=b"")
    assert code == 3 and stderr.startswith("Error: <stdin>: empty file")


def test_several_inputs_go_to_a_folder(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    pdf = SAMPLES / "EMGSOM.26_3a_autonum.pdf"
    out = tmp_path / "out"
    code, stdout, stderr = cli(str(pdf), str(gaps), "-o", f"{out}/", "-q", "-f", "yaml")
    assert (code, stdout, stderr) == (0, "", "")
    assert sorted(p.name for p in out.iterdir()) == [
        "EMGSOM.26_3a_autonum.pdf.yaml",
        "gaps.txt.yaml",
    ]
    single = cli(str(pdf), "-f", "yaml")[1]
    assert (out / "EMGSOM.26_3a_autonum.pdf.yaml").read_text(encoding="utf-8") == single


def test_several_inputs_exit_with_the_worst(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    missing = tmp_path / "nothing*.pdf"  # a glob that matched nothing
    code, _, stderr = cli(str(TXT), str(missing), str(gaps), "-o", str(out), "--strict")
    assert code == 3
    assert f"Error: {missing}: no such file" in stderr.splitlines()
    assert f"Error: {gaps}: 2 warnings and --strict (the output was written)" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["EMGSOM.26_3a.txt.json", "gaps.txt.json"]
    code, _, stderr = cli(str(TXT), str(gaps), "-o", str(out), "--strict")
    assert code == 11


def test_several_inputs_need_a_folder(cli: Cli, gaps: Path, tmp_path: Path) -> None:
    code, stdout, stderr = cli(str(TXT), str(gaps))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines()[-1] == (
        "Error: 2 files given: write them to a folder with -o DIR/ (each to DIR/NAME.json), "
        "or convert a whole folder with 'emg-parse batch'"
    )
    other = tmp_path / "x" / gaps.name
    other.parent.mkdir()
    other.write_text(GAPS, encoding="utf-8")
    code, _, stderr = cli(str(gaps), str(other), "-o", f"{tmp_path}/o/")
    assert code == 2 and "would both be written to gaps.txt.json" in stderr
    code, _, stderr = cli(str(TXT), str(gaps), "-o", str(tmp_path / "new.json"))
    assert code == 2 and "with several files, -o names a folder" in stderr
    assert not (tmp_path / "new.json").exists() and not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("valdate", "validate"), ("exprot", "export"), ("bach", "batch"), ("hepl", "help")],
)
def test_mistyped_command_is_suggested(
    cli: Cli, typed: str, meant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = cli(typed, "x.yaml")
    assert (code, stdout) == (2, "")
    assert stderr.splitlines()[-1] == (
        f"Error: no such file or command '{typed}'; did you mean '{meant}'?"
    )
    Path(typed).write_text(GAPS, encoding="utf-8")  # an existing file is parsed
    assert cli(typed, "-q")[0] == 0


def test_help_command_and_no_arguments_show_the_help(cli: Cli) -> None:
    code, stdout, _ = cli("help")
    assert code == 0 and stdout.startswith("Usage: emg-parse [parse] FILE... [OPTIONS]")
    assert cli()[:2] == (0, stdout)
    code, stdout, _ = cli("help", "validate")
    assert code == 0 and stdout.startswith("Usage: emg-parse validate [OPTIONS] FILE...")


def test_usage_errors_name_the_command_as_typed(cli: Cli) -> None:
    code, _, stderr = cli(str(TXT), "--no-such-option")
    assert code == 2
    assert stderr.splitlines()[:2] == [
        "Usage: emg-parse [OPTIONS] FILE...",
        "Try 'emg-parse --help' for help.",
    ]
    stderr = cli("parse", str(TXT), "--no-such-option")[2]
    assert stderr.splitlines()[0] == "Usage: emg-parse parse [OPTIONS] FILE..."


# --------------------------------------------------------------------------- passwords


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    page = Page()
    for n, text in enumerate(["I. Task Team", "The Senior Officials:", "a) Welcome the report."]):
        page.text_top(72, 100 + 20 * n, text)
    return write_pdf(tmp_path / "locked.pdf", [page], user_password="secret")


def _invoke(args: list[str], **kwargs: Any) -> Result:
    result = CliRunner().invoke(main, args, **kwargs)
    assert "Traceback" not in result.output
    return result


def test_password_alone_asks_for_it(locked: Path) -> None:
    result = _invoke([str(locked), "--password"], input="secret\n")
    assert result.exit_code == 0
    # (a terminal shows the prompt through getpass; the test runner puts it on stdout)
    prompt, output = result.stdout.split("\n", 1)
    assert prompt == "Password: "
    assert json.loads(output)["sections"][0]["title"] == "Task Team"
    assert "secret" not in result.output  # not echoed


def test_password_that_cannot_be_read_is_a_usage_error(locked: Path) -> None:
    result = _invoke([str(locked), "--password"], input="")
    assert (result.exit_code, result.stdout.strip()) == (2, "Password:")
    assert result.stderr.splitlines()[-1] == (
        "Error: --password: no password was typed (no terminal, or the input ended); "
        "give it in EMG_PARSE_PASSWORD"
    )


def test_password_from_the_environment(locked: Path) -> None:
    result = _invoke([str(locked)], env={"EMG_PARSE_PASSWORD": "secret"})
    assert result.exit_code == 0 and json.loads(result.stdout)["source"]["format"] == "pdf"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_wrong_password_has_its_own_message(locked: Path, engine: str) -> None:
    result = _invoke([str(locked), "--password", "nope", "--engine", engine])
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == f"Error: {locked}: wrong password for this encrypted PDF\n"
    result = _invoke([str(locked), "--engine", engine], env={"EMG_PARSE_PASSWORD": "nope"})
    assert result.stderr == f"Error: {locked}: wrong password for this encrypted PDF\n"
    result = _invoke([str(locked), "--engine", engine])
    assert result.exit_code == 5 and "give its password" in result.stderr


def test_library_reports_a_wrong_password(locked: Path) -> None:
    from emg_parse.errors import EncryptedError
    from emg_parse.extractors import ReadOptions
    from emg_parse.pipeline import ParseOptions, parse_file

    with pytest.raises(EncryptedError, match="wrong password"):
        parse_file(locked, ParseOptions(ReadOptions(password="nope")))


# --------------------------------------------------------------------------- same bytes


def test_yaml_is_the_same_from_any_install_and_folder(tmp_path: Path) -> None:
    """Nothing of the machine (install path, working folder) gets into the output."""
    package = Path(emg_parse.__file__).parent
    outputs: list[bytes] = []
    for install in ("one/site-packages", "two/lib/python/site"):
        site = tmp_path / install
        shutil.copytree(package, site / "emg_parse", ignore=shutil.ignore_patterns("__pycache__"))
        work = tmp_path / f"work-{len(outputs)}"
        work.mkdir()
        shutil.copy(SAMPLES / "EMGSOM.26_3a_autonum.docx", work / "doc.docx")
        result = subprocess.run(
            [sys.executable, "-m", "emg_parse", "doc.docx", "-o", "doc.yaml"],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(site)},
            capture_output=True,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, b"")
        outputs.append((work / "doc.yaml").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"schema_version: ")
    assert str(tmp_path).encode() not in outputs[0]


def test_schema_comment_only_when_asked(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    assert cli(str(TXT), "-o", str(out), "--schema-comment", "./outcome.schema.json")[0] == 0
    first, rest = out.read_text(encoding="utf-8").split("\n", 1)
    assert first == "# yaml-language-server: $schema=./outcome.schema.json"
    assert rest == cli(str(TXT), "-f", "yaml")[1]
    assert cli("validate", str(out))[0] == 0
    code, _, stderr = cli(str(TXT), "--schema-comment", "./outcome.schema.json")
    assert code == 2 and stderr.endswith(
        "Error: --schema-comment is for YAML output (-o NAME.yaml or -f yaml)\n"
    )
    code, _, stderr = cli(str(TXT), "-f", "yaml", "--schema-comment", "a\nb")
    assert code == 2 and "not a schema address for a one-line comment: 'a\\\\nb'" in stderr


def test_a_password_that_is_not_text_is_a_usage_error(locked: Path) -> None:
    password = os.fsdecode(b"\xff")
    given = {"--password": ([str(locked), "--password", password], None)}
    given["EMG_PARSE_PASSWORD"] = ([str(locked)], {"EMG_PARSE_PASSWORD": password})
    for args, env in given.values():
        result = _invoke(args, env=env)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            "Error: Invalid value for '--password': is not UTF-8 text"
        )


def test_password_alone_is_not_read_from_a_document_on_stdin(locked: Path) -> None:
    result = _invoke(["-", "--password"], input=locked.read_bytes())
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --password: standard input holds the document, so the password cannot be "
        "asked for; give it in EMG_PARSE_PASSWORD"
    )
    result = _invoke(["-"], input=locked.read_bytes(), env={"EMG_PARSE_PASSWORD": "secret"})
    assert result.exit_code == 0 and json.loads(result.stdout)["source"]["file"] == "<stdin>"
