"""The warning codes are registered in one place, and the README's tables are generated."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

from emg_parse import sequence
from emg_parse.notices import WarningCode
from emg_parse.validate import validate_text

from .conftest import ROOT, SAMPLES, Cli, ParseText

SRC = ROOT / "src" / "emg_parse"


def _source_files() -> dict[str, str]:
    return {
        str(path.relative_to(SRC)): path.read_text(encoding="utf-8")
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "notices.py"
    }


def test_every_code_has_a_one_line_description() -> None:
    assert len({code.value for code in WarningCode}) == len(WarningCode)
    for code in WarningCode:
        assert re.fullmatch(r"[a-z_]+", code.value)
        assert code.description.strip() and "\n" not in code.description


def test_the_sequence_findings_codes_are_registered() -> None:
    assert set(get_args(sequence.Code)) <= {code.value for code in WarningCode}


def test_warnings_are_made_in_two_places_only_from_registered_codes() -> None:
    """A ``ParseWarning`` is built by the segmenter (from a ``WarningCode``) and by the
    pipeline (from the extractors' notes, typed ``WarningCode``): mypy checks the codes."""
    makers = {
        name
        for name, text in _source_files().items()
        if re.search(r"(?<!class )ParseWarning(\.model_validate)?\(", text)
    }
    assert makers == {"segmenter.py", "pipeline.py"}
    notes = {name for name, text in _source_files().items() if "notes.append(" in text}
    for name in notes:
        text = _source_files()[name]
        assert not re.search(r"notes\.append\(\s*\(\s*[\"']", text), name


def test_every_registered_code_is_emitted_somewhere() -> None:
    text = "\n".join(_source_files().values())
    findings = set(get_args(sequence.Code))
    for code in WarningCode:
        assert code.value in findings or f"WarningCode.{code.name}" in text, code


def test_the_samples_warnings_are_registered(parse_text: ParseText) -> None:
    document = parse_text(
        "I. Title\nThe Senior Officials:\na) Consider the report;\nc) Frobnicate the thing.\n"
    )
    codes = {warning.code for warning in document.warnings}
    assert codes == {"label_sequence", "unknown_verb"}
    assert codes <= {code.value for code in WarningCode}


def test_a_misnamed_text_file_warns_with_its_registered_code(cli: Cli, tmp_path: Path) -> None:
    misnamed = tmp_path / "doc.pdf.bak"
    misnamed.write_bytes((SAMPLES / "EMGSOM.26_3a.txt").read_bytes())
    out = tmp_path / "out.json"
    code, _, _ = cli(str(misnamed), "-o", str(out))
    assert code == 0
    assert '"code": "misnamed_file"' in out.read_text(encoding="utf-8")


def test_validate_reads_a_file_with_a_code_it_does_not_know(yaml_doc: str) -> None:
    """Files of other versions may carry other codes: the schema keeps ``code`` a string."""
    old = yaml_doc.replace(
        "warnings: []", "warnings:\n- code: retired_code\n  message: from an older version"
    )
    validation = validate_text(old, "old.yaml")
    assert validation.problems == []
    document = validation.document
    assert document is not None and document.warnings[0].code == "retired_code"


def test_readme_tables_are_generated_and_current() -> None:
    """The README's tables of warning and exit codes are written by cog from the code
    that owns them; ``cog -r README.md`` regenerates them."""
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
