"""Serialise an :class:`OutcomeDocument` to JSON or YAML, and write files atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, Literal

from emg_parse.model import OutcomeDocument

OutputFormat = Literal["json", "yaml"]

#: The JSON Schema of the output (``model.json_schema()``), installed with the package
#: so that YAML files can name it; tests/test_validate.py checks that it is current.
SCHEMA_FILE = Path(__file__).resolve().with_name("outcome.schema.json")

#: Name of the temporary file :func:`write_atomic` writes before the rename: short
#: (an output name of 255 bytes still gets one) and distinctive, so that clean-up after a
#: killed run (:func:`is_temporary`) never takes a user's file for one of ours.
TEMPORARY_PREFIX = ".emg-parse-"
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY = re.compile(re.escape(TEMPORARY_PREFIX) + r"[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX))

#: Output extensions and the format each implies.
EXTENSION_FORMATS: dict[str, OutputFormat] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@cache
def _yaml_dumper(emitter: Literal["c", "python"] = "c") -> type[Any]:
    """Block-style YAML; long strings as plain scalars (no line folding).

    Built on first use so that writing JSON never imports PyYAML.  It emits with
    libyaml (``emitter="c"``) when PyYAML was built with it, as its wheels are: five
    times faster than the pure-Python emitter, and the same data (the same text too,
    but for characters outside the Basic Multilingual Plane, such as emoji, which
    libyaml writes as ``\\U`` escapes; tests/test_writers.py).
    """
    import yaml

    base: type[Any] = yaml.SafeDumper
    if emitter == "c":
        base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]
        pass

    def str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data else None
        if "\x85" in data:
            # NEL: the pure-Python emitter writes it raw, where it reads back as a space
            style = '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, str_presenter)
    return Dumper


def to_data(document: OutcomeDocument) -> dict[str, Any]:
    """Plain JSON-compatible data (dates as ISO strings)."""
    return document.model_dump(mode="json")


def yaml_header() -> str:
    """The first line of every YAML document: a comment naming the JSON Schema.

    ``# yaml-language-server: $schema=file:///.../emg_parse/outcome.schema.json``: the
    absolute URI of the schema installed with emg-parse, so that an editor running the
    YAML language server (e.g. VS Code's YAML extension) checks the file as it is
    edited.  The README says how to point it elsewhere.
    """
    return f"# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}\n"


def render(document: OutcomeDocument, fmt: OutputFormat) -> str:
    """The document as JSON or YAML text, ending with a newline.

    YAML starts with :func:`yaml_header`.
    """
    if fmt == "json":
        # pydantic's serializer writes the same JSON as json.dumps(indent=2), ~20x faster.
        return document.model_dump_json(indent=2) + "\n"
    return yaml_header() + render_data(to_data(document), fmt)


def render_data(data: Any, fmt: OutputFormat) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    text: str = yaml.dump(
        data, Dumper=_yaml_dumper(), sort_keys=False, allow_unicode=True, width=10**9
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
    if anything fails, it is left as it was and no temporary file remains.  The file
    gets the permissions a newly created file would get (``0o666`` less the umask),
    not the private ``0o600`` of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file that :func:`write_atomic` creates."""
    return _TEMPORARY.fullmatch(name) is not None


@cache
def _umask() -> int:
    """The process umask (read once: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
