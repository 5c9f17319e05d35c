"""Serialise an :class:`OutcomeDocument` to JSON or YAML, and write it where asked.

:func:`output_target` decides what writing to a name means (replace a file
atomically, or write straight to a device, FIFO or inherited descriptor) and refuses
targets that must not be written (a folder, a disk, the input itself);
:func:`write_output` writes there.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from emg_parse.errors import OutputError, SameFileError, shown, special_kind

if TYPE_CHECKING:
    from emg_parse.model import OutcomeDocument

OutputFormat = Literal["json", "yaml"]

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


def schema_comment(url: str) -> str:
    """The first line that names the JSON Schema of a YAML file for editors running the
    YAML language server: ``# yaml-language-server: $schema=URL``.

    Outputs name no schema unless asked (so that the same input gives the same bytes on
    every machine); ``url`` is the user's: a relative path such as
    ``./outcome.schema.json`` (resolved from the YAML file), or an ``https://`` address.
    Raises ``ValueError`` for a ``url`` that is empty or would not stay on one line.
    """
    if not url.strip() or shown(url) != url or any(ch.isspace() for ch in url):
        raise ValueError(f"not a schema address for a one-line comment: {shown(url)!r}")
    return f"# yaml-language-server: $schema={url}\n"


def render(document: OutcomeDocument, fmt: OutputFormat, *, schema: str | None = None) -> str:
    """The document as JSON or YAML text, ending with a newline; the same bytes for the
    same document wherever and by whichever install it is written.

    YAML starts with :func:`schema_comment` when ``schema`` (an address) is given.
    """
    if fmt == "json":
        # pydantic's serializer writes the same JSON as json.dumps(indent=2), ~20x faster.
        return document.model_dump_json(indent=2) + "\n"
    header = schema_comment(schema) if schema is not None else ""
    return header + render_data(to_data(document), fmt)


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


@dataclass(frozen=True, slots=True)
class OutputTarget:
    """Where :func:`write_output` writes, as :func:`output_target` found it."""

    #: The name as given (for messages).
    name: str
    #: ``"file"``: a regular file (or a new one) at ``path``, replaced atomically;
    #: ``"device"``: a character device or FIFO at ``path``, written straight;
    #: ``"descriptor"``: the open descriptor ``fd`` (``/dev/stdout``, ``/proc/self/fd/3``).
    kind: Literal["file", "device", "descriptor"]
    #: For a file: the real path, all symbolic links resolved; else the name given.
    path: Path
    fd: int | None = None


#: Names of this process's own descriptors once symbolic links are followed.
_STANDARD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_MAX_LINKS = 40


def output_target(
    name: str | os.PathLike[str] | None, *, source: Path | None = None
) -> OutputTarget:
    """What writing to ``name`` means (None: standard output, descriptor 1).

    Guarantees:

    * a **regular file** (or a name that does not exist yet) is replaced only by
      :func:`write_atomic` -- a complete new file renamed over it.  A symbolic link to
      one is followed: the file it points to is replaced and the link stays a link;
    * a **character device** (a terminal, a null device) or a **FIFO**, directly or
      through a link, is opened and written straight, never replaced by a rename;
    * ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and ``/proc/self/fd/N`` (or a
      link to them) are this process's descriptor N, written straight where it
      points (appending when the shell opened it with ``>>``), never reopened;
    * refused with :class:`~emg_parse.errors.OutputError`: a folder (or a name ending
      with ``/``), a block device (a disk), a socket, a path that cannot be looked
      at; with :class:`~emg_parse.errors.SameFileError`: the file ``source``
      itself, by device and inode (so through links and hard links too).

    Only ``stat``, ``readlink`` and ``fstat`` are used: nothing is opened or created.
    """
    if name is None:
        return _checked(OutputTarget("<stdout>", "descriptor", Path("/dev/stdout"), 1), source)
    text = os.fspath(name)
    fd = _descriptor(text)
    if fd is not None:
        return _checked(OutputTarget(text, "descriptor", Path(text), fd), source)
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise OutputError(
            text,
            "there is no such folder (the name ends with '/'); give a file "
            f"name, e.g. {shown(text)}out.json",
        )
    try:
        mode = os.stat(text).st_mode
    except FileNotFoundError:
        return OutputTarget(text, "file", Path(os.path.realpath(text)))
    except (OSError, ValueError) as exc:
        raise OutputError(text, f"cannot write ({_reason(exc)})") from None
    if stat.S_ISDIR(mode):
        raise OutputError(
            text,
            f"is a folder; give a file name in it, e.g. {shown(os.path.join(text, 'out.json'))}",
        )
    if stat.S_ISREG(mode):
        return _checked(OutputTarget(text, "file", Path(os.path.realpath(text))), source)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return OutputTarget(text, "device", Path(text))
    raise OutputError(
        text, f"is {special_kind(mode)}; emg-parse writes only to files, terminals and pipes"
    )


def write_output(target: OutputTarget, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` as :func:`output_target` describes it.

    Raises :class:`~emg_parse.errors.OutputError` (with the system's reason: a full
    disk or device, a closed descriptor, no permission) when it cannot.
    """
    try:
        if target.kind == "file":
            write_atomic(target.path, text)
            return
        data = text.encode("utf-8")
        if target.fd is not None:
            _write_all(target.fd, data)
            return
        fd = os.open(target.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                raise OutputError(
                    target.name, "was replaced by a file while emg-parse ran; run it again"
                )
            _write_all(fd, data)
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:
        raise OutputError(target.name, f"cannot write ({_reason(exc)})") from None


def _checked(target: OutputTarget, source: Path | None) -> OutputTarget:
    """``target``, unless it is the file ``source`` (SameFileError)."""
    if source is None:
        return target
    try:
        there = os.fstat(target.fd) if target.fd is not None else os.stat(target.path)
        here = os.stat(source)
    except (OSError, ValueError):
        return target
    if stat.S_ISREG(there.st_mode) and (there.st_dev, there.st_ino) == (here.st_dev, here.st_ino):
        raise SameFileError(
            target.name,
            f"is the input file {shown(source)}; writing there "
            "would destroy it: choose another output",
        )
    return target


def _descriptor(name: str) -> int | None:
    """The descriptor ``name`` stands for (``/dev/stdout`` -> 1), following links."""
    own = re.compile(
        rf"/proc/(?:self|thread-self|{os.getpid()}(?:/task/\d+)?)/fd/(\d+)|/dev/fd/(\d+)"
    )
    current = os.path.abspath(name)
    for _ in range(_MAX_LINKS):
        folder, base = os.path.split(current)
        for candidate in (current, os.path.join(os.path.realpath(folder), base)):
            if candidate in _STANDARD_NAMES:
                return _STANDARD_NAMES[candidate]
            match = own.fullmatch(candidate)
            if match is not None:
                return int(match.group(1) or match.group(2))
        try:
            link = os.readlink(candidate)
        except (OSError, ValueError):
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(candidate), link))
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    An existing file at ``path`` is replaced only once the new content is complete;
    if anything fails, it is left as it was and no temporary file remains.  A file
    that replaces another keeps its permissions (and, where this process may give it,
    its owner): a private file stays private.  A new file gets the permissions a newly
    created file would get (``0o666`` less the umask), not the private ``0o600`` of a
    temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        before: os.stat_result | None = os.stat(path)
    except OSError:
        before = None
    fd, tmp = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        if before is None:
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            with contextlib.suppress(OSError):
                os.chown(tmp, before.st_uid, before.st_gid)
            os.chmod(tmp, stat.S_IMODE(before.st_mode))
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
