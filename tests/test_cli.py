"""The command line: every command, every error path, exact messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from emg_parse import __version__, limits
from emg_parse.cli import EXIT_CODES, main
from emg_parse.extractors.pdf import extractor, reader
from emg_parse.limits import can_fork
from emg_parse.model import SCHEMA_VERSION

from .conftest import SAMPLES
from .pdfgen import Page, write_pdf

TXT = SAMPLES / "EMGSOM.26_3a.txt"
PDF = SAMPLES / "EMGSOM.26_3a_autonum.pdf"
DOCX = SAMPLES / "EMGSOM.26_3a_autonum.docx"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, AssertionError)
    return result.exit_code, result.stdout, result.stderr


def outcome_pdf(path: Path, password: str | None = None) -> Path:
    page = Page()
    for n, text in enumerate(["I. Task Team", "The Senior Officials:", "a) Welcome the report."]):
        page.text_top(72, 100 + 20 * n, text)
    return write_pdf(path, [page], user_password=password)


def test_default_command_writes_json_to_stdout() -> None:
    code, out, err = run(str(TXT))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["document"]["symbol"] == "EMGSOM.26_3a"
    assert len(data["sections"]) == 12


def test_parse_command_name_is_optional() -> None:
    assert run("parse", str(TXT))[1] == run(str(TXT))[1]


@pytest.mark.parametrize("sample", [PDF, DOCX], ids=["pdf", "docx"])
def test_output_file_format_from_extension(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    code, stdout, _ = run(str(sample), "-o", str(out))
    assert (code, stdout) == (0, "")
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["source"]["format"] == sample.suffix[1:]
    assert data["sections"][3]["decisions"][0]["items"][1]["label"] == "b"


def test_format_option_overrides_extension(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert run(str(TXT), "-o", str(out), "--format", "yaml")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"schema_version: '{SCHEMA_VERSION}'\n")


def test_dump_lines_and_blocks() -> None:
    code, out, _ = run(str(TXT), "--dump", "lines")
    lines = json.loads(out)
    assert code == 0 and lines[0]["text"] == "UNITED NATIONS" and lines[0]["source"]["line"] == 5
    blocks = json.loads(run(str(TXT), "--dump", "blocks")[1])
    assert [b["text"] for b in blocks[9:11]] == [
        "I. Consultative Process on Biodiversity",
        "The Senior Officials:",
    ]


def test_schema_command(tmp_path: Path) -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "OutcomeDocument"
    assert run("schema", "-o", str(tmp_path / "s.json"))[0] == 0
    assert json.loads((tmp_path / "s.json").read_text()) == json.loads(out)


def test_help_lists_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for number, meaning in EXIT_CODES.items():
        assert f"{number:<3}  {meaning}" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("emg-parse, version ")


def test_usage_error_is_exit_2() -> None:
    code, _, err = run(str(TXT), "--format", "xml")
    assert code == 2 and "Invalid value for '-f' / '--format'" in err


def test_encrypted_pdf_needs_and_accepts_a_password(tmp_path: Path) -> None:
    path = outcome_pdf(tmp_path / "locked.pdf", password="secret")
    code, out, err = run(str(path))
    assert (code, out) == (5, "")
    assert err == (
        f"Error: {path}: encrypted PDF; give its password: --password (asks for it) or "
        "EMG_PARSE_PASSWORD\n"
    )
    code, out, _ = run(str(path), "--password", "secret")
    assert code == 0 and json.loads(out)["sections"][0]["title"] == "Task Team"


def _garbage(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ERROR_CASES = {
    "missing": (None, 3, "no such file"),
    "empty": (b"", 3, "empty file (0 bytes); nothing to parse"),
    "truncated.pdf": (
        PDF.read_bytes()[:1500],
        3,
        "not a readable PDF (damaged or incomplete); re-export or re-download it",
    ),
    "old.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        4,
        "an old binary Word .doc (or a password-protected Office file); "
        "convert it to .docx first, e.g. 'soffice --headless --convert-to docx FILE'",
    ),
    "random.pdf": (
        bytes(range(256)) * 8,
        3,
        "not a readable PDF (damaged or incomplete); re-export or re-download it",
    ),
    "notzip.docx": (
        bytes(range(256)) * 8,
        4,
        "not a Word document (not a ZIP package: damaged, or another format renamed)",
    ),
    "random.bin": (
        bytes(range(256)) * 8,
        4,
        "not a PDF, Word (.docx) or text file; convert it to PDF or .docx first",
    ),
    "prose.txt": (
        b"Minutes of a meeting.\n\nNothing was decided.\n",
        8,
        "no sections found (no 'I. Title' headings or 'The Senior Officials:' lines): "
        "is this an EMG outcome document?",
    ),
}


@pytest.mark.parametrize("name", sorted(ERROR_CASES))
def test_error_is_one_line_with_exit_code_and_no_output(name: str, tmp_path: Path) -> None:
    data, expected_code, message = ERROR_CASES[name]
    path = tmp_path / name if data is None else _garbage(tmp_path, name, data)
    out = tmp_path / "out.json"
    out.write_text("previous result")
    code, stdout, err = run(str(path), "-o", str(out))
    assert (code, stdout) == (expected_code, "")
    assert err == f"Error: {path}: {message}\n"
    assert out.read_text() == "previous result"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    code, _, err = run(str(path))
    assert code == 4
    assert err.startswith(f"Error: {path}: ") and "not a Word document" in err
    assert err.count("\n") == 1


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    page = Page()
    page.rect(50, 50, 400, 600)
    path = write_pdf(tmp_path / "scan.pdf", [page])
    code, _, err = run(str(path))
    assert code == 6
    assert err == (
        f"Error: {path}: no text layer (scanned image?); run OCR first, "
        "e.g. 'ocrmypdf in.pdf out.pdf'\n"
    )


def test_size_limit(tmp_path: Path) -> None:
    code, _, err = run(str(TXT), "--max-size", "0.001")
    assert code == 7
    assert err == (
        f"Error: {TXT}: too large (0.0 MB > limit 0 MB); raise the limit with --max-size "
        "if it really is an outcome document\n"
    )


def test_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 3
    assert err == f"Error: {tmp_path}: is a folder; use 'emg-parse batch' for folders\n"


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(str(TXT), "-o", str(blocker / "out.json"))
    assert code == 9
    assert err.startswith(f"Error: {blocker / 'out.json'}: cannot write (")


def test_misnamed_file_is_parsed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "outcome.pdf"
    path.write_bytes(TXT.read_bytes())
    code, out, _ = run(str(path))
    data = json.loads(out)
    assert code == 0 and data["source"]["format"] == "text"
    assert data["warnings"] == [
        {
            "code": "misnamed_file",
            "message": "named '.pdf' but read as text",
            "where": {"page": None, "line": None, "paragraph": None},
        }
    ]


def test_no_traceback_on_any_error(tmp_path: Path) -> None:
    path = _garbage(tmp_path, "x.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4)
    code, _, err = run(str(path))
    assert code == 3 and "Traceback" not in err and err.count("\n") == 1


def test_a_hanging_parse_is_stopped_by_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emg_parse.segmenter

    def hang(*args: object) -> None:
        while True:
            pass

    monkeypatch.setattr(emg_parse.segmenter, "segment", hang)
    out = tmp_path / "out.json"
    code, stdout, err = run(str(TXT), "--timeout", "0.3", "-o", str(out))
    assert (code, stdout) == (10, "")
    assert err == (
        f"Error: {TXT}: stopped after 0.3 s: the document may be damaged; re-export it, "
        "or raise the limit with --timeout\n"
    )
    assert not out.exists()


def test_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os

    out = tmp_path / "out.json"
    assert run(str(TXT), "-o", str(out))[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


# --- the console command: main(), then a quick exit -------------------------------------


def command(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """``emg-parse ARGS`` as the installed console script runs it (``cli.run``)."""
    script = f"{prelude}\nfrom emg_parse.cli import run\nrun()"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60
    )


def test_console_command_flushes_the_whole_output() -> None:
    result = command(str(PDF))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == run(str(PDF))[1]
    assert len(json.loads(result.stdout)["sections"]) == 12


def test_console_command_keeps_the_exit_code_and_message(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    result = command(str(missing))
    assert result.returncode == 3
    assert result.stderr == f"Error: {missing}: no such file\n"
    assert command("--no-such-option").returncode == 2


def test_console_command_runs_exit_handlers() -> None:
    # a handler registered while the command runs (as a library would)
    prelude = (
        "import atexit, emg_parse.cli\n"
        "real = emg_parse.cli.main\n"
        "def main(*args, **kwargs):\n"
        "    atexit.register(print, 'handler ran')\n"
        "    return real(*args, **kwargs)\n"
        "emg_parse.cli.main = main"
    )
    result = command("--version", prelude=prelude)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "handler ran"


def test_python_dash_m_is_the_console_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emg_parse", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, f"emg-parse, version {__version__}\n")


@pytest.mark.skipif(not can_fork(), reason="pages are read in this process here")
@pytest.mark.parametrize("cpus", [1, 2])
def test_decompression_bomb_is_a_one_line_error(
    cpus: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)))
    monkeypatch.setattr(limits, "READER_MEMORY", 64 << 20)
    monkeypatch.setattr(reader, "READER_MEMORY", 64 << 20)
    monkeypatch.setattr(extractor, "READER_MEMORY", 64 << 20)
    monkeypatch.setattr(sys.modules["emg_parse.cli.parse"], "READER_MEMORY", 64 << 20)
    page = Page(padding=256 << 20)  # the content stream inflates to 256 MB
    page.text_top(72, 100, "I. Task Team")
    bomb = write_pdf(tmp_path / "bomb.pdf", [page])
    out = tmp_path / "out.json"
    assert run(str(bomb), "-o", str(out)) == (
        3,
        "",
        f"Error: {bomb}: needs more than 64 MB of memory to read (damaged, or built to exhaust "
        "memory); re-export or re-download it\n",
    )
    assert not out.exists()


def test_an_unexpected_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    # a bug anywhere in a command: no traceback, and never the status of a success
    program = (
        "import emg_parse.pipeline as pipeline\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('broken')\n"
        "pipeline.parse_file = broken\n"
        "from emg_parse.cli import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(SAMPLES / "EMGSOM.26_3a.txt"), "-o", "x.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"Error: {EXIT_CODES[1]}: RuntimeError('broken')\n")
