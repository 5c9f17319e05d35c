"""``emg-parse bodies CONVERTED_DIR``: the register of subsidiary bodies (see
``emg_parse.register``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click

from emg_parse.cli.archive import (
    NOTHING,
    USAGE,
    aliases_option,
    converted_dir,
    load_names,
    open_folder,
    report_problems,
)
from emg_parse.cli.common import BROKEN_PIPE_EXIT, cli_error, exit_help, write_stdout
from emg_parse.errors import EmgParseError, OutputError

#: Exit codes of ``emg-parse bodies`` (README and --help).
BODIES_EXIT_CODES: dict[int, str] = {
    0: "every document was read",
    1: "files left out (one line each on stderr); the register of the others is printed",
    2: f"{USAGE})",
    3: NOTHING,
    OutputError.exit_code: "the register could not be written (a full disk, a closed stdout)",
    BROKEN_PIPE_EXIT: "stdout's reader stopped reading (e.g. | head); nothing more printed",
}


@click.command(epilog=exit_help("Exit codes:", BODIES_EXIT_CODES, width=3))
@converted_dir
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: each body with its events, for reading; csv: one row per event; json: a "
    "list of bodies with their names and events.",
)
@aliases_option
def bodies(
    converted_dir: Path, fmt: Literal["table", "csv", "json"], alias_files: tuple[Path, ...]
) -> None:
    """List every subsidiary body the decisions of a converted folder name: its names, its
    events in meeting order and its current status (active, concluded, transferred,
    unknown).

    CONVERTED_DIR is a folder 'emg-parse batch' wrote (its manifest.json says which files
    to read), or any folder of emg-parse JSON or YAML files.  A body never established in
    the documents is listed with a note.  Events of documents that propose actions
    (recommended actions) are marked "proposed" and do not count for the status.
    """
    from emg_parse.register import archive_register, render

    names = load_names(alias_files)
    archive = open_folder(converted_dir)
    try:
        register = archive_register(archive, names)
    except EmgParseError as exc:
        report_problems(archive)
        raise cli_error(exc) from None
    report_problems(archive)
    write_stdout(render(register.bodies, fmt))
    if archive.problems:
        raise click.exceptions.Exit(1)
