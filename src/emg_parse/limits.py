"""Time limit for parsing one document.

A damaged PDF can make a parser loop for a very long time.  :func:`time_limit`
raises :class:`~emg_parse.errors.ParseTimeoutError` inside the running code when
the limit passes.  It uses ``SIGALRM`` and so works in the main thread on POSIX
systems; elsewhere it does nothing (``emg-parse batch`` stops hung documents by
killing their worker process instead).  The alarm repeats every half second until
the error gets through, in case library code swallows the first one.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from emg_parse.errors import ParseTimeoutError

#: Default limit for one document, in seconds (``--timeout``).
DEFAULT_TIMEOUT = 120.0


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
