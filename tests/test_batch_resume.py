"""``emg-parse batch``: an interrupted --force run resumes; the summary agrees with the rows."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from emg_parse.cli import main
from emg_parse.manifest import COLUMNS, Row, load_manifest

from .conftest import ROOT, SAMPLES
from .test_cli import outcome_pdf


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert not isinstance(result.exception, AssertionError)
    return result.exit_code, result.stdout, result.stderr


def manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return data


def agrees(data: dict[str, Any]) -> None:
    """The summary counts exactly the rows."""
    counted = Counter(row["status"] for row in data["documents"])
    summary = {k: v for k, v in data["summary"].items() if k != "seconds"}
    assert summary == {status: counted.get(status, 0) for status in summary}


def interrupt(command: list[str], how: str, after: int) -> str:
    """Run ``command``, stop it the way ``how`` says once ``after`` documents are done;
    return its stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    seen = [process.stdout.readline() for _ in range(after + 1)]  # header + documents
    assert seen[-1].startswith(f"[{after:>2}/"), seen
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    return stderr


@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_an_interrupted_forced_run_resumes_where_it_stopped(how: str, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    for n in range(10):
        path = archive / f"part-{n % 2}" / f"outcome-{n}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / "EMGSOM.26_3a_typed.pdf", path)
    (archive / "README.md").write_text("# Notes\n\nWhat this archive holds.\n")
    assert run(str(archive), "-o", str(out), "-j", "2")[0] == 0
    first = manifest(out)
    assert (first["force"], first["complete"]) == (False, True)
    agrees(first)

    command = [sys.executable, "-m", "emg_parse", "batch", str(archive), "-o", str(out)]
    stderr = interrupt([*command, "-j", "1", "--force"], how, after=3)
    assert stderr.endswith("run the same command again to resume.\n")
    stopped = manifest(out)
    assert (stopped["force"], stopped["complete"]) == (True, False)
    assert stopped["run"] != first["run"]
    agrees(stopped)
    done = {row["path"] for row in stopped["documents"] if row["run"] == stopped["run"]}
    assert len(done) >= 3
    assert load_manifest(out).forced_run == stopped["run"]

    # The same command again: only the documents the forced run had not reached.
    code, stdout, _ = run(str(archive), "-o", str(out), "-j", "2", "--force")
    assert code == 0
    resumed = manifest(out)
    assert (resumed["run"], resumed["complete"]) == (stopped["run"], True)
    agrees(resumed)
    statuses = {row["path"]: row["status"] for row in resumed["documents"]}
    pdfs = done - {"README.md"}
    assert {statuses[path] for path in pdfs} == {"unchanged"}
    assert {row["run"] for row in resumed["documents"]} == {stopped["run"]}
    converted = 10 - len(pdfs)
    assert list(statuses.values()).count("converted") == converted
    assert f"converted {converted}, unchanged {len(pdfs)}, not_outcome 1," in stdout

    # Once it completed, --force converts everything again, as a new run.
    code, stdout, _ = run(str(archive), "-o", str(out), "-j", "2", "--force")
    assert code == 0 and "converted 10, unchanged 0, not_outcome 1" in stdout
    assert manifest(out)["run"] != stopped["run"]


def test_the_summary_counts_the_rows_written_also_mid_run(tmp_path: Path) -> None:
    """A manifest written while documents are left keeps their previous rows, and counts
    them."""
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    for n in range(3):
        shutil.copy(SAMPLES / "EMGSOM.26_3a.txt", archive / f"doc{n}.txt")
    (archive / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert run(str(archive), "-o", str(out))[0] == 0
    (archive / "doc0.txt").write_text("")  # fails next time
    code, _, _ = run(str(archive), "-o", str(out))
    assert code == 1
    data = manifest(out)
    agrees(data)
    assert data["summary"]["failed"] == 1 and data["summary"]["unchanged"] == 2


def test_rows_of_a_version_1_manifest_have_no_run() -> None:
    old: dict[str, object] = {name: None for name in COLUMNS if name != "run"}
    old |= {"path": "a.pdf", "status": "converted", "seconds": 1.0, "version": "1.0"}
    assert Row.from_dict(old) == Row("a.pdf", status="converted", seconds=1.0, version="1.0")
    assert Row.from_dict({**old, "run": 3}) is None
    assert Row.from_dict({**old, "extra": 1}) is None


def test_password_max_size_and_engine_as_parse_has_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    locked = outcome_pdf(archive / "locked.pdf", password="secret")
    shutil.copy(SAMPLES / "EMGSOM.26_3a.txt", archive / "a.txt")
    code, _, stderr = run(str(archive), "-o", str(out))
    assert code == 1 and stderr.startswith(f"Error: {locked}: encrypted PDF")

    code, _, stderr = run(str(archive), "-o", str(out), "--password", "secret")
    assert (code, stderr) == (0, "")
    assert json.loads((out / "locked.pdf.json").read_text())["sections"][0]["title"] == "Task Team"

    monkeypatch.setenv("EMG_PARSE_PASSWORD", "secret")  # or from the environment
    code, stdout, _ = run(str(archive), "-o", str(out), "--force", "--engine", "pdfplumber")
    assert code == 0 and "converted 2," in stdout
    result = CliRunner().invoke(
        main, ["batch", str(archive), "-o", str(out), "--force", "--password"], input="secret\n"
    )
    assert result.exit_code == 0 and "secret" not in result.stdout  # asked for, not echoed

    # --max-size: a file over it fails at once, without being read, as parse says it
    size = (archive / "a.txt").stat().st_size
    code, _, stderr = run(str(archive), "-o", str(out), "--max-size", str(size / 2 / 1048576))
    assert code == 1
    parse = CliRunner().invoke(
        main, [str(archive / "a.txt"), "--max-size", str(size / 2 / 1048576)]
    )
    assert parse.exit_code == 7
    assert f"{parse.stderr}" in stderr
    assert manifest(out)["documents"][0]["status"] == "failed" and not (out / "a.txt.json").exists()

    for option in ("--password", "--max-size", "--engine"):
        help_text = run("--help")[1]
        assert option in help_text
    assert run(str(archive), "-o", str(out), "--engine", "ocr")[0] == 2
