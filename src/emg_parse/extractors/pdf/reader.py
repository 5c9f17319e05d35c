"""The isolated reader: a PDF's pages read and laid out in forked worker processes.

pdfium is C: a damaged file can crash it, and it aborts the process when an
allocation fails (a decompression bomb), which no ``MemoryError`` reports.  So the
command line reads a PDF's pages in worker processes set up by
:func:`~emg_parse.limits.become_worker` (under ``limits.READER_MEMORY``, dying with
their parent), and a worker that stops without saying it is done is reported as a
damaged file (or as one over the memory limit).

:class:`PageRun` starts one worker at once, so that the caller can do other work
meanwhile (import what the later stages need).  When the caller asks for the results
and enough pages are left, more workers join -- one per usable CPU, at most
:data:`MAX_WORKERS` -- so a short document is read by one process and a long one by
several.  Workers take pages one at a time from a counter in shared memory, so that
all finish together even when one gets less CPU time; each result goes back through
the worker's own pipe, and :meth:`PageRun.results` gives them back in page order.
A run may also be over some pages only (the pages laid out again at the end).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import mmap
import os
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Generic, NoReturn, TypeVar

from emg_parse.extractors.pdf.pdfium import ERR_MEMORY, ERR_UNKNOWN, Document, PdfiumError
from emg_parse.limits import (
    READER_MEMORY,
    become_worker,
    can_fork,
    resident_memory,
    usable_cpus,
)

#: At most this many worker processes read one document.
MAX_WORKERS = 4
#: More workers join the first one only when at least this many pages are left.
GROW_MIN_PAGES = 8

T = TypeVar("T")

#: A task run over some pages of an open document: ``task(document, pages)`` takes the
#: page indexes (from 0) from the iterator ``pages`` one at a time, as it goes, and
#: yields one picklable result per page, in the order taken.
PageTask = Callable[[Document, Iterator[int]], Iterator[T]]

_LENGTH = struct.Struct("<Q")
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_PIPE_SIZE = 1 << 20


class PageRun(Generic[T]):
    """``task`` over every page of a document (or the ``pages`` given, page indexes
    from 0), in forked worker processes.

    A ``PdfiumError`` in a worker (a wrong password, a damaged page) is raised here;
    a crash of pdfium in a worker (a damaged file) becomes a ``PdfiumError`` instead
    of ending this process; any other exception in a worker makes this process run
    the pages that came back from no worker itself, which raises it here with a
    proper traceback.  :meth:`close` (which an abandoned run needs) kills the
    workers that are still running and reaps them.
    """

    def __init__(
        self,
        path: Path,
        password: str | None,
        task: PageTask[T],
        pages: Sequence[int] | None = None,
    ) -> None:
        self.path = path
        self.password = password
        self.task = task
        self.pages = pages
        self.workers: list[_Worker] = []
        #: resident memory when the workers start: theirs starts there too
        self.resident = resident_memory()
        self.claims = _Claims()
        try:
            self._start_worker()
        except BaseException:
            self.close()
            raise

    def _start_worker(self) -> None:
        self.workers.append(_Worker(self.path, self.password, self.task, self.pages, self.claims))

    def _grow(self, pages: int) -> None:
        """Start more workers when enough pages are left (see the module docstring)."""
        wanted = min(usable_cpus(), MAX_WORKERS) - len(self.workers)
        if wanted <= 0 or pages - self.claims.taken() < GROW_MIN_PAGES or not can_fork():
            return
        for _ in range(wanted):
            self._start_worker()

    def results(self) -> Iterator[T]:
        """Every page's result, in page order (that of ``pages``, when given);
        ``PdfiumError`` when pdfium fails."""
        pending: dict[int, T] = {}  # by place in the pages run over
        pages: int | None = None
        following = 0  # the place of the next page to give back
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
                    elif kind == "pages" and pages is None:
                        pages = int(message[1])
                        known = len(self.workers)
                        self._grow(pages)
                        for joined in self.workers[known:]:
                            running[joined.fd] = joined
                            poll.register(joined.fd, select.POLLIN)
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
        missing = [place for place in range(following, pages) if place not in pending]
        if missing:
            # a worker failed with a bug, not in pdfium: run its pages here, where the
            # bug raises with its traceback
            indexes = range(pages) if self.pages is None else self.pages
            with Document(self.path, self.password) as document:
                results = self.task(document, (indexes[place] for place in missing))
                pending.update(zip(missing, results, strict=False))
        for place in range(following, pages):
            yield pending.pop(place)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.claims.close()


class _Claims:
    """The next page to lay out, shared by the workers of a run.

    A counter in memory shared with the forked workers, guarded by a pipe holding one
    byte: a worker reads the byte (waiting while another one holds it), takes the
    page, and writes the byte back.
    """

    _STATE = struct.Struct("<q")

    def __init__(self) -> None:
        self.memory = mmap.mmap(-1, self._STATE.size)  # anonymous: shared with children
        self.holding, self.releasing = os.pipe()
        os.write(self.releasing, b"\0")

    def take(self, pages: int) -> int | None:  # pragma: no cover - runs in the children
        """The page to lay out next (now taken), or None when all ``pages`` are."""
        os.read(self.holding, 1)
        try:
            (following,) = self._STATE.unpack_from(self.memory)
            if following >= pages:
                return None
            self._STATE.pack_into(self.memory, 0, following + 1)
            return int(following)
        finally:
            os.write(self.releasing, b"\0")

    def taken(self) -> int:
        """How many pages have been taken so far."""
        return int(self._STATE.unpack_from(self.memory)[0])

    def close(self) -> None:
        """Close this process's ends (forked workers keep theirs)."""
        if not self.memory.closed:
            os.close(self.holding)
            os.close(self.releasing)
            self.memory.close()


class _Worker:
    """A forked process that runs a task over the pages it takes (see :class:`PageRun`)."""

    def __init__(
        self,
        path: Path,
        password: str | None,
        task: PageTask[Any],
        pages: Sequence[int] | None,
        claims: _Claims,
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
            os.close(reading)
            _child(parent, path, password, task, pages, claims, writing)
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


def _send(stream: IO[bytes], message: tuple[Any, ...]) -> None:  # pragma: no cover - child
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)


def _taken(  # pragma: no cover - runs in the child
    claims: _Claims, indexes: Sequence[int], taken: deque[int]
) -> Iterator[int]:
    """The pages of ``indexes`` this worker takes, one at a time, until none is left;
    the place in ``indexes`` of each is put in ``taken``."""
    while (place := claims.take(len(indexes))) is not None:
        taken.append(place)
        yield indexes[place]


def _child(  # pragma: no cover - runs in the child
    parent: int,
    path: Path,
    password: str | None,
    task: PageTask[Any],
    pages: Sequence[int] | None,
    claims: _Claims,
    writing: int,
) -> NoReturn:
    """A worker: send the number of pages to run over (every page, or ``pages``),
    then ``task``'s result for each page it takes (with its place among them), then
    "done" (or the error, or "failed"); never returns."""
    status = 0
    try:
        become_worker(parent)  # a decompression bomb crashes pdfium, not the machine
        gc.disable()  # a short-lived process that makes no reference cycles
        faults = sys.modules.get("faulthandler")
        if faults is not None and faults.is_enabled():
            faults.disable()  # a crash here is reported by the parent, not as a traceback
        with os.fdopen(writing, "wb", buffering=1 << 16) as stream:
            try:
                with Document(path, password) as document:
                    indexes = range(len(document)) if pages is None else pages
                    _send(stream, ("pages", len(indexes)))
                    stream.flush()  # the parent may start more workers on it
                    taken: deque[int] = deque()
                    for result in task(document, _taken(claims, indexes, taken)):
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
