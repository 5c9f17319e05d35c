"""Fuzzing: random and mutated inputs never raise anything but emg-parse's own errors.

Any other exception escaping ``parse_file`` is a bug.  Inputs that once crashed it
are kept in ``tests/fuzz_corpus/`` and replayed by ``test_corpus``.
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
from emg_parse.pipeline import parse_file

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
        parse_file(path, timeout=30)


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


@pytest.mark.parametrize(
    "path", sorted(CORPUS.iterdir()) if CORPUS.is_dir() else [], ids=lambda p: p.name
)
def test_corpus(path: Path) -> None:
    with contextlib.suppress(EmgParseError):
        parse_file(path, timeout=30)
