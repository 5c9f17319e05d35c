"""Fuzzing ``emg-parse batch`` with file names: any bytes a name may hold.

Archives of random names (bytes that are not UTF-8, newlines, carriage returns,
tabs, a leading ``=``, ``-`` or ``@``, names of up to 255 bytes, any script) holding
copies of a small outcome document or junk.  Whatever the names: exit 0 or 1, no
traceback, both manifests valid UTF-8 with one row per file, no CSV cell a
spreadsheet would run, and a re-run finds every converted document unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.cli import main
from emg_parse.errors import shown
from emg_parse.manifest import COLUMNS, FORMULA_STARTS

from .conftest import ROOT, SAMPLES

DOCUMENT = (SAMPLES / "EMGSOM.26_3a.txt").read_bytes()
CONTENTS = [DOCUMENT, b"junk", b"", b"%PDF-1.7\n"]
PREFIXES = [b"", b"=", b"+", b"-", b"@", b"\t", b"\r", b"\n", b"\xff", "\u00e9".encode()]
SUFFIXES = [b".txt", b".md", b".pdf", b".png", b""]
NAME_MAX = 255


@st.composite
def names(draw: st.DrawFn, suffixes: list[bytes] = SUFFIXES) -> bytes:
    """One file or folder name: at most 255 bytes, no ``/`` or NUL, not hidden."""
    body = draw(
        st.one_of(
            st.binary(max_size=24),
            st.text(max_size=24).map(lambda text: text.encode("utf-8")),
            st.integers(200, NAME_MAX).map(lambda n: b"x" * n),
        )
    )
    name = draw(st.sampled_from(PREFIXES)) + body.replace(b"/", b"_").replace(b"\0", b"_")
    if not name or name.startswith(b"."):
        name = b"f" + name
    suffix = draw(st.sampled_from(suffixes))
    return name[: NAME_MAX - len(suffix)] + suffix


@st.composite
def archives(draw: st.DrawFn) -> dict[bytes, bytes]:
    """Relative path (bytes) -> content; some files in one sub-folder."""
    top = draw(st.lists(names(), min_size=1, max_size=5, unique=True))
    folder = draw(names([b""]).filter(lambda name: name not in top))
    inner = draw(st.lists(names(), max_size=3, unique=True))
    paths = top + [folder + b"/" + name for name in inner]
    return {path: draw(st.sampled_from(CONTENTS)) for path in paths}


def make(root: Path, files: dict[bytes, bytes]) -> None:
    for rel, data in files.items():
        path = os.path.join(os.fsencode(root), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)


def check_manifests(out: Path, files: dict[bytes, bytes]) -> list[dict[str, Any]]:
    """Both manifests are valid UTF-8 and list every file once; return the JSON rows."""
    data = json.loads((out / "manifest.json").read_bytes().decode("utf-8"))
    rows: list[dict[str, Any]] = data["documents"]
    assert Counter(row["path"] for row in rows) == Counter(shown(os.fsdecode(rel)) for rel in files)
    text = (out / "manifest.csv").read_bytes().decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 1 + len(files) and records[0] == list(COLUMNS)
    for record in records:
        assert len(record) == len(COLUMNS)
        assert not [cell for cell in record if cell.startswith(FORMULA_STARTS)], record
    return rows


@settings(max_examples=8, deadline=None)
@given(files=archives())
def test_any_file_names(files: dict[bytes, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive, out = Path(tmp) / "archive", Path(tmp) / "out"
        make(archive, files)
        done = subprocess.run(
            [sys.executable, "-m", "emg_parse", "batch", str(archive), "-o", str(out), "-j", "2"],
            capture_output=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert done.returncode in (0, 1, 3), stderr
        assert "Traceback" not in stdout + stderr
        if done.returncode == 3:  # no document among the files: nothing written
            assert stderr.startswith("Error: no PDF, DOCX or text documents in ")
            assert not out.exists()
            return
        first = check_manifests(out, files)

        result = CliRunner().invoke(main, ["batch", str(archive), "-o", str(out), "-j", "2"])
        assert result.exit_code == done.returncode, result.output
        assert "Traceback" not in result.stdout + result.stderr
        again = check_manifests(out, files)
        shared = Counter(row["path"] for row in first)
        for path in {row["path"] for row in first if row["status"] == "converted"}:
            after = sorted(row["status"] for row in again if row["path"] == path)
            if shared[path] == 1:
                assert after == ["unchanged"], path
            else:  # names that show the same cannot be matched: converted again, by design
                assert after == sorted(row["status"] for row in first if row["path"] == path)
