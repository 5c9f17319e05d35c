"""Hostile and odd inputs and output targets of ``parse`` and ``validate``.

Every case ends with the documented exit code and one line on stderr (no
traceback), and changes nothing on disk but the output asked for.  Devices are made
with ``os.mknod`` inside ``tmp_path`` (the tests run as root, as CI does); the
machine's own ``/dev/null`` and ``/dev/full`` are never written to.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from emg_parse.cli import main
from emg_parse.limits import DEFAULT_TIMEOUT, memory_message
from emg_parse.writers import TEMPORARY_PREFIX

from .conftest import SAMPLES
from .docx_builders import build_docx, para

TXT = SAMPLES / "EMGSOM.26_3a.txt"
PARSE_MODULE = sys.modules["emg_parse.cli.parse"]
VALIDATE_MODULE = sys.modules["emg_parse.cli.validate"]
NULL_DEVICE = os.makedev(1, 3)
FULL_DEVICE = os.makedev(1, 7)
ZERO_DEVICE = os.makedev(1, 5)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert not isinstance(result.exception, AssertionError)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def command(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    """``emg-parse ARGS`` in a new process (its own standard streams)."""
    if "stdout" not in options and "stderr" not in options:
        options.setdefault("capture_output", True)
    result = subprocess.run(
        [sys.executable, "-m", "emg_parse", *args], timeout=120, check=False, **options
    )  # type: ignore[call-overload]
    assert b"Traceback" not in (result.stderr or b"")
    return result  # type: ignore[no-any-return]


def one_error_line(stderr: str | bytes, *parts: str) -> str:
    """The single ``Error: ...`` line of ``stderr``, which must contain ``parts``."""
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), text
    for part in parts:
        assert part in lines[0]
    return lines[0]


def device(path: Path, number: int) -> Path:
    os.mknod(path, stat.S_IFCHR | 0o666, number)
    return path


def is_device(path: Path, number: int) -> bool:
    st = os.lstat(path)
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == number


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every name under ``folder`` with its kind and size (what a test may not change)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        st = os.lstat(path)
        found[str(path.relative_to(folder))] = (stat.S_IFMT(st.st_mode), st.st_size)
    return found


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_bytes(TXT.read_bytes())
    return path


# --------------------------------------------------------------------------- -o targets


def test_output_onto_a_null_device_writes_through(tmp_path: Path, doc: Path) -> None:
    null = device(tmp_path / "null", NULL_DEVICE)
    assert run(str(doc), "-o", str(null)) == (0, "", "")
    assert is_device(null, NULL_DEVICE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "null"]


def test_output_onto_a_full_device_is_exit_9(tmp_path: Path, doc: Path) -> None:
    full = device(tmp_path / "full", FULL_DEVICE)
    code, out, err = run(str(doc), "-o", str(full))
    assert (code, out) == (9, "")
    assert one_error_line(err) == f"Error: {full}: cannot write (No space left on device)"
    assert is_device(full, FULL_DEVICE)


def test_a_link_to_a_device_writes_through_to_it(tmp_path: Path, doc: Path) -> None:
    full = device(tmp_path / "full", FULL_DEVICE)
    null = device(tmp_path / "null", NULL_DEVICE)
    (tmp_path / "to-null").symlink_to("null")
    (tmp_path / "to-full").symlink_to(full)
    assert run(str(doc), "-o", str(tmp_path / "to-null"))[0] == 0
    code, _, err = run(str(doc), "-o", str(tmp_path / "to-full"))
    assert code == 9 and "No space left on device" in one_error_line(err)
    assert is_device(null, NULL_DEVICE) and is_device(full, FULL_DEVICE)
    assert (tmp_path / "to-null").is_symlink() and (tmp_path / "to-full").is_symlink()


def test_a_link_to_a_file_replaces_the_file_and_stays_a_link(tmp_path: Path, doc: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    assert run(str(doc), "-o", str(link)) == (0, "", "")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["source"]["file"] == "doc.txt"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.json"]


def test_a_dangling_link_creates_its_target(tmp_path: Path, doc: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to("made.json")
    assert run(str(doc), "-o", str(link))[0] == 0
    assert link.is_symlink() and (tmp_path / "made.json").is_file()


def test_output_into_a_fifo_is_written_straight(tmp_path: Path, doc: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code = run(str(doc), "-o", str(fifo))[0]
    reader.join(60)
    assert code == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["source"]["file"] == "doc.txt"


def test_dev_stdout_is_the_open_descriptor_appended_to(tmp_path: Path, doc: Path) -> None:
    log = tmp_path / "log.json"
    log.write_text("first line\n", encoding="utf-8")
    with log.open("ab") as stdout:
        result = command(str(doc), "-o", "/dev/stdout", stdout=stdout, stderr=subprocess.PIPE)
    assert (result.returncode, result.stderr) == (0, b"")
    first, rest = log.read_text(encoding="utf-8").split("\n", 1)
    assert first == "first line" and json.loads(rest)["source"]["file"] == "doc.txt"
    assert stat.S_ISREG(os.lstat(log).st_mode)


def test_proc_self_fd_names_an_inherited_descriptor(tmp_path: Path, doc: Path) -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as pipe:
        try:
            result = command(str(doc), "-o", f"/proc/self/fd/{write_end}", pass_fds=(write_end,))
        finally:
            os.close(write_end)
        data = pipe.read()  # the output is smaller than the pipe's buffer
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert json.loads(data)["source"]["file"] == "doc.txt"


def test_dev_stdout_when_stdout_is_the_input_is_refused(tmp_path: Path, doc: Path) -> None:
    before = doc.read_bytes()
    with doc.open("ab") as stdout:
        result = command(str(doc), "-o", "/dev/stdout", stdout=stdout, stderr=subprocess.PIPE)
        plain = command(str(doc), stdout=stdout, stderr=subprocess.PIPE)
    assert (result.returncode, plain.returncode) == (2, 2)
    one_error_line(result.stderr, "is the input file")
    one_error_line(plain.stderr, "<stdout>: is the input file")
    assert doc.read_bytes() == before


@pytest.mark.parametrize("how", ["same", "hard link", "link to it", "input via link"])
def test_output_that_is_the_input_is_refused(tmp_path: Path, doc: Path, how: str) -> None:
    before = doc.read_bytes()
    source, output = doc, doc
    if how == "hard link":
        output = tmp_path / "hard.txt"
        os.link(doc, output)
    elif how == "link to it":
        output = tmp_path / "link.txt"
        output.symlink_to(doc)
    elif how == "input via link":
        source = tmp_path / "link.txt"
        source.symlink_to(doc)
    code, out, err = run(str(source), "-o", str(output))
    assert (code, out) == (2, "")
    one_error_line(err, f"Error: {output}: is the input file {source}")
    assert doc.read_bytes() == before


def test_output_folder_is_refused(tmp_path: Path, doc: Path) -> None:
    code, _, err = run(str(doc), "-o", str(tmp_path / "newdir") + "/")
    assert code == 9
    one_error_line(err, "no such folder (the name ends with '/')", "newdir/out.json")
    code, _, err = run(str(doc), "-o", str(tmp_path))
    assert code == 9
    one_error_line(err, f"Error: {tmp_path}: is a folder; give a file name in it")
    code, _, err = run(str(doc), "-o", str(tmp_path) + "/")
    assert code == 9 and "is a folder" in one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


@pytest.mark.parametrize("length", [242, 250, 255])
def test_long_output_names_work(tmp_path: Path, doc: Path, length: int) -> None:
    out = tmp_path / ("o" * (length - 5) + ".json")
    assert len(out.name.encode()) == length
    assert run(str(doc), "-o", str(out)) == (0, "", "")
    assert [p.name for p in tmp_path.iterdir() if p.name != "doc.txt"] == [out.name]


def test_too_long_an_output_name_is_exit_9(tmp_path: Path, doc: Path) -> None:
    code, _, err = run(str(doc), "-o", str(tmp_path / ("o" * 256)))
    assert code == 9 and "cannot write (File name too long)" in one_error_line(err)


def test_schema_output_onto_a_device_writes_through(tmp_path: Path) -> None:
    full = device(tmp_path / "full", FULL_DEVICE)
    code, _, err = run("schema", "-o", str(full))
    assert code == 9 and "No space left on device" in one_error_line(err)
    assert is_device(full, FULL_DEVICE)


# --------------------------------------------------------------------------- inputs


@pytest.mark.parametrize("kind", ["fifo", "character device", "socket"])
def test_special_files_are_refused_unopened(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "input"
    if kind == "fifo":
        os.mkfifo(path)
        what = "a FIFO (named pipe)"
    elif kind == "socket":
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        what = "a socket"
    else:
        device(path, ZERO_DEVICE)
        what = "a character device"
    message = f"Error: {path}: is {what}, not a regular file; save the content to a file first"
    # a FIFO would block the test for ever if it were opened: run apart, with a timeout
    parsed = command(str(path), "--timeout", "5")
    assert parsed.returncode == 3 and one_error_line(parsed.stderr) == message
    checked = command("validate", str(path), "--timeout", "5")
    assert checked.returncode == 2
    assert checked.stderr.decode().splitlines() == [message, "1 file, no problems, 1 unreadable"]


def without_root_file_access() -> None:
    """In the child, before it runs emg-parse: root gives up reading files it has no
    permission for (the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave
    its bounding set, so the new program does not get them).  Others have no such
    power to give up."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_input_is_exit_3_in_one_line(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(TXT.read_bytes())
    secret.chmod(0)
    try:
        parsed = command(str(secret), preexec_fn=without_root_file_access)
        checked = command("validate", str(secret), preexec_fn=without_root_file_access)
    finally:
        secret.chmod(0o600)
    message = f"Error: {secret}: permission denied; check the file's permissions"
    assert parsed.returncode == 3 and one_error_line(parsed.stderr) == message
    assert checked.returncode == 2 and checked.stderr.decode().splitlines()[0] == message


def test_a_file_name_that_is_not_utf8_parses(tmp_path: Path) -> None:
    name = os.fsdecode(b"a\xffb\nc.txt")
    (tmp_path / name).write_bytes(TXT.read_bytes())
    code, out, err = run(str(tmp_path / name))
    assert (code, err) == (0, "")
    assert json.loads(out)["source"]["file"] == "a\\xffb\\nc.txt"
    result = command(name, cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"]["file"] == "a\\xffb\\nc.txt"


@pytest.mark.parametrize("raw", [b"missing\nname.txt", b"bad\xff\x1b[31m.txt", b"r\rx.pdf"])
def test_odd_names_stay_on_one_line(tmp_path: Path, raw: bytes) -> None:
    name = os.fsdecode(raw)
    code, _, err = run(str(tmp_path / name))
    assert code == 3 and one_error_line(err).endswith(": no such file")
    code, _, err = run("validate", str(tmp_path / name))
    assert code == 2 and len(err.splitlines()) == 2
    code, _, err = run(str(TXT), "-o", str(tmp_path / name) + "/")
    assert code == 9 and one_error_line(err)
    # click's own messages (here: a bad --format) quote the name on one line too
    code, _, err = run(str(TXT), "--format", name)
    assert code == 2 and err.splitlines()[-1].startswith("Error: Invalid value for '-f'")
    assert all(ord(c) >= 32 for c in err.replace("\n", ""))


def test_validate_names_odd_files_on_one_line(tmp_path: Path) -> None:
    name = os.fsdecode(b"x\n\xff.yaml")
    (tmp_path / name).write_text("schema_version: 1.0\n", encoding="utf-8")
    code, out, _ = run("validate", str(tmp_path / name))
    assert code == 1
    shown_name = str(tmp_path / "x\\n\\xff.yaml")
    assert out.splitlines()[0].startswith(f"{shown_name}:1:1: ")
    code, out, _ = run("validate", "--format", "json", str(tmp_path / name))
    assert json.loads(out)[0]["file"] == shown_name


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "NaN", "infinity"])
@pytest.mark.parametrize("option", ["--timeout", "--max-size"])
@pytest.mark.parametrize("cmd", ["parse", "validate"])
def test_infinite_limits_are_usage_errors(cmd: str, option: str, value: str) -> None:
    code, out, err = run(cmd, str(TXT), option, value)
    assert (code, out) == (2, "")
    assert err.startswith("Usage: ")
    assert err.splitlines()[-1].startswith(f"Error: Invalid value for '{option}'")


# --------------------------------------------------------------------------- validate bounds


def test_validate_refuses_a_file_over_max_size_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: b\n" * 300_000)
    code, out, err = run("validate", str(big), "--max-size", "1")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"Error: {big}: larger than 1 MB (raise the limit with --max-size); "
        "is it an emg-parse file?",
        "1 file, no problems, 1 unreadable",
    ]


def test_validate_reads_at_most_max_size_from_stdin() -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = command("validate", "-", "--max-size", "2", stdin=yes.stdout)
    finally:
        yes.kill()
        yes.wait()
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[0].startswith("Error: <stdin>: larger than 2 MB")


def test_validate_stdin_from_an_endless_device(tmp_path: Path) -> None:
    zero = device(tmp_path / "zero", ZERO_DEVICE)
    with zero.open("rb") as stdin:
        result = command("validate", "-", stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[0].startswith("Error: <stdin>: larger than 5 MB")


def test_validate_default_limits_are_documented() -> None:
    code, out, _ = run("validate", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "MB. [default: 5.0;" in text and f"(0: no limit). [default: {DEFAULT_TIMEOUT};" in text


def test_validate_stops_at_the_time_limit(tmp_path: Path) -> None:
    slow = tmp_path / "slow.yaml"
    slow.write_text("a:\n" + "- k: v w x\n  j: 1\n" * 60_000, encoding="utf-8")  # ~1 MB: ~6 s
    code, _, err = run("validate", str(slow), "--timeout", "0.5")
    assert code == 2
    assert err.splitlines()[0] == (
        f"Error: {slow}: stopped after 0.5 s: the document may be damaged; re-export it, "
        "or raise the limit with --timeout"
    )


def test_validate_over_the_memory_limit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 32 << 20
    monkeypatch.setattr(VALIDATE_MODULE, "READER_MEMORY", limit)
    many = tmp_path / "many.json"
    many.write_text("[" + "0," * 1_500_000 + "0]", encoding="utf-8")
    ok = tmp_path / "ok.yaml"
    ok.write_text("schema_version: '1.0'\n", encoding="utf-8")
    code, out, err = run("validate", str(many), str(ok))
    assert code == 2
    assert err.splitlines()[0] == f"Error: {many}: {memory_message(limit)}"
    assert out.startswith(f"{ok}:1:1: ")  # the next file is still checked


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "{" * 100_000,
        '{"a": ' * 50_000,
        "- " * 50_000 + "x",
        "a:\n" + "".join(" " * n + "b:\n" for n in range(1, 3000)),
        "[" * 199 + "0," * 20_000 + "0" + "]" * 199,
    ],
    ids=["flow lists", "flow maps", "json maps", "block lists", "block maps", "deep and wide"],
)
def test_deep_nesting_is_one_problem(tmp_path: Path, text: str) -> None:
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"deep{suffix}"
        path.write_text(text, encoding="utf-8")
        code, out, err = run("validate", str(path))
        assert code in (1, 2), (suffix, out, err)
        assert len(out.splitlines()) <= 1 and len(err.splitlines()) <= 2


@pytest.mark.parametrize(
    "value",
    [
        "0x" + "f" * 4000,
        "0b" + "1" * 20_000,
        "0" + "7" * 5000,
        "1" + ":0" * 3000,
        "9" * 5000,
        "-" + "9" * 5000,
        "1" * 4000 + ".5",
        "1.5e+" + "9" * 200,
    ],
    ids=["hex", "binary", "octal", "sexagesimal", "plain", "negative", "float", "exponent"],
)
def test_huge_numbers_are_problems_not_tracebacks(tmp_path: Path, value: str) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(
        f"schema_version: {value}\nsource:\n  pages: {value}\n  file: {value}\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert f"{path}:1:17: schema_version: number too long" in out
    assert f"{path}:3:10: source.pages: number too long" in out
    json_path = tmp_path / "big.json"
    json_path.write_text('{"source": {"pages": ' + value + "}}", encoding="utf-8")
    code, out, _ = run("validate", str(json_path))
    assert code == 1 and len(out.splitlines()) == 1


# --------------------------------------------------------------------------- parse memory


def test_parse_over_the_memory_limit_is_exit_3(tmp_path: Path) -> None:
    """Word and text are read under the limit too, not only PDF pages.  The command
    runs in a new process with a smaller limit, so that a small file is enough."""
    limit = 64 << 20
    words = " ".join(f"w{n}" for n in range(12))
    body = [para("I. Task Team"), para("The Senior Officials:")]
    body += [para(f"a) Welcome {words} {n}") for n in range(30_000)]
    docx = build_docx(tmp_path / "big.docx", body)
    text = tmp_path / "big.txt"
    text.write_text(
        "I. Task Team\nThe Senior Officials:\n"
        + "".join(f"a) Welcome {words} {n}\n\n" for n in range(100_000)),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    for path in (docx, text):
        code = (
            "import sys\n"
            "from emg_parse.cli import run\n"
            f"sys.modules['emg_parse.cli.parse'].READER_MEMORY = {limit}\n"
            "run()\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(path), "-o", str(out)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert (result.returncode, result.stdout) == (3, b""), result.stderr
        assert one_error_line(result.stderr) == f"Error: {path}: {memory_message(limit)}"
        assert not out.exists()


def test_parse_over_the_memory_limit_stops_while_reading(tmp_path: Path) -> None:
    """A document too large for the limit is stopped by the reader's own count, in
    Python code, before a later stage's native code could run out of memory (where a
    failed allocation aborts the process instead of raising ``MemoryError``)."""
    words = " ".join(f"w{n}" for n in range(12))
    text = tmp_path / "big.txt"
    text.write_text(
        "I. Task Team\nThe Senior Officials:\n"
        + "".join(f"a) Welcome {words} {n}\n\n" for n in range(100_000)),
        encoding="utf-8",
    )
    code = (
        "import sys, traceback\n"
        "from pathlib import Path\n"
        "from emg_parse.limits import memory_limit\n"
        "from emg_parse.pipeline import parse_file\n"
        "try:\n"
        f"    with memory_limit({64 << 20}):\n"
        "        parse_file(Path(sys.argv[1]))\n"
        "except MemoryError as exc:\n"
        "    print(traceback.extract_tb(exc.__traceback__)[-1].name, \n"
        "          'emg_parse.model' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(text)], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout) == (0, "take False\n"), result.stderr


def test_a_document_within_the_memory_limit_is_parsed_under_it(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code = (
        "import sys\n"
        "from emg_parse.cli import run\n"
        f"sys.modules['emg_parse.cli.parse'].READER_MEMORY = {64 << 20}\n"
        "run()\n"
    )
    sample = SAMPLES / "EMGSOM.26_3a_autonum.docx"
    result = subprocess.run(
        [sys.executable, "-c", code, str(sample), "-o", str(out)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["sections"]


# --------------------------------------------------------------------------- stdout


def test_stdout_onto_a_full_device_is_exit_9(tmp_path: Path, doc: Path) -> None:
    full = device(tmp_path / "full", FULL_DEVICE)
    every = (
        [str(doc)],
        ["schema"],
        ["validate", "--format", "json", str(doc)],
        ["--help"],
        ["--version"],
        ["validate", "--help"],
    )
    for args in every:
        with full.open("wb") as stdout:
            result = command(*args, stdout=stdout, stderr=subprocess.PIPE)
        assert result.returncode == 9, (args, result.stderr)
        one_error_line(
            result.stderr.splitlines()[0],
            "cannot write to standard output (No space left on device)",
        )
    assert is_device(full, FULL_DEVICE)


def closed_stdout() -> None:
    os.close(1)


def test_a_closed_stdout_after_output_to_a_file(tmp_path: Path, doc: Path) -> None:
    out = tmp_path / "out.json"
    result = command(str(doc), "-o", str(out), preexec_fn=closed_stdout)
    assert (result.returncode, result.stderr) == (0, b"")
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["file"] == "doc.txt"


def test_a_closed_stdout_without_output_file_is_exit_9(doc: Path) -> None:
    result = command(str(doc), preexec_fn=closed_stdout)
    assert result.returncode == 9
    assert one_error_line(result.stderr) == "Error: cannot write: standard output is closed"


def test_closed_stdin_and_stderr_do_not_break_the_command(tmp_path: Path, doc: Path) -> None:
    out = tmp_path / "out.json"

    def close_all() -> None:
        for fd in (0, 1, 2):
            os.close(fd)

    result = command(str(doc), "-o", str(out), preexec_fn=close_all, capture_output=False)
    assert result.returncode == 0 and out.is_file()
    result = command("validate", "-", preexec_fn=close_all, capture_output=False)
    assert result.returncode == 2


def test_a_reader_that_stops_reading_is_a_quiet_exit_141(doc: Path) -> None:
    every = ([str(doc)], ["validate", str(doc), "--format", "json"], ["schema"], ["--help"])
    for args in every:
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader has gone: every write fails with EPIPE
        try:
            result = command(*args, stdout=write_end, stderr=subprocess.PIPE)
        finally:
            os.close(write_end)
        assert (result.returncode, result.stderr) == (141, b""), args


# --------------------------------------------------------------------------- signals


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, doc: Path, monkeypatch: pytest.MonkeyPatch, sig: int, code: int
) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")

    def killed_during_write(fd: int) -> None:
        os.kill(os.getpid(), sig)

    monkeypatch.setattr(os, "fsync", killed_during_write)
    handler = signal.getsignal(sig)
    assert run(str(doc), "-o", str(out)) == (code, "", "")
    assert signal.getsignal(sig) == handler
    assert out.read_text(encoding="utf-8") == "previous"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


@pytest.fixture(autouse=True)
def nothing_left_behind(tmp_path: Path) -> Iterator[None]:
    """No command of these tests leaves a temporary file anywhere in ``tmp_path``."""
    yield
    assert not [p for p in tmp_path.rglob(TEMPORARY_PREFIX + "*")]
