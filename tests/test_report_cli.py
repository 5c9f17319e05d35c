"""``emg-parse report``: where it writes, and every error path with its exit code."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from emg_parse.cli.report import REPORT_EXIT_CODES

from .conftest import ROOT, temporaries
from .converted import invoke


def test_writes_the_page_inside_the_converted_folder(converted_copy: Path) -> None:
    target = converted_copy / "report.html"
    code, out, err = invoke("report", str(converted_copy), "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"report of {converted_copy} written to {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    archive = json.loads((converted_copy / "manifest.json").read_text(encoding="utf-8"))["archive"]
    source = os.path.relpath(Path(archive) / "layouts/SOM16_decisions.docx", converted_copy)
    assert f'href="{source}"' in page
    # the report is not a document of the folder: a second run reads the same files
    assert invoke("report", str(converted_copy), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == page
    assert temporaries(converted_copy) == []


def test_without_o_the_page_goes_to_stdout_with_links_from_the_current_folder(
    converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(converted.parent)
    code, out, err = invoke("report", "converted")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert 'href="archive/layouts/SOM16_decisions.docx"' in out
    assert invoke("report", "converted", "-o", "-")[1] == out


def test_an_existing_report_is_replaced_through_its_link(converted: Path, tmp_path: Path) -> None:
    target = tmp_path / "old.html"
    target.write_text("the old report", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(target)
    code, _, err = invoke("report", str(converted), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert temporaries(tmp_path) == []


def test_a_file_left_out_is_exit_1_and_the_others_are_reported(
    converted_copy: Path, tmp_path: Path
) -> None:
    (converted_copy / "layouts/SOM21_report.docx.json").write_text("[]", encoding="utf-8")
    target = tmp_path / "report.html"
    code, out, err = invoke("report", str(converted_copy), "-o", str(target))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"Error: {converted_copy / 'layouts/SOM21_report.docx.json'}: ")
    assert lines[1] == f"report of {converted_copy} (1 file left out) written to {target}\n"[:-1]
    page = target.read_text(encoding="utf-8")
    assert "14 documents, 13 meetings" in page and "1 file left out" in page


def test_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    code, out, err = invoke("report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html"))
    assert (code, out, err) == (2, "", f"Error: {tmp_path / 'nowhere'}: no such folder\n")
    assert list(tmp_path.iterdir()) == []


def test_a_file_as_the_folder_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    code, _, err = invoke("report", str(tmp_path / "file.json"), "-o", str(tmp_path / "r.html"))
    assert code == 2
    assert err == (
        f"Error: {tmp_path / 'file.json'}: is not a folder; give the folder "
        "'emg-parse batch' wrote (its -o)\n"
    )


def test_a_folder_that_is_not_converted_is_exit_3_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    target = tmp_path / "r.html"
    target.write_text("the old report", encoding="utf-8")
    code, out, err = invoke("report", str(tmp_path / "empty"), "-o", str(target))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: {tmp_path / 'empty'}: holds no emg-parse output")
    assert err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "the old report"


def test_no_valid_document_is_exit_3(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text("[]", encoding="utf-8")
    code, _, err = invoke("report", str(tmp_path / "in"), "-o", str(tmp_path / "r.html"))
    assert code == 3
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"Error: {tmp_path / 'in' / 'a.json'}: ")
    assert lines[1] == f"Error: {tmp_path / 'in'}: no document could be read"
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{", "cannot be read as a batch manifest"), ("[]", "is no batch manifest")],
)
def test_an_unreadable_manifest_is_exit_3(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    code, _, err = invoke("report", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert code == 3
    assert err.startswith(f"Error: {tmp_path / 'manifest.json'}: {reason}")
    assert not (tmp_path / "r.html").exists()


def test_o_onto_a_file_of_the_folder_is_exit_2(converted_copy: Path) -> None:
    for name in ("manifest.json", "manifest.csv", "layouts/SOM19_report.docx.json"):
        target = converted_copy / name
        before = target.read_bytes()
        code, _, err = invoke("report", str(converted_copy), "-o", str(target))
        assert code == 2
        assert err == (
            f"Error: {target}: would replace {target}, a file of the converted folder; "
            "choose another output, e.g. report.html\n"
        )
        assert target.read_bytes() == before


@pytest.mark.parametrize("suffix", ["", "/"])
def test_o_onto_a_folder_is_exit_9(converted: Path, tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code, out, err = invoke("report", str(converted), "-o", f"{folder}{suffix}")
    assert (code, out) == (9, "")
    assert err.startswith(f"Error: {folder}: is a folder; give a file name in it")
    assert list(folder.iterdir()) == []
    code, _, err = invoke("report", str(converted), "-o", f"{tmp_path / 'new'}/")
    assert code == 9 and "there is no such folder" in err
    assert not (tmp_path / "new").exists()


def test_o_under_a_file_is_exit_9(converted: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = invoke("report", str(converted), "-o", str(tmp_path / "file" / "r.html"))
    assert code == 9
    assert err.startswith(f"Error: {tmp_path / 'file' / 'r.html'}: cannot write (")
    assert err.count("\n") == 1


def test_o_onto_a_full_device_is_exit_9_and_a_null_device_takes_it(
    converted: Path, tmp_path: Path
) -> None:
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    code, _, err = invoke("report", str(converted), "-o", str(full))
    assert (code, err) == (9, f"Error: {full}: cannot write (No space left on device)\n")
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert invoke("report", str(converted), "-o", str(null))[0] == 0
    assert stat.S_ISCHR(null.stat().st_mode)  # written straight, never replaced


def test_a_stop_signal_leaves_the_old_report(
    converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emg_parse.writers as writers
    from emg_parse.cli.common import Stopped

    def stopped(*args: object) -> None:
        raise Stopped("SIGTERM")

    monkeypatch.setattr(writers, "write_atomic", stopped)
    target = tmp_path / "r.html"
    target.write_text("the old report", encoding="utf-8")
    code, _, _ = invoke("report", str(converted), "-o", str(target))
    assert code == 143
    assert target.read_text(encoding="utf-8") == "the old report"


def test_a_bad_alias_file_is_exit_2(converted: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Task Team on X:\n  nested: mapping\n", encoding="utf-8")
    code, _, err = invoke(
        "report", str(converted), "-o", str(tmp_path / "r.html"), "--aliases", str(aliases)
    )
    assert (code, err) == (
        2,
        f"Error: {aliases}: Task Team on X: expected a list of names (text)\n",
    )
    assert not (tmp_path / "r.html").exists()


def test_an_alias_file_joins_names_on_the_timeline(converted_copy: Path, tmp_path: Path) -> None:
    # the same body under a second name, in a decision of the 29th meeting
    path = converted_copy / "layouts/SOM29_table.docx.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    decision = data["sections"][0]["decisions"][0]
    decision["bodies"] = [
        {"text": "the Premises Team", "name": "Premises Team", "type": "other", "event": None}
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Task Team on Common Premises: [Premises Team]\n", encoding="utf-8")
    target = tmp_path / "r.html"
    plain = invoke("report", str(converted_copy), "-o", str(target))
    assert plain[0] == 0, plain[2]
    assert 'data-body="Premises Team"' in target.read_text(encoding="utf-8")
    code, _, err = invoke(
        "report", str(converted_copy), "-o", str(target), "--aliases", str(aliases)
    )
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert 'data-body="Premises Team"' not in page
    assert 'data-body="Task Team on Common Premises"' in page


def test_usage_errors_are_exit_2(converted: Path) -> None:
    code, out, err = invoke("report", str(converted), "--bogus")
    assert (code, out) == (2, "")
    assert "No such option '--bogus'" in err
    code, _, err = invoke("report")
    assert code == 2 and "Missing argument 'CONVERTED_DIR'" in err


def test_help_lists_the_exit_codes() -> None:
    code, out, _ = invoke("report", "--help")
    assert code == 0
    for number, meaning in REPORT_EXIT_CODES.items():
        assert f"  {number:<3}  {meaning}\n" in out


def test_readme_shows_the_command_and_the_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "emg-parse report out/converted/ -o out/converted/report.html" in readme
    assert "![" in readme and "(docs/report.png)" in readme
    png = (ROOT / "docs" / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 300_000
