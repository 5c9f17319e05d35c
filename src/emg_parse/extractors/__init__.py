"""Extractor registry: one extractor per format behind ``accepts()`` / ``convert()``.

The format is recognised from the file's first bytes (PDF magic, ZIP holding
``word/document.xml``, OLE2 for old ``.doc``) and only then from its extension,
so a mis-named file is read as what it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from emg_parse.lines import Extraction


class Extractor(Protocol):
    """A reader for one document format."""

    name: str

    def accepts(self, path: Path, head: bytes) -> bool:
        """True when this extractor reads the file whose first bytes are ``head``."""
        ...

    def convert(self, path: Path, *, password: str | None = None) -> Extraction:
        """Read the file into lines; raise an ``EmgParseError`` subclass on bad input."""
        ...
