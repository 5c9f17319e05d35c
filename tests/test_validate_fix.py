"""``emg-parse validate``: documents given by mistake, indentation slips, folders, the
actions warning and --fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from emg_parse.pipeline import parse_file
from emg_parse.validate import CODES, WARNING_CODES, validate_text
from emg_parse.writers import render

from .conftest import SAMPLES, Cli, edited

GOLDEN_TEXT = "Consider and endorse the EMG report"


@pytest.fixture
def parsed(tmp_path: Path, cli: Cli) -> dict[str, Path]:
    """The sample parsed to YAML and to JSON, as emg-parse writes them."""
    paths = {}
    for fmt in ("yaml", "json"):
        path = tmp_path / f"out.{fmt}"
        assert cli(str(SAMPLES / "EMGSOM.26_3a.txt"), "-o", str(path))[0] == 0
        paths[fmt] = path
    return paths


@pytest.mark.parametrize(
    ("sample", "kind"),
    [
        ("EMGSOM.26_3a_typed.pdf", "a PDF"),
        ("EMGSOM.26_3a_typed.docx", "a Word document or another ZIP file"),
    ],
)
def test_a_document_is_not_an_output_and_the_message_says_how_to_convert_it(
    sample: str, kind: str, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / "my file.yaml"  # whatever its name
    shutil.copy(SAMPLES / sample, path)
    code, out, err = cli("validate", str(path))
    assert (code, err) == (1, "1 file, 1 problem\n")
    assert out == (
        f"{path}:1:1: is not an emg-parse output (JSON or YAML) but {kind}; to convert it "
        f"run 'emg-parse '{path}''\n"
    )
    assert "UTF-8" not in out
    assert "not_output" in CODES


def test_an_over_indented_key_is_blamed_on_its_line(parsed: dict[str, Path], cli: Cli) -> None:
    text = parsed["yaml"].read_text(encoding="utf-8")
    lines = text.split("\n")
    number = lines.index("  format: text") + 1
    parsed["yaml"].write_text(edited(text, [("  format: text\n", "     format: text\n")]))
    code, out, _ = cli("validate", str(parsed["yaml"]))
    assert code == 1
    assert out == (
        f"{parsed['yaml']}:{number}:6: 'format' is indented more than 'file' on line "
        f"{number - 1}: the keys of a mapping line up; indent it by 2 spaces\n"
    )


@pytest.mark.parametrize("tail", ["Points", "Points and more: here"])
def test_a_wrapped_line_is_blamed_with_a_plain_message(
    tail: str, parsed: dict[str, Path], cli: Cli
) -> None:
    text = parsed["yaml"].read_text(encoding="utf-8")
    number = text.split("\n").index("  title: Summary of Action Points") + 1
    wrapped = edited(
        text, [("  title: Summary of Action Points\n", f"  title: Summary of\n{tail}\n")]
    )
    parsed["yaml"].write_text(wrapped)
    code, out, _ = cli("validate", str(parsed["yaml"]))
    assert code == 1
    assert out == (
        f"{parsed['yaml']}:{number + 1}:1: this line is less indented than the value of "
        f"'title' on line {number} it seems to continue: indent it by more than 2 spaces, "
        f"or join it to line {number}\n"
    )
    if ": " not in tail:  # (else the value needs quotes too)
        fixed = wrapped.replace(f"\n{tail}\n", f"\n    {tail}\n")  # as the message says
        assert validate_text(fixed, "x.yaml").valid


def test_a_wrapped_value_with_a_colon_indented_keeps_the_advice_to_quote() -> None:
    text = "document:\n  title: Summary of\n    Points and more: here\n  kind: x\n"
    problem = validate_text(text, "x.yaml").problems[0]
    assert problem.line == 3 and "must be put in quotes" in problem.message


def test_other_syntax_errors_keep_their_message() -> None:
    result = validate_text("a:\n  b: c: d\n", "x.yaml")
    assert result.problems[0].line == 2
    assert "must be put in quotes" in result.problems[0].message


def test_a_folder_is_checked_recursively_without_its_manifest(
    parsed: dict[str, Path], tmp_path: Path, cli: Cli
) -> None:
    folder = tmp_path / "converted"
    (folder / "a/b").mkdir(parents=True)
    shutil.copy(parsed["yaml"], folder / "a/one.yaml")
    shutil.copy(parsed["json"], folder / "a/b/two.json")
    shutil.copy(parsed["yaml"], folder / "three.yml")
    (folder / "manifest.json").write_text('{"documents": []}')
    (folder / ".hidden.yaml").write_text("bad: [")
    (folder / "notes.txt").write_text("not checked")
    code, out, err = cli("validate", str(folder))
    assert (code, out, err) == (0, "", "3 files, no problems\n")
    (folder / "a/b/two.json").write_text("{")
    code, out, err = cli("validate", str(folder), str(parsed["yaml"]))
    assert code == 1 and out.startswith(f"{folder / 'a/b/two.json'}:1:2: ")
    assert err == "4 files, 1 problem\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = cli("validate", str(empty))
    assert code == 2
    assert err == (
        f"Error: {empty}: is a folder that holds no .json, .yaml or .yml file to check\n"
        "1 file, no problems, 1 unreadable\n"
    )


def test_actions_that_do_not_match_the_text_are_a_warning(
    parsed: dict[str, Path], cli: Cli
) -> None:
    text = parsed["yaml"].read_text(encoding="utf-8")
    lines = text.split("\n")
    number = lines.index("    - consider") + 1
    changed = edited(text, [(GOLDEN_TEXT, "Approve the EMG report")])
    parsed["yaml"].write_text(changed)
    code, out, err = cli("validate", str(parsed["yaml"]))
    assert (code, err) == (0, "1 file, no problems, 1 warning\n")
    assert out == (
        f"{parsed['yaml']}:{number}:5: sections[0].decisions[0].actions: warning: actions "
        "[consider, endorse] are not the verbs of the text, [approve]; re-derive them with "
        "'emg-parse validate --fix FILE'\n"
    )
    assert "actions" in WARNING_CODES
    code, out, _ = cli("validate", "-f", "json", str(parsed["yaml"]))
    assert code == 0 and [p["code"] for p in json.loads(out)] == ["actions"]
    # with another problem, the exit code is that of the problem
    title = "  title: Consultative Process on Biodiversity\n"
    parsed["yaml"].write_text(edited(changed, [(title, "  title: ''\n")]))
    assert cli("validate", str(parsed["yaml"]))[0] == 1


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_fix_re_derives_the_derived_fields_in_place_in_the_files_format(
    fmt: str, parsed: dict[str, Path], cli: Cli
) -> None:
    path = parsed[fmt]
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)  # JSON is YAML
    decision = data["sections"][0]["decisions"][0]
    decision["text"] = decision["text"].replace(GOLDEN_TEXT, "Approve the EMG report")
    decision["id"] = "SOM26-X-a"
    addressed = next(d for s in data["sections"] for d in s["decisions"] if d["addressees"])
    addressed["addressees"] = []
    parent = next(d for s in data["sections"] for d in s["decisions"] if d["items"])
    parent["items"][0]["id"] = "nothing"
    edited_text = (
        json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if fmt == "json"
        else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
    path.write_text(edited_text, encoding="utf-8")
    code, out, err = cli("validate", "--fix", str(path))
    assert (code, out) == (0, "")
    assert err == (
        f"{path}: fixed: actions of 1 decision, addressees of 1 decision, 2 ids\n"
        "1 file, no problems\n"
    )
    fixed = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert fixed["sections"][0]["decisions"][0]["actions"] == ["approve"]
    assert fixed["sections"][0]["decisions"][0]["id"] == "SOM26-I-a"
    assert fixed == yaml.safe_load(original) | {"sections": fixed["sections"]}
    if fmt == "json":
        assert path.read_text(encoding="utf-8").startswith('{\n  "schema_version"')
    else:
        assert "schema_version: '1.2'" in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    # Nothing to do the second time: the file is left alone.
    before = path.stat().st_mtime_ns
    assert cli("validate", "--fix", str(path)) == (0, "", "1 file, no problems\n")
    assert path.stat().st_mtime_ns == before


def test_fix_leaves_a_file_that_does_not_load_alone(parsed: dict[str, Path], cli: Cli) -> None:
    path = parsed["yaml"]
    broken = path.read_text(encoding="utf-8").replace("schema_version: '1.2'", "schema_version: [")
    path.write_text(broken, encoding="utf-8")
    code, out, err = cli("validate", "--fix", str(path))
    assert code == 1 and out.startswith(f"{path}:")
    assert err.startswith(f"{path}: not fixed: it does not load; see its problems\n")
    assert path.read_text(encoding="utf-8") == broken
    code, _, err = cli("validate", "--fix", "-", stdin=b"{}")
    assert code == 2
    assert err.startswith("Error: <stdin>: --fix rewrites files in place; give a file, not -\n")


@pytest.mark.parametrize(
    "document",
    sorted((SAMPLES / "layouts").glob("*.txt")) + sorted((SAMPLES / "layouts").glob("*.docx")),
    ids=lambda p: p.name,
)
def test_the_parsers_own_actions_need_no_fix(document: Path) -> None:
    # in-sentence actors ("4. The Senior Officials agreed to ..."), actor lines over
    # their own items, and table rows: validate derives the actions as the parser does
    result = validate_text(render(parse_file(document), "json"), document.name)
    assert [p.message for p in result.problems if p.code == "actions"] == []
