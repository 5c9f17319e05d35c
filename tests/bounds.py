"""Guards for tests of hostile inputs: a time limit, and the command line run under
limits on memory and time, so that a regression fails the test instead of
exhausting the machine."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

#: Memory (the data segment) a command run by :func:`run_bounded` may use: many
#: times what any test document needs.
MEMORY = 1 << 30


@contextlib.contextmanager
def finishes_within(seconds: int, what: str) -> Iterator[None]:
    """Fail (rather than hang) if the block runs longer than ``seconds``.

    The inputs are sized so that linear code finishes in a second or two and
    anything quadratic or worse would take minutes or hours; the limit is generous
    so that a loaded machine does not fail the test, and no time is asserted.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        pytest.fail(f"{what} did not finish within {seconds} s: not linear in its size")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_bounded(
    *args: str | Path, memory: int = MEMORY, seconds: int = 60
) -> subprocess.CompletedProcess[str]:
    """``emg-parse ARGS`` in a new process whose data segment may grow to ``memory``
    bytes, stopped after ``seconds``."""

    def limit() -> None:  # runs in the child, before it starts Python
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "emg_parse", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
        check=False,
    )
