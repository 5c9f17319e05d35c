"""Reading a whole document in forked worker processes.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import mmap
import os
import select
import signal
import struct
import sys
import threading
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any, Generic, NoReturn, TypeVar

from emg_parse.extractors.pdf.objects import Box, PageGlyphs, Span
from emg_parse.extractors.pdf.pdfium import (
    ERR_MEMORY,
    ERR_UNKNOWN,
    Document,
    PageContent,
    PdfiumError,
)
from emg_parse.limits import READER_MEMORY, limit_memory, resident_memory

#: FPDF_GetLastError codes.


# --- reading a whole document, in other processes when that pays -------------------

#: A document with at least this many pages is shared among worker processes (see
#: :func:`run_pages`).
PARALLEL_MIN_PAGES = 6
#: At most this many worker processes read one document.
MAX_WORKERS = 4

T = TypeVar("T")

#: A task run over some pages of an open document: ``task(document, pages)`` takes the
#: page indexes (from 0) from the iterator ``pages`` one at a time, as it goes, and
#: yields one picklable result per page, in the order taken.
PageTask = Callable[[Document, Iterator[int]], Iterator[T]]


def run_pages(
    path: Path, password: str | None, task: PageTask[T], *, parallel: bool = True
) -> Generator[T, None, None]:
    """``task``'s result for every page of the document, in order.

    With ``parallel`` (and a multi-core Linux machine, no other threads, and at least
    :data:`PARALLEL_MIN_PAGES` pages) the pages are shared among forked worker
    processes (:class:`PageRun`); otherwise ``task`` runs here.  ``PdfiumError``
    when pdfium fails.  Close the iterator (or exhaust it) to reap the workers.
    """
    with Document(path, password) as document:
        pages = len(document)
        if not (parallel and pages >= PARALLEL_MIN_PAGES and _can_fork()):
            yield from task(document, iter(range(pages)))
            return
    run = PageRun(path, password, task)
    try:
        yield from run.results()
    finally:
        run.close()


def read_pages(
    path: Path, password: str | None, *, parallel: bool = True
) -> Generator[PageContent, None, None]:
    """Every page of the document, in order (see :func:`run_pages`)."""
    for message in run_pages(path, password, _read_task, parallel=parallel):
        yield _unpack(message)


def _read_task(document: Document, pages: Iterator[int]) -> Iterator[tuple[Any, ...]]:
    for index in pages:
        yield _pack(document.read_page(index))


def _can_fork() -> bool:
    """Worker processes can share the pages: Linux, more than one CPU, no threads."""
    return (os.cpu_count() or 1) > 1 and can_isolate()


def can_isolate() -> bool:
    """Pages can be read in forked worker processes (Linux, no other threads here)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
    )


def worker_count() -> int:
    """Worker processes for one document: the CPUs this process may use, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


_LENGTH = struct.Struct("<Q")
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_PIPE_SIZE = 1 << 20
_PR_SET_PDEATHSIG = 1


def _send(stream: IO[bytes], message: tuple[Any, ...]) -> None:
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)


def _pack(content: PageContent) -> tuple[Any, ...]:
    glyphs = content.glyphs
    return (
        "\x00".join(glyphs.texts),
        array("d", glyphs.x0).tobytes(),
        array("d", glyphs.x1).tobytes(),
        [(s.start, s.end, s.top, s.bottom, s.size, s.font) for s in glyphs.spans],
        [tuple(box) for box in content.boxes],
        content.height,
    )


def _unpack(message: tuple[Any, ...]) -> PageContent:
    texts, x0, x1, spans, boxes, height = message
    glyphs = PageGlyphs(
        texts.split("\x00") if texts else [],
        array("d", x0).tolist(),
        array("d", x1).tolist(),
        [Span(*span) for span in spans],
    )
    return PageContent(glyphs, [Box(*box) for box in boxes], height)


class PageRun(Generic[T]):
    """``task`` over every page of a document, in forked worker processes.

    The workers start at once (so that this process can do other work meanwhile).
    Worker *k* of *n* takes pages ``k, k + n, k + 2n, ...`` one at a time, and when
    those are done, the last pages not yet taken of the others (:class:`_Claims`):
    a worker that gets less CPU time -- this process importing the models, another
    program -- takes fewer pages, and all finish together.  Each result goes back
    through the worker's own pipe with its page number; :meth:`results` gives them
    back in page order.

    A ``PdfiumError`` in a worker (a wrong password, a damaged page) is raised here;
    a crash of pdfium in a worker (a damaged file) becomes a ``PdfiumError`` instead
    of ending this process; any other exception in a worker makes this process run
    the pages that came back from no worker itself, which raises it here with a
    proper traceback.  :meth:`close` (which an abandoned run needs) kills the
    workers that are still running and reaps them.
    """

    def __init__(
        self, path: Path, password: str | None, task: PageTask[T], workers: int | None = None
    ) -> None:
        self.path = path
        self.password = password
        self.task = task
        count = workers or worker_count()
        self.workers: list[_Worker] = []
        #: resident memory when the workers start: theirs starts there too
        self.resident = resident_memory()
        claims = _Claims(count)
        try:
            for k in range(count):
                self.workers.append(_Worker(path, password, task, claims, k))
        except BaseException:
            self.close()
            raise
        finally:
            claims.close()  # the workers have their own

    def results(self) -> Iterator[T]:
        """Every page's result, in page order; ``PdfiumError`` when pdfium fails."""
        pending: dict[int, T] = {}
        pages: int | None = None
        following = 0  # the next page to give back
        running = {worker.fd: worker for worker in self.workers}
        poll = select.poll()
        for fd in running:
            poll.register(fd, select.POLLIN)
        while running:
            for fd, _event in poll.poll():
                worker = running[fd]
                for message in worker.receive():
                    kind = message[0]
                    if kind == "page":
                        pending[message[1]] = message[2]
                    elif kind == "pages":
                        pages = int(message[1])
                    elif kind == "error":
                        raise PdfiumError(int(message[1]), str(message[2]))
                if worker.ended:
                    del running[fd]
                    poll.unregister(fd)
                    if not worker.finished:
                        raise worker.lost(self.resident)
            while following in pending:
                yield pending.pop(following)
                following += 1
        if pages is None:  # pragma: no cover - every worker sends the page count first
            raise PdfiumError(ERR_UNKNOWN, "reading the pages (no page count)")
        missing = [index for index in range(following, pages) if index not in pending]
        if missing:
            # a worker failed with a bug, not in pdfium: run its pages here, where the
            # bug raises with its traceback
            with Document(self.path, self.password) as document:
                pending.update(zip(missing, self.task(document, iter(missing)), strict=False))
        for index in range(following, pages):
            yield pending.pop(index)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()


class _Claims:
    """Which worker of a run lays out which page.

    Worker *k* of *n* has the share ``k, k + n, k + 2n, ...`` (a page's neighbours in
    a share are *n* pages apart, so that its running-text guess, which looks at the
    page laid out before, compares like with like) and takes it from the front, one
    page at a time.  A worker whose share is done takes the last page not yet taken
    of the share with the most pages left, until none is left.  The shares' front
    and end live in memory shared with the forked workers, guarded by a pipe holding
    one byte: a worker reads the byte (waiting while another one holds it), takes its
    page, and writes the byte back.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        #: fronts, then ends of the shares (positions in a share), then "ends are set"
        self._state = struct.Struct(f"<{2 * workers + 1}q")
        self.memory = mmap.mmap(-1, self._state.size)  # anonymous: shared with children
        self.holding, self.releasing = os.pipe()
        os.write(self.releasing, b"\0")

    def take(self, worker: int, pages: int) -> int | None:  # pragma: no cover - children
        """The page ``worker`` lays out next (now taken), or None when all ``pages`` are."""
        n = self.workers
        os.read(self.holding, 1)
        try:
            state: list[int] = list(self._state.unpack_from(self.memory))
            fronts, ends = state[:n], state[n : 2 * n]
            if not state[-1]:  # the first page taken: the shares' sizes
                ends[:] = [len(range(k, pages, n)) for k in range(n)]
            share = worker
            if fronts[share] < ends[share]:
                position = fronts[share]
                fronts[share] += 1
            else:
                share = max(range(n), key=lambda k: ends[k] - fronts[k])
                if fronts[share] >= ends[share]:
                    return None
                ends[share] -= 1
                position = ends[share]
            self._state.pack_into(self.memory, 0, *fronts, *ends, 1)
            return share + position * n
        finally:
            os.write(self.releasing, b"\0")

    def close(self) -> None:
        """Close this process's ends (forked workers keep theirs)."""
        os.close(self.holding)
        os.close(self.releasing)
        self.memory.close()


class _Worker:
    """A forked process that runs a task over the pages it takes (see :class:`PageRun`)."""

    def __init__(
        self, path: Path, password: str | None, task: PageTask[Any], claims: _Claims, number: int
    ) -> None:
        reading, writing = os.pipe()
        with contextlib.suppress(OSError):  # room for many pages: the worker need not wait
            fcntl.fcntl(writing, _F_SETPIPE_SZ, _PIPE_SIZE)
        parent = os.getpid()
        try:
            pid = os.fork()
        except BaseException:
            os.close(reading)
            os.close(writing)
            raise
        if pid == 0:  # pragma: no cover - runs in the child (its coverage is not collected)
            _die_with(parent)
            os.close(reading)
            _child(path, password, task, claims, number, writing)
        os.close(writing)
        #: None once reaped
        self.pid: int | None = pid
        self.fd = reading
        self._buffer = bytearray()
        #: the pipe is at its end (the worker exited or was killed)
        self.ended = False
        #: the worker said it is done ("done" or "failed")
        self.finished = False

    def receive(self) -> list[tuple[Any, ...]]:
        """The whole messages that have arrived (call when the pipe is ready to read)."""
        import pickle

        data = os.read(self.fd, 1 << 20)
        if not data:
            self.ended = True
        buffer = self._buffer
        buffer += data
        messages: list[tuple[Any, ...]] = []
        start = 0
        while len(buffer) - start >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(buffer, start)
            end = start + _LENGTH.size + length
            if end > len(buffer):
                break
            message: tuple[Any, ...] = pickle.loads(buffer[start + _LENGTH.size : end])
            messages.append(message)
            if message[0] in ("done", "failed"):
                self.finished = True
            start = end
        del buffer[:start]
        return messages

    def lost(self, resident: int | None) -> PdfiumError:
        """The error for a worker that stopped without saying it was done: pdfium
        crashed (a damaged file), or it went over the memory it may use
        (:data:`~emg_parse.limits.READER_MEMORY` more than the ``resident`` bytes it
        started with; a damaged file, or one built to exhaust memory)."""
        usage = self._reap()
        # pdfium aborts when an allocation fails; a page that needs a large block at once
        # may fail before the process grew much, and then passes for damaged
        if usage is not None and resident is not None:
            grew = usage.ru_maxrss * 1024 - resident  # ru_maxrss: kilobytes on Linux
            if grew >= READER_MEMORY // 2:
                return PdfiumError(ERR_MEMORY, "reading the pages (over the memory limit)")
        return PdfiumError(ERR_UNKNOWN, "reading the pages (a reader stopped)")

    def _reap(self) -> Any:
        """Wait for the worker to end; its resource usage (None if already reaped)."""
        if self.pid is None:
            return None
        try:
            _pid, _status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            usage = None
        self.pid = None
        return usage

    def close(self) -> None:
        """Close the pipe; kill the worker unless it sent everything; reap it."""
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        if not self.finished and self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self._reap()


def _die_with(parent: int) -> None:  # pragma: no cover - runs in the child
    """Have the kernel kill this process when ``parent`` dies (say, killed by
    ``emg-parse batch`` for running over its time), rather than leave it reading."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that took effect
        os._exit(1)


def _taken(  # pragma: no cover - runs in the child
    claims: _Claims, number: int, pages: int, taken: deque[int]
) -> Iterator[int]:
    """The pages worker ``number`` takes, one at a time, until none is left; each is
    also put in ``taken``."""
    while (index := claims.take(number, pages)) is not None:
        taken.append(index)
        yield index


def _child(  # pragma: no cover - runs in the child
    path: Path,
    password: str | None,
    task: PageTask[Any],
    claims: _Claims,
    number: int,
    writing: int,
) -> NoReturn:
    """A worker: send the page count, then ``task``'s result for each page it takes
    (with its number), then "done" (or the error, or "failed"); never returns."""
    status = 0
    try:
        gc.disable()  # a short-lived process that makes no reference cycles
        limit_memory(READER_MEMORY)  # a decompression bomb crashes pdfium, not the machine
        faults = sys.modules.get("faulthandler")
        if faults is not None and faults.is_enabled():
            faults.disable()  # a crash here is reported by the parent, not as a traceback
        with os.fdopen(writing, "wb", buffering=1 << 16) as stream:
            try:
                with Document(path, password) as document:
                    pages = len(document)
                    _send(stream, ("pages", pages))
                    taken: deque[int] = deque()
                    for result in task(document, _taken(claims, number, pages, taken)):
                        _send(stream, ("page", taken.popleft(), result))
                _send(stream, ("done",))
            except PdfiumError as exc:
                _send(stream, ("error", exc.code, str(exc)))
            except MemoryError:  # over the limit in Python code: not to be redone without it
                _send(stream, ("error", ERR_MEMORY, "reading the pages (over the memory limit)"))
            except Exception:
                _send(stream, ("failed",))
    except BaseException:
        status = 1
    finally:
        os._exit(status)
