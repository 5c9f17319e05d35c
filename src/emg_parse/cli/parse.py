"""``emg-parse [parse] FILE`` and ``emg-parse schema``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from emg_parse.cli.common import (
    EXIT_HELP,
    INPUT_PATH,
    OUTPUT_PATH,
    FiniteFloatRange,
    cli_error,
    emit,
    output_target,
)
from emg_parse.errors import EmgParseError, InputError, StrictWarningsError, shown
from emg_parse.limits import DEFAULT_TIMEOUT, READER_MEMORY, memory_limit, memory_message

if TYPE_CHECKING:
    from emg_parse.model import Location, OutcomeDocument


@click.command(epilog=EXIT_HELP)
@click.argument("file", type=INPUT_PATH)
@click.option(
    "-o",
    "--output",
    type=OUTPUT_PATH,
    help="Write here (.json, .yaml or .yml) instead of stdout.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "yaml"]),
    help="Output format (default: from the -o extension, else json).",
)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option(
    "--dump",
    type=click.Choice(["lines", "blocks"]),
    help="Print the intermediate form (extracted lines, or cleaned blocks) as JSON instead.",
)
@click.option(
    "--max-size",
    type=FiniteFloatRange(min=0.001),
    default=100.0,
    show_default=True,
    help="Refuse input files larger than this many MB.",
)
@click.option(
    "--timeout",
    type=FiniteFloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Stop after this many seconds (0: no limit).",
)
@click.option(
    "--engine",
    type=click.Choice(["pdfium", "pdfplumber"]),
    default="pdfium",
    show_default=True,
    help="PDF text engine: pdfium (fast) or pdfplumber (pure Python, slower); same output.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the warnings (errors still are).")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also print a summary line: sections, decisions, items, warnings, seconds, engine.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 11 when there are warnings (the output is written all the same).",
)
def parse(
    file: Path,
    output: str | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_size: float,
    timeout: float,
    engine: Literal["pdfium", "pdfplumber"],
    quiet: bool,
    verbose: bool,
    strict: bool,
) -> None:
    """Parse FILE (PDF, DOCX, TXT or MD) into JSON or YAML.

    Each warning is printed on stderr, one a line: FILE:LINE: warning[code]: message
    (FILE:page 2, line 5: ... in a PDF; FILE:paragraph 12: ... in a Word file).
    At most 1 GB of memory more than at start is used: a document that needs more
    fails (exit 3) instead of exhausting the machine.
    """
    output_target(output, file)  # refuse a bad -o before any work
    max_bytes = int(max_size * 1024 * 1024)
    over_memory = False
    started = time.perf_counter()
    try:
        with memory_limit(READER_MEMORY):
            text, document = _convert(file, output, fmt, password, dump, max_bytes, timeout, engine)
    except MemoryError:
        over_memory = True  # reported once the memory is released
    if over_memory:
        raise cli_error(InputError(file, memory_message(READER_MEMORY)))
    emit(text, output, file)
    if document is None:
        return
    if not quiet:
        for warning in document.warnings:
            click.echo(warning_line(file, warning.code, warning.message, warning.where), err=True)
    if verbose:
        click.echo(summary_line(file, document, time.perf_counter() - started, engine), err=True)
    if strict and document.warnings:
        count = len(document.warnings)
        raise cli_error(
            StrictWarningsError(
                file,
                f"{count} warning{'s' if count > 1 else ''} and --strict (the output was written)",
            )
        )


def place(where: Location) -> str:
    """Where a warning was found, as it follows ``FILE:``: ``9`` (a line of a text
    file), ``page 2, line 5``, ``paragraph 12``; empty when it is not known."""
    if where.line is not None and where.page is None and where.paragraph is None:
        return str(where.line)
    parts = (("page", where.page), ("line", where.line), ("paragraph", where.paragraph))
    return ", ".join(f"{name} {value}" for name, value in parts if value is not None)


def warning_line(file: Path, code: str, message: str, where: Location) -> str:
    """``FILE:PLACE: warning[code]: message`` on one line (no ``PLACE:`` when it is not
    known).  The place the parser appends to a message (`` (line 9)``) is not repeated."""
    at = place(where)
    long_place = at if not at.isdigit() else f"line {at}"
    message = message.removesuffix(f" ({long_place})")
    prefix = f"{shown(file)}:{at}:" if at else f"{shown(file)}:"
    return f"{prefix} warning[{code}]: {' '.join(message.split())}"


def summary_line(file: Path, document: OutcomeDocument, seconds: float, engine: str) -> str:
    """The ``--verbose`` summary of a parse, on one line."""
    from emg_parse.batch import count_items

    decisions = [decision for section in document.sections for decision in section.decisions]
    items = sum(count_items(decision.items) for decision in decisions)
    reader = f"pdf, {engine}" if document.source.format == "pdf" else document.source.format
    return (
        f"{shown(file)}: {len(document.sections)} sections, {len(decisions)} decisions, "
        f"{items} items, {len(document.warnings)} warnings, {seconds:.2f} s ({reader})"
    )


def _convert(
    file: Path,
    output: str | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_bytes: int,
    timeout: float,
    engine: Literal["pdfium", "pdfplumber"],
) -> tuple[str, OutcomeDocument | None]:
    """The output text for ``file`` (the parse command's options), and the document
    (None with ``--dump``)."""
    from emg_parse.extractors import ReadOptions
    from emg_parse.pipeline import ParseOptions, blocks_of, parse_file
    from emg_parse.writers import format_for, render, render_data

    out_format = format_for(Path(output), fmt) if output not in (None, "-") else (fmt or "json")
    # the pages of a PDF are read in the isolated reader, under the memory limit
    read = ReadOptions(password=password, engine=engine, max_bytes=max_bytes, isolated=True)
    try:
        if dump is not None:
            extraction, blocks = blocks_of(file, read)
            items: list[Any] = extraction.lines if dump == "lines" else blocks
            return render_data([item.to_dict() for item in items], out_format), None
        document = parse_file(file, ParseOptions(read, timeout=timeout))
        return render(document, out_format), document
    except EmgParseError as exc:
        raise cli_error(exc) from exc


@click.command()
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write the schema here instead of stdout.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of emg-parse's output."""
    from emg_parse.model import json_schema

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)
