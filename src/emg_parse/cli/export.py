"""``emg-parse export CONVERTED_DIR -o emg.db [--csv DIR]``: the archive as one database
(see ``emg_parse.export``)."""

from __future__ import annotations

from pathlib import Path

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
from emg_parse.cli.common import STOP_SIGNALS, Stopped, cli_error, exit_help, stop_signals_raise
from emg_parse.errors import EmgParseError, OutputError, shown

#: Exit codes of ``emg-parse export`` (README and --help).
EXPORT_EXIT_CODES: dict[int, str] = {
    0: "every document was exported",
    1: "files left out (one line each on stderr: unreadable or not valid); the others were "
    "exported",
    2: f"{USAGE}, -o naming a file of CONVERTED_DIR)",
    3: f"{NOTHING} (nothing is written)",
    OutputError.exit_code: "the database or a CSV file could not be written (-o a folder or "
    "no regular file, --csv a file, a full disk)",
    STOP_SIGNALS["SIGHUP"]: "stopped by SIGHUP (terminal closed); nothing was replaced",
    STOP_SIGNALS["SIGTERM"]: "stopped by SIGTERM (kill); nothing was replaced",
}


@click.command(epilog=exit_help("Exit codes:", EXPORT_EXIT_CODES, width=3))
@converted_dir
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    metavar="DATABASE",
    help="The SQLite database to write (an existing file is replaced once the new one is "
    "complete); its Datasette metadata goes beside it as NAME.metadata.json.",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Also (or only) write one CSV file per table and a datapackage.json (Frictionless "
    "Data Package) into DIR.",
)
@aliases_option
def export(
    converted_dir: Path, output: str | None, csv_dir: Path | None, alias_files: tuple[Path, ...]
) -> None:
    """Write the documents of a converted folder to one SQLite database, for Datasette
    or any SQL tool: meetings, documents, sections, decisions and items, actions,
    addressees, deadlines, the bodies they name, and the register of bodies with their
    names and events; full-text search on the decisions' text.

    \b
      emg-parse export converted/ -o emg.db
      datasette emg.db -m emg.metadata.json
      emg-parse export converted/ --csv emg-csv/   (CSV files + datapackage.json)

    CONVERTED_DIR is a folder 'emg-parse batch' wrote (its manifest.json says which files
    to read), or any folder of emg-parse JSON or YAML files.  Files that are not valid
    are reported and left out.  The same folder gives the same database.
    """
    from emg_parse.export import export as write

    if output is None and csv_dir is None:
        raise click.UsageError("give -o DATABASE, --csv DIR, or both")
    if output == "-":
        raise click.UsageError(
            "-o -: a database cannot be written to standard output; give "
            "a file name, e.g. -o emg.db"
        )
    names = load_names(alias_files)
    archive = open_folder(converted_dir)
    try:
        with stop_signals_raise():
            summary = write(archive, output, csv_dir, names)
    except EmgParseError as exc:
        report_problems(archive)
        raise cli_error(exc) from None
    except Stopped as stop:
        raise click.exceptions.Exit(STOP_SIGNALS[stop.name]) from None
    report_problems(archive)
    left_out = len(archive.problems)
    counts = ", ".join(f"{table} {rows}" for table, rows in summary.rows.items())
    targets = [shown(path) for path in (output, csv_dir) if path is not None]
    click.echo(
        f"exported {summary.documents} document{'s' * (summary.documents != 1)}"
        + (f" ({left_out} left out)" if left_out else "")
        + (f" ({archive.failed} failed in the batch)" if archive.failed else "")
        + f" to {' and '.join(targets)}: {counts}",
        err=True,
    )
    if left_out:
        raise click.exceptions.Exit(1)
