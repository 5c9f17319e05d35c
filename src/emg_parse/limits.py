"""The process policy: time and memory limits, and the worker processes' set-up.

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

Worker processes (the batch's pool, the isolated PDF reader) are set up here, the
same way for both: :func:`become_worker` (memory limit, death with the parent,
Ctrl-C left to the parent, ``kill`` a clean exit) in a process :func:`can_fork`
allows to start, as many as :func:`usable_cpus`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from emg_parse.errors import ParseTimeoutError

#: Default limit for one document, in seconds (``--timeout``).
DEFAULT_TIMEOUT = 120.0

#: Files larger than this are refused before reading (bytes); see ``--max-size``.  Here,
#: not in the extractors, so that the command line shows it without importing them.
MAX_FILE_BYTES = 100 * 1024 * 1024

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


def memory_headroom() -> int | None:
    """Bytes this process may still allocate under :func:`limit_memory`'s limit; None
    when it has none (or where the size or the limit cannot be had)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_DATA)
    data = _statm(5)
    if soft == resource.RLIM_INFINITY or data is None:
        return None
    return max(soft - data, 0)


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


# --------------------------------------------------------------------------- workers

#: Blocked while a worker starts, so that none arrives before its handlers are set.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_PR_SET_PDEATHSIG = 1


def usable_cpus() -> int:
    """The number of CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - not Linux


def can_fork() -> bool:
    """True when this process may fork a worker: Linux, and no other thread (a thread
    holding a lock when the process forks would leave the child waiting forever)."""
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


@contextmanager
def stop_signals_blocked() -> Iterator[None]:
    """Block Ctrl-C and ``kill`` in this thread for the block: a worker started in it
    (or by a thread started in it) receives them only once it unblocks them."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (say, killed by
    ``emg-parse batch`` for running over its time) rather than leave it working; exit
    at once when it has died already."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


class Stopped(SystemExit):
    """Raised in a worker by ``kill`` (SIGTERM) while it works on a task, so that the
    task's clean-up (a temporary file removed) runs before the worker exits."""


_working = False


@contextmanager
def working() -> Iterator[None]:
    """Mark a worker's task: SIGTERM raises :class:`Stopped` inside it, and the
    worker exits once the task's clean-up has run (outside a task it exits at once)."""
    global _working
    _working = True
    try:
        yield
    except Stopped:
        os._exit(128 + signal.SIGTERM)
    finally:
        _working = False


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    if _working:
        raise Stopped(128 + signum)
    os._exit(128 + signum)


def become_worker(parent: int) -> None:
    """Set up a worker process of ``parent``: it dies with it, may allocate
    :data:`READER_MEMORY` more than it has now, leaves Ctrl-C to the parent (which
    stops it with SIGTERM) and exits on SIGTERM (see :func:`working`).  Unblocks the
    signals :func:`stop_signals_blocked` held back while it started."""
    die_with_parent(parent)
    limit_memory(READER_MEMORY)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
