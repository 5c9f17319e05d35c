"""What every command shares: error conversion, exit codes, writing output."""

from __future__ import annotations

import math
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from emg_parse.errors import (
    EmgParseError,
    EncryptedError,
    InputError,
    NotAnOutcomeDocumentError,
    NoTextError,
    OutputError,
    ParseTimeoutError,
    SameFileError,
    StrictWarningsError,
    TooLargeError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from emg_parse.writers import OutputTarget

#: A reader that stopped reading (``emg-parse FILE | head``): 128 + SIGPIPE, the
#: status of a Unix tool killed by it; nothing is printed.
BROKEN_PIPE_EXIT = 141
#: SIGTERM (``kill``) and SIGHUP end a command with 128 + the signal number (as a
#: shell reports a process they killed); one that arrives while a file is written
#: first removes the temporary file.
STOP_SIGNALS = {"SIGHUP": 129, "SIGTERM": 143}

#: Exit codes of ``emg-parse FILE``, one per class of problem (README and --help).
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (a bug: please report it with the file)",
    SameFileError.exit_code: "usage error (bad option or argument; -o naming the input file)",
    InputError.exit_code: "input unreadable: missing, empty, damaged, corrupt, not a regular "
    "file (a FIFO, a device), or over the memory limit",
    UnsupportedFormatError.exit_code: "not a PDF, DOCX or text file (or an old .doc)",
    EncryptedError.exit_code: "encrypted PDF: no password given (--password, "
    "EMG_PARSE_PASSWORD), or a wrong one",
    NoTextError.exit_code: "no text layer (scanned): run OCR first",
    TooLargeError.exit_code: "file over the size limit",
    NotAnOutcomeDocumentError.exit_code: "no EMG outcome structure found",
    OutputError.exit_code: "output could not be written",
    ParseTimeoutError.exit_code: "stopped after the time limit (--timeout)",
    StrictWarningsError.exit_code: "--strict and the parser gave warnings (the output is "
    "written all the same)",
    STOP_SIGNALS["SIGHUP"]: "stopped by SIGHUP (terminal closed); no output file is left",
    BROKEN_PIPE_EXIT: "stdout's reader stopped reading (e.g. | head); nothing more printed",
    STOP_SIGNALS["SIGTERM"]: "stopped by SIGTERM (kill); no output file is left",
}

#: -o: a name, kept as given (a trailing '/' matters); writers.output_target checks it.
OUTPUT_PATH = click.Path(dir_okay=True, readable=False, allow_dash=True)
#: An input file: only its name; the library reports a missing or unreadable file.
INPUT_PATH = click.Path(path_type=Path, readable=False)


class FiniteFloatRange(click.FloatRange):
    """A ``FloatRange`` that refuses ``inf``, ``nan`` and numbers over :attr:`LARGEST`
    as a usage error: a limit in seconds or MB that large would overflow the timer or
    the byte count, and means no limit (``0`` says that for --timeout)."""

    name = "finite float range"
    #: 31 years in seconds, a petabyte in MB.
    LARGEST = 1e9

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        if abs(number) > self.LARGEST:
            self.fail(f"{value!r} is too large (at most {self.LARGEST:g}).", param, ctx)
        return number


def exit_help(title: str, codes: dict[int, str], width: int = 1) -> str:
    """A command's exit codes for the end of its --help, codes ``width`` wide."""
    return f"\b\n{title}\n" + "\n".join(
        f"  {code:<{width}}  {text}" for code, text in codes.items()
    )


EXIT_HELP = exit_help(
    "Exit codes of parse (batch and validate: see their --help):", EXIT_CODES, width=3
)


def cli_error(error: EmgParseError, exit_code: int | None = None) -> click.ClickException:
    """A library error as click shows it (``Error: FILE: message``), with its exit code."""
    code = error.exit_code if exit_code is None else exit_code
    exception_class = type("CliError", (click.ClickException,), {"exit_code": code})
    exception: click.ClickException = exception_class(error.one_line())
    return exception


def output_target(output: str | None, source: Path | None = None) -> OutputTarget:
    """What ``-o output`` (None or "-": stdout) means, or the usage (same file as the
    input ``source``) or output error (exit 9) to stop with."""
    from emg_parse.writers import output_target as target_of

    try:
        return target_of(None if output in (None, "-") else output, source=source)
    except EmgParseError as exc:
        raise cli_error(exc) from None


def emit(text: str, output: str | None, source: Path | None = None) -> None:
    """Write ``text`` to ``-o output`` (see ``writers.output_target``), or to stdout
    when it is None or "-".  SIGTERM or SIGHUP while a file is written end the
    command with 128 + the signal number, once its temporary file is removed."""
    target = output_target(output, source)
    if target.fd == 1:
        write_stdout(text)
        return
    for stream in (sys.stdout, sys.stderr):
        if target.fd is not None and stream is not None:
            stream.flush()
    from emg_parse.writers import write_output

    try:
        with stop_signals_raise():
            write_output(target, text)
    except EmgParseError as exc:
        raise cli_error(exc) from None
    except Stopped as stop:
        raise click.exceptions.Exit(STOP_SIGNALS[stop.name]) from None


def write_stdout(text: str) -> None:
    """Write and flush ``text`` on stdout: a failure is an ``OutputError`` (exit 9)."""
    stream = sys.stdout
    if not text:
        return
    if stream is None:
        raise cli_error(OutputError(None, "cannot write: standard output is closed"))
    stream.write(text)
    stream.flush()


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived (see :func:`stop_signals_raise`)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` (so that ``finally``
    and ``except BaseException`` clean-ups run) instead of killing the process."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signal.Signals(signum).name)

    signals = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, stop) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
