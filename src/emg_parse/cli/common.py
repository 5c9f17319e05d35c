"""What every command shares: error conversion, exit codes, writing output."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import click

from emg_parse.errors import (
    EmgParseError,
    EncryptedError,
    InputError,
    NotAnOutcomeDocumentError,
    NoTextError,
    OutputError,
    ParseTimeoutError,
    TooLargeError,
    UnsupportedFormatError,
)

#: Exit codes of ``emg-parse FILE``, one per class of problem (README and --help).
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (a bug: please report it with the file)",
    2: "usage error (bad option or argument)",
    InputError.exit_code: "input unreadable: missing, empty, damaged or corrupt",
    UnsupportedFormatError.exit_code: "not a PDF, DOCX or text file (or an old .doc)",
    EncryptedError.exit_code: "encrypted PDF: give --password",
    NoTextError.exit_code: "no text layer (scanned): run OCR first",
    TooLargeError.exit_code: "file over the size limit",
    NotAnOutcomeDocumentError.exit_code: "no EMG outcome structure found",
    OutputError.exit_code: "output could not be written",
    ParseTimeoutError.exit_code: "stopped after the time limit (--timeout)",
}


class FiniteFloatRange(click.FloatRange):
    """A ``FloatRange`` that refuses ``inf`` and ``nan`` as a usage error."""

    name = "finite float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def exit_help(title: str, codes: dict[int, str], width: int = 1) -> str:
    """A command's exit codes for the end of its --help, codes ``width`` wide."""
    return f"\b\n{title}\n" + "\n".join(
        f"  {code:<{width}}  {text}" for code, text in codes.items()
    )


EXIT_HELP = exit_help("Exit codes of parse (batch and validate: see their --help):", EXIT_CODES)


def cli_error(error: EmgParseError, exit_code: int | None = None) -> click.ClickException:
    """A library error as click shows it (``Error: FILE: message``), with its exit code."""
    code = error.exit_code if exit_code is None else exit_code
    exception_class = type("CliError", (click.ClickException,), {"exit_code": code})
    exception: click.ClickException = exception_class(error.one_line())
    return exception


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout when it is None or "-"."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from emg_parse.writers import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise cli_error(OutputError(output, f"cannot write ({exc.strerror or exc})")) from exc
