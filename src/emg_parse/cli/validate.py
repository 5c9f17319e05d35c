"""``emg-parse validate FILE...``: check emg-parse YAML or JSON, e.g. after hand-editing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal

import click

from emg_parse.cli.common import exit_help
from emg_parse.errors import EmgParseError

#: Exit codes of ``emg-parse validate`` (worst over all files).
VALIDATE_EXIT_CODES: dict[int, str] = {
    0: "every file is valid",
    1: "a problem was found",
    2: "a file could not be read, or usage error",
}

VALIDATE_EXIT_HELP = exit_help("Exit codes:", VALIDATE_EXIT_CODES)


@click.command(epilog=VALIDATE_EXIT_HELP)
@click.argument(
    "files", nargs=-1, required=True, metavar="FILE...",
    type=click.Path(path_type=Path, allow_dash=True),
)  # fmt: skip
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True,
    help="text: one problem a line, FILE:LINE:COLUMN: path: message, and a summary on "
    "stderr; json: a JSON list of problems.",
)  # fmt: skip
def validate(files: tuple[Path, ...], fmt: Literal["text", "json"]) -> None:
    """Check YAML or JSON files written by emg-parse (and perhaps edited by hand).

    Reports every problem: syntax, duplicate keys, unknown, missing or mistyped
    fields, bad dates, label gaps and repeats, section order, empty texts.  Paths
    read like sections[3].decisions[0].label (indices from 0).  FILE may be - for
    stdin.
    """
    from emg_parse.validate import Problem, Validation, validate_bytes, validate_file

    problems: list[Problem] = []
    exit_code = 0
    unreadable = 0
    for file in files:
        try:
            result: Validation
            if str(file) == "-":
                result = validate_bytes(sys.stdin.buffer.read(), "<stdin>")
            else:
                result = validate_file(file)
        except EmgParseError as exc:
            click.echo(f"Error: {exc.one_line()}", err=True)
            exit_code, unreadable = 2, unreadable + 1
            continue
        problems += result.problems
        if result.problems:
            exit_code = max(exit_code, 1)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(problem.one_line())
        click.echo(_summary(len(files), len(problems), unreadable), err=True)
    if exit_code:
        raise click.exceptions.Exit(exit_code)


def _summary(files: int, problems: int, unreadable: int) -> str:
    text = f"{files} file{'s' * (files != 1)}, "
    text += f"{problems} problem{'s' * (problems != 1)}" if problems else "no problems"
    return text + (f", {unreadable} unreadable" if unreadable else "")
