"""``emg-parse export``: the database, its keys, full-text search, the Datasette metadata,
the CSV data package, determinism, and every error path."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from emg_parse.cli.bodies import BODIES_EXIT_CODES
from emg_parse.cli.export import EXPORT_EXIT_CODES
from emg_parse.export import TABLES

from .conftest import ROOT, edited, temporaries
from .converted import converted_once, invoke


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The sample archive exported by the command: (database, CSV folder, stderr)."""
    converted = converted_once(tmp_path_factory)
    out = tmp_path_factory.mktemp("export")
    code, stdout, stderr = invoke(
        "export", str(converted), "-o", str(out / "emg.db"), "--csv", str(out / "csv")
    )
    assert (code, stdout) == (0, ""), stderr
    return out / "emg.db", out / "csv", stderr


def query(database: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def manifest_total(converted: Path, column: str) -> int:
    rows = json.loads((converted / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return sum(row[column] for row in rows)


# --------------------------------------------------------------------------- the database


def test_the_database_holds_every_document_and_decision(
    exported: tuple[Path, Path, str], converted: Path
) -> None:
    database, _, stderr = exported
    count = {t.name: query(database, f'SELECT count(*) FROM "{t.name}"')[0][0] for t in TABLES}
    assert count["documents"] == 15
    assert count["meetings"] == 14  # 15 to 29 but the 27th; the 24th has two documents
    assert query(database, "SELECT documents FROM meetings WHERE number = 24") == [(2,)]
    assert count["sections"] == manifest_total(converted, "sections")
    decisions = manifest_total(converted, "decisions")
    assert count["decisions"] == decisions + manifest_total(converted, "items")
    assert query(database, "SELECT count(*) FROM decisions WHERE depth = 0") == [(decisions,)]
    assert stderr == (
        f"exported 15 documents to {database} and {database.parent / 'csv'}: "
        + ", ".join(f"{name} {rows}" for name, rows in count.items())
        + "\n"
    )


def test_every_table_has_its_keys_and_every_foreign_key_resolves(
    exported: tuple[Path, Path, str],
) -> None:
    database = exported[0]
    assert query(database, "PRAGMA foreign_key_check") == []
    for table in TABLES:
        info = query(database, f'PRAGMA table_info("{table.name}")')
        assert [row[1] for row in info] == [c.name for c in table.columns]
        primary = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
        assert tuple(primary) == table.primary_key
        foreign = {
            (row[3], row[2], row[4])
            for row in query(database, f'PRAGMA foreign_key_list("{table.name}")')
        }
        assert foreign == {
            (
                c.name,
                c.references,
                "number"
                if c.references == "meetings"
                else "name"
                if c.references == "bodies"
                else "key",
            )
            for c in table.columns
            if c.references
        }
        assert (
            "STRICT"
            in query(database, "SELECT sql FROM sqlite_master WHERE name = ?", table.name)[0][0]
        )
    # the ids are unique in a document, the keys in the archive
    assert query(database, "SELECT count(*) FROM decisions WHERE key != document || '/' || id") == [
        (0,)
    ]


def test_items_are_rows_under_their_decision(exported: tuple[Path, Path, str]) -> None:
    database = exported[0]
    doc = "EMGSOM.26_3a.txt.json"
    rows = query(
        database,
        "SELECT id, parent, decision, depth, label, text FROM decisions "
        "WHERE document = ? AND decision = ? ORDER BY position",
        doc,
        f"{doc}/SOM26-VI-p1",
    )
    assert [row[0] for row in rows] == [
        "SOM26-VI-p1",
        "SOM26-VI-p1-i",
        "SOM26-VI-p1-ii",
        "SOM26-VI-p1-iii",
        "SOM26-VI-p1-iv",
    ]
    assert rows[0][1:4] == (None, f"{doc}/SOM26-VI-p1", 0)
    assert rows[4][1:5] == (f"{doc}/SOM26-VI-p1", f"{doc}/SOM26-VI-p1", 1, "iv")
    assert rows[4][5].startswith("Continue to support the development of Phase II")
    # a deadline printed in an item points at the item
    assert query(
        database,
        "SELECT text, kind, value, item FROM deadlines WHERE decision = ?",
        f"{doc}/SOM26-VI-p1",
    ) == [
        ("by November 2020", "date", "2020-11", f"{doc}/SOM26-VI-p1-i"),
    ]
    assert query(
        database,
        "SELECT action FROM actions WHERE decision = ? ORDER BY position",
        f"{doc}/SOM26-VI-p1",
    ) == [("decide",), ("extend",)]


def test_full_text_search_finds_a_decision(exported: tuple[Path, Path, str]) -> None:
    found = query(
        exported[0],
        "SELECT decisions.key FROM decisions_fts JOIN decisions ON "
        "decisions.rowid = decisions_fts.rowid WHERE decisions_fts MATCH ?",
        "drylands AND establish",
    )
    assert ("layouts/SOM16_decisions.docx.json/SOM16-I-a",) in found
    assert ("layouts/SOM15_progress.docx.json/SOM15-1-b",) in found
    assert all(
        "drylands"
        in query(exported[0], "SELECT lower(text) FROM decisions WHERE key = ?", key)[0][0]
        for (key,) in found
    )


def test_the_register_tables_are_the_register(
    exported: tuple[Path, Path, str], converted: Path
) -> None:
    database = exported[0]
    code, out, _ = invoke("bodies", str(converted), "-f", "json")
    register = json.loads(out)
    assert code == 0
    bodies = query(
        database,
        "SELECT name, type, status, established, ended, first_meeting, "
        'last_meeting, "references", note FROM bodies ORDER BY rowid',
    )
    assert bodies == [
        (
            b["name"],
            b["type"],
            b["status"],
            b["established"],
            b["ended"],
            b["first_meeting"],
            b["last_meeting"],
            b["references"],
            b["note"],
        )
        for b in register
    ]
    events = query(
        database,
        "SELECT body, position, meeting, date, document, decision, event, "
        "new_name, proposed FROM body_events ORDER BY rowid",
    )
    assert events == [
        (
            b["name"],
            n,
            e["meeting"],
            e["date"],
            e["document"],
            f"{e['document']}/{e['decision']}",
            e["event"],
            e["new_name"],
            int(e["proposed"]),
        )
        for b in register
        for n, e in enumerate(b["events"], start=1)
    ]
    aliases = query(database, "SELECT body, name, kind FROM body_aliases ORDER BY rowid")
    assert aliases == [(b["name"], n["name"], n["kind"]) for b in register for n in b["names"]]


def test_each_body_a_decision_names_points_at_the_register(
    exported: tuple[Path, Path, str],
) -> None:
    database = exported[0]
    rows = query(
        database,
        "SELECT text, name, event, new_name, body FROM decision_bodies WHERE decision = ?",
        "layouts/SOM19_report.docx.json/SOM19-II.B-7",
    )
    old, new = (
        f"Issue Management Group on {n}"
        for n in ("Drylands and Land Restoration", "Land and Ecosystem Restoration")
    )
    assert rows == [(f"the {old}", old, "renamed", new, new)]
    # "the Issue Management Group" in a section that names none: no name, no body
    assert query(
        database,
        "SELECT name, body FROM decision_bodies WHERE decision = ?",
        "layouts/SOM17_final_report.docx.json/SOM17-III-8",
    ) == [(None, None)]


def test_the_datasette_metadata_describes_every_table_and_column(
    exported: tuple[Path, Path, str],
) -> None:
    database = exported[0]
    metadata = json.loads((database.parent / "emg.metadata.json").read_text(encoding="utf-8"))
    for key in ("title", "description", "source", "source_url", "license", "license_url"):
        assert metadata[key]
    tables = metadata["databases"]["emg"]["tables"]
    names = {
        row[0]
        for row in query(
            database,
            "SELECT name FROM sqlite_master WHERE type = "
            "'table' AND name NOT LIKE 'decisions_fts_%'",
        )
    }
    assert names == set(tables)
    for table in {t.name for t in TABLES}:
        assert tables[table]["title"] and tables[table]["description"]
        columns = [row[1] for row in query(database, f'PRAGMA table_info("{table}")')]
        assert list(tables[table]["columns"]) == columns
        assert all(tables[table]["columns"].values())
    assert tables["decisions"]["fts_table"] == "decisions_fts"
    assert tables["decisions_fts"] == {"hidden": True}


def test_a_reexport_of_the_same_folder_is_the_same(
    exported: tuple[Path, Path, str], converted: Path, tmp_path: Path
) -> None:
    database, csv_dir, _ = exported
    again = tmp_path / "again.db"
    code, _, _ = invoke("export", str(converted), "-o", str(again), "--csv", str(tmp_path / "csv"))
    assert code == 0
    assert again.read_bytes() == database.read_bytes()
    with sqlite3.connect(database) as one, sqlite3.connect(again) as two:
        assert list(one.iterdump()) == list(two.iterdump())
    for path in csv_dir.iterdir():
        assert (tmp_path / "csv" / path.name).read_bytes() == path.read_bytes()
    first = json.loads((database.parent / "emg.metadata.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "again.metadata.json").read_text(encoding="utf-8"))
    assert second["databases"] == {"again": first["databases"]["emg"]}


# --------------------------------------------------------------------------- CSV package


def check_package(folder: Path) -> dict[str, int]:
    """Check the CSV files of ``folder`` against its datapackage.json: header, types,
    required values, primary keys, foreign keys.  Returns the rows of each resource."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    data: dict[str, tuple[list[str], list[list[str]]]] = {}
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        names = [f["name"] for f in fields]
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        assert header == names
        for row in rows:
            assert len(row) == len(fields)
            for value, spec in zip(row, fields, strict=True):
                check_value(value, spec)
        keys = [
            tuple(row[names.index(k)] for k in resource["schema"]["primaryKey"]) for row in rows
        ]
        assert all(all(key) for key in keys)
        assert len(set(keys)) == len(keys), f"{resource['name']}: a primary key repeats"
        data[resource["name"]] = (names, rows)
    for resource in package["resources"]:
        names, rows = data[resource["name"]]
        for foreign in resource["schema"].get("foreignKeys", []):
            target_names, target_rows = data[foreign["reference"]["resource"]]
            column = target_names.index(foreign["reference"]["fields"])
            known = {row[column] for row in target_rows}
            index = names.index(foreign["fields"])
            missing = {row[index] for row in rows if row[index]} - known
            assert not missing, f"{resource['name']}.{foreign['fields']}: {sorted(missing)[:3]}"
    return {name: len(rows) for name, (_, rows) in data.items()}


def check_value(value: str, spec: dict[str, Any]) -> None:
    if value == "":
        assert not spec.get("constraints", {}).get("required"), spec["name"]
        return
    kind = spec["type"]
    if kind == "integer":
        assert re.fullmatch(r"-?[0-9]+", value), (spec["name"], value)
    elif kind == "boolean":
        assert value in ("true", "false"), (spec["name"], value)
    elif kind == "date":
        dt.date.fromisoformat(value)
    elif kind in ("array", "object"):
        assert isinstance(json.loads(value), list if kind == "array" else dict)
    else:
        assert kind == "string", kind


def test_the_csv_package_matches_its_schema_and_the_database(
    exported: tuple[Path, Path, str],
) -> None:
    database, csv_dir, _ = exported
    rows = check_package(csv_dir)
    assert sorted(p.name for p in csv_dir.iterdir()) == sorted(
        ["datapackage.json", *(f"{t.name}.csv" for t in TABLES)]
    )
    assert rows == {
        t.name: query(database, f'SELECT count(*) FROM "{t.name}"')[0][0] for t in TABLES
    }


def test_the_checks_catch_a_broken_package(
    exported: tuple[Path, Path, str], tmp_path: Path
) -> None:
    csv_dir = exported[1]
    for name, old, new in [
        ("actions.csv", "EMGSOM.26_3a.txt.json/SOM26-I-a,1,", "nowhere,1,"),  # foreign key
        ("decisions.csv", ",26,2020-10-28,", ",26,2020-13-28,"),  # date
    ]:
        broken = tmp_path / name
        broken.mkdir()
        for path in csv_dir.iterdir():
            (broken / path.name).write_bytes(path.read_bytes())
        text = (broken / name).read_text(encoding="utf-8")
        (broken / name).write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises((AssertionError, ValueError)):
            check_package(broken)


def test_frictionless_finds_the_package_valid(exported: tuple[Path, Path, str]) -> None:
    from frictionless import validate

    report = validate(str(exported[1] / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]


# --------------------------------------------------------------------------- inputs


def test_a_folder_without_manifest_and_old_files(
    tmp_path: Path, yaml_doc: str, json_doc: str
) -> None:
    folder = tmp_path / "files"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.yaml").write_text(yaml_doc, encoding="utf-8")
    (folder / "sub" / "b.json").write_text(json_doc, encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    (folder / ".hidden.json").write_text("{", encoding="utf-8")
    code, _, err = invoke("export", str(folder), "-o", str(tmp_path / "x.db"))
    assert code == 0, err
    database = tmp_path / "x.db"
    assert query(database, "SELECT key, path, schema_version, meeting FROM documents") == [
        ("a.yaml", None, "1.0", None),
        ("sub/b.json", None, "1.0", None),
    ]
    # schema 1.0 has no ids: they are given by the parser's rule
    assert query(
        database, "SELECT id FROM decisions WHERE document = 'a.yaml' ORDER BY position"
    ) == [
        ("EMGSOM.26.3a-I-a",),
        ("EMGSOM.26.3a-I-b",),
        ("EMGSOM.26.3a-I-b-i",),
        ("EMGSOM.26.3a-I-b-ii",),
        ("EMGSOM.26.3a-II-p1",),
    ]
    # the export's own files beside documents are never read as documents
    code, _, err = invoke(
        "export", str(folder), "-o", str(folder / "emg.db"), "--csv", str(folder / "csv")
    )
    assert code == 0, err
    code, _, err = invoke("export", str(folder), "-o", str(folder / "emg.db"))
    assert (code, err.count("\n")) == (0, 1), err


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (
            [
                ("- label: a\n", "- id: x-a\n    label: a\n"),
                ("- label: b\n", "- id: x-b\n    label: b\n"),
                ("- label: i\n", "- id: dup\n      label: i\n"),
                ("- label: ii\n", "- id: dup\n      label: ii\n"),
                ("  - text: Welcome", "  - id: x-c\n    text: Welcome"),
            ],
            "the id dup is given twice; ids must be unique in a document; left out",
        ),
        (
            [
                (
                    "    text: Consider the report;\n",
                    "    text: Consider the report;\n    "
                    "addressees: [{text: UNEP, item: nowhere}]\n",
                )
            ],
            "decision EMGSOM.26.3a-I-a names the item nowhere, which it does not have; left out",
        ),
        (
            [("title: Biodiversity", "titel: Biodiversity")],
            "does not match the emg-parse models (14:3: sections[0].title: required field 'title' "
            "is missing and 1 more); check it with 'emg-parse validate FILE'; left out",
        ),
    ],
)
def test_a_file_that_cannot_be_used_is_one_line_and_left_out(
    tmp_path: Path, yaml_doc: str, json_doc: str, edits: list[tuple[str, str]], message: str
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "bad.yaml").write_text(edited(yaml_doc, edits), encoding="utf-8")
    (folder / "good.json").write_text(json_doc, encoding="utf-8")
    code, out, err = invoke("export", str(folder), "-o", str(tmp_path / "x.db"))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"Error: {folder / 'bad.yaml'}: {message}"
    assert lines[1].startswith(f"exported 1 document (1 left out) to {tmp_path / 'x.db'}: ")
    assert query(tmp_path / "x.db", "SELECT key FROM documents") == [("good.json",)]


def test_an_unreadable_output_is_reported_and_the_rest_exported(
    converted_copy: Path, tmp_path: Path
) -> None:
    (converted_copy / "layouts/SOM21_report.docx.json").unlink()
    code, out, err = invoke("export", str(converted_copy), "-o", str(tmp_path / "x.db"))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"Error: {converted_copy / 'layouts/SOM21_report.docx.json'}: no such file"
    assert lines[1].startswith("exported 14 documents (1 left out) to ")
    assert query(tmp_path / "x.db", "SELECT count(*) FROM documents") == [(14,)]
    # without the 21st meeting, the Green Economy IMG is never concluded
    assert query(
        tmp_path / "x.db",
        "SELECT status FROM bodies WHERE name = ?",
        "Issue Management Group on Green Economy",
    ) == [("unknown",)]


def test_manifest_rows_failed_skipped_outside_and_an_unfinished_run(
    converted_copy: Path, tmp_path: Path
) -> None:
    manifest = converted_copy / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["complete"] = False
    rows = data["documents"]
    rows[0].update(status="failed", output=None, error="damaged")
    rows[1].update(output="../elsewhere.json")
    rows.append({"path": "x"})
    manifest.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = invoke("export", str(converted_copy), "-o", str(tmp_path / "x.db"))
    assert code == 1
    assert err.splitlines()[:3] == [
        f"Error: {manifest}: the output of {rows[1]['path']} is not a path inside the folder: "
        "../elsewhere.json; left out",
        f"Error: {manifest}: document 16 is no well-formed manifest row; left out",
        f"Warning: {manifest}: its batch run did not complete; only what it lists was read (run "
        "the batch again to finish)",
    ]
    assert "exported 13 documents (2 left out) (1 failed in the batch) to " in err


def test_the_manifest_keeps_the_input_paths(exported: tuple[Path, Path, str]) -> None:
    assert query(
        exported[0], "SELECT key, path, file, format FROM documents WHERE key LIKE '%SOM19%'"
    ) == [
        ("layouts/SOM19_report.docx.json", "layouts/SOM19_report.docx", "SOM19_report.docx", "docx")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{not json",
            "cannot be read as a batch manifest (Expecting property name enclosed in "
            "double quotes: line 1 column 2 (char 1)); run the batch again, or delete it to read "
            "every file of the folder",
        ),
        (
            '{"documents": 3}',
            "is no batch manifest (no list of documents); run the batch again, "
            "or delete it to read every file of the folder",
        ),
        ('{"documents": []}', None),
    ],
)
def test_a_manifest_that_cannot_be_used_is_exit_3(
    tmp_path: Path, content: str, message: str | None
) -> None:
    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    code, out, err = invoke("export", str(tmp_path), "-o", str(tmp_path / "x.db"))
    assert (code, out) == (3, "")
    expected = (
        f"{tmp_path / 'manifest.json'}: {message}"
        if message
        else f"{tmp_path}: manifest.json lists no converted document (0 failed); nothing to read"
    )
    assert err == f"Error: {expected}\n"
    assert not (tmp_path / "x.db").exists()


# --------------------------------------------------------------------------- errors


def test_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    code, out, err = invoke("export", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.db"))
    assert (code, out, err) == (2, "", f"Error: {tmp_path / 'nowhere'}: no such folder\n")


def test_an_empty_folder_is_exit_3_and_an_existing_database_stays(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    target = tmp_path / "emg.db"
    target.write_bytes(b"the old database")
    code, out, err = invoke("export", str(tmp_path / "empty"), "-o", str(target))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: {tmp_path / 'empty'}: holds no emg-parse output")
    assert err.count("\n") == 1
    assert target.read_bytes() == b"the old database"
    assert temporaries(tmp_path) == []


def test_no_valid_document_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text("[]", encoding="utf-8")
    code, _, err = invoke(
        "export", str(tmp_path / "in"), "-o", str(tmp_path / "x.db"), "--csv", str(tmp_path / "csv")
    )
    assert code == 3
    assert (
        err.splitlines()[1] == f"Error: {tmp_path / 'in'}: no document could be read; "
        "nothing written"
    )
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "csv").exists()
    assert temporaries(tmp_path) == []


def test_an_existing_database_is_replaced_whole(converted: Path, tmp_path: Path) -> None:
    target = tmp_path / "emg.db"
    target.write_bytes(b"the old database")
    link = tmp_path / "link.db"
    link.symlink_to(target)
    code, _, err = invoke("export", str(converted), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and target.read_bytes().startswith(b"SQLite format 3\0")
    assert (tmp_path / "emg.metadata.json").exists()  # beside the file the link names
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("suffix", ["", "/"])
def test_o_onto_a_folder_is_exit_9(converted: Path, tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code, out, err = invoke("export", str(converted), "-o", f"{folder}{suffix}")
    assert (code, out) == (9, "")
    assert (
        err == f"Error: {folder}: is a folder; give the database's file name, "
        f"e.g. {folder / 'emg.db'}\n"
    )
    assert list(folder.iterdir()) == []
    # a name ending with "/" is a folder even when there is none
    code, _, err = invoke("export", str(converted), "-o", f"{tmp_path / 'new'}/")
    assert code == 9 and err.startswith(f"Error: {tmp_path / 'new'}: is a folder;")
    assert not (tmp_path / "new").exists()


def test_o_onto_a_fifo_is_exit_9(converted: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = invoke("export", str(converted), "-o", str(fifo))
    assert (code, err) == (
        9,
        f"Error: {fifo}: is no regular file; a database is written only to a file\n",
    )


def test_o_onto_a_file_of_the_folder_is_exit_2(converted_copy: Path) -> None:
    for name in ("manifest.json", "layouts/SOM19_report.docx.json"):
        target = converted_copy / name
        before = target.read_bytes()
        code, _, err = invoke("export", str(converted_copy), "-o", str(target))
        assert code == 2
        assert (
            err == f"Error: {target}: would replace {target}, a file of the converted "
            "folder; choose another output\n"
        )
        assert target.read_bytes() == before
    # nor may the metadata beside the database be one: a document converted from a file
    # named "emg.metadata" is output as "emg.metadata.json"
    manifest = converted_copy / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    row = data["documents"][0]
    (converted_copy / row["output"]).rename(converted_copy / "emg.metadata.json")
    row.update(path="emg.metadata", output="emg.metadata.json")
    manifest.write_text(json.dumps(data), encoding="utf-8")
    metadata = converted_copy / "emg.metadata.json"
    code, _, err = invoke("export", str(converted_copy), "-o", str(converted_copy / "emg.db"))
    assert (code, err) == (
        2,
        f"Error: {converted_copy / 'emg.db'}: would replace {metadata}, "
        "a file of the converted folder; choose another output\n",
    )


def test_csv_onto_a_file_is_exit_9(converted: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = invoke("export", str(converted), "--csv", str(tmp_path / "file"))
    assert (code, err) == (
        9,
        f"Error: {tmp_path / 'file'}: is not a folder; give a folder for the CSV files\n",
    )


def test_csv_alone_writes_no_database(converted: Path, tmp_path: Path) -> None:
    code, _, err = invoke("export", str(converted), "--csv", str(tmp_path / "csv"))
    assert code == 0, err
    assert sorted(p.suffix for p in (tmp_path / "csv").iterdir()) == [".csv"] * 11 + [".json"]
    assert list(tmp_path.iterdir()) == [tmp_path / "csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give -o DATABASE, --csv DIR, or both"),
        (("-o", "-"), "-o -: a database cannot be written to standard output"),
        (("-o", "x.db", "--bogus"), "No such option '--bogus'"),
    ],
)
def test_usage_errors_are_exit_2(converted: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = invoke("export", str(converted), *args)
    assert (code, out) == (2, "")
    assert message in err


def test_a_bad_alias_file_is_exit_2(converted: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Task Team on X:\n  nested: mapping\n", encoding="utf-8")
    code, _, err = invoke(
        "export", str(converted), "-o", str(tmp_path / "x.db"), "--aliases", str(aliases)
    )
    assert (code, err) == (
        2,
        f"Error: {aliases}: Task Team on X: expected a list of names (text)\n",
    )
    assert not (tmp_path / "x.db").exists()


def test_an_alias_file_changes_the_register_tables(converted: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("Task Team on Common Premises: [Premises Task Team]\n", encoding="utf-8")
    code, _, _ = invoke(
        "export", str(converted), "-o", str(tmp_path / "x.db"), "--aliases", str(aliases)
    )
    assert code == 0
    assert query(
        tmp_path / "x.db",
        "SELECT name, kind FROM body_aliases WHERE body = ?",
        "Task Team on Common Premises",
    ) == [
        ("Task Team on Common Premises", "current"),
        ("Premises Task Team", "alias"),
    ]


def test_a_stop_signal_leaves_the_old_database(
    converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emg_parse.export as export_module
    from emg_parse.cli.common import Stopped

    def stopped(*args: object) -> None:
        raise Stopped("SIGTERM")

    monkeypatch.setattr(export_module, "_replace", stopped)
    target = tmp_path / "emg.db"
    target.write_bytes(b"the old database")
    code, _, _ = invoke("export", str(converted), "-o", str(target))
    assert code == 143
    assert target.read_bytes() == b"the old database"
    assert temporaries(tmp_path) == []


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", ["export", "bodies"])
def test_help_lists_the_exit_codes(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    codes = EXPORT_EXIT_CODES if command == "export" else BODIES_EXIT_CODES
    for number, meaning in codes.items():
        assert f"  {number:<3}  {meaning}\n" in out


def test_readme_shows_the_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "emg-parse export out/converted/ -o out/emg.db" in readme
    assert "emg-parse bodies out/converted/" in readme


def test_documents_whose_names_the_manifest_holds_escaped(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    sample = (ROOT / "samples" / "EMGSOM.26_3a.txt").read_bytes()
    (archive / "new\nline.txt").write_bytes(sample)
    (archive / os.fsdecode(b"latin-\xe9.txt")).write_bytes(sample)
    assert invoke("batch", str(archive), "-o", str(out))[0] == 0
    code, _, err = invoke("export", str(out), "-o", str(tmp_path / "a.db"))
    assert code == 0 and "exported 2 documents" in err and "left out" not in err
    with sqlite3.connect(tmp_path / "a.db") as db:
        paths = sorted(row[0] for row in db.execute("select path from documents"))
    assert paths == ["latin-\\xe9.txt", "new\\nline.txt"]


def _one_more_row(folder: Path, path: str, output: str) -> None:
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    row = dict(data["documents"][0], path=path, output=output)
    data["documents"].append(row)
    manifest.write_text(json.dumps(data), encoding="utf-8")


def test_outputs_that_cannot_be_exported_are_left_out(converted_copy: Path, tmp_path: Path) -> None:
    # a number beyond 64 bits, an output listed twice, a link leading out of the folder
    key = "EMGSOM.26_3a.txt.json"
    data = json.loads((converted_copy / key).read_text(encoding="utf-8"))
    data["document"]["meeting"]["number"] = 10**30
    (converted_copy / "big.json").write_text(json.dumps(data), encoding="utf-8")
    _one_more_row(converted_copy, "big.txt", "big.json")
    _one_more_row(converted_copy, "twice.txt", key)
    outside = tmp_path / "outside.json"
    outside.write_bytes((converted_copy / key).read_bytes())
    (converted_copy / "link.json").symlink_to(outside)
    _one_more_row(converted_copy, "link.txt", "link.json")
    code, _, err = invoke("export", str(converted_copy), "-o", str(tmp_path / "a.db"))
    assert code == 1
    lines = err.splitlines()
    number = "holds the number 1000000000000000000000000000000, beyond a 64-bit integer"
    assert [line for line in lines if number in line]
    assert [line for line in lines if "listed for another document too" in line]
    assert [line for line in lines if "the output of link.txt is not a path inside" in line]


def test_a_fifo_as_manifest_is_refused(converted_copy: Path, tmp_path: Path) -> None:
    (converted_copy / "manifest.json").unlink()
    os.mkfifo(converted_copy / "manifest.json")
    code, _, err = invoke("bodies", str(converted_copy))
    assert code == 3 and "is a FIFO (named pipe), not a regular file" in err
