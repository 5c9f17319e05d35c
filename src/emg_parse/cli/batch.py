"""``emg-parse batch ARCHIVE_DIR -o OUT_DIR``: convert a folder tree (see ``emg_parse.batch``)."""

from __future__ import annotations

import shutil
import signal
import sys
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Literal, TextIO

import click

from emg_parse.cli.common import FiniteFloatRange, cli_error, exit_help
from emg_parse.cli.options import engine_option, max_size_option, password_option
from emg_parse.errors import EmgParseError, shown
from emg_parse.limits import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from emg_parse.batch import BatchOptions, Event
    from emg_parse.manifest import Row, Summary

#: Exit codes of ``emg-parse batch`` (README and --help).
BATCH_EXIT_CODES: dict[int, str] = {
    0: "every document converted or unchanged (others skipped or not_outcome); --dry-run",
    1: "at least one document failed (see manifest.json; the others were converted)",
    2: "usage error (bad option, ARCHIVE_DIR missing, not a folder or a ZIP file, OUT_DIR "
    "same as or holding ARCHIVE_DIR), or a system limit (ulimit -n, ulimit -u) too low to "
    "start a worker",
    3: "no document in ARCHIVE_DIR (none left after --include/--exclude); nothing written",
    4: "OUT_DIR is in use by another emg-parse batch (its pid and start time are shown)",
    9: "OUT_DIR could not be created, or the manifest could not be written",
    130: "interrupted (Ctrl-C or kill): run the same command again to resume",
}
BATCH_EXIT_HELP = exit_help("Exit codes:", BATCH_EXIT_CODES, width=3)

if sys.platform == "win32":  # pragma: no cover
    _STOP_SIGNALS: tuple[signal.Signals, ...] = ()
else:
    _STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def _stop_signals_interrupt() -> Iterator[None]:
    """``kill`` (SIGTERM) and a closed terminal stop the run like Ctrl-C: cleanly."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def counts(summary: Summary) -> str:
    """The summary line: ``converted 6, unchanged 0, ... failed 2 in 1.2 s``."""
    s = summary
    return (
        f"converted {s.converted}, unchanged {s.unchanged}, not_outcome {s.not_outcome}, "
        f"skipped {s.skipped}, failed {s.failed} in {s.seconds:.1f} s"
    )


def cells(text: str) -> int:
    """Terminal columns ``text`` takes: 2 for a wide (East Asian) character, 0 for a
    combining one, else 1."""
    return sum(_cells(ch) for ch in text)


def _cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def middle_cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns: its start and end around ``...`` when it is
    wider (the end, where a file's own name is, gets the larger half)."""
    if cells(text) <= width:
        return text
    if width < 4:
        return text[-width:] if width > 0 else ""
    keep = width - 3
    head, tail = keep // 3, keep - keep // 3
    start = ""
    for ch in text:
        if cells(start) + _cells(ch) > head:
            break
        start += ch
    end = ""
    for ch in reversed(text):
        if cells(end) + _cells(ch) > tail:
            break
        end = ch + end
    return f"{start}...{end}"


#: The fewest columns a file name is shown in; below that the bar leaves it out.
MIN_NAME = 8
#: The widest the bar itself ([####----]) gets.
BAR_WIDTH = 30


def progress_line(
    done: int, total: int, failed: int, seconds_left: float | None, name: str, columns: int
) -> str:
    """The progress bar in ``columns - 1`` columns at most (so that the terminal never
    wraps it): ``12/40 2 failed 30% ETA 0:41 [#####-----] reports/2020/EMG...pdf``.
    As the terminal narrows, the bar, the ETA, the percentage, the failures and the
    name go, in that order; the name is cut in the middle (:func:`middle_cut`)."""
    room = max(columns - 1, 1)
    fields = [f"{done}/{total}"]
    if failed:
        fields.append(f"{failed} failed")
    fields.append(f"{done * 100 // max(total, 1)}%")
    if seconds_left is not None:
        minutes, seconds = divmod(int(seconds_left + 0.5), 60)
        fields.append(f"ETA {minutes}:{seconds:02d}")
    while len(fields) > 1 and len(" ".join(fields)) + 1 + MIN_NAME > room:
        fields.pop()
    head = " ".join(fields)
    left = room - len(head) - 1
    if left < MIN_NAME or not name:
        return head[:room]
    name = middle_cut(name, left)
    spare = left - cells(name)
    if spare >= 6:
        inner = min(BAR_WIDTH, spare - 3)
        full = inner * done // max(total, 1)
        head += " [" + "#" * full + "-" * (inner - full) + "]"
    return f"{head} {name}"


#: At most this many failures (and documents without outcome structure) are listed
#: by path at the end of a run; the manifest lists them all.
LISTED = 50


class Reporter:
    """Turns batch events into a progress bar (terminal) or one line per document.

    Order: the live output (the bar, or the lines of a log) follows completion
    order, and each failure is printed on stderr as it happens (above the bar); at
    the end, failures and documents without outcome structure are listed again in
    path order, as in the manifest, before the summary line.
    """

    def __init__(self, out: TextIO, *, tty: bool) -> None:
        self.out = out
        self.tty = tty
        self.total = 0
        self.done = 0
        self.failed = 0
        self.name = ""
        self.drawn = False
        self.started = time.monotonic()
        self.last_draw = 0.0
        #: The failed and not_outcome rows, listed in path order at the end.
        self.listed: list[tuple[str, str]] = []
        self.width = 1

    def __call__(self, event: Event) -> None:
        from emg_parse.batch import DocumentDone, Finished, Skipped, Started

        if isinstance(event, Started):
            self.width = len(str(event.total))
            self.total = event.total
            self.started = time.monotonic()
            if self.tty and event.total:
                self.draw(force=True)
            elif not self.tty:
                self._line(
                    f"{event.total} documents, {event.skipped} other files; "
                    f"{event.jobs} worker{'s' * (event.jobs != 1)}"
                )
        elif isinstance(event, Skipped):
            if self._note(event.row) and self.drawn:
                self.draw(force=True)
            if not self.tty:
                self._line(f"{'':>{2 * self.width + 3}} {event.row.status:<11} {event.row.path}")
        elif isinstance(event, DocumentDone):
            row = event.row
            self.done, self.failed, self.name = event.done, event.failed, row.path
            printed = self._note(row)
            if self.tty:
                self.draw(force=printed or event.done == event.total)
            else:
                counter = f"[{event.done:>{self.width}}/{event.total}]"
                detail = (
                    f" -> {row.output} ({row.seconds:.2f} s)" if row.status == "converted" else ""
                )
                self._line(f"{counter} {row.status:<11} {row.path}{detail}")
        elif isinstance(event, Finished):
            self.close()
            listed = sorted(self.listed)
            for path, status in listed[:LISTED]:
                self._line(f"{status:<11} {path}")
            if len(listed) > LISTED:
                self._line(f"... and {len(listed) - LISTED} more: see {shown(event.manifest)}")
            self._line(f"{counts(event.summary)}; manifest: {shown(event.manifest)}")

    def draw(self, *, force: bool = False) -> None:
        """Redraw the bar on its line (at most 10 times a second unless ``force``)."""
        now = time.monotonic()
        if not force and now - self.last_draw < 0.1:
            return
        self.last_draw = now
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        columns = shutil.get_terminal_size().columns
        line = progress_line(self.done, self.total, self.failed, left, self.name, columns)
        self.out.write(f"\r{line}\x1b[K")
        self.out.flush()
        self.drawn = True

    def _note(self, row: Row) -> bool:
        """Keep a failed or not_outcome row for the final list; print a failure now
        (on a line of its own: the bar's line is cleared first).  True when printed."""
        if row.status not in ("failed", "not_outcome"):
            return False
        self.listed.append((row.path, row.status))
        if row.status != "failed" or row.error is None:
            return False
        self._clear()
        click.echo(f"Error: {row.error}", err=True)
        return True

    def _clear(self) -> None:
        if self.drawn:
            self.out.write("\r\x1b[K")
            self.out.flush()

    def _line(self, text: str) -> None:
        click.echo(text, file=self.out)

    def close(self) -> None:
        """End the bar (if any): the line is cleared for what follows."""
        self._clear()
        self.drawn = False


@click.command(epilog=BATCH_EXIT_HELP, options_metavar="-o OUT_DIR [OPTIONS]")
@click.argument("archive_dir", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results and manifest.json / manifest.csv (created if needed).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="Output format (outputs are named <input name>.json / .yaml).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Documents converted in parallel.  [default: the number of CPUs]",
)
@click.option(
    "--timeout",
    type=FiniteFloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Stop a document after this many seconds and record it as failed (0: no limit).",
)
@password_option
@max_size_option
@engine_option
@click.option(
    "--force",
    is_flag=True,
    help="Convert every document, also those unchanged since the last run.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only files whose path relative to ARCHIVE_DIR matches GLOB ('*' also matches "
    "'/'; e.g. '*.pdf'); may be repeated.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out files, and folders, whose relative path matches GLOB (e.g. "
    "'sources/*' or 'sources'); may be repeated.  Left-out files are not listed.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="List what would be converted, found unchanged or skipped; write nothing.",
)
def batch(
    archive_dir: Path,
    out_dir: Path,
    fmt: Literal["json", "yaml"],
    jobs: int | None,
    timeout: float,
    password: str | None,
    max_size: float,
    engine: Literal["pdfium", "pdfplumber"],
    force: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Convert every PDF, DOCX, TXT and MD document under ARCHIVE_DIR into OUT_DIR.

    Each result goes to the same relative path under OUT_DIR with the output
    extension appended (a/doc.pdf -> a/doc.pdf.json), and every file gets a row in
    OUT_DIR/manifest.json and manifest.csv (converted, unchanged, not_outcome, skipped or failed,
    with the error message).  A re-run converts only documents that changed (or
    whose output is missing, or after an emg-parse upgrade or a --format change);
    an interrupted run resumes where it stopped.  Files that are not documents
    (images, spreadsheets, ...) and hidden files are skipped.
    """
    from emg_parse.batch import BatchOptions, default_jobs, run_batch
    from emg_parse.extractors import ReadOptions

    read = ReadOptions(password=password, engine=engine, max_bytes=int(max_size * 1024 * 1024))
    options = BatchOptions(
        archive=archive_dir,
        out_dir=out_dir,
        fmt=fmt,
        read=read,
        jobs=jobs or default_jobs(),
        timeout=timeout,
        force=force,
        include=include,
        exclude=exclude,
    )
    if dry_run:
        _dry_run(options)
        return
    reporter = Reporter(sys.stdout, tty=sys.stdout.isatty())
    try:
        with _stop_signals_interrupt():
            summary = run_batch(options, reporter)
    except EmgParseError as exc:
        reporter.close()
        raise cli_error(exc) from exc
    except KeyboardInterrupt:
        reporter.close()
        click.echo(
            "Interrupted; finished documents are kept and listed in "
            f"{shown(out_dir / 'manifest.json')}: run the same command again to resume.",
            err=True,
        )
        click.get_current_context().exit(130)
    if summary.failed:
        click.get_current_context().exit(1)


def _dry_run(options: BatchOptions) -> None:
    """Print what ``batch`` would do with each file, in path order, and the counts."""
    from collections import Counter

    from emg_parse.batch import plan_batch

    try:
        plan = plan_batch(options)
    except EmgParseError as exc:
        raise cli_error(exc) from exc
    for path, what in plan:
        click.echo(f"{what:<11} {path}")
    n = Counter(what for _, what in plan)
    click.echo(
        f"dry run, nothing written: convert {n['convert']}, unchanged {n['unchanged']}, "
        f"not_outcome {n['not_outcome']}, skipped {n['skipped']}, failed {n['failed']}"
    )
