"""The PDF engines, named once: ``emg-parse --engine``'s choices and
:attr:`emg_parse.extractors.ReadOptions.engine` (each engine is a module of
:mod:`emg_parse.extractors.pdf`).  A module of its own, importing nothing, so that the
command line can offer them without importing the extractors.
"""

from __future__ import annotations

from typing import Literal, get_args

#: pdfium (fast, the default) or pdfplumber (pure Python, slower); the same output.
PdfEngine = Literal["pdfium", "pdfplumber"]
PDF_ENGINES: tuple[PdfEngine, ...] = get_args(PdfEngine)
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"
