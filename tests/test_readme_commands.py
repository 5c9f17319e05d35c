"""Every command the README shows runs as written from the repository root, and its
YAML excerpt and action vocabulary are the real ones."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

from click.testing import CliRunner

from emg_parse.actions import VOCABULARY
from emg_parse.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The ```sh blocks: commands to run, one a line, in order (later ones read what earlier
#: ones wrote); a comment that says "exit N" gives the status expected instead of 0.
COMMANDS = [
    line
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    for line in block.splitlines()
    if line.strip()
]


def expected_status(line: str) -> int:
    found = re.search(r"#.*\bexit (\d+)\b", line)
    return int(found.group(1)) if found else 0


def test_readme_shows_commands_and_activates_the_environment_first() -> None:
    assert COMMANDS[0] == ". .venv/bin/activate"
    assert len(COMMANDS) > 20
    assert all(line.startswith(("emg-parse ", "cat ", "sed ", ".")) for line in COMMANDS)


def test_every_readme_command_runs(tmp_path: Path) -> None:
    """In a copy of the repository (outputs land in its out/), with the environment that
    runs the tests as .venv."""
    repo = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(".git", ".venv", "out", "*cache*", "__pycache__"),
    )
    venv = Path(sys.prefix)
    assert (venv / "bin" / "activate").is_file() and (venv / "bin" / "emg-parse").is_file()
    (repo / ".venv").symlink_to(venv)
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMG_PARSE")}
    for line in COMMANDS:
        result = subprocess.run(
            ["bash", "-c", f". .venv/bin/activate && {line}"],
            cwd=repo,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == expected_status(line), (line, result.stderr[-2000:])
        assert b"Traceback" not in result.stderr, line


def test_setup_output_is_ignored_by_git() -> None:
    setup = re.search(r"```\n(python3 -m venv .+ -o (\S+))\n```", README)
    assert setup is not None
    ignored = [
        line.strip().lstrip("/")
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert any(fnmatch(setup.group(2), pattern) for pattern in ignored)
    assert any(pattern.rstrip("/") == "out" for pattern in ignored)  # the README's outputs


def test_yaml_excerpt_is_real_output() -> None:
    """Each part of the excerpt between '...' lines is a piece of the output, in order."""
    command = re.search(r"An excerpt of `emg-parse (\S+) --format yaml`", README)
    excerpt = re.search(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    assert command is not None and excerpt is not None
    result = CliRunner().invoke(main, [str(ROOT / command.group(1)), "--format", "yaml"])
    assert result.exit_code == 0
    parts = re.split(r"^ *\.\.\.\n", excerpt.group(1), flags=re.MULTILINE)
    assert len(parts) >= 3
    position = 0
    for part in parts:
        found = result.stdout.find(part, position)
        assert found >= position, part
        position = found + len(part)
    assert result.stdout.startswith(parts[0]) and result.stdout.endswith(parts[-1])


def test_action_vocabulary_is_the_parser_s() -> None:
    paragraph = re.search(r"`actions` are the decision's operative verbs.*?\n\n", README, re.DOTALL)
    assert paragraph is not None
    listed = re.findall(r"`([a-z_]+)`", paragraph.group(0).split("):", 1)[1])
    assert listed[:-1] == list(VOCABULARY)  # the last one is the warning's code
    assert listed[-1] == "unknown_verb"


def test_internals_are_linked() -> None:
    assert "(docs/internals.md)" in README
    internals = (ROOT / "docs" / "internals.md").read_text(encoding="utf-8")
    assert "## How it works" in internals and "## Speed" in internals
    assert "## How it works" not in README and "## Speed" not in README
