"""``emg_parse.batch``: walking, naming, incremental re-runs, failures, hangs, interruptions."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import emg_parse.batch as batch_module
import emg_parse.manifest as manifest_module
from emg_parse.batch import (
    BatchOptions,
    BatchUsageError,
    DocumentDone,
    Event,
    Finished,
    Skipped,
    Started,
    Task,
    convert_document,
    output_name,
    run_batch,
    walk,
)
from emg_parse.cli import main
from emg_parse.limits import READER_MEMORY, memory_message, timeout_message
from emg_parse.manifest import COLUMNS, Row, Summary, load_rows
from emg_parse.model import OutcomeDocument

from .conftest import GOLDEN, ROOT, SAMPLES, temporaries

TXT = SAMPLES / "EMGSOM.26_3a.txt"
PDF = SAMPLES / "EMGSOM.26_3a_autonum.pdf"
TYPED_PDF = SAMPLES / "EMGSOM.26_3a_typed.pdf"
TYPED_DOCX = SAMPLES / "EMGSOM.26_3a_typed.docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)

#: The archive of :func:`make_archive`: documents and what becomes of them.
CONVERTED = [
    "misc/outcome-without-extension",
    "reports/2020/EMGSOM.26_3a.txt",
    "reports/2020/EMGSOM.26_3a_autonum.pdf",
    "reports/2020/summary.md",
    "reports/2021/doc.docx",
    "reports/2021/doc.pdf",
]
FAILED = ["broken/truncated.pdf", "reports/2021/old.doc"]
SKIPPED = ["misc/budget.xlsx", "misc/list.csv", "misc/photo.png"]


def make_archive(root: Path) -> Path:
    """A nested archive: good documents, a same-stem pair, broken ones and other files."""
    files: dict[str, bytes] = {
        "reports/2020/EMGSOM.26_3a_autonum.pdf": PDF.read_bytes(),
        "reports/2020/EMGSOM.26_3a.txt": TXT.read_bytes(),
        "reports/2020/summary.md": TXT.read_bytes(),
        "reports/2021/doc.pdf": TYPED_PDF.read_bytes(),
        "reports/2021/doc.docx": TYPED_DOCX.read_bytes(),
        "reports/2021/old.doc": OLE2,
        "reports/2021/.~lock.doc.docx#": b"lock",
        "broken/truncated.pdf": PDF.read_bytes()[:1500],
        "misc/outcome-without-extension": TYPED_DOCX.read_bytes(),
        "misc/photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "misc/list.csv": b"name,agency\nA,UNEP\n",
        ".git/config.pdf": PDF.read_bytes()[:100],
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with zipfile.ZipFile(root / "misc/budget.xlsx", "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    return root


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_archive(tmp_path / "archive")


def single_file_error(path: Path) -> str:
    """What ``emg-parse FILE`` says about ``path``, without ``Error: ``."""
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code != 0 and result.stderr.startswith("Error: ")
    return result.stderr.removeprefix("Error: ").rstrip("\n")


def run(
    archive: Path, out: Path, work: Callable[[Task], Row] = convert_document, **options: Any
) -> tuple[Summary, list[Event]]:
    events: list[Event] = []
    options.setdefault("jobs", 2)
    summary = run_batch(BatchOptions(archive, out, **options), events.append, work=work)
    return summary, events


def manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return data


def rows(out: Path) -> dict[str, dict[str, Any]]:
    return {row["path"]: row for row in manifest(out)["documents"]}


def statuses(out: Path) -> dict[str, str]:
    return {path: row["status"] for path, row in rows(out).items()}


def count_items(items: list[dict[str, Any]]) -> int:
    return sum(1 + count_items(item["items"]) for item in items)


# --------------------------------------------------------------------------- work functions
# They run in worker processes; module level, so they also work with "spawn".


def hang_on_stuck(task: Task) -> Row:
    if "stuck" in task.path:
        time.sleep(60)
    return convert_document(task)


def crash_on_crash(task: Task) -> Row:
    if "crash" in task.path:
        os.kill(os.getpid(), signal.SIGKILL)
    return convert_document(task)


def slow(task: Task) -> Row:
    time.sleep(0.25)
    return convert_document(task)


def kill_after_first(task: Task) -> Row:
    """Convert; after the first document, the worker is killed once it is idle."""
    row = convert_document(task)
    if task.path == "a.txt":
        pid = os.getpid()
        if os.fork() == 0:  # pragma: no cover - a helper process
            time.sleep(0.3)
            os.kill(pid, signal.SIGKILL)
            os._exit(0)
    return row


# --------------------------------------------------------------------------- walking and naming


def test_walk_finds_candidates_by_extension_or_content(archive: Path, tmp_path: Path) -> None:
    entries = list(walk(archive, tmp_path / "out"))
    assert [e.path for e in entries if e.candidate] == sorted(CONVERTED + FAILED)
    assert [e.path for e in entries if not e.candidate] == SKIPPED


def test_walk_leaves_out_hidden_files_and_the_output_folder(archive: Path) -> None:
    (archive / "json").mkdir()
    (archive / "json/x.pdf").write_bytes(b"%PDF-1.7")
    paths = [e.path for e in walk(archive, archive / "json")]
    assert not [p for p in paths if p.startswith(("json/", ".")) or "/." in p]
    assert len(paths) == len(CONVERTED + FAILED + SKIPPED)


def test_output_name_keeps_the_whole_input_name() -> None:
    assert output_name("a/doc.pdf", "json") == "a/doc.pdf.json"
    assert output_name("a/doc.docx", "yaml") == "a/doc.docx.yaml"
    assert output_name("README", "json") == "README.json"


# --------------------------------------------------------------------------- a first run


def test_first_run_converts_skips_and_records_every_file(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary, events = run(archive, out)
    assert (summary.converted, summary.unchanged, summary.skipped, summary.failed) == (6, 0, 3, 2)

    assert statuses(out) == (
        dict.fromkeys(CONVERTED, "converted")
        | dict.fromkeys(FAILED, "failed")
        | dict.fromkeys(SKIPPED, "skipped")
    )
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == sorted([output_name(p, "json") for p in CONVERTED] + ["manifest.json"])

    # The same-stem pair: two outputs, each from its own input.
    pair = [json.loads((out / f"reports/2021/doc.{x}.json").read_text()) for x in ("pdf", "docx")]
    assert [d["source"]["format"] for d in pair] == ["pdf", "docx"]
    assert [d["source"]["file"] for d in pair] == ["doc.pdf", "doc.docx"]

    # Events: Started, one Skipped per other file, one DocumentDone per document, Finished.
    assert events[0] == Started(total=8, skipped=3, jobs=2)
    assert [e.row.path for e in events if isinstance(e, Skipped)] == SKIPPED
    done = [e for e in events if isinstance(e, DocumentDone)]
    assert [e.done for e in done] == list(range(1, 9)) and done[-1].failed == 2
    assert events[-1] == Finished(summary, out / "manifest.json")


def test_manifest_rows_hold_counts_hashes_and_single_file_messages(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(archive, out)
    data = manifest(out)
    assert data["complete"] is True and data["format"] == "json"
    assert data["summary"]["converted"] == 6
    table = rows(out)

    golden = json.loads((GOLDEN / "EMGSOM.26_3a.txt.json").read_text(encoding="utf-8"))
    decisions = [d for s in golden["sections"] for d in s["decisions"]]
    row = table["reports/2020/EMGSOM.26_3a.txt"]
    assert row == {
        "path": "reports/2020/EMGSOM.26_3a.txt",
        "output": "reports/2020/EMGSOM.26_3a.txt.json",
        "sha256": golden["source"]["sha256"],
        "status": "converted",
        "error": None,
        "sections": len(golden["sections"]),
        "decisions": len(decisions),
        "items": sum(count_items(d["items"]) for d in decisions),
        "warnings": len(golden["warnings"]),
        "seconds": row["seconds"],
        "version": row["version"],
        "run": data["run"],
    }
    assert row["items"] > 0 and row["version"] == __import__("emg_parse").__version__
    assert table["reports/2020/summary.md"]["sha256"] == row["sha256"]

    for path in FAILED:
        failed = table[path]
        assert failed["error"] == single_file_error(archive / path)
        assert failed["output"] is None and failed["sections"] is None
        assert failed["sha256"] is not None
    assert "old binary Word .doc" in table["reports/2021/old.doc"]["error"]
    for path in SKIPPED:
        expected = Row(path, status="skipped", version=row["version"], run=data["run"])
        assert table[path] == expected.to_dict()


def test_manifest_csv_has_the_same_rows(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(archive, out)
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert tuple(table[0]) == COLUMNS
    # the order the README gives, that of the JSON's rows too
    assert COLUMNS == (
        "path",
        "output",
        "sha256",
        "status",
        "error",
        "sections",
        "decisions",
        "items",
        "warnings",
        "seconds",
        "version",
        "run",
    )
    assert all(tuple(row) == COLUMNS for row in rows(out).values())
    assert [r["path"] for r in table] == sorted(rows(out))
    by_path = {r["path"]: r for r in table}
    assert by_path["reports/2021/doc.pdf"]["sections"] == "12"
    assert by_path["misc/photo.png"]["output"] == ""
    assert by_path["broken/truncated.pdf"]["error"] == rows(out)["broken/truncated.pdf"]["error"]


# --------------------------------------------------------------------------- re-runs


def test_unchanged_rerun_only_hashes(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(archive, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != "manifest.json"}

    def must_not_parse(*args: object, **kwargs: object) -> OutcomeDocument:
        raise AssertionError("an unchanged document was parsed")

    monkeypatch.setattr("emg_parse.pipeline.parse_file", must_not_parse)  # inherited by workers

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker process was started with nothing to convert")

    monkeypatch.setattr(batch_module, "ProcessPool", no_pool)
    for path in FAILED:
        (archive / path).unlink()
    summary, events = run(archive, out)
    assert (summary.converted, summary.unchanged, summary.failed) == (0, 6, 0)
    assert [e.row.status for e in events if isinstance(e, DocumentDone)] == ["unchanged"] * 6
    assert {p: p.stat().st_mtime_ns for p in before} == before
    table = rows(out)
    assert {table[p]["status"] for p in CONVERTED} == {"unchanged"}
    assert table["reports/2021/doc.pdf"]["sections"] == 12  # counts carried over
    assert set(table) == set(CONVERTED + SKIPPED)


def test_changed_or_missing_documents_are_converted_again(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(archive, out)
    changed = archive / "reports/2020/summary.md"
    changed.write_bytes(changed.read_bytes().replace(b"Biodiversity", b"Biological Diversity"))
    (out / output_name("reports/2021/doc.docx", "json")).unlink()
    new = archive / "reports/2022/EMGSOM.26_3a.txt"
    new.parent.mkdir()
    shutil.copy(TXT, new)
    run(archive, out)
    table = rows(out)
    converted = {p for p, r in table.items() if r["status"] == "converted"}
    assert converted == {
        "reports/2020/summary.md",
        "reports/2021/doc.docx",
        "reports/2022/" + TXT.name,
    }
    assert "Biological Diversity" in (out / "reports/2020/summary.md.json").read_text()
    sha256 = {path: table[path]["sha256"] for path in ("reports/2020/summary.md", CONVERTED[1])}
    assert len(set(sha256.values())) == 2


def test_new_version_or_force_converts_everything(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(archive, out)
    assert run(archive, out, force=True)[0].converted == 6
    monkeypatch.setattr("emg_parse.batch.__version__", "99.0")
    assert run(archive, out)[0].converted == 6
    assert {r["version"] for r in rows(out).values()} == {"99.0"}
    assert run(archive, out)[0].unchanged == 6


def test_format_change_converts_again_and_replaces_the_old_outputs(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(archive, out)
    summary, _ = run(archive, out, fmt="yaml")
    assert summary.converted == 6
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml")) == sorted(
        output_name(p, "yaml") for p in CONVERTED
    )
    assert [p.name for p in out.rglob("*.json")] == ["manifest.json"]
    assert manifest(out)["format"] == "yaml"


def test_failed_document_leaves_no_stale_output(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(archive, out)
    doc = archive / "reports/2021/doc.pdf"
    assert (out / "reports/2021/doc.pdf.json").is_file()
    doc.write_bytes(doc.read_bytes()[:1500])
    summary, _ = run(archive, out)
    assert summary.failed == 3 and summary.unchanged == 5
    assert not (out / "reports/2021/doc.pdf.json").exists()
    assert rows(out)["reports/2021/doc.pdf"]["error"] == single_file_error(doc)


def test_output_folder_inside_the_archive_is_not_walked(archive: Path) -> None:
    out = archive / "converted"
    first, _ = run(archive, out)
    second, _ = run(archive, out)
    assert (second.unchanged, second.skipped) == (first.converted, first.skipped)


def test_a_document_whose_output_would_be_the_manifest_fails(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(TYPED_DOCX, archive / "manifest")
    summary, _ = run(archive, tmp_path / "out")
    assert summary.failed == 1
    assert rows(tmp_path / "out")["manifest"]["error"] == (
        f"{archive / 'manifest'}: its output name is taken by the manifest; rename the file"
    )


def test_invalid_manifest_or_rows_are_ignored(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("{not json")
    assert run(archive, out)[0].converted == 6
    data = manifest(out)
    data["documents"][0]["seconds"] = float("nan")
    data["documents"][1]["sections"] = "many"
    data["documents"][2]["error"] = "\udcff"  # a lone surrogate: not text
    data["documents"][3]["path"] = "a\nb"  # not a name as batch writes it (a\\nb)
    (out / "manifest.json").write_text(json.dumps(data))
    assert len(load_rows(out)) == len(data["documents"]) - 4
    summary, _ = run(archive, out)  # the one document whose row was dropped is converted
    assert (summary.unchanged, summary.converted) == (5, 1)


def test_usage_errors(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(BatchUsageError, match="the output folder is the archive itself"):
        run_batch(BatchOptions(archive, archive))
    with pytest.raises(BatchUsageError, match="no such folder"):
        run_batch(BatchOptions(tmp_path / "missing", tmp_path / "out"))


# --------------------------------------------------------------------------- hangs and crashes


def hang_archive(root: Path, names: list[str]) -> Path:
    root.mkdir()
    for name in names:
        shutil.copy(TXT, root / name)
    # The largest document is dispatched first: the hang comes before the others.
    with (root / names[0]).open("ab") as fh:
        fh.write(b"\n" * 20000)
    return root


def test_hanging_document_is_killed_and_the_batch_goes_on(tmp_path: Path) -> None:
    archive = hang_archive(tmp_path / "archive", ["stuck.txt", "a.txt", "b.txt"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "stuck.txt.json").write_text("from an earlier run")
    start = time.monotonic()
    summary, _ = run(archive, out, jobs=1, timeout=0.3, kill_grace=0.2, work=hang_on_stuck)
    assert time.monotonic() - start < 5
    assert (summary.converted, summary.failed) == (2, 1)
    row = rows(out)["stuck.txt"]
    assert row["error"] == f"{archive / 'stuck.txt'}: {timeout_message(0.3)}"
    assert row["error"].startswith(f"{archive / 'stuck.txt'}: stopped after 0.3 s: ")
    assert 0.5 <= row["seconds"] < 3 and row["sha256"] is not None
    assert not (out / "stuck.txt.json").exists()


def test_crashed_worker_costs_only_its_document(tmp_path: Path) -> None:
    archive = hang_archive(tmp_path / "archive", ["crash.txt", "a.txt"])
    out = tmp_path / "out"
    summary, _ = run(archive, out, jobs=1, work=crash_on_crash)
    assert (summary.converted, summary.failed) == (1, 1)
    assert rows(out)["crash.txt"]["error"] == (
        f"{archive / 'crash.txt'}: the worker process stopped (killed by SIGKILL) while reading "
        f"it: the document may be damaged, or need over {READER_MEMORY >> 20} MB of memory"
    )


def test_unexpected_exception_is_recorded_not_raised(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(path: Path, *args: object, **kwargs: object) -> OutcomeDocument:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("emg_parse.pipeline.parse_file", bug)
    summary, _ = run(archive, tmp_path / "out")
    assert summary.failed == 8
    error = rows(tmp_path / "out")["reports/2021/doc.pdf"]["error"]
    assert error == (
        f"{archive / 'reports/2021/doc.pdf'}: unexpected error (a bug: please report it with "
        "the file): ZeroDivisionError('division by zero')"
    )


def test_memory_error_is_recorded_as_a_document_too_big_to_read(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(path: Path, *args: object, **kwargs: object) -> OutcomeDocument:
        raise MemoryError  # what the worker's memory limit raises in Python code

    monkeypatch.setattr("emg_parse.pipeline.parse_file", exhausted)
    summary, _ = run(archive, tmp_path / "out")
    assert summary.failed == 8
    assert rows(tmp_path / "out")["reports/2021/doc.pdf"]["error"] == (
        f"{archive / 'reports/2021/doc.pdf'}: {memory_message(READER_MEMORY)}"
    )


def pid_row(task: Task) -> Row:
    """A row whose ``error`` is the pid of the worker that made it."""
    return Row(task.key, status="failed", error=str(os.getpid()))


def test_workers_are_replaced_after_tasks_per_worker(tmp_path: Path) -> None:
    archive = hang_archive(tmp_path / "archive", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    run(archive, tmp_path / "out", jobs=1, tasks_per_worker=2, work=pid_row)
    pids = [row["error"] for _path, row in sorted(rows(tmp_path / "out").items())]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    assert str(os.getpid()) not in pids


def test_a_worker_killed_while_idle_costs_no_document(tmp_path: Path) -> None:
    # e.g. the OOM killer, while the worker waits: the pool is replaced, and every
    # document is still converted
    archive = hang_archive(tmp_path / "archive", ["a.txt", "b.txt", "c.txt"])
    summary, _ = run(archive, tmp_path / "out", jobs=1, work=kill_after_first)
    assert (summary.converted, summary.failed) == (3, 0)


# --------------------------------------------------------------------------- interruptions


def test_the_manifest_is_rewritten_during_the_run(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[tuple[bool, list[str]]] = []  # (complete, status of each row)
    real = manifest_module.write_manifests

    def noting(out_dir: Path, rows: list[Row], **kwargs: Any) -> None:
        written.append((kwargs["complete"], [row.status for row in rows]))
        real(out_dir, rows, **kwargs)

    monkeypatch.setattr("emg_parse.batch.write_manifests", noting)  # as batch calls it
    run(archive, tmp_path / "out", jobs=1, manifest_interval=0.0)
    # when the archive is walked (the skipped files alone), during the run, at the end
    assert written[0] == (False, ["skipped"] * len(SKIPPED))
    during = [statuses for complete, statuses in written[1:-1]]
    assert during and not any(complete for complete, _ in written[:-1])
    assert len(during[0]) == len(SKIPPED) + 1 < len(written[-1][1])
    assert written[-1][0] is True


def test_resume_after_a_killed_run_left_a_partial_manifest_and_a_temporary(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(archive, out)
    data = manifest(out)
    data["complete"] = False
    data["documents"] = [r for r in data["documents"] if r["path"].startswith("reports/2020/")]
    (out / "manifest.json").write_text(json.dumps(data))
    (out / "reports/2021/doc.pdf.json").unlink()
    leftover = out / "reports/2021/.emg-parse-k2j4_x9a.tmp"
    leftover.write_text('{"half": ')
    summary, _ = run(archive, out)
    assert not leftover.exists()
    assert (summary.unchanged, summary.converted) == (3, 3)
    assert manifest(out)["complete"] is True
    assert len(rows(out)) == len(CONVERTED + FAILED + SKIPPED)


def test_killed_run_keeps_its_progress_and_the_next_run_resumes(
    archive: Path, tmp_path: Path
) -> None:
    """SIGKILL the batch process mid-run: valid manifest, workers gone, resumed next time."""
    out = tmp_path / "out"
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from tests.test_batch import slow
        from emg_parse.batch import BatchOptions, run_batch
        options = BatchOptions(Path({str(archive)!r}), Path({str(out)!r}), jobs=1,
                               manifest_interval=0.0)
        run_batch(options, work=slow)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 15
    done: list[str] = []
    while time.monotonic() < deadline and len(done) < 3:
        time.sleep(0.05)
        if (out / "manifest.json").exists():  # always valid JSON: written atomically
            done = [p for p, s in statuses(out).items() if s == "converted"]
    process.kill()
    process.wait()
    assert len(done) >= 3 and manifest(out)["complete"] is False
    if Path("/proc/self").exists():  # workers die with the batch process (Linux)
        time.sleep(0.3)
        leftovers = [
            p for p in Path("/proc").glob("[0-9]*/cmdline") if str(archive).encode() in _read(p)
        ]
        assert leftovers == []
    summary, _ = run(archive, out)
    assert summary.unchanged >= 3 and summary.unchanged + summary.converted == 6
    assert temporaries(out) == [] and manifest(out)["complete"] is True


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


# --------------------------------------------------------------------------- "spawn"
# macOS and Windows start workers with "spawn" (a fresh interpreter that imports what it
# needs) rather than "fork"; these run the same batch that way here.


@pytest.fixture
def spawning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "_context", lambda: multiprocessing.get_context("spawn"))


def test_spawned_workers_convert_the_archive_as_forked_ones_do(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked = tmp_path / "forked"
    run(archive, forked)
    monkeypatch.setattr(batch_module, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = tmp_path / "spawned"
    summary, _ = run(archive, spawned)
    assert (summary.converted, summary.unchanged, summary.skipped, summary.failed) == (6, 0, 3, 2)
    assert statuses(spawned) == statuses(forked)
    outputs = sorted(str(p.relative_to(forked)) for p in forked.rglob("*.json"))
    outputs.remove("manifest.json")
    assert len(outputs) == len(CONVERTED)
    for name in outputs:
        assert (spawned / name).read_bytes() == (forked / name).read_bytes(), name


@pytest.mark.usefixtures("spawning")
def test_spawned_worker_that_crashes_or_hangs_costs_only_its_document(tmp_path: Path) -> None:
    archive = hang_archive(tmp_path / "archive", ["crash.txt", "a.txt"])
    summary, _ = run(archive, tmp_path / "out", jobs=1, work=crash_on_crash)
    assert (summary.converted, summary.failed) == (1, 1)
    archive = hang_archive(tmp_path / "archive2", ["stuck.txt", "b.txt"])
    summary, _ = run(
        archive, tmp_path / "out2", jobs=1, timeout=2, kill_grace=0.2, work=hang_on_stuck
    )
    assert (summary.converted, summary.failed) == (1, 1)
