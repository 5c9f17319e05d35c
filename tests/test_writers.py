"""Writers: YAML and JSON give the same data, whichever YAML emitter writes it."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from emg_parse.errors import OutputError, SameFileError
from emg_parse.model import Decision, Item, OutcomeDocument, Section, Source
from emg_parse.pipeline import parse_file
from emg_parse.writers import _yaml_dumper, output_target, render, write_atomic

from .conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))


def python_yaml(document: OutcomeDocument) -> str:
    """The YAML that the pure-Python emitter writes."""
    text: str = yaml.dump(
        document.model_dump(mode="json"),
        Dumper=_yaml_dumper("python"),
        sort_keys=False,
        allow_unicode=True,
        width=10**9,
    )
    return text


def test_libyaml_is_used() -> None:
    assert yaml.__with_libyaml__
    assert issubclass(_yaml_dumper(), yaml.CSafeDumper)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_yaml_is_the_same_from_both_emitters(sample: Path) -> None:
    document = parse_file(sample)
    assert render(document, "yaml") == python_yaml(document)


def document_with(texts: list[str]) -> OutcomeDocument:
    return OutcomeDocument(
        source=Source(file=texts[0] or "x", format="text", sha256="0" * 64),
        sections=[
            Section(
                title=text,
                notes=[text],
                decisions=[Decision(text=text, items=[Item(label="a", text=text)])],
            )
            for text in texts
        ],
    )


TRICKY = st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=40) | st.sampled_from(
    [
        "yes",
        "No",
        "null",
        "~",
        "1.0",
        "0x1F",
        "2020-10-28",
        "- a",
        "a: b",
        "#c",
        "'q'",
        '"q"',
        " lead",
        "trail ",
        "a\nb",
        "\t",
        "\u2028",
        "\x85",
        "\ufeff",
        "…",
        "* x",
        "&a",
        "!tag",
        "%",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=4))
def test_yaml_and_json_give_the_same_data(texts: list[str]) -> None:
    document = document_with(texts)
    as_json = json.loads(render(document, "json"))
    assert yaml.safe_load(render(document, "yaml")) == as_json
    assert yaml.safe_load(python_yaml(document)) == as_json


def test_output_target_kinds(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to("real/file.json")
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    (tmp_path / "to-stdout").symlink_to("/dev/stdout")
    assert output_target(tmp_path / "new.json").kind == "file"
    assert output_target(tmp_path / "link").path == tmp_path / "real" / "file.json"
    assert output_target(null).kind == "device"
    assert (output_target(tmp_path / "to-stdout").kind, output_target(None).fd) == ("descriptor", 1)
    assert output_target("/proc/self/fd/7").fd == 7
    assert output_target(f"/proc/{os.getpid()}/fd/8").fd == 8
    with pytest.raises(SameFileError, match="is the input file"):
        output_target(source, source=source)
    with pytest.raises(OutputError, match="is a folder"):
        output_target(tmp_path)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock"))
        with pytest.raises(OutputError, match="is a socket; emg-parse writes only to files"):
            output_target(tmp_path / "sock")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.txt",
        "link",
        "null",
        "sock",
        "to-stdout",
    ]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    private = tmp_path / "private.json"
    private.write_text("{}", encoding="utf-8")
    private.chmod(0o600)
    write_atomic(private, '{"a": 1}')
    assert (private.stat().st_mode & 0o777, private.read_text(encoding="utf-8")) == (
        0o600,
        '{"a": 1}',
    )
    read_only = tmp_path / "read-only.yaml"
    read_only.write_text("a: 1\n", encoding="utf-8")
    read_only.chmod(0o444)
    write_atomic(read_only, "a: 2\n")
    assert read_only.stat().st_mode & 0o777 == 0o444
