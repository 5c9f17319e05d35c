"""emg-parse: EMG Senior Officials Meeting outcome documents as validated data.

The Python API (README, "From Python"); every function takes a path as ``str`` or
any ``os.PathLike``:

* :func:`parse_file` -- one document (PDF, DOCX, text) -> :class:`OutcomeDocument`;
  options in :class:`ParseOptions` and :class:`ReadOptions`;
* :func:`render` -- an :class:`OutcomeDocument` as JSON or YAML text;
* :func:`validate_file` -- check an emg-parse JSON or YAML file -> :class:`Validation`
  (its :class:`Problem` list, and the loaded document);
* :func:`convert_archive` -- every document under a folder, as ``emg-parse batch``;
* :class:`EmgParseError` -- what they raise about an input (``exit_code`` says which
  kind of problem).

Names are imported when first used, so ``import emg_parse`` loads no parser,
pydantic or PDF library.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from collections.abc import Callable

    from emg_parse.batch import Event
    from emg_parse.errors import EmgParseError
    from emg_parse.extractors import ReadOptions
    from emg_parse.manifest import Summary
    from emg_parse.model import OutcomeDocument
    from emg_parse.pipeline import ParseOptions, parse_file
    from emg_parse.validate import InputFormat, Problem, Validation
    from emg_parse.writers import render

__all__ = [
    "EmgParseError",
    "OutcomeDocument",
    "ParseOptions",
    "Problem",
    "ReadOptions",
    "Validation",
    "__version__",
    "convert_archive",
    "parse_file",
    "render",
    "validate_file",
]

#: Where each lazily imported name lives.
_HOMES = {
    "EmgParseError": "emg_parse.errors",
    "OutcomeDocument": "emg_parse.model",
    "ParseOptions": "emg_parse.pipeline",
    "Problem": "emg_parse.validate",
    "ReadOptions": "emg_parse.extractors",
    "Validation": "emg_parse.validate",
    "parse_file": "emg_parse.pipeline",
    "render": "emg_parse.writers",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'emg_parse' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def validate_file(
    path: str | os.PathLike[str], fmt: InputFormat | None = None, *, max_bytes: int | None = None
) -> Validation:
    """Check the emg-parse JSON or YAML file at ``path``, as ``emg-parse validate`` does
    (:func:`emg_parse.validate.validate_file`; ``max_bytes``: its limit, 5 MB unless
    given).  Raises :class:`EmgParseError` when the file cannot be read."""
    from emg_parse.limits import VALIDATE_MAX_BYTES
    from emg_parse.validate import validate_file as validate

    limit = VALIDATE_MAX_BYTES if max_bytes is None else max_bytes
    return validate(Path(path), fmt, max_bytes=limit)


def convert_archive(
    archive: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    on_event: Callable[[Event], None] | None = None,
    **options: Any,
) -> Summary:
    """Convert every document under ``archive`` into ``out_dir``, as ``emg-parse batch``
    does (:func:`emg_parse.batch.run_batch`); ``options`` are the other fields of
    :class:`emg_parse.batch.BatchOptions` (``fmt="yaml"``, ``jobs=2``, ``force=True``,
    ...).  Returns the counts; the manifest is ``out_dir/manifest.json``."""
    from emg_parse.batch import BatchOptions, run_batch

    return run_batch(BatchOptions(Path(archive), Path(out_dir), **options), on_event)
