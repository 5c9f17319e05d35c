"""Text and Markdown extractor.

Reads UTF-8 (with or without BOM), UTF-16 with BOM, and falls back to cp1252 and
then latin-1 (noted in the output's warnings).  Understands what outcome documents
saved as text look like:

* Markdown: ``#`` headings (-> ``Style.heading_level``), ``**bold**``/``*italic*``
  wrapping a whole line (-> style flags), ``- `` / ``* `` bullets (removed), ``---``
  rules and table separator rows (dropped, and the next line starts a new block),
  backslash escapes, and inline HTML such as ``<b>`` and ``<sup>`` (tags removed).
* Table rows: cells separated by tabs or ``|`` become separate lines with
  ``Line.cell`` set; inside a cell, a run of two or more spaces separates lines.
* Plain text saved from a PDF: lines not separated by a blank line have
  ``new_block=False`` so the clean-up stage can join wrapped lines.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from emg_parse.errors import InputError, NoTextError
from emg_parse.labels import split_label
from emg_parse.lines import Extraction, Line, Provenance, Style

_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*\|?(?:\s*:?-{3,}:?\s*(?:\||\t|$))+\s*$")
_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+\\?\.(?=\s+[a-zA-Z(]+[.)]\s))\s+")
_BOLD_ALL = re.compile(r"^(?:\*\*|__|<b>|<strong>)(?P<text>.*)(?:\*\*|__|</b>|</strong>)$", re.I)
_ITALIC_ALL = re.compile(r"^(?:\*|_|<i>|<em>)(?P<text>.*?)(?:\*|_|</i>|</em>)$", re.I)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|br|p)\b[^>]*>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_ESCAPED = re.compile("[\U000F0000-\U000F007F]")
_CELL_GAP = re.compile(r" {2,}")

_ENCODINGS = ("utf-8", "cp1252", "latin-1")


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; never raises for a byte string without NULs."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, "not readable text (broken UTF-16)") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not readable text")  # pragma: no cover - latin-1 decodes all


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes (except in UTF-16 with a BOM) and few control characters."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(head) // 100)


def _strip_inline(text: str) -> str:
    # Escaped characters are set aside (as private-use code points) so that an
    # escaped "\*" is never read as emphasis, then put back.
    text = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), text)
    return html.unescape(text)


def _line_style(text: str) -> tuple[str, Style]:
    """Strip heading markers and whole-line emphasis, returning the text and its style."""
    level = None
    if m := _HEADING.match(text):
        level, text = len(m["hashes"]), m["text"]
    bold = italic = False
    for _ in range(3):  # "***x***", "*<b>x</b>*"
        text = text.strip()
        if m := _BOLD_ALL.match(text):
            bold, text = True, m["text"]
        elif (m := _ITALIC_ALL.match(text)) and m["text"].strip():
            italic, text = True, m["text"]
        else:
            break
    return text, Style(bold=bold, italic=italic, heading_level=level)


def lines_from_text(text: str) -> list[Line]:
    """Split decoded text into :class:`Line` objects (pure; see the module docstring)."""
    lines: list[Line] = []
    new_block = True
    row = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            new_block = True
            continue
        if _RULE.match(raw):
            new_block = True
            continue
        body = _BULLET.sub("", raw, count=1)
        if split_label(body.strip()) is None and ("\t" in body.strip() or "|" in body):
            cells = [c for c in re.split(r"\t+|\s*\|\s*", body.strip().strip("|")) if c.strip()]
        else:
            cells = [body]
        source = Provenance(line=number)
        for column, cell_text in enumerate(cells):
            parts = _CELL_GAP.split(cell_text.strip()) if len(cells) > 1 else [cell_text]
            for part in parts:
                content, style = _line_style(part)
                content = _strip_inline(content)
                if not content.strip():
                    continue
                lines.append(
                    Line(
                        text=content,
                        source=source,
                        style=style,
                        new_block=new_block or len(cells) > 1 or style.heading_level is not None,
                        cell=(column, row) if len(cells) > 1 else None,
                    )
                )
                new_block = False
        if len(cells) > 1:
            row += 1
            new_block = True
        elif lines and lines[-1].style.heading_level is not None:
            new_block = True
    return lines


class TextExtractor:
    """UTF-8 / cp1252 / latin-1 text and Markdown."""

    name = "text"

    def accepts(self, path: Path, head: bytes) -> bool:
        return looks_like_text(head)

    def convert(self, path: Path, *, password: str | None = None) -> Extraction:
        data = path.read_bytes()
        text, encoding = decode(data, path)
        lines = lines_from_text(text)
        if not lines:
            raise NoTextError(path, "no text in the file; is it the right file?")
        notes = []
        if encoding not in ("utf-8", "utf-16"):
            notes.append(("decoded_fallback", f"not valid UTF-8; decoded as {encoding}"))
        return Extraction(lines=lines, format="text", pages=None, notes=notes)
