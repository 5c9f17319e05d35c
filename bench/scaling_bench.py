"""Linearity: the cost per line of every stage after extraction, as documents grow.

    python bench/scaling_bench.py [--sizes 1,4,16,64] [--repeat 3]

For each shape of document below, at each size (a multiple of its base length), it
times in this process, best of ``--repeat``: extraction (the text reader), clean-up,
segmenting, validation into an ``OutcomeDocument``, JSON and YAML writing.  It prints
microseconds per input line for each stage and, last, the ratio of the largest size's
cost per line to the smallest's: about 1 when a stage is linear, growing with the
size when it is not.  This is a benchmark, not a test: it asserts nothing about time.

Shapes (text files, so that only the stages after the reader differ):

* ``outcome``: the seed outcome document, repeated (many sections, as an archive of
  long documents);
* ``paragraph``: one section whose only decision is a single paragraph of wrapped
  lines without a full stop (a block that joins every line);
* ``list``: one decision with a long flat list of lettered items (``a)`` .. ``zz)``,
  then again);
* ``nested``: items nested ``a) i. (1)`` under each other, over and over;
* ``header``: no section at all (everything is header zone; the parse fails at the
  end with "no sections found", which is timed too).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from emg_parse.cleanup import clean
from emg_parse.errors import NotAnOutcomeDocumentError
from emg_parse.extractors.registry import extract
from emg_parse.labels import int_to_letter, int_to_roman
from emg_parse.pipeline import parse_file
from emg_parse.segmenter import segment
from emg_parse.writers import render

SEED = Path(__file__).resolve().parent.parent / "samples" / "EMGSOM.26_3a.txt"
HEAD = (
    "EMGSOM.99_1\n\nSummary of Action Points\n\n"
    "I. Task Team on Scaling\n\nThe Senior Officials:\n\n"
)


def outcome(n: int) -> str:
    return (SEED.read_text(encoding="utf-8") + "\n") * n


def paragraph(n: int) -> str:
    line = "agree that the work goes on with the partners and the secretariat in"
    return HEAD + "Agree to extend the work\n" + "\n".join([line] * (100 * n)) + "\n"


def flat_list(n: int) -> str:
    items = "\n".join(
        f"{int_to_letter(k % 52 + 1)}) Take note of report {k};" for k in range(100 * n)
    )
    return HEAD + "Agree to the following:\n" + items + "\n"


def nested(n: int) -> str:
    lines = ["Agree to the following:"]
    for k in range(1, 34 * n + 1):
        lines += [
            f"{int_to_letter((k - 1) % 52 + 1)}) Request the following:",
            f"{int_to_roman(1)}. consider the items:",
            f"(1) welcome item {k}; and",
        ]
    return HEAD + "\n".join(lines) + "\n"


def header(n: int) -> str:
    return "\n\n".join(f"Distribution: EMG Members, note {k}" for k in range(100 * n)) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "outcome": outcome,
    "paragraph": paragraph,
    "list": flat_list,
    "nested": nested,
    "header": header,
}
STAGES = ("extract", "clean", "segment", "validate", "json", "yaml")


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(path: Path, repeat: int) -> tuple[int, dict[str, float]]:
    """Lines in the file, and seconds per stage."""
    extraction = extract(path)
    blocks = clean(extraction.lines)
    seconds = {
        "extract": best(repeat, lambda: extract(path)),
        "clean": best(repeat, lambda: clean(extraction.lines)),
        "segment": best(repeat, lambda: segment(blocks)),
    }

    def whole() -> object:
        try:
            return parse_file(path)
        except NotAnOutcomeDocumentError:
            return None

    # validation: the whole parse less the stages already timed
    total = best(repeat, whole)
    seconds["validate"] = max(0.0, total - sum(seconds.values()))
    document = whole()
    if document is None:
        seconds["json"] = seconds["yaml"] = 0.0
    else:
        seconds["json"] = best(repeat, lambda: render(document, "json"))  # type: ignore[arg-type]
        seconds["yaml"] = best(repeat, lambda: render(document, "yaml"))  # type: ignore[arg-type]
    return len(extraction.lines), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16,64", help="multiples of each shape's base")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {sys.platform}")
    print("microseconds per input line, best of", args.repeat)
    print(f"{'shape':10} {'size':>5} {'lines':>7}  " + " ".join(f"{s:>8}" for s in STAGES))
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in SHAPES.items():
            per_line: dict[int, dict[str, float]] = {}
            for size in sizes:
                path = Path(tmp) / f"{name}-{size}.txt"
                path.write_text(make(size), encoding="utf-8")
                lines, seconds = measure(path, args.repeat)
                per_line[size] = {s: 1e6 * seconds[s] / lines for s in STAGES}
                cells = " ".join(f"{per_line[size][s]:8.2f}" for s in STAGES)
                print(f"{name:10} {size:>5} {lines:>7}  {cells}")
            low, high = per_line[sizes[0]], per_line[sizes[-1]]
            ratios = " ".join(
                f"{high[s] / low[s]:8.2f}" if low[s] > 0.05 else f"{'-':>8}" for s in STAGES
            )
            print(f"{name:10} {'ratio':>5} {'':>7}  {ratios}")


if __name__ == "__main__":
    main()
