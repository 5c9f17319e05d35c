"""Time and memory limits for parsing one document.

A damaged PDF can make a parser loop for a very long time.  :func:`time_limit`
raises :class:`~emg_parse.errors.ParseTimeoutError` inside the running code when
the limit passes.  It uses ``SIGALRM`` and so works in the main thread on POSIX
systems; elsewhere it does nothing (``emg-parse batch`` stops hung documents by
killing their worker process instead).  The alarm repeats every half second until
the error gets through, in case library code swallows the first one.

A PDF can also hold a stream that a few kilobytes inflate into gigabytes (a
damaged file, or a "decompression bomb").  :func:`limit_memory` caps what a
process that reads such files may allocate, so that the reader fails instead of the
machine running out of memory; the processes that read PDF pages and the workers of
``emg-parse batch`` set it for themselves, and the ``parse`` and ``validate`` commands
(not the library functions: their callers choose) for the time they run
(:func:`memory_limit`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from emg_parse.errors import ParseTimeoutError

#: Default limit for one document, in seconds (``--timeout``).
DEFAULT_TIMEOUT = 120.0

#: Files ``emg-parse validate`` refuses unread (``--max-size``): a hundred times the
#: YAML of a long outcome document.  Checking YAML takes some 6 s and 70 MB a MB, so
#: that the largest file fits well within the time limit and :data:`READER_MEMORY`.
VALIDATE_MAX_BYTES = 5 << 20

#: Memory a process reading PDF pages may allocate beyond what it had when it
#: started: some twenty times what a large outcome document needs, a fraction of
#: what a decompression bomb takes.
READER_MEMORY = 1 << 30


def memory_message(limit: int) -> str:
    return (
        f"needs more than {limit >> 20} MB of memory to read (damaged, or built to exhaust "
        "memory); re-export or re-download it"
    )


def limit_memory(extra: int) -> None:
    """Make this process's allocations fail once it has ``extra`` bytes more than now.

    The limit is ``RLIMIT_DATA`` (heap and private writable mappings, as Linux counts
    them) set to the data this process has now plus ``extra``: a forked process starts
    with its parent's data, however large.  Only lowers the limit; does nothing where
    the size or the limit cannot be had.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    data = _statm(5)
    if data is None:  # pragma: no cover - not Linux
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = data + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


@contextmanager
def memory_limit(extra: int) -> Iterator[None]:
    """:func:`limit_memory` for the time of the block; the limit is then put back.

    The block should turn a ``MemoryError`` into :func:`memory_message`.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_DATA)
    limit_memory(extra)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, before)


def resident_memory() -> int | None:
    """Bytes of this process's memory that are resident now (Linux), else None."""
    return _statm(1)


def _statm(field: int) -> int | None:
    """A field of ``/proc/self/statm`` in bytes: 1 resident, 5 data and stack."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[field])
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def timeout_message(seconds: float) -> str:
    return (
        f"stopped after {seconds:g} s: the document may be damaged; "
        "re-export it, or raise the limit with --timeout"
    )


@contextmanager
def time_limit(seconds: float | None, path: Path) -> Iterator[None]:
    """Raise ``ParseTimeoutError`` for ``path`` if the block runs over ``seconds``."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ParseTimeoutError(path, timeout_message(seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
