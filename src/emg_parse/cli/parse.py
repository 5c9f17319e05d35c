"""``emg-parse [parse] FILE...`` and ``emg-parse schema``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
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
from emg_parse.cli.options import engine_option, max_size_option, password_option
from emg_parse.engines import PdfEngine
from emg_parse.errors import (
    EmgParseError,
    InputError,
    StrictWarningsError,
    TooLargeError,
    shown,
)
from emg_parse.limits import DEFAULT_TIMEOUT, READER_MEMORY, memory_limit, memory_message

if TYPE_CHECKING:
    from emg_parse.model import Location, OutcomeDocument

#: How standard input (``emg-parse -``) is named in messages and in ``source.file``.
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class Settings:
    """The parse command's options, for each file."""

    fmt: Literal["json", "yaml"] | None
    password: str | None
    dump: Literal["lines", "blocks"] | None
    max_mb: float
    timeout: float
    engine: PdfEngine
    quiet: bool
    verbose: bool
    strict: bool
    schema: str | None


class ParseContext(click.Context):
    """The parse command's context: when the user typed no command name
    (``emg-parse FILE``), its usage line says ``emg-parse``, as typed."""

    #: ``Context.meta`` key: the group put the ``parse`` command name in itself.
    IMPLICIT = "emg_parse.implicit_parse"

    @property
    def command_path(self) -> str:
        if self.parent is not None and self.meta.get(self.IMPLICIT):
            return self.parent.command_path
        return super().command_path


class ParseCommand(click.Command):
    context_class = ParseContext


@click.command(cls=ParseCommand, epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=INPUT_PATH)
@click.option(
    "-o",
    "--output",
    type=OUTPUT_PATH,
    help="Write here (.json, .yaml or .yml) instead of stdout; with several FILEs, a "
    "folder (DIR/): DIR/NAME.json for each.",
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
@click.option(
    "--schema-comment",
    "schema",
    metavar="URL",
    help="Start YAML output with '# yaml-language-server: $schema=URL' so that editors "
    "check it as it is edited, e.g. ./outcome.schema.json (written by 'emg-parse schema "
    "-o outcome.schema.json').",
)
@click.pass_context
def parse(
    ctx: click.Context,
    files: tuple[Path, ...],
    output: str | None,
    fmt: Literal["json", "yaml"] | None,
    password: str | None,
    dump: Literal["lines", "blocks"] | None,
    max_size: float,
    timeout: float,
    engine: PdfEngine,
    quiet: bool,
    verbose: bool,
    strict: bool,
    schema: str | None,
) -> None:
    """Parse FILE (PDF, DOCX, TXT or MD; - for stdin) into JSON or YAML.

    Each warning is printed on stderr, one a line: FILE:LINE: warning[code]: message
    (FILE:page 2, line 5: ... in a PDF; FILE:paragraph 12: ... in a Word file).
    With several FILEs, -o names a folder; the exit status is the worst of the files.
    At most 1 GB of memory more than at start is used: a document that needs more
    fails (exit 3) instead of exhausting the machine.
    """
    settings = Settings(
        fmt, password, dump, max_size, timeout, engine, quiet, verbose, strict, schema
    )
    if schema is not None:
        _check_schema_comment(ctx, output if len(files) == 1 else None, settings)
    if len(files) == 1:
        if str(files[0]) != "-":
            output_target(output, files[0])  # the input itself: refused first
        if fmt is None and output not in (None, "-"):
            _check_extension(ctx, output)
        _parse_one(files[0], output, settings)
        return
    _parse_several(ctx, files, output, settings)


def _check_extension(ctx: click.Context, output: str) -> None:
    """A usage error for ``-o`` with an extension that names no output format."""
    from emg_parse.writers import EXTENSION_FORMATS

    suffix = Path(output).suffix
    if suffix and suffix.lower() not in EXTENSION_FORMATS:
        accepted = ", ".join(EXTENSION_FORMATS)
        raise click.UsageError(
            f"-o {shown(output)}: {suffix!r} is not an output format; name the file "
            f"{accepted} (or give --format json|yaml)",
            ctx,
        )


def _check_schema_comment(ctx: click.Context, output: str | None, settings: Settings) -> None:
    """A usage error for --schema-comment with JSON output, or an address that does not
    fit on the comment's line."""
    from emg_parse.writers import schema_comment

    assert settings.schema is not None
    if settings.dump is not None or _format(output, settings) != "yaml":
        raise click.UsageError("--schema-comment is for YAML output (-o NAME.yaml or -f yaml)", ctx)
    try:
        schema_comment(settings.schema)
    except ValueError as exc:
        raise click.UsageError(f"--schema-comment: {exc}", ctx) from None


def _parse_several(
    ctx: click.Context, files: tuple[Path, ...], output: str | None, settings: Settings
) -> None:
    """Each of ``files`` into ``output`` (a folder) as NAME.json or NAME.yaml; every file
    is tried, and the command ends with the worst status (an error over --strict)."""
    if output in (None, "-"):
        raise click.UsageError(
            f"{len(files)} files given: write them to a folder with -o DIR/ (each to "
            "DIR/NAME.json), or convert a whole folder with 'emg-parse batch'",
            ctx,
        )
    assert output is not None
    if not os.path.isdir(output) and not output.endswith(("/", os.sep)):
        raise click.UsageError(
            f"-o {shown(output)}: with several files, -o names a folder: an existing one, "
            "or a new one written with a trailing / (DIR/)",
            ctx,
        )
    if "-" in map(str, files):
        raise click.UsageError("- (stdin) can be the only FILE", ctx)
    extension = f".{settings.fmt or 'json'}"
    names: dict[str, Path] = {}
    for file in files:
        name = file.name + extension
        if name in names and names[name] != file:
            raise click.UsageError(
                f"{shown(names[name])} and {shown(file)} would both be written to "
                f"{shown(name)}; give them in two commands, or use 'emg-parse batch'",
                ctx,
            )
        names[name] = file
    errors: list[int] = []
    strict_failures = 0
    for name, file in names.items():
        try:
            _parse_one(file, os.path.join(output, name), settings)
        except click.ClickException as exc:
            exc.show()
            if exc.exit_code == StrictWarningsError.exit_code:
                strict_failures += 1
            else:
                errors.append(exc.exit_code)
    if errors or strict_failures:
        raise click.exceptions.Exit(max(errors) if errors else StrictWarningsError.exit_code)


def _parse_one(file: Path, output: str | None, settings: Settings) -> None:
    """Parse ``file`` ("-": stdin) to ``output``; print its warnings (and summary)."""
    stdin = str(file) == "-"
    name = Path(STDIN_NAME) if stdin else file
    output_target(output, None if stdin else file)  # refuse a bad -o before any work
    over_memory = False
    started = time.perf_counter()
    try:
        with memory_limit(READER_MEMORY):
            if stdin:
                text, document = _convert_stdin(output, settings)
            else:
                text, document = _convert(file, output, settings)
    except MemoryError:
        over_memory = True  # reported once the memory is released
    if over_memory:
        raise cli_error(InputError(name, memory_message(READER_MEMORY)))
    emit(text, output, None if stdin else file)
    if document is None:
        return
    if not settings.quiet:
        for warning in document.warnings:
            click.echo(warning_line(name, warning.code, warning.message, warning.where), err=True)
    if settings.verbose:
        seconds = time.perf_counter() - started
        click.echo(summary_line(name, document, seconds, settings.engine), err=True)
    if settings.strict and document.warnings:
        count = len(document.warnings)
        raise cli_error(
            StrictWarningsError(
                name,
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
    """``FILE:PLACE: warning[code]: message`` on one line of printable text (no
    ``PLACE:`` when it is not known; control characters of the document's text are
    escaped, as :func:`~emg_parse.errors.shown` does).  The place the parser appends to
    a message (`` (line 9)``) is not repeated."""
    at = place(where)
    long_place = at if not at.isdigit() else f"line {at}"
    message = message.removesuffix(f" ({long_place})")
    prefix = f"{shown(file)}:{at}:" if at else f"{shown(file)}:"
    return f"{prefix} warning[{shown(code)}]: {shown(' '.join(message.split()))}"


def summary_line(file: Path, document: OutcomeDocument, seconds: float, engine: str) -> str:
    """The ``--verbose`` summary of a parse, on one line."""
    from emg_parse.batch import count_items

    decisions = [decision for section in document.sections for decision in section.decisions]
    items = sum(count_items(decision.items) for decision in decisions)
    reader = f"pdf, {engine}" if document.source.format == "pdf" else document.source.format
    counts = (
        (len(document.sections), "section"),
        (len(decisions), "decision"),
        (items, "item"),
        (len(document.warnings), "warning"),
    )
    text = ", ".join(f"{n} {word}{'s' * (n != 1)}" for n, word in counts)
    return f"{shown(file)}: {text}, {seconds:.2f} s ({reader})"


def _convert_stdin(output: str | None, settings: Settings) -> tuple[str, OutcomeDocument | None]:
    """:func:`_convert` for the document on standard input (at most ``max_bytes`` are
    read, plus one), saved to a private temporary folder under the name of its format
    (``stdin.pdf``, ``stdin.docx``, else ``stdin``: text); it is named ``<stdin>`` in
    messages and in ``source.file``."""
    from emg_parse.extractors.registry import HEAD_BYTES, detect

    name = Path(STDIN_NAME)
    if sys.stdin is None:
        raise cli_error(InputError(name, "cannot read: standard input is closed"))
    max_bytes = _max_bytes(settings)
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise cli_error(
            TooLargeError(
                name,
                f"too large (over the limit of {settings.max_mb:g} MB); raise the "
                "limit with --max-size if it really is an outcome document",
            )
        )
    with tempfile.TemporaryDirectory(prefix="emg-parse-") as folder:
        path = Path(folder) / "stdin"
        path.write_bytes(data)
        try:
            extensions = detect(path, data[:HEAD_BYTES]).extensions
        except EmgParseError as exc:
            exc.path = name
            raise cli_error(exc) from None
        suffix = next(s for s in (".pdf", ".docx", "") if s in extensions)
        return _convert(path.rename(path.with_suffix(suffix)), output, settings, name)


def _max_bytes(settings: Settings) -> int:
    return int(settings.max_mb * 1024 * 1024)


def _format(output: str | None, settings: Settings) -> Literal["json", "yaml"]:
    from emg_parse.writers import format_for

    if output in (None, "-"):
        return settings.fmt or "json"
    assert output is not None
    return format_for(Path(output), settings.fmt)


def _convert(
    file: Path, output: str | None, settings: Settings, name: Path | None = None
) -> tuple[str, OutcomeDocument | None]:
    """The output text for ``file`` (the parse command's options), and the document
    (None with ``--dump``); ``name``: what to call the file in messages and
    ``source.file`` instead of its own name."""
    from emg_parse.extractors import ReadOptions
    from emg_parse.pipeline import ParseOptions, blocks_of, parse_file
    from emg_parse.writers import render, render_data

    out_format = _format(output, settings)
    # the pages of a PDF are read in the isolated reader, under the memory limit
    read = ReadOptions(
        password=settings.password,
        engine=settings.engine,
        max_bytes=_max_bytes(settings),
        isolated=True,
    )
    try:
        if settings.dump is not None:
            extraction, blocks = blocks_of(file, read)
            items: list[Any] = extraction.lines if settings.dump == "lines" else blocks
            return render_data([item.to_dict() for item in items], out_format), None
        options = ParseOptions(read, timeout=settings.timeout)
        document = parse_file(file, options, name=None if name is None else str(name))
        return render(document, out_format, schema=settings.schema), document
    except EmgParseError as exc:
        if name is not None and exc.path == file:
            exc.path = name
        raise cli_error(exc) from exc


@click.command()
@click.option("-o", "--output", type=OUTPUT_PATH, help="Write the schema here instead of stdout.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of emg-parse's output."""
    from emg_parse.model import json_schema

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)
