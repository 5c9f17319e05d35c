"""Fuzzing: random and mutated inputs never raise anything but emg-parse's own errors.

Any other exception escaping ``parse_file`` is a bug.  Inputs that once crashed a
reader, or made it take too much time or memory, are kept in ``tests/fuzz_corpus/``
and replayed by ``test_corpus`` through the command line.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse.errors import EmgParseError
from emg_parse.model import OutcomeDocument
from emg_parse.pipeline import ParseOptions, parse_file

from .bounds import run_bounded
from .conftest import SAMPLES

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
SEEDS = {
    "pdf": (SAMPLES / "EMGSOM.26_3a_typed.pdf").read_bytes(),
    "docx": (SAMPLES / "EMGSOM.26_3a_autonum.docx").read_bytes(),
    "txt": (SAMPLES / "EMGSOM.26_3a.txt").read_bytes(),
}
_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def parse_bytes(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with contextlib.suppress(EmgParseError):
        parse_file(path, ParseOptions(timeout=30))


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(data) - 1))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            data[at] = draw(st.integers(0, 255))
        elif choice == 1:
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@pytest.mark.parametrize("kind", sorted(SEEDS))
@_SETTINGS
@given(data=st.data())
def test_mutated_files(kind: str, data: st.DataObject, tmp_path: Path) -> None:
    parse_bytes(tmp_path, f"doc.{kind}", data.draw(mutated(SEEDS[kind])))


@_SETTINGS
@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.pdf", "a.docx", "a.txt", "a"]))
def test_random_bytes(data: bytes, name: str, tmp_path: Path) -> None:
    parse_bytes(tmp_path, name, data)


def _docx_with(part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SEEDS["docx"])) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == part else src.read(info.filename))
    return out.getvalue()


@pytest.mark.parametrize("part", ["word/document.xml", "word/numbering.xml", "word/styles.xml"])
@_SETTINGS
@given(data=st.data())
def test_mutated_docx_parts(part: str, data: st.DataObject, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(SEEDS["docx"])) as z:
        original = z.read(part)
    parse_bytes(tmp_path, "doc.docx", _docx_with(part, data.draw(mutated(original))))


#: What each file of the corpus must end in: 0, a valid output, or the exit code of
#: its one-line error (README, "Exit codes").  Files that once broke a reader:
#:
#: * ``numbering_*.docx``: list numbering that made gigabytes of label text (a start
#:   of 10^12 or 10^13 in a roman list, 10^11 in a letter list, a 40 KB lvlText of
#:   ``%1``); made with ``tests/docx_builders.py``.
#: * ``text_rule_backtracking.txt``: the 151-character line that made the rule pattern
#:   backtrack for minutes; ``text_hostile_lines.md``: lines of emphasis marks, tags,
#:   spaces and hashes that took time in the square of their length.
#: * ``bad_startxref.pdf``, ``truncated_stream.pdf``, ``cut_numbering.docx``,
#:   ``lying_sizes.docx``: damaged files found by the fuzz tests above.
EXPECTED = {
    "bad_startxref.pdf": 0,
    "cut_numbering.docx": 0,
    "lying_sizes.docx": 3,
    "numbering_letters_start_1e11.docx": 0,
    "numbering_lvltext_40k.docx": 0,
    "numbering_roman_start_1e12.docx": 0,
    "numbering_roman_start_1e13.docx": 0,
    "text_hostile_lines.md": 0,
    "text_rule_backtracking.txt": 8,
    "truncated_stream.pdf": 3,
}


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name: str, tmp_path: Path) -> None:
    """The command line, in a process limited in memory and time, ends each file as
    expected: a valid output, or the one-line error of its exit code."""
    path = CORPUS / name
    out = tmp_path / "out.json"
    result = run_bounded(path, "-o", out, "--timeout", "20", seconds=60)
    assert result.returncode == EXPECTED[name], result.stderr
    if result.returncode == 0:  # nothing on stderr but the warnings, one a line
        for line in result.stderr.splitlines():
            assert line.startswith(f"{path}:") and " warning[" in line, line
            assert line.isprintable(), line
        OutcomeDocument.model_validate_json(out.read_text(encoding="utf-8"))
    else:
        assert result.stderr.startswith(f"Error: {path}: ")
        assert result.stderr.count("\n") == 1
        assert not out.exists()
