"""The README's tables of exit codes list exactly the codes each command has."""

from __future__ import annotations

import re

import pytest

from emg_parse.cli.batch import BATCH_EXIT_CODES
from emg_parse.cli.common import EXIT_CODES
from emg_parse.cli.validate import VALIDATE_EXIT_CODES

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table_after(heading: str) -> list[int]:
    """The codes in the first column of the first ``| code | meaning |`` table after
    ``heading`` (a cell may list several: ``129, 143``)."""
    start = README.index(heading)
    table = README.index("| code | meaning |", start)
    codes: list[int] = []
    for line in README[table:].splitlines()[2:]:
        line = line.strip()
        if not line.startswith("|"):
            break
        codes += [int(code) for code in re.findall(r"\d+", line.split("|")[1])]
    return codes


@pytest.mark.parametrize(
    ("heading", "codes"),
    [
        ("### Exit codes", EXIT_CODES),
        ("Exit codes of `batch`:", BATCH_EXIT_CODES),
        ("## Validating hand-edited files", VALIDATE_EXIT_CODES),
    ],
    ids=["parse", "batch", "validate"],
)
def test_readme_lists_every_exit_code(heading: str, codes: dict[int, str]) -> None:
    assert sorted(table_after(heading)) == sorted(codes)
