"""``emg-parse [parse] FILE`` and ``emg-parse schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import click

from emg_parse.cli.common import EXIT_HELP, FiniteFloatRange, cli_error, emit
from emg_parse.errors import EmgParseError
from emg_parse.limits import DEFAULT_TIMEOUT


@click.command(epilog=EXIT_HELP)
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
    "--max-size", type=FiniteFloatRange(min=0.001), default=100.0, show_default=True,
    help="Refuse input files larger than this many MB.",
)  # fmt: skip
@click.option(
    "--timeout", type=FiniteFloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
    help="Stop after this many seconds (0: no limit).",
)  # fmt: skip
@click.option(
    "--engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium",
    show_default=True,
    help="PDF text engine: pdfium (fast) or pdfplumber (pure Python, slower); same output.",
)  # fmt: skip
def parse(
    file: Path,
    output: Path | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_size: float,
    timeout: float,
    engine: Literal["pdfium", "pdfplumber"],
) -> None:
    """Parse FILE (PDF, DOCX, TXT or MD) into JSON or YAML."""
    max_bytes = int(max_size * 1024 * 1024)
    if engine == "pdfium":
        # a PDF's pages are laid out by worker processes while the models are imported
        from emg_parse.extractors.pdf import read_ahead

        read_ahead(file, password=password, max_bytes=max_bytes)
    from emg_parse.pipeline import blocks_of, parse_file
    from emg_parse.writers import format_for, render, render_data

    out_format = format_for(output, fmt) if output is not None else (fmt or "json")
    try:
        if dump is not None:
            extraction, blocks = blocks_of(
                file, password=password, max_bytes=max_bytes, engine=engine
            )
            items: list[Any] = extraction.lines if dump == "lines" else blocks
            text = render_data([item.to_dict() for item in items], out_format)
        else:
            document = parse_file(
                file, password=password, max_bytes=max_bytes, timeout=timeout, engine=engine
            )
            text = render(document, out_format)
    except EmgParseError as exc:
        raise cli_error(exc) from exc
    emit(text, output)


@click.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the schema here instead of stdout.",
)  # fmt: skip
def schema(output: Path | None) -> None:
    """Print the JSON Schema of emg-parse's output."""
    from emg_parse.model import json_schema

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)
