"""Serialise an :class:`OutcomeDocument` to JSON or YAML, and write files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

import yaml

from emg_parse.model import OutcomeDocument

OutputFormat = Literal["json", "yaml"]

#: Output extensions and the format each implies.
EXTENSION_FORMATS: dict[str, OutputFormat] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML; long strings as plain scalars (no line folding)."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def to_data(document: OutcomeDocument) -> dict[str, Any]:
    """Plain JSON-compatible data (dates as ISO strings)."""
    return document.model_dump(mode="json")


def render(document: OutcomeDocument, fmt: OutputFormat) -> str:
    """The document as JSON or YAML text, ending with a newline."""
    return render_data(to_data(document), fmt)


def render_data(data: Any, fmt: OutputFormat) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**9
    )
    return text


def format_for(path: Path, explicit: OutputFormat | None) -> OutputFormat:
    """``explicit`` if given, else from the extension of ``path``, else JSON."""
    if explicit is not None:
        return explicit
    return EXTENSION_FORMATS.get(path.suffix.lower(), "json")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    An existing file at ``path`` is replaced only once the new content is complete;
    if anything fails, it is left as it was and no temporary file remains.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
