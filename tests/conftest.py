"""Shared paths, sample documents and helpers of the tests, as fixtures.

``ROOT``, ``SAMPLES`` and ``GOLDEN`` are also importable for module-level use
(``pytest.mark.parametrize`` over the samples).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from emg_parse.cli import main
from emg_parse.model import OutcomeDocument
from emg_parse.pipeline import parse_file
from emg_parse.writers import is_temporary

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: The SHA-256 the hand-written documents below claim for their source.
SHA = "99f726a9eb12f18e816a7e9fe5a5a6fc7a5823eaa73a9b4377fd8aadb1abcd97"

#: A small valid document as a user sees it (tests refer to its line numbers).
_YAML_DOC = f"""\
# yaml-language-server: $schema=file:///x/outcome.schema.json
schema_version: '1.0'
source:
  file: doc.txt
  format: text
  sha256: {SHA}
  pages: null
document:
  symbol: EMGSOM.26_3a
  meeting:
    date: 2020-10-28
    time: 14:00 -15:30 GVA time
sections:
- number: I
  title: Biodiversity
  decisions:
  - label: a
    text: Consider the report;
    actions: [consider]
  - label: b
    text: 'Decide to:'
    items:
    - label: i
      text: extend it;
    - label: ii
      text: report back.
- number: II
  title: E-waste
  decisions:
  - text: Welcome the report.
warnings: []
"""

#: The same document as JSON.
_JSON_DOC = f"""\
{{
  "schema_version": "1.0",
  "source": {{"file": "doc.txt", "format": "text", "sha256": "{SHA}", "pages": null}},
  "document": {{
    "symbol": "EMGSOM.26_3a",
    "meeting": {{"date": "2020-10-28", "time": "14:00 -15:30 GVA time"}}
  }},
  "sections": [
    {{
      "number": "I",
      "title": "Biodiversity",
      "decisions": [
        {{"label": "a", "text": "Consider the report;", "actions": ["consider"]}},
        {{
          "label": "b",
          "text": "Decide to:",
          "items": [
            {{"label": "i", "text": "extend it;"}},
            {{"label": "ii", "text": "report back."}}
          ]
        }}
      ]
    }},
    {{"number": "II", "title": "E-waste", "decisions": [{{"text": "Welcome the report."}}]}}
  ],
  "warnings": []
}}
"""

Edits = list[tuple[str, str]]
#: ``cli("validate", "out.yaml", stdin=None)`` -> (exit code, stdout, stderr).
Cli = Callable[..., tuple[int, str, str]]
#: ``parse_text("I. Title ...")`` -> the parsed document.
ParseText = Callable[[str], OutcomeDocument]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/*.json from the current output instead of comparing.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def seed_txt() -> Path:
    """The 26th meeting's outcome document as text: the hand-checked sample."""
    return SAMPLES / "EMGSOM.26_3a.txt"


@pytest.fixture(scope="session")
def yaml_doc() -> str:
    """A small valid emg-parse file in YAML (schema 1.0), as a user would edit it."""
    return _YAML_DOC


@pytest.fixture(scope="session")
def json_doc() -> str:
    """The document of :func:`yaml_doc` in JSON."""
    return _JSON_DOC


def edited(text: str, edits: Edits) -> str:
    """``text`` with each ``(old, new)`` of ``edits`` replaced; each ``old`` occurs once."""
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def cli() -> Cli:
    """Run the ``emg-parse`` command in this process; no traceback may escape it."""

    def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), input=stdin)
        assert not isinstance(result.exception, AssertionError)
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def parse_text(tmp_path: Path) -> ParseText:
    """Parse a text document as ``emg-parse`` does: written to a ``.txt`` file, then
    :func:`~emg_parse.pipeline.parse_file`."""

    def parse(text: str) -> OutcomeDocument:
        path = tmp_path / "doc.txt"
        path.write_text(text, encoding="utf-8")
        return parse_file(path)

    return parse


def temporaries(folder: Path) -> list[Path]:
    """The temporary files emg-parse left anywhere in ``folder`` (there should be none)."""
    return sorted(p for p in folder.rglob("*") if is_temporary(p.name))


@pytest.fixture
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive converted by ``emg-parse batch`` (made once; do not change it)."""
    from .converted import converted_once  # it imports this module

    return converted_once(tmp_path_factory)


@pytest.fixture
def converted_copy(converted: Path, tmp_path: Path) -> Path:
    """A copy of :func:`converted` that a test may change."""
    from .converted import copy_of  # it imports this module

    return copy_of(converted, tmp_path)
