"""Convert a whole folder tree of outcome documents: ``emg-parse batch``.

:func:`run_batch` walks ARCHIVE_DIR, converts every candidate document in worker
processes (:class:`WorkerPool`) and keeps ``OUT_DIR/manifest.json`` and
``manifest.csv`` (:mod:`emg_parse.manifest`).  It never prints: it reports what
happens through ``on_event`` (:data:`Event`).

Rules (the README's "Converting an archive" says the same for users):

- **Candidates.**  A regular file whose extension is a document's
  (``registry.document_extensions()``, so also ``.doc`` and ``.rtf``, which then fail
  with the single-file command's advice), or whose content is a PDF or a Word
  package (a ZIP holding ``word/document.xml``), whatever its name.  Everything
  else (images, spreadsheets, CSV, HTML, ...) is *skipped* and listed as such.
  Hidden files and folders (name starting with ``.``), symbolic links to folders
  and OUT_DIR itself (when it is inside ARCHIVE_DIR) are not walked.  A symbolic
  link to a file is read only when its target lies inside ARCHIVE_DIR and not in
  OUT_DIR (:func:`link_problem`); other links are skipped, with the reason.
- **Names.**  A name is whatever bytes the system holds (on Linux not always
  UTF-8).  Files are read and written under their own names; the manifest, the
  events and every message show :func:`~emg_parse.errors.shown` of them (the
  manifest's key).  Two files that show the same are never matched with a
  previous row (:func:`previous_rows`).
- **Output names.**  ``OUT_DIR/<relative path of the input>.<json|yaml>``: the
  whole input name is kept and the output extension appended (``a/doc.pdf`` ->
  ``a/doc.pdf.json``), so two inputs can never share an output.
- **Selection.**  ``--include``/``--exclude`` globs on the relative path
  (:meth:`BatchOptions.selects`): files left out are not listed; an excluded folder
  is not walked.
- **Not outcome documents.**  A document that is read but holds no outcome structure
  (``NotAnOutcomeDocumentError``) gets the row status ``not_outcome``, with the
  reason as its ``error``: not a failure, no output.
- **Incremental.**  A document is *unchanged* (not parsed) when the previous
  manifest has a converted row with the same content hash, emg-parse version and
  output name (so the same ``--format``) and that output still exists: it is
  hashed in the batch process (:func:`unchanged_row`), and no worker is started
  when no document needs converting.  A file over the size limit (``--max-size``)
  is neither hashed nor read: it fails at once.
- **Failures.**  One failing document never stops the batch.  Its output from an
  earlier run is removed, so every output in OUT_DIR is the result for the
  current content.  When ``--format`` changes, the output in the old format is
  removed once the new one is written.  Outputs of documents that left the
  archive are left alone (they drop out of the manifest).
- **OUT_DIR only.**  Nothing is written or deleted through a symbolic link inside
  OUT_DIR, and only names this module derives are deleted (:func:`remove_output`,
  :func:`remove_temporaries`); the manifest's ``output`` is never used as a path.
  OUT_DIR may not hold ARCHIVE_DIR (:func:`check_folders`).
- **Safety.**  Outputs and manifests are written to a temporary file and renamed;
  the manifest is written as soon as the archive is walked, rewritten every
  ``manifest_interval`` seconds or so during the run and when it is interrupted,
  so an interrupted run resumes where it stopped.  Under ``--force`` too: the
  manifest names its run (``run``, also on each row it converted) and says it is
  forced; the next ``--force`` run after an interrupted one takes its name and
  does not force the documents whose rows have it (:meth:`Walked.task`).
- **One batch per OUT_DIR.**  A second batch into the same OUT_DIR stops at once
  (:func:`out_dir_lock`).
- **Limits.**  Workers may allocate ``limits.READER_MEMORY`` more than they start
  with, like the PDF page readers; their number is capped by the open-files limit
  (:func:`usable_jobs`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import importlib
import itertools
import multiprocessing
import os
import signal
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pebble import ProcessExpired, ProcessPool

from emg_parse import __version__
from emg_parse.errors import (
    EmgParseError,
    InputError,
    NotAnOutcomeDocumentError,
    OutputError,
    ParseTimeoutError,
    shown,
)
from emg_parse.extractors import ReadOptions
from emg_parse.limits import (
    DEFAULT_TIMEOUT,
    READER_MEMORY,
    become_worker,
    memory_message,
    stop_signals_blocked,
    timeout_message,
    usable_cpus,
    working,
)
from emg_parse.manifest import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    Row,
    RunInfo,
    Status,
    Summary,
    load_manifest,
    write_manifests,
)
from emg_parse.pipeline import sha256_of
from emg_parse.writers import OutputFormat, is_temporary

if TYPE_CHECKING:
    from emg_parse.model import Item, OutcomeDocument

#: Output extension of each format.
OUTPUT_EXTENSIONS: dict[OutputFormat, str] = {"json": ".json", "yaml": ".yaml"}


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    return usable_cpus()


@dataclass(frozen=True)
class BatchOptions:
    """What to convert and how.  ``timeout`` is per document, in seconds."""

    archive: Path
    out_dir: Path
    fmt: OutputFormat = "json"
    #: How documents are read: password, PDF engine, size limit (``max_bytes``).
    read: ReadOptions = field(default_factory=ReadOptions)
    jobs: int = field(default_factory=default_jobs)
    timeout: float = DEFAULT_TIMEOUT
    force: bool = False
    #: A worker is replaced after this many documents (bounds memory growth).
    tasks_per_worker: int = 50
    #: A worker still busy this long after ``timeout`` is killed (its own alarm failed).
    kill_grace: float = 2.0
    #: Rewrite the manifest at most this often during the run (seconds).
    manifest_interval: float = 5.0
    #: Glob patterns (``fnmatch``, ``*`` also matches ``/``) on the path relative to the
    #: archive: when any is given, only files matching one are considered ...
    include: tuple[str, ...] = ()
    #: ... and files (and folders, which are then not walked) matching one of these are not.
    exclude: tuple[str, ...] = ()

    def selects(self, path: str) -> bool:
        """True when the file ``path`` (relative) passes ``include`` and ``exclude``."""
        if self.include and not any(fnmatchcase(path, glob) for glob in self.include):
            return False
        return not self.excludes(path)

    def excludes(self, path: str) -> bool:
        """True when ``path`` (a file or a folder, relative) matches an ``exclude`` glob."""
        return any(fnmatchcase(path, glob) for glob in self.exclude)


class BatchUsageError(EmgParseError):
    """The folders given do not make sense together."""

    exit_code = 2


class NoDocumentsError(EmgParseError):
    """ARCHIVE_DIR holds no document (none left after ``--include``/``--exclude``)."""

    exit_code = 3


def no_documents(options: BatchOptions, others: int) -> NoDocumentsError:
    filters = " after --include/--exclude" if options.include or options.exclude else ""
    files = f"; {others} other file{'s' * (others != 1)}" if others else ""
    return NoDocumentsError(
        None, f"no PDF, DOCX or text documents in {shown(options.archive)}{filters}{files}"
    )


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Started:
    """The archive was walked: ``total`` documents to process, ``skipped`` other files."""

    total: int
    skipped: int
    jobs: int


@dataclass(frozen=True)
class Skipped:
    """A file that is not a document (reported right after :class:`Started`)."""

    row: Row


@dataclass(frozen=True)
class DocumentDone:
    """A document was converted, found unchanged, or failed."""

    row: Row
    done: int
    total: int
    failed: int


@dataclass(frozen=True)
class Finished:
    summary: Summary
    manifest: Path


Event = Started | Skipped | DocumentDone | Finished


# --------------------------------------------------------------------------- walking


@dataclass(frozen=True)
class Entry:
    """A file of the archive: ``path`` relative (POSIX), ``size`` in bytes.

    ``path`` is the name as the system gives it: on Linux a name is bytes, and a byte
    that is not UTF-8 is held as a surrogate escape (``os.fsdecode``); :attr:`key` is
    the form the manifest and messages show.  A file that is not a candidate is
    listed as skipped (``error`` then says why it was not read, if it is a link) or,
    when ``failed``, as failed (a folder that cannot be listed).
    """

    path: str
    size: int
    candidate: bool
    error: str | None = None
    failed: bool = False

    @property
    def key(self) -> str:
        return shown(self.path)


def is_candidate(path: Path) -> bool:
    """True for a file ``emg-parse batch`` converts (see the module docstring)."""
    from emg_parse.extractors.registry import document_extensions, extractors

    if path.suffix.lower() in document_extensions():
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    # by content: every format but text (which any file of characters would be)
    return any(e.accepts(path, head) for e in extractors() if e.name != "text")


def is_within(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or under it (both resolved, absolute)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def link_problem(path: str, archive_real: str, out_real: str) -> str | None:
    """Why the symbolic link ``path`` is not read, or None when its target is in the archive.

    A link is followed only when its target lies inside ARCHIVE_DIR and not in
    OUT_DIR; a broken link (missing target, a loop) is not read either.
    """
    try:
        os.stat(path)
    except OSError:
        return "a broken symbolic link (its target is missing, or a loop); not read"
    target = os.path.realpath(path)
    if not is_within(target, archive_real) or is_within(target, out_real):
        return "a symbolic link to outside the archive; not read"
    return None


def walk(archive: Path, out_dir: Path, options: BatchOptions | None = None) -> Iterator[Entry]:
    """Every non-hidden file under ``archive`` in path order, OUT_DIR left out, and
    those ``options`` does not select (:meth:`BatchOptions.selects`; a folder it
    excludes is not walked)."""
    archive_real = os.path.realpath(archive)
    out_real = os.path.realpath(out_dir)
    stack = [(archive, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            message = InputError(folder, f"cannot list the folder ({exc.strerror or exc})")
            rel = prefix.rstrip("/") or "."
            yield Entry(rel, 0, candidate=False, error=message.one_line(), failed=True)
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if options is not None and options.excludes(rel):
                        continue
                    if os.path.realpath(entry.path) != out_real:
                        subfolders.append((Path(entry.path), rel + "/"))
                    continue
                if options is not None and not options.selects(rel):
                    continue
                if entry.is_symlink():
                    problem = link_problem(entry.path, archive_real, out_real)
                    if problem is not None:
                        reason = InputError(entry.path, problem).one_line()
                        yield Entry(rel, 0, candidate=False, error=reason)
                        continue
                regular = entry.is_file()
                size = entry.stat().st_size if regular else 0
            except OSError:
                regular, size = False, 0
            yield Entry(rel, size, candidate=regular and is_candidate(Path(entry.path)))
        stack.extend(reversed(subfolders))


def output_name(path: str, fmt: OutputFormat) -> str:
    """The output of input ``path`` (relative): the whole name plus the format's extension."""
    return path + OUTPUT_EXTENSIONS[fmt]


def is_real_folder_path(out_dir: Path, name: str) -> bool:
    """True when no folder between ``out_dir`` and ``out_dir/name`` is a symbolic link.

    Folders that do not exist yet count as real (``write_atomic`` creates them);
    anything else on the way (a link, a file) makes it False.
    """
    folder = out_dir
    for part in name.split("/")[:-1]:
        folder = folder / part
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if not stat.S_ISDIR(mode):
            return False
    return True


def is_own_file(out_dir: Path, name: str) -> bool:
    """True when ``out_dir/name`` is a regular file reached without a symbolic link."""
    try:
        mode = os.lstat(out_dir / name).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and is_real_folder_path(out_dir, name)


def remove_output(out_dir: Path, name: str) -> None:
    """Delete the output ``out_dir/name`` if :func:`is_own_file` (never through a link)."""
    if is_own_file(out_dir, name):
        with contextlib.suppress(OSError):
            os.unlink(out_dir / name)


def remove_temporaries(out_dir: Path) -> int:
    """Delete temporary files left in ``out_dir`` by a killed run; return how many.

    Only regular files named as ``write_atomic`` names its temporaries
    (``writers.is_temporary``); links are neither followed nor removed.
    """
    removed = 0
    for folder, _, files in os.walk(out_dir):
        for name in files:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if is_temporary(name) and stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
                    removed += 1
    return removed


# --------------------------------------------------------------------------- one document


@dataclass(frozen=True)
class Task:
    """One document for a worker.  ``source`` is ARCHIVE_DIR (as given) / ``path``.

    ``path`` and ``output`` are names on disk (see :class:`Entry`); ``previous`` is
    the row of the previous manifest for this file, if one is known for sure.
    """

    source: Path
    path: str
    out_dir: Path
    output: str
    fmt: OutputFormat
    timeout: float
    force: bool = False
    previous: Row | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    #: The run's name, for the rows of this task (:attr:`Row.run`).
    run: str | None = None

    @property
    def key(self) -> str:
        return shown(self.path)

    @property
    def previous_output(self) -> str | None:
        """The output of an earlier run in another format (``--format`` changed).

        Only a name this run derives for the same input counts (:func:`output_name`
        in another format): whatever else a hand-edited manifest holds is ignored.
        """
        old = self.previous.output if self.previous is not None else None
        for fmt in OUTPUT_EXTENSIONS:
            name = output_name(self.path, fmt)
            if name != self.output and shown(name) == old:
                return name
        return None


def file_sha256(path: Path, max_bytes: int) -> str | None:
    """The file's hash; None when it cannot be read or is over ``max_bytes``.

    A file over the limit is never read (it then fails with the single-file
    command's message, ``parse_file`` checking the size first too).
    """
    try:
        return sha256_of(path, max_bytes)
    except OSError:
        return None


def count_items(items: list[Item]) -> int:
    return sum(1 + count_items(item.items) for item in items)


def converted_row(task: Task, document: OutcomeDocument, seconds: float) -> Row:
    decisions = [decision for section in document.sections for decision in section.decisions]
    return Row(
        path=task.key,
        status="converted",
        output=shown(task.output),
        sha256=document.source.sha256,
        sections=len(document.sections),
        decisions=len(decisions),
        items=sum(count_items(decision.items) for decision in decisions),
        warnings=len(document.warnings),
        seconds=round(seconds, 3),
        version=__version__,
        run=task.run,
    )


def failed_row(
    task: Task, error: str, sha256: str | None, seconds: float, status: Status = "failed"
) -> Row:
    """The row of a document without output: ``failed``, or ``not_outcome`` (``error``
    then says why it is not an outcome document)."""
    return Row(
        path=task.key,
        status=status,
        sha256=sha256,
        error=shown(error),
        seconds=round(seconds, 3),
        version=__version__,
        run=task.run,
    )


def remove_outputs(task: Task) -> None:
    """Remove what earlier runs wrote for this document (it failed this time)."""
    remove_output(task.out_dir, task.output)
    if (old := task.previous_output) is not None:
        remove_output(task.out_dir, old)


def unchanged_row(task: Task) -> Row | None:
    """The row of a document found unchanged, or None when it is to be converted.

    Unchanged (see the module docstring): not ``force``, and the previous row is a
    converted one by this version, with the same output name, the same content hash
    (the file is hashed only when the rest holds) and its output still there.  A
    ``not_outcome`` row by this version with the same hash stays ``not_outcome``
    without being read again.
    """
    previous = task.previous
    if task.force or previous is None or previous.version != __version__:
        return None
    converted = previous.status in ("converted", "unchanged")
    if not (converted and previous.output == shown(task.output)) and (
        previous.status != "not_outcome"
    ):
        return None
    start = time.perf_counter()
    sha256 = file_sha256(task.source, task.read.max_bytes)
    if sha256 is None or previous.sha256 != sha256:
        return None
    seconds = round(time.perf_counter() - start, 3)
    if not converted:
        return replace(previous, seconds=seconds)
    if not is_own_file(task.out_dir, task.output):
        return None
    return replace(previous, status="unchanged", error=None, seconds=seconds)


def write_output(task: Task, text: str) -> None:
    """Write the output atomically, never through a symbolic link inside OUT_DIR."""
    from emg_parse.writers import write_atomic

    output = task.out_dir / task.output
    if not is_real_folder_path(task.out_dir, task.output):
        raise OutputError(
            output, "a folder on its way is a symbolic link (or not a folder); not written"
        )
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise OutputError(output, f"cannot write ({exc.strerror or exc})") from exc


def convert_document(task: Task) -> Row:
    """Convert one document and write its output (runs in a worker; never raises ``Exception``).

    A failure gives a ``failed`` row with the single-file command's one-line message
    and removes the document's old output.  A file over the size limit is neither
    hashed nor read.
    """
    start = time.perf_counter()
    sha256 = file_sha256(task.source, task.read.max_bytes)
    from emg_parse.pipeline import ParseOptions, parse_file
    from emg_parse.writers import render

    try:
        options = ParseOptions(task.read, timeout=task.timeout)
        document = parse_file(task.source, options, sha256=sha256)
        write_output(task, render(document, task.fmt))
    except NotAnOutcomeDocumentError as exc:
        remove_outputs(task)
        seconds = time.perf_counter() - start
        return failed_row(task, exc.one_line(), sha256, seconds, status="not_outcome")
    except EmgParseError as exc:
        remove_outputs(task)
        return failed_row(task, exc.one_line(), sha256, time.perf_counter() - start)
    except MemoryError:  # over the worker's limit (limits.READER_MEMORY)
        remove_outputs(task)
        error = InputError(task.source, memory_message(READER_MEMORY)).one_line()
        return failed_row(task, error, sha256, time.perf_counter() - start)
    except Exception as exc:  # a bug must not stop the batch: record it like the others
        remove_outputs(task)
        message = f"unexpected error (a bug: please report it with the file): {exc!r}"
        error = InputError(task.source, message).one_line()
        return failed_row(task, error, sha256, time.perf_counter() - start)
    if (old := task.previous_output) is not None:
        remove_output(task.out_dir, old)
    return converted_row(task, document, time.perf_counter() - start)


# --------------------------------------------------------------------------- worker processes


@dataclass(frozen=True)
class WorkerLost:
    """A task whose worker was killed (``timed_out``) or died (``exitcode``)."""

    timed_out: bool
    exitcode: int | None = None
    seconds: float = 0.0

    def describe(self) -> str:
        code = self.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


def cannot_start(exc: OSError) -> BatchUsageError:
    """The error for a worker process the system would not start (a limit was reached)."""
    return BatchUsageError(
        None,
        f"cannot start a worker process ({exc.strerror or exc}); use a lower -j, or raise "
        "the system's limits on processes and open files ('ulimit -u', 'ulimit -n')",
    )


def warm_up() -> None:
    """Load what parsing needs -- its modules and readers, its patterns compiled, the
    bundled vocabulary -- so that forked workers start with it rather than each loading
    it again."""
    from emg_parse.extractors.registry import extractors
    from emg_parse.names import vocabulary
    from emg_parse.patterns import compile_all

    for module in ("emg_parse.pipeline", "emg_parse.enrich", "emg_parse.writers"):
        importlib.import_module(module)
    extractors()
    compile_all()
    vocabulary()


def _context() -> BaseContext:
    """``fork`` where it is safe and cheap (Linux): workers inherit the loaded modules."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_task(work: Callable[[Task], Row], task: Task) -> Row:
    """Run one task in a worker (see :func:`~emg_parse.limits.working`)."""
    with working():
        return work(task)


def _outcome(future: Future[Row], time_limit: float | None, started: float) -> Row | WorkerLost:
    """The row a worker returned, or how its worker was lost."""
    seconds = time.monotonic() - started
    try:
        return future.result()
    except FutureTimeout:
        return WorkerLost(timed_out=True, seconds=time_limit or seconds)
    except ProcessExpired as exc:
        return WorkerLost(timed_out=False, exitcode=exc.exitcode, seconds=seconds)


def _pool(jobs: int, tasks_per_worker: int) -> ProcessPool:
    """Worker processes set up by :func:`~emg_parse.limits.become_worker`, each
    replaced after ``tasks_per_worker`` tasks.  Started with Ctrl-C and ``kill``
    blocked, so that a worker (also one that replaces another later) gets them only
    once it has its handlers."""
    return ProcessPool(
        max_workers=jobs,
        max_tasks=max(1, tasks_per_worker),
        initializer=become_worker,
        initargs=(os.getpid(),),
        context=_context(),
    )


def _shut(pool: ProcessPool) -> None:
    """Stop the workers (SIGTERM: a task's clean-up runs; SIGKILL after 3 s) and wait."""
    pool.stop()  # type: ignore[no-untyped-call]
    pool.join()


def _convert_all(
    tasks: Iterator[Task],
    work: Callable[[Task], Row],
    jobs: int,
    options: BatchOptions,
) -> Iterator[tuple[Task, Row | WorkerLost]]:
    """Run ``tasks`` in ``jobs`` worker processes; results in completion order.

    No worker is started before ``tasks`` gives its first task (none, when it gives
    none); the parsing modules are imported first (:func:`warm_up`) where workers
    are forked.  A task that runs over the time limit has its worker killed (and replaced), and a
    worker that dies (a crash in a C library, the OOM killer) costs only its task;
    the pool's library (pebble) does both.  Tasks are handed out a few at a time, as
    workers free up.  When the pool itself breaks (a worker died while none was
    working), a new one takes the tasks that were waiting; when a new pool breaks
    before any task is done, workers cannot be started: ``BatchUsageError``.
    """
    # 0 or less: no limit.  Otherwise the worker's own alarm (parse_file's timeout)
    # should stop the document; the kill is for when it cannot.
    time_limit = options.timeout + options.kill_grace if options.timeout > 0 else None
    running: dict[Future[Row], tuple[Task, float]] = {}
    pool: ProcessPool | None = None
    fresh = False  # no task has finished in this pool yet
    first = next(tasks, None)
    if first is None:
        return
    tasks = itertools.chain([first], tasks)
    if _context().get_start_method() == "fork":
        warm_up()  # once here rather than in every worker

    def schedule(count: int) -> None:
        assert pool is not None
        for task in itertools.islice(tasks, count):
            future = pool.schedule(_run_task, (work, task), timeout=time_limit)
            running[future] = (task, time.monotonic())

    try:
        while True:
            if pool is None:
                try:
                    with stop_signals_blocked():
                        pool, fresh = _pool(jobs, options.tasks_per_worker), True
                        schedule(2 * jobs)
                except (OSError, BrokenProcessPool) as exc:
                    cause = exc if isinstance(exc, OSError) else exc.__cause__
                    if not isinstance(cause, OSError):
                        cause = OSError(str(exc))
                    raise cannot_start(cause) from exc
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = {f for f in done if isinstance(f.exception(), BrokenProcessPool)}
            retry = [running.pop(future)[0] for future in broken]
            for future in done - broken:
                task, started = running.pop(future)
                fresh = False
                yield task, _outcome(future, time_limit, started)
                if not broken:
                    schedule(1)
            if retry:
                if fresh:
                    raise cannot_start(OSError("the worker processes stopped at once"))
                retry += [task for task, _started in running.values()]
                running.clear()
                _shut(pool)
                pool = None
                tasks = itertools.chain(retry, tasks)
    finally:
        if pool is not None:
            _shut(pool)


# --------------------------------------------------------------------------- the run


#: The lock file inside OUT_DIR (hidden: never read as a document or an output).
LOCK_FILE = ".emg-parse-batch.lock"


class InUseError(EmgParseError):
    """Another batch is writing into the same OUT_DIR."""

    exit_code = 4


@contextlib.contextmanager
def out_dir_lock(out_dir: Path) -> Iterator[None]:
    """Hold OUT_DIR for this process: raise :class:`InUseError` at once when another
    batch holds it.

    The lock is a POSIX record lock (``lockf``) on :data:`LOCK_FILE`, which records the
    holder's pid and start time for that message.  It belongs to the holder's process
    alone -- worker processes forked from it do not inherit it -- and the system
    releases it when that process ends, however it ends (also ``kill -9``, with workers
    still winding down), so a stale lock never blocks; the file stays.
    """
    if sys.platform == "win32":  # pragma: no cover - no flock; not locked
        yield
        return
    import fcntl

    path = out_dir / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(path, f"cannot create the lock file ({exc.strerror or exc})") from exc
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise OutputError(path, f"cannot lock ({exc.strerror or exc})") from exc
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            pid, _, started = holder.partition(" ")
            raise InUseError(
                None,
                f"{shown(out_dir)} is in use by another emg-parse batch (pid "
                f"{shown(pid) or 'unknown'}, started {shown(started) or 'unknown'}); "
                "wait for it to end, or give another -o",
            ) from None
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def not_a_folder(archive: Path) -> str:
    """Why ``archive`` (not a folder) cannot be walked: missing (with the name of a
    folder beside it that is close, if any), a ZIP file, or another file."""
    import difflib
    import zipfile

    if archive.exists():
        with contextlib.suppress(OSError):
            if zipfile.is_zipfile(archive):
                return "is a ZIP file: unzip it first, then give the folder"
        return "is not a folder; give the folder holding the documents"
    parent = archive.parent
    try:
        with os.scandir(parent) as scan:
            folders = [e.name for e in scan if not e.name.startswith(".") and e.is_dir()]
    except OSError:
        folders = []
    close = difflib.get_close_matches(archive.name, folders, n=1)
    hint = f"; did you mean {shown(parent / close[0])}?" if close else ""
    return f"no such folder{hint}"


def check_folders(archive: Path, out_dir: Path) -> None:
    """Raise an ``EmgParseError`` when ARCHIVE_DIR and OUT_DIR cannot work together.

    OUT_DIR may lie inside ARCHIVE_DIR (it is then not walked) but not hold it:
    outputs could then land on the archive's own files.
    """
    if not archive.is_dir():
        raise BatchUsageError(archive, not_a_folder(archive))
    archive_real, out_real = os.path.realpath(archive), os.path.realpath(out_dir)
    if archive_real == out_real:
        raise BatchUsageError(
            out_dir, "the output folder is the archive itself; give another folder with -o"
        )
    if is_within(archive_real, out_real):
        raise BatchUsageError(
            out_dir, "the output folder holds the archive; give a folder outside it with -o"
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "exists and is not a folder")


#: Open files the batch process holds for each worker (its pipe, its sentinel and the
#: pipe that started it; measured on Linux).
FILES_PER_WORKER = 3
#: Open files left free for the batch process's own work (walking, hashing, manifests)
#: and for what a worker opens, beyond the files it inherits (a document, a PDF's page
#: readers and their pipes, the output).
FILES_RESERVED = 32


def open_files() -> tuple[int, int] | None:
    """(files open now, the most this process may open), or None where unknown."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return None
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if limit == resource.RLIM_INFINITY:
        return None
    for folder in ("/proc/self/fd", "/dev/fd"):
        with contextlib.suppress(OSError):
            return len(os.listdir(folder)), limit
    return 0, limit


def usable_jobs(jobs: int, documents: int) -> int:
    """``jobs`` capped by the number of documents and by the open-files limit.

    Raises ``BatchUsageError`` when the limit (``ulimit -n``) leaves no room for
    even one worker.
    """
    jobs = max(1, min(jobs, documents))
    files = open_files()
    if files is None:
        return jobs
    now, limit = files
    room = (limit - now - FILES_RESERVED) // FILES_PER_WORKER
    if room < 1:
        raise BatchUsageError(
            None,
            f"the open-files limit ({limit}; 'ulimit -n') leaves no room for a worker "
            "process; raise it, e.g. 'ulimit -n 1024'",
        )
    return min(jobs, room)


def _lost_row(task: Task, lost: WorkerLost, options: BatchOptions) -> Row:
    remove_outputs(task)
    if lost.timed_out:
        error: EmgParseError = ParseTimeoutError(task.source, timeout_message(options.timeout))
    else:
        error = InputError(
            task.source,
            f"the worker process stopped ({lost.describe()}) while reading it: "
            f"the document may be damaged, or need over {READER_MEMORY >> 20} MB of memory",
        )
    return failed_row(
        task, error.one_line(), file_sha256(task.source, task.read.max_bytes), lost.seconds
    )


class _Manifest:
    """The rows of this run, written to OUT_DIR now and then and at the end.

    Rows are held by the name on disk (:attr:`Entry.path`), so that two files whose
    names look alike once escaped still have a row each.
    """

    def __init__(
        self, options: BatchOptions, previous: dict[str, Row], paths: list[str], run: str
    ) -> None:
        self.options = options
        self.previous = previous
        self.paths = paths
        self.run = RunInfo(run, options.force)
        self.rows: dict[str, Row] = {}
        self.start = time.monotonic()
        self.last_write = self.start
        self.interval = options.manifest_interval

    def add(self, path: str, row: Row) -> None:
        self.rows[path] = row

    def summary(self) -> Summary:
        """The counts of the rows :meth:`write` writes."""
        return Summary.of(self.current(), time.monotonic() - self.start)

    def current(self) -> list[Row]:
        """Rows of this run; documents not reached yet keep their previous row."""
        return [
            row
            for path in self.paths
            if (row := self.rows.get(path) or self.previous.get(path)) is not None
        ]

    def maybe_write(self) -> None:
        if time.monotonic() - self.last_write >= self.interval:
            began = time.monotonic()
            self.write(complete=False)
            # Keep rewriting the manifest under ~5% of the run, however large it grows.
            self.interval = max(self.options.manifest_interval, 20 * (time.monotonic() - began))

    def write(self, *, complete: bool) -> None:
        """Write :meth:`current` (and its counts) as OUT_DIR's manifests."""
        try:
            write_manifests(
                self.options.out_dir,
                self.current(),
                archive=self.options.archive.resolve(),
                fmt=self.options.fmt,
                version=__version__,
                complete=complete,
                seconds=time.monotonic() - self.start,
                run=self.run,
            )
        except OSError as exc:
            path = self.options.out_dir / MANIFEST_JSON
            raise OutputError(path, f"cannot write ({exc.strerror or exc})") from exc
        self.last_write = time.monotonic()


def previous_rows(entries: list[Entry], manifest: dict[str, Row]) -> dict[str, Row]:
    """The previous manifest's row of each file (by :attr:`Entry.path`), when it is sure.

    Rows are keyed by the shown name; when two files of the archive show the same
    name (a byte ``\\xff`` and the four characters ``\\xff``), neither is matched, so
    both are converted on every run.
    """
    shared = Counter(entry.key for entry in entries)
    return {
        entry.path: row
        for entry in entries
        if shared[entry.key] == 1 and (row := manifest.get(entry.key)) is not None
    }


@dataclass(frozen=True)
class Walked:
    """The archive as walked: every file in path order, the documents largest first
    (so that the longest conversions start early), and the previous manifest's rows."""

    entries: list[Entry]
    candidates: list[Entry]
    previous: dict[str, Row]
    #: This run's name (:attr:`Row.run`): its start time, or, when it goes on with a
    #: ``--force`` run that was interrupted, that run's.
    run: str

    @staticmethod
    def of(options: BatchOptions) -> Walked:
        entries = list(walk(options.archive, options.out_dir, options))
        candidates = sorted((e for e in entries if e.candidate), key=lambda e: -e.size)
        previous = load_manifest(options.out_dir)
        run = (options.force and previous.forced_run) or run_name()
        return Walked(entries, candidates, previous_rows(entries, previous.rows), run)

    def task(self, options: BatchOptions, entry: Entry) -> Task:
        """The task of ``entry``.  Under ``--force``, a document this run already
        converted before it was interrupted (its row has this ``run``) is not forced."""
        previous = self.previous.get(entry.path)
        done = previous is not None and previous.run == self.run
        return Task(
            source=options.archive / entry.path,
            path=entry.path,
            out_dir=options.out_dir,
            output=output_name(entry.path, options.fmt),
            fmt=options.fmt,
            timeout=options.timeout,
            force=options.force and not done,
            previous=previous,
            read=options.read,
            run=self.run,
        )


def run_name() -> str:
    """A new run's name: its start time, UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def not_a_document_row(entry: Entry, run: str) -> Row:
    """The row of a file that is not converted: skipped, or failed (a folder not listed)."""
    status: Status = "failed" if entry.failed else "skipped"
    return Row(entry.key, status=status, error=entry.error, version=__version__, run=run)


def settled_row(task: Task) -> Row | None:
    """The row of a document that needs no worker (unchanged, or its output name is
    taken by the manifest), or None when it is to be converted."""
    if task.output in (MANIFEST_JSON, MANIFEST_CSV):
        message = "its output name is taken by the manifest; rename the file"
        return failed_row(task, InputError(task.source, message).one_line(), None, 0)
    return unchanged_row(task)


#: What a dry run (:func:`plan_batch`) says of each file: ``convert``, or the status
#: it gets without being converted (never ``converted``).
Planned = Literal["convert"] | Status


def plan_batch(options: BatchOptions) -> list[tuple[str, Planned]]:
    """What :func:`run_batch` would do with each file (shown name, in path order),
    writing nothing: documents are hashed to tell the unchanged ones, none is read."""
    check_folders(options.archive, options.out_dir)
    walked = Walked.of(options)
    if not walked.candidates:
        raise no_documents(options, len(walked.entries))
    plan: list[tuple[str, Planned]] = []
    for entry in walked.entries:
        if not entry.candidate:
            plan.append((entry.key, not_a_document_row(entry, walked.run).status))
            continue
        row = settled_row(walked.task(options, entry))
        plan.append((entry.key, "convert" if row is None else row.status))
    return sorted(plan)


def run_batch(
    options: BatchOptions,
    on_event: Callable[[Event], None] | None = None,
    *,
    work: Callable[[Task], Row] = convert_document,
) -> Summary:
    """Convert the archive (see the module docstring); return the counts.

    Raises ``BatchUsageError``, ``NoDocumentsError`` (nothing written) or
    ``OutputError`` (OUT_DIR unusable) before any work.  The manifest is written
    (``"complete": false``) as soon as the archive is walked, every
    ``manifest_interval`` seconds or so, and at the end.  On
    ``KeyboardInterrupt`` (or any other exception) the workers are stopped and the
    manifest is written before it propagates.  ``work`` runs in the workers (tests
    pass a slower or hanging one).
    """
    emit = on_event or (lambda event: None)
    check_folders(options.archive, options.out_dir)
    walked = Walked.of(options)
    entries, candidates = walked.entries, walked.candidates
    if not candidates:
        raise no_documents(options, len(entries))
    try:
        options.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(options.out_dir, f"cannot create ({exc.strerror or exc})") from exc
    with out_dir_lock(options.out_dir):
        remove_temporaries(options.out_dir)
        return _convert_walked(options, walked, emit, work)


def _convert_walked(
    options: BatchOptions,
    walked: Walked,
    emit: Callable[[Event], None],
    work: Callable[[Task], Row],
) -> Summary:
    """:func:`run_batch` once OUT_DIR is ready and locked."""
    entries, candidates = walked.entries, walked.candidates
    manifest = _Manifest(options, walked.previous, [entry.path for entry in entries], walked.run)
    jobs = usable_jobs(options.jobs, len(candidates)) if candidates else 1
    emit(Started(total=len(candidates), skipped=len(entries) - len(candidates), jobs=jobs))
    done = failed = 0

    def finish(path: str, row: Row) -> None:
        nonlocal done, failed
        manifest.add(path, row)
        done += 1
        failed += row.status == "failed"
        emit(DocumentDone(row, done=done, total=len(candidates), failed=failed))
        manifest.maybe_write()

    for entry in entries:
        if not entry.candidate:
            row = not_a_document_row(entry, walked.run)
            manifest.add(entry.path, row)
            emit(Skipped(row))
    manifest.write(complete=False)

    def tasks() -> Iterator[Task]:
        """The documents to convert; the unchanged ones are only hashed, here."""
        for entry in candidates:
            task = walked.task(options, entry)
            if (settled := settled_row(task)) is not None:
                finish(task.path, settled)
                continue
            yield task

    try:
        for task, result in _convert_all(tasks(), work, jobs, options):
            if isinstance(result, WorkerLost):
                result = _lost_row(task, result, options)
            finish(task.path, result)
    except BaseException:
        manifest.write(complete=False)
        raise
    manifest.write(complete=True)
    summary = manifest.summary()
    emit(Finished(summary, options.out_dir / MANIFEST_JSON))
    return summary
