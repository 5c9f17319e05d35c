"""The README's Python examples run as written (doctest), from the repository root."""

from __future__ import annotations

import doctest
import re
import sys

import pytest

import emg_parse

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2 and all(block.startswith(">>> ") for block in BLOCKS)


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest("\n".join(BLOCKS), {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_import_is_lazy_and_the_api_is_listed() -> None:
    code = (
        "import sys, emg_parse\n"
        "loaded = [m for m in sys.modules if m.startswith(('pydantic', 'yaml', 'emg_parse.'))]\n"
        "assert loaded == [], loaded\n"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)
    for name in emg_parse.__all__:
        assert getattr(emg_parse, name) is not None
    assert dir(emg_parse) == sorted(emg_parse.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = emg_parse.nothing
