"""``emg-parse batch ARCHIVE_DIR -o OUT_DIR``: convert a folder tree (see ``emg_parse.batch``)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Literal, TextIO

import click

from emg_parse.cli.common import FiniteFloatRange, cli_error, exit_help
from emg_parse.errors import EmgParseError, shown
from emg_parse.limits import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from emg_parse.batch import Event

#: Exit codes of ``emg-parse batch`` (README and --help).
BATCH_EXIT_CODES: dict[int, str] = {
    0: "every document converted or unchanged (other files skipped)",
    1: "at least one document failed (see manifest.json; the others were converted)",
    2: "usage error (bad option, ARCHIVE_DIR missing, OUT_DIR same as or holding "
    "ARCHIVE_DIR), or a system limit (ulimit -n, ulimit -u) too low to start a worker",
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


class Reporter:
    """Turns batch events into a progress bar (terminal) or one line per document."""

    def __init__(self, out: TextIO, *, tty: bool) -> None:
        self.out = out
        self.tty = tty
        self.bar: ProgressBar[str] | None = None
        self.errors: list[str] = []
        self.width = 1

    def __call__(self, event: Event) -> None:
        from emg_parse.batch import DocumentDone, Finished, Skipped, Started

        if isinstance(event, Started):
            self.width = len(str(event.total))
            if self.tty and event.total:
                self.bar = click.progressbar(
                    length=event.total,
                    label="Converting",
                    show_pos=True,
                    show_eta=True,
                    item_show_func=lambda failed: failed,
                    file=self.out,
                )
                self.bar.render_progress()
            elif not self.tty:
                self._line(
                    f"{event.total} documents, {event.skipped} other files; "
                    f"{event.jobs} worker{'s' * (event.jobs != 1)}"
                )
        elif isinstance(event, Skipped):
            if event.row.status == "failed" and event.row.error is not None:
                self._error(event.row.error)
            if not self.tty:
                self._line(f"{'':>{2 * self.width + 3}} {event.row.status:<10} {event.row.path}")
        elif isinstance(event, DocumentDone):
            row = event.row
            if row.error is not None:
                self._error(row.error)
            if self.bar is not None:
                self.bar.update(1, f"{event.failed} failed")
            elif not self.tty:
                counter = f"[{event.done:>{self.width}}/{event.total}]"
                detail = (
                    f" -> {row.output} ({row.seconds:.2f} s)" if row.status == "converted" else ""
                )
                self._line(f"{counter} {row.status:<10} {row.path}{detail}")
        elif isinstance(event, Finished):
            self.close()
            s = event.summary
            self._line(
                f"converted {s.converted}, unchanged {s.unchanged}, skipped {s.skipped}, "
                f"failed {s.failed} in {s.seconds:.1f} s; manifest: {shown(event.manifest)}"
            )

    def _line(self, text: str) -> None:
        click.echo(text, file=self.out)

    def _error(self, message: str) -> None:
        if self.tty:
            self.errors.append(message)  # shown after the bar
        else:
            click.echo(f"Error: {message}", err=True)

    def close(self) -> None:
        """End the bar (if any) and show the failures it held back."""
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None
        for message in self.errors:
            click.echo(f"Error: {message}", err=True)
        self.errors = []


@click.command(epilog=BATCH_EXIT_HELP, options_metavar="-o OUT_DIR [OPTIONS]")
@click.argument("archive_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
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
@click.option(
    "--force",
    is_flag=True,
    help="Convert every document, also those unchanged since the last run.",
)
def batch(
    archive_dir: Path,
    out_dir: Path,
    fmt: Literal["json", "yaml"],
    jobs: int | None,
    timeout: float,
    force: bool,
) -> None:
    """Convert every PDF, DOCX, TXT and MD document under ARCHIVE_DIR into OUT_DIR.

    Each result goes to the same relative path under OUT_DIR with the output
    extension appended (a/doc.pdf -> a/doc.pdf.json), and every file gets a row in
    OUT_DIR/manifest.json and manifest.csv (converted, unchanged, skipped or failed,
    with the error message).  A re-run converts only documents that changed (or
    whose output is missing, or after an emg-parse upgrade or a --format change);
    an interrupted run resumes where it stopped.  Files that are not documents
    (images, spreadsheets, ...) and hidden files are skipped.
    """
    from emg_parse.batch import BatchOptions, default_jobs, run_batch

    options = BatchOptions(
        archive=archive_dir,
        out_dir=out_dir,
        fmt=fmt,
        jobs=jobs or default_jobs(),
        timeout=timeout,
        force=force,
    )
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
