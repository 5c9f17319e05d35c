"""Command line: a thin click layer over the library.

This is the only module that prints or exits.  Library errors
(:class:`~emg_parse.errors.EmgParseError`) become one-line messages with the exit
code of their class; see ``EXIT_CODES``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Literal

import click

from emg_parse import __version__
from emg_parse.errors import (
    EmgParseError,
    EncryptedError,
    InputError,
    NotAnOutcomeDocumentError,
    NoTextError,
    OutputError,
    TooLargeError,
    UnsupportedFormatError,
)

#: Exit codes, one per class of problem (documented in README and --help).
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
}

_EXIT_HELP = "\b\nExit codes:\n" + "\n".join(
    f"  {code}  {text}" for code, text in EXIT_CODES.items()
)


def cli_error(error: EmgParseError) -> click.ClickException:
    """A library error as click shows it (``Error: FILE: message``), with its exit code."""
    exception_class = type("CliError", (click.ClickException,), {"exit_code": error.exit_code})
    exception: click.ClickException = exception_class(error.one_line())
    return exception


class DefaultGroup(click.Group):
    """A group whose first argument, if it is not a command, goes to ``parse``."""

    default_command = "parse"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[parse] FILE [OPTIONS] | COMMAND [ARGS]...")


@click.group(
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_EXIT_HELP,
)
@click.version_option(__version__, prog_name="emg-parse")
def main() -> None:
    """Turn EMG Senior Officials Meeting outcome documents into validated JSON or YAML.

    \b
      emg-parse EMGSOM.26_3a.pdf -o out.json
      emg-parse EMGSOM.26_3a.docx              (JSON on stdout)
      emg-parse doc.pdf -o out.yaml --format yaml
      emg-parse schema                         (the JSON Schema of the output)
    """


@main.command(epilog=_EXIT_HELP)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write here (.json, .yaml or .yml) instead of stdout.",
)  # fmt: skip
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["json", "yaml"]),
    help="Output format (default: from the -o extension, else json).",
)  # fmt: skip
@click.option("--password", help="Password of an encrypted PDF.")
@click.option(
    "--dump", type=click.Choice(["lines", "blocks"]),
    help="Print the intermediate form (extracted lines, or cleaned blocks) as JSON instead.",
)  # fmt: skip
@click.option(
    "--max-size", type=click.FloatRange(min=0.001), default=100.0, show_default=True,
    help="Refuse input files larger than this many MB.",
)  # fmt: skip
def parse(
    file: Path,
    output: Path | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_size: float,
) -> None:
    """Parse FILE (PDF, DOCX, TXT or MD) into JSON or YAML."""
    from emg_parse.pipeline import blocks_of, parse_file
    from emg_parse.writers import format_for, render, render_data

    max_bytes = int(max_size * 1024 * 1024)
    out_format = format_for(output, fmt) if output is not None else (fmt or "json")
    try:
        if dump is not None:
            extraction, blocks = blocks_of(file, password=password, max_bytes=max_bytes)
            items: list[Any] = extraction.lines if dump == "lines" else blocks
            text = render_data([item.to_dict() for item in items], out_format)
        else:
            document = parse_file(file, password=password, max_bytes=max_bytes)
            text = render(document, out_format)
    except EmgParseError as exc:
        raise cli_error(exc) from exc
    _emit(text, output)


@main.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the schema here instead of stdout.",
)  # fmt: skip
def schema(output: Path | None) -> None:
    """Print the JSON Schema of emg-parse's output."""
    from emg_parse.model import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


def _emit(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from emg_parse.writers import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise cli_error(OutputError(output, f"cannot write ({exc.strerror or exc})")) from exc
