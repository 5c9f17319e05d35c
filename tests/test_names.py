"""emg_parse.names: the bundled lists, the alias files, and the one pattern that finds names."""

from __future__ import annotations

from pathlib import Path

import pytest

from emg_parse.errors import InputError
from emg_parse.names import (
    ALIASES_FILE,
    ENTITIES_FILE,
    VocabularyError,
    body_key,
    body_type,
    load_aliases,
    normalise_body,
    vocabulary,
)
from emg_parse.positions import load_yaml


def found(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, text as printed, name) of every name in ``text``."""
    return [(m.kind, m.text, m.name) for m in vocabulary().mentions(text)]


def names(text: str) -> list[str | None]:
    return [m.name for m in vocabulary().mentions(text)]


# --------------------------------------------------------------------------- bundled lists


def test_bundled_files_pass_the_checked_reader() -> None:
    assert load_aliases(ALIASES_FILE) == load_aliases(ALIASES_FILE, checked=False)
    tree = load_yaml(ENTITIES_FILE.read_text(encoding="utf-8"))
    assert tree.issues == []
    assert 45 <= len(tree.data["entities"]) <= 60


def test_every_entity_is_found_by_each_of_its_names() -> None:
    tree = load_yaml(ENTITIES_FILE.read_text(encoding="utf-8"))
    for entity in tree.data["entities"]:
        expected = entity.get("abbreviation") or entity["name"]
        for printed in [
            entity["name"],
            *([entity["abbreviation"]] if "abbreviation" in entity else []),
            *entity.get("aliases", []),
        ]:
            assert names(f"Invite {printed} to act.") == [expected], printed


def test_every_role_is_found_by_each_of_its_names() -> None:
    tree = load_yaml(ENTITIES_FILE.read_text(encoding="utf-8"))
    for role in tree.data["roles"]:
        for printed in [role["name"], *role.get("aliases", [])]:
            assert found(f"Request {printed} to act.") == [("role", printed, role["name"])]


# --------------------------------------------------------------------------- entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invite UNEP and UNDP to", [("entity", "UNEP", "UNEP"), ("entity", "UNDP", "UNDP")]),
        (
            "the United Nations Environment Programme",
            [("entity", "the United Nations Environment Programme", "UNEP")],
        ),
        ("UN Environment", [("entity", "UN Environment", "UNEP")]),
        ("un environment programme", [("entity", "un environment programme", "UNEP")]),
        ("the UNCCD secretariat", [("entity", "the UNCCD secretariat", "UNCCD")]),
        (
            "the secretariat of the Convention on Biological Diversity",
            [("entity", "the secretariat of the Convention on Biological Diversity", "CBD")],
        ),
        (
            "the Food and Agriculture Organization of the United Nations",
            [("entity", "the Food and Agriculture Organization of the United Nations", "FAO")],
        ),
        (
            "UN-Habitat, UN Women and WHO",
            [
                ("entity", "UN-Habitat", "UN-Habitat"),
                ("entity", "UN Women", "UN Women"),
                ("entity", "WHO", "WHO"),
            ],
        ),
        (
            "the United Nations Children’s Fund",
            [("entity", "the United Nations Children’s Fund", "UNICEF")],
        ),
        (
            "United  Nations\nDevelopment Programme",
            [("entity", "United  Nations\nDevelopment Programme", "UNDP")],
        ),
    ],
)
def test_entities(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "who will report",  # an abbreviation in capitals is found only in capitals
        "Unep",
        "the UNEP-WCMC data",  # a hyphen joins words
        "the UNEPs",
        "the secretariat of the Minamata Convention",  # no listed name, no EMG Secretariat
        "inform the UN Environment Management Group",  # the Group itself, not UN Environment
        "the Environment Management Group and the EMG",
    ],
)
def test_no_entity(text: str) -> None:
    assert found(text) == []


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the EMG Secretariat", ("role", "the EMG Secretariat", "EMG Secretariat")),
        ("the Secretariat", ("role", "the Secretariat", "EMG Secretariat")),
        (
            "the Secretariat of the Group",
            ("role", "the Secretariat of the Group", "EMG Secretariat"),
        ),
        ("relevant EMG members", ("role", "relevant EMG members", "relevant EMG members")),
        ("all members", ("role", "all members", "EMG members")),
        ("all the members", ("role", "all the members", "EMG members")),
        ("interested agencies", ("role", "interested agencies", "interested EMG members")),
        ("UN agencies", ("role", "UN agencies", "UN entities")),
        ("the Chair", ("role", "the Chair", "EMG Chair")),
    ],
)
def test_roles(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


def test_a_role_followed_by_of_and_a_name_is_part_of_that_name() -> None:
    assert found("the Chair of the Task Team") == [("short", "the Task Team", None)]
    assert found("the Chair of the meeting") == [("role", "the Chair", "EMG Chair")]


# --------------------------------------------------------------------------- bodies


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "establish a Consultative Process on Sustainable Infrastructure to strengthen",
            "Consultative Process on Sustainable Infrastructure",
        ),
        (
            "an Issue Management Group on Human Rights and the Environment with the purpose",
            "Issue Management Group on Human Rights and the Environment",
        ),
        (
            "a consultative process on COVID-19 and the Environment to define",
            "Consultative Process on COVID-19 and the Environment",
        ),
        (
            "the Consultative Process on Environmental and Social Sustainability in the UN System "
            "to consider",
            "Consultative Process on Advancing Environmental and Social "
            "Sustainability in the United Nations System",
        ),
        (
            "as the Issue Management Group on the Right to a Clean, Healthy and Sustainable "
            "Environment.",
            "Issue Management Group on the Right to a Clean, Healthy and Sustainable Environment",
        ),
        ("the IMG on ESM", "Issue Management Group on Environmental Sustainability Management"),
        ("the UN E-waste Coalition to inform", "UN E-waste Coalition"),
        ("the E-waste Coalition's Terms of Reference", "UN E-waste Coalition"),
        ("the SDS Coalition", "UN Coalition on Combating Sand and Dust Storms"),
        (
            "the UN Coalition on Sand and Dust Storms as well as",
            "UN Coalition on Combating Sand and Dust Storms",
        ),
        ("the Nexus Dialogue series", "EMG Nexus Dialogues"),
        (
            "a new series of EMG Nexus Dialogues on the environmental dimension",
            "EMG Nexus Dialogues",
        ),
        ("the Task Force on Gender", "Task Force on Gender"),
        (
            "the Issue Management Group on digital transformation;",
            "Issue Management Group on Digital Transformation",
        ),
        (
            "the consultative process on biodiversity in order to:",
            "Consultative Process on Biodiversity",
        ),
        ("the IMG on green economy to support", "Issue Management Group on Green Economy"),
        ("the Peer Review Process", "Environmental Management Peer Reviews"),
    ],
)
def test_a_body_by_its_name(text: str, name: str) -> None:
    bodies = [m for m in vocabulary().mentions(text) if m.kind == "body"]
    assert [m.name for m in bodies] == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name never runs into another body nor, after "and" or a comma, onto an acronym
        (
            "the Task Team on Sustainable Procurement Data to the Issue Management Group on "
            "Environmental Sustainability Management from January 2018",
            [
                "Task Team on Sustainable Procurement Data",
                "Issue Management Group on Environmental Sustainability Management",
            ],
        ),
        (
            "the Consultative Process on Biodiversity and UNDP",
            ["Consultative Process on Biodiversity", "UNDP"],
        ),
        (
            "the Task Team on Procurement, UNEP and UNOPS",
            ["Task Team on Procurement", "UNEP", "UNOPS"],
        ),
        ("the UN E-waste Coalition for 2020-2021", ["UN E-waste Coalition"]),
        (
            "the Task Team on Marine Litter and Microplastics for another year",
            ["Task Team on Marine Litter and Microplastics"],
        ),
    ],
)
def test_where_a_name_ends(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a United Nations coalition on electronic waste for consideration",
        "the UN Coalition",  # "UN" names no body by itself
        "inform the Coalition on progress made in this area",
        "brief the IMG on developments.",
        "host at least two dialogues in 2017",
        "the ongoing process for a review",
        "the Ad Hoc Open-ended Expert Group",
    ],
)
def test_no_body_name(text: str) -> None:
    assert [m for m in vocabulary().mentions(text) if m.kind == "body"] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the Task Team", "task_team"),
        ("the IMG", "issue_management_group"),
        ("the renamed Issue Management Group", "issue_management_group"),
        ("this Coalition", "coalition"),
        ("the consultative process", "consultative_process"),
        ("the process", "consultative_process"),
    ],
)
def test_short_forms(text: str, kind: str) -> None:
    (mention,) = vocabulary().mentions(f"request {text} to act")
    assert (mention.kind, mention.text, mention.name, mention.type) == ("short", text, None, kind)


def test_imgs_in_capitals_only() -> None:
    assert found("the img") == []


# --------------------------------------------------------------------------- normalising


def test_normalise_body() -> None:
    assert normalise_body("the IMG on ESM") == "Issue Management Group on ESM"
    assert normalise_body("consultative  process on Biodiversity") == (
        "Consultative Process on Biodiversity"
    )
    assert normalise_body("task team on sustainable procurement data") == (
        "Task Team on Sustainable Procurement Data"
    )
    assert normalise_body("the UN E-waste Coalition’s") == "UN E-waste Coalition's"


def test_body_key_ignores_case_signs_the_and_abbreviations() -> None:
    assert body_key("the IMG on Human Rights and Environment") == body_key(
        "Issue Management Group on human rights and the environment"
    )
    assert body_key("UN E-waste Coalition") == body_key("United Nations E waste coalition")
    assert body_key("Nexus Dialogue series") == body_key("Nexus Dialogues series")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Issue Management Group on X", "issue_management_group"),
        ("IMG on X", "issue_management_group"),
        ("Task Team on X", "task_team"),
        ("Task Force on X", "task_team"),
        ("Consultative Process on X", "consultative_process"),
        ("UN E-waste Coalition", "coalition"),
        ("EMG Nexus Dialogues", "dialogue"),
        ("Environmental Management Peer Reviews", "other"),
    ],
)
def test_body_type(name: str, kind: str) -> None:
    assert body_type(name) == kind


# --------------------------------------------------------------------------- alias files


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_alias_file_adds_other_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Task Team on Gender and the Environment:\n- Gender Task Team\n"
        "UN E-waste Coalition: [UN Coalition on Electronic Waste]\n",
    )
    text = "the Gender Task Team and the UN Coalition on Electronic Waste"
    assert [m.name for m in vocabulary([path]).mentions(text)] == [
        "Task Team on Gender and the Environment",
        "UN E-waste Coalition",
    ]
    assert list(vocabulary().mentions("the Gender Task Team")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "expected a mapping of body names to lists of their other names"),
        ("Task Team on X: 3\n", "Task Team on X: expected a list of names (text)"),
        ("Task Team on X: [a, '']\n", "Task Team on X: expected a list of names (text)"),
        ("Task Team on X: [a]\nTask Team on X: [b]\n", 'line 2: duplicate key "Task Team on X"'),
        (
            "Task Team on X: [Gender Team]\nTask Team on Y: [gender team]\n",
            "'gender team' is a name of both 'Task Team on X' and 'Task Team on Y'",
        ),
        (
            "Task Team on X: [Issue Management Group on X]\n",
            "'Issue Management Group on X' is not of the type of 'Task Team on X': a body that "
            "changes type is renamed (an event), not another name",
        ),
        ("Task Team on X: [a\n", "line 2: "),
        ("Task Team on X: *anchor\n", "line 1: "),
    ],
)
def test_a_bad_alias_file_is_one_line_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as caught:
        vocabulary([path])
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 2


def test_an_alias_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        vocabulary([tmp_path / "missing.yaml"])
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"Task Team on X: [caf\xe9]\n")
    with pytest.raises(VocabularyError, match="not UTF-8 text"):
        vocabulary([bad])


def test_an_empty_alias_file_adds_nothing(tmp_path: Path) -> None:
    assert load_aliases(write(tmp_path, "# nothing yet\n")) == {}


def test_a_name_in_lower_case_ends_before_and_with_a_verb() -> None:
    words = vocabulary()
    text = "Welcome the report of the Issue Management Group on chemicals and waste and request it"
    (mention,) = [m for m in words.mentions(text) if m.type is not None]
    assert mention.text == "the Issue Management Group on chemicals and waste"


def test_a_year_that_ends_a_name_is_no_part_of_it() -> None:
    words = vocabulary()
    text = "renew the Consultative Process on Biodiversity for 2016-2017"
    assert [m.text for m in words.mentions(text) if m.type is not None] == [
        "the Consultative Process on Biodiversity"
    ]
