"""``emg-parse batch``: archives that are empty, missing, mistyped or a ZIP file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

from click.testing import CliRunner

from emg_parse.cli import main
from emg_parse.cli.batch import BATCH_EXIT_CODES

from .conftest import ROOT, SAMPLES

TXT = SAMPLES / "EMGSOM.26_3a.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert not isinstance(result.exception, AssertionError)
    return result.exit_code, result.stdout, result.stderr


def test_an_empty_folder_says_so_and_writes_nothing(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    code, stdout, stderr = run(str(archive), "-o", str(out))
    assert (code, stdout) == (3, "")
    assert stderr == f"Error: no PDF, DOCX or text documents in {archive}\n"
    assert not out.exists()
    assert "no document in ARCHIVE_DIR" in BATCH_EXIT_CODES[3]

    (archive / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (archive / "sheet.csv").write_text("a,b\n")
    code, _, stderr = run(str(archive), "-o", str(out), "--dry-run")
    assert code == 3
    assert stderr == f"Error: no PDF, DOCX or text documents in {archive}; 2 other files\n"


def test_no_document_left_after_the_filters(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    (archive / "sources").mkdir(parents=True)
    (archive / "sources/doc.txt").write_bytes(TXT.read_bytes())
    code, _, stderr = run(str(archive), "-o", str(out), "--exclude", "sources")
    assert code == 3 and not out.exists()
    assert stderr == (
        f"Error: no PDF, DOCX or text documents in {archive} after --include/--exclude\n"
    )
    assert run(str(archive), "-o", str(out), "--include", "*.txt")[0] == 0


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    code, stdout, stderr = run(str(tmp_path / "archiv"), "-o", str(tmp_path / "out"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"Error: {tmp_path / 'archiv'}: no such folder; did you mean {tmp_path / 'archive'}?\n"
    )
    code, _, stderr = run(str(tmp_path / "elsewhere"), "-o", str(tmp_path / "out"))
    assert (code, stderr) == (2, f"Error: {tmp_path / 'elsewhere'}: no such folder\n")
    assert not (tmp_path / "out").exists()


def test_a_file_or_a_zip_file_given_as_the_archive(tmp_path: Path) -> None:
    zipped = tmp_path / "archive.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("2020/doc.txt", TXT.read_bytes())
    code, _, stderr = run(str(zipped), "-o", str(tmp_path / "out"))
    assert code == 2
    assert stderr == f"Error: {zipped}: is a ZIP file: unzip it first, then give the folder\n"
    code, _, stderr = run(str(TXT), "-o", str(tmp_path / "out"))
    assert code == 2
    assert stderr == f"Error: {TXT}: is not a folder; give the folder holding the documents\n"
    assert not (tmp_path / "out").exists()


def test_a_second_batch_into_the_same_folder_stops_at_once(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    for n in range(20):  # 0.25 s each: the first batch runs for 5 s
        (archive / f"doc{n}.txt").write_bytes(TXT.read_bytes())
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from tests.test_batch import slow
        from emg_parse.batch import BatchOptions, run_batch
        options = BatchOptions(Path({str(archive)!r}), Path({str(out)!r}), jobs=1)
        run_batch(options, work=slow)
        """
    )
    first = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not (out / "manifest.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        before = (out / "manifest.json").read_bytes()
        code, stdout, stderr = run(str(archive), "-o", str(out))
        assert (code, stdout) == (4, "")
        assert re.fullmatch(
            rf"Error: {re.escape(str(out))} is in use by another emg-parse batch \(pid "
            rf"{first.pid}, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\); wait for it to end, "
            r"or give another -o\n",
            stderr,
        )
        assert "in use by another emg-parse batch" in BATCH_EXIT_CODES[4]
        assert first.poll() is None and (out / "manifest.json").read_bytes() == before
    finally:
        first.kill()  # SIGKILL: no clean-up runs, the system drops the lock
        first.wait()
    code, _, stderr = run(str(archive), "-o", str(out))
    assert (code, stderr) == (0, "")
    assert (out / ".emg-parse-batch.lock").read_text().startswith(f"{os.getpid()} ")
