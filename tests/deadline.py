"""A guard for tests of inputs that only linear code gets through in reasonable time."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

import pytest


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
