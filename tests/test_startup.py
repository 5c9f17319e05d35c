"""Start-up: a command imports and compiles only what it uses; nothing works at import.

Each check runs a fresh interpreter (``python -c``), as the ``emg-parse`` command starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from emg_parse import names

from .conftest import SAMPLES

#: Prints, as JSON, the emg_parse and yaml modules imported, which patterns of
#: emg_parse.patterns are compiled, and whether the bundled vocabulary was built.
_REPORT = """
import json, sys
from emg_parse import patterns
from emg_parse.names import _vocabulary
lazy = {n for n, v in vars(patterns).items() if isinstance(v, patterns._Lazy)}
print(json.dumps({
    "modules": sorted(m for m in sys.modules if m.startswith(("emg_parse", "yaml"))),
    "compiled": sorted(n for n in lazy if "_compiled" in vars(getattr(patterns, n))),
    "patterns": sorted(lazy),
    "vocabulary": _vocabulary.cache_info().currsize,
}))
"""


def _run(code: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", code + _REPORT], capture_output=True, text=True, check=True
    )
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return report


def test_help_imports_neither_the_extractors_nor_the_model() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "emg_parse", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "emg_parse.cli.parse" in modules
    heavy = {"emg_parse.extractors", "emg_parse.model", "emg_parse.patterns", "yaml"}
    assert not modules & heavy


def test_importing_the_enrichment_does_no_work() -> None:
    report = _run("import emg_parse.enrich, emg_parse.segmenter, emg_parse.header\n")
    assert report["vocabulary"] == 0
    assert report["compiled"] == []
    assert "yaml" not in report["modules"]


def test_a_parse_compiles_patterns_once_and_reads_no_yaml_module_it_does_not_need(
    tmp_path: Path,
) -> None:
    code = (
        "from pathlib import Path\n"
        "from emg_parse.pipeline import parse_file\n"
        f"document = parse_file(Path({str(SAMPLES / 'EMGSOM.26_3a.txt')!r}))\n"
        "assert document.sections[0].decisions[0].addressees is not None\n"
    )
    report = _run(code)
    assert report["vocabulary"] == 1
    assert "emg_parse.positions" not in report["modules"]  # a user's YAML files only
    assert "DATE" in report["compiled"]


def test_validate_compiles_only_the_patterns_it_uses(tmp_path: Path, yaml_doc: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(yaml_doc, encoding="utf-8")
    report = _run(
        "from pathlib import Path\n"
        "from emg_parse.validate import validate_file\n"
        f"assert validate_file(Path({str(path)!r})).problems == []\n"
    )
    assert report["vocabulary"] == 0
    compiled, patterns = report["compiled"], report["patterns"]
    assert "DATE" not in compiled and "HEADING" not in compiled
    assert len(compiled) < len(patterns) // 4


def _with_bytecode(cache: Path) -> dict[str, str]:
    """This environment with bytecode (and the bundled data) cached under ``cache``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(cache)}


def test_the_bundled_data_is_read_from_its_cache_without_yaml(tmp_path: Path) -> None:
    """As an installed package runs: the first parse caches the bundled data beside the
    bytecode; the next one reads it from there and imports no YAML library."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from emg_parse.pipeline import parse_file\n"
        "from emg_parse.writers import render\n"
        f"render(parse_file(Path({str(SAMPLES / 'EMGSOM.26_3a.txt')!r})), 'json')\n"
    )
    env = _with_bytecode(tmp_path / "cache")
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", code + _REPORT],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        outputs.append(json.loads(result.stdout.splitlines()[-1]))
    assert "yaml" in outputs[0]["modules"]
    assert "yaml" not in outputs[1]["modules"]
    cached = sorted(p.name for p in (tmp_path / "cache").rglob("*.marshal"))
    tag = sys.implementation.cache_tag
    assert cached == [f"aliases.yaml.{tag}.marshal", f"entities.yaml.{tag}.marshal"]


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A YAML file read as a bundled one, its cache under ``tmp_path / 'cache'``."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "cache"))
    path = tmp_path / "data.yaml"
    path.write_text("# a comment\nbodies:\n- Task Team on X\n", encoding="utf-8")
    return path


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml, "load", refuse)


def test_the_cache_is_used_while_the_file_is_unchanged(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}
    cache = names._cache_of(bundled)
    assert cache is not None and cache.is_file()
    with monkeypatch.context() as patch:
        _no_yaml(patch)
        assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}
    bundled.write_text("bodies: [Task Team on Y, Z]\n", encoding="utf-8")
    assert names._bundled(bundled) == {"bodies": ["Task Team on Y", "Z"]}


def test_a_damaged_cache_is_parsed_again(bundled: Path) -> None:
    names._bundled(bundled)
    cache = names._cache_of(bundled)
    assert cache is not None
    for damaged in (b"\x00garbage", b"", b"\xe9"):
        cache.write_bytes(damaged)
        assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}


def test_no_cache_where_python_caches_no_bytecode(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.implementation, "cache_tag", None)
    assert names._cache_of(bundled) is None
    assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}
    assert not (tmp_path / "cache").exists()


def test_no_cache_without_bytecode_or_where_it_cannot_be_written(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}
    assert not (tmp_path / "cache").exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    assert names._bundled(bundled) == {"bodies": ["Task Team on X"]}
    assert not list(tmp_path.glob("**/*.tmp"))
