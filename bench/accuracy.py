"""Accuracy of emg-parse against the hand-checked references in ``tests/reference/``.

    python bench/accuracy.py [--reference DIR] [--samples DIR] [--markdown] [--json]

Each reference (``tests/reference/<name>.yaml``, format in its README) lists the
sample files rendered from one document content (``files``, paths under
``--samples``, default ``samples/``) and what a perfect parser outputs for them.
Every listed file is parsed with :func:`emg_parse.pipeline.parse_file` and scored:

* **Units**, counted as multisets: every section ``(level, number, title)``, every
  decision ``(label, text)`` and every item at any depth ``(depth, label, text)``
  (depth 1: an item of a decision).  Precision = units found that the reference
  has / units found; recall = units of the reference found / units of the
  reference; F1 their harmonic mean.  A key the reference leaves out is not
  checked (it matches anything).
* **Fields**, as exact-match rates over what the reference gives: the header
  (``kind``, ``status``, ``symbol``, ``title``, meeting ``number``, ``date``,
  ``end_date``, ``time``, ``venue``); for each section its ``actor`` and its list of
  ``notes``; for each decision its ``actor``, ``actions`` and ``attributes``; the
  annex titles (a multiset, out of the larger of the two counts).  Sections and
  decisions are paired as their units are, then by ``(number, title)`` or by
  ``text`` alone, so that a wrong level or label does not hide a right actor; a
  reference section or decision left without a partner counts as wrong.

Texts are compared after collapsing white space; nothing else is normalised.  A field
the output does not have (output of schema 1.0 has no ``level``, ``kind``,
``actor`` of a decision, ``annexes`` ...) counts as wrong.  A file that fails to
parse (``EmgParseError``, or any other exception: a bug) scores 0, with its message.

Prints a table per file, the mean unit F1 over files and an overall line (micro
precision/recall/F1 and every field rate); ``--markdown`` prints the table for the
README (layout, format, units found/expected, F1); ``--json`` everything as JSON.
This is a measurement, not a test: it exits 0 whatever the scores (2 for bad usage or
an unreadable reference).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from emg_parse.errors import EmgParseError
from emg_parse.pipeline import ParseOptions, parse_file

ROOT = Path(__file__).resolve().parent.parent
HEADER_FIELDS = ("kind", "status", "symbol", "title")
MEETING_FIELDS = ("number", "date", "end_date", "time", "venue")
UNIT_KINDS = ("sections", "decisions", "items")
TIMEOUT = 120.0  # seconds per file, as the command's default
FIELD_KINDS = ("header", "section_actor", "notes", "actor", "actions", "attributes", "annexes")


class _Missing:
    """A key the reference leaves out (matches anything) or the output lacks (wrong)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
Unit = tuple[Any, ...]


def norm(value: Any) -> Any:
    """Compared form: white space collapsed in texts, labels and numbers as text."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool) or value is None or value is MISSING:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {str(k): norm(v) for k, v in value.items()}
    return value


def get(data: Any, key: str) -> Any:
    return data.get(key, MISSING) if isinstance(data, dict) else MISSING


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --------------------------------------------------------------------------- units


def section_unit(section: Any) -> Unit:
    return tuple(norm(get(section, k)) for k in ("level", "number", "title"))


def decision_unit(decision: Any) -> Unit:
    return tuple(norm(get(decision, k)) for k in ("label", "text"))


def decisions_of(doc: Any) -> list[Any]:
    return [d for s in as_list(get(doc, "sections")) for d in as_list(get(s, "decisions"))]


def item_units(doc: Any) -> list[Unit]:
    def walk(items: Any, depth: int) -> Iterator[Unit]:
        for item in as_list(items):
            yield (str(depth), norm(get(item, "label")), norm(get(item, "text")))
            yield from walk(get(item, "items"), depth + 1)

    return [u for d in decisions_of(doc) for u in walk(get(d, "items"), 1)]


def _fits(expected: Unit, found: Unit) -> bool:
    return all(
        e is MISSING or (e == f and f is not MISSING) for e, f in zip(expected, found, strict=True)
    )


def pair(
    expected: Sequence[Unit], found: Sequence[Unit], taken: set[int] | None = None
) -> dict[int, int]:
    """Pair expected units with equal found units (each found unit used once).

    Exact units are paired first, in order; then the units with a key left out
    (``MISSING``), with the first free found unit that agrees on the other keys.
    """
    taken = set() if taken is None else taken
    free: dict[Unit, deque[int]] = defaultdict(deque)
    for j, unit in enumerate(found):
        if j not in taken and MISSING not in unit:
            free[unit].append(j)
    pairs: dict[int, int] = {}
    partial = []
    for i, unit in enumerate(expected):
        if MISSING in unit:
            partial.append(i)
        elif free[unit]:
            pairs[i] = free[unit].popleft()
            taken.add(pairs[i])
    for i in partial:
        fitting = (j for j, f in enumerate(found) if j not in taken and _fits(expected[i], f))
        partner = next(fitting, None)
        if partner is not None:
            pairs[i] = partner
            taken.add(partner)
    return pairs


def pair_loosely(
    expected: Sequence[Any], found: Sequence[Any], keys: Sequence[Callable[[Any], Unit]]
) -> dict[int, int]:
    """Pair by the first key, then the rest by each looser key in turn."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for key in keys:
        left = [i for i in range(len(expected)) if i not in pairs]
        sub = pair([key(expected[i]) for i in left], [key(f) for f in found], taken)
        pairs.update({left[i]: j for i, j in sub.items()})
    return pairs


# --------------------------------------------------------------------------- scores


@dataclass
class Rate:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def merge(self, other: Rate) -> None:
        self.correct += other.correct
        self.total += other.total

    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class UnitCount:
    matched: int = 0
    expected: int = 0
    found: int = 0

    def merge(self, other: UnitCount) -> None:
        self.matched += other.matched
        self.expected += other.expected
        self.found += other.found


def prf(count: UnitCount) -> tuple[float, float, float]:
    precision = count.matched / count.found if count.found else float(count.expected == 0)
    recall = count.matched / count.expected if count.expected else float(count.found == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class FileScore:
    reference: str
    layout: str
    file: str
    error: str | None = None
    units: dict[str, UnitCount] = field(
        default_factory=lambda: {k: UnitCount() for k in UNIT_KINDS}
    )
    fields: dict[str, Rate] = field(default_factory=lambda: {k: Rate() for k in FIELD_KINDS})
    header: dict[str, bool] = field(default_factory=dict)

    @property
    def format(self) -> str:
        return Path(self.file).suffix.lstrip(".")

    def total_units(self) -> UnitCount:
        total = UnitCount()
        for count in self.units.values():
            total.merge(count)
        return total

    def other_fields(self) -> Rate:
        total = Rate()
        for name, rate in self.fields.items():
            if name != "header":
                total.merge(rate)
        return total


def score_units(ref: Any, out: Any, score: FileScore) -> None:
    units = {
        "sections": (
            [section_unit(s) for s in as_list(get(ref, "sections"))],
            [section_unit(s) for s in as_list(get(out, "sections"))],
        ),
        "decisions": (
            [decision_unit(d) for d in decisions_of(ref)],
            [decision_unit(d) for d in decisions_of(out)],
        ),
        "items": (item_units(ref), item_units(out)),
    }
    for kind, (expected, found) in units.items():
        score.units[kind] = UnitCount(len(pair(expected, found)), len(expected), len(found))


def score_header(ref: Any, out: Any, score: FileScore) -> None:
    ref_doc, out_doc = get(ref, "document"), get(out, "document")
    pairs = [(k, get(ref_doc, k), get(out_doc, k)) for k in HEADER_FIELDS]
    ref_meeting, out_meeting = get(ref_doc, "meeting"), get(out_doc, "meeting")
    pairs += [(f"meeting.{k}", get(ref_meeting, k), get(out_meeting, k)) for k in MEETING_FIELDS]
    for name, expected, found in pairs:
        if expected is MISSING:
            continue
        ok = found is not MISSING and norm(found) == norm(expected)
        score.header[name] = ok
        score.fields["header"].add(ok)


def _same(expected: Any, found: Any) -> bool:
    return found is not MISSING and norm(found) == norm(expected)


def score_fields(ref: Any, out: Any, score: FileScore) -> None:
    def title_key(s: Any) -> Unit:
        return (norm(get(s, "number")), norm(get(s, "title")))

    def text_key(d: Any) -> Unit:
        return (norm(get(d, "text")),)

    ref_sections, out_sections = as_list(get(ref, "sections")), as_list(get(out, "sections"))
    section_pairs = pair_loosely(ref_sections, out_sections, (section_unit, title_key))
    for i, section in enumerate(ref_sections):
        partner = out_sections[section_pairs[i]] if i in section_pairs else MISSING
        for key, bucket in (("actor", "section_actor"), ("notes", "notes")):
            expected = get(section, key)
            if expected is not MISSING:
                score.fields[bucket].add(_same(expected, get(partner, key)))

    ref_decisions, out_decisions = decisions_of(ref), decisions_of(out)
    decision_pairs = pair_loosely(ref_decisions, out_decisions, (decision_unit, text_key))
    for i, decision in enumerate(ref_decisions):
        partner = out_decisions[decision_pairs[i]] if i in decision_pairs else MISSING
        for key in ("actor", "actions", "attributes"):
            expected = get(decision, key)
            if expected is not MISSING:
                score.fields[key].add(_same(expected, get(partner, key)))

    expected_annexes = get(ref, "annexes")
    if expected_annexes is not MISSING:
        found_annexes = get(out, "annexes")
        titles = [(norm(get(a, "title")),) for a in as_list(expected_annexes)]
        found_titles = [(norm(get(a, "title")),) for a in as_list(found_annexes)]
        rate = score.fields["annexes"]
        if titles or found_titles:
            rate.correct += len(pair(titles, found_titles))
            rate.total += max(len(titles), len(found_titles))
        else:
            rate.add(found_annexes is not MISSING)


def score_file(reference: Path, ref: Any, path: Path, name: str) -> FileScore:
    score = FileScore(reference.stem, str(get(ref, "layout") or ""), name)
    expected_units = FileScore(reference.stem, "", name)
    score_units(ref, {}, expected_units)
    for kind, count in expected_units.units.items():
        score.units[kind].expected = count.expected
    try:
        if not path.is_file():
            raise EmgParseError(path, "no such file")
        out = parse_file(path, ParseOptions(timeout=TIMEOUT)).model_dump(mode="json")
    except EmgParseError as exc:
        score.error = " ".join(exc.message.split())
        out = {}
    except Exception as exc:  # a bug of the parser: scored 0 too, the run goes on
        score.error = f"unexpected {type(exc).__name__}: {' '.join(str(exc).split())}"
        out = {}
    if score.error is None:
        score_units(ref, out, score)
    score_header(ref, out, score)
    score_fields(ref, out, score)
    return score


def run(reference_dir: Path, samples: Path) -> list[FileScore]:
    scores = []
    for reference in sorted(reference_dir.glob("*.yaml")):
        ref = yaml.safe_load(reference.read_text(encoding="utf-8"))
        for name in as_list(get(ref, "files")):
            scores.append(score_file(reference, ref, samples / name, str(name)))
    return scores


# --------------------------------------------------------------------------- report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _found(count: UnitCount) -> str:
    extra = count.found - count.matched
    return f"{count.matched}/{count.expected}" + (f" +{extra}" if extra else "")


def summary(scores: Sequence[FileScore]) -> dict[str, Any]:
    units = UnitCount()
    fields = {k: Rate() for k in FIELD_KINDS}
    for score in scores:
        units.merge(score.total_units())
        for name, rate in score.fields.items():
            fields[name].merge(rate)
    precision, recall, f1 = prf(units)
    f1s = [prf(s.total_units())[2] if s.error is None else 0.0 for s in scores]
    return {
        "files": len(scores),
        "failed": sum(s.error is not None for s in scores),
        "mean_f1": sum(f1s) / len(f1s) if f1s else None,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fields": {k: {"correct": r.correct, "total": r.total} for k, r in fields.items()},
    }


def as_json(scores: Sequence[FileScore]) -> dict[str, Any]:
    rows = []
    for s in scores:
        precision, recall, f1 = prf(s.total_units()) if s.error is None else (0.0, 0.0, 0.0)
        rows.append(
            {
                "reference": s.reference,
                "layout": s.layout,
                "file": s.file,
                "format": s.format,
                "error": s.error,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "units": {k: vars(c) for k, c in s.units.items()},
                "fields": {k: vars(r) for k, r in s.fields.items()},
                "header": s.header,
            }
        )
    return {"files": rows, "summary": summary(scores)}


def text_table(scores: Sequence[FileScore]) -> str:
    head = ("file", "sections", "decisions", "items", "P", "R", "F1", "header", "fields")
    rows: list[tuple[str, ...]] = [head]
    notes = []
    for s in scores:
        precision, recall, f1 = prf(s.total_units()) if s.error is None else (0.0, 0.0, 0.0)
        rows.append(
            (
                s.file,
                *(_found(s.units[k]) for k in UNIT_KINDS),
                _pct(precision),
                _pct(recall),
                _pct(f1),
                _pct(s.fields["header"].value()),
                _pct(s.other_fields().value()),
            )
        )
        if s.error:
            notes.append(f"  {s.file}: {s.error}")
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]
    if notes:
        lines += ["", "failed:", *notes]
    return "\n".join(lines)


def overall_lines(scores: Sequence[FileScore]) -> list[str]:
    total = summary(scores)
    rates = ", ".join(
        f"{name} {_pct(Rate(v['correct'], v['total']).value())}"
        for name, v in total["fields"].items()
    )
    return [
        f"mean unit F1 over {total['files']} files: {_pct(total['mean_f1'])}",
        f"overall: units P {_pct(total['precision'])} R {_pct(total['recall'])} "
        f"F1 {_pct(total['f1'])}; {rates}; {total['failed']} failed",
    ]


def markdown_table(scores: Sequence[FileScore]) -> str:
    lines = [
        "| layout | format | sections | decisions | items | F1 |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    suffixes: dict[tuple[str, str], list[FileScore]] = defaultdict(list)
    for s in scores:
        suffixes[s.reference, s.format].append(s)
    previous = None
    for s in scores:
        shown = s.format
        if len(suffixes[s.reference, s.format]) > 1:  # e.g. the typed and the numbered .docx
            shown += f" ({Path(s.file).stem.rsplit('_', 1)[-1]})"
        f1 = prf(s.total_units())[2] if s.error is None else 0.0
        layout = f"`{s.reference}`: {s.layout}" if s.reference != previous else ""
        layout = layout.replace("|", "\\|")
        previous = s.reference
        cells = [_found(s.units[k]) for k in UNIT_KINDS]
        failed = " (failed)" if s.error else ""
        lines.append(f"| {layout} | {shown}{failed} | {' | '.join(cells)} | {_pct(f1)} |")
    total = summary(scores)
    lines.append(f"| **mean over {total['files']} files** | | | | | {_pct(total['mean_f1'])} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT / "tests" / "reference")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--markdown", action="store_true", help="print the README table")
    mode.add_argument("--json", action="store_true", help="print every score as JSON")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        parser.error(f"--reference {args.reference}: not a folder")
    try:
        scores = run(args.reference, args.samples)
    except (OSError, yaml.YAMLError) as exc:
        parser.error(f"cannot read a reference: {' '.join(str(exc).split())}")
    if args.json:
        report = json.dumps(as_json(scores), indent=2)
    elif args.markdown:
        report = markdown_table(scores)
    else:
        report = "\n".join([text_table(scores), "", *overall_lines(scores)])
    try:
        print(report, flush=True)
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
