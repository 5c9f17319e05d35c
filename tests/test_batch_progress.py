"""``emg-parse batch`` on a terminal: a progress bar that fits any width, failures above it."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from emg_parse.batch import DocumentDone, Finished, Started
from emg_parse.cli.batch import Reporter, cells, middle_cut, progress_line
from emg_parse.manifest import Row, Summary

from .conftest import ROOT, SAMPLES

LONG = "reports/2020/Environment Management Group/EMGSOM.26 outcome 第二十六次会议.pdf"


def visible(segment: str) -> str:
    return segment.replace("\x1b[K", "")


def test_middle_cut_keeps_both_ends_within_the_width() -> None:
    assert middle_cut("short.pdf", 20) == "short.pdf"
    for width in range(0, 90):
        cut = middle_cut(LONG, width)
        assert cells(cut) <= width
        if 12 <= width < cells(LONG):
            assert "..." in cut and cut.endswith(".pdf") and cut.startswith("rep")
    assert cells("会议") == 4 and cells("e\u0301") == 1


@pytest.mark.parametrize("columns", range(20, 301))
def test_the_bar_fits_every_width_from_20_to_300(columns: int) -> None:
    for done, failed, left in ((0, 0, None), (7, 0, 12.0), (1234, 17, 3725.4), (5000, 5000, 0)):
        line = progress_line(done, 5000, failed, left, LONG, columns)
        assert cells(line) <= columns - 1, line
        assert line.startswith(f"{done}/5000")
        if columns >= 60:
            assert ".pdf" in line  # the name's end is shown
        if failed and columns >= 40:
            assert f"{failed} failed" in line
    assert progress_line(3, 4, 0, 1.0, "a.pdf", 120) == (
        "3/4 75% ETA 0:01 [" + "#" * 22 + "-" * 8 + "] a.pdf"
    )


@pytest.mark.parametrize("columns", [20, 33, 80, 300])
def test_the_reporter_redraws_one_line_in_the_terminal_width(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    reporter = Reporter(out, tty=True)
    reporter(Started(total=40, skipped=0, jobs=2))
    failures = 0
    for n in range(1, 41):
        bad = n % 13 == 0
        failures += bad
        row = Row(
            f"{LONG[: n * 2]}-{n}.pdf",
            status="failed" if bad else "converted",
            error=f"x-{n}.pdf: damaged" if bad else None,
        )
        reporter.last_draw = 0.0  # no throttling: every update is drawn
        reporter(DocumentDone(row, n, 40, failures))
        if bad:  # printed at once, on its own line
            assert capsys.readouterr().err == f"Error: x-{n}.pdf: damaged\n"
    text = out.getvalue()
    assert "\n" not in text  # every update on the same line
    assert all(cells(visible(part)) <= columns - 1 for part in text.split("\r"))
    assert visible(text.split("\r")[-1]).startswith("40/40 3 failed" if columns > 30 else "40/40")
    reporter(Finished(Summary(converted=37, failed=3), Path("m.json")))
    assert out.getvalue()[len(text) :].split("\n") == [
        "\r\x1b[Kfailed      " + f"{LONG[:26]}-13.pdf",
        f"failed      {LONG[:52]}-26.pdf",
        f"failed      {LONG[:78]}-39.pdf",
        "converted 37, unchanged 0, not_outcome 0, skipped 0, failed 3 in 0.0 s; manifest: m.json",
        "",
    ]


def run_in_terminal(args: list[str], columns: int) -> tuple[int, str]:
    """Run emg-parse with stdout and stderr on a pseudo-terminal ``columns`` wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(ROOT / "src")
    process = subprocess.Popen(
        [sys.executable, "-m", "emg_parse", *args], stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8")


def test_on_a_real_terminal_the_bar_fits_and_failures_print_above_it(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    long_folder = archive / ("a very long folder name of the archive " * 3).strip()
    long_folder.mkdir(parents=True)
    for n in range(6):
        shutil.copy(SAMPLES / "EMGSOM.26_3a.txt", long_folder / f"outcome number {n}.txt")
    (archive / "broken.pdf").write_bytes(b"%PDF-1.4\n")
    code, text = run_in_terminal(["batch", str(archive), "-o", str(tmp_path / "out")], 40)
    assert code == 1
    lines = text.replace("\r\n", "\n").split("\n")
    for line in lines:
        for part in line.split("\r"):
            shown = visible(part)
            if not shown.startswith("Error: ") and "manifest:" not in shown:
                assert cells(shown) <= 39, part
    printed = [visible(line.split("\r")[-1]) for line in lines if line]
    assert printed[0].startswith("Error: ") and "broken.pdf" in printed[0]  # as it happened
    assert printed[1:] == [
        "failed      broken.pdf",
        printed[-1],
    ]
    assert re.match(
        r"converted 6, unchanged 0, not_outcome 0, skipped 0, failed 1 in ", printed[-1]
    )
    assert re.search(r"\r7/7 1 failed", text)  # the bar's last state, on the same line
