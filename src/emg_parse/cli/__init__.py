"""Command line: a thin click layer over the library.

This package is the only place that prints or exits.  Library errors
(:class:`~emg_parse.errors.EmgParseError`) become one-line messages with the exit
code of their class (``common.EXIT_CODES``).  One module per command.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

import click

from emg_parse import __version__
from emg_parse.cli.batch import batch
from emg_parse.cli.common import EXIT_CODES, EXIT_HELP
from emg_parse.cli.parse import parse, schema
from emg_parse.cli.validate import validate

__all__ = ["EXIT_CODES", "main", "run"]


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
    epilog=EXIT_HELP,
)
@click.version_option(__version__, prog_name="emg-parse")
def main() -> None:
    """Turn EMG Senior Officials Meeting outcome documents into validated JSON or YAML.

    \b
      emg-parse EMGSOM.26_3a.pdf -o out.json
      emg-parse EMGSOM.26_3a.docx              (JSON on stdout)
      emg-parse doc.pdf -o out.yaml --format yaml
      emg-parse batch archive/ -o converted/   (a whole folder, incrementally)
      emg-parse validate out.yaml              (check a hand-edited file)
      emg-parse schema                         (the JSON Schema of the output)
    """


main.add_command(parse)
main.add_command(schema)
main.add_command(validate)
main.add_command(batch)


def run() -> NoReturn:
    """The ``emg-parse`` console command: :func:`main`, then a quick exit.

    Once a command has finished, all that is left is freeing memory: Python's own
    teardown (a last garbage collection, then every module and object freed one by
    one) takes some 20 ms after a long PDF, a sixth of the whole parse.  So the exit
    handlers run, the output streams are flushed, and the process ends at once.
    Tests call :func:`main` (with click's ``CliRunner``), which exits normally.
    """
    try:
        main()
    except SystemExit as exc:
        status = _exit_status(exc.code)
    else:  # pragma: no cover - click's standalone mode always exits
        status = 0
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            # as Python does when it cannot flush stdout at exit (e.g. a closed pipe)
            status = status or 120
    os._exit(status)


def _exit_status(code: object) -> int:
    """The process status ``sys.exit(code)`` gives (a message is printed first)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
