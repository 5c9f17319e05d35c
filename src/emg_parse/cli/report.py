"""``emg-parse report CONVERTED_DIR -o report.html``: the archive as one HTML page (see
``emg_parse.report``)."""

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
from emg_parse.cli.common import (
    BROKEN_PIPE_EXIT,
    OUTPUT_PATH,
    STOP_SIGNALS,
    cli_error,
    emit,
    exit_help,
    output_target,
)
from emg_parse.errors import EmgParseError, OutputError, shown

#: Exit codes of ``emg-parse report`` (README and --help).
REPORT_EXIT_CODES: dict[int, str] = {
    0: "every document was read; the report is written",
    1: "files left out (one line each on stderr); the report of the others is written",
    2: f"{USAGE}, -o naming a file of CONVERTED_DIR)",
    3: f"{NOTHING} (nothing is written)",
    OutputError.exit_code: "the report could not be written (-o a folder, a full disk, a "
    "closed stdout)",
    STOP_SIGNALS["SIGHUP"]: "stopped by SIGHUP (terminal closed); nothing was replaced",
    BROKEN_PIPE_EXIT: "stdout's reader stopped reading (e.g. | head); nothing more printed",
    STOP_SIGNALS["SIGTERM"]: "stopped by SIGTERM (kill); nothing was replaced",
}


@click.command(epilog=exit_help("Exit codes:", REPORT_EXIT_CODES, width=3))
@converted_dir
@click.option(
    "-o",
    "--output",
    type=OUTPUT_PATH,
    metavar="FILE",
    help="The HTML file to write (an existing file is replaced once the new one is "
    "complete); without it, the page goes to stdout.",
)
@aliases_option
def report(converted_dir: Path, output: str | None, alias_files: tuple[Path, ...]) -> None:
    """Write the documents of a converted folder as one self-contained HTML page: the
    meetings, a timeline of every body across the meetings, the requests by addressee,
    and a table of every decision with a search box and filters, each linked to its
    document.

    \b
      emg-parse report converted/ -o converted/report.html
      emg-parse report converted/ -o report.html

    CONVERTED_DIR is a folder 'emg-parse batch' wrote (its manifest.json says which files
    to read), or any folder of emg-parse JSON or YAML files.  The links to the documents
    are relative to the folder of FILE (stdout: the current folder).  The page needs no
    network; the same folder gives the same page.
    """
    from emg_parse.report import check_output, link_base, report_html

    names = load_names(alias_files)
    target = output_target(output)
    archive = open_folder(converted_dir)
    try:
        check_output(target, archive)
        page = report_html(archive, link_base(target), names)
    except EmgParseError as exc:
        report_problems(archive)
        raise cli_error(exc) from None
    report_problems(archive)
    emit(page, output)
    if output not in (None, "-"):
        left_out = len(archive.problems)
        click.echo(
            f"report of {shown(converted_dir)}"
            + (f" ({left_out} file{'s' * (left_out != 1)} left out)" if left_out else "")
            + f" written to {shown(output)}",
            err=True,
        )
    if archive.problems:
        raise click.exceptions.Exit(1)
