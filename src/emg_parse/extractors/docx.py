"""Word (.docx) extractor: one :class:`~emg_parse.lines.Line` per paragraph, in reading order.

The package is read with :mod:`zipfile` and the WordprocessingML parts are parsed
with lxml directly (no python-docx object model: it is slower and hides the
markup needed for numbering, fields and tracked changes).

Memory and time
---------------
Parts are never held whole: each is inflated and parsed a chunk at a time
(``lxml``'s pull parser), and each child of ``w:body`` (of ``w:styles``,
``w:numbering``) is handled as soon as it is complete and then freed, so memory
holds the largest such element (a paragraph, a table) and the lines made, not the
document; and Python code runs between chunks, so the ``--timeout`` alarm stops a
long document on time.  The lines are counted by a
:class:`~emg_parse.lines.LineBudget`; list labels are held to Word's limits
(:mod:`emg_parse.extractors.docx_numbering`; a ``numbering_capped`` warning says
how many were).

What ends up in the lines
-------------------------
* **Reading order**: the children of ``w:body`` in order -- paragraphs, tables
  (row by row, cell by cell, nested tables recursively where they occur) and the
  content of block-level content controls (``w:sdt``) and ``w:customXml``.
  Headers, footers, footnotes, endnotes and comments live in other parts and are
  never read.  Text boxes (``w:txbxContent`` in a drawing or VML shape) are read
  after the paragraph that anchors them (only one of the ``mc:AlternateContent``
  alternatives is used, so their text is not doubled).
* **Table cells**: ``Line.cell = (column, row)``, 0-based; ``column`` is the grid
  column of the cell (counting ``w:gridBefore`` and the ``w:gridSpan`` of the
  cells before it), ``row`` the index of the ``w:tr`` in its table; ``Line.table``
  numbers the tables in reading order (a nested table has its own number and its
  paragraphs the coordinates within it).  A cell a vertical merge continues
  (``w:vMerge`` without ``restart``) is not read: Word shows the text of the merged
  cell once, in the row where it starts, and the rows it runs over have no text in
  that column.  The table's first row is read like any other (the table stage takes
  it for the header row).
* **Text of a paragraph**: ``w:t`` of runs, including runs inside hyperlinks,
  ``w:ins``/``w:moveTo`` (insertions are kept), smart tags, inline content
  controls and simple fields; ``w:del``/``w:moveFrom``/``w:delText`` are left
  out, as are field instructions (``w:instrText`` and anything between a
  ``fldChar begin`` and ``separate``) -- the field *result* is kept.  Hidden text
  (``w:vanish``) is left out.  ``w:tab``/``w:ptab`` -> ``"\\t"``,
  ``w:noBreakHyphen`` -> ``"-"``, ``w:softHyphen`` -> nothing, ``w:sym`` -> its
  character unless it is a private-use (symbol-font) code.  Footnote reference
  marks are left out.  ``w:br`` (any type) and ``w:cr`` split the paragraph into
  several Lines: the first has ``new_block=True``, the others ``new_block=False``.
  Each Line's text is stripped of surrounding whitespace; empty Lines (and so
  empty paragraphs) are skipped.
* **Automatic numbering**: the label Word displays (computed by
  :mod:`emg_parse.extractors.docx_numbering`) is put in front of the text,
  followed by the separator given by the level's ``w:suff`` (tab by default):
  ``"a)\\tConsider ..."``, exactly like a typed label.  Bullets give no label.
  Empty numbered paragraphs still advance the counters, as in Word.
* **Provenance**: ``Provenance(paragraph=N)`` where N is a 1-based counter over
  *every* ``w:p`` met in reading order -- body paragraphs, table-cell paragraphs
  and text-box paragraphs, including the empty ones that produce no Line.  All
  Lines split from one paragraph share its N.
* **Style**: ``bold``/``italic`` are True when every run holding non-whitespace
  text of the Line is bold/italic.  Run properties are resolved as direct run
  formatting -> the run's character style (``basedOn`` chain) -> the paragraph
  style (``basedOn`` chain, or the default paragraph style) -> ``w:docDefaults``;
  the first level that sets a property wins (Word's XOR of toggle properties
  across style levels is not modelled).  ``size`` is the point size (``w:sz``/2)
  of most of the Line's characters, None if unknown.  ``heading_level``: direct
  ``w:outlineLvl`` N -> N+1; otherwise along the paragraph style's ``basedOn``
  chain the first style named "Title" (1) or "heading N" (N), or carrying
  ``w:outlineLvl`` N (N+1).  ``outlineLvl`` 9 means body text.

Errors
------
Every problem is reported with an :mod:`emg_parse.errors` exception: a file that
is not a readable ZIP -> :class:`InputError`; a ZIP without ``word/document.xml``
-> :class:`UnsupportedFormatError`; a package that would inflate beyond
``max_unpacked_bytes`` (checked from the ZIP directory *before* anything is
decompressed) or with a member compressed more than ``MAX_COMPRESSION_RATIO``
fold -> :class:`TooLargeError`, as is a document of more lines or text than the
:class:`~emg_parse.lines.LineBudget` allows; a malformed ``document.xml`` ->
:class:`InputError`.  Malformed ``styles.xml``/``numbering.xml`` are ignored with a
``docx_damaged_part`` note (the text is still extracted; labels or styles may be
missing).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from emg_parse.errors import (
    EmgParseError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
    unreadable,
)
from emg_parse.extractors import Done, Reading, ReadOptions
from emg_parse.extractors.docx_numbering import MAX_LABEL, MAX_START, NumberingResolver
from emg_parse.extractors.wordml import MC, W_NS, W
from emg_parse.extractors.wordml import int_val as _int_val
from emg_parse.extractors.wordml import val as _val
from emg_parse.lines import Extraction, Line, LineBudget, Provenance, Style
from emg_parse.notices import WarningCode

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_UNPACKED_BYTES",
    "DocxExtractor",
    "extract_docx",
]

#: Default limit on the sum of the uncompressed sizes of all members of the package.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: A member expanding more than this many times (and to more than
#: ``_RATIO_MIN_BYTES``) is treated as a ZIP bomb.  Real Word XML compresses
#: 5-50 fold; deflate cannot exceed ~1030 fold.
MAX_COMPRESSION_RATIO = 300
_RATIO_MIN_BYTES = 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_PART = "word/document.xml"

_NOT_READABLE = (
    "not a readable Word document (damaged or incomplete ZIP); re-save it from Word as .docx"
)
_NOT_WORD = "not a Word document (ZIP without word/document.xml)"

_STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_W_NS = W_NS.encode()
_W = W
#: What zipfile raises for a damaged or unusual archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
)
_MC = MC
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

W_DOCUMENT = _W + "document"
W_BODY = _W + "body"
W_STYLES = _W + "styles"
W_STYLE = _W + "style"
W_DOC_DEFAULTS = _W + "docDefaults"
W_NUMBERING = _W + "numbering"
W_ABSTRACT_NUM = _W + "abstractNum"
W_NUM = _W + "num"
W_P = _W + "p"
W_TBL = _W + "tbl"
W_TC_PR = _W + "tcPr"
W_TR = _W + "tr"
W_TC = _W + "tc"
W_SDT = _W + "sdt"
W_SDT_CONTENT = _W + "sdtContent"
W_CUSTOM_XML = _W + "customXml"
W_R = _W + "r"
W_T = _W + "t"
W_PPR = _W + "pPr"
W_RPR = _W + "rPr"
W_TXBX = _W + "txbxContent"
MC_ALT = _MC + "AlternateContent"
MC_CHOICE = _MC + "Choice"
MC_FALLBACK = _MC + "Fallback"
M_T = _M + "t"

#: Inline containers whose runs are part of the visible text.
_INLINE_CONTAINERS = frozenset(
    _W + tag
    for tag in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
#: Inline content that is not visible text.
_INLINE_SKIPPED = frozenset(_W + tag for tag in ("del", "moveFrom", "pPr"))
_BLOCK_CONTAINERS = frozenset((W_CUSTOM_XML, _W + "ins", _W + "moveTo"))
_TRACKED = frozenset(_W + tag for tag in ("ins", "del", "moveFrom", "moveTo"))
_BREAK = "\n"  # internal marker; never left in a Line
#: The children of ``w:body`` that hold text (all others are skipped).
_BODY_BLOCKS = frozenset((W_P, W_TBL, W_SDT)) | _BLOCK_CONTAINERS | _TRACKED
_RELS_PART = "word/_rels/document.xml.rels"
_RELATIONSHIP = frozenset((_REL + "Relationship",))


#: How every part is parsed: no entities, DTDs or network; libxml2's own limits on
#: depth and text size kept.
_PARSING: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_pis": True,
}
#: Bytes of a part inflated and parsed at a time.
_CHUNK = 1 << 16


# --------------------------------------------------------------------------- small helpers


def _toggle(el: etree._Element | None) -> bool | None:
    """An on/off property: None when absent, else its value (absent ``w:val`` = on)."""
    if el is None:
        return None
    value = _val(el)
    return value is None or value.strip().lower() not in ("0", "false", "off", "none")


def _half_points(el: etree._Element | None) -> float | None:
    value = _val(el)
    if value is None:
        return None
    try:
        size = float(value.strip()) / 2
    except ValueError:
        return None
    return size if size > 0 else None


@dataclass(frozen=True, slots=True)
class _RunProps:
    """Character formatting; None = not set at this level."""

    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None
    hidden: bool | None = None

    def fill(self, other: _RunProps) -> _RunProps:
        """Properties unset here taken from ``other`` (a lower-priority level)."""
        return _RunProps(
            self.bold if self.bold is not None else other.bold,
            self.italic if self.italic is not None else other.italic,
            self.size if self.size is not None else other.size,
            self.hidden if self.hidden is not None else other.hidden,
        )


def _run_props(rpr: etree._Element | None) -> _RunProps:
    if rpr is None:
        return _RunProps()
    return _RunProps(
        bold=_toggle(rpr.find(_W + "b")),
        italic=_toggle(rpr.find(_W + "i")),
        size=_half_points(rpr.find(_W + "sz")),
        hidden=_toggle(rpr.find(_W + "vanish")),
    )


# --------------------------------------------------------------------------- styles


@dataclass(slots=True)
class _StyleDef:
    style_type: str
    name: str
    based_on: str | None
    num_id: int | None
    ilvl: int | None
    outline: int | None
    run: _RunProps


@dataclass(slots=True)
class _Styles:
    styles: dict[str, _StyleDef] = field(default_factory=dict)
    default_paragraph: str | None = None
    defaults: _RunProps = field(default_factory=_RunProps)
    _chains: dict[str, list[_StyleDef]] = field(default_factory=dict)
    _run_cache: dict[tuple[str | None, str | None], _RunProps] = field(default_factory=dict)

    @classmethod
    def parse(cls, elements: Iterable[etree._Element]) -> _Styles:
        """The styles from the children of ``w:styles`` (``w:docDefaults``, ``w:style``)."""
        styles = cls()
        defaults: _RunProps | None = None
        for el in elements:
            if el.tag == W_DOC_DEFAULTS:
                if defaults is None:
                    defaults = _run_props(el.find(f"{_W}rPrDefault/{_W}rPr"))
                continue
            if el.tag != W_STYLE:
                continue
            style_id = el.get(_W + "styleId")
            if style_id is None or str(style_id) in styles.styles:
                continue
            style_type = str(el.get(_W + "type") or "paragraph")
            ppr = el.find(W_PPR)
            num_pr = ppr.find(_W + "numPr") if ppr is not None else None
            styles.styles[str(style_id)] = _StyleDef(
                style_type=style_type,
                name=(_val(el.find(_W + "name")) or "").strip().lower(),
                based_on=_val(el.find(_W + "basedOn")),
                num_id=_int_val(num_pr.find(_W + "numId")) if num_pr is not None else None,
                ilvl=_int_val(num_pr.find(_W + "ilvl")) if num_pr is not None else None,
                outline=_int_val(ppr.find(_W + "outlineLvl")) if ppr is not None else None,
                run=_run_props(el.find(W_RPR)),
            )
            if (
                style_type == "paragraph"
                and str(el.get(_W + "default") or "").lower() in ("1", "true", "on")
                and styles.default_paragraph is None
            ):
                styles.default_paragraph = str(style_id)
        styles.defaults = defaults or _RunProps()
        return styles

    def chain(self, style_id: str | None) -> list[_StyleDef]:
        """The style and its ``basedOn`` ancestors (loop-safe)."""
        if style_id is None:
            return []
        cached = self._chains.get(style_id)
        if cached is not None:
            return cached
        chain: list[_StyleDef] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and len(chain) < 32:
            seen.add(current)
            style = self.styles.get(current)
            if style is None:
                break
            chain.append(style)
            current = style.based_on
        self._chains[style_id] = chain
        return chain

    def paragraph_style(self, p_style: str | None) -> str | None:
        if p_style is not None and p_style in self.styles:
            return p_style
        return self.default_paragraph

    def numbering_map(self) -> dict[str, tuple[int | None, int | None]]:
        """styleId -> (numId, ilvl) from ``pPr/numPr`` through ``basedOn``."""
        result: dict[str, tuple[int | None, int | None]] = {}
        for style_id in self.styles:
            num_id: int | None = None
            ilvl: int | None = None
            for style in self.chain(style_id):
                if num_id is None:
                    num_id = style.num_id
                if ilvl is None:
                    ilvl = style.ilvl
            if num_id is not None or ilvl is not None:
                result[style_id] = (num_id, ilvl)
        return result

    def inherited_run(self, r_style: str | None, p_style: str | None) -> _RunProps:
        """Run properties from character style, paragraph style and defaults."""
        key = (r_style, p_style)
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        props = _RunProps()
        for style in self.chain(r_style):
            props = props.fill(style.run)
        for style in self.chain(p_style):
            props = props.fill(style.run)
        props = props.fill(self.defaults)
        self._run_cache[key] = props
        return props

    def heading_level(self, p_style: str | None) -> int | None:
        for style in self.chain(p_style):
            if style.name == "title":
                return 1
            if style.name.startswith("heading "):
                suffix = style.name[len("heading ") :].strip()
                if suffix.isdigit() and 1 <= int(suffix) <= 9:
                    return int(suffix)
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 8 else None
        return None


# --------------------------------------------------------------------------- package


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise unreadable(path, exc, folder="is a folder, not a Word document") from exc
    except _ZIP_ERRORS as exc:
        raise InputError(path, _NOT_READABLE) from exc


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], limit: int) -> None:
    total = sum(max(info.file_size, 0) for info in infos)
    if total > limit:
        raise TooLargeError(
            path,
            f"too large when unpacked ({total / 1048576:.1f} MB > limit "
            f"{limit / 1048576:.1f} MB); this is not an ordinary outcome document "
            "-- remove embedded media or split the document",
        )
    for info in infos:
        if info.file_size <= _RATIO_MIN_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise TooLargeError(
                path,
                f"too large when unpacked ({info.filename} would expand "
                f"{ratio:.0f}-fold to {info.file_size / 1048576:.1f} MB, over the "
                f"{MAX_COMPRESSION_RATIO}-fold limit); the file looks like a ZIP bomb, "
                "not a Word document",
            )


class _Package:
    """An open Word package whose XML parts are read as streams (:meth:`elements`)."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, limit: int) -> None:
        infos = archive.infolist()
        self.names = {info.filename for info in infos}
        if DOCUMENT_PART not in self.names:
            raise UnsupportedFormatError(path, _NOT_WORD)
        _check_sizes(path, infos, limit)
        self.path = path
        self.archive = archive
        self.limit = limit
        targets: dict[str, str] = {}
        try:
            for rel in self.elements(_RELS_PART, (_REL + "Relationships",), _RELATIONSHIP):
                _add_target(rel, targets)
        except (etree.LxmlError, ValueError):
            targets = {}  # unreadable relationships: the parts' usual names
        self.styles = targets.get("styles", "word/styles.xml")
        self.numbering = targets.get("numbering", "word/numbering.xml")

    def elements(
        self, name: str, path: tuple[str, ...], wanted: frozenset[str]
    ) -> Iterator[etree._Element]:
        """The elements with a tag in ``wanted`` that are children of the element at
        ``path`` (tags from the root down; the first such element) in part ``name``
        (none when the part is missing), each as soon as it is complete.

        The part is parsed a chunk at a time, and after each chunk the children that
        are complete of every element of ``path`` are freed, so that memory holds the
        largest child, not the part.  Malformed XML raises ``etree.LxmlError`` (after
        the elements before it).
        """
        if name not in self.names:
            return
        parser = etree.XMLPullParser(events=("start", "end"), tag=[*path, *wanted], **_PARSING)
        chain: list[etree._Element] = []  # the elements of ``path`` met so far
        for chunk in self._chunks(name):
            parser.feed(chunk)
            for event, el in parser.read_events():
                if event == "start":
                    depth = len(chain)
                    if (
                        depth < len(path)
                        and el.tag == path[depth]
                        and el.getparent() is (chain[-1] if chain else None)
                    ):
                        chain.append(el)
                elif len(chain) == len(path) and el.getparent() is chain[-1] and el.tag in wanted:
                    yield el
                    # handled: free its content now, while nothing refers to it (an
                    # element taken out of the tree with a live reference is moved
                    # with all its namespaces, in time quadratic in its size)
                    el.clear()
            for holder in chain:
                # all but the last child are complete, and were yielded if wanted
                if len(holder) > 1:
                    del holder[:-1]
        parser.close()

    def _chunks(self, name: str) -> Iterator[bytes]:
        """The bytes of part ``name`` a chunk at a time, Strict OOXML's namespace
        replaced by the transitional one; at most ``limit`` bytes (the sizes in the
        ZIP directory may lie)."""
        keep = len(_STRICT_W_NS) - 1  # a namespace cut by a chunk's end is kept for the next
        carry = b""
        read = 0
        try:
            with self.archive.open(name) as member:
                while chunk := member.read(_CHUNK):
                    read += len(chunk)
                    if read > self.limit:
                        raise TooLargeError(
                            self.path,
                            f"too large when unpacked ({name} inflates past the limit of "
                            f"{self.limit / 1048576:.1f} MB); the file looks like a ZIP bomb",
                        )
                    data = (carry + chunk).replace(_STRICT_W_NS, _TRANSITIONAL_W_NS)
                    cut = max(len(data) - keep, 0)
                    carry = data[cut:]
                    yield data[:cut]
        except RuntimeError as exc:  # encrypted member
            raise InputError(
                self.path, "the Word document's parts are encrypted; save it without a password"
            ) from exc
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
            KeyError,
        ) as exc:
            raise InputError(self.path, _NOT_READABLE) from exc
        yield carry


def _add_target(rel: etree._Element, targets: dict[str, str]) -> None:
    """Note a relationship to the styles or numbering part: type suffix -> part name."""
    rel_type = str(rel.get("Type") or "").rsplit("/", 1)[-1]
    target = rel.get("Target")
    if rel_type in ("styles", "numbering") and target and rel.get("TargetMode") != "External":
        target = str(target)
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("word", target))
        )
        targets.setdefault(rel_type, name)


# --------------------------------------------------------------------------- body walker


@dataclass(slots=True)
class _Segment:
    text: str
    props: _RunProps


@dataclass(frozen=True, slots=True)
class _Cell:
    """Where a paragraph of a table cell is: the table's identity, the cell's grid
    column and its row."""

    table: int
    column: int
    row: int


@dataclass(slots=True)
class _Walker:
    styles: _Styles
    resolver: NumberingResolver
    budget: LineBudget
    lines: list[Line] = field(default_factory=list)
    paragraph_no: int = 0
    #: Tables met so far (the next table's identity).
    tables: int = 0
    tracked_changes: bool = False
    #: Complex-field stack: True while in the instruction part (begin..separate).
    fields: list[bool] = field(default_factory=list)

    # -- blocks ------------------------------------------------------------

    def blocks(self, parent: etree._Element, cell: _Cell | None) -> None:
        for child in parent.iterchildren():
            self.block(child, cell)

    def block(self, child: etree._Element, cell: _Cell | None) -> None:
        """One block-level element: a paragraph, a table, a content control, ..."""
        tag = child.tag
        if tag == W_P:
            self.paragraph(child, cell)
        elif tag == W_TBL:
            self.table(child)
        elif tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                self.blocks(content, cell)
        elif tag in _BLOCK_CONTAINERS:
            self.tracked_changes |= tag in _TRACKED
            self.blocks(child, cell)
        elif tag in _TRACKED:
            self.tracked_changes = True

    def table(self, tbl: etree._Element) -> None:
        identity = self.tables
        self.tables += 1
        for row_index, row in enumerate(_children(tbl, W_TR)):
            column = _int_val(row.find(f"{_W}trPr/{_W}gridBefore")) or 0
            for tc in _children(row, W_TC):
                tc_pr = tc.find(W_TC_PR)
                span = _int_val(tc_pr.find(_W + "gridSpan")) if tc_pr is not None else None
                merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
                if merge is not None and merge.get(_W + "val", "continue") == "continue":
                    # the cell above runs on: what Word shows here is that cell's
                    self.skip(tc)
                else:
                    self.blocks(tc, _Cell(identity, column, row_index))
                column += max(span or 1, 1)

    def skip(self, element: etree._Element) -> None:
        """Count the paragraphs of ``element`` (provenance) without reading them."""
        self.paragraph_no += sum(1 for _ in element.iter(W_P))

    # -- paragraphs ----------------------------------------------------------

    def paragraph(self, p: etree._Element, cell: _Cell | None) -> None:
        self.paragraph_no += 1
        number = self.paragraph_no
        # An unterminated field instruction does not swallow later paragraphs.
        self.fields = [False for _ in self.fields]
        ppr = p.find(W_PPR)
        p_style = self.styles.paragraph_style(
            _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        )
        num_id: int | None = None
        ilvl: int | None = None
        outline: int | None = None
        if ppr is not None:
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                num_id = _int_val(num_pr.find(_W + "numId"))
                ilvl = _int_val(num_pr.find(_W + "ilvl"))
            outline = _int_val(ppr.find(_W + "outlineLvl"))
        label = self.resolver.next_label(num_id, ilvl, p_style)

        segments: list[_Segment] = []
        textboxes: list[etree._Element] = []
        self.inline(p, p_style, segments, textboxes)

        if outline is not None:
            heading = outline + 1 if 0 <= outline <= 8 else None
        else:
            heading = self.styles.heading_level(p_style)

        pieces = _split(segments)
        first = True
        for piece in pieces:
            text = "".join(segment.text for segment in piece).strip()
            if not text:
                continue
            if first and label is not None:
                text = f"{label.text}{label.suffix}{text}"
            self.budget.take(text)
            self.lines.append(
                Line(
                    text=text,
                    source=Provenance(paragraph=number),
                    style=_style(piece, heading),
                    new_block=first,
                    cell=None if cell is None else (cell.column, cell.row),
                    table=None if cell is None else cell.table,
                )
            )
            first = False
        for box in textboxes:
            self.blocks(box, cell)

    def inline(
        self,
        parent: etree._Element,
        p_style: str | None,
        out: list[_Segment],
        textboxes: list[etree._Element],
    ) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == W_R:
                self.run(child, p_style, out, textboxes)
            elif tag in _INLINE_CONTAINERS:
                self.tracked_changes |= tag in _TRACKED
                self.inline(child, p_style, out, textboxes)
            elif tag in _INLINE_SKIPPED:
                self.tracked_changes |= tag in _TRACKED
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self.inline(content, p_style, out, textboxes)
            elif tag == MC_ALT:
                chosen = _alternate(child)
                if chosen is not None:
                    self.inline(chosen, p_style, out, textboxes)
            elif tag == _M + "oMath" or tag == _M + "oMathPara":
                text = "".join(t.text or "" for t in child.iter(M_T))
                if text:
                    out.append(_Segment(text, _RunProps()))
            elif tag == _W + "ruby":
                base = child.find(_W + "rubyBase")
                if base is not None:
                    self.inline(base, p_style, out, textboxes)

    def run(
        self,
        r: etree._Element,
        p_style: str | None,
        out: list[_Segment],
        textboxes: list[etree._Element],
    ) -> None:
        rpr = r.find(W_RPR)
        direct = _run_props(rpr)
        r_style = _val(rpr.find(_W + "rStyle")) if rpr is not None else None
        props = direct.fill(self.styles.inherited_run(r_style, p_style))
        hidden = bool(props.hidden)
        parts: list[str] = []
        for child in r.iterchildren():
            tag = child.tag
            if tag == W_T:
                if not hidden and not (self.fields and self.fields[-1]):
                    parts.append(child.text or "")
            elif tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    self.fields.append(True)
                elif kind == "separate":
                    if self.fields:
                        self.fields[-1] = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif hidden or (self.fields and self.fields[-1]):
                continue
            elif tag == _W + "tab" or tag == _W + "ptab":
                parts.append("\t")
            elif tag == _W + "br" or tag == _W + "cr":
                parts.append(_BREAK)
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "sym":
                parts.append(_symbol(child))
            elif tag in (_W + "drawing", _W + "pict", _W + "object", MC_ALT):
                _collect_textboxes(child, textboxes)
        if parts:
            out.append(_Segment("".join(parts), props))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and customXml wrappers."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _alternate(el: etree._Element) -> etree._Element | None:
    """The ``mc:AlternateContent`` branch to read: the first Choice, else the Fallback."""
    choice = el.find(MC_CHOICE)
    return choice if choice is not None else el.find(MC_FALLBACK)


def _collect_textboxes(el: etree._Element, out: list[etree._Element]) -> None:
    if el.tag == MC_ALT:
        chosen = _alternate(el)
        found: list[etree._Element] = []
        if chosen is not None:
            _collect_textboxes_in(chosen, found)
        if not found:
            fallback = el.find(MC_FALLBACK)
            if fallback is not None and fallback is not chosen:
                _collect_textboxes_in(fallback, found)
        out.extend(found)
        return
    _collect_textboxes_in(el, out)


def _collect_textboxes_in(el: etree._Element, out: list[etree._Element]) -> None:
    for child in el.iterchildren():
        if child.tag == W_TXBX:
            out.append(child)  # nested boxes are found when this one is read
        elif child.tag == MC_ALT:
            _collect_textboxes(child, out)
        elif isinstance(child.tag, str):
            _collect_textboxes_in(child, out)


def _symbol(el: etree._Element) -> str:
    raw = el.get(_W + "char")
    try:
        code = int(str(raw), 16)
    except (TypeError, ValueError):
        return ""
    if code < 0x20 or 0xE000 <= code <= 0xF8FF or code > 0x10FFFF:
        return ""  # symbol-font private-use code: no reliable Unicode meaning
    return chr(code)


def _split(segments: list[_Segment]) -> list[list[_Segment]]:
    pieces: list[list[_Segment]] = [[]]
    for segment in segments:
        if _BREAK not in segment.text:
            pieces[-1].append(segment)
            continue
        parts = segment.text.split(_BREAK)
        for index, part in enumerate(parts):
            if index:
                pieces.append([])
            if part:
                pieces[-1].append(_Segment(part, segment.props))
    return pieces


def _style(piece: list[_Segment], heading: int | None) -> Style:
    visible = [segment for segment in piece if segment.text.strip()]
    bold = bool(visible) and all(segment.props.bold for segment in visible)
    italic = bool(visible) and all(segment.props.italic for segment in visible)
    sizes: Counter[float] = Counter()
    for segment in visible:
        if segment.props.size is not None:
            sizes[segment.props.size] += len(segment.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else None
    return Style(bold=bold, italic=italic, size=size, heading_level=heading)


# --------------------------------------------------------------------------- public API


def extract_docx(path: Path | str, *, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> Extraction:
    """Read a .docx file into lines (see the module docstring for what they hold)."""
    path = Path(path)
    notes: list[tuple[WarningCode, str]] = []
    with _open_zip(path) as archive:
        package = _Package(path, archive, max_unpacked_bytes)
        try:
            styles = _Styles.parse(
                package.elements(package.styles, (W_STYLES,), frozenset((W_DOC_DEFAULTS, W_STYLE)))
            )
        except (etree.LxmlError, ValueError):
            notes.append(_damaged(package.styles))
            styles = _Styles.parse(())
        numbering = package.elements(
            package.numbering, (W_NUMBERING,), frozenset((W_ABSTRACT_NUM, W_NUM))
        )
        try:
            resolver = NumberingResolver(numbering, styles.numbering_map())
        except (etree.LxmlError, ValueError):
            notes.append(_damaged(package.numbering))
            resolver = NumberingResolver(None, styles.numbering_map())
        walker = _Walker(styles, resolver, LineBudget(path))
        try:
            for block in package.elements(DOCUMENT_PART, (W_DOCUMENT, W_BODY), _BODY_BLOCKS):
                walker.block(block, None)
        except (etree.LxmlError, ValueError) as exc:
            raise InputError(
                path,
                f"the Word document's text part (word/document.xml) is not well-formed XML "
                f"({exc}); the file is damaged -- re-save it from Word as .docx",
            ) from exc
    if resolver.unknown_num_ids:
        ids = ", ".join(str(i) for i in sorted(resolver.unknown_num_ids))
        notes.append(
            (
                WarningCode.DOCX_NUMBERING,
                f"list numbering {ids} is not defined in word/numbering.xml; "
                "those paragraphs have no list label",
            )
        )
    if resolver.capped:
        labels = "1 list label" if resolver.capped == 1 else f"{resolver.capped} list labels"
        notes.append(
            (
                WarningCode.NUMBERING_CAPPED,
                f"{labels} went past Word's limits on list numbers (start values 0 to "
                f"{MAX_START}, labels of at most {MAX_LABEL} characters) and were held to "
                "them; word/numbering.xml is damaged or built to be hostile",
            )
        )
    if walker.tracked_changes:
        notes.append(
            (
                WarningCode.DOCX_TRACKED_CHANGES,
                "the Word document has tracked changes; insertions were kept and deletions "
                "left out (accept or reject them in Word to be sure)",
            )
        )
    return Extraction(walker.lines, format="docx", pages=None, notes=notes)


def _damaged(name: str) -> tuple[WarningCode, str]:
    return (WarningCode.DOCX_DAMAGED_PART, f"{name} is not well-formed XML and was ignored")


#: The options when none are given.
READ_DEFAULTS = ReadOptions()


class DocxExtractor:
    """Extractor for Office Open XML word-processing documents (.docx, .docm)."""

    name = "docx"
    extensions = frozenset({".docx", ".docm", ".dotx"})

    def __init__(self, *, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> None:
        self.max_unpacked_bytes = max_unpacked_bytes

    def accepts(self, path: Path, head: bytes) -> bool:
        if not head.startswith(ZIP_MAGIC):
            return False
        # A readable ZIP without word/document.xml is some other ZIP format; a ZIP
        # that cannot be read at all is taken, so that convert() says it is damaged.
        try:
            with zipfile.ZipFile(path) as archive:
                return DOCUMENT_PART in archive.NameToInfo
        except _ZIP_ERRORS:
            return True

    def misnamed(self, path: Path) -> EmgParseError:
        return UnsupportedFormatError(
            path, "not a Word document (not a ZIP package: damaged, or another format renamed)"
        )

    def convert(self, path: Path, options: ReadOptions = READ_DEFAULTS) -> Extraction:
        """The document's lines (no option concerns Word files: an encrypted .docx is
        an OLE2 file, refused before it gets here)."""
        return extract_docx(path, max_unpacked_bytes=self.max_unpacked_bytes)

    def start(self, path: Path, options: ReadOptions) -> Reading:
        return Done(self.convert(path, options))
