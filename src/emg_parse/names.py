"""Names of entities, roles and subsidiary bodies, and the one pattern that finds them.

The vocabulary comes from two bundled files (their formats are documented in them):
``data/entities.yaml`` (the EMG's member entities with their abbreviations and other
names, the generic roles such as "EMG Secretariat" or "relevant EMG members", and the
Group's own names) and ``data/aliases.yaml`` (the other names of subsidiary bodies), to
which a user may add alias files of the same format (:func:`load_aliases`).

:meth:`Vocabulary.mentions` finds every name in a text in one left-to-right pass of one
compiled pattern; at each place the first of these that matches is taken:

1. **A body by its full name**, whatever the bundled lists say: a body type ("Issue
   Management Group", "IMG", "Task Team", "Task Force", "Consultative Process",
   "Coalition", in any case but "IMG") followed by "on" or "for" and a name in capitals
   (its first word starts with a capital letter, the others with a capital or a digit)
   ("Consultative Process on COVID-19 and the Environment") or "on" and one to five
   words in lower case, joined by spaces or "and", that ends at a sign, the end of the
   text, an infinitive, "in order to" or "and" before an operative verb ("the Issue
   Management Group on digital transformation;", "... on chemicals and waste and request",
   but not "inform the Coalition on progress made in ..."); or a type after one or two
   naming words in capitals ("UN E-waste Coalition", "SDS Coalition": an acronym other
   than UN and EMG, or a hyphenated word); or "Nexus Dialogue(s)" (with "series", or "on"
   and a name).  "UN", "United Nations" or "EMG" may come first.  A name runs over words
   that start with a capital or a digit, joined by spaces, "of", "the", "in", "on",
   "for", "&", "and", "to a/an/the" or a comma -- never into another body type, nor,
   after "and", "to" or a comma, onto an acronym or an organisation's name ("... on
   Biodiversity and UNDP", "... and the Minamata Convention" stop before "and").
2. **A listed role or body name** (a role, a body's name or other name, a name of the
   Group itself), the longest that matches -- unless "of" and a capital follow it: then
   it is part of a longer name ("the Chair of the Task Team" is no EMG Chair, "the
   secretariat of the Minamata Convention" no EMG Secretariat).
   **A listed entity**, the longest that matches, also as "<name> secretariat" and
   "secretariat of (the) <name>" ("the UNCCD secretariat", "the secretariat of the
   Convention on Biological Diversity").  A name written in capitals, digits and signs
   only ("WHO", "ITC") matches only so; the others in any case.
3. **A short form**: "the" or "this" (and "renamed", "new", "same" or "said") before a
   body type alone ("the Task Team", "the IMG", "the renamed Issue Management Group"),
   or "the process" (a Consultative Process); it names no body by itself (see
   :mod:`emg_parse.bodies`).

"the", "all" or "all the" before a name of 1 or 2 is part of the mention's text as
printed ("the EMG Secretariat").  A name starts and ends at a word's edge (a hyphen
joins words: "UNEP" is not found in "UNEP-WCMC").  A body's name is normalised: the
type's words capitalised, "IMG" written out, white space collapsed, and then replaced
by the listed name it is another name of (compared as :func:`body_key` says).  The
pattern's listed names form a trie, so the cost of a pass grows with the text, hardly
with the number of names.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from emg_parse.actions import VOCABULARY
from emg_parse.errors import EmgParseError, unreadable
from emg_parse.model import BodyType

DATA = Path(__file__).resolve().with_name("data")
ENTITIES_FILE = DATA / "entities.yaml"
ALIASES_FILE = DATA / "aliases.yaml"

MentionKind = Literal["entity", "role", "body", "short"]


class VocabularyError(EmgParseError):
    """An entities or alias file that does not have the documented format."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text."""

    start: int
    end: int
    #: As printed, with a "the" or "all" before it.
    text: str
    kind: MentionKind
    #: The normalised name; None for a short form.
    name: str | None
    #: A body's type; None for an entity or a role.
    type: BodyType | None


# --------------------------------------------------------------------------- body types

#: The words of each body type, as a regular expression (lower case), and their
#: normalised spelling.
_TYPES: tuple[tuple[str, str, BodyType], ...] = (
    (r"issue\s+management\s+group", "Issue Management Group", "issue_management_group"),
    (r"img", "Issue Management Group", "issue_management_group"),
    (r"task\s+team", "Task Team", "task_team"),
    (r"task\s+force", "Task Force", "task_team"),
    (r"consultative\s+process", "Consultative Process", "consultative_process"),
    (r"coalition", "Coalition", "coalition"),
    (r"nexus\s+dialogues", "Nexus Dialogues", "dialogue"),
    (r"nexus\s+dialogue", "Nexus Dialogue", "dialogue"),
)
_TYPE_WORDS = re.compile(
    r"\b(?:" + "|".join(f"(?P<t{i}>{words})" for i, (words, _, _) in enumerate(_TYPES)) + r")\b",
    re.IGNORECASE,
)
#: A type's words in a mention (case as rule 1 says).
_TYPE = (
    r"(?:(?i:issue\s+management\s+group|task\s+team|task\s+force|consultative\s+process"
    r"|coalition)|IMG)"
)
_NEXUS = r"(?i:nexus\s+dialogues?(?:\s+series)?)"
_NOT_TYPE = (
    r"(?!(?i:issue\s+management|task\s+team|task\s+force|consultative\s+process"
    r"|coalition|nexus\s+dialogue)\b)(?!IMG\b)"
)
#: After "and", "to" or a comma, a name does not go on onto an acronym ("and UNDP") nor
#: onto an organisation's name ("and the Minamata Convention secretariat": its noun
#: within the next seven words).
_NOT_ACRONYM = (
    r"(?![A-Z][A-Z0-9]+\b)"
    r"(?!(?:(?:the|of|and|for|on|in)\s+|[A-Z][\w'’-]*\s+){0,6}?(?:Conventions?|Secretariat"
    r"|Programme|Program|Organi[sz]ation|Fund|Office|Commission|Agency|Union|Bank|Facility"
    r"|Cent(?:re|er)|University|Institute|Department|Conference|Protocol|Entity)\b)"
)
_REST = r"[\w-]*(?:['’](?!s\b)[\w-]+)*"  # the rest of a name's word, not a possessive "'s"
#: A word of a name: a capital or a digit first, but no year that ends the name ("for
#: 2016-2017" is a term; "the 2030 Agenda" is a name).
_WORD = rf"(?!(?:19|20)\d\d(?:[-–/]\d{{2,4}})?\b(?!\s+[A-Z]))[A-Z0-9]{_REST}"
_JOIN = (
    r"(?:\s+(?:(?:of|the|in|on|for|&)\s+(?:(?:the|a|an)\s+)?)?"
    rf"|\s+and\s+(?:the\s+)?{_NOT_ACRONYM}|,\s+{_NOT_ACRONYM}|\s+to\s+(?:the|a|an)\s+)"
)
_NAME = rf"(?:the\s+)?[A-Z]{_REST}(?:{_JOIN}{_NOT_TYPE}{_WORD})*"
_ON_NAME = rf"\s+(?:on|for)\s+{_NAME}"
#: Words that may not start a name in lower case: short words, and what is reported "on".
_NOT_NAME = (
    r"(?:to|in|with|for|by|at|from|as|on|of|or|and|which|that|it|its|them|their|this|these|those"
    r"|a|an|the|is|are|was|were|be|progress|behalf|developments|matters|issues|activities"
    r"|work|results|updates?|status)\b"
)
_LOWER_WORD = rf"(?!{_NOT_NAME})[a-z][\w-]*"
#: The first words of the operative verbs: "and" before one ends a name in lower case.
_VERB_WORDS = "|".join(
    sorted({form.split()[0] for forms in VOCABULARY.values() for form in forms}, reverse=True)
)
#: A name in lower case ends at a sign, the text's end, an infinitive, "in order to" or
#: "and" with a verb ("... on chemicals and waste and request it to ...").
_LOWER_NAME = (
    rf"{_LOWER_WORD}(?:\s+(?:and\s+(?!(?:{_VERB_WORDS})\b))?{_LOWER_WORD}){{0,4}}"
    r"(?=\s*[,;:.)]|\s*$|\s+to\s+[a-z]|\s+in\s+order\s+to\b"
    rf"|\s+and\s+(?:{_VERB_WORDS})\b)"
)
_SPECIFIC = r"(?:(?!UN\b|EMG\b)[A-Z][A-Z0-9]+|[A-Z][a-z]*-[A-Za-z][\w-]*)"
_FULL = (
    r"(?:(?:UN|United\s+Nations|EMG)\s+)?"
    rf"(?:{_TYPE}(?:{_ON_NAME}|\s+on\s+{_LOWER_NAME})"
    rf"|(?:{_SPECIFIC}\s+){{1,2}}{_TYPE}(?:{_ON_NAME})?"
    rf"|{_NEXUS}(?:{_ON_NAME})?)"
)
_SHORT = (
    r"(?i:the|this)\s+(?:(?i:renamed|new|same|said)\s+)?"
    r"(?:(?i:issue\s+management\s+group|task\s+team|task\s+force|consultative\s+process"
    r"|coalition|process)|IMG)"
)
_DET = r"(?:(?i:the|all(?:\s+the)?)\s+)?"
#: A listed name followed by "of" and a capital is part of a longer name.
_NOT_OF = r"(?!\s+of\s+(?:the\s+)?[A-Z])"


def body_type(name: str) -> BodyType:
    """The type of a body named ``name`` (its type's words; "process" alone is a
    Consultative Process), ``other`` when it has none."""
    m = _TYPE_WORDS.search(name)
    if m is None:
        return "consultative_process" if re.search(r"\bprocess\b", name, re.I) else "other"
    return _TYPES[int(cast(str, m.lastgroup)[1:])][2]


def _type_spelling(m: re.Match[str]) -> str:
    return _TYPES[int(cast(str, m.lastgroup)[1:])][1]


_SMALL_WORDS = frozenset({"and", "of", "the", "on", "for", "in", "to", "a", "an"})


def normalise_body(printed: str) -> str:
    """A body's name as printed, with its type's words capitalised ("IMG" written out),
    straight apostrophes and single spaces, without a leading "the"; a name printed all
    in lower case gets capitals as a title ("on digital transformation" -> "on Digital
    Transformation")."""
    text = re.sub(r"^(?:the|all(?:\s+the)?)\s+", "", " ".join(printed.split()), flags=re.I)
    text = _TYPE_WORDS.sub(_type_spelling, text.replace("’", "'"))
    words = text.split(" ")
    if not any(word[:1].isupper() for word in words[_type_end(words) :]):
        words = [
            word if i < _type_end(words) or word in _SMALL_WORDS else word[:1].upper() + word[1:]
            for i, word in enumerate(words)
        ]
    return " ".join(words)


def _type_end(words: list[str]) -> int:
    """How many of ``words`` come before the name proper: up to the type's "on"/"for"."""
    for i, word in enumerate(words):
        if word in ("on", "for"):
            return i + 1
    return len(words)


_KEY_DROP = re.compile(r"\b(?:the)\b|[^\w\s]")
_KEY_WORDS = {"img": "issue management group", "un": "united nations", "dialogue": "dialogues"}


def body_key(name: str) -> str:
    """What two names of one body have in common: lower case, no "the" and no signs,
    "IMG" and "UN" written out, "Dialogue" as "Dialogues"."""
    words = _KEY_DROP.sub(" ", name.casefold().replace("’", "'")).split()
    return " ".join(_KEY_WORDS.get(word, word) for word in words)


# --------------------------------------------------------------------------- the trie


def _trie_pattern(names: Iterable[str]) -> str:
    """A regular expression matching any of ``names``, the longest first, as a trie (one
    pass down shared prefixes instead of one try per name).  A space in a name matches
    any white space, an apostrophe either apostrophe."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for char, child in node.items():
            if not char:
                continue
            run = char
            while len(child) == 1 and "" not in child:
                ((more, child),) = child.items()
                run += more
            branches.append(_escape(run) + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root) if root else "(?!)"


def _escape(text: str) -> str:
    return re.escape(text).replace("\\ ", r"\s+").replace("'", "['’]")


def _literal_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _exact(name: str) -> bool:
    """A name matched only as written: capitals, digits and signs only ("WHO")."""
    return not any(char.islower() for char in name)


# --------------------------------------------------------------------------- files


def _read(path: Path, *, checked: bool) -> Any:
    """The YAML data of ``path``.  ``checked``: with duplicate keys, aliases and tags
    refused and errors located (user files); else read fast (the bundled files:
    :func:`_bundled`)."""
    if not checked:
        return _bundled(path)
    from emg_parse.positions import LoadError, load_yaml  # only for a user's file

    try:
        tree = load_yaml(_text(path))
    except LoadError as exc:
        if exc.code == "empty":
            return None
        raise VocabularyError(path, f"line {exc.pos.line}: {exc.message}") from None
    if tree.issues:
        issue = tree.issues[0]
        raise VocabularyError(path, f"line {issue.pos.line}: {issue.message}")
    return tree.data


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise unreadable(path, exc) from exc
    except UnicodeDecodeError:
        raise VocabularyError(path, "not UTF-8 text") from None


def _cache_of(path: Path) -> Path | None:
    """Where the data of a bundled file is cached: beside the package's bytecode
    (``__pycache__``, or under ``sys.pycache_prefix``), as Python caches a module's;
    None where this Python caches no bytecode (no ``sys.implementation.cache_tag``)."""
    try:
        cached = importlib.util.cache_from_source(f"{path}.py")
    except NotImplementedError:
        return None
    return Path(cached).with_suffix(".marshal")


def _bundled(path: Path) -> Any:
    """The data of a bundled YAML file, read as Python reads a module: from a cache
    (:mod:`marshal`, :func:`_cache_of`) that holds the file's size and modification
    time, when they are still the file's; else parsed with libyaml and the cache
    written -- unless Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``) or the
    folder is not writable, which only costs the parse (importing PyYAML and reading
    the file: some 20 ms) at each start."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise unreadable(path, exc) from exc
    stamp = [stat.st_size, stat.st_mtime_ns]
    cache = _cache_of(path)
    try:
        cached = marshal.loads(cache.read_bytes()) if cache is not None else None
        if isinstance(cached, list) and len(cached) == 2 and cached[0] == stamp:
            return cached[1]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache, or a damaged one: parse the file
    import yaml

    data = yaml.load(_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if cache is not None and not sys.dont_write_bytecode:
        with contextlib.suppress(ValueError):  # a value marshal cannot hold: no cache
            _write_cache(cache, marshal.dumps([stamp, data]))
    return data


def _write_cache(cache: Path, content: bytes) -> None:
    """Write ``cache`` whole or not at all (a temporary file renamed); never fail."""
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(content)
        os.replace(temporary, cache)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _names(path: Path, value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(path, f"{where}: expected a list of names (text)")
    return [" ".join(v.split()) for v in value]


def load_aliases(path: Path, *, checked: bool = True) -> dict[str, list[str]]:
    """An alias file (format in ``data/aliases.yaml``): each body's normalised name and
    its other names.  Raises :class:`VocabularyError` (or ``InputError`` when the file
    cannot be read)."""
    data = _read(path, checked=checked)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise VocabularyError(
            path, "expected a mapping of body names to lists of their other names"
        )
    aliases: dict[str, list[str]] = {}
    for canonical, others in data.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise VocabularyError(path, f"{canonical!r}: a body's name must be text")
        aliases[" ".join(canonical.split())] = _names(path, others, canonical)
    return aliases


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: Literal["entity", "role", "group"]
    name: str


def _load_entities(path: Path) -> dict[str, _Entry]:
    """Every name of the bundled ``entities.yaml`` as printed -> what it names."""
    data = _read(path, checked=False)
    if not isinstance(data, dict) or set(data) - {"entities", "roles", "group"}:
        raise VocabularyError(path, "expected a mapping with entities, roles and group")
    names: dict[str, _Entry] = {}

    def add(printed: str, entry: _Entry) -> None:
        known = names.setdefault(printed, entry)
        if known != entry:
            raise VocabularyError(path, f"{printed!r} names both {known.name} and {entry.name}")

    for kind in ("entities", "roles"):
        for i, record in enumerate(data.get(kind) or []):
            where = f"{kind}[{i}]"
            if not isinstance(record, dict) or set(record) - {"name", "abbreviation", "aliases"}:
                raise VocabularyError(path, f"{where}: expected name, abbreviation and aliases")
            full = _names(path, record.get("name"), f"{where}.name")
            short = _names(path, record.get("abbreviation"), f"{where}.abbreviation")
            if len(full) != 1 or len(short) > 1 or (short and kind == "roles"):
                raise VocabularyError(
                    path, f"{where}: needs one name (and, for an entity, at most one abbreviation)"
                )
            entry = _Entry("entity" if kind == "entities" else "role", (short or full)[0])
            for printed in [*full, *short, *_names(path, record.get("aliases"), where)]:
                add(printed, entry)
    for printed in _names(path, data.get("group"), "group"):
        add(printed, _Entry("group", "Environment Management Group"))
    return names


# --------------------------------------------------------------------------- vocabulary


class Vocabulary:
    """The names emg-parse recognises, compiled into one pattern (module docstring)."""

    def __init__(
        self,
        entities: dict[str, _Entry],
        aliases: Sequence[dict[str, list[str]]],
        sources: Sequence[Path],
    ) -> None:
        self._names: dict[str, _Entry | tuple[str, BodyType]] = {}
        self._bodies: dict[str, str] = {}  # body_key -> the body's normalised name
        for file_aliases, source in zip(aliases, sources, strict=True):
            self._add_bodies(file_aliases, source)
        tries: dict[str, list[str]] = {"lf": [], "lx": [], "ef": [], "ex": []}
        for printed, entry in entities.items():
            self._register(printed, entry, tries, "e" if entry.kind == "entity" else "l")
        for canonical, others in (pair for group in aliases for pair in group.items()):
            for printed in (canonical, *others):
                target = self._bodies[body_key(printed)]
                self._register(printed, (target, body_type(target)), tries, "l")
        trie = {group: _trie_pattern(names) for group, names in tries.items()}
        self._pattern = re.compile(
            r"(?<![\w-])"
            + _DET
            + "(?:"
            + rf"(?P<full>{_FULL})"
            + rf"|(?:(?P<lf>(?i:{trie['lf']}))|(?P<lx>{trie['lx']})){_NOT_OF}"
            + r"|(?i:secretariat\s+of\s+(?:the\s+)?)?"
            + rf"(?:(?P<ef>(?i:{trie['ef']}))|(?P<ex>{trie['ex']}))(?:\s+(?i:secretariat))?"
            + r")(?![\w]|-\w)"
            + rf"|(?<![\w-])(?P<short>{_SHORT})(?![\w]|-\w)"
        )

    def _add_bodies(self, aliases: dict[str, list[str]], source: Path) -> None:
        for canonical, others in aliases.items():
            name = normalise_body(canonical)
            kind = body_type(name)
            for printed in (canonical, *others):
                key = body_key(printed)
                known = self._bodies.setdefault(key, name)
                if known != name:
                    raise VocabularyError(
                        source, f"{printed!r} is a name of both {known!r} and {name!r}"
                    )
                if (
                    printed is not canonical
                    and _TYPE_WORDS.search(printed)
                    and body_type(printed) != kind
                ):
                    raise VocabularyError(
                        source,
                        f"{printed!r} is not of the type of {name!r}: a body that "
                        "changes type is renamed (an event), not another name",
                    )

    def _register(
        self,
        printed: str,
        entry: _Entry | tuple[str, BodyType],
        tries: dict[str, list[str]],
        branch: str,
    ) -> None:
        if _exact(printed):
            tries[branch + "x"].append(printed)
            self._names[printed] = entry
        else:
            tries[branch + "f"].append(printed.lower())
            self._names.setdefault(_literal_key(printed).lower(), entry)

    def body_name(self, printed: str) -> str:
        """The normalised name of a body printed ``printed`` (its listed name when it is
        another name of a listed body)."""
        name = normalise_body(printed)
        return self._bodies.get(body_key(name), name)

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every name in ``text``, left to right, without overlaps (module docstring);
        the Group's own names are skipped."""
        for m in self._pattern.finditer(text):
            start = m.start()
            printed = text[start : m.end()]
            if m["short"] is not None:
                yield Mention(start, m.end(), printed, "short", None, body_type(m["short"]))
            elif m["full"] is not None:
                name = self.body_name(m["full"])
                yield Mention(start, m.end(), printed, "body", name, body_type(name))
            else:
                exact = m["lx"] or m["ex"]
                entry = self._names[exact or _literal_key(m["lf"] or m["ef"]).lower()]
                if isinstance(entry, tuple):
                    yield Mention(start, m.end(), printed, "body", entry[0], entry[1])
                elif entry.kind != "group":
                    yield Mention(start, m.end(), printed, entry.kind, entry.name, None)


def vocabulary(alias_files: Sequence[Path] = ()) -> Vocabulary:
    """The bundled vocabulary, with the bodies' other names of ``alias_files`` added
    (checked: :class:`VocabularyError` names the file and what is wrong)."""
    return _vocabulary(tuple(alias_files))


@functools.cache
def _vocabulary(alias_files: tuple[Path, ...]) -> Vocabulary:
    aliases = [load_aliases(ALIASES_FILE, checked=False)]
    aliases += [load_aliases(path) for path in alias_files]
    return Vocabulary(_load_entities(ENTITIES_FILE), aliases, (ALIASES_FILE, *alias_files))
