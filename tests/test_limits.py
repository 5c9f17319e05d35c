"""Memory limits: a process that reads untrusted files fails instead of exhausting memory."""

from __future__ import annotations

import subprocess
import sys

import pytest

from emg_parse.limits import resident_memory

needs_linux = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="/proc and RLIMIT_DATA"
)


def in_child(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


@needs_linux
def test_limit_memory_allows_that_much_more_and_no_more() -> None:
    out = in_child(
        "from emg_parse.limits import limit_memory\n"
        "big = bytearray(100 << 20)  # data the process has before the limit\n"
        "limit_memory(64 << 20)\n"
        "fits = bytearray(32 << 20)\n"
        "try:\n"
        "    bytearray(128 << 20)\n"
        "    print('allocated')\n"
        "except MemoryError:\n"
        "    print('MemoryError')\n"
    )
    assert out == "MemoryError"


@needs_linux
def test_limit_memory_only_lowers_the_limit() -> None:
    out = in_child(
        "import resource\n"
        "from emg_parse.limits import limit_memory\n"
        "resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, resource.RLIM_INFINITY))\n"
        "limit_memory(16 << 30)\n"
        "print(resource.getrlimit(resource.RLIMIT_DATA)[0])\n"
    )
    assert int(out) == 1 << 30


@needs_linux
def test_resident_memory_is_measured() -> None:
    resident = resident_memory()
    assert resident is not None and resident > 1 << 20
