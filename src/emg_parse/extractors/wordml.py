"""WordprocessingML basics shared by the Word extractor and its numbering resolver."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: Clark-notation prefixes: ``W + "p"`` is ``{...wordprocessingml...}p``.
W = "{" + W_NS + "}"
MC = "{" + MC_NS + "}"


def val(el: etree._Element | None) -> str | None:
    """The ``w:val`` attribute of ``el`` (None when ``el`` or the attribute is missing)."""
    if el is None:
        return None
    value = el.get(W + "val")
    return None if value is None else str(value)


def int_val(el: etree._Element | None) -> int | None:
    """``w:val`` as an integer; None when missing or not a number."""
    value = val(el)
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None
