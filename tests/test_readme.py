"""The README's set-up commands are the ones CI runs and they name real files."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```\n(python3 -m venv .+)\n```", README)


def test_readme_starts_with_the_two_setup_commands() -> None:
    commands = _commands()
    assert len(commands) == 2
    assert README.index(commands[0]) < README.index("## Usage")


def test_ci_runs_the_readme_test_command() -> None:
    assert _commands()[1] in CI.splitlines()


def test_main_job_uses_a_bundled_sample() -> None:
    sample = re.search(r"emg-parse (samples/\S+)", _commands()[0])
    assert sample is not None and (ROOT / sample.group(1)).is_file()
