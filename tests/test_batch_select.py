"""``emg-parse batch``: documents without outcome structure, --include/--exclude, --dry-run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from emg_parse.archive import open_archive
from emg_parse.cli import main
from emg_parse.manifest import MANIFEST_VERSION, Row, load_rows

from .conftest import SAMPLES
from .test_batch import manifest, rows, single_file_error

TXT = SAMPLES / "EMGSOM.26_3a.txt"
NOTES = b"# Notes\n\nThis archive holds the outcome documents of the meetings.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert not isinstance(result.exception, AssertionError)
    return result.exit_code, result.stdout, result.stderr


def make(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make(
        tmp_path / "archive",
        {
            "README.md": NOTES,
            "2020/EMGSOM.26_3a.txt": TXT.read_bytes(),
            "2020/notes.txt": NOTES,
            "sources/draft.txt": TXT.read_bytes(),
            "sources/old/draft2.txt": TXT.read_bytes(),
            "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        },
    )


def test_a_document_without_outcome_structure_is_not_outcome_not_a_failure(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(archive), "-o", str(out), "-j", "1")
    assert code == 0 and stderr == ""
    found = rows(out)
    for path in ("README.md", "2020/notes.txt"):
        row = found[path]
        assert row["status"] == "not_outcome" and row["output"] is None
        assert row["error"] == single_file_error(archive / path)  # why, in parse's words
        assert row["sha256"] is not None
        assert f"not_outcome {path}" in stdout
    data = manifest(out)
    assert data["manifest_version"] == MANIFEST_VERSION == 2
    assert data["summary"]["not_outcome"] == 2
    assert (data["summary"]["converted"], data["summary"]["failed"]) == (3, 0)
    assert stdout.splitlines()[-1].startswith(
        "converted 3, unchanged 0, not_outcome 2, skipped 1, failed 0 in "
    )
    assert not (out / "README.md.json").exists()

    # A re-run does not read them again; they stay not_outcome.
    code, stdout, _ = run(str(archive), "-o", str(out), "-j", "1")
    assert code == 0 and rows(out)["README.md"]["status"] == "not_outcome"
    assert "converted 0, unchanged 3, not_outcome 2, skipped 1, failed 0 in " in stdout

    # Readers of the manifest leave them out, and do not count them as failed.
    folder = open_archive(out)
    assert folder.failed == 0
    assert [entry.path for entry in folder.entries] == [
        "2020/EMGSOM.26_3a.txt",
        "sources/draft.txt",
        "sources/old/draft2.txt",
    ]


def test_a_not_outcome_document_that_changes_is_read_again(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(archive), "-o", str(out))[0] == 0
    (archive / "README.md").write_bytes(TXT.read_bytes())
    assert run(str(archive), "-o", str(out))[0] == 0
    assert rows(out)["README.md"]["status"] == "converted"
    (archive / "README.md").write_bytes(NOTES)
    assert run(str(archive), "-o", str(out))[0] == 0
    assert rows(out)["README.md"]["status"] == "not_outcome"
    assert not (out / "README.md.json").exists()  # its old output went with it


def test_a_version_1_manifest_is_still_read(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(archive), "-o", str(out))[0] == 0
    data: dict[str, Any] = manifest(out)
    data["manifest_version"] = 1
    del data["summary"]["not_outcome"]
    data["documents"] = [r for r in data["documents"] if r["status"] != "not_outcome"]
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert set(load_rows(out)) == {r["path"] for r in data["documents"]}
    code, stdout, _ = run(str(archive), "-o", str(out))
    assert code == 0 and "converted 0, unchanged 3, not_outcome 2" in stdout


def test_include_and_exclude_match_the_relative_path(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = run(str(archive), "-o", str(out), "--exclude", "sources/*")
    assert code == 0
    assert sorted(rows(out)) == [
        "2020/EMGSOM.26_3a.txt",
        "2020/notes.txt",
        "README.md",
        "photo.png",
    ]

    out2 = tmp_path / "out2"
    code, _, _ = run(str(archive), "-o", str(out2), "--include", "*.txt", "--exclude", "*/old/*")
    assert code == 0
    assert sorted(rows(out2)) == ["2020/EMGSOM.26_3a.txt", "2020/notes.txt", "sources/draft.txt"]

    # a folder that matches --exclude is not walked at all (its files do not match it)
    out3 = tmp_path / "out3"
    code, _, stderr = run(str(archive), "-o", str(out3), "--exclude", "sources")
    assert code == 0 and stderr == ""
    assert not any(path.startswith("sources") for path in rows(out3))

    # --include '*.pdf' --include '*.txt': either
    out4 = tmp_path / "out4"
    run(str(archive), "-o", str(out4), "--include", "*.png", "--include", "README*")
    assert sorted(rows(out4)) == ["README.md", "photo.png"]


def test_dry_run_lists_what_would_happen_and_writes_nothing(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(archive), "-o", str(out), "--dry-run")
    assert code == 0 and stderr == ""
    assert not out.exists()
    assert stdout.splitlines() == [
        "convert     2020/EMGSOM.26_3a.txt",
        "convert     2020/notes.txt",
        "convert     README.md",
        "skipped     photo.png",
        "convert     sources/draft.txt",
        "convert     sources/old/draft2.txt",
        "dry run, nothing written: convert 5, unchanged 0, not_outcome 0, skipped 1, failed 0",
    ]

    assert run(str(archive), "-o", str(out))[0] == 0
    (archive / "sources/draft.txt").write_bytes(TXT.read_bytes() + b"\n\nMore.\n")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    code, stdout, _ = run(str(archive), "-o", str(out), "--dry-run", "--exclude", "*/old/*")
    assert code == 0
    assert stdout.splitlines() == [
        "unchanged   2020/EMGSOM.26_3a.txt",
        "not_outcome 2020/notes.txt",
        "not_outcome README.md",
        "skipped     photo.png",
        "convert     sources/draft.txt",
        "dry run, nothing written: convert 1, unchanged 1, not_outcome 2, skipped 1, failed 0",
    ]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    forced = run(str(archive), "-o", str(out), "--dry-run", "--force")[1]
    assert forced.splitlines()[-1].startswith("dry run, nothing written: convert 5, unchanged 0")


def test_rows_of_an_unknown_status_are_ignored() -> None:
    data = Row("a.pdf", status="not_outcome").to_dict()
    assert Row.from_dict(data) == Row("a.pdf", status="not_outcome")
    assert Row.from_dict({**data, "status": "half-done"}) is None
