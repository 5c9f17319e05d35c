"""Throughput of ``emg-parse batch``: documents per second with -j 1 and -j N, and a re-run.

    python bench/batch_bench.py [--docs 40] [--jobs 2] [--repeat 3] [--cli]
    python bench/batch_bench.py --scaling [--jobs 2]

Generates an archive of ``--docs`` documents in a temporary folder (copies of
samples/*.pdf, *.docx and *.txt with a small variation each, so every hash
differs), converts it with ``-j 1`` and ``-j N`` into fresh output folders,
then re-runs the last one unchanged.  By default it times ``run_batch`` in this
process after importing the parser once (what a long batch costs per document);
``--cli`` times the whole command instead (``python -m emg_parse batch``),
start-up included.  The best of ``--repeat`` runs is reported.

``--scaling`` checks that what batch does per file, besides converting, is linear in
the number of files: it times archives of 1,000, 4,000 and 16,000 files, once all
skipped (walking, manifests) and once all unchanged documents of a previous run
(hashing, the previous manifest's lookup), and prints the cost per file, which
should stay flat.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from emg_parse import __version__
from emg_parse.batch import BatchOptions, output_name, run_batch, warm_up
from emg_parse.manifest import Row, write_manifests

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def make_archive(root: Path, count: int) -> list[Path]:
    """``count`` documents in nested folders, each a sample with its own small variation."""
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))
    made = []
    for n in range(count):
        sample = samples[n % len(samples)]
        path = root / f"meeting-{n % 5}" / f"part-{n % 3}" / f"{sample.stem}-{n}{sample.suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if sample.suffix == ".pdf":  # a comment after %%EOF: ignored by readers
            path.write_bytes(sample.read_bytes() + f"\n% variant {n}\n".encode())
        elif sample.suffix == ".docx":  # the ZIP comment
            shutil.copyfile(sample, path)
            with zipfile.ZipFile(path, "a") as archive:
                archive.comment = f"variant {n}".encode()
        else:  # trailing blank lines
            path.write_text(sample.read_text(encoding="utf-8") + "\n" * (n + 1), encoding="utf-8")
        made.append(path)
    return made


def in_process(archive: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    summary = run_batch(BatchOptions(archive, out, jobs=jobs))
    seconds = time.perf_counter() - start
    assert summary.failed == 0, summary
    return seconds


def command(archive: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    batch = ["batch", str(archive), "-o", str(out), "-j", str(jobs)]
    subprocess.run(
        [sys.executable, "-m", "emg_parse", *batch], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def best(run: Callable[[Path, Path, int], float], archive: Path, jobs: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            times.append(run(archive, Path(out) / "out", jobs))
    return min(times)


def many_files(root: Path, count: int, *, documents: bool) -> None:
    """``count`` files, 100 a folder: images (skipped), or small text documents with a
    manifest and outputs that make them all unchanged."""
    rows = []
    for n in range(count):
        rel = f"folder-{n // 100}/file-{n}.{'txt' if documents else 'png'}"
        data = f"document {n}\n".encode()
        path = root / "archive" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if documents:
            output = root / "out" / output_name(rel, "json")
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(b"{}")
            sha256 = hashlib.sha256(data).hexdigest()
            output_rel = output_name(rel, "json")
            rows.append(
                Row(rel, status="converted", output=output_rel, sha256=sha256, version=__version__)
            )
    (root / "out").mkdir(exist_ok=True)
    write_manifests(
        root / "out",
        rows,
        archive=root / "archive",
        fmt="json",
        version=__version__,
        complete=True,
    )


def scaling(jobs: int) -> None:
    print(f"cost per file, -j {jobs} (should stay flat as the archive grows)")
    for documents in (False, True):
        for count in (1000, 4000, 16000):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                many_files(root, count, documents=documents)
                start = time.perf_counter()
                summary = run_batch(BatchOptions(root / "archive", root / "out", jobs=jobs))
                seconds = time.perf_counter() - start
            assert (summary.unchanged if documents else summary.skipped) == count, summary
            kind = "unchanged documents" if documents else "skipped files"
            print(f"  {count:6} {kind:20} {seconds:6.2f} s  {1e6 * seconds / count:6.1f} us/file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel run's -j")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="time the command, start-up included")
    parser.add_argument("--scaling", action="store_true", help="cost per file as archives grow")
    args = parser.parse_args()
    if args.scaling:
        scaling(args.jobs)
        return
    run = command if args.cli else in_process
    if not args.cli:
        warm_up()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        make_archive(archive, args.docs)
        serial = best(run, archive, 1, args.repeat)
        parallel = best(run, archive, args.jobs, args.repeat)
        out = Path(tmp) / "out"
        run(archive, out, args.jobs)
        rerun = min(run(archive, out, args.jobs) for _ in range(args.repeat))
    n = args.docs
    print(f"{n} documents ({'command' if args.cli else 'in process'}, best of {args.repeat})")
    print(f"  -j 1: {serial:6.2f} s  {n / serial:6.1f} documents/s")
    print(f"  -j {args.jobs}: {parallel:6.2f} s  {n / parallel:6.1f} documents/s")
    print(f"  speed-up: {serial / parallel:.2f}")
    print(f"  unchanged re-run: {rerun:.3f} s ({1000 * rerun / n:.2f} ms per document)")


if __name__ == "__main__":
    main()
