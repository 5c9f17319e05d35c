"""``emg-parse [parse] FILE`` and ``emg-parse schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

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
from emg_parse.cli.options import engine_option, max_size_option, password_option
from emg_parse.engines import PdfEngine
from emg_parse.errors import EmgParseError, InputError
from emg_parse.limits import DEFAULT_TIMEOUT, READER_MEMORY, memory_limit, memory_message


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
@password_option
@click.option(
    "--dump",
    type=click.Choice(["lines", "blocks"]),
    help="Print the intermediate form (extracted lines, or cleaned blocks) as JSON instead.",
)
@max_size_option
@click.option(
    "--timeout",
    type=FiniteFloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Stop after this many seconds (0: no limit).",
)
@engine_option
def parse(
    file: Path,
    output: str | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_size: float,
    timeout: float,
    engine: PdfEngine,
) -> None:
    """Parse FILE (PDF, DOCX, TXT or MD) into JSON or YAML.

    At most 1 GB of memory more than at start is used: a document that needs more
    fails (exit 3) instead of exhausting the machine.
    """
    output_target(output, file)  # refuse a bad -o before any work
    max_bytes = int(max_size * 1024 * 1024)
    over_memory = False
    try:
        with memory_limit(READER_MEMORY):
            text = _convert(file, output, fmt, password, dump, max_bytes, timeout, engine)
    except MemoryError:
        over_memory = True  # reported once the memory is released
    if over_memory:
        raise cli_error(InputError(file, memory_message(READER_MEMORY)))
    emit(text, output, file)


def _convert(
    file: Path,
    output: str | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_bytes: int,
    timeout: float,
    engine: PdfEngine,
) -> str:
    """The output text for ``file`` (the parse command's options)."""
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
            return render_data([item.to_dict() for item in items], out_format)
        document = parse_file(file, ParseOptions(read, timeout=timeout))
        return render(document, out_format)
    except EmgParseError as exc:
        raise cli_error(exc) from exc


@click.command()
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write the schema here instead of stdout.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of emg-parse's output."""
    from emg_parse.model import json_schema

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)
