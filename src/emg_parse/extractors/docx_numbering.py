"""Word automatic numbering: compute the label Word shows in front of a paragraph.

Word does not store list labels ("a)", "IV.", "1.2.") in the paragraph text; it
computes them while laying out the document from ``word/numbering.xml``.  This
module reproduces that computation for the purpose of text extraction.

Model (ECMA-376 Part 1, §17.9)
------------------------------
* ``w:abstractNum`` holds up to nine ``w:lvl`` (level) definitions: ``w:start``
  (default **0** per §17.9.25), ``w:numFmt`` (default ``decimal``), ``w:lvlText``
  with ``%1``..``%9`` placeholders, ``w:lvlRestart``, ``w:isLgl``, ``w:suff``
  and ``w:pStyle``.  An abstractNum carrying ``w:numStyleLink`` is only a
  pointer: the numbering *style* it names has a ``numPr/numId`` whose num's
  abstractNum (the one with the matching ``w:styleLink``) holds the definition.
* ``w:num`` (a numbering *instance*, what a paragraph's ``w:numId`` points at)
  names an abstractNum and may carry ``w:lvlOverride`` elements, each with a
  ``w:startOverride`` and/or a complete replacement ``w:lvl``.

Counter semantics (the choices made here)
-----------------------------------------
* **Counters belong to the abstract definition, not to the num.**  All nums that
  point at the same abstractNum (after ``numStyleLink`` indirection) advance one
  shared set of nine counters, so a list split across several numIds continues.
  This is what ECMA-376 §17.9 describes (the running count is tracked for the
  abstract numbering definition; see also the ``startOverride`` description,
  §17.9.27: "the first instance of a numbering paragraph associated with this
  abstract numbering definition and numbering level ...") and what Word shows;
  other renderers converged on the same reading after comparing with Word, e.g.
  yukiyokotani/office-open-xml-viewer PR #590 ("share list counters per
  abstractNum + honor startOverride restart"), firecrawl/anydoc PR #129,
  superdoc/docx-editor PR #1265 and openlawlibrary/python-docx PR #136.
* **startOverride restarts.**  The first time a num that carries
  ``w:startOverride`` for some levels is used (any level), each of those levels
  is reset, so it next counts from the override value.  Later paragraphs of the
  same num continue the shared counter; a *different* num on the same abstract
  without overrides continues it too.  The override value is also that num's
  start value whenever the level restarts later (§17.9.27: "used when this level
  initially starts ... as well as whenever it is restarted via lvlRestart").
  A ``w:lvlOverride`` holding a full ``w:lvl`` replaces the level's format for
  that num; its ``w:start`` is the num's start value for the level but is not
  by itself treated as a restart (only ``startOverride`` is).
* When a level is used, every deeper level restarts (is reset to "not started")
  unless its ``w:lvlRestart`` says otherwise: ``0`` = never restart, ``N`` =
  restart only when a level ``< N`` (1-based, i.e. 0-based index ``<= N-1``) is
  used.  A not-started level shown through a placeholder displays its start
  value.
* Bullet levels (``numFmt="bullet"``) and picture bullets count like any level
  (Word does) but produce **no label**.
* A ``%N`` placeholder for a level deeper than the paragraph's level makes Word
  ignore the whole ``lvlText`` ([MS-OI29500] 2.1.283 c): no label.
* ``w:isLgl`` shows every placeholder of that level as decimal.
* Unknown formats (``cardinalText``, ``chicago``, ``ideographDigital``, ...)
  fall back to decimal; ``none`` shows nothing for that placeholder.

Anything malformed (unknown ids, missing levels, non-numeric values, loops in
``numStyleLink``) produces no label; the resolver never raises.

Limits (Word's, so that a hostile ``numbering.xml`` cannot make labels huge)
------------------------------------------------------------------------------
* A start value (``w:start``, ``w:startOverride``) outside 0..:data:`MAX_START`
  (32767: the range Word documents for the start of line numbering, [MS-OI29500]
  2.1.215, applied to lists too) is read as the nearest of the two.  Counters then grow by one a
  paragraph, so they stay below 32767 plus the number of paragraphs.
* Only the first :data:`MAX_LVL_TEXT` (64) characters of a ``w:lvlText`` are read:
  Word allows at most nine placeholders and a label of 31 characters.
* A label longer than :data:`MAX_LABEL` (31 characters, the most Word allows,
  [MS-OI29500] 2.1.283) is cut to its first 31 characters; a roman numeral or a
  run of letters is never built longer than that (Word repeats ``M`` for the
  thousands and a letter once more for each 26: 10^12 would be a billion
  characters).
* :attr:`NumberingResolver.capped` counts the labels that one of these limits
  changed (the Word extractor reports them as one ``numbering_capped`` warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from emg_parse.extractors.wordml import MC, W
from emg_parse.extractors.wordml import int_val as _int_val
from emg_parse.extractors.wordml import val as _val
from emg_parse.labels import int_to_letter, int_to_roman
from emg_parse.ordinals import ordinal_suffix

_W = W
_MC = MC

#: Word has nine list levels, 0..8.
LEVELS = 9
#: The largest start value read (Word's for line numbering, [MS-OI29500] 2.1.215:
#: 0..32767); the smallest is 0.
MAX_START = 32767
#: The longest label ([MS-OI29500] 2.1.283: at most 31 characters once the
#: placeholders are replaced).
MAX_LABEL = 31
#: The most characters of a ``w:lvlText`` read (Word's nine placeholders and 31
#: characters of label fit in far fewer).
MAX_LVL_TEXT = 64

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN_FORMATS = frozenset(("upperRoman", "lowerRoman"))
_LETTER_FORMATS = frozenset(("upperLetter", "lowerLetter"))
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}


# --------------------------------------------------------------------------- formats


def format_number(n: int, num_fmt: str) -> str:
    """Format ``n`` as Word's ``w:numFmt`` value ``num_fmt`` would show it.

    Bullets and ``none`` give ``""``; formats not implemented fall back to decimal.
    A roman numeral or letter run longer than :data:`MAX_LABEL` is given only one
    character longer than that (all a label can show of it).
    """
    if num_fmt in ("bullet", "none"):
        return ""
    if num_fmt == "decimal":
        return str(n)
    if num_fmt in _ROMAN_FORMATS and n // 1000 > MAX_LABEL:
        n = (MAX_LABEL + 1) * 1000  # its first MAX_LABEL + 1 characters are all M
    elif num_fmt in _LETTER_FORMATS and (n - 1) // 26 >= MAX_LABEL:
        n = MAX_LABEL * 26 + (n - 1) % 26 + 1  # the same letter, MAX_LABEL + 1 times
    if num_fmt in _ROMAN_FORMATS or num_fmt in _LETTER_FORMATS:
        if n < 1:
            return str(n)
        upper = num_fmt.startswith("upper")
        to_text = int_to_roman if num_fmt in _ROMAN_FORMATS else int_to_letter
        return to_text(n, upper=upper)
    if num_fmt == "decimalZero":
        return f"0{n}" if 0 <= n < 10 else str(n)
    if num_fmt == "ordinal":
        return f"{n}{ordinal_suffix(n)}"
    if num_fmt == "decimalEnclosedParen":
        return f"({n})"
    if num_fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if num_fmt == "decimalEnclosedCircle":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
    return str(n)


def expand_lvl_text(
    lvl_text: str,
    values: Mapping[int, int],
    formats: Mapping[int, str],
    *,
    current_level: int,
    legal: bool = False,
) -> str | None:
    """Replace ``%1``..``%9`` in ``lvl_text`` by formatted counter values.

    ``values`` and ``formats`` are keyed by 0-based level.  Returns None when a
    placeholder names a level deeper than ``current_level`` (Word then ignores the
    whole lvlText) or a level with no value.  A ``%`` not followed by 1-9 is kept.
    """
    failed = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal failed
        level = int(match.group(1)) - 1
        if level > current_level or level not in values:
            failed = True
            return ""
        fmt = "decimal" if legal else formats.get(level, "decimal")
        return format_number(values[level], fmt)

    text = _PLACEHOLDER.sub(substitute, lvl_text)
    return None if failed else text


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class LevelDef:
    """One ``w:lvl``."""

    start: int = 0
    num_fmt: str = "decimal"
    lvl_text: str | None = None
    #: ``w:lvlRestart`` value (1-based level; 0 = never); None = default behaviour.
    restart: int | None = None
    is_lgl: bool = False
    suffix: str = "\t"
    p_style: str | None = None
    picture_bullet: bool = False
    #: The levels (0-based) whose values the lvlText shows.
    shown: frozenset[int] = frozenset()
    #: A limit changed the start value or the lvlText (see the module docstring).
    capped: bool = False

    @property
    def is_bullet(self) -> bool:
        return self.num_fmt == "bullet" or self.picture_bullet


@dataclass(slots=True)
class AbstractDef:
    levels: dict[int, LevelDef] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass(slots=True)
class NumDef:
    abstract_id: int
    #: level -> (start value, whether a limit changed it)
    start_overrides: dict[int, tuple[int, bool]] = field(default_factory=dict)
    level_overrides: dict[int, LevelDef] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ListLabel:
    """A computed label and the separator Word puts after it (from ``w:suff``)."""

    text: str
    suffix: str = "\t"


def _on(el: etree._Element | None) -> bool:
    if el is None:
        return False
    value = _val(el)
    return value is None or value.strip().lower() not in ("0", "false", "off")


def _start(value: int | None) -> tuple[int, bool]:
    """A start value within 0..MAX_START (None: the default 0), and whether it was not."""
    if value is None:
        return 0, False
    bounded = min(max(value, 0), MAX_START)
    return bounded, bounded != value


def _parse_level(lvl: etree._Element) -> LevelDef:
    start, start_capped = _start(_int_val(lvl.find(_W + "start")))
    num_fmt_el = lvl.find(_W + "numFmt")
    if num_fmt_el is None:
        # Word 2010+ writes custom formats as mc:AlternateContent with a Fallback.
        num_fmt_el = lvl.find(f"{_MC}AlternateContent/{_MC}Fallback/{_W}numFmt")
    num_fmt = _val(num_fmt_el) or "decimal"
    lvl_text_el = lvl.find(_W + "lvlText")
    lvl_text = _val(lvl_text_el)
    if lvl_text is None and lvl_text_el is not None and _on(lvl_text_el.find(_W + "null")):
        lvl_text = ""
    text_capped = lvl_text is not None and len(lvl_text) > MAX_LVL_TEXT
    if lvl_text is not None and text_capped:
        lvl_text = lvl_text[:MAX_LVL_TEXT]
    suffix = _SUFFIXES.get(_val(lvl.find(_W + "suff")) or "tab", "\t")
    return LevelDef(
        start=start,
        num_fmt=num_fmt,
        lvl_text=lvl_text,
        restart=_int_val(lvl.find(_W + "lvlRestart")),
        is_lgl=_on(lvl.find(_W + "isLgl")),
        suffix=suffix,
        p_style=_val(lvl.find(_W + "pStyle")),
        picture_bullet=lvl.find(_W + "lvlPicBulletId") is not None,
        shown=frozenset(int(m.group(1)) - 1 for m in _PLACEHOLDER.finditer(lvl_text or "")),
        capped=start_capped or text_capped,
    )


def _level_index(el: etree._Element) -> int | None:
    raw = el.get(_W + "ilvl")
    try:
        index = int(str(raw).strip()) if raw is not None else None
    except ValueError:
        return None
    return index if index is not None and 0 <= index < LEVELS else None


def parse_numbering(
    elements: Iterable[etree._Element] | None,
) -> tuple[dict[int, AbstractDef], dict[int, NumDef]]:
    """Read the children of ``w:numbering`` (the element itself will do) into abstract
    and num definitions; bad entries are skipped."""
    abstracts: dict[int, AbstractDef] = {}
    nums: dict[int, NumDef] = {}
    for el in elements if elements is not None else ():
        if el.tag == _W + "abstractNum":
            _add_abstract(el, abstracts)
        elif el.tag == _W + "num":
            _add_num(el, nums)
    return abstracts, nums


def _add_abstract(abstract: etree._Element, abstracts: dict[int, AbstractDef]) -> None:
    try:
        abstract_id = int(str(abstract.get(_W + "abstractNumId")).strip())
    except ValueError:
        return
    definition = AbstractDef(num_style_link=_val(abstract.find(_W + "numStyleLink")))
    for lvl in abstract.iterchildren(_W + "lvl"):
        index = _level_index(lvl)
        if index is not None and index not in definition.levels:
            definition.levels[index] = _parse_level(lvl)
    abstracts.setdefault(abstract_id, definition)


def _add_num(num: etree._Element, nums: dict[int, NumDef]) -> None:
    try:
        num_id = int(str(num.get(_W + "numId")).strip())
    except ValueError:
        return
    abstract_ref = _int_val(num.find(_W + "abstractNumId"))
    if abstract_ref is None:
        return
    num_def = NumDef(abstract_id=abstract_ref)
    for override in num.iterchildren(_W + "lvlOverride"):
        index = _level_index(override)
        if index is None:
            continue
        start = _int_val(override.find(_W + "startOverride"))
        if start is not None:
            num_def.start_overrides[index] = _start(start)
        override_lvl = override.find(_W + "lvl")
        if override_lvl is not None:
            num_def.level_overrides[index] = _parse_level(override_lvl)
    nums.setdefault(num_id, num_def)


# --------------------------------------------------------------------------- resolver


@dataclass(slots=True)
class _Counters:
    values: list[int | None] = field(default_factory=lambda: [None] * LEVELS)


class NumberingResolver:
    """Feed it every paragraph in reading order; it returns each paragraph's label.

    ``numbering`` is the children of ``word/numbering.xml``'s root, as a stream or
    the root element itself (or None when the document has none).
    ``style_numbering`` maps a paragraph/numbering style id to the ``(numId,
    ilvl)`` its ``pPr/numPr`` gives, already resolved through the style's
    ``basedOn`` chain (either may be None).
    """

    def __init__(
        self,
        numbering: Iterable[etree._Element] | None,
        style_numbering: Mapping[str, tuple[int | None, int | None]] | None = None,
    ) -> None:
        self._abstracts, self._nums = parse_numbering(numbering)
        self._style_numbering: Mapping[str, tuple[int | None, int | None]] = style_numbering or {}
        self._counters: dict[int, _Counters] = {}
        self._used_nums: set[int] = set()
        self._levels_cache: dict[int, tuple[int, dict[int, LevelDef]] | None] = {}
        #: numIds referenced by paragraphs but not defined (for diagnostics).
        self.unknown_num_ids: set[int] = set()
        #: Labels that a limit changed (see the module docstring).
        self.capped = 0

    # -- public API --------------------------------------------------------

    def next_label(
        self,
        num_id: int | None,
        ilvl: int | None,
        style_id: str | None = None,
    ) -> ListLabel | None:
        """Advance the counters for one paragraph and return its label, or None.

        ``num_id``/``ilvl`` are the values of the paragraph's own ``w:numPr``
        (None when absent); ``style_id`` its paragraph style, whose numbering
        applies when the paragraph has none of its own.  ``num_id == 0`` switches
        numbering off.  Never raises.
        """
        try:
            return self._next_label(num_id, ilvl, style_id)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            return None

    def label(
        self, num_id: int | None, ilvl: int | None, style_id: str | None = None
    ) -> str | None:
        """Like :meth:`next_label` but only the label text."""
        result = self.next_label(num_id, ilvl, style_id)
        return None if result is None else result.text

    # -- internals ---------------------------------------------------------

    def _next_label(
        self, num_id: int | None, ilvl: int | None, style_id: str | None
    ) -> ListLabel | None:
        style_num, style_ilvl = (None, None)
        if style_id is not None:
            style_num, style_ilvl = self._style_numbering.get(style_id, (None, None))
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id <= 0:
            return None
        resolved = self._levels_for(num_id)
        if resolved is None:
            self.unknown_num_ids.add(num_id)
            return None
        abstract_key, levels = resolved
        level = ilvl
        if level is None:
            level = style_ilvl
        if level is None and style_id is not None:
            level = next((i for i, d in sorted(levels.items()) if d.p_style == style_id), None)
        if level is None:
            level = 0
        if not 0 <= level < LEVELS or level not in levels:
            return None
        counters = self._counters.setdefault(abstract_key, _Counters()).values
        num = self._nums[num_id]
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for overridden in num.start_overrides:
                counters[overridden] = None
        definition = levels[level]
        current = counters[level]
        counters[level] = definition.start if current is None else current + 1
        for deeper in range(level + 1, LEVELS):
            deeper_def = levels.get(deeper)
            restart = deeper_def.restart if deeper_def is not None else None
            if restart is None or restart > deeper or restart < 0:
                counters[deeper] = None  # default: restart after any shallower level
            elif restart != 0 and level <= restart - 1:
                counters[deeper] = None
        if definition.is_bullet or definition.lvl_text is None:
            return None
        values: dict[int, int] = {}
        formats: dict[int, str] = {}
        for index in range(level + 1):
            index_def = levels.get(index)
            value = counters[index]
            if value is None:
                value = index_def.start if index_def is not None else 0
            values[index] = value
            formats[index] = index_def.num_fmt if index_def is not None else "decimal"
        text = expand_lvl_text(
            definition.lvl_text, values, formats, current_level=level, legal=definition.is_lgl
        )
        if text is None:
            return None
        capped = (
            len(text) > MAX_LABEL
            or definition.capped
            or any(levels[shown].capped for shown in definition.shown if shown in levels)
        )
        text = text[:MAX_LABEL].strip()
        if not text:
            return None
        self.capped += capped
        return ListLabel(text, definition.suffix)

    def _levels_for(self, num_id: int) -> tuple[int, dict[int, LevelDef]] | None:
        """The counter key (resolved abstract id) and effective levels of a num."""
        if num_id in self._levels_cache:
            return self._levels_cache[num_id]
        result: tuple[int, dict[int, LevelDef]] | None = None
        num = self._nums.get(num_id)
        if num is not None:
            abstract_id = self._resolve_abstract(num.abstract_id)
            if abstract_id is not None:
                levels = dict(self._abstracts[abstract_id].levels)
                levels.update(num.level_overrides)
                for index, (start, capped) in num.start_overrides.items():
                    if index in levels:
                        level = levels[index]
                        levels[index] = replace(level, start=start, capped=level.capped or capped)
                result = (abstract_id, levels)
        self._levels_cache[num_id] = result
        return result

    def _resolve_abstract(self, abstract_id: int) -> int | None:
        """Follow ``numStyleLink`` -> style ``numPr`` -> num -> abstractNum (loop-safe)."""
        seen: set[int] = set()
        current = abstract_id
        while current not in seen:
            seen.add(current)
            abstract = self._abstracts.get(current)
            if abstract is None:
                return None
            link = abstract.num_style_link
            if link is None:
                return current
            linked_num_id, _ = self._style_numbering.get(link, (None, None))
            linked_num = self._nums.get(linked_num_id) if linked_num_id is not None else None
            if linked_num is None:
                # Dangling link: use the definition's own levels if it has any.
                return current if abstract.levels else None
            current = linked_num.abstract_id
        return None
