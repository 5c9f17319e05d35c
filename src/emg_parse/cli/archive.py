"""What ``export`` and ``bodies`` share: reading a converted folder, the alias files, and
reporting the files left out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from emg_parse.cli.common import cli_error
from emg_parse.errors import EmgParseError, shown

if TYPE_CHECKING:
    from emg_parse.archive import Archive
    from emg_parse.register import Names

#: What exit codes 2 and 3 of ``export`` and ``bodies`` mean (README and --help).
USAGE = "usage error (bad option, CONVERTED_DIR missing or not a folder, a bad --aliases file"
NOTHING = (
    "nothing to read: no emg-parse output in CONVERTED_DIR, none valid, or an "
    "unreadable manifest.json"
)

converted_dir = click.argument(
    "converted_dir", metavar="CONVERTED_DIR", type=click.Path(path_type=Path)
)


def aliases_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--aliases FILE`` (repeatable): more names of bodies."""
    return click.option(
        "--aliases",
        "alias_files",
        multiple=True,
        metavar="FILE",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A YAML file of other names of bodies, in the format of the bundled "
        "data/aliases.yaml (check it with 'emg-parse validate --aliases FILE'); may be "
        "repeated.",
    )(command)


def load_names(alias_files: tuple[Path, ...]) -> Names:
    """The vocabulary with the user's alias files; a bad file is a usage error (exit 2)."""
    from emg_parse.register import load_names as load

    try:
        return load(alias_files)
    except EmgParseError as exc:
        raise cli_error(exc, 2) from None


def open_folder(folder: Path) -> Archive:
    from emg_parse.archive import open_archive

    try:
        return open_archive(folder)
    except EmgParseError as exc:
        raise cli_error(exc) from None


def report_problems(archive: Archive) -> None:
    """One line on stderr for each file left out, and one for a batch run not complete."""
    from emg_parse.manifest import MANIFEST_JSON

    for problem in archive.problems:
        click.echo(f"Error: {problem.one_line()}", err=True)
    if not archive.complete:
        click.echo(
            f"Warning: {shown(archive.folder / MANIFEST_JSON)}: its batch run did not "
            "complete; only what it lists was read (run the batch again to "
            "finish)",
            err=True,
        )
