"""The record of a batch run: one :class:`Row` per file, in ``manifest.json`` and ``.csv``.

``manifest.json`` is also what makes ``emg-parse batch`` incremental: a row says
"output ``output`` was made from content ``sha256`` by emg-parse ``version``".  Both
files are written atomically (temporary file and rename), so they are always
complete and valid, also when a run is interrupted.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from dataclasses import KW_ONLY, asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args

from emg_parse.errors import shown
from emg_parse.writers import OutputFormat, write_atomic

#: What became of a file.  ``not_outcome``: a document that was read but holds no
#: outcome structure (a README, notes): not an error, and it has no output.
Status = Literal["converted", "unchanged", "not_outcome", "skipped", "failed"]
STATUSES: tuple[Status, ...] = get_args(Status)

MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
#: 2 added the ``not_outcome`` status (and its count in the summary), the rows'
#: ``run`` and the manifest's ``run`` and ``force``; version 1 manifests read the same.
MANIFEST_VERSION = 2


@dataclass(frozen=True)
class Row:
    """One file of the archive.  Paths are POSIX-style and relative.

    The fields, in order, are the columns of both manifests (:data:`COLUMNS`); all
    but ``path`` are given by name.  ``path`` is relative to ARCHIVE_DIR, ``output``
    to OUT_DIR (None when there is no output: not_outcome, skipped or failed), both as
    :func:`~emg_parse.errors.shown` prints them: the name itself, unless it is not
    UTF-8 or holds control characters, which are escaped (``\\xff``, ``\\n``), so
    that both manifests are valid UTF-8.  ``error`` is the one-line message of the
    single-file command (without ``Error: ``).  The counts are None when there is no
    result; ``items`` counts sub-items at every depth.
    """

    path: str
    _: KW_ONLY
    output: str | None = None
    sha256: str | None = None
    status: Status
    error: str | None = None
    sections: int | None = None
    decisions: int | None = None
    items: int | None = None
    warnings: int | None = None
    seconds: float = 0.0
    version: str = ""
    #: The run that gave the row its result (its ``run`` in the manifest): a run
    #: interrupted under ``--force`` resumes without converting these again.
    run: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The row by column, in :data:`COLUMNS` order (every value is a number, a
        string or None: no copy is needed, as ``asdict`` would make)."""
        return {name: getattr(self, name) for name in COLUMNS}

    @classmethod
    def from_dict(cls, data: object) -> Row | None:
        """The row, or None when ``data`` is not a well-formed row (it is then ignored).

        ``output`` is only compared with the names ``emg-parse batch`` derives from
        ``path``, never used as a path itself, so a hand-edited one cannot point anywhere.
        """
        if not isinstance(data, dict) or not REQUIRED <= set(data) <= set(COLUMNS):
            return None
        data = {"run": None} | data
        if not (isinstance(data["path"], str) and data["status"] in STATUSES):
            return None
        for name in ("output", "sha256", "error", "run"):
            if data[name] is not None and not isinstance(data[name], str):
                return None
        for name in ("sections", "decisions", "items", "warnings"):
            value = data[name]
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                return None
        if not isinstance(data["seconds"], int | float) or not isinstance(data["version"], str):
            return None
        seconds = data["seconds"]
        if isinstance(seconds, float) and not math.isfinite(seconds):
            return None
        if data["path"] != shown(data["path"]):  # not a name this tool writes
            return None
        if any(isinstance(value, str) and not is_text(value) for value in data.values()):
            return None
        return cls(**data)


#: The columns of both manifests, in order: the fields of :class:`Row`.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Row))
#: The columns a row must have (``run`` came with version 2).
REQUIRED = frozenset(COLUMNS) - {"run"}


def is_text(value: str) -> bool:
    """True when ``value`` can be written as UTF-8 (it holds no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Summary:
    """Counts of one run (``seconds``: wall-clock time of the whole run)."""

    converted: int = 0
    unchanged: int = 0
    not_outcome: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0

    @classmethod
    def of(cls, rows: list[Row], seconds: float) -> Summary:
        counts = {status: 0 for status in STATUSES}
        for row in rows:
            counts[row.status] += 1
        return cls(**counts, seconds=round(seconds, 3))


@dataclass(frozen=True)
class Previous:
    """What the previous run's manifest says: its rows by ``path``, and the ``run`` of
    a ``--force`` run that was interrupted (None when it completed, or was not forced)."""

    rows: dict[str, Row]
    forced_run: str | None = None


@dataclass(frozen=True)
class RunInfo:
    """The run a manifest records: ``run`` names it (its start time, UTC), ``force``
    says it converts every document (``--force``)."""

    run: str | None
    force: bool


def load_manifest(out_dir: Path) -> Previous:
    """The previous run's manifest; no rows if there is none or it is invalid.

    A ``path`` listed more than once (two files whose names look alike once escaped)
    names no row for sure, so it is left out.
    """
    try:
        data = json.loads((out_dir / MANIFEST_JSON).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return Previous({})
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        return Previous({})
    rows = [row for item in documents if (row := Row.from_dict(item)) is not None]
    listed = Counter(row.path for row in rows)
    run = data.get("run")
    interrupted = data.get("complete") is False and data.get("force") is True
    forced_run = run if interrupted and isinstance(run, str) and is_text(run) else None
    return Previous({row.path: row for row in rows if listed[row.path] == 1}, forced_run)


def load_rows(out_dir: Path) -> dict[str, Row]:
    """Rows of the previous run's manifest by ``path`` (see :func:`load_manifest`)."""
    return load_manifest(out_dir).rows


def manifest_json(
    rows: list[Row],
    *,
    archive: Path,
    fmt: OutputFormat,
    version: str,
    complete: bool,
    summary: Summary,
    run: RunInfo,
) -> str:
    data = {
        "manifest_version": MANIFEST_VERSION,
        "emg_parse_version": version,
        "archive": shown(archive),
        "format": fmt,
        "run": run.run,
        "force": run.force,
        "complete": complete,
        "summary": asdict(summary),
        "documents": [row.to_dict() for row in rows],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | float | None) -> str | float:
    """A manifest value as a CSV cell: text that starts like a formula gets a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def manifest_csv(rows: list[Row]) -> str:
    """The rows as CSV, safe to open in a spreadsheet.

    Every text cell is quoted (so that a separator or line break in it stays in the
    cell, whatever separator the spreadsheet assumes), and one that starts with a
    formula character gets a leading ``'`` (:func:`csv_cell`); numbers are bare.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(COLUMNS)
    for row in rows:
        data = row.to_dict()
        writer.writerow([csv_cell(data[name]) for name in COLUMNS])
    return buffer.getvalue()


def write_manifests(
    out_dir: Path,
    rows: list[Row],
    *,
    archive: Path,
    fmt: OutputFormat,
    version: str,
    complete: bool,
    seconds: float = 0.0,
    run: RunInfo | None = None,
) -> None:
    """Write ``manifest.csv`` then ``manifest.json`` (sorted by path), each atomically.

    The summary is counted from ``rows`` (``seconds``: the run's time so far), so that
    the two always agree."""
    ordered = sorted(rows, key=lambda row: row.path)
    counts = Summary.of(ordered, seconds)
    write_atomic(out_dir / MANIFEST_CSV, manifest_csv(ordered))
    text = manifest_json(
        ordered,
        archive=archive,
        fmt=fmt,
        version=version,
        complete=complete,
        summary=counts,
        run=run or RunInfo(None, force=False),
    )
    write_atomic(out_dir / MANIFEST_JSON, text)
