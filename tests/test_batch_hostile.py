"""``emg-parse batch`` on hostile and odd archives: file names, links, limits, hand edits.

Every test builds its archive in ``tmp_path``; none may change anything outside OUT_DIR
(victim files outside it are checked to survive), print a traceback, or leave the
manifest invalid.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from emg_parse.batch import Task, convert_document
from emg_parse.cli import main
from emg_parse.errors import shown
from emg_parse.limits import READER_MEMORY
from emg_parse.manifest import COLUMNS, FORMULA_STARTS, Row

from .conftest import ROOT, SAMPLES
from .test_batch import run, single_file_error

TXT = SAMPLES / "EMGSOM.26_3a.txt"
TYPED_PDF = SAMPLES / "EMGSOM.26_3a_typed.pdf"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def put(folder: Path, name: str | bytes, data: bytes) -> Path:
    """Write ``data`` to ``folder/name``; ``name`` may hold any bytes (and ``/``)."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert not isinstance(result.exception, AssertionError)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def command(*args: str, limit_files: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m emg_parse batch ARGS`` in a new process (bytes out, for strict decoding)."""

    def limit() -> None:
        if limit_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit_files, limit_files))

    return subprocess.run(
        [sys.executable, "-m", "emg_parse", "batch", *args],
        capture_output=True,
        env=ENV,
        preexec_fn=limit,
        timeout=300,
    )


def documents(out: Path) -> list[dict[str, Any]]:
    """The rows of manifest.json, read as strict UTF-8."""
    data = json.loads((out / "manifest.json").read_bytes().decode("utf-8"))
    rows: list[dict[str, Any]] = data["documents"]
    return rows


def by_path(out: Path) -> dict[str, dict[str, Any]]:
    return {row["path"]: row for row in documents(out)}


def csv_records(out: Path) -> list[list[str]]:
    text = (out / "manifest.csv").read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def files_in(folder: Path) -> dict[bytes, bytes]:
    """Every file under ``folder`` (links not followed) with its content: a snapshot."""
    found = {}
    for root, _, names in os.walk(os.fsencode(folder)):
        for name in names:
            path = os.path.join(root, name)
            link = os.path.islink(path)
            found[path] = b"<link>" if link else Path(os.fsdecode(path)).read_bytes()
    return found


# --------------------------------------------------------------------------- file names


def test_names_that_are_not_utf8_are_listed_escaped_and_recognised_on_a_rerun(
    tmp_path: Path,
) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    put(archive, b"img\xff.png", b"\x89PNG\r\n\x1a\n")
    put(archive, b"doc\xff.txt", TXT.read_bytes())
    put(archive, b"sub\xfe/doc.txt", TXT.read_bytes())
    put(archive, "new\nline\x1b.txt", TXT.read_bytes())
    bad = put(archive, b"bad\xff.txt", b"")  # empty: fails

    code, stdout, stderr = cli(str(archive), "-o", str(out), "-j", "2")
    assert code == 1
    rows = by_path(out)
    assert sorted(rows) == [
        "bad\\xff.txt",
        "doc\\xff.txt",
        "img\\xff.png",
        "new\\nline\\x1b.txt",
        "sub\\xfe/doc.txt",
    ]
    assert rows["img\\xff.png"]["status"] == "skipped"
    for key in ("doc\\xff.txt", "sub\\xfe/doc.txt", "new\\nline\\x1b.txt"):
        assert rows[key]["status"] == "converted"
        assert rows[key]["output"] == key + ".json"
    # The output keeps the input's own bytes on disk; inside, source.file is escaped.
    written = os.fsencode(out) + b"/doc\xff.txt.json"
    assert json.loads(Path(os.fsdecode(written)).read_bytes())["source"]["file"] == "doc\\xff.txt"
    assert os.path.isfile(os.fsencode(out) + b"/sub\xfe/doc.txt.json")
    assert rows["bad\\xff.txt"]["error"] == single_file_error(bad)
    assert stderr == f"Error: {single_file_error(bad)}\n"
    assert f"Error: {archive}/bad\\xff.txt: empty file" in stderr
    assert "converted   doc\\xff.txt -> doc\\xff.txt.json (" in stdout
    assert "skipped     img\\xff.png\n" in stdout
    assert [r[0] for r in csv_records(out)[1:]] == sorted(rows)

    code, stdout, _ = cli(str(archive), "-o", str(out), "-j", "2")
    assert code == 1 and "converted 0, unchanged 3, not_outcome 0, skipped 1, failed 1" in stdout
    assert "unchanged   sub\\xfe/doc.txt\n" in stdout


def test_names_that_look_alike_once_escaped_get_a_row_each_and_are_converted_every_run(
    tmp_path: Path,
) -> None:
    """The byte ``\\xff`` and the four characters ``\\xff`` (or the byte ``\\x85`` and the
    character U+0085) show the same: the manifest cannot tell which row is whose."""
    archive, out = tmp_path / "archive", tmp_path / "out"
    alike = [b"a\xff.txt", b"a\\xff.txt", b"c\x85.txt", "c\x85.txt".encode()]
    for name in [*alike, b"b.txt"]:
        put(archive, name, TXT.read_bytes())
    for attempt in (1, 2):
        assert cli(str(archive), "-o", str(out))[0] == 0
        statuses = [(row["path"], row["status"]) for row in documents(out)]
        assert sorted(statuses) == [
            ("a\\xff.txt", "converted"),
            ("a\\xff.txt", "converted"),
            ("b.txt", "converted" if attempt == 1 else "unchanged"),
            ("c\\x85.txt", "converted"),
            ("c\\x85.txt", "converted"),
        ]
    for name in alike:
        assert os.path.isfile(os.fsencode(out) + b"/" + name + b".json")


# --------------------------------------------------------------------------- manifest.csv


def test_manifest_csv_cells_cannot_run_as_formulas_or_split_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    archive = Path("=HYPERLINK(1)")  # errors start with the archive as given
    names = [
        "=1+1.txt",
        "+1.png",
        "-2.png",
        "@SUM(A1).png",
        "\tx.png",
        "\rx.png",
        "a\r\nb.png",
        'q"uote,=1;=2.png',
        "ok.txt",
    ]
    for name in names:
        put(archive, name, TXT.read_bytes() if name == "ok.txt" else b"")
    out = Path("out")
    assert cli(str(archive), "-o", str(out))[0] == 1  # =1+1.txt fails

    records = csv_records(out)
    assert len(records) == 1 + len(names) and records[0] == list(COLUMNS)
    json_rows = documents(out)
    for record, row in zip(records[1:], json_rows, strict=True):
        assert len(record) == len(COLUMNS)
        for cell, name in zip(record, COLUMNS, strict=True):
            assert not cell.startswith(FORMULA_STARTS), cell
            value = row[name]
            expected = "" if value is None else str(value)
            assert cell in (expected, "'" + expected)
            assert (cell != expected) == expected.startswith(FORMULA_STARTS)
    failed = next(row for row in json_rows if row["status"] == "failed")
    assert failed["path"] == "=1+1.txt" and failed["error"].startswith("=HYPERLINK(1)/=1+1.txt: ")
    assert [row["path"] for row in json_rows] == sorted(shown(name) for name in names)
    # Every text cell is quoted, so a spreadsheet assuming ';' as separator keeps it whole.
    text = (out / "manifest.csv").read_text(encoding="utf-8")
    assert '"\'-2.png"' in text and '"q""uote,=1;=2.png"' in text


# --------------------------------------------------------------------------- deleting


def failing_archive(archive: Path) -> Path:
    """Documents that fail (so their old outputs are removed) and one that converts."""
    for name in ("a.txt", "b.txt", "c.txt", "link/d.txt"):
        put(archive, name, b"")  # empty: fails
    shutil.copy(TXT, archive / "good.txt")
    return archive


def test_a_hand_edited_manifest_cannot_delete_files_outside_out_dir(tmp_path: Path) -> None:
    archive = failing_archive(tmp_path / "archive")
    out = archive / "converted"  # inside the archive: its inputs are one '..' away
    outside = tmp_path / "outside"
    victims = {
        "../../victim": put(tmp_path, "victim", b"keep"),
        str(tmp_path / "absolute"): put(tmp_path, "absolute", b"keep"),
        "../good.txt": archive / "good.txt",  # another document's input
        "link/d.txt.json": put(outside, "d.txt.json", b"keep"),  # through a link in OUT_DIR
    }
    put(outside, "c.txt.json", b"keep")
    out.mkdir()
    (out / "link").symlink_to(outside, target_is_directory=True)
    (out / "c.txt.json").symlink_to(outside / "c.txt.json")  # an output that is a link
    (out / "b.txt.yaml").symlink_to(outside / "c.txt.json")  # a link in the old format's name
    rows = [
        Row("a.txt", status="converted", output="../../victim"),
        Row("b.txt", status="converted", output=str(tmp_path / "absolute")),
        Row("c.txt", status="converted", output="../good.txt"),
        Row("link/d.txt", status="converted", output="link/d.txt.json"),
        Row("good.txt", status="converted", output="b.txt.yaml"),
    ]
    data = {"documents": [row.to_dict() for row in rows]}
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    before = files_in(tmp_path / "outside") | {
        os.fsencode(p): p.read_bytes() for p in victims.values()
    }

    code, _, stderr = cli(str(archive), "-o", str(out))
    assert code == 1 and stderr.count("\n") == 4
    assert files_in(outside) | {os.fsencode(p): p.read_bytes() for p in victims.values()} == before
    assert (out / "c.txt.json").is_symlink() and (out / "b.txt.yaml").is_symlink()
    assert by_path(out)["good.txt"]["status"] == "converted"


def test_an_old_output_is_removed_only_under_the_name_batch_gives_it(tmp_path: Path) -> None:
    archive = failing_archive(tmp_path / "archive")
    out = tmp_path / "out"
    kept = [put(out, "a.txt.old", b"mine"), put(out, "notes.json", b"mine")]
    stale = [put(out, "a.txt.json", b"old"), put(out, "b.txt.yaml", b"old")]
    rows = [
        Row("a.txt", status="converted", output="a.txt.old"),
        Row("b.txt", status="converted", output="b.txt.yaml"),
        Row("c.txt", status="converted", output="notes.json"),
    ]
    (out / "manifest.json").write_text(json.dumps({"documents": [r.to_dict() for r in rows]}))
    assert cli(str(archive), "-o", str(out))[0] == 1
    assert [p.exists() for p in kept + stale] == [True, True, False, False]


def test_a_link_inside_out_dir_is_neither_written_nor_deleted_through(tmp_path: Path) -> None:
    archive, out, outside = tmp_path / "archive", tmp_path / "out", tmp_path / "outside"
    shutil.copy(TXT, put(archive, "sub/doc.txt", b""))
    put(outside, "doc.txt.json", b"keep")
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    code, _, stderr = cli(str(archive), "-o", str(out))
    assert code == 1
    assert stderr == (
        f"Error: {out}/sub/doc.txt.json: a folder on its way is a symbolic link (or not a "
        "folder); not written\n"
    )
    assert (outside / "doc.txt.json").read_bytes() == b"keep"


def test_only_the_writers_own_temporary_files_are_cleaned_up(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copy(TXT, put(archive, "doc.txt", b""))
    out, outside = tmp_path / "out", tmp_path / "outside"
    mine = [
        put(out, ".notes.json.abcdefgh.tmp", b"mine"),
        put(out, "x.tmp", b"mine"),
        put(out, "sub/.emg-parse-TOOLONG99.tmp", b"mine"),
    ]
    victim = put(outside, "victim", b"keep")
    (out / ".emg-parse-abcd1234.tmp").symlink_to(victim)
    (out / ".emg-parse-efgh5678.tmp").mkdir()
    leftover = put(out, "sub/.emg-parse-k2j4_x9a.tmp", b'{"half": ')
    assert cli(str(archive), "-o", str(out))[0] == 0
    assert all(path.read_bytes() == b"mine" for path in mine) and victim.read_bytes() == b"keep"
    assert (out / ".emg-parse-abcd1234.tmp").is_symlink()
    assert (out / ".emg-parse-efgh5678.tmp").is_dir() and not leftover.exists()


def test_an_output_folder_that_holds_the_archive_is_refused(tmp_path: Path) -> None:
    archive = failing_archive(tmp_path / "out" / "archive")
    before = files_in(tmp_path)
    code, stdout, stderr = cli(str(archive), "-o", str(tmp_path / "out"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"Error: {tmp_path / 'out'}: the output folder holds the archive; give a folder outside "
        "it with -o\n"
    )
    assert files_in(tmp_path) == before


# --------------------------------------------------------------------------- links


def test_links_are_followed_only_inside_the_archive(tmp_path: Path) -> None:
    archive, out, outside = tmp_path / "archive", tmp_path / "archive" / "out", tmp_path / "x"
    shutil.copy(TXT, put(archive, "real.txt", b""))
    shutil.copy(TXT, put(outside, "secret.txt", b""))
    links = {
        "inside.txt": archive / "real.txt",
        "outside.txt": outside / "secret.txt",
        "outside-folder": outside,
        "dangling.txt": archive / "missing.txt",
        "loop-a.txt": archive / "loop-b.txt",
        "loop-b.txt": archive / "loop-a.txt",
        "into-out.txt": out / "real.txt.json",
        "device": Path("/dev/zero"),
    }
    put(out, "real.txt.json", b"{}")
    for name, target in links.items():
        (archive / name).symlink_to(target)
    code, stdout, stderr = cli(str(archive), "-o", str(out))
    assert (code, stderr) == (0, "")
    rows = by_path(out)
    assert {path: row["status"] for path, row in rows.items()} == {
        "inside.txt": "converted",
        "real.txt": "converted",
    } | dict.fromkeys(set(links) - {"inside.txt"}, "skipped")
    outside_message = "a symbolic link to outside the archive; not read"
    broken_message = "a broken symbolic link (its target is missing, or a loop); not read"
    for name in ("outside.txt", "outside-folder", "into-out.txt", "device"):
        assert rows[name]["error"] == f"{archive / name}: {outside_message}"
    for name in ("dangling.txt", "loop-a.txt", "loop-b.txt"):
        assert rows[name]["error"] == f"{archive / name}: {broken_message}"
    assert rows["inside.txt"]["sha256"] == rows["real.txt"]["sha256"]
    assert "skipped     outside.txt\n" in stdout
    assert "converted 2, unchanged 0, not_outcome 0, skipped 7, failed 0" in stdout


# --------------------------------------------------------------------------- limits


def many_page_pdf(path: Path) -> Path:
    """The typed sample redrawn 8 lines a page (14 pages: read by parallel page readers)."""
    from emg_parse.extractors.registry import extract

    from .pdfgen import Page, write_pdf

    lines = extract(TYPED_PDF).lines
    pages = []
    for start in range(0, len(lines), 8):
        page, top = Page(), 90.0
        for line in lines[start : start + 8]:
            size = line.style.size or 11.0
            top += (1.8 if line.new_block else 1.2) * size
            text = line.text.encode("cp1252", "replace").decode("cp1252")
            font = "Times-Bold" if line.style.bold else "Times-Roman"
            page.text_top(line.x or 72.0, top, text, size, font)
        pages.append(page)
    return write_pdf(path, pages)


def test_jobs_are_capped_by_the_open_files_limit(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    many_page_pdf(put(archive, "long.pdf", b""))
    for n in range(11):
        shutil.copy(TYPED_PDF if n % 2 else TXT, archive / f"doc-{n}{'.pdf' if n % 2 else '.txt'}")
    out = tmp_path / "out"
    done = command(str(archive), "-o", str(out), "-j", "300", limit_files=64)
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert (done.returncode, stderr) == (0, ""), stderr
    header = stdout.splitlines()[0]
    assert header.startswith("12 documents, 0 other files; ") and header.endswith(" workers")
    assert 1 < int(header.split("; ")[1].split()[0]) < 12
    assert by_path(out)["long.pdf"]["sections"] == 12


def test_too_low_an_open_files_limit_is_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copy(TXT, put(archive, "doc.txt", b""))
    done = command(str(archive), "-o", str(tmp_path / "out"), limit_files=30)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode() == (
        "Error: the open-files limit (30; 'ulimit -n') leaves no room for a worker process; "
        "raise it, e.g. 'ulimit -n 1024'\n"
    )


def read_bytes_of_this_process() -> int:
    with open("/proc/self/io", "rb") as fh:
        return int(next(line for line in fh if line.startswith(b"rchar:")).split()[1])


def counting_reads(task: Task) -> Row:
    """``convert_document``, noting how many bytes the worker read meanwhile (Linux)."""
    before = read_bytes_of_this_process() if Path("/proc/self/io").exists() else 0
    row = convert_document(task)
    if Path("/proc/self/io").exists():
        read = read_bytes_of_this_process() - before
        (task.out_dir.parent / f"read-{task.path}").write_text(str(read))
    return row


def test_a_file_over_the_size_limit_fails_at_once_without_being_read(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    huge = put(archive, "huge.pdf", b"")
    with huge.open("r+b") as fh:
        fh.truncate(30 << 30)  # sparse: no disk used
    shutil.copy(TXT, archive / "doc.txt")
    out = tmp_path / "out"
    summary, _ = run(archive, out, jobs=1, work=counting_reads)
    assert (summary.converted, summary.failed) == (1, 1)
    row = by_path(out)["huge.pdf"]
    assert row["error"] == single_file_error(huge) and row["sha256"] is None
    assert "too large (32212.3 MB > limit" in row["error"]
    if Path("/proc/self/io").exists():
        assert int((tmp_path / "read-huge.pdf").read_text()) < 1 << 20


def memory_left(task: Task) -> Row:
    """A row whose ``seconds`` is what the worker may still allocate (its RLIMIT_DATA less
    the data it has), in MB."""
    with open("/proc/self/statm", "rb") as fh:
        data = int(fh.read().split()[5]) * os.sysconf("SC_PAGE_SIZE")
    limit = resource.getrlimit(resource.RLIMIT_DATA)[0]
    return Row(task.key, status="skipped", seconds=(limit - data) / (1 << 20))


def test_workers_have_the_readers_memory_limit(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copy(TXT, put(archive, "doc.txt", b""))
    run(archive, tmp_path / "out", jobs=1, work=memory_left)
    left = by_path(tmp_path / "out")["doc.txt"]["seconds"]
    assert (READER_MEMORY >> 20) - 64 < left <= READER_MEMORY >> 20


# --------------------------------------------------------------------------- the manifest


def manifest_when_started(task: Task) -> Row:
    """Fails the document unless a manifest (incomplete) listed the skipped file first."""
    data = json.loads((task.out_dir / "manifest.json").read_text(encoding="utf-8"))
    seen = [row["path"] for row in data["documents"]]
    if data["complete"] is False and seen == ["photo.png"]:
        return convert_document(task)
    return Row(task.key, status="failed", error=f"manifest not written first: {data}")


def test_the_first_manifest_is_written_as_soon_as_the_archive_is_walked(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copy(TXT, put(archive, "doc.txt", b""))
    put(archive, "photo.png", b"\x89PNG\r\n\x1a\n")
    summary, _ = run(
        archive, tmp_path / "out", jobs=1, manifest_interval=600, work=manifest_when_started
    )
    assert (summary.converted, summary.failed) == (1, 0)


def test_the_first_manifest_is_an_error_when_out_dir_cannot_be_written(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copy(TXT, put(archive, "doc.txt", b""))
    out = tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)  # a folder where the manifest goes
    code, stdout, stderr = cli(str(archive), "-o", str(out))
    assert code == 9 and stderr.startswith(f"Error: {out / 'manifest.json'}: cannot write (")
    assert stderr.count("\n") == 1 and "converted" not in stdout
