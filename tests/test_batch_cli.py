"""``emg-parse batch``: output, exit codes, messages, interruption."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from emg_parse.batch import DocumentDone, Finished, Skipped, Started
from emg_parse.cli import main
from emg_parse.cli.batch import BATCH_EXIT_CODES, Reporter
from emg_parse.manifest import Row, Summary

from .conftest import ROOT, SAMPLES
from .test_batch import CONVERTED, FAILED, SKIPPED, make_archive, rows, single_file_error


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert not isinstance(result.exception, AssertionError)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_archive(tmp_path / "archive")


def test_failures_exit_1_with_one_line_each_and_the_rest_converted(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(archive), "-o", str(out), "-j", "2")
    assert code == 1
    assert sorted(stderr.splitlines()) == sorted(
        f"Error: {single_file_error(archive / path)}" for path in FAILED
    )
    assert "Traceback" not in stdout + stderr
    lines = stdout.splitlines()
    assert lines[0] == "8 documents, 3 other files; 2 workers"
    assert lines[1:4] == [f"      skipped     {path}" for path in SKIPPED]  # under "[1/8]"
    assert [line[:6] for line in lines[4:12]] == [f"[{n}/8] " for n in range(1, 9)]
    assert f"failed      {FAILED[0]}" in stdout
    assert "converted   reports/2021/doc.pdf -> reports/2021/doc.pdf.json (" in stdout
    assert lines[-1].startswith("converted 6, unchanged 0, not_outcome 0, skipped 3, failed 2 in ")
    assert lines[-1].endswith(f" s; manifest: {out / 'manifest.json'}")
    assert len(rows(out)) == 11


def test_success_exits_0_and_a_rerun_reports_unchanged(archive: Path, tmp_path: Path) -> None:
    for path in FAILED:
        (archive / path).unlink()
    out = tmp_path / "out"
    code, _, stderr = run(str(archive), "-o", str(out))
    assert (code, stderr) == (0, "")
    code, stdout, _ = run(str(archive), "-o", str(out))
    assert code == 0
    assert stdout.splitlines()[-1].startswith(
        "converted 0, unchanged 6, not_outcome 0, skipped 3, failed 0 in "
    )
    assert f"unchanged   {CONVERTED[0]}\n" in stdout
    code, stdout, _ = run(str(archive), "-o", str(out), "--force", "--format", "yaml")
    assert code == 0 and "converted 6, unchanged 0" in stdout
    assert (out / "reports/2021/doc.pdf.yaml").is_file()


def test_timeout_option_reaches_the_workers(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SAMPLES / "EMGSOM.26_3a.txt", archive / "a.txt")
    code, _, _ = run(str(archive), "-o", str(tmp_path / "out"), "--timeout", "0")
    assert code == 0
    code, _, stderr = run(str(archive), "-o", str(tmp_path / "out"), "--timeout", "-1")
    assert code == 2 and "Invalid value for '--timeout'" in stderr


def test_usage_errors_exit_2(archive: Path, tmp_path: Path) -> None:
    code, _, stderr = run(str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert (code, stderr) == (2, f"Error: {tmp_path / 'missing'}: no such folder\n")
    code, _, stderr = run(str(archive))
    assert code == 2 and "Missing option '-o' / '--output'" in stderr
    code, _, stderr = run(str(archive), "-o", str(tmp_path / "out"), "-j", "0")
    assert code == 2 and "Invalid value for '-j' / '--jobs'" in stderr
    code, _, stderr = run(str(archive), "-o", str(archive))
    assert code == 2
    assert stderr == (
        f"Error: {archive}: the output folder is the archive itself; give another folder with -o\n"
    )


def test_unusable_output_folder(archive: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, stdout, stderr = run(str(archive), "-o", str(blocker))
    assert (code, stdout) == (2, "") and "is a file" in stderr
    code, stdout, stderr = run(str(archive), "-o", str(blocker / "out"))
    assert (code, stdout) == (9, "")
    assert stderr.startswith(f"Error: {blocker / 'out'}: cannot create (")
    assert stderr.count("\n") == 1


def test_help_documents_exit_codes_and_naming() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    for number, meaning in BATCH_EXIT_CODES.items():
        assert f"{number:<3}  {meaning}" in stdout
    assert "a/doc.pdf -> a/doc.pdf.json" in stdout
    assert "batch" in CliRunner().invoke(main, ["--help"]).stdout


def test_terminal_reporter_shows_failures_above_the_bar_as_they_happen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    reporter = Reporter(out, tty=True)
    failed = Row("b.pdf", status="failed", error="archive/b.pdf: not a readable PDF")
    reporter(Started(total=2, skipped=1, jobs=2))
    reporter(Skipped(Row("x.png", status="skipped")))
    reporter(DocumentDone(Row("a.pdf", status="converted", output="a.pdf.json"), 1, 2, 0))
    assert capsys.readouterr().err == ""
    reporter(DocumentDone(failed, 2, 2, 1))
    assert capsys.readouterr().err == "Error: archive/b.pdf: not a readable PDF\n"
    bar = "2/2 1 failed 100% ETA 0:00 [" + "#" * 30 + "] b.pdf"
    assert out.getvalue().endswith(f"\r\x1b[K\r{bar}\x1b[K")
    reporter(Finished(Summary(converted=1, skipped=1, failed=1, seconds=1.5), Path("o/m.json")))
    assert capsys.readouterr().err == ""
    assert out.getvalue().endswith(
        "\r\x1b[Kfailed      b.pdf\n"
        "converted 1, unchanged 0, not_outcome 0, skipped 1, failed 1 in 1.5 s; "
        "manifest: o/m.json\n"
    )


@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_interrupted_run_exits_130_and_the_next_run_resumes(how: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for n in range(12):
        path = archive / f"part-{n % 3}" / f"outcome-{n}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / "EMGSOM.26_3a_typed.pdf", path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "emg_parse", "batch", str(archive), "-o", str(out), "-j", "1"]
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
    seen = [process.stdout.readline() for _ in range(4)]  # header + 3 documents
    assert seen[-1].startswith("[ 3/12] converted"), seen
    if how == "ctrl-c":  # the terminal sends SIGINT to the whole process group
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.endswith("run the same command again to resume.\n")
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    done = [row["path"] for row in data["documents"] if row["status"] == "converted"]
    assert data["complete"] is False and len(done) >= 3
    assert list(out.rglob("*.tmp")) == []
    for path in done:
        assert json.loads((out / f"{path}.json").read_text())["source"]["format"] == "pdf"

    assert run(str(archive), "-o", str(out), "-j", "2")[0] == 0
    statuses = {row["path"]: row["status"] for row in rows(out).values()}
    assert {statuses[path] for path in done} == {"unchanged"}
    assert list(statuses.values()).count("converted") == 12 - len(done)
