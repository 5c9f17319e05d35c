"""Check YAML or JSON written by emg-parse, possibly edited by hand: every problem, located.

:func:`validate_file` (and :func:`validate_bytes`, :func:`validate_text`) return a
:class:`Validation`: all the problems found, each with the line and column of the
offending value in the file, and the loaded :class:`~emg_parse.model.OutcomeDocument`
when the file matches the model.  Nothing is printed; an unreadable file raises
:class:`~emg_parse.errors.InputError`.

The checks, in one pass:

1. **Syntax** (:mod:`emg_parse.positions`): the first YAML or JSON syntax error (no
   parser can go on after one), with advice for the usual pitfalls; then every
   duplicate key, YAML alias and unsupported YAML tag.
2. **The model**: the same strict pydantic models the parser fills -- unknown and
   missing fields, wrong types, bad dates, an unsupported ``schema_version``.  YAML's
   unquoted ``yes``, ``1.0``, ``2020-10-28`` where a string is expected are explained.
3. **Meaning**: labels and section numbers follow the rules of
   :mod:`emg_parse.sequence`, the parser's own: in each list of decisions or items,
   labels run a, b, c / i, ii, iii / 1, 2, 3 / 1.1, 1.2 with no gap or repeat; an
   unlabelled entry may start a new list; a section's numbered decisions may go on with
   the paragraph numbers of the sections before; items belong to a text that ends with
   ":".  Section numbers are printed as IV, 3, A or 2.1 and run in order at level 1
   (agenda item numbers need only increase) and under each level-1 section at level 2.
   No empty title or text; a decision without text must have items.  Dates are
   ``YYYY-MM-DD`` and ``end_date`` is not before ``date``.

Each problem has a :data:`code` (see :data:`CODES`) and a *path*: keys joined with
``.``, list indices (from 0) in brackets, e.g. ``sections[3].decisions[0].label``;
a key that is not a plain name is quoted in brackets (``sections[0]["my key"]``).
Problems that concern no field (syntax, encoding) have an empty path.

A missing field is reported at the mapping that lacks it, an unknown field at its
key, anything else at the value.  Problems are sorted by position.

:func:`validate_aliases_file` checks an alias file instead (the format of
``data/aliases.yaml``, read by :mod:`emg_parse.names`): the same syntax checks, then
the format and the names with the bundled aliases (a name given to two bodies, another
name of another type).  Such a problem has the code ``aliases`` and is reported at the
name it concerns (at the first line when it names none); only the first is found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import os
import re
import shlex
import types
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path as FilePath
from typing import Any, BinaryIO, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from emg_parse.errors import TooLargeError, refuse_special_file, shown, unreadable
from emg_parse.limits import VALIDATE_MAX_BYTES
from emg_parse.model import SCHEMA_VERSIONS, OutcomeDocument
from emg_parse.positions import LoadError, Path, Tree, load_json, load_yaml
from emg_parse.sequence import Paragraphs, item_findings, section_findings

InputFormat = Literal["yaml", "json"]

#: Every problem code, and what it means.
CODES: dict[str, str] = {
    "not_output": "a document (PDF, Word, ...) or other binary file, not an emg-parse output",
    "encoding": "the file is not UTF-8 text",
    "syntax": "not well-formed YAML or JSON (tabs in indentation, unclosed quotes, ...)",
    "empty": "the file holds no document",
    "duplicate_key": "a key given twice in one mapping",
    "unsupported": "a YAML alias, tag or complex key (emg-parse never writes them)",
    "schema_version": "schema_version is not the string of a version this emg-parse reads ("
    + ", ".join(map(repr, SCHEMA_VERSIONS))
    + ")",
    "unknown_field": "a field the model does not have (often a typo)",
    "missing": "a required field is missing",
    "type": "a value of the wrong type (a number or boolean where a string belongs, ...)",
    "date": "not a YYYY-MM-DD date, or end_date before date",
    "value": "a value out of its range or pattern (format, sha256, page numbers, ...)",
    "label": "a label that is not normalised (a, iv, 3, 1.1: no brackets or trailing dot)",
    "label_sequence": "a gap, repeat or wrong start in a list's labels, or items under a "
    "text that does not end with ':'",
    "section_number": "a section number that is not printed as IV, 3, A or 2.1",
    "section_order": "section numbers out of order (I, II, III; A, B under each)",
    "empty_text": "an empty section title or item text",
    "empty_decision": "a decision with neither text nor items",
    "aliases": "an alias file (--aliases) not in the format of data/aliases.yaml, or one "
    "that gives a name to two bodies or changes a body's type",
    "actions": "(a warning) a decision's actions are not the verbs of its text, as the "
    "parser reads them (after a hand edit of the text or the actions): --fix re-derives them",
}

#: Codes of warnings: reported, but the file is valid (exit 0).
WARNING_CODES = frozenset({"actions"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, where it is in the file."""

    file: str
    line: int
    column: int
    path: str
    code: str
    message: str

    @property
    def warning(self) -> bool:
        """True for a warning (:data:`WARNING_CODES`): the file is valid all the same."""
        return self.code in WARNING_CODES

    def one_line(self) -> str:
        """``FILE:LINE:COLUMN: path: message`` (no ``path: `` when it is empty; a
        warning's message starts with ``warning: ``)."""
        field = f"{self.path}: " if self.path else ""
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {field}{kind}{self.message}"

    def to_dict(self) -> dict[str, str | int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Validation:
    """The result of validating one file."""

    file: str
    problems: list[Problem]
    #: The loaded document when the file matches the model (problems of meaning,
    #: such as a label gap, do not prevent loading).
    document: OutcomeDocument | None

    @property
    def valid(self) -> bool:
        """No problems but warnings."""
        return all(problem.warning for problem in self.problems)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def format_path(path: Path) -> str:
    """``("sections", 3, "decisions", 0, "label")`` -> ``sections[3].decisions[0].label``."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _NAME.fullmatch(part):
            out.append(f".{part}" if out else part)
        else:
            out.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(out)


def input_format(name: str, text: str) -> InputFormat:
    """JSON for ``.json`` (or, with another extension, text starting with ``{``), else YAML."""
    suffix = FilePath(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def validate_file(
    path: FilePath, fmt: InputFormat | None = None, *, max_bytes: int = VALIDATE_MAX_BYTES
) -> Validation:
    """Validate the file at ``path``, named in the problems as :func:`~emg_parse.errors.shown`
    writes it.

    Raises :class:`~emg_parse.errors.InputError` when it cannot be read, is no regular
    file (a FIFO or device is never opened), or is larger than ``max_bytes``
    (:class:`~emg_parse.errors.TooLargeError`; at most ``max_bytes + 1`` are read).
    """
    refuse_special_file(path)
    try:
        with path.open("rb") as stream:
            data = read_at_most(stream, path, max_bytes)
    except OSError as exc:
        folder = "is a folder; give the files in it, e.g. 'DIR/*.yaml'"
        raise unreadable(path, exc, folder=folder) from None
    return validate_bytes(data, shown(path), fmt)


def read_at_most(stream: BinaryIO, name: FilePath | str, max_bytes: int) -> bytes:
    """All of ``stream`` (until its end), or TooLargeError once it passes ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise TooLargeError(
            name,
            f"larger than {max_bytes / 1048576:g} MB (raise the limit "
            "with --max-size); is it an emg-parse file?",
        )
    return data


#: The start of a file that is a document or other binary file, and what it is.
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a Word document or another ZIP file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Office file"),
    (b"{\\rtf", "an RTF document"),
)


def not_output(data: bytes, file: str) -> Problem | None:
    """The ``not_output`` problem when ``data`` is a document or binary (a NUL byte in
    its first 8 KB, which no JSON or YAML text holds), else None."""
    kind = next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)
    if kind is None and b"\x00" in data[:8192]:
        kind = "binary data"
    if kind is None:
        return None
    message = (
        f"is not an emg-parse output (JSON or YAML) but {kind}; to convert it run "
        f"'emg-parse {shlex.quote(file)}'"
    )
    return Problem(file, 1, 1, "", "not_output", message)


def validate_bytes(data: bytes, file: str, fmt: InputFormat | None = None) -> Validation:
    """Validate the content of a file named ``file`` (UTF-8, with or without a BOM).

    A document or binary file is reported as such (:func:`not_output`), not as text
    to save as UTF-8."""
    if (problem := not_output(data, file)) is not None:
        return Validation(file, [problem], None)
    text = _decode(data, file)
    if isinstance(text, Problem):
        return Validation(file, [text], None)
    return validate_text(text, file, fmt)


def _decode(data: bytes, file: str) -> str | Problem:
    """``data`` as UTF-8 text, or the ``encoding`` problem."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        message = (
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); emg-parse writes UTF-8: "
            "save the file as UTF-8"
        )
        return Problem(file, line, column, "", "encoding", message)


def validate_aliases_file(path: FilePath, *, max_bytes: int = VALIDATE_MAX_BYTES) -> Validation:
    """Check the alias file at ``path`` (module docstring); raises as :func:`validate_file`.
    The result's ``document`` is always None."""
    from emg_parse.names import ALIASES_FILE, Vocabulary, VocabularyError, load_aliases

    refuse_special_file(path)
    try:
        with path.open("rb") as stream:
            data = read_at_most(stream, path, max_bytes)
    except OSError as exc:
        raise unreadable(path, exc) from None
    file = shown(path)
    text = _decode(data, file)
    if isinstance(text, Problem):
        return Validation(file, [text], None)
    try:
        tree = load_yaml(text.removeprefix("\ufeff"))
    except LoadError as exc:
        problem = Problem(file, exc.pos.line, exc.pos.column, "", exc.code, exc.message)
        return Validation(file, [problem], None)
    problems = [
        Problem(file, i.pos.line, i.pos.column, format_path(i.path), i.code, i.message)
        for i in tree.issues
    ]
    if problems:
        return Validation(file, problems, None)
    try:
        bundled = load_aliases(ALIASES_FILE, checked=False)
        Vocabulary({}, [bundled, load_aliases(path)], (ALIASES_FILE, path))
    except VocabularyError as exc:
        where, line, column = _alias_position(tree, exc.message)
        return Validation(file, [Problem(file, line, column, where, "aliases", exc.message)], None)
    return Validation(file, [], None)


_QUOTED = re.compile(r"""^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^:']+):)""")


def _alias_position(tree: Tree, message: str) -> tuple[str, int, int]:
    """The path and position of the name a problem of an alias file starts with (its
    key, or the entry of its list), else the start of the file."""
    m = _QUOTED.match(message)
    data = tree.data
    if m is None or not isinstance(data, dict):
        return "", 1, 1
    name = " ".join((m[1] or m[2] or m[3] or "").split())

    def same(value: object) -> bool:
        return isinstance(value, str) and " ".join(value.split()) == name

    for key, value in data.items():
        if same(key):
            pos = tree.keys.get((key,)) or tree.position((key,))
            return format_path((key,)), pos.line, pos.column
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            if same(entry):
                path: Path = (key, i) if isinstance(value, list) else (key,)
                pos = tree.position(path)
                return format_path(path), pos.line, pos.column
    return "", 1, 1


def validate_text(text: str, file: str = "<text>", fmt: InputFormat | None = None) -> Validation:
    """Validate YAML or JSON ``text``; ``file`` names it in the problems."""
    text = text.removeprefix("\ufeff")
    fmt = fmt or input_format(file, text)
    try:
        tree = load_json(text) if fmt == "json" else load_yaml(text)
    except LoadError as exc:
        line, column, message = exc.pos.line, exc.pos.column, exc.message
        if fmt == "yaml" and exc.code == "syntax":
            line, column, message = indentation_problem(text, line) or (line, column, message)
        problem = Problem(file, line, column, "", exc.code, message)
        return Validation(file, [problem], None)
    found: list[tuple[int, int, Path, str, str]] = [
        (issue.pos.line, issue.pos.column, issue.path, issue.code, issue.message)
        for issue in tree.issues
    ]
    document, model_problems = _check_model(tree, fmt)
    found += model_problems
    failed = {path for _, _, path, _, _ in model_problems}
    found += _check_meaning(tree, failed)
    found.sort(key=lambda p: (p[0], p[1]))
    problems = [
        Problem(file, line, column, format_path(path), code, message)
        for line, column, path, code, message in found
    ]
    return Validation(file, problems, document)


# --------------------------------------------------------------------------- --fix


@dataclass(frozen=True, slots=True)
class Fixed:
    """What :func:`fix_file` changed: ``changes`` says what, one entry a field (empty:
    the file was right); ``problems``, when the file could not be loaded to be fixed."""

    file: str
    changes: list[str]
    problems: list[Problem]


#: The derived fields of a decision that :func:`fix_file` re-derives, besides ids.
_DERIVED = ("actions", "addressees", "deadlines", "bodies")


def fix_file(path: FilePath, *, max_bytes: int = VALIDATE_MAX_BYTES) -> Fixed:
    """Re-derive the derived fields of the emg-parse file at ``path`` after hand edits
    and rewrite it in place, in its format, when any changed.

    The fields are those the parser derives from the text: each decision's ``actions``
    (:func:`emg_parse.paragraphs.decision_actions`), then, as the parser's enrich stage
    does, the ids of decisions and items and each decision's ``addressees``,
    ``deadlines`` and ``bodies`` (:func:`emg_parse.enrich.enrich`). The file is written
    to a temporary file beside it and renamed over it (``writers.write_atomic``): it is
    whole, old or new, whatever happens. A file that does not load (syntax, model) is
    left alone; its problems are returned. Raises as :func:`validate_file`, and
    ``OSError`` when it cannot be written.
    """
    from emg_parse.enrich import enrich
    from emg_parse.paragraphs import decision_actions
    from emg_parse.writers import render, write_atomic

    validation = validate_file(path, max_bytes=max_bytes)
    document = validation.document
    if document is None:
        return Fixed(validation.file, [], [p for p in validation.problems if not p.warning])
    before = document.model_copy(deep=True)
    for section in document.sections:
        for decision in section.decisions:
            texts = [item.text for item in decision.items]
            decision.actions = decision_actions(decision.text, decision.actor, texts)
    enrich(document)
    changes = _changes(before, document)
    if changes:
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        target = FilePath(os.path.realpath(path))
        write_atomic(target, render(document, input_format(path.name, text)))
    return Fixed(validation.file, changes, [])


def _changes(before: OutcomeDocument, after: OutcomeDocument) -> list[str]:
    """``actions of 1 decision``, ``3 ids``, ...: what differs."""
    old = [d for s in before.sections for d in s.decisions]
    new = [d for s in after.sections for d in s.decisions]
    changes = []
    for name in _DERIVED:
        count = sum(getattr(a, name) != getattr(b, name) for a, b in zip(old, new, strict=True))
        if count:
            changes.append(f"{name} of {count} decision{'s' * (count != 1)}")
    ids = sum(a.id != b.id for a, b in zip(_all_nodes(old), _all_nodes(new), strict=True))
    if ids:
        changes.append(f"{ids} id{'s' * (ids != 1)}")
    return changes


def _all_nodes(decisions: list[Any]) -> Iterator[Any]:
    """Decisions and their items at every depth, depth first."""
    stack = list(reversed(decisions))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.items))


# --------------------------------------------------------------------------- indentation

#: A YAML line: its indentation, a list dash, a plain key and what follows its colon.
_YAML_LINE = re.compile(
    r"(?P<indent> *)(?P<dash>- +)?"
    r"(?:(?P<key>[^\s#'\"\[{|>&*!%@`-][^:#]*?):(?:\s+(?P<value>\S.*))?$)?"
)


def _shape(line: str) -> tuple[int, str | None, str | None]:
    """(the column its key or text starts at, its key or None, the key's value or None)."""
    m = _YAML_LINE.match(line)
    assert m is not None  # the pattern matches any line
    start = len(m["indent"]) + len(m["dash"] or "")
    return start, m["key"], m["value"]


def indentation_problem(text: str, line: int) -> tuple[int, int, str] | None:
    """A plain explanation of a YAML syntax error PyYAML reports at ``line`` (from 1),
    when the indentation around it shows the usual hand-editing slip; else None.

    With P the last line with content before ``line`` and Q the one before P:

    - P is less indented than both ``line`` and Q, and Q holds ``key: value``: P is the
      end of Q's value wrapped onto a line of its own (PyYAML reports the line after
      it); it is blamed.
    - ``line`` holds ``key:`` and is more indented than P, which holds ``key: value``,
      both keys names (as emg-parse's are): the key is over-indented (PyYAML says
      "mapping values are not allowed here").
    """
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    before = [
        n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not _comment(lines[n - 1])
    ][:2]
    if not before:
        return None
    here, here_key, _ = _shape(lines[line - 1])
    p = before[0]
    p_start, p_key, p_value = _shape(lines[p - 1])
    if len(before) == 2 and p_start < here:
        q = before[1]
        q_start, q_key, q_value = _shape(lines[q - 1])
        if q_key is not None and q_value is not None and p_start < q_start:
            return (
                p,
                p_start + 1,
                f"this line is less indented than the value of {q_key!r} on line {q} it "
                f"seems to continue: indent it by more than {q_start} spaces, or join it to "
                f"line {q}",
            )
    keys = [key for key in (here_key, p_key) if key is not None and _NAME.fullmatch(key)]
    if len(keys) == 2 and p_value is not None and here > p_start:
        return (
            line,
            here + 1,
            f"{here_key!r} is indented more than {p_key!r} on line {p}: the keys of a "
            f"mapping line up; indent it by {p_start} spaces",
        )
    return None


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


# --------------------------------------------------------------------------- the model

_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "list_type": "a list",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)",
}
_EMPTY_OF = {"a string": "''", "a list": "[]", "a mapping (key: value)": "{}"}


def _check_model(
    tree: Tree, fmt: InputFormat
) -> tuple[OutcomeDocument | None, list[tuple[int, int, Path, str, str]]]:
    try:
        return OutcomeDocument.model_validate(tree.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    found: list[tuple[int, int, Path, str, str]] = []
    for error in errors:
        path: Path = tuple(error["loc"])
        if path in tree.stand_ins:
            continue
        kind = error["type"]
        if kind == "missing":
            pos = tree.position(path[:-1])
            code, message = "missing", f"required field {path[-1]!r} is missing"
        elif kind == "extra_forbidden":
            pos = tree.keys.get(path) or tree.position(path[:-1])
            code, message = "unknown_field", _unknown_field(path)
        else:
            pos = tree.position(path)
            code, message = _value_problem(tree, fmt, path, error)
        found.append((pos.line, pos.column, path, code, message))
    return None, found


def _unknown_field(path: Path) -> str:
    key = str(path[-1])
    message = f"unknown field {key!r}"
    model = _model_at(path[:-1])
    if model is None:
        return message
    fields = list(model.model_fields)
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return f"{message} (did you mean {close[0]!r}?)"
    return f"{message}; the fields here are: {', '.join(fields)}"


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``."""
    annotation: Any = OutcomeDocument
    for part in path:
        annotation = _strip_optional(annotation)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return None
            annotation = get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
        else:
            return None
    annotation = _strip_optional(annotation)
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation if is_model else None


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _value_problem(tree: Tree, fmt: InputFormat, path: Path, error: Any) -> tuple[str, str]:
    kind: str = error["type"]
    value = error.get("input")
    unquoted = tree.unquoted.get(path)
    if path == ("schema_version",):
        return "schema_version", _schema_version_problem(value, unquoted)
    if kind.startswith("date"):
        return "date", _date_problem(value, str(error["msg"]))
    expected = _EXPECTED.get(kind)
    if expected is not None:
        message = f"expected {expected}, got {_describe(value)}"
        if path == ():
            message += (
                "; an emg-parse document is a mapping of schema_version, source, "
                "document, sections and warnings"
            )
        if unquoted is not None:
            message += _unquoted_hint(unquoted, value, expected)
        elif expected == "a list" and isinstance(value, str):
            example = f"[{value}]" if fmt == "yaml" else f"[{json.dumps(value)}]"
            message += f"; write a list, e.g. {example}"
        return "type", message
    if kind == "literal_error":
        message = f"expected {error['ctx']['expected']}, got {_describe(value)}"
        return "value", message + (_unquoted_hint(unquoted, value, "a string") if unquoted else "")
    if kind == "string_pattern_mismatch" and path[-1] == "sha256":
        return "value", f"expected 64 lower-case hex digits (a SHA-256), got {_describe(value)}"
    if kind == "greater_than_equal":
        return "value", f"expected a number >= {error['ctx']['ge']}, got {_describe(value)}"
    return "value", f"{error['msg']} (got {_describe(value)})"


def _schema_version_problem(value: object, unquoted: str | None) -> str:
    *earlier, last = map(repr, SCHEMA_VERSIONS)
    supported = f"this emg-parse reads schema_version {', '.join(earlier)} or {last}"
    if isinstance(value, str):
        return f"unsupported schema_version {_short(value)}; {supported}"
    version = next((v for v in SCHEMA_VERSIONS if value == float(v)), None)
    if version is None or isinstance(value, bool):
        return f"unsupported schema_version: {_describe(value)}; {supported}"
    if unquoted is not None:
        return (
            f"schema_version must be the string {version!r}, but YAML reads the "
            f"unquoted {unquoted} as {_kind(value)}; write it in quotes: "
            f"schema_version: {version!r}"
        )
    return (
        f"schema_version must be the string {version!r}, got {_describe(value)}; "
        f'write it in quotes: "schema_version": "{version}"'
    )


def _date_problem(value: object, pydantic_message: str) -> str:
    advice = "write dates as YYYY-MM-DD, e.g. 2020-10-28"
    if isinstance(value, dt.datetime):
        return f"expected a date without a time, got {_describe(value)}; {advice}"
    if isinstance(value, str):
        detail = pydantic_message.split(", ", 1)[1] if ", " in pydantic_message else ""
        detail = f" ({detail})" if detail else ""
        return f"not a valid date: {_short(value)}{detail}; {advice}"
    return f"expected a date, got {_describe(value)}; {advice}"


def _unquoted_hint(raw: str, value: object, expected: str) -> str:
    if value is None:
        empty = _EMPTY_OF.get(expected)
        what = "an empty value" if raw == "" else f"the unquoted {raw}"
        return f"; {what} is null in YAML" + (f": write {empty} for an empty one" if empty else "")
    if expected != "a string":
        return ""
    if len(raw) > 40:
        return f"; YAML reads this unquoted value as {_kind(value)}: write it in quotes"
    quoted = "'" + raw.replace("'", "''") + "'"
    return f"; YAML reads the unquoted {raw} as {_kind(value)}: write it in quotes, {quoted}"


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "binary data" if isinstance(value, bytes) else type(value).__name__


def _describe(value: object) -> str:
    kind = _kind(value)
    if isinstance(value, bool):
        return f"{kind} ({str(value).lower()})"
    if isinstance(value, int | float | dt.date):
        return f"{kind} ({value})"
    if isinstance(value, str):
        return f"{kind} ({_short(value)})"
    return kind


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# --------------------------------------------------------------------------- meaning

_Found = tuple[int, int, Path, str, str]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_meaning(tree: Tree, failed: set[Path]) -> list[_Found]:
    """Labels, section numbers, empty texts, dates (see the module docstring)."""
    data = tree.data
    found: list[_Found] = []

    def report(path: Path, code: str, message: str) -> None:
        pos = tree.position(path)
        found.append((pos.line, pos.column, path, code, message))

    if not isinstance(data, dict):
        return found
    for where, code, message in _check_dates(data, failed):
        report(where, code, message)
    sections = data.get("sections")
    if not isinstance(sections, list):
        return found
    numbers = [
        (s.get("number"), s.get("level")) if isinstance(s, dict) else (None, None) for s in sections
    ]
    for finding in section_findings(numbers):
        report(("sections", finding.index, "number"), finding.code, finding.message)
    paragraphs = Paragraphs()
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        path: Path = ("sections", i)
        if _blank(section.get("title")):
            report((*path, "title"), "empty_text", "empty title")
        decisions = section.get("decisions")
        if not isinstance(decisions, list):
            continue
        found_labels = paragraphs.decisions(_labels_of(decisions), section.get("notes"))
        for finding in found_labels:
            report((*path, "decisions", finding.index, "label"), finding.code, finding.message)
        for j, decision in enumerate(decisions):
            if not isinstance(decision, dict):
                continue
            items = decision.get("items")
            decision_path: Path = (*path, "decisions", j)
            if _blank(decision.get("text")) and not (isinstance(items, list) and items):
                report(
                    decision_path,
                    "empty_decision",
                    "decision has neither text nor items; write its text or remove it",
                )
            for where, code, message in _items(decision, decision_path):
                report(where, code, message)
            if (problem := _actions_problem(decision)) is not None:
                report((*decision_path, "actions"), "actions", problem)
    return found


def _actions_problem(decision: dict[str, Any]) -> str | None:
    """The warning when a decision's ``actions`` are not the verbs of its text."""
    from emg_parse.paragraphs import decision_actions

    text, actor, given = decision.get("text"), decision.get("actor"), decision.get("actions")
    if not isinstance(text, str) or not isinstance(given, list):
        return None
    items = decision.get("items")
    texts = [
        i["text"] for i in items or [] if isinstance(i, dict) and isinstance(i.get("text"), str)
    ]
    derived = decision_actions(text, actor if isinstance(actor, str) else None, texts)
    if given == derived:
        return None
    shown_list = "[" + ", ".join(map(str, derived)) + "]"
    return (
        f"actions [{', '.join(map(str, given))}] are not the verbs of the text, "
        f"{shown_list}; re-derive them with 'emg-parse validate --fix FILE'"
    )


def _blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


#: Stands for the label of an entry that is no mapping (the model reports it).
_NOT_A_LABEL = object()


def _labels_of(entries: list[Any]) -> list[object]:
    """The label of each entry (an entry that is no mapping counts as an unreadable label)."""
    return [entry.get("label") if isinstance(entry, dict) else _NOT_A_LABEL for entry in entries]


def _items(parent: dict[str, Any], path: Path) -> Iterator[tuple[Path, str, str]]:
    """Problems of the items of a decision or item at ``path``, at every depth."""
    items = parent.get("items")
    if not isinstance(items, list):
        return
    for finding in item_findings(_labels_of(items), parent.get("text")):
        yield (*path, "items", finding.index, "label"), finding.code, finding.message
    for k, item in enumerate(items):
        if isinstance(item, dict):
            if _blank(item.get("text")):
                yield (*path, "items", k, "text"), "empty_text", "empty text"
            yield from _items(item, (*path, "items", k))


def _check_dates(data: dict[str, Any], failed: set[Path]) -> Iterator[tuple[Path, str, str]]:
    """Dates the model accepted in a form that is no ISO date (a number, a time), and
    an end before the start."""
    info = data.get("document")
    meeting = info.get("meeting") if isinstance(info, dict) else None
    if not isinstance(meeting, dict):
        return
    dates: list[dt.date] = []
    for name in ("date", "end_date"):
        where: Path = ("document", "meeting", name)
        value = meeting.get(name)
        if where in failed or value is None:
            continue
        if type(value) is dt.date:
            dates.append(value)
        elif isinstance(value, str) and _DATE.fullmatch(value):
            with contextlib.suppress(ValueError):  # already reported by the model
                dates.append(dt.date.fromisoformat(value))
        else:
            yield where, "date", _date_problem(value, "")
    if len(dates) == 2 and dates[1] < dates[0]:
        yield (
            ("document", "meeting", "end_date"),
            "date",
            f"end_date {dates[1].isoformat()} is before date {dates[0].isoformat()}",
        )
