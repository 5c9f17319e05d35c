"""PDF speed: whole-process ``emg-parse big.pdf -o out.json`` per engine vs ``pdftotext``.

    python bench/pdf_bench.py [--copies 22] [--repeat 7] [--keep DIR] [--no-soffice]
    python bench/pdf_bench.py --pages 2,5,10,66 [--repeat 15] [--vs OTHER_EMG_PARSE]

Builds a long outcome document by repeating the body of
``samples/EMGSOM.26_3a_typed.docx`` ``--copies`` times, each copy starting on a new
page, with a running header and a "Page N of M" footer added (22 copies of the
3-page sample: 66 pages), and converts it to PDF with LibreOffice (``soffice``).
Without LibreOffice (or with ``--no-soffice``) the PDF is drawn with
``tests/pdfgen.py`` instead, from the lines of the sample PDF, page for page.  The
same text as a .txt file (the seed, ``--copies`` times) shows what the rest of the
parser costs.  Then it times whole processes as a user runs them, start-up
included (with bytecode caching on, as for an installed package; the first run of
each command is a warm-up):

* ``pdftotext big.pdf out.txt`` when poppler's ``pdftotext`` is installed,
* ``emg-parse big.pdf -o out.json --engine E`` for each engine,
* ``emg-parse big.docx -o out.json`` and ``emg-parse big.txt -o out.json``,
* ``emg-parse --help`` (start-up alone),

and prints, best of ``--repeat`` runs (and the median), pages per second, the
ratio to ``pdftotext`` and the peak resident memory of the largest process (one
more run under GNU ``time``, when it is installed).  This
is a benchmark, not a test: it asserts nothing about time.

``--pages 2,5,10,66`` times ``emg-parse`` on the first N pages of the long document
(real outcome documents have 2 to 10), each against ``pdftotext``; with ``--vs
PROGRAM`` (another installation's ``emg-parse``) the two are run in turn, A B A B,
and the min and median of each are printed with the median of the pairwise ratio.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_DOCX = SAMPLES / "EMGSOM.26_3a_typed.docx"
SAMPLE_PDF = SAMPLES / "EMGSOM.26_3a_typed.pdf"
ENGINES = ("pdfium", "pdfplumber")


# --- the documents -----------------------------------------------------------------


def make_docx(target: Path, copies: int) -> Path:
    """The sample's body ``copies`` times, each copy starting on a new page.

    The sample with typed labels is used (copies of automatically numbered lists
    would continue each other's numbering); a running header (the symbol) and a
    "Page N of M" footer are added, as in most real outcome documents.
    """
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document(str(SAMPLE_DOCX))
    body = document.element.body
    content = [child for child in body if not child.tag.endswith("}sectPr")]
    sect_pr = body[-1] if body[-1].tag.endswith("}sectPr") else None
    for _ in range(copies - 1):
        clones = [copy.deepcopy(child) for child in content]
        first = clones[0]
        if first.tag == qn("w:p"):  # start the copy on a new page
            first.get_or_add_pPr().append(parse_xml(f"<w:pageBreakBefore {nsdecls('w')}/>"))
        for clone in clones:
            if sect_pr is not None:
                sect_pr.addprevious(clone)
            else:
                body.append(clone)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = "EMGSOM.26_3a"
    header.alignment = 2  # right
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer.add_run("Page ")
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    footer.add_run(" of ")
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    document.save(str(target))
    return target


def soffice_pdf(docx_file: Path, outdir: Path) -> Path | None:
    """Convert with LibreOffice; None when it is not installed or fails."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    str(docx_file),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (OSError, subprocess.SubprocessError):
            return None
    pdf = outdir / f"{docx_file.stem}.pdf"
    return pdf if pdf.exists() else None


def drawn_pdf(target: Path, copies: int) -> Path:
    """Without LibreOffice: redraw the sample PDF's lines with tests/pdfgen.py."""
    sys.path.insert(0, str(ROOT))
    from tests.pdfgen import Page, write_pdf

    from emg_parse.extractors.registry import extract

    lines = extract(SAMPLE_PDF).lines
    pages: list[Page] = []
    for _ in range(copies):
        for number in sorted({ln.source.page or 1 for ln in lines}):
            page = Page()
            top = 90.0
            for line in (ln for ln in lines if ln.source.page == number):
                size = line.style.size or 11.0
                top += (1.8 if line.new_block else 1.2) * size
                text = line.text.encode("cp1252", "replace").decode("cp1252")
                font = "Times-Bold" if line.style.bold else "Times-Roman"
                page.text_top(line.x or 72.0, top, text, size, font)
            page.text_top(72, 40, "EMGSOM.26_3a", 9, "Times-Roman")
            page.text_top(260, 810, f"Page {len(pages) + 1}", 9, "Times-Roman")
            pages.append(page)
    return write_pdf(target, pages)


def make_documents(folder: Path, copies: int) -> tuple[Path, Path, str]:
    """``(big.pdf, big.docx, how the PDF was made)``."""
    docx_file = make_docx(folder / "big.docx", copies)
    pdf = soffice_pdf(docx_file, folder)
    if pdf is not None:
        return pdf, docx_file, "LibreOffice"
    return drawn_pdf(folder / "big.pdf", copies), docx_file, "tests/pdfgen.py"


def page_count(pdf: Path) -> int:
    from emg_parse.extractors.pdf.pdfium import Document

    with Document(pdf) as document:
        return len(document)


def first_pages(pdf: Path, count: int, target: Path) -> Path:
    """The first ``count`` pages of ``pdf`` (pypdfium2, a dependency of pdfplumber)."""
    import pypdfium2

    source = pypdfium2.PdfDocument(str(pdf))
    copy_ = pypdfium2.PdfDocument.new()
    try:
        copy_.import_pages(source, list(range(min(count, len(source)))))
        copy_.save(str(target))
    finally:
        copy_.close()
        source.close()
    return target


def interleaved(a: list[str], b: list[str], repeat: int, env: dict[str, str]) -> list[float]:
    """``[min A, median A, min B, median B, median A/B]`` of runs taken in turn."""
    run_once(a, env)
    run_once(b, env)
    pairs = [(run_once(a, env), run_once(b, env)) for _ in range(repeat)]
    first = sorted(x for x, _ in pairs)
    second = sorted(y for _, y in pairs)
    ratios = sorted(x / y for x, y in pairs)
    middle = len(pairs) // 2
    return [first[0], first[middle], second[0], second[middle], ratios[middle]]


def page_counts(args: argparse.Namespace, pdf: Path, folder: Path, env: dict[str, str]) -> None:
    """The ``--pages`` mode (see the module docstring)."""
    emg = emg_parse_command()
    other = args.vs.split() if args.vs else ["pdftotext"]
    print(f"A = {' '.join(emg)}; B = {' '.join(other)}; {args.repeat} runs each, in turn")
    print(f"{'pages':>5} {'A min':>7} {'A med':>7} {'B min':>7} {'B med':>7} {'A/B med':>8}")
    for count in [int(n) for n in args.pages.split(",")]:
        part = first_pages(pdf, count, folder / f"first-{count}.pdf")
        a = [*emg, str(part), "-o", str(folder / "a.json")]
        if args.vs:
            b = [*other, str(part), "-o", str(folder / "b.json")]
        else:
            b = ["pdftotext", str(part), str(folder / "b.txt")]
        figures = interleaved(a, b, args.repeat, env)
        print(f"{count:>5} " + " ".join(f"{v:7.3f}" for v in figures[:4]) + f" {figures[4]:8.2f}")


def make_text(target: Path, copies: int) -> Path:
    seed = (SAMPLES / "EMGSOM.26_3a.txt").read_text(encoding="utf-8")
    target.write_text("\n\n".join([seed] * copies), encoding="utf-8")
    return target


# --- timing ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    best: float
    median: float
    peak_mb: str


def environment(cache: Path) -> dict[str, str]:
    """This environment, with compiled bytecode cached (in ``cache``, not the tree)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one process (spawned with vfork and exec: no copy of this one)."""
    program = shutil.which(cmd[0]) or cmd[0]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        pid = os.posix_spawn(
            program,
            cmd,
            env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_DUP2, errors.fileno(), 2),
            ],
        )
        _pid, status = os.waitpid(pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {message}")
    return seconds


def peak_memory(cmd: list[str], env: dict[str, str]) -> str:
    """Peak resident memory in MB of the command's largest process, as GNU time reports it.

    Linux keeps a process's peak across exec, so measuring from this (large) Python
    process would report at least its own size; GNU time is small.
    """
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if gnu_time is None:
        return "-"
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        result = subprocess.run(
            [gnu_time, "-f", "%M", "-o", report.name, *cmd],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        value = report.read().strip().splitlines()
    if result.returncode != 0 or not value or not value[-1].isdigit():
        return "-"
    return f"{int(value[-1]) / 1024:.0f}"


def timed(cmd: list[str], repeat: int, env: dict[str, str]) -> Timing:
    run_once(cmd, env)  # warm-up: bytecode compiled, files in the page cache
    seconds = sorted(run_once(cmd, env) for _ in range(repeat))
    return Timing(seconds[0], seconds[len(seconds) // 2], peak_memory(cmd, env))


def emg_parse_command() -> list[str]:
    script = Path(sys.executable).with_name("emg-parse")
    return [str(script)] if script.exists() else [sys.executable, "-m", "emg_parse"]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--copies", type=int, default=22, help="copies of the 3-page sample")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per command")
    parser.add_argument("--keep", type=Path, help="build the documents in this folder, keep them")
    parser.add_argument(
        "--no-soffice", action="store_true", help="draw the PDF with tests/pdfgen.py"
    )
    parser.add_argument("--pages", help="time the first N pages, e.g. 2,5,10,66")
    parser.add_argument("--vs", help="with --pages: another emg-parse program to run in turn")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        env = environment(Path(tmp) / "pycache")
        if args.no_soffice:
            docx_file = make_docx(folder / "big.docx", args.copies)
            pdf, how = drawn_pdf(folder / "big.pdf", args.copies), "tests/pdfgen.py"
        else:
            pdf, docx_file, how = make_documents(folder, args.copies)
        if args.pages:
            page_counts(args, pdf, folder, env)
            return
        text_file = make_text(folder / "big.txt", args.copies)
        pages = page_count(pdf)
        out = str(folder / "out.json")
        emg = emg_parse_command()

        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
        )
        print(
            f"document: {pages} pages, {pdf.stat().st_size / 1e6:.2f} MB (PDF by {how}); "
            f"best and median of {args.repeat} whole-process runs"
        )
        rows: list[tuple[str, Timing]] = []
        poppler = shutil.which("pdftotext")
        if poppler:
            cmd = [poppler, str(pdf), str(folder / "out.txt")]
            rows.append(("pdftotext big.pdf", timed(cmd, args.repeat, env)))
        for engine in ENGINES:
            cmd = [*emg, str(pdf), "-o", out, "--engine", engine]
            rows.append((f"emg-parse --engine {engine}", timed(cmd, args.repeat, env)))
        others = [
            ("emg-parse big.docx", timed([*emg, str(docx_file), "-o", out], args.repeat, env)),
            ("emg-parse big.txt", timed([*emg, str(text_file), "-o", out], args.repeat, env)),
            ("emg-parse --help", timed([*emg, "--help"], args.repeat, env)),
        ]

        reference = rows[0][1].best if poppler else None
        print(
            f"{'command':<28} {'best s':>7} {'median s':>9} {'pages/s':>8} "
            f"{'x pdftotext':>12} {'peak MB':>8}"
        )
        for name, t in rows + others:
            speed = f"{pages / t.best:8.0f}" if "help" not in name else f"{'':>8}"
            ratio = f"{t.best / reference:12.1f}" if reference else f"{'-':>12}"
            print(f"{name:<28} {t.best:7.3f} {t.median:9.3f} {speed} {ratio} {t.peak_mb:>8}")
        if not poppler:
            print("(pdftotext is not installed: no ratio)")


if __name__ == "__main__":
    main()
