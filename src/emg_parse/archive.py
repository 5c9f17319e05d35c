"""Reading a folder of converted documents: what ``emg-parse batch`` wrote, or any folder
of emg-parse JSON and YAML files.

:func:`open_archive` lists the files; :meth:`Archive.documents` loads them one at a time,
so memory holds one document at a time.  Nothing is printed.  Rules:

1. **Which files.** When the folder holds ``manifest.json`` (a batch run), the outputs
   of its ``converted`` and ``unchanged`` rows, nothing else (``skipped`` and ``failed``
   rows have no output; their count is :attr:`Archive.failed`). A row's ``output`` must
   be a relative path inside the folder (no ``..``, no link leading out of it) that no
   other row lists, else the row is reported; an output whose name the manifest holds
   escaped (``new\\nline.txt.json``: a name with a control character or a byte that is
   not UTF-8) is the file of the folder whose name escapes so. Without a manifest, every
   ``.json``, ``.yaml`` and ``.yml`` file under the folder, in sub-folders too (not
   through links leading out of it), except hidden ones (``.name``) and the files
   emg-parse writes beside documents: ``manifest.json``, ``datapackage.json`` and
   ``*.metadata.json``.
2. **Keys.**  A document's key is its file's path relative to the folder, with ``/``
   (``layouts/SOM19_report.docx.json``): unique, and the same on every run.  Documents
   come in key order.
3. **Checks.**  Each file is validated with the project's models
   (:func:`emg_parse.validate.validate_file`, at most
   :data:`~emg_parse.limits.VALIDATE_MAX_BYTES` a file).  A file that does not match the
   models (problems of meaning only, such as a label gap, do not count: the parser
   reports them as warnings), cannot be read, or whose ids are not unique in it, or
   that says a name is printed in an item it does not have, or that holds a number
   beyond a 64-bit integer (no database can keep it), is reported
   (:attr:`Archive.problems`, one :class:`~emg_parse.errors.EmgParseError` each) and
   left out.  A file written before schema 1.2 has no ids: they are given by the
   parser's rule (:func:`emg_parse.ids.assign_ids`).
4. **Meetings.**  Documents with the same meeting number record one meeting; each of
   its fields is the first one known in key order (:func:`merge_meetings`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from emg_parse.errors import EmgParseError, InputError, refuse_special_file, shown
from emg_parse.ids import assign_ids
from emg_parse.manifest import MANIFEST_CSV, MANIFEST_JSON, Row
from emg_parse.model import Decision, Item, Meeting, OutcomeDocument

#: Extensions of the files read from a folder without a manifest.
EXTENSIONS = (".json", ".yaml", ".yml")
#: Files emg-parse writes beside documents, never read as documents.
DATAPACKAGE_JSON = "datapackage.json"
METADATA_SUFFIX = ".metadata.json"


class ArchiveError(EmgParseError):
    """CONVERTED_DIR is missing or not a folder."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of the archive."""

    key: str
    #: The input the batch converted (the manifest's ``path``); None without a manifest.
    path: str | None
    file: Path


@dataclass(frozen=True, slots=True)
class ArchiveDocument:
    """A loaded, validated document with unique ids."""

    key: str
    path: str | None
    document: OutcomeDocument

    @property
    def proposed(self) -> bool:
        """True when the document puts actions to the meeting rather than recording them."""
        return self.document.document.status == "proposed"


@dataclass
class Archive:
    """The files of a converted folder (rule 1), and the problems met loading them."""

    folder: Path
    entries: list[Entry]
    #: True when there is no manifest, or it says its run completed.
    complete: bool = True
    #: Manifest rows without output (the batch could not convert the document).
    failed: int = 0
    #: The folder the batch converted (the manifest's ``archive``, an absolute path), in
    #: which each entry's ``path`` lies; None without a manifest or when it names none.
    sources: Path | None = None
    problems: list[EmgParseError] = field(default_factory=list)

    def own_files(self) -> list[Path]:
        """The files that an output written from the archive must never replace: its
        documents and the manifests the batch wrote beside them."""
        manifests = [self.folder / MANIFEST_JSON, self.folder / MANIFEST_CSV]
        return [*manifests, *(entry.file for entry in self.entries)]

    def documents(self) -> Iterator[ArchiveDocument]:
        """Each valid document in key order; the others are added to :attr:`problems`."""
        for entry in self.entries:
            try:
                yield load(entry)
            except EmgParseError as exc:
                self.problems.append(exc)


def open_archive(folder: Path) -> Archive:
    """The files of ``folder`` (rules 1 and 2).

    Raises :class:`ArchiveError` when it is missing or no folder, and
    :class:`~emg_parse.errors.InputError` when its manifest cannot be read or nothing in
    it is an emg-parse output.
    """
    if not folder.exists():
        raise ArchiveError(folder, "no such folder")
    if not folder.is_dir():
        raise ArchiveError(
            folder, "is not a folder; give the folder 'emg-parse batch' wrote (its -o)"
        )
    manifest = folder / MANIFEST_JSON
    if manifest.exists() or manifest.is_symlink():
        archive = _from_manifest(folder, manifest)
        if not archive.entries and not archive.problems:
            raise InputError(
                folder,
                f"{MANIFEST_JSON} lists no converted document "
                f"({archive.failed} failed); nothing to read",
            )
        return archive
    inside = _inside_of(folder)
    entries = [Entry(shown(rel), None, folder / rel) for rel in output_files(folder) if inside(rel)]
    if not entries:
        raise InputError(
            folder,
            "holds no emg-parse output (no manifest.json, no .json or "
            ".yaml file); convert an archive first: emg-parse batch ARCHIVE_DIR "
            "-o FOLDER",
        )
    return Archive(folder, sorted(entries, key=lambda e: e.key))


def _from_manifest(folder: Path, manifest: Path) -> Archive:
    refuse_special_file(manifest)  # a FIFO would block for ever
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(
            manifest,
            f"cannot be read as a batch manifest ({reason}); run the "
            "batch again, or delete it to read every file of the folder",
        ) from None
    rows = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise InputError(
            manifest,
            "is no batch manifest (no list of documents); run the "
            "batch again, or delete it to read every file of the folder",
        )
    root = data.get("archive")
    archive = Archive(
        folder,
        [],
        complete=data.get("complete") is not False,
        sources=Path(root) if isinstance(root, str) and os.path.isabs(root) else None,
    )
    escaped: dict[str, str] = {}  # shown name -> real name, read when first needed
    inside = _inside_of(folder)
    listed: set[str] = set()
    for number, item in enumerate(rows, start=1):
        row = Row.from_dict(item)
        if row is None:
            archive.problems.append(
                InputError(manifest, f"document {number} is no well-formed manifest row; left out")
            )
        elif row.status not in ("converted", "unchanged") or row.output is None:
            archive.failed += row.status == "failed"
        elif (real := _real_name(folder, row.output, escaped)) is None or not inside(real):
            archive.problems.append(
                InputError(
                    manifest,
                    f"the output of {row.path} is not a path inside the "
                    f"folder: {row.output}; left out",
                )
            )
        elif real in listed:
            archive.problems.append(
                InputError(
                    manifest,
                    f"the output of {row.path}, {row.output}, is listed for another "
                    "document too; left out",
                )
            )
        else:
            listed.add(real)
            archive.entries.append(Entry(row.output, row.path, folder / real))
    archive.entries.sort(key=lambda e: e.key)
    return archive


def _real_name(folder: Path, output: str, escaped: dict[str, str]) -> str | None:
    """The name of the file a manifest's ``output`` names (rule 1), or None when it is
    none inside the folder.  ``escaped`` maps the escaped names of the folder's files to
    their names; it is filled on the first name that needs it."""
    if output != shown(output) or "\\" not in output:
        return output if _inside(output) else None
    if not escaped:
        escaped.update((shown(rel), rel) for rel in output_files(folder))
    real = escaped.get(output)
    return real if real is not None and _inside(real) else None


def _inside_of(folder: Path) -> Callable[[str], bool]:
    """Whether a name relative to ``folder``, its links followed, stays inside it (rule
    1); the folder's own real path is found once."""
    root = os.path.join(os.path.realpath(folder), "")
    return lambda rel: os.path.realpath(folder / rel).startswith(root)


def _inside(name: str) -> bool:
    """True for a relative path that stays inside its folder (no ``..``, no empty part)."""
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not name.startswith("/")
        and "\\" not in name
        and all(part not in ("", ".", "..") for part in parts)
    )


def output_files(folder: Path) -> Iterator[str]:
    """Relative paths of the files rule 1 reads from a folder without a manifest."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        prefix = os.path.relpath(root, folder)
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or not lower.endswith(EXTENSIONS):
                continue
            if lower in (MANIFEST_JSON, DATAPACKAGE_JSON) or lower.endswith(METADATA_SUFFIX):
                continue
            rel = name if prefix == "." else f"{prefix}/{name}".replace(os.sep, "/")
            if os.path.isfile(os.path.join(root, name)):
                yield rel


def load(entry: Entry) -> ArchiveDocument:
    """The document of ``entry``, validated, with unique ids (rule 3); raises
    :class:`~emg_parse.errors.EmgParseError` (one line) when it cannot be used."""
    from emg_parse.validate import validate_file

    validation = validate_file(entry.file)
    document = validation.document
    if document is None:
        first = validation.problems[0]
        more = len(validation.problems) - 1
        others = f" and {more} more" if more else ""
        where = f"{first.line}:{first.column}: " + (f"{first.path}: " if first.path else "")
        raise InputError(
            entry.file,
            f"does not match the emg-parse models ({where}"
            f"{first.message}{others}); check it with 'emg-parse validate "
            "FILE'; left out",
        )
    if (number := _too_large(document.model_dump())) is not None:
        raise InputError(
            entry.file,
            f"holds the number {shown(str(number))[:40]}, beyond a 64-bit integer; left out",
        )
    nodes = list(_nodes(document))
    if any(node.id is None for node in nodes):
        assign_ids(document)
    seen: set[str] = set()
    for node in nodes:
        assert node.id is not None
        if node.id in seen:
            raise InputError(
                entry.file,
                f"the id {node.id} is given twice; ids must be unique in a document; left out",
            )
        seen.add(node.id)
    for decision in _decisions(document):
        items = {item.id for item in _items(decision.items)}
        named = (
            [one.item for one in decision.addressees]
            + [one.item for one in decision.deadlines]
            + [one.item for one in decision.bodies]
        )
        for item in named:
            if item is not None and item not in items:
                raise InputError(
                    entry.file,
                    f"decision {decision.id} names the item {item}, "
                    "which it does not have; left out",
                )
    return ArchiveDocument(entry.key, entry.path, document)


#: The largest integer a database column holds (SQLite: 64 bits, signed).
_MAX_INT = 2**63 - 1


def _too_large(data: object) -> int | None:
    """The first integer in ``data`` (a document's dump) beyond :data:`_MAX_INT`."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_INT:
            return value
    return None


def _decisions(document: OutcomeDocument) -> Iterator[Decision]:
    for section in document.sections:
        yield from section.decisions


def _items(items: Iterable[Item]) -> Iterator[Item]:
    """``items`` and their items, depth first."""
    stack = list(reversed(list(items)))
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.items))


def _nodes(document: OutcomeDocument) -> Iterator[Decision | Item]:
    for decision in _decisions(document):
        yield decision
        yield from _items(decision.items)


#: The fields of a meeting merged across its documents (rule 4).
_MEETING_FIELDS = tuple(Meeting.model_fields)


def merge_meetings(documents: Iterable[tuple[str, Meeting]]) -> dict[int, Meeting]:
    """Each meeting number's record: each field the first known one among ``documents``
    (key, meeting) in key order (rule 4).  Meetings without a number are left out."""
    merged: dict[int, dict[str, object]] = {}
    for _, meeting in sorted(documents, key=lambda pair: pair[0]):
        if meeting.number is None:
            continue
        fields = merged.setdefault(meeting.number, {})
        for name in _MEETING_FIELDS:
            if fields.get(name) is None:
                fields[name] = getattr(meeting, name)
    return {number: Meeting.model_validate(fields) for number, fields in sorted(merged.items())}
