"""``emg-parse validate FILE...``: check emg-parse YAML or JSON, e.g. after hand-editing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import click

from emg_parse.cli.common import (
    BROKEN_PIPE_EXIT,
    FiniteFloatRange,
    exit_help,
    write_stdout,
)
from emg_parse.errors import EmgParseError, InputError, OutputError
from emg_parse.limits import (
    DEFAULT_TIMEOUT,
    READER_MEMORY,
    VALIDATE_MAX_BYTES,
    memory_limit,
    memory_message,
)

if TYPE_CHECKING:
    from emg_parse.validate import Problem, Validation

#: Exit codes of ``emg-parse validate`` (worst over all files).
VALIDATE_EXIT_CODES: dict[int, str] = {
    0: "every file is valid (warnings do not count)",
    1: "a problem was found",
    2: "a file could not be read (missing, a folder, not a regular file, over --max-size, "
    "--timeout or the memory limit), or usage error",
    OutputError.exit_code: "the report could not be written",
    BROKEN_PIPE_EXIT: "stdout's reader stopped reading (e.g. | head); nothing more printed",
}

VALIDATE_EXIT_HELP = exit_help("Exit codes:", VALIDATE_EXIT_CODES, width=3)


@click.command(epilog=VALIDATE_EXIT_HELP)
@click.argument(
    "files",
    nargs=-1,
    metavar="FILE...",
    type=click.Path(path_type=Path, allow_dash=True, readable=False),
)
@click.option(
    "--aliases",
    "alias_files",
    multiple=True,
    metavar="FILE",
    type=click.Path(path_type=Path, readable=False),
    help="Check FILE as an alias file (other names of bodies, the format of the bundled "
    "data/aliases.yaml, as 'export' and 'bodies' read it) rather than as a document; may "
    "be repeated.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one problem a line, FILE:LINE:COLUMN: path: message, and a summary on "
    "stderr; json: a JSON list of problems.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Re-derive the fields the parser derives from the text (actions, ids, "
    "addressees, deadlines, bodies) after hand edits, and rewrite each file in place "
    "(in its format, via a temporary file) when they changed; say what changed.",
)
@click.option(
    "--max-size",
    type=FiniteFloatRange(min=0.001),
    default=VALIDATE_MAX_BYTES / 1048576,
    show_default=True,
    help="Refuse files (and stdin) larger than this many MB.",
)
@click.option(
    "--timeout",
    type=FiniteFloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Give up a file after this many seconds (0: no limit).",
)
def validate(
    files: tuple[Path, ...],
    alias_files: tuple[Path, ...],
    fmt: Literal["text", "json"],
    fix: bool,
    max_size: float,
    timeout: float,
) -> None:
    """Check YAML or JSON files written by emg-parse (and perhaps edited by hand).

    Reports every problem: syntax, duplicate keys, unknown, missing or mistyped
    fields, bad dates, label gaps and repeats, section order, empty texts; and warns
    when a decision's actions are not the verbs of its text.  Paths read like
    sections[3].decisions[0].label (indices from 0).  FILE may be - for stdin, or a
    folder: its .json, .yaml and .yml files, in sub-folders too (not manifest.json).
    At most 1 GB of memory more than at start is used.  With --aliases FILE, FILE is
    checked as an alias file instead (its format, and names given to two bodies).
    """

    if not files and not alias_files:
        raise click.UsageError("Missing argument 'FILE...' (or --aliases FILE).")
    max_bytes = int(max_size * 1024 * 1024)
    problems: list[Problem] = []
    exit_code = 0
    unreadable = 0
    checks = [(file, False) for file in _expand(files)] + [(file, True) for file in alias_files]
    for file, aliases in checks:
        try:
            if fix and not aliases:
                _fix_one(file, max_bytes, timeout)
            result = _validate_one(file, max_bytes, timeout, aliases=aliases)
        except EmgParseError as exc:
            click.echo(f"Error: {exc.one_line()}", err=True)
            exit_code, unreadable = 2, unreadable + 1
            continue
        problems += result.problems
        if not result.valid:
            exit_code = max(exit_code, 1)
    if fmt == "json":
        write_stdout(
            json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        write_stdout("".join(f"{problem.one_line()}\n" for problem in problems))
        click.echo(_summary(len(checks), problems, unreadable), err=True)
    if exit_code:
        raise click.exceptions.Exit(exit_code)


def _expand(files: tuple[Path, ...]) -> list[Path]:
    """``files``, each folder replaced by the emg-parse outputs in it, at any depth
    (``archive.output_files``: .json, .yaml, .yml; not hidden ones, not manifest.json
    and the other files emg-parse writes beside outputs).  A folder without any is
    kept, to be reported as unreadable."""
    from emg_parse.archive import output_files

    expanded: list[Path] = []
    for file in files:
        found = sorted(output_files(file)) if str(file) != "-" and file.is_dir() else []
        expanded += [file / name for name in found] if found else [file]
    return expanded


def _fix_one(file: Path, max_bytes: int, timeout: float) -> None:
    """``--fix`` for one file: rewrite it if need be and say so on stderr."""
    from emg_parse.limits import time_limit
    from emg_parse.validate import fix_file

    if str(file) == "-":
        raise InputError(Path("<stdin>"), "--fix rewrites files in place; give a file, not -")
    try:
        with memory_limit(READER_MEMORY), time_limit(timeout, file):
            fixed = fix_file(file, max_bytes=max_bytes)
    except MemoryError:
        raise InputError(file, memory_message(READER_MEMORY)) from None
    except OSError as exc:
        raise OutputError(file, f"cannot rewrite ({exc.strerror or exc})") from None
    if fixed.problems:
        click.echo(f"{fixed.file}: not fixed: it does not load; see its problems", err=True)
    elif fixed.changes:
        click.echo(f"{fixed.file}: fixed: {', '.join(fixed.changes)}", err=True)


def _validate_one(file: Path, max_bytes: int, timeout: float, *, aliases: bool) -> Validation:
    """Validate ``file`` ("-": stdin) within the limits, as an alias file when ``aliases``;
    EmgParseError when it cannot be read or checked within them.  The time limit starts
    once stdin is read."""
    from emg_parse.limits import time_limit
    from emg_parse.validate import (
        read_at_most,
        validate_aliases_file,
        validate_bytes,
        validate_file,
    )

    stdin = str(file) == "-" and not aliases
    name = Path("<stdin>") if stdin else file
    if not stdin and not aliases and file.is_dir():  # (one with outputs was expanded)
        raise InputError(file, "is a folder that holds no .json, .yaml or .yml file to check")
    try:
        with memory_limit(READER_MEMORY):
            if aliases:
                with time_limit(timeout, name):
                    return validate_aliases_file(file, max_bytes=max_bytes)
            if stdin:
                if sys.stdin is None:
                    raise InputError(name, "cannot read: standard input is closed")
                data = read_at_most(sys.stdin.buffer, name, max_bytes)
                with time_limit(timeout, name):
                    return validate_bytes(data, str(name))
            with time_limit(timeout, name):
                return validate_file(file, max_bytes=max_bytes)
    except MemoryError:
        pass  # reported below, once the memory is released
    raise InputError(name, memory_message(READER_MEMORY))


def _summary(files: int, found: list[Problem], unreadable: int) -> str:
    warnings = sum(problem.warning for problem in found)
    problems = len(found) - warnings
    text = f"{files} file{'s' * (files != 1)}, "
    text += f"{problems} problem{'s' * (problems != 1)}" if problems else "no problems"
    text += f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    return text + (f", {unreadable} unreadable" if unreadable else "")
