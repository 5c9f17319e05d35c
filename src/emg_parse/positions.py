"""Load YAML or JSON text and remember where every value and key is.

:func:`load_yaml` and :func:`load_json` return a :class:`Tree`: the plain data
(dicts, lists, scalars, as ``yaml.safe_load`` / ``json.loads`` would give) plus the
position of every value and every mapping key, addressed by its *path* -- the tuple of
keys and list indices from the root, ``("sections", 3, "decisions", 0, "label")``.

Positions are 1-based ``(line, column)``, columns counted in characters.  A mapping's
position is its first key in block style (its ``{`` in flow style or JSON), so "the
mapping that lacks a field" can be pointed at.

Both loaders are linear, never raise anything but :class:`LoadError`, and report
what ``yaml.safe_load`` and ``json.loads`` accept silently as :class:`Issue` s:

* a **duplicate key** (both keep the last value; so does the tree), reported at the
  second occurrence;
* in YAML, an **alias** (``*name``; emg-parse never writes them), a **tag** no safe
  loader understands (``!!python/object``), and a value that cannot be constructed.

A syntax error is fatal: :class:`LoadError` with its position and a message that
says what to do for the common pitfalls (tabs in indentation, an unquoted ``: ``).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

#: Keys and list indices from the root to a value.
Path = tuple[str | int, ...]

#: Deeper nesting than this is refused (emg-parse writes about 10 levels).
MAX_DEPTH = 200
#: Longer numbers are refused (emg-parse writes none longer than a page count):
#: converting one costs time that grows with the square of its length.
MAX_NUMBER_LENGTH = 100
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class Pos(NamedTuple):
    """A 1-based line and column (in characters)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Issue:
    """Something a plain loader accepts silently but a hand-edited file should not have."""

    pos: Pos
    path: Path
    code: str
    message: str


@dataclass
class Tree:
    """Loaded data and where each part of it is in the text."""

    data: Any
    #: Where each value starts (a mapping or list: where it opens).
    values: dict[Path, Pos] = field(default_factory=dict)
    #: Where the key of each mapping entry is.
    keys: dict[Path, Pos] = field(default_factory=dict)
    #: YAML only: unquoted scalars that did not load as strings, with their text
    #: (``yes`` -> True, ``1.0`` -> 1.0, an empty value -> None).
    unquoted: dict[Path, str] = field(default_factory=dict)
    #: Paths whose value is a stand-in (an alias): not worth a second problem.
    stand_ins: set[Path] = field(default_factory=set)
    issues: list[Issue] = field(default_factory=list)

    def position(self, path: Path) -> Pos:
        """Where ``path`` is, or the nearest enclosing value that is known."""
        for end in range(len(path), -1, -1):
            pos = self.values.get(path[:end])
            if pos is not None:
                return pos
        return Pos(1, 1)


class LoadError(Exception):
    """The text is not well-formed YAML or JSON (only the first error is known)."""

    def __init__(self, pos: Pos, code: str, message: str) -> None:
        self.pos = pos
        self.code = code
        self.message = message
        super().__init__(f"{pos.line}:{pos.column}: {message}")


class _Lines:
    """Character offset -> :class:`Pos`, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(self, offset: int) -> Pos:
        line = bisect.bisect_right(self.starts, offset)
        return Pos(line, offset - self.starts[line - 1] + 1)


def describe_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def duplicate_message(key: str, first: Pos, again: Pos) -> str:
    where = f"line {first.line}" + (f", column {first.column}" if first.line == again.line else "")
    return f"duplicate key {describe_key(key)} (first at {where}); only the last one would be kept"


# --------------------------------------------------------------------------- YAML


class _AliasNode(yaml.ScalarNode):
    """Stands in for an alias (``*name``), which is reported, not followed."""


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            return _AliasNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


def _mark_pos(mark: yaml.Mark | None) -> Pos:
    return Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)


def load_yaml(text: str) -> Tree:
    """Load one YAML document (see the module docstring).  Raises :class:`LoadError`."""
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a byte"
        raise LoadError(
            _Lines(text).pos(int(exc.position)),
            "syntax",
            f"character {char} is not allowed in YAML ({exc.reason})",
        ) from None
    except RecursionError:
        raise LoadError(Pos(1, 1), "syntax", "nested too deeply") from None
    if root is None:
        raise LoadError(
            Pos(1, 1),
            "empty",
            "empty document: expected an emg-parse document (a mapping "
            "with schema_version, source, document, sections and warnings)",
        )
    tree = Tree(data=None)
    tree.data = _YamlWalker(loader, tree).value(root, (), 0)
    return tree


class _YamlWalker:
    def __init__(self, loader: _Loader, tree: Tree) -> None:
        self.loader = loader
        self.tree = tree

    def issue(self, node: yaml.Node, path: Path, code: str, message: str) -> None:
        self.tree.issues.append(Issue(_mark_pos(node.start_mark), path, code, message))

    def value(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.tree.values[path] = _mark_pos(node.start_mark)
        if depth > MAX_DEPTH:
            raise LoadError(
                _mark_pos(node.start_mark), "syntax", f"nested more than {MAX_DEPTH} levels deep"
            )
        if isinstance(node, _AliasNode):
            self.tree.stand_ins.add(path)
            self.issue(
                node,
                path,
                "unsupported",
                "aliases (*name) are not supported in emg-parse files; write the value out in full",
            )
            return None
        if node.tag not in _STANDARD_TAGS and not (
            isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:binary"
        ):
            self.issue(
                node, path, "unsupported", f"unsupported YAML tag {_short_tag(node.tag)}; remove it"
            )
            if isinstance(node, yaml.ScalarNode):
                self.tree.stand_ins.add(path)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or isinstance(key_node, _AliasNode):
                self.issue(key_node, path, "unsupported", "a key must be a plain name")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                again = _mark_pos(key_node.start_mark)
                message = duplicate_message(key, self.tree.keys[child], again)
                self.issue(key_node, child, "duplicate_key", message)
                del result[key]  # keep the order of the last occurrence
            self.tree.keys[child] = _mark_pos(key_node.start_mark)
            result[key] = self.value(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag not in _STANDARD_TAGS and node.tag != "tag:yaml.org,2002:binary":
            return str(node.value)  # reported by value()
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_LENGTH:
            self.issue(
                node,
                path,
                "unsupported",
                f"number too long ({len(node.value)} "
                "characters); emg-parse writes no number this long",
            )
            self.tree.stand_ins.add(path)
            return str(node.value)
        try:
            value = self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # A timestamp-looking value that is no date (2020-13-01) stays a string, so
            # that validation can say what is wrong with it; other failures are issues.
            if node.tag != "tag:yaml.org,2002:timestamp":
                reason = getattr(exc, "problem", None) or str(exc)
                self.issue(node, path, "unsupported", f"cannot read this value: {reason}")
                self.tree.stand_ins.add(path)
            return str(node.value)
        if isinstance(node, yaml.ScalarNode) and node.style is None and not isinstance(value, str):
            self.tree.unquoted[path] = str(node.value)
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _yaml_error(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    pos = _mark_pos(mark)
    problem = exc.problem or exc.context or "not valid YAML"
    char = text[mark.index] if mark is not None and mark.index < len(text) else ""
    line_start = text.rfind("\n", 0, mark.index) + 1 if mark is not None else 0
    at_indent = mark is not None and text[line_start : mark.index].strip(" \t") == ""
    if char == "\t":
        if at_indent:
            return LoadError(pos, "syntax", "tabs are not allowed in YAML indentation; use spaces")
        return LoadError(pos, "syntax", "a tab is not allowed here in YAML; use spaces")
    if exc.context == "expected a single document in the stream":
        return LoadError(
            pos,
            "syntax",
            "a second YAML document ('---') starts here; an emg-parse file holds one document",
        )
    if problem.startswith("found undefined alias"):
        return LoadError(
            pos,
            "unsupported",
            "aliases (*name) are not supported in emg-parse files; write the value out in full",
        )
    for token, name in _TOKEN_NAMES.items():
        problem = problem.replace(token, name)
    context_mark = exc.context_mark
    if exc.context and context_mark is not None and context_mark is not mark:
        where = _mark_pos(context_mark)
        problem += f" ({exc.context} at line {where.line}, column {where.column})"
    hints = []
    if exc.problem == "mapping values are not allowed here":
        hints.append("a value that contains ': ' must be put in quotes, e.g. text: 'Note: this'")
    elif "cannot start any token" in problem and char and char in "@`%":
        hints.append(f"a value starting with {char} must be put in quotes")
    if mark is not None and not problem.startswith("found unexpected end of stream"):
        first = context_mark.line if context_mark is not None else mark.line
        quote = _unclosed_quote(text, first, mark.line)
        if quote is not None:
            hints.append(
                f"the quote at line {quote.line}, column {quote.column} is not closed on its line"
            )
    if problem.startswith("expected <block end>") and not hints:
        hints.append("check the indentation")
    return LoadError(pos, "syntax", "; ".join([problem, *hints]))


_TOKEN_NAMES = {
    "'?'": "a key",
    "'-'": "a list item",
    "'<scalar>'": "a value",
    "'<block mapping start>'": "a mapping",
    "'<block sequence start>'": "a list",
    "'<stream end>'": "the end of the file",
}

#: A quoted value after "key: " or "- " (group 1 is the quote character).
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+|-\s+)?(['"])""")


def _unclosed_quote(text: str, first: int, last: int) -> Pos | None:
    """The first quoted value that is not closed on its line, in lines first..last (0-based).

    emg-parse writes every quoted value on one line, so a quote still open at the end
    of its line is the likely cause of a syntax error further down.
    """
    lines = text.split("\n")
    for number in range(max(first, 0), min(last + 1, len(lines))):
        line = lines[number]
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match.group(1), line[match.end() :]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return Pos(number + 1, match.end())
    return None


# --------------------------------------------------------------------------- JSON

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_DECODER = json.JSONDecoder(strict=True)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def load_json(text: str) -> Tree:
    """Load a JSON document (see the module docstring).  Raises :class:`LoadError`."""
    parser = _JsonParser(text)
    start = parser.skip()
    if start == len(text):
        raise LoadError(
            Pos(1, 1),
            "empty",
            "empty document: expected an emg-parse document "
            "(a JSON object with schema_version, source, ...)",
        )
    tree = Tree(data=None)
    parser.tree = tree
    tree.data, end = parser.value(start, (), 0)
    end = parser.skip(end)
    if end < len(text):
        raise parser.error(end, "extra text after the JSON document")
    return tree


class _JsonParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _Lines(text)
        self.tree = Tree(data=None)

    def skip(self, at: int = 0) -> int:
        match = _WHITESPACE.match(self.text, at)
        assert match is not None
        return match.end()

    def error(self, at: int, message: str, code: str = "syntax") -> LoadError:
        return LoadError(self.lines.pos(at), code, message)

    def unexpected(self, at: int, expected: str) -> LoadError:
        text = self.text
        if at >= len(text):
            return self.error(at, f"unexpected end of file; expected {expected}")
        char = text[at]
        if char == "/":
            return self.error(at, "comments are not allowed in JSON")
        if char == "'":
            return self.error(at, 'JSON strings and keys use double quotes ("...")')
        word = _WORD.match(text, at)
        if word is not None and word.group() in ("NaN", "Infinity"):
            return self.error(at, f"{word.group()} is not allowed in JSON")
        if word is not None and "key" in expected:
            return self.error(at, f'keys must be in double quotes: "{word.group()}"')
        if word is not None and "value" in expected:
            return self.error(
                at,
                f"unexpected word {word.group()!r}; strings must be in "
                "double quotes, and true, false, null are lower-case",
            )
        return self.error(at, f"unexpected {char!r}; expected {expected}")

    def string(self, at: int) -> tuple[str, int]:
        try:
            value, end = _DECODER.raw_decode(self.text, at)
            return str(value), end
        except json.JSONDecodeError as exc:
            message = exc.msg
            if message.startswith("Unterminated string"):
                message = "string not closed with '\"' (strings cannot span lines in JSON)"
            elif message.startswith("Invalid control character"):
                message = "line breaks and tabs inside a JSON string must be written \\n, \\t"
            raise self.error(exc.pos, message) from None

    def value(self, at: int, path: Path, depth: int) -> tuple[Any, int]:
        text = self.text
        self.tree.values[path] = self.lines.pos(at)
        if depth > MAX_DEPTH:
            raise self.error(at, f"nested more than {MAX_DEPTH} levels deep", "syntax")
        char = text[at] if at < len(text) else ""
        if char == "{":
            return self.object(at, path, depth)
        if char == "[":
            return self.array(at, path, depth)
        if char == '"':
            return self.string(at)
        number = _NUMBER.match(text, at)
        if number is not None and number.end() > at:
            token = number.group()
            if len(token) > MAX_NUMBER_LENGTH:
                raise self.error(
                    at,
                    f"number too long ({len(token)} characters); emg-parse "
                    "writes no number this long",
                )
            is_float = number.group(1) is not None or number.group(2) is not None
            return (float(token) if is_float else int(token)), number.end()
        word = _WORD.match(text, at)
        if word is not None and word.group() in _LITERALS:
            return _LITERALS[word.group()], word.end()
        raise self.unexpected(at, "a value")

    def object(self, start: int, path: Path, depth: int) -> tuple[dict[str, Any], int]:
        text = self.text
        result: dict[str, Any] = {}
        at = self.skip(start + 1)
        if text.startswith("}", at):
            return result, at + 1
        while True:
            if not text.startswith('"', at):
                if text.startswith("}", at) and result:
                    raise self.error(at, "trailing comma before '}' is not allowed in JSON")
                if at >= len(text):
                    raise self.unclosed(start, "{")
                raise self.unexpected(at, "a key in double quotes")
            key, after = self.string(at)
            child = (*path, key)
            if key in result:
                message = duplicate_message(key, self.tree.keys[child], self.lines.pos(at))
                self.tree.issues.append(Issue(self.lines.pos(at), child, "duplicate_key", message))
                del result[key]
            self.tree.keys[child] = self.lines.pos(at)
            at = self.skip(after)
            if not text.startswith(":", at):
                raise self.unclosed(start, "{") if at >= len(text) else self.unexpected(at, "':'")
            at = self.skip(at + 1)
            if at >= len(text):
                raise self.unclosed(start, "{")
            result[key], at = self.value(at, child, depth + 1)
            at = self.skip(at)
            if text.startswith("}", at):
                return result, at + 1
            if not text.startswith(",", at):
                if at >= len(text):
                    raise self.unclosed(start, "{")
                raise self.unexpected(at, "',' or '}'")
            at = self.skip(at + 1)

    def array(self, start: int, path: Path, depth: int) -> tuple[list[Any], int]:
        text = self.text
        result: list[Any] = []
        at = self.skip(start + 1)
        if text.startswith("]", at):
            return result, at + 1
        while True:
            if text.startswith("]", at):
                raise self.error(at, "trailing comma before ']' is not allowed in JSON")
            if at >= len(text):
                raise self.unclosed(start, "[")
            item, at = self.value(at, (*path, len(result)), depth + 1)
            result.append(item)
            at = self.skip(at)
            if text.startswith("]", at):
                return result, at + 1
            if not text.startswith(",", at):
                if at >= len(text):
                    raise self.unclosed(start, "[")
                raise self.unexpected(at, "',' or ']'")
            at = self.skip(at + 1)

    def unclosed(self, start: int, bracket: str) -> LoadError:
        where = self.lines.pos(start)
        closing = "}" if bracket == "{" else "]"
        return self.error(
            len(self.text),
            f"unexpected end of file: the {bracket!r} at line "
            f"{where.line}, column {where.column} is not closed with "
            f"{closing!r}",
        )
