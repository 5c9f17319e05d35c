"""The two PDF engines give the same output; the pdfium engine's own machinery.

* Every sample PDF, layout-test PDF and generated test PDF parses to the same lines (text,
  provenance, style, ``new_block``, cell; ``x`` to within a fraction of a point) and
  the same :class:`~emg_parse.model.OutcomeDocument` with ``engine="pdfium"`` and
  ``engine="pdfplumber"``.
* The fast fake-bold check (:func:`~emg_parse.extractors.pdf.dedupe.dedupe_page`)
  equals the reference de-duplication.
* Reading in a child process (:func:`~emg_parse.extractors.reader.read_pages`)
  gives what reading in this process gives, and the child is always reaped.
* pdfium documents, pages and text pages are always closed.
* ``emg-parse --help`` imports none of the PDF libraries.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emg_parse import limits
from emg_parse.cli import main
from emg_parse.engines import PDF_ENGINES
from emg_parse.errors import InputError, ParseTimeoutError
from emg_parse.extractors import ReadOptions
from emg_parse.extractors.pdf import assembly, columns, extractor, pdfium, reader
from emg_parse.extractors.pdf.dedupe import dedupe_glyphs, dedupe_page
from emg_parse.extractors.pdf.extractor import PdfExtractor
from emg_parse.extractors.pdf.objects import Glyph, PageGlyphs
from emg_parse.extractors.pdf.params import DEFAULT_PARAMS
from emg_parse.limits import can_fork
from emg_parse.lines import Extraction
from emg_parse.pipeline import ParseOptions, parse_file

from .conftest import SAMPLES
from .pdfgen import Page, Span, build_pdf
from .test_pdf_extractor import (
    ENGINES,
    Reader,
    body_page,
    bordered_table_page,
    header_table_page,
    texts,
)

DOCUMENTS = Path(__file__).resolve().parent / "documents"
#: The samples and the layout-test documents (LibreOffice PDFs).
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(DOCUMENTS.glob("*.pdf"))
SEED = SAMPLES / "EMGSOM.26_3a.txt"

#: Glyph edges may differ by this much (points): pdfium's box takes in the ink of a
#: glyph that overhangs its advance width (an italic "I"), pdfminer's does not.
X_TOLERANCE = 0.5


def write_pdf(path: Path, pages: list[Page], **kw: Any) -> Path:
    """pdfgen's PDF without its ``/Widths``: both readers then use the standard fonts'
    own metrics.  (pdfgen's widths are rough guesses; pdfium places glyphs with them,
    as the PDF specification says, but pdfminer ignores ``/Widths`` for the 14
    standard fonts -- so with them the engines see different positions.  Real
    documents embed their fonts, whose widths both readers take from ``/Widths``.)
    The references are blanked out with spaces, so the cross-reference offsets hold.
    """
    data = re.sub(rb"/Widths \d+ 0 R", lambda m: b" " * len(m.group(0)), build_pdf(pages, **kw))
    path.write_bytes(data)
    return path


def lines_of(ex: Extraction) -> list[tuple[Any, ...]]:
    return [(ln.text, ln.source, ln.style, ln.new_block, ln.cell) for ln in ex.lines]


def assert_same_extraction(path: Path) -> None:
    ours = Reader("pdfium").convert(path)
    theirs = Reader("pdfplumber").convert(path)
    assert ours.pages == theirs.pages
    assert lines_of(ours) == lines_of(theirs)
    for a, b in zip(ours.lines, theirs.lines, strict=True):
        assert a.x == pytest.approx(b.x, abs=X_TOLERANCE), (a, b)


# --- samples -----------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLE_PDFS, ids=lambda p: p.name)
def test_samples_parse_identically(sample: Path) -> None:
    assert_same_extraction(sample)
    ours = parse_file(sample, ParseOptions(ReadOptions(engine="pdfium")))
    assert ours == parse_file(sample, ParseOptions(ReadOptions(engine="pdfplumber")))


# --- generated documents -----------------------------------------------------------


def seed_paragraphs() -> list[tuple[str, str, str]]:
    """``(kind, label, text)`` of the seed's body: "heading", "item" or "para"."""
    out: list[tuple[str, str, str]] = []
    started = False
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"<[^>]+>", "", raw).replace("\t", " ").strip()
        if line.startswith("## Summary"):
            started = True
            continue
        if not started or not line.strip("- "):
            continue
        line = line.encode("cp1252", "replace").decode("cp1252")
        if line.startswith("#"):
            label, _, title = line.replace("*", "").strip("# ").partition(" ")
            out.append(("heading", label, title))
        elif line.startswith("- "):
            label, _, text = line[2:].partition(" ")
            out.append(("item", label, text))
        else:
            out.append(("para", "", line))
    return out


def outcome_pages(copies: int = 1) -> list[Page]:
    """The seed outcome document drawn with pdfgen, ``copies`` times over: a header
    table with a superscript ordinal, labels followed by tab-wide gaps, bold headings,
    wrapped lines, a running header and a "Page N of M" footer."""
    pages: list[Page] = []
    for _ in range(copies):
        page = header_table_page()  # title block and "The Senior Officials:" (top 230)
        pages.append(page)
        top = 262.0
        for kind, label, text in seed_paragraphs():
            font = "Helvetica-Bold" if kind == "heading" else "Helvetica"
            x = 72.0 if kind == "para" else 108.0
            chunks = textwrap.wrap(text, 78 if x > 72 else 84) or [""]
            if top + 14 * len(chunks) > 770:
                page = Page()
                pages.append(page)
                top = 90.0
            if label:
                page.text_top(72, top, label, font=font)
            for chunk in chunks:
                page.text_top(x, top, chunk, font=font)
                top += 14.0
            top += 6.0 if kind != "heading" else 10.0
    for number, page in enumerate(pages, start=1):
        page.text_top(450, 40, "EMGSOM.26_3a", 9)
        page.text_top(270, 810, f"Page {number} of {len(pages)}", 9)
    return pages


def fake_bold_and_ligatures() -> list[Page]:
    page = Page()
    page.text(72, 760, "Summary of Action Points", 16, "Helvetica", fake_bold=0.3)
    page.text(72, 730, "the \ufb01nal \ufb02ow of o\ufb03cial work", font="Times-Roman")
    page.spans(72, 700, Span("26"), Span("th", 7, rise=4), Span(" Senior Officials Meeting"))
    page.spans(72, 686, Span("footnote"), Span("1", 7, rise=4), Span(" text"))
    page.text(72, 660, "Bold heading", 12, "Helvetica-Bold")
    page.text(72, 640, "Italic words", 11, "Times-Italic")
    page.text(72, 620, "follow up on the above-")
    page.text(72, 607, "mentioned report")
    return [page]


def tables_and_rules() -> list[Page]:
    page = bordered_table_page()
    page.rect(72, page.height - 240, 450, 0.75)
    for i, text in enumerate(["first paragraph line", "second line", "after the rule"]):
        page.text_top(72, 200 + 26 * i, text)
    page.text_top(72, 300, "Left cell text")
    page.text_top(300, 300, "Right cell")
    page.text_top(72, 313, "A long left cell line reaching")
    page.text_top(300, 313, "right column")
    return [page]


def running_text() -> list[Page]:
    pages = []
    for n in range(1, 4):
        page = body_page([f"Body text of page {n}, first line", "second line of the body"])
        page.text_top(450, 40, "EMGSOM.26_3a", 10)
        page.text_top(270, 800, f"Page {n} of 3", 9)
        page.text_top(72, 790, "1", 9)
        page.text_top(100, 790, "See the report of the EMG.", 9)
        pages.append(page)
    return pages


def turned_pages() -> list[Page]:
    """Pages turned by ``/Rotate`` (read as a viewer shows them), and text drawn
    turned a quarter on an upright page (left out: not upright)."""
    pages = []
    for rotate in (90, 180, 270):
        page = body_page([f"I. Turned {rotate}", "The Senior Officials:", "a) Welcome it."])
        page.rotate = rotate
        page.rect(72, 500, 300, 0.75)
        pages.append(page)
    page = body_page(["I. Upright", "The Senior Officials:"])
    page.text(560, 300, "Draft, written upwards in the margin", turned=True)
    pages.append(page)
    return pages


GENERATED: dict[str, Callable[[], list[Page]]] = {
    "outcome": outcome_pages,
    "outcome-8-copies": lambda: outcome_pages(8),  # long enough to be read by a child
    "fake-bold-ligatures-superscripts": fake_bold_and_ligatures,
    "tables-and-rules": tables_and_rules,
    "running-text": running_text,
    "header-table": lambda: [header_table_page()],
    "turned": turned_pages,
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_documents_parse_identically(name: str, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / f"{name}.pdf", GENERATED[name]())
    assert_same_extraction(path)


@pytest.mark.parametrize("copies", [1, 8])
def test_generated_outcome_documents_give_equal_models(copies: int, tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "outcome.pdf", outcome_pages(copies))
    ours = parse_file(path, ParseOptions(ReadOptions(engine="pdfium")))
    assert ours == parse_file(path, ParseOptions(ReadOptions(engine="pdfplumber")))
    assert ours.source.pages == len(outcome_pages(copies))
    assert len(ours.sections) >= 12 * copies


# --- the fast fake-bold check equals the reference -----------------------------------


def _glyph(text: str, x: float, top: float, size: float, font: str) -> Glyph:
    return Glyph(text, x, x + 0.55 * size, top, top + size, size, font)


@given(
    st.lists(
        st.tuples(
            st.sampled_from("aab l."),
            st.integers(0, 60),  # x in half points
            st.sampled_from([100.0, 100.4, 101.5, 130.0]),
            st.sampled_from([5.0, 10.0]),
            st.sampled_from(["F", "F-Bold"]),
            st.sampled_from([0.0, 0.2, 0.6, 1.2]),  # a shifted copy drawn after it, if > 0
        ),
        max_size=40,
    )
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_dedupe_page_equals_reference(
    spec: list[tuple[str, int, float, float, str, float]],
) -> None:
    glyphs: list[Glyph] = []
    for text, x, top, size, font, shift in spec:
        glyphs.append(_glyph(text, x / 2, top, size, font))
        if shift:
            glyphs.append(_glyph(text, x / 2 + shift, top + shift / 3, size, font))
    page = PageGlyphs.from_glyphs(glyphs)
    assert dedupe_page(page, DEFAULT_PARAMS).glyphs() == dedupe_glyphs(glyphs, DEFAULT_PARAMS)


# --- reading in a child process ------------------------------------------------------


@pytest.fixture
def long_pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "long.pdf", outcome_pages(4))


def children() -> set[int]:
    """Pids of this process's live (or unreaped) children."""
    try:
        tasks = Path(f"/proc/{os.getpid()}/task")
        found: set[int] = set()
        for task in tasks.iterdir():
            found.update(int(c) for c in (task / "children").read_text().split())
        return found
    except OSError:  # pragma: no cover - not Linux
        return set()


needs_fork = pytest.mark.skipif(not can_fork(), reason="reads in one process here")
ISOLATED = ReadOptions(isolated=True)


def run_all(path: Path, task: reader.PageTask[Any]) -> list[Any]:
    """Every page's result of ``task`` in a :class:`~reader.PageRun`, which is closed after."""
    run = reader.PageRun(path, None, task)
    try:
        return list(run.results())
    finally:
        run.close()


@needs_fork
@pytest.mark.parametrize("cpus", [1, 3])
def test_the_isolated_reader_reads_what_this_process_reads(
    cpus: int, long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(reader, "GROW_MIN_PAGES", 1)
    before = children()
    isolated = PdfExtractor().convert(long_pdf, ISOLATED)
    assert isolated == PdfExtractor().convert(long_pdf)
    assert children() == before


def alternating_pages(count: int = 6) -> list[Page]:
    """Pages on which the running text cannot be guessed from the page before: odd
    and even pages have different running headers (each on half the pages: running
    text), and "Annex" at the bottom of every page is as common in the bodies (body
    text)."""
    pages = []
    for n in range(count):
        page = body_page(["I. Task Team", f"Text of page {n + 1}", "Annex"])
        page.text_top(72, 40, "Odd page header" if n % 2 == 0 else "Even page header", 10)
        page.text_top(72, 810, "Annex", 9)
        pages.append(page)
    return pages


def laid_out_pages(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Extraction, int]:
    """The document read in this process, and how many pages were laid out to read it."""
    real = columns.layout_page
    calls = []

    def layout_page(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr("emg_parse.extractors.pdf.assembly.layout_page", layout_page)
        return PdfExtractor().convert(path), len(calls)


def no_pdfium_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium cannot be loaded in this process (a forked worker loads it as usual)."""
    real, parent = pdfium.pdfium, os.getpid()

    def only_in_workers() -> pdfium.Pdfium:
        if os.getpid() == parent:
            raise OSError("pdfium is not to be loaded in the calling process")
        return real()

    monkeypatch.setattr(pdfium, "pdfium", only_in_workers)


@needs_fork
@pytest.mark.parametrize("cpus", [1, 3])
def test_pages_guessed_wrong_are_laid_out_again_in_the_isolated_reader(
    cpus: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_pdf(tmp_path / "alternating.pdf", alternating_pages())
    here, laid_out = laid_out_pages(path, monkeypatch)
    assert laid_out == 2 * 6  # every guess was wrong
    assert [line.text for line in here.lines][:4] == [
        "I. Task Team",
        "Text of page 1",
        "Annex",
        "Annex",
    ]
    assert not any("header" in line.text for line in here.lines)
    monkeypatch.setattr(reader, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(reader, "GROW_MIN_PAGES", 1)
    with monkeypatch.context() as patched:
        no_pdfium_here(patched)
        before = children()
        assert PdfExtractor().convert(path, ISOLATED) == here
        assert children() == before
        # the command line, which reads through the isolated reader
        result = CliRunner().invoke(main, [str(path), "--dump", "lines"])
        assert (result.exit_code, result.stderr) == (0, "")
        assert [line["text"] for line in json.loads(result.stdout)] == texts(here)


@needs_fork
def test_pages_are_laid_out_again_here_when_this_process_can_no_longer_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_pdf(tmp_path / "alternating.pdf", alternating_pages())
    before = children()
    with PdfExtractor().start(path, ISOLATED) as reading:
        monkeypatch.setattr(extractor, "can_fork", lambda: False)  # a thread was started
        result = reading.result()
    assert result == PdfExtractor().convert(path)
    assert children() == before


@needs_fork
def test_abandoned_read_kills_and_reaps_the_child(long_pdf: Path) -> None:
    before = children()
    with PdfExtractor().start(long_pdf, ISOLATED):
        assert children() != before
    assert children() == before


@needs_fork
def test_timeout_while_reading_reaps_the_child(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = assembly._Pages.take
    calls = []

    def take(self: Any, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:  # as the --timeout alarm would, in the middle of the pages
            raise ParseTimeoutError(long_pdf, "stopped")
        real(self, *args)

    monkeypatch.setattr(assembly._Pages, "take", take)
    before = children()
    with pytest.raises(ParseTimeoutError):
        PdfExtractor().convert(long_pdf, ISOLATED)
    assert children() == before


@needs_fork
def test_crash_of_the_reader_is_a_damaged_file(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: Any) -> None:
        os._exit(11)  # what a segfault in pdfium would look like from here

    monkeypatch.setattr(reader, "_child", crash)
    before = children()
    with pytest.raises(InputError):
        PdfExtractor().convert(long_pdf, ISOLATED)
    assert children() == before


def whose_pages(slow_worker_delay: float = 0.0) -> reader.PageTask[tuple[int, int, bool]]:
    """A task that gives ``(page, pid, slow)``: a worker whose first page is page 0 is
    slow, as if another program had its CPU: it waits ``slow_worker_delay`` seconds
    before each page."""

    def task(document: pdfium.Document, pages: Iterator[int]) -> Iterator[tuple[int, int, bool]]:
        slow: bool | None = None
        for index in pages:
            if slow is None:
                slow = index == 0
            if slow:
                time.sleep(slow_worker_delay)
            yield index, os.getpid(), slow

    return task


@needs_fork
def test_workers_take_every_page_once_in_order(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "usable_cpus", lambda: 3)
    monkeypatch.setattr(reader, "GROW_MIN_PAGES", 1)
    pages = len(pdfium.Document(long_pdf))
    results = run_all(long_pdf, whose_pages())
    assert [index for index, _pid, _slow in results] == list(range(pages))
    assert os.getpid() not in {pid for _index, pid, _slow in results}


@needs_fork
def test_a_short_document_is_read_by_one_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "usable_cpus", lambda: 4)
    short = write_pdf(tmp_path / "short.pdf", outcome_pages(1))
    assert len(pdfium.Document(short)) < reader.GROW_MIN_PAGES
    results = run_all(short, whose_pages())
    assert len({pid for _index, pid, _slow in results}) == 1


@needs_fork
def test_a_slow_worker_takes_fewer_pages(long_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pages are taken one at a time, not shared out in advance: while the first
    # worker, which took page 0, waits, the one that joins it takes the rest
    monkeypatch.setattr(reader, "usable_cpus", lambda: 2)
    monkeypatch.setattr(reader, "GROW_MIN_PAGES", 1)
    pages = len(pdfium.Document(long_pdf))
    results = run_all(long_pdf, whose_pages(slow_worker_delay=0.5))
    assert [index for index, _pid, _slow in results] == list(range(pages))
    assert sum(slow for _index, _pid, slow in results) <= 2 < pages


@needs_fork
def test_pages_a_worker_failed_on_are_done_here(long_pdf: Path) -> None:
    # a bug (not pdfium) in a worker: this process does that worker's pages itself
    parent = os.getpid()

    def task(document: pdfium.Document, pages: Iterator[int]) -> Iterator[int]:
        for index in pages:
            if index == 3 and os.getpid() != parent:
                raise ZeroDivisionError("a bug")
            yield index

    before = children()
    assert run_all(long_pdf, task) == list(range(len(pdfium.Document(long_pdf))))
    assert children() == before


@needs_fork
def test_memory_error_in_a_worker_is_not_redone_here(long_pdf: Path) -> None:
    # this process has no memory limit: a page that exhausted a worker's stays failed
    parent = os.getpid()

    def task(document: pdfium.Document, pages: Iterator[int]) -> Iterator[int]:
        for index in pages:
            if index == 3:
                assert os.getpid() != parent, "redone without the limit"
                raise MemoryError
            yield index

    before = children()
    with pytest.raises(pdfium.PdfiumError) as caught:
        run_all(long_pdf, task)
    assert caught.value.code == pdfium.ERR_MEMORY
    assert children() == before


@needs_fork
def test_a_bug_in_the_task_is_raised_here(long_pdf: Path) -> None:
    def task(document: pdfium.Document, pages: Iterator[int]) -> Iterator[int]:
        for index in pages:
            if index == 3:
                raise ZeroDivisionError("a bug")
            yield index

    before = children()
    with pytest.raises(ZeroDivisionError, match="a bug"):
        run_all(long_pdf, task)
    assert children() == before


def bomb_pdf(path: Path) -> Path:
    """An outcome page whose content stream inflates to 256 MB (a 250 KB file)."""
    page = Page(padding=256 << 20)
    for n, text in enumerate(["I. Task Team", "The Senior Officials:", "a) Welcome the report."]):
        page.text_top(72, 100 + 20 * n, text)
    return write_pdf(path, [page])


@needs_fork
def test_decompression_bomb_is_stopped_by_the_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "READER_MEMORY", 64 << 20)
    monkeypatch.setattr(reader, "READER_MEMORY", 64 << 20)
    monkeypatch.setattr(extractor, "READER_MEMORY", 64 << 20)
    bomb = bomb_pdf(tmp_path / "bomb.pdf")
    before = children()
    with pytest.raises(InputError) as caught:
        PdfExtractor().convert(bomb, ISOLATED)
    assert caught.value.one_line() == (
        f"{bomb}: needs more than 64 MB of memory to read (damaged, or built to exhaust "
        "memory); re-export or re-download it"
    )
    assert children() == before


# --- pdfium handles are closed ---------------------------------------------------------


class Counting:
    """Counts pdfium's open and close calls by wrapping the library's functions."""

    PAIRS = (
        ("load_document", "close_document"),
        ("load_page", "close_page"),
        ("load_text", "close_text"),
    )

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: dict[str, int] = {}
        api = pdfium.pdfium()
        for load, close in self.PAIRS:
            for name in (load, close):
                real = getattr(api, name)
                monkeypatch.setattr(api, name, self._wrap(name, real))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            result = real(*args)
            if not name.startswith("load") or result:
                self.opened[name] = self.opened.get(name, 0) + 1
            return result

        return call

    def balanced(self) -> bool:
        return all(
            self.opened.get(load, 0) == self.opened.get(close, 0) for load, close in self.PAIRS
        )


def test_documents_and_pages_are_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # read in this process, where the calls can be counted
    counting = Counting(monkeypatch)
    extractor = Reader("pdfium")
    extractor.convert(write_pdf(tmp_path / "ok.pdf", running_text()))
    empty = Page()
    empty.rect(10, 10, 10, 10)
    with pytest.raises(Exception, match="no text layer"):
        extractor.convert(write_pdf(tmp_path / "empty.pdf", [empty, Page(), Page()]))
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(build_pdf(running_text(), user_password="secret"))
    with pytest.raises(Exception, match="encrypted"):
        extractor.convert(locked)
    assert counting.opened.get("load_document", 0) >= 2
    assert counting.balanced(), counting.opened


# --- start-up ------------------------------------------------------------------------


def imported_by(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}


HEAVY = {"pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "lxml", "docx", "pydantic"}


def test_help_imports_no_pdf_library() -> None:
    modules = imported_by(
        "import sys; sys.argv = ['emg-parse', '--help']\n"
        "from emg_parse.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "emg_parse.cli" in modules
    assert not {m.split(".")[0] for m in modules} & HEAVY


def test_pdf_extractor_module_imports_no_pdf_library() -> None:
    modules = imported_by(
        "import emg_parse.extractors.pdf.extractor, emg_parse.extractors.pdf.pdfium"
    )
    assert not {m.split(".")[0] for m in modules} & HEAVY


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_engine_option(engine: str, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    sample = SAMPLES / "EMGSOM.26_3a_typed.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "emg_parse", str(sample), "-o", str(out), "--engine", engine],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '"symbol": "EMGSOM.26_3a"' in out.read_text(encoding="utf-8")


def test_the_engine_option_offers_the_engines_of_the_pdf_package() -> None:
    from emg_parse.cli.parse import parse

    option = next(p for p in parse.params if p.name == "engine")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == PDF_ENGINES
    assert option.default == ReadOptions().engine


@needs_fork
def test_reader_dies_with_its_parent(long_pdf: Path, tmp_path: Path) -> None:
    # a process that starts a read and is killed (as `emg-parse batch` kills a worker
    # that runs over its time) leaves no reader behind
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from emg_parse.extractors.pdf import reader\n"
        "def slow(document, pages):\n"
        "    time.sleep(60)\n"
        "    yield from ()\n"
        "run = reader.PageRun(Path(sys.argv[1]), None, slow)\n"
        "print(os.getpid(), flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(long_pdf)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    pid = int(proc.stdout.readline())
    reader = None
    for _ in range(100):
        try:
            found = (Path(f"/proc/{pid}/task/{pid}/children")).read_text().split()
        except OSError:
            break
        if found:
            reader = int(found[0])
            break
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert reader is not None
    for _ in range(100):
        if not Path(f"/proc/{reader}").exists() or "Z" in _state(reader):
            break
        time.sleep(0.02)
    else:
        pytest.fail(f"reader {reader} outlived its parent")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "gone"
